#!/bin/sh
# Drill down with Enter from a commune to a payment, and back with Esc.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

ui_start
wait_for "1 Xã và ấp"
commune=$(line 3 | sed 's/^[A-Z0-9]\{2,\}  *//; s/  .*//')
keys Enter
wait_for "2 Tổ TK&VV: $commune"
group=$(line 3 | awk '{print $1}')
[ -n "$group" ] || fail "no group listed"

# A member of that group whose first loan has payments.
row=$(sql "SELECT m.code, l.code, strftime('%d/%m/%Y', (SELECT max(paid_on) FROM payments WHERE loan_id = l.id))
	FROM members m JOIN groups g ON g.id = m.group_id
	JOIN loans l ON l.id = (SELECT min(id) FROM loans WHERE member_id = m.id AND code = (SELECT min(code) FROM loans WHERE member_id = m.id))
	WHERE g.code = '$group' AND EXISTS (SELECT 1 FROM payments WHERE loan_id = l.id)
	ORDER BY m.code LIMIT 1")
member=${row%%|*}
rest=${row#*|}
loan=${rest%%|*}
paid=${rest#*|}
[ -n "$member" ] || fail "no member with payments in $group"

keys Enter
wait_for "3 Tổ viên:"
expect "$group"
keys /
wait_for "Enter: xong"
type_text "$member"
wait_for "/$member   1 kết quả"
keys Enter
wait_gone "Enter: xong"
where=$(msg_line | awk '{print $NF}')
keys Enter
wait_for "4 Món vay:"
expect "$loan"
line 3 | grep -qF "$loan" || fail "the member's first loan is not first"
keys Enter
wait_for "5 Lượt thu:"
line 1 | grep -qF "$loan" || fail "the top line does not end with the loan"
expect "$paid"

# Back up the same way, each screen as it was left.
keys Escape
wait_for "4 Món vay:"
keys Escape
wait_for "3 Tổ viên:"
expect "$member"
[ "$(msg_line | awk '{print $NF}')" = "$where" ] || fail "the members screen lost its place ($where)"
keys Escape
wait_for "2 Tổ TK&VV: $commune"
keys Escape
wait_for "1 Xã và ấp"
ui_quit
