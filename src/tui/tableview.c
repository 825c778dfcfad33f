/* The list screens' shared behaviour over a table_def: paging, search as
 * you type, sorting and drill-down (the forms they open are in tableedit.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "find.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/search.h"
#include "tkvv/text.h"
#include "lineedit.h"
#include "loancodes.h"
#include "frame.h"

/* Set the ORDER BY of S from its sort column. */
static void tableview_order(struct screen *s)
{
	char *order;
	if (s->sort_col < 0 && s->def->key) {
		listmodel_set_key(&s->model, s->def->key);
		return;
	}
	if (s->sort_col < 0 && s->def->sort_narrow && (s->filter.loan || s->filter.member))
		order = xasprintf("ORDER BY %s", s->def->sort_narrow);
	else if (s->sort_col < 0)
		order = xasprintf("ORDER BY %s", s->def->sort_default);
	else
		order = xasprintf("ORDER BY %s %s, x.id", s->def->cols[s->sort_col].expr,
				  s->sort_desc ? "DESC" : "ASC");
	listmodel_set_order(&s->model, order);
	free(order);
}

/* Append " AND COND" when VALUE is set, COND written with ?1 for the value. */
int tui_where(struct strbuf *sb, char binds[][32], int n, const char *cond, sqlite3_int64 value)
{
	if (!value || n >= LISTMODEL_MAXBINDS)
		return n;
	snprintf(binds[n], 32, "%lld", (long long)value);
	char buf[256];
	/* Conditions are written with ?1; renumber to this bind's place. */
	size_t j = 0;
	for (const char *c = cond; *c && j + 4 < sizeof buf; c++) {
		if (c[0] == '?' && c[1] == '1') {
			j += (size_t)snprintf(buf + j, sizeof buf - j, "?%d", n + 1);
			c++;
		} else {
			buf[j++] = *c;
		}
	}
	buf[j] = '\0';
	sb_addf(sb, " AND %s", buf);
	return n + 1;
}

/* Whether F narrows nothing. */
static int filter_empty(const struct filter *f)
{
	return !f->commune && !f->hamlet && !f->group && !f->member && !f->loan && !f->org[0] &&
	       !f->program[0] && !f->status[0];
}

void tableview_reload(struct tui *t, struct screen *s)
{
	struct strbuf sb;
	char binds[LISTMODEL_MAXBINDS][32];
	const char *bp[LISTMODEL_MAXBINDS + 1] = {0};
	struct tkvv_err err;
	sb_init(&sb);
	int n = s->def->from(&s->filter, &sb, binds);
	for (int i = 0; i < n; i++)
		bp[i] = binds[i];
	listmodel_set_from(&s->model, sb.buf, bp);
	sb_free(&sb);
	tableview_order(s);
	/* The whole list in its own order is searched by parent. */
	int by_parent = s->def->search_parent && filter_empty(&s->filter) && s->sort_col < 0;
	listmodel_set_parent(&s->model, by_parent ? s->def->search_parent : NULL, s->def->search_nearest);
	/* The FTS table (or the loans table) holds every row: unfiltered, its count is the list's. */
	listmodel_set_whole(&s->model, (s->def->search_fts || s->def->search_whole) && filter_empty(&s->filter));
	err_clear(&err);
	if (listmodel_reload(&s->model, &err) < 0)
		frame_message(t, 1, "%s", err.msg);
	listmodel_goto(&s->model, s->model.cursor, frame_body_height(t));
}

/* Start the screen's list model the first time it is shown. */
static void tableview_enter(struct tui *t, struct screen *s)
{
	if (s->def->figures && t->figures_stale)
		tui_refresh_figures(t);
	if (!s->loaded) {
		struct strbuf sb;
		sb_init(&sb);
		sb_adds(&sb, "");
		for (int c = 0; c < s->def->ncols; c++)
			sb_addf(&sb, "%s%s", c ? ", " : "", s->def->cols[c].expr);
		listmodel_init(&s->model, t->db, s->def->ncols, "x.id", sb.buf);
		sb_free(&sb);
		s->sort_col = -1;
		s->loaded = 1;
	}
	tableview_reload(t, s);
	listview_layout(s, getmaxx(t->body));
}

