/* Finishing a plan: single boundary moves that lower the exact medoid cost,
 * and the relabelling that keeps as many members as possible in place. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/util.h"

/* Groups as lists of points, with each point's walk to the rest of its group. */
struct polish {
	int *items, *count, *slot;   /* k×m lists */
	rg_cost *sum;                /* m: distances to the other members of its group */
	rg_cost *med;                /* k: medoid cost of each group */
};

/* The medoid cost of group G. */
static rg_cost polish_medoid(const struct rg_ctx *c, const struct polish *s, int g)
{
	rg_cost best = s->count[g] ? RG_INF : 0;
	for (int t = 0; t < s->count[g]; t++) {
		rg_cost v = s->sum[s->items[(size_t)g * c->m + t]];
		if (v < best)
			best = v;
	}
	return best;
}

/* The exact change of the objective when point P leaves A for B. */
static rg_cost polish_delta(const struct rg_ctx *c, const struct polish *s, int p, int a, int b)
{
	rg_cost ma = RG_INF, mb = 0, inb = 0;
	for (int t = 0; t < s->count[a]; t++) {
		int q = s->items[(size_t)a * c->m + t];
		if (q != p && s->sum[q] - rg_dist(c, q, p) < ma)
			ma = s->sum[q] - rg_dist(c, q, p);
	}
	if (ma == RG_INF)
		ma = 0;
	mb = RG_INF;
	for (int t = 0; t < s->count[b]; t++) {
		int q = s->items[(size_t)b * c->m + t];
		rg_cost d = rg_dist(c, q, p);
		inb += d;
		if (s->sum[q] + d < mb)
			mb = s->sum[q] + d;
	}
	if (inb < mb)
		mb = inb;
	rg_cost moves = (b != c->cur[p]) - (a != c->cur[p]);
	return ma + mb - s->med[a] - s->med[b] + c->lambda * moves;
}

/* Move point P from A to B, keeping the lists and sums current. */
static void polish_apply(const struct rg_ctx *c, struct polish *s, int *label, int p, int a, int b)
{
	size_t m = (size_t)c->m;
	int last = s->items[a * m + --s->count[a]];
	s->items[a * m + s->slot[p]] = last;
	s->slot[last] = s->slot[p];
	s->sum[p] = 0;
	for (int t = 0; t < s->count[a]; t++)
		s->sum[s->items[a * m + t]] -= rg_dist(c, s->items[a * m + t], p);
	for (int t = 0; t < s->count[b]; t++) {
		rg_cost d = rg_dist(c, s->items[b * m + t], p);
		s->sum[s->items[b * m + t]] += d;
		s->sum[p] += d;
	}
	s->slot[p] = s->count[b];
	s->items[b * m + s->count[b]++] = p;
	label[p] = b;
	s->med[a] = polish_medoid(c, s, a);
	s->med[b] = polish_medoid(c, s, b);
}

/* Try moving P to the groups of its neighbours; 1 when it moved. */
static int polish_point(const struct rg_ctx *c, struct polish *s, int *label, int p)
{
	int a = label[p];
	if (c->force[p] >= 0 || s->count[a] - 1 < c->lo[a])
		return 0;
	for (int t = 0; t < c->nb; t++) {
		int q = c->nbr[(size_t)p * RG_NB + t];
		if (q < 0)
			continue;
		int b = label[q];
		if (b == a || c->merged[b] || s->count[b] + 1 > c->hi[b])
			continue;
		if (polish_delta(c, s, p, a, b) < 0) {
			polish_apply(c, s, label, p, a, b);
			return 1;
		}
	}
	return 0;
}

/* Build the lists and sums of LABEL. */
static void polish_open(const struct rg_ctx *c, const int *label, struct polish *s)
{
	size_t m = (size_t)c->m, k = (size_t)c->k;
	s->items = xmalloc(sizeof(int) * k * (m + 1));
	s->count = xcalloc(k, sizeof(int));
	s->slot = xmalloc(sizeof(int) * (m + 1));
	s->sum = xcalloc(m + 1, sizeof(rg_cost));
	s->med = xmalloc(sizeof(rg_cost) * k);
	for (size_t p = 0; p < m; p++) {
		int g = label[p];
		s->slot[p] = s->count[g];
		s->items[(size_t)g * m + (size_t)s->count[g]++] = (int)p;
	}
	for (size_t g = 0; g < k; g++)
		for (int a = 0; a < s->count[g]; a++)
			for (int b = 0; b < s->count[g]; b++)
				s->sum[s->items[g * m + a]] += rg_dist(c, s->items[g * m + a], s->items[g * m + b]);
	for (size_t g = 0; g < k; g++)
		s->med[g] = polish_medoid(c, s, (int)g);
}

/* Free the lists and sums of S. */
static void polish_close(struct polish *s)
{
	free(s->items);
	free(s->count);
	free(s->slot);
	free(s->sum);
	free(s->med);
}

rg_cost rg_polish(struct rg_ctx *c, int *label)
{
	struct polish s;
	polish_open(c, label, &s);
	for (int pass = 0, moved = 1; pass < 8 && moved; pass++) {
		moved = 0;
		for (int p = 0; p < c->m; p++)
			moved |= polish_point(c, &s, label, p);
	}
	polish_close(&s);
	return rg_objective(c, label);
}

