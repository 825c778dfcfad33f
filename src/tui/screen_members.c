/* Screen 3: members, in Vietnamese name order, searched through FTS5. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tkvv/i18n.h"
#include "ui.h"

static const struct column cols[] = {
	{N_("Code"), "x.code", COL_CODE, 8, 12, 1},
	{N_("Full name"), "x.full_name", COL_TEXT, 18, 0, 1},
	{N_("Hamlet"), "(SELECT name FROM hamlets WHERE id = x.hamlet_id)", COL_TEXT, 10, 20, 2},
	{N_("Group"), "(SELECT code FROM groups WHERE id = x.group_id)", COL_CODE, 7, 12, 1},
	{N_("Category"), "x.category", COL_WORD, 8, 16, 3},
	{N_("Phone"), "x.phone", COL_CODE, 10, 14, 2},
	{N_("Outstanding"), "(SELECT sum(outstanding) FROM temp.tui_loan WHERE member_id = x.id)",
	 COL_MONEY, 11, 13, 1},
	{N_("Overdue"), "(SELECT sum(outstanding) FROM temp.tui_loan WHERE member_id = x.id AND state = 'overdue')",
	 COL_MONEY, 10, 13, 1},
};

/* Members narrowed by commune, hamlet, group and organisation. No join: the
 * list is numbered on the members table alone, along its name index. */
static int members_from(const struct filter *f, struct strbuf *sb, char binds[][32])
{
	sb_adds(sb, "FROM members x WHERE 1");
	int n = tui_where(sb, binds, 0, "x.hamlet_id IN (SELECT id FROM hamlets WHERE commune_id = ?1)", f->commune);
	n = tui_where(sb, binds, n, "x.hamlet_id = ?1", f->hamlet);
	n = tui_where(sb, binds, n, "x.group_id = ?1", f->group);
	if (f->org[0] && n < LISTMODEL_MAXBINDS) {
		snprintf(binds[n], 32, "%s", f->org);
		sb_addf(sb, " AND x.group_id IN (SELECT id FROM groups WHERE org_code = ?%d)", ++n);
	}
	return n;
}

/* A member opens its loans. */
static int members_drill(struct tui *t, sqlite3_int64 id, const struct listrow *row, struct filter *next)
{
	(void)row;
	next->member = id;
	tui_describe(t, next);
	return SCREEN_LOANS;
}

/* A new member in the group (and its hamlet) the list shows. */
static void members_preset(struct tui *t, const struct filter *f, const char **kv, char buf[][64])
{
	sqlite3_stmt *st;
	if (!f->group || sqlite3_prepare_v2(t->db, "SELECT g.code, h.code FROM groups g JOIN hamlets h"
					   " ON h.id = g.hamlet_id WHERE g.id = ?1", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, f->group);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf[0], 64, "%s", sqlite3_column_text(st, 0));
		snprintf(buf[1], 64, "%s", sqlite3_column_text(st, 1));
		kv[0] = "group";
		kv[1] = buf[0];
		kv[2] = "hamlet";
		kv[3] = buf[1];
	}
	sqlite3_finalize(st);
}

/* Members with an overdue loan stand out. */
static enum ui_color members_color(struct tui *t, const struct listrow *r)
{
	(void)t;
	return r->col[7] && atoll(r->col[7]) > 0 ? C_OVERDUE : C_NORMAL;
}

const struct table_def screen_members = {
	.id = SCREEN_MEMBERS,
	.title = N_("Members"),
	.ncols = (int)ARRAY_LEN(cols),
	.cols = cols,
	.sort_default = "x.sort_key, x.id",
	.key = "x.sort_key",
	.record = REC_MEMBER,
	.from = members_from,
	.search_sql = "SELECT rowid FROM member_search WHERE member_search MATCH :q",
	.search_fts = 1,
	.drill = members_drill,
	.preset = members_preset,
	.row_color = members_color,
};
