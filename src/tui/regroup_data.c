/* The regrouping assistant's data: one hamlet's members and groups as
 * stored, the engine's plan for the officer's choices, the groups and
 * leaders after it, and the lines of the list. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "regroup_view.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"

const double regroup_budgets[4] = {10, 25, 50, -1};

int regroup_group_index(const struct rg_state *st, int64_t gid)
{
	for (size_t g = 0; g < st->k; g++)
		if (st->groups[g].id == gid)
			return (int)g;
	return -1;
}

void regroup_group_label(const struct rg_state *st, int64_t gid, char *out, size_t n)
{
	int g = regroup_group_index(st, gid);
	if (g < 0) {
		snprintf(out, n, "#%lld", (long long)gid);
		return;
	}
	const struct rg_group *gr = &st->groups[g];
	snprintf(out, n, "%c %s", g < 26 ? 'A' + g : '?', gr->name[0] ? gr->name : gr->code);
}

/* The index of member MID in the hamlet, or -1. */
long regroup_member_index(const struct rg_state *st, int64_t mid)
{
	for (size_t i = 0; i < st->n; i++)
		if (st->mid[i] == mid)
			return (long)i;
	return -1;
}

/* Forget the hamlet loaded (not the walk, nor the choices). */
void regroup_hamlet_free(struct rg_state *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->mcode[i]), free(st->mname[i]);
	for (size_t g = 0; g < st->k; g++)
		free(st->groups[g].code), free(st->groups[g].name), free(st->groups[g].leader);
	free(st->pos), free(st->mid), free(st->mcode), free(st->mname), free(st->before);
	free(st->after), free(st->lead_before), free(st->lead_after), free(st->groups);
	free(st->hcode), free(st->hname), free(st->items);
	if (st->planned)
		plan_free(&st->plan);
	st->pos = NULL, st->mid = NULL, st->mcode = st->mname = NULL, st->before = st->after = NULL;
	st->lead_before = st->lead_after = NULL, st->groups = NULL, st->hcode = st->hname = NULL;
	st->items = NULL, st->n = st->k = st->nitems = 0, st->planned = 0, st->hamlet_id = 0;
}

