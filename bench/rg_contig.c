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

/* Why the split groups of a plan are split (regroup-metrics.md's graph). */
struct why {
	int graph;      /* (a) the group's located members lie in two or more pieces of the hamlet's graph */
	int pinned;     /* (b) else: a member who may not move (kept leader or deputy, pin) lives apart */
	int pinned_leader; /* of which the leader (else the deputy, else a pinned member) */
	int pinned_deputy;
	int bounds;     /* (c) else: no piece off the main one can go whole to a neighbouring group in the bounds */
	int optimiser;  /* (d) else: some piece could have gone whole to a neighbour's main piece within the bounds */
	int board;      /* split with the leader or deputy apart from the main piece (pinned or not) */
	int bound;      /* the lower bound on (a) from the graph's pieces and the bounds (graph_bound) */
};

/* Sorting ints down. */
static int int_down(const void *a, const void *b)
{
	return (*(const int *)b > *(const int *)a) - (*(const int *)b < *(const int *)a);
}

/* A lower bound on the groups of any plan of a hamlet (K groups of LO..HI
 * members, U without coordinates) whose located members lie in two or
 * more of the NP pieces (sizes SIZE) of its graph. None is needed when
 * every piece can be cut into whole groups: ceil(s/hi) groups a piece at
 * least, the members without coordinates filling pieces smaller than the
 * groups' minimum and making any further groups. Otherwise X groups
 * spanning pieces must hold what K - X groups inside single pieces cannot
 * (at most HI each, at most the piece): the least X with
 * located - best(K - X) <= X·HI. Connectivity inside a piece and the
 * spanning groups' minimum are relaxed, so no plan does better. */
static int graph_bound(const int *size, int np, int k, int lo, int hi, int u)
{
	long t0 = 0, pad = 0, free_groups = 0, located = 0;
	for (int i = 0; i < np; i++) {
		long t = (size[i] + hi - 1) / hi;
		t0 += t;
		pad += t * lo > size[i] ? t * lo - size[i] : 0;
		free_groups += size[i] / lo > t ? size[i] / lo - t : 0;
		located += size[i];
	}
	long more = k - t0 - free_groups;
	if (t0 <= k && pad + (more > 0 ? more * lo : 0) <= u)
		return 0;
	/* The most located members K - X groups inside single pieces hold:
	 * the largest shares of HI (and remainders) over the pieces. */
	int nshare = 0, *share = xmalloc(((size_t)located / (size_t)hi + (size_t)np + 1) * sizeof *share);
	for (int i = 0; i < np; i++) {
		for (int s = size[i]; s > 0; s -= hi)
			share[nshare++] = s < hi ? s : hi;
	}
	qsort(share, (size_t)nshare, sizeof *share, int_down);
	int x = 1;
	for (; x < k; x++) {
		long inside = 0;
		for (int j = 0; j < k - x && j < nshare; j++)
			inside += share[j];
		if (located - inside <= (long)x * hi)
			break;
	}
	free(share);
	return x;
}

/* Classify the split groups of H under GROUP (leaders and deputies kept
 * unless NEW_LEADERS) into W, and add the hamlet's graph_bound. */
