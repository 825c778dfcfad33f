#!/bin/sh
# Merges in regrouping plans: a low-balance group of the demo is merged into
# an adjacent group with its reason, its leader offered as deputy; the walk
# limit and --no-merges keep it; apply does it and undo restores every row.
set -eu
NAME=merges
. "${top_srcdir:-.}/tests/cli/plan_lib.sh"

# The hamlets of the groups below the low balance (300,000,000 VND), the
# first whose plan merges one.
t report groups --format json > "$tmp/groups.json"
hamlet=
for h in $(python3 -c 'import json,sys
print(" ".join(sorted({g["hamlet_code"] for g in json.load(open(sys.argv[1])) if g["outstanding"] < 300000000})))' "$tmp/groups.json"); do
	t regroup --hamlet "$h" --no-tradeoff --format json > "$tmp/plan.json"
	if python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["merges"] else 1)' "$tmp/plan.json"; then
		hamlet=$h
		break
	fi
done
[ -n "$hamlet" ] || fail "no low-balance group of the demo is merged"

# The merge, its reason and the deputy offered, checked against the store.
python3 - "$tmp/plan.json" "$db" <<'PY' || fail "merge json: $(head -c 600 "$tmp/plan.json")"
import json, sqlite3, sys
p = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
b, a = p["before"], p["after"]
assert a["groups"] == b["groups"] - len(p["merges"]), (a["groups"], b["groups"])
assert a["size_violations"] == 0
moved = {m["member_code"]: m for m in p["moves"]}
for g in p["merges"]:
    assert g["reason"].startswith("low balance: ") or g["reason"].startswith("too few members: "), g
    assert " VND < 300.000.000 VND" in g["reason"] and "members together, walk" in g["reason"], g
    leader, = db.execute("SELECT leader_code FROM groups WHERE code = ?", (g["group_code"],)).fetchone()
    assert g["deputy_offered"] == leader, (g, leader)
    assert moved[leader]["to_group"] == g["into"], moved.get(leader)
    # Every member of the merged group leaves it.
    for code, in db.execute("SELECT m.code FROM members m JOIN groups g ON g.id = m.group_id WHERE g.code = ?",
                            (g["group_code"],)):
        assert code in moved and moved[code]["from_group"] == g["group_code"], code
    d = [x for x in p["new_deputies"] if x["group_code"] == g["into"]]
    assert d and d[0]["new_deputy"] == leader, d
PY
merged=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["merges"][0]["group_code"])' "$tmp/plan.json")
into=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["merges"][0]["into"])' "$tmp/plan.json")

# Text and csv say it too.
t regroup --hamlet "$hamlet" --no-tradeoff > "$tmp/plan.txt"
grep -q "^Merge: $merged into $into (low balance: " "$tmp/plan.txt" || fail "text: no merge line for $merged"
grep -q "^Deputy proposed for $into: " "$tmp/plan.txt" || fail "text: no deputy line for $into"
t regroup --hamlet "$hamlet" --no-tradeoff --format csv > "$tmp/plan.csv"
python3 - "$tmp/plan.csv" "$merged" <<'PY' || fail "csv merge_reason"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows and all(r["merge_reason"].startswith("low balance") == (r["from_group"] == sys.argv[2]) for r in rows)
PY

# --no-merges keeps every group; a walk limit of 0 m keeps it, saying why.
t regroup --hamlet "$hamlet" --no-tradeoff --no-merges --format json > "$tmp/none.json"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); assert not p["merges"] and p["after"]["groups"] == p["before"]["groups"]' \
	"$tmp/none.json" || fail "--no-merges merged"
printf '[general]\nlanguage = en\n[regroup]\nmerge_walk_limit = 0\n' > "$tmp/tight.ini"
"$tkvv" --db "$db" --config "$tmp/tight.ini" regroup --hamlet "$hamlet" --no-tradeoff --format json > "$tmp/tight.json"
python3 - "$tmp/tight.json" "$merged" <<'PY' || fail "walk limit 0: $(head -c 600 "$tmp/tight.json")"
import json, sys
p = json.load(open(sys.argv[1]))
assert sys.argv[2] not in [g["group_code"] for g in p["merges"]]
kept = [g for g in p["not_merged"] if g["group_code"] == sys.argv[2]]
assert kept and "not merged: the walk would grow by " in kept[0]["reason"] and "more than 0 m" in kept[0]["reason"], kept
PY

# Apply, then undo: every row of groups, members and memberships as before.
dump > "$tmp/before.dump"
t regroup --hamlet "$hamlet" --no-tradeoff --save --format csv > /dev/null 2> "$tmp/saved"
id=$(sqlite3 "$db" "SELECT max(id) FROM plans")
t plan apply "$id" > /dev/null
leader=$(sqlite3 "$db" "SELECT leader_code FROM groups WHERE code = '$merged'")
[ "$(sqlite3 "$db" "SELECT status || '|' || (SELECT code FROM groups i WHERE i.id = g.merged_into) FROM groups g WHERE code = '$merged'")" = "merged|$into" ] \
	|| fail "apply did not merge $merged into $into"
[ "$(sqlite3 "$db" "SELECT deputy_code FROM groups WHERE code = '$into'")" = "$leader" ] || fail "apply did not make $leader deputy of $into"
[ "$(sqlite3 "$db" "SELECT count(*) FROM members m JOIN groups g ON g.id = m.group_id WHERE g.code = '$merged'")" -eq 0 ] \
	|| fail "members left in the merged group"
t plan undo "$id" > /dev/null
dump > "$tmp/undone.dump"
cmp -s "$tmp/before.dump" "$tmp/undone.dump" || fail "undo did not restore: $(diff "$tmp/before.dump" "$tmp/undone.dump" | head -5)"
echo "merges.sh: all passed"
