/* Exact assignment of households to groups with fixed centres and size
 * bounds: a transportation problem solved by successive shortest paths over
 * the K groups. Items are inserted one at a time; a path moves the new item
 * into a group that passes one member on to the next, and so on, to a group
 * with room. Lower bounds are the standard transformation: each group's
 * first LO places pay -BIG, so filling them is worth more than any walking.
 * The node K of the exchange graph is the sink. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/util.h"

void rgflow_init(struct rgflow *f, int n, int k)
{
	memset(f, 0, sizeof *f);
	f->n = n;
	f->k = k;
	size_t nn = (size_t)(n > 0 ? n : 1), kk = (size_t)(k > 0 ? k : 1);
	f->assign = xcalloc(nn, sizeof *f->assign);
	f->count = xcalloc(kk, sizeof *f->count);
	f->items = xcalloc(kk * nn, sizeof *f->items);
	f->slot = xcalloc(nn, sizeof *f->slot);
	f->w = xcalloc(kk * kk, sizeof *f->w);
	f->warg = xcalloc(kk * kk, sizeof *f->warg);
	f->dist = xcalloc(kk + 1, sizeof *f->dist);
	f->pred = xcalloc(kk + 1, sizeof *f->pred);
}

void rgflow_free(struct rgflow *f)
{
	free(f->assign);
	free(f->count);
	free(f->items);
	free(f->slot);
	free(f->w);
	free(f->warg);
	free(f->dist);
	free(f->pred);
	memset(f, 0, sizeof *f);
}

/* The price of one more item in group A (RG_INF when full). */
static rg_cost flow_add(const struct rgflow *f, int a)
{
	if (f->count[a] < f->lo[a])
		return -f->big;
	return f->count[a] < f->hi[a] ? 0 : RG_INF;
}

/* The price of one item fewer in group B (RG_INF when empty). */
static rg_cost flow_del(const struct rgflow *f, int b)
{
	if (f->count[b] == 0)
		return RG_INF;
	return f->count[b] <= f->lo[b] ? f->big : 0;
}

/* Recompute row A of the exchange matrix from A's items. */
static void flow_row(struct rgflow *f, int a)
{
	int k = f->k;
	rg_cost *w = f->w + (size_t)a * k;
	int *arg = f->warg + (size_t)a * k;
	for (int b = 0; b < k; b++) {
		w[b] = RG_INF;
		arg[b] = -1;
	}
	for (int s = 0; s < f->count[a]; s++) {
		int m = f->items[(size_t)a * f->n + s];
		const rg_cost *c = f->cost + (size_t)m * k;
		for (int b = 0; b < k; b++) {
			if (b == a || c[b] >= RG_INF)
				continue;
			rg_cost d = c[b] - c[a];
			if (d < w[b]) {
				w[b] = d;
				arg[b] = m;
			}
		}
	}
}

/* Put item M into group G's list. */
static void flow_put(struct rgflow *f, int m, int g)
{
	f->assign[m] = g;
	f->slot[m] = f->count[g];
	f->items[(size_t)g * f->n + f->count[g]++] = m;
}

/* Take item M out of its group's list. */
static void flow_take(struct rgflow *f, int m)
{
	int g = f->assign[m], s = f->slot[m];
	int last = f->items[(size_t)g * f->n + --f->count[g]];
	f->items[(size_t)g * f->n + s] = last;
	f->slot[last] = s;
	f->assign[m] = -1;
}

/* Relax from node A (a group) to every neighbour; 1 when something improved. */
static int flow_relax_group(struct rgflow *f, int a)
{
	int k = f->k, changed = 0;
	const rg_cost *w = f->w + (size_t)a * k;
	for (int b = 0; b < k; b++) {
		if (w[b] < RG_INF && f->dist[a] + w[b] < f->dist[b]) {
			f->dist[b] = f->dist[a] + w[b];
			f->pred[b] = a;
			changed = 1;
		}
	}
	rg_cost add = flow_add(f, a);
	if (add < RG_INF && f->dist[a] + add < f->dist[k]) {
		f->dist[k] = f->dist[a] + add;
		f->pred[k] = a;
		changed = 1;
	}
	return changed;
}

/* A node on a cycle of the predecessor graph, or -1. Any such cycle is
 * negative, so Bellman-Ford can stop as soon as one appears. */
static int flow_pred_cycle(const struct rgflow *f, int *mark)
{
	int v_count = f->k + 1;
	for (int v = 0; v < v_count; v++)
		mark[v] = -1;
	for (int s = 0; s < v_count; s++) {
		int v = s;
		while (v >= 0 && mark[v] < 0) {
			mark[v] = s;
			v = f->pred[v];
		}
		if (v >= 0 && mark[v] == s)
			return v;
	}
	return -1;
}

