/* Drawing a list: columns laid out by display width, cut and padded by
 * display columns so Vietnamese names line up; figures formatted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/text.h"
#include "columns.h"
#include "frame.h"

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

/* How column C may be laid out for the rows read: text (names) from its
 * minimum to its maximum (0: the room left); anything else whole, as wide
 * as its header and its widest value in the rows read. */
static void column_spec(const struct screen *s, int c, struct colspec *sp)
{
	const struct column *col = &s->def->cols[c];
	int hw = (int)text_width(_(col->header)) + (s->loaded && c == s->sort_col);
	sp->priority = col->priority;
	sp->flex = col->kind == COL_TEXT && col->max == 0;
	if (col->kind == COL_TEXT) {
		sp->min = col->min > hw ? col->min : hw;
		sp->max = col->max > sp->min ? col->max : sp->min;
		return;
	}
	int need = col->min > hw ? col->min : hw;
	for (int i = 0; i < s->model.cache_n; i++) {
		char buf[256];
		ui_format(col->kind, s->model.cache[i].col[c], buf, sizeof buf);
		int w = (int)text_width(buf);
		need = w > need ? w : need;
	}
	sp->min = need;
	sp->max = col->max > need ? col->max : need;
}

void listview_layout(struct screen *s, int width)
{
	struct colspec spec[16];
	int n = s->def->ncols < 16 ? s->def->ncols : 16;
	for (int c = 0; c < n; c++)
		column_spec(s, c, &spec[c]);
	s->nshown = columns_scroll(spec, n, s->hscroll, width, s->shown, s->width, &s->more_left,
				   &s->more_right);
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
	/* Read the rows shown first: the columns are as wide as their values. */
	listmodel_row(m, m->top, &err);
	if (m->count > 0 && m->top + height - 1 < m->count)
		listmodel_row(m, m->top + height - 1, &err);
	listview_layout(s, getmaxx(w));
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
		frame_message(t, 1, "%s", err.msg);
}
