#!/bin/sh
# export KIND FILE.xlsx (or --format xlsx): every kind as a workbook whose
# codes, CCCDs and phones are text cells (leading zeros kept), money numbers
# with a thousands format and dates dates; it imports back as it was.
set -eu
NAME=xlsx
. "${top_srcdir:-.}/tests/cli/lib.sh"
tk() { "$tkvv" --config "$tmp/tkvv.ini" "$@"; }
kinds="communes hamlets groups members loans payments"

for kind in $kinds; do
	tk --db "$tmp/a.db" import "$kind" "$data/$kind.csv" >/dev/null
done
for kind in $kinds; do
	tk --db "$tmp/a.db" export "$kind" "$tmp/$kind.xlsx"
	tk --db "$tmp/b.db" import "$kind" "$tmp/$kind.xlsx" >/dev/null ||
		fail "$kind: the xlsx does not import back"
done
for kind in $kinds; do
	tk --db "$tmp/a.db" export "$kind" >"$tmp/a.out"
	tk --db "$tmp/b.db" export "$kind" >"$tmp/b.out"
	cmp -s "$tmp/a.out" "$tmp/b.out" || fail "$kind: re-imported rows differ: $(diff "$tmp/a.out" "$tmp/b.out" | head -5)"
done

# The cells' types, read with python's zipfile (not the project's reader).
python3 - "$tmp/members.xlsx" "$tmp/loans.xlsx" <<'PY' || fail "cell types"
import sys, zipfile, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
def cells(path):
    z = zipfile.ZipFile(path)
    sst = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m']))
           for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
    st = ET.fromstring(z.read('xl/styles.xml'))
    fmts = {f.get('numFmtId'): f.get('formatCode') for f in st.iter('{%s}numFmt' % ns['m'])}
    xfs = [x.get('numFmtId') for x in st.find('m:cellXfs', ns).findall('m:xf', ns)]
    sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
    rows = sheet.findall('.//m:row', ns)
    head = {}
    for c in rows[0].findall('m:c', ns):
        head[''.join(ch for ch in c.get('r') if ch.isalpha())] = sst[int(c.find('m:v', ns).text)]
    out = {}
    for c in rows[1].findall('m:c', ns):
        col = head[''.join(ch for ch in c.get('r') if ch.isalpha())]
        v = c.find('m:v', ns).text
        fmt = fmts.get(xfs[int(c.get('s', '0'))], '')
        out[col] = (c.get('t', 'n'), sst[int(v)] if c.get('t') == 's' else v, fmt)
    return out
m = cells(sys.argv[1])
assert m['national_id'][:2] == ('s', '089185000001'), m['national_id']
assert m['phone'][:2] == ('s', '0912345001'), m['phone']
assert m['member_code'][0] == 's', m['member_code']
assert m['joined_on'][0] == 'n' and 'yy' in m['joined_on'][2], m['joined_on']
l = cells(sys.argv[2])
assert l['amount'][0] == 'n' and l['amount'][2] == '#,##0', l['amount']
PY

# --format xlsx to standard output (not a terminal), and a name/format clash.
tk --db "$tmp/a.db" export communes --format xlsx >"$tmp/c.bin"
[ "$(head -c 2 "$tmp/c.bin")" = PK ] || fail "--format xlsx to stdout is not a zip"
set +e; tk --db "$tmp/a.db" export communes "$tmp/x.xlsx" --format json >/dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 2 ] || fail "a .xlsx name with --format json exited $rc, not 2"
set +e; tk --db "$tmp/a.db" export communes "$tmp/y.xlsx" --bom >/dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 2 ] || fail "--bom with xlsx exited $rc, not 2"
[ ! -e "$tmp/x.xlsx" ] && [ ! -e "$tmp/y.xlsx" ] || fail "a refused export wrote its file"
echo "export_xlsx.sh: all passed"
