#!/bin/sh
# The store's figures (issue 13): CSV import of 100,000 members and 150,000
# loans beside the same work done by SQLite alone on the same schema (the
# file `.import`ed into a staging table, then one INSERT ... SELECT with the
# triggers and FTS5), CPU medians of BENCH_RUNS interleaved runs (default 3)
# and the ratio; then export rows/s, peak RSS and `tkvv demo --scale
# province`. Search latency is printed by bench_search.
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

# The SQL-only reference: the same rows into the same schema by SQLite alone.
# name_folded and sort_key are stand-ins computed by SQL (lower(), the name).
cat >"$tmp/ref-members.sql" <<EOF
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -24576;
.mode csv
.import $tmp/members.csv stage_m
BEGIN;
INSERT INTO members(code, full_name, name_folded, sort_key, hamlet_id, group_id, cluster,
  road_order, lat, lon, national_id, phone, phone_digits, category, joined_on)
SELECT s.member_code, s.full_name, lower(s.full_name), CAST(s.full_name AS BLOB), h.id, g.id,
  nullif(s.cluster, ''), CAST(s.road_order AS INTEGER), CAST(s.lat AS REAL), CAST(s.lon AS REAL),
  nullif(s.national_id, ''), replace(s.phone, ' ', ''), replace(s.phone, ' ', ''), s.category,
  substr(s.joined_on, 7, 4) || '-' || substr(s.joined_on, 4, 2) || '-' || substr(s.joined_on, 1, 2)
FROM stage_m s JOIN hamlets h ON h.code = s.hamlet_code JOIN groups g ON g.code = s.group_code;
INSERT INTO memberships(member_id, group_id, from_on, reason)
SELECT id, group_id, joined_on, 'import' FROM members;
DROP TABLE stage_m;
COMMIT;
EOF
cat >"$tmp/ref-loans.sql" <<EOF
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -24576;
.mode csv
.import $tmp/loans.csv stage_l
BEGIN;
INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm)
SELECT s.loan_code, m.id, s.program_code, CAST(replace(s.amount, '.', '') AS INTEGER),
  s.disbursed_on, s.due_on, CAST(round(s.rate_pct_month * 10000) AS INTEGER)
