/* The main loop: the top line, the screen, the key bar and the message line;
 * one action lookup per key and one wnoutrefresh...doupdate pass. */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "figures.h"
#include "find.h"
#include "loancodes.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/text.h"
#include "tkvv/tui.h"
#include "ui.h"

static const struct table_def *const table_defs[SCREEN_COUNT] = {
	&screen_communes, &screen_groups, &screen_members, &screen_loans, &screen_payments,
	&screen_regroup, &screen_plans, &screen_reports,
};

/* Teach curses the Home/End/Delete spellings of the usual terminals (xterm,
 * VT220, rxvt, tmux), so a TERM that does not match the real terminal still
 * leaves these keys whole instead of an Esc that goes back a screen. */
static void tui_define_keys(void)
{
	static const struct { const char *seq; int key; } keys[] = {
		{"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME},
		{"\033[4~", KEY_END}, {"\033[8~", KEY_END}, {"\033[F", KEY_END}, {"\033OF", KEY_END},
		{"\033[3~", KEY_DC}, {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
	};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (key_defined(keys[i].seq) <= 0)
			define_key(keys[i].seq, keys[i].key);
}

int tui_read_key(struct tui *t, wint_t *ch)
{
	int kc = wget_wch(t->msg, ch);
	if (kc == ERR)
		return -1;
	if (kc == KEY_CODE_YES && *ch == KEY_RESIZE) {
		tui_layout(t);
		return -1;
	}
	return kc;
}

void tui_message(struct tui *t, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_error = error;
}

int tui_body_height(struct tui *t)
{
	return t->body ? getmaxy(t->body) - 1 : 1;
}

void tui_layout(struct tui *t)
{
	int rows = LINES < 6 ? 6 : LINES, cols = COLS < 20 ? 20 : COLS;
	if (t->top)
		delwin(t->top), delwin(t->body), delwin(t->bar), delwin(t->msg);
	t->top = newwin(1, cols, 0, 0);
	t->body = newwin(rows - 3, cols, 1, 0);
	t->bar = newwin(1, cols, rows - 2, 0);
	t->msg = newwin(1, cols, rows - 1, 0);
	keypad(t->msg, TRUE);
	keypad(t->body, TRUE);
	struct screen *s = &t->screens[t->current];
	if (s->ops->resize)
		s->ops->resize(t, s);
	clearok(curscr, TRUE);
}

void tui_draw_top(struct tui *t)
{
	struct screen *s = &t->screens[t->current];
	char head[128], right[200], date[16];
	int width = getmaxx(t->top);
	record_fmt_date(t->today, date, sizeof date);
	snprintf(head, sizeof head, " %d %s%s", t->current + 1, _(s->def->title), s->filter.label[0] ? ": " : "");
	snprintf(right, sizeof right, "  %s  %s ", t->db_name, date);
	int rw = (int)text_width(right), hw = (int)text_width(head);
	if (rw + hw + 10 > width) {
		snprintf(right, sizeof right, "  %s ", date);
		rw = (int)text_width(right);
	}
	werase(t->top);
	wbkgdset(t->top, colors_attr(t, C_TITLE));
	wattrset(t->top, colors_attr(t, C_TITLE));
	ui_put(t->top, 0, 0, head, hw, 0);
	const char *label = s->filter.label;
	int room = width - rw - hw;
	if ((int)text_width(label) > room) {
		while (*label && (int)text_width(label) > room - 1) {
			label++;
			while (((unsigned char)*label & 0xC0) == 0x80)
				label++;
		}
		ui_put(t->top, 0, hw, "…", 1, 0);
		ui_put(t->top, 0, hw + 1, label, room - 1, 0);
	} else {
		ui_put(t->top, 0, hw, label, room, 0);
	}
	ui_put(t->top, 0, width - rw, right, rw, 1);
}

/* Draw the message line, with the list's position on the right. */
static void draw_msg(struct tui *t)
{
	struct screen *s = &t->screens[t->current];
	char pos[64];
	int width = getmaxx(t->msg);
	snprintf(pos, sizeof pos, " %s%ld/%ld", listview_marks(s), s->model.count ? s->model.cursor + 1 : 0,
		 s->model.count);
	int pw = (int)text_width(pos);
	werase(t->msg);
	wattrset(t->msg, colors_attr(t, t->message_error ? C_ERROR : C_NORMAL));
	ui_put(t->msg, 0, 0, t->message, width - pw - 1, 0);
	wattrset(t->msg, A_NORMAL);
	ui_put(t->msg, 0, width - pw, pos, pw, 1);
}

void tui_frame(struct tui *t)
{
	struct screen *s = &t->screens[t->current];
	tui_draw_top(t);
	s->ops->draw(t, s, t->body);
	keybar_draw(t, t->bar, s->ops->hints(t, s));
	draw_msg(t);
	wnoutrefresh(t->top);
	wnoutrefresh(t->body);
	wnoutrefresh(t->bar);
	wnoutrefresh(t->msg);
	doupdate();
}

void tui_refresh_figures(struct tui *t)
{
	struct tkvv_err err;
	err_clear(&err);
	if (figures_groups(t->db, t->cfg, t->today, &err) < 0)
		tui_message(t, 1, "%s", err.msg);
	t->figures_stale = 0;
}

void tui_written(struct tui *t, sqlite3_int64 loan_id)
{
	struct tkvv_err err;
	err_clear(&err);
	if (figures_loans(t->db, t->today, loan_id, &err) < 0 || loancodes_written(t->db, loan_id, &err) < 0)
		tui_message(t, 1, "%s", err.msg);
	t->figures_stale = 1;
	t->writes++;
}

void tui_goto_screen(struct tui *t, int id, const struct filter *f, int push)
{
	struct screen *s = &t->screens[id];
	if (push && t->depth < (int)ARRAY_LEN(t->stack))
		t->stack[t->depth++] = t->current;
	if (t->screens[t->current].ops->leave)
		t->screens[t->current].ops->leave(t, &t->screens[t->current]);
	if (f) {
		s->filter = *f;
		s->model.cursor = s->model.top = 0;
	}
	t->current = id;
	t->message[0] = '\0';
	s->ops->enter(t, s);
}

/* Handle the keys every screen shares; returns UI_IGNORED for the others. */
static int global_key(struct tui *t, enum action a)
{
	switch (a) {
	case A_QUIT: t->quit = 1; return UI_QUIT;
	case A_HELP: help_run(t); return UI_REDRAW;
	case A_BACK:
		if (t->depth > 0)
			tui_goto_screen(t, t->stack[--t->depth], NULL, 0);
		return UI_REDRAW;
	case A_SCREEN1: case A_SCREEN2: case A_SCREEN3: case A_SCREEN4: case A_SCREEN5:
		tui_goto_screen(t, a - A_SCREEN1, NULL, 1);
		return UI_REDRAW;
	case A_SCREEN8:
		tui_goto_screen(t, SCREEN_REPORTS, NULL, 1);
		return UI_REDRAW;
	case A_SCREEN6: case A_SCREEN7:
		tui_goto_screen(t, a == A_SCREEN6 ? SCREEN_REGROUP : SCREEN_PLANS, NULL, 1);
		return UI_REDRAW;
	case A_REGROUP: regroup_from_list(t); return UI_REDRAW;
	case A_FIND: return find_run(t);
	default: return UI_IGNORED;
	}
}

/* Read keys until the officer quits. */
static void tui_loop(struct tui *t)
{
	while (!t->quit) {
		tui_frame(t);
		wint_t ch;
		int kc = tui_read_key(t, &ch);
		if (kc < 0)
			continue;
		struct screen *s = &t->screens[t->current];
		int a = actions_lookup_in(kc == KEY_CODE_YES, ch, s->ops->hints ? s->ops->hints(t, s) : 0);
		if (a < 0)
			continue;
		/* The screen first; what it leaves (or asks for) is the loop's. */
		int r = s->ops->key(t, s, (enum action)a, ch);
		if (r == UI_IGNORED)
			r = global_key(t, (enum action)a);
		if (r & UI_BACK)
			global_key(t, A_BACK);
		if (r & UI_QUIT)
			t->quit = 1;
	}
}

/* The first row of SQL with ?1 = ID, its columns copied into OUT[]. */
static int lookup(sqlite3 *db, const char *sql, sqlite3_int64 id, char out[][128], int n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	for (int i = 0; rc == 0 && i < n; i++) {
		const unsigned char *v = sqlite3_column_text(st, i);
		snprintf(out[i], 128, "%s", v ? (const char *)v : "");
	}
	sqlite3_finalize(st);
	return rc;
}

void tui_describe(struct tui *t, struct filter *f)
{
	/* Walk up from the narrowest id: loan, member, group, hamlet, commune. */
	char part[5][128] = {{0}}, row[2][128], sql[200];
	sqlite3_int64 member = f->member, group = f->group, hamlet = f->hamlet, commune = f->commune;
	if (f->loan && lookup(t->db, "SELECT code, member_id FROM loans WHERE id = ?1", f->loan, row, 2) == 0) {
		memcpy(part[4], row[0], sizeof row[0]);
		member = atoll(row[1]);
	}
	if (member && lookup(t->db, "SELECT full_name, group_id FROM members WHERE id = ?1", member, row, 2) == 0) {
		memcpy(part[3], row[0], sizeof row[0]);
		group = atoll(row[1]);
	}
	snprintf(sql, sizeof sql, "SELECT g.code || ' – ' || o.%s, g.hamlet_id FROM groups g"
		 " JOIN orgs o ON o.code = g.org_code WHERE g.id = ?1",
		 strcmp(t->cfg->language, "en") == 0 ? "name_en" : "name");
	if (group && lookup(t->db, sql, group, row, 2) == 0) {
		memcpy(part[2], row[0], sizeof row[0]);
		hamlet = atoll(row[1]);
	}
	if (hamlet && lookup(t->db, "SELECT name, commune_id FROM hamlets WHERE id = ?1", hamlet, row, 2) == 0) {
		memcpy(part[1], row[0], sizeof row[0]);
		commune = atoll(row[1]);
	}
	if (commune && lookup(t->db, "SELECT name FROM communes WHERE id = ?1", commune, row, 1) == 0)
		memcpy(part[0], row[0], sizeof row[0]);
	f->label[0] = '\0';
	const char *extra[] = {f->org, f->program, f->status[0] ? ui_word(f->status) : ""};
	for (size_t i = 0; i < ARRAY_LEN(part) + ARRAY_LEN(extra); i++) {
		const char *p = i < ARRAY_LEN(part) ? part[i] : extra[i - ARRAY_LEN(part)];
		size_t len = strlen(f->label);
		if (*p)
			snprintf(f->label + len, sizeof f->label - len, "%s%s", !len ? "" :
				 i < ARRAY_LEN(part) ? " › " : " · ", p);
	}
}

/* Today's date as YYYY-MM-DD; TKVV_TODAY fixes it for tests. */
static void tui_today(char out[11])
{
	const char *fixed = getenv("TKVV_TODAY");
	if (fixed && !parse_date(fixed, out))
		return;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Set up the screens (no terminal yet): shared by tui_run and the benchmark. */
void tui_init(struct tui *t, sqlite3 *db, const struct config *cfg, const char *db_path)
{
	memset(t, 0, sizeof *t);
	t->db = db;
	t->cfg = cfg;
	ui_group_max = cfg->group_max;
	const char *slash = strrchr(db_path, '/');
	t->db_name = slash ? slash + 1 : db_path;
	tui_today(t->today);
	ui_decimal = strcmp(cfg->language, "en") == 0 ? '.' : ',';
	records_sql_functions(db);
	tui_written(t, 0);
	for (int i = 0; i < SCREEN_COUNT; i++) {
		t->screens[i].def = table_defs[i];
		t->screens[i].ops = &tableview_ops;
	}
	t->screens[SCREEN_REGROUP].ops = &regroup_ops;
	t->screens[SCREEN_PLANS].ops = &plans_ops;
	t->screens[SCREEN_REPORTS].ops = &reports_ops;
	tui_refresh_figures(t);
}

/* Release the screens' list models. */
void tui_done(struct tui *t)
{
	for (int i = 0; i < SCREEN_COUNT; i++)
		if (t->screens[i].loaded)
			listmodel_free(&t->screens[i].model);
	regroup_done();
	reports_done();
	find_done();
}

int tui_run(sqlite3 *db, const struct config *cfg, const char *db_path, const char *config_path)
{
	struct tui t;
	char keyerr[512] = "";
	actions_load(config_path, keyerr, sizeof keyerr);
	tui_init(&t, db, cfg, db_path);
	initscr();
	raw();
	noecho();
	nonl();
	set_escdelay(25);
	tui_define_keys();
	curs_set(0);
	colors_init(&t);
	tui_layout(&t);
	tui_goto_screen(&t, SCREEN_COMMUNES, NULL, 0);
	if (keyerr[0])
		tui_message(&t, 1, "%s", keyerr);
	else
		tui_message(&t, 0, "%s", _("F1: help  Ctrl-F: find a member  /: search  Enter: open  Esc: back  1-8: screens"));
	tui_loop(&t);
	endwin();
	tui_done(&t);
	return 0;
}
