#!/bin/sh
# Screen 2 marks a group above groups.max_members ("215!"), not the others,
# and the help screen says what the mark means.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

group=$(sql "SELECT code FROM groups WHERE status = 'active' ORDER BY code LIMIT 1")
other=$(sql "SELECT code FROM groups WHERE status = 'active' ORDER BY code LIMIT 1 OFFSET 1")
# A bank's file puts every member of the group's hamlet in it.
hamlet=$(sql "SELECT h.code FROM groups g JOIN hamlets h ON h.id = g.hamlet_id WHERE g.code = '$group'")
"$tkvv" --db "$db" --config "$ini" export members "$tmp/all.csv"
python3 - "$tmp/all.csv" "$tmp/big.csv" "$hamlet" "$group" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
h, g = rows[0].index('hamlet_code'), rows[0].index('group_code')
out = [rows[0]] + [r[:g] + [sys.argv[4]] + r[g + 1:] for r in rows[1:] if r[h] == sys.argv[3]]
csv.writer(open(sys.argv[2], 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(out)
PY
"$tkvv" --db "$db" --config "$ini" import members "$tmp/big.csv" >"$tmp/import.out" ||
	fail "import: $(cat "$tmp/import.out")"
n=$(sql "SELECT count(*) FROM members WHERE group_id = (SELECT id FROM groups WHERE code = '$group')")
[ "$n" -gt 60 ] || fail "the hamlet has only $n members"
grep -qF "cảnh báo: " "$tmp/import.out" && grep -qF "$group ($n)" "$tmp/import.out" ||
	fail "the import did not warn: $(cat "$tmp/import.out")"

ui_start
wait_for "1 Xã và ấp"
keys 2
wait_for "2 Tổ TK&VV"
keys /
wait_for "Enter: xong"
type_text "$group"
wait_for "/$group   1 kết quả"
keys Enter
screen | grep "^$group " | grep -qE " $n! " || fail "group $group of $n members is not marked"
keys /
wait_for "Enter: xong"
type_text "$other"
wait_for "/$other   1 kết quả"
keys Enter
row=$(screen | grep "^$other ")
[ -n "$row" ] || fail "no row for $other"
echo "$row" | grep -q "!" && fail "group $other is marked: $row"
keys F1
wait_for "số tổ viên có dấu ! là vượt groups.max_members"
keys Escape
ui_quit
echo "group_size: ok"