FROM stage_l s JOIN members m ON m.code = s.member_code;
DROP TABLE stage_l;
COMMIT;
EOF
cp "$tmp/t.db" "$tmp/base.db"
# Run "$@" quietly, appending "CPU-seconds peak-KiB" to file $1.
cpu() {
	out=$1; shift
	/usr/bin/time -f "%U %S %M" -o "$tmp/time" "$@" >/dev/null
	awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$tmp/time" >>"$out"
}
if [ -x /usr/bin/time ] && command -v sqlite3 >/dev/null; then
	runs=${BENCH_RUNS:-3}
	rm -f "$tmp"/cpu-*
	r=0
	while [ "$r" -lt "$runs" ]; do
		r=$((r + 1))
		cp "$tmp/base.db" "$tmp/t.db"; rm -f "$tmp/t.db-wal" "$tmp/t.db-shm"
		cp "$tmp/base.db" "$tmp/s.db"; rm -f "$tmp/s.db-wal" "$tmp/s.db-shm"
		cpu "$tmp/cpu-tm" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/members.csv"
		cpu "$tmp/cpu-sm" sqlite3 "$tmp/s.db" ".read $tmp/ref-members.sql"
		cpu "$tmp/cpu-tl" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import loans "$tmp/loans.csv"
		cpu "$tmp/cpu-sl" sqlite3 "$tmp/s.db" ".read $tmp/ref-loans.sql"
	done
	[ "$(sqlite3 "$tmp/t.db" "SELECT count(*) FROM members")" = \
	  "$(sqlite3 "$tmp/s.db" "SELECT count(*) FROM members")" ] || { echo "store.sh: the reference imported other rows" >&2; exit 1; }
	# The median CPU time and the largest peak RSS of file $1.
	med() { sort -n "$1" | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%.2f %.1f", t[int((NR + 1) / 2)], m / 1024 }'; }
	printf '%s (%s interleaved runs, load average %s)\n' "import beside the SQL-only reference" "$runs" \
		"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
	printf '%-28s %16s %16s %6s\n' "what" "tkvv CPU s, MB" "SQL CPU s, MB" "ratio"
	for what in "m:$n members" "l:$((n * 3 / 2)) loans"; do
		k=${what%%:*}
		set -- $(med "$tmp/cpu-t$k") $(med "$tmp/cpu-s$k")
		awk -v w="import ${what#*:}" -v a="$1" -v b="$2" -v c="$3" -v d="$4" \
			'BEGIN { printf "%-28s %8.2f %7.1f %8.2f %7.1f %5.2fx\n", w, a, b, c, d, a / (c + 1e-9) }'
	done
	# tkvv search end to end beside the bare page query (sqlite3 on the same
	# file: the same FTS5 terms, whole-word matches first, name order, the
	# page's rows and the total), median wall ms of 3 x BENCH_RUNS runs each.
	wall() { s=$(date +%s%N); "$@" >/dev/null || :; e=$(date +%s%N); echo $(((e - s) / 1000)); }
	code=$(sqlite3 "$tmp/t.db" "SELECT code FROM members ORDER BY id LIMIT 1 OFFSET 777")
	for q in "nguyen" "tran van" "lan" "$code"; do
		whole=$(printf '"%s"' "$q" | sed 's/ /" AND "/g')
		prefix=$(printf '"%s"*' "$q" | sed 's/ /"* AND "/g')
		{
			echo "SELECT m.code, m.full_name, h.code, h.name, g.code, m.national_id, m.phone FROM members m"
			echo "  JOIN hamlets h ON h.id = m.hamlet_id JOIN groups g ON g.id = m.group_id"
			echo "  WHERE m.id IN (SELECT rowid FROM member_search WHERE member_search MATCH '$prefix')"
			echo "  ORDER BY m.id NOT IN (SELECT rowid FROM member_search WHERE member_search MATCH '$whole'),"
			echo "  m.sort_key, m.id LIMIT 100;"
			echo "SELECT count(*) FROM member_search WHERE member_search MATCH '$prefix';"
		} >"$tmp/page.sql"
		i=0; rm -f "$tmp/ws-t" "$tmp/ws-s"
		while [ "$i" -lt $((runs * 3)) ]; do
			i=$((i + 1))
			wall "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" search "$q" >>"$tmp/ws-t"
			wall sqlite3 "$tmp/t.db" ".read $tmp/page.sql" >>"$tmp/ws-s"
		done
		set -- $(med "$tmp/ws-t") $(med "$tmp/ws-s")
		awk -v w="search '$q' ($n)" -v a="$1" -v b="$3" \
			'BEGIN { printf "%-28s %8.1f ms       %8.1f ms       %5.2fx\n", w, a / 1000, b / 1000, a / (b + 1e-9) }'
	done
else
	measure "tkvv import, $n new members:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/members.csv"
	measure "tkvv import, $((n * 3 / 2)) loans:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import loans "$tmp/loans.csv"
fi
measure "tkvv import, the same file again:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/members.csv"
sed 's/,ngheo,/,khac,/' "$tmp/members.csv" >"$tmp/changed.csv"
measure "tkvv import, every category changed:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" import members "$tmp/changed.csv"
rows=$((n * 3 / 2))
measure "tkvv export, $rows loans:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" export loans "$tmp/out-loans.csv"
rows=$n
measure "tkvv export, $n members:" "$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" export members "$tmp/out-members.csv"
rows=0
measure "tkvv demo --scale province:" "$bin" --db "$tmp/p.db" --config "$tmp/tkvv.ini" demo --scale province
"$bin" --db "$tmp/p.db" --config "$tmp/tkvv.ini" summary | sed 's/^/    /'
