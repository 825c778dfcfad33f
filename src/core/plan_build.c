/* Building a regrouping plan: load each hamlet of the scope from the store,
 * run the engine on every hamlet in parallel, and gather moves and merges. */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tkvv/csvio.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/plan.h"
#include "tkvv/quality.h"
#include "tkvv/textsafe.h"

/* One hamlet as the engine sees it, with the codes the plan needs to print. */
struct hamlet_input {
	struct plan_hamlet *out;
	struct regroup_member *members;
	struct regroup_group *groups;
	size_t n, k;
	char **member_code, **member_name;
	char **group_code, **group_name;
	int64_t *group_balance;
	char **group_org;            /* k: the organisation each group is entrusted to */
	int64_t *member_balance;     /* n: each member's outstanding, VND */
	int64_t *gids;               /* group ids, sorted */
	long located;
	int *prev;                   /* n: group index in the plan being edited (-1), or NULL */
	struct regroup_merge *mg;    /* k: the merges decided, or NULL (none) */
	int nmerges;
	struct regroup_reduced red;  /* the hamlet with them done, for the engine */
	int *red_prev;               /* prev in the reduced groups */
	char **leader_reason;        /* k: why the leader is proposed for replacement, or NULL */
	unsigned char *weak;         /* k: the leader is up for review (--review-leaders), or NULL */
};

/* A leader up for review (quality_flags): the group's code and why. */
struct review {
	char *code, *reason;
};

/* The budgets of the trade-off table, in percent of located members (-1 =
 * unlimited), each with leaders kept and with new leaders allowed. */
#define TRADEOFF_BUDGETS 4
static const double tradeoff_pct[TRADEOFF_BUDGETS] = {10, 25, 50, -1};

/* A unit of work for the thread pool: one hamlet under one set of
 * parameters, or (NB > 0) the trade-off rows of one hamlet at once. */
struct job {
	const struct hamlet_input *h;
	struct regroup_params params;
	struct regroup_result res;
	long budgets[TRADEOFF_BUDGETS];
	size_t nb;
	struct regroup_result *rows;   /* 2·nb: leaders kept, then new leaders */
	const int *prev;               /* the plan being edited (regroup_replan_hamlet), or NULL */
	int row;                       /* >= 0: the result is that row of the trade-off job */
	int rc;
};

struct pool {
	struct job *jobs;
	size_t njobs, next;
	pthread_mutex_t lock;
};

/* Take jobs from the pool until none is left. */
static void *pool_worker(void *arg)
{
	struct pool *pool = arg;
	for (;;) {
		pthread_mutex_lock(&pool->lock);
		size_t i = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		if (i >= pool->njobs)
			return NULL;
		struct job *j = &pool->jobs[i];
		struct regroup_hamlet h = {j->h->n, j->h->k, j->h->members, j->h->groups};
		const struct regroup_hamlet *eh = j->h->nmerges ? &j->h->red.h : &h;
		const int *prev = j->h->nmerges ? j->h->red_prev : j->prev;
		if (j->row >= 0)
			continue;
		if (j->nb)
			j->rc = regroup_plan_hamlet_budgets(eh, &j->params, j->budgets, j->nb, j->rows);
		else if (j->prev)
			j->rc = regroup_replan_hamlet(eh, &j->params, prev, &j->res);
		else
			j->rc = regroup_plan_hamlet(eh, &j->params, &j->res);
		/* Told in the hamlet's own groups, the decided merges with them. */
		for (size_t r = 0; j->h->nmerges && j->rc == 0 && r < (j->nb ? 2 * j->nb : 1); r++)
			regroup_merge_expand(&h, &j->h->red, j->h->mg, j->params.min, j->params.max,
					     j->nb ? &j->rows[r] : &j->res);
	}
}

/* Run every job on THREADS workers (the engine is pure, so hamlets are independent). */
static void pool_run(struct job *jobs, size_t njobs, int threads)
{
	struct pool pool = {jobs, njobs, 0, PTHREAD_MUTEX_INITIALIZER};
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (int)n : 1;
	}
	if ((size_t)threads > njobs)
		threads = (int)(njobs ? njobs : 1);
	pthread_t *tid = xcalloc((size_t)threads, sizeof *tid);
	int started = 0;
	for (int t = 1; t < threads; t++)
		if (pthread_create(&tid[t], NULL, pool_worker, &pool) == 0)
			started++;
		else
			break;
	pool_worker(&pool);
	for (int t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	free(tid);
}

