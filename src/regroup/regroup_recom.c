/* Spanning-tree recombination (ReCom, as in redistricting tools) of a split
 * group with a neighbouring group: the located members of both, when they
 * are one connected piece of the 5-nearest-neighbour graph, are spanned by
 * a tree (the shortest, and a few with randomly stretched edges), and the
 * tree is cut at the edge that leaves two pieces within the size bounds,
 * each holding the members pinned to it, with the least spread; both
 * groups are then one piece each. The best cut over the group's
 * neighbours is taken when it costs at most RG_CONTIG_WORTH of walking
 * per group made whole (and, at a move price above that, adds no move).
 * Members outside the graph (road order only, placed between neighbours)
 * stay in their groups. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/util.h"

#define RECOM_TREES 12  /* spanning trees drawn per pair: the shortest and 11 stretched */
#define RECOM_ROUNDS 3  /* passes over the split groups */

int rg_recom_off;

struct recom_edge {
	int u, v;
	double w;
};

struct recom {
	int *loc;                  /* m: index in the pair, or -1 */
	int *pts, *rest_a, *rest_b; /* the pair's located points; a's and b's others */
	int *parent, *order, *tadj, *tfirst, *tdeg, *uf, *side, *best_side, *stack;
	int *sz, *fa, *fb, *ka, *kb;
	double *sx, *sy, *sq;
	struct recom_edge *edge;
	size_t edge_cap;
	int *cost_pts;
};

static int uf_root(int *uf, int x)
{
	while (uf[x] != x)
		x = uf[x] = uf[uf[x]];
	return x;
}

static int edge_cmp(const void *pa, const void *pb)
{
	const struct recom_edge *a = pa, *b = pb;
	return (a->w > b->w) - (a->w < b->w);
}

/* Walking to the medoid of the N points PTS plus the moves of putting them
 * in group G. */
static rg_cost set_cost(const struct rg_ctx *c, const int *pts, int n, int g)
{
	rg_cost best = n ? RG_INF : 0;
	for (int i = 0; i < n; i++) {
		rg_cost sum = 0;
		for (int j = 0; j < n && sum < best; j++)
			sum += rg_dist(c, pts[i], pts[j]);
		if (sum < best)
			best = sum;
	}
	for (int i = 0; i < n; i++)
		best += pts[i] >= 0 && c->cur[pts[i]] != g ? c->lambda : 0;
	return best;
}

/* The cost of groups A and B when the pair's points go by SIDE (0: A). */
static rg_cost pair_cost(const struct rg_ctx *c, struct recom *w, int nu, const int *side, int ra, int rb, int a,
			 int b)
{
	rg_cost total = 0;
	for (int s = 0; s < 2; s++) {
		int n = 0;
		for (int i = 0; i < nu; i++)
			if (side[i] == s)
				w->cost_pts[n++] = w->pts[i];
		const int *rest = s ? w->rest_b : w->rest_a;
		for (int i = 0; i < (s ? rb : ra); i++)
			w->cost_pts[n++] = rest[i];
		total += set_cost(c, w->cost_pts, n, s ? b : a);
	}
	return total;
}

/* The best recombination of groups A and B of LABEL: its change of the
 * objective into DELTA and the points' new sides into W->best_side; the
 * number of the pair's points, or 0 when no cut meets the rules. */
