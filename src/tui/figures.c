/* Group figures as of a date: computed by quality.h, stored for SQL. */
#include "config.h"

#include "figures.h"
#include "tkvv/db.h"
#include "tkvv/quality.h"

/* Write the figures of REPORT's groups into temp.tui_fig. */
static int figures_store(sqlite3 *db, const struct quality_report *report, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "INSERT INTO temp.tui_fig SELECT id, ?2, ?3, ?4, ?5, ?6 FROM groups WHERE code = ?1",
		       &st, err) < 0)
		return -1;
	int rc = SQLITE_DONE;
	for (size_t i = 0; i < report->ngroups && rc == SQLITE_DONE; i++) {
		const struct quality_unit *u = &report->groups[i].u;
		sqlite3_bind_text(st, 1, u->code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, u->fig.members);
		sqlite3_bind_int64(st, 3, u->fig.outstanding);
		sqlite3_bind_int64(st, 4, u->fig.overdue);
		sqlite3_bind_int64(st, 5, u->fig.interest_due_ytd);
		sqlite3_bind_int64(st, 6, u->fig.interest_collected_ytd);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "figures");
}

int figures_loans(sqlite3 *db, const char *as_of, sqlite3_int64 loan_id, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS tui_loan(id INTEGER PRIMARY KEY,"
		    " member_id INTEGER, outstanding INTEGER, state TEXT);"
		    " CREATE INDEX IF NOT EXISTS temp.tui_loan_member ON tui_loan(member_id, state)", err) < 0)
		return -1;
	if (db_prepare(db, "DELETE FROM temp.tui_loan WHERE ?1 = 0 OR id = ?1", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, loan_id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "figures");
	/* One pass over the payments for all loans, an index range for one. */
	if (db_prepare(db, "INSERT INTO temp.tui_loan SELECT l.id, l.member_id, o.outst,"
		       " CASE WHEN o.outst = 0 THEN 'closed' WHEN coalesce(l.extended_to, l.due_on) < ?1"
		       " THEN 'overdue' ELSE 'open' END FROM loans l JOIN (SELECT l2.id AS lid,"
		       " max(0, l2.amount - coalesce(p.paid, 0)) AS outst FROM loans l2 LEFT JOIN"
		       " (SELECT loan_id, sum(amount) AS paid FROM payments WHERE kind = 'principal'"
		       " AND paid_on <= ?1 AND (?2 = 0 OR loan_id = ?2) GROUP BY loan_id) p ON p.loan_id = l2.id"
		       " WHERE ?2 = 0 OR l2.id = ?2) o ON o.lid = l.id", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, as_of, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, loan_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "figures");
}

int figures_groups(sqlite3 *db, const struct config *cfg, const char *as_of,
		   struct tkvv_err *err)
{
	struct quality_data *data = NULL;
	struct quality_report report;
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS tui_fig(group_id INTEGER PRIMARY KEY,"
		    " members INTEGER, outstanding INTEGER, overdue INTEGER, due_ytd INTEGER,"
		    " collected_ytd INTEGER); DELETE FROM temp.tui_fig", err) < 0)
		return -1;
	if (quality_load(db, as_of, &data, err) < 0)
		return -1;
	int rc = quality_compute(data, as_of, cfg, &report, err);
	if (rc == 0) {
		rc = figures_store(db, &report, err);
		quality_report_free(&report);
	}
	quality_data_free(data);
	return rc;
}
