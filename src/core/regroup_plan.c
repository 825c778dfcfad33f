/* Choosing the plan of one hamlet: merges, the move budget, the leader
 * rule. Each choice runs the search of regroup_search.c (and the road DP)
 * on the points regroup.c placed, and keeps the plan with the lowest
 * objective that meets every rule. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/i18n.h"
#include "tkvv/regroup.h"
#include "tkvv/util.h"

/* Mark the points that may not move: pins, and kept leaders and deputies of
 * groups not merged away; -1 with a message on a contradiction. */
static int plan_force(struct rg_plan *pl, struct regroup_result *res)
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
				rg_say(res, _("leader rule: the leader or deputy of group %lld is pinned to group %lld"),
					 (long long)h->groups[g].id, (long long)h->groups[pin].id);
				return -1;
			}
			if (pt >= 0)
				c->force[pt] = (int)g;
		}
	}
	for (int pt = 0; pt < c->m; pt++) {
		if (c->force[pt] >= 0 && c->merged[c->force[pt]]) {
			rg_say(res, _("pin rule: a member is pinned to group %lld, which is merged away"),
				 (long long)h->groups[c->force[pt]].id);
			return -1;
		}
	}
	return 0;
}

/* Moves of LABEL: points whose group changes. */
static long plan_moves(const struct rg_ctx *c, const int *label)
{
	long moves = 0;
	for (int pt = 0; pt < c->m; pt++)
		moves += label[pt] != c->cur[pt];
	return moves;
}

/* The best plan for the current merged set at price LAMBDA (metres) within
 * MAX_EVALS flow solves, into LABEL; its objective at that price. */
static rg_cost plan_run(struct rg_plan *pl, double lambda, long max_evals, int *label)
{
	struct rg_ctx *c = &pl->c;
	size_t m = (size_t)c->m + 1;
	c->lambda = rg_price(lambda);
	if (rg_ctx_prepare(c) < 0)
		return RG_INF;
	c->evals = 0;
	c->max_evals = max_evals;
	c->rng = 0x746b7676u;
	int *road = xmalloc(sizeof(int) * m);
	rg_cost vroad = rg_road(c, pl->h, pl->fixed, road);
	const int *starts[2] = {road, c->cur};
	rg_cost v = RG_INF;
	/* On a road alone the contiguous split is usually the plan, but when
	 * moves are dear (or forced members make every contiguous split
	 * impossible) keeping most households where they are wins: the search
	 * from the current groups finds that plan. */
	if (vroad >= RG_INF || pl->method != REGROUP_ROAD || c->lambda > 0)
		v = vroad < RG_INF ? rg_search(c, starts, 2, label) : rg_search(c, starts + 1, 1, label);
	if (v < RG_INF) {
		v = rg_polish(c, label);
		rg_mend(c, label, v / RG_MEND);
		rg_polish(c, label);
		rg_relabel(c, pl->fixed, label);
		v = rg_objective(c, label);
	}
	if (vroad < v) {
		v = vroad;
		memcpy(label, road, sizeof(int) * (size_t)c->m);
	}
	free(road);
	return v;
}

/* Flow solves allowed for one search. A solve costs about m·k; the work
 * allowed grows as m² (4 ms at 200 households, 20-30 ms at 600), with a floor
 * for small hamlets and a ceiling for very large ones. */
static long plan_evals(const struct rg_ctx *c)
{
	double unit = (double)c->m * c->k + 1, e = RG_WORK * (double)c->m * c->m / unit;
	double floor = RG_FLOOR_WORK / unit < RG_FLOOR ? RG_FLOOR_WORK / unit : RG_FLOOR;
	if (e < floor)
		e = floor;
	if (e > RG_WORK_CAP / unit)
		e = RG_WORK_CAP / unit;
	return e < 30 ? 30 : e > 4000 ? 4000 : (long)e;
}

/* Choose the groups to merge away: the NEED required ones greedily, then
 * any other candidate whose merge lowers the objective at price LAMBDA. */
static int plan_merges(struct rg_plan *pl, int need, double lambda, int *label, struct regroup_result *res)
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
static void budget_keep(struct rg_plan *pl, double want, const int *trial, int *label, rg_cost *best)
{
	struct rg_ctx *c = &pl->c;
	c->lambda = rg_price(want);
	rg_cost at = rg_objective(c, trial);
	if (at < *best) {
		*best = at;
		memcpy(label, trial, sizeof(int) * (size_t)c->m);
	}
}

/* Keep TRIAL when it fits the budget; a plan a little over it is repaired
 * by undoing its cheapest moves. 1 when it fitted without repair. */
static int budget_fit(struct rg_plan *pl, double want, int *trial, int *label, rg_cost *best)
{
	struct rg_ctx *c = &pl->c;
	long moves = plan_moves(c, trial), budget = pl->p->max_moves;
	if (moves <= budget) {
		budget_keep(pl, want, trial, label, best);
		return 1;
	}
	c->lambda = rg_price(want);
	if (moves <= budget + budget / 2 + 5 && rg_repair(c, trial, budget) < RG_INF)
		budget_keep(pl, want, trial, label, best);
	return 0;
}

