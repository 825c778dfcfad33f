/* The loans' codes folded, with their payments' figures: one pass over the
 * payments' index when a search on screens 4 and 5 first needs it. */
#include "config.h"

#include "loancodes.h"
#include "tkvv/db.h"

int loancodes_build(sqlite3 *db, unsigned long writes, struct tkvv_err *err)
{
	static unsigned long built = (unsigned long)-1;
	static sqlite3 *built_db;
	if (built == writes && built_db == db)
		return 0;
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS tui_loancode(fcode TEXT, loan_id INTEGER, n INTEGER,"
		    " minid INTEGER, maxid INTEGER, PRIMARY KEY (fcode, loan_id)) WITHOUT ROWID;"
		    " DELETE FROM temp.tui_loancode; INSERT INTO temp.tui_loancode"
		    " SELECT lower(l.code), l.id, coalesce(c.n, 0), c.lo, c.hi FROM loans l LEFT JOIN (SELECT loan_id,"
		    " count(*) AS n, min(id) AS lo, max(id) AS hi FROM payments GROUP BY loan_id) c ON c.loan_id = l.id",
		    err) < 0)
		return -1;
	built = writes;
	built_db = db;
	return 0;
}
