#!/bin/sh
# A demo district exported and imported into a new database: the exports
# come back byte for byte, and `report groups` on the imported database
# gives the figures SQL computes from the exported files alone (members,
# borrowers, outstanding, overdue, interest collected, savings, savers).
set -eu
NAME=figures
. "${top_srcdir:-.}/tests/cli/lib.sh"
need sqlite3

kinds="communes hamlets groups members loans payments"
"$tkvv" --db "$tmp/a.db" demo --seed 7 --as-of 2026-06-30 >/dev/null
for k in $kinds; do "$tkvv" --db "$tmp/a.db" export "$k" "$tmp/$k.csv"; done
for k in $kinds; do "$tkvv" --db "$tmp/b.db" import "$k" "$tmp/$k.csv" >/dev/null 2>&1 \
	|| fail "import $k: $("$tkvv" --db "$tmp/b.db" import "$k" "$tmp/$k.csv" 2>&1)"; done
for k in $kinds; do
	"$tkvv" --db "$tmp/b.db" export "$k" "$tmp/again-$k.csv"
	cmp -s "$tmp/$k.csv" "$tmp/again-$k.csv" || fail "export $k differs after the import"
done

d=2026-05-31
"$tkvv" --db "$tmp/b.db" report groups --as-of "$d" --format csv >"$tmp/report.csv"
# group_code, members, borrowers, outstanding, overdue, interest collected, savings, savers
tail -n +2 "$tmp/report.csv" | cut -d, -f1,5,6,7,8,11,13,14 | sort >"$tmp/tkvv.txt"
[ "$(wc -l <"$tmp/tkvv.txt")" -gt 400 ] || fail "report: $(head -n 3 "$tmp/report.csv")"
cd "$tmp"
sqlite3 :memory: >"$tmp/sql-unsorted.txt" <<SQL
.mode csv
.import members.csv m
.import loans.csv l
.import payments.csv p
.mode list
.separator ,
CREATE INDEX l_code ON l(loan_code);
CREATE TEMP TABLE pr AS SELECT loan_code, sum(CAST(amount AS INTEGER)) AS paid FROM p
  WHERE kind = 'principal' AND paid_on <= '$d' GROUP BY loan_code;
CREATE TEMP TABLE lo AS SELECT l.member_code,
  max(0, CAST(l.amount AS INTEGER) - coalesce(pr.paid, 0)) AS outst,
  coalesce(nullif(l.extended_to, ''), l.due_on) AS due
  FROM l LEFT JOIN pr USING (loan_code) WHERE l.disbursed_on <= '$d';
CREATE INDEX lo_member ON lo(member_code);
CREATE TEMP TABLE ic AS SELECT l.member_code, sum(CAST(p.amount AS INTEGER)) AS paid
  FROM p JOIN l USING (loan_code) WHERE p.kind = 'interest' AND p.paid_on <= '$d'
  AND p.period BETWEEN substr('$d', 1, 4) || '-01' AND substr('$d', 1, 7) GROUP BY l.member_code;
CREATE TEMP TABLE sv AS SELECT l.member_code, sum(CAST(p.amount AS INTEGER)) AS bal
  FROM p JOIN l USING (loan_code) WHERE p.kind = 'savings' AND p.paid_on <= '$d'
  GROUP BY l.member_code;
CREATE TEMP TABLE mm AS SELECT m.group_code,
  (SELECT count(*) FROM lo WHERE lo.member_code = m.member_code AND outst > 0) AS nout,
  (SELECT coalesce(sum(outst), 0) FROM lo WHERE lo.member_code = m.member_code) AS outst,
  (SELECT coalesce(sum(outst), 0) FROM lo WHERE lo.member_code = m.member_code
   AND due < '$d') AS overdue,
  coalesce(ic.paid, 0) AS interest, coalesce(sv.bal, 0) AS bal
  FROM m LEFT JOIN sv USING (member_code) LEFT JOIN ic USING (member_code)
  WHERE m.joined_on = '' OR m.joined_on <= '$d';
SELECT group_code, count(*), sum(nout > 0), sum(outst), sum(overdue), sum(interest), sum(bal),
  sum(bal > 0) FROM mm GROUP BY group_code;
SQL
sort "$tmp/sql-unsorted.txt" >"$tmp/sql.txt"
diff "$tmp/sql.txt" "$tmp/tkvv.txt" >"$tmp/diff" || fail "report groups differs from SQL: $(head -n 6 "$tmp/diff")"
