#!/bin/sh
# The regrouping assistant's leader review (l): a leader the reports flag
# for review is proposed for replacement, with the figures, and l again
# stops proposing it.
set -eu
ui_language=en
. "$top_srcdir/tests/tui/lib.sh"
command -v python3 >/dev/null || { echo "python3 not installed" >&2; exit 77; }

# The hamlet of the first leader up for review.
hcode=$(t report kpi --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["leaders_to_review"][0]["hamlet_code"])')
[ -n "$hcode" ] || fail "no leader to review in the demo"

open_assistant "$hcode" 280
wait_re "Moves [0-9]+ · merges refused" 30
keys l
wait_re "Leaders to review: [1-9][0-9]* new leaders proposed \\(l: stop\\)" 30
keys Tab End
wait_re "L New leader of .+: [^ ]+ \\(was [^ ]+\\), leader to review: graded Trung bình or Yếu [0-9]+ months running" 30
keys l
wait_for "Leaders to review: not proposed (l: propose)"
screen | grep -q "leader to review: graded" && fail "still proposed after l"
echo "review_leaders.sh (tui): all passed"
