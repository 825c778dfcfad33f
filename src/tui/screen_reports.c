/* Screen 8: credit-quality reports in three sections switched with Tab: the
 * district and its communes, the flag lists (Enter opens the group), and
 * twelve months of trends as bar charts (reports_trends.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports.h"
#include "tkvv/i18n.h"
#include "tkvv/text.h"
#include "frame.h"

struct reports reports;

static const char *const section_names[REPORTS_SECTIONS] = {
	N_("Communes"), N_("Flags"), N_("Trends"),
};

static const struct column commune_cols[] = {
	{N_("Commune"), NULL, COL_TEXT, 14, 0, 1},
	{N_("Groups"), NULL, COL_INT, 4, 6, 1},
	{N_("Memb."), NULL, COL_INT, 5, 7, 2},
	{N_("Outstanding"), NULL, COL_MONEY, 17, 19, 1},
	{N_("Overdue%"), NULL, COL_PCT, 6, 10, 1},
	{N_("Coll.%"), NULL, COL_PCT, 6, 10, 1},
	{N_("Score"), NULL, COL_INT, 5, 6, 2},
	{N_("Grade"), NULL, COL_TEXT, 10, 11, 1},
	{N_("Above"), NULL, COL_INT, 4, 8, 1},
};

static const struct column flag_cols[] = {
	{N_("Group"), NULL, COL_TEXT, 9, 12, 1},
	{N_("Hamlet"), NULL, COL_TEXT, 8, 20, 2},
	{N_("Leader"), NULL, COL_TEXT, 10, 0, 1},
	{N_("Memb."), NULL, COL_INT, 5, 6, 2},
	{N_("Outstanding"), NULL, COL_MONEY, 13, 15, 2},
	{N_("Overdue%"), NULL, COL_PCT, 6, 10, 1},
	{N_("Coll.%"), NULL, COL_PCT, 6, 10, 1},
	{N_("Grade"), NULL, COL_TEXT, 10, 11, 1},
	{N_("Note"), NULL, COL_TEXT, 16, 28, 1},
};

/* Layout-only table definitions: listview_layout fits their columns. */
static const struct table_def commune_def = {.ncols = (int)ARRAY_LEN(commune_cols), .cols = commune_cols};
static const struct table_def flag_def = {.ncols = (int)ARRAY_LEN(flag_cols), .cols = flag_cols};

const char *reports_grade(enum quality_grade g)
{
	static const char *const labels[QG_COUNT] = {N_("Good"), N_("Fair"), N_("Average"), N_("Weak")};
	return (unsigned)g < QG_COUNT ? _(labels[g]) : "";
}

void reports_pct(int64_t num, int64_t den, char *buf, size_t size)
{
	quality_format_pct(num, den, buf, size);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = ui_decimal;
}

/* Add a row of the flag lists: a heading (GROUP SIZE_MAX) or a group. */
static void add_item(int list, size_t group, size_t index)
{
	if (reports.nitems % 64 == 0)
		reports.items = xrealloc(reports.items, (reports.nitems + 64) * sizeof *reports.items);
	reports.items[reports.nitems++] = (struct reports_item){list, group, index};
}

/* The flag lists as rows: each list's heading, then its groups. */
static void build_items(void)
{
	const struct quality_flags *fl = &reports.d.fl;
	size_t counts[4] = {fl->noverdue, fl->nlow_collection, fl->nmerge, fl->nreview};
	reports.nitems = 0;
	for (int l = 0; l < 4; l++) {
		add_item(l, SIZE_MAX, 0);
		for (size_t i = 0; i < counts[l]; i++) {
			size_t g = l == 0 ? fl->overdue[i] : l == 1 ? fl->low_collection[i]
				 : l == 2 ? fl->merge[i].group : fl->review[i].group;
			add_item(l, g, i);
		}
	}
}

int reports_compute(struct tui *t, const char *as_of)
{
	struct tkvv_err err;
	err_clear(&err);
	if (!reports.opened) {
		if (reportdata_open(&reports.d, t->db, t->cfg, t->today, &err) < 0) {
			frame_message(t, 1, "%s", err.msg);
			return -1;
		}
		reports.opened = 1;
		reports.writes = t->writes;
	}
	if (reportdata_compute(&reports.d, as_of, &err) < 0) {
		frame_message(t, 1, "%s", err.msg);
		return -1;
	}
	build_items();
	const struct quality_report *r = &reports.d.r;
	char day[16], month[16];
	record_fmt_date(r->as_of, day, sizeof day);
	record_fmt_date(r->score_as_of, month, sizeof month);
	snprintf(t->screens[SCREEN_REPORTS].filter.label, sizeof t->screens[0].filter.label,
		 _("as of %s (scores of %s)"), day, month + 3);
	if (reports.cursor[0] > (long)r->ncommunes)
		reports.cursor[0] = 0;
	reports.cursor[1] = reports.nitems > 1 ? 1 : 0;
	reports.top[0] = reports.top[1] = 0;
	return 0;
}