/* The hamlets of the scope, in code order. */
static int load_hamlets(sqlite3 *db, const struct plan_options *o, struct plan *p,
			struct tkvv_err *err)
{
	static const char sql[] =
		"SELECT h.id, h.code, h.name, c.code FROM hamlets h JOIN communes c ON c.id = h.commune_id "
		"WHERE ?1 = 0 OR (?1 = 1 AND c.code = ?2) OR (?1 = 2 AND h.code = ?2) ORDER BY h.code";
	sqlite3_stmt *st;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int(st, 1, (int)o->scope);
	sqlite3_bind_text(st, 2, o->code ? o->code : "", -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (p->nhamlets == cap) {
			cap = cap ? 2 * cap : 64;
			p->hamlets = xreallocarray(p->hamlets, cap, sizeof *p->hamlets);
		}
		struct plan_hamlet *h = &p->hamlets[p->nhamlets++];
		memset(h, 0, sizeof *h);
		h->hamlet_id = sqlite3_column_int64(st, 0);
		h->code = xstrdup((const char *)sqlite3_column_text(st, 1));
		h->name = xstrdup((const char *)sqlite3_column_text(st, 2));
		h->commune_code = xstrdup((const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "hamlets");
	if (p->nhamlets == 0 && o->scope != PLAN_ALL)
		return err_set(err, TKVV_EFAIL, o->scope == PLAN_COMMUNE ?
			       _("commune '%s' does not exist") : _("hamlet '%s' does not exist"), TEXT_Q(o->code));
	return 0;
}

/* The index of ID in the sorted array IDS of length N, or -1. */
static int find_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id ? (int)lo : -1;
}

/* Load the active groups of hamlet H, their balance and leaders' codes. */
static int load_groups(sqlite3 *db, struct hamlet_input *in, int64_t **gids,
		       char ***leader, char ***deputy, struct tkvv_err *err)
{
	static const char sql[] =
		"SELECT g.id, g.code, CASE WHEN g.name <> '' THEN g.name ELSE g.code END, "
		"g.leader_code, g.deputy_code, "
		"(SELECT ifnull(sum(" QUALITY_SQL_OUTSTANDING("date('now', 'localtime')") "), 0) "
		" FROM loans l JOIN members m ON m.id = l.member_id "
		" WHERE m.group_id = g.id AND l.disbursed_on <= date('now', 'localtime')), g.org_code "
		"FROM groups g WHERE g.hamlet_id = ? AND g.status = 'active' ORDER BY g.id";
	sqlite3_stmt *st;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, in->out->hamlet_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (in->k == cap) {
			cap = cap ? 2 * cap : 8;
			*gids = xreallocarray(*gids, cap, sizeof **gids);
			*leader = xreallocarray(*leader, cap, sizeof **leader);
			*deputy = xreallocarray(*deputy, cap, sizeof **deputy);
			in->group_code = xreallocarray(in->group_code, cap, sizeof *in->group_code);
			in->group_name = xreallocarray(in->group_name, cap, sizeof *in->group_name);
			in->group_balance = xreallocarray(in->group_balance, cap, sizeof *in->group_balance);
			in->group_org = xreallocarray(in->group_org, cap, sizeof *in->group_org);
		}
		size_t g = in->k++;
		const unsigned char *lc = sqlite3_column_text(st, 3), *dc = sqlite3_column_text(st, 4);
		(*gids)[g] = sqlite3_column_int64(st, 0);
		in->group_code[g] = xstrdup((const char *)sqlite3_column_text(st, 1));
		in->group_name[g] = xstrdup((const char *)sqlite3_column_text(st, 2));
		(*leader)[g] = lc ? xstrdup((const char *)lc) : NULL;
		(*deputy)[g] = dc ? xstrdup((const char *)dc) : NULL;
		in->group_balance[g] = sqlite3_column_int64(st, 5);
		in->group_org[g] = xstrdup((const char *)sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "groups");
	return 0;
}

/* The index of cluster NAME in the hamlet's list, adding it when new. */
static int cluster_index(char ***names, size_t *n, const char *name)
{
	if (!name || !*name)
		return -1;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0)
			return (int)i;
	*names = xreallocarray(*names, *n + 1, sizeof **names);
	(*names)[*n] = xstrdup(name);
	return (int)(*n)++;
}