rg_cost rg_repair(struct rg_ctx *c, int *label, long budget)
{
	struct polish s;
	long moves = 0;
	polish_open(c, label, &s);
	for (int p = 0; p < c->m; p++)
		moves += label[p] != c->cur[p];
	while (moves > budget) {
		int pick = -1;
		rg_cost best = RG_INF;
		for (int p = 0; p < c->m; p++) {
			int a = label[p], b = c->cur[p];
			if (a == b || c->force[p] >= 0 || c->merged[b] || s.count[a] - 1 < c->lo[a] || s.count[b] + 1 > c->hi[b])
				continue;
			rg_cost d = polish_delta(c, &s, p, a, b);
			if (d < best) {
				best = d;
				pick = p;
			}
		}
		if (pick < 0)
			break;
		polish_apply(c, &s, label, pick, label[pick], c->cur[pick]);
		moves--;
	}
	polish_close(&s);
	return moves <= budget ? rg_objective(c, label) : RG_INF;
}

/* The cheapest way to bring board member P home to group A from B: alone,
 * or swapped with a movable member Q of A (not on a board at home, BOARD).
 * Leaves the lists unchanged; the rise of the objective, or RG_INF. */
static rg_cost restore_cost(struct rg_ctx *c, struct polish *s, int *label, const unsigned char *board, int p,
			    int a, int *swap)
{
	int b = label[p];
	rg_cost best = RG_INF;
	*swap = -1;
	if (c->merged[a])
		return RG_INF;
	if (s->count[b] - 1 >= c->lo[b] && s->count[a] + 1 <= c->hi[a])
		best = polish_delta(c, s, p, b, a);
	if (s->count[b] - 1 < c->lo[b] || s->count[a] + 1 > c->hi[a] || best > 0) {
		rg_cost there = polish_delta(c, s, p, b, a);
		polish_apply(c, s, label, p, b, a);
		for (int t = 0; t < s->count[a]; t++) {
			int q = s->items[(size_t)a * c->m + t];
			if (q == p || c->force[q] >= 0 || (board[q] && c->cur[q] == a))
				continue;
			rg_cost d = there + polish_delta(c, s, q, a, b);
			if (d < best) {
				best = d;
				*swap = q;
			}
		}
		polish_apply(c, s, label, p, a, b);
	}
	return best;
}

rg_cost rg_restore(struct rg_ctx *c, int *label, const unsigned char *board, rg_cost tol, long budget)
{
	struct polish s;
	long moves = 0;
	polish_open(c, label, &s);
	for (int p = 0; p < c->m; p++)
		moves += label[p] != c->cur[p];
	for (;;) {
		int pick = -1, swap = -1;
		rg_cost best = RG_INF;
		for (int p = 0; p < c->m; p++) {
			int q;
			if (!board[p] || c->force[p] >= 0 || label[p] == c->cur[p])
				continue;
			rg_cost d = restore_cost(c, &s, label, board, p, c->cur[p], &q);
			if (d < best && (budget < 0 || moves - 1 + (q >= 0 && label[q] == c->cur[q]) <= budget)) {
				best = d;
				pick = p;
				swap = q;
			}
		}
		if (pick < 0 || best > tol)
			break;
		int a = c->cur[pick], b = label[pick];
		polish_apply(c, &s, label, pick, b, a);
		moves--;
		if (swap >= 0) {
			moves += label[swap] == c->cur[swap] ? 1 : -(b == c->cur[swap]);
			polish_apply(c, &s, label, swap, a, b);
		}
	}
	polish_close(&s);
	return rg_objective(c, label);
}

/* The symmetric graph of each point's 5 nearest points, as adjacency lists
 * (FIRST: m+1 offsets into ADJ), the graph the interleave figure uses. */
static void mend_graph(const struct rg_ctx *c, int **first, int **adj)
{
	enum { KK = 5 };
	size_t m = (size_t)c->m;
	int kk = c->nb < KK ? c->nb : KK, *deg = xcalloc(m + 1, sizeof(int));
	int *f = xcalloc(m + 2, sizeof(int)), *a = xmalloc(sizeof(int) * (2 * m * KK + 1));
	for (size_t p = 0; p < m; p++)
		for (int t = 0; t < kk; t++) {
			int q = c->nbr[p * RG_NB + (size_t)t];
			if (q >= 0) {
				deg[p]++;
				deg[q]++;
			}
		}
	f[0] = 0;
	for (size_t p = 0; p < m; p++)
		f[p + 1] = f[p] + deg[p];
	memset(deg, 0, sizeof(int) * (m + 1));
	for (size_t p = 0; p < m; p++)
		for (int t = 0; t < kk; t++) {
			int q = c->nbr[p * RG_NB + (size_t)t];
			if (q >= 0) {
				a[f[p] + deg[p]++] = q;
				a[f[q] + deg[q]++] = (int)p;
			}
		}
	free(deg);
	*first = f;
	*adj = a;
}

