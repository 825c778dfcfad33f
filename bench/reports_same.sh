#!/bin/sh
# Reports at province scale (issue 13): every report kind (kpi, groups,
# compare) as CSV from this tkvv and from a reference tkvv (TKVV_REF, else
# one built from `git archive ${TKVV_REF_REV:-main}` of the source tree) on
# the same `tkvv demo --scale province`; the outputs must be byte for byte
# the same. Then CPU medians of BENCH_RUNS interleaved runs (default 3) and
# peak RSS of each, with the load average. Exits 1 when an output differs.
set -eu
bin=${top_builddir:-.}/tkvv
src=${top_srcdir:-.}
tmp=$(mktemp -d /tmp/tkvv-reports-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
printf '[general]\nlanguage = en\n' >"$tmp/tkvv.ini"
ref=${TKVV_REF:-}
if [ -z "$ref" ]; then
	rev=${TKVV_REF_REV:-main}
	if ! git -C "$src" rev-parse -q --verify "$rev" >/dev/null 2>&1; then
		echo "reports_same.sh: no TKVV_REF and no revision $rev to build one from; skipped"
		exit 0
	fi
	mkdir "$tmp/ref"
	git -C "$src" archive "$rev" | tar -x -C "$tmp/ref"
	(cd "$tmp/ref" && autoreconf -fi >/dev/null 2>&1 && ./configure -q >/dev/null 2>&1 &&
	 make -j2 tkvv >/dev/null 2>&1) || { echo "reports_same.sh: cannot build $rev" >&2; exit 1; }
	ref=$tmp/ref/tkvv
fi
db=${TKVV_PROVINCE_DB:-}
if [ -z "$db" ]; then
	db=$tmp/p.db
	"$bin" --db "$db" --config "$tmp/tkvv.ini" demo --scale province >/dev/null
fi
asof=$(sqlite3 "$db" "SELECT max(paid_on) FROM payments" 2>/dev/null || echo 2026-12-02)
runs="kpi:report kpi --as-of $asof
groups:report groups --as-of $asof
groups-june:report groups --as-of 2026-06-15
compare:report compare --from 2026-01-31 --to $asof"
status=0
echo "$runs" | while IFS=: read -r name args; do
	# shellcheck disable=SC2086
	"$bin" --db "$db" --config "$tmp/tkvv.ini" $args --format csv --out - >"$tmp/new-$name.csv"
	# shellcheck disable=SC2086
	"$ref" --db "$db" --config "$tmp/tkvv.ini" $args --format csv --out - >"$tmp/ref-$name.csv"
	if cmp -s "$tmp/new-$name.csv" "$tmp/ref-$name.csv"; then
		printf '%-14s the same (%s lines)\n' "$name" "$(wc -l <"$tmp/new-$name.csv")"
	else
		printf '%-14s DIFFERS\n' "$name"
		echo x >"$tmp/differs"
	fi
done
[ ! -e "$tmp/differs" ] || status=1
if [ -x /usr/bin/time ]; then
	n=${BENCH_RUNS:-3}
	printf 'report CPU s (median of %s interleaved runs) and peak RSS, load average %s\n' "$n" \
		"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
	printf '%-14s %18s %18s %6s\n' "what" "tkvv s, MB" "reference s, MB" "ratio"
	echo "$runs" | while IFS=: read -r name args; do
		rm -f "$tmp/t-new" "$tmp/t-ref"
		i=0
		while [ "$i" -lt "$n" ]; do
			i=$((i + 1))
			for w in new ref; do
				b=$bin; [ "$w" = ref ] && b=$ref
				# shellcheck disable=SC2086
				/usr/bin/time -f "%U %S %M" -o "$tmp/time" "$b" --db "$db" --config "$tmp/tkvv.ini" \
					$args --format csv --out - >/dev/null
				awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$tmp/time" >>"$tmp/t-$w"
			done
		done
		med() { sort -n "$1" | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%.2f %.1f", t[int((NR + 1) / 2)], m / 1024 }'; }
		set -- $(med "$tmp/t-new") $(med "$tmp/t-ref")
		awk -v w="$name" -v a="$1" -v b="$2" -v c="$3" -v d="$4" \
			'BEGIN { printf "%-14s %9.2f %8.1f %9.2f %8.1f %5.2fx\n", w, a, b, c, d, a / (c + 1e-9) }'
	done
fi
exit $status
