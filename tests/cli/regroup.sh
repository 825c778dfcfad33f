#!/bin/sh
# tkvv regroup and tkvv plan on a demo district, driven as an officer would:
# propose, read the figures, apply, check the members moved, undo, refusals.
set -eu
NAME=regroup
. "${top_srcdir:-.}/tests/cli/lib.sh"
db=$tmp/d.db
t() { "$tkvv" --db "$db" --config "$tmp/tkvv.ini" "$@"; }
# Expect exit status $1 from the rest, with exactly one line on stderr.
expect() {
	want=$1; shift
	set +e; t "$@" >"$tmp/out" 2>"$tmp/err"; got=$?; set -e
	[ "$got" -eq "$want" ] || fail "$* exited $got, not $want: $(cat "$tmp/err")"
	[ "$want" -eq 0 ] || [ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "$*: not one line: $(cat "$tmp/err")"
}
need python3 sqlite3

t demo >/dev/null
hamlet=$(sqlite3 "$db" "SELECT h.code FROM hamlets h JOIN members m ON m.hamlet_id = h.id
	GROUP BY h.id HAVING count(m.lat) >= 0.9 * count(*) AND count(DISTINCT m.group_id) >= 3 ORDER BY h.code LIMIT 1")
[ -n "$hamlet" ] || fail "no located hamlet with three groups in the demo"

# A plan in json, saved as a draft: the rules hold, the figures improve, the
# trade-off is there.
t regroup --hamlet "$hamlet" --save --format json > "$tmp/plan.json"
python3 - "$tmp/plan.json" <<'PY' || fail "plan json: $(head -c 400 "$tmp/plan.json")"
import json, sys
p = json.load(open(sys.argv[1]))
b, a = p["before"], p["after"]
assert a["size_violations"] == 0 and a["cross_hamlet"] == 0 and a["leaders_moved"] == 0, a
assert a["groups"] == b["groups"] or p["merges"], (a, b)
assert a["medoid_m"] < b["medoid_m"] and a["interleave"] < b["interleave"], (a, b)
assert a["moved"] == len(p["moves"]) > 0
assert [(r["budget"], r["new_leaders"]) for r in p["tradeoff"]] == \
    [(x, l) for l in (False, True) for x in ("10%", "25%", "50%", "unlimited")]
moves = [r["after"]["moved"] for r in p["tradeoff"][:4]]
assert moves == sorted(moves), moves
for r in p["tradeoff"]:
    assert r["after"]["size_violations"] == 0
    assert r["new_leaders"] or r["after"]["leaders_moved"] == 0
for m in p["moves"]:
    assert m["hamlet_code"] == p["hamlets"][0]["hamlet_code"] and m["from_group"] != m["to_group"]
    assert m["reason"]
open(sys.argv[1] + ".id", "w").write(str(p["plan_id"]))
PY
id=$(cat "$tmp/plan.json.id")

# groups_split before and after, counted here on the hamlet's symmetric
# 5-nearest-neighbour graph (great-circle), as regroup-metrics.md defines it.
python3 - "$tmp/plan.json" "$db" "$hamlet" <<'PY' || fail "groups_split differs from an independent count"
import json, math, sqlite3, sys
p = json.load(open(sys.argv[1]))
rows = sqlite3.connect(sys.argv[2]).execute(
    "SELECT m.code, g.code, m.lat, m.lon FROM members m JOIN hamlets h ON h.id = m.hamlet_id "
    "JOIN groups g ON g.id = m.group_id WHERE h.code = ? AND m.lat IS NOT NULL AND m.lon IS NOT NULL "
    "ORDER BY m.id", (sys.argv[3],)).fetchall()
def dist(a, b):
    f1, f2, dl = math.radians(a[2]), math.radians(b[2]), math.radians(b[3] - a[3])
    h = math.sin((f2 - f1) / 2) ** 2 + math.cos(f1) * math.cos(f2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(min(1, h)))
n = len(rows)
edges = set()
for i in range(n):
    near = sorted((dist(rows[i], rows[j]), j) for j in range(n) if j != i)[:5]
    edges |= {(min(i, j), max(i, j)) for _, j in near}
def split(group):
    parent = list(range(n))
    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x
    for i, j in edges:
        if group[i] == group[j]:
            parent[find(i)] = find(j)
    pieces = {}
    for i in range(n):
        pieces.setdefault(group[i], set()).add(find(i))
    return sum(len(s) > 1 for s in pieces.values())
before = [r[1] for r in rows]
to = {m["member_code"]: m["to_group"] for m in p["moves"]}
after = [to.get(r[0], r[1]) for r in rows]
h = p["hamlets"][0]
assert h["before"]["groups_split"] == p["before"]["groups_split"] == split(before), (h["before"], split(before))
assert h["after"]["groups_split"] == p["after"]["groups_split"] == split(after), (h["after"], split(after))
unl = [r for r in p["tradeoff"] if r["budget"] == "unlimited" and not r["new_leaders"]][0]
assert unl["after"]["groups_split"] >= 0
PY

# No budget asked: the plan is the recommended row of the trade-off table,
# the knee (the largest share of the unlimited row's medoid drop over its
# share of the moves), and the text says which row and why.
python3 - "$tmp/plan.json" <<'PY' || fail "the default plan is not the knee of the trade-off"
import json, sys
p = json.load(open(sys.argv[1]))
rows = [r for r in p["tradeoff"] if not r["new_leaders"]]
unl = [r for r in rows if r["budget"] == "unlimited"][0]["after"]
drop = p["before"]["medoid_m"] - unl["medoid_m"]
score = {r["budget"]: (p["before"]["medoid_m"] - r["after"]["medoid_m"]) / drop - r["after"]["moved"] / unl["moved"]
         for r in rows if r["budget"] != "unlimited" and r["after"]["moved"] > 0}
best = max(score, key=lambda b: (score[b], -[r for r in rows if r["budget"] == b][0]["after"]["moved"]))
want = best if score[best] > 1e-9 else "unlimited"
rec = p["recommended"]
assert rec["budget"] == want and rec["new_leaders"] is False, (rec, score)
assert p["params"]["max_moves"] == (None if want == "unlimited" else want), p["params"]
row = [r for r in rows if r["budget"] == want][0]["after"]
assert p["after"]["moved"] == row["moved"] and abs(p["after"]["medoid_m"] - row["medoid_m"]) < 1e-6, (p["after"], row)
PY
t plan show "$id" | grep -q "Recommended: the .* row" || fail "text plan does not say which row is recommended"
t regroup --hamlet "$hamlet" --max-moves 100% --format json > "$tmp/full.json"
python3 - "$tmp/full.json" <<'PY' || fail "--max-moves 100% is not the unlimited row"
import json, sys
p = json.load(open(sys.argv[1]))
unl = [r for r in p["tradeoff"] if r["budget"] == "unlimited" and not r["new_leaders"]][0]["after"]
assert p["after"]["moved"] == unl["moved"], (p["after"]["moved"], unl["moved"])
PY
# A preview saves nothing: the newest plan is still the one saved above.
[ "$(sqlite3 "$db" "SELECT max(id) FROM plans")" = "$id" ] || fail "the preview saved a plan"

# The same plan as csv: the contract's header, one row per move.
t plan show "$id" --format csv > "$tmp/moves.csv"
head -n 1 "$tmp/moves.csv" | grep -qx 'member_code,full_name,hamlet_code,from_group,to_group,reason,groups_split_before,groups_split_after,merge_reason' \
	|| fail "csv header"
python3 - "$tmp/moves.csv" "$tmp/plan.json" <<'PY' || fail "csv groups_split differs from json"
import csv, json, sys
h = json.load(open(sys.argv[2]))["hamlets"][0]
for r in csv.DictReader(open(sys.argv[1])):
    assert int(r["groups_split_before"]) == h["before"]["groups_split"], r
    assert int(r["groups_split_after"]) == h["after"]["groups_split"], r
PY
t plan show "$id" | grep -q "Split groups" || fail "text plan has no groups_split"
nmoves=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['moves']))" "$tmp/plan.json")
[ "$(python3 -c "import csv,sys; print(len(list(csv.reader(open(sys.argv[1]))))-1)" "$tmp/moves.csv")" -eq "$nmoves" ] \
	|| fail "csv rows differ from json moves"
