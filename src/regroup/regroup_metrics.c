/* The figures of regroup-metrics.md: medoid sums, spanning trees, the
 * interleave of the k-nearest-neighbour graph, moves and rule breaches. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/regroup.h"
#include "tkvv/util.h"

#define DEG (M_PI / 180.0)

double regroup_distance(double lat1, double lon1, double lat2, double lon2)
{
	double dphi = (lat2 - lat1) * DEG, dlam = (lon2 - lon1) * DEG;
	double s1 = sin(dphi / 2), s2 = sin(dlam / 2);
	double a = s1 * s1 + cos(lat1 * DEG) * cos(lat2 * DEG) * s2 * s2;
	if (a > 1)
		a = 1;
	return 2 * REGROUP_EARTH_RADIUS_M * asin(sqrt(a));
}

/* A point in latitude order, for the neighbour search. */
struct knn_key {
	double lat;
	int i;
};

/* Order by latitude, then index: deterministic on ties. */
static int knn_cmp(const void *a, const void *b)
{
	const struct knn_key *x = a, *y = b;
	if (x->lat != y->lat)
		return x->lat < y->lat ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* Keep the KK nearest of point I seen so far in BEST (sorted, ties by index). */
static void knn_offer(int *best, double *bd, int *have, int kk, int j, double d)
{
	int pos = *have < kk ? (*have)++ : kk;
	if (pos == kk && (d > bd[kk - 1] || (d == bd[kk - 1] && j > best[kk - 1])))
		return;
	if (pos == kk)
		pos = kk - 1;
	while (pos > 0 && (bd[pos - 1] > d || (bd[pos - 1] == d && best[pos - 1] > j))) {
		bd[pos] = bd[pos - 1];
		best[pos] = best[pos - 1];
		pos--;
	}
	bd[pos] = d;
	best[pos] = j;
}

/* Scan from rank R in direction STEP while the latitude gap can still beat
 * the current KK-th neighbour of point I. */
static void knn_scan(int m, const int *ord, const double *lat, const double *lon, int kk,
		     int i, int r, int step, int *best, double *bd, int *have)
{
	for (int s = r + step; s >= 0 && s < m; s += step) {
		int j = ord[s];
		double gap = REGROUP_EARTH_RADIUS_M * fabs(lat[j] - lat[i]) * DEG;
		if (*have == kk && gap > bd[kk - 1])
			break;
		knn_offer(best, bd, have, kk, j, regroup_distance(lat[i], lon[i], lat[j], lon[j]));
	}
}

int rg_knn(int m, const double *lat, const double *lon, int kk, int *nbr)
{
	size_t mm = (size_t)(m > 0 ? m : 1);
	struct knn_key *key = xmalloc(sizeof *key * mm);
	int *ord = xmalloc(sizeof(int) * mm), *rank = xmalloc(sizeof(int) * mm);
	double *bd = xmalloc(sizeof(double) * (size_t)(kk > 0 ? kk : 1));
	int want = kk < m - 1 ? kk : m - 1;
	for (int i = 0; i < m; i++)
		key[i] = (struct knn_key){lat[i], i};
	qsort(key, (size_t)m, sizeof *key, knn_cmp);
	for (int r = 0; r < m; r++) {
		ord[r] = key[r].i;
		rank[key[r].i] = r;
	}
	for (int i = 0; i < m; i++) {
		int have = 0, *best = nbr + (size_t)i * kk;
		if (want > 0) {
			knn_scan(m, ord, lat, lon, want, i, rank[i], -1, best, bd, &have);
			knn_scan(m, ord, lat, lon, want, i, rank[i], 1, best, bd, &have);
		}
		for (int t = have; t < kk; t++)
			best[t] = -1;
	}
	free(key);
	free(ord);
	free(rank);
	free(bd);
	return want < 0 ? 0 : want;
}

/* A located member prepared for many distances: radians and cos(latitude). */
struct site {
	double phi, lam, cphi;
};

/* regroup_distance on prepared sites: the same formula, fewer cosines. */
static double site_distance(const struct site *a, const struct site *b)
{
	double s1 = sin((b->phi - a->phi) / 2), s2 = sin((b->lam - a->lam) / 2);
	double h = s1 * s1 + a->cphi * b->cphi * s2 * s2;
	if (h > 1)
		h = 1;
	return 2 * REGROUP_EARTH_RADIUS_M * asin(sqrt(h));
}

/* Medoid sum and spanning-tree length of the S sites SITE, with D (s×s)
 * and WORK (s) as scratch. */
static void measure_group(const struct site *site, int s, double *d, double *work, double *medoid, double *mst)
{
	double best = s > 0 ? INFINITY : 0, tree = 0;
	size_t ss = (size_t)s;
	for (size_t a = 0; a < ss; a++) {
		d[a * ss + a] = 0;
		for (size_t b = a + 1; b < ss; b++)
			d[a * ss + b] = d[b * ss + a] = site_distance(&site[a], &site[b]);
	}
	for (size_t a = 0; a < ss; a++) {
		double sum = 0;
		for (size_t b = 0; b < ss; b++)
			sum += d[a * ss + b];
		if (sum < best)
			best = sum;
	}
	/* Prim's algorithm; WORK holds each outside site's distance to the tree. */
	for (size_t a = 1; a < ss; a++)
		work[a] = d[a];
	for (int added = 1; added < s; added++) {
		size_t nxt = 0;
		for (size_t a = 1; a < ss; a++)
			if (work[a] >= 0 && (nxt == 0 || work[a] < work[nxt]))
				nxt = a;
		tree += work[nxt];
		work[nxt] = -1;
		for (size_t a = 1; a < ss; a++)
			if (work[a] >= 0 && d[nxt * ss + a] < work[a])
				work[a] = d[nxt * ss + a];
	}
	*medoid = best;
	*mst = tree;
}

/* The root of X's set in the union-find PARENT (halving the path). */
static int uf_find(int *parent, int x)
{
	while (parent[x] != x)
		x = parent[x] = parent[parent[x]];
	return x;
}

/* Groups under GROUP whose M located members LOC are not one connected
 * piece of the graph whose edges joining members of the same group were
 * united in PARENT (m); a group with fewer than 2 located members is not split. */
static int measure_split(const struct regroup_hamlet *h, const int *loc, int m, const int *group, int *parent)
{
	int *pieces = xcalloc(h->k + 1, sizeof *pieces), split = 0;
	for (int i = 0; i < m; i++)
		pieces[group[loc[i]]] += uf_find(parent, i) == i;
	for (size_t g = 0; g < h->k; g++)
		split += pieces[g] > 1;
	free(pieces);
	return split;
}

/* Count the edges of the symmetric 5-nearest-neighbour graph of the located
 * members and those that join different groups under GROUP, and the groups
 * that graph splits. */
static void measure_knn(const struct regroup_hamlet *h, const int *loc, int m, const int *group,
			struct regroup_metrics *out)
{
	enum { KK = 5 };
	size_t mm = (size_t)(m > 0 ? m : 1);
	double *lat = xmalloc(mm * sizeof *lat), *lon = xmalloc(mm * sizeof *lon);
	int *nbr = xmalloc(mm * KK * sizeof *nbr), *parent = xmalloc(mm * sizeof *parent);
	for (int i = 0; i < m; i++) {
		parent[i] = i;
		lat[i] = h->members[loc[i]].lat;
		lon[i] = h->members[loc[i]].lon;
	}
	rg_knn(m, lat, lon, KK, nbr);
	for (int i = 0; i < m; i++) {
		for (int t = 0; t < KK; t++) {
			int j = nbr[(size_t)i * KK + t];
			if (j < 0)
				continue;
			/* An edge i-j with j < i also found from j is counted there. */
			int mutual = 0;
			for (int u = 0; u < KK; u++)
				mutual |= nbr[(size_t)j * KK + u] == i;
			if (mutual && j < i)
				continue;
			out->knn_edges++;
			out->knn_cross += group[loc[i]] != group[loc[j]];
			if (group[loc[i]] == group[loc[j]]) {
				int a = uf_find(parent, i), b = uf_find(parent, j);
				parent[a > b ? a : b] = a > b ? b : a;
			}
		}
	}
	out->groups_split = measure_split(h, loc, m, group, parent);
	free(parent);
	free(lat);
	free(lon);
	free(nbr);
}

/* Medoid and tree figures of every active group of GROUP into M. */
static void measure_groups(const struct regroup_hamlet *h, const int *group, const int *active, struct regroup_metrics *m)
{
	size_t n = h->n, *start = xcalloc(h->k + 2, sizeof *start), biggest = 0;
	struct site *site = xmalloc((n + 1) * sizeof *site);
	for (size_t i = 0; i < n; i++)
		if (h->members[i].has_coord)
			start[group[i] + 1]++;
	for (size_t g = 0; g < h->k; g++) {
		biggest = start[g + 1] > biggest ? start[g + 1] : biggest;
		start[g + 1] += start[g];
	}
	for (size_t i = 0; i < n; i++) {
		const struct regroup_member *mb = &h->members[i];
		if (mb->has_coord)
			site[start[group[i]]++] = (struct site){mb->lat * DEG, mb->lon * DEG, cos(mb->lat * DEG)};
	}
	double *d = xmalloc((biggest * biggest + 1) * sizeof *d), *work = xmalloc((biggest + 1) * sizeof *work);
	for (size_t g = 0, from = 0; g < h->k; from = start[g++]) {
		if (active && !active[g])
			continue;
		double med, mst;
		measure_group(site + from, (int)(start[g] - from), d, work, &med, &mst);
		m->medoid_m += med;
		m->mst_m += mst;
	}
	free(start);
	free(site);
	free(d);
	free(work);
}

void regroup_measure(const struct regroup_hamlet *h, const int *group, const int *active,
		     int min, int max, struct regroup_metrics *m)
{
	size_t n = h->n, k = h->k;
	int *loc = xmalloc(sizeof(int) * (n + 1)), *size = xcalloc(k + 1, sizeof(int));
	int nl = 0;
	memset(m, 0, sizeof *m);
	for (size_t i = 0; i < n; i++) {
		if (h->members[i].has_coord)
			loc[nl++] = (int)i;
		m->moved += group[i] != h->members[i].group;
		size[group[i]]++;
	}
	measure_groups(h, group, active, m);
	for (size_t g = 0; g < k; g++) {
		if (active && !active[g])
			continue;
		m->groups++;
		m->size_violations += size[g] < min || size[g] > max;
		int leader = h->groups[g].leader;
		m->leaders_moved += leader >= 0 && group[leader] != (int)g;
	}
	measure_knn(h, loc, nl, group, m);
	m->interleave = m->knn_edges ? (double)m->knn_cross / (double)m->knn_edges : 0;
	free(loc);
	free(size);
}

void regroup_metrics_add(struct regroup_metrics *sum, const struct regroup_metrics *a)
{
	sum->medoid_m += a->medoid_m;
	sum->mst_m += a->mst_m;
	sum->knn_edges += a->knn_edges;
	sum->knn_cross += a->knn_cross;
	sum->interleave = sum->knn_edges ? (double)sum->knn_cross / (double)sum->knn_edges : 0;
	sum->moved += a->moved;
	sum->size_violations += a->size_violations;
	sum->cross_hamlet += a->cross_hamlet;
	sum->leaders_moved += a->leaders_moved;
	sum->groups += a->groups;
	sum->groups_split = sum->groups_split < 0 || a->groups_split < 0 ? -1 : sum->groups_split + a->groups_split;
}
