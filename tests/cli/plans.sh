#!/bin/sh
# Regrouping plans and the file: a preview saves nothing, --save saves one
# draft and prints its id, discard deletes its rows and gives the space back,
# and plan times are shown in local time (TZ).
set -eu
NAME=plans
. "${top_srcdir:-.}/tests/cli/plan_lib.sh"
size() { wc -c < "$db" | tr -d ' '; }
commune=$(sqlite3 "$db" "SELECT code FROM communes ORDER BY code LIMIT 1")
plans() { sqlite3 "$db" "SELECT count(*) FROM plans"; }

# A preview in each format saves nothing: no plan, no audit row, the same file.
before=$(size)
audit=$(sqlite3 "$db" "SELECT count(*) FROM audit")
for fmt in text csv json; do
	t regroup --commune "$commune" --format "$fmt" > "$tmp/preview.$fmt"
	[ -s "$tmp/preview.$fmt" ] || fail "empty $fmt preview"
done
[ "$(plans)" -eq 0 ] || fail "a preview saved a plan"
[ "$(t plan list --format csv | wc -l)" -eq 1 ] || fail "plan list is not empty after previews"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit")" -eq "$audit" ] || fail "a preview wrote to the audit log"
[ "$(size)" -eq "$before" ] || fail "a preview changed the file: $before -> $(size) bytes"
grep -q "Not saved" "$tmp/preview.text" || fail "the text preview does not say it is not saved"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); assert p["plan_id"] is None and p["status"] == "preview" and p["moves"], p["plan_id"]' \
	"$tmp/preview.json" || fail "json preview: $(head -c 200 "$tmp/preview.json")"

# --save saves one draft, the same plan, and prints its id.
t regroup --commune "$commune" --save --format json > "$tmp/saved.json"
[ "$(plans)" -eq 1 ] || fail "--save saved $(plans) plans"
id=$(sqlite3 "$db" "SELECT id FROM plans")
python3 - "$tmp/preview.json" "$tmp/saved.json" "$id" <<'PY' || fail "--save json"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert b["plan_id"] == int(sys.argv[3]) and b["status"] == "draft", (b["plan_id"], b["status"])
assert a["moves"] == b["moves"] and a["after"] == b["after"]
PY
t regroup --commune "$commune" --save --no-tradeoff > "$tmp/saved.txt"
id2=$(sqlite3 "$db" "SELECT max(id) FROM plans")
grep -q "^Plan $id2 (draft)" "$tmp/saved.txt" || fail "--save text: $(head -n 1 "$tmp/saved.txt")"
grep -q "tkvv plan apply $id2" "$tmp/saved.txt" || fail "--save text does not say how to apply it"
t plan discard "$id2" > /dev/null

# Discard deletes the plan's rows, keeps it listed, and the file shrinks.
[ "$(sqlite3 "$db" "SELECT count(*) FROM plan_moves WHERE plan_id = $id")" -gt 0 ] || fail "no moves saved"
saved=$(size)
t plan discard "$id" > "$tmp/out"
[ "$(cat "$tmp/out")" = "plan $id discarded" ] || fail "discard printed: $(cat "$tmp/out")"
for tbl in plan_moves plan_groups plan_hamlets plan_tradeoff; do
	[ "$(sqlite3 "$db" "SELECT count(*) FROM $tbl WHERE plan_id = $id")" -eq 0 ] || fail "discard left rows in $tbl"
done
[ "$(sqlite3 "$db" "SELECT status FROM plans WHERE id = $id")" = discarded ] || fail "the plan is not listed as discarded"
[ "$(size)" -lt "$saved" ] || fail "discard did not free space: $saved -> $(size) bytes"
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || fail "integrity after discard"
# Once more: the file is smaller again after another discard.
t regroup --commune "$commune" --save --no-tradeoff --format csv > /dev/null 2> "$tmp/err"
id3=$(sqlite3 "$db" "SELECT max(id) FROM plans")
grep -q "plan $id3 saved" "$tmp/err" || fail "--save csv does not name the plan: $(cat "$tmp/err")"
saved=$(size)
t plan discard "$id3" > /dev/null
[ "$(size)" -lt "$saved" ] || fail "second discard did not free space: $saved -> $(size) bytes"

# Times: stored in UTC, shown in the officer's time zone.
sqlite3 "$db" "UPDATE plans SET created_at = '2026-12-03T07:05:00Z', applied_at = '2026-12-03T17:30:00Z' WHERE id = $id"
TZ=Asia/Ho_Chi_Minh t plan list > "$tmp/list.txt"
grep -q "^ *$id  03/12/2026 14:05 " "$tmp/list.txt" || fail "plan list in Asia/Ho_Chi_Minh: $(cat "$tmp/list.txt")"
TZ=UTC t plan list > "$tmp/list.txt"
grep -q "^ *$id  03/12/2026 07:05 " "$tmp/list.txt" || fail "plan list in UTC: $(cat "$tmp/list.txt")"
TZ=Asia/Ho_Chi_Minh t plan list --format csv | grep -q "^$id,2026-12-03T14:05:00+07:00,.*,2026-12-04T00:30:00+07:00," \
	|| fail "plan list csv: $(TZ=Asia/Ho_Chi_Minh t plan list --format csv)"
TZ=Asia/Ho_Chi_Minh t plan show "$id" | grep -q "^Made 03/12/2026 14:05, applied 04/12/2026 00:30" \
	|| fail "plan show: $(TZ=Asia/Ho_Chi_Minh t plan show "$id" | head -n 3)"
TZ=Asia/Ho_Chi_Minh t plan show "$id" --format json | python3 -c 'import json,sys; p=json.load(sys.stdin); assert p["created_at"] == "2026-12-03T14:05:00+07:00" and p["undone_at"] is None, p["created_at"]' \
	|| fail "plan show json times"
[ "$(sqlite3 "$db" "SELECT created_at FROM plans WHERE id = $id")" = 2026-12-03T07:05:00Z ] || fail "the stored time changed"
echo "plans.sh: all passed"
