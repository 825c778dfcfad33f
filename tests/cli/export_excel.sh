#!/bin/sh
# export --bom and --sep ';' (or tab): the CSV Excel opens directly in a
# Vietnamese locale. The BOM comes first, the separator is ';' (a field holding one is
# quoted), and the file imports back into a new database as it was.
set -eu
NAME=excel
. "${top_srcdir:-.}/tests/cli/lib.sh"
tk() { "$tkvv" --config "$tmp/tkvv.ini" "$@"; }

for kind in communes hamlets groups members loans payments; do
	tk --db "$tmp/a.db" import "$kind" "$data/$kind.csv" >/dev/null
done
# A name with the separator in it, which must be quoted.
printf 'commune_code,name,kind\nX09,"Xã Mới; Đông",xa\n' >"$tmp/c.csv"
tk --db "$tmp/a.db" import communes "$tmp/c.csv" >/dev/null

for kind in communes hamlets groups members loans payments; do
	tk --db "$tmp/a.db" export "$kind" "$tmp/$kind.csv" --bom --sep ';'
	[ "$(head -c 3 "$tmp/$kind.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ] ||
		fail "$kind: no UTF-8 BOM first: $(head -c 8 "$tmp/$kind.csv" | od -An -c)"
	header=$(head -n 1 "$tmp/$kind.csv" | tail -c +4)
	plain=$(tk --db "$tmp/a.db" export "$kind" | head -n 1)
	[ "$header" = "$(printf '%s' "$plain" | tr ',' ';')" ] ||
		fail "$kind: header '$header', not the columns separated by ';'"
	case $header in *,*) fail "$kind: a comma in the header: $header" ;; esac
	tk --db "$tmp/b.db" import "$kind" "$tmp/$kind.csv" >/dev/null ||
		fail "$kind: the --bom --sep ';' file does not import back"
done
# Compared once every kind is in (a loan's outstanding follows its payments).
for kind in communes hamlets groups members loans payments; do
	tk --db "$tmp/a.db" export "$kind" >"$tmp/a.out"
	tk --db "$tmp/b.db" export "$kind" >"$tmp/b.out"
	cmp -s "$tmp/a.out" "$tmp/b.out" || fail "$kind: re-imported rows differ: $(diff "$tmp/a.out" "$tmp/b.out" | head -5)"
done
grep -q '^X09;"Xã Mới; Đông";xa' "$tmp/communes.csv" ||
	fail "the name with ';' is not quoted: $(grep X09 "$tmp/communes.csv")"

# Each alone: --bom keeps the commas; --sep ';' writes no BOM; neither: as before.
tk --db "$tmp/a.db" export communes - --bom | head -n 1 | grep -q "$(printf '^\357\273\277commune_code,name,kind')" ||
	fail "--bom alone"
tk --db "$tmp/a.db" export communes --sep ';' | head -n 1 | grep -q '^commune_code;name;kind' ||
	fail "--sep ';' alone"
tk --db "$tmp/a.db" export communes | head -n 1 | grep -q '^commune_code,name,kind' ||
	fail "the default export changed"

# --sep tab: tab-separated, and it imports back (the reader finds the tab).
tk --db "$tmp/a.db" export members "$tmp/m.tsv" --sep tab
head -n 1 "$tmp/m.tsv" | grep -q "$(printf '^member_code\t')" || fail "--sep tab: $(head -n 1 "$tmp/m.tsv")"
for kind in communes hamlets groups; do
	tk --db "$tmp/a.db" export "$kind" "$tmp/$kind.tsv" --sep tab
	tk --db "$tmp/c.db" import "$kind" "$tmp/$kind.tsv" >/dev/null || fail "$kind: the tab file does not import"
done
tk --db "$tmp/c.db" import members "$tmp/m.tsv" >/dev/null || fail "the tab members file does not import"
tk --db "$tmp/a.db" export members >"$tmp/a.out"
tk --db "$tmp/c.db" export members >"$tmp/c.out"
cmp -s "$tmp/a.out" "$tmp/c.out" || fail "members via tab differ: $(diff "$tmp/a.out" "$tmp/c.out" | head -5)"

# Usage errors (exit 2, one line, no file): another separator, or json/text.
for args in "--sep x" "--sep ;;" "--bom --format json" "--sep ; --format text"; do
	# shellcheck disable=SC2086
	set +e; tk --db "$tmp/a.db" export communes "$tmp/u.csv" $args >"$tmp/out" 2>"$tmp/err"; rc=$?; set -e
	[ "$rc" -eq 2 ] || fail "export $args exited $rc, not 2"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "export $args: not one line: $(cat "$tmp/err")"
	[ ! -e "$tmp/u.csv" ] || fail "export $args wrote the file"
done
echo "export_excel.sh: all passed"