static void classify(const struct regroup_hamlet *h, const int *group, int new_leaders, int lo, int hi, struct why *w)
{
	size_t n = h->n + 1, k = h->k + 1;
	double *lat = xmalloc(n * sizeof *lat), *lon = xmalloc(n * sizeof *lon);
	int m = 0, *loc = xmalloc(n * sizeof *loc), *pt = xmalloc(n * sizeof *pt);
	int *comp = xmalloc(n * sizeof *comp), *piece = xmalloc(n * sizeof *piece), *nbr = xmalloc(n * 5 * sizeof *nbr);
	int *psize = xcalloc(n, sizeof *psize), *csize = xcalloc(n, sizeof *csize), *count = xcalloc(k, sizeof *count);
	int *big = xmalloc(k * sizeof *big), *firstc = xmalloc(k * sizeof *firstc);
	unsigned char *spans = xcalloc(k, 1), *apart = xcalloc(k, 1), *board = xcalloc(k, 1), *movable = xcalloc(k, 1);
	unsigned char *pinned = xcalloc(n, 1);
	int u = 0;
	for (size_t i = 0; i < h->n; i++) {
		pt[i] = -1;
		count[group[i]]++;
		if (h->members[i].pin >= 0)
			pinned[i] = 1;
		if (h->members[i].has_coord) {
			pt[i] = m;
			loc[m] = (int)i;
			lat[m] = h->members[i].lat;
			lon[m++] = h->members[i].lon;
		} else {
			u++;
		}
	}
	for (size_t g = 0; g < h->k && !new_leaders; g++) {
		if (h->groups[g].leader >= 0)
			pinned[h->groups[g].leader] = 1;
		if (h->groups[g].deputy >= 0)
			pinned[h->groups[g].deputy] = 1;
	}
	rg_knn(m, lat, lon, 5, nbr);
	for (int i = 0; i < m; i++)
		comp[i] = piece[i] = i;
	for (int i = 0; i < m; i++)
		for (int t = 0; t < 5; t++) {
			int j = nbr[(size_t)i * 5 + t];
			if (j < 0)
				continue;
			int a = root(comp, i), b = root(comp, j);
			comp[a > b ? a : b] = a > b ? b : a;
			if (group[loc[i]] == group[loc[j]]) {
				a = root(piece, i);
				b = root(piece, j);
				piece[a > b ? a : b] = a > b ? b : a;
			}
		}
	for (int i = 0; i < m; i++) {
		psize[root(piece, i)]++;
		csize[root(comp, i)]++;
	}
	for (size_t g = 0; g < h->k; g++)
		big[g] = firstc[g] = -1;
	for (int i = 0; i < m; i++) {
		int g = group[loc[i]], r = root(piece, i), cr = root(comp, i);
		if (big[g] < 0 || psize[r] > psize[big[g]])
			big[g] = r;
		if (firstc[g] < 0)
			firstc[g] = cr;
		spans[g] |= firstc[g] != cr;
	}
	for (int i = 0; i < m; i++) {
		int g = group[loc[i]];
		if (root(piece, i) == big[g])
			continue;
		/* 1: a pinned member, 2: the deputy, 4: the leader. */
		if (pinned[loc[i]])
			apart[g] |= h->groups[g].leader == loc[i] ? 4 : h->groups[g].deputy == loc[i] ? 2 : 1;
		board[g] |= h->groups[g].leader == loc[i] || h->groups[g].deputy == loc[i];
	}
	/* A piece off the main one (no one pinned in it) that could go whole
	 * to a group whose main piece it touches, within both groups' bounds. */
	int *seen = xcalloc(n, sizeof *seen);
	for (int i = 0; i < m; i++) {
		int g = group[loc[i]], r = root(piece, i);
		if (r == big[g] || seen[r])
			continue;
		seen[r] = 1;
		int len = 0, held = 0;
		unsigned char *touch = xcalloc(k, 1);
		for (int j = 0; j < m; j++) {
			if (root(piece, j) != r)
				continue;
			len++;
			held |= pinned[loc[j]];
			for (int t = 0; t < 5; t++) {
				int q = nbr[(size_t)j * 5 + t];
				if (q >= 0 && group[loc[q]] != g && root(piece, q) == big[group[loc[q]]])
					touch[group[loc[q]]] = 1;
			}
		}
		/* Edges are symmetric: also the points that have J among their nearest. */
		for (int q = 0; q < m; q++)
			for (int t = 0; t < 5; t++) {
				int j = nbr[(size_t)q * 5 + t];
				if (j >= 0 && root(piece, j) == r && group[loc[q]] != g && root(piece, q) == big[group[loc[q]]])
					touch[group[loc[q]]] = 1;
			}
		for (size_t b = 0; b < h->k && !held; b++)
			if (touch[b] && count[g] - len >= lo && count[b] + len <= hi)
				movable[g] = 1;
		free(touch);
	}
	for (size_t g = 0; g < h->k; g++) {
		if (big[g] < 0)
			continue;
		int split = 0;
		for (int i = 0; i < m && !split; i++)
			split = group[loc[i]] == (int)g && root(piece, i) != big[g];
		if (!split)
			continue;
		w->board += board[g];
		if (spans[g])
			w->graph++;
		else if (apart[g]) {
			w->pinned++;
			w->pinned_leader += (apart[g] & 4) != 0;
			w->pinned_deputy += apart[g] == 2 || apart[g] == 3;
		} else if (!movable[g])
			w->bounds++;
		else
			w->optimiser++;
	}
	int np = 0, *sizes = xmalloc(n * sizeof *sizes);
	for (int i = 0; i < m; i++)
		if (root(comp, i) == i)
			sizes[np++] = csize[i];
	w->bound += graph_bound(sizes, np, (int)h->k, lo, hi, u);
	free(sizes);
	free(seen);
	free(lat);
	free(lon);
	free(loc);
	free(pt);
	free(comp);
	free(piece);
	free(nbr);
	free(psize);
	free(csize);
	free(count);
	free(big);
	free(firstc);
	free(spans);
	free(apart);
	free(board);
	free(movable);
	free(pinned);
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
	/* bare: split_ok; 1: the piece moves and trades alone (the repair
	 * before the recombination); 2: the repair with the recombination. */
	for (int nl = 0; nl <= 1; nl++)
		for (int how = 0; how <= 2; how++) {
			static const char *const what[] = {"bare", "pieces", "pieces+recom"};
			struct rgb_run run = {.d = d, .p = {MIN_SIZE, MAX_SIZE, 0, -1, nl, 0, how == 0}, .budget = -1};
			char label[48];
			rg_recom_off = how == 1;
			rgb_run_district(&run, opt->threads);
			rg_recom_off = 0;
			snprintf(label, sizeof label, "%s, %s", what[how], nl ? "new leaders" : "leaders kept");
			row(label, &run.sum, run.cpu);
			struct why w;
			memset(&w, 0, sizeof w);
			for (size_t i = 0; i < d->n; i++)
				classify(&d->hamlets[i].h, run.group[i], nl && run.after[i].leaders_moved > 0, MIN_SIZE,
					 MAX_SIZE, &w);
			printf("%-30s split %d = (a) graph %d (bound %d) + (b) pinned apart %d (leader %d, deputy %d)"
			       " + (c) bounds %d + (d) optimiser %d;"
			       " board apart %d; moved without coordinates %ld\n",
			       "", run.sum.groups_split, w.graph, w.bound, w.pinned, w.pinned_leader, w.pinned_deputy, w.bounds,
			       w.optimiser, w.board,
			       run.moved_unlocated);
			rgb_run_free(&run);
		}
	struct regroup_metrics km;
	struct why kw;
	memset(&km, 0, sizeof km);
	memset(&kw, 0, sizeof kw);
	for (size_t i = 0; i < d->n; i++) {
		const struct regroup_hamlet *h = &d->hamlets[i].h;
		struct regroup_metrics m;
		int *g = xmalloc((h->n + 1) * sizeof *g);
		rgb_kmeans(h, MIN_SIZE, MAX_SIZE, opt->quick ? 5 : 10, opt->seed * 31 + i, g);
		regroup_measure(h, g, NULL, MIN_SIZE, MAX_SIZE, &m);
		regroup_metrics_add(&km, &m);
		classify(h, g, 1, MIN_SIZE, MAX_SIZE, &kw);
		free(g);
	}
	row("k-means (no rules)", &km, 0);
	printf("%-30s split %d = (a) graph %d (bound %d) + (c) bounds %d + (d) optimiser %d\n", "", km.groups_split,
	       kw.graph, kw.bound, kw.bounds, kw.optimiser);
	printf("(bare: without the contiguity repair; pieces: the repair's piece moves and trades alone;\n"
	       " pieces+recom: with the spanning-tree recombination; seconds: CPU of the plans)\n");
}
