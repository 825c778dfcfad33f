#!/bin/sh
# --db and --config typed after the command, as officers type them, mean
# what they mean before it; twice or without a value is a usage error; after
# `--` they are arguments. A database that is not there is named, with what
# makes one, and nothing is created by a read.
set -eu
top_builddir=${top_builddir:-.}
tkvv=$(cd "$top_builddir" && pwd)/tkvv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
unset LANGUAGE 2>/dev/null || true
export LC_ALL=${TKVV_TEST_LOCALE:-C.UTF-8}
printf '[general]\nlanguage = en\n' > "$tmp/en.ini"

"$tkvv" demo --db "$tmp/d.db" --seed 2 >/dev/null 2>&1 || fail "tkvv demo --db FILE failed"
[ -s "$tmp/d.db" ] || fail "tkvv demo --db FILE did not make FILE"
[ ! -e "$tmp/data/tkvv/tkvv.db" ] || fail "tkvv demo --db FILE wrote the default database"
"$tkvv" --db "$tmp/d.db" export members - > "$tmp/before.csv"
"$tkvv" export members - --db="$tmp/d.db" > "$tmp/after.csv"
[ "$(wc -l < "$tmp/before.csv")" -gt 1000 ] || fail "no members exported"
cmp -s "$tmp/before.csv" "$tmp/after.csv" || fail "--db= after the command exported something else"
"$tkvv" search nguyen --limit 3 --config "$tmp/en.ini" --db "$tmp/d.db" > "$tmp/s.out" ||
	fail "search with --config and --db after the command failed"
head -n 1 "$tmp/s.out" | grep -q '^Code' || fail "--config after the command not read: $(head -n 1 "$tmp/s.out")"

set +e
"$tkvv" --config "$tmp/en.ini" --db "$tmp/d.db" search x --db "$tmp/other.db" 2> "$tmp/err"; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "--db twice exited $rc"
grep -q -- "--db given twice" "$tmp/err" || fail "--db twice: $(cat "$tmp/err")"
[ ! -e "$tmp/other.db" ] || fail "--db twice opened the second file"
set +e
"$tkvv" --config "$tmp/en.ini" search x --db 2> "$tmp/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q -- "--db needs a value" "$tmp/err" || fail "--db without a value: $rc $(cat "$tmp/err")"

# After --, "--db" is the text searched for.
"$tkvv" --config "$tmp/en.ini" --db "$tmp/d.db" search --format csv -- --db > "$tmp/s.csv" ||
	fail "search -- --db failed"
[ "$(wc -l < "$tmp/s.csv")" -eq 1 ] || fail "search -- --db found: $(cat "$tmp/s.csv")"

set +e
"$tkvv" --config "$tmp/en.ini" --db "$tmp/none.db" search x 2> "$tmp/err"; rc=$?
set -e
[ "$rc" -eq 3 ] || fail "a missing database exited $rc"
[ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "none.db: no database here yet (tkvv demo" "$tmp/err" ||
	fail "a missing database: $(cat "$tmp/err")"
[ ! -e "$tmp/none.db" ] || fail "a search made the database"
set +e
"$tkvv" --config "$tmp/en.ini" --db "$tmp/none.db" report kpi > /dev/null 2> "$tmp/err"; rc=$?
set -e
[ "$rc" -eq 3 ] && grep -q "none.db: no database here yet" "$tmp/err" || fail "report on a missing database: $rc $(cat "$tmp/err")"
[ ! -e "$tmp/none.db" ] || fail "a report made the database"
