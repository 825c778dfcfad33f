#!/bin/sh
# Under vi_VN.UTF-8 (a decimal comma), whatever TKVV_TEST_LOCALE is: the
# config tkvv writes reads back, numbers in json, csv and arguments have a
# dot and are the same as under C.UTF-8; a person still reads 5,9 giây.
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
tkvv=$top_builddir/tkvv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 not installed" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed" >&2; exit 77; }
locale -a | grep -qix 'vi_VN\.utf-\?8' || fail "the vi_VN.UTF-8 locale is not installed (scripts/deps makes it)"
vi() { LANG=vi_VN.UTF-8 LC_ALL=vi_VN.UTF-8 "$@"; }
c() { LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@"; }
unset LANGUAGE 2>/dev/null || true
export TKVV_LOCALEDIR="$top_builddir/locale"

# Two runs with a fresh config: the first writes the default file, the
# second reads it back.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
db=$tmp/q.db
vi "$tkvv" --db "$db" summary >/dev/null 2>"$tmp/err" || fail "first run: $(cat "$tmp/err")"
ini=$XDG_CONFIG_HOME/tkvv/tkvv.ini
grep -qx 'overdue_threshold = 2.0' "$ini" || fail "the default config: $(grep threshold "$ini")"
vi "$tkvv" --db "$db" summary >/dev/null 2>"$tmp/err" || fail "second run: $(cat "$tmp/err")"

# A config with fractions, read the same in both locales.
sqlite3 "$db" < "$top_srcdir/tests/data/quality_fixture.sql"
printf '[general]\nlanguage = en\n[quality]\noverdue_threshold = 11.05\ncollection_threshold = 91.25\n' >"$tmp/frac.ini"
for fmt in json csv; do
	for kind in groups kpi; do
		vi "$tkvv" --db "$db" --config "$tmp/frac.ini" report $kind --as-of 2023-05-31 --format $fmt \
			>"$tmp/vi.$kind.$fmt" 2>"$tmp/err" || fail "report $kind $fmt under vi_VN: $(cat "$tmp/err")"
		c "$tkvv" --db "$db" --config "$tmp/frac.ini" report $kind --as-of 2023-05-31 --format $fmt \
			>"$tmp/c.$kind.$fmt" || fail "report $kind $fmt under C.UTF-8"
		cmp -s "$tmp/vi.$kind.$fmt" "$tmp/c.$kind.$fmt" ||
			fail "report $kind $fmt differs under vi_VN: $(diff "$tmp/c.$kind.$fmt" "$tmp/vi.$kind.$fmt" | head -5)"
	done
done
vi "$tkvv" --db "$db" --config "$tmp/frac.ini" report compare --from 2022-12-31 --to 2023-05-31 --format json \
	>"$tmp/vi.compare.json" || fail "report compare json under vi_VN"
for f in "$tmp"/vi.*.json; do
	python3 -m json.tool "$f" >/dev/null || fail "not json: $(head -c 300 "$f")"
done
# The fractions are numbers with a dot; the thresholds of the config apply.
python3 - "$tmp/vi.groups.json" "$tmp/vi.kpi.json" <<'PY' || fail "json figures"
import json, sys
groups = json.load(open(sys.argv[1]))
ratios = [g["overdue_ratio"] for g in groups if g["overdue_ratio"] is not None]
assert ratios and all(isinstance(r, (int, float)) for r in ratios), ratios
assert any(0 < r < 1 for r in ratios), ratios
kpi = json.load(open(sys.argv[2]))
above = sorted(g["group_code"] for g in kpi["overdue_above_threshold"])
want = sorted(g["group_code"] for g in groups
              if g["overdue_ratio"] is not None and g["overdue_ratio"] * 100 > 11.05)
assert above == want and above, (above, want)
below = sorted(g["group_code"] for g in kpi["collection_below_threshold"])
want = sorted(g["group_code"] for g in groups
              if g["collection_rate_ytd"] is not None and g["collection_rate_ytd"] * 100 < 91.25)
assert below == want and below, (below, want)
PY
grep -q '[0-9],[0-9]' "$tmp/vi.groups.json" && fail "a decimal comma in json: $(grep '[0-9],[0-9]' "$tmp/vi.groups.json" | head -c 200)"
grep -q '"[0-9]*,[0-9]*"' "$tmp/vi.groups.csv" && fail "a quoted decimal comma in csv: $(head -n 3 "$tmp/vi.groups.csv")"
grep -q ',0\.[0-9][0-9]*,' "$tmp/vi.groups.csv" || fail "no fraction with a dot in csv: $(head -n 3 "$tmp/vi.groups.csv")"

# xlsx: the same cells in both locales.
vi "$tkvv" --db "$db" --config "$tmp/frac.ini" report groups --as-of 2023-05-31 --format xlsx --out "$tmp/vi.xlsx"
c "$tkvv" --db "$db" --config "$tmp/frac.ini" report groups --as-of 2023-05-31 --format xlsx --out "$tmp/c.xlsx"
python3 - "$tmp/vi.xlsx" "$tmp/c.xlsx" <<'PY' || fail "xlsx differs under vi_VN"
import sys, zipfile
a, b = (zipfile.ZipFile(f) for f in sys.argv[1:])
sheets = [n for n in a.namelist() if n.startswith("xl/worksheets/")]
assert sheets and all(a.read(n) == b.read(n) for n in sheets), sheets
assert b"0.1111111111111111" in b"".join(a.read(n) for n in sheets)
PY

# Arguments: --moves-weight 0.5 and --max-moves 12.5% on the demo district.
cp "$top_builddir/tests/tui/demo.db" "$tmp/demo.db"
hamlet=$(sqlite3 "$tmp/demo.db" "SELECT h.code FROM hamlets h JOIN members m ON m.hamlet_id = h.id
	GROUP BY h.id HAVING count(m.lat) >= 0.9 * count(*) AND count(DISTINCT m.group_id) >= 3 ORDER BY h.code LIMIT 1")
[ -n "$hamlet" ] || fail "no located hamlet in the demo"
vi "$tkvv" --db "$tmp/demo.db" --config "$tmp/frac.ini" regroup --hamlet "$hamlet" --moves-weight 0.5 \
	--max-moves 12.5% --no-tradeoff --format json >"$tmp/plan.json" 2>"$tmp/err" ||
	fail "regroup --moves-weight 0.5 under vi_VN: $(cat "$tmp/err")"
python3 - "$tmp/plan.json" <<'PY' || fail "plan json: $(head -c 300 "$tmp/plan.json")"
import json, sys
p = json.load(open(sys.argv[1]))
assert p["params"]["moves_weight"] == 0.5, p["params"]
assert p["params"]["max_moves"] == "12.5%", p["params"]
assert isinstance(p["after"]["medoid_m"], float), p["after"]
PY
set +e
vi "$tkvv" --db "$tmp/demo.db" --config "$tmp/frac.ini" regroup --hamlet "$hamlet" --moves-weight 0,5 \
	>/dev/null 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "--moves-weight 0,5 exited $rc, not 2"
grep -q "moves-weight '0,5'" "$tmp/err" || fail "--moves-weight 0,5: $(cat "$tmp/err")"

# Exports of coordinates: the same in both locales.
vi "$tkvv" --db "$tmp/demo.db" --config "$tmp/frac.ini" export members "$tmp/vi.members.csv" >/dev/null
c "$tkvv" --db "$tmp/demo.db" --config "$tmp/frac.ini" export members "$tmp/c.members.csv" >/dev/null
cmp -s "$tmp/vi.members.csv" "$tmp/c.members.csv" || fail "export members differs under vi_VN"

# What a person reads keeps the Vietnamese decimal comma.
printf '[general]\nlanguage = vi\n' >"$tmp/vi.ini"
vi "$tkvv" --db "$tmp/new.db" --config "$tmp/vi.ini" demo >"$tmp/out" || fail "demo under vi_VN"
grep -q 'trong [0-9][0-9]*,[0-9] giây$' "$tmp/out" || fail "demo message: $(cat "$tmp/out")"
exit 0
