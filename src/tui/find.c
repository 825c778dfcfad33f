/* The global find: Ctrl-F on any screen asks for part of a name (without
 * accents), a code, a national ID or a phone, searches the members with the
 * core's FTS5 search (as `tkvv search` does) on each key, and shows the
 * matches in a pick list: name, code, hamlet, group. Enter opens the one
 * selected on screen 3, on her row; Esc leaves everything as it was. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"
#include "frame.h"
#include "tkvv/i18n.h"
#include "tkvv/text.h"

static struct search_cache *cache;

void find_done(void)
{
	search_cache_free(cache);
	cache = NULL;
}

const char *find_key(void)
{
	static char buf[24];
	const char *k = actions_keyname(A_FIND);
	/* The [keys] spelling C-f reads Ctrl-F on the screen. */
	if (k[0] == 'C' && k[1] == '-' && k[2] && !k[3])
		snprintf(buf, sizeof buf, "Ctrl-%c", toupper((unsigned char)k[2]));
	else
		snprintf(buf, sizeof buf, "%s", k);
	return buf;
}

long find_update(struct tui *t, struct find *f, const char *text)
{
	struct tkvv_err err;
	err_clear(&err);
	search_page_free(&f->page);
	memset(&f->page, 0, sizeof f->page);
	f->sel = f->top = 0;
	if (!cache)
		cache = search_cache_new();
	if (search_members(t->db, cache, text, 0, FIND_MAX, &f->page, &err) < 0) {
		frame_message(t, 1, "%s", err.msg);
		return -1;
	}
	frame_message(t, 0, "%ld %s", f->page.total, _("matches"));
	return f->page.total;
}

/* The widest of the header H and column C of the rows of F, at most MAX. */
static int find_width(const struct find *f, const char *h, int c, int max)
{
	int w = (int)text_width(h);
	for (size_t i = 0; i < f->page.n; i++) {
		const struct search_member *r = &f->page.rows[i];
		const char *v = c == 1 ? r->code : c == 2 ? r->hamlet_name : r->group_code;
		int vw = (int)text_width(v);
		w = vw > w ? vw : w;
	}
	return w < max ? w : max;
}

/* The pick list's columns: name (what is left), code and group whole,
 * hamlet (cut first, then left out on a narrow terminal). */
static void find_columns(const struct find *f, const char *const head[4], int width, int w[4])
{
	w[1] = find_width(f, head[1], 1, 24);
	w[3] = find_width(f, head[3], 3, 24);
	w[2] = find_width(f, head[2], 2, 20);
	w[0] = width - w[1] - w[2] - w[3] - 3;
	if (w[0] < 16) {
		w[2] -= 16 - w[0];
		w[0] = 16;
		if (w[2] < 8) {
			w[0] += w[2] + 1;
			w[2] = 0;
		}
	}
}

/* One row of the pick list at Y. */
static void find_row(WINDOW *w, int y, const int wd[4], const char *const col[4])
{
	int x = 0;
	for (int c = 0; c < 4; c++) {
		if (!wd[c])
			continue;
		ui_put(w, y, x, col[c], wd[c], 0);
		x += wd[c];
		if (x < getmaxx(w))
			waddch(w, ' ');
		x++;
	}
	if (x < getmaxx(w))
		ui_put(w, y, x, "", getmaxx(w) - x, 0);
}

