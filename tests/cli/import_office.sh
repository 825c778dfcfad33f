#!/bin/sh
# Import reads office files through the CSV reader: an xlsx workbook written
# here by hand with python's zipfile (shared strings, an inline string, a
# number with a "000…" format, a date), a chosen --sheet, an error naming
# the sheet's row and column, UTF-16 (Excel's "Unicode text", tabs) and
# Windows-1258 text, and a TCVN3 file refused with how to convert it.
set -eu
NAME=office
. "${top_srcdir:-.}/tests/cli/lib.sh"
tk() { "$tkvv" --config "$tmp/tkvv.ini" "$@"; }

for kind in communes hamlets groups; do
	tk --db "$tmp/a.db" import "$kind" "$data/$kind.csv" >/dev/null
done

# make_xlsx OUT SHEETNAME SHARED-STRINGS(|-separated) ROWS-XML
make_xlsx() {
	python3 - "$@" <<'PY'
import sys, zipfile
out, name, strings, rows = sys.argv[1:5]
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook %s xmlns:r="http://schemas.openxmlformats.org/'
      'officeDocument/2006/relationships"><sheets><sheet name="Ghi chú" sheetId="2" r:id="rId2"/>'
      '<sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, name))
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/data.xml"/>'
        '<Relationship Id="rId2" Type="worksheet" Target="worksheets/note.xml"/></Relationships>')
styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet %s><numFmts count="2">'
          '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="000000000000"/>'
          '</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>'
          '</styleSheet>' % ns)
sst = '<?xml version="1.0" encoding="UTF-8"?><sst %s>%s</sst>' % (
    ns, ''.join('<si><r><t>%s</t></r></si>' % s for s in strings.split('|')))
def sheet(body):
    return '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (ns, body)
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', wb)
    z.writestr('xl/_rels/workbook.xml.rels', rels)
    z.writestr('xl/styles.xml', styles)
    z.writestr('xl/sharedStrings.xml', sst)
    z.writestr('xl/worksheets/note.xml', sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>ghi chú</t></is></c></row>'))
    z.writestr('xl/worksheets/data.xml', sheet(rows))
PY
}

strings='member_code|full_name|hamlet_code|group_code|national_id|phone|category|joined_on|M9001|Nguyễn Thị Ánh|X01A01|X01A01T01|ngheo'
# Row 2: the CCCD a number shown with 12 digits, the phone an inline
# string, the date a serial day with a date format (43900 = 2020-03-10).
head='<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c></row>'
row2='<row r="2"><c r="A2" t="s"><v>8</v></c><c r="B2" t="s"><v>9</v></c><c r="C2" t="s"><v>10</v></c><c r="D2" t="s"><v>11</v></c><c r="E2" s="2"><v>89185000099</v></c><c r="F2" t="inlineStr"><is><t>0912 345 099</t></is></c><c r="G2" t="s"><v>12</v></c><c r="H2" s="1"><v>43900</v></c></row>'
make_xlsx "$tmp/members.xlsx" "Thành viên" "$strings" "$head$row2"
tk --db "$tmp/a.db" import members "$tmp/members.xlsx" --sheet "Thành viên" >"$tmp/out" 2>&1 ||
	fail "the xlsx does not import: $(cat "$tmp/out")"
row=$(tk --db "$tmp/a.db" export members | grep '^M9001,') || fail "M9001 not imported"
case $row in
*'Nguyễn Thị Ánh'*'089185000099,0912345099,ngheo,2020-03-10'*) ;;
*) fail "xlsx cells read wrongly: $row" ;;
esac

# Without --sheet the first sheet is read ("Ghi chú", with no members columns).
if tk --db "$tmp/b.db" import communes "$tmp/members.xlsx" >"$tmp/out" 2>&1; then
	fail "the first sheet was not the one read"
fi
grep -q 'members.xlsx' "$tmp/out" || fail "no file name: $(cat "$tmp/out")"
# A sheet that is not there.
if tk --db "$tmp/a.db" import members "$tmp/members.xlsx" --sheet Nope >"$tmp/out" 2>&1; then
	fail "a missing sheet imported"
