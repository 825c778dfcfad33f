#!/bin/sh
# The report and roster workbooks print: LibreOffice converts them to PDF,
# pdfinfo gives one A4 page a sheet in the orientation the workbook asks
# (each sheet fits the page's width; the sample's rows fit one page), and
# pdftoppm makes PNGs of A4's size at 50 dpi. Skips without soffice unless
# CI=true (then it fails: scripts/deps --tests installs it).
set -eu
NAME=rprint ui_language=vi
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v soffice >/dev/null; then
	[ "${CI:-}" = true ] && fail "soffice is missing under CI"
	need soffice
fi
need pdfinfo pdftoppm python3
tk() { "$tkvv" --config "$tmp/tkvv.ini" --db "$tmp/a.db" "$@"; }
for kind in communes hamlets groups members loans payments; do
	tk import "$kind" "$data/$kind.csv" >/dev/null
done
tk report kpi --as-of 2023-05-31 --format xlsx --out "$tmp/kpi.xlsx"
tk roster "$tmp/roster.xlsx" >/dev/null
# A profile of its own: a first start of soffice, and no shared lock.
HOME=$tmp soffice -env:UserInstallation="file://$tmp/lo" --headless \
	--convert-to pdf --outdir "$tmp" "$tmp/kpi.xlsx" "$tmp/roster.xlsx" >/dev/null 2>&1 ||
	fail "soffice did not convert"
# The orientation each sheet of workbook $1 asks for, one a line.
orient() {
	python3 - "$1" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
z = zipfile.ZipFile(sys.argv[1])
n = sum(1 for f in z.namelist() if f.startswith('xl/worksheets/sheet'))
for i in range(1, n + 1):
    ps = ET.fromstring(z.read('xl/worksheets/sheet%d.xml' % i)).find(m + 'pageSetup')
    print(ps.get('orientation') or 'portrait')
PY
}
# The orientation of each page of PDF $1 (A4 only), one a line.
pages() {
	n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
	pdfinfo -f 1 -l "$n" "$1" | sed -n 's/^Page *[0-9]* size: *//p' | while read -r w x h rest; do
		case "$w $h" in
		"841.89 595.304") echo landscape ;;
		"595.304 841.89") echo portrait ;;
		*) echo "not A4: $w x $h" ;;
		esac
	done
}
orient "$tmp/kpi.xlsx" >"$tmp/want"
[ "$(wc -l <"$tmp/want")" -eq 8 ] || fail "kpi.xlsx has $(wc -l <"$tmp/want") sheets"
pages "$tmp/kpi.pdf" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || fail "kpi.pdf pages: $(diff "$tmp/want" "$tmp/got")"
# The district's 19 columns: landscape, on one page's width.
[ "$(head -1 "$tmp/got")" = landscape ] || fail "the district sheet prints portrait"
# The roster: one portrait page a group (the sample has 4).
[ "$(pages "$tmp/roster.pdf" | sort | uniq -c | awk '{print $1, $2}')" = "4 portrait" ] ||
	fail "roster.pdf: $(pages "$tmp/roster.pdf")"
pdftotext "$tmp/roster.pdf" - | grep -q 'DANH SÁCH TỔ VIÊN' || fail "roster.pdf has no title"
pdftotext -f 1 -l 1 "$tmp/kpi.pdf" - | grep -q 'Chất lượng tín dụng đến ngày 31/05/2023' ||
	fail "kpi.pdf has no heading"
# PNGs at 50 dpi: A4 is 585 x 414 pixels landscape, 414 x 585 portrait.
pdftoppm -r 50 -png -f 1 -l 1 "$tmp/kpi.pdf" "$tmp/kpi"
pdftoppm -r 50 -png -f 1 -l 1 "$tmp/roster.pdf" "$tmp/ro"
python3 - "$tmp"/kpi-1.png "$tmp"/ro-1.png <<'PY' || fail "the PNGs"
import sys, struct
for f, want in zip(sys.argv[1:], [(585, 414), (414, 585)]):
    d = open(f, 'rb').read()
    assert d[:8] == b'\x89PNG\r\n\x1a\n', f
    assert struct.unpack('>II', d[16:24]) == want, (f, struct.unpack('>II', d[16:24]))
PY
echo "report_print.sh: all passed"
