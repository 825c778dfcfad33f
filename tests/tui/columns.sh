#!/bin/sh
# Columns chosen by priority, each whole: group codes at 100 and 120
# columns, the last column at 70, Left/Right to the hidden columns (◂ ▸ on
# the message line), the reports' commune names at 80.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

# Resize to COLUMNS x ROWS and wait for the new frame.
size() {
	tmux -L "$sock" resize-window -x "$1" -y "$2"
	i=0
	until [ "$(screen | wc -l)" -eq "$2" ] && line "$2" | grep -q "[0-9]/[0-9]"; do
		i=$((i + 1))
		[ "$i" -le 200 ] || fail "no $1x$2 frame"
		sleep 0.05
	done
	sleep 0.2
}

# Money as the interface writes it: 1.500.000.
money() {
	printf '%s' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|\.\)/\1.\2\3/;ta'
}

ui_start 100 30
wait_for "1 Xã và ấp"
keys 2
wait_for "2 Tổ TK&VV"
for s in "100 30" "120 40"; do
	size $s
	for n in 3 4 5 6; do
		code=$(line $n | awk '{print $1}')
		[ "$(sql "SELECT count(*) FROM groups WHERE code = '$code'")" = 1 ] ||
			fail "group code cut at ${s% *} columns: $code"
	done
done

# The members' group column at 100 and 120.
keys 3
wait_for "3 Tổ viên"
for s in "100 30" "120 40"; do
	size $s
	for n in 3 4 5; do
		m=$(line $n | awk '{print $1}')
		g=$(sql "SELECT g.code FROM members m JOIN groups g ON g.id = m.group_id WHERE m.code = '$m'")
		line $n | grep -qF " $g " || fail "the group $g of $m is cut at ${s% *} columns"
	done
done

# 70 columns: a member with an overdue loan shows it whole in the last column.
row=$(sql "SELECT m.code, m.phone, sum(l.amount - coalesce((SELECT sum(amount) FROM payments
		WHERE loan_id = l.id AND kind = 'principal' AND paid_on <= date('now', 'localtime')), 0)) AS o
	FROM loans l JOIN members m ON m.id = l.member_id
	WHERE coalesce(l.extended_to, l.due_on) < date('now', 'localtime') AND m.phone <> ''
	GROUP BY m.id HAVING o >= 10000000 ORDER BY m.id LIMIT 1")
member=${row%%|*}
rest=${row#*|}
phone=${rest%%|*}
overdue=$(money "${rest#*|}")
size 70 24
keys /
sleep 0.3
type_text "$member"
wait_for "/$member   1 kết quả"
keys Enter
sleep 0.3
screen | grep -F "$member" | grep -q " $overdue *$" || fail "the overdue $overdue of $member is not whole at 70 columns"
[ "$(screen | wc -L)" -le 70 ] || fail "a line wider than 70"

# The phone is hidden at 70: ▸ says so, Right shows it, Left comes back.
line 2 | grep -qF "Điện thoại" && fail "the phone should not fit at 70 columns"
line 24 | grep -qF "▸" || fail "no ▸ for the hidden columns"
header=$(line 2)
steps=0
until line 2 | grep -qF "Điện thoại"; do
	steps=$((steps + 1))
	[ "$steps" -le 8 ] || fail "Right never showed the phone"
	keys Right
	sleep 0.2
done
screen | grep -F "$phone" >/dev/null || fail "the phone $phone is not shown"
line 24 | grep -qF "◂" || fail "no ◂ once scrolled"
while [ "$steps" -gt 0 ]; do
	keys Left
	steps=$((steps - 1))
done
sleep 0.3
[ "$(line 2)" = "$header" ] || fail "Left did not come back to the first columns"

# The reports at 80: every commune's name whole.
size 80 24
keys 8
wait_for "8 Báo cáo"
: >"$tmp/seen"
for i in 1 2 3 4; do
	screen >>"$tmp/seen"
	keys PgDn
	sleep 0.3
done
sql "SELECT name FROM communes" | while read -r name; do
	grep -qF "$name " "$tmp/seen" || fail "the commune $name is cut at 80 columns"
done
ui_quit
