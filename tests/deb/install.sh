#!/bin/sh
# The Debian package tkvv_*.deb ($1) installs and runs: unpacked with
# dpkg -x into a temporary folder, its tkvv prints its version, the manual
# page renders and the completion loads; its dependencies are Debian's
# packages and all installed here. As root with CI=true, it is also
# installed for real with dpkg -i, run from /usr/bin, and removed (dpkg -r).
set -eu
deb=${1:?usage: tests/deb/install.sh tkvv_VERSION_ARCH.deb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

dpkg-deb --info "$deb" > "$tmp/info"
dep=$(dpkg-deb -f "$deb" Depends)
for lib in libsqlite3 libncursesw6 libunistring libiniparser libxlsxwriter libcairo2 fonts-dejavu-core; do
	printf '%s\n' "$dep" | grep -q "$lib" || fail "Depends lacks $lib: $dep"
done
# Every dependency is a package apt knows and is installed.
for p in $(printf '%s\n' "$dep" | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g'); do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || fail "dependency $p is not installed"
done
dpkg -x "$deb" "$tmp/root"
for f in usr/bin/tkvv usr/share/man/man1/tkvv.1.gz usr/share/bash-completion/completions/tkvv \
	usr/share/locale/vi/LC_MESSAGES/tkvv.mo usr/share/doc/tkvv/copyright \
	usr/share/doc/tkvv/interfaces.md usr/share/doc/tkvv/README.md.gz; do
	[ -e "$tmp/root/$f" ] || [ -e "$tmp/root/${f%.gz}" ] || [ -e "$tmp/root/$f.gz" ] || fail "the package has no /$f"
done
version=$(dpkg-deb -f "$deb" Version)
"$tmp/root/usr/bin/tkvv" --version > "$tmp/v" || fail "tkvv --version failed"
grep -q "${version%%-*}" "$tmp/v" || fail "tkvv --version says $(cat "$tmp/v"), the package is $version"
# It works on a database, not only --version.
printf '[general]\nlanguage = en\n' > "$tmp/en.ini"
"$tmp/root/usr/bin/tkvv" --config "$tmp/en.ini" --db "$tmp/t.db" summary > "$tmp/sum" || fail "tkvv summary failed"
MANWIDTH=80 man -l "$tmp/root/usr/share/man/man1/tkvv.1.gz" 2>&1 | grep -q 'EXIT STATUS' || fail "the manual page does not render"
bash --norc -c ". '$tmp/root/usr/share/bash-completion/completions/tkvv' && complete -p tkvv" >/dev/null \
	|| fail "the completion does not load"
echo "ok: $deb unpacks and runs ($(cat "$tmp/v"))"

if [ "${CI:-}" = true ] && [ "$(id -u)" -eq 0 ]; then
	if dpkg-query -W -f='${Status}' tkvv 2>/dev/null | grep -q "ok installed"; then
		echo "SKIP: tkvv is already installed; not installing over it" >&2
		exit 0
	fi
	dpkg -i "$deb" > "$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg -i failed"; }
	rc=0
	/usr/bin/tkvv --version > "$tmp/v2" || rc=$?
	dpkg -r tkvv > "$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg -r failed"; }
	[ "$rc" -eq 0 ] || fail "/usr/bin/tkvv --version failed after dpkg -i"
	[ ! -e /usr/bin/tkvv ] || fail "dpkg -r left /usr/bin/tkvv"
	echo "ok: dpkg -i, /usr/bin/tkvv --version ($(cat "$tmp/v2")), dpkg -r"
fi
