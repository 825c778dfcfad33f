/* The search for compact groups: each group has a centre (a household);
 * with the centres fixed the best assignment under the size bounds and the
 * price of moves is exact (regroup_flow.c). The centres alternate with
 * their groups' medoids, then a local search moves a centre to one of its
 * nearest households or swaps two groups' centres (a label swap), each
 * trial re-optimised from the best assignment so far. A last polish moves
 * single households across boundaries when that lowers the exact medoid
 * cost. Work is capped by a count of flow solves, never by the clock. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/util.h"

/* The cost of a group that has no centre: it takes points only if it must. */
#define RG_NO_CENTRE ((rg_cost)1000000000)

void rg_ctx_distances(struct rg_ctx *c)
{
	size_t m = (size_t)c->m;
	free(c->dm);
	c->dm = NULL;
	if (m == 0 || m > RG_MATRIX_MAX)
		return;
	c->dm = xmalloc(m * m * sizeof *c->dm);
	for (size_t a = 0; a < m; a++) {
		c->dm[a * m + a] = 0;
		for (size_t b = a + 1; b < m; b++)
			c->dm[a * m + b] = c->dm[b * m + a] = (int32_t)rg_plane_cm(c, (int)a, (int)b);
	}
}

int rg_ctx_prepare(struct rg_ctx *c)
{
	int k = c->k, total_lo = 0, total_hi = 0;
	free(c->flex);
	free(c->cost);
	rgflow_free(&c->flow);
	c->nf = 0;
	c->flex = xmalloc(sizeof(int) * (size_t)(c->m + 1));
	for (int g = 0; g < k; g++) {
		c->flo[g] = c->merged[g] ? 0 : c->lo[g];
		c->fhi[g] = c->merged[g] ? 0 : c->hi[g];
	}
	for (int p = 0; p < c->m; p++) {
		if (c->force[p] < 0) {
			c->flex[c->nf++] = p;
			continue;
		}
		c->flo[c->force[p]]--;
		c->fhi[c->force[p]]--;
	}
	for (int g = 0; g < k; g++) {
		if (c->fhi[g] < 0)
			return -1;
		if (c->flo[g] < 0)
			c->flo[g] = 0;
		total_lo += c->flo[g];
		total_hi += c->fhi[g];
	}
	c->cost = xmalloc(sizeof(rg_cost) * (size_t)(c->nf + 1) * (size_t)k);
	rgflow_init(&c->flow, c->nf, k);
	c->flow.span = RG_NO_CENTRE + c->lambda;
	return total_lo <= c->nf && c->nf <= total_hi ? 0 : -1;
}

rg_cost rg_objective(const struct rg_ctx *c, const int *label)
{
	int *centre = xmalloc(sizeof(int) * (size_t)c->k);
	rg_cost total = 0;
	rg_medoids(c, label, centre);
	for (int p = 0; p < c->m; p++) {
		if (centre[label[p]] >= 0)
			total += rg_dist(c, p, centre[label[p]]);
		total += label[p] != c->cur[p] ? c->lambda : 0;
	}
	free(centre);
	return total;
}

void rg_medoids(const struct rg_ctx *c, const int *label, int *centre)
{
	int *idx = xmalloc(sizeof(int) * (size_t)(c->m + 1)), *start = xcalloc((size_t)c->k + 1, sizeof(int));
	for (int p = 0; p < c->m; p++)
		start[label[p] + 1]++;
	for (int g = 0; g < c->k; g++)
		start[g + 1] += start[g];
	int *fill = xmalloc(sizeof(int) * (size_t)c->k);
	memcpy(fill, start, sizeof(int) * (size_t)c->k);
	for (int p = 0; p < c->m; p++)
		idx[fill[label[p]]++] = p;
	for (int g = 0; g < c->k; g++) {
		rg_cost best = RG_INF;
		centre[g] = -1;
		for (int a = start[g]; a < start[g + 1]; a++) {
			rg_cost sum = 0;
			for (int b = start[g]; b < start[g + 1] && sum < best; b++)
				sum += rg_dist(c, idx[a], idx[b]);
			if (sum < best) {
				best = sum;
				centre[g] = idx[a];
			}
		}
	}
	free(idx);
	free(start);
	free(fill);
}

/* Fill the cost column of group G for centre CENTRE (-1: none). */
static void search_column(struct rg_ctx *c, int g, int centre)
{
	int k = c->k;
	for (int f = 0; f < c->nf; f++) {
		int p = c->flex[f];
		rg_cost *cc = c->cost + (size_t)f * k + g;
		if (c->merged[g])
			*cc = RG_INF;
		else
			*cc = (centre >= 0 ? rg_dist(c, p, centre) : RG_NO_CENTRE) + (c->cur[p] != g ? c->lambda : 0);
	}
}

