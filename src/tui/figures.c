/* Group figures as of a date, by the definitions of quality-metrics.md. */
#include "config.h"

#include "figures.h"
#include "tkvv/db.h"

/* The group of each member at the date is read from the membership history;
 * a member with no history at all counts in its current group. Interest due
 * for a month is on the principal outstanding on the first of that month,
 * rounded half away from zero (all values are non-negative). */
static const char figures_sql[] =
	"WITH p(d, y0, ym) AS (SELECT ?1, substr(?1, 1, 4) || '-01', substr(?1, 1, 7)),"
	" months(m) AS (SELECT y0 FROM p UNION ALL"
	"  SELECT strftime('%Y-%m', m || '-01', '+1 month') FROM months, p WHERE m < ym),"
	" mg(member_id, group_id) AS (SELECT m.id, coalesce("
	"   (SELECT ms.group_id FROM memberships ms WHERE ms.member_id = m.id AND ms.from_on <= p.d"
	"     AND (ms.to_on IS NULL OR ms.to_on > p.d)),"
	"   CASE WHEN NOT EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = m.id)"
	"   THEN m.group_id END) FROM members m, p),"
	" gl AS (SELECT l.*, mg.group_id AS gid FROM loans l JOIN mg ON mg.member_id = l.member_id, p"
	"   WHERE l.disbursed_on <= p.d AND mg.group_id IS NOT NULL AND (?2 = 0 OR mg.group_id = ?2)),"
	" lo AS (SELECT gl.id, gl.gid, max(0, gl.amount - coalesce((SELECT sum(x.amount) FROM payments x"
	"   WHERE x.loan_id = gl.id AND x.kind = 'principal' AND x.paid_on <= p.d), 0)) AS outst,"
	"   coalesce(gl.extended_to, gl.due_on) < p.d AS late,"
	"   coalesce((SELECT sum(x.amount) FROM payments x WHERE x.loan_id = gl.id AND x.kind = 'interest'"
	"   AND x.period BETWEEN p.y0 AND p.ym AND x.paid_on <= p.d), 0) AS coll FROM gl, p),"
	" due AS (SELECT gl.id, sum((max(0, gl.amount - coalesce((SELECT sum(x.amount) FROM payments x"
	"   WHERE x.loan_id = gl.id AND x.kind = 'principal' AND x.paid_on < months.m || '-01'), 0))"
	"   * gl.rate_ppm + 500000) / 1000000) AS due FROM gl JOIN months ON months.m > substr(gl.disbursed_on, 1, 7)"
	"   GROUP BY gl.id),"
	" lf AS (SELECT lo.gid, sum(outst) AS o, sum(CASE WHEN late AND outst > 0 THEN outst ELSE 0 END) AS od,"
	"   sum(coalesce(due.due, 0)) AS du, sum(coll) AS co FROM lo LEFT JOIN due ON due.id = lo.id GROUP BY lo.gid),"
	" mc AS (SELECT group_id, count(*) AS n FROM mg GROUP BY group_id)"
	" INSERT INTO temp.tui_fig SELECT g.id, coalesce(mc.n, 0), coalesce(lf.o, 0), coalesce(lf.od, 0),"
	"  coalesce(lf.du, 0), coalesce(lf.co, 0) FROM groups g LEFT JOIN mc ON mc.group_id = g.id"
	"  LEFT JOIN lf ON lf.gid = g.id WHERE ?2 = 0 OR g.id = ?2";

int figures_refresh(sqlite3 *db, const char *as_of, sqlite3_int64 group_id,
		    struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS tui_fig(group_id INTEGER PRIMARY KEY,"
		    " members INTEGER, outstanding INTEGER, overdue INTEGER, due_ytd INTEGER,"
		    " collected_ytd INTEGER)", err) < 0)
		return -1;
	if (db_prepare(db, "DELETE FROM temp.tui_fig WHERE ?1 = 0 OR group_id = ?1", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, group_id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "figures");
	if (db_prepare(db, figures_sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, as_of, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, group_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "figures");
	return 0;
}