/* Load the members of one hamlet whose group is one of its active groups. */
static int load_members(sqlite3 *db, struct hamlet_input *in, const int64_t *gids,
			struct tkvv_err *err)
{
	static const char sql[] =
		"SELECT id, code, full_name, group_id, lat, lon, road_order, cluster, "
		"EXISTS (SELECT 1 FROM loans l WHERE l.member_id = members.id "
		"AND ifnull(l.extended_to, l.due_on) < date('now', 'localtime') "
		"AND l.disbursed_on <= date('now', 'localtime') "
		"AND " QUALITY_SQL_OUTSTANDING("date('now', 'localtime')") " > 0), "
		"(SELECT ifnull(sum(" QUALITY_SQL_OUTSTANDING("date('now', 'localtime')") "), 0) FROM loans l "
		"WHERE l.member_id = members.id AND l.disbursed_on <= date('now', 'localtime')) "
		"FROM members WHERE hamlet_id = ? ORDER BY id";
	sqlite3_stmt *st;
	char **clusters = NULL;
	size_t nclusters = 0, cap = 0;
	int rc;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, in->out->hamlet_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int g = find_id(gids, in->k, sqlite3_column_int64(st, 3));
		if (g < 0)
			continue;
		if (in->n == cap) {
			cap = cap ? 2 * cap : 64;
			in->members = xreallocarray(in->members, cap, sizeof *in->members);
			in->member_code = xreallocarray(in->member_code, cap, sizeof *in->member_code);
			in->member_name = xreallocarray(in->member_name, cap, sizeof *in->member_name);
			in->member_balance = xreallocarray(in->member_balance, cap, sizeof *in->member_balance);
		}
		struct regroup_member *m = &in->members[in->n];
		memset(m, 0, sizeof *m);
		m->id = sqlite3_column_int64(st, 0);
		m->group = g;
		m->has_coord = sqlite3_column_type(st, 4) != SQLITE_NULL && sqlite3_column_type(st, 5) != SQLITE_NULL;
		m->lat = sqlite3_column_double(st, 4);
		m->lon = sqlite3_column_double(st, 5);
		m->has_road = sqlite3_column_type(st, 6) != SQLITE_NULL;
		m->road_order = sqlite3_column_int64(st, 6);
		m->cluster = cluster_index(&clusters, &nclusters, (const char *)sqlite3_column_text(st, 7));
		m->pin = -1;
		m->overdue = sqlite3_column_int(st, 8);
		in->member_balance[in->n] = sqlite3_column_int64(st, 9);
		in->member_code[in->n] = xstrdup((const char *)sqlite3_column_text(st, 1));
		in->member_name[in->n] = xstrdup((const char *)sqlite3_column_text(st, 2));
		in->n++;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < nclusters; i++)
		free(clusters[i]);
	free(clusters);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "members");
	return 0;
}

/* The index of the member with CODE in the hamlet, or -1. */
static int member_by_code(const struct hamlet_input *in, const char *code)
{
	if (!code)
		return -1;
	for (size_t i = 0; i < in->n; i++)
		if (strcmp(in->member_code[i], code) == 0)
			return (int)i;
	return -1;
}

/* Fill the engine's view of each group: leaders, merge eligibility, pins. */
static void set_groups(struct hamlet_input *in, const int64_t *gids, char **leader,
		       char **deputy, const struct plan_options *o)
{
	long *count = xcalloc(in->k ? in->k : 1, sizeof *count);
	for (size_t i = 0; i < in->n; i++)
		count[in->members[i].group]++;
	in->groups = xcalloc(in->k ? in->k : 1, sizeof *in->groups);
	for (size_t g = 0; g < in->k; g++) {
		struct regroup_group *rg = &in->groups[g];
		rg->id = gids[g];
		rg->leader = member_by_code(in, leader[g]);
		rg->deputy = member_by_code(in, deputy[g]);
		if (rg->leader >= 0 && in->members[rg->leader].group != (int)g)
			rg->leader = -1;
		if (rg->deputy >= 0 && in->members[rg->deputy].group != (int)g)
			rg->deputy = -1;
		rg->may_merge = count[g] < o->min || in->group_balance[g] < o->low_balance;
		for (size_t j = 0; j < o->nno_merge; j++)
			if (o->no_merge[j] == gids[g])
				rg->no_merge = 1;
	}
	for (size_t j = 0; j < o->npins; j++)
		for (size_t i = 0; i < in->n; i++)
			if (in->members[i].id == o->pins[j].member_id)
				in->members[i].pin = find_id(gids, in->k, o->pins[j].group_id);
	free(count);
}

static void decide_merges(struct hamlet_input *in, const struct plan_options *o);

/* Load everything the engine needs about one hamlet. */
static int load_hamlet(sqlite3 *db, struct hamlet_input *in, const struct plan_options *o,
		       struct tkvv_err *err)
{
	char **leader = NULL, **deputy = NULL;
	int rc = load_groups(db, in, &in->gids, &leader, &deputy, err);
	if (rc == 0)
		rc = load_members(db, in, in->gids, err);
	if (rc == 0) {
		set_groups(in, in->gids, leader, deputy, o);
		decide_merges(in, o);
	}
	for (size_t i = 0; i < in->n; i++)
		in->located += in->members[i].has_coord || in->members[i].has_road;
	in->out->members = (long)in->n;
	in->out->located = in->located;
	for (size_t g = 0; g < in->k; g++) {
		free(leader[g]);
		free(deputy[g]);
	}
	free(leader);
	free(deputy);
	if (rc == 0)
		rc = plan_fingerprint(db, in->out->hamlet_id, in->out->fingerprint, err);
	return rc;
}

