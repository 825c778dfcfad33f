#!/bin/sh
# The store's figures (issue: the foundation): CSV import of 100,000 members
# and 150,000 loans against `sqlite3 .import` of the same file into a bare
# table (target: within 2x), export rows/s, peak RSS (target: <= 64 MB), and
# the time of `tkvv demo --scale province`. Search latency and the time from
# opening the database to the first query are printed by bench_search.
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
		printf "B%06d,%s %s %s,X01A01,X01A01T01,Xóm %d,%d,10.%04d,105.%04d,089185%06d,0912 %03d %03d,ngheo,15/03/2019\n",
			i, fam[i % 10 + 1], mid[i % 5 + 1], giv[(i * 7) % 10 + 1], i % 40, i, i % 10000,
			(i * 3) % 10000, i, i % 1000, (i * 7) % 1000
}' >"$tmp/members.csv"

awk -v n="$n" 'BEGIN {
	print "loan_code,member_code,program_code,amount,disbursed_on,due_on,rate_pct_month"
	split("HN CN MTN HSSV NSVS GQVL SXKD", prog, " ")
	split("0.52 0.624 0.65 0.52 0.70 0.52 0.65", rate, " ")
	for (i = 1; i <= n * 3 / 2; i++) {
		p = i % 7 + 1
		# Within the ceiling of each programme: the field rules refuse more.
		a = prog[p] == "HSSV" ? 1 + i % 4 : prog[p] == "NSVS" ? 10 + i % 16 : 10 + i % 90
		printf "V%07d,B%06d,%s,%d.000.000,2024-%02d-15,2027-%02d-15,%s\n",
			i, (i - 1) % n + 1, prog[p], a, i % 12 + 1, i % 12 + 1, rate[p]
	}
}' >"$tmp/loans.csv"

# Run "$@" quietly and print LABEL with its wall time and, when
# /usr/bin/time is there, its CPU time and peak RSS (the machine may be shared).
rows=$n
measure() {
	label=$1; shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >/dev/null
		awk -v l="$label" -v n="$rows" '{ r = n > 0 ? sprintf("(%7.0f rows/CPU s)", n / ($2 + $3 + 1e-9)) : sprintf("%20s", "")
			printf "%-40s %6.2f s wall, %6.2f s CPU %s, peak RSS %5.1f MB\n", l, $1, $2 + $3, r, $4 / 1024 }' "$tmp/time"
	else
		t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
		awk -v l="$label" -v a="$t0" -v b="$t1" 'BEGIN { printf "%-40s %6.2f s wall\n", l, b - a }'
	fi
}

measure "tkvv import, $n new members:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/members.csv"
measure "tkvv import, the same file again:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/members.csv"
sed 's/,ngheo,/,khac,/' "$tmp/members.csv" >"$tmp/changed.csv"
measure "tkvv import, every category changed:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/changed.csv"
if command -v sqlite3 >/dev/null; then
	measure "sqlite3 .import of members, bare table:" sqlite3 "$tmp/bare.db" ".mode csv" ".import $tmp/members.csv members"
fi
rows=$((n * 3 / 2))
measure "tkvv import, $rows loans:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import loans "$tmp/loans.csv"
if command -v sqlite3 >/dev/null; then
	measure "sqlite3 .import of loans, bare table:" sqlite3 "$tmp/bare.db" ".mode csv" ".import $tmp/loans.csv loans"
fi
measure "tkvv export, $rows loans:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" export loans "$tmp/out-loans.csv"
rows=$n
measure "tkvv export, $n members:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" export members "$tmp/out-members.csv"
rows=0
measure "tkvv demo --scale province:" "$bin" --db "$tmp/p.db" --config "$tmp/tkvv.ini" demo --scale province
"$bin" --db "$tmp/p.db" --config "$tmp/tkvv.ini" summary | sed 's/^/    /'
