/* Section 5: contiguity (groups_split of regroup-metrics.md) of the plans
 * without a move budget, leaders kept and new leaders allowed, with the
 * contiguity repair and bare (split_ok: the engine before it), beside
 * k-means; and how many pieces the hamlets' own 5-NN graph has, which no
 * plan can join. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rg_bench.h"
#include "tkvv/util.h"
#include "../src/regroup/regroup_internal.h"

#define MIN_SIZE 5
#define MAX_SIZE 60

static void header(void)
{
	printf("%-30s %8s %12s %12s %10s %6s %6s %6s %7s %8s\n", "plan", "moves", "medoid_m", "mst_m",
	       "interleave", "split", "groups", "sizes", "leaders", "seconds");
}

static void row(const char *label, const struct regroup_metrics *m, double seconds)
{
	printf("%-30s %8ld %12.0f %12.0f %10.4f %6d %6d %6d %7d %8.3f\n", label, m->moved, m->medoid_m, m->mst_m,
	       m->interleave, m->groups_split, m->groups, m->size_violations, m->leaders_moved, seconds);
}

/* The root of X in the union-find PARENT. */
static int root(int *parent, int x)
{
	while (parent[x] != x)
		x = parent[x] = parent[parent[x]];
	return x;
}

/* Groups of H under GROUP that are split with their leader or deputy (kept
 * in the group) outside its largest piece of the 5-NN graph. */
static int held_by_board(const struct regroup_hamlet *h, const int *group)
{
	size_t n = h->n + 1;
	double *lat = xmalloc(n * sizeof *lat), *lon = xmalloc(n * sizeof *lon);
	int m = 0, held = 0, *loc = xmalloc(n * sizeof *loc), *pt = xmalloc(n * sizeof *pt);
	int *parent = xmalloc(n * sizeof *parent), *nbr = xmalloc(n * 5 * sizeof *nbr), *size = xcalloc(n, sizeof *size);
	for (size_t i = 0; i < h->n; i++) {
		pt[i] = -1;
		if (h->members[i].has_coord) {
			pt[i] = m;
			loc[m] = (int)i;
			lat[m] = h->members[i].lat;
			lon[m++] = h->members[i].lon;
		}
	}
	rg_knn(m, lat, lon, 5, nbr);
	for (int i = 0; i < m; i++)
		parent[i] = i;
	for (int i = 0; i < m; i++)
		for (int t = 0; t < 5; t++) {
			int j = nbr[(size_t)i * 5 + t];
			if (j >= 0 && group[loc[i]] == group[loc[j]]) {
				int a = root(parent, i), b = root(parent, j);
				parent[a > b ? a : b] = a > b ? b : a;
			}
		}
	for (int i = 0; i < m; i++)
		size[root(parent, i)]++;
	for (size_t g = 0; g < h->k; g++) {
		int big = -1, who[2] = {h->groups[g].leader, h->groups[g].deputy}, apart = 0;
		for (int i = 0; i < m; i++)
			if (group[loc[i]] == (int)g && (big < 0 || size[root(parent, i)] > size[big]))
				big = root(parent, i);
		for (int r = 0; r < 2 && big >= 0; r++)
			apart |= who[r] >= 0 && pt[who[r]] >= 0 && group[who[r]] == (int)g && root(parent, pt[who[r]]) != big;
		held += apart;
	}
	free(lat);
	free(lon);
	free(loc);
	free(pt);
	free(parent);
	free(nbr);
	free(size);
	return held;
}

/* Pieces of the 5-NN graph of H's located members (union-find). */
static int graph_pieces(const struct regroup_hamlet *h)
{
	size_t n = h->n + 1;
	double *lat = xmalloc(n * sizeof *lat), *lon = xmalloc(n * sizeof *lon);
	int m = 0, pieces = 0, *parent = xmalloc(n * sizeof *parent), *nbr = xmalloc(n * 5 * sizeof *nbr);
	for (size_t i = 0; i < h->n; i++)
		if (h->members[i].has_coord) {
			lat[m] = h->members[i].lat;
			lon[m++] = h->members[i].lon;
		}
	rg_knn(m, lat, lon, 5, nbr);
	for (int i = 0; i < m; i++)
		parent[i] = i;
	for (int i = 0; i < m; i++)
		for (int t = 0; t < 5; t++) {
			int a = i, b = nbr[(size_t)i * 5 + t];
			if (b < 0)
				continue;
			while (parent[a] != a)
				a = parent[a];
			while (parent[b] != b)
				b = parent[b];
			parent[a > b ? a : b] = a > b ? b : a;
		}
	for (int i = 0; i < m; i++)
		pieces += parent[i] == i;
	free(lat);
	free(lon);
	free(parent);
	free(nbr);
	return pieces;
}

void bench_contig(const struct bench_opts *opt, const struct rgb_district *d)
{
	size_t over = 0, pieces = 0, groups = 0;
	struct regroup_metrics cur;
	memset(&cur, 0, sizeof cur);
	for (size_t i = 0; i < d->n; i++) {
		const struct regroup_hamlet *h = &d->hamlets[i].h;
		struct regroup_metrics m;
		int *g = xmalloc((h->n + 1) * sizeof *g), p = graph_pieces(h);
		for (size_t j = 0; j < h->n; j++)
			g[j] = h->members[j].group;
		regroup_measure(h, g, NULL, MIN_SIZE, MAX_SIZE, &m);
		regroup_metrics_add(&cur, &m);
		over += (size_t)p > h->k;
		pieces += (size_t)p;
		groups += h->k;
		free(g);
	}
	printf("\n== 5. Contiguity, %s: %zu hamlets, %zu members (min %d, max %d, no merges, no move budget)\n",
	       d->source, d->n, rgb_district_members(d), MIN_SIZE, MAX_SIZE);
	printf("the hamlets' own 5-NN graphs have %zu pieces for %zu groups; in %zu of %zu hamlets more pieces\n"
	       "than groups, so some group must hold two pieces (split) whatever the plan\n",
	       pieces, groups, over, d->n);
	header();
	row("current groups", &cur, 0);
	for (int nl = 0; nl <= 1; nl++)
		for (int bare = 1; bare >= 0; bare--) {
			struct rgb_run run = {.d = d, .p = {MIN_SIZE, MAX_SIZE, 0, -1, nl, 0, bare}, .budget = -1};
			char label[48];
			rgb_run_district(&run, opt->threads);
			snprintf(label, sizeof label, "engine%s, %s", bare ? " bare" : "", nl ? "new leaders" : "leaders kept");
			row(label, &run.sum, run.wall);
			int held = 0;
			for (size_t i = 0; i < d->n; i++)
				held += held_by_board(&d->hamlets[i].h, run.group[i]);
			printf("%-30s %d of the %d split groups with their leader or deputy apart from the rest\n", "",
			       held, run.sum.groups_split);
			rgb_run_free(&run);
		}
	struct regroup_metrics km;
	memset(&km, 0, sizeof km);
	for (size_t i = 0; i < d->n; i++) {
		const struct regroup_hamlet *h = &d->hamlets[i].h;
		struct regroup_metrics m;
		int *g = xmalloc((h->n + 1) * sizeof *g);
		rgb_kmeans(h, MIN_SIZE, MAX_SIZE, opt->quick ? 5 : 10, opt->seed * 31 + i, g);
		regroup_measure(h, g, NULL, MIN_SIZE, MAX_SIZE, &m);
		regroup_metrics_add(&km, &m);
		free(g);
	}
	row("k-means (no rules)", &km, 0);
	printf("(bare: without the contiguity repair, as the engine was; split: groups_split)\n");
}