/* Free what load_hamlet allocated. */
static void hamlet_input_free(struct hamlet_input *in)
{
	free(in->prev);
	for (size_t i = 0; i < in->n; i++) {
		free(in->member_code[i]);
		free(in->member_name[i]);
	}
	for (size_t g = 0; g < in->k; g++) {
		free(in->group_code[g]);
		free(in->group_name[g]);
		free(in->group_org[g]);
	}
	free(in->group_org);
	free(in->member_balance);
	free(in->member_code);
	free(in->member_name);
	free(in->group_code);
	free(in->group_name);
	free(in->group_balance);
	free(in->members);
	free(in->groups);
	free(in->gids);
	free(in->mg);
	free(in->red_prev);
	for (size_t g = 0; in->leader_reason && g < in->k; g++)
		free(in->leader_reason[g]);
	free(in->leader_reason);
	free(in->weak);
	if (in->nmerges)
		regroup_reduced_free(&in->red);
}

/* The leaders to review as of today under CFG (quality reports), each with
 * its figures, into *OUT (*N). */
static int load_reviews(sqlite3 *db, const struct config *cfg, struct review **out, size_t *n,
			struct tkvv_err *err)
{
	char today[11];
	struct quality_data *q;
	struct quality_report r;
	struct quality_flags fl;
	csvio_today(today);
	if (quality_load(db, today, &q, err) < 0)
		return -1;
	int rc = quality_compute(q, today, cfg, &r, err);
	if (rc == 0 && (rc = quality_flags(q, &r, cfg, &fl, err)) < 0)
		quality_report_free(&r);
	if (rc < 0) {
		quality_data_free(q);
		return -1;
	}
	*out = xcalloc(fl.nreview + 1, sizeof **out);
	*n = fl.nreview;
	for (size_t i = 0; i < fl.nreview; i++) {
		const struct quality_review *v = &fl.review[i];
		const struct quality_group *g = &r.groups[v->group];
		char months[256] = "", coll[16], over[16];
		size_t at = 0;
		for (int k = 0; k < v->months && at < sizeof months; k++)
			at += (size_t)snprintf(months + at, sizeof months - at, "%s%d %s", k ? ", " : "", v->scores[k],
					       quality_grade_label(v->grades[k]));
		quality_format_pct(g->u.fig.interest_collected_ytd, g->u.fig.interest_due_ytd, coll, sizeof coll);
		quality_format_pct(g->u.fig.overdue, g->u.fig.outstanding, over, sizeof over);
		(*out)[i].code = xstrdup(g->u.code);
		(*out)[i].reason = xasprintf(_("leader to review: graded Trung bình or Yếu %d months running (%s); "
					       "collection %s %%, overdue %s %%"), v->months, months, coll, over);
	}
	quality_flags_free(&fl);
	quality_report_free(&r);
	quality_data_free(q);
	return 0;
}

/* The review of group G of IN in REV (NREV), or NULL. */
static const struct review *review_of(const struct hamlet_input *in, size_t g, const struct review *rev, size_t nrev)
{
	for (size_t v = 0; v < nrev; v++)
		if (!strcmp(rev[v].code, in->group_code[g]))
			return &rev[v];
	return NULL;
}

/* Propose a new leader, by the engine's rule, for each group of hamlet IN
 * whose leader is up for review (REV, NREV) and which the plan R keeps; a
 * merged group's leader up for review is not offered as deputy. */
static void review_hamlet(struct hamlet_input *in, struct regroup_result *r, const struct review *rev, size_t nrev)
{
	if (r->status != REGROUP_OK || !r->new_leader)
		return;
	struct regroup_hamlet h = {in->n, in->k, in->members, in->groups};
	in->weak = xcalloc(in->k + 1, 1);
	for (size_t g = 0; g < in->k; g++)
		in->weak[g] = in->groups[g].leader >= 0 && review_of(in, g, rev, nrev);
	for (size_t g = 0; g < in->k; g++) {
		if (!in->weak[g] || (r->merged_into && r->merged_into[g] >= 0))
			continue;
		/* Not the merged group's leader, who is offered as deputy. */
		int avoid = -1;
		for (size_t d = 0; d < in->k && in->mg && avoid < 0; d++)
			if (in->mg[d].into >= 0 && r->merged_into[d] == (int)g && !in->weak[d])
				avoid = in->groups[d].leader;
		if (r->new_leader[g] < 0)
			r->new_leader[g] = regroup_leader_candidate(&h, r->group, (int)g, avoid);
		if (r->new_leader[g] < 0)
			continue;
		if (!in->leader_reason)
			in->leader_reason = xcalloc(in->k, sizeof *in->leader_reason);
		in->leader_reason[g] = xstrdup(review_of(in, g, rev, nrev)->reason);
	}
}

/* Keep each organisation's share of hamlet IN's members within O's
 * tolerance in plan R (then measured again), and add the shares to P. */
