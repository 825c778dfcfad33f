/* The plan for one hamlet: check the input and the rules, place members on
 * a plane (coordinates, road order, or road order placed between located
 * neighbours), decide merges, search, meet the move budget by pricing moves
 * (Lagrangian), and report the plan with the figures of regroup-metrics.md. */
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

/* Everything the driver knows about the hamlet besides the search context. */
struct plan {
	const struct regroup_hamlet *h;
	const struct regroup_params *p;
	struct rg_ctx c;
	int *fixed;          /* k: members of each group that cannot move */
	int *candidate;      /* k: may be merged away */
	int *road_label;     /* m: the road DP's split, or NULL */
	int interpolated;    /* points placed between located neighbours */
	int free_leaders;    /* leaders and deputies may move (new leaders proposed) */
	enum regroup_method method;
};

/* Write a one-line message into RES. */
static void plan_say(struct regroup_result *res, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(res->message, sizeof res->message, fmt, ap);
	va_end(ap);
}

/* Check indices and bounds; -1 with a message when the input is wrong. */
static int plan_validate(const struct regroup_hamlet *h, const struct regroup_params *p,
			 struct regroup_result *res)
{
	if (p->min < 0 || p->max < p->min || p->max < 1) {
		plan_say(res, _("size bounds %d..%d are not a valid range"), p->min, p->max);
		return -1;
	}
	if (h->n > 0 && h->k == 0) {
		plan_say(res, _("%zu members but no group"), h->n);
		return -1;
	}
	for (size_t i = 0; i < h->n; i++) {
		const struct regroup_member *mb = &h->members[i];
		if (mb->group < 0 || (size_t)mb->group >= h->k || mb->pin < -1 || (mb->pin >= 0 && (size_t)mb->pin >= h->k)) {
			plan_say(res, _("member %lld: group or pin out of range"), (long long)mb->id);
			return -1;
		}
	}
	for (size_t g = 0; g < h->k; g++) {
		int who[2] = {h->groups[g].leader, h->groups[g].deputy};
		for (int r = 0; r < 2; r++) {
			if (who[r] < -1 || (who[r] >= 0 && ((size_t)who[r] >= h->n || h->members[who[r]].group != (int)g))) {
				plan_say(res, _("group %lld: its leader or deputy is not one of its members"), (long long)h->groups[g].id);
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
static enum regroup_method plan_place(struct plan *pl)
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
		c->x[pt] = method == REGROUP_ROAD ? (double)mb->road_order : (lon - lon0) * kx;
		c->y[pt] = method == REGROUP_ROAD ? 0 : (lat - lat0) * ky;
		c->cur[pt] = mb->group;
		pl->interpolated += !mb->has_coord;
	}
	return method;
}

/* Mark the points that may not move: pins, and kept leaders and deputies of
 * groups not merged away; -1 with a message on a contradiction. */
static int plan_force(struct plan *pl, struct regroup_result *res)
{
	const struct regroup_hamlet *h = pl->h;
	struct rg_ctx *c = &pl->c;
	for (int pt = 0; pt < c->m; pt++)
		c->force[pt] = h->members[c->pt_member[pt]].pin;
	for (size_t g = 0; g < h->k; g++) {
		c->leader_pt[g] = h->groups[g].leader >= 0 ? c->member_pt[h->groups[g].leader] : -1;
		if (pl->free_leaders || c->merged[g])
			continue;
		int who[2] = {h->groups[g].leader, h->groups[g].deputy};
		for (int r = 0; r < 2; r++) {
			if (who[r] < 0)
				continue;
			int pin = h->members[who[r]].pin, pt = c->member_pt[who[r]];
			if (pin >= 0 && pin != (int)g) {
				plan_say(res, _("leader rule: the leader or deputy of group %lld is pinned to group %lld"),
					 (long long)h->groups[g].id, (long long)h->groups[pin].id);
				return -1;
			}
			if (pt >= 0)
				c->force[pt] = (int)g;
		}
	}
	for (int pt = 0; pt < c->m; pt++) {
		if (c->force[pt] >= 0 && c->merged[c->force[pt]]) {
			plan_say(res, _("pin rule: a member is pinned to group %lld, which is merged away"),
				 (long long)h->groups[c->force[pt]].id);
			return -1;
		}
	}
	return 0;
}

/* Count the members that cannot move and check the rules that need no
 * search; -1 with a message naming the rule when they cannot all hold. */
static int plan_feasible(struct plan *pl, struct regroup_result *res)
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
			plan_say(res, _("pin rule: member %lld is pinned to group %lld but has no location to move it by"),
				 (long long)mb->id, (long long)h->groups[mb->pin].id);
			return -1;
		}
	}
	if (n > (size_t)p->max * k) {
		plan_say(res, _("size rule: %zu members cannot fit in %zu groups of at most %d"), n, k, p->max);
		return -1;
	}
	for (size_t g = 0; g < k; g++) {
		int pinned = 0;
		for (size_t i = 0; i < n; i++)
			pinned |= h->members[i].pin == (int)g;
		pl->candidate[g] = p->merges && h->groups[g].may_merge && !h->groups[g].no_merge && !pl->fixed[g] && !pinned;
		candidates += (size_t)pl->candidate[g];
		if (pl->fixed[g] > p->max) {
			plan_say(res, _("size rule: group %lld has %d members without a location, more than %d"),
				 (long long)h->groups[g].id, pl->fixed[g], p->max);
			return -1;
		}
	}
	size_t need = 0;
	while (need < k && (size_t)p->min * (k - need) > n)
		need++;
	if (need > candidates) {
		plan_say(res, _("size rule: %zu groups of at least %d need %zu members, the hamlet has %zu"), k, p->min,
			 (size_t)p->min * k, n);
		return -1;
	}
	for (size_t g = 0; g < k; g++) {
		pl->c.lo[g] = p->min - pl->fixed[g];
		pl->c.hi[g] = p->max - pl->fixed[g];
	}
	return (int)need;
}

