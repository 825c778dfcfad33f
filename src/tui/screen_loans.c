/* Screen 4: a member's loans, or all of them by programme or status. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "loancodes.h"
#include "ui.h"

static const struct column cols[] = {
	{N_("Code"), "x.code", COL_CODE, 12, 14, 1},
	{N_("Member"), "(SELECT full_name FROM members WHERE id = x.member_id)", COL_TEXT, 14, 0, 2},
	{N_("Prog."), "x.program_code", COL_CODE, 4, 5, 1},
	{N_("Amount"), "x.amount", COL_MONEY, 11, 13, 1},
	{N_("Disbursed"), "x.disbursed_on", COL_DATE, 10, 10, 1},
	{N_("Due"), "coalesce(x.extended_to, x.due_on)", COL_DATE, 10, 10, 1},
	{N_("Rate"), "x.rate_ppm", COL_RATE, 4, 5, 2},
	{N_("Outstanding"), "(SELECT outstanding FROM temp.tui_loan WHERE id = x.id)", COL_MONEY, 11, 13, 1},
	{N_("Status"), "(SELECT state FROM temp.tui_loan WHERE id = x.id)", COL_WORD, 7, 10, 1},
};

/* Loans narrowed by member, group, programme or state (temp.tui_loan). */
static int loans_from(const struct filter *f, struct strbuf *sb, char binds[][32])
{
	sb_adds(sb, "FROM loans x WHERE 1");
	int n = tui_where(sb, binds, 0, "x.member_id = ?1", f->member);
	n = tui_where(sb, binds, n, "x.member_id IN (SELECT id FROM members WHERE group_id = ?1)", f->group);
	if (f->program[0] && n < LISTMODEL_MAXBINDS) {
		snprintf(binds[n], 32, "%s", f->program);
		sb_addf(sb, " AND x.program_code = ?%d", ++n);
	}
	if (f->status[0] && n < LISTMODEL_MAXBINDS) {
		snprintf(binds[n], 32, "%s", f->status);
		sb_addf(sb, " AND x.id IN (SELECT id FROM temp.tui_loan WHERE state = ?%d)", ++n);
	}
	return n;
}

/* A loan opens its payments. */
static int loans_drill(struct tui *t, sqlite3_int64 id, const struct listrow *row, struct filter *next)
{
	(void)row;
	next->loan = id;
	tui_describe(t, next);
	return SCREEN_PAYMENTS;
}

/* A new loan for the member the list shows, at the programme's rate. */
static void loans_preset(struct tui *t, const struct filter *f, const char **kv, char buf[][64])
{
	sqlite3_stmt *st;
	record_fmt_date(t->today, buf[1], 64);
	kv[0] = "disbursed_on";
	kv[1] = buf[1];
	if (!f->member || sqlite3_prepare_v2(t->db, "SELECT code FROM members WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, f->member);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf[0], 64, "%s", sqlite3_column_text(st, 0));
		kv[2] = "member";
		kv[3] = buf[0];
	}
	sqlite3_finalize(st);
}

/* Overdue loans stand out. */
static enum ui_color loans_color(struct tui *t, const struct listrow *r)
{
	(void)t;
	return r->col[8] && strcmp(r->col[8], "overdue") == 0 ? C_OVERDUE : C_NORMAL;
}

const struct table_def screen_loans = {
	.id = SCREEN_LOANS,
	.title = N_("Loans"),
	.ncols = (int)ARRAY_LEN(cols),
	.cols = cols,
	.sort_default = "x.code, x.id",
	.key = "x.code",
	.record = REC_LOAN,
	.from = loans_from,
	.search_sql = LOANCODE_IDS,
	.search_whole = 1,
	.search_prefix = 1,
	.search_prepare = tui_loan_codes,
	.sortable = 1,
	.drill = loans_drill,
	.preset = loans_preset,
	.row_color = loans_color,
};