void find_draw(struct tui *t, struct find *f, struct lineedit *le)
{
	WINDOW *w = t->body, *m = t->msg;
	int h = getmaxy(w) - 1, wd[4];
	const char *head[4] = {_("Full name"), _("Code"), _("Hamlet"), _("Group")};
	find_columns(f, head, getmaxx(w), wd);
	if (f->sel < f->top)
		f->top = f->sel;
	if (h > 0 && f->sel >= f->top + h)
		f->top = f->sel - h + 1;
	frame_draw_top(t);
	werase(w);
	wattrset(w, colors_attr(t, C_HEADER));
	find_row(w, 0, wd, head);
	for (int y = 0; y < h && f->top + y < (int)f->page.n; y++) {
		const struct search_member *r = &f->page.rows[f->top + y];
		const char *col[4] = {r->full_name, r->code, r->hamlet_name, r->group_code};
		wattrset(w, colors_attr(t, f->top + y == f->sel ? C_SELECTED : C_NORMAL));
		find_row(w, y + 1, wd, col);
	}
	wattrset(w, A_NORMAL);
	frame_keybar(t, t->bar, HINT(A_HELP));
	/* The prompt, the field, then the count (or the error). */
	werase(m);
	const char *prompt = _("Find a member:");
	int pw = (int)text_width(prompt) + 1, width = getmaxx(m);
	int rw = (int)text_width(t->message) + 2, fw = width - pw - rw;
	if (fw < 8)
		fw = 8;
	ui_put(m, 0, 0, prompt, pw, 0);
	int x = lineedit_draw(m, 0, pw, fw, le);
	wattrset(m, colors_attr(t, t->message_error ? C_ERROR : C_NORMAL));
	if (pw + fw + 2 < width)
		ui_put(m, 0, pw + fw + 2, t->message, width - pw - fw - 2, 0);
	wattrset(m, A_NORMAL);
	wmove(m, 0, x);
	wnoutrefresh(t->top);
	wnoutrefresh(w);
	wnoutrefresh(t->bar);
	wnoutrefresh(m);
	doupdate();
}

int find_open(struct tui *t, sqlite3_int64 id)
{
	struct screen *s = &t->screens[SCREEN_MEMBERS];
	struct tkvv_err err;
	err_clear(&err);
	frame_goto_screen(t, SCREEN_MEMBERS, NULL, t->current != SCREEN_MEMBERS);
	if (listmodel_goto_id(&s->model, id, frame_body_height(t), &err) == 0)
		return 0;
	/* Her group, hamlet or commune is not the one shown: show them all. */
	memset(&s->filter, 0, sizeof s->filter);
	tableview_reload(t, s);
	err_clear(&err);
	return listmodel_goto_id(&s->model, id, frame_body_height(t), &err);
}

int find_run(struct tui *t)
{
	struct find f;
	struct lineedit le;
	char saved[sizeof t->message];
	int saved_error = t->message_error;
	memcpy(saved, t->message, sizeof saved);
	memset(&f, 0, sizeof f);
	lineedit_init(&le, NULL, 127);
	frame_message(t, 0, "%s", _("name without accents, code, ID or phone; Enter: open, Esc: leave"));
	curs_set(1);
	for (;;) {
		find_draw(t, &f, &le);
		wint_t ch;
		int kc = frame_read_key(t, &ch);
		if (kc < 0)
			continue;
		int page = frame_body_height(t);
		if (kc == OK && ch == 27) {
			memcpy(t->message, saved, sizeof saved);
			t->message_error = saved_error;
			break;
		}
		if ((kc == OK && (ch == '\n' || ch == '\r')) || (kc == KEY_CODE_YES && ch == KEY_ENTER)) {
			if (f.page.n == 0)
				continue;
			const struct search_member *r = &f.page.rows[f.sel];
			char *name = xasprintf("%s (%s)", r->full_name, r->code);
			if (find_open(t, r->id) == 0)
				frame_message(t, 0, "%s", name);
			else
				frame_message(t, 1, "%s: %s", name, _("not found"));
			free(name);
			break;
		}
		if (kc == KEY_CODE_YES && (ch == KEY_UP || ch == KEY_DOWN || ch == KEY_PPAGE || ch == KEY_NPAGE)) {
			int d = ch == KEY_UP ? -1 : ch == KEY_DOWN ? 1 : ch == KEY_PPAGE ? -page : page;
			f.sel += d;
			f.sel = f.sel >= (int)f.page.n ? (int)f.page.n - 1 : f.sel;
			f.sel = f.sel < 0 ? 0 : f.sel;
			continue;
		}
		if (lineedit_key(&le, kc, ch) == LE_CHANGED)
			find_update(t, &f, le.buf);
	}
	curs_set(0);
	lineedit_free(&le);
	search_page_free(&f.page);
	return UI_REDRAW;
}