fi
grep -q "members.xlsx: .*'Nope'" "$tmp/out" || fail "missing sheet: $(cat "$tmp/out")"

# A bad cell: the error names the sheet, row and column (G3: category).
row3='<row r="3"><c r="A3" t="inlineStr"><is><t>M9002</t></is></c><c r="B3" t="inlineStr"><is><t>Lê Văn Bình</t></is></c><c r="C3" t="s"><v>10</v></c><c r="D3" t="s"><v>11</v></c><c r="G3" t="inlineStr"><is><t>khong-co</t></is></c><c r="H3" s="1"><v>43900</v></c></row>'
make_xlsx "$tmp/bad.xlsx" "Sheet1" "$strings" "$head$row2$row3"
if tk --db "$tmp/a.db" import members "$tmp/bad.xlsx" --sheet Sheet1 >"$tmp/out" 2>&1; then
	fail "the bad category imported"
fi
grep -q '^bad.xlsx:Sheet1!G3: \|bad.xlsx:Sheet1!G3: ' "$tmp/out" || fail "the error does not name Sheet1!G3: $(cat "$tmp/out")"
[ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "not one line: $(cat "$tmp/out")"

# UTF-16 with a BOM and tabs (Excel's "Unicode text"), and Windows-1258.
printf 'commune_code\tname\tkind\nU01\tXã Ánh Dương\txa\n' | iconv -f UTF-8 -t UTF-16 >"$tmp/u16.txt"
head -c 2 "$tmp/u16.txt" | od -An -tx1 | grep -q 'ff fe' || fail "iconv wrote no FF FE BOM"
tk --db "$tmp/a.db" import communes "$tmp/u16.txt" >"$tmp/out" 2>&1 || fail "UTF-16: $(cat "$tmp/out")"
grep -q 'u16.txt: read as UTF-16' "$tmp/out" || fail "UTF-16 not said: $(cat "$tmp/out")"
tk --db "$tmp/a.db" export communes | grep -q '^U01,Xã Ánh Dương,xa' || fail "UTF-16 text read wrongly"
printf 'commune_code,name,kind\nW01,Xã Mỹ Hạnh Đông,xa\n' | iconv -f UTF-8 -t CP1258 >"$tmp/w.csv"
tk --db "$tmp/a.db" import communes "$tmp/w.csv" >"$tmp/out" 2>&1 || fail "cp1258: $(cat "$tmp/out")"
grep -q 'w.csv: read as Windows-1258' "$tmp/out" || fail "cp1258 not said: $(cat "$tmp/out")"
tk --db "$tmp/a.db" export communes | grep -q '^W01,Xã Mỹ Hạnh Đông,xa' || fail "cp1258 text read wrongly: $(tk --db "$tmp/a.db" export communes | grep W01)"
# --encoding says it when detection cannot (cp1258 named, without the BOM).
printf 'commune_code\tname\tkind\nU02\tXã Phú Lộc\txa\n' | iconv -f UTF-8 -t UTF-16LE >"$tmp/le.txt"
tk --db "$tmp/a.db" import communes "$tmp/le.txt" --encoding utf-16le >"$tmp/out" 2>&1 || fail "--encoding: $(cat "$tmp/out")"
tk --db "$tmp/a.db" export communes | grep -q '^U02,Xã Phú Lộc,xa' || fail "--encoding utf-16le read wrongly"
set +e; tk --db "$tmp/a.db" import communes "$tmp/le.txt" --encoding koi8 >/dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 2 ] || fail "an unknown --encoding exited $rc, not 2"

# TCVN3 (ABC): "Nguyễn Văn Hùng" is Nguy\xd4n V\xb5n H\xeong; refused with how to convert.
printf 'commune_code,name,kind\nT01,Nguy\324n V\265n H\353ng,xa\n' >"$tmp/t.csv"
if tk --db "$tmp/a.db" import communes "$tmp/t.csv" >"$tmp/out" 2>&1; then
	fail "the TCVN3 file imported"
fi
grep -q 't.csv: .*TCVN3.*UniKey' "$tmp/out" || fail "TCVN3 message: $(cat "$tmp/out")"
echo "import_office.sh: all passed"
