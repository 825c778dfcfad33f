/* The main loop: set up the screens and the terminal, then one frame drawn,
 * one key read and dispatched (the screen's first, then the keys every
 * screen shares) until the officer quits. Nothing calls back into it: the
 * frame (frame.c) is what screens and widgets draw in. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "find.h"
#include "frame.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/tui.h"

static const struct table_def *const table_defs[SCREEN_COUNT] = {
	&screen_communes, &screen_groups, &screen_members, &screen_loans, &screen_payments,
	&screen_regroup, &screen_plans, &screen_reports,
};

/* Handle the keys every screen shares; returns UI_IGNORED for the others. */
static int global_key(struct tui *t, enum action a)
{
	switch (a) {
	case A_QUIT: t->quit = 1; return UI_QUIT;
	case A_HELP: help_run(t); return UI_REDRAW;
	case A_BACK:
		if (t->depth > 0)
			frame_goto_screen(t, t->stack[--t->depth], NULL, 0);
		return UI_REDRAW;
	case A_SCREEN1: case A_SCREEN2: case A_SCREEN3: case A_SCREEN4: case A_SCREEN5:
		frame_goto_screen(t, a - A_SCREEN1, NULL, 1);
		return UI_REDRAW;
	case A_SCREEN8:
		frame_goto_screen(t, SCREEN_REPORTS, NULL, 1);
		return UI_REDRAW;
	case A_SCREEN6: case A_SCREEN7:
		frame_goto_screen(t, a == A_SCREEN6 ? SCREEN_REGROUP : SCREEN_PLANS, NULL, 1);
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
		frame_draw(t);
		wint_t ch;
		int kc = frame_read_key(t, &ch);
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
	frame_define_keys();
	curs_set(0);
	colors_init(&t);
	frame_layout(&t);
	frame_goto_screen(&t, SCREEN_COMMUNES, NULL, 0);
	if (keyerr[0])
		frame_message(&t, 1, "%s", keyerr);
	else
		frame_message(&t, 0, "%s", _("F1: help  Ctrl-F: find a member  /: search  Enter: open  Esc: back  1-8: screens"));
	tui_loop(&t);
	endwin();
	tui_done(&t);
	return 0;
}