static int recom_pair(const struct rg_ctx *c, const int *label, int a, int b, uint64_t *rng, struct recom *w,
		      rg_cost *delta)
{
	const int *first = c->cg_first, *adj = c->cg_adj;
	int nu = 0, ra = 0, rb = 0, fa_all = 0, fb_all = 0, found = 0;
	for (int p = 0; p < c->m; p++) {
		if (label[p] != a && label[p] != b)
			continue;
		if (first[p + 1] == first[p]) {
			if (label[p] == a)
				w->rest_a[ra++] = p;
			else
				w->rest_b[rb++] = p;
			continue;
		}
		w->loc[p] = nu;
		w->pts[nu++] = p;
		fa_all += c->force[p] == a;
		fb_all += c->force[p] == b;
	}
	int ne = 0;
	for (int i = 0; i < nu; i++)
		for (int e = first[w->pts[i]]; e < first[w->pts[i] + 1]; e++) {
			int j = w->loc[adj[e]];
			if (j > i) {
				if ((size_t)ne == w->edge_cap) {
					w->edge_cap = w->edge_cap * 2 + 64;
					w->edge = xrealloc(w->edge, w->edge_cap * sizeof *w->edge);
				}
				w->edge[ne].u = i;
				w->edge[ne].v = j;
				w->edge[ne++].w = (double)rg_dist(c, w->pts[i], w->pts[j]);
			}
		}
	/* The pair must be one piece of the graph. */
	for (int i = 0; i < nu; i++)
		w->uf[i] = i;
	int parts = nu;
	for (int e = 0; e < ne; e++) {
		int x = uf_root(w->uf, w->edge[e].u), y = uf_root(w->uf, w->edge[e].v);
		if (x != y) {
			w->uf[x] = y;
			parts--;
		}
	}
	rg_cost now = 0, best = RG_INF;
	if (parts == 1 && nu >= 2) {
		for (int i = 0; i < nu; i++)
			w->side[i] = label[w->pts[i]] != a;
		now = pair_cost(c, w, nu, w->side, ra, rb, a, b);
	}
	int moves_now = 0;
	for (int i = 0; i < nu && parts == 1; i++)
		moves_now += label[w->pts[i]] != c->cur[w->pts[i]];
	for (int t = 0; t < RECOM_TREES && parts == 1 && nu >= 2; t++) {
		/* Kruskal on the (stretched) distances. */
		for (int e = 0; e < ne; e++)
			if (t > 0)
				w->edge[e].w = (double)rg_dist(c, w->pts[w->edge[e].u], w->pts[w->edge[e].v]) *
					       (1.0 + (double)(rg_rand(rng) >> 11) / 9007199254740992.0);
		qsort(w->edge, (size_t)ne, sizeof *w->edge, edge_cmp);
		for (int i = 0; i < nu; i++) {
			w->uf[i] = i;
			w->tdeg[i] = 0;
		}
		int nt = 0;
		for (int e = 0; e < ne; e++) {
			int x = uf_root(w->uf, w->edge[e].u), y = uf_root(w->uf, w->edge[e].v);
			if (x == y)
				continue;
			w->uf[x] = y;
			w->tadj[2 * nt] = w->edge[e].u;
			w->tadj[2 * nt + 1] = w->edge[e].v;
			nt++;
		}
		/* Tree adjacency in tfirst/stack (CSR), then an order from the root. */
		for (int i = 0; i < nt; i++) {
			w->tdeg[w->tadj[2 * i]]++;
			w->tdeg[w->tadj[2 * i + 1]]++;
		}
		w->tfirst[0] = 0;
		for (int i = 0; i < nu; i++)
			w->tfirst[i + 1] = w->tfirst[i] + w->tdeg[i];
		for (int i = 0; i < nu; i++)
			w->tdeg[i] = 0;
		for (int i = 0; i < nt; i++) {
			int u = w->tadj[2 * i], v = w->tadj[2 * i + 1];
			w->stack[w->tfirst[u] + w->tdeg[u]++] = v;
			w->stack[w->tfirst[v] + w->tdeg[v]++] = u;
		}
		int len = 0;
		w->order[len++] = 0;
		w->parent[0] = -1;
		for (int h = 0; h < len; h++) {
			int u = w->order[h];
			for (int e = w->tfirst[u]; e < w->tfirst[u + 1]; e++)
				if (w->stack[e] != w->parent[u]) {
					w->parent[w->stack[e]] = u;
					w->order[len++] = w->stack[e];
				}
		}
		for (int i = 0; i < nu; i++) {
			int p = w->pts[i];
			w->sz[i] = 1;
			w->fa[i] = c->force[p] == a;
			w->fb[i] = c->force[p] == b;
			w->ka[i] = c->cur[p] == a;
			w->kb[i] = c->cur[p] == b;
			w->sx[i] = c->x[p];
			w->sy[i] = c->y[p];
			w->sq[i] = c->x[p] * c->x[p] + c->y[p] * c->y[p];
		}
		for (int h = len - 1; h > 0; h--) {
			int u = w->order[h], v = w->parent[u];
			w->sz[v] += w->sz[u];
			w->fa[v] += w->fa[u];
			w->fb[v] += w->fb[u];
			w->ka[v] += w->ka[u];
			w->kb[v] += w->kb[u];
			w->sx[v] += w->sx[u];
			w->sy[v] += w->sy[u];
			w->sq[v] += w->sq[u];
		}
		/* The cut with the least spread (sum of squares about the means). */
		int cut = -1, cut_side = 0;
		double spread = 0;
		for (int u = 1; u < nu; u++)
			for (int o = 0; o < 2; o++) {
				/* o = 0: the subtree of u goes to A. */
				int in = w->sz[u], out = nu - in;
				int size_a = (o ? out : in) + ra, size_b = (o ? in : out) + rb;
				int fa_in = o ? fa_all - w->fa[u] : w->fa[u], fb_in = o ? fb_all - w->fb[u] : w->fb[u];
				if (size_a < c->lo[a] || size_a > c->hi[a] || size_b < c->lo[b] || size_b > c->hi[b] ||
				    fa_in != fa_all || fb_in != 0)
					continue;
				int stay_a = o ? w->ka[0] - w->ka[u] : w->ka[u];
				int stay_b = o ? w->kb[u] : w->kb[0] - w->kb[u];
				int moves = nu - stay_a - stay_b;
				if (moves > moves_now && c->lambda > rg_price(RG_CONTIG_WORTH))
					continue;
				double s = 0;
				for (int h = 0; h < 2; h++) {
					int n = h ? out : in;
					double x = h ? w->sx[0] - w->sx[u] : w->sx[u], y = h ? w->sy[0] - w->sy[u] : w->sy[u];
					double q = h ? w->sq[0] - w->sq[u] : w->sq[u];
					s += q - (x * x + y * y) / n;
				}
				if (cut < 0 || s < spread) {
					cut = u;
					cut_side = o;
					spread = s;
				}
			}
		if (cut < 0)
			continue;
		/* Sides: the subtree of CUT against the rest. */
		for (int i = 0; i < nu; i++)
			w->side[i] = !cut_side;
		int top = 0;
		w->uf[top++] = cut;
		while (top > 0) {
			int u = w->uf[--top];
			w->side[u] = cut_side;
			for (int e = w->tfirst[u]; e < w->tfirst[u + 1]; e++)
				if (w->stack[e] != w->parent[u])
					w->uf[top++] = w->stack[e];
		}
		rg_cost v = pair_cost(c, w, nu, w->side, ra, rb, a, b);
		if (v < best) {
			best = v;
			found = 1;
			memcpy(w->best_side, w->side, sizeof(int) * (size_t)nu);
		}
	}
	for (int i = 0; i < nu; i++)
		w->loc[w->pts[i]] = -1;
	*delta = best - now;
	return found ? nu : 0;
}

