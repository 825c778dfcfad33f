/* Households along one road or canal: the exact best split into contiguous
 * segments with size bounds, by dynamic programming over the road order.
 * Segment j carries label ORDER[j]; its cost is the walk to its median
 * household plus LAMBDA for each member whose label changes. */
#include "config.h"

#include <stdlib.h>

#include "regroup_internal.h"
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
