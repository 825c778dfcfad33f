#!/bin/sh
# language = en: the interface in English, from the help screen to the
# forms; a [keys] binding of tkvv.ini drives the keys and the help screen.
set -eu
ui_language=en
. "$top_srcdir/tests/tui/lib.sh"
printf '[keys]\nhelp = F1 ? h\nquit = F10 Q\n' >>"$ini"

ui_start
wait_for "1 Communes and hamlets"
expect "F1Help F3Find F4Edit F5Filter F7Add F8Delete F10Quit"
expect "Overdue %"
keys h
wait_for "Find a household from any screen: Ctrl-F"
keys PgDn
wait_for "search = "
expect "F1 ? h"
keys Escape
wait_for "1 Communes and hamlets"
keys 2
wait_for "2 Savings-and-loan groups"
keys 4
wait_for "4 Loans"
expect "Outstanding"
keys F7
wait_for "Add: Loan"
expect "Disbursed"
keys Escape
wait_for "4 Loans"
keys Q
wait_for "tkvv-exited-0"
