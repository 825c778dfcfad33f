# Shared by the command-line scripts: the locale of the run, the program, a
# temporary folder of the script's own (removed on exit) with the XDG
# folders in it, a config in English (ui_language=vi before sourcing for
# Vietnamese) written both as $tmp/tkvv.ini and as the XDG default, fail
# and need. Source it after `set -eu`; NAME=… before it names the folder.
: "${top_builddir:=.}"
: "${top_srcdir:=.}"
tkvv=$(cd "$top_builddir" && pwd)/tkvv
data=$top_srcdir/tests/data
# The locale of the run: C.UTF-8, or TKVV_TEST_LOCALE (tests/local.mk).
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
unset LANGUAGE 2>/dev/null || true
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tkvv-${NAME:-cli}-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
mkdir -p "$XDG_CONFIG_HOME/tkvv"
printf '[general]\nlanguage = %s\n' "${ui_language:-en}" >"$tmp/tkvv.ini"
cp "$tmp/tkvv.ini" "$XDG_CONFIG_HOME/tkvv/tkvv.ini"
fail() { echo "FAIL: $*" >&2; exit 1; }
need() {
	for c; do
		command -v "$c" >/dev/null || { echo "SKIP: $c is not installed" >&2; exit 77; }
	done
}
