#!/bin/sh
# report --format xlsx prints: the report's heading (scope and as-of date)
# above each table, sheets named after the tables' Vietnamese titles, A4
# fitted to the page's width, the heading row repeated on every page, page
# numbers in the footer. Read with python's zipfile and xml.etree.
set -eu
NAME=rxlsx ui_language=vi
. "${top_srcdir:-.}/tests/cli/lib.sh"
export LANG=vi_VN.UTF-8 LC_ALL=vi_VN.UTF-8
tk() { "$tkvv" --config "$tmp/tkvv.ini" "$@"; }

for kind in communes hamlets groups members loans payments; do
	tk --db "$tmp/a.db" import "$kind" "$data/$kind.csv" >/dev/null
done
tk --db "$tmp/a.db" report kpi --as-of 2023-05-31 --format xlsx --out "$tmp/kpi.xlsx"
python3 - "$tmp/kpi.xlsx" <<'PY' || fail "the workbook does not print"
import sys, zipfile, xml.etree.ElementTree as ET
m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
z = zipfile.ZipFile(sys.argv[1])
wb = ET.fromstring(z.read('xl/workbook.xml'))
names = [s.get('name') for s in wb.iter(m + 'sheet')]
assert len(names) == 8, names
assert 'Huyện' in names and 'Tổ nên sáp nhập' in names, names
assert not any('_' in n for n in names), names
titles = {d.get('localSheetId'): d.text for d in wb.iter(m + 'definedName')
          if d.get('name') == '_xlnm.Print_Titles'}
assert len(titles) == 8 and all(t.endswith('!$4:$4') for t in titles.values()), titles
sst = ''.join(t.text or '' for t in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(m + 't'))
assert 'Chất lượng tín dụng đến ngày 31/05/2023' in sst, sst[:200]
assert 'groups_overdue_above_threshold' not in sst and 'overdue_above_threshold' not in sst
for i in range(1, 9):
    ws = ET.fromstring(z.read('xl/worksheets/sheet%d.xml' % i))
    ps = ws.find(m + 'pageSetup')
    assert ps is not None and ps.get('paperSize') == '9', i
    assert ps.get('fitToHeight') == '0', i
    assert ws.find(m + 'sheetPr/' + m + 'pageSetUpPr').get('fitToPage') == '1', i
    assert '&P/&N' in ws.find(m + 'headerFooter/' + m + 'oddFooter').text, i
# The district's 19 columns print landscape.
ws = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
assert ws.find(m + 'pageSetup').get('orientation') == 'landscape'
# Its headings wrap at their spaces (a wrapping style, the row made as tall
# as the longest heading needs), so no column is wider than its figures
# or its longest word need: 'Lãi phải thu từ đầu năm' (23) is not.
row4 = [r for r in ws.iter(m + 'row') if r.get('r') == '4'][0]
assert row4.get('customHeight') == '1' and float(row4.get('ht')) >= 30, row4.attrib
xf = ET.fromstring(z.read('xl/styles.xml')).find(m + 'cellXfs')[int(row4[0].get('s'))]
assert xf.find(m + 'alignment').get('wrapText') == '1', xf
widths = [float(c.get('width')) for c in ws.iter(m + 'col')]
assert len(widths) >= 19 and max(widths) < 20, widths
PY
echo "report_xlsx.sh: all passed"
