#!/bin/sh
# tkvv sync init / status: before init nothing is recorded; after it every
# committed tkvv write is one sync_log record (SQLite's session extension)
# with the rows it changed and who made it; a refused import and an
# unchanged re-import record nothing. init twice, a bad role, an unknown
# commune or communes at the office are refused and change nothing.
set -eu
NAME=synclog
. "${top_srcdir:-.}/tests/cli/lib.sh"
need sqlite3
printf '[general]\nlanguage = en\n' >"$tmp/en.ini"
db="$tmp/d.db"
t() { "$tkvv" --db "$db" --config "$tmp/en.ini" "$@"; }
expect_rc() {
	want=$1; shift
	rc=0; t "$@" >/dev/null 2>"$tmp/err" || rc=$?
	[ "$rc" = "$want" ] || fail "tkvv $*: exit $rc, not $want: $(cat "$tmp/err")"
}
recorded() { sqlite3 "$db" "SELECT count(*) FROM sync_log"; }

printf 'commune_code,name\nX01,Xã An Bình\n' >"$tmp/c1.csv"
t import communes "$tmp/c1.csv" >/dev/null || fail "import before init"
t sync status | grep -q "not a sync site" || fail "status before init: $(t sync status)"
[ "$(recorded)" = 0 ] || fail "recorded before init"

expect_rc 2 sync init --site lap1 --role boss
expect_rc 2 sync init --site lap1
expect_rc 2 sync init --site office --role office --communes X01
expect_rc 1 sync init --site lap1 --role laptop --communes X01,NOPE
grep -q "no commune 'NOPE'" "$tmp/err" || fail "unknown commune: $(cat "$tmp/err")"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM sync_site')" = 0 ] || fail "a refused init wrote"
t sync init --site lap1 --role laptop --communes X01 >/dev/null || fail "init"
expect_rc 1 sync init --site lap2 --role laptop --communes X01
[ "$(sqlite3 "$db" 'SELECT name FROM sync_site')" = lap1 ] || fail "second init changed the site"
[ "$(recorded)" = 0 ] || fail "init itself recorded"

# One insert, then one update: one record each, with the rows.
printf 'commune_code,name\nX02,Xã Mới\nX03,Xã Hai\n' >"$tmp/c2.csv"
USER=lan t import communes "$tmp/c2.csv" >/dev/null
[ "$(recorded)" = 1 ] || fail "an import of 2 communes: $(recorded) records"
t sync status | grep -q "recorded: 1 transactions, 2 rows (2 inserted, 0 updated, 0 deleted)" ||
	fail "status: $(t sync status)"
printf 'commune_code,name\nX02,Xã Mới Hơn\nX03,Xã Hai\n' >"$tmp/c3.csv"
t import communes "$tmp/c3.csv" >/dev/null
t sync status | grep -q "recorded: 2 transactions, 3 rows (2 inserted, 1 updated, 0 deleted)" ||
	fail "status after an update: $(t sync status)"
[ "$(sqlite3 "$db" "SELECT who FROM sync_log ORDER BY seq LIMIT 1")" = lan ] || fail "the author is not lan"

# Unchanged, refused, or written behind tkvv's back: nothing recorded.
t import communes "$tmp/c3.csv" >/dev/null
printf 'commune_code,name,kind\nX09,Xã Chín,huyen\n' >"$tmp/bad.csv"
expect_rc 1 import communes "$tmp/bad.csv"
sqlite3 "$db" "UPDATE communes SET name = 'Khác' WHERE code = 'X01'"
[ "$(recorded)" = 2 ] || fail "records after no-op, refused and direct writes: $(recorded)"
exit 0
