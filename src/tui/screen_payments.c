/* Screen 5: the payments of a loan (or all), newest first. */
#include "config.h"

#include <stdio.h>

#include "tkvv/i18n.h"
#include "ui.h"

static const struct column cols[] = {
	{N_("Loan"), "l.code", COL_TEXT, 9, 12, 1},
	{N_("Member"), "m.full_name", COL_TEXT, 14, 0, 2},
	{N_("Paid on"), "x.paid_on", COL_DATE, 10, 10, 1},
	{N_("Kind"), "x.kind", COL_WORD, 8, 12, 1},
	{N_("Amount"), "x.amount", COL_MONEY, 11, 13, 1},
	{N_("Month"), "x.period", COL_DATE, 7, 8, 1},
};

/* Payments narrowed by loan or member. */
static int payments_from(const struct filter *f, struct strbuf *sb, char binds[][32])
{
	sb_adds(sb, "FROM payments x JOIN loans l ON l.id = x.loan_id JOIN members m ON m.id = l.member_id WHERE 1");
	int n = tui_where(sb, binds, 0, "x.loan_id = ?1", f->loan);
	return tui_where(sb, binds, n, "l.member_id = ?1", f->member);
}

const struct table_def screen_payments = {
	SCREEN_PAYMENTS, N_("Payments"), (int)ARRAY_LEN(cols), cols, "x.paid_on DESC, x.id DESC", REC_PAYMENT,
	payments_from, "SELECT p.id FROM payments p JOIN loans l ON l.id = p.loan_id WHERE l.code LIKE :q || '%'",
	0, 1, NULL, NULL, NULL, NULL,
};
