/* What a user would try instead of the engine: Lloyd's k-means on metric
 * coordinates, sizes repaired greedily, labels matched to the old groups. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rg.h"
#include "tkvv/util.h"

/* Points in metres (equirectangular about their mean) and their clustering. */
struct points {
	size_t n, k;
	double *x, *y;
	double *cx, *cy;
	int *label;
};

/* Project the located members of H to metres; IDX maps point to member. */
static void project(const struct regroup_hamlet *h, struct points *p, size_t *idx)
{
	double lat0 = 0, lon0 = 0, r = REGROUP_EARTH_RADIUS_M * M_PI / 180.0;
	p->n = 0;
	for (size_t i = 0; i < h->n; i++)
		if (h->members[i].has_coord) {
			lat0 += h->members[i].lat;
			lon0 += h->members[i].lon;
			idx[p->n++] = i;
		}
	lat0 /= (double)(p->n ? p->n : 1);
	lon0 /= (double)(p->n ? p->n : 1);
	for (size_t q = 0; q < p->n; q++) {
		const struct regroup_member *m = &h->members[idx[q]];
		p->x[q] = (m->lon - lon0) * r * cos(lat0 * M_PI / 180.0);
		p->y[q] = (m->lat - lat0) * r;
	}
}

/* Squared metres from point Q to centre C. */
static double sq(const struct points *p, size_t q, size_t c)
{
	double dx = p->x[q] - p->cx[c], dy = p->y[q] - p->cy[c];
	return dx * dx + dy * dy;
}

/* The k-means++ seeding: each next centre drawn with probability D^2. */
static void seed_centres(struct points *p, struct rgb_rng *r, double *d2)
{
	size_t first = rgb_rand(r) % p->n;
	p->cx[0] = p->x[first];
	p->cy[0] = p->y[first];
	for (size_t q = 0; q < p->n; q++)
		d2[q] = sq(p, q, 0);
	for (size_t c = 1; c < p->k; c++) {
		double total = 0, pick;
		size_t q = 0;
		for (size_t t = 0; t < p->n; t++)
			total += d2[t];
		pick = rgb_uniform(r) * total;
		for (; q + 1 < p->n && (pick -= d2[q]) > 0; q++)
			;
		p->cx[c] = p->x[q];
		p->cy[c] = p->y[q];
		for (size_t t = 0; t < p->n; t++)
			d2[t] = fmin(d2[t], sq(p, t, c));
	}
}

/* Lloyd's iterations until no label changes; returns the sum of squares. */
static double lloyd(struct points *p, double *sum)
{
	double sse = 0;
	for (int it = 0, changed = 1; changed && it < 100; it++) {
		changed = 0;
		sse = 0;
		memset(sum, 0, 3 * p->k * sizeof *sum);
		for (size_t q = 0; q < p->n; q++) {
			size_t best = 0;
			for (size_t c = 1; c < p->k; c++)
				if (sq(p, q, c) < sq(p, q, best))
					best = c;
			changed |= p->label[q] != (int)best;
			p->label[q] = (int)best;
			sse += sq(p, q, best);
			sum[3 * best] += p->x[q];
			sum[3 * best + 1] += p->y[q];
			sum[3 * best + 2] += 1;
		}
		for (size_t c = 0; c < p->k; c++)
			if (sum[3 * c + 2] > 0) {
				p->cx[c] = sum[3 * c] / sum[3 * c + 2];
				p->cy[c] = sum[3 * c + 1] / sum[3 * c + 2];
			}
	}
	return sse;
}

/* Move the one point that costs least from a group that may give (size >
 * MIN, or > MAX when OVER) to a group that may take; 0 when none can. */
static int repair_step(struct points *p, int *size, int min, int max, int over)
{
	double best = DBL_MAX;
	size_t bq = 0, bc = 0;
	for (size_t q = 0; q < p->n; q++) {
		int from = p->label[q];
		if (over ? size[from] <= max : size[from] <= min)
			continue;
		for (size_t c = 0; c < p->k; c++) {
			if ((int)c == from || (over ? size[c] >= max : size[c] >= min))
				continue;
			double cost = sqrt(sq(p, q, c)) - sqrt(sq(p, q, (size_t)from));
			if (cost < best) {
				best = cost;
				bq = q;
				bc = c;
			}
		}
	}
	if (best == DBL_MAX)
		return 0;
	size[p->label[bq]]--;
	size[bc]++;
	p->label[bq] = (int)bc;
	return 1;
}

/* Put each centre at the mean of its points. */
static void centroids(struct points *p)
{
	double *sum = xcalloc(3 * p->k, sizeof *sum);
	for (size_t q = 0; q < p->n; q++) {
		sum[3 * p->label[q]] += p->x[q];
		sum[3 * p->label[q] + 1] += p->y[q];
		sum[3 * p->label[q] + 2] += 1;
	}
	for (size_t c = 0; c < p->k; c++)
		if (sum[3 * c + 2] > 0) {
			p->cx[c] = sum[3 * c] / sum[3 * c + 2];
			p->cy[c] = sum[3 * c + 1] / sum[3 * c + 2];
		}
	free(sum);
}

