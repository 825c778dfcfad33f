#!/bin/sh
# A per-screen search with no match leaves the cursor where it was, even
# when the first keys had found something; on screens 1, 2 and 4 it says
# how to find a person (Ctrl-F).
set -eu
. "$top_srcdir/tests/tui/lib.sh"

# The position shown at the end of the message line.
shown_position() {
	line "$rows" | awk '{print $NF}' | sed 's,/.*,,'
}

# On the screen shown, from row 4: search TEXT, which matches nothing,
# and expect MESSAGE and the cursor on row 4 after Enter.
search_fails() {
	keys Home Down Down Down
	wait_for " 4/"
	keys /
	wait_for "Enter: xong"
	type_text "$1"
	wait_for "/$1   0 kết quả$2"
	keys Enter
	wait_gone "Enter: xong"
	[ "$(shown_position)" = 4 ] || fail "the search moved the cursor (on $(shown_position))"
}

ui_start
rows=$(tmux -L "$sock" display -p '#{window_height}')
wait_for "1 Xã và ấp"
search_fails "nguyen thi lan" " — Ctrl-F: tìm hộ vay"
keys 2
wait_for "2 Tổ TK&VV"
search_fails "nguyen thi lan" " — Ctrl-F: tìm hộ vay"
keys 4
wait_for "4 Món vay"
search_fails "nguyen thi lan" " — Ctrl-F: tìm hộ vay"

# Members: "x" finds the Xuân further down, "xqq" nobody.
keys 3
wait_for "3 Tổ viên"
search_fails "xqq" ""

# Payments: the first letter of a loan code further down, then nothing.
keys 5
wait_for "5 Lượt thu"
letter=$(sql "SELECT substr(l.code, 1, 1) FROM payments p JOIN loans l ON l.id = p.loan_id
	WHERE substr(l.code, 1, 1) <> (SELECT substr(code, 1, 1) FROM loans WHERE id =
		(SELECT loan_id FROM payments ORDER BY id DESC LIMIT 1 OFFSET 3)) LIMIT 1")
search_fails "${letter}Q#" ""

# Payments: a loan's code (typed in lower case) finds its newest payment,
# far down the list, with the count of its payments; n the next one.
row=$(sql "SELECT l.code, max(p.id), count(*) FROM loans l JOIN payments p ON p.loan_id = l.id
	GROUP BY l.id ORDER BY l.id LIMIT 1 OFFSET 5")
code=$(echo "${row%%|*}" | tr 'A-Z' 'a-z')
rest=${row#*|}
want=$(sql "SELECT count(*) + 1 FROM payments WHERE id > ${rest%%|*}")
keys Home /
wait_for "Enter: xong"
type_text "$code"
wait_for "/$code   ${rest#*|} kết quả"
keys Enter
wait_gone "Enter: xong"
[ "$(shown_position)" = "$want" ] || fail "not on the newest payment of $code (row $want)"
keys n
want=$(sql "SELECT count(*) + 1 FROM payments WHERE id > (SELECT max(id) FROM payments WHERE id < ${rest%%|*}
	AND loan_id = (SELECT id FROM loans WHERE code = '${row%%|*}'))")
wait_for " $want/"
ui_quit
