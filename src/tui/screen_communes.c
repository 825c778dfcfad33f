/* Screen 1: communes with their hamlets, and the figures of each. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "ui.h"

/* Commune rows carry the commune id negated, hamlet rows the hamlet id. */
static const struct column cols[] = {
	{N_("Code"), "x.code", COL_CODE, 6, 12, 2},
	{N_("Commune / hamlet"), "x.name", COL_TEXT, 16, 0, 1},
	{N_("Groups"), "x.ngroups", COL_INT, 5, 6, 1},
	{N_("Members"), "x.members", COL_INT, 6, 7, 1},
	{N_("Outstanding"), "x.outst", COL_MONEY, 15, 16, 1},
	{N_("Overdue %"), "x.od", COL_PCT, 6, 10, 1},
	{N_("Interest %"), "x.coll", COL_PCT, 6, 11, 1},
};

#define FIGS "count(*) AS ngroups, sum(f.members) AS members, sum(f.outstanding) AS outst, " \
	"round(" FIGURES_OVERDUE_PCT("f") ", 1) AS od, round(" FIGURES_COLLECTION_PCT("f") ", 1) AS coll"

/* Build the tree of communes and hamlets with their summed figures. */
static int communes_from(const struct filter *f, struct strbuf *sb, char binds[][32])
{
	sb_adds(sb, "FROM (SELECT -c.id AS id, c.name AS cname, 0 AS lvl, '' AS hname, c.code AS code,"
		" c.name AS name, s.ngroups, s.members, s.outst, s.od, s.coll FROM communes c LEFT JOIN"
		" (SELECT h.commune_id AS cid, " FIGS " FROM temp.tui_fig f JOIN groups g ON g.id = f.group_id"
		"  JOIN hamlets h ON h.id = g.hamlet_id WHERE g.status = 'active' GROUP BY h.commune_id) s"
		" ON s.cid = c.id"
		" UNION ALL SELECT h.id, c.name, 1, h.name, h.code, '  ' || h.name, s.ngroups, s.members,"
		" s.outst, s.od, s.coll FROM hamlets h JOIN communes c ON c.id = h.commune_id LEFT JOIN"
		" (SELECT g.hamlet_id AS hid, " FIGS " FROM temp.tui_fig f JOIN groups g ON g.id = f.group_id"
		"  WHERE g.status = 'active' GROUP BY g.hamlet_id) s ON s.hid = h.id) x WHERE 1");
	return tui_where(sb, binds, 0, "(x.id = -?1 OR x.id IN (SELECT id FROM hamlets WHERE commune_id = ?1))",
			 f->commune);
}

/* A commune opens its groups, a hamlet its own. */
static int communes_drill(struct tui *t, sqlite3_int64 id, const struct listrow *row, struct filter *next)
{
	(void)row;
	if (id < 0)
		next->commune = -id;
	else
		next->hamlet = id;
	tui_describe(t, next);
	return SCREEN_GROUPS;
}

/* Communes and hamlets share the screen. */
static enum record_kind communes_record(sqlite3_int64 *id)
{
	if (*id < 0) {
		*id = -*id;
		return REC_COMMUNE;
	}
	return REC_HAMLET;
}

/* Flag the rows over the overdue threshold or under the collection one. */
static enum ui_color communes_color(struct tui *t, const struct listrow *r)
{
	double v;
	if (r->col[5] && !parse_number(r->col[5], &v) && v > t->cfg->overdue_threshold)
		return C_OVERDUE;
	if (r->col[6] && !parse_number(r->col[6], &v) && v < t->cfg->collection_threshold)
		return C_WARNING;
	return C_NORMAL;
}

const struct table_def screen_communes = {
	.id = SCREEN_COMMUNES,
	.title = N_("Communes and hamlets"),
	.ncols = (int)ARRAY_LEN(cols),
	.cols = cols,
	.sort_default = "tkvv_fold(x.cname), x.lvl, tkvv_fold(x.hname)",
	.record = REC_HAMLET,
	.figures = 1,
	.from = communes_from,
	.search_sql = "SELECT -id FROM communes WHERE tkvv_fold(name) LIKE '%' || :q || '%' ESCAPE '\\' OR code LIKE :q || '%' ESCAPE '\\'"
		      " UNION ALL SELECT id FROM hamlets WHERE tkvv_fold(name) LIKE '%' || :q || '%' ESCAPE '\\' OR code LIKE :q || '%' ESCAPE '\\'",
	.drill = communes_drill,
	.record_of = communes_record,
	.row_color = communes_color,
};