/* Whether group G of LABEL has a located point outside its main piece. */
static void split_groups(const struct rg_ctx *c, const int *label, int *in_main, unsigned char *split)
{
	memset(split, 0, (size_t)c->k);
	rg_main_piece(c, label, in_main);
	for (int p = 0; p < c->m; p++)
		if (!in_main[p])
			split[label[p]] = 1;
}

int rg_recom(struct rg_ctx *c, int *label)
{
	if (!c->cg_first || c->m < 2 || c->k < 2)
		return 0;
	size_t m = (size_t)c->m + 1, k = (size_t)c->k + 1;
	struct recom w;
	w.loc = xmalloc(m * sizeof(int));
	for (int p = 0; p < c->m; p++)
		w.loc[p] = -1;
	int **arrays[] = {&w.pts, &w.rest_a, &w.rest_b, &w.parent, &w.order, &w.tfirst, &w.tdeg, &w.uf,
			  &w.side, &w.best_side, &w.stack, &w.sz, &w.fa, &w.fb, &w.ka, &w.kb, &w.cost_pts};
	for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
		*arrays[i] = xmalloc((m + 1) * 2 * sizeof(int));
	w.tadj = xmalloc((m + 1) * 2 * sizeof(int));
	w.sx = xmalloc(m * sizeof(double));
	w.sy = xmalloc(m * sizeof(double));
	w.sq = xmalloc(m * sizeof(double));
	w.edge = NULL;
	w.edge_cap = 0;
	int *in_main = xmalloc(m * sizeof(int)), *best_pts = xmalloc(m * sizeof(int)), *best_lab = xmalloc(m * sizeof(int));
	unsigned char *split = xmalloc(k), *near = xmalloc(k);
	uint64_t rng = 0x7265636fu;
	int joined = 0;
	/* The graph's pieces: a group with located members in two of them
	 * cannot be made one piece, nor can a pair in different ones. */
	int *comp = xmalloc(m * sizeof(int)), *gcomp = xmalloc(k * sizeof(int));
	for (int p = 0; p < c->m; p++)
		comp[p] = -1;
	for (int p = 0, nc = 0; p < c->m; p++) {
		if (comp[p] >= 0 || c->cg_first[p + 1] == c->cg_first[p])
			continue;
		int len = 0;
		w.pts[len++] = p;
		comp[p] = nc;
		for (int h = 0; h < len; h++)
			for (int e = c->cg_first[w.pts[h]]; e < c->cg_first[w.pts[h] + 1]; e++)
				if (comp[c->cg_adj[e]] < 0) {
					comp[c->cg_adj[e]] = nc;
					w.pts[len++] = c->cg_adj[e];
				}
		nc++;
	}
	split_groups(c, label, in_main, split);
	for (int round = 0; round < RECOM_ROUNDS; round++) {
		int changed = 0;
		for (int g = 0; g < c->k; g++)
			gcomp[g] = -1;
		for (int p = 0; p < c->m; p++)
			if (comp[p] >= 0)
				gcomp[label[p]] = gcomp[label[p]] == -1 || gcomp[label[p]] == comp[p] ? comp[p] : -2;
		for (int a = 0; a < c->k; a++) {
			if (!split[a] || c->merged[a] || gcomp[a] < 0)
				continue;
			memset(near, 0, k);
			for (int p = 0; p < c->m; p++)
				if (label[p] == a)
					for (int e = c->cg_first[p]; e < c->cg_first[p + 1]; e++)
						near[label[c->cg_adj[e]]] = 1;
			rg_cost best = RG_INF;
			int best_n = 0, best_b = -1;
			for (int b = 0; b < c->k; b++) {
				if (b == a || !near[b] || c->merged[b] || gcomp[b] != gcomp[a])
					continue;
				rg_cost d;
				int nu = recom_pair(c, label, a, b, &rng, &w, &d);
				if (nu == 0 || d > rg_price(RG_CONTIG_WORTH) * (1 + split[b]) || d >= best)
					continue;
				best = d;
				best_b = b;
				best_n = nu;
				for (int i = 0; i < nu; i++) {
					best_pts[i] = w.pts[i];
					best_lab[i] = w.best_side[i] ? b : a;
				}
			}
			if (best_b < 0)
				continue;
			for (int i = 0; i < best_n; i++)
				label[best_pts[i]] = best_lab[i];
			joined += 1 + split[best_b];
			/* Both now lie in the one piece of the graph they shared. */
			split[a] = split[best_b] = 0;
			changed = 1;
		}
		if (!changed)
			break;
		split_groups(c, label, in_main, split);
	}
	for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
		free(*arrays[i]);
	free(w.loc);
	free(w.tadj);
	free(w.sx);
	free(w.sy);
	free(w.sq);
	free(w.edge);
	free(in_main);
	free(best_pts);
	free(best_lab);
	free(split);
	free(near);
	free(comp);
	free(gcomp);
	return joined;
}
