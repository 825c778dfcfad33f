#!/bin/sh
# The regrouping assistant driven as an officer would at a meeting: open it
# on a hamlet from screen 1, pick the 25% budget, reject a move, pin a
# member, apply with a note and write the rosters; the members moved exactly
# as the plan shown said; undo from the plans screen brings every one back.
set -eu
ui_language=en
. "$top_srcdir/tests/tui/lib.sh"

# The message line (the last one) without the list position at its right.
message() {
	screen | tail -n 1 | sed 's/  *[0-9]*\/[0-9]* *$//'
}

# A located hamlet where the 25% budget moves a few members.
hamlet=
for h in $(sql "SELECT h.id FROM hamlets h JOIN members m ON m.hamlet_id = h.id GROUP BY h.id
	HAVING count(m.lat) >= 0.9 * count(*) AND count(DISTINCT m.group_id) >= 3 ORDER BY h.code"); do
	code=$(sql "SELECT code FROM hamlets WHERE id = $h")
	[ "$(t regroup --hamlet "$code" --max-moves 25% --no-tradeoff --format csv | wc -l)" -lt 6 ] || { hamlet=$h; break; }
done
[ -n "$hamlet" ] || fail "no located hamlet in the demo where 25% moves members"
for p in $(sql "SELECT id FROM plans WHERE status = 'draft'"); do t plan discard "$p" >/dev/null; done
hcode=$(sql "SELECT code FROM hamlets WHERE id = $hamlet")
hname=$(sql "SELECT name FROM hamlets WHERE id = $hamlet")
t export members >"$tmp/before.csv"

# Screen 1: find the hamlet's row (its code) and open the assistant on it.
open_assistant "$hcode"
# It opens on the recommended row (the knee of the trade-off), which the
# figures name with its shares of the unlimited row's gain and moves.
wait_re "> recommended [^:]+: [0-9]+% gain, [0-9]+% moves"
rec=$(screen | sed -n 's/.*> recommended \([^:]*\):.*/\1/p' | head -n 1)
screen | grep -Eq "^\\*$rec +[0-9]+ " || fail "the assistant did not open on the recommended row $rec"
[ "$rec" != "no limit" ] || [ "$(t regroup --hamlet "$hcode" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["recommended"]["budget"])')" = unlimited ] \
	|| fail "the assistant opened on the unlimited row, which is not the recommended one"
expect "6 Regrouping assistant"
expect "Before"
expect "After"
# groups_split (regroup-metrics.md) in the trade-off table and the figures.
screen | grep -Eq "Budget +Moves +Grps +Medoid +Walk +Mix % +Split" || fail "no Split column in the trade-off table"
wait_re "Groups split in pieces: [0-9]+ → [0-9]+"
# A narrow window shows one map at a time; v switches it.
tmux -L "$sock" resize-window -x 80 -y 24
wait_for "Before  (v: after)"
keys v
wait_for "After  (v: before)"
tmux -L "$sock" resize-window -x 200 -y 50
wait_gone "(v: before)"

# The 25% row of the trade-off table (the second), then the list.
keys Down Enter
wait_re "Budget 25%: [0-9]+ moves"
moves25=$(message | sed -n 's/.*Budget 25%: \([0-9]*\) moves.*/\1/p')
screen | grep -Eq "^\\*25% +$moves25 " || fail "the 25% row is not marked chosen with $moves25 moves"
keys Tab x
wait_re "Move of [^ ]+ rejected"
rejected=$(message | sed -n 's/.*Move of \([^ ]*\) rejected.*/\1/p')
expect "= $rejected kept in"
# The pin is first in the list now; the first move is below it.
keys Down g
wait_re "Member code to pin \\(Enter: [^)]+\\)"
pinned=$(message | sed -n 's/.*Enter: \([^)]*\)).*/\1/p')
keys Enter
wait_for "Pin $pinned to the group"
keys Down Enter
wait_re "$pinned pinned to [A-Z] "
letter=$(message | sed -n "s/.*$pinned pinned to \\([A-Z]\\) .*/\\1/p")
nmoves=$(message | sed -n 's/.*; \([0-9]*\) moves now.*/\1/p')
pgroup=$(sql "SELECT code FROM groups WHERE hamlet_id = $hamlet AND status = 'active' ORDER BY code
	LIMIT 1 OFFSET $(($(printf '%d' "'$letter") - 65))")
[ "$rejected" != "$pinned" ] || fail "the rejected and the pinned member are the same"
wait_for "Moves $nmoves · merges refused 0 · pins 2"

# Apply with a note, and write the rosters of the changed groups.
keys A
wait_re "Apply $nmoves moves and [0-9]+ group changes in [^:]+: $nmoves of [0-9]+ households \\([0-9]+%\\) move, [0-9]+ groups merge"
keys y
wait_for "meeting's decision"
type_text "Họp ấp: đồng ý"
keys Enter
wait_for "Write the rosters"
keys y
wait_for "Rosters file"
type_text "$tmp/rosters.xlsx"
keys Enter
wait_re "rosters \\([0-9]+ members\\) written to"
[ -s "$tmp/rosters.xlsx" ] || fail "no roster workbook"
id=$(sql "SELECT id FROM plans WHERE status = 'applied'")
[ -n "$id" ] || fail "no applied plan"
[ "$(sql "SELECT note FROM plans WHERE id = $id")" = "Họp ấp: đồng ý" ] || fail "the note was not kept"
[ "$(sql "SELECT max_moves FROM plans WHERE id = $id")" = "25%" ] || fail "not the 25% budget"

# Exactly the moves of the plan shown happened, and nothing else.
t export members >"$tmp/after.csv"
t plan show "$id" --format csv >"$tmp/moves.csv"
[ "$(($(wc -l <"$tmp/moves.csv") - 1))" -eq "$nmoves" ] || fail "the plan has not the $nmoves moves shown"
awk -F, 'NR == FNR { if (FNR > 1) to[$1] = $5; next }
	FILENAME == ARGV[2] { if (FNR > 1) was[$1] = $4; next }
	FNR > 1 { want = ($1 in to) ? to[$1] : was[$1]
		  if ($4 != want) { print $1 ": " $4 ", not " want; bad = 1 } }
	END { exit bad }' "$tmp/moves.csv" "$tmp/before.csv" "$tmp/after.csv" || fail "members moved otherwise than the plan"
was=$(grep "^$rejected," "$tmp/before.csv" | cut -d, -f4)
grep -q "^$rejected,.*,$hcode,$was," "$tmp/after.csv" || fail "the rejected member $rejected moved"
grep -q "^$pinned,.*,$hcode,$pgroup," "$tmp/after.csv" || fail "the pinned member $pinned is not in $pgroup"

# The plans screen: Enter shows the plan's moves; u undoes it.
keys 7
wait_for "7 Regrouping plans"
wait_for "applied"
keys Enter
wait_re "Plan $id \\(applied\\).*: $nmoves moves"
keys Escape u
wait_for "Undo plan $id"
keys y
wait_for "plan $id undone"
t export members >"$tmp/undone.csv"
cmp -s "$tmp/before.csv" "$tmp/undone.csv" || fail "undo did not bring every member back"
ui_quit
