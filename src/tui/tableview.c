/* The list screens' shared behaviour: paging, search as you type, sorting,
 * drill-down and the add/edit/delete/payment actions over a table_def. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/search.h"
#include "tkvv/text.h"
#include "ui.h"

static int tableview_filter(struct tui *t, struct screen *s);

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
		order = xasprintf("ORDER BY %s %s, 1", s->def->cols[s->sort_col].expr,
				  s->sort_desc ? "DESC" : "ASC");
	listmodel_set_order(&s->model, order);
	free(order);
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
	err_clear(&err);
	if (listmodel_reload(&s->model, &err) < 0)
		tui_message(t, 1, "%s", err.msg);
	listmodel_goto(&s->model, s->model.cursor, tui_body_height(t));
}

/* Start the screen's list model the first time it is shown. */
static void tableview_enter(struct tui *t, struct screen *s)
{
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
	listmodel_goto(&s->model, s->model.cursor, tui_body_height(t));
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
	return h;
}

/* Nothing to release when the screen is left: it keeps its place. */
static void tableview_leave(struct tui *t, struct screen *s)
{
	(void)t;
	(void)s;
}

/* Turn what the officer typed into the query the screen's search wants:
 * the core's FTS5 expression for members, folded text for the others. */
static char *search_query(const struct screen *s, const char *needle)
{
	if (!s->def->search_fts)
		return text_fold(needle);
	char *q = search_fts_expr(needle, 1);
	return q ? q : xstrdup("");
}

void tableview_find(struct tui *t, struct screen *s, long start)
{
	struct tkvv_err err;
	err_clear(&err);
	char *q = search_query(s, s->needle);
	long n = *q ? listmodel_search(&s->model, s->def->search_sql, q, &err) : 0;
	free(q);
	if (!*s->needle)
		s->model.nmatch = 0;
	long pos = n > 0 ? listmodel_find(&s->model, start, 1, &err) : -1;
	if (n < 0 || err.msg[0]) {
		tui_message(t, 1, "%s", err.msg);
		return;
	}
	if (pos >= 0)
		listmodel_goto(&s->model, pos, tui_body_height(t));
	tui_message(t, n == 0 && *s->needle, "/%s   %ld %s", s->needle, n, _("matches"));
}

/* Search as you type: each key updates the matches; Enter keeps, Esc leaves. */
static int tableview_search(struct tui *t, struct screen *s)
{
	long start = s->model.cursor;
	s->needle[0] = '\0';
	tui_message(t, 0, "/   %s", _("type part of a name, code, ID or phone; Enter: done"));
	for (;;) {
		tui_frame(t);
		wint_t ch;
		int kc = wget_wch(t->msg, &ch);
		size_t len = strlen(s->needle);
		if (kc == KEY_CODE_YES && ch == KEY_RESIZE) {
			tui_layout(t);
			continue;
		}
		if (kc == OK && (ch == '\n' || ch == '\r' || ch == 27))
			break;
		if ((kc == KEY_CODE_YES && ch == KEY_BACKSPACE) || (kc == OK && (ch == 127 || ch == 8))) {
			while (len > 0 && ((unsigned char)s->needle[--len] & 0xC0) == 0x80)
				;
			s->needle[len] = '\0';
		} else if (kc == OK && ch >= ' ') {
			char mb[MB_LEN_MAX + 1];
			int n = wctomb(mb, (wchar_t)ch);
			if (n <= 0 || len + (size_t)n >= sizeof s->needle)
				continue;
			memcpy(s->needle + len, mb, (size_t)n);
			s->needle[len + (size_t)n] = '\0';
		} else {
			continue;
		}
		tableview_find(t, s, start);
	}
	return UI_REDRAW;
}

/* After a write: figures, the list, and the cursor on record ID when it is there. */
static void after_write(struct tui *t, struct screen *s, sqlite3_int64 id)
{
	tui_refresh_figures(t);
	for (int i = 0; i < SCREEN_COUNT; i++)
		if (t->screens[i].loaded && &t->screens[i] != s)
			t->screens[i].loaded = 2;  /* reload when shown again */
	tableview_reload(t, s);
	if (id) {
		struct tkvv_err err;
		err_clear(&err);
		listmodel_goto_id(&s->model, id, tui_body_height(t), &err);
	}
}

