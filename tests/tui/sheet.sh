#!/bin/sh
# The collection sheet on the demo district: from the groups screen, c
# opens the first group's sheet for the month of the last transaction day,
# prefilled with what is due; F2 saves it all (the payments, one audit
# row, the figures shown): the keystrokes of a month where everyone paid
# are counted. Then a changed amount (arrows, typing replaces the cell)
# and Esc with unsaved changes asks.
set -eu
ui_language=en
. "$top_srcdir/tests/tui/lib.sh"
export TKVV_TODAY=2026-12-28
group=$(sql "SELECT code FROM groups WHERE status = 'active' ORDER BY code LIMIT 1")
day=$(sql "SELECT printf('2026-12-%02d', coalesce(c.transaction_day, 25)) FROM groups g
	JOIN hamlets h ON h.id = g.hamlet_id JOIN communes c ON c.id = h.commune_id WHERE g.code = '$group'")
# What the sheet is to write: the non-zero amounts due of the printed sheet.
"$tkvv" --db "$db" --config "$ini" sheet --group "$group" --month 2026-12 "$tmp/due.csv" >/dev/null
want=$(awk -F, 'NR > 1 { n += ($7 != 0) + ($8 != 0) + ($9 != 0); m++ } END { print n " " m }' "$tmp/due.csv")
loans=${want#* }
want=${want% *}
[ "$want" -gt 0 ] || fail "nothing due on the sheet of $group"
before=$(sql "SELECT count(*) FROM payments WHERE paid_on = '$day'")

ui_start 100 30
wait_for "Communes"
n=0
keys 2; n=$((n + 1))
wait_for "Savings-and-loan groups"
keys c; n=$((n + 1))
wait_for "Collection sheet: group $group"
wait_for "Total ($loans loans)"
keys F2; n=$((n + 1))
wait_for "Sheet saved: $want payments"
wait_for "Collection rate of the month: 100.0%"
echo "keystrokes for the month of group $group ($loans loans, all paid what was due): $n"
[ "$(sql "SELECT count(*) FROM payments WHERE paid_on = '$day'")" = "$((before + want))" ] ||
	fail "not $want payments on $day"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'sheet' AND code = '$group'")" = 1 ] || fail "not one audit row"
# Paid: the months show 0/paid now, and a second F2 pays nothing twice.
wait_for "0/paid"
keys F2
wait_for "Sheet saved: 0 payments"
[ "$(sql "SELECT count(*) FROM payments WHERE paid_on = '$day'")" = "$((before + want))" ] ||
	fail "a second F2 wrote payments again"
# A narrow terminal (60 columns): the arrears give way, the three amounts
# stay whole and the totals stay on their own line.
tmux -L "$sock" resize-window -x 60 -y 20
wait_gone "Arrears"
expect "Savings"
tot=$(screen | grep -F "Total ($loans loans)") || fail "no totals line at 60 columns"
[ "$(screen | grep -c '^[0-9. ]*[0-9][0-9. ]*$')" -le 1 ] || fail "a line wrapped at 60 columns"
tmux -L "$sock" resize-window -x 100 -y 30
wait_for "Arrears"
keys Escape
wait_gone "Collection sheet:"

# The second group: Down to the second row, its interest changed to 0.
group2=$(sql "SELECT code FROM groups WHERE status = 'active' ORDER BY code LIMIT 1 OFFSET 1")
"$tkvv" --db "$db" --config "$ini" sheet --group "$group2" --month 2026-12 "$tmp/due2.csv" >/dev/null
loan2=$(sed -n 3p "$tmp/due2.csv" | cut -d, -f5)
keys Down c
wait_for "Collection sheet: group $group2"
keys Down
type_text 0
keys Enter
keys Escape
wait_for "Discard the changes to the sheet?"
keys n
wait_for "Collection sheet: group $group2"
keys F2
wait_for "Sheet saved:"
[ "$(sql "SELECT count(*) FROM payments p JOIN loans l ON l.id = p.loan_id
	WHERE l.code = '$loan2' AND p.kind = 'interest' AND p.period = '2026-12'")" = 0 ] ||
	fail "the changed amount was paid in full"
[ "$(sql "SELECT count(*) FROM payments p JOIN loans l ON l.id = p.loan_id
	JOIN members m ON m.id = l.member_id JOIN groups g ON g.id = m.group_id
	WHERE g.code = '$group2' AND p.kind = 'interest' AND p.period = '2026-12'")" -gt 0 ] ||
	fail "the others were not paid"
screen | grep -q "Collection rate of the month: 100.0%" && fail "the rate ignores the changed amount"
keys Escape
wait_gone "Collection sheet:"
ui_quit
