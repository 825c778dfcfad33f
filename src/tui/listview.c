/* Drawing a list: columns laid out by display width, cut and padded by
 * display columns so Vietnamese names line up; figures formatted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/text.h"
#include "ui.h"

char ui_decimal = ',';
int ui_group_max = 60;

/* The stored words shown translated: loan states, payment kinds, categories. */
static const char *const words[] = {
	N_("open"), N_("overdue"), N_("closed"), N_("interest"), N_("principal"), N_("savings"),
	N_("ngheo"), N_("can_ngheo"), N_("moi_thoat_ngheo"), N_("khac"), N_("xa"), N_("thi_tran"),
	N_("draft"), N_("applied"), N_("discarded"), N_("undone"),
};

const char *ui_word(const char *v)
{
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcmp(words[i], v) == 0)
			return _(words[i]);
	return v;
}

void ui_put(WINDOW *w, int y, int x, const char *s, int width, int right)
{
	char clean[516];
	size_t j = 0;
	/* Control characters in the data would move the cursor: show them as
	 * spaces, C1 controls (U+0080..U+009F, C2 80..C2 9F) too. */
	for (size_t i = 0; s && s[i] && j < 511; i++) {
		unsigned char b = (unsigned char)s[i], b2 = (unsigned char)s[i + 1];
		if (b == 0xC2 && b2 >= 0x80 && b2 <= 0x9F) {
			clean[j++] = ' ';
			i++;
			continue;
		}
		clean[j++] = b < 0x20 || b == 0x7f ? ' ' : s[i];
	}
	clean[j] = '\0';
	if (width <= 0)
		return;
	size_t fit = text_fit(clean, (size_t)width);
	if (clean[fit] && width > 1) {
		/* Cut text ends with an ellipsis so a cut name is not taken for a whole one. */
		fit = text_fit(clean, (size_t)width - 1);
		memcpy(clean + fit, "…", sizeof "…");
	} else {
		clean[fit] = '\0';
	}
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
		double d = 0;
		/* The SQL rounds half away from zero to one decimal; show a decimal comma. */
		parse_number(v, &d);
		snprintf(out, n, "%.1f", d);
		if ((dot = strchr(out, '.')))
			*dot = ui_decimal;
		break;
	}
	case COL_WORD:
		snprintf(out, n, "%s", ui_word(v));
		break;
	case COL_SIZE:
		/* Above the bank's bound: "215!"; the others keep the digits aligned. */
		snprintf(out, n, "%s%s", v, atoll(v) > ui_group_max ? "!" : " ");
		break;
	default:
		snprintf(out, n, "%s", v);
	}
}

/* The narrowest a column may be: its minimum, or its header's width. */
static int column_min(const struct column *c)
{
	int hw = (int)text_width(_(c->header)) + 1;
	return hw > c->min ? hw : c->min;
}

void listview_layout(struct screen *s, int width)
{
	const struct table_def *d = s->def;
	int need = 0, flex = -1;
	/* Drop the least needed columns until the rest fit. */
	for (int keep = 3; keep >= 1; keep--) {
		need = 0;
		s->nshown = 0;
		for (int c = 0; c < d->ncols; c++)
			if (d->cols[c].priority <= keep) {
				s->shown[s->nshown] = c;
				s->width[s->nshown++] = column_min(&d->cols[c]);
				need += column_min(&d->cols[c]) + 1;
			}
		if (need <= width)
			break;
	}
	int left = width - need + 1;
	for (int i = 0; i < s->nshown; i++)
		if (d->cols[s->shown[i]].max == 0 && flex < 0)
			flex = i;
	/* The flexible column (the name) grows first, to 32, then the others to
	 * their maximum, then the flexible one again, to 56 at most. */
	if (flex >= 0) {
		int grow = 32 - s->width[flex];
		grow = grow < 0 ? 0 : grow > left ? left : grow;
		s->width[flex] += grow;
		left -= grow;
	}
	for (int i = 0; i < s->nshown && left > 0; i++) {
		const struct column *c = &d->cols[s->shown[i]];
		int grow = c->max > s->width[i] ? c->max - s->width[i] : 0;
		grow = grow > left ? left : grow;
		s->width[i] += grow;
		left -= grow;
	}
	if (flex >= 0 && left > 0)
		s->width[flex] += left < 24 ? left : 24;
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
