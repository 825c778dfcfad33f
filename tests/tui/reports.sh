#!/bin/sh
# The reports screen on the demo district as of 31/10/2026: the district
# and a commune, a wrong date beside the field, Enter on a flagged group
# lands on it in the groups screen, the trends chart, the export to .xlsx
# with the sheets of `tkvv report kpi` and `compare`, and in English with
# ASCII bars.
set -eu
. "$top_srcdir/tests/tui/lib.sh"
export TKVV_TODAY=2026-10-31

# The district's figures as `tkvv report kpi` gives them.
kpi=$("$tkvv" --db "$db" --config "$ini" report kpi --as-of 2026-10-31 --format csv | sed -n 2p)
groups=$(echo "$kpi" | cut -d, -f3)
above=$(echo "$kpi" | cut -d, -f9)
commune=$(sql "SELECT name FROM communes ORDER BY code LIMIT 1")

# The sheet names of workbook FILE, comma-separated.
sheets() {
	python3 - "$1" <<'PY'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    print(",".join(re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())))
PY
}

ui_start
wait_for "1 Xã và ấp"
keys 8
wait_for "8 Báo cáo: đến ngày 31/10/2026 (điểm tháng 10/2026)"
line 4 | grep -q "^Toàn huyện  *$groups .* $above\$" || fail "the district line is not $groups groups, $above above"
expect "$commune"
expect "Số xã theo xếp loại: Tốt"

# A wrong date stays in the form with the reason beside it.
keys d
wait_for "Báo cáo tại một ngày"
keys C-u
type_text "31/02/2026"
keys Enter
wait_for "là ngày không có thật"
keys C-u
type_text "31/10/2026"
keys Enter
wait_for "8 Báo cáo: đến ngày 31/10/2026 (điểm tháng 10/2026)"

# The flags: Enter on the first group above the threshold opens it.
keys Tab
wait_for "Tổ có tỷ lệ nợ quá hạn vượt ngưỡng: $above"
group=$(line 5 | awk '{print $1}')
hamlet=$(sql "SELECT h.name FROM groups g JOIN hamlets h ON h.id = g.hamlet_id WHERE g.code = '$group'")
[ -n "$hamlet" ] || fail "no flagged group on line 5"
keys Enter
wait_for "2 Tổ TK&VV:"
line 1 | grep -qF "$hamlet" || fail "the groups screen is not on $hamlet"
pos=$(msg_line | awk '{print $NF}')
line $((${pos%/*} + 2)) | grep -q "^$group " || fail "the cursor is not on $group ($pos)"
keys Escape
wait_for "8 Báo cáo"

# The trends: twelve months up to October 2026, drawn with blocks.
keys Tab
wait_for "Tỷ lệ nợ quá hạn cuối tháng"
expect "Tỷ lệ thu lãi trong tháng"
expect "11/25 "
expect "12/25 "
expect "10/26"
expect "█"

# Export the trends, then the key figures from the communes.
keys x
wait_for "report-trends-2026-10-31.xlsx"
keys C-u
type_text "$tmp/trends"
keys Enter
wait_for "Đã ghi báo cáo vào $tmp/trends.xlsx"
keys Tab
wait_for "Số xã theo xếp loại"
keys x
wait_for "report-kpi-2026-10-31.xlsx"
keys C-u
type_text "$tmp/kpi.xlsx"
keys Enter
wait_for "Đã ghi báo cáo vào $tmp/kpi.xlsx"
[ "$(head -c 2 "$tmp/kpi.xlsx")" = PK ] || fail "kpi.xlsx is not a zip file"
[ "$(sheets "$tmp/kpi.xlsx")" = "district,communes,orgs,hamlets,overdue_above_threshold,collection_below_threshold,merge_candidates,leaders_to_review" ] ||
	fail "kpi.xlsx sheets: $(sheets "$tmp/kpi.xlsx")"
[ "$(sheets "$tmp/trends.xlsx")" = "district,communes,trends" ] || fail "trends.xlsx sheets: $(sheets "$tmp/trends.xlsx")"
ui_quit

# In English, on a terminal that is not UTF-8: ASCII bars.
printf '[general]\nlanguage = en\n' >"$ini"
tmux -L "$sock" kill-server
sock=$sock-en    # a new server: the old one's socket may linger a moment
export LANG=C LC_ALL=C
ui_start
wait_for "1 Communes and hamlets"
keys 8
wait_for "8 Reports: as of 31/10/2026 (scores of 10/2026)"
expect "Whole district"
expect "Communes by grade: Good"
keys Tab
wait_for "Groups above the overdue threshold: $above"
keys Tab
wait_for "Overdue ratio at the month's end"
expect "Interest collection rate of the month"
expect "#####"
screen | grep -q "█" && fail "block characters on a terminal that is not UTF-8"
expect "F1Help F10Quit dDate xExport"
ui_quit