/* Bellman-Ford over the groups and the sink from the current DIST; returns
 * -1 when distances settled, else a node on a negative cycle. */
static int flow_bellman_ford(struct rgflow *f)
{
	int k = f->k, last = -1, mark[64 + 2], *mk = k <= 64 ? mark : xmalloc(sizeof(int) * (size_t)(k + 2));
	int found = -1;
	for (int round = 0; round <= k && found < 0; round++) {
		last = -1;
		f->evals++;
		for (int a = 0; a < k; a++)
			if (f->dist[a] < RG_INF && flow_relax_group(f, a))
				last = a;
		for (int b = 0; f->dist[k] < RG_INF && b < k; b++) {
			rg_cost del = flow_del(f, b);
			if (del < RG_INF && f->dist[k] + del < f->dist[b]) {
				f->dist[b] = f->dist[k] + del;
				f->pred[b] = k;
				last = b;
			}
		}
		if (last < 0)
			break;
		found = flow_pred_cycle(f, mk);
	}
	if (mk != mark)
		free(mk);
	return found;
}

/* Item M has just joined group B: it may offer cheaper exchanges from B. */
static void flow_row_add(struct rgflow *f, int m, int b)
{
	int k = f->k;
	const rg_cost *c = f->cost + (size_t)m * k;
	rg_cost *w = f->w + (size_t)b * k;
	int *arg = f->warg + (size_t)b * k;
	for (int x = 0; x < k; x++) {
		if (x == b || c[x] >= RG_INF)
			continue;
		if (c[x] - c[b] < w[x]) {
			w[x] = c[x] - c[b];
			arg[x] = m;
		}
	}
}

/* Item M has just left group A: redo the exchanges it realised. */
static void flow_row_remove(struct rgflow *f, int m, int a)
{
	int k = f->k;
	rg_cost *w = f->w + (size_t)a * k;
	int *arg = f->warg + (size_t)a * k;
	for (int x = 0; x < k; x++) {
		if (arg[x] != m)
			continue;
		w[x] = RG_INF;
		arg[x] = -1;
		for (int s = 0; s < f->count[a]; s++) {
			int q = f->items[(size_t)a * f->n + s];
			const rg_cost *c = f->cost + (size_t)q * k;
			if (c[x] < RG_INF && c[x] - c[a] < w[x]) {
				w[x] = c[x] - c[a];
				arg[x] = q;
			}
		}
	}
}

/* Move items along the chain of groups PATH[0..len-1] (node K = sink, no
 * item moves on its arcs; CLOSED: the chain is a cycle), keeping the
 * exchange rows current. */
static void flow_shift(struct rgflow *f, const int *path, int len, int closed)
{
	int k = f->k, moving[64 + 2], *mv = len <= 64 ? moving : xmalloc(sizeof(int) * (size_t)len);
	int arcs = closed ? len : len - 1;
	for (int i = 0; i < arcs; i++) {
		int a = path[i], b = path[(i + 1) % len];
		mv[i] = a < k && b < k ? f->warg[(size_t)a * k + b] : -1;
	}
	for (int i = 0; i < arcs; i++) {
		if (mv[i] < 0)
			continue;
		flow_take(f, mv[i]);
		flow_put(f, mv[i], path[(i + 1) % len]);
	}
	for (int i = 0; i < arcs; i++) {
		if (mv[i] < 0)
			continue;
		flow_row_add(f, mv[i], path[(i + 1) % len]);
		flow_row_remove(f, mv[i], path[i]);
	}
	if (mv != moving)
		free(mv);
}

/* Insert item I along a shortest path to the sink; -1 when there is none. */
static int flow_insert(struct rgflow *f, int i)
{
	int k = f->k, path[64 + 2], *p = k <= 64 ? path : xmalloc(sizeof(int) * (size_t)(k + 2));
	const rg_cost *c = f->cost + (size_t)i * k;
	for (int g = 0; g < k; g++) {
		f->dist[g] = c[g];
		f->pred[g] = -1;
	}
	f->dist[k] = RG_INF;
	f->pred[k] = -1;
	flow_bellman_ford(f);
	int rc = -1;
	if (f->dist[k] < RG_INF) {
		int len = 0;
		for (int v = k; v >= 0 && len <= k + 1; v = f->pred[v])
			p[len++] = v;
		for (int a = 0, b = len - 1; a < b; a++, b--) {
			int t = p[a];
			p[a] = p[b];
			p[b] = t;
		}
		flow_put(f, i, p[0]);
		flow_shift(f, p, len, 0);
		flow_row_add(f, i, p[0]);
		rc = 0;
	}
	if (p != path)
		free(p);
	return rc;
}