static void org_shares(struct plan *p, struct hamlet_input *in, struct regroup_result *r,
		       const struct plan_options *o)
{
	struct regroup_hamlet h = {in->n, in->k, in->members, in->groups};
	if (o->org_check && r->status == REGROUP_OK && in->k) {
		int *org = xmalloc(in->k * sizeof *org), norg = 0;
		for (size_t g = 0; g < in->k; g++) {
			org[g] = norg;
			for (size_t e = 0; e < g; e++)
				if (!strcmp(in->group_org[e], in->group_org[g]))
					org[g] = org[e];
			norg += org[g] == norg;
		}
		int out = plan_org_enforce(&h, org, norg, o->org_tolerance, o->min, o->max, r);
		int *active = xmalloc(in->k * sizeof *active);
		for (size_t g = 0; g < in->k; g++)
			active[g] = !r->merged_into || r->merged_into[g] < 0;
		regroup_measure(&h, r->group, active, o->min, o->max, &r->after);
		if (out) {
			size_t len = strlen(r->message);
			snprintf(r->message + len, sizeof r->message - len, _("%s%d organisations' shares stay beyond %g points"),
				 len ? "; " : "", out, o->org_tolerance);
		}
		free(active);
		free(org);
	}
	plan_org_add(p, in->out->commune_code, &h, in->group_org, in->member_balance, r);
}

/* Decide the merges of hamlet IN (when O allows them) and prepare the
 * hamlet with them done for the engine. */
static void decide_merges(struct hamlet_input *in, const struct plan_options *o)
{
	if (!o->merges || in->k == 0)
		return;
	struct regroup_hamlet h = {in->n, in->k, in->members, in->groups};
	in->mg = xcalloc(in->k, sizeof *in->mg);
	in->nmerges = regroup_merge_decide(&h, o->min, o->max, o->merge_walk_limit, in->mg);
	if (in->nmerges)
		regroup_merge_reduce(&h, in->mg, &in->red);
}

/* Why group G of IN is a merge candidate: too few members, low balance. */
static char *merge_why(const struct hamlet_input *in, const struct plan_options *o, size_t g)
{
	long n = 0;
	for (size_t i = 0; i < in->n; i++)
		n += in->members[i].group == (int)g;
	char few[96] = "", low[160] = "", bal[32], lim[32];
	if (n < o->min)
		snprintf(few, sizeof few, _("too few members: %ld < %d"), n, o->min);
	if (in->group_balance[g] < o->low_balance) {
		quality_format_money(in->group_balance[g], bal, sizeof bal);
		quality_format_money(o->low_balance, lim, sizeof lim);
		snprintf(low, sizeof low, _("low balance: %s VND < %s VND"), bal, lim);
	}
	return xasprintf("%s%s%s", few, few[0] && low[0] ? "; " : "", low);
}

/* The reason a merge candidate of IN is merged (MG), or why it is kept. */
static char *merge_reason(const struct hamlet_input *in, const struct plan_options *o, size_t g,
			  const struct regroup_merge *mg)
{
	char *why = merge_why(in, o, g), *out;
	switch (mg->why) {
	case REGROUP_MERGED:
		out = xasprintf(_("%s; %d members together, walk %.0f m -> %.0f m"), why, mg->members,
				mg->walk_before, mg->walk_after);
		break;
	case REGROUP_KEEP_REFUSED:
		out = xasprintf(_("%s; not merged: refused by the officer"), why);
		break;
	case REGROUP_KEEP_PINNED:
		out = xasprintf(_("%s; not merged: a member is placed in it by the officer"), why);
		break;
	case REGROUP_KEEP_SURVIVOR:
		out = xasprintf(_("%s; not merged: another group is merged into it"), why);
		break;
	case REGROUP_KEEP_NO_NEIGHBOUR:
		out = xasprintf(_("%s; not merged: no adjacent group in its hamlet"), why);
		break;
	case REGROUP_KEEP_BOUNDS:
		out = xasprintf(_("%s; not merged: with each adjacent group the two would be outside %d..%d members"), why,
				o->min, o->max);
		break;
	case REGROUP_KEEP_WALK:
		out = xasprintf(_("%s; not merged: the walk would grow by %.0f m (%.0f m -> %.0f m), more than %.0f m"),
				why, mg->walk_after - mg->walk_before, mg->walk_before, mg->walk_after,
				o->merge_walk_limit);
		break;
	default:
		out = why;
		why = NULL;
	}
	free(why);
	return out;
}

/* The engine's parameters for the plan asked for in hamlet IN. An absolute
 * budget is shared out by located members. */
static struct regroup_params plan_params(const struct plan_options *o, const struct hamlet_input *in,
					 long located_total)
{
	struct regroup_params rp = {o->min, o->max, o->move_weight, -1, o->new_leaders, o->merges, 0};
	if (o->max_moves >= 0)
		rp.max_moves = located_total ? (long)((double)o->max_moves * (double)in->located /
						      (double)located_total) : 0;
	else if (o->max_moves_pct >= 0)
		rp.max_moves = (long)floor(o->max_moves_pct / 100.0 * (double)in->located);
	return rp;
}

