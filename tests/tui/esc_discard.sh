#!/bin/sh
# Esc in a half-filled form asks before discarding; discarding leaves the
# database as it was, for a new member and for an edited one.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

row=$(sql "SELECT code, ifnull(phone, '') FROM members ORDER BY code LIMIT 1")
member=${row%%|*}
phone=${row#*|}
counts() {
	sql "SELECT (SELECT count(*) FROM members) || ' ' || (SELECT count(*) FROM memberships) || ' ' ||
		(SELECT count(*) FROM audit) || ' ' || (SELECT total(length(ifnull(phone, ''))) FROM members)"
}
before=$(counts)

ui_start
wait_for "1 Xã và ấp"
keys 3
wait_for "3 Tổ viên"
keys F7
wait_for "Thêm: Tổ viên"
type_text "TUIESC1"; keys Tab
type_text "Trần Văn Bỏ Dở"
keys Escape
wait_for "Bỏ các thay đổi? (c/k)"
keys k
wait_gone "Bỏ các thay đổi?"
expect "Trần Văn Bỏ Dở"
keys Escape
wait_for "Bỏ các thay đổi? (c/k)"
keys c
wait_for "Đã bỏ các thay đổi"

keys /
wait_for "Enter: xong"
type_text "$member"
wait_for "/$member   1 kết quả"
keys Enter
keys F4
wait_for "Sửa: Tổ viên"
keys Tab Tab Tab Tab C-u
type_text "0999 999 999"
keys Escape
wait_for "Bỏ các thay đổi? (c/k)"
keys c
wait_for "Đã bỏ các thay đổi"
ui_quit

[ "$(counts)" = "$before" ] || fail "discarding changed the database: $before -> $(counts)"
[ "$(sql "SELECT ifnull(phone, '') FROM members WHERE code = '$member'")" = "$phone" ] || fail "the phone changed"
[ "$(sql "SELECT count(*) FROM members WHERE code = 'TUIESC1'")" -eq 0 ] || fail "the new member was saved"
