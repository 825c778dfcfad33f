#!/bin/sh
# The regrouping assistant as the officer leaves it: with pins or rejected
# moves, leaving (a screen key, Esc, q) asks before dropping them and n
# stays; after a plan applied on screen 6 is undone on screen 7, screen 6
# shows the hamlet's groups as they are again, not the applied plan.
set -eu
ui_language=en
. "$top_srcdir/tests/tui/lib.sh"

# The figure "Moves N" of the plan shown.
moves_shown() {
	screen | sed -n 's/.*Moves \([0-9]*\) · merges refused.*/\1/p' | head -n 1
}

# A located hamlet where the plan without a limit moves members.
hamlet=
for h in $(sql "SELECT h.id FROM hamlets h JOIN members m ON m.hamlet_id = h.id GROUP BY h.id
	HAVING count(m.lat) >= 0.9 * count(*) AND count(DISTINCT m.group_id) >= 3 ORDER BY h.code"); do
	code=$(sql "SELECT code FROM hamlets WHERE id = $h")
	[ "$(t regroup --hamlet "$code" --no-tradeoff --format csv | wc -l)" -lt 6 ] || { hamlet=$h; break; }
done
[ -n "$hamlet" ] || fail "no located hamlet in the demo with moves"
hcode=$(sql "SELECT code FROM hamlets WHERE id = $hamlet")

# Plan times in the officer's time zone (the tmux server takes this TZ).
export TZ=Asia/Ho_Chi_Minh
open_assistant "$hcode"
wait_re "Moves [0-9]+ · merges refused 0 · pins 0"
moves0=$(moves_shown)

# A rejected move, then each way out asks; n stays with the choice kept.
keys Tab x
wait_re "Move of [^ ]+ rejected"
wait_re "pins 1"
for k in 1 Escape q 7; do
	keys "$k"
	wait_for "Discard 0 pins and 1 rejections? (y/n)"
	keys n
	wait_for "Choices kept"
	expect "6 Regrouping assistant"
	expect "pins 1"
done
# A pin too; y drops both and leaves.
keys Down g
wait_re "Member code to pin \\(Enter: [^)]+\\)"
keys Enter
wait_for "to the group"
# The group the plan moves the member to (where the pick list starts).
keys Enter
wait_re "pinned to [A-Z] "
wait_re "pins 2"
keys 7
wait_for "Discard 1 pins and 1 rejections? (y/n)"
keys y
wait_for "7 Regrouping plans"
# Back on 6: planned again without them.
keys 6
wait_for "6 Regrouping assistant"
wait_re "Moves $moves0 · merges refused 0 · pins 0"
# Without choices, leaving asks nothing.
keys 1
wait_for "1 Communes and hamlets"
keys 6
wait_re "Moves $moves0 · merges refused 0 · pins 0"

# Apply, then undo on screen 7: screen 6 plans the groups as they are again.
keys A
wait_re "Apply $moves0 moves and [0-9]+ group changes"
keys y
wait_for "meeting's decision"
type_text "Họp ấp"
keys Enter
# The rosters over a file that exists: asked first, n writes nothing.
wait_for "Write the rosters"
printf 'keep me\n' > "$tmp/old.xlsx"
keys y
wait_for "Rosters file"
type_text "$tmp/old.xlsx"
keys Enter
wait_for "old.xlsx already exists. Replace it? (y/n)"
keys n
wait_for "Nothing written"
[ "$(cat "$tmp/old.xlsx")" = "keep me" ] || fail "the rosters replaced an existing file"
wait_re "Moves [0-9]+ · merges refused 0 · pins 0"
id=$(sql "SELECT id FROM plans WHERE status = 'applied'")
[ -n "$id" ] || fail "no applied plan"
wait_re "Moves [0-9]+ · merges refused 0 · pins 0"
after=$(moves_shown)
[ "$after" -ne "$moves0" ] || fail "after the apply the assistant still proposes $moves0 moves: the test cannot tell"
keys 7
wait_for "7 Regrouping plans"
wait_for "applied"
# Made at the stored UTC time plus 7 hours.
made=$(sql "SELECT strftime('%d/%m/%Y %H:%M', created_at, '+7 hours') FROM plans WHERE id = $id")
screen | grep -Eq "^ *$id +$made " || fail "screen 7 does not show plan $id made at $made (local time)"
keys u
wait_for "Undo plan $id"
keys y
wait_for "plan $id undone"
keys 6
wait_for "6 Regrouping assistant"
wait_for "changed since: planned again"
wait_re "Moves $moves0 · merges refused 0 · pins 0"
[ "$(sql "SELECT status FROM plans WHERE id = $id")" = undone ] || fail "plan $id not undone"
ui_quit
