/* Screen 5: the payments of a loan, newest first; all of them, last entered first. */
#include "config.h"

#include <stdio.h>

#include "tkvv/i18n.h"
#include "loancodes.h"
#include "ui.h"

static const struct column cols[] = {
	{N_("Loan"), "(SELECT code FROM loans WHERE id = x.loan_id)", COL_CODE, 12, 14, 1},
	{N_("Member"), "(SELECT m.full_name FROM loans l JOIN members m ON m.id = l.member_id WHERE l.id = x.loan_id)",
	 COL_TEXT, 14, 0, 2},
	{N_("Paid on"), "x.paid_on", COL_DATE, 10, 10, 1},
	{N_("Kind"), "x.kind", COL_WORD, 9, 12, 1},
	{N_("Amount"), "x.amount", COL_MONEY, 11, 13, 1},
	{N_("Month"), "x.period", COL_DATE, 7, 8, 1},
};

/* Payments narrowed by loan or member. */
static int payments_from(const struct filter *f, struct strbuf *sb, char binds[][32])
{
	sb_adds(sb, "FROM payments x WHERE 1");
	int n = tui_where(sb, binds, 0, "x.loan_id = ?1", f->loan);
	return tui_where(sb, binds, n, "x.loan_id IN (SELECT id FROM loans WHERE member_id = ?1)", f->member);
}

const struct table_def screen_payments = {
	.id = SCREEN_PAYMENTS,
	.title = N_("Payments"),
	.ncols = (int)ARRAY_LEN(cols),
	.cols = cols,
	.sort_default = "x.id DESC",
	.sort_narrow = "x.paid_on DESC, x.id DESC",
	.record = REC_PAYMENT,
	.from = payments_from,
	.search_sql = "SELECT p.id FROM payments p JOIN loans l ON l.id = p.loan_id WHERE l.code LIKE :q || '%' ESCAPE '\\'",
	.sortable = 1,
	.search_parent = "x.loan_id",
	.search_parent_sql = LOANCODE_IDS,
	.search_nearest = {LOANCODE_WEIGHTS, LOANCODE_NEXT, LOANCODE_PREV},
	.search_prepare = tui_loan_codes,
};