/* The job of the trade-off rows of hamlet IN: every budget, leaders kept
 * and new leaders allowed, in one call of the engine. */
static void tradeoff_job(const struct plan_options *o, const struct hamlet_input *in, struct job *j)
{
	struct regroup_params rp = {o->min, o->max, o->move_weight, -1, 1, o->merges, 0};
	j->h = in;
	j->params = rp;
	j->nb = TRADEOFF_BUDGETS;
	for (size_t b = 0; b < TRADEOFF_BUDGETS; b++)
		j->budgets[b] = tradeoff_pct[b] < 0 ? -1 : (long)floor(tradeoff_pct[b] / 100.0 * (double)in->located);
	j->rows = xcalloc(2 * TRADEOFF_BUDGETS, sizeof *j->rows);
	j->row = -1;
}

/* The row of trade-off job T that is the plan asked for by job J (the same
 * parameters), or -1. */
static int tradeoff_row(const struct job *j, const struct job *t)
{
	for (int r = 0; r < 2 * TRADEOFF_BUDGETS; r++)
		if (j->params.max_moves == t->budgets[r % TRADEOFF_BUDGETS] &&
		    !!j->params.new_leaders == r / TRADEOFF_BUDGETS)
			return r;
	return -1;
}

/* The reason an officer reads for moving member I of hamlet IN. */
static char *move_reason(const struct hamlet_input *in, const struct regroup_result *r,
			 const struct plan_options *o, size_t i)
{
	int from = in->members[i].group, to = r->group[i];
	double before = r->dist_before ? r->dist_before[i] : NAN;
	double after = r->dist_after ? r->dist_after[i] : NAN;
	if (r->merged_into && r->merged_into[from] == to)
		return xasprintf(_("%s is merged into %s"), in->group_name[from], in->group_name[to]);
	if (r->merged_into && r->merged_into[from] >= 0)
		return xasprintf(_("%s is merged into %s; joins %s, nearer to its centre"), in->group_name[from],
				 in->group_name[r->merged_into[from]], in->group_name[to]);
	if (in->members[i].pin == to)
		return xasprintf(_("placed in %s by the officer"), in->group_name[to]);
	if (isnan(before) || isnan(after))
		return xasprintf(_("joins %s's stretch of the road"), in->group_name[to]);
	if (after < before)
		return xasprintf(_("nearer to %s: %.0f m from its centre, was %.0f m from %s's"),
				 in->group_name[to], after, before, in->group_name[from]);
	return xasprintf(_("keeps groups within %d-%d members and contiguous: %.0f m from %s's centre, was %.0f m from %s's"),
			 o->min, o->max, after, in->group_name[to], before, in->group_name[from]);
}

/* Append the moves, group changes and unlocated members of one hamlet to P. */
static void gather_hamlet(struct plan *p, const struct hamlet_input *in,
			  const struct regroup_result *r, const struct plan_options *o)
{
	for (size_t i = 0; i < in->n; i++) {
		if (r->needs_location && r->needs_location[i]) {
			p->unlocated = xreallocarray(p->unlocated, p->nunlocated + 1, sizeof *p->unlocated);
			struct plan_unlocated *u = &p->unlocated[p->nunlocated++];
			u->member_code = xstrdup(in->member_code[i]);
			u->full_name = xstrdup(in->member_name[i]);
			u->hamlet_code = xstrdup(in->out->code);
		}
		int from = in->members[i].group, to = r->group[i];
		if (from == to)
			continue;
		p->moves = xreallocarray(p->moves, p->nmoves + 1, sizeof *p->moves);
		struct plan_move *m = &p->moves[p->nmoves++];
		m->member_id = in->members[i].id;
		m->from_group = in->gids[from];
		m->to_group = in->gids[to];
		m->member_code = xstrdup(in->member_code[i]);
		m->full_name = xstrdup(in->member_name[i]);
		m->hamlet_code = xstrdup(in->out->code);
		m->from_code = xstrdup(in->group_code[from]);
		m->to_code = xstrdup(in->group_code[to]);
		m->reason = move_reason(in, r, o, i);
	}
	int ok = r->status == REGROUP_OK;
	for (size_t g = 0; g < in->k; g++) {
		int into = r->merged_into ? r->merged_into[g] : -1;
		int leader = r->new_leader ? r->new_leader[g] : -1;
		/* The leader of the first group merged into it is offered as deputy. */
		int deputy = -1;
		for (size_t d = 0; d < in->k && ok && into < 0 && in->mg && deputy < 0; d++)
			if (in->mg[d].into >= 0 && r->merged_into[d] == (int)g && in->groups[d].leader >= 0 &&
			    in->groups[d].leader != leader && !(in->weak && in->weak[d]))
				deputy = in->groups[d].leader;
		int kept = ok && in->mg && in->mg[g].why != REGROUP_KEEP_NOT_CANDIDATE && in->mg[g].why != REGROUP_MERGED;
		if (into < 0 && leader < 0 && deputy < 0 && !kept)
			continue;
		p->groups = xreallocarray(p->groups, p->ngroups + 1, sizeof *p->groups);
		struct plan_group_change *c = &p->groups[p->ngroups++];
		memset(c, 0, sizeof *c);
		c->group_id = in->gids[g];
		c->group_code = xstrdup(in->group_code[g]);
		if (into >= 0) {
			c->merged_into = in->gids[into];
			c->into_code = xstrdup(in->group_code[into]);
			if (in->mg && in->mg[g].why == REGROUP_MERGED)
				c->reason = merge_reason(in, o, g, &in->mg[g]);
			else {
				char *why = merge_why(in, o, g);
				c->reason = xasprintf(_("%s; merged by the plan"), why);
				free(why);
			}
		} else if (kept) {
			c->reason = merge_reason(in, o, g, &in->mg[g]);
		}
		if (deputy >= 0) {
			c->new_deputy = xstrdup(in->member_code[deputy]);
			int old = in->groups[g].deputy;
			c->old_deputy = old >= 0 ? xstrdup(in->member_code[old]) : NULL;
		}
		if (leader >= 0) {
			c->new_leader = xstrdup(in->member_code[leader]);
			if (in->leader_reason && in->leader_reason[g])
				c->leader_reason = xstrdup(in->leader_reason[g]);
			int old = in->groups[g].leader;
			c->old_leader = old >= 0 ? xstrdup(in->member_code[old]) : NULL;
		}
	}
}

