#!/bin/sh
# Bash completion (doc/tkvv.bash) through bash's own machinery: the script
# registers a function for `tkvv` (complete -p), which completes `tkvv re`
# to the commands starting with re, `tkvv import --` to its options, kinds,
# subcommands and option values; and every command and option of the
# usage lines of `tkvv --help` is completed.
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
tkvv=$(cd "$top_builddir" && pwd)/tkvv
script=$(cd "$top_srcdir" && pwd)/doc/tkvv.bash
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v bash >/dev/null || { echo "SKIP: no bash"; exit 77; }
printf '[general]\nlanguage = en\n' > "$tmp/en.ini"

# complete WORDS...: what bash's completion offers for the command line
# "WORDS" with the cursor at the end of the last word, one per line, sorted.
complete_line() {
	bash --norc --noprofile -c '
		. "$1"; shift
		spec=$(complete -p tkvv) || exit 3
		fn=$(printf "%s\n" "$spec" | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
		[ -n "$fn" ] || exit 4
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		"$fn" tkvv "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort' bash "$script" "$@"
}
expect() { # expect "WANTED" WORDS...
	want=$1; shift
	got=$(complete_line "$@" | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] || fail "tkvv completion of '$*': got '$got', want '$want'"
}

bash --norc -c ". '$script'; complete -p tkvv" | grep -q -- '-F _tkvv tkvv$' \
	|| fail "doc/tkvv.bash does not register a completion function for tkvv"
expect "regroup report" tkvv re
expect "--encoding --help --sheet" tkvv import --
expect "cp1258" tkvv import members x.csv --encoding cp
expect "--force --format" tkvv export --f
expect "--max --max-moves" tkvv --db x.db regroup --ma
expect "communes" tkvv import comm
expect "kpi" tkvv report k
expect "apply" tkvv plan ap
expect "csv json text xlsx" tkvv export members --format ""
expect "tab" tkvv export members --sep t
expect "district province" tkvv demo --scale ""
expect "--config --db --help --version" tkvv --
expect "search" tkvv --db x.db --config c.ini sea
: > "$tmp/members.csv"
(cd "$tmp" && complete_line tkvv import members mem) | grep -qx members.csv \
	|| fail "tkvv import members mem<TAB> does not offer members.csv"

# Every command and option of `tkvv --help`'s usage lines is completed.
"$tkvv" --config "$tmp/en.ini" --help | sed -n 's/^  tkvv //p' > "$tmp/usage"
[ "$(wc -l < "$tmp/usage")" -ge 12 ] || fail "tkvv --help lists: $(cat "$tmp/usage")"
cmds=$(complete_line tkvv "")
while read -r cmd rest; do
	printf '%s\n' "$cmds" | grep -qx "$cmd" || fail "command $cmd is not completed"
	opts=$(complete_line tkvv "$cmd" --)
	for opt in $(printf '%s\n' "$rest" | grep -o -- '--[a-z-]*' | sort -u); do
		printf '%s\n' "$opts" | grep -qx -- "$opt" || fail "tkvv $cmd: option $opt is not completed"
	done
done < "$tmp/usage"
echo "ok: completion"
