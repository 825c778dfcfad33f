#!/bin/sh
# tkvv roster: the CSV and .xlsx files of the real binary, the line it
# prints, and exit 1 (unknown hamlet or group) and 2 (usage) with no file.
set -eu
# The locale of the run: C.UTF-8, or TKVV_TEST_LOCALE (tests/local.mk).
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
tkvv=${top_builddir:-.}/tkvv
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
dir=$(mktemp -d /tmp/tkvv-roster-XXXXXX)
trap 'rm -rf "$dir"' EXIT
export XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
db="$dir/t.db"
en="$dir/en.ini"
printf '[general]\nlanguage = en\n' >"$en"
fail() { echo "FAIL: $*"; exit 1; }
# The files in zip file $1 (every CRC checked), and the contents of file $2 in zip file $1.
zip_list() {
	python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\n".join(z.namelist()))' "$1"
}
zip_cat() {
	python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"
}

# Run tkvv with ARGS and check its exit status is WANT.
expect_rc() {
	want=$1
	shift
	set +e
	"$tkvv" --db "$db" --config "$en" "$@" >"$dir/out" 2>"$dir/err"
	rc=$?
	set -e
	[ $rc -eq "$want" ] || fail "roster $* exited $rc, not $want: $(cat "$dir/err")"
}

"$tkvv" --db "$db" summary >/dev/null
sqlite3 "$db" "
INSERT INTO communes(code, name) VALUES ('TC01', 'Phước Hưng');
INSERT INTO hamlets(code, commune_id, name) VALUES ('TC01A01', 1, 'Ấp Chợ'), ('TC01A02', 1, 'Ấp Giồng Lớn');
INSERT INTO groups(code, hamlet_id, org_code, name, leader_code) VALUES
 ('TC01A02G01', 2, 'ND', '', NULL), ('TC01A01G01', 1, 'PN', 'Tổ 1', 'M1');
INSERT INTO members(code, full_name, name_folded, sort_key, hamlet_id, group_id, national_id, cluster) VALUES
 ('M1', 'Nguyễn Văn Đức', 'nguyen van duc', x'02', 1, 2, '079123456789', 'Xóm 2'),
 ('M2', 'Lê Thị An', 'le thi an', x'01', 1, 2, NULL, NULL),
 ('M3', 'Kim Sóc Kha', 'kim soc kha', x'03', 2, 1, '084205000111', NULL);
INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm) VALUES
 ('L1', 1, 'HN', 20000000, '2023-01-10', '2026-01-10', 5200);
INSERT INTO payments(loan_id, paid_on, kind, amount) VALUES (1, '2024-03-05', 'principal', 1000000);"

expect_rc 0 roster "$dir/all.csv"
[ "$(cat "$dir/out")" = "$dir/all.csv: written (groups: 2, members: 3)" ] || fail "line: $(cat "$dir/out")"
cat >"$dir/want.csv" <<'EOF'
group_code,group_name,hamlet_code,no,member_code,full_name,birth_year,address,outstanding,note
TC01A01G01,Tổ 1,TC01A01,1,M2,Lê Thị An,,Ấp Chợ,0,
TC01A01G01,Tổ 1,TC01A01,2,M1,Nguyễn Văn Đức,1923,"Xóm 2, Ấp Chợ",19000000,
TC01A02G01,,TC01A02,1,M3,Kim Sóc Kha,2005,Ấp Giồng Lớn,0,
EOF
cmp -s "$dir/all.csv" "$dir/want.csv" || fail "all.csv: $(diff "$dir/want.csv" "$dir/all.csv")"

expect_rc 0 roster --hamlet TC01A02 "$dir/hamlet.XLSX"
[ "$(head -c 2 "$dir/hamlet.XLSX")" = "PK" ] || fail "hamlet.XLSX is not a zip file"
[ "$(zip_list "$dir/hamlet.XLSX" | grep -c '^xl/worksheets/sheet[0-9]*\.xml$')" -eq 1 ] ||
	fail "hamlet.XLSX: not one sheet"