/* Draw the list. */
static void tableview_draw(struct tui *t, struct screen *s, WINDOW *w)
{
	listview_draw(t, s, w);
}

/* Lay the columns out again for the new width. */
static void tableview_resize(struct tui *t, struct screen *s)
{
	listview_layout(s, getmaxx(t->body));
	listmodel_goto(&s->model, s->model.cursor, frame_body_height(t));
}

/* The keys this screen offers on the bar. */
static unsigned long tableview_hints(struct tui *t, struct screen *s)
{
	(void)t;
	unsigned long h = HINT(A_HELP) | HINT(A_SEARCH) | HINT(A_EDIT) | HINT(A_FILTER) |
			  HINT(A_ADD) | HINT(A_DELETE) | HINT(A_QUIT);
	if (s->def->sortable)
		h |= HINT(A_SORT);
	if (s->def->id == SCREEN_LOANS || s->def->id == SCREEN_PAYMENTS)
		h |= HINT(A_PAY);
	if (s->def->id == SCREEN_COMMUNES)
		h |= HINT(A_REGROUP);
	if (s->def->id == SCREEN_GROUPS)
		h |= HINT(A_SHEET);
	return h;
}

/* Nothing to release when the screen is left: it keeps its place. */
static void tableview_leave(struct tui *t, struct screen *s)
{
	(void)t;
	(void)s;
}

void tui_loan_codes(struct tui *t)
{
	struct tkvv_err err;
	err_clear(&err);
	if (loancodes_build(t->db, &err) < 0)
		frame_message(t, 1, "%s", err.msg);
}

/* Turn what the officer typed into the query the screen's search wants:
 * the core's FTS5 expression for members, folded text for the others. */
static char *search_query(const struct screen *s, const char *needle)
{
	if (!s->def->search_fts) {
		/* For LIKE ... ESCAPE '\': what is typed is matched as it is. */
		char *folded = text_fold(needle);
		struct strbuf sb;
		sb_init(&sb);
		sb_adds(&sb, "");
		for (const char *c = folded; *c; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				sb_addc(&sb, '\\');
			sb_addc(&sb, *c);
		}
		free(folded);
		return sb_detach(&sb);
	}
	char *q = search_fts_expr(needle, 1);
	return q ? q : xstrdup("");
}

void tableview_prepare(struct tui *t, struct screen *s)
{
	struct tkvv_err err;
	err_clear(&err);
	/* A list searched by parent only when whole (a loan's payments are few). */
	if (s->def->search_prepare && (s->model.parent || !s->def->search_parent))
		s->def->search_prepare(t);
	if (listmodel_sample(&s->model, &err) < 0)
		frame_message(t, 1, "%s", err.msg);
}

void tableview_find(struct tui *t, struct screen *s, long start)
{
	struct tkvv_err err;
	err_clear(&err);
	char *q = s->model.parent || s->def->search_prefix ? text_fold(s->needle) : search_query(s, s->needle);
	tableview_prepare(t, s);
	const char *sql = s->model.parent ? s->def->search_parent_sql : s->def->search_sql;
	long n = *q ? listmodel_search(&s->model, sql, q, &err) : 0;
	free(q);
	if (!*s->needle)
		s->model.nmatch = 0;
	long pos = n > 0 ? listmodel_find(&s->model, start, 1, &err) : -1;
	if (n < 0 || err.msg[0]) {
		frame_message(t, 1, "%s", err.msg);
		return;
	}
	/* No match: the cursor goes back to where the search started. */
	listmodel_goto(&s->model, pos >= 0 ? pos : start, frame_body_height(t));
	if (n == 0 && *s->needle && s->def->id != SCREEN_MEMBERS)
		/* A person is not in this list: say where to find her. */
		frame_message(t, 1, "/%s   0 %s — %s: %s", s->needle, _("matches"), find_key(), _("find a member"));
	else
		frame_message(t, n == 0 && *s->needle, "/%s   %ld %s", s->needle, n, _("matches"));
}