/* The flow's cost plus the forced points' walk to the centres CENTRE. */
static rg_cost search_total(const struct rg_ctx *c, const int *centre)
{
	rg_cost total = rgflow_total(&c->flow);
	for (int p = 0; p < c->m; p++) {
		int g = c->force[p];
		if (g >= 0)
			total += (centre[g] >= 0 ? rg_dist(c, p, centre[g]) : 0) + (c->cur[p] != g ? c->lambda : 0);
	}
	return total;
}

/* The labels of every point from the flow assignment ASSIGN. */
static void search_labels(const struct rg_ctx *c, const int *assign, int *label)
{
	for (int p = 0; p < c->m; p++)
		label[p] = c->force[p];
	for (int f = 0; f < c->nf; f++)
		label[c->flex[f]] = assign[f];
}

/* State of one descent: the centres, the best assignment and its cost.
 * A group is STALE when no move of its centre helped since it last
 * changed; only groups that gain or lose members wake up again. */
struct descent {
	int *centre, *trial, *assign, *label;
	unsigned char *stale, *labelled;  /* LABELLED: forced points make its label matter */
	rg_cost cost;
	struct rgflow_state best;         /* the flow at the centres CENTRE */
	int *column;                      /* the centre each cost column was filled for */
	unsigned char *changed;
};

/* Solve from scratch at D's centres; the cost or RG_INF. */
static rg_cost descent_solve(struct rg_ctx *c, struct descent *d)
{
	for (int g = 0; g < c->k; g++) {
		search_column(c, g, d->centre[g]);
		d->column[g] = d->centre[g];
	}
	c->evals++;
	if (rgflow_solve(&c->flow, c->cost, c->flo, c->fhi) < 0)
		return RG_INF;
	rgflow_save(&c->flow, &d->best);
	return search_total(c, d->centre);
}

/* The cost of the centres D->trial, re-optimised from the best flow: only
 * the columns and exchanges of groups whose centre differs are redone. */
static rg_cost descent_eval(struct rg_ctx *c, struct descent *d)
{
	for (int g = 0; g < c->k; g++) {
		if (d->trial[g] != d->column[g]) {
			search_column(c, g, d->trial[g]);
			d->column[g] = d->trial[g];
		}
		d->changed[g] = d->trial[g] != d->centre[g];
	}
	c->evals++;
	rgflow_restore(&c->flow, &d->best);
	rgflow_retune(&c->flow, d->changed);
	return search_total(c, d->trial);
}

/* Try centres D->trial; keep them when they cost less. */
static int descent_try(struct rg_ctx *c, struct descent *d)
{
	rg_cost v = descent_eval(c, d);
	if (v >= d->cost)
		return 0;
	rgflow_save(&c->flow, &d->best);
	d->cost = v;
	for (int g = 0; g < c->k; g++)
		if (d->trial[g] != d->centre[g])
			d->stale[g] = 0;
	for (int f = 0; f < c->nf; f++)
		if (d->assign[f] != c->flow.assign[f])
			d->stale[d->assign[f]] = d->stale[c->flow.assign[f]] = 0;
	memcpy(d->centre, d->trial, sizeof(int) * (size_t)c->k);
	memcpy(d->assign, c->flow.assign, sizeof(int) * (size_t)c->nf);
	return 1;
}

/* Move each centre to its group's medoid while that lowers the cost. */
static void descent_alternate(struct rg_ctx *c, struct descent *d)
{
	for (int it = 0; it < 30; it++) {
		search_labels(c, d->assign, d->label);
		rg_medoids(c, d->label, d->trial);
		for (int g = 0; g < c->k; g++)
			if (d->trial[g] < 0)
				d->trial[g] = d->centre[g];
		if (!memcmp(d->trial, d->centre, sizeof(int) * (size_t)c->k) || !descent_try(c, d))
			return;
	}
}

/* 1 when point P is the centre of some group. */
static int is_centre(const struct rg_ctx *c, const int *centre, int p)
{
	for (int g = 0; g < c->k; g++)
		if (centre[g] == p)
			return 1;
	return 0;
}

