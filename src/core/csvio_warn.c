/* After an import: what it let in that `tkvv check` would report later.
 * The bank's data is not refused for it, but the officer hears of it. */
#include "config.h"

#include "tkvv/csvio.h"
#include "tkvv/textsafe.h"

long csvio_oversized_groups(sqlite3 *db, int max, struct strbuf *out)
{
	sqlite3_stmt *st;
	long n = 0;
	if (sqlite3_prepare_v2(db, "SELECT g.code, count(*) FROM groups g JOIN members m ON m.group_id = g.id"
			       " WHERE g.status = 'active' GROUP BY g.id HAVING count(*) > ?1 ORDER BY g.code",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int(st, 1, max);
	while (sqlite3_step(st) == SQLITE_ROW) {
		/* The first twenty by name; the count says how many in all. */
		if (n < 20)
			sb_addf(out, "%s%s (%lld)", n ? ", " : "", TEXT_Q((const char *)sqlite3_column_text(st, 0)),
				(long long)sqlite3_column_int64(st, 1));
		else if (n == 20)
			sb_adds(out, ", …");
		n++;
	}
	sqlite3_finalize(st);
	return n;
}
