#!/bin/sh
# The global find (Ctrl-F) from screens 1, 2, 4, 5 and 8: a name without
# accents, a CCCD, a phone, a code; Enter opens the member on screen 3 on
# her row (the filter that hides her cleared), Esc leaves all as it was,
# no match leaves the cursor.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

# The position (1-based) of member CODE in screen 3's unfiltered order.
position() {
	sql "SELECT count(*) FROM members m, (SELECT sort_key k, id i FROM members WHERE code = '$1') x
		WHERE m.sort_key < x.k OR (m.sort_key = x.k AND m.id <= x.i)"
}

# The position shown at the end of the message line.
shown_position() {
	line "$rows" | awk '{print $NF}' | sed 's,/.*,,'
}

# Open member CODE (named NAME) found by typing TEXT.
find_open() {
	keys C-f
	wait_for "Tìm hộ vay:"
	type_text "$1"
	wait_for "$2"
	keys Enter
	wait_for "3 Tổ viên"
	wait_for "($2)"
	[ "$(shown_position)" = "$(position "$2")" ] || fail "not on the row of $2 (at $(position "$2"))"
	line 1 | grep -qF "Tổ viên:" && fail "the filter hiding $2 is still on"
	return 0
}

ui_start
cols=$(tmux -L "$sock" display -p '#{window_width}')
rows=$(tmux -L "$sock" display -p '#{window_height}')
wait_for "1 Xã và ấp"

# Screen 1, a name without accents: the first match is the first of
# `tkvv search`, and she is Nguyễn Thị Lan.
first=$("$tkvv" --db "$db" --config "$ini" search "nguyen thi lan" --format csv --limit 1 | sed -n 2p | cut -d, -f1)
[ "$(sql "SELECT full_name FROM members WHERE code = '$first'")" = "Nguyễn Thị Lan" ] || fail "no Nguyễn Thị Lan first"
find_open "nguyen thi lan" "$first"

# Screen 2, drilled into a group first, a CCCD of a member of another group.
keys 2
wait_for "2 Tổ TK&VV"
keys Enter
wait_for "3 Tổ viên:"
group=$(line 1 | sed 's/.*› //; s/ – .*//')
row=$(sql "SELECT m.code, m.national_id FROM members m JOIN groups g ON g.id = m.group_id
	WHERE g.code <> '$group' AND m.national_id <> '' ORDER BY m.id LIMIT 1 OFFSET 777")
code=${row%%|*}
keys 2
wait_for "2 Tổ TK&VV"
find_open "${row#*|}" "$code"

# Screen 4, a phone only she has.
row=$(sql "SELECT min(code), phone FROM members WHERE phone <> '' GROUP BY phone HAVING count(*) = 1 LIMIT 1 OFFSET 300")
keys 4
wait_for "4 Món vay"
find_open "${row#*|}" "${row%%|*}"

# Screen 8, her code.
code=$(sql "SELECT code FROM members ORDER BY id DESC LIMIT 1 OFFSET 10")
keys 8
wait_for "8 Báo cáo"
find_open "$code" "$code"

# Screen 5: Esc after a search leaves the screen, its cursor and message as they were.
keys 5
wait_for "5 Lượt thu"
keys Down Down Down
wait_for " 4/"
screen >"$tmp/before"
keys C-f
wait_for "Tìm hộ vay:"
type_text "$code"
wait_for "1 kết quả"
keys Escape
wait_gone "Tìm hộ vay:"
screen >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || { diff "$tmp/before" "$tmp/after" >&2; fail "Esc did not leave the screen as it was"; }

# No match: Enter stays in the find, Esc goes back to the same row.
keys C-f
wait_for "Tìm hộ vay:"
type_text "qqxyzzy"
wait_for "0 kết quả"
keys Enter
expect "Tìm hộ vay:"
keys Escape
wait_gone "Tìm hộ vay:"
expect "5 Lượt thu"
[ "$(shown_position)" = 4 ] || fail "the payments screen lost its row"

# The help says it first.
keys F1
wait_for "Tìm một hộ từ mọi màn hình: Ctrl-F"
keys Escape
ui_quit
