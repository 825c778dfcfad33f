/* Collection sheets: a group's month loaded from the database with what
 * is due (the report's own interest months, quality_loan_months), checked
 * like the payment form, and saved in one transaction. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/quality.h"
#include "tkvv/sheet.h"

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return xstrdup(s ? (const char *)s : "");
}

/* The loans of the sheet: members of the group, disbursed before the
 * month, principal outstanding at its first day. ?1 group id, ?2 YYYY-MM-01. */
static const char *const SQL_ROWS =
	"SELECT l.id, m.code, m.full_name, l.code,"
	" l.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.loan_id = l.id"
	"  AND p.kind = 'principal' AND p.paid_on < ?2), 0) AS outstanding,"
	" substr(coalesce(l.extended_to, l.due_on), 1, 7) <= substr(?2, 1, 7) AS falls_due,"
	" coalesce((SELECT p.amount FROM payments p WHERE p.loan_id = l.id AND p.kind = 'savings'"
	"  AND p.amount > 0 AND p.paid_on < ?2 ORDER BY p.paid_on DESC, p.id DESC LIMIT 1), 0),"
	" coalesce((SELECT sum(p.amount) FROM payments p WHERE p.loan_id = l.id AND p.kind = 'principal'"
	"  AND substr(p.paid_on, 1, 7) = substr(?2, 1, 7)), 0),"
	" coalesce((SELECT sum(p.amount) FROM payments p WHERE p.loan_id = l.id AND p.kind = 'savings'"
	"  AND substr(p.paid_on, 1, 7) = substr(?2, 1, 7)), 0)"
	" FROM members m JOIN loans l ON l.member_id = m.id"
	" WHERE m.group_id = ?1 AND l.disbursed_on < ?2 AND outstanding > 0"
	" ORDER BY m.sort_key, m.code, l.code";

static const char *const SQL_GROUP =
	"SELECT g.id, g.code, g.name, h.name,"
	" coalesce((SELECT full_name FROM members WHERE code = g.leader_code), ''),"
	" coalesce(c.transaction_day, 25)"
	" FROM groups g JOIN hamlets h ON h.id = g.hamlet_id JOIN communes c ON c.id = h.commune_id"
	" WHERE g.code = ?1 AND g.status = 'active'";

/* Fill the interest of row R for month MONTH from its interest months. */
static int fill_interest(sqlite3 *db, struct sheet_row *r, const char *month, struct tkvv_err *err)
{
	struct quality_month *m = NULL;
	size_t n = 0;
	if (quality_loan_months(db, r->loan_id, month, 0, &m, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int64_t left = m[i].due - m[i].collected;
		if (strcmp(m[i].month, month) == 0) {
			r->month_paid = m[i].due > 0 && left <= 0;
			r->interest_due = left > 0 ? left : 0;
		} else if (left > 0) {
			r->arrears += left;
		}
	}
	free(m);
	return 0;
}

int sheet_load(sqlite3 *db, const char *group, const char *month, struct sheet *out,
	       struct tkvv_err *err)
{
	char iso[8], first[11];
	sqlite3_stmt *st = NULL;
	memset(out, 0, sizeof *out);
	if (!month || parse_month(month, iso))
		return err_set(err, TKVV_EUSAGE, _("--month: '%s' is not a month (YYYY-MM)"), month ? month : "");
	snprintf(out->month, sizeof out->month, "%s", iso);
	snprintf(first, sizeof first, "%s-01", iso);
	if (db_prepare(db, SQL_GROUP, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, group, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, err, "groups");
		return err_set(err, TKVV_EFAIL, _("no active group %s"), group);
	}
	sqlite3_int64 gid = sqlite3_column_int64(st, 0);
	out->group_code = col_dup(st, 1);
	out->group_name = col_dup(st, 2);
	out->hamlet_name = col_dup(st, 3);
	out->leader_name = col_dup(st, 4);
	snprintf(out->paid_on, sizeof out->paid_on, "%s-%02d", iso, (int)sqlite3_column_int(st, 5));
	sqlite3_finalize(st);
	if (db_prepare(db, SQL_ROWS, &st, err) < 0) {
		sheet_free(out);
		return -1;
	}
	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_text(st, 2, first, -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap)
			out->rows = xreallocarray(out->rows, cap = cap ? 2 * cap : 16, sizeof *out->rows);
		struct sheet_row *r = &out->rows[out->n++];
		memset(r, 0, sizeof *r);
		r->loan_id = sqlite3_column_int64(st, 0);
		r->member_code = col_dup(st, 1);
		r->member_name = col_dup(st, 2);
		r->loan_code = col_dup(st, 3);
		r->outstanding = sqlite3_column_int64(st, 4);
		r->principal_paid = sqlite3_column_int64(st, 7);
		r->savings_paid = sqlite3_column_int64(st, 8);
		r->principal_due = sqlite3_column_int(st, 5) && r->outstanding > r->principal_paid ?
			r->outstanding - r->principal_paid : 0;
		r->savings_due = sqlite3_column_int64(st, 6);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sheet_free(out);
		return db_fail(db, err, "loans");
	}
	for (size_t i = 0; i < out->n; i++) {
		struct sheet_row *r = &out->rows[i];
		if (fill_interest(db, r, out->month, err) < 0) {
			sheet_free(out);
			return -1;
		}
		r->interest = r->interest_due;
		r->principal = r->principal_due;
		/* A deposit already made this month is not prefilled again. */
		r->savings = r->savings_paid > 0 ? 0 : r->savings_due;
	}
	return 0;
}