/* Open a form on record ID of KIND (0: a new one with PRESET) and save it. */
static int edit_record(struct tui *t, struct screen *s, enum record_kind kind, sqlite3_int64 id,
		       const char *const *preset)
{
	struct record r;
	struct tkvv_err err;
	err_clear(&err);
	if (record_open(&r, t->db, kind, id, preset, &err) < 0) {
		tui_message(t, 1, "%s", err.msg);
		return UI_REDRAW;
	}
	if (form_run(t, &r)) {
		tui_message(t, 0, "%s: %s %s", _("Saved"), _(r.def->title), r.value[0]);
		after_write(t, s, kind == s->def->record ? r.id : 0);
	}
	record_free(&r);
	return UI_REDRAW;
}

/* Add a record of the screen's kind, preset from its filter. */
static int add_record(struct tui *t, struct screen *s)
{
	const char *kv[2 * RECORD_MAXFIELDS + 1] = {0};
	char buf[RECORD_MAXFIELDS][64];
	enum record_kind kind = s->def->record;
	if (s->def->preset)
		s->def->preset(t, &s->filter, kv, buf);
	if (s->def->id == SCREEN_COMMUNES) {
		struct tkvv_err err;
		const struct listrow *row = listmodel_row(&s->model, s->model.cursor, &err);
		sqlite3_int64 id = row ? row->id : 0;
		/* On the communes screen: a hamlet of the selected commune, or a commune. */
		if (row && ui_confirm(t, _("Add a hamlet to the selected commune? (y: hamlet, n: new commune)"))) {
			sqlite3 *db = t->db;
			sqlite3_stmt *st;
			if (sqlite3_prepare_v2(db, "SELECT c.code FROM communes c WHERE c.id = ?1 OR c.id ="
					       " (SELECT commune_id FROM hamlets WHERE id = ?2)", -1, &st, NULL) == SQLITE_OK) {
				sqlite3_bind_int64(st, 1, -id);
				sqlite3_bind_int64(st, 2, id);
				if (sqlite3_step(st) == SQLITE_ROW)
					snprintf(buf[0], sizeof buf[0], "%s", sqlite3_column_text(st, 0));
				sqlite3_finalize(st);
			}
			kv[0] = "commune";
			kv[1] = buf[0];
		} else {
			kind = REC_COMMUNE;
		}
	}
	return edit_record(t, s, kind, 0, kv);
}

/* Delete the selected record after asking. */
static int delete_record(struct tui *t, struct screen *s, const struct listrow *row)
{
	struct tkvv_err err;
	char q[300];
	sqlite3_int64 rid = row->id;
	enum record_kind rk = s->def->record_of ? s->def->record_of(&rid) : s->def->record;
	snprintf(q, sizeof q, _("Delete %s %s? (y/n)"), _(record_def(rk)->title),
		 row->col[0] ? row->col[0] : "");
	if (!ui_confirm(t, q))
		return UI_REDRAW;
	err_clear(&err);
	sqlite3_int64 id = row->id;
	enum record_kind kind = s->def->record_of ? s->def->record_of(&id) : s->def->record;
	if (record_delete(t->db, kind, id, &err) < 0)
		tui_message(t, 1, "%s", err.msg);
	else {
		tui_message(t, 0, "%s", _("Deleted"));
		after_write(t, s, 0);
	}
	return UI_REDRAW;
}

/* Record a payment of the selected loan (or of the payments' loan). */
static int add_payment(struct tui *t, struct screen *s, const struct listrow *row)
{
	char loan[64] = "", today[16];
	record_fmt_date(t->today, today, sizeof today);
	if (s->def->id == SCREEN_LOANS && row && row->col[0])
		snprintf(loan, sizeof loan, "%s", row->col[0]);
	else if (s->def->id == SCREEN_PAYMENTS && row && row->col[0])
		snprintf(loan, sizeof loan, "%s", row->col[0]);
	else if (s->filter.loan) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(t->db, "SELECT code FROM loans WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, s->filter.loan);
			if (sqlite3_step(st) == SQLITE_ROW)
				snprintf(loan, sizeof loan, "%s", sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
		}
	}
	const char *kv[] = {"loan", loan, "paid_on", today, "kind", "interest", NULL};
	int rc = edit_record(t, s, REC_PAYMENT, 0, kv);
	if (s->def->id == SCREEN_LOANS)
		tableview_reload(t, s);
	return rc;
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
	tui_message(t, 0, "%s: %s%s", _("Sorted by"),
		    s->sort_col >= 0 ? _(s->def->cols[s->sort_col].header) : _("default order"),
		    s->sort_col >= 0 ? (s->sort_desc ? " ▼" : " ▲") : "");
	return UI_REDRAW;
}