/* Copy one hamlet's result figures into its plan row. */
static void record_hamlet(struct plan_hamlet *h, const struct regroup_result *r)
{
	h->method = r->method;
	h->status = r->status;
	snprintf(h->message, sizeof h->message, "%s", r->message);
	h->before = r->before;
	h->after = r->after;
}

/* The trade-off table of P from the NH trade-off jobs JOBS: rows 10/25/50 %
 * and unlimited with leaders kept, then the same with new leaders. */
static void tradeoff_table(struct plan *p, const struct job *jobs, size_t nh)
{
	static const char *const names[TRADEOFF_BUDGETS] = {"10%", "25%", "50%", "unlimited"};
	p->ntradeoff = 2 * TRADEOFF_BUDGETS;
	p->tradeoff = xcalloc(p->ntradeoff, sizeof *p->tradeoff);
	for (size_t r = 0; r < p->ntradeoff; r++) {
		struct plan_tradeoff *t = &p->tradeoff[r];
		snprintf(t->budget, sizeof t->budget, "%s", names[r % TRADEOFF_BUDGETS]);
		t->new_leaders = (int)(r / TRADEOFF_BUDGETS);
		for (size_t h = 0; h < nh; h++)
			regroup_metrics_add(&t->after, &jobs[h].rows[r].after);
	}
}

int plan_knee(const struct plan *p, int new_leaders, double *gain, double *moves)
{
	int best = -1, unl = -1;
	double score = 0;
	*gain = *moves = 0;
	for (size_t r = 0; r < p->ntradeoff; r++)
		if (!!p->tradeoff[r].new_leaders == !!new_leaders && !strcmp(p->tradeoff[r].budget, "unlimited"))
			unl = (int)r;
	if (unl < 0)
		return -1;
	const struct regroup_metrics *u = &p->tradeoff[unl].after;
	double drop = p->before.medoid_m - u->medoid_m;
	if (drop <= 0 || u->moved <= 0)
		return -1;
	for (size_t r = 0; r < p->ntradeoff; r++) {
		const struct regroup_metrics *a = &p->tradeoff[r].after;
		if (!!p->tradeoff[r].new_leaders != !!new_leaders || (int)r == unl || a->moved <= 0)
			continue;
		double g = (p->before.medoid_m - a->medoid_m) / drop, m = (double)a->moved / (double)u->moved;
		if (g - m > score + 1e-9 || (best >= 0 && fabs(g - m - score) <= 1e-9 && a->moved < p->tradeoff[best].after.moved)) {
			score = g - m;
			best = (int)r;
			*gain = g;
			*moves = m;
		}
	}
	if (best < 0) {
		*gain = *moves = 1;
		return unl;
	}
	return best;
}

