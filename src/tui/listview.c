/* Drawing a list: columns laid out by display width, cut and padded by
 * display columns so Vietnamese names line up; figures formatted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/text.h"
#include "ui.h"

char ui_decimal = ',';

void ui_put(WINDOW *w, int y, int x, const char *s, int width, int right)
{
	char clean[512];
	size_t j = 0;
	/* Control characters in the data would move the cursor: show them as spaces. */
	for (size_t i = 0; s && s[i] && j + 1 < sizeof clean; i++)
		clean[j++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
	clean[j] = '\0';
	if (width <= 0)
		return;
	size_t fit = text_fit(clean, (size_t)width);
	clean[fit] = '\0';
	int used = (int)text_width(clean);
	int pad = width - used;
	wmove(w, y, x);
	if (right)
		for (int i = 0; i < pad; i++)
			waddch(w, ' ');
	waddstr(w, clean);
	if (!right)
		for (int i = 0; i < pad; i++)
			waddch(w, ' ');
}

void ui_format(enum col_kind kind, const char *v, char *out, size_t n)
{
	if (!v) {
		snprintf(out, n, "%s", kind == COL_PCT ? "-" : "");
		return;
	}
	switch (kind) {
	case COL_MONEY:
		record_fmt_money(atoll(v), out, n);
		break;
	case COL_DATE:
		record_fmt_date(v, out, n);
		break;
	case COL_RATE:
		record_fmt_rate(atoll(v), out, n);
		break;
	case COL_PCT: {
		char *dot;
		/* The SQL rounds half away from zero to one decimal; show a decimal comma. */
		snprintf(out, n, "%.1f", atof(v));
		if ((dot = strchr(out, '.')))
			*dot = ui_decimal;
		break;
	}
	case COL_WORD:
		snprintf(out, n, "%s", _(v));
		break;
	default:
		snprintf(out, n, "%s", v);
	}
}

void listview_layout(struct screen *s, int width)
{
	const struct table_def *d = s->def;
	int need = 0, flex = -1;
	s->nshown = 0;
	for (int pass = 1; pass <= 3; pass++) {
		need = 0;
		s->nshown = 0;
		for (int c = 0; c < d->ncols; c++)
			if (d->cols[c].priority <= 4 - pass) {
				s->shown[s->nshown] = c;
				s->width[s->nshown++] = d->cols[c].min;
				need += d->cols[c].min + 1;
			}
		if (need <= width)
			break;
	}
	int left = width - need;
	for (int i = 0; i < s->nshown; i++)
		if (d->cols[s->shown[i]].max == 0 && flex < 0)
			flex = i;
	/* Other columns grow to their maximum first, the flexible one takes the rest. */
	for (int i = 0; i < s->nshown && left > 0; i++) {
		const struct column *c = &d->cols[s->shown[i]];
		int grow = c->max > c->min ? c->max - c->min : 0;
		if (grow > left / 2)
			grow = left / 2;
		s->width[i] += grow;
		left -= grow;
	}
	if (flex >= 0 && left > 0)
		s->width[flex] += left;
}

/* Draw the header line with the sort mark. */
static void listview_header(struct tui *t, struct screen *s, WINDOW *w)
{
	int x = 0;
	wattrset(w, colors_attr(t, C_HEADER));
	wmove(w, 0, 0);
	wclrtoeol(w);
	for (int i = 0; i < s->nshown; i++) {
		const struct column *c = &s->def->cols[s->shown[i]];
		char h[96];
		snprintf(h, sizeof h, "%s%s", _(c->header),
			 s->shown[i] == s->sort_col ? (s->sort_desc ? "▼" : "▲") : "");
		ui_put(w, 0, x, h, s->width[i], COL_RIGHT(c->kind));
		if (i + 1 < s->nshown)
			waddch(w, ' ');
		x += s->width[i] + 1;
	}
	wattrset(w, A_NORMAL);
}

void listview_draw(struct tui *t, struct screen *s, WINDOW *w)
{
	struct listmodel *m = &s->model;
	int height = getmaxy(w) - 1;
	struct tkvv_err err;
	err_clear(&err);
	werase(w);
	listview_header(t, s, w);
	for (int y = 0; y < height; y++) {
		const struct listrow *r = listmodel_row(m, m->top + y, &err);
		if (!r)
			break;
		int sel = m->top + y == m->cursor;
		enum ui_color color = s->def->row_color ? s->def->row_color(t, r) : C_NORMAL;
		wattrset(w, colors_attr(t, sel ? C_SELECTED : color));
		int x = 0;
		for (int i = 0; i < s->nshown; i++) {
			const struct column *c = &s->def->cols[s->shown[i]];
			char buf[256];
			ui_format(c->kind, r->col[s->shown[i]], buf, sizeof buf);
			ui_put(w, y + 1, x, buf, s->width[i], COL_RIGHT(c->kind));
			x += s->width[i];
			if (x < getmaxx(w))
				waddch(w, ' ');
			x++;
		}
		if (x < getmaxx(w))
			ui_put(w, y + 1, x, "", getmaxx(w) - x, 0);
	}
	wattrset(w, A_NORMAL);
	if (err.msg[0])
		tui_message(t, 1, "%s", err.msg);
}
