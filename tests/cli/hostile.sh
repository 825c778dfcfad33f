#!/bin/sh
# Hostile bytes: control characters in a CSV are refused with one escaped
# line and nothing imported; text written to a terminal (export, search,
# check) never holds a control character, even for data an older tkvv stored.
set -u
bin=${top_builddir:-.}/tkvv
data=${top_srcdir:-.}/tests/data
tmp=$(mktemp -d /tmp/tkvv-hostile-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
printf '[general]\nlanguage = en\n' >"$tmp/tkvv.ini"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

tk() {
	"$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" "$@" >"$tmp/out" 2>"$tmp/err"
}

# Whether file $1 holds a byte below 0x20 other than newline, or DEL, or a
# C1 control (U+0080..U+009F, UTF-8 C2 80..C2 9F).
has_control() {
	python3 - "$1" <<'PY'
import sys
b = open(sys.argv[1], 'rb').read()
bad = any((c < 0x20 and c != 0x0a) or c == 0x7f for c in b)
bad = bad or any(b[i] == 0xc2 and 0x80 <= b[i + 1] <= 0x9f for i in range(len(b) - 1))
sys.exit(0 if bad else 1)
PY
}

for kind in communes hamlets groups members; do
	tk import "$kind" "$data/$kind.csv" || fail "import $kind: $(cat "$tmp/err")"
done
sqlite3 "$tmp/t.db" "SELECT * FROM members ORDER BY id" >"$tmp/members.before"

# ESC ] 0 ; owned BEL in a name: refused, one line, \x1b shown, nothing written.
printf 'member_code,full_name,hamlet_code,group_code\nM0100,Nguyễn \033]0;owned\007 Lan,X01A01,X01A01T01\n' >"$tmp/esc.csv"
tk import members "$tmp/esc.csv"
rc=$?
[ "$rc" -eq 1 ] || fail "escape in a name: exit $rc"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "escape in a name: not one line: $(cat -v "$tmp/err")"
has_control "$tmp/err" && fail "escape in a name: raw control characters in: $(cat -v "$tmp/err")"
grep -qF "$tmp/esc.csv:2:2: full_name 'Nguyễn \\x1b]0;owned\\x07 Lan'" "$tmp/err" ||
	fail "escape in a name: message is '$(cat -v "$tmp/err")'"
[ "$(sqlite3 "$tmp/t.db" "SELECT count(*) FROM members WHERE code = 'M0100'")" = 0 ] ||
	fail "escape in a name: the member was imported"

# The same in an enum field (a commune's kind): the message quotes it escaped.
printf 'commune_code,name,kind\nX09,Xã Mới,\033]0;owned\007\n' >"$tmp/kind.csv"
tk import communes "$tmp/kind.csv"
rc=$?
[ "$rc" -eq 1 ] || fail "escape in a kind: exit $rc"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "escape in a kind: not one line: $(cat -v "$tmp/err")"
has_control "$tmp/err" && fail "escape in a kind: raw control characters in: $(cat -v "$tmp/err")"
grep -qF "$tmp/kind.csv:2:3: kind '\\x1b]0;owned\\x07'" "$tmp/err" ||
	fail "escape in a kind: message is '$(cat -v "$tmp/err")'"
[ "$(sqlite3 "$tmp/t.db" "SELECT count(*) FROM communes WHERE code = 'X09'")" = 0 ] ||
	fail "escape in a kind: the commune was imported"

# A C1 control (CSI, U+009B), DEL and a lone ESC: refused.
printf 'member_code,full_name,hamlet_code,group_code\nM0101,Lan\033Hoa,X01A01,X01A01T01\n' >"$tmp/esc1.csv"
printf 'member_code,full_name,hamlet_code,group_code\nM0102,Lan \302\2332J,X01A01,X01A01T01\n' >"$tmp/c1.csv"
printf 'member_code,full_name,hamlet_code,group_code\nM0103,Lan\177,X01A01,X01A01T01\n' >"$tmp/del.csv"
for f in esc1 c1 del; do
	tk import members "$tmp/$f.csv"
	rc=$?
	[ "$rc" -eq 1 ] || fail "$f: exit $rc"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$f: not one line: $(cat -v "$tmp/err")"
	has_control "$tmp/err" && fail "$f: raw control characters in: $(cat -v "$tmp/err")"
	grep -qF "$tmp/$f.csv:2:2: full_name" "$tmp/err" || fail "$f: message is '$(cat -v "$tmp/err")'"
done
sqlite3 "$tmp/t.db" "SELECT * FROM members ORDER BY id" >"$tmp/members.after"
cmp -s "$tmp/members.before" "$tmp/members.after" || fail "a refused import changed the members"

# A tab, and a line break in a quoted cell (a spreadsheet cell on two
# lines), are folded to a space.
printf 'member_code,full_name,hamlet_code,group_code,cluster\nM0104,Lê\tThị Tư,X01A01,X01A01T01,"Xóm 1\r\nbờ kênh"\n' >"$tmp/tab.csv"
tk import members "$tmp/tab.csv" || fail "tab: $(cat "$tmp/err")"
[ "$(sqlite3 "$tmp/t.db" "SELECT full_name || '|' || cluster FROM members WHERE code = 'M0104'")" = "Lê Thị Tư|Xóm 1 bờ kênh" ] ||
	fail "tab: stored as '$(sqlite3 "$tmp/t.db" "SELECT full_name || '|' || cluster FROM members WHERE code = 'M0104'" | cat -v)'"

# A long hostile value is cut in the message.
long=$(python3 -c 'print("A" * 300)')
printf 'commune_code,name,kind\nX09,Xã Mới,%s\n' "$long" >"$tmp/long.csv"
tk import communes "$tmp/long.csv"
[ "$(wc -c <"$tmp/err")" -lt 200 ] || fail "long value: message of $(wc -c <"$tmp/err") bytes"
grep -qF "kind 'AAAA" "$tmp/err" && grep -qF "…'" "$tmp/err" || fail "long value: '$(cat "$tmp/err")'"

# Stored by an older version (here by sqlite3): text output escapes it.
sqlite3 "$tmp/t.db" "UPDATE members SET full_name = 'Lan ' || char(27) || ']0;owned' || char(7) || char(155) || 'x', cluster = 'X' || char(10) || 'Y' WHERE code = 'M0001'"
tk export members --format text || fail "export text: $(cat "$tmp/err")"
has_control "$tmp/out" && fail "export text writes control characters: $(grep -a owned "$tmp/out" | cat -v)"
grep -qF 'Lan \x1b]0;owned\x07\xc2\x9bx' "$tmp/out" || fail "export text: $(grep -a owned "$tmp/out" | cat -v)"
tk search lan || fail "search: $(cat "$tmp/err")"
has_control "$tmp/out" && fail "search text writes control characters: $(cat -v "$tmp/out")"
grep -qF 'Lan \x1b]0;owned' "$tmp/out" || fail "search text: $(cat -v "$tmp/out")"
# check quotes the stored values it reports (the stale folded name here).
tk check
grep -qF 'owned' "$tmp/out" || fail "check does not report the changed name: $(cat -v "$tmp/out")"
has_control "$tmp/out" && fail "check writes control characters: $(grep -a owned "$tmp/out" | cat -v)"
# csv and json stay exact (json escapes the controls, as json must).
tk export members --format csv
grep -q "$(printf 'Lan \033]0;owned\007')" "$tmp/out" || fail "export csv is not exact"
tk export members --format json
python3 - "$tmp/out" <<'PY' || fail "export json is not exact"
import json, sys
rows = json.load(open(sys.argv[1], encoding='utf-8'))
m = [r for r in rows if r['member_code'] == 'M0001'][0]
sys.exit(0 if m['full_name'] == 'Lan \x1b]0;owned\x07\x9bx' and m['cluster'] == 'X\nY' else 1)
PY
has_control "$tmp/out" && fail "export json writes raw control characters"

# The meeting's decision given to regroup --apply is text too: refused,
# and the plan is not saved either.
tk regroup --hamlet X01A01 --apply --note "$(printf 'họp \033]0;owned\007')"
rc=$?
[ "$rc" -eq 1 ] || fail "note: exit $rc: $(cat -v "$tmp/err")"
has_control "$tmp/err" && fail "note: raw control characters in: $(cat -v "$tmp/err")"
grep -qF "note 'họp \x1b]0;owned\x07'" "$tmp/err" || fail "note: message is '$(cat -v "$tmp/err")'"
[ "$(sqlite3 "$tmp/t.db" "SELECT count(*) FROM plans")" = 0 ] || fail "note: a plan was saved"

# Arguments quoted in usage errors are escaped too.
tk export "$(printf 'x\033[2Jy')"
[ $? -eq 2 ] || fail "usage: exit status"
has_control "$tmp/err" && fail "usage error quotes raw control characters: $(cat -v "$tmp/err")"
grep -qF 'x\x1b[2Jy' "$tmp/err" || fail "usage error: $(cat -v "$tmp/err")"

[ "$fails" -eq 0 ] && echo "hostile: ok"
exit "$fails"
