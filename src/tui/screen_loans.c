/* Screen 4: a member's loans, or all of them by programme or status. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "ui.h"

static const struct column cols[] = {
	{N_("Code"), "x.code", COL_TEXT, 9, 12, 1},
	{N_("Member"), "m.full_name", COL_TEXT, 14, 0, 2},
	{N_("Prog."), "x.program_code", COL_TEXT, 4, 5, 1},
	{N_("Amount"), "x.amount", COL_MONEY, 11, 13, 1},
	{N_("Disbursed"), "x.disbursed_on", COL_DATE, 10, 10, 1},
	{N_("Due"), "coalesce(x.extended_to, x.due_on)", COL_DATE, 10, 10, 1},
	{N_("Rate"), "x.rate_ppm", COL_RATE, 4, 5, 2},
	{N_("Outstanding"), "x.outst", COL_MONEY, 11, 13, 1},
	{N_("Status"), "x.status", COL_WORD, 7, 10, 1},
};

/* Loans with their outstanding principal and status as of today. */
static int loans_from(const struct filter *f, struct strbuf *sb, char binds[][32])
{
	sb_adds(sb, "FROM (SELECT y.*, CASE WHEN y.outst = 0 THEN 'closed'"
		" WHEN coalesce(y.extended_to, y.due_on) < date('now', 'localtime') THEN 'overdue' ELSE 'open' END"
		" AS status FROM (SELECT l.*, max(0, l.amount - coalesce((SELECT sum(p.amount) FROM payments p"
		" WHERE p.loan_id = l.id AND p.kind = 'principal'), 0)) AS outst FROM loans l) y) x"
		" JOIN members m ON m.id = x.member_id WHERE 1");
	int n = tui_where(sb, binds, 0, "x.member_id = ?1", f->member);
	n = tui_where(sb, binds, n, "m.group_id = ?1", f->group);
	const char *text[][2] = {{f->program, "x.program_code"}, {f->status, "x.status"}};
	for (size_t i = 0; i < 2; i++)
		if (text[i][0][0] && n < LISTMODEL_MAXBINDS) {
			snprintf(binds[n], 32, "%s", text[i][0]);
			sb_addf(sb, " AND %s = ?%d", text[i][1], ++n);
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
	SCREEN_LOANS, N_("Loans"), (int)ARRAY_LEN(cols), cols, "x.disbursed_on DESC, x.id", REC_LOAN,
	loans_from, "SELECT id FROM loans WHERE code LIKE :q || '%'", 0, 1,
	loans_drill, loans_preset, NULL, loans_color,
};
