#!/bin/sh
# The field rules in the forms: a 20-digit phone and an 11-digit CCCD are
# refused with the reason on the message line; a payment dated after today
# too; a HN loan of 150.000.000 (ceiling 100.000.000) asks first: n keeps
# the form and saves nothing, y saves it marked as intended.
set -eu
. "$top_srcdir/tests/tui/lib.sh"
export TKVV_TODAY=2026-10-31

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
type_text "TUIV001"; keys Tab
type_text "Lê Thị Quy Tắc"; keys Tab
type_text "$hamlet"; keys Tab
type_text "$group"; keys Tab
type_text "01234567890123456789"; keys Tab
wait_for "Điện thoại: 01234567890123456789 có 20 chữ số; số điện thoại có 10"
keys C-u
type_text "+84 912 000 222"; keys Tab
wait_gone "có 20 chữ số"
type_text "84185000100"; keys Tab
wait_for "Số CCCD: 84185000100 có 11 chữ số; CCCD có 12"
keys F2
wait_for "Số CCCD: 84185000100 có 11 chữ số"
[ "$(sql "SELECT count(*) FROM members")" -eq "$members" ] || fail "a member was saved with an 11-digit CCCD"
keys C-u
type_text "001185000100"
keys F2
wait_for "Đã lưu: Tổ viên TUIV001"
[ "$(sql "SELECT phone || ' ' || national_id FROM members WHERE code = 'TUIV001'")" = \
	"0912000222 001185000100" ] || fail "the member's phone or CCCD is not stored normalised"

loans=$(sql "SELECT count(*) FROM loans")
keys 4
wait_for "4 Món vay"
keys F7
wait_for "Thêm: Món vay"
type_text "TUIVL01"; keys Tab
type_text "TUIV001"; keys Tab
type_text "HN"; keys Tab
type_text "150.000.000"; keys Tab
keys C-u
type_text "01/01/2030"; keys Tab
wait_for "Ngày giải ngân: 01/01/2030 sau ngày hôm nay (31/10/2026)"
keys C-u
type_text "15/10/2026"; keys Tab
keys C-u
type_text "15/10/2029"; keys Tab
keys F2
wait_for "Vẫn lưu (c/k)? Số tiền: 150.000.000 vượt mức tối đa của HN (100.000.000)"
keys n
wait_for "Chưa lưu"
expect "Thêm: Món vay"
[ "$(sql "SELECT count(*) FROM loans")" -eq "$loans" ] || fail "n saved the loan"
keys F2
wait_for "Vẫn lưu (c/k)?"
keys y
wait_for "Đã lưu: Món vay TUIVL01"
ui_quit

[ "$(sql "SELECT amount || ' ' || rate_ppm || ' ' || override FROM loans WHERE code = 'TUIVL01'")" = \
	"150000000 5200 1" ] || fail "the loan is not saved as confirmed"