/* Compute the reports the first time, or again after a write elsewhere. */
static void reports_enter(struct tui *t, struct screen *s)
{
	(void)s;
	if (reports.opened && reports.writes != t->writes) {
		/* Something was written since the load: load again. */
		reportdata_free(&reports.d);
		reports.opened = 0;
	}
	if (!reports.opened || !reports.d.have)
		reports_compute(t, reports.d.have ? reports.d.r.as_of : t->today);
}

/* The section tabs on line 0, the current one highlighted. */
static void draw_tabs(struct tui *t, WINDOW *w)
{
	int x = 0, width = getmaxx(w);
	wmove(w, 0, 0);
	wclrtoeol(w);
	for (int i = 0; i < REPORTS_SECTIONS && x < width; i++) {
		char tab[64];
		snprintf(tab, sizeof tab, " %s ", _(section_names[i]));
		int tw = (int)text_width(tab);
		wattrset(w, i == reports.section ? colors_attr(t, C_SELECTED) : A_NORMAL);
		ui_put(w, 0, x, tab, tw < width - x ? tw : width - x, 0);
		x += tw + 1;
	}
	wattrset(w, A_NORMAL);
	/* What the short headers mean, as much of it as there is room for. */
	const char *hints[] = {
		_("Overdue%: of the outstanding; Coll.%: interest collected this year; Above: groups above the overdue threshold"),
		_("Coll.%: this year; Above: groups above the threshold"), _("Tab: next section"),
	};
	for (size_t i = reports.section == 2 ? 2 : 0; i < ARRAY_LEN(hints); i++) {
		int hw = (int)text_width(hints[i]);
		if (x + hw + 1 <= width) {
			ui_put(w, 0, width - hw, hints[i], hw, 1);
			break;
		}
	}
}

/* Draw CELLS of the columns S lays out on line Y of W, WIDTH columns in all. */
static void draw_cells(WINDOW *w, const struct screen *s, int y, int width, char cells[][128])
{
	int x = 0;
	for (int i = 0; i < s->nshown && x < width; i++) {
		const struct column *c = &s->def->cols[s->shown[i]];
		int cw = s->width[i] < width - x ? s->width[i] : width - x;
		ui_put(w, y, x, cells[s->shown[i]], cw, COL_RIGHT(c->kind));
		x += cw;
		if (x < width)
			ui_put(w, y, x++, "", 1, 0);
	}
	if (x < width)
		ui_put(w, y, x, "", width - x, 0);
}

/* The header line of the columns S lays out, on line Y. */
static void draw_header(struct tui *t, WINDOW *w, const struct screen *s, int y, int width)
{
	char cells[16][128];
	for (int c = 0; c < s->def->ncols; c++)
		snprintf(cells[c], sizeof cells[c], "%s", _(s->def->cols[c].header));
	wattrset(w, colors_attr(t, C_HEADER));
	draw_cells(w, s, y, width, cells);
	wattrset(w, A_NORMAL);
}

/* The cells of unit U with its counts N. */
static void unit_cells(const struct quality_unit *u, int64_t above, char cells[][128])
{
	const struct quality_figures *f = &u->fig;
	snprintf(cells[0], 128, "%s", u->name && *u->name ? u->name : _("Whole district"));
	snprintf(cells[1], 128, "%lld", (long long)f->groups);
	snprintf(cells[2], 128, "%lld", (long long)f->members);
	record_fmt_money(f->outstanding, cells[3], 128);
	reports_pct(f->overdue, f->outstanding ? f->outstanding : 1, cells[4], 128);
	reports_pct(f->interest_collected_ytd, f->interest_due_ytd, cells[5], 128);
	snprintf(cells[6], 128, "%d", u->score.total);
	snprintf(cells[7], 128, "%s", reports_grade(u->score.grade));
	snprintf(cells[8], 128, "%lld", (long long)above);
}

/* Keep the cursor of section SEC within the HEIGHT rows shown. */
static void keep_visible(int sec, long count, int height)
{
	long *cur = &reports.cursor[sec], *top = &reports.top[sec];
	*cur = *cur >= count ? count - 1 : *cur < 0 ? 0 : *cur;
	if (*cur < *top)
		*top = *cur;
	if (height > 0 && *cur >= *top + height)
		*top = *cur - height + 1;
}