int plan_build(sqlite3 *db, const struct plan_options *o, struct plan *p, struct tkvv_err *err)
{
	memset(p, 0, sizeof *p);
	snprintf(p->status, sizeof p->status, "draft");
	p->scope = o->scope == PLAN_ALL ? xstrdup("all") :
		xasprintf("%s %s", o->scope == PLAN_COMMUNE ? "commune" : "hamlet", o->code);
	p->min = o->min;
	p->max = o->max;
	p->move_weight = o->move_weight;
	p->new_leaders = o->new_leaders;
	p->org_tolerance = o->org_check ? o->org_tolerance : -1;
	if (o->max_moves >= 0)
		snprintf(p->max_moves, sizeof p->max_moves, "%ld", o->max_moves);
	else if (o->max_moves_pct >= 0)
		snprintf(p->max_moves, sizeof p->max_moves, "%g%%", o->max_moves_pct);
	if (load_hamlets(db, o, p, err) < 0)
		return -1;

	struct review *rev = NULL;
	size_t nrev = 0;
	if (o->review && load_reviews(db, o->review, &rev, &nrev, err) < 0)
		return -1;
	size_t nh = p->nhamlets;
	struct hamlet_input *in = xcalloc(nh ? nh : 1, sizeof *in);
	long located_total = 0;
	int rc = 0;
	for (size_t h = 0; h < nh && rc == 0; h++) {
		in[h].out = &p->hamlets[h];
		rc = load_hamlet(db, &in[h], o, err);
		located_total += in[h].located;
	}
	size_t nv = o->tradeoff ? 2 : 1;
	struct job *jobs = xcalloc(nh * nv + 1, sizeof *jobs);
	if (rc == 0) {
		for (size_t h = 0; h < nh; h++) {
			jobs[h].h = &in[h];
			jobs[h].params = plan_params(o, &in[h], located_total);
			jobs[h].row = -1;
			if (o->prev) {
				/* Edited from the plan before: each member's group in it. */
				in[h].prev = xmalloc(sizeof(int) * (in[h].n + 1));
				for (size_t i = 0; i < in[h].n; i++) {
					in[h].prev[i] = -1;
					for (size_t j = 0; j < o->nprev; j++)
						if (o->prev[j].member_id == in[h].members[i].id)
							in[h].prev[i] = find_id(in[h].gids, in[h].k, o->prev[j].group_id);
				}
				jobs[h].prev = in[h].prev;
				if (in[h].nmerges) {
					in[h].red_prev = xmalloc(sizeof(int) * (in[h].n + 1));
					for (size_t i = 0; i < in[h].n; i++)
						in[h].red_prev[i] = in[h].prev[i] < 0 ? -1 : in[h].red.to_red[in[h].prev[i]];
				}
			}
			if (nv > 1) {
				tradeoff_job(o, &in[h], &jobs[nh + h]);
				/* The plan asked for is often one of the rows: made once. */
				if (!o->prev)
					jobs[h].row = tradeoff_row(&jobs[h], &jobs[nh + h]);
			}
		}
		pool_run(jobs, nh * nv, o->threads);
	}
	if (rc == 0 && nv > 1)
		tradeoff_table(p, jobs + nh, nh);
	/* No budget asked: the plan is the recommended row, and says so. */
	if (rc == 0 && nv > 1 && o->recommend && o->max_moves < 0 && o->max_moves_pct < 0) {
		for (size_t h = 0; h < nh; h++)
			regroup_metrics_add(&p->before, &jobs[nh + h].rows[0].before);
		double gain, share;
		int knee = plan_knee(p, o->new_leaders, &gain, &share);
		memset(&p->before, 0, sizeof p->before);
		for (size_t h = 0; h < nh && knee >= 0; h++)
			jobs[h].row = knee;
		if (knee >= 0 && strcmp(p->tradeoff[knee].budget, "unlimited"))
			snprintf(p->max_moves, sizeof p->max_moves, "%s", p->tradeoff[knee].budget);
	}
	for (size_t h = 0; h < nh && rc == 0; h++) {
		struct job *t = &jobs[nh + h];
		if (jobs[h].row < 0)
			continue;
		jobs[h].rc = t->rc;
		jobs[h].res = t->rows[jobs[h].row];
		memset(&t->rows[jobs[h].row], 0, sizeof *t->rows);
	}
	for (size_t h = 0; h < nh && rc == 0; h++) {
		if (jobs[h].rc < 0)
			rc = err_set(err, TKVV_EFAIL, "%s: %s", in[h].out->code, jobs[h].res.message);
		else {
			if (nrev)
				review_hamlet(&in[h], &jobs[h].res, rev, nrev);
			org_shares(p, &in[h], &jobs[h].res, o);
			record_hamlet(&p->hamlets[h], &jobs[h].res);
			regroup_metrics_add(&p->before, &jobs[h].res.before);
			regroup_metrics_add(&p->after, &jobs[h].res.after);
			gather_hamlet(p, &in[h], &jobs[h].res, o);
		}
	}
	for (size_t j = 0; j < nh * nv; j++) {
		if (!jobs[j].h)
			continue;
		regroup_result_free(&jobs[j].res);
		for (size_t r = 0; r < 2 * jobs[j].nb; r++)
			regroup_result_free(&jobs[j].rows[r]);
		free(jobs[j].rows);
	}
	free(jobs);
	for (size_t i = 0; i < nrev; i++) {
		free(rev[i].code);
		free(rev[i].reason);
	}
	free(rev);
	for (size_t h = 0; h < nh; h++)
		hamlet_input_free(&in[h]);
	free(in);
	return rc;
}
