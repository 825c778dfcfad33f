#!/bin/sh
# The reports do not depend on how the payments are stored: a demo district
# and a copy whose payments are stored in reverse order, two of them beyond
# what 8 bytes hold (an amount above 2^31 and one for a period decades on,
# with a repayment taking it back), give every report (kpi, groups,
# compare) byte for byte the same; and the large amounts are counted whole.
set -eu
NAME=order
. "${top_srcdir:-.}/tests/cli/lib.sh"
need sqlite3

"$tkvv" --db "$tmp/a.db" demo --seed 3 --as-of 2026-06-30 >/dev/null
# The same loan of 2,000,000,000 without the large repayment, for the totals.
cp "$tmp/a.db" "$tmp/c.db"
sqlite3 "$tmp/c.db" "UPDATE loans SET amount = 2000000000 WHERE id = (SELECT min(id) FROM loans);"
# A loan of 5,000,000,000 repaid 3,000,000,000 (beyond 32 bits), its interest
# paid for a month in 2060: kept whole, beside the others.
sqlite3 "$tmp/a.db" "PRAGMA foreign_keys = ON; PRAGMA recursive_triggers = OFF;
  UPDATE loans SET amount = 5000000000 WHERE id = (SELECT min(id) FROM loans);
  INSERT INTO payments (loan_id, paid_on, kind, amount, period) VALUES
   ((SELECT min(id) FROM loans), '2026-05-20', 'principal', 3000000000, NULL),
   ((SELECT min(id) FROM loans), '2026-05-21', 'interest', 7, '2060-01');"
cp "$tmp/a.db" "$tmp/b.db"
sqlite3 "$tmp/b.db" "UPDATE payments SET id = -id;"
[ "$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM payments WHERE id > 0")" = 0 ] || fail "not reversed"
for args in "kpi --as-of 2026-06-30" "kpi --as-of 2026-05-20" "groups --as-of 2026-06-30" \
	"groups --as-of 2025-12-31" "compare --from 2026-01-15 --to 2026-06-30"; do
	# shellcheck disable=SC2086
	"$tkvv" --db "$tmp/a.db" report $args --format csv --out - >"$tmp/a.csv"
	# shellcheck disable=SC2086
	"$tkvv" --db "$tmp/b.db" report $args --format csv --out - >"$tmp/b.csv"
	[ "$(wc -l <"$tmp/a.csv")" -gt 10 ] || fail "report $args: $(head -n 3 "$tmp/a.csv")"
	cmp -s "$tmp/a.csv" "$tmp/b.csv" || fail "report $args differs: $(diff "$tmp/a.csv" "$tmp/b.csv" | head -n 4)"
done
# Outstanding and overdue by group from 2026-05-21 are those of the loan
# of 2,000,000,000: the large amounts were kept whole.
for d in 2026-05-21 2026-06-30; do
	for x in b c; do
		"$tkvv" --db "$tmp/$x.db" report groups --as-of $d --format csv --out - | cut -d, -f1,7,8 >"$tmp/$x.txt"
	done
	grep -q ',[0-9]\{10\},' "$tmp/c.txt" || fail "no group holds the large loan at $d"
	cmp -s "$tmp/b.txt" "$tmp/c.txt" || fail "outstanding at $d: $(diff "$tmp/b.txt" "$tmp/c.txt" | head -n 4)"
done