/* Section 1: the district, then each commune, then the communes by grade. */
static void draw_communes(struct tui *t, struct screen *s, WINDOW *w)
{
	const struct reportdata *d = &reports.d;
	int height = getmaxy(w) - 3, side = getmaxx(w) >= REPORTS_TABLE_WIDE + 2 + REPORTS_SIDE_MIN;
	struct screen lay = {.def = &commune_def};
	/* On a wide terminal the selected row's trends stand beside the table. */
	int width = side ? REPORTS_TABLE_WIDE : getmaxx(w);
	listview_layout(&lay, width);
	draw_header(t, w, &lay, 1, width);
	long count = (long)d->r.ncommunes + 1;
	keep_visible(0, count, height);
	for (int y = 0; y < height && reports.top[0] + y < count; y++) {
		long i = reports.top[0] + y;
		const struct quality_unit *u = i ? &d->r.communes[i - 1] : &d->r.district;
		char cells[16][128];
		unit_cells(u, reportdata_overdue_above(d, (size_t)i), cells);
		attr_t a = quality_overdue_above(&u->fig, t->cfg) ? colors_attr(t, C_OVERDUE)
			 : i == 0 ? A_BOLD : A_NORMAL;
		wattrset(w, i == reports.cursor[0] ? colors_attr(t, C_SELECTED) : a);
		draw_cells(w, &lay, 2 + y, width, cells);
	}
	wattrset(w, A_NORMAL);
	struct strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "%s:", _("Communes by grade"));
	for (int g = 0; g < QG_COUNT; g++)
		sb_addf(&sb, "%s %s %lld", g ? " ·" : "", reports_grade((enum quality_grade)g),
			(long long)reportdata_communes_by_grade(d, g));
	ui_put(w, getmaxy(w) - 1, 0, sb.buf, width, 0);
	sb_free(&sb);
	s->model.count = count;
	s->model.cursor = reports.cursor[0];
	if (side)
		reports_draw_side(t, w, REPORTS_TABLE_WIDE + 2);
}

/* The note of a flagged group: where a merge candidate could go, a leader's scores. */
static void flag_note(const struct reports_item *it, char *out, size_t n)
{
	const struct quality_report *r = &reports.d.r;
	out[0] = '\0';
	if (it->list == 2) {
		const struct quality_merge *m = &reports.d.fl.merge[it->index];
		if (m->has_target && m->distance_m >= 0)
			snprintf(out, n, "→ %s %.0f m", r->groups[m->target].u.code, m->distance_m);
		else if (m->has_target)
			snprintf(out, n, "→ %s", r->groups[m->target].u.code);
	} else if (it->list == 3) {
		const struct quality_review *v = &reports.d.fl.review[it->index];
		size_t len = 0;
		for (int k = 0; k < v->months && len + 8 < n; k++)
			len += (size_t)snprintf(out + len, n - len, "%s%d", k ? " " : "", v->scores[k]);
	}
}

/* The cells of the flagged group of IT. */
static void flag_cells(const struct reports_item *it, char cells[][128])
{
	const struct quality_report *r = &reports.d.r;
	const struct quality_group *g = &r->groups[it->group];
	const struct quality_figures *f = &g->u.fig;
	snprintf(cells[0], 128, "%s", g->u.code);
	snprintf(cells[1], 128, "%s", r->hamlets[g->hamlet].name ? r->hamlets[g->hamlet].name : "");
	snprintf(cells[2], 128, "%s", g->leader_name ? g->leader_name : g->leader_code ? g->leader_code : "");
	snprintf(cells[3], 128, "%lld", (long long)f->members);
	record_fmt_money(f->outstanding, cells[4], 128);
	reports_pct(f->overdue, f->outstanding ? f->outstanding : 1, cells[5], 128);
	reports_pct(f->interest_collected_ytd, f->interest_due_ytd, cells[6], 128);
	snprintf(cells[7], 128, "%s", reports_grade(g->u.score.grade));
	flag_note(it, cells[8], 128);
}

/* The heading of flag list L with its count. */
static void flag_heading(struct tui *t, WINDOW *w, int y, int l)
{
	static const char *const titles[4] = {
		N_("Groups above the overdue threshold"), N_("Groups below the collection threshold"),
		N_("Merge candidates (→ the nearest group of the hamlet)"), N_("Leaders to review (monthly scores)"),
	};
	const struct quality_flags *fl = &reports.d.fl;
	size_t counts[4] = {fl->noverdue, fl->nlow_collection, fl->nmerge, fl->nreview};
	char line[256];
	snprintf(line, sizeof line, "%s: %zu", _(titles[l]), counts[l]);
	wattrset(w, colors_attr(t, C_TITLE));
	ui_put(w, y, 0, line, getmaxx(w), 0);
	wattrset(w, A_NORMAL);
}

