#!/bin/sh
# tkvv sheet: the collection sheets of a month as CSV (what is due, the
# arrears apart, a paid month at 0) and as a printable .xlsx (one A4 page
# per group), and `tkvv sheet import` of the filled-in CSV: all or nothing.
set -eu
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
tkvv=${top_builddir:-.}/tkvv
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
dir=$(mktemp -d /tmp/tkvv-sheet-XXXXXX)
trap 'rm -rf "$dir"' EXIT
export XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
db="$dir/t.db"
en="$dir/en.ini"
printf '[general]\nlanguage = en\n' >"$en"
fail() { echo "FAIL: $*"; exit 1; }
zip_cat() {
	python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"
}
expect_rc() {
	want=$1
	shift
	set +e
	"$tkvv" --db "$db" --config "$en" "$@" >"$dir/out" 2>"$dir/err"
	rc=$?
	set -e
	[ $rc -eq "$want" ] || fail "$* exited $rc, not $want: $(cat "$dir/err")"
}
payments() { sqlite3 "$db" "SELECT count(*) FROM payments"; }

"$tkvv" --db "$db" summary >/dev/null
sqlite3 "$db" "
INSERT INTO communes(code, name, transaction_day) VALUES ('TC01', 'Phước Hưng', 20);
INSERT INTO hamlets(code, commune_id, name) VALUES ('TC01A01', 1, 'Ấp Chợ');
INSERT INTO groups(code, hamlet_id, org_code, name, leader_code) VALUES
 ('G1', 1, 'PN', 'Tổ 1', 'M1'), ('G2', 1, 'ND', 'Tổ 2', 'M3');
INSERT INTO members(code, full_name, name_folded, sort_key, hamlet_id, group_id) VALUES
 ('M1', 'Nguyễn Văn Đức', 'nguyen van duc', x'01', 1, 1),
 ('M2', 'Lê Thị An', 'le thi an', x'02', 1, 1),
 ('M3', 'Kim Sóc Kha', 'kim soc kha', x'03', 1, 2);
INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm) VALUES
 ('L1', 1, 'HN', 20000000, '2025-01-10', '2027-01-10', 5200),
 ('L2', 2, 'CN', 10000000, '2025-01-10', '2025-06-15', 6240),
 ('L3', 3, 'HN', 5000000, '2025-01-10', '2027-01-10', 5200);
INSERT INTO payments(loan_id, paid_on, kind, amount, period) VALUES
 (1, '2025-02-20', 'interest', 104000, '2025-02'), (1, '2025-03-20', 'interest', 104000, '2025-03'),
 (1, '2025-04-20', 'interest', 104000, '2025-04'), (1, '2025-05-20', 'interest', 104000, '2025-05'),
 (1, '2025-05-20', 'savings', 50000, NULL),
 (2, '2025-02-20', 'interest', 62400, '2025-02'), (2, '2025-03-20', 'interest', 62400, '2025-03'),
 (2, '2025-04-20', 'interest', 62400, '2025-04'),
 (3, '2025-06-02', 'interest', 26000, '2025-06');"

expect_rc 0 sheet --commune TC01 --month 2025-06 "$dir/all.csv"
[ "$(cat "$dir/out")" = "$dir/all.csv: written (groups: 2, loans: 3)" ] || fail "line: $(cat "$dir/out")"
cat >"$dir/want.csv" <<'EOF'
group_code,month,member_code,full_name,loan_code,arrears,interest_due,principal_due,savings_due,interest_paid,principal_paid,savings_paid
G1,2025-06,M1,Nguyễn Văn Đức,L1,0,104000,0,50000,,,
G1,2025-06,M2,Lê Thị An,L2,62400,62400,10000000,0,,,
G2,2025-06,M3,Kim Sóc Kha,L3,104000,0,0,0,,,
EOF
cmp -s "$dir/all.csv" "$dir/want.csv" || fail "all.csv: $(diff "$dir/want.csv" "$dir/all.csv")"

# The workbook: one worksheet, a page break before the second group, A4.
expect_rc 0 sheet --commune TC01 --month 2025-06 "$dir/all.xlsx"
python3 - "$dir/all.xlsx" <<'EOF' || fail "all.xlsx"
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
sheets = [n for n in z.namelist() if n.startswith('xl/worksheets/sheet')]
assert len(sheets) == 1, sheets
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
ws = ET.fromstring(z.read(sheets[0]))
setup = ws.find('m:pageSetup', ns)
assert setup is not None and setup.get('paperSize') == '9', 'not A4'
assert ws.find('m:sheetPr/m:pageSetUpPr', ns).get('fitToPage') == '1', 'not fitted'
brk = ws.find('m:rowBreaks', ns)
assert brk is not None and brk.get('count') == '1', 'no page break between the groups'
strings = [''.join(t.itertext()) for t in ET.fromstring(z.read('xl/sharedStrings.xml'))]
for s in ('Mẫu số 13/TD', 'Nguyễn Văn Đức', 'Kim Sóc Kha', 'M2', 'L2', '2025-06', 'Tổ trưởng: Nguyễn Văn Đức'):
    assert s in strings, s
nums = [c.find('m:v', ns).text for c in ws.iter('{%s}c' % ns['m'])
        if c.get('t') is None and c.find('m:v', ns) is not None]
for v in ('104000', '62400', '10000000', '50000', '166400'):
    assert v in nums, v
EOF

# Usage and a group that does not exist: exit 2 and 1, no file.
expect_rc 2 sheet --group G1 "$dir/x.csv"
expect_rc 2 sheet --group G1 --hamlet TC01A01 --month 2025-06 "$dir/x.csv"
expect_rc 1 sheet --group NOPE --month 2025-06 "$dir/x.csv"
[ ! -e "$dir/x.csv" ] || fail "a file written on error"

# Import: a bad row (interest on L3, whose June is paid) refuses the whole file.
before=$(payments)
sed -e 's/^\(G1,2025-06,M1,.*\),,,$/\1,104000,,50000/' \
    -e 's/^\(G1,2025-06,M2,.*\),,,$/\1,62400,10000000,/' \
    -e 's/^\(G2,.*\),,,$/\1,26000,,/' "$dir/all.csv" >"$dir/bad.csv"
expect_rc 1 sheet import "$dir/bad.csv"
grep -q "bad.csv:4:10:" "$dir/err" || fail "no file:line:col: $(cat "$dir/err")"
[ "$(payments)" = "$before" ] || fail "a refused import wrote payments"
sed -e 's/^\(G2,.*\),26000,,$/\1,,,/' "$dir/bad.csv" >"$dir/good.csv"
expect_rc 0 sheet import "$dir/good.csv"
[ "$(payments)" = "$((before + 4))" ] || fail "not 4 payments: $(payments)"
[ "$(sqlite3 "$db" "SELECT count(*) FROM payments WHERE paid_on = '2025-06-20'")" = 4 ] ||
	fail "not paid on the transaction day"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'sheet import'")" = 1 ] || fail "not one audit row"
# The same file again: June is paid now.
expect_rc 1 sheet import "$dir/good.csv"
grep -q "paid in full" "$dir/err" || fail "paid twice: $(cat "$dir/err")"
expect_rc 0 sheet --group G1 --month 2025-06 "$dir/after.csv"
grep -q '^G1,2025-06,M1,Nguyễn Văn Đức,L1,0,0,0,50000,,,$' "$dir/after.csv" || fail "after: $(cat "$dir/after.csv")"
echo "sheet: ok"
