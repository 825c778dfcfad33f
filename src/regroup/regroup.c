/* The plan for one hamlet: check the input and the rules that need no
 * search, place members on a plane (coordinates, road order, or road order
 * placed between located neighbours), have the plan chosen
 * (regroup_plan.c), and report it with the figures of regroup-metrics.md. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/i18n.h"
#include "tkvv/regroup.h"
#include "tkvv/util.h"

/* Write a one-line message into RES. */
void rg_say(struct regroup_result *res, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(res->message, sizeof res->message, fmt, ap);
	va_end(ap);
	/* Cut short: never in the middle of a UTF-8 character. */
	if (len >= (int)sizeof res->message) {
		size_t end = sizeof res->message - 1, start = end - 1;
		while (start > 0 && ((unsigned char)res->message[start] & 0xC0) == 0x80)
			start--;
		unsigned char lead = (unsigned char)res->message[start];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
		if (start + need > end)
			res->message[start] = 0;
	}
}

/* Check indices and bounds; -1 with a message when the input is wrong. */
static int plan_validate(const struct regroup_hamlet *h, const struct regroup_params *p,
			 struct regroup_result *res)
{
	if (p->min < 0 || p->max < p->min || p->max < 1) {
		rg_say(res, _("size bounds %d..%d are not a valid range"), p->min, p->max);
		return -1;
	}
	if (h->n > 0 && h->k == 0) {
		rg_say(res, _("%zu members but no group"), h->n);
		return -1;
	}
	for (size_t i = 0; i < h->n; i++) {
		const struct regroup_member *mb = &h->members[i];
		if (mb->group < 0 || (size_t)mb->group >= h->k || mb->pin < -1 || (mb->pin >= 0 && (size_t)mb->pin >= h->k)) {
			rg_say(res, _("member %lld: group or pin out of range"), (long long)mb->id);
			return -1;
		}
	}
	for (size_t g = 0; g < h->k; g++) {
		int who[2] = {h->groups[g].leader, h->groups[g].deputy};
		for (int r = 0; r < 2; r++) {
			if (who[r] < -1 || (who[r] >= 0 && ((size_t)who[r] >= h->n || h->members[who[r]].group != (int)g))) {
				rg_say(res, _("group %lld: its leader or deputy is not one of its members"), (long long)h->groups[g].id);
				return -1;
			}
		}
	}
	return 0;
}

/* Coordinates for road-only member I, linear between the nearest members
 * before and after it in road order that have both; 0 when there are none. */
static int plan_interpolate(const struct regroup_hamlet *h, size_t i, double *lat, double *lon)
{
	int64_t r = h->members[i].road_order;
	int before = -1, after = -1;
	for (size_t j = 0; j < h->n; j++) {
		const struct regroup_member *mb = &h->members[j];
		if (!mb->has_coord || !mb->has_road)
			continue;
		if (mb->road_order <= r && (before < 0 || mb->road_order > h->members[before].road_order))
			before = (int)j;
		if (mb->road_order >= r && (after < 0 || mb->road_order < h->members[after].road_order))
			after = (int)j;
	}
	if (before < 0 && after < 0)
		return 0;
	if (before < 0 || after < 0 || h->members[after].road_order == h->members[before].road_order) {
		const struct regroup_member *mb = &h->members[before >= 0 ? before : after];
		*lat = mb->lat;
		*lon = mb->lon;
		return 1;
	}
	const struct regroup_member *a = &h->members[before], *b = &h->members[after];
	double t = (double)(r - a->road_order) / (double)(b->road_order - a->road_order);
	*lat = a->lat + t * (b->lat - a->lat);
	*lon = a->lon + t * (b->lon - a->lon);
	return 1;
}

/* Place the members with a position on a local plane (metres); road-only
 * members go between their located neighbours in road order when some
 * members have both. Returns the method. */