/* Run at price LAMBDA with EVALS flow solves into TRIAL and keep it when it
 * fits (budget_fit). */
static int budget_try(struct rg_plan *pl, double lambda, long evals, double want, int *trial, int *label, rg_cost *best)
{
	if (plan_run(pl, lambda, evals, trial) >= RG_INF)
		return 0;
	return budget_fit(pl, want, trial, label, best);
}

/* Meet the move budget: raise the price of a move until the plan fits (by
 * fours, then bisection on a log scale, with short searches), search at
 * the lowest price that fitted in full, and keep the plan that fits with
 * the lowest objective at the asked price. RG_INF when even the fewest
 * moves do not fit. */
static rg_cost plan_budget(struct rg_plan *pl, int *label)
{
	struct rg_ctx *c = &pl->c;
	const struct regroup_params *p = pl->p;
	double want = rg_weight(p);
	long evals = plan_evals(c), quick = evals / 4 + 10;
	rg_cost v = plan_run(pl, want, evals, label);
	if (v >= RG_INF || p->max_moves < 0 || plan_moves(c, label) <= p->max_moves)
		return v;
	int *trial = xmalloc(sizeof(int) * ((size_t)c->m + 1));
	double lo = want, hi = want * 2 + 50;
	rg_cost best = RG_INF;
	memcpy(trial, label, sizeof(int) * (size_t)c->m);
	budget_fit(pl, want, trial, label, &best);
	while (!budget_try(pl, hi, quick, want, trial, label, &best) && hi < 1e9) {
		lo = hi;
		hi *= 4;
	}
	for (int step = 0; hi < 1e9 && step < 6; step++) {
		double mid = lo > 0 ? sqrt(lo * hi) : hi / 2;
		if (budget_try(pl, mid, quick, want, trial, label, &best))
			hi = mid;
		else
			lo = mid;
	}
	if (best < RG_INF)
		budget_try(pl, hi, evals, want, trial, label, &best);
	free(trial);
	c->lambda = rg_price(want);
	return best;
}

/* Members of groups with nobody to move must already meet the bounds. */
static int plan_all_fixed(const struct rg_plan *pl, struct regroup_result *res)
{
	for (int g = 0; g < pl->c.k; g++) {
		if (pl->fixed[g] < pl->p->min || pl->fixed[g] > pl->p->max) {
			rg_say(res, _("size rule: group %lld has %d members, none of them located, outside %d..%d"),
				 (long long)pl->h->groups[g].id, pl->fixed[g], pl->p->min, pl->p->max);
			return -1;
		}
	}
	return 0;
}

/* Bring home the leaders and deputies of LABEL whose return costs at most
 * TOL each (a tenth of an average group's walk): only those who really
 * hold their group back stay away. */
static rg_cost plan_restore(struct rg_plan *pl, int *label, rg_cost tol)
{
	const struct regroup_hamlet *h = pl->h;
	struct rg_ctx *c = &pl->c;
	unsigned char *board = xcalloc((size_t)c->m + 1, 1);
	for (size_t g = 0; g < h->k; g++) {
		int who[2] = {h->groups[g].leader, h->groups[g].deputy};
		for (int r = 0; r < 2; r++)
			if (who[r] >= 0 && c->member_pt[who[r]] >= 0 && !c->merged[g])
				board[c->member_pt[who[r]]] = 1;
	}
	rg_cost v = rg_restore(c, label, board, tol, pl->p->max_moves);
	free(board);
	return v;
}

/* One plan under the current leader rule: merges, then the move budget.
 * The objective (RG_INF with the message set when the rules fail). */
static rg_cost plan_variant(struct rg_plan *pl, int need, int *label, struct regroup_result *res)
{
	const struct regroup_params *p = pl->p;
	double want = rg_weight(p);
	memset(pl->c.merged, 0, (size_t)pl->c.k);
	if (plan_force(pl, res) < 0)
		return RG_INF;
	if (p->merges && plan_merges(pl, need, want, label, res) < 0) {
		if (!res->message[0])
			rg_say(res, _("size rule: no set of merges meets the bounds %d..%d"), p->min, p->max);
		return RG_INF;
	}
	rg_cost v = plan_budget(pl, label);
	if (v >= RG_INF && p->max_moves >= 0 && plan_run(pl, 1e9, 50, label) < RG_INF)
		rg_say(res, _("move budget: even the fewest moves (%ld) exceed the limit of %ld"), plan_moves(&pl->c, label),
			 p->max_moves);
	else if (v >= RG_INF)
		rg_say(res, _("size rule: groups of %d..%d cannot be formed around the members that may not move (pins, leaders, no location)"),
			 p->min, p->max);
	return v;
}

int rg_plan_solve(struct rg_plan *pl, int need, int *label, struct regroup_result *res)
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
		if (freed < RG_INF)
			freed = plan_restore(pl, other, (kept < RG_INF ? kept : freed) / (10 * c->k));
		if (freed < kept) {
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

