#!/bin/sh
# tkvv search: text, csv and json output, no match, usage errors.
set -eu
# The locale of the run: C.UTF-8, or TKVV_TEST_LOCALE (tests/local.mk).
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
tkvv=${top_builddir:-.}/tkvv
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing"; exit 77; }
dir=$(mktemp -d /tmp/tkvv-search-XXXXXX)
trap 'rm -rf "$dir"' EXIT
export XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
# The messages these tests read are the English ones.
mkdir -p "$XDG_CONFIG_HOME/tkvv" && printf '[general]\nlanguage = en\n' >"$XDG_CONFIG_HOME/tkvv/tkvv.ini"
db="$dir/t.db"
fail() { echo "FAIL: $*"; exit 1; }
run() { "$tkvv" --db "$db" search "$@"; }

"$tkvv" --db "$db" summary >/dev/null
sqlite3 "$db" "
INSERT INTO communes(code, name) VALUES ('TC01', 'Phước Hưng');
INSERT INTO hamlets(code, commune_id, name) VALUES ('TC01A01', 1, 'Ấp Chợ');
INSERT INTO groups(code, hamlet_id, org_code) VALUES ('TC01A01G01', 1, 'PN');
INSERT INTO members(code, full_name, name_folded, sort_key, hamlet_id, group_id, national_id, phone, phone_digits)
VALUES ('TC01A01M0001', 'Nguyễn Văn Đức', 'nguyen van duc', x'02', 1, 1, '079123456789', '0912 345 678', '0912345678'),
       ('TC01A01M0002', 'Thạch Thị Sa Rươne', 'thach thi sa ruone', x'03', 1, 1, NULL, NULL, NULL),
       ('TC01A01M0003', 'Nguyễn Đức \"Bé\", Anh', 'nguyen duc \"be\", anh', x'01', 1, 1, NULL, NULL, NULL);"

# csv: the header, then the rows in order, quoted where needed.
out=$(run nguyen duc --format csv)
expected='member_code,full_name,hamlet_code,group_code,national_id,phone
TC01A01M0003,"Nguyễn Đức ""Bé"", Anh",TC01A01,TC01A01G01,,
TC01A01M0001,Nguyễn Văn Đức,TC01A01,TC01A01G01,079123456789,0912 345 678'
[ "$out" = "$expected" ] || fail "csv: $out"
[ "$(run 0912 345 --format csv | tail -n 1 | cut -d, -f1)" = TC01A01M0001 ] || fail "phone digits"
[ "$(run 'Thạch thi' --format csv --limit 0 | wc -l)" -eq 2 ] || fail "accented query"

# json: an array of objects with the csv's keys, strings escaped.
out=$(run "be" --format json)
echo "$out" | grep -q '"member_code": "TC01A01M0003", "full_name": "Nguyễn Đức \\"Bé\\", Anh"' || fail "json: $out"
[ "$(run zzz --format json)" = "[]" ] || fail "json without a match"

# text: a header and aligned columns measured in display columns.
out=$(run nguyen)
[ "$(echo "$out" | wc -l)" -eq 3 ] || fail "text: $out"
col() { echo "$out" | sed -n "$1p" | sed 's/TC01A01G01.*//' | tr -d '\n' | LC_ALL=C.UTF-8 wc -m; }
[ "$(col 2)" = "$(col 3)" ] || fail "text columns are not aligned: $out"
echo "$out" | grep -q ' $' && fail "text rows end in spaces"
[ "$(run nguyen --limit 1 | wc -l)" -eq 3 ] || fail "--limit 1 with its note"

# No match: exit 0; csv is the header alone; text says so on stderr.
[ "$(run zzz --format csv)" = "member_code,full_name,hamlet_code,group_code,national_id,phone" ] || fail "csv without a match"
[ -z "$(run zzz 2>"$dir/err")" ] || fail "text without a match printed rows"
grep -q "no members match" "$dir/err" || fail "no 'no members match' on stderr"

# Usage errors exit 2.
for args in "" "x --format xml" "x --limit many" "x --limit -1"; do
	set +e
	# shellcheck disable=SC2086
	run $args >/dev/null 2>&1
	rc=$?
	set -e
	[ $rc -eq 2 ] || fail "search $args exited $rc, not 2"
done
echo ok
