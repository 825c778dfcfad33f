/* Households along one road or canal: the exact best split into contiguous
 * segments with size bounds, by dynamic programming over the road order.
 * Segment j carries label ORDER[j]; its cost is the walk to its median
 * household plus LAMBDA for each member whose label changes. rg_road puts a
 * hamlet's points in road order and chooses the labels' order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/regroup.h"
#include "tkvv/util.h"

rg_cost rgline_segment_cost(const int64_t *pos, const int64_t *prefix, int s, int e)
{
	if (e <= s)
		return 0;
	int m = s + (e - s - 1) / 2;
	return pos[m] * (m - s) - (prefix[m] - prefix[s]) + (prefix[e] - prefix[m + 1]) - pos[m] * (e - m - 1);
}

/* Prefix counts shared by every segment test. */
struct line_tab {
	int64_t *prefix;  /* n+1: sums of positions */
	int *same;        /* k×(n+1): points before i whose current label is g */
	int *forced;      /* k×(n+1): points before i forced to label g */
	int *any;         /* n+1: forced points before i */
};

/* Build the prefix tables of IN. */
static void line_tables(const struct rgline *in, struct line_tab *t)
{
	size_t n1 = (size_t)in->n + 1;
	t->prefix = xcalloc(n1, sizeof *t->prefix);
	t->same = xcalloc((size_t)in->k * n1, sizeof *t->same);
	t->forced = xcalloc((size_t)in->k * n1, sizeof *t->forced);
	t->any = xcalloc(n1, sizeof *t->any);
	for (int g = 0; g < in->k; g++) {
		int *sm = t->same + (size_t)g * n1, *fc = t->forced + (size_t)g * n1;
		for (int i = 0; i < in->n; i++) {
			sm[i + 1] = sm[i] + (in->cur[i] == g);
			fc[i + 1] = fc[i] + (in->force[i] == g);
		}
	}
	for (int i = 0; i < in->n; i++) {
		t->prefix[i + 1] = t->prefix[i] + in->pos[i];
		t->any[i + 1] = t->any[i] + (in->force[i] >= 0);
	}
}

/* Cost of segment [s, e) under label G, or RG_INF when a forced point
 * disagrees or the size is out of bounds. */
static rg_cost line_segment(const struct rgline *in, const struct line_tab *t, int g, int s, int e)
{
	size_t n1 = (size_t)in->n + 1;
	const int *fc = t->forced + (size_t)g * n1, *sm = t->same + (size_t)g * n1;
	int len = e - s, mine = fc[e] - fc[s];
	if (len < in->lo[g] || len > in->hi[g] || mine != fc[in->n] || t->any[e] - t->any[s] != mine)
		return RG_INF;
	return rgline_segment_cost(in->pos, t->prefix, s, e) + in->lambda * (len - (sm[e] - sm[s]));
}

/* Fill row J of the table F (and ARG) from row J-1. */
static void line_row(const struct rgline *in, const struct line_tab *t, rg_cost *f, int *arg, int j)
{
	size_t n1 = (size_t)in->n + 1;
	int g = in->order[j - 1];
	rg_cost *prev = f + (size_t)(j - 1) * n1, *row = f + (size_t)j * n1;
	for (int e = 0; e <= in->n; e++) {
		row[e] = RG_INF;
		arg[(size_t)j * n1 + e] = -1;
		if (in->cut && e > 0 && e < in->n && !in->cut[e])
			continue;
		int s0 = e - in->hi[g] < 0 ? 0 : e - in->hi[g];
		for (int s = e - in->lo[g]; s >= s0; s--) {
			if (prev[s] >= RG_INF)
				continue;
			rg_cost c = line_segment(in, t, g, s, e);
			if (c < RG_INF && prev[s] + c < row[e]) {
				row[e] = prev[s] + c;
				arg[(size_t)j * n1 + e] = s;
			}
		}
	}
}

rg_cost rgline_solve(const struct rgline *in, int *label)
{
	size_t n1 = (size_t)in->n + 1, rows = (size_t)in->k + 1;
	struct line_tab t;
	line_tables(in, &t);
	rg_cost *f = xmalloc(rows * n1 * sizeof *f);
	int *arg = xmalloc(rows * n1 * sizeof *arg);
	for (size_t e = 0; e < n1; e++)
		f[e] = e == 0 ? 0 : RG_INF;
	for (int j = 1; j <= in->k; j++)
		line_row(in, &t, f, arg, j);
	rg_cost best = f[(size_t)in->k * n1 + (size_t)in->n];
	if (best < RG_INF) {
		for (int j = in->k, e = in->n; j > 0; j--) {
			int s = arg[(size_t)j * n1 + e];
			for (int i = s; i < e; i++)
				label[i] = in->order[j - 1];
			e = s;
		}
	}
	free(t.prefix);
	free(t.same);
	free(t.forced);
	free(t.any);
	free(f);
	free(arg);
	return best;
}

