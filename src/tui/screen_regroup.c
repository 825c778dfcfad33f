/* Screen 6: the regrouping assistant. One hamlet at a time (a commune's one
 * after another): the engine's proposal for the budget chosen in the
 * trade-off table, re-planned around the officer's pins, rejected moves
 * and refused merges; applied in one transaction with the meeting's note. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frame.h"
#include "regroup_view.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/mapdraw.h"
#include "tkvv/roster.h"

static struct rg_state rg = {.row = 3};

/* Set the walk to the hamlets SQL gives for ID (0: every hamlet). */
static void walk_set(struct tui *t, struct rg_state *st, const char *sql, sqlite3_int64 id)
{
	sqlite3_stmt *s;
	struct tkvv_err err;
	err_clear(&err);
	st->nhamlets = st->cur = 0;
	if (db_prepare(t->db, sql, &s, &err) < 0) {
		frame_message(t, 1, "%s", err.msg);
		return;
	}
	if (id)
		sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		st->hamlets = xreallocarray(st->hamlets, st->nhamlets + 1, sizeof *st->hamlets);
		st->hamlets[st->nhamlets++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
}

void regroup_open(struct tui *t, sqlite3_int64 commune, sqlite3_int64 hamlet)
{
	if (hamlet)
		walk_set(t, &rg, "SELECT id FROM hamlets WHERE id = ?", hamlet);
	else
		walk_set(t, &rg, "SELECT id FROM hamlets WHERE commune_id = ? ORDER BY code", commune);
	if (!rg.nhamlets) {
		frame_message(t, 1, "%s", _("This commune has no hamlet"));
		return;
	}
	rg.hamlet_id = -1;  /* load on entering, even the same hamlet */
	frame_goto_screen(t, SCREEN_REGROUP, NULL, 1);
}

void regroup_from_list(struct tui *t)
{
	struct screen *s = &t->screens[t->current];
	if (t->current != SCREEN_COMMUNES) {
		frame_goto_screen(t, SCREEN_REGROUP, NULL, 1);
		return;
	}
	struct tkvv_err err;
	err_clear(&err);
	const struct listrow *row = s->model.count ? listmodel_row(&s->model, s->model.cursor, &err) : NULL;
	if (!row)
		frame_message(t, 1, "%s", _("Choose a hamlet or a commune first"));
	else if (row->id < 0)
		regroup_open(t, -row->id, 0);
	else
		regroup_open(t, 0, row->id);
}

void regroup_done(void)
{
	regroup_hamlet_free(&rg);
	free(rg.hamlets), free(rg.pins), free(rg.no_merge);
	rg.hamlets = NULL, rg.pins = NULL, rg.no_merge = NULL;
	rg.nhamlets = rg.npins = rg.nno_merge = 0;
}

/* Show a message, then the frame, before a slow step. */
static void busy(struct tui *t, const char *what)
{
	frame_message(t, 0, "%s", what);
	frame_draw(t);
}

/* Pin member I to group G (a rejected move pins it to its own group). */
static void pin_set(struct tui *t, struct rg_state *st, size_t i, int g)
{
	size_t j = 0;
	while (j < st->npins && st->pins[j].member_id != st->mid[i])
		j++;
	if (j == st->npins)
		st->pins = xreallocarray(st->pins, ++st->npins, sizeof *st->pins);
	st->pins[j] = (struct plan_pin){st->mid[i], st->groups[g].id};
	busy(t, _("Planning again around the choices..."));
	st->edit = 1;
	regroup_replan(t, st);
}

/* Let the officer pick a group from a list in a box; -1 when left. */
static int pick_group(struct tui *t, struct rg_state *st, int current, const char *title)
{
	int h = (int)st->k + 2 < LINES - 4 ? (int)st->k + 2 : LINES - 4, w = 44 < COLS ? 44 : COLS;
	WINDOW *win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	int cur = current >= 0 ? current : 0, top = 0, rows = h - 2, result = -2;
	keypad(win, TRUE);
	while (result == -2 && rows > 0) {
		top = cur < top ? cur : cur >= top + rows ? cur - rows + 1 : top;
		werase(win);
		box(win, 0, 0);
		ui_put(win, 0, 2, title, w - 4, 0);
		for (int r = 0; r < rows && top + r < (int)st->k; r++) {
			char label[160];
			regroup_group_label(st, st->groups[top + r].id, label, sizeof label);
			wattrset(win, colors_attr(t, top + r == cur ? C_SELECTED : C_NORMAL));
			ui_put(win, r + 1, 1, label, w - 2, 0);
		}
		wattrset(win, A_NORMAL);
		wrefresh(win);
		wint_t ch;
		int kc = wget_wch(win, &ch), a = kc == ERR ? -1 : actions_lookup(kc == KEY_CODE_YES, ch);
		if (a == A_UP && cur > 0)
			cur--;
		else if (a == A_DOWN && cur + 1 < (int)st->k)
			cur++;
		else if (a == A_ENTER)
			result = cur;
		else if (a == A_BACK)
			result = -1;
	}
	delwin(win);
	touchwin(stdscr);
	return result < 0 ? -1 : result;
}

/* The member of the selected line (a move or a pin), or -1. */
static long selected_member(const struct rg_state *st)
{
	if (st->focus != 1 || st->lcur >= (long)st->nitems)
		return -1;
	const struct rg_item *it = &st->items[st->lcur];
	if (it->kind == RG_MOVE)
		return regroup_member_index(st, st->plan.moves[it->ref].member_id);
	if (it->kind == RG_PIN)
		return regroup_member_index(st, st->pins[it->ref].member_id);
	return -1;
}

/* Pin a member: the selected one, or the one whose code is typed. */
static void key_pin(struct tui *t, struct rg_state *st)
{
	long i = selected_member(st);
	char q[160];
	snprintf(q, sizeof q, i >= 0 ? _("Member code to pin (Enter: %s):") : _("Member code to pin:"),
		 i >= 0 ? st->mcode[i] : "");
	char *code = ui_prompt(t, q);
	if (!code)
		return;
	if (*code) {
		i = -1;
		for (size_t j = 0; j < st->n && i < 0; j++)
			if (!strcmp(st->mcode[j], code))
				i = (long)j;
	}
	if (i < 0)
		frame_message(t, 1, _("member '%s' is not in hamlet %s"), code, st->hcode);
	free(code);
	if (i < 0)
		return;
	char title[160];
	snprintf(title, sizeof title, _("Pin %s to the group:"), st->mcode[i]);
	int g = pick_group(t, st, st->after[i], title);
	if (g < 0)
		return;
	pin_set(t, st, (size_t)i, g);
	char label[160];
	regroup_group_label(st, st->groups[g].id, label, sizeof label);
	frame_message(t, 0, _("%s pinned to %s; %zu moves now"), st->mcode[i], label,
		    st->planned ? st->plan.nmoves : 0);
}

/* Reject the selected move (pin the member where it is), or release a pin. */
static void key_reject(struct tui *t, struct rg_state *st)
{
	const struct rg_item *it = st->focus == 1 && st->lcur < (long)st->nitems ? &st->items[st->lcur] : NULL;
	if (it && it->kind == RG_PIN) {
		st->pins[it->ref] = st->pins[--st->npins];
		busy(t, _("Planning again around the choices..."));
		regroup_replan(t, st);
		frame_message(t, 0, _("Pin released; %zu moves now"), st->planned ? st->plan.nmoves : 0);
		return;
	}
	if (!it || it->kind != RG_MOVE) {
		frame_message(t, 1, "%s", _("Select a move in the list first (Tab)"));
		return;
	}
	const struct plan_move *m = &st->plan.moves[it->ref];
	long i = regroup_member_index(st, m->member_id);
	int g = regroup_group_index(st, m->from_group);
	if (i < 0 || g < 0)
		return;
	pin_set(t, st, (size_t)i, g);
	frame_message(t, 0, _("Move of %s rejected; %zu moves now"), st->mcode[i],
		    st->planned ? st->plan.nmoves : 0);
}

/* Refuse the selected merge, or allow a refused one again. */
static void key_nomerge(struct tui *t, struct rg_state *st)
{
	const struct rg_item *it = st->focus == 1 && st->lcur < (long)st->nitems ? &st->items[st->lcur] : NULL;
	if (it && it->kind == RG_REFUSED) {
		st->no_merge[it->ref] = st->no_merge[--st->nno_merge];
	} else if (it && it->kind == RG_MERGE) {
		st->no_merge = xreallocarray(st->no_merge, st->nno_merge + 1, sizeof *st->no_merge);
		st->no_merge[st->nno_merge++] = st->plan.groups[it->ref].group_id;
	} else {
		frame_message(t, 1, "%s", _("Select a merge in the list first (Tab)"));
		return;
	}
	busy(t, _("Planning again around the choices..."));
	regroup_replan(t, st);
	frame_message(t, 0, _("%zu moves now"), st->planned ? st->plan.nmoves : 0);
}

/* Propose replacing the leaders up for review, or stop proposing it. */
static void key_review(struct tui *t, struct rg_state *st)
{
	st->review = !st->review;
	busy(t, _("Planning..."));
	regroup_replan(t, st);
	size_t n = 0;
	for (size_t j = 0; st->planned && j < st->plan.ngroups; j++)
		n += st->plan.groups[j].leader_reason != NULL;
	if (st->review)
		frame_message(t, 0, _("Leaders to review: %zu new leaders proposed (l: stop)"), n);
	else
		frame_message(t, 0, "%s", _("Leaders to review: not proposed (l: propose)"));
}

/* Save the plan and apply it with NOTE, in one transaction; returns its id or 0. */
static int64_t apply_tx(struct tui *t, struct rg_state *st, const char *note)
{
	struct tkvv_err err;
	err_clear(&err);
	int rc = db_begin(t->db, &err);
	if (rc == 0)
		rc = plan_save(t->db, &st->plan, &err);
	if (rc == 0)
		rc = plan_apply(t->db, st->plan.id, *note ? note : NULL, 1, &err);
	if (rc == 0)
		rc = db_commit(t->db, &err);
	else
		db_rollback(t->db);
	if (rc < 0) {
		frame_message(t, 1, "%s", err.msg);
		return 0;
	}
	return st->plan.id;
}

/* The map of the hamlet of ST to PATH (tkvv map): before and after the
 * plan applied here, else the proposal shown, else the groups now. */
static void write_map(struct tui *t, struct rg_state *st, const char *path, enum map_format mf)
{
	struct map_data d;
	struct tkvv_err err;
	err_clear(&err);
	int rc = 0;
	if (st->applied || !st->planned) {
		rc = map_load(t->db, st->hcode, st->applied, t->cfg->group_min, t->cfg->group_max, &d, &err);
	} else {
		struct regroup_hamlet h = {st->n, st->k, st->pos, NULL};
		const char **labels = xcalloc(st->k + 1, sizeof *labels);
		for (size_t g = 0; g < st->k; g++)
			labels[g] = *st->groups[g].name ? st->groups[g].name : st->groups[g].code;
		map_from_memory(&d, st->hcode, st->hname, &h, labels, st->before, st->after, st->lead_before,
				st->lead_after, -1, t->cfg->group_min, t->cfg->group_max);
		free(labels);
	}
	if (rc == 0 && map_write(&d, path, mf, &err) == 0)
		frame_message(t, 0, _("Map of %s written to %s"), st->hcode, path);
	else
		frame_message(t, 1, "%s", err.msg);
	if (rc == 0)
		map_data_free(&d);
}

/* Write the rosters of the groups the plan changed (or of the hamlet's
 * groups when nothing was applied here) to a file the officer names; a
 * name ending in .pdf, .svg or .png writes the hamlet's map instead (in
 * the assistant, ST; not from the plans screen, where ST is NULL). */
static void write_rosters(struct tui *t, struct rg_state *st, const char *hamlet, int64_t plan_id)
{
	char def[128], q[300], ymd[9];
	snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", t->today, t->today + 5, t->today + 8);
	snprintf(def, sizeof def, "rosters-%s-%s.xlsx", hamlet ? hamlet : "plan", ymd);
	if (st)
		snprintf(q, sizeof q, _("Rosters file (.xlsx/.csv) or map (.pdf/.svg/.png), Enter: %s:"), def);
	else
		snprintf(q, sizeof q, _("Rosters file (.xlsx or .csv; Enter: %s):"), def);
	char *name = ui_prompt(t, q);
	if (!name)
		return;
	const char *path = *name ? name : def;
	if (access(path, F_OK) == 0) {
		snprintf(q, sizeof q, _("%s already exists. Replace it? (y/n)"), path);
		if (!ui_confirm(t, q)) {
			frame_message(t, 0, "%s", _("Nothing written"));
			free(name);
			return;
		}
	}
	enum map_format mf = map_format_of(path);
	if (mf != MAP_FORMAT_NONE && st) {
		write_map(t, st, path, mf);
		free(name);
		return;
	}
	struct roster_filter f = {.hamlet_code = hamlet, .plan_id = plan_id, .as_of = t->today,
				  .lang = roster_lang_of(t->cfg->language)};
	struct roster r;
	struct tkvv_err err;
	err_clear(&err);
	if (roster_load(t->db, &f, &r, &err) == 0 && roster_save(&r, path, &err) == 0)
		frame_message(t, 0, _("%zu rosters (%zu members) written to %s"), r.n, r.members, path);
	else
		frame_message(t, 1, "%s", err.msg);
	roster_free(&r);
	free(name);
}

void regroup_rosters(struct tui *t, int64_t plan_id)
{
	write_rosters(t, NULL, NULL, plan_id);
}

/* Apply after confirmation with the meeting's note, then offer the rosters. */
static void key_apply(struct tui *t, struct rg_state *st)
{
	size_t merges = 0, merged = 0;
	for (size_t j = 0; st->planned && j < st->plan.ngroups; j++) {
		merges += st->plan.groups[j].merged_into || st->plan.groups[j].new_leader;
		merged += st->plan.groups[j].merged_into != 0;
	}
	if (!st->planned || st->plan.nmoves + merges == 0) {
		frame_message(t, 1, "%s", st->error[0] ? st->error : _("Nothing to apply: no move proposed"));
		return;
	}
	char q[300];
	long households = st->plan.nhamlets ? st->plan.hamlets[0].members : 0;
	snprintf(q, sizeof q, _("Apply %zu moves and %zu group changes in %s: %zu of %ld households (%.0f%%) move, "
				"%zu groups merge? (y/n)"), st->plan.nmoves, merges, st->hname, st->plan.nmoves, households,
		 households ? 100.0 * (double)st->plan.nmoves / (double)households : 0.0, merged);
	if (!ui_confirm(t, q))
		return;
	char *note = ui_prompt(t, _("The meeting's decision (a short note):"));
	if (!note)
		return;
	size_t nmoves = st->plan.nmoves;
	int64_t id = apply_tx(t, st, note);
	free(note);
	if (!id)
		return;
	tui_refresh_figures(t);
	regroup_load(t, st);
	st->applied = id;
	frame_message(t, 0, _("plan %lld applied: %zu moves"), (long long)id, nmoves);
	if (ui_confirm(t, _("Write the rosters of the changed groups now? (y/n)")))
		write_rosters(t, st, st->hcode, id);
	else
		frame_message(t, 0, _("plan %lld applied: %zu moves"), (long long)id, nmoves);
}

/* Move the cursor of the focused pane by DELTA (clamped); a move's reason
 * goes to the message line whole. */
static void cursor_move(struct tui *t, struct rg_state *st, long delta)
{
	long *cur = st->focus ? &st->lcur : &st->tcur;
	long n = st->focus ? (long)st->nitems : (st->planned ? (long)st->plan.ntradeoff : 0);
	*cur += delta;
	*cur = *cur >= n ? n - 1 : *cur;
	*cur = *cur < 0 ? 0 : *cur;
	if (st->focus && *cur < (long)st->nitems && st->items[*cur].kind == RG_MOVE) {
		const struct plan_move *m = &st->plan.moves[st->items[*cur].ref];
		frame_message(t, 0, "%s %s: %s", m->member_code, m->full_name, m->reason);
	}
	if (st->focus && st->lheight > 0) {
		st->ltop = st->lcur < st->ltop ? st->lcur : st->ltop;
		st->ltop = st->lcur >= st->ltop + st->lheight ? st->lcur - st->lheight + 1 : st->ltop;
	}
}

/* Go to hamlet CUR + DELTA of the walk. */
static void walk_step(struct tui *t, struct rg_state *st, int delta)
{
	if ((delta < 0 && st->cur == 0) || (delta > 0 && st->cur + 1 >= st->nhamlets)) {
		frame_message(t, 1, "%s", delta < 0 ? _("This is the first hamlet") : _("This is the last hamlet"));
		return;
	}
	st->cur = (size_t)((long)st->cur + delta);
	busy(t, _("Planning..."));
	regroup_load(t, st);
	t->message[0] = '\0';
}

/* Choose the trade-off row under the cursor and plan with it. */
static void choose_row(struct tui *t, struct rg_state *st)
{
	if (!st->planned || st->tcur >= (long)st->plan.ntradeoff)
		return;
	st->row = (int)st->tcur;
	busy(t, _("Planning..."));
	regroup_replan(t, st);
	frame_message(t, 0, _("Budget %s%s: %zu moves"), st->planned ? st->plan.tradeoff[st->row].budget : "",
		    st->row >= 4 ? _(", new leaders") : "", st->planned ? st->plan.nmoves : 0);
}

/* Whether action A leaves the hamlet shown (and so drops the choices made). */
static int leaves_hamlet(enum action a)
{
	switch (a) {
	case A_BACK: case A_QUIT: case A_NEXTHAMLET: case A_PREVHAMLET: case A_REGROUP:
	case A_SCREEN1: case A_SCREEN2: case A_SCREEN3: case A_SCREEN4: case A_SCREEN5:
	case A_SCREEN7: case A_SCREEN8:
		return 1;
	default:
		return 0;
	}
}

/* Before leaving the hamlet: ask whether to drop the officer's pins and
 * rejections (rejected moves and refused merges). 1: go on and forget them. */
static int may_drop_choices(struct tui *t, struct rg_state *st)
{
	size_t pins = 0, rejections = st->nno_merge;
	for (size_t j = 0; j < st->npins; j++) {
		long i = regroup_member_index(st, st->pins[j].member_id);
		/* A rejected move pins the member to the group she is in. */
		if (i >= 0 && st->before[i] >= 0 && st->groups[st->before[i]].id == st->pins[j].group_id)
			rejections++;
		else
			pins++;
	}
	if (pins + rejections == 0)
		return 1;
	char q[200];
	snprintf(q, sizeof q, _("Discard %zu pins and %zu rejections? (y/n)"), pins, rejections);
	if (!ui_confirm(t, q)) {
		frame_message(t, 0, "%s", _("Choices kept"));
		return 0;
	}
	st->npins = st->nno_merge = 0;
	st->hamlet_id = -1;   /* planned again without them when the officer comes back */
	return 1;
}

/* The assistant's keys. */
static int regroup_key(struct tui *t, struct screen *s, enum action a, wint_t ch)
{
	(void)s, (void)ch;
	struct rg_state *st = &rg;
	int page = st->focus && st->lheight > 0 ? st->lheight : 8;
	if (leaves_hamlet(a) && !may_drop_choices(t, st))
		return UI_REDRAW;
	switch (a) {
	case A_UP: cursor_move(t, st, -1); break;
	case A_DOWN: cursor_move(t, st, 1); break;
	case A_PGUP: cursor_move(t, st, -page); break;
	case A_PGDN: cursor_move(t, st, page); break;
	case A_HOME: cursor_move(t, st, -1000000); break;
	case A_END: cursor_move(t, st, 1000000); break;
	case A_NEXTFIELD: case A_PREVFIELD: st->focus = !st->focus; cursor_move(t, st, 0); break;
	case A_ENTER:
		if (st->focus == 0)
			choose_row(t, st);
		break;
	case A_BEFOREAFTER: st->show_after = !st->show_after; break;
	case A_NEXTHAMLET: walk_step(t, st, 1); break;
	case A_PREVHAMLET: walk_step(t, st, -1); break;
	case A_REJECT: key_reject(t, st); break;
	case A_PIN: key_pin(t, st); break;
	case A_NOMERGE: key_nomerge(t, st); break;
	case A_REVIEW: key_review(t, st); break;
	case A_APPLY: key_apply(t, st); break;
	case A_ROSTERS: write_rosters(t, st, st->hcode, st->applied); break;
	default: return UI_IGNORED;
	}
	return UI_REDRAW;
}

/* Load the hamlet asked for, or the district's first, when entering. */
static void regroup_enter(struct tui *t, struct screen *s)
{
	(void)s;
	if (!rg.nhamlets)
		walk_set(t, &rg, "SELECT h.id FROM hamlets h JOIN communes c ON c.id = h.commune_id"
				 " ORDER BY c.code, h.code", 0);
	if (!rg.nhamlets) {
		frame_message(t, 1, "%s", _("No hamlet to regroup: import or add some first"));
		return;
	}
	if (rg.hamlet_id != rg.hamlets[rg.cur]) {
		regroup_load(t, &rg);
		return;
	}
	/* The hamlet's groups may have changed elsewhere since (a plan undone
	 * on screen 7, a member moved): what is shown would be stale. */
	char fp[17];
	struct tkvv_err err;
	err_clear(&err);
	if (plan_fingerprint(t->db, rg.hamlet_id, fp, &err) == 0 && strcmp(fp, rg.fingerprint) != 0) {
		busy(t, _("Planning..."));
		regroup_load(t, &rg);
		frame_message(t, 0, "%s", _("The hamlet's groups changed since: planned again"));
	}
}

/* Draw the assistant. */
static void regroup_draw_screen(struct tui *t, struct screen *s, WINDOW *w)
{
	s->model.count = rg.focus ? (long)rg.nitems : (rg.planned ? (long)rg.plan.ntradeoff : 0);
	s->model.cursor = rg.focus ? rg.lcur : rg.tcur;
	regroup_draw(t, w, &rg);
}

/* The keys on the bar. */
static unsigned long regroup_hints(struct tui *t, struct screen *s)
{
	(void)s;
	unsigned long h = HINT(A_HELP) | HINT(A_REJECT) | HINT(A_PIN) | HINT(A_NOMERGE) | HINT(A_REVIEW) | HINT(A_APPLY) |
			  HINT(A_ROSTERS) | HINT(A_QUIT);
	if (!regroup_wide(getmaxx(t->body)))
		h |= HINT(A_BEFOREAFTER);
	return h;
}

/* Nothing to do on a resize: the next draw lays the panes out again. */
static void regroup_resize(struct tui *t, struct screen *s)
{
	(void)t, (void)s;
}

const struct screen_ops regroup_ops = {
	.enter = regroup_enter, .draw = regroup_draw_screen, .key = regroup_key,
	.resize = regroup_resize, .hints = regroup_hints,
};

const struct table_def screen_regroup = {.id = SCREEN_REGROUP, .title = N_("Regrouping assistant")};