/* The price of an unfilled place: more than any assignment can differ by. */
static rg_cost flow_big(const struct rgflow *f)
{
	if (f->span > 0)
		return (rg_cost)(f->n + f->k + 1) * (f->span + 1);
	rg_cost lo = RG_INF, hi = -RG_INF;
	for (size_t i = 0; i < (size_t)f->n * (size_t)f->k; i++) {
		if (f->cost[i] >= RG_INF)
			continue;
		if (f->cost[i] < lo)
			lo = f->cost[i];
		if (f->cost[i] > hi)
			hi = f->cost[i];
	}
	return lo > hi ? 1 : (rg_cost)(f->n + f->k + 1) * (hi - lo + 1);
}

int rgflow_solve(struct rgflow *f, const rg_cost *cost, const int *lo, const int *hi)
{
	f->cost = cost;
	f->lo = lo;
	f->hi = hi;
	f->big = flow_big(f);
	for (int g = 0; g < f->k; g++) {
		f->count[g] = 0;
		flow_row(f, g);
	}
	for (int i = 0; i < f->n; i++) {
		f->assign[i] = -1;
		if (flow_insert(f, i) < 0)
			return -1;
	}
	for (int g = 0; g < f->k; g++)
		if (f->count[g] < lo[g])
			return -1;
	return 0;
}

/* Find a negative cycle of the exchange graph into CYC; its length or 0.
 * Bellman-Ford may start from any finite potentials (a virtual source with
 * those arc costs): after a first call from zero (RESET), the previous
 * distances make the next search converge in a round or two. */
static int flow_find_cycle(struct rgflow *f, int *cyc, int reset)
{
	int k = f->k;
	for (int v = 0; v <= k; v++) {
		if (reset || f->dist[v] >= RG_INF || f->dist[v] <= -RG_INF)
			f->dist[v] = 0;
		f->pred[v] = -1;
	}
	int x = flow_bellman_ford(f);
	if (x < 0)
		return 0;
	int len = 0, v = x;
	do {
		cyc[len++] = v;
		v = f->pred[v];
	} while (v != x && v >= 0 && len <= k);
	for (int a = 0, b = len - 1; a < b; a++, b--) {
		int t = cyc[a];
		cyc[a] = cyc[b];
		cyc[b] = t;
	}
	return len;
}

/* Cancel negative cycles until there is none: the assignment is then optimal. */
static long flow_cancel(struct rgflow *f)
{
	int cyc[64 + 2], *c = f->k <= 64 ? cyc : xmalloc(sizeof(int) * (size_t)(f->k + 2));
	long cancelled = 0;
	int len;
	while ((len = flow_find_cycle(f, c, cancelled == 0)) > 0) {
		flow_shift(f, c, len, 1);
		cancelled++;
	}
	if (c != cyc)
		free(c);
	return cancelled;
}

long rgflow_improve(struct rgflow *f, const rg_cost *cost)
{
	f->cost = cost;
	f->big = flow_big(f);
	for (int g = 0; g < f->k; g++)
		flow_row(f, g);
	return flow_cancel(f);
}

/* Recompute the exchange A -> X from A's items. */
static void flow_entry(struct rgflow *f, int a, int x)
{
	int k = f->k;
	rg_cost best = RG_INF;
	int arg = -1;
	for (int s = 0; s < f->count[a]; s++) {
		int q = f->items[(size_t)a * f->n + s];
		const rg_cost *c = f->cost + (size_t)q * k;
		if (c[x] < RG_INF && c[x] - c[a] < best) {
			best = c[x] - c[a];
			arg = q;
		}
	}
	f->w[(size_t)a * k + x] = best;
	f->warg[(size_t)a * k + x] = arg;
}

long rgflow_retune(struct rgflow *f, const unsigned char *changed)
{
	int k = f->k;
	f->big = flow_big(f);
	for (int a = 0; a < k; a++) {
		if (changed[a]) {
			flow_row(f, a);
			continue;
		}
		for (int x = 0; x < k; x++)
			if (changed[x] && x != a)
				flow_entry(f, a, x);
	}
	return flow_cancel(f);
}

void rgflow_state_init(const struct rgflow *f, struct rgflow_state *s)
{
	size_t n = (size_t)(f->n > 0 ? f->n : 1), k = (size_t)(f->k > 0 ? f->k : 1);
	s->assign = xmalloc(n * sizeof(int));
	s->slot = xmalloc(n * sizeof(int));
	s->count = xmalloc(k * sizeof(int));
	s->items = xmalloc(k * n * sizeof(int));
	s->w = xmalloc(k * k * sizeof(rg_cost));
	s->warg = xmalloc(k * k * sizeof(int));
}

