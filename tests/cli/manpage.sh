#!/bin/sh
# The manual page doc/tkvv.1: groff renders it without a warning (-ww), and
# it names every command and option of the usage lines of `tkvv --help`,
# every config key tkvv writes in a fresh config, and every exit status.
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
tkvv=$(cd "$top_builddir" && pwd)/tkvv
page=$top_srcdir/doc/tkvv.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v groff >/dev/null || { echo "SKIP: no groff"; exit 77; }
printf '[general]\nlanguage = en\n' > "$tmp/en.ini"

LC_ALL=C.UTF-8 MANWIDTH=80 groff -ww -b -z -man -Tutf8 "$page" 2> "$tmp/warn" \
	|| fail "groff failed on tkvv.1: $(cat "$tmp/warn")"
[ ! -s "$tmp/warn" ] || fail "groff warns on tkvv.1: $(head -3 "$tmp/warn")"
# The text as man shows it, hyphenation and adjustment off so words stay whole.
{ printf '.nh\n.ad l\n'; cat "$page"; } | LC_ALL=C.UTF-8 groff -man -Tutf8 -rLL=200n 2>/dev/null \
	| sed 's/.\x08//g' > "$tmp/page.txt"
grep -q '^NAME' "$tmp/page.txt" || fail "tkvv.1 renders no NAME section"
for sec in SYNOPSIS DESCRIPTION COMMANDS FILES CONFIGURATION ENVIRONMENT 'EXIT STATUS'; do
	grep -q "^$sec" "$tmp/page.txt" || fail "tkvv.1 has no $sec section"
done

"$tkvv" --config "$tmp/en.ini" --help | sed -n 's/^  tkvv //p' > "$tmp/usage"
[ "$(wc -l < "$tmp/usage")" -ge 12 ] || fail "tkvv --help lists: $(cat "$tmp/usage")"
while read -r cmd rest; do
	grep -q "^ *tkvv $cmd\b" "$tmp/page.txt" || fail "tkvv.1 has no section for the command $cmd"
	for opt in $(printf '%s\n' "$rest" | grep -o -- '--[a-z-]*' | sort -u); do
		grep -q -- "$opt\b" "$tmp/page.txt" || fail "tkvv.1 does not name $cmd's option $opt"
	done
done < "$tmp/usage"
for opt in --db --config --help --version; do
	grep -q -- "$opt\b" "$tmp/page.txt" || fail "tkvv.1 does not name the option $opt"
done

# Every key of a fresh config, by section (score keys by their criterion).
"$tkvv" --config "$tmp/fresh.ini" --db "$tmp/t.db" summary > /dev/null
sect=
while IFS= read -r line; do
	case $line in
	\;* | '') ;;
	\[*) sect=$line ;;
	*)
		key=$(printf '%s' "${line%%=*}" | tr -d ' ')
		case $sect in
		'[score]') crit=${key%%_*}
			case $key in grade_*) crit=$key ;; esac
			grep -q -- "$crit" "$tmp/page.txt" || fail "tkvv.1 does not name [score] $key" ;;
		*) grep -q -- "$key" "$tmp/page.txt" || fail "tkvv.1 does not name $sect $key" ;;
		esac ;;
	esac
done < "$tmp/fresh.ini"
for sect in '[general]' '[groups]' '[quality]' '[score]' '[keys]'; do
	grep -qF "$sect" "$tmp/page.txt" || fail "tkvv.1 does not name the section $sect"
done
for rc in 0 1 2 3; do
	sed -n '/^EXIT STATUS/,/^[A-Z]/p' "$tmp/page.txt" | grep -q "^ *$rc\b" || fail "tkvv.1 does not give exit status $rc"
done
echo "ok: manpage"