zip_cat "$dir/hamlet.XLSX" xl/sharedStrings.xml | grep -q "Kim Sóc Kha" || fail "no member in hamlet.XLSX"
zip_cat "$dir/hamlet.XLSX" xl/sharedStrings.xml | grep -q "Year of birth" || fail "no English headings"

expect_rc 0 roster "$dir/all.xlsx"
[ "$(zip_list "$dir/all.xlsx" | grep -c '^xl/worksheets/sheet[0-9]*\.xml$')" -eq 2 ] ||
	fail "all.xlsx: not one sheet per group"
# Without --config: the default file, in Vietnamese.
"$tkvv" --db "$db" roster --group TC01A01G01 "$dir/vi.xlsx" >/dev/null
zip_cat "$dir/vi.xlsx" xl/sharedStrings.xml | grep -q "DANH SÁCH TỔ VIÊN" || fail "no Vietnamese title"
zip_cat "$dir/vi.xlsx" xl/sharedStrings.xml | grep -q "Mẫu số 10/TD" || fail "no form label 10/TD"
zip_cat "$dir/hamlet.XLSX" xl/sharedStrings.xml | grep -q "Form No. 10/TD" || fail "no English form label"

# An applied plan that moved M3 into TC01A02G01: the note, and --plan.
sqlite3 "$db" "
INSERT INTO plans(id, created_by, scope, min_members, max_members, move_weight, max_moves, status, applied_at)
 VALUES (1, 't', 'hamlet TC01A02', 5, 60, 1, '', 'applied', '2026-01-01T00:00:00Z');
INSERT INTO plan_moves(plan_id, member_id, from_group, to_group, reason) VALUES (1, 3, 2, 1, 'r');"
expect_rc 0 roster --plan 1 --hamlet TC01A02 "$dir/plan.csv"
[ "$(cat "$dir/out")" = "$dir/plan.csv: written (groups: 1, members: 1)" ] || fail "plan line: $(cat "$dir/out")"
[ "$(tail -n 1 "$dir/plan.csv")" = "TC01A02G01,,TC01A02,1,M3,Kim Sóc Kha,2005,Ấp Giồng Lớn,0,from Tổ 1 to group TC01A02G01" ] ||
	fail "plan.csv: $(cat "$dir/plan.csv")"
"$tkvv" --db "$db" roster --plan 1 --hamlet TC01A02 "$dir/plan_vi.csv" >/dev/null
[ "$(tail -n 1 "$dir/plan_vi.csv" | sed 's/.*,//')" = "Chuyển từ Tổ 1 sang tổ TC01A02G01" ] ||
	fail "Vietnamese move note: $(tail -n 1 "$dir/plan_vi.csv")"
rm "$dir/plan.csv" "$dir/plan_vi.csv"

expect_rc 1 roster --group NOPE "$dir/nope.csv"
[ "$(wc -l <"$dir/err")" -eq 1 ] || fail "unknown group: not one line: $(cat "$dir/err")"
grep -q "NOPE" "$dir/err" || fail "unknown group: the code is not named"
expect_rc 1 roster --hamlet NOPE "$dir/nope.xlsx"
expect_rc 1 roster --plan 7 "$dir/plan.csv"
grep -q "plan 7" "$dir/err" || fail "unknown plan: the plan is not named"
expect_rc 2 roster --plan 7x "$dir/plan.csv"
expect_rc 2 roster "$dir/roster.pdf"
grep -q "roster.pdf" "$dir/err" || fail "bad extension: the file is not named"
expect_rc 2 roster
expect_rc 2 roster --hamlet TC01A01 --group TC01A01G01 "$dir/both.csv"
expect_rc 2 roster --bogus "$dir/x.csv"
expect_rc 1 roster "$dir/missing/x.csv"
for f in nope.csv nope.xlsx plan.csv roster.pdf both.csv x.csv; do
	[ ! -e "$dir/$f" ] || fail "$f was written by a failed run"
done
ls "$dir" | grep -q 'tmp-' && fail "a temporary file was left behind"
echo ok
