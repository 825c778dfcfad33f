/* The reports screen's trends: the overdue ratio at each month's end and
 * the month's interest collection rate, for the district or the commune
 * selected, as bar charts with the months and values under the bars; and
 * the way from a report to the groups screen. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "barchart.h"
#include "frame.h"
#include "reports.h"
#include "tkvv/i18n.h"

/* Whether the terminal takes UTF-8, by the locale the environment names:
 * tkvv itself runs under C.UTF-8 when that locale is C. */
static int terminal_utf8(void)
{
	static int utf8 = -1;
	if (utf8 >= 0)
		return utf8;
	const char *names[] = {"LC_ALL", "LC_CTYPE", "LANG"}, *v = NULL;
	for (size_t i = 0; i < ARRAY_LEN(names) && !(v && *v); i++)
		v = getenv(names[i]);
	utf8 = v && (strcasestr(v, "UTF-8") || strcasestr(v, "utf8"));
	return utf8;
}

/* One chart: its title, its values and its scale. */
struct chart {
	const char *title;
	double values[REPORTDATA_MONTHS];
	double max;
};

/* A value under a bar: one decimal, the user's decimal mark, "-" when undefined. */
static void value_label(double v, char *buf, size_t n)
{
	if (isnan(v)) {
		snprintf(buf, n, "-");
		return;
	}
	snprintf(buf, n, "%.1f", v);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = ui_decimal;
}

/* A part of the body window: its first line and column, its size. */
struct area {
	int y, x, width, height;
};

/* Draw chart C of HEIGHT rows in A from line Y: title, bars, months and
 * values; returns the next free line. */
static int draw_chart(struct tui *t, WINDOW *w, const struct area *a, int y, const struct chart *c,
		      int height, int slot)
{
	int utf8 = terminal_utf8();
	char top[32], title[256];
	value_label(c->max, top, sizeof top);
	snprintf(title, sizeof title, "%s (%s = %s %%)", c->title, _("full bar"), top);
	wattrset(w, colors_attr(t, C_HEADER));
	ui_put(w, y++, a->x, title, a->width, 0);
	struct barchart bc = {c->values, REPORTDATA_MONTHS, c->max, height, slot - 1, 1, utf8};
	char **rows = barchart_render(&bc);
	wattrset(w, colors_attr(t, C_OK));
	for (int r = 0; r < height; r++)
		ui_put(w, y++, a->x + 1, rows[r], a->width - 1, 0);
	barchart_free(rows, height);
	wattrset(w, A_NORMAL);
	for (int m = 0; m < REPORTDATA_MONTHS; m++) {
		const char *end = reports.d.month_end[m];
		char month[16], value[32];
		snprintf(month, sizeof month, "%.2s/%.2s", end + 5, end + 2);
		value_label(c->values[m], value, sizeof value);
		ui_put(w, y, a->x + 1 + m * slot, month, slot - 1, 0);
		wattrset(w, A_BOLD);
		ui_put(w, y + 1, a->x + 1 + m * slot, value, slot - 1, 0);
		wattrset(w, A_NORMAL);
	}
	return y + 2;
}

/* The two charts of unit U (0 the district, 1 + i commune i). */
static void fill_charts(size_t u, struct chart *od, struct chart *col)
{
	od->title = _("Overdue ratio at the month's end");
	col->title = _("Interest collection rate of the month");
	od->max = 0;
	col->max = 100;
	for (int m = 0; m < REPORTDATA_MONTHS; m++) {
		const struct reportdata_point *p = &reports.d.trend[m][u];
		od->values[m] = reportdata_overdue_pct(p);
		col->values[m] = reportdata_collection_pct(p);
		od->max = od->values[m] > od->max ? od->values[m] : od->max;
		col->max = col->values[m] > col->max ? col->values[m] : col->max;
	}
	/* A district with nothing overdue still gets a scale. */
	od->max = od->max > 0 ? od->max : 1;
}

/* The charts of the selected unit in A: its name, then the two charts. */
static void draw_charts(struct tui *t, WINDOW *w, const struct area *a)
{
	const struct quality_report *r = &reports.d.r;
	size_t u = (size_t)reports.cursor[0];
	struct chart od, col;
	fill_charts(u, &od, &col);
	char line[256];
	snprintf(line, sizeof line, "%s   (%s)", u ? r->communes[u - 1].name : _("Whole district"),
		 _("Up/Down: another commune"));
	wattrset(w, A_BOLD);
	ui_put(w, a->y, a->x, line, a->width, 0);
	wattrset(w, A_NORMAL);
	/* Two charts of title, bars, months and values; a blank line between when there is room. */
	int gap = a->height >= 30 ? 1 : 0, height = (a->height - 1 - gap - 6) / 2;
	height = height > 20 ? 20 : height < 1 ? 1 : height;
	int slot = (a->width - 2) / REPORTDATA_MONTHS;
	slot = slot > 10 ? 10 : slot < 2 ? 2 : slot;
	int y = draw_chart(t, w, a, a->y + 1, &od, height, slot);
	draw_chart(t, w, a, y + gap, &col, height, slot);
}

void reports_draw_trends(struct tui *t, struct screen *s, WINDOW *w)
{
	struct area a = {1, 0, getmaxx(w), getmaxy(w) - 1};
	draw_charts(t, w, &a);
	s->model.count = (long)reports.d.r.ncommunes + 1;
	s->model.cursor = reports.cursor[0];
}

void reports_draw_side(struct tui *t, WINDOW *w, int x)
{
	struct area a = {1, x, getmaxx(w) - x, getmaxy(w) - 1};
	/* A vertical rule between the table and the charts. */
	for (int y = 1; y < getmaxy(w); y++)
		mvwaddstr(w, y, x - 2, terminal_utf8() ? "│" : "|");
	draw_charts(t, w, &a);
}

/* The id (and the hamlet's) of the row of SQL with ?1 = CODE; 0 when none. */
static sqlite3_int64 lookup_id(struct tui *t, const char *sql, const char *code, sqlite3_int64 *hamlet)
{
	sqlite3_stmt *st;
	sqlite3_int64 id = 0;
	if (sqlite3_prepare_v2(t->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (hamlet)
			*hamlet = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return id;
}

int reports_open_group(struct tui *t, const char *code)
{
	struct filter f;
	memset(&f, 0, sizeof f);
	sqlite3_int64 id = lookup_id(t, "SELECT id, hamlet_id FROM groups WHERE code = ?1", code, &f.hamlet);
	if (!id) {
		frame_message(t, 1, "%s: %s", code, _("no such group"));
		return UI_REDRAW;
	}
	tui_describe(t, &f);
	frame_goto_screen(t, SCREEN_GROUPS, &f, 1);
	struct tkvv_err err;
	err_clear(&err);
	struct screen *g = &t->screens[SCREEN_GROUPS];
	if (listmodel_goto_id(&g->model, id, frame_body_height(t), &err) < 0)
		frame_message(t, 1, "%s: %s", code, err.msg[0] ? err.msg : _("not an active group"));
	return UI_REDRAW;
}

int reports_open_commune(struct tui *t, const char *code)
{
	struct filter f;
	memset(&f, 0, sizeof f);
	if (code)
		f.commune = lookup_id(t, "SELECT id FROM communes WHERE code = ?1", code, NULL);
	tui_describe(t, &f);
	frame_goto_screen(t, SCREEN_GROUPS, &f, 1);
	return UI_REDRAW;
}