void sheet_free(struct sheet *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rows[i].member_code);
		free(s->rows[i].member_name);
		free(s->rows[i].loan_code);
	}
	free(s->rows);
	free(s->group_code);
	free(s->group_name);
	free(s->hamlet_name);
	free(s->leader_name);
	memset(s, 0, sizeof *s);
}

void sheet_totals(const struct sheet *s, struct sheet_totals *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < s->n; i++) {
		const struct sheet_row *r = &s->rows[i];
		t->arrears += r->arrears;
		t->interest_due += r->interest_due;
		t->principal_due += r->principal_due;
		t->savings_due += r->savings_due;
		t->interest += r->interest;
		t->principal += r->principal;
		t->savings += r->savings;
	}
}

int sheet_default_month(sqlite3 *db, const char *group, const char *today, char month[8],
			struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int day = 25, y, m, d;
	if (db_prepare(db, "SELECT coalesce(c.transaction_day, 25) FROM groups g"
		       " JOIN hamlets h ON h.id = g.hamlet_id JOIN communes c ON c.id = h.commune_id"
		       " WHERE g.code = ?1", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, group, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		day = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (sscanf(today, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return err_set(err, TKVV_EUSAGE, "%s", _("not a date (YYYY-MM-DD)"));
	if (d < day && --m == 0) {
		m = 12;
		y--;
	}
	snprintf(month, 8, "%04d-%02d", y, m);
	return 0;
}

int sheet_check_row(const struct sheet *s, size_t i, struct tkvv_err *err)
{
	const struct sheet_row *r = &s->rows[i];
	if (r->interest < 0 || r->principal < 0 || r->savings < 0)
		return err_set(err, TKVV_EFAIL, _("%s %s: an amount is negative"), r->member_code, r->loan_code);
	if (r->interest > 0 && r->month_paid)
		return err_set(err, TKVV_EFAIL, _("%s %s: month %s was already paid in full"), r->member_code,
			       r->loan_code, s->month);
	if (r->interest > r->interest_due)
		return err_set(err, TKVV_EFAIL, _("%s %s: interest %lld is more than the %lld due for month %s"),
			       r->member_code, r->loan_code, (long long)r->interest,
			       (long long)r->interest_due, s->month);
	if (r->principal > r->outstanding - r->principal_paid)
		return err_set(err, TKVV_EFAIL, _("%s %s: principal %lld is more than the %lld outstanding"),
			       r->member_code, r->loan_code, (long long)r->principal,
			       (long long)(r->outstanding - r->principal_paid));
	return 0;
}

int sheet_apply(sqlite3 *db, const struct sheet *s, size_t *count, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	for (size_t i = 0; i < s->n; i++)
		if (sheet_check_row(s, i, err) < 0)
			return -1;
	if (db_prepare(db, "INSERT INTO payments(loan_id, paid_on, kind, amount, period)"
		       " VALUES (?1, ?2, ?3, ?4, ?5)", &st, err) < 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < s->n && rc == 0; i++) {
		const struct sheet_row *r = &s->rows[i];
		const char *kinds[3] = {"interest", "principal", "savings"};
		int64_t amounts[3] = {r->interest, r->principal, r->savings};
		for (int k = 0; k < 3 && rc == 0; k++) {
			if (amounts[k] == 0)
				continue;
			sqlite3_bind_int64(st, 1, r->loan_id);
			sqlite3_bind_text(st, 2, s->paid_on, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, kinds[k], -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 4, amounts[k]);
			if (k == 0)
				sqlite3_bind_text(st, 5, s->month, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, 5);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = err_set(err, TKVV_EFAIL, _("%s %s: the %s payment of %s cannot be written: %s"),
					     r->member_code, r->loan_code, kinds[k], s->paid_on, sqlite3_errmsg(db));
			else
				(*count)++;
			sqlite3_reset(st);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

int sheet_save(sqlite3 *db, const struct sheet *s, size_t *count, struct tkvv_err *err)
{
	char detail[128];
	*count = 0;
	if (db_begin(db, err) < 0)
		return -1;
	int rc = sheet_apply(db, s, count, err);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "month %s, payments %zu", s->month, *count);
		rc = db_audit(db, "sheet", "group", s->group_code, detail, err);
	}
	if (rc == 0 && db_commit(db, err) == 0)
		return 0;
	db_rollback(db);
	*count = 0;
	return -1;
}

int sheet_figures(sqlite3 *db, const struct sheet *s, double *rate, double *overdue,
		  struct tkvv_err *err)
{
	int64_t due = 0, collected = 0;
	for (size_t i = 0; i < s->n; i++) {
		struct quality_month *m = NULL;
		size_t n = 0;
		if (quality_loan_months(db, s->rows[i].loan_id, s->month, 0, &m, &n, err) < 0)
			return -1;
		if (n > 0 && strcmp(m[n - 1].month, s->month) == 0) {
			due += m[n - 1].due;
			collected += m[n - 1].collected;
		}
		free(m);
	}
	*rate = due > 0 ? (double)collected / (double)due : -1;
	sqlite3_stmt *st;
	if (db_prepare(db,
		       "WITH o AS (SELECT coalesce(l.extended_to, l.due_on) AS due_date,"
		       " l.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.loan_id = l.id"
		       "  AND p.kind = 'principal' AND p.paid_on <= ?2), 0) AS bal"
		       " FROM loans l JOIN members m ON m.id = l.member_id JOIN groups g ON g.id = m.group_id"
		       " WHERE g.code = ?1 AND l.disbursed_on <= ?2)"
		       " SELECT coalesce(sum(CASE WHEN bal > 0 THEN bal END), 0),"
		       " coalesce(sum(CASE WHEN bal > 0 AND due_date < ?2 THEN bal END), 0) FROM o",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, s->group_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->paid_on, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		double all = (double)sqlite3_column_int64(st, 0);
		*overdue = all > 0 ? (double)sqlite3_column_int64(st, 1) / all : 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err, "loans");
}

int sheet_load_set(sqlite3 *db, const char *kind, const char *code, const char *month,
		   struct sheet_set *out, struct tkvv_err *err)
{
	const char *sql;
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	if (strcmp(kind, "group") == 0)
		sql = "SELECT g.code FROM groups g JOIN hamlets h ON h.id = g.hamlet_id"
		      " WHERE g.code = ?1 AND g.status = 'active'";
	else if (strcmp(kind, "hamlet") == 0)
		sql = "SELECT g.code FROM groups g JOIN hamlets h ON h.id = g.hamlet_id"
		      " WHERE h.code = ?1 AND g.status = 'active' ORDER BY g.code";
	else
		sql = "SELECT g.code FROM groups g JOIN hamlets h ON h.id = g.hamlet_id"
		      " JOIN communes c ON c.id = h.commune_id"
		      " WHERE c.code = ?1 AND g.status = 'active' ORDER BY h.code, g.code";
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	char **codes = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap)
			codes = xreallocarray(codes, cap = cap ? 2 * cap : 8, sizeof *codes);
		codes[n++] = col_dup(st, 0);
	}
	sqlite3_finalize(st);
	int ret = 0;
	if (rc != SQLITE_DONE)
		ret = db_fail(db, err, "groups");
	else if (n == 0)
		ret = err_set(err, TKVV_EFAIL, _("no active group in %s %s"), kind, code);
	if (ret == 0)
		out->sheets = xcalloc(n, sizeof *out->sheets);
	for (size_t i = 0; i < n && ret == 0; i++) {
		if (sheet_load(db, codes[i], month, &out->sheets[i], err) < 0)
			ret = -1;
		else
			out->n++;
	}
	for (size_t i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	if (ret < 0)
		sheet_set_free(out);
	return ret;
}

void sheet_set_free(struct sheet_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		sheet_free(&set->sheets[i]);
	free(set->sheets);
	memset(set, 0, sizeof *set);
}
