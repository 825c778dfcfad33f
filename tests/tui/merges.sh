#!/bin/sh
# The regrouping assistant shows a merge with its reason and the deputy
# offered; refusing it (m) keeps the group and says why; the organisations'
# shares before and after close the list.
set -eu
ui_language=en
. "$top_srcdir/tests/tui/lib.sh"
command -v python3 >/dev/null || { echo "python3 not installed" >&2; exit 77; }

# A hamlet of a low-balance group whose plan merges it.
t report groups --format csv > "$tmp/groups.csv"
hcode=
for h in $(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["outstanding"] < 300000000 { print $c["hamlet_code"] }' "$tmp/groups.csv" | sort -u); do
	t regroup --hamlet "$h" --no-tradeoff > "$tmp/plan.txt"
	if grep -q "^Merge: " "$tmp/plan.txt"; then hcode=$h; break; fi
done
[ -n "$hcode" ] || fail "no low-balance group of the demo is merged"

open_assistant "$hcode" 280
wait_re "M Merge .+ into .+ \\(m: refuse\\): low balance: [0-9.,]+ VND < 300\\.000\\.000 VND"
wait_re "D Deputy of .+: [^ ]+, leader of the group merged into it"
# Refuse it: the group is kept, and the list says why.
keys Tab m
wait_re "merges refused 1"
wait_re "kept: low balance: .+; not merged: refused by the officer"
screen | grep -q "M Merge .* (m: refuse): low balance" && fail "the refused merge is still proposed"
# The organisations' shares of the hamlet, at the end of the list, with
# the members the plan gives each.
keys End
wait_re "O [A-Z]+: groups [0-9]+ → [0-9]+, members [0-9]+ → [0-9]+ \\([0-9.,]+ → [0-9.,]+ %\\), outstanding"
t regroup --hamlet "$hcode" --no-tradeoff --format json > "$tmp/plan.json"
for org in $(python3 -c 'import json,sys; print(" ".join(o["org_code"] for o in json.load(open(sys.argv[1]))["orgs"]))' "$tmp/plan.json"); do
	screen | grep -Eq "O $org: groups " || fail "no share line for $org"
done
echo "merges.sh (tui): all passed"
