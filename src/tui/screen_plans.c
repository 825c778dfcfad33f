/* Screen 7: the regrouping plans saved, newest first, with their status;
 * Enter shows a plan's moves, u undoes an applied plan, Del discards a
 * draft, w writes the rosters of the groups an applied plan changed. */
#include "config.h"

#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/plan.h"
#include "frame.h"

static const struct column cols[] = {
	{N_("Plan"), "x.id", COL_INT, 4, 6, 1},
	{N_("Created"), "x.created", COL_DATE, 16, 16, 1},
	{N_("Scope"), "x.scope", COL_TEXT, 14, 20, 1},
	{N_("Status"), "x.status", COL_WORD, 8, 12, 1},
	{N_("Moves"), "x.moves", COL_INT, 5, 6, 1},
	{N_("Budget"), "x.budget", COL_TEXT, 6, 9, 2},
	{N_("Note"), "x.note", COL_TEXT, 10, 0, 1},
};

/* Every plan with its count of moves. */
static int plans_from(const struct filter *f, struct strbuf *sb, char binds[][32])
{
	(void)f, (void)binds;
	/* Stored in UTC, shown in local time (TZ or the system's). */
	sb_adds(sb, "FROM (SELECT p.id AS id, strftime('%Y-%m-%d %H:%M', p.created_at, 'localtime') AS created,"
		" p.scope AS scope,"
		" p.status AS status, (SELECT count(*) FROM plan_moves WHERE plan_id = p.id) AS moves,"
		" p.max_moves AS budget, coalesce(p.note, '') AS note FROM plans p) x WHERE 1");
	return 0;
}

const struct table_def screen_plans = {
	.id = SCREEN_PLANS,
	.title = N_("Regrouping plans"),
	.ncols = (int)ARRAY_LEN(cols),
	.cols = cols,
	.sort_default = "x.id DESC",
	.record = REC_FILTER,
	.from = plans_from,
	.search_sql = "SELECT id FROM plans WHERE tkvv_fold(scope || ' ' || coalesce(note, '')) LIKE '%' || :q || '%'",
	.sortable = 1,
};

/* The plan shown in detail (Enter), if any. */
static struct plan detail;
static int showing;
static long dtop;

/* The plan under the cursor, or 0. */
static sqlite3_int64 current_id(struct screen *s)
{
	struct tkvv_err err;
	err_clear(&err);
	const struct listrow *row = s->model.count ? listmodel_row(&s->model, s->model.cursor, &err) : NULL;
	return row ? row->id : 0;
}

/* Load plan ID to show its moves. */
static void show_plan(struct tui *t, sqlite3_int64 id)
{
	struct tkvv_err err;
	err_clear(&err);
	if (showing)
		plan_free(&detail);
	showing = plan_load(t->db, id, &detail, &err) == 0;
	if (!showing) {
		plan_free(&detail);
		frame_message(t, 1, "%s", err.msg);
	}
	dtop = 0;
}

/* Draw the moves of the plan shown: member, from, to, reason. */
static void draw_detail(struct tui *t, WINDOW *w)
{
	int H = getmaxy(w), W = getmaxx(w);
	char head[600], when[40];
	werase(w);
	plan_time_local(detail.created_at, 0, when, sizeof when);
	snprintf(head, sizeof head, _("Plan %lld (%s), %s, %s: %zu moves. %s"), (long long)detail.id,
		 _(detail.status), detail.scope, when, detail.nmoves,
		 detail.note ? detail.note : "");
	wattrset(w, colors_attr(t, C_HEADER));
	ui_put(w, 0, 0, head, W, 0);
	wattrset(w, A_NORMAL);
	for (int r = 1; r < H && dtop + r - 1 < (long)detail.nmoves; r++) {
		const struct plan_move *m = &detail.moves[dtop + r - 1];
		int nw = W >= 120 ? 24 : 16;
		ui_put(w, r, 0, m->member_code, 10, 0);
		ui_put(w, r, 10, m->full_name, nw, 0);
		ui_put(w, r, 11 + nw, m->from_code, 12, 0);
		ui_put(w, r, 23 + nw, "→", 2, 0);
		ui_put(w, r, 25 + nw, m->to_code, 12, 0);
		ui_put(w, r, 38 + nw, m->reason, W - 38 - nw, 0);
	}
}

