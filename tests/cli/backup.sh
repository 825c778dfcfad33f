#!/bin/sh
# tkvv backup: a consistent copy of a live WAL database while another
# connection holds a read transaction and a third an uncommitted write;
# the copy has the committed content, mode 0600, passes check; an existing
# file is refused and left alone.
set -eu
# The locale of the run: C.UTF-8, or TKVV_TEST_LOCALE (tests/local.mk).
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
tkvv=${top_builddir:-.}/tkvv
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing"; exit 77; }
dir=$(mktemp -d /tmp/tkvv-backup-XXXXXX)
trap 'kill $reader $writer 2>/dev/null || :; rm -rf "$dir"' EXIT
reader=; writer=
export XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
# The messages these tests read are the English ones.
mkdir -p "$XDG_CONFIG_HOME/tkvv" && printf '[general]\nlanguage = en\n' >"$XDG_CONFIG_HOME/tkvv/tkvv.ini"
db="$dir/live.db"
fail() { echo "FAIL: $*"; exit 1; }

"$tkvv" --db "$db" summary >/dev/null
sqlite3 "$db" "
INSERT INTO communes(code, name) VALUES ('TC01', 'Phước Hưng');
INSERT INTO hamlets(code, commune_id, name) VALUES ('TC01A01', 1, 'Ấp Chợ');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO groups(code, hamlet_id, org_code, status) SELECT printf('G%04d', i), 1, 'PN', 'dissolved' FROM n;"
[ "$(sqlite3 "$db" 'PRAGMA journal_mode')" = wal ] || fail "the live database is not in WAL mode"

# A reader holding a snapshot and a writer holding an uncommitted change.
fifo_r="$dir/r" fifo_w="$dir/w"
mkfifo "$fifo_r" "$fifo_w"
sqlite3 "$db" <"$fifo_r" >/dev/null & reader=$!
exec 3>"$fifo_r"
echo "BEGIN; SELECT count(*) FROM groups;" >&3
sqlite3 "$db" <"$fifo_w" >/dev/null & writer=$!
exec 4>"$fifo_w"
sqlite3 "$db" "INSERT INTO audit(who, action) VALUES ('test', 'committed after the reader began')"
echo "BEGIN IMMEDIATE; INSERT INTO audit(who, action) VALUES ('test', 'uncommitted');" >&4
sleep 1

"$tkvv" --db "$db" backup "$dir/copy.db" >/dev/null || fail "backup of a live database failed"
echo "ROLLBACK;" >&4; exec 4>&-
echo "COMMIT;" >&3; exec 3>&-
wait "$reader" "$writer" || :
reader=; writer=

[ "$(stat -c %a "$dir/copy.db")" = 600 ] || fail "the copy is not mode 0600"
[ ! -e "$dir/copy.db-wal" ] || [ ! -s "$dir/copy.db-wal" ] || fail "the copy left a WAL file"
ls "$dir" | grep -q 'tmp-' && fail "a temporary file was left behind"
dump() { sqlite3 "$1" "SELECT code, status FROM groups ORDER BY code; SELECT who, action FROM audit ORDER BY id;"; }
[ "$(dump "$db")" = "$(dump "$dir/copy.db")" ] || fail "the copy's content differs"
dump "$dir/copy.db" | grep -q 'committed after' || fail "the copy misses a committed write"
dump "$dir/copy.db" | grep -q 'uncommitted' && fail "the copy has an uncommitted write"
"$tkvv" --db "$dir/copy.db" check >/dev/null || fail "the copy does not pass check"

# An existing file is refused with one line and exit 1, and not touched.
echo keep >"$dir/exists.db"
set +e
"$tkvv" --db "$db" backup "$dir/exists.db" 2>"$dir/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "overwriting an existing file exited $rc"
[ "$(wc -l <"$dir/err")" -eq 1 ] || fail "the refusal is not one line"
grep -q "exists.db" "$dir/err" || fail "the refusal does not name the file"
[ "$(cat "$dir/exists.db")" = keep ] || fail "the existing file was changed"
set +e
"$tkvv" --db "$db" backup 2>/dev/null
rc=$?
set -e
[ $rc -eq 2 ] || fail "backup without FILE exited $rc, not 2"
echo "ok"
