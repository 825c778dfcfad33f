#!/bin/sh
# The assistant (screen 6) writes the hamlet's map next to the rosters: at
# the w prompt a name ending in .png, .svg or .pdf writes the map of the
# proposal shown, before and after side by side (a PNG twice as wide as
# the map of the groups now), saving no plan; .xlsx still writes rosters.
set -eu
ui_language=en
. "$top_srcdir/tests/tui/lib.sh"
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 77; }
# The width of PNG file $1.
png_width() {
	python3 -c 'import struct, sys; d = open(sys.argv[1], "rb").read(24); assert d[:8] == b"\x89PNG\r\n\x1a\n"; print(struct.unpack(">I", d[16:20])[0])' "$1"
}

hcode=
for code in $(sql "SELECT h.code FROM hamlets h JOIN members m ON m.hamlet_id = h.id GROUP BY h.id
	HAVING count(m.lat) >= 0.9 * count(*) AND count(DISTINCT m.group_id) >= 3 ORDER BY h.code"); do
	[ "$(t regroup --hamlet "$code" --no-tradeoff --format csv | wc -l)" -lt 6 ] || { hcode=$code; break; }
done
[ -n "$hcode" ] || fail "no located hamlet in the demo with moves"
t map --hamlet "$hcode" "$tmp/now.png" > /dev/null
[ "$(png_width "$tmp/now.png")" -eq 560 ] || fail "tkvv map of the groups now is not one panel"

open_assistant "$hcode"
wait_for "merges refused 0"
keys w
wait_for "or map (.pdf/.svg/.png)"
type_text "$tmp/prop.png"
keys Enter
wait_for "Map of $hcode written to $tmp/prop.png"
[ "$(png_width "$tmp/prop.png")" -eq 1120 ] || fail "the assistant's map is not before and after side by side"
keys w
wait_for "or map (.pdf/.svg/.png)"
type_text "$tmp/prop.svg"
keys Enter
wait_for "Map of $hcode written to $tmp/prop.svg"
grep -q '<svg' "$tmp/prop.svg" || fail "prop.svg is not SVG"
# An existing file asks first.
keys w
wait_for "or map (.pdf/.svg/.png)"
type_text "$tmp/prop.png"
keys Enter
wait_for "prop.png already exists. Replace it? (y/n)"
keys n
wait_for "Nothing written"
# The rosters are still written from the same prompt.
keys w
wait_for "Rosters file"
type_text "$tmp/r.xlsx"
keys Enter
wait_for "written to $tmp/r.xlsx"
[ -s "$tmp/r.xlsx" ] || fail "no rosters written"
[ "$(sql "SELECT count(*) FROM plans")" -eq 0 ] || fail "writing the map saved a plan"
echo "ok: the assistant's map"