/* A point in road order, for the road DP. */
struct road_key {
	int64_t road;
	int member, pt;
};

/* Road order, then member index: deterministic on ties. */
static int road_cmp(const void *a, const void *b)
{
	const struct road_key *x = a, *y = b;
	if (x->road != y->road)
		return x->road < y->road ? -1 : 1;
	return (x->member > y->member) - (x->member < y->member);
}

/* Labels in road order for the DP: forced points first decide, then the
 * median of each group's current points; merged groups anywhere. */
static void road_order_labels(const struct rg_ctx *c, const int *idx, int *order)
{
	int k = c->k;
	double *key = xmalloc(sizeof(double) * (size_t)k);
	for (int g = 0; g < k; g++) {
		int nf = 0, nc = 0;
		double sf = 0;
		for (int r = 0; r < c->m; r++) {
			nf += c->force[idx[r]] == g;
			sf += c->force[idx[r]] == g ? r : 0;
			nc += c->cur[idx[r]] == g;
		}
		key[g] = nf ? sf / nf : 1e18;
		for (int r = 0, seen = 0; !nf && r < c->m; r++)
			if (c->cur[idx[r]] == g && ++seen > nc / 2) {
				key[g] = r;
				break;
			}
		order[g] = g;
	}
	for (int a = 1; a < k; a++)
		for (int b = a; b > 0 && key[order[b - 1]] > key[order[b]]; b--) {
			int t = order[b];
			order[b] = order[b - 1];
			order[b - 1] = t;
		}
	free(key);
}

/* The points of a hamlet in road order, ready for the DP. */
struct road {
	int n;
	int64_t *pos;
	int *cur, *force, *idx, *lab, *lo, *hi;
	unsigned char *cut;
};

/* Sort the points of C by road order; 0, or -1 when one has none. */
static int road_open(const struct rg_ctx *c, const struct regroup_hamlet *h, struct road *r)
{
	size_t m = (size_t)c->m + 1, k = (size_t)c->k + 1;
	for (int pt = 0; pt < c->m; pt++)
		if (!h->members[c->pt_member[pt]].has_road)
			return -1;
	struct road_key *key = xmalloc(sizeof *key * m);
	r->n = c->m;
	r->pos = xmalloc(sizeof *r->pos * m);
	r->cur = xmalloc(sizeof(int) * m);
	r->force = xmalloc(sizeof(int) * m);
	r->idx = xmalloc(sizeof(int) * m);
	r->lab = xmalloc(sizeof(int) * m);
	r->lo = xmalloc(sizeof(int) * k);
	r->hi = xmalloc(sizeof(int) * k);
	r->cut = xcalloc(m, 1);
	for (int pt = 0; pt < c->m; pt++)
		key[pt] = (struct road_key){h->members[c->pt_member[pt]].road_order, c->pt_member[pt], pt};
	qsort(key, (size_t)c->m, sizeof *key, road_cmp);
	for (int i = 0; i < c->m; i++) {
		r->idx[i] = key[i].pt;
		r->pos[i] = key[i].road * 100;
		r->cur[i] = c->cur[key[i].pt];
		r->force[i] = c->force[key[i].pt];
		int cl = h->members[key[i].member].cluster, prev = i ? h->members[key[i - 1].member].cluster : -1;
		r->cut[i] = !(cl >= 0 && cl == prev);
	}
	for (int g = 0; g < c->k; g++) {
		r->lo[g] = c->merged[g] || c->lo[g] < 0 ? 0 : c->lo[g];
		r->hi[g] = c->merged[g] ? 0 : c->hi[g];
	}
	free(key);
	return 0;
}

/* Free the arrays of R. */
static void road_close(struct road *r)
{
	free(r->pos);
	free(r->cur);
	free(r->force);
	free(r->idx);
	free(r->lab);
	free(r->lo);
	free(r->hi);
	free(r->cut);
}

/* The best split with segments labelled ORDER into LABEL (points of C),
 * relabelled to keep members in place; its objective or RG_INF. Cuts fall
 * between neighbourhoods when the bounds allow. */
