#!/bin/sh
# Edit a loan: a wrong amount is refused, the right one saved in one
# transaction with its audit row; the list shows the new amount.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

row=$(sql "SELECT code, strftime('%d/%m/%Y', disbursed_on, '-1 day') FROM loans
	WHERE extended_to IS NULL ORDER BY code LIMIT 1 OFFSET 100")
loan=${row%%|*}
early=${row#*|}
audit=$(sql "SELECT count(*) FROM audit")

ui_start
wait_for "1 Xã và ấp"
keys 4
wait_for "4 Món vay"
keys /
wait_for "Enter: xong"
type_text "$loan"
wait_for "/$loan   1 kết quả"
keys Enter
keys F4
wait_for "Sửa: Món vay"
expect "$loan"
keys Tab Tab Tab
keys C-u
type_text "12.345.67"
keys Tab
wait_for "Số tiền: 12.345.67 "
keys C-u
type_text "12.345.000"
keys Tab Tab
keys C-u
type_text "$early"
keys Tab
wait_for "Hạn trả: không được trước"
keys F2
wait_for "Hạn trả: không được trước"
[ "$(sql "SELECT count(*) FROM audit")" -eq "$audit" ] || fail "a refused edit was written"
keys C-u
type_text "31/12/2030"
keys F2
wait_for "Đã lưu: Món vay $loan"
wait_for "12.345.000"
ui_quit

[ "$(sql "SELECT amount || ' ' || due_on FROM loans WHERE code = '$loan'")" = "12345000 2030-12-31" ] ||
	fail "the loan was not updated"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'edit' AND entity = 'loan' AND code = '$loan'")" -eq 1 ] ||
	fail "no audit row for the edit"
