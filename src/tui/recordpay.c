/* Interest payments in the form: the oldest month due and not paid in full
 * and what remains of it filled in (and shown) before the officer types,
 * and the month rule on save. Due and collected come from the core's
 * per-loan function (quality_loan_months), the report's own definition. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/quality.h"

/* The payment form's fields. */
enum { PAY_LOAN, PAY_PAID_ON, PAY_KIND, PAY_AMOUNT, PAY_PERIOD };

/* Set field I to the form's VALUE unless the officer typed another. */
static void prefill_field(struct record *r, int i, const char *value)
{
	const char *before = r->prefill[i] ? r->prefill[i] : "";
	if (*r->value[i] && strcmp(r->value[i], before) != 0)
		return;
	record_set(r, i, value);
	free(r->prefill[i]);
	r->prefill[i] = xstrdup(value);
}

/* The months of R's loan up to LAST (YYYY-MM) without R itself; with
 * AS_OF (YYYY-MM-DD), a month whose transaction day is after it is not
 * due. 0 or -1. */
static int loan_months(struct record *r, sqlite3 *db, const char *last, const char *as_of,
		       struct quality_month **m, size_t *n, struct tkvv_err *err)
{
	sqlite3_int64 loan = db_id_by_code(db, "loans", r->value[PAY_LOAN], err);
	if (loan <= 0)
		return loan < 0 ? -1 : err_set(err, TKVV_EFAIL, "%s", _("no such loan"));
	if (as_of)
		return quality_loan_months_asof(db, loan, as_of, r->id, m, n, err);
	return quality_loan_months(db, loan, last, r->id, m, n, err);
}

void record_payment_prefill(struct record *r, sqlite3 *db, int i)
{
	char period[16] = "", amount[32] = "", paid_on[11];
	struct quality_month *m = NULL;
	size_t n = 0;
	struct tkvv_err err;
	if (r->def->kind != REC_PAYMENT || r->id || (i != -1 && i != PAY_LOAN && i != PAY_KIND))
		return;
	err_clear(&err);
	if (strcmp(record_word(r, PAY_KIND), "interest") == 0 && !parse_date(r->value[PAY_PAID_ON], paid_on)) {
		/* The oldest month unpaid among those due on the day paid. */
		if (loan_months(r, db, NULL, paid_on, &m, &n, &err) == 0) {
			const struct quality_month *due = quality_oldest_unpaid(m, n);
			if (due) {
				record_fmt_date(due->month, period, sizeof period);
				record_fmt_money(due->due - due->collected, amount, sizeof amount);
			}
		}
		free(m);
	}
	prefill_field(r, PAY_PERIOD, period);
	prefill_field(r, PAY_AMOUNT, amount);
}

int record_payment_rule(struct record *r, sqlite3 *db, struct tkvv_err *err)
{
	char period[8], paid_on[11], last[8], day[16], money[32];
	int64_t amount;
	struct quality_month *m;
	size_t n;
	r->note[0] = '\0';
	if (r->def->kind != REC_PAYMENT || strcmp(record_word(r, PAY_KIND), "interest") != 0 ||
	    record_parse_month(r->value[PAY_PERIOD], period) < 0 || parse_date(r->value[PAY_PAID_ON], paid_on) ||
	    parse_money(r->value[PAY_AMOUNT], 0, &amount))
		return 0;
	/* A month paid ahead is computed on today's principal, as it will be. */
	snprintf(last, sizeof last, "%.7s", strcmp(period, paid_on) > 0 ? period : paid_on);
	if (loan_months(r, db, last, NULL, &m, &n, err) < 0)
		return -1;
	const struct quality_month *mo = quality_month_find(m, n, period);
	int rc = 0;
	int64_t left = mo ? mo->due - mo->collected : 0;
	if (mo && mo->due > 0 && left <= 0) {
		record_fmt_date(mo->full_on, day, sizeof day);
		rc = err_set(err, TKVV_EFAIL, _("month %s was paid in full on %s"), period, day);
	} else if (!mo || mo->due == 0) {
		rc = err_set(err, TKVV_EFAIL, _("no interest is due for month %s"), period);
	} else if (amount > left) {
		record_fmt_money(left, money, sizeof money);
		rc = err_set(err, TKVV_EFAIL, _("only %s remains due for month %s"), money, period);
	} else if (amount < left) {
		record_fmt_money(left - amount, money, sizeof money);
		snprintf(r->note, sizeof r->note, _("%s remains due for month %s"), money, period);
	} else {
		snprintf(r->note, sizeof r->note, _("month %s is paid in full"), period);
	}
	free(m);
	return rc;
}
