#!/bin/sh
# Editing a field, not only appending to it: the help's phone fix (F4, Tab
# to the phone, type the new number, F2) stores exactly the new number;
# a name is edited in its middle with Home/End, Left and Delete, Ctrl-W
# takes its last word off, Ctrl-K the end of a phone; the reports' date
# is replaced by typing the new one; the help says so.
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
type_text "$member"
wait_for "/$member   1 kết quả"
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
keys Tab End
repeat Left "$nlast"
type_text "Mai "
keys Home
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
