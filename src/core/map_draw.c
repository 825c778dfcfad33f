/* tkvv map's drawing: one panel per side (before, after the plan), each a
 * title, the households (located ones projected equirectangularly, those
 * known only by their road or canal order along a line), a scale bar and
 * the legend. Cairo's toy text in DejaVu Sans, which has Vietnamese. */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tkvv/i18n.h"
#include "tkvv/mapdraw.h"
#include "tkvv/quality.h"
#include "tkvv/util.h"

#define PANEL_W 560.0    /* a panel's width (points; pixels in PNG) */
#define TITLE_H 56.0
#define MAP_H 460.0      /* the drawing of the households */
#define ROAD_H 44.0      /* the road strip under located households */
#define ROW_H 17.0       /* a legend line */
#define PAD 24.0
#define DOT_R 4.5
#define LEADER_R 7.5
#define FONT "DejaVu Sans"
#define DEG (M_PI / 180.0)

/* Group colours, in the order of the groups' ids; beyond them, hues spread
 * by the golden angle. */
static const unsigned char palette[][3] = {
	{31, 119, 180}, {255, 127, 14}, {44, 160, 44}, {214, 39, 40}, {148, 103, 189},
	{140, 86, 75}, {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207},
	{0, 0, 128}, {128, 128, 0},
};

static void group_colour(cairo_t *cr, int g)
{
	size_t np = sizeof palette / sizeof palette[0];
	if ((size_t)g < np) {
		cairo_set_source_rgb(cr, palette[g][0] / 255.0, palette[g][1] / 255.0, palette[g][2] / 255.0);
		return;
	}
	double h = fmod((double)g * 137.508, 360.0) / 60.0, x = 1 - fabs(fmod(h, 2) - 1);
	double r = 0, gr = 0, b = 0;
	switch ((int)h) {
	case 0: r = 1, gr = x; break;
	case 1: r = x, gr = 1; break;
	case 2: gr = 1, b = x; break;
	case 3: gr = x, b = 1; break;
	case 4: r = x, b = 1; break;
	default: r = 1, b = x; break;
	}
	cairo_set_source_rgb(cr, 0.15 + 0.7 * r, 0.15 + 0.7 * gr, 0.15 + 0.7 * b);
}

/* Where each household is drawn, shared by both sides. */
struct layout {
	double *x, *y;          /* n; NAN: not drawn */
	double m_per_pt;        /* metres per point (0: no located households) */
	int road_strip;         /* road-order-only households drawn on a strip */
	int road_only;          /* the whole hamlet is drawn along its road */
};

/* Order of road-order-only households along the road. */
static const struct map_data *sort_data;
static int road_cmp(const void *a, const void *b)
{
	const struct regroup_member *x = &sort_data->members[*(const int *)a];
	const struct regroup_member *y = &sort_data->members[*(const int *)b];
	if (x->road_order != y->road_order)
		return x->road_order < y->road_order ? -1 : 1;
	return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* Place the households: located ones fitted into the map area, the others
 * with a road order on a line below it (or, in a hamlet without positions,
 * along a road that winds across the whole area in road order). */
static void layout_make(const struct map_data *d, struct layout *l)
{
	l->x = xmalloc((d->n + 1) * sizeof *l->x);
	l->y = xmalloc((d->n + 1) * sizeof *l->y);
	l->m_per_pt = 0;
	double lat0 = 0, minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY;
	size_t nloc = 0, nroad = 0;
	int *road = xmalloc((d->n + 1) * sizeof *road);
	for (size_t i = 0; i < d->n; i++) {
		l->x[i] = l->y[i] = NAN;
		if (d->members[i].has_coord) {
			lat0 += d->members[i].lat;
			nloc++;
		} else if (d->members[i].has_road) {
			road[nroad++] = (int)i;
		}
	}
	l->road_only = nloc == 0 && nroad > 0;
	l->road_strip = nloc > 0 && nroad > 0;
	if (nloc) {
		lat0 /= (double)nloc;
		double c = cos(lat0 * DEG);
		for (size_t i = 0; i < d->n; i++) {
			const struct regroup_member *m = &d->members[i];
			if (!m->has_coord)
				continue;
			l->x[i] = m->lon * DEG * c * REGROUP_EARTH_RADIUS_M;
			l->y[i] = m->lat * DEG * REGROUP_EARTH_RADIUS_M;
			minx = fmin(minx, l->x[i]), maxx = fmax(maxx, l->x[i]);
			miny = fmin(miny, l->y[i]), maxy = fmax(maxy, l->y[i]);
		}
		double w = PANEL_W - 2 * PAD, h = MAP_H - 2 * PAD - (l->road_strip ? ROAD_H : 0);
		double span = fmax(fmax((maxx - minx) / w, (maxy - miny) / h), 1e-3);
		double ox = PAD + (w - (maxx - minx) / span) / 2, oy = TITLE_H + PAD + (h - (maxy - miny) / span) / 2;
		for (size_t i = 0; i < d->n; i++) {
			if (!d->members[i].has_coord)
				continue;
			l->x[i] = ox + (l->x[i] - minx) / span;
			l->y[i] = oy + (maxy - l->y[i]) / span;   /* north up */
		}
		l->m_per_pt = span;
	}
	sort_data = d;
	qsort(road, nroad, sizeof *road, road_cmp);
	if (l->road_strip) {
		double y = TITLE_H + MAP_H - PAD - ROAD_H / 2, step = (PANEL_W - 2 * PAD) / (double)(nroad + 1);
		for (size_t j = 0; j < nroad; j++)
			l->x[road[j]] = PAD + step * (double)(j + 1), l->y[road[j]] = y;
	} else if (l->road_only) {
		/* Rows of the road, left to right then right to left. */
		size_t per = 20, rows = (nroad + per - 1) / per;
		double w = PANEL_W - 2 * PAD, h = MAP_H - 2 * PAD;
		double dy = rows > 1 ? h / (double)(rows - 1) : 0, dx = w / (double)(per - 1);
		if (rows > 1 && dy > 40)
			dy = 40;
		for (size_t j = 0; j < nroad; j++) {
			size_t r = j / per, c = j % per;
			if (r % 2)
				c = per - 1 - c;
			l->x[road[j]] = PAD + dx * (double)c;
			l->y[road[j]] = TITLE_H + PAD + dy * (double)r + (rows == 1 ? h / 2 : 0);
		}
	}
	free(road);
}

static void text_at(cairo_t *cr, double x, double y, double size, int bold, const char *s)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

/* Metres as shown: "1.234 m", or "-" when nothing is located. */
static void format_metres(double v, char *buf, size_t size)
{
	quality_format_money((int64_t)llround(v), buf, size);
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, " m");
}

