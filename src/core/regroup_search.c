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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/util.h"

/* The cost of a group that has no centre: it takes points only if it must. */
#define RG_NO_CENTRE ((rg_cost)1000000000)

rg_cost rg_dist(const struct rg_ctx *c, int a, int b)
{
	if (c->dm)
		return c->dm[(size_t)a * (size_t)c->m + (size_t)b];
	return rg_plane_cm(c, a, b);
}

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

/* The flow cost of the centres CENTRE, re-optimised from WARM (nf entries)
 * or solved from scratch when WARM is NULL; RG_INF when infeasible. */
static rg_cost search_eval(struct rg_ctx *c, const int *centre, const int *warm)
{
	int k = c->k;
	for (int f = 0; f < c->nf; f++) {
		int p = c->flex[f];
		for (int g = 0; g < k; g++) {
			rg_cost *cc = c->cost + (size_t)f * k + g;
			if (c->merged[g])
				*cc = RG_INF;
			else
				*cc = (centre[g] >= 0 ? rg_dist(c, p, centre[g]) : RG_NO_CENTRE) +
				      (c->cur[p] != g ? c->lambda : 0);
		}
	}
	c->evals++;
	if (warm) {
		rgflow_load(&c->flow, warm, c->cost, c->flo, c->fhi);
		rgflow_improve(&c->flow, c->cost);
	} else if (rgflow_solve(&c->flow, c->cost, c->flo, c->fhi) < 0) {
		return RG_INF;
	}
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

/* State of one descent: the centres, the best assignment and its cost. */
struct descent {
	int *centre, *trial, *assign, *label;
	rg_cost cost;
};

/* Try centres D->trial; keep them when they cost less. */
static int descent_try(struct rg_ctx *c, struct descent *d)
{
	rg_cost v = search_eval(c, d->trial, d->assign);
	if (v >= d->cost)
		return 0;
	d->cost = v;
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
		if (c->merged[g] || d->centre[g] < 0)
			continue;
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
			if (c->merged[g] || c->merged[h])
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

/* Descend from the centres START; LABEL gets the result, the return value
 * is its exact objective (RG_INF when the bounds cannot hold). */
static rg_cost search_descent(struct rg_ctx *c, const int *start, int *label)
{
	size_t k = (size_t)c->k;
	struct descent d;
	d.centre = xmalloc(sizeof(int) * k);
	d.trial = xmalloc(sizeof(int) * k);
	d.assign = xmalloc(sizeof(int) * (size_t)(c->nf + 1));
	d.label = label;
	memcpy(d.centre, start, sizeof(int) * k);
	d.cost = search_eval(c, d.centre, NULL);
	rg_cost obj = RG_INF;
	if (d.cost < RG_INF) {
		memcpy(d.assign, c->flow.assign, sizeof(int) * (size_t)c->nf);
		descent_alternate(c, &d);
		while (c->evals < c->max_evals && descent_round(c, &d))
			;
		search_labels(c, d.assign, label);
		obj = rg_objective(c, label);
	}
	free(d.centre);
	free(d.trial);
	free(d.assign);
	return obj;
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

/* Fill CENTRES (rows of k) with the starting centres: the medoids of each
 * start labelling, the leaders' houses, then seeds; returns how many. */
static int search_starts(struct rg_ctx *c, const int *const *starts, int nstarts, int *centres)
{
	int k = c->k, count = 0, leaders = 0;
	for (int s = 0; s < nstarts; s++)
		rg_medoids(c, starts[s], centres + (size_t)count++ * k);
	for (int g = 0; g < k; g++)
		leaders |= c->leader_pt[g] >= 0;
	if (leaders && nstarts > 0) {
		int *row = centres + (size_t)count++ * k;
		memcpy(row, centres, sizeof(int) * (size_t)k);
		for (int g = 0; g < k; g++)
			if (c->leader_pt[g] >= 0)
				row[g] = c->leader_pt[g];
	}
	for (int s = 0; s < RG_SEEDS; s++)
		search_seed(c, centres + (size_t)count++ * k);
	for (int r = 0; r < count; r++)
		for (int g = 0; g < k; g++)
			if (c->merged[g])
				centres[(size_t)r * k + g] = -1;
	return count;
}

rg_cost rg_search(struct rg_ctx *c, const int *const *starts, int nstarts, int *label)
{
	int *centres = xmalloc(sizeof(int) * (size_t)c->k * (size_t)(nstarts + 1 + RG_SEEDS));
	int *trial = xmalloc(sizeof(int) * (size_t)(c->m + 1));
	int count = search_starts(c, starts, nstarts, centres);
	rg_cost best = RG_INF;
	for (int s = 0; s < count; s++) {
		if (s > 0 && c->evals >= c->max_evals)
			break;
		rg_cost v = search_descent(c, centres + (size_t)s * c->k, trial);
#ifdef RG_TRACE
		fprintf(stderr, "  start %d v=%lld evals=%ld\n", s, (long long)v, c->evals);
#endif
		if (v < best) {
			best = v;
			memcpy(label, trial, sizeof(int) * (size_t)c->m);
		}
	}
	free(centres);
	free(trial);
	return best;
}