static enum regroup_method plan_place(struct rg_plan *pl)
{
	const struct regroup_hamlet *h = pl->h;
	struct rg_ctx *c = &pl->c;
	int coords = 0, road_only = 0, both = 0;
	double lat0 = 0, lon0 = 0;
	for (size_t i = 0; i < h->n; i++) {
		const struct regroup_member *mb = &h->members[i];
		coords += mb->has_coord;
		road_only += !mb->has_coord && mb->has_road;
		both += mb->has_coord && mb->has_road;
		if (mb->has_coord) {
			lat0 += mb->lat;
			lon0 += mb->lon;
		}
	}
	enum regroup_method method = coords == 0 ? (road_only ? REGROUP_ROAD : REGROUP_NONE)
				   : road_only && both ? REGROUP_MIXED : REGROUP_COORD;
	if (coords) {
		lat0 /= coords;
		lon0 /= coords;
	}
	double kx = REGROUP_EARTH_RADIUS_M * M_PI / 180 * cos(lat0 * M_PI / 180), ky = REGROUP_EARTH_RADIUS_M * M_PI / 180;
	for (size_t i = 0; i < h->n; i++) {
		const struct regroup_member *mb = &h->members[i];
		double lat = mb->lat, lon = mb->lon;
		int ok = method == REGROUP_ROAD ? mb->has_road : mb->has_coord;
		if (!ok && method == REGROUP_MIXED && mb->has_road)
			ok = plan_interpolate(h, i, &lat, &lon);
		if (!ok) {
			c->member_pt[i] = -1;
			continue;
		}
		int pt = c->m++;
		c->member_pt[i] = pt;
		c->pt_member[pt] = (int)i;
		c->x[pt] = method == REGROUP_ROAD ? (double)mb->road_order * RG_ROAD_STEP_M : (lon - lon0) * kx;
		c->y[pt] = method == REGROUP_ROAD ? 0 : (lat - lat0) * ky;
		c->cur[pt] = mb->group;
		pl->interpolated += !mb->has_coord;
	}
	return method;
}

/* Count the members that cannot move and check the rules that need no
 * search; -1 with a message naming the rule when they cannot all hold. */
static int plan_feasible(struct rg_plan *pl, struct regroup_result *res)
{
	const struct regroup_hamlet *h = pl->h;
	const struct regroup_params *p = pl->p;
	size_t n = h->n, k = h->k, candidates = 0;
	for (size_t i = 0; i < n; i++) {
		const struct regroup_member *mb = &h->members[i];
		if (pl->c.member_pt[i] >= 0)
			continue;
		pl->fixed[mb->group]++;
		if (mb->pin >= 0 && mb->pin != mb->group) {
			rg_say(res, _("pin rule: member %lld is pinned to group %lld but has no location to move it by"),
				 (long long)mb->id, (long long)h->groups[mb->pin].id);
			return -1;
		}
	}
	if (n > (size_t)p->max * k) {
		rg_say(res, _("size rule: %zu members cannot fit in %zu groups of at most %d"), n, k, p->max);
		return -1;
	}
	for (size_t g = 0; g < k; g++) {
		int pinned = 0;
		for (size_t i = 0; i < n; i++)
			pinned |= h->members[i].pin == (int)g;
		pl->candidate[g] = p->merges && h->groups[g].may_merge && !h->groups[g].no_merge && !pl->fixed[g] && !pinned;
		candidates += (size_t)pl->candidate[g];
		if (pl->fixed[g] > p->max) {
			rg_say(res, _("size rule: group %lld has %d members without a location, more than %d"),
				 (long long)h->groups[g].id, pl->fixed[g], p->max);
			return -1;
		}
	}
	size_t need = 0;
	while (need < k && (size_t)p->min * (k - need) > n)
		need++;
	if (need > candidates) {
		rg_say(res, _("size rule: %zu groups of at least %d need %zu members, the hamlet has %zu"), k, p->min,
			 (size_t)p->min * k, n);
		return -1;
	}
	for (size_t g = 0; g < k; g++) {
		pl->c.lo[g] = p->min - pl->fixed[g];
		pl->c.hi[g] = p->max - pl->fixed[g];
	}
	return (int)need;
}

/* The member proposed to lead group G of LABEL: the one nearest its centre
 * (medoid point CENTRE) with no overdue loan, other than the leader, and
 * in the group's main piece (IN_MAIN, or NULL: anywhere); -1 when none. The
 * data holds no family ties, so a deputy's close relatives cannot be told
 * apart. */
static int plan_candidate(const struct rg_plan *pl, const int *label, int g, int centre, const int *in_main)
{
	const struct rg_ctx *c = &pl->c;
	int best = -1;
	rg_cost bd = RG_INF;
	for (int pt = 0; pt < c->m && centre >= 0; pt++) {
		int i = c->pt_member[pt];
		if (label[pt] != g || i == pl->h->groups[g].leader || pl->h->members[i].overdue || (in_main && !in_main[pt]))
			continue;
		rg_cost d = rg_dist(c, pt, centre);
		if (d < bd) {
			bd = d;
			best = i;
		}
	}
	return best;
}