/* Draw the screen with the search line "/NEEDLE   N matches" and the
 * list's position, the needle edited in LE (scrolled when long) with the
 * cursor in it: the frame of frame_draw, in one refresh pass. */
static void search_frame(struct tui *t, struct screen *s, struct lineedit *le)
{
	WINDOW *w = t->msg;
	const char *m = t->message;
	size_t nl = strlen(s->needle);
	char pos[64];
	frame_position(s, pos, sizeof pos);
	int pw = (int)text_width(pos), room = getmaxx(w) - pw - 1, x = -1;
	frame_draw_top(t);
	s->ops->draw(t, s, t->body);
	frame_keybar(t, t->bar, s->ops->hints(t, s));
	werase(w);
	wattrset(w, colors_attr(t, t->message_error ? C_ERROR : C_NORMAL));
	if (m[0] == '/' && strncmp(m + 1, s->needle, nl) == 0) {
		/* The message without the needle goes after the field. */
		const char *rest = m + 1 + nl;
		int rw = (int)text_width(rest), nw = (int)text_width(s->needle), fw = nw + 1;
		if (1 + fw + rw > room)
			fw = room - 1 - (rw < room / 2 ? rw : room / 2);
		fw = fw < 2 ? 2 : fw;
		ui_put(w, 0, 0, "/", 1, 0);
		x = lineedit_draw(w, 0, 1, fw, le);
		int rx = 1 + (fw > nw ? nw : fw);
		ui_put(w, 0, rx, rest, room - rx, 0);
	} else {
		ui_put(w, 0, 0, m, room, 0);
	}
	wattrset(w, A_NORMAL);
	ui_put(w, 0, getmaxx(w) - pw, pos, pw, 1);
	if (x >= 0)
		wmove(w, 0, x);
	wnoutrefresh(t->top);
	wnoutrefresh(t->body);
	wnoutrefresh(t->bar);
	wnoutrefresh(w);
	doupdate();
}

/* Search as you type: each key updates the matches; Enter keeps, Esc leaves. */
static int tableview_search(struct tui *t, struct screen *s)
{
	long start = s->model.cursor;
	struct lineedit le;
	s->needle[0] = '\0';
	lineedit_init(&le, NULL, sizeof s->needle - 1);
	frame_message(t, 0, "/   %s", _("type part of a name, code, ID or phone; Enter: done"));
	tableview_prepare(t, s);
	curs_set(1);
	for (;;) {
		search_frame(t, s, &le);
		wint_t ch;
		int kc = frame_read_key(t, &ch);
		if (kc < 0)
			continue;
		if ((kc == OK && (ch == '\n' || ch == '\r' || ch == 27)) || (kc == KEY_CODE_YES && ch == KEY_ENTER))
			break;
		if (lineedit_key(&le, kc, ch) != LE_CHANGED)
			continue;
		snprintf(s->needle, sizeof s->needle, "%s", le.buf);
		tableview_find(t, s, start);
	}
	curs_set(0);
	lineedit_free(&le);
	if (!*s->needle)
		t->message[0] = '\0';
	return UI_REDRAW;
}