void rgflow_state_free(struct rgflow_state *s)
{
	free(s->assign);
	free(s->slot);
	free(s->count);
	free(s->items);
	free(s->w);
	free(s->warg);
}

/* Copy the assignment, lists and exchange rows of FROM (n items, k groups)
 * into TO. */
static void flow_copy(int n, int k, const int *assign, const int *slot, const int *count, const int *items,
		      const rg_cost *w, const int *warg, struct rgflow_state *to)
{
	memcpy(to->assign, assign, sizeof(int) * (size_t)n);
	memcpy(to->slot, slot, sizeof(int) * (size_t)n);
	memcpy(to->count, count, sizeof(int) * (size_t)k);
	for (int g = 0; g < k; g++)
		memcpy(to->items + (size_t)g * n, items + (size_t)g * n, sizeof(int) * (size_t)count[g]);
	memcpy(to->w, w, sizeof(rg_cost) * (size_t)k * (size_t)k);
	memcpy(to->warg, warg, sizeof(int) * (size_t)k * (size_t)k);
}

void rgflow_save(const struct rgflow *f, struct rgflow_state *s)
{
	flow_copy(f->n, f->k, f->assign, f->slot, f->count, f->items, f->w, f->warg, s);
}

void rgflow_restore(struct rgflow *f, const struct rgflow_state *s)
{
	struct rgflow_state to = {f->assign, f->count, f->items, f->slot, f->w, f->warg};
	flow_copy(f->n, f->k, s->assign, s->slot, s->count, s->items, s->w, s->warg, &to);
}

rg_cost rgflow_total(const struct rgflow *f)
{
	rg_cost t = 0;
	for (int i = 0; i < f->n; i++)
		t += f->cost[(size_t)i * f->k + f->assign[i]];
	return t;
}

int rgflow_optimal(struct rgflow *f)
{
	int cyc[64 + 2], *c = f->k <= 64 ? cyc : xmalloc(sizeof(int) * (size_t)(f->k + 2));
	int len = flow_find_cycle(f, c, 1);
	if (c != cyc)
		free(c);
	return len == 0;
}

/* The Hungarian method's state: potentials U (rows) and V (columns), the
 * row matched to each column P, and the scratch of one augmentation. */
struct hungarian {
	int k;
	const int64_t *weight;
	int64_t *u, *v, *minv;
	int *p, *way;
	char *used;
};

/* Match row R by a shortest augmenting path on the negated weights. */
static void hungarian_row(struct hungarian *h, int r)
{
	int k = h->k, j0 = 0;
	h->p[0] = r;
	for (int j = 0; j <= k; j++) {
		h->minv[j] = INT64_MAX;
		h->used[j] = 0;
	}
	do {
		h->used[j0] = 1;
		int i0 = h->p[j0], j1 = 0;
		int64_t delta = INT64_MAX;
		for (int j = 1; j <= k; j++) {
			if (h->used[j])
				continue;
			int64_t cur = -h->weight[(size_t)(i0 - 1) * k + (j - 1)] - h->u[i0] - h->v[j];
			if (cur < h->minv[j]) {
				h->minv[j] = cur;
				h->way[j] = j0;
			}
			if (h->minv[j] < delta) {
				delta = h->minv[j];
				j1 = j;
			}
		}
		for (int j = 0; j <= k; j++) {
			if (h->used[j]) {
				h->u[h->p[j]] += delta;
				h->v[j] -= delta;
			} else {
				h->minv[j] -= delta;
			}
		}
		j0 = j1;
	} while (h->p[j0] != 0);
	do {
		int j1 = h->way[j0];
		h->p[j0] = h->p[j1];
		j0 = j1;
	} while (j0);
}

/* Exact maximum-weight assignment of rows to columns: the Hungarian method
 * with potentials on the negated weights (O(K³)). */
int64_t rg_hungarian(int k, const int64_t *weight, int *perm)
{
	size_t kk = (size_t)k + 1;
	struct hungarian h = {k, weight, xcalloc(kk, sizeof(int64_t)), xcalloc(kk, sizeof(int64_t)),
			      xmalloc(kk * sizeof(int64_t)), xcalloc(kk, sizeof(int)), xcalloc(kk, sizeof(int)), xmalloc(kk)};
	for (int r = 1; r <= k; r++)
		hungarian_row(&h, r);
	int64_t total = 0;
	for (int j = 1; j <= k; j++) {
		perm[h.p[j] - 1] = j - 1;
		total += weight[(size_t)(h.p[j] - 1) * k + (j - 1)];
	}
	free(h.u);
	free(h.v);
	free(h.minv);
	free(h.p);
	free(h.way);
	free(h.used);
	return total;
}
