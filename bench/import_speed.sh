#!/bin/sh
# Import speed: 100,000 members through `tkvv import` against `sqlite3 .import`
# of the same file into a bare table (the target is within 2x).
set -eu
bin=${top_builddir:-.}/tkvv
data=${top_srcdir:-.}/tests/data
n=${BENCH_MEMBERS:-100000}
tmp=$(mktemp -d /tmp/tkvv-bench-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
printf '[general]\nlanguage = en\n' >"$tmp/tkvv.ini"
tk() { "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" "$@"; }
for kind in communes hamlets groups; do tk import "$kind" "$data/$kind.csv" >/dev/null; done

awk -v n="$n" 'BEGIN {
	print "member_code,full_name,hamlet_code,group_code,cluster,road_order,lat,lon,national_id,phone,category,joined_on"
	split("Nguyễn Trần Lê Phạm Huỳnh Võ Đặng Bùi Đỗ Hồ", fam, " ")
	split("Thị Văn Ngọc Minh Thanh", mid, " ")
	split("Lan Bình Cúc Dũng Em Phúc Giàu Hạnh Ích Khải", giv, " ")
	for (i = 1; i <= n; i++)
		printf "B%06d,%s %s %s,X01A01,X01A01T01,Xóm %d,%d,10.%04d,105.%04d,0891850%05d,0912 %03d %03d,ngheo,15/03/2019\n",
			i, fam[i % 10 + 1], mid[i % 5 + 1], giv[(i * 7) % 10 + 1], i % 40, i, i % 10000,
			(i * 3) % 10000, i, i % 1000, (i * 7) % 1000
}' >"$tmp/members.csv"

# Run "$@" quietly and print LABEL with its wall time and, when
# /usr/bin/time is there, its CPU time (the machine may be shared).
measure() {
	label=$1; shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null
		awk -v l="$label" -v n="$n" '{ printf "%-38s %.2f s wall, %.2f s CPU (%.0f rows/CPU s)\n", l, $1, $2 + $3, n / ($2 + $3 + 1e-9) }' "$tmp/time"
	else
		t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
		awk -v l="$label" -v a="$t0" -v b="$t1" 'BEGIN { printf "%-38s %.2f s wall\n", l, b - a }'
	fi
}

measure "tkvv import, $n new members:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/members.csv"
measure "tkvv import, the same file again:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/members.csv"
sed 's/,ngheo,/,khac,/' "$tmp/members.csv" >"$tmp/changed.csv"
measure "tkvv import, every category changed:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/changed.csv"
if command -v sqlite3 >/dev/null; then
	measure "sqlite3 .import into a bare table:" sqlite3 "$tmp/bare.db" ".mode csv" ".import $tmp/members.csv members"
fi
