#!/bin/sh
# Delete asks first and is refused, with the reason, when something depends
# on the record: a member with loans, a group with members. Nothing changes.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

row=$(sql "SELECT m.code, (SELECT count(*) FROM loans WHERE member_id = m.id) FROM members m
	WHERE EXISTS (SELECT 1 FROM loans WHERE member_id = m.id) ORDER BY m.code LIMIT 1")
member=${row%%|*}
nloans=${row#*|}
before=$(sql "SELECT (SELECT count(*) FROM members) || ' ' || (SELECT count(*) FROM groups) || ' ' || (SELECT count(*) FROM audit)")

ui_start
wait_for "1 Xã và ấp"
keys 3
wait_for "3 Tổ viên"
keys /
wait_for "Enter: xong"
type_text "$member"
wait_for "/$member   1 kết quả"
keys Enter
keys F8
wait_for "Xóa Tổ viên $member? (c/k)"
keys c
wait_for "không thể xóa Tổ viên $member: tổ viên còn $nloans món vay"

keys 2
wait_for "2 Tổ TK&VV"
group=$(line 3 | awk '{print $1}')
keys F8
wait_for "Xóa Tổ $group? (c/k)"
keys k
wait_gone "(c/k)"
[ "$(sql "SELECT count(*) FROM groups WHERE code = '$group'")" -eq 1 ] || fail "k deleted the group"
keys F8
wait_for "Xóa Tổ $group? (c/k)"
keys c
wait_for "không thể xóa Tổ $group: còn"
ui_quit

after=$(sql "SELECT (SELECT count(*) FROM members) || ' ' || (SELECT count(*) FROM groups) || ' ' || (SELECT count(*) FROM audit)")
[ "$before" = "$after" ] || fail "refused deletes changed the database: $before -> $after"