static rg_cost road_split(const struct rg_ctx *c, const int *fixed, struct road *r, const int *order, int *label)
{
	struct rgline in = {r->n, c->k, r->pos, r->cur, r->force, order, r->lo, r->hi, r->cut, c->lambda};
	rg_cost v = rgline_solve(&in, r->lab);
	if (v >= RG_INF) {
		in.cut = NULL;
		v = rgline_solve(&in, r->lab);
	}
	if (v >= RG_INF)
		return RG_INF;
	for (int i = 0; i < r->n; i++)
		label[r->idx[i]] = r->lab[i];
	rg_relabel(c, fixed, label);
	return rg_objective(c, label);
}

/* The order of the labels of LABEL along the road into ORDER (labels
 * absent from the road last); 1 when it differs from ORDER. */
static int road_relabelled(const struct rg_ctx *c, const struct road *r, const int *label, int *order)
{
	int *next = xmalloc(sizeof(int) * (size_t)c->k), *seen = xcalloc((size_t)c->k, sizeof(int)), len = 0, changed = 0;
	for (int i = 0; i < r->n; i++)
		if (!seen[label[r->idx[i]]]++)
			next[len++] = label[r->idx[i]];
	for (int g = 0; g < c->k; g++)
		if (!seen[g])
			next[len++] = g;
	for (int g = 0; g < c->k; g++) {
		changed |= next[g] != order[g];
		order[g] = next[g];
	}
	free(next);
	free(seen);
	return changed;
}

/* The road R without its forced points, whose places in their groups are
 * taken off the bounds: the split for when forced points (kept leaders
 * living in each other's stretch) make every contiguous split impossible.
 * The forced points keep their groups wherever they live. */
static void road_without_forced(const struct rg_ctx *c, const struct road *r, struct road *out)
{
	size_t m = (size_t)r->n + 1, k = (size_t)c->k + 1;
	out->pos = xmalloc(sizeof *out->pos * m);
	out->cur = xmalloc(sizeof(int) * m);
	out->force = xmalloc(sizeof(int) * m);
	out->idx = xmalloc(sizeof(int) * m);
	out->lab = xmalloc(sizeof(int) * m);
	out->lo = xmalloc(sizeof(int) * k);
	out->hi = xmalloc(sizeof(int) * k);
	out->cut = xcalloc(m, 1);
	memcpy(out->lo, r->lo, sizeof(int) * (size_t)c->k);
	memcpy(out->hi, r->hi, sizeof(int) * (size_t)c->k);
	out->n = 0;
	for (int i = 0, cut = 1; i < r->n; i++) {
		cut |= r->cut[i];
		if (r->force[i] >= 0) {
			out->lo[r->force[i]]--;
			out->hi[r->force[i]]--;
			continue;
		}
		out->pos[out->n] = r->pos[i];
		out->cur[out->n] = r->cur[i];
		out->force[out->n] = -1;
		out->idx[out->n] = r->idx[i];
		out->cut[out->n++] = (unsigned char)cut;
		cut = 0;
	}
	for (int g = 0; g < c->k; g++)
		out->lo[g] = out->lo[g] < 0 ? 0 : out->lo[g];
}

/* The best split of R from the labels' order ORDER, then the relabelled
 * orders while they help, into LABEL (TRIAL: scratch); its objective. */
static rg_cost road_best(const struct rg_ctx *c, const int *fixed, struct road *r, int *order, int *label, int *trial)
{
	memcpy(trial, label, sizeof(int) * (size_t)c->m);
	rg_cost v = road_split(c, fixed, r, order, label);
	for (int it = 0; v < RG_INF && it < 3 && road_relabelled(c, r, label, order); it++) {
		rg_cost w = road_split(c, fixed, r, order, trial);
		if (w >= v)
			break;
		v = w;
		memcpy(label, trial, sizeof(int) * (size_t)c->m);
	}
	return v;
}

rg_cost rg_road(const struct rg_ctx *c, const struct regroup_hamlet *h, const int *fixed, int *label)
{
	struct road r, loose;
	if (road_open(c, h, &r) < 0)
		return RG_INF;
	int *order = xmalloc(sizeof(int) * (size_t)c->k), *trial = xmalloc(sizeof(int) * ((size_t)c->m + 1));
	for (int p = 0; p < c->m; p++)
		label[p] = c->force[p];
	road_order_labels(c, r.idx, order);
	rg_cost v = road_best(c, fixed, &r, order, label, trial);
	if (v >= RG_INF) {
		road_without_forced(c, &r, &loose);
		road_order_labels(c, r.idx, order);
		v = road_best(c, fixed, &loose, order, label, trial);
		road_close(&loose);
	}
	free(order);
	free(trial);
	road_close(&r);
	return v;
}