t plan list --format csv | head -n 1 | grep -q '^plan_id,' || fail "plan list csv: first column is not plan_id"
t plan show "$id" | grep -q "Trade-off" || fail "text plan has no trade-off table"

# Apply: exactly the planned moves happen, seen through export.
t export members "$tmp/before.csv"
t plan apply "$id" --note "Họp dân ấp 26/11" > /dev/null
t export members "$tmp/after.csv"
python3 - "$tmp/before.csv" "$tmp/after.csv" "$tmp/moves.csv" <<'PY' || fail "applied moves differ from the plan"
import csv, sys
rows = lambda f: {r["member_code"]: r for r in csv.DictReader(open(f))}
b, a = rows(sys.argv[1]), rows(sys.argv[2])
planned = {r["member_code"]: (r["from_group"], r["to_group"]) for r in csv.DictReader(open(sys.argv[3]))}
changed = {k: (b[k]["group_code"], a[k]["group_code"]) for k in b if b[k]["group_code"] != a[k]["group_code"]}
assert changed == planned, (len(changed), len(planned))
for k in b:
    for col in b[k]:
        if col != "group_code":
            assert b[k][col] == a[k][col], (k, col)
PY
[ "$(sqlite3 "$db" "SELECT status || '|' || note FROM plans WHERE id = $id")" = "applied|Họp dân ấp 26/11" ] || fail "plan not applied with its note"
expect 1 plan apply "$id"
grep -q "not a draft" "$tmp/err" || fail "second apply: $(cat "$tmp/err")"