/* Moves of LABEL: points whose group changes. */
static long plan_moves(const struct rg_ctx *c, const int *label)
{
	long moves = 0;
	for (int pt = 0; pt < c->m; pt++)
		moves += label[pt] != c->cur[pt];
	return moves;
}

/* A point in road order, for the road DP. */
struct road_key {
	int64_t road;
	int member, pt;
};

/* Road order, then member index: deterministic on ties. */
static int road_cmp(const void *a, const void *b)
{
	const struct road_key *x = a, *y = b;
	if (x->road != y->road)
		return x->road < y->road ? -1 : 1;
	return (x->member > y->member) - (x->member < y->member);
}

/* Labels in road order for the DP: forced points first decide, then the
 * median of each group's current points; merged groups anywhere. */
static void road_order_labels(const struct rg_ctx *c, const int *idx, int *order)
{
	int k = c->k;
	double *key = xmalloc(sizeof(double) * (size_t)k);
	for (int g = 0; g < k; g++) {
		int nf = 0, nc = 0;
		double sf = 0;
		for (int r = 0; r < c->m; r++) {
			nf += c->force[idx[r]] == g;
			sf += c->force[idx[r]] == g ? r : 0;
			nc += c->cur[idx[r]] == g;
		}
		key[g] = nf ? sf / nf : 1e18;
		for (int r = 0, seen = 0; !nf && r < c->m; r++)
			if (c->cur[idx[r]] == g && ++seen > nc / 2) {
				key[g] = r;
				break;
			}
		order[g] = g;
	}
	for (int a = 1; a < k; a++)
		for (int b = a; b > 0 && key[order[b - 1]] > key[order[b]]; b--) {
			int t = order[b];
			order[b] = order[b - 1];
			order[b - 1] = t;
		}
	free(key);
}

/* The exact best contiguous split along the road into LABEL (m); its
 * objective, or RG_INF when not every point has a road order or no split
 * meets the rules. Clusters stay whole when the bounds allow. */
static rg_cost plan_road(struct plan *pl, int *label)
{
	const struct regroup_hamlet *h = pl->h;
	struct rg_ctx *c = &pl->c;
	size_t m = (size_t)c->m + 1, k = (size_t)c->k;
	for (int pt = 0; pt < c->m; pt++)
		if (!h->members[c->pt_member[pt]].has_road)
			return RG_INF;
	struct road_key *key = xmalloc(sizeof *key * m);
	int64_t *pos = xmalloc(sizeof *pos * m);
	int *cur = xmalloc(sizeof(int) * m), *force = xmalloc(sizeof(int) * m), *idx = xmalloc(sizeof(int) * m);
	int *lab = xmalloc(sizeof(int) * m), *order = xmalloc(sizeof(int) * k), *lo = xmalloc(sizeof(int) * k), *hi = xmalloc(sizeof(int) * k);
	unsigned char *cut = xcalloc(m, 1);
	for (int pt = 0; pt < c->m; pt++)
		key[pt] = (struct road_key){h->members[c->pt_member[pt]].road_order, c->pt_member[pt], pt};
	qsort(key, (size_t)c->m, sizeof *key, road_cmp);
	for (int r = 0; r < c->m; r++) {
		idx[r] = key[r].pt;
		pos[r] = key[r].road * 100;
		cur[r] = c->cur[idx[r]];
		force[r] = c->force[idx[r]];
		int cl = h->members[key[r].member].cluster, prev = r ? h->members[key[r - 1].member].cluster : -1;
		cut[r] = !(cl >= 0 && cl == prev);
	}
	for (size_t g = 0; g < k; g++) {
		lo[g] = c->merged[g] || c->lo[g] < 0 ? 0 : c->lo[g];
		hi[g] = c->merged[g] ? 0 : c->hi[g];
	}
	road_order_labels(c, idx, order);
	struct rgline in = {c->m, c->k, pos, cur, force, order, lo, hi, cut, c->lambda};
	rg_cost v = rgline_solve(&in, lab);
	if (v >= RG_INF) {
		in.cut = NULL;
		v = rgline_solve(&in, lab);
	}
	for (int r = 0; v < RG_INF && r < c->m; r++)
		label[idx[r]] = lab[r];
	free(key);
	free(pos);
	free(cur);
	free(force);
	free(idx);
	free(lab);
	free(order);
	free(lo);
	free(hi);
	free(cut);
	return v < RG_INF ? rg_objective(c, label) : RG_INF;
}

