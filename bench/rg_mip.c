/* The exact optimum of a small hamlet by GLPK's MIP, in the strong
 * formulation of regroup-notes.md: a centre is a pair (site j, label g),
 * binary z[j,g]; a[i,j,g] <= z[j,g] assigns household i to it. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rg.h"
#include "tkvv/util.h"

#ifdef HAVE_GLPK
#include <glpk.h>

/* The model being built: sizes, and the growing constraint matrix. */
struct model {
	glp_prob *lp;
	size_t n, k;
	int *ia, *ja;
	double *ar;
	size_t nz, cap;
};

/* Column of z[j,g] (1-based, as GLPK counts). */
static int col_z(const struct model *m, size_t j, size_t g)
{
	return (int)(1 + j * m->k + g);
}

/* Column of a[i,j,g]. */
static int col_a(const struct model *m, size_t i, size_t j, size_t g)
{
	return (int)(1 + m->n * m->k + (i * m->n + j) * m->k + g);
}

/* Append coefficient V at (ROW, COL) of the constraint matrix. */
static void put(struct model *m, int row, int col, double v)
{
	if (m->nz + 1 >= m->cap) {
		m->cap = m->cap ? 2 * m->cap : 4096;
		m->ia = xreallocarray(m->ia, m->cap, sizeof *m->ia);
		m->ja = xreallocarray(m->ja, m->cap, sizeof *m->ja);
		m->ar = xreallocarray(m->ar, m->cap, sizeof *m->ar);
	}
	m->nz++;
	m->ia[m->nz] = row;
	m->ja[m->nz] = col;
	m->ar[m->nz] = v;
}

/* Add NEW rows with bounds TYPE, LO, HI; returns the first one's number. */
static int rows(struct model *m, int count, int type, double lo, double hi)
{
	int first = glp_add_rows(m->lp, count);
	for (int r = 0; r < count; r++)
		glp_set_row_bnds(m->lp, first + r, type, lo, hi);
	return first;
}

/* Columns and costs: z binary, a in [0, 1] with d(i,j) + w [cur(i) != g]. */
static void columns(struct model *m, const struct regroup_hamlet *h, double weight)
{
	size_t n = m->n, k = m->k;
	glp_add_cols(m->lp, (int)(n * k + n * n * k));
	for (size_t j = 0; j < n; j++)
		for (size_t g = 0; g < k; g++)
			glp_set_col_kind(m->lp, col_z(m, j, g), GLP_BV);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			const struct regroup_member *a = &h->members[i], *b = &h->members[j];
			double d = rgb_haversine(a->lat, a->lon, b->lat, b->lon);
			for (size_t g = 0; g < k; g++) {
				int c = col_a(m, i, j, g);
				glp_set_col_bnds(m->lp, c, GLP_DB, 0.0, 1.0);
				glp_set_obj_coef(m->lp, c, d + (a->group != (int)g ? weight : 0.0));
			}
		}
}

/* Each household once; one centre per group; one label per site; a
 * centre belongs to its own group; a leader stays in its group. */
static void assignment_rows(struct model *m, const struct regroup_hamlet *h, int keep_leaders)
{
	size_t n = m->n, k = m->k;
	int r = rows(m, (int)n, GLP_FX, 1, 1);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			for (size_t g = 0; g < k; g++)
				put(m, r + (int)i, col_a(m, i, j, g), 1);
	r = rows(m, (int)k, GLP_FX, 1, 1);
	for (size_t g = 0; g < k; g++)
		for (size_t j = 0; j < n; j++)
			put(m, r + (int)g, col_z(m, j, g), 1);
	r = rows(m, (int)n, GLP_UP, 0, 1);
	for (size_t j = 0; j < n; j++)
		for (size_t g = 0; g < k; g++)
			put(m, r + (int)j, col_z(m, j, g), 1);
	r = rows(m, (int)(n * k), GLP_FX, 0, 0);
	for (size_t j = 0; j < n; j++)
		for (size_t g = 0; g < k; g++) {
			put(m, r + (int)(j * k + g), col_a(m, j, j, g), 1);
			put(m, r + (int)(j * k + g), col_z(m, j, g), -1);
		}
	for (size_t g = 0; keep_leaders && g < k; g++) {
		int l = h->groups[g].leader;
		if (l < 0)
			continue;
		r = rows(m, 1, GLP_FX, 1, 1);
		for (size_t j = 0; j < n; j++)
			put(m, r, col_a(m, (size_t)l, j, g), 1);
	}
}

