/* Screen 2: groups with their figures; those in trouble stand out. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "ui.h"

static const struct column cols[] = {
	{N_("Code"), "x.code", COL_CODE, 7, 12, 1},
	{N_("Name"), "x.name", COL_TEXT, 10, 0, 2},
	{N_("Org"), "x.org_code", COL_CODE, 3, 4, 1},
	{N_("Hamlet"), "h.name", COL_TEXT, 10, 20, 2},
	{N_("Leader"), "ld.full_name", COL_TEXT, 14, 24, 1},
	{N_("Memb."), "f.members", COL_SIZE, 5, 6, 1},
	{N_("Outstanding"), "f.outstanding", COL_MONEY, 13, 15, 1},
	{N_("Overdue %"), "(CASE WHEN f.outstanding > 0 THEN round(100.0 * f.overdue / f.outstanding, 1) ELSE 0 END)",
	 COL_PCT, 6, 10, 1},
	{N_("Interest %"), "(CASE WHEN f.due_ytd > 0 THEN round(100.0 * f.collected_ytd / f.due_ytd, 1) END)",
	 COL_PCT, 6, 11, 1},
};

/* Active groups, narrowed by commune, hamlet and organisation. */
static int groups_from(const struct filter *f, struct strbuf *sb, char binds[][32])
{
	sb_adds(sb, "FROM groups x JOIN hamlets h ON h.id = x.hamlet_id"
		" LEFT JOIN temp.tui_fig f ON f.group_id = x.id LEFT JOIN members ld ON ld.code = x.leader_code"
		" WHERE x.status = 'active'");
	int n = tui_where(sb, binds, 0, "h.commune_id = ?1", f->commune);
	n = tui_where(sb, binds, n, "x.hamlet_id = ?1", f->hamlet);
	if (f->org[0] && n < LISTMODEL_MAXBINDS) {
		snprintf(binds[n], 32, "%s", f->org);
		sb_addf(sb, " AND x.org_code = ?%d", ++n);
	}
	return n;
}

/* A group opens its members. */
static int groups_drill(struct tui *t, sqlite3_int64 id, const struct listrow *row, struct filter *next)
{
	(void)row;
	next->group = id;
	tui_describe(t, next);
	return SCREEN_MEMBERS;
}

/* A new group in the hamlet the list shows. */
static void groups_preset(struct tui *t, const struct filter *f, const char **kv, char buf[][64])
{
	sqlite3_stmt *st;
	int n = 0;
	if (f->hamlet && sqlite3_prepare_v2(t->db, "SELECT code FROM hamlets WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, f->hamlet);
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(buf[0], 64, "%s", sqlite3_column_text(st, 0));
			kv[n++] = "hamlet";
			kv[n++] = buf[0];
		}
		sqlite3_finalize(st);
	}
	if (f->org[0]) {
		kv[n++] = "org";
		kv[n++] = f->org;
	}
}

/* Over the overdue threshold: red; under the collection threshold: yellow. */
static enum ui_color groups_color(struct tui *t, const struct listrow *r)
{
	double v;
	if (r->col[7] && !parse_number(r->col[7], &v) && v > t->cfg->overdue_threshold)
		return C_OVERDUE;
	if (r->col[8] && !parse_number(r->col[8], &v) && v < t->cfg->collection_threshold)
		return C_WARNING;
	return C_NORMAL;
}

const struct table_def screen_groups = {
	.id = SCREEN_GROUPS,
	.title = N_("Savings-and-loan groups"),
	.ncols = (int)ARRAY_LEN(cols),
	.cols = cols,
	.sort_default = "x.code, x.id",
	.key = "x.code",
	.record = REC_GROUP,
	.figures = 1,
	.from = groups_from,
	.search_sql = "SELECT id FROM groups WHERE code LIKE :q || '%' ESCAPE '\\' OR tkvv_fold(name) LIKE '%' || :q || '%' ESCAPE '\\'",
	.sortable = 1,
	.drill = groups_drill,
	.preset = groups_preset,
	.row_color = groups_color,
};