/* Sort by the next column shown; figures start with the largest, text with A. */
static int next_sort(struct tui *t, struct screen *s, int reverse)
{
	if (reverse) {
		s->sort_desc = !s->sort_desc;
	} else {
		int i = 0;
		while (i < s->nshown && s->shown[i] != s->sort_col)
			i++;
		s->sort_col = i + 1 < s->nshown ? s->shown[i + 1] : i == s->nshown ? s->shown[0] : -1;
		s->sort_desc = s->sort_col >= 0 && COL_RIGHT(s->def->cols[s->sort_col].kind);
	}
	tableview_reload(t, s);
	frame_message(t, 0, "%s: %s%s", _("Sorted by"),
		    s->sort_col >= 0 ? _(s->def->cols[s->sort_col].header) : _("default order"),
		    s->sort_col >= 0 ? (s->sort_desc ? " ▼" : " ▲") : "");
	return UI_REDRAW;
}

/* Move the cursor for a navigation key; UI_IGNORED for the others. */
static int tableview_move(struct tui *t, struct screen *s, enum action a)
{
	struct listmodel *m = &s->model;
	struct tkvv_err err;
	int h = frame_body_height(t);
	err_clear(&err);
	switch (a) {
	case A_UP: listmodel_move(m, -1, h); break;
	case A_DOWN: listmodel_move(m, 1, h); break;
	case A_PGUP: m->top -= h; listmodel_move(m, -h, h); break;
	case A_PGDN: m->top += h; listmodel_move(m, h, h); break;
	case A_HOME: listmodel_goto(m, 0, h); break;
	case A_END: listmodel_goto(m, m->count - 1, h); break;
	case A_NEXT:
	case A_PREV: {
		long pos = listmodel_find(m, m->cursor + (a == A_NEXT ? 1 : -1), a == A_NEXT ? 1 : -1, &err);
		if (pos >= 0)
			listmodel_goto(m, pos, h);
		frame_message(t, pos < 0, "/%s   %ld %s", s->needle, m->nmatch, _("matches"));
		break;
	}
	default: return UI_IGNORED;
	}
	return UI_REDRAW;
}

int tableview_key(struct tui *t, struct screen *s, enum action a, wint_t ch)
{
	struct tkvv_err err;
	(void)ch;
	err_clear(&err);
	if (tableview_move(t, s, a) != UI_IGNORED)
		return UI_REDRAW;
	const struct listrow *row = listmodel_row(&s->model, s->model.cursor, &err);
	switch (a) {
	case A_SEARCH: return tableview_search(t, s);
	case A_COLLEFT:
	case A_COLRIGHT:
		/* Scroll to the columns a narrow terminal hides. */
		if (a == A_COLLEFT ? s->hscroll > 0 : s->more_right)
			s->hscroll += a == A_COLLEFT ? -1 : 1;
		return UI_REDRAW;
	case A_SORT:
	case A_INVERT: return s->def->sortable ? next_sort(t, s, a == A_INVERT) : UI_IGNORED;
	case A_FILTER: return tableedit_filter(t, s);
	case A_ADD: return s->def->id == SCREEN_PAYMENTS ? tableedit_payment(t, s, row) : tableedit_add(t, s);
	case A_PAY: return tableedit_payment(t, s, row);
	case A_SHEET: return s->def->id == SCREEN_GROUPS && row ? sheet_screen_run(t, row->id) : UI_IGNORED;
	case A_ENTER: {
		struct filter next;
		memset(&next, 0, sizeof next);
		/* The last screen has nothing under it: Enter edits the row there. */
		if (row && !s->def->drill)
			return tableedit_edit(t, s, row);
		int id = row ? s->def->drill(t, row->id, row, &next) : -1;
		if (id >= 0)
			frame_goto_screen(t, id, &next, 1);
		return UI_REDRAW;
	}
	case A_EDIT: return row ? tableedit_edit(t, s, row) : UI_IGNORED;
	case A_DELETE: return row ? tableedit_delete(t, s, row) : UI_IGNORED;
	default: return UI_IGNORED;
	}
}

const struct screen_ops tableview_ops = {
	tableview_enter, tableview_draw, tableview_key, tableview_resize, tableview_hints,
	tableview_leave,
};