/* The best plan for the current merged set at price LAMBDA (metres) within
 * MAX_EVALS flow solves, into LABEL; its objective at that price. */
static rg_cost plan_run(struct plan *pl, double lambda, long max_evals, int *label)
{
	struct rg_ctx *c = &pl->c;
	size_t m = (size_t)c->m + 1;
	c->lambda = (rg_cost)llround(lambda * 100);
	if (rg_ctx_prepare(c) < 0)
		return RG_INF;
	c->evals = 0;
	c->max_evals = max_evals;
	c->rng = 0x746b7676u;
	int *road = xmalloc(sizeof(int) * m);
	rg_cost vroad = plan_road(pl, road);
	const int *starts[2] = {road, c->cur};
	rg_cost v = RG_INF;
	/* On a road alone the contiguous split is the plan; the search serves
	 * when forced members make every contiguous split impossible. */
	if (vroad >= RG_INF || pl->method != REGROUP_ROAD)
		v = vroad < RG_INF ? rg_search(c, starts, 2, label) : rg_search(c, starts + 1, 1, label);
	if (v < RG_INF) {
		v = rg_polish(c, label);
		rg_mend(c, label, v / RG_MEND);
		rg_polish(c, label);
		rg_relabel(c, pl->fixed, label);
		v = rg_objective(c, label);
	}
	if (vroad < RG_INF) {
		rg_relabel(c, pl->fixed, road);
		vroad = rg_objective(c, road);
		if (vroad < v) {
			v = vroad;
			memcpy(label, road, sizeof(int) * (size_t)c->m);
		}
	}
	free(road);
	return v;
}

/* Flow solves allowed for one search. A solve costs about m·k; the work
 * allowed grows as m² (5 ms at 200 households, 50 ms at 600), within bounds. */
static long plan_evals(const struct rg_ctx *c)
{
	double m = c->m, work = RG_WORK * m * m;
	double e = (work < 5e7 ? work : 5e7) / (m * c->k + 1);
	return e < 300 ? 300 : e > 4000 ? 4000 : (long)e;
}

/* Choose the groups to merge away: the NEED required ones greedily, then
 * any other candidate whose merge lowers the objective at price LAMBDA. */
static int plan_merges(struct plan *pl, int need, double lambda, int *label, struct regroup_result *res)
{
	struct rg_ctx *c = &pl->c;
	long quick = plan_evals(c) / 4 + 10;
	rg_cost base = RG_INF;
	for (int r = 0; r <= need; r++) {
		int pick = -1;
		rg_cost best = RG_INF;
		for (int g = 0; g < c->k; g++) {
			if (!pl->candidate[g] || c->merged[g])
				continue;
			c->merged[g] = 1;
			rg_cost v = plan_force(pl, res) < 0 ? RG_INF : plan_run(pl, lambda, quick, label);
			c->merged[g] = 0;
			if (v < best) {
				best = v;
				pick = g;
			}
		}
		if (r == need) {
			if (plan_force(pl, res) < 0)
				return -1;
			base = plan_run(pl, lambda, quick, label);
			if (pick < 0 || best >= base)
				break;
			need++;
		}
		if (pick < 0)
			return -1;
		c->merged[pick] = 1;
	}
	return plan_force(pl, res);
}

/* Keep TRIAL in LABEL when it beats BEST, the objective at the asked price
 * WANT. */
