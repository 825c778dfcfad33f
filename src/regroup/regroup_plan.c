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
 * MAX_EVALS flow solves, into LABEL, searched first from WARM (a labelling,
 * or NULL); its objective at that price. */
static rg_cost plan_run(struct rg_plan *pl, double lambda, long max_evals, const int *warm, int *label)
{
	struct rg_ctx *c = &pl->c;
	size_t m = (size_t)c->m + 1;
	c->lambda = rg_price(lambda);
	if (rg_ctx_prepare(c) < 0)
		return RG_INF;
	c->evals = 0;
	c->max_evals = max_evals;
	c->rng = 0x746b7676u;
	/* From a warm start the flow solves go to its descent, not to seeds. */
	c->seeds = warm ? 0 : RG_SEEDS;
	int *road = xmalloc(sizeof(int) * m);
	rg_cost vroad = rg_road(c, pl->h, pl->fixed, road);
	const int *starts[3];
	int nstarts = 0;
	if (warm)
		starts[nstarts++] = warm;
	if (vroad < RG_INF)
		starts[nstarts++] = road;
	starts[nstarts++] = c->cur;
	rg_cost v = RG_INF;
	/* On a road alone the contiguous split is usually the plan, but when
	 * moves are dear (or forced members make every contiguous split
	 * impossible) keeping most households where they are wins: the search
	 * from the current groups finds that plan. */
	if (vroad >= RG_INF || pl->method != REGROUP_ROAD || c->lambda > 0)
		v = rg_search(c, starts, nstarts, label);
	if (v < RG_INF) {
		v = rg_polish(c, label);
		rg_mend(c, label, v / RG_MEND);
		rg_polish(c, label);
		if (c->contiguous)
			rg_contig(c, label);
		rg_relabel(c, pl->fixed, label);
		v = rg_objective(c, label);
	}
	if (vroad < v) {
		v = vroad;
		memcpy(label, road, sizeof(int) * (size_t)c->m);
		/* Along the road is not one piece on the map when the road bends. */
		if (c->contiguous && pl->method != REGROUP_ROAD) {
			rg_contig(c, label);
			rg_relabel(c, pl->fixed, label);
			v = rg_objective(c, label);
		}
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
			rg_cost v = plan_force(pl, res) < 0 ? RG_INF : plan_run(pl, lambda, quick, NULL, label);
			c->merged[g] = 0;
			if (v < best) {
				best = v;
				pick = g;
			}
		}
		if (r == need) {
			if (plan_force(pl, res) < 0)
				return -1;
			base = plan_run(pl, lambda, quick, NULL, label);
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

/* The plans of one leader rule at several move budgets: BUDGETS (nb,
 * -1 = unlimited), the labels of each, and its objective at the asked price
 * (RG_INF when no plan meets the rules). */
struct budget_set {
	const long *budgets;
	int nb;
	int **labels;
	rg_cost *value;
};

/* Offer TRIAL, of objective AT at the asked price, to every row of the
 * table other than the one being searched whose budget it fits and whose
 * plan it beats: a plan searched for one budget is a candidate for all of
 * them. AT is RG_INF when not yet computed. */
static void pool_offer(struct rg_plan *pl, const int *trial, rg_cost at)
{
	struct budget_set *bs = pl->pool;
	if (!bs)
		return;
	struct rg_ctx *c = &pl->c;
	long moves = plan_moves(c, trial);
	for (int i = 0; i < bs->nb; i++) {
		if (i == pl->pool_cur || (bs->budgets[i] >= 0 && moves > bs->budgets[i]))
			continue;
		if (at >= RG_INF) {
			c->lambda = rg_price(rg_weight(pl->p));
			at = rg_objective(c, trial);
		}
		if (at < bs->value[i]) {
			bs->value[i] = at;
			memcpy(bs->labels[i], trial, sizeof(int) * (size_t)c->m);
		}
	}
}

/* Keep TRIAL in LABEL when it beats BEST, the objective at the asked price
 * WANT. */
static void budget_keep(struct rg_plan *pl, double want, const int *trial, int *label, rg_cost *best)
{
	struct rg_ctx *c = &pl->c;
	c->lambda = rg_price(want);
	rg_cost at = rg_objective(c, trial);
	pool_offer(pl, trial, at);
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
	long moves = plan_moves(c, trial), budget = pl->budget;
	if (moves <= budget) {
		budget_keep(pl, want, trial, label, best);
		return 1;
	}
	pool_offer(pl, trial, RG_INF);
	c->lambda = rg_price(want);
	if (moves <= budget + budget / 2 + 5 && rg_repair(c, trial, budget) < RG_INF)
		budget_keep(pl, want, trial, label, best);
	return 0;
}

/* Run at price LAMBDA with EVALS flow solves from WARM (or NULL) into
 * TRIAL and keep it when it fits (budget_fit). */
static int budget_try(struct rg_plan *pl, double lambda, long evals, const int *warm, int *trial, int *label,
		      rg_cost *best)
{
	if (plan_run(pl, lambda, evals, warm, trial) >= RG_INF)
		return 0;
	return budget_fit(pl, rg_weight(pl->p), trial, label, best);
}

/* The slow way to meet the budget, when the price search below finds no
 * plan: raise the price by fours, then bisect on a log scale with short
 * searches, and search in full at the lowest price that fitted. */
static rg_cost budget_bisect(struct rg_plan *pl, long evals, int *label)
{
	struct rg_ctx *c = &pl->c;
	double want = rg_weight(pl->p), lo = want, hi = want * 2 + 50;
	long quick = evals / 4 + 10;
	int *trial = xmalloc(sizeof(int) * ((size_t)c->m + 1));
	rg_cost best = RG_INF;
	while (!budget_try(pl, hi, quick, NULL, trial, label, &best) && hi < RG_PRICE_MAX) {
		lo = hi;
		hi *= 4;
	}
	for (int step = 0; hi < RG_PRICE_MAX && step < 6; step++) {
		double mid = lo > 0 ? sqrt(lo * hi) : hi / 2;
		if (budget_try(pl, mid, quick, NULL, trial, label, &best))
			hi = mid;
		else
			lo = mid;
	}
	if (best < RG_INF)
		budget_try(pl, hi, evals, NULL, trial, label, &best);
	free(trial);
	return best;
}

/* Assign the points to the fixed centres CENTRE at price LAMBDA (exact
 * flow) into LABEL; 1 when that fits the budget. */
static int budget_fixed(struct rg_plan *pl, double lambda, const int *centre, int *label)
{
	struct rg_ctx *c = &pl->c;
	c->lambda = rg_price(lambda);
	if (rg_ctx_prepare(c) < 0 || rg_assign(c, centre, label) >= RG_INF)
		return 0;
	return plan_moves(c, label) <= pl->budget;
}

/* The lowest price (metres, to a centimetre) at which the flow to the fixed
 * centres CENTRE fits the budget, its assignment in LABEL; -1 when none
 * does. With the centres fixed the moves never grow with the price, so a
 * bisection finds it, each step one flow solve. */
static double budget_price(struct rg_plan *pl, const int *centre, int *label)
{
	double lo = rg_weight(pl->p), hi = lo * 2 + 50;
	if (budget_fixed(pl, lo, centre, label))
		return lo;
	while (!budget_fixed(pl, hi, centre, label)) {
		if (hi >= RG_PRICE_MAX)
			return -1;
		lo = hi;
		hi = hi * 4 < RG_PRICE_MAX ? hi * 4 : RG_PRICE_MAX;
	}
	for (int step = 0; step < 40 && hi - lo > 0.01; step++) {
		double mid = lo > 0 ? sqrt(lo * hi) : hi / 2;
		if (budget_fixed(pl, mid, centre, label))
			hi = mid;
		else
			lo = mid;
	}
	budget_fixed(pl, hi, centre, label);
	return hi;
}

/* Narrow the bracket [LO, HI] of prices (-1: not yet known) with price
 * LAMBDA, at which the plan FIT the budget or not. */
static void budget_bracket(int fit, double lambda, double *lo, double *hi)
{
	if (fit && (*hi < 0 || lambda < *hi))
		*hi = lambda;
	if (!fit && lambda > *lo)
		*lo = lambda;
}

/* Meet the budget from WARM, a plan over it. Each round finds the lowest
 * price at which the flow to fixed centres fits (budget_price), then
 * searches at that price from that flow, briefly, since the centres move
 * little between neighbouring prices; the centres are the medoids of WARM,
 * of the last round's plan, then of the best plan so far. The searched
 * plans jump in moves where the fixed flow does not, so a few bisection
 * steps between the prices that fitted and those that did not follow,
 * each from the best plan. Keeps the plan that fits with the lowest
 * objective at the asked price in LABEL; RG_INF when none fits. */
static rg_cost budget_search(struct rg_plan *pl, const int *warm, long evals, rg_cost have, int *label)
{
	struct rg_ctx *c = &pl->c;
	size_t m = (size_t)c->m + 1, bytes = sizeof(int) * (size_t)c->m;
	int *trial = xmalloc(sizeof(int) * m), *start = xmalloc(sizeof(int) * m), *last = xmalloc(sizeof(int) * m);
	int *centre = xmalloc(sizeof(int) * (size_t)c->k);
	double want = rg_weight(pl->p), lo = -1, hi = -1;
	rg_cost best = have;
	memcpy(trial, warm, bytes);
	memcpy(last, warm, bytes);
	budget_fit(pl, want, trial, label, &best);
	for (int round = 0; round < RG_BUDGET_ROUNDS; round++) {
		if (round == 2 && best >= RG_INF)
			break;
		rg_medoids(c, round == 0 ? warm : round == 1 ? last : label, centre);
		double lambda = budget_price(pl, centre, start);
		if (lambda < 0)
			continue;
		budget_keep(pl, want, start, label, &best);
		budget_bracket(budget_try(pl, lambda, evals, start, trial, label, &best), lambda, &lo, &hi);
		memcpy(last, trial, bytes);
	}
	for (int step = 0; step < RG_BUDGET_STEPS && lo >= 0 && hi > lo * 1.05 && best < RG_INF; step++) {
		double mid = lo > 0 ? sqrt(lo * hi) : hi / 2;
		memcpy(start, label, bytes);
		budget_bracket(budget_try(pl, mid, evals, start, trial, label, &best), mid, &lo, &hi);
	}
	/* The warm starts follow one chain of plans from the unbudgeted one;
	 * a cold search at the lowest price that fitted can leave it, but it
	 * costs as much as the rest of the budget's search, so only when the
	 * chain found nothing within the budget. */
	if (hi > 0 && best >= RG_INF)
		budget_try(pl, hi, evals, NULL, trial, label, &best);
	free(last);
	free(trial);
	free(start);
	free(centre);
	return best;
}

/* The indices of the NB budgets into ORDER, largest first (-1, unlimited,
 * before all). */
static void budget_order(const long *budgets, int nb, int *order)
{
	for (int i = 0; i < nb; i++) {
		int j = i;
		for (; j > 0; j--) {
			long a = budgets[order[j - 1]], b = budgets[i];
			if (a < 0 || (b >= 0 && a >= b))
				break;
			order[j] = order[j - 1];
		}
		order[j] = i;
	}
}

/* Contiguity first with leaders kept: groups grown around their leaders'
 * houses (the exact bounded assignment to the leaders as centres, then the
 * polish and the contiguity repair) replace the plan LABEL of objective *V
 * when they leave fewer groups split. */
static void plan_around_leaders(struct rg_plan *pl, double lambda, int *label, rg_cost *v)
{
	struct rg_ctx *c = &pl->c;
	size_t m = (size_t)c->m + 1;
	int *centre = xmalloc(sizeof(int) * ((size_t)c->k + 1)), *trial = xmalloc(sizeof(int) * m);
	int *scratch = xmalloc(sizeof(int) * m), leaders = 0;
	rg_medoids(c, label, centre);
	for (int g = 0; g < c->k; g++)
		if (!c->merged[g] && c->leader_pt[g] >= 0 && c->force[c->leader_pt[g]] == g) {
			centre[g] = c->leader_pt[g];
			leaders++;
		}
	c->lambda = rg_price(lambda);
	if (leaders && rg_ctx_prepare(c) == 0 && rg_assign(c, centre, trial) < RG_INF) {
		rg_polish(c, trial);
		rg_contig(c, trial);
		rg_relabel(c, pl->fixed, trial);
		if (rg_main_piece(c, trial, scratch) < rg_main_piece(c, label, scratch)) {
			memcpy(label, trial, sizeof(int) * (size_t)c->m);
			*v = rg_objective(c, label);
		}
	}
	/* Then one group at a time: a group whose leader lives apart from it
	 * is grown around the leader's house, the others keep their centres. */
	int *one = xmalloc(sizeof(int) * ((size_t)c->k + 1)), *in_main = xmalloc(sizeof(int) * m);
	int split = rg_main_piece(c, label, in_main);
	for (int g = 0; g < c->k && split > 0; g++) {
		int lp = c->leader_pt[g];
		if (c->merged[g] || lp < 0 || c->force[lp] != g || in_main[lp])
			continue;
		rg_medoids(c, label, one);
		one[g] = lp;
		if (rg_assign(c, one, trial) >= RG_INF)
			continue;
		rg_contig(c, trial);
		int s2 = rg_main_piece(c, trial, scratch);
		if (s2 < split) {
			rg_relabel(c, pl->fixed, trial);
			memcpy(label, trial, sizeof(int) * (size_t)c->m);
			split = rg_main_piece(c, label, in_main);
			*v = rg_objective(c, label);
		}
	}
	free(one);
	free(in_main);
	free(centre);
	free(trial);
	free(scratch);
}

/* The plans at each budget of BS, largest budget first, each searched from
 * the plan of the budget before it: the unbudgeted plan serves every
 * budget it fits. */
static void plan_budgets(struct rg_plan *pl, struct budget_set *bs)
{
	struct rg_ctx *c = &pl->c;
	double want = rg_weight(pl->p);
	long evals = plan_evals(c);
	int *order = xmalloc(sizeof(int) * (size_t)bs->nb), *base = xmalloc(sizeof(int) * ((size_t)c->m + 1));
	budget_order(bs->budgets, bs->nb, order);
	rg_cost v = plan_run(pl, want, evals, NULL, base);
	if (v < RG_INF && c->contiguous && !pl->free_leaders)
		plan_around_leaders(pl, want, base, &v);
	long moves = plan_moves(c, base);
	const int *warm = base;
	for (int i = 0; i < bs->nb; i++)
		bs->value[i] = RG_INF;
	pl->pool = bs;
	for (int t = 0; t < bs->nb; t++) {
		int i = order[t];
		if (v >= RG_INF)
			continue;
		if (bs->budgets[i] < 0 || moves <= bs->budgets[i]) {
			memcpy(bs->labels[i], base, sizeof(int) * (size_t)c->m);
			bs->value[i] = v;
			continue;
		}
		pl->budget = bs->budgets[i];
		pl->pool_cur = i;
		rg_cost have = bs->value[i];
		bs->value[i] = budget_search(pl, warm, evals / RG_BUDGET_SHARE + 10, have, bs->labels[i]);
		if (bs->value[i] >= RG_INF)
			bs->value[i] = budget_bisect(pl, evals, bs->labels[i]);
		if (bs->value[i] < RG_INF)
			warm = bs->labels[i];
	}
	pl->pool = NULL;
	pl->pool_cur = -1;
	/* A plan that fits a budget fits every larger one. */
	for (int t = bs->nb - 1; t > 0; t--) {
		int i = order[t], j = order[t - 1];
		if (bs->value[i] < bs->value[j]) {
			memcpy(bs->labels[j], bs->labels[i], sizeof(int) * (size_t)c->m);
			bs->value[j] = bs->value[i];
		}
	}
	free(order);
	free(base);
	c->lambda = rg_price(want);
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
	rg_cost v = rg_restore(c, label, board, tol, pl->budget);
	free(board);
	return v;
}

/* Say in RES why no plan meets the rules at BUDGET: the budget, when even
 * the plan with the fewest moves exceeds it, else the size rule. */
static void variant_fail(struct rg_plan *pl, long budget, struct regroup_result *res)
{
	const struct regroup_params *p = pl->p;
	int *fewest = xmalloc(sizeof(int) * ((size_t)pl->c.m + 1));
	if (budget >= 0 && plan_run(pl, RG_PRICE_MAX, 50, NULL, fewest) < RG_INF)
		rg_say(res, _("move budget: even the fewest moves (%ld) exceed the limit of %ld"), plan_moves(&pl->c, fewest),
		       budget);
	else
		rg_say(res, _("size rule: groups of %d..%d cannot be formed around the members that may not move (pins, leaders, no location)"),
		       p->min, p->max);
	pl->c.lambda = rg_price(rg_weight(p));
	free(fewest);
}

/* The plans under the current leader rule at each budget of BS: merges,
 * then the budgets. A budget no plan meets keeps RG_INF, the reason in its
 * result of RES (nb). */
static void plan_variant(struct rg_plan *pl, int need, struct budget_set *bs, struct regroup_result *res)
{
	const struct regroup_params *p = pl->p;
	for (int i = 0; i < bs->nb; i++)
		bs->value[i] = RG_INF;
	memset(pl->c.merged, 0, (size_t)pl->c.k);
	int rc = plan_force(pl, res);
	if (rc == 0 && p->merges && plan_merges(pl, need, rg_weight(p), bs->labels[0], res) < 0) {
		if (!res->message[0])
			rg_say(res, _("size rule: no set of merges meets the bounds %d..%d"), p->min, p->max);
		rc = -1;
	}
	if (rc == 0)
		plan_budgets(pl, bs);
	for (int i = 0; i < bs->nb; i++) {
		if (bs->value[i] < RG_INF)
			continue;
		if (rc < 0)
			memcpy(res[i].message, res[0].message, sizeof res->message);
		else
			variant_fail(pl, bs->budgets[i], &res[i]);
	}
}

/* The plans with leaders and deputies freed at each budget (then brought
 * home where that is cheap), each taken into OUT where it beats the plan
 * there that keeps them, whose objectives are KEPT. */
static void plan_freed(struct rg_plan *pl, int need, const long *budgets, int nb, rg_cost *kept,
		       struct rg_choice *out, struct regroup_result *res)
{
	struct rg_ctx *c = &pl->c;
	size_t m = (size_t)c->m + 1, msg = sizeof res->message;
	struct budget_set bs = {budgets, nb, xmalloc(sizeof(int *) * (size_t)nb), xmalloc(sizeof(rg_cost) * (size_t)nb)};
	char *said = xmalloc(msg * (size_t)nb);
	for (int i = 0; i < nb; i++) {
		bs.labels[i] = xmalloc(sizeof(int) * m);
		memcpy(said + msg * (size_t)i, res[i].message, msg);
		res[i].message[0] = 0;
	}
	pl->free_leaders = 1;
	plan_variant(pl, need, &bs, res);
	for (int i = 0; i < nb; i++) {
		rg_cost freed = bs.value[i];
		pl->budget = budgets[i];
		if (freed < RG_INF)
			freed = plan_restore(pl, bs.labels[i], (kept[i] < RG_INF ? kept[i] : freed) / (10 * c->k));
		/* A leader brought home to a house apart from the group leaves again. */
		if (freed < RG_INF && c->contiguous && rg_unbounded(c, budgets[i]))
			freed = rg_contig(c, bs.labels[i]);
		if (freed < kept[i]) {
			memcpy(out[i].label, bs.labels[i], sizeof(int) * (size_t)c->m);
			memcpy(out[i].merged, c->merged, (size_t)c->k);
			out[i].free_leaders = 1;
			kept[i] = freed;
		} else {
			memcpy(res[i].message, said + msg * (size_t)i, msg);
		}
		free(bs.labels[i]);
	}
	free(bs.labels);
	free(bs.value);
	free(said);
}

/* Bring every group of LABEL within its bounds by single moves of points
 * that may move, each the cheapest by the distances to the groups' medoids
 * CENTRE; 0, or -1 when that cannot be done. */
static int warm_bounds(struct rg_ctx *c, int *label, const int *centre)
{
	int *count = xcalloc((size_t)c->k + 1, sizeof(int)), rc = 0;
	for (int p = 0; p < c->m; p++)
		count[label[p]]++;
	for (int iter = 0; iter <= c->m; iter++) {
		int g = -1;
		for (int t = 0; t < c->k && g < 0; t++)
			if (!c->merged[t] && (count[t] > c->hi[t] || count[t] < c->lo[t]))
				g = t;
		if (g < 0)
			break;
		int over = count[g] > c->hi[g], bp = -1, bg = -1;
		rg_cost best = RG_INF;
		for (int p = 0; p < c->m; p++) {
			int a = label[p];
			if (c->force[p] >= 0 || (over ? a != g : a == g || count[a] <= c->lo[a]))
				continue;
			for (int b = over ? 0 : g; b < (over ? c->k : g + 1); b++) {
				if (b == a || c->merged[b] || count[b] >= c->hi[b] || centre[b] < 0 || centre[a] < 0)
					continue;
				rg_cost d = rg_dist(c, p, centre[b]) - rg_dist(c, p, centre[a]) +
					    c->lambda * ((b != c->cur[p]) - (a != c->cur[p]));
				if (d < best) {
					best = d;
					bp = p;
					bg = b;
				}
			}
		}
		if (bp < 0) {
			rc = -1;
			break;
		}
		count[label[bp]]--;
		count[bg]++;
		label[bp] = bg;
	}
	for (int t = 0; t < c->k && rc == 0; t++)
		if (!c->merged[t] && (count[t] > c->hi[t] || count[t] < c->lo[t]))
			rc = -1;
	free(count);
	return rc;
}

/* The plan edited from PL->prev (regroup_replan_hamlet) into OUT: its
 * labels with the forced points set, bounds restored, improving boundary
 * moves and the contiguity repair, the budget met by undoing the cheapest
 * moves; 0, or -1 when that breaks a rule (the caller then plans afresh). */
static int plan_warm(struct rg_plan *pl, struct rg_choice *out, struct regroup_result *res)
{
	struct rg_ctx *c = &pl->c;
	const struct regroup_hamlet *h = pl->h;
	int *count = xcalloc((size_t)c->k + 1, sizeof(int)), *centre = xmalloc(sizeof(int) * ((size_t)c->k + 1));
	int rc = 0;
	for (size_t i = 0; i < h->n; i++)
		if (pl->prev[i] >= 0 && (size_t)pl->prev[i] < h->k)
			count[pl->prev[i]]++;
	memset(c->merged, 0, (size_t)c->k);
	for (int g = 0; g < c->k; g++)
		c->merged[g] = pl->candidate[g] && count[g] == 0;
	pl->free_leaders = pl->p->new_leaders != 0;
	pl->budget = pl->p->max_moves;
	if (plan_force(pl, res) < 0 || (c->lambda = rg_price(rg_weight(pl->p)), rg_ctx_prepare(c) < 0))
		rc = -1;
	for (int pt = 0; pt < c->m && rc == 0; pt++) {
		int was = pl->prev[c->pt_member[pt]];
		out->label[pt] = c->force[pt] >= 0 ? c->force[pt] : was >= 0 && !c->merged[was] ? was : c->cur[pt];
	}
	if (rc == 0) {
		rg_medoids(c, out->label, centre);
		rc = warm_bounds(c, out->label, centre);
	}
	/* Under a budget the plan was found at a higher price than the one
	 * asked: improving moves at the asked price would spend the budget
	 * elsewhere, so only the bounds and the budget are restored. */
	if (rc == 0) {
		if (rg_unbounded(c, pl->budget))
			rg_polish(c, out->label);
		if (c->contiguous && rg_unbounded(c, pl->budget))
			rg_contig(c, out->label);
		if (pl->budget >= 0 && plan_moves(c, out->label) > pl->budget &&
		    rg_repair(c, out->label, pl->budget) >= RG_INF)
			rc = -1;
	}
	if (rc == 0) {
		memcpy(out->merged, c->merged, (size_t)c->k);
		out->free_leaders = pl->free_leaders;
		out->ok = 1;
		res->message[0] = 0;
	}
	free(count);
	free(centre);
	return rc;
}

void rg_plan_budgets(struct rg_plan *pl, int need, const long *budgets, int nb, int both, struct rg_choice *out,
		     struct regroup_result *res)
{
	if (pl->prev && nb == 1 && !both && pl->c.m > 0 && plan_warm(pl, out, res) == 0)
		return;
	struct rg_ctx *c = &pl->c;
	int total = both ? 2 * nb : nb, rc = c->m == 0 ? plan_all_fixed(pl, res) : 0;
	struct budget_set bs = {budgets, nb, xmalloc(sizeof(int *) * (size_t)nb),
				xmalloc(sizeof(rg_cost) * (size_t)total)};
	for (int i = 0; i < total; i++) {
		bs.value[i] = rc < 0 ? RG_INF : 0;
		if (rc < 0)
			memcpy(res[i].message, res[0].message, sizeof res->message);
	}
	for (int i = 0; i < nb; i++)
		bs.labels[i] = out[i].label;
	pl->free_leaders = 0;
	if (c->m > 0)
		plan_variant(pl, need, &bs, res);
	for (int i = 0; i < total; i++) {
		memcpy(out[i].merged, c->merged, (size_t)c->k);
		out[i].free_leaders = 0;
		if (i >= nb) {
			memcpy(out[i].label, out[i - nb].label, sizeof(int) * (size_t)c->m);
			memcpy(res[i].message, res[i - nb].message, sizeof res->message);
			bs.value[i] = bs.value[i - nb];
		}
	}
	if (c->m > 0 && pl->p->new_leaders)
		plan_freed(pl, need, budgets, nb, bs.value + total - nb, out + total - nb, res + total - nb);
	for (int i = 0; i < total; i++) {
		out[i].ok = bs.value[i] < RG_INF;
		if (out[i].ok)
			res[i].message[0] = 0;
	}
	free(bs.labels);
	free(bs.value);
}
