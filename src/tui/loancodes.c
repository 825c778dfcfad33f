/* The loans' codes folded, with their payments' figures: one pass over the
 * payments' index when a search on screens 4 and 5 first needs it. */
#include "config.h"

#include <stdlib.h>

#include "loancodes.h"
#include "tkvv/db.h"

/* Whether temp.tui_loancode is there and up to date, and on which connection. */
static int valid;
static sqlite3 *built_db;

#define LOANCODE_ROWS "SELECT lower(l.code), l.id, coalesce(c.n, 0), c.lo, c.hi FROM loans l LEFT JOIN" \
	" (SELECT loan_id, count(*) AS n, min(id) AS lo, max(id) AS hi FROM payments GROUP BY loan_id) c" \
	" ON c.loan_id = l.id"

int loancodes_build(sqlite3 *db, struct tkvv_err *err)
{
	if (valid && built_db == db)
		return 0;
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS tui_loancode(fcode TEXT, loan_id INTEGER, n INTEGER,"
		    " minid INTEGER, maxid INTEGER, PRIMARY KEY (fcode, loan_id)) WITHOUT ROWID;"
		    " CREATE INDEX IF NOT EXISTS temp.tui_loancode_id ON tui_loancode(loan_id);"
		    " DELETE FROM temp.tui_loancode; INSERT INTO temp.tui_loancode " LOANCODE_ROWS, err) < 0)
		return -1;
	valid = 1;
	built_db = db;
	return 0;
}

int loancodes_written(sqlite3 *db, sqlite3_int64 loan_id, struct tkvv_err *err)
{
	if (!valid || built_db != db)
		return 0;
	if (!loan_id) {
		/* Any loan: all again when next needed. */
		valid = 0;
		return 0;
	}
	/* One loan's row again, from its range of the payments' index. */
	char *sql = xasprintf("DELETE FROM temp.tui_loancode WHERE loan_id = %lld; INSERT INTO temp.tui_loancode"
			      " SELECT lower(l.code), l.id, (SELECT count(*) FROM payments WHERE loan_id = l.id),"
			      " (SELECT min(id) FROM payments WHERE loan_id = l.id),"
			      " (SELECT max(id) FROM payments WHERE loan_id = l.id) FROM loans l WHERE l.id = %lld",
			      (long long)loan_id, (long long)loan_id);
	int rc = db_exec(db, sql, err);
	free(sql);
	if (rc < 0)
		valid = 0;
	return rc;
}
