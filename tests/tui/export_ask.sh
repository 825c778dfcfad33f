#!/bin/sh
# The reports screen's export over a file that exists: it asks first; n
# keeps the file untouched and the name open for another, y replaces it.
set -eu
ui_language=en
. "$top_srcdir/tests/tui/lib.sh"

printf 'keep me\n' > "$tmp/old.xlsx"
ui_start 80 24
wait_for "1 Communes and hamlets"
keys 8
wait_for "8 Reports: as of"
keys x
wait_for "Export the report"
keys C-u
type_text "$tmp/old.xlsx"
keys Enter
wait_for "already exists. Replace it? (y/n)"
keys n
wait_for "exists; not replaced"
[ "$(cat "$tmp/old.xlsx")" = "keep me" ] || fail "the existing file was changed"
keys Enter
wait_for "already exists. Replace it? (y/n)"
keys y
wait_for "Report written to $tmp/old.xlsx"
[ "$(head -c 2 "$tmp/old.xlsx")" = PK ] || fail "the file was not replaced by the workbook"
# A new name is written without a question.
keys x
wait_for "Export the report"
keys C-u
type_text "$tmp/new.xlsx"
keys Enter
wait_for "Report written to $tmp/new.xlsx"
[ "$(head -c 2 "$tmp/new.xlsx")" = PK ] || fail "new.xlsx is not a workbook"
ui_quit
