#!/bin/sh
# Editing a field, not only appending to it: the help's phone fix (F4, Tab
# to the phone, type the new number, F2) stores exactly the new number;
# a name is edited in its middle with Home/End, Left and Delete, the
# cursor at the right column, Ctrl-W takes its last word off, Ctrl-K the
# end of a phone; a group typed over the old one, a move's reason and the
# search line are edited at their start; the reports' date is replaced by
# typing the new one; the help says so.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

row=$(sql "SELECT code, full_name FROM members WHERE phone <> '' AND full_name LIKE '% % %'
	AND length(CAST(full_name AS BLOB)) > length(full_name)
	AND code NOT IN (SELECT ifnull(leader_code, '') FROM groups) ORDER BY code LIMIT 1")
member=${row%%|*}
name=${row#*|}
[ -n "$member" ] || fail "no member with a phone and a three-word name"
first=${name%% *}
last=${name##* }
mid=${name#"$first"}
mid=${mid%"$last"}
# Characters, not bytes: Vietnamese letters are two or three bytes.
nfirst=$(printf %s "$first" | wc -m)
nlast=$(printf %s "$last" | wc -m)
# Display columns.
wname=$(printf %s "$name" | wc -L)
wlast=$(printf %s "$last" | wc -L)

# A member to move to another group of the hamlet.
row=$(sql "SELECT m.code, g.code, (SELECT g2.code FROM groups g2 WHERE g2.hamlet_id = g.hamlet_id
	AND g2.id <> g.id AND g2.status = 'active' ORDER BY g2.code LIMIT 1)
	FROM members m JOIN groups g ON g.id = m.group_id
	WHERE (SELECT count(*) FROM groups g2 WHERE g2.hamlet_id = g.hamlet_id AND g2.status = 'active') > 1
	AND m.code NOT IN (SELECT ifnull(leader_code, '') FROM groups) AND m.code <> '$member'
	ORDER BY m.code LIMIT 1")
IFS='|' read -r mover from to <<EOF2
$row
EOF2
[ -n "$to" ] || fail "no member to move"

# The terminal cursor's column and row, and waiting until the column is X
# (or the row Y) for at most 20 s.
cursor_x() {
	tmux -L "$sock" display-message -p '#{cursor_x}'
}
cursor_y() {
	tmux -L "$sock" display-message -p '#{cursor_y}'
}
wait_cursor() {
	i=0
	while [ "$(cursor_${2:-x})" != "$1" ]; do
		i=$((i + 1))
		[ "$i" -le 400 ] || fail "the cursor is at $(cursor_x),$(cursor_y), not ${2:-x} $1"
		sleep 0.05
	done
}

# Press KEY N times.
repeat() {
	i=0
	while [ "$i" -lt "$2" ]; do
		keys "$1"
		i=$((i + 1))
	done
}

ui_start
wait_for "1 Xã và ấp"
# The help says how a field edits.
keys F1
wait_for "Sửa một ô: phím đầu tiên gõ vào ô vừa chuyển đến sẽ thay"
keys Escape
wait_gone "Sửa một ô"
keys 3
wait_for "3 Tổ viên"
keys /
wait_for "Enter: xong"
# The code without its first character, which is then typed at the start.
type_text "${member#?}"
wait_for "/${member#?}   "
keys Home
type_text "${member%"${member#?}"}"
wait_for "/$member   1 kết quả"
wait_cursor 2
keys Enter

# The phone fix exactly as the help says it.
keys F4
wait_for "Sửa: Tổ viên"
keys Tab Tab Tab Tab
type_text "0987654321"
keys F2
wait_for "Đã lưu: Tổ viên $member"
[ "$(sql "SELECT phone || '|' || phone_digits FROM members WHERE code = '$member'")" = "0987654321|0987654321" ] ||
	fail "the phone is not the new number: $(sql "SELECT phone FROM members WHERE code = '$member'")"

# The name: a word inserted before the last one, the first one replaced,
# the last one killed with Ctrl-W and typed again.
keys F4
wait_for "Sửa: Tổ viên"
# The cursor after the name (on its row), then before its last word,
# then at its start.
keys Tab
wait_cursor $(($(screen | grep -n "Họ tên \*" | cut -d: -f1) - 1)) y
x0=$(($(cursor_x) - wname))
keys End
repeat Left "$nlast"
wait_cursor $((x0 + wname - wlast))
type_text "Mai "
wait_cursor $((x0 + wname - wlast + 4))
keys Home
wait_cursor "$x0"
repeat DC "$nfirst"
type_text "Lý"
keys C-e C-w
type_text "Hoa"
wait_for "Lý${mid}Mai Hoa"
# The phone: Ctrl-A, four characters right, Ctrl-K, then the new end.
keys Tab Tab Tab C-a
repeat Right 4
keys C-k
type_text "111222"
keys F2
wait_for "Đã lưu: Tổ viên $member"
[ "$(sql "SELECT full_name FROM members WHERE code = '$member'")" = "Lý${mid}Mai Hoa" ] ||
	fail "the name is not edited: $(sql "SELECT full_name FROM members WHERE code = '$member'")"
[ "$(sql "SELECT phone FROM members WHERE code = '$member'")" = "0987111222" ] ||
	fail "the phone is not cut and typed: $(sql "SELECT phone FROM members WHERE code = '$member'")"

# A move: the group typed over the old one and picked, the reason typed
# and then completed at its start.
keys /
wait_for "Enter: xong"
type_text "$mover"
wait_for "/$mover   1 kết quả"
keys Enter F4
wait_for "Sửa: Tổ viên"
keys Tab Tab Tab
type_text "$to"
# The pick list's row is the code, two spaces and the group's name.
to_name=$(sql "SELECT name FROM groups WHERE code = '$to'")
wait_for " $to  $to_name"
keys Enter
wait_gone " $to  $to_name"
keys F2
wait_for "Lý do chuyển"
type_text "nhà tổ trưởng mới"
keys Home
type_text "Gần "
keys Enter
wait_for "Đã lưu: Tổ viên $mover"
[ "$(sql "SELECT count(*) FROM memberships ms JOIN members m ON m.id = ms.member_id JOIN groups g ON g.id = ms.group_id
	WHERE m.code = '$mover' AND g.code = '$to' AND ms.to_on IS NULL AND ms.reason = 'Gần nhà tổ trưởng mới'")" -eq 1 ] ||
	fail "the move's reason is not as edited: $(sql "SELECT group_concat(reason, '|') FROM memberships ms
		JOIN members m ON m.id = ms.member_id WHERE m.code = '$mover'")"

# The reports' date: typing a date replaces the one shown.
asof=$(sql "SELECT strftime('%d/%m/%Y', 'now', 'localtime', 'start of month', '-1 day')")
keys 8
wait_for "8 Báo cáo: đến ngày"
keys d
wait_for "Báo cáo tại một ngày"
type_text "$asof"
keys Enter
wait_for "8 Báo cáo: đến ngày $asof"
ui_quit