/* Fill RES from the point labels LABEL: groups, merges, proposed leaders
 * and each member's distance to its old and new group's medoid. */
static void plan_fill(struct rg_plan *pl, const int *label, enum regroup_method method, struct regroup_result *res)
{
	const struct regroup_hamlet *h = pl->h;
	struct rg_ctx *c = &pl->c;
	int *before = xmalloc(sizeof(int) * (size_t)c->k), *after = xmalloc(sizeof(int) * (size_t)c->k);
	int *tally = xcalloc((size_t)c->k * (size_t)c->k, sizeof(int)), *in_main = xmalloc(sizeof(int) * ((size_t)c->m + 1));
	if (c->contiguous)
		rg_main_piece(c, label, in_main);
	rg_medoids(c, c->cur, before);
	rg_medoids(c, label, after);
	for (int pt = 0; pt < c->m; pt++) {
		int i = c->pt_member[pt];
		res->group[i] = label[pt];
		tally[(size_t)c->cur[pt] * c->k + label[pt]]++;
		if (method == REGROUP_ROAD)
			continue;
		res->dist_before[i] = (double)rg_dist(c, pt, before[c->cur[pt]]) / 100.0;
		res->dist_after[i] = (double)rg_dist(c, pt, after[label[pt]]) / 100.0;
	}
	for (int g = 0; g < c->k; g++) {
		if (c->merged[g]) {
			int to = -1;
			for (int t = 0; t < c->k; t++)
				if (!c->merged[t] && (to < 0 || tally[(size_t)g * c->k + t] > tally[(size_t)g * c->k + to]))
					to = t;
			res->merged_into[g] = to;
			continue;
		}
		int leader = h->groups[g].leader, lpt = leader >= 0 ? c->member_pt[leader] : -1;
		if (pl->free_leaders && leader >= 0 && res->group[leader] != g && after[g] >= 0) {
			/* A group that lost its leader needs one: its medoid when every
			 * member has an overdue loan. */
			res->new_leader[g] = plan_candidate(pl, label, g, after[g], NULL);
			if (res->new_leader[g] < 0)
				res->new_leader[g] = c->pt_member[after[g]];
		}
		/* A kept leader whose house is apart holds the group split there. */
		else if (!pl->free_leaders && c->contiguous && rg_unbounded(c, pl->budget) && lpt >= 0 && !in_main[lpt])
			res->new_leader[g] = plan_candidate(pl, label, g, after[g], in_main);
	}
	free(in_main);
	free(before);
	free(after);
	free(tally);
}

/* Allocate the arrays of RES and leave everyone where they are. */
static void plan_reset(const struct regroup_hamlet *h, struct regroup_result *res)
{
	size_t n = h->n ? h->n : 1, k = h->k ? h->k : 1;
	memset(res, 0, sizeof *res);
	res->group = xmalloc(n * sizeof(int));
	res->merged_into = xmalloc(k * sizeof(int));
	res->new_leader = xmalloc(k * sizeof(int));
	res->dist_before = xmalloc(n * sizeof(double));
	res->dist_after = xmalloc(n * sizeof(double));
	res->needs_location = xcalloc(n, sizeof(int));
	for (size_t i = 0; i < h->n; i++) {
		const struct regroup_member *mb = &h->members[i];
		res->group[i] = mb->group;
		res->dist_before[i] = res->dist_after[i] = NAN;
		res->needs_location[i] = !mb->has_coord && !mb->has_road;
	}
	for (size_t g = 0; g < h->k; g++)
		res->merged_into[g] = res->new_leader[g] = -1;
}

/* Allocate the search context of PL for hamlet H. */
static void plan_init(struct rg_plan *pl, const struct regroup_hamlet *h, const struct regroup_params *p)
{
	size_t n = h->n + 1, k = h->k + 1;
	memset(pl, 0, sizeof *pl);
	pl->h = h;
	pl->p = p;
	struct rg_ctx *c = &pl->c;
	c->n = (int)h->n;
	c->k = (int)h->k;
	c->pt_member = xmalloc(n * sizeof(int));
	c->member_pt = xmalloc(n * sizeof(int));
	c->x = xmalloc(n * sizeof(double));
	c->y = xmalloc(n * sizeof(double));
	c->cur = xmalloc(n * sizeof(int));
	c->force = xmalloc(n * sizeof(int));
	c->lo = xcalloc(k, sizeof(int));
	c->hi = xcalloc(k, sizeof(int));
	c->flo = xcalloc(k, sizeof(int));
	c->fhi = xcalloc(k, sizeof(int));
	c->merged = xcalloc(k, 1);
	c->leader_pt = xmalloc(k * sizeof(int));
	for (size_t g = 0; g < k; g++)
		c->leader_pt[g] = -1;
	pl->fixed = xcalloc(k, sizeof(int));
	pl->candidate = xcalloc(k, sizeof(int));
}