/* Collect into COMP the component of P within its group (marking SEEN). */
static int mend_component(const int *first, const int *adj, const int *label, int p, int *seen, int *comp)
{
	int len = 0;
	comp[len++] = p;
	seen[p] = 1;
	for (int h = 0; h < len; h++)
		for (int e = first[comp[h]]; e < first[comp[h] + 1]; e++) {
			int q = adj[e];
			if (!seen[q] && label[q] == label[p]) {
				seen[q] = 1;
				comp[len++] = q;
			}
		}
	return len;
}

/* Hand fragment COMP (LEN points of group A) to the neighbouring group it
 * touches most, when bounds allow and the objective rises by at most *TOL,
 * which the rise then uses up. */
static void mend_fragment(struct rg_ctx *c, struct polish *s, int *label, const int *first, const int *adj,
			  const int *comp, int len, rg_cost *tol, int *touch)
{
	int a = label[comp[0]], b = -1;
	memset(touch, 0, sizeof(int) * (size_t)c->k);
	for (int h = 0; h < len; h++) {
		if (c->force[comp[h]] >= 0)
			return;
		for (int e = first[comp[h]]; e < first[comp[h] + 1]; e++)
			touch[label[adj[e]]]++;
	}
	for (int g = 0; g < c->k; g++)
		if (g != a && !c->merged[g] && touch[g] > 0 && (b < 0 || touch[g] > touch[b]))
			b = g;
	if (b < 0 || s->count[a] - len < c->lo[a] || s->count[b] + len > c->hi[b])
		return;
	rg_cost delta = 0;
	for (int h = 0; h < len; h++) {
		delta += polish_delta(c, s, comp[h], a, b);
		polish_apply(c, s, label, comp[h], a, b);
	}
	if (delta <= *tol) {
		*tol -= delta > 0 ? delta : 0;
		return;
	}
	for (int h = 0; h < len; h++)
		polish_apply(c, s, label, comp[h], b, a);
}

rg_cost rg_mend(struct rg_ctx *c, int *label, rg_cost tol)
{
	int *first, *adj, *seen = xcalloc((size_t)c->m + 1, sizeof(int)), *comp = xmalloc(sizeof(int) * ((size_t)c->m + 1));
	int *main_of = xmalloc(sizeof(int) * (size_t)c->k), *touch = xmalloc(sizeof(int) * (size_t)c->k), *size = xcalloc((size_t)c->k, sizeof(int));
	struct polish s;
	mend_graph(c, &first, &adj);
	/* The largest component of each group stays; the others are fragments. */
	for (int g = 0; g < c->k; g++)
		main_of[g] = -1;
	for (int p = 0; p < c->m; p++) {
		if (seen[p])
			continue;
		int len = mend_component(first, adj, label, p, seen, comp);
		if (len > size[label[p]]) {
			size[label[p]] = len;
			main_of[label[p]] = p;
		}
	}
	polish_open(c, label, &s);
	memset(seen, 0, sizeof(int) * (size_t)c->m);
	for (int g = 0; g < c->k; g++)
		if (main_of[g] >= 0)
			mend_component(first, adj, label, main_of[g], seen, comp);
	for (int p = 0; p < c->m; p++) {
		if (seen[p])
			continue;
		int len = mend_component(first, adj, label, p, seen, comp);
		mend_fragment(c, &s, label, first, adj, comp, len, &tol, touch);
	}
	polish_close(&s);
	free(first);
	free(adj);
	free(seen);
	free(comp);
	free(main_of);
	free(touch);
	free(size);
	return rg_objective(c, label);
}

/* 1 when group G's label is fixed: it holds forced points or members that
 * cannot move, or it is merged away. */
static int relabel_anchored(const struct rg_ctx *c, const int *fixed_count, int g)
{
	if (fixed_count[g] > 0 || c->merged[g])
		return 1;
	for (int p = 0; p < c->m; p++)
		if (c->force[p] == g)
			return 1;
	return 0;
}

void rg_relabel(const struct rg_ctx *c, const int *fixed_count, int *label)
{
	int k = c->k;
	size_t kk = (size_t)k * (size_t)k;
	int64_t *w = xcalloc(kk, sizeof *w);
	int *perm = xmalloc(sizeof(int) * (size_t)k), *anchor = xmalloc(sizeof(int) * (size_t)k);
	for (int g = 0; g < k; g++)
		anchor[g] = relabel_anchored(c, fixed_count, g);
	for (int p = 0; p < c->m; p++) {
		w[(size_t)label[p] * k + c->cur[p]] += k + 1;
		for (int g = 0; g < k; g++)
			if (c->leader_pt[g] == p)
				w[(size_t)label[p] * k + g] += 1;
	}
	for (int a = 0; a < k; a++)
		for (int b = 0; b < k; b++)
			if (a != b && (anchor[a] || anchor[b]))
				w[(size_t)a * k + b] = -4 * (int64_t)(c->m + 1) * k;
	rg_hungarian(k, w, perm);
	for (int p = 0; p < c->m; p++)
		label[p] = perm[label[p]];
	free(w);
	free(perm);
	free(anchor);
}
