#!/bin/sh
# The issue's "done when": from the help screen alone, find a household by
# name without accents, correct its phone, record a month's interest (and
# the overdue principal), and see the group's figures change.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

# A member with an overdue loan whose accent-free name finds only her.
sql "SELECT m.code, m.name_folded, l.code, g.code,
	l.amount - ifnull((SELECT sum(amount) FROM payments WHERE loan_id = l.id AND kind = 'principal'), 0)
	FROM members m JOIN loans l ON l.member_id = m.id JOIN groups g ON g.id = m.group_id
	WHERE coalesce(l.extended_to, l.due_on) < date('now', 'localtime')
	AND l.amount > ifnull((SELECT sum(amount) FROM payments WHERE loan_id = l.id AND kind = 'principal'), 0)
	ORDER BY m.code LIMIT 200" >"$tmp/candidates"
member=
while IFS='|' read -r code name lcode gcode amount; do
	expr=$(echo "$name" | sed 's/\([^ ]*\)/"\1"*/g; s/ / AND /g')
	if [ "$(sql "SELECT count(*) FROM member_search WHERE member_search MATCH '$expr'")" -eq 1 ]; then
		member=$code folded=$name loan=$lcode group=$gcode outstanding=$amount
		break
	fi
done <"$tmp/candidates"
[ -n "$member" ] || fail "no member with an overdue loan and a name of her own"
money=$(printf '%s' "$outstanding" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|\.\)/\1.\2\3/;ta')

ui_start
wait_for "1 Xã và ấp"
keys F1
wait_for "Tìm một hộ từ mọi màn hình: Ctrl-F"
expect "Sửa số điện thoại"
expect "Ghi tiền lãi một tháng"
keys Escape
wait_gone "Tìm một hộ"

# The group's row before.
keys 2
wait_for "2 Tổ TK&VV"
keys /
wait_for "Enter: xong"
type_text "$group"
wait_for "/$group   1 kết quả"
keys Enter
before=$(screen | grep "^$group ")

# Find the household by its name typed without accents.
keys 3
wait_for "3 Tổ viên"
keys /
wait_for "Enter: xong"
type_text "$folded"
wait_for "/$folded   1 kết quả"
keys Enter

# Correct the phone number.
keys F4
wait_for "Sửa: Tổ viên"
expect "$member"
keys Tab Tab Tab Tab C-u
type_text "0977 123 456"
keys F2
wait_for "Đã lưu: Tổ viên $member"

# A month's interest, then the overdue principal, on the loan.
keys Enter
wait_for "4 Món vay:"
keys /
wait_for "Enter: xong"
type_text "$loan"
wait_for "/$loan   1 kết quả"
keys Enter
keys F9
wait_for "Thêm: Lượt thu"
expect "$loan"
# The form fills in the oldest month due and what remains of it.
month=$(screen | grep "Tháng" | grep -o '[0-9][0-9]/[0-9]\{4\}' | head -1)
interest=$(screen | grep "Số tiền" | grep -o '[0-9][0-9.]*' | head -1 | tr -d .)
[ -n "$month" ] && [ -n "$interest" ] || fail "no month and amount filled in"
keys F2
wait_for "Đã lưu: Lượt thu $loan"
keys F9
wait_for "Thêm: Lượt thu"
keys Tab Tab C-u
type_text "principal"
keys Tab
type_text "$money"
keys F2
wait_for "Đã lưu: Lượt thu $loan"
wait_for "đã tất toán"

# The group's figures have changed.
keys 2
wait_for "2 Tổ TK&VV"
after=$(screen | grep "^$group ")
[ -n "$after" ] || fail "the group is no longer selected"
[ "$before" != "$after" ] || fail "the group's figures did not change: $after"
od_before=$(echo "$before" | awk '{print $(NF-1)}' | tr , .)
od_after=$(echo "$after" | awk '{print $(NF-1)}' | tr , .)
awk -v a="$od_after" -v b="$od_before" 'BEGIN { exit !(a < b) }' || fail "overdue % did not fall: $od_before -> $od_after"
ui_quit

[ "$(sql "SELECT phone_digits FROM members WHERE code = '$member'")" = "0977123456" ] || fail "phone not saved"
[ "$(sql "SELECT count(*) FROM payments p JOIN loans l ON l.id = p.loan_id WHERE l.code = '$loan'
	AND p.paid_on = date('now', 'localtime') AND ((p.kind = 'interest' AND p.amount = $interest
	AND p.period = '${month#*/}-${month%/*}') OR (p.kind = 'principal' AND p.amount = $outstanding))")" -eq 2 ] ||
	fail "the payments are not stored"
[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'payment' AND code = '$loan'")" -eq 2 ] || fail "no audit rows"
