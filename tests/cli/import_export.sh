#!/bin/sh
# The real binary: import and export exit codes and one-line errors.
set -u
# The locale of the run: C.UTF-8, or TKVV_TEST_LOCALE (tests/local.mk).
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
bin=${top_builddir:-.}/tkvv
data=${top_srcdir:-.}/tests/data
tmp=$(mktemp -d /tmp/tkvv-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
printf '[general]\nlanguage = en\n' >"$tmp/tkvv.ini"
fails=0

# Run tkvv with the test database; stdout and stderr go to files.
tk() {
	"$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" "$@" >"$tmp/out" 2>"$tmp/err"
}

# Expect exit status $1 and, when $2 is given, exactly that stderr line.
expect() {
	want=$1 got=$2 line=${3-}
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: exit $got, expected $want: $(cat "$tmp/err")"
		fails=$((fails + 1))
	elif [ -n "$line" ] && [ "$(cat "$tmp/err")" != "$line" ]; then
		echo "FAIL: stderr '$(cat "$tmp/err")', expected '$line'"
		fails=$((fails + 1))
	fi
}

for kind in communes hamlets groups members loans payments; do
	tk import "$kind" "$data/$kind.csv"; expect 0 $?
done
tk import members "$data/members.csv"; expect 0 $?
[ "$(cat "$tmp/out")" = "$data/members.csv: 0 added, 0 updated, 12 unchanged" ] ||
	{ echo "FAIL: re-import said '$(cat "$tmp/out")'"; fails=$((fails + 1)); }

printf 'member_code,full_name,hamlet_code,group_code\nM0100,A,X99A01,X01A01T01\n' >"$tmp/bad.csv"
tk import members "$tmp/bad.csv"
expect 1 $? "tkvv: $tmp/bad.csv:2:3: hamlet_code 'X99A01' does not exist"
printf 'commune_code,name,kind\nX09,Xã Mới,huyen\n' >"$tmp/bad.csv"
tk import communes "$tmp/bad.csv"
expect 1 $? "tkvv: $tmp/bad.csv:2:3: kind 'huyen' is not one of xa|thi_tran"
tk import members "$tmp/none.csv"
expect 1 $? "tkvv: $tmp/none.csv: cannot open: No such file or directory"
tk import members "$tmp"
expect 1 $? "tkvv: $tmp: is a directory, not a CSV file"
tk import people "$data/members.csv"; expect 2 $?
tk import members; expect 2 $?
tk export people; expect 2 $?
tk export members --format xml; expect 2 $?

tk export members "$tmp/m.csv"; expect 0 $?
tk export members; expect 0 $?
cmp -s "$tmp/out" "$tmp/m.csv" || { echo "FAIL: export to stdout and to a file differ"; fails=$((fails + 1)); }
tk export loans --format json; expect 0 $?
head -c 1 "$tmp/out" | grep -q '\[' || { echo "FAIL: json does not start with ["; fails=$((fails + 1)); }
tk export communes --format text; expect 0 $?
grep -q '^X02  *Thị trấn Phú Lộc  *thi_tran  *25$' "$tmp/out" || { echo "FAIL: text table"; fails=$((fails + 1)); }

# transaction_day: optional (25), 1 to 28, exported.
printf 'commune_code,name,kind,transaction_day\nX01,Xã An Bình,xa,10\n' >"$tmp/day.csv"
tk import communes "$tmp/day.csv"; expect 0 $?
tk export communes -; expect 0 $?
grep -qx 'X01,Xã An Bình,xa,10' "$tmp/out" || { echo "FAIL: transaction_day not exported: $(cat "$tmp/out")"; fails=$((fails + 1)); }
grep -qx 'X02,Thị trấn Phú Lộc,thi_tran,25' "$tmp/out" || { echo "FAIL: default transaction_day"; fails=$((fails + 1)); }
for day in 0 29 x; do
	printf 'commune_code,name,transaction_day\nX01,Xã An Bình,%s\n' "$day" >"$tmp/day.csv"
	tk import communes "$tmp/day.csv"; expect 1 $?
	grep -q "day.csv:2:3: transaction_day" "$tmp/err" || { echo "FAIL: day $day: $(cat "$tmp/err")"; fails=$((fails + 1)); }
done
[ "$(sqlite3 "$tmp/t.db" "SELECT transaction_day FROM communes WHERE code = 'X01'")" = 10 ] ||
	{ echo "FAIL: a refused file changed the day"; fails=$((fails + 1)); }

[ "$fails" -eq 0 ] || exit 1
echo "import/export: all checks passed"
