#!/bin/sh
# The regrouping assistant driven in tmux as an officer would at a meeting:
# open it on a hamlet, pick the 25% budget, reject a move, pin a member,
# apply with a note and write the rosters; the members moved exactly as the
# plan shown said; undo from the plans screen brings every member back.
set -eu
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
tkvv=$(cd "$top_builddir" && pwd)/tkvv
command -v tmux >/dev/null || { echo "tmux not installed" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed" >&2; exit 77; }
tmp=$(mktemp -d)
sock=$tmp/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp" XDG_DATA_HOME="$tmp"
printf '[general]\nlanguage = en\n' > "$tmp/tkvv.ini"
db=$tmp/d.db
t() { "$tkvv" --db "$db" --config "$tmp/tkvv.ini" "$@"; }
fail() { echo "FAIL: $*" >&2; tmux -S "$sock" capture-pane -p -t ui >&2 2>/dev/null || true; exit 1; }
screen() { tmux -S "$sock" capture-pane -p -t ui; }
keys() { tmux -S "$sock" send-keys -t ui "$@"; }
# Wait until the screen shows the extended regular expression $1.
wait_for() {
	i=0
	while ! screen | grep -Eq -- "$1"; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "the screen never showed '$1'"
		sleep 0.1
	done
}
# The message line (the last one), without the list position.
message() { screen | tail -n 1 | sed 's/  *[0-9]*\/[0-9]* *$//'; }

t demo >/dev/null
# A located hamlet where the 25% budget moves a few members.
hamlet=
for h in $(sqlite3 "$db" "SELECT h.id FROM hamlets h JOIN members m ON m.hamlet_id = h.id
	GROUP BY h.id HAVING count(m.lat) >= 0.9 * count(*) AND count(DISTINCT m.group_id) >= 3 ORDER BY h.code"); do
	code=$(sqlite3 "$db" "SELECT code FROM hamlets WHERE id = $h")
	n=$(t regroup --hamlet "$code" --max-moves 25% --no-tradeoff --format csv | wc -l)
	[ "$n" -lt 6 ] || { hamlet=$h; break; }
done
[ -n "$hamlet" ] || fail "no located hamlet in the demo where 25% moves members"
for p in $(sqlite3 "$db" "SELECT id FROM plans WHERE status = 'draft'"); do t plan discard "$p" >/dev/null; done
hcode=$(sqlite3 "$db" "SELECT code FROM hamlets WHERE id = $hamlet")
hname=$(sqlite3 "$db" "SELECT name FROM hamlets WHERE id = $hamlet")
t export members > "$tmp/before.csv"

tmux -S "$sock" new-session -d -s ui -x 200 -y 50 \
	"TERM=xterm TKVV_TODAY=2026-11-26 '$tkvv' --db '$db' --config '$tmp/tkvv.ini' ui"
wait_for "Communes and hamlets"
# Find the hamlet on screen 1 and open the assistant on its row.
keys /
keys -l "$hname"
keys Enter
i=0
while ! screen | grep -q "^ 6 Regrouping assistant.*$hname"; do
	keys R
	sleep 0.5
	screen | grep -q "^ 6 Regrouping" && ! screen | grep -q "($hcode)" && { keys Escape; keys n; }
	i=$((i + 1))
	[ $i -lt 20 ] || fail "could not open the assistant on $hcode"
done
wait_for "\\($hcode\\).*Method"
wait_for "^\\*no limit"

# The 25% row of the trade-off table (the second), then the list.
keys Down Enter
wait_for "Budget 25%: [0-9]+ moves"
moves25=$(message | sed -n 's/.*Budget 25%: \([0-9]*\) moves.*/\1/p')
screen | grep -Eq "^\\*25% +$moves25 " || fail "the 25% row is not marked chosen with $moves25 moves"
keys Tab
keys x
wait_for "Move of [^ ]+ rejected"
rejected=$(message | sed -n 's/.*Move of \([^ ]*\) rejected.*/\1/p')
# The pin sits first in the list now; the first move is below it.
keys Down g
wait_for "Member code to pin \\(Enter: [^)]+\\)"
pinned=$(message | sed -n 's/.*Enter: \([^)]*\)).*/\1/p')
keys Enter
wait_for "Pin $pinned to the group"
keys Down Enter
wait_for "$pinned pinned to [A-Z] "
letter=$(message | sed -n "s/.*$pinned pinned to \\([A-Z]\\) .*/\\1/p")
nmoves=$(message | sed -n 's/.*; \([0-9]*\) moves now.*/\1/p')
index=$(($(printf '%d' "'$letter") - 65))
pgroup=$(sqlite3 "$db" "SELECT code FROM groups WHERE hamlet_id = $hamlet AND status = 'active' ORDER BY code LIMIT 1 OFFSET $index")
[ "$rejected" != "$pinned" ] || fail "the rejected and the pinned member are the same"

# Apply with a note, and write the rosters of the changed groups.
keys A
wait_for "Apply $nmoves moves and [0-9]+ group changes"
keys y
wait_for "meeting's decision"
keys -l "Họp ấp: đồng ý"
keys Enter
wait_for "Write the rosters"
keys y
wait_for "Rosters file"
keys -l "$tmp/rosters.xlsx"
keys Enter
wait_for "rosters \\([0-9]+ members\\) written to"
[ -s "$tmp/rosters.xlsx" ] || fail "no roster workbook"
id=$(sqlite3 "$db" "SELECT id FROM plans WHERE status = 'applied'")
[ -n "$id" ] || fail "no applied plan"
[ "$(sqlite3 "$db" "SELECT note FROM plans WHERE id = $id")" = "Họp ấp: đồng ý" ] || fail "the note was not kept"
[ "$(sqlite3 "$db" "SELECT max_moves FROM plans WHERE id = $id")" = "25%" ] || fail "not the 25% budget"

# Exactly the moves of the plan happened, and nothing else.
t export members > "$tmp/after.csv"
t plan show "$id" --format csv > "$tmp/moves.csv"
[ "$(($(wc -l < "$tmp/moves.csv") - 1))" -eq "$nmoves" ] || fail "the plan has not the $nmoves moves shown"
awk -F, 'NR == FNR { if (FNR > 1) to[$1] = $5; next }
	FILENAME == ARGV[2] { if (FNR > 1) was[$1] = $4; next }
	FNR > 1 { want = ($1 in to) ? to[$1] : was[$1]
		  if ($4 != want) { print $1 ": " $4 ", not " want; bad = 1 } }
	END { exit bad }' "$tmp/moves.csv" "$tmp/before.csv" "$tmp/after.csv" || fail "members moved otherwise than the plan"
was=$(grep "^$rejected," "$tmp/before.csv" | cut -d, -f4)
grep -q "^$rejected,.*,$hcode,$was," "$tmp/after.csv" || fail "the rejected member $rejected moved"
grep -q "^$pinned,.*,$hcode,$pgroup," "$tmp/after.csv" || fail "the pinned member $pinned is not in $pgroup"

# Undo from the plans screen: every member is back.
keys 7
wait_for "^ 7 Regrouping plans"
wait_for "applied"
keys u
wait_for "Undo plan $id"
keys y
wait_for "plan $id undone"
t export members > "$tmp/undone.csv"
cmp -s "$tmp/before.csv" "$tmp/undone.csv" || fail "undo did not bring every member back"
keys q
echo "ok: plan $id, $nmoves moves, $rejected kept, $pinned pinned to $pgroup"