/* Read the hamlet's code, name and active groups. */
static int load_groups(sqlite3 *db, struct rg_state *st, int64_t id, struct tkvv_err *err)
{
	sqlite3_stmt *s;
	if (db_prepare(db, "SELECT code, name FROM hamlets WHERE id = ?", &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		st->hcode = xstrdup((const char *)sqlite3_column_text(s, 0));
		st->hname = xstrdup((const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	if (!st->hcode)
		return err_set(err, TKVV_EFAIL, _("hamlet %lld not found"), (long long)id);
	if (db_prepare(db, "SELECT id, code, name, coalesce(leader_code, '') FROM groups"
		       " WHERE hamlet_id = ? AND status = 'active' ORDER BY code", &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		st->groups = xreallocarray(st->groups, st->k + 1, sizeof *st->groups);
		struct rg_group *g = &st->groups[st->k++];
		g->id = sqlite3_column_int64(s, 0);
		g->code = xstrdup((const char *)sqlite3_column_text(s, 1));
		g->name = xstrdup((const char *)sqlite3_column_text(s, 2));
		g->leader = xstrdup((const char *)sqlite3_column_text(s, 3));
	}
	return sqlite3_finalize(s) == SQLITE_OK ? 0 : db_fail(db, err, "groups");
}

/* Grow the member arrays to hold N + 1 members. */
static void members_grow(struct rg_state *st)
{
	size_t n = st->n + 1;
	st->pos = xreallocarray(st->pos, n, sizeof *st->pos);
	st->mid = xreallocarray(st->mid, n, sizeof *st->mid);
	st->mcode = xreallocarray(st->mcode, n, sizeof *st->mcode);
	st->mname = xreallocarray(st->mname, n, sizeof *st->mname);
	st->before = xreallocarray(st->before, n, sizeof *st->before);
	st->lead_before = xreallocarray(st->lead_before, n, sizeof *st->lead_before);
}

/* Read the hamlet's members: positions, groups, which of them lead. */
static int load_members(sqlite3 *db, struct rg_state *st, int64_t id, struct tkvv_err *err)
{
	sqlite3_stmt *s;
	if (db_prepare(db, "SELECT id, code, full_name, lat, lon, road_order, group_id FROM members"
		       " WHERE hamlet_id = ? ORDER BY id", &s, err) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		members_grow(st);
		size_t i = st->n++;
		struct regroup_member *m = &st->pos[i];
		memset(m, 0, sizeof *m);
		m->cluster = m->pin = -1;
		m->has_coord = sqlite3_column_type(s, 3) != SQLITE_NULL;
		m->lat = sqlite3_column_double(s, 3);
		m->lon = sqlite3_column_double(s, 4);
		m->has_road = sqlite3_column_type(s, 5) != SQLITE_NULL;
		m->road_order = sqlite3_column_int64(s, 5);
		st->mid[i] = m->id = sqlite3_column_int64(s, 0);
		st->mcode[i] = xstrdup((const char *)sqlite3_column_text(s, 1));
		st->mname[i] = xstrdup((const char *)sqlite3_column_text(s, 2));
		int g = m->group = st->before[i] = regroup_group_index(st, sqlite3_column_int64(s, 6));
		st->lead_before[i] = g >= 0 && !strcmp(st->groups[g].leader, st->mcode[i]);
	}
	st->after = xcalloc(st->n ? st->n : 1, sizeof *st->after);
	st->lead_after = xcalloc(st->n ? st->n : 1, 1);
	return sqlite3_finalize(s) == SQLITE_OK ? 0 : db_fail(db, err, "members");
}

/* The groups and leaders after the plan: its moves, merges and new leaders. */
static void compute_after(struct rg_state *st)
{
	memcpy(st->after, st->before, st->n * sizeof *st->after);
	memcpy(st->lead_after, st->lead_before, st->n);
	if (!st->planned)
		return;
	for (size_t j = 0; j < st->plan.nmoves; j++) {
		long i = regroup_member_index(st, st->plan.moves[j].member_id);
		if (i >= 0)
			st->after[i] = regroup_group_index(st, st->plan.moves[j].to_group);
	}
	for (size_t j = 0; j < st->plan.ngroups; j++) {
		const struct plan_group_change *c = &st->plan.groups[j];
		int g = regroup_group_index(st, c->group_id);
		for (size_t i = 0; i < st->n && g >= 0; i++) {
			if ((c->merged_into || c->new_leader) && st->before[i] == g && st->lead_before[i])
				st->lead_after[i] = 0;
			if (c->new_leader && !strcmp(st->mcode[i], c->new_leader))
				st->lead_after[i] = 1;
		}
	}
}

/* Add one line of kind KIND to the list. */
static void item_add(struct rg_state *st, enum rg_kind kind, size_t ref)
{
	st->items = xreallocarray(st->items, st->nitems + 1, sizeof *st->items);
	st->items[st->nitems++] = (struct rg_item){kind, ref};
}

/* The list: merges and refused merges, pins, moves, proposed leaders. */
static void build_items(struct rg_state *st)
{
	st->nitems = 0;
	for (size_t j = 0; st->planned && j < st->plan.ngroups; j++)
		if (st->plan.groups[j].merged_into)
			item_add(st, RG_MERGE, j);
	for (size_t j = 0; st->planned && j < st->plan.ngroups; j++)
		if (st->plan.groups[j].new_deputy)
			item_add(st, RG_DEPUTY, j);
	for (size_t j = 0; st->planned && j < st->plan.ngroups; j++)
		if (!st->plan.groups[j].merged_into && st->plan.groups[j].reason)
			item_add(st, RG_KEPT, j);
	for (size_t j = 0; j < st->nno_merge; j++)
		item_add(st, RG_REFUSED, j);
	for (size_t j = 0; j < st->npins; j++)
		item_add(st, RG_PIN, j);
	for (size_t j = 0; st->planned && j < st->plan.nmoves; j++)
		item_add(st, RG_MOVE, j);
	for (size_t j = 0; st->planned && j < st->plan.ngroups; j++)
		if (st->plan.groups[j].new_leader)
			item_add(st, RG_LEADER, j);
	for (size_t j = 0; st->planned && j < st->plan.norgs; j++)
		item_add(st, RG_ORG, j);
	if (st->lcur >= (long)st->nitems)
		st->lcur = st->nitems ? (long)st->nitems - 1 : 0;
}

/* Ask the engine again with the budget, pins and refusals chosen. */
void regroup_replan(struct tui *t, struct rg_state *st)
{
	struct plan_options o = {
		.scope = PLAN_HAMLET, .code = st->hcode, .min = t->cfg->group_min, .max = t->cfg->group_max,
		.max_moves = -1, .max_moves_pct = st->recommend ? -1 : regroup_budgets[st->row % 4],
		.new_leaders = st->row / 4, .merges = 1, .low_balance = t->cfg->low_balance,
		.merge_walk_limit = t->cfg->merge_walk_limit, .tradeoff = 1, .review = st->review ? t->cfg : NULL,
		.org_check = t->cfg->org_tolerance < 100, .org_tolerance = t->cfg->org_tolerance,
		.pins = st->pins, .npins = st->npins, .no_merge = st->no_merge, .nno_merge = st->nno_merge,
		.recommend = st->recommend,
	};
	struct tkvv_err err;
	err_clear(&err);
	/* A pin or a rejection edits the plan shown: the others keep their group. */
	struct plan_pin *prev = NULL;
	if (st->edit && st->planned) {
		prev = xmalloc(sizeof *prev * (st->n + 1));
		for (size_t i = 0; i < st->n; i++)
			prev[i] = (struct plan_pin){st->mid[i], st->groups[st->after[i]].id};
		o.prev = prev;
		o.nprev = st->n;
	}
	st->edit = 0;
	if (st->planned)
		plan_free(&st->plan);
	st->planned = plan_build(t->db, &o, &st->plan, &err) == 0;
	free(prev);
	if (!st->planned)
		plan_free(&st->plan);
	snprintf(st->error, sizeof st->error, "%s", st->planned ? "" : err.msg);
	if (st->planned && st->plan.nhamlets && st->plan.hamlets[0].status != REGROUP_OK)
		snprintf(st->error, sizeof st->error, "%s", st->plan.hamlets[0].message);
	/* The recommended row of the leaders kept; opening a hamlet takes it. */
	st->knee = st->planned ? plan_knee(&st->plan, 0, &st->knee_gain, &st->knee_moves) : -1;
	if (st->recommend)
		st->row = st->knee >= 0 ? st->knee : 3;
	st->recommend = 0;
	compute_after(st);
	build_items(st);
}

/* Load hamlet number CUR of the walk and plan it. */
void regroup_load(struct tui *t, struct rg_state *st)
{
	struct tkvv_err err;
	err_clear(&err);
	regroup_hamlet_free(st);
	st->npins = st->nno_merge = 0;
	st->lcur = st->ltop = 0;
	st->applied = 0;
	if (!st->nhamlets)
		return;
	int64_t id = st->hamlets[st->cur];
	if (load_groups(t->db, st, id, &err) < 0 || load_members(t->db, st, id, &err) < 0) {
		frame_message(t, 1, "%s", err.msg);
		regroup_hamlet_free(st);
		return;
	}
	st->hamlet_id = id;
	if (plan_fingerprint(t->db, id, st->fingerprint, &err) < 0)
		st->fingerprint[0] = '\0';
	st->recommend = 1;
	struct screen *s = &t->screens[SCREEN_REGROUP];
	memset(&s->filter, 0, sizeof s->filter);
	s->filter.hamlet = id;
	tui_describe(t, &s->filter);
	regroup_replan(t, st);
}
