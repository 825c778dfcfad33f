#!/bin/sh
# tkvv check: exit 0 and one line on a sound file, exit 1 with the problems
# grouped by rule otherwise, and it waits for a writer rather than fail.
set -eu
# The locale of the run: C.UTF-8, or TKVV_TEST_LOCALE (tests/local.mk).
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
tkvv=${top_builddir:-.}/tkvv
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing"; exit 77; }
dir=$(mktemp -d /tmp/tkvv-check-XXXXXX)
trap 'kill $writer 2>/dev/null || :; rm -rf "$dir"' EXIT
writer=
export XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
# The messages these tests read are the English ones.
mkdir -p "$XDG_CONFIG_HOME/tkvv" && printf '[general]\nlanguage = en\n' >"$XDG_CONFIG_HOME/tkvv/tkvv.ini"
db="$dir/t.db"
fail() { echo "FAIL: $*"; exit 1; }

"$tkvv" --db "$db" summary >/dev/null
[ "$("$tkvv" --db "$db" check)" = "no problems found" ] || fail "an empty district has problems"

# A writer holds the write lock for a second: check waits and then runs.
mkfifo "$dir/w"
sqlite3 "$db" <"$dir/w" >/dev/null & writer=$!
exec 4>"$dir/w"
echo "BEGIN IMMEDIATE; INSERT INTO audit(who, action) VALUES ('test', 'x');" >&4
(sleep 1; echo "COMMIT;" >&4) &
"$tkvv" --db "$db" check >/dev/null || fail "check did not wait for a writer"
exec 4>&-
wait "$writer" || :
writer=

# Two broken rules: exit 1, each rule's heading then its lines.
sqlite3 "$db" "
INSERT INTO communes(code, name) VALUES ('TC01', 'Phước Hưng');
INSERT INTO hamlets(code, commune_id, name) VALUES ('TC01A01', 1, 'Ấp Chợ');
INSERT INTO groups(code, hamlet_id, org_code, status, founded_on) VALUES
 ('G1', 1, 'PN', 'dissolved', '2023-02-30'), ('g1', 1, 'PN', 'dissolved', NULL);"
set +e
"$tkvv" --db "$db" check >"$dir/out" 2>"$dir/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "check with problems exited $rc"
grep -q "^codes (" "$dir/out" || fail "no codes heading: $(cat "$dir/out")"
grep -q "^  group codes G1, g1 differ only in case$" "$dir/out" || fail "no codes line"
grep -q "^dates (" "$dir/out" || fail "no dates heading"
grep -q "^  group G1: founded_on '2023-02-30' is not a date (YYYY-MM-DD)$" "$dir/out" || fail "no dates line"
[ "$(grep -c '^  ' "$dir/out")" -eq 2 ] || fail "not one line per problem: $(cat "$dir/out")"
grep -q "2 problems" "$dir/err" || fail "no count on stderr"
set +e
"$tkvv" --db "$db" check extra 2>/dev/null
rc=$?
set -e
[ $rc -eq 2 ] || fail "check with an argument exited $rc, not 2"
echo ok