/* One round of centre moves and label swaps; 1 when something improved. */
static int descent_round(struct rg_ctx *c, struct descent *d)
{
	int k = c->k, improved = 0;
	for (int g = 0; g < k && c->evals < c->max_evals; g++) {
		if (c->merged[g] || d->centre[g] < 0 || d->stale[g])
			continue;
		d->stale[g] = c->m > RG_STALE_FROM;
		for (int t = 0; t < c->nb && c->evals < c->max_evals; t++) {
			int q = c->nbr[(size_t)d->centre[g] * RG_NB + t];
			if (q < 0 || is_centre(c, d->centre, q))
				continue;
			memcpy(d->trial, d->centre, sizeof(int) * (size_t)k);
			d->trial[g] = q;
			if (descent_try(c, d)) {
				descent_alternate(c, d);
				improved = 1;
				break;
			}
		}
	}
	for (int g = 0; g < k; g++) {
		for (int h = g + 1; h < k && c->evals < c->max_evals; h++) {
			/* At no price for moves, only forced points make labels matter. */
			if (c->merged[g] || c->merged[h] || (d->stale[g] && d->stale[h]) ||
			    (c->lambda == 0 && !d->labelled[g] && !d->labelled[h]))
				continue;
			memcpy(d->trial, d->centre, sizeof(int) * (size_t)k);
			d->trial[g] = d->centre[h];
			d->trial[h] = d->centre[g];
			if (descent_try(c, d)) {
				descent_alternate(c, d);
				improved = 1;
			}
		}
	}
	return improved;
}

/* Rounds until none helps: rounds that skip stale groups, then a full
 * round to confirm the local optimum. */
static void descent_run(struct rg_ctx *c, struct descent *d)
{
	while (c->evals < c->max_evals) {
		if (descent_round(c, d))
			continue;
		memset(d->stale, 0, (size_t)c->k);
		if (c->evals >= c->max_evals || !descent_round(c, d))
			break;
	}
}

/* Open a descent from the centres START (NULL: reuse D->centre): solve and
 * alternate with the medoids. Returns its fixed-centre cost or RG_INF. */
static rg_cost descent_open(struct rg_ctx *c, struct descent *d, const int *start)
{
	if (start)
		memcpy(d->centre, start, sizeof(int) * (size_t)c->k);
	memset(d->stale, 0, (size_t)c->k);
	d->cost = descent_solve(c, d);
	if (d->cost >= RG_INF)
		return RG_INF;
	memcpy(d->assign, c->flow.assign, sizeof(int) * (size_t)c->nf);
	descent_alternate(c, d);
	return d->cost;
}

/* Allocate a descent over C writing its labels into LABEL. */
static void descent_init(struct rg_ctx *c, struct descent *d, int *label)
{
	size_t k = (size_t)c->k;
	d->centre = xmalloc(sizeof(int) * k);
	d->trial = xmalloc(sizeof(int) * k);
	d->assign = xmalloc(sizeof(int) * (size_t)(c->nf + 1));
	d->label = label;
	d->stale = xcalloc(k, 1);
	d->labelled = xcalloc(k, 1);
	d->column = xmalloc(sizeof(int) * k);
	d->changed = xcalloc(k, 1);
	rgflow_state_init(&c->flow, &d->best);
	for (int p = 0; p < c->m; p++)
		if (c->force[p] >= 0)
			d->labelled[c->force[p]] = 1;
}

/* Free what descent_init allocated. */
static void descent_free(struct descent *d)
{
	free(d->centre);
	free(d->trial);
	free(d->assign);
	free(d->stale);
	free(d->labelled);
	free(d->column);
	free(d->changed);
	rgflow_state_free(&d->best);
}

/* Centres spread by k-means++ seeding from the generator of C. */
static void search_seed(struct rg_ctx *c, int *centre)
{
	double *dmin = xmalloc(sizeof(double) * (size_t)c->m);
	int first = 1;
	for (int g = 0; g < c->k; g++) {
		centre[g] = -1;
		if (c->merged[g])
			continue;
		double total = 0;
		for (int p = 0; p < c->m; p++)
			total += first ? 1 : dmin[p];
		double r = (double)(rg_rand(&c->rng) >> 11) / 9007199254740992.0 * total;
		int pick = c->m - 1;
		for (int p = 0; p < c->m; p++) {
			r -= first ? 1 : dmin[p];
			if (r < 0) {
				pick = p;
				break;
			}
		}
		centre[g] = pick;
		for (int p = 0; p < c->m; p++) {
			double d = (double)rg_dist(c, p, pick);
			if (first || d * d < dmin[p])
				dmin[p] = d * d;
		}
		first = 0;
	}
	free(dmin);
}

/* Fill CENTRES (rows of k) with the starting centres, best first: the
 * medoids of the first start labelling, the leaders' houses (completed by
 * the medoids of the last labelling, the current groups), a seed, the
 * other labellings, the other seeds. Returns how many. */
