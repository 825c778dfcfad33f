#!/bin/sh
# Moving a member to another group by hand: the group is picked from a list
# filtered as it is typed, saving asks for the reason, Esc at the reason
# saves nothing, and the move is kept in the membership history.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

row=$(sql "SELECT m.code, g.code, (SELECT g2.code FROM groups g2 WHERE g2.hamlet_id = g.hamlet_id
	AND g2.id <> g.id AND g2.status = 'active' ORDER BY g2.code LIMIT 1)
	FROM members m JOIN groups g ON g.id = m.group_id
	WHERE (SELECT count(*) FROM groups g2 WHERE g2.hamlet_id = g.hamlet_id AND g2.status = 'active') > 1
	AND m.code NOT IN (SELECT ifnull(leader_code, '') FROM groups) ORDER BY m.code LIMIT 1")
IFS='|' read -r member from to <<EOF2
$row
EOF2
[ -n "$to" ] || fail "no member to move"

ui_start
wait_for "1 Xã và ấp"
keys 3
wait_for "3 Tổ viên"
keys /
wait_for "Enter: xong"
type_text "$member"
wait_for "/$member   1 kết quả"
keys Enter
keys F4
wait_for "Sửa: Tổ viên"
keys Tab Tab Tab C-u
type_text "$to"
# The pick list shows the group's code and name; the field, once taken,
# has the name beside it.
name=$(sql "SELECT name FROM groups WHERE code = '$to'")
wait_for " $to  $name"
keys Enter
wait_gone " $to  $name"
screen | grep "Tổ \* $to " | grep -qF "$name" || fail "no group name beside the field"
keys F2
wait_for "Lý do chuyển"
expect "từ tổ $from sang tổ $to:"
keys Escape
wait_for "Chưa lưu: chuyển tổ cần có lý do"
[ "$(sql "SELECT g.code FROM members m JOIN groups g ON g.id = m.group_id WHERE m.code = '$member'")" = "$from" ] ||
	fail "moved without a reason"
keys F2
wait_for "Lý do chuyển"
type_text "Gần nhà tổ trưởng mới"
keys Enter
wait_for "Đã lưu: Tổ viên $member"
ui_quit

[ "$(sql "SELECT g.code FROM members m JOIN groups g ON g.id = m.group_id WHERE m.code = '$member'")" = "$to" ] ||
	fail "the member did not move"
[ "$(sql "SELECT count(*) FROM memberships ms JOIN members m ON m.id = ms.member_id JOIN groups g ON g.id = ms.group_id
	WHERE m.code = '$member' AND g.code = '$from' AND ms.to_on = date('now', 'localtime')")" -eq 1 ] ||
	fail "the old membership is not closed today"
[ "$(sql "SELECT count(*) FROM memberships ms JOIN members m ON m.id = ms.member_id JOIN groups g ON g.id = ms.group_id
	WHERE m.code = '$member' AND g.code = '$to' AND ms.to_on IS NULL AND ms.reason = 'Gần nhà tổ trưởng mới'")" -eq 1 ] ||
	fail "the new membership does not carry the reason"