/* Draw the list, or the plan shown. */
static void plans_draw(struct tui *t, struct screen *s, WINDOW *w)
{
	if (showing)
		draw_detail(t, w);
	else
		tableview_ops.draw(t, s, w);
}

/* Undo applied plan ID after confirmation. */
static void undo_plan(struct tui *t, struct screen *s, sqlite3_int64 id)
{
	char q[200];
	struct tkvv_err err;
	err_clear(&err);
	snprintf(q, sizeof q, _("Undo plan %lld and put every member back? (y/n)"), (long long)id);
	if (!ui_confirm(t, q))
		return;
	if (plan_undo(t->db, id, &err) < 0) {
		frame_message(t, 1, "%s", err.msg);
		return;
	}
	tui_refresh_figures(t);
	tableview_reload(t, s);
	frame_message(t, 0, _("plan %lld undone"), (long long)id);
}

/* Discard draft ID after confirmation. */
static void discard_plan(struct tui *t, struct screen *s, sqlite3_int64 id)
{
	char q[200];
	struct tkvv_err err;
	err_clear(&err);
	snprintf(q, sizeof q, _("Discard draft plan %lld? (y/n)"), (long long)id);
	if (!ui_confirm(t, q))
		return;
	if (plan_discard(t->db, id, &err) < 0)
		frame_message(t, 1, "%s", err.msg);
	else
		frame_message(t, 0, _("plan %lld discarded"), (long long)id);
	tableview_reload(t, s);
}

/* The keys of the detail view: scroll, and back to the list. */
static int detail_key(struct tui *t, enum action a)
{
	long page = frame_body_height(t), max = (long)detail.nmoves - page + 1;
	switch (a) {
	case A_UP: dtop--; break;
	case A_DOWN: dtop++; break;
	case A_PGUP: dtop -= page; break;
	case A_PGDN: dtop += page; break;
	case A_BACK: case A_ENTER: plan_free(&detail); showing = 0; return UI_REDRAW;
	default: return UI_IGNORED;
	}
	dtop = dtop > max ? max : dtop;
	dtop = dtop < 0 ? 0 : dtop;
	return UI_REDRAW;
}

/* The plans' own keys, then the list's. */
static int plans_key(struct tui *t, struct screen *s, enum action a, wint_t ch)
{
	if (showing)
		return detail_key(t, a);
	sqlite3_int64 id = current_id(s);
	switch (a) {
	case A_ENTER: if (id) show_plan(t, id); return UI_REDRAW;
	case A_UNDO: if (id) undo_plan(t, s, id); return UI_REDRAW;
	case A_DELETE: if (id) discard_plan(t, s, id); return UI_REDRAW;
	case A_ROSTERS: if (id) regroup_rosters(t, id); return UI_REDRAW;
	case A_EDIT: case A_ADD: case A_PAY: case A_FILTER: return UI_HANDLED;
	default: return tableview_key(t, s, a, ch);
	}
}

/* Show the list again on entering, as it may have changed. */
static void plans_enter(struct tui *t, struct screen *s)
{
	if (showing)
		plan_free(&detail);
	showing = 0;
	tableview_ops.enter(t, s);
}

/* Lay the columns out for the new width. */
static void plans_resize(struct tui *t, struct screen *s)
{
	tableview_ops.resize(t, s);
}

/* The keys on the bar. */
static unsigned long plans_hints(struct tui *t, struct screen *s)
{
	(void)t, (void)s;
	return HINT(A_HELP) | HINT(A_SEARCH) | HINT(A_SORT) | HINT(A_UNDO) | HINT(A_DELETE) |
	       HINT(A_ROSTERS) | HINT(A_QUIT);
}

/* Let go of the plan shown. */
static void plans_leave(struct tui *t, struct screen *s)
{
	(void)t, (void)s;
	if (showing)
		plan_free(&detail);
	showing = 0;
}

const struct screen_ops plans_ops = {
	.enter = plans_enter, .draw = plans_draw, .key = plans_key, .resize = plans_resize,
	.hints = plans_hints, .leave = plans_leave,
};