static int search_starts(struct rg_ctx *c, const int *const *starts, int nstarts, int *centres)
{
	int k = c->k, count = 0, leaders = 0;
	if (nstarts > 0)
		rg_medoids(c, starts[0], centres + (size_t)count++ * k);
	for (int g = 0; g < k; g++)
		leaders |= c->leader_pt[g] >= 0;
	if (leaders && nstarts > 0) {
		int *row = centres + (size_t)count++ * k;
		rg_medoids(c, starts[nstarts - 1], row);
		for (int g = 0; g < k; g++)
			if (c->leader_pt[g] >= 0)
				row[g] = c->leader_pt[g];
	}
	for (int s = 0; s < c->seeds + nstarts - 1; s++) {
		int *row = centres + (size_t)count++ * k;
		if (s >= 1 && s < nstarts)
			rg_medoids(c, starts[s], row);
		else
			search_seed(c, row);
	}
	for (int r = 0; r < count; r++)
		for (int g = 0; g < k; g++)
			if (c->merged[g])
				centres[(size_t)r * k + g] = -1;
	return count;
}

/* Descend from D's centres and keep the result in LABEL and BEST_CENTRE
 * when its exact objective beats *BEST; 1 when it did. */
static int search_finish(struct rg_ctx *c, struct descent *d, int *trial, int *label, int *best_centre, rg_cost *best)
{
	descent_run(c, d);
	search_labels(c, d->assign, trial);
	rg_cost v = rg_objective(c, trial);
	if (v >= *best)
		return 0;
	*best = v;
	memcpy(label, trial, sizeof(int) * (size_t)c->m);
	memcpy(best_centre, d->centre, sizeof(int) * (size_t)c->k);
	return 1;
}

/* Kick the centres BEST to D: one or two groups get a random household. */
static void search_kick(struct rg_ctx *c, struct descent *d, const int *best)
{
	int k = c->k, kicks = 1 + (int)(rg_rand(&c->rng) % 2);
	memcpy(d->centre, best, sizeof(int) * (size_t)k);
	for (int t = 0; t < kicks; t++) {
		int g = (int)(rg_rand(&c->rng) % (uint64_t)k), p = (int)(rg_rand(&c->rng) % (uint64_t)c->m);
		if (!c->merged[g] && !is_centre(c, d->centre, p))
			d->centre[g] = p;
	}
}

rg_cost rg_search(struct rg_ctx *c, const int *const *starts, int nstarts, int *label)
{
	int k = c->k, *centres = xmalloc(sizeof(int) * (size_t)k * (size_t)(nstarts + 1 + RG_SEEDS));
	int *trial = xmalloc(sizeof(int) * (size_t)(c->m + 1)), *best_centre = xmalloc(sizeof(int) * (size_t)k);
	int count = search_starts(c, starts, nstarts, centres);
	rg_cost *open = xmalloc(sizeof(rg_cost) * (size_t)count), best = RG_INF;
	struct descent d;
	descent_init(c, &d, trial);
	/* Open every start (cheap), then descend from the most promising ones. */
	for (int s = 0; s < count; s++) {
		open[s] = descent_open(c, &d, centres + (size_t)s * k);
		memcpy(centres + (size_t)s * k, d.centre, sizeof(int) * (size_t)k);
	}
	for (int done = 0; done < count && (done == 0 || c->evals < c->max_evals); done++) {
		int s = 0;
		for (int t = 1; t < count; t++)
			if (open[t] < open[s])
				s = t;
		if (open[s] >= RG_INF)
			break;
		open[s] = RG_INF;
		descent_open(c, &d, centres + (size_t)s * k);
		search_finish(c, &d, trial, label, best_centre, &best);
	}
	/* Spend what is left of the budget kicking the best centres. */
	while (best < RG_INF && c->evals < c->max_evals) {
		search_kick(c, &d, best_centre);
		if (descent_open(c, &d, NULL) < RG_INF)
			search_finish(c, &d, trial, label, best_centre, &best);
	}
	descent_free(&d);
	free(open);
	free(centres);
	free(trial);
	free(best_centre);
	return best;
}

rg_cost rg_assign(struct rg_ctx *c, const int *centre, int *label)
{
	for (int g = 0; g < c->k; g++)
		search_column(c, g, centre[g]);
	c->evals++;
	if (rgflow_solve(&c->flow, c->cost, c->flo, c->fhi) < 0)
		return RG_INF;
	search_labels(c, c->flow.assign, label);
	return search_total(c, centre);
}