static void budget_keep(struct plan *pl, double want, const int *trial, int *label, rg_cost *best)
{
	struct rg_ctx *c = &pl->c;
	c->lambda = (rg_cost)llround(want * 100);
	rg_cost at = rg_objective(c, trial);
	if (at < *best) {
		*best = at;
		memcpy(label, trial, sizeof(int) * (size_t)c->m);
	}
}

/* Run at price LAMBDA into TRIAL and keep it when it fits the budget; a
 * plan a little over the budget is repaired by undoing its cheapest moves.
 * 1 when the plan fitted without repair. */
static int budget_try(struct plan *pl, double lambda, double want, int *trial, int *label, rg_cost *best)
{
	struct rg_ctx *c = &pl->c;
	if (plan_run(pl, lambda, plan_evals(c) / 2 + 10, trial) >= RG_INF)
		return 0;
	if (plan_moves(c, trial) <= pl->p->max_moves) {
		budget_keep(pl, want, trial, label, best);
		return 1;
	}
	c->lambda = (rg_cost)llround(want * 100);
	if (rg_repair(c, trial, pl->p->max_moves) < RG_INF)
		budget_keep(pl, want, trial, label, best);
	return 0;
}

/* Meet the move budget: raise the price of a move until the plan fits
 * (by fours, then bisection) and keep the plan that fits with the lowest
 * objective at the asked price. RG_INF when even the fewest moves do not fit. */
static rg_cost plan_budget(struct plan *pl, int *label)
{
	struct rg_ctx *c = &pl->c;
	const struct regroup_params *p = pl->p;
	double want = p->move_weight > 0 ? p->move_weight : 0;
	rg_cost v = plan_run(pl, want, plan_evals(c), label);
	if (v >= RG_INF || p->max_moves < 0 || plan_moves(c, label) <= p->max_moves)
		return v;
	int *trial = xmalloc(sizeof(int) * ((size_t)c->m + 1));
	double lo = want, hi = want * 2 + 50;
	rg_cost best = RG_INF;
	while (!budget_try(pl, hi, want, trial, label, &best) && hi < 1e9) {
		lo = hi;
		hi *= 4;
	}
	for (int step = 0; best < RG_INF && step < 8; step++) {
		double mid = (lo + hi) / 2;
		if (budget_try(pl, mid, want, trial, label, &best))
			hi = mid;
		else
			lo = mid;
	}
	free(trial);
	c->lambda = (rg_cost)llround(want * 100);
	return best;
}

/* Fill RES from the point labels LABEL: groups, merges, proposed leaders
 * and each member's distance to its old and new group's medoid. */
static void plan_fill(struct plan *pl, const int *label, enum regroup_method method, struct regroup_result *res)
{
	const struct regroup_hamlet *h = pl->h;
	struct rg_ctx *c = &pl->c;
	int *before = xmalloc(sizeof(int) * (size_t)c->k), *after = xmalloc(sizeof(int) * (size_t)c->k);
	int *tally = xcalloc((size_t)c->k * (size_t)c->k, sizeof(int));
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
		int leader = h->groups[g].leader;
		if (pl->free_leaders && leader >= 0 && res->group[leader] != g && after[g] >= 0)
			res->new_leader[g] = c->pt_member[after[g]];
	}
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
static void plan_init(struct plan *pl, const struct regroup_hamlet *h, const struct regroup_params *p)
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
	pl->fixed = xcalloc(k, sizeof(int));
	pl->candidate = xcalloc(k, sizeof(int));
}

/* Free what plan_init and the search allocated. */
static void plan_free(struct plan *pl)
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

/* The one-line note of a plan: how members were placed, new leaders. */
static void plan_note(const struct plan *pl, enum regroup_method method, struct regroup_result *res)
{
	int leaders = 0;
	for (int g = 0; g < pl->c.k; g++)
		leaders += res->new_leader[g] >= 0;
	char place[160] = "";
	if (method == REGROUP_MIXED)
		snprintf(place, sizeof place, _("%d members without coordinates placed between their neighbours in road order"),
			 pl->interpolated);
	else if (method == REGROUP_ROAD)
		snprintf(place, sizeof place, "%s", _("road order only: distances measured along the road"));
	if (leaders)
		plan_say(res, _("%s%snew leaders proposed for %d groups whose leaders held them back"), place, place[0] ? "; " : "",
			 leaders);
	else
		plan_say(res, "%s", place);
}

/* Members of groups with nobody to move must already meet the bounds. */
static int plan_all_fixed(const struct plan *pl, struct regroup_result *res)
{
	for (int g = 0; g < pl->c.k; g++) {
		if (pl->fixed[g] < pl->p->min || pl->fixed[g] > pl->p->max) {
			plan_say(res, _("size rule: group %lld has %d members, none of them located, outside %d..%d"),
				 (long long)pl->h->groups[g].id, pl->fixed[g], pl->p->min, pl->p->max);
			return -1;
		}
	}
	return 0;
}