/* Free what plan_init and the search allocated. */
static void plan_free(struct rg_plan *pl)
{
	struct rg_ctx *c = &pl->c;
	free(c->pt_member);
	free(c->member_pt);
	free(c->x);
	free(c->y);
	free(c->cur);
	free(c->force);
	free(c->lo);
	free(c->hi);
	free(c->flo);
	free(c->fhi);
	free(c->merged);
	free(c->leader_pt);
	free(c->nbr);
	free(c->cg_first);
	free(c->cg_adj);
	free(c->dm);
	free(c->flex);
	free(c->cost);
	rgflow_free(&c->flow);
	free(pl->fixed);
	free(pl->candidate);
}

/* The nearest points of each point on the plane, for centre moves. */
static void plan_neighbours(struct rg_ctx *c)
{
	size_t m = (size_t)c->m + 1;
	double *lat = xmalloc(m * sizeof(double)), *lon = xmalloc(m * sizeof(double));
	/* Planar metres as tiny angles: the same order as on the plane. */
	for (int pt = 0; pt < c->m; pt++) {
		lat[pt] = c->y[pt] * 1e-6;
		lon[pt] = c->x[pt] * 1e-6;
	}
	c->nbr = xmalloc(m * RG_NB * sizeof(int));
	c->nb = rg_knn(c->m, lat, lon, RG_NB, c->nbr);
	free(lat);
	free(lon);
}

/* Kept leaders living apart from their group: none of their 5 nearest
 * households is in it. */
static int plan_apart(const struct rg_plan *pl, const struct regroup_result *res)
{
	const struct rg_ctx *c = &pl->c;
	int apart = 0;
	for (int g = 0; g < c->k && !pl->free_leaders; g++) {
		int pt = c->leader_pt[g], near = 0;
		if (pt < 0 || c->merged[g] || res->new_leader[g] >= 0)
			continue;
		for (int t = 0; t < c->nb && t < 5; t++) {
			int q = c->nbr[(size_t)pt * RG_NB + t];
			near |= q >= 0 && res->group[c->pt_member[q]] == g;
		}
		apart += !near;
	}
	return apart;
}

/* The one-line note of a plan: how members were placed, new leaders, or
 * kept leaders who hold their groups back. */
static void plan_note(const struct rg_plan *pl, enum regroup_method method, struct regroup_result *res)
{
	int leaders = 0, apart = plan_apart(pl, res);
	for (int g = 0; g < pl->c.k; g++)
		leaders += res->new_leader[g] >= 0;
	char place[160] = "";
	if (method == REGROUP_MIXED)
		snprintf(place, sizeof place, _("%d members without coordinates placed between their neighbours in road order"),
			 pl->interpolated);
	else if (method == REGROUP_ROAD)
		snprintf(place, sizeof place, "%s", _("road order only: distances measured along the road"));
	const char *sep = place[0] ? "; " : "";
	if (leaders && pl->free_leaders)
		rg_say(res, _("%s%snew leaders proposed for %d groups whose leaders held them back"), place, sep, leaders);
	else if (leaders)
		rg_say(res, _("%s%s%d kept leaders live apart from their groups: a new leader proposed for each"), place,
		       sep, leaders);
	else if (apart && pl->p->new_leaders)
		rg_say(res, _("%s%s%d leaders live apart from their groups, but new leaders would not gain enough"), place,
		       sep, apart);
	else if (apart)
		rg_say(res, _("%s%s%d leaders live apart from their groups and hold them back (new leaders would free them)"),
		       place, sep, apart);
	else
		rg_say(res, "%s", place);
}

/* Fill RES from choice CH of PL (or nothing moved when it failed) and
 * measure it. */