/* The road line under (or through) the households drawn along it. */
static void draw_road(cairo_t *cr, const struct map_data *d, const struct layout *l)
{
	int *road = xmalloc((d->n + 1) * sizeof *road);
	size_t nroad = 0;
	for (size_t i = 0; i < d->n; i++)
		if (!d->members[i].has_coord && d->members[i].has_road)
			road[nroad++] = (int)i;
	sort_data = d;
	qsort(road, nroad, sizeof *road, road_cmp);
	cairo_set_source_rgb(cr, 0.55, 0.7, 0.85);
	cairo_set_line_width(cr, 3);
	for (size_t j = 0; j < nroad; j++) {
		if (j == 0)
			cairo_move_to(cr, l->x[road[j]], l->y[road[j]]);
		else
			cairo_line_to(cr, l->x[road[j]], l->y[road[j]]);
	}
	cairo_stroke(cr);
	if (l->road_strip) {
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		text_at(cr, PAD, TITLE_H + MAP_H - PAD - ROAD_H / 2 - 12, 10, 0,
			_("Along the road or canal (no position):"));
	}
	free(road);
}

/* A scale bar of a round length about a quarter of the panel. */
static void draw_scale(cairo_t *cr, const struct layout *l)
{
	if (l->m_per_pt <= 0)
		return;
	static const double steps[] = {5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000};
	double want = PANEL_W / 4 * l->m_per_pt, len = steps[0];
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i] <= want)
			len = steps[i];
	double px = len / l->m_per_pt, x = PANEL_W - PAD - px, y = TITLE_H + MAP_H - 6;
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1.5);
	cairo_move_to(cr, x, y - 5);
	cairo_line_to(cr, x, y);
	cairo_line_to(cr, x + px, y);
	cairo_line_to(cr, x + px, y - 5);
	cairo_stroke(cr);
	char buf[32];
	format_metres(len, buf, sizeof buf);
	text_at(cr, x, y - 8, 10, 0, buf);
}

static void draw_household(cairo_t *cr, double x, double y, int g, int leader)
{
	if (leader) {
		cairo_rectangle(cr, x - LEADER_R, y - LEADER_R, 2 * LEADER_R, 2 * LEADER_R);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_fill(cr);
		cairo_rectangle(cr, x - LEADER_R + 2, y - LEADER_R + 2, 2 * LEADER_R - 4, 2 * LEADER_R - 4);
	} else {
		cairo_arc(cr, x, y, DOT_R, 0, 2 * M_PI);
	}
	group_colour(cr, g);
	cairo_fill(cr);
}

/* The height of a panel: title, map, legend lines, totals. */
static double panel_height(const struct map_data *d)
{
	return TITLE_H + MAP_H + ROW_H * (double)(d->k + 3) + PAD;
}