# Undo: every member is back, the history is as it was.
t plan undo "$id" > /dev/null
t export members "$tmp/undone.csv"
cmp -s "$tmp/before.csv" "$tmp/undone.csv" || fail "undo did not restore the members"
[ "$(sqlite3 "$db" "SELECT count(*) FROM memberships WHERE to_on IS NOT NULL")" -eq 0 ] || fail "undo left history rows"

# A plan made before the data changed is refused, and nothing is written.
t regroup --hamlet "$hamlet" --no-tradeoff --save --format csv > /dev/null 2>&1
id2=$(sqlite3 "$db" "SELECT max(id) FROM plans")
sqlite3 "$db" "UPDATE members SET lat = lat + 0.001 WHERE code = (SELECT m.code FROM members m JOIN hamlets h ON h.id = m.hamlet_id WHERE h.code = '$hamlet' LIMIT 1)"
t export members "$tmp/stale.csv"
expect 1 plan apply "$id2"
grep -q "changed since in hamlet $hamlet" "$tmp/err" || fail "stale plan: $(cat "$tmp/err")"
t export members "$tmp/stale2.csv"
cmp -s "$tmp/stale.csv" "$tmp/stale2.csv" || fail "a refused apply wrote something"
t plan discard "$id2" > /dev/null

# Rules that cannot be met: the hamlet is named, nothing is proposed there.
t regroup --hamlet "$hamlet" --max 10 --no-tradeoff --format json > "$tmp/inf.json"
python3 - "$tmp/inf.json" <<'PY' || fail "infeasible plan: $(head -c 400 "$tmp/inf.json")"
import json, sys
p = json.load(open(sys.argv[1]))
h = p["hamlets"][0]
assert h["status"] == "infeasible" and h["message"], h
assert p["moves"] == [] and p["after"]["moved"] == 0
PY

# A hamlet known only by road order is split along the road.
road=$(sqlite3 "$db" "SELECT h.code FROM hamlets h JOIN members m ON m.hamlet_id = h.id
	GROUP BY h.id HAVING count(m.lat) = 0 AND count(m.road_order) > 0 ORDER BY h.code LIMIT 1")
if [ -n "$road" ]; then
	t regroup --hamlet "$road" --no-tradeoff --format json > "$tmp/road.json"
	python3 -c "import json,sys; h=json.load(open(sys.argv[1]))['hamlets'][0]; assert h['method']=='road' and h['status']=='ok', h" \
		"$tmp/road.json" || fail "road hamlet: $(head -c 300 "$tmp/road.json")"
	# When a move costs more than any walk, nobody moves, on a road too.
	t regroup --hamlet "$road" --no-tradeoff --moves-weight 1e9 --format json > "$tmp/dear.json"
	python3 -c "import json,sys; p=json.load(open(sys.argv[1])); assert p['after']['moved']==0 and not p['moves'], p['after']" \
		"$tmp/dear.json" || fail "road hamlet at a huge move price: $(head -c 300 "$tmp/dear.json")"
fi

# Usage errors (2) and requests that cannot be done (1).
expect 2 regroup --hamlet "$hamlet" --commune X
expect 2 regroup --min 10 --max 5
expect 2 regroup --max-moves lots
expect 2 regroup --format xml
expect 1 regroup --hamlet NO-SUCH-HAMLET
grep -q "hamlet 'NO-SUCH-HAMLET' does not exist" "$tmp/err" || fail "unknown hamlet: $(cat "$tmp/err")"
expect 1 plan show 9999
expect 2 plan frobnicate 1
expect 1 plan undo "$id"
echo "regroup.sh: all passed"
