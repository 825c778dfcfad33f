/* The loans' codes folded, in order, with each loan's payments (count,
 * smallest and largest id): a code's start is a range of it, for the loans
 * and payments screens' searches. No terminal in here (the Check suite). */
#ifndef TKVV_LOANCODES_H
#define TKVV_LOANCODES_H

#include <sqlite3.h>

#include "tkvv/util.h"

/* The loans whose folded code starts with :q. */
#define LOANCODE_RANGE "fcode >= :q AND fcode < :q || char(1114111)"
#define LOANCODE_IDS "SELECT loan_id FROM temp.tui_loancode WHERE " LOANCODE_RANGE
/* listmodel_set_parent's SQL for the payments: the matching loans with their
 * counts, the newest payment at or below :i, the oldest at or above. A loan
 * wholly on the side of :i gives its end; one across it, its index. */
#define LOANCODE_WEIGHTS "SELECT loan_id, n FROM temp.tui_loancode WHERE " LOANCODE_RANGE " AND n > 0"
#define LOANCODE_NEXT "SELECT max(CASE WHEN c.maxid <= :i THEN c.maxid ELSE (SELECT max(p.id) FROM payments p" \
	" WHERE p.loan_id = c.loan_id AND p.id <= :i) END) FROM temp.tui_loancode c WHERE " \
	LOANCODE_RANGE " AND c.minid <= :i"
#define LOANCODE_PREV "SELECT min(CASE WHEN c.minid >= :i THEN c.minid ELSE (SELECT min(p.id) FROM payments p" \
	" WHERE p.loan_id = c.loan_id AND p.id >= :i) END) FROM temp.tui_loancode c WHERE " \
	LOANCODE_RANGE " AND c.maxid >= :i"

/* Build temp.tui_loancode of DB unless it is up to date. Returns 0, or -1
 * with ERR. */
int loancodes_build(sqlite3 *db, struct tkvv_err *err);
/* After a write touching LOAN_ID: its row again (0: any loan, all again
 * when next needed). */
int loancodes_written(sqlite3 *db, sqlite3_int64 loan_id, struct tkvv_err *err);

#endif
