#!/bin/sh
# 80x24 without overlap, the room used at 200x50, and back, re-laid out on
# each resize: the top line, the column headers, the key bar and the
# message line keep their places.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

# Whether the screen is a COLUMNS x ROWS frame showing the groups: the
# top line, the headers, the key bar and the position each in its place,
# nothing wider than the screen and nothing twice.
frame_ok() {
	cols=$1 rows=$2
	screen >"$tmp/screen"
	[ "$(wc -l <"$tmp/screen")" -eq "$rows" ] &&
	sed -n 1p "$tmp/screen" | grep -q "^ 2 Tổ TK&VV.*demo.db" &&
	sed -n 2p "$tmp/screen" | grep -q "^Mã " &&
	sed -n "$((rows - 1))p" "$tmp/screen" | grep -q "^F1Giúp F3Tìm F4Sửa" &&
	sed -n "${rows}p" "$tmp/screen" | grep -q "/$groups *$" &&
	[ "$(wc -L <"$tmp/screen")" -le "$cols" ] &&
	[ "$(grep -c "F1Giúp" "$tmp/screen")" -eq 1 ]
}

# Wait (a resize is drawn in pieces) until the frame is right.
check_frame() {
	i=0
	until frame_ok "$1" "$2"; do
		i=$((i + 1))
		[ "$i" -le 200 ] || fail "not a clean $1x$2 frame"
		sleep 0.05
	done
}

groups=$(sql "SELECT count(*) FROM groups WHERE status = 'active'")
ui_start 80 24
wait_for "1 Xã và ấp"
keys 2
wait_for "2 Tổ TK&VV"
check_frame 80 24
line 2 | grep -qF "Tên" && fail "the name column should not fit at 80 columns"
tmux -L "$sock" resize-window -x 200 -y 50
check_frame 200 50
line 2 | grep -qF "Ấp" || fail "the hamlet column is missing at 200 columns"
[ "$(screen | sed -n '3,48p' | grep -c .)" -eq 46 ] || fail "the list does not fill 200x50"
tmux -L "$sock" resize-window -x 80 -y 24
check_frame 80 24
line 2 | grep -qF "Tên" && fail "the name column is still there at 80 columns"
keys F7
wait_for "Thêm: Tổ"
tmux -L "$sock" resize-window -x 200 -y 50
wait_for "Ngày thành lập"
[ "$(screen | wc -l)" -eq 50 ] || fail "the form was not re-laid out"
keys Escape
wait_for "2 Tổ TK&VV"
ui_quit
