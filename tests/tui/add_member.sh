#!/bin/sh
# Add a member: a wrong date is refused beside the field and the cursor
# stays; the right one saves; an accent-free search finds the new member.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

row=$(sql "SELECT g.code, h.code FROM groups g JOIN hamlets h ON h.id = g.hamlet_id
	WHERE g.status = 'active' ORDER BY g.code LIMIT 1")
group=${row%%|*}
hamlet=${row#*|}
members=$(sql "SELECT count(*) FROM members")

ui_start
wait_for "1 Xã và ấp"
keys 3
wait_for "3 Tổ viên"
keys F7
wait_for "Thêm: Tổ viên"
type_text "TUI0001"; keys Tab
type_text "Nguyễn Thị Thử Nghiệm"; keys Tab
type_text "$hamlet"; keys Tab
type_text "$group"; keys Tab
type_text "0912 000 111"; keys Tab
keys Tab
type_text "ngheo"; keys Tab
type_text "31/02/2024"; keys Tab
wait_for "Ngày vào tổ: 31/02/2024 là ngày không có thật"
line 11 | grep -qF "là ngày không có thật" || fail "the error is not beside the date"
keys F2
wait_for "Ngày vào tổ: 31/02/2024"
[ "$(sql "SELECT count(*) FROM members")" -eq "$members" ] || fail "a member was saved with a wrong date"

keys C-u
type_text "29/02/2024"
keys F2
wait_for "Đã lưu: Tổ viên TUI0001"
keys /
wait_for "Enter: xong"
type_text "thu nghiem"
wait_for "/thu nghiem   1 kết quả"
expect "Nguyễn Thị Thử Nghiệm"
keys Enter
ui_quit

[ "$(sql "SELECT count(*) FROM members WHERE code = 'TUI0001' AND full_name = 'Nguyễn Thị Thử Nghiệm'
	AND name_folded = 'nguyen thi thu nghiem' AND phone_digits = '0912000111'
	AND joined_on = '2024-02-29' AND category = 'ngheo'
	AND group_id = (SELECT id FROM groups WHERE code = '$group')")" -eq 1 ] || fail "the member is not stored as typed"
[ "$(sql "SELECT count(*) FROM memberships WHERE member_id = (SELECT id FROM members WHERE code = 'TUI0001')
	AND from_on = '2024-02-29' AND to_on IS NULL")" -eq 1 ] || fail "no membership opened"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'add' AND entity = 'member' AND code = 'TUI0001'")" -eq 1 ] ||
	fail "no audit row"
