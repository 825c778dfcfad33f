#!/bin/sh
# Lost update: a member's form is open while `tkvv import members` changes
# her phone; F2 then says who changed what and saves nothing, the database
# keeps the imported phone until the officer decides; reloading keeps the
# name she typed and takes the imported phone, and F2 saves both.
set -eu
. "$top_srcdir/tests/tui/lib.sh"

member=$(sql "SELECT code FROM members WHERE phone IS NOT NULL ORDER BY code LIMIT 1")
old_phone=$(sql "SELECT phone FROM members WHERE code = '$member'")
old_name=$(sql "SELECT full_name FROM members WHERE code = '$member'")
new_phone="0999000111"
new_name="Lâm Thị Kim Ngân"

ui_start
wait_for "1 Xã và ấp"
keys 3
wait_for "3 Tổ viên"
keys /
wait_for "Enter: xong"
type_text "$member"
wait_for "/$member   1 kết quả"
keys Enter
keys F4
wait_for "Sửa: Tổ viên"
expect "$old_phone"

# The officer corrects the name ...
keys Tab C-u
type_text "$new_name"

# ... while the bank's file changes the phone, from the shell.
"$tkvv" --db "$db" --config "$ini" export members "$tmp/all.csv"
python3 - "$tmp/all.csv" "$tmp/one.csv" "$member" "$new_phone" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
head = rows[0]
row = [r for r in rows[1:] if r[0] == sys.argv[3]][0]
row[head.index('phone')] = sys.argv[4]
with open(sys.argv[2], 'w', encoding='utf-8', newline='') as f:
    csv.writer(f, lineterminator='\n').writerows([head, row])
PY
"$tkvv" --db "$db" --config "$ini" import members "$tmp/one.csv" >"$tmp/import.out" ||
	fail "import: $(cat "$tmp/import.out")"
[ "$(sql "SELECT phone FROM members WHERE code = '$member'")" = "$new_phone" ] ||
	fail "import: $(cat "$tmp/import.out")"

# F2: refused, saying who (the import) and what (the phone, now the new one).
keys F2
wait_for "đã bị sửa sau khi bạn mở"
expect "import members"
expect "hiện là: $new_phone"
expect "Tải lại? c: tải lại"
[ "$(sql "SELECT phone FROM members WHERE code = '$member'")" = "$new_phone" ] ||
	fail "the form wrote over the imported phone"
[ "$(sql "SELECT full_name FROM members WHERE code = '$member'")" = "$old_name" ] ||
	fail "the form saved before the officer decided"

# Reload: the phone is the imported one, the typed name is kept; F2 saves.
keys c
wait_for "Đã tải lại từ cơ sở dữ liệu"
expect "$new_phone"
expect "$new_name"
[ "$(sql "SELECT full_name FROM members WHERE code = '$member'")" = "$old_name" ] ||
	fail "reloading saved something"
keys F2
wait_for "Đã lưu: Tổ viên $member"
ui_quit

[ "$(sql "SELECT phone || '|' || full_name FROM members WHERE code = '$member'")" = "$new_phone|$new_name" ] ||
	fail "after saving: $(sql "SELECT phone || '|' || full_name FROM members WHERE code = '$member'")"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'edit' AND entity = 'member' AND code = '$member'")" = 1 ] ||
	fail "expected one edit in the audit log"
echo "lost_update: ok"
