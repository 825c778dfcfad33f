#!/bin/sh
# tkvv demo from the command line: usage errors exit 2 with one line, a
# district fills an empty file and says what it made, a second run on the
# same file is refused with one line and exit 1, and the same seed gives
# the same file content.
set -eu
# The locale of the run: C.UTF-8, or TKVV_TEST_LOCALE (tests/local.mk).
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
tkvv=${top_builddir:-.}/tkvv
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing"; exit 77; }
dir=$(mktemp -d /tmp/tkvv-demo-XXXXXX)
trap 'rm -rf "$dir"' EXIT
export XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
# The messages these tests read are the English ones.
mkdir -p "$XDG_CONFIG_HOME/tkvv" && printf '[general]\nlanguage = en\n' >"$XDG_CONFIG_HOME/tkvv/tkvv.ini"
fail() { echo "FAIL: $*"; exit 1; }

# Run tkvv with ARGS, expecting exit status WANT; stderr goes to $dir/err.
expect() {
	want=$1; shift
	rc=0
	"$tkvv" "$@" >"$dir/out" 2>"$dir/err" || rc=$?
	[ "$rc" -eq "$want" ] || fail "tkvv $*: exit $rc, wanted $want"
}

for args in "--scale county" "--seed x" "--seed -3" "--bogus" "extra"; do
	# shellcheck disable=SC2086
	expect 2 --db "$dir/usage.db" demo $args
	[ "$(wc -l <"$dir/err")" -eq 1 ] || fail "demo $args: not one line of error"
done

expect 0 --db "$dir/a.db" demo --seed 4
grep -q '17 communes' "$dir/out" || fail "no summary line: $(cat "$dir/out")"
grep -q ' s$' "$dir/out" || fail "no time taken: $(cat "$dir/out")"
[ "$(sqlite3 "$dir/a.db" 'SELECT count(*) FROM communes')" -eq 17 ] || fail "not 17 communes"

expect 1 --db "$dir/a.db" demo
[ "$(wc -l <"$dir/err")" -eq 1 ] || fail "refusal is not one line"
grep -q 'not empty' "$dir/err" || fail "refusal does not say why: $(cat "$dir/err")"
[ "$(sqlite3 "$dir/a.db" 'SELECT count(*) FROM audit WHERE action = '"'demo'")" -eq 1 ] ||
	fail "the refused run wrote something"

expect 0 --db "$dir/b.db" demo --seed 4 --scale district
dump() {
	sqlite3 "$1" "SELECT * FROM members ORDER BY id; SELECT * FROM payments ORDER BY id;" | cksum
}
[ "$(dump "$dir/a.db")" = "$(dump "$dir/b.db")" ] || fail "the same seed made different files"
echo "ok"