/* One plan under the current leader rule: merges, then the move budget.
 * The objective (RG_INF with the message set when the rules fail). */
static rg_cost plan_variant(struct plan *pl, int need, int *label, struct regroup_result *res)
{
	const struct regroup_params *p = pl->p;
	double want = p->move_weight > 0 ? p->move_weight : 0;
	memset(pl->c.merged, 0, (size_t)pl->c.k);
	if (plan_force(pl, res) < 0)
		return RG_INF;
	if (p->merges && plan_merges(pl, need, want, label, res) < 0) {
		if (!res->message[0])
			plan_say(res, _("size rule: no set of merges meets the bounds %d..%d"), p->min, p->max);
		return RG_INF;
	}
	rg_cost v = plan_budget(pl, label);
	if (v >= RG_INF && p->max_moves >= 0 && plan_run(pl, 1e9, 50, label) < RG_INF)
		plan_say(res, _("move budget: even the fewest moves (%ld) exceed the limit of %ld"), plan_moves(&pl->c, label),
			 p->max_moves);
	else if (v >= RG_INF)
		plan_say(res, _("size rule: groups of %d..%d cannot be formed around the members that may not move (pins, leaders, no location)"),
			 p->min, p->max);
	return v;
}

/* Search with the rules checked; the point labels into LABEL, or -1 with
 * the message set when the rules cannot all hold. With new leaders allowed,
 * the plan that keeps every leader is preferred unless freeing them lowers
 * the objective by more than 1%. */
static int plan_solve(struct plan *pl, int need, int *label, struct regroup_result *res)
{
	struct rg_ctx *c = &pl->c;
	if (c->m == 0)
		return plan_all_fixed(pl, res);
	pl->free_leaders = 0;
	rg_cost kept = plan_variant(pl, need, label, res);
	if (pl->p->new_leaders) {
		int *other = xmalloc(sizeof(int) * ((size_t)c->m + 1));
		unsigned char *merged = xmalloc((size_t)c->k + 1);
		char said[sizeof res->message];
		memcpy(merged, c->merged, (size_t)c->k);
		memcpy(said, res->message, sizeof said);
		res->message[0] = 0;
		pl->free_leaders = 1;
		rg_cost freed = plan_variant(pl, need, other, res);
		if (freed < RG_INF && (kept >= RG_INF || freed < kept - kept / 100)) {
			memcpy(label, other, sizeof(int) * (size_t)c->m);
			kept = freed;
		} else {
			pl->free_leaders = 0;
			memcpy(c->merged, merged, (size_t)c->k);
			memcpy(res->message, said, sizeof said);
		}
		free(other);
		free(merged);
	}
	if (kept >= RG_INF)
		return -1;
	res->message[0] = 0;
	return 0;
}

int regroup_plan_hamlet(const struct regroup_hamlet *h, const struct regroup_params *p, struct regroup_result *res)
{
	plan_reset(h, res);
	if (plan_validate(h, p, res) < 0) {
		res->status = REGROUP_INFEASIBLE;
		return -1;
	}
	regroup_measure(h, res->group, NULL, p->min, p->max, &res->before);
	struct plan pl;
	plan_init(&pl, h, p);
	enum regroup_method method = pl.method = plan_place(&pl);
	int *label = xmalloc(sizeof(int) * (h->n + 1));
	int need = plan_feasible(&pl, res);
	if (need >= 0) {
		plan_neighbours(&pl.c);
		rg_ctx_distances(&pl.c);
		memcpy(label, pl.c.cur, sizeof(int) * (size_t)pl.c.m);
		need = plan_solve(&pl, need, label, res);
	}
	if (need < 0) {
		res->status = REGROUP_INFEASIBLE;
		res->method = REGROUP_NONE;
		memset(pl.c.merged, 0, (size_t)pl.c.k);
	} else {
		res->method = pl.c.m ? method : REGROUP_NONE;
		plan_fill(&pl, label, method, res);
		plan_note(&pl, method, res);
	}
	int *active = xmalloc(sizeof(int) * (h->k + 1));
	for (size_t g = 0; g < h->k; g++)
		active[g] = !pl.c.merged[g];
	regroup_measure(h, res->group, active, p->min, p->max, &res->after);
	res->objective = res->after.medoid_m + (p->move_weight > 0 ? p->move_weight : 0) * (double)res->after.moved;
	free(active);
	free(label);
	plan_free(&pl);
	return 0;
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