int tableview_key(struct tui *t, struct screen *s, enum action a, wint_t ch)
{
	struct listmodel *m = &s->model;
	int h = tui_body_height(t);
	struct tkvv_err err;
	(void)ch;
	err_clear(&err);
	const struct listrow *row = listmodel_row(m, m->cursor, &err);
	switch (a) {
	case A_UP: listmodel_move(m, -1, h); return UI_REDRAW;
	case A_DOWN: listmodel_move(m, 1, h); return UI_REDRAW;
	case A_PGUP: m->top -= h; listmodel_move(m, -h, h); return UI_REDRAW;
	case A_PGDN: m->top += h; listmodel_move(m, h, h); return UI_REDRAW;
	case A_HOME: listmodel_goto(m, 0, h); return UI_REDRAW;
	case A_END: listmodel_goto(m, m->count - 1, h); return UI_REDRAW;
	case A_SEARCH: return tableview_search(t, s);
	case A_NEXT:
	case A_PREV: {
		long pos = listmodel_find(m, m->cursor + (a == A_NEXT ? 1 : -1), a == A_NEXT ? 1 : -1, &err);
		if (pos >= 0)
			listmodel_goto(m, pos, h);
		tui_message(t, pos < 0, "/%s   %ld %s", s->needle, m->nmatch, _("matches"));
		return UI_REDRAW;
	}
	case A_SORT:
	case A_INVERT: return s->def->sortable ? next_sort(t, s, a == A_INVERT) : UI_IGNORED;
	case A_FILTER: return tableview_filter(t, s);
	case A_ADD: return s->def->id == SCREEN_PAYMENTS ? add_payment(t, s, row) : add_record(t, s);
	case A_PAY: return add_payment(t, s, row);
	default: break;
	}
	if (!row)
		return UI_IGNORED;
	switch (a) {
	case A_ENTER: {
		struct filter next;
		memset(&next, 0, sizeof next);
		int id = s->def->drill ? s->def->drill(t, row->id, row, &next) : -1;
		if (id >= 0)
			tui_goto_screen(t, id, &next, 1);
		return UI_REDRAW;
	}
	case A_EDIT: {
		sqlite3_int64 id = row->id;
		enum record_kind kind = s->def->record_of ? s->def->record_of(&id) : s->def->record;
		return edit_record(t, s, kind, id, NULL);
	}
	case A_DELETE: return delete_record(t, s, row);
	default: return UI_IGNORED;
	}
}

const struct screen_ops tableview_ops = {
	tableview_enter, tableview_draw, tableview_key, tableview_resize, tableview_hints,
	tableview_leave,
};

/* The code of row ID in TABLE into OUT ("" when none). */
static void code_of(struct tui *t, const char *table, sqlite3_int64 id, char *out, size_t n)
{
	char sql[64];
	sqlite3_stmt *st;
	out[0] = '\0';
	snprintf(sql, sizeof sql, "SELECT code FROM %s WHERE id = ?1", table);
	if (!id || sqlite3_prepare_v2(t->db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* The filter form: commune, hamlet, organisation, programme, loan status. */
static int tableview_filter(struct tui *t, struct screen *s)
{
	char commune[64], hamlet[64];
	struct filter *f = &s->filter;
	struct tkvv_err err;
	struct record r;
	code_of(t, "communes", f->commune, commune, sizeof commune);
	code_of(t, "hamlets", f->hamlet, hamlet, sizeof hamlet);
	const char *kv[] = {"commune", commune, "hamlet", hamlet, "org", f->org, "program", f->program,
			    "status", f->status, NULL};
	err_clear(&err);
	if (record_open(&r, t->db, REC_FILTER, 0, kv, &err) < 0)
		return UI_REDRAW;
	if (form_run(t, &r)) {
		/* An explicit filter replaces the drill-down's group, member and loan. */
		memset(f, 0, sizeof *f);
		f->commune = *r.value[0] ? db_id_by_code(t->db, "communes", r.value[0], &err) : 0;
		f->hamlet = *r.value[1] ? db_id_by_code(t->db, "hamlets", r.value[1], &err) : 0;
		snprintf(f->org, sizeof f->org, "%s", r.value[2]);
		snprintf(f->program, sizeof f->program, "%s", r.value[3]);
		snprintf(f->status, sizeof f->status, "%s", r.value[4]);
		tui_describe(t, f);
		s->model.cursor = s->model.top = 0;
		tableview_reload(t, s);
		tui_message(t, 0, "%s: %ld", _("Rows shown"), s->model.count);
	}
	record_free(&r);
	return UI_REDRAW;
}