/* Bring every group's size into [MIN, MAX], oversized groups first; the
 * N entries of GROUP count too (unlocated members stay where they are). */
static void repair_sizes(struct points *p, const int *group, size_t n, int min, int max)
{
	int *size = xcalloc(p->k, sizeof *size);
	for (size_t i = 0; i < n; i++)
		size[group[i]]++;
	while (repair_step(p, size, min, max, 1))
		;
	while (repair_step(p, size, min, max, 0))
		;
	free(size);
}

/* Cluster the located members of H by k-means (the best of RESTARTS runs),
 * match labels to the current groups, then repair sizes. Members without
 * coordinates stay in their group: k-means cannot place them. */
void rgb_kmeans(const struct regroup_hamlet *h, int min, int max, int restarts,
	       uint64_t seed, int *group)
{
	size_t n = h->n ? h->n : 1, *idx = xmalloc(n * sizeof *idx);
	struct points p = {0, h->k, xmalloc(n * sizeof(double)), xmalloc(n * sizeof(double)),
			   xmalloc(h->k * sizeof(double)), xmalloc(h->k * sizeof(double)),
			   xmalloc(n * sizeof(int))};
	int *best = xmalloc(n * sizeof *best);
	double *work = xmalloc((n + 3 * h->k) * sizeof *work), best_sse = DBL_MAX;
	struct rgb_rng r = {seed};
	project(h, &p, idx);
	for (int run = 0; p.n >= h->k && run < restarts; run++) {
		memset(p.label, 0xff, p.n * sizeof *p.label);
		seed_centres(&p, &r, work);
		double sse = lloyd(&p, work);
		if (sse < best_sse) {
			best_sse = sse;
			memcpy(best, p.label, p.n * sizeof *best);
		}
	}
	for (size_t i = 0; i < h->n; i++)
		group[i] = -1;
	for (size_t q = 0; best_sse < DBL_MAX && q < p.n; q++)
		group[idx[q]] = best[q];
	rgb_match_labels(h, group);
	for (size_t q = 0; q < p.n; q++)
		p.label[q] = group[idx[q]];
	centroids(&p);
	repair_sizes(&p, group, h->n, min, max);
	for (size_t q = 0; q < p.n; q++)
		group[idx[q]] = p.label[q];
	free(idx); free(p.x); free(p.y); free(p.cx); free(p.cy); free(p.label);
	free(best); free(work);
}

/* The Hungarian method on a K-by-K COST matrix (row-major): ROW_OF[col]
 * receives the row assigned to each column, at the least total cost. */
static void hungarian(size_t k, const double *cost, int *row_of)
{
	double *u = xcalloc(k + 1, sizeof *u), *v = xcalloc(k + 1, sizeof *v);
	double *minv = xmalloc((k + 1) * sizeof *minv);
	size_t *p = xcalloc(k + 1, sizeof *p), *way = xcalloc(k + 1, sizeof *way);
	char *used = xmalloc(k + 1);
	for (size_t i = 1; i <= k; i++) {
		size_t j0 = 0;
		p[0] = i;
		for (size_t j = 0; j <= k; j++)
			minv[j] = DBL_MAX;
		memset(used, 0, k + 1);
		do {
			size_t i0 = p[j0], j1 = 0;
			double delta = DBL_MAX;
			used[j0] = 1;
			for (size_t j = 1; j <= k; j++) {
				if (used[j])
					continue;
				double cur = cost[(i0 - 1) * k + j - 1] - u[i0] - v[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (size_t j = 0; j <= k; j++) {
				if (used[j]) {
					u[p[j]] += delta;
					v[j] -= delta;
				} else {
					minv[j] -= delta;
				}
			}
			j0 = j1;
		} while (p[j0] != 0);
		do {
			size_t j1 = way[j0];
			p[j0] = p[j1];
			j0 = j1;
		} while (j0);
	}
	for (size_t j = 1; j <= k; j++)
		row_of[j - 1] = (int)p[j] - 1;
	free(u); free(v); free(minv); free(p); free(way); free(used);
}

/* Relabel GROUP so that as many members as possible keep their current group. */
void rgb_match_labels(const struct regroup_hamlet *h, int *group)
{
	size_t k = h->k;
	double *cost = xcalloc(k * k, sizeof *cost);
	int *new_of_old = xmalloc(k * sizeof *new_of_old), *old_of_new = xmalloc(k * sizeof *old_of_new);
	for (size_t i = 0; i < h->n; i++)
		if (group[i] >= 0 && h->members[i].group >= 0)
			cost[(size_t)group[i] * k + (size_t)h->members[i].group] -= 1;
	hungarian(k, cost, new_of_old);
	for (size_t g = 0; g < k; g++)
		old_of_new[new_of_old[g]] = (int)g;
	for (size_t i = 0; i < h->n; i++)
		group[i] = group[i] >= 0 ? old_of_new[group[i]] : h->members[i].group;
	free(cost);
	free(new_of_old);
	free(old_of_new);
}
