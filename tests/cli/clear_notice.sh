#!/bin/sh
# Files that hold national IDs and phones in clear say so on standard error,
# one line, translated: backup, export members to a file (csv and xlsx).
# Exports without them (loans, payments), standard output, and the roster
# and sheet (which carry neither) print no notice; a refused write none.
set -eu
NAME=clear
. "${top_srcdir:-.}/tests/cli/lib.sh"
printf '[general]\nlanguage = en\n' >"$tmp/en.ini"
printf '[general]\nlanguage = vi\n' >"$tmp/vi.ini"
db="$tmp/d.db"
"$tkvv" demo --db "$db" --seed 3 >/dev/null 2>&1 || fail "demo"
t() { "$tkvv" --db "$db" --config "$tmp/en.ini" "$@"; }

# One notice line naming the file, and the file really holds the IDs.
notice_once() {
	n=$(grep -c "notice: $1 holds national IDs and phone numbers in clear" "$tmp/err" || :)
	[ "$n" = 1 ] || fail "$2: notice lines $n: $(cat "$tmp/err")"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$2: more than one line on stderr: $(cat "$tmp/err")"
}
t backup "$tmp/b.db" >/dev/null 2>"$tmp/err" || fail "backup"
notice_once "$tmp/b.db" backup
[ "$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM members WHERE national_id <> ''")" -gt 0 ] ||
	fail "the backup has no national IDs: the notice would be empty talk"
t export members "$tmp/m.csv" >/dev/null 2>"$tmp/err" || fail "export members"
notice_once "$tmp/m.csv" "export members csv"
head -1 "$tmp/m.csv" | grep -q national_id || fail "export members has no national_id column"
t export members "$tmp/m.xlsx" >/dev/null 2>"$tmp/err" || fail "export members xlsx"
notice_once "$tmp/m.xlsx" "export members xlsx"

# No notice where no IDs are written, nor on standard output.
for k in loans payments communes; do
	t export $k "$tmp/$k.csv" >/dev/null 2>"$tmp/err" || fail "export $k"
	[ ! -s "$tmp/err" ] || fail "export $k printed: $(cat "$tmp/err")"
done
t export members - >/dev/null 2>"$tmp/err" || fail "export members -"
[ ! -s "$tmp/err" ] || fail "export members - printed: $(cat "$tmp/err")"
g=$(sqlite3 "$db" "SELECT code FROM groups WHERE status = 'active' ORDER BY code LIMIT 1")
t roster --group "$g" "$tmp/r.csv" >/dev/null 2>"$tmp/err" || fail "roster"
[ ! -s "$tmp/err" ] || fail "roster printed: $(cat "$tmp/err")"

# A refused write prints the refusal, not the notice.
if t export members "$tmp/m.csv" >/dev/null 2>"$tmp/err"; then fail "overwrite accepted"; fi
! grep -q notice "$tmp/err" || fail "notice on a refused export"

# In Vietnamese.
"$tkvv" --db "$db" --config "$tmp/vi.ini" backup "$tmp/b2.db" >/dev/null 2>"$tmp/err" || fail "backup vi"
grep -q "lưu ý: $tmp/b2.db chứa số CCCD và số điện thoại ở dạng rõ" "$tmp/err" ||
	fail "Vietnamese notice: $(cat "$tmp/err")"
exit 0
