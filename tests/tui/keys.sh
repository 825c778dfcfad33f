#!/bin/sh
# Home and End as terminals really send them: the spelling of xterm, of
# VT220 and rxvt, and of tmux, whatever TERM says. End must reach the last
# row (in a list) and stay in the help screen, never read as Esc and a digit.
set -eu
. "$top_srcdir/tests/tui/lib.sh"
total=$(sqlite3 "$db" "SELECT count(*) FROM loans")

ui_start
wait_for "1 Xã và ấp"
keys 4
wait_for "4 Món vay"
wait_for "1/$total"
for end in '\033[4~' '\033[F' '\033OF'; do
	tmux -L "$sock" send-keys -l "$(printf "$end")"
	wait_for "$total/$total"
	tmux -L "$sock" send-keys -l "$(printf '\033[1~')"
	wait_for "1/$total"
done
keys F1
wait_for "Cách làm"
tmux -L "$sock" send-keys -l "$(printf '\033[4~')"
sleep 0.3
expect "Cách làm"
keys Escape
wait_for "1/$total"
keys F10
wait_for "tkvv-exited-0"
echo "keys.sh: all passed"
