#!/bin/sh
# tkvv report on the hand-computed fixture: formats, keys, exit codes.
set -eu
NAME=report
. "${top_srcdir:-.}/tests/cli/lib.sh"
need sqlite3
db=$tmp/q.db

"$tkvv" --db "$db" summary >/dev/null
sqlite3 "$db" < "$top_srcdir/tests/data/quality_fixture.sql"
run() { "$tkvv" --db "$db" report "$@"; }

# groups, json: one object per group with the contract's keys, in order.
run groups --as-of 2023-05-31 --format json > "$tmp/groups.json"
keys='"group_code": "G3", "hamlet_code": "H2", "commune_code": "C1", "org_code": "PN", "members": 2, "borrowers": 2, "outstanding": 45000000, "overdue": 5000000, "overdue_ratio": 0.1111111111111111, "interest_due_ytd": 1140000, "interest_collected_ytd": 1040000, "collection_rate_ytd": 0.9122807017543859, "savings": 300000, "savers": 1, "score": 25, "grade": "yeu"'
grep -qF "$keys" "$tmp/groups.json" || fail "groups json: $(cat "$tmp/groups.json")"
grep -qF '"collection_rate_ytd": null' "$tmp/groups.json" || fail "undefined rate is not null"
[ "$(grep -c group_code "$tmp/groups.json")" -eq 5 ] || fail "not 5 groups"

# groups, csv: the header row; DD/MM/YYYY is accepted.
run groups --as-of 31/12/2022 --format csv > "$tmp/groups.csv"
head -n 1 "$tmp/groups.csv" | grep -qx 'group_code,hamlet_code,commune_code,org_code,members,borrowers,outstanding,overdue,overdue_ratio,interest_due_ytd,interest_collected_ytd,collection_rate_ytd,savings,savers,score,grade' \
	|| fail "csv header: $(head -n 1 "$tmp/groups.csv")"
grep -qx 'G1,H1,C1,PN,3,3,37000000,15000000,0.40540540540540543,1591000,1416000,0.8900062853551226,280000,3,15,yeu' \
	"$tmp/groups.csv" || fail "csv G1: $(cat "$tmp/groups.csv")"

# text: money with dots, one-decimal percentages, a dash when undefined.
run groups --as-of 2022-12-31 > "$tmp/groups.txt"
grep -q 'G1 .* 37.000.000 .* 15.000.000 .* 40.5% .* 89.0% .* Yếu$' "$tmp/groups.txt" || fail "text G1: $(cat "$tmp/groups.txt")"
grep -q 'G2 .* 0.0% .* - .* Tốt$' "$tmp/groups.txt" || fail "text G2"

# compare, json: the district and the communes under from and to.
run compare --from 2022-12-31 --to 2023-05-31 --format json > "$tmp/compare.json"
for k in '"from": {"as_of": "2022-12-31", "score_as_of": "2022-12-31", "groups": 5, "groups_overdue_above_threshold": 1' \
	 '"to": {"as_of": "2023-05-31", "score_as_of": "2023-05-31", "groups": 5, "groups_overdue_above_threshold": 1' \
	 '"communes_by_grade": {"tot": 1, "kha": 0, "trung_binh": 0, "yeu": 1}' \
	 '{"commune_code": "C1", "name": "Xã Một", "groups": 4'; do
	grep -qF "$k" "$tmp/compare.json" || fail "compare json lacks $k: $(cat "$tmp/compare.json")"
done
run compare --from 2022-12-31 --to 2023-05-31 > "$tmp/compare.txt"
grep -q '^collection_rate_ytd  *92.4%  *89.4%  *-3.0$' "$tmp/compare.txt" || fail "compare text: $(cat "$tmp/compare.txt")"

# kpi: figures and the four flag lists.
run kpi --as-of 2023-05-31 --format json > "$tmp/kpi.json"
for k in '"as_of": "2023-05-31"' '"district": {"code": null, "name": null, "groups": 5' \
	 '"communes": [' '"orgs": [' '"hamlets": [' '"overdue_above_threshold": [' \
	 '"collection_below_threshold": [' '"merge_candidates": [' '"leaders_to_review": [' \
	 '"leader_code": "M06"' '"points": "transactions 0, principal 15, interest 0, savers 0, growth 10, overdue 0"'; do
	grep -qF "$k" "$tmp/kpi.json" || fail "kpi json lacks $k"
done

# xlsx: a zip file, and only with --out.
run kpi --as-of 2023-05-31 --format xlsx --out "$tmp/kpi.xlsx"
[ "$(head -c 2 "$tmp/kpi.xlsx")" = PK ] || fail "xlsx is not a zip file"
run compare --from 2022-12-31 --to 2023-05-31 --format xlsx --out "$tmp/compare.xlsx"
if command -v python3 >/dev/null; then
	python3 - "$tmp/kpi.xlsx" "$tmp/compare.xlsx" <<'PY' || fail "xlsx formats"
import sys, zipfile
kpi, compare = (zipfile.ZipFile(p) for p in sys.argv[1:3])
styles = kpi.read("xl/styles.xml").decode()
assert 'formatCode="#,##0"' in styles and 'formatCode="0.0%"' in styles
assert 'state="frozen"' in kpi.read("xl/worksheets/sheet1.xml").decode()
assert len([n for n in kpi.namelist() if n.startswith("xl/worksheets/sheet")]) == 8
# 31/12/2022 and 31/05/2023 as Excel serial days, shown dd/mm/yyyy.
assert 'formatCode="dd/mm/yyyy"' in compare.read("xl/styles.xml").decode()
sheet = compare.read("xl/worksheets/sheet1.xml").decode()
assert "<v>44926</v>" in sheet and "<v>45077</v>" in sheet
PY
fi
run groups --format json --out "$tmp/out.json"
grep -q '"group_code"' "$tmp/out.json" || fail "--out"

# Usage errors exit 2.
for args in "groups --format xlsx" "compare --from 2022-12-31" "groups --as-of 2023-02-30" \
	    "nothing" "groups --from 2022-12-31 --to 2023-01-31" "kpi --format pdf"; do
	st=0
	run $args >/dev/null 2>&1 || st=$?
	[ "$st" -eq 2 ] || fail "'report $args' exited $st, not 2"
done
echo ok
