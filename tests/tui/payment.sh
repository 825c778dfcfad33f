#!/bin/sh
# The interest payment form on the demo district: typing `lai` chooses
# interest, and the oldest month due and unpaid and what it owes are on the
# screen before anything is typed; a second payment for a month paid in
# full is refused with the day it was paid; a partial one says what
# remains; deleting a payment names its day, month and amount.
set -eu
. "$top_srcdir/tests/tui/lib.sh"
export TKVV_TODAY=2026-11-28

# Loans without principal paid whose every month to October 2026 is paid:
# November is the oldest month due (on 28/11, after every commune's
# transaction day), on the whole amount.
sql "SELECT l.code, (l.amount * l.rate_ppm + 500000) / 1000000 FROM loans l
	WHERE l.disbursed_on >= '2025-11-01' AND l.disbursed_on < '2026-06-01'
	AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.loan_id = l.id AND p.kind = 'principal')
	AND (SELECT count(DISTINCT period) FROM payments p WHERE p.loan_id = l.id AND p.kind = 'interest')
	  = 10 - CAST(strftime('%m', l.disbursed_on) AS INTEGER)
	    + 12 * (2026 - CAST(strftime('%Y', l.disbursed_on) AS INTEGER))
	ORDER BY l.code LIMIT 2" >"$tmp/loans"
loan=$(sed -n 1p "$tmp/loans" | cut -d'|' -f1)
due=$(sed -n 1p "$tmp/loans" | cut -d'|' -f2)
loan2=$(sed -n 2p "$tmp/loans" | cut -d'|' -f1)
due2=$(sed -n 2p "$tmp/loans" | cut -d'|' -f2)
[ -n "$loan2" ] || fail "no loan paid up to October"
money() { printf '%s' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|\.\)/\1.\2\3/;ta'; }

# The payment form of LOAN from the loans screen.
open_form() {
	keys 4
	wait_for "4 Món vay"
	keys /
	wait_for "Enter: xong"
	type_text "$1"
	wait_for "/$1   1 kết quả"
	keys Enter F9
	wait_for "Thêm: Lượt thu"
}

ui_start 100 30
wait_for "1 Xã và ấp"
open_form "$loan"
# Savings: no month, no amount (the form's, not the officer's, go).
keys Tab Tab C-u
type_text "tiet"
wait_for "tiết kiệm"
keys Tab
wait_for "Loại * tiết kiệm"
screen | grep "Tháng" | grep -q "11/2026" && fail "savings kept the month"
keys Escape
wait_for "(c/k)"
keys c
wait_gone "Thêm: Lượt thu"
# `lai` is interest, and November and what it owes are filled in where
# the officer sees them, before anything is typed there.
open_form "$loan"
keys Tab Tab C-u
type_text "lai"
wait_for " lãi"
keys Tab
wait_for "11/2026"
screen | grep "Loại" | grep -q "lãi" || fail "the kind does not read lãi"
screen | grep "Số tiền" | grep -qF "$(money "$due")" || fail "the amount due $(money "$due") is not shown"
screen | grep -q "interest" && fail "the stored word is shown"
keys F2
wait_for "Đã lưu: Lượt thu $loan; tháng 2026-11 đã nộp đủ"
[ "$(sql "SELECT count(*) FROM payments p JOIN loans l ON l.id = p.loan_id WHERE l.code = '$loan'
	AND p.kind = 'interest' AND p.period = '2026-11' AND p.paid_on = '2026-11-28' AND p.amount = $due")" -eq 1 ] ||
	fail "the payment is not stored as shown"

# A second payment for November is refused with the day of the first.
open_form "$loan"
keys Tab Tab Tab C-u
type_text "10.000"
keys Tab C-u
type_text "11/2026"
keys F2
wait_for "tháng 2026-11 đã nộp đủ ngày 28/11/2026"
keys Escape
wait_for "(c/k)"
keys c
wait_gone "Thêm: Lượt thu"
[ "$(sql "SELECT count(*) FROM payments p JOIN loans l ON l.id = p.loan_id WHERE l.code = '$loan'
	AND p.period = '2026-11'")" -eq 1 ] || fail "the second payment was stored"

# A partial payment on the other loan says what remains.
open_form "$loan2"
wait_for "11/2026"
keys Tab Tab Tab C-u
type_text "10.000"
keys F2
wait_for "Đã lưu: Lượt thu $loan2; tháng 2026-11 còn phải nộp $(money $((due2 - 10000)))"

# Deleting names the day, the month and the amount.
keys 4
wait_for "4 Món vay"
keys Enter
wait_for "5 Lượt thu"
keys F8
wait_for "Xóa lượt thu lãi $loan2 ngày 28/11/2026, tháng 11/2026, 10.000? (c/k)"
keys k
wait_gone "(c/k)"
ui_quit
[ "$(sql "SELECT count(*) FROM payments p JOIN loans l ON l.id = p.loan_id WHERE l.code = '$loan2'
	AND p.period = '2026-11'")" -eq 1 ] || fail "k deleted the payment"