static void plan_report(struct rg_plan *pl, const struct rg_choice *ch, struct regroup_result *res)
{
	const struct regroup_hamlet *h = pl->h;
	const struct regroup_params *p = pl->p;
	if (!ch || !ch->ok) {
		res->status = REGROUP_INFEASIBLE;
		res->method = REGROUP_NONE;
		memset(pl->c.merged, 0, (size_t)pl->c.k);
	} else {
		memcpy(pl->c.merged, ch->merged, (size_t)pl->c.k);
		pl->free_leaders = ch->free_leaders;
		res->method = pl->c.m ? pl->method : REGROUP_NONE;
		plan_fill(pl, ch->label, pl->method, res);
		plan_note(pl, pl->method, res);
	}
	int *active = xmalloc(sizeof(int) * (h->k + 1));
	for (size_t g = 0; g < h->k; g++)
		active[g] = !pl->c.merged[g];
	regroup_measure(h, res->group, active, p->min, p->max, &res->after);
	res->objective = res->after.medoid_m + (p->move_weight > 0 ? p->move_weight : 0) * (double)res->after.moved;
	free(active);
}

/* Choose the plans of PL at the NB BUDGETS (both leader rules when BOTH)
 * and report each into RES. */
static void plan_choose(struct rg_plan *pl, const long *budgets, size_t nb, int both, struct regroup_result *res)
{
	size_t m = pl->h->n + 1, k = pl->h->k + 1, total = both ? 2 * nb : nb;
	const struct regroup_params *p = pl->p;
	struct regroup_params kept = *p;
	struct rg_choice *ch = xcalloc(total, sizeof *ch);
	for (size_t i = 0; i < total; i++) {
		ch[i].label = xmalloc(sizeof(int) * m);
		ch[i].merged = xcalloc(k, 1);
	}
	int need = plan_feasible(pl, res);
	if (need >= 0) {
		plan_neighbours(&pl->c);
		rg_contig_graph(&pl->c, pl->h);
		pl->c.contiguous = !p->split_ok;
		rg_ctx_distances(&pl->c);
		rg_plan_budgets(pl, need, budgets, (int)nb, both, ch, res);
	}
	kept.new_leaders = 0;
	for (size_t i = 0; i < total; i++) {
		if (need < 0 && i > 0)
			memcpy(res[i].message, res[0].message, sizeof res->message);
		pl->p = both && i < nb ? &kept : p;
		pl->budget = budgets[i % nb];
		plan_report(pl, need < 0 ? NULL : &ch[i], &res[i]);
		free(ch[i].label);
		free(ch[i].merged);
	}
	pl->p = p;
	free(ch);
}

/* The plans of hamlet H at the NB BUDGETS into RES (2·NB with BOTH: leaders
 * kept, then P's leader rule); 0, or -1 when the input is wrong. */
static int plan_hamlet(const struct regroup_hamlet *h, const struct regroup_params *p, const long *budgets,
		       size_t nb, int both, const int *prev, struct regroup_result *res)
{
	size_t total = both ? 2 * nb : nb;
	for (size_t i = 0; i < total; i++)
		plan_reset(h, &res[i]);
	if (nb == 0)
		return 0;
	int bad = plan_validate(h, p, res) < 0;
	if (!bad)
		regroup_measure(h, res->group, NULL, p->min, p->max, &res->before);
	for (size_t i = 1; i < total; i++) {
		memcpy(res[i].message, res[0].message, sizeof res->message);
		res[i].before = res->before;
	}
	for (size_t i = 0; i < total && bad; i++)
		res[i].status = REGROUP_INFEASIBLE;
	if (bad)
		return -1;
	struct rg_plan pl;
	plan_init(&pl, h, p);
	pl.prev = prev;
	pl.method = plan_place(&pl);
	plan_choose(&pl, budgets, nb, both, res);
	plan_free(&pl);
	return 0;
}

int regroup_plan_hamlet_budgets(const struct regroup_hamlet *h, const struct regroup_params *p,
				const long *budgets, size_t nb, struct regroup_result *res)
{
	return plan_hamlet(h, p, budgets, nb, p->new_leaders != 0, NULL, res);
}

int regroup_plan_hamlet(const struct regroup_hamlet *h, const struct regroup_params *p, struct regroup_result *res)
{
	return plan_hamlet(h, p, &p->max_moves, 1, 0, NULL, res);
}

int regroup_replan_hamlet(const struct regroup_hamlet *h, const struct regroup_params *p, const int *prev,
			  struct regroup_result *res)
{
	return plan_hamlet(h, p, &p->max_moves, 1, 0, prev, res);
}

void regroup_result_free(struct regroup_result *res)
{
	free(res->group);
	free(res->merged_into);
	free(res->new_leader);
	free(res->dist_before);
	free(res->dist_after);
	free(res->needs_location);
	memset(res, 0, sizeof *res);
}
