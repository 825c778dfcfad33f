#!/bin/sh
# language = en: the interface in English, from the help screen to the forms.
set -eu
ui_language=en
. "$top_srcdir/tests/tui/lib.sh"

ui_start
wait_for "1 Communes and hamlets"
expect "F1Help F3Find F4Edit F5Filter F7Add F8Delete F10Quit"
expect "Overdue %"
keys F1
wait_for "Find a household: press 3 (members)"
keys PgDn
wait_for "search = "
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
ui_quit
