#!/bin/sh
# tkvv map: a hamlet's households coloured by group as PNG, SVG and PDF.
# The PNG is decoded (python3 zlib/struct): its size, and the group
# colours the SVG fills with are present as pixels in the map area; with
# --plan there are two panels side by side and the after panel differs.
# The PDF has one page, two with --plan (pdfinfo), and converts to PNG
# (pdftoppm). Errors: unknown hamlet or plan, a plan for another hamlet,
# an unknown extension, an existing file without --force: one line, exit
# 1 or 2, no file written.
set -eu
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
top_builddir=${top_builddir:-.}
tkvv=$(cd "$top_builddir" && pwd)/tkvv
command -v python3 >/dev/null || { echo "SKIP: python3 is missing"; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 is missing"; exit 77; }
dir=$(mktemp -d /tmp/tkvv-map-XXXXXX)
trap 'rm -rf "$dir"' EXIT
export XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
fail() { echo "FAIL: $*"; exit 1; }
db=$dir/t.db
en=$dir/en.ini
printf '[general]\nlanguage = en\n' > "$en"
if [ -f "$top_builddir/tests/tui/demo.db" ]; then
	cp "$top_builddir/tests/tui/demo.db" "$db"
else
	"$tkvv" --db "$db" --config "$en" demo --as-of 2026-10-31 > /dev/null
fi
run() { "$tkvv" --db "$db" --config "$en" "$@"; }
# expect RC ARGS...: tkvv exits RC with one line on stderr when RC > 0.
expect() {
	want=$1; shift
	set +e; run "$@" > "$dir/out" 2> "$dir/err"; rc=$?; set -e
	[ "$rc" -eq "$want" ] || fail "tkvv $* exited $rc, not $want: $(cat "$dir/err")"
	[ "$want" -eq 0 ] || [ "$(wc -l < "$dir/err")" -eq 1 ] || fail "tkvv $*: not one line: $(cat "$dir/err")"
}

# A hamlet with positions and one known only by road order.
hamlet=$(sqlite3 "$db" "SELECT h.code FROM hamlets h JOIN members m ON m.hamlet_id = h.id
	GROUP BY h.id HAVING sum(m.lat IS NOT NULL) > 50 ORDER BY h.id LIMIT 1")
road=$(sqlite3 "$db" "SELECT h.code FROM hamlets h JOIN members m ON m.hamlet_id = h.id
	GROUP BY h.id HAVING sum(m.lat IS NOT NULL) = 0 AND sum(m.road_order IS NOT NULL) > 20 ORDER BY h.id LIMIT 1")
groups=$(sqlite3 "$db" "SELECT count(DISTINCT m.group_id) FROM members m JOIN hamlets h ON h.id = m.hamlet_id
	WHERE h.code = '$hamlet' AND m.lat IS NOT NULL")
[ -n "$hamlet" ] && [ "$groups" -ge 2 ] || fail "no located hamlet with two groups in the demo"

# png_check FILE.png FILE.svg PANELS: the PNG's header and size, and in each
# panel's map area the SVG's group colours as pixels; prints each panel's
# map area digest.
png_check() {
	python3 - "$1" "$2" "$3" "$groups" <<'PY'
import hashlib, re, struct, sys, zlib
png, svg, panels, groups = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = open(png, 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, ihdr = 8, b'', None
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
    if kind == b'IDAT': idat += body
    pos += 12 + n
w, h, depth, ctype = ihdr[:4]
assert depth == 8 and ctype in (2, 6), 'PNG colour type %d depth %d' % (ctype, depth)
assert w == 560 * panels, 'PNG width %d for %d panel(s)' % (w, panels)
assert h >= 560, 'PNG height %d' % h
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
rows, prev = [], bytearray(stride)
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
def px(x, y):
    o = x * bpp
    r = rows[y][o:o + 3]
    return tuple(r)
# Group colours: the SVG's fills that are not grey.
cols = set()
for m in re.finditer(r'fill:rgb\(([\d.]+)%,([\d.]+)%,([\d.]+)%\)', open(svg).read()):
    c = tuple(round(float(v) * 255 / 100) for v in m.groups())
    if len(set(c)) > 1: cols.add(c)
assert len(cols) >= groups, 'the SVG fills %d group colours, the hamlet has %d groups' % (len(cols), groups)
for p in range(panels):
    seen, area = set(), hashlib.sha1()
    for y in range(60, 512):
        for x in range(560 * p + 8, 560 * p + 552):
            c = px(x, y)
            area.update(bytes(c))
            if c in cols: seen.add(c)
    assert len(seen) >= groups, 'panel %d shows %d of the %d group colours' % (p, len(seen), groups)
    print(area.hexdigest())
PY
}

expect 0 map --hamlet "$hamlet" "$dir/now.png"
grep -q "now.png" "$dir/out" || fail "map printed: $(cat "$dir/out")"
expect 0 map --hamlet "$hamlet" "$dir/now.svg"
grep -q '<svg' "$dir/now.svg" || fail "now.svg is not SVG"
png_check "$dir/now.png" "$dir/now.svg" 1 > "$dir/digest" || fail "the map of $hamlet"

# A saved plan for the hamlet: before and after side by side.
run regroup --hamlet "$hamlet" --save --format json > "$dir/plan.json"
plan=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["plan_id"])' "$dir/plan.json")
moved=$(sqlite3 "$db" "SELECT count(*) FROM plan_moves WHERE plan_id = $plan")
[ "$moved" -gt 0 ] || fail "the plan for $hamlet moves nobody"
expect 0 map --hamlet "$hamlet" --plan "$plan" "$dir/plan.png"
expect 0 map --hamlet "$hamlet" --plan "$plan" "$dir/plan.svg"
png_check "$dir/plan.png" "$dir/plan.svg" 2 > "$dir/digest2" || fail "the map of plan $plan"
[ "$(sed -n 1p "$dir/digest2")" = "$(cat "$dir/digest")" ] || fail "the before panel is not the map without the plan"
[ "$(sed -n 1p "$dir/digest2")" != "$(sed -n 2p "$dir/digest2")" ] || fail "the after panel is the before panel"

# PDF: one page a side; converted to PNG.
if command -v pdfinfo >/dev/null && command -v pdftoppm >/dev/null; then
	expect 0 map --hamlet "$hamlet" "$dir/now.pdf"
	expect 0 map --hamlet "$hamlet" --plan "$plan" "$dir/plan.pdf"
	[ "$(pdfinfo "$dir/now.pdf" | sed -n 's/^Pages: *//p')" = 1 ] || fail "now.pdf: $(pdfinfo "$dir/now.pdf")"
	[ "$(pdfinfo "$dir/plan.pdf" | sed -n 's/^Pages: *//p')" = 2 ] || fail "plan.pdf: $(pdfinfo "$dir/plan.pdf")"
	pdftoppm -png -r 72 "$dir/plan.pdf" "$dir/page"
	for page in "$dir"/page-1.png "$dir"/page-2.png; do
		[ -f "$page" ] || fail "pdftoppm made no $page"
		png_check "$page" "$dir/plan.svg" 1 > /dev/null || fail "$page of plan.pdf"
	done
else
	echo "pdfinfo or pdftoppm missing: PDF pages not checked"
fi

# A hamlet known only by its road order is drawn along the road.
if [ -n "$road" ]; then
	expect 0 map --hamlet "$road" "$dir/road.png"
	expect 0 map --hamlet "$road" "$dir/road.svg"
	groups=$(sqlite3 "$db" "SELECT count(DISTINCT m.group_id) FROM members m JOIN hamlets h ON h.id = m.hamlet_id
		WHERE h.code = '$road' AND m.road_order IS NOT NULL")
	png_check "$dir/road.png" "$dir/road.svg" 1 > /dev/null || fail "the map of road hamlet $road"
fi

# Once applied, the plan's map is the same picture (before from its moves).
run plan apply "$plan" > /dev/null
expect 0 map --hamlet "$hamlet" --plan "$plan" "$dir/applied.png"
cmp -s "$dir/applied.png" "$dir/plan.png" || fail "the map of the applied plan differs from its draft's"

# Errors: one line, the exit status, nothing written.
expect 1 map --hamlet NOPE "$dir/e1.png"
grep -q "NOPE" "$dir/err" || fail "unknown hamlet: $(cat "$dir/err")"
expect 1 map --hamlet "$hamlet" --plan 9999 "$dir/e2.png"
grep -q "9999" "$dir/err" || fail "unknown plan: $(cat "$dir/err")"
other=$(sqlite3 "$db" "SELECT code FROM hamlets WHERE code <> '$hamlet' ORDER BY id LIMIT 1")
expect 1 map --hamlet "$other" --plan "$plan" "$dir/e3.png"
run regroup --hamlet "$hamlet" --save --format json > "$dir/plan2.json"
plan2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["plan_id"])' "$dir/plan2.json")
run plan discard "$plan2" > /dev/null
expect 1 map --hamlet "$hamlet" --plan "$plan2" "$dir/e7.png"
grep -q "discarded" "$dir/err" || fail "discarded plan: $(cat "$dir/err")"
sqlite3 "$db" "INSERT INTO hamlets(code, commune_id, name) SELECT 'EMPTY1', commune_id, 'Ấp Trống' FROM hamlets LIMIT 1"
expect 1 map --hamlet EMPTY1 "$dir/e8.png"
grep -q "no households" "$dir/err" || fail "empty hamlet: $(cat "$dir/err")"
expect 2 map --hamlet "$hamlet" "$dir/e4.jpg"
expect 2 map "$dir/e5.png"
expect 2 map --hamlet "$hamlet"
expect 2 map --hamlet "$hamlet" --plan x "$dir/e6.png"
for f in e1.png e2.png e3.png e4.jpg e5.png e6.png e7.png e8.png; do
	[ ! -e "$dir/$f" ] || fail "$f was written by a refused map"
done
ls "$dir" | grep -q '\.tmp' && fail "a temporary file was left: $(ls "$dir")"
cp "$dir/now.png" "$dir/keep.png"
expect 1 map --hamlet "$hamlet" --plan "$plan" "$dir/now.png"
cmp -s "$dir/now.png" "$dir/keep.png" || fail "an existing file was changed without --force"
expect 0 map --hamlet "$hamlet" --plan "$plan" --force "$dir/now.png"
cmp -s "$dir/now.png" "$dir/plan.png" || fail "--force did not replace the file with the map"
echo "ok: map"