/* Draw side S (AFTER: the plan's) at horizontal offset X0. */
static void draw_panel(cairo_t *cr, const struct map_data *d, const struct layout *l,
		       const struct map_side *s, int after, double x0)
{
	char buf[512], a[32], b[32];
	cairo_save(cr);
	cairo_translate(cr, x0, 0);
	cairo_set_source_rgb(cr, 0, 0, 0);
	snprintf(buf, sizeof buf, "%s (%s)", d->hamlet_name, d->hamlet_code);   /* names say Ấp, Khóm */
	text_at(cr, PAD, 24, 15, 1, buf);
	if (after && d->plan_id < 0)
		snprintf(buf, sizeof buf, "%s", _("After the proposal (not saved)"));
	else if (after)
		snprintf(buf, sizeof buf, _("After plan %lld"), (long long)d->plan_id);
	else
		snprintf(buf, sizeof buf, "%s", d->plan_id ? _("Before the plan") : _("Groups now"));
	text_at(cr, PAD, 44, 12, 0, buf);
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, 4, TITLE_H, PANEL_W - 8, MAP_H);
	cairo_stroke(cr);
	if (l->road_only || l->road_strip)
		draw_road(cr, d, l);
	for (int pass = 0; pass < 2; pass++)   /* leaders on top */
		for (size_t i = 0; i < d->n; i++)
			if (!isnan(l->x[i]) && s->leader[i] == pass)
				draw_household(cr, l->x[i], l->y[i], s->group[i], pass);
	draw_scale(cr, l);

	double y = TITLE_H + MAP_H + ROW_H;
	cairo_set_source_rgb(cr, 0, 0, 0);
	text_at(cr, PAD, y, 10, 1, _("Group: households, walk (mst_m); a square marks the leader"));
	long *located = xcalloc(d->k + 1, sizeof *located);
	for (size_t i = 0; i < d->n; i++)
		located[s->group[i]] += d->members[i].has_coord;
	for (size_t g = 0; g < d->k; g++) {
		if (!s->size[g])
			continue;
		y += ROW_H;
		cairo_rectangle(cr, PAD, y - 10, 10, 10);
		group_colour(cr, (int)g);
		cairo_fill(cr);
		if (located[g])
			format_metres(s->walk[g], a, sizeof a);
		else
			snprintf(a, sizeof a, "-");   /* no positions: no walk to measure */
		snprintf(buf, sizeof buf, _("%s: %ld households, walk %s"), d->group_label[g], s->size[g], a);
		cairo_set_source_rgb(cr, 0, 0, 0);
		text_at(cr, PAD + 16, y, 10, 0, buf);
	}
	free(located);
	y += ROW_H;
	format_metres(s->m.mst_m, a, sizeof a);
	format_metres(s->m.medoid_m, b, sizeof b);
	snprintf(buf, sizeof buf, _("%d groups, %zu households (%ld without a place), walk %s, medoid %s"),
		 s->m.groups, d->n, d->unlocated, a, b);
	if (after) {
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, _("; %ld moved"), s->m.moved);
	}
	text_at(cr, PAD, y, 10, 1, buf);
	cairo_restore(cr);
}

/* Fill the page white. */
static void page_background(cairo_t *cr)
{
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
}

int map_write(const struct map_data *d, const char *file, enum map_format format,
	      struct tkvv_err *err)
{
	if (d->n == 0)
		return err_set(err, TKVV_EFAIL, _("hamlet '%s' has no households to draw; nothing written"),
			       d->hamlet_code);
	int sides = d->plan_id ? 2 : 1;
	double h = panel_height(d), w = format == MAP_FORMAT_PDF ? PANEL_W : PANEL_W * sides;
	size_t tlen = strlen(file) + 32;
	char *tmp = xmalloc(tlen);
	snprintf(tmp, tlen, "%s.tmp%ld", file, (long)getpid());
	cairo_surface_t *sf;
	if (format == MAP_FORMAT_SVG)
		sf = cairo_svg_surface_create(tmp, w, h);
	else if (format == MAP_FORMAT_PDF)
		sf = cairo_pdf_surface_create(tmp, w, h);
	else
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)ceil(h));
	struct layout l;
	layout_make(d, &l);
	cairo_t *cr = cairo_create(sf);
	page_background(cr);
	draw_panel(cr, d, &l, &d->before, 0, 0);
	if (sides == 2 && format == MAP_FORMAT_PDF) {
		cairo_show_page(cr);
		page_background(cr);
		draw_panel(cr, d, &l, &d->after, 1, 0);
	} else if (sides == 2) {
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		cairo_set_line_width(cr, 1);
		cairo_move_to(cr, PANEL_W, 8);
		cairo_line_to(cr, PANEL_W, h - 8);
		cairo_stroke(cr);
		draw_panel(cr, d, &l, &d->after, 1, PANEL_W);
	}
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS && format == MAP_FORMAT_PNG)
		st = cairo_surface_write_to_png(sf, tmp);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	/* Nothing of cairo is alive now: give back its font caches and
	 * fontconfig's (the next map loads them again), so that a picture
	 * leaves nothing behind (LeakSanitizer in the debug build). */
	cairo_debug_reset_static_data();
	FcFini();
	free(l.x);
	free(l.y);
	int rc = 0;
	if (st != CAIRO_STATUS_SUCCESS)
		rc = err_set(err, TKVV_EFAIL, "%s: %s", file, cairo_status_to_string(st));
	else if (rename(tmp, file) != 0)
		rc = err_set(err, TKVV_EFAIL, "%s: %s", file, strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}