/* a[i,j,g] <= z[j,g], and L z <= sum_i a[i,j,g] <= U z. */
static void linking_rows(struct model *m, int min, int max)
{
	size_t n = m->n, k = m->k;
	int r = rows(m, (int)(n * n * k), GLP_UP, 0, 0);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			for (size_t g = 0; g < k; g++, r++) {
				put(m, r, col_a(m, i, j, g), 1);
				put(m, r, col_z(m, j, g), -1);
			}
	int lo = rows(m, (int)(n * k), GLP_LO, 0, 0), hi = rows(m, (int)(n * k), GLP_UP, 0, 0);
	for (size_t j = 0; j < n; j++)
		for (size_t g = 0; g < k; g++) {
			int q = (int)(j * k + g);
			for (size_t i = 0; i < n; i++) {
				put(m, lo + q, col_a(m, i, j, g), 1);
				put(m, hi + q, col_a(m, i, j, g), 1);
			}
			put(m, lo + q, col_z(m, j, g), -min);
			put(m, hi + q, col_z(m, j, g), -max);
		}
}

/* Keep the best bound the branch-and-bound has proved so far. */
static void track_bound(glp_tree *tree, void *info)
{
	double *bound = info;
	int node = glp_ios_best_node(tree);
	if (node)
		*bound = glp_ios_node_bound(tree, node);
}

/* Read the groups of the solution: the label g of the a[i,j,g] that is 1. */
static void read_groups(const struct model *m, int *group)
{
	for (size_t i = 0; i < m->n; i++) {
		double best = -1;
		for (size_t j = 0; j < m->n; j++)
			for (size_t g = 0; g < m->k; g++) {
				double v = glp_mip_col_val(m->lp, col_a(m, i, j, g));
				if (v > best) {
					best = v;
					group[i] = (int)g;
				}
			}
	}
}

/* Build the model of hamlet H, solve it with presolve and a time limit, read the plan. */
int rgb_mip_solve(const struct regroup_hamlet *h, int min, int max, double weight,
		 int keep_leaders, double seconds, struct rgb_mip *out)
{
	struct model m = {glp_create_prob(), h->n, h->k, NULL, NULL, NULL, 0, 0};
	glp_iocp parm;
	double t0 = rgb_now(), bound = -HUGE_VAL;
	memset(out, 0, sizeof *out);
	glp_set_obj_dir(m.lp, GLP_MIN);
	columns(&m, h, weight);
	assignment_rows(&m, h, keep_leaders);
	linking_rows(&m, min, max);
	glp_load_matrix(m.lp, (int)m.nz, m.ia, m.ja, m.ar);
	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = (int)(seconds * 1000);
	parm.cb_func = track_bound;
	parm.cb_info = &bound;
	int rc = glp_intopt(m.lp, &parm), st = glp_mip_status(m.lp);
	out->seconds = rgb_now() - t0;
	out->status = st == GLP_OPT ? 0 : st == GLP_FEAS ? 1 : 2;
	if (out->status < 2) {
		out->objective = glp_mip_obj_val(m.lp);
		out->group = xmalloc((h->n ? h->n : 1) * sizeof *out->group);
		read_groups(&m, out->group);
	}
	out->bound = out->status == 0 ? out->objective : bound;
	glp_delete_prob(m.lp);
	free(m.ia);
	free(m.ja);
	free(m.ar);
	return rc == 0 || rc == GLP_ETMLIM ? 0 : -1;
}

/* Whether this build has GLPK (and silence its terminal output). */
int rgb_mip_available(void)
{
	glp_term_out(GLP_OFF);
	return 1;
}

#else

/* Without GLPK there is no exact bound: report no solution. */
int rgb_mip_solve(const struct regroup_hamlet *h, int min, int max, double weight,
		 int keep_leaders, double seconds, struct rgb_mip *out)
{
	(void)h; (void)min; (void)max; (void)weight; (void)keep_leaders; (void)seconds;
	memset(out, 0, sizeof *out);
	out->status = 2;
	return -1;
}

/* Without GLPK the exactness section is skipped. */
int rgb_mip_available(void)
{
	return 0;
}

#endif

/* Free the solution of a MIP run. */
void rgb_mip_free(struct rgb_mip *m)
{
	free(m->group);
	m->group = NULL;
}
