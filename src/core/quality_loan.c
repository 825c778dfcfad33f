/* One loan's interest month by month, for the payment form and the import:
 * the due of each month by the report's own function (quality_loan_due),
 * and what the interest payments for it brought. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quality_int.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"

/* A month 'YYYY-MM' as year * 12 + month - 1, or -1. */
static int32_t month_index(const char *s)
{
	int y, m;
	char tail;
	if (!s || strlen(s) != 7 || sscanf(s, "%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

/* Load the loan's terms from ST (QUALITY_SQL_LOAN_TERMS, bound) into L;
 * 1 found, 0 not, -1 error. */
static int load_loan(sqlite3_stmt *st, struct quality_loanrow *l, struct tkvv_err *err)
{
	int rc = sqlite3_step(st), found = 0;
	if (rc == SQLITE_ROW) {
		memset(l, 0, sizeof *l);
		l->amount = sqlite3_column_int64(st, 0);
		l->rate_ppm = sqlite3_column_int64(st, 2);
		l->tday = quality_tday(sqlite3_column_int64(st, 3));
		found = quality_parse_date((const char *)sqlite3_column_text(st, 1), &l->disbursed) == 0;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		found = db_fail(sqlite3_db_handle(st), err, "loans");
	sqlite3_reset(st);
	return found;
}

/* An interest payment: its month (as an index into the months) and day. */
struct interest_row {
	int32_t k;
	char paid_on[11];
	int64_t amount;
};

/* The payments of the loan from ST (QUALITY_SQL_LOAN_PAYMENTS, bound, by
 * day) but EXCEPT: principal ones into *PRINCIPAL (*NP) for the due,
 * interest ones for months FROM..FROM+N-1 into *INTEREST (*NI). */
static int load_payments(sqlite3_stmt *st, sqlite3_int64 except, int32_t from, size_t n,
			 struct quality_payment **principal, uint32_t *np,
			 struct interest_row **interest, size_t *ni, struct tkvv_err *err)
{
	int rc;
	size_t capp = 0, capi = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 2);
		const char *paid_on = (const char *)sqlite3_column_text(st, 1);
		int64_t amount = sqlite3_column_int64(st, 3);
		if (sqlite3_column_int64(st, 0) == except || !kind)
			continue;
		if (strcmp(kind, "principal") == 0) {
			if (*np == capp)
				*principal = xreallocarray(*principal, capp = capp ? 2 * capp : 16, sizeof **principal);
			struct quality_payment *p = &(*principal)[(*np)++];
			memset(p, 0, sizeof *p);
			p->kind = QP_PRINCIPAL;
			p->amount = amount;
			if (quality_parse_date(paid_on, &p->day) < 0)
				p->day = INT32_MAX;
		} else if (strcmp(kind, "interest") == 0) {
			int32_t k = month_index((const char *)sqlite3_column_text(st, 4)) - from;
			if (k < 0 || (size_t)k >= n)
				continue;
			if (*ni == capi)
				*interest = xreallocarray(*interest, capi = capi ? 2 * capi : 16, sizeof **interest);
			struct interest_row *i = &(*interest)[(*ni)++];
			i->k = k;
			i->amount = amount;
			snprintf(i->paid_on, sizeof i->paid_on, "%s", paid_on ? paid_on : "");
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(sqlite3_db_handle(st), err, "payments");
}

/* Fill the N months from FROM of loan L: the due from its PRINCIPAL
 * payments, then the interest ones in the order they were paid, noting
 * the day each month was paid in full. */
static void fill_months(struct quality_month *m, size_t n, int32_t from, int32_t as_of,
			const struct quality_loanrow *l, const struct quality_payment *principal,
			const struct interest_row *interest, size_t ni)
{
	int64_t *due = xcalloc(n, sizeof *due);
	quality_loan_due(l, principal, from, from + (int32_t)n - 1, as_of, due);
	for (size_t i = 0; i < n; i++) {
		int32_t k = from + (int32_t)i;
		quality_format_date(date_days(k / 12, k % 12 + 1, 1), m[i].month);
		m[i].month[7] = '\0';
		m[i].due = due[i];
	}
	for (size_t i = 0; i < ni; i++) {
		struct quality_month *mo = &m[interest[i].k];
		mo->collected += interest[i].amount;
		if (!mo->full_on[0] && mo->due > 0 && mo->collected >= mo->due)
			memcpy(mo->full_on, interest[i].paid_on, sizeof mo->full_on);
	}
	free(due);
}

/* The months up to LAST of the loan as of day AS_OF (INT32_MAX: all due). */
static int loan_months_st(sqlite3_stmt *terms, sqlite3_stmt *payments, sqlite3_int64 loan_id,
			  const char *last, int32_t as_of, sqlite3_int64 except,
			  struct quality_month **out, size_t *n, struct tkvv_err *err)
{
	struct quality_loanrow l;
	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(terms, 1, loan_id);
	int found = load_loan(terms, &l, err);
	if (found <= 0)
		return found < 0 ? -1 : err_set(err, TKVV_EFAIL, "%s", _("no such loan"));
	int y, mo, d;
	date_civil(l.disbursed, &y, &mo, &d);
	int32_t from = y * 12 + mo, to = month_index(last);
	if (to < 0)
		return err_set(err, TKVV_EUSAGE, _("not a month (MM/YYYY): %s"), last ? last : "");
	if (to < from)
		return 0;
	size_t count = (size_t)(to - from + 1), ni = 0;
	struct quality_payment *principal = NULL;
	struct interest_row *interest = NULL;
	uint32_t np = 0;
	sqlite3_bind_int64(payments, 1, loan_id);
	int rc = load_payments(payments, except, from, count, &principal, &np, &interest, &ni, err);
	if (rc == 0) {
		l.count = np;
		*out = xcalloc(count, sizeof **out);
		*n = count;
		fill_months(*out, count, from, as_of, &l, principal, interest, ni);
	}
	free(principal);
	free(interest);
	return rc;
}

int quality_loan_months_st(sqlite3_stmt *terms, sqlite3_stmt *payments, sqlite3_int64 loan_id,
			   const char *last, sqlite3_int64 except, struct quality_month **out,
			   size_t *n, struct tkvv_err *err)
{
	return loan_months_st(terms, payments, loan_id, last, INT32_MAX, except, out, n, err);
}

/* The months up to LAST as of AS_OF, with statements prepared here. */
static int loan_months(sqlite3 *db, sqlite3_int64 loan_id, const char *last, int32_t as_of,
		       sqlite3_int64 except, struct quality_month **out, size_t *n,
		       struct tkvv_err *err)
{
	sqlite3_stmt *terms = NULL, *payments = NULL;
	int rc = -1;
	*out = NULL;
	*n = 0;
	if (db_prepare(db, QUALITY_SQL_LOAN_TERMS, &terms, err) == 0 &&
	    db_prepare(db, QUALITY_SQL_LOAN_PAYMENTS, &payments, err) == 0)
		rc = loan_months_st(terms, payments, loan_id, last, as_of, except, out, n, err);
	sqlite3_finalize(terms);
	sqlite3_finalize(payments);
	return rc;
}

int quality_loan_months(sqlite3 *db, sqlite3_int64 loan_id, const char *last,
			sqlite3_int64 except, struct quality_month **out, size_t *n,
			struct tkvv_err *err)
{
	return loan_months(db, loan_id, last, INT32_MAX, except, out, n, err);
}

int quality_loan_months_asof(sqlite3 *db, sqlite3_int64 loan_id, const char *as_of,
			     sqlite3_int64 except, struct quality_month **out, size_t *n,
			     struct tkvv_err *err)
{
	int32_t d;
	char last[8];
	*out = NULL;
	*n = 0;
	if (quality_parse_date(as_of, &d) < 0)
		return err_set(err, TKVV_EUSAGE, "%s: '%s' %s", _("as-of date"), as_of ? as_of : "",
			       _("is not a date (YYYY-MM-DD or DD/MM/YYYY)"));
	snprintf(last, sizeof last, "%.7s", as_of);
	return loan_months(db, loan_id, last, d, except, out, n, err);
}

const struct quality_month *quality_oldest_unpaid(const struct quality_month *months, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (months[i].due > 0 && months[i].collected < months[i].due)
			return &months[i];
	return NULL;
}

const struct quality_month *quality_month_find(const struct quality_month *months, size_t n,
					       const char *month)
{
	for (size_t i = 0; month && i < n; i++)
		if (strcmp(months[i].month, month) == 0)
			return &months[i];
	return NULL;
}