/* Section 2: the four flag lists, one after the other. */
static void draw_flags(struct tui *t, struct screen *s, WINDOW *w)
{
	int height = getmaxy(w) - 2;
	struct screen lay = {.def = &flag_def};
	listview_layout(&lay, getmaxx(w));
	draw_header(t, w, &lay, 1, getmaxx(w));
	keep_visible(1, (long)reports.nitems, height);
	for (int y = 0; y < height && reports.top[1] + y < (long)reports.nitems; y++) {
		const struct reports_item *it = &reports.items[reports.top[1] + y];
		if (it->group == SIZE_MAX) {
			flag_heading(t, w, 2 + y, it->list);
			continue;
		}
		char cells[16][128];
		flag_cells(it, cells);
		wattrset(w, reports.top[1] + y == reports.cursor[1] ? colors_attr(t, C_SELECTED) : A_NORMAL);
		draw_cells(w, &lay, 2 + y, getmaxx(w), cells);
	}
	wattrset(w, A_NORMAL);
	s->model.count = (long)reports.nitems;
	s->model.cursor = reports.cursor[1];
}

/* Draw the current section. */
static void reports_draw(struct tui *t, struct screen *s, WINDOW *w)
{
	werase(w);
	s->model.count = s->model.cursor = 0;
	draw_tabs(t, w);
	if (!reports.d.have)
		return;
	if (reports.section == 0)
		draw_communes(t, s, w);
	else if (reports.section == 1)
		draw_flags(t, s, w);
	else
		reports_draw_trends(t, s, w);
}

/* Move the cursor of the flag lists by DELTA, over the headings. */
static void move_flags(long delta)
{
	long n = (long)reports.nitems, c = reports.cursor[1] + delta;
	c = c < 0 ? 0 : c >= n ? n - 1 : c;
	long step = delta < 0 ? -1 : 1;
	while (c >= 0 && c < n && reports.items[c].group == SIZE_MAX)
		c += step;
	if (c < 0 || c >= n)
		for (c = reports.cursor[1]; c >= 0 && c < n && reports.items[c].group == SIZE_MAX; c -= step)
			;
	if (c >= 0 && c < n)
		reports.cursor[1] = c;
}

/* Open the groups screen on the selected commune's groups, or on the
 * flagged group's hamlet with the group selected. */
static int reports_open(struct tui *t)
{
	const struct quality_report *r = &reports.d.r;
	if (reports.section == 1 && reports.cursor[1] < (long)reports.nitems &&
	    reports.items[reports.cursor[1]].group != SIZE_MAX)
		return reports_open_group(t, r->groups[reports.items[reports.cursor[1]].group].u.code);
	if (reports.section != 1)
		return reports_open_commune(t, reports.cursor[0] ? r->communes[reports.cursor[0] - 1].code : NULL);
	return UI_HANDLED;
}

/* Move the cursor of the current section (the trends follow the communes'). */
static int reports_move(struct tui *t, enum action a)
{
	int page = frame_body_height(t) - 3;
	long delta = a == A_UP ? -1 : a == A_DOWN ? 1 : a == A_PGUP ? -page : a == A_PGDN ? page
		   : a == A_HOME ? -(1L << 30) : 1L << 30;
	if (reports.section == 1) {
		move_flags(delta);
		return UI_REDRAW;
	}
	long c = reports.cursor[0] + delta, n = (long)reports.d.r.ncommunes + 1;
	reports.cursor[0] = c < 0 ? 0 : c >= n ? n - 1 : c;
	return UI_REDRAW;
}

/* The keys of the screen: moves, sections, Enter, the date and the export. */
static int reports_key(struct tui *t, struct screen *s, enum action a, wint_t ch)
{
	(void)s;
	(void)ch;
	if (!reports.d.have && a != A_ASOF)
		return UI_IGNORED;
	switch (a) {
	case A_UP: case A_DOWN: case A_PGUP: case A_PGDN: case A_HOME: case A_END:
		return reports_move(t, a);
	case A_NEXTFIELD: case A_PREVFIELD:
		reports.section = (reports.section + (a == A_NEXTFIELD ? 1 : REPORTS_SECTIONS - 1)) % REPORTS_SECTIONS;
		t->message[0] = '\0';
		return UI_REDRAW;
	case A_ENTER: return reports_open(t);
	case A_ASOF: return reports_ask_date(t);
	case A_EXPORT: return reports_export(t);
	default: return UI_IGNORED;
	}
}

/* The keys this screen offers on the bar. */
static unsigned long reports_hints(struct tui *t, struct screen *s)
{
	(void)t;
	(void)s;
	return HINT(A_HELP) | HINT(A_ASOF) | HINT(A_EXPORT) | HINT(A_QUIT);
}

void reports_done(void)
{
	if (reports.opened)
		reportdata_free(&reports.d);
	free(reports.items);
	memset(&reports, 0, sizeof reports);
}

const struct screen_ops reports_ops = {
	.enter = reports_enter,
	.draw = reports_draw,
	.key = reports_key,
	.hints = reports_hints,
};

const struct table_def screen_reports = {
	.id = SCREEN_REPORTS,
	.title = N_("Reports"),
};
