/* Internals of the regrouping engine shared by its files and unit tests:
 * the bounded transportation solver, the exact relabelling, the road DP. */
#ifndef TKVV_REGROUP_INTERNAL_H
#define TKVV_REGROUP_INTERNAL_H

#include <math.h>
#include <stdint.h>

#include "tkvv/regroup.h"
#include "tkvv/util.h"

/* Integer cost (centimetres of walking); RG_INF marks a forbidden pair. */
typedef int64_t rg_cost;
/* Metres one step of road_order stands for when a hamlet is known only by
 * road order: a typical distance between houses along a canal, so that a
 * move's price in metres weighs the same as in located hamlets. */
#define RG_ROAD_STEP_M 20.0
#define RG_INF (INT64_MAX / 8)

/* Assignment of N items to K groups with per-group size bounds, minimising
 * the sum of COST[i*K+g]: a transportation problem solved exactly by
 * successive shortest paths on the K-node exchange graph. */
struct rgflow {
	int n, k;
	const rg_cost *cost;   /* n×k, RG_INF where item i may not join group g */
	const int *lo, *hi;    /* k: bounds on the number of items per group */
	int *assign;           /* n: the group of each item (the answer) */
	int *count;            /* k */
	int *items;            /* k×n: the items of each group, first count[g] valid */
	int *slot;             /* n: position of the item in its group's list */
	rg_cost *w;            /* k×k: cheapest exchange a→b */
	int *warg;             /* k×k: the item that realises it */
	rg_cost *dist;         /* k+1 */
	int *pred;             /* k+1: previous node, or -1-item for the source */
	rg_cost big;           /* the price of an unfilled lower bound */
	rg_cost span;          /* if > 0: a bound on max - min of the costs */
	long evals;            /* Bellman-Ford passes run (a work counter) */
};

void rgflow_init(struct rgflow *f, int n, int k);
void rgflow_free(struct rgflow *f);
/* Solve from scratch; 0, or -1 when the bounds cannot be met. */
int rgflow_solve(struct rgflow *f, const rg_cost *cost, const int *lo, const int *hi);
/* Re-optimise from the current (feasible) assignment under new COST by
 * cancelling negative cycles; returns the number of cycles cancelled. */
long rgflow_improve(struct rgflow *f, const rg_cost *cost);
/* A saved state of the solver (assignment, lists, exchange rows). */
struct rgflow_state {
	int *assign, *count, *items, *slot;
	rg_cost *w;
	int *warg;
};
void rgflow_state_init(const struct rgflow *f, struct rgflow_state *s);
void rgflow_state_free(struct rgflow_state *s);
void rgflow_save(const struct rgflow *f, struct rgflow_state *s);
void rgflow_restore(struct rgflow *f, const struct rgflow_state *s);
/* The costs of the groups marked in CHANGED (k) have changed in place since
 * the state was optimal: refresh the exchanges they touch and cancel
 * negative cycles; returns the number cancelled. */
long rgflow_retune(struct rgflow *f, const unsigned char *changed);
/* Total cost of the current assignment. */
rg_cost rgflow_total(const struct rgflow *f);
/* 1 when the residual exchange graph has no negative cycle (optimal). */
int rgflow_optimal(struct rgflow *f);

/* Exact maximum-weight perfect matching of a K×K matrix (Hungarian method,
 * O(K³)); PERM[r] = the column given to row r. Returns the total weight. */
int64_t rg_hungarian(int k, const int64_t *weight, int *perm);

/* The road DP: points sorted by POS (n), labels in road order ORDER (k
 * labels), point i's current label CUR[i] and forced label FORCE[i] (-1
 * none), per-label bounds LO/HI, move price LAMBDA, cuts allowed before
 * point i when CUT[i] (NULL = everywhere). Fills LABEL (n) with the exact
 * best contiguous split; returns its cost, or RG_INF when none exists. */
struct rgline {
	int n, k;
	const int64_t *pos;
	const int *cur, *force, *order, *lo, *hi;
	const unsigned char *cut;
	rg_cost lambda;
};
rg_cost rgline_solve(const struct rgline *in, int *label);
/* Sum of |pos - median| over the sorted points [s, e). */
rg_cost rgline_segment_cost(const int64_t *pos, const int64_t *prefix, int s, int e);


/* One hamlet prepared for the search. A point is a member with a usable
 * position (coordinates, road order, or placed between neighbours); other
 * members stay where they are. Planar metres around the hamlet's centre. */
struct rg_ctx {
	int n, k, m;
	int *pt_member, *member_pt;  /* m, n (-1: not a point) */
	double *x, *y;               /* m */
	int *cur, *force;            /* m: current group, forced group or -1 */
	int *lo, *hi;                /* k: bounds on each group's points */
	unsigned char *merged;       /* k */
	int *nbr;                    /* m×RG_NB nearest points */
	int nb;                      /* neighbours per point */
	rg_cost lambda;              /* price of a move, centimetres */
	long evals, max_evals;       /* flow solves spent and allowed */
	uint64_t rng;
	int seeds;                   /* k-means++ starts besides the given ones (RG_SEEDS) */
	/* the flow over the points not forced */
	int nf;
	int *flex;                   /* nf point indices */
	rg_cost *cost;               /* nf×k */
	int *flo, *fhi;              /* k: bounds for flexible points */
	struct rgflow flow;
	int *leader_pt;              /* k: leader's point or -1 (for starts) */
	int32_t *dm;                 /* m×m centimetres, or NULL when m is large */
	/* The 5-nearest-neighbour graph of groups_split over the located
	 * points (adjacency lists: cg_first m+1 offsets into cg_adj), or NULL;
	 * with CONTIGUOUS each plan is made one piece a group (rg_contig). */
	int *cg_first, *cg_adj;
	int contiguous;
};

/* Points up to which the distances are kept in a matrix (16 MB). */
#define RG_MATRIX_MAX 2000

/* Planar distance between points A and B of C, whole centimetres. */
static inline rg_cost rg_plane_cm(const struct rg_ctx *c, int a, int b)
{
	double dx = c->x[a] - c->x[b], dy = c->y[a] - c->y[b];
	return (rg_cost)(100.0 * sqrt(dx * dx + dy * dy) + 0.5);
}

/* Tuning, measured on synthetic canal-side hamlets (README.md). */
#define RG_NB 10            /* nearest households a centre may move to */
#define RG_SEEDS 3          /* k-means++ starts besides the given ones */
#define RG_WORK 25          /* flow work allowed per hamlet: RG_WORK·m² */
#define RG_FLOOR 4000       /* flow solves allowed at least on small hamlets... */
#define RG_FLOOR_WORK 5e5   /* ...up to this work */
#define RG_WORK_CAP 1.5e7   /* work never passed, however large the hamlet */
#define RG_STALE_FROM 100   /* from this many points, skip groups whose moves failed */
#define RG_MEND 400         /* contiguity may cost 1/RG_MEND of the objective */
#define RG_CONTIG_WORTH 1000.0 /* metres of walking a move that makes a group one piece is worth */
#define RG_BUDGET_ROUNDS 3  /* fixed-centre price searches per budget */
#define RG_BUDGET_STEPS 3   /* then bisection steps on the searched plans */
#define RG_BUDGET_SHARE 4   /* a search at a budget's price has 1/RG_BUDGET_SHARE of the flow solves */

/* Distance between points A and B of C, centimetres. */
static inline rg_cost rg_dist(const struct rg_ctx *c, int a, int b)
{
	if (c->dm)
		return c->dm[(size_t)a * (size_t)c->m + (size_t)b];
	return rg_plane_cm(c, a, b);
}
/* Keep the distances of C in a matrix when it has few enough points. */
void rg_ctx_distances(struct rg_ctx *c);
/* Set up the flow part of C for the current merged set and bounds;
 * -1 when the bounds cannot hold with the forced points. */
int rg_ctx_prepare(struct rg_ctx *c);
/* Internal objective of LABEL (m): medoid sums + lambda × moves. */
rg_cost rg_objective(const struct rg_ctx *c, const int *label);
/* The best plan found for C from the labellings STARTS (and seeds) into
 * LABEL (m); its objective, or RG_INF when the bounds cannot hold. */
rg_cost rg_search(struct rg_ctx *c, const int *const *starts, int nstarts, int *label);
/* The exact best assignment of the points of C to the fixed centres CENTRE
 * (k, -1: none) at C's price of a move, after rg_ctx_prepare, into LABEL
 * (m); its cost at those centres, or RG_INF when the bounds cannot hold. */
rg_cost rg_assign(struct rg_ctx *c, const int *centre, int *label);
/* Medoid point of each group of LABEL into CENTRE (-1 when empty). */
void rg_medoids(const struct rg_ctx *c, const int *label, int *centre);
/* Lower the objective of LABEL by single moves of the true medoid cost. */
rg_cost rg_polish(struct rg_ctx *c, int *label);
/* Undo the moves of LABEL that cost least until at most BUDGET remain;
 * the objective, or RG_INF when the bounds stop it short. */
rg_cost rg_repair(struct rg_ctx *c, int *label, long budget);
/* Bring board members (BOARD: leaders and deputies, m flags) home to their
 * current group, alone or swapped with a member, the cheapest first, while
 * each costs at most TOL and the moves stay within BUDGET (-1: none); the
 * objective. */
rg_cost rg_restore(struct rg_ctx *c, int *label, const unsigned char *board, rg_cost tol, long budget);
/* Hand pieces of a group detached from the rest of it in the 5-nearest-
 * neighbour graph to the group they touch most, when the bounds allow and
 * the objective rises by at most TOL in all; returns the objective. */
rg_cost rg_mend(struct rg_ctx *c, int *label, rg_cost tol);
/* Build the graph of groups_split over the located points of C (hamlet H). */
void rg_contig_graph(struct rg_ctx *c, const struct regroup_hamlet *h);
/* Make each group of LABEL one piece of that graph where the bounds allow:
 * every piece but a group's main one (the largest) that holds no point
 * that may not move goes whole to the group whose main piece it touches
 * most, until none can; returns the objective. */
rg_cost rg_contig(struct rg_ctx *c, int *label);
/* Spanning-tree recombination of each split group of LABEL with a
 * neighbouring group (regroup_recom.c): both made one piece within the
 * bounds and pins; returns the number of groups made whole. */
int rg_recom(struct rg_ctx *c, int *label);
/* Set by the benchmark to measure the repair without the recombination. */
extern int rg_recom_off;
/* Mark in IN_MAIN (m) the points of LABEL in their group's main piece (or
 * outside the graph); returns the number of groups split. */
int rg_main_piece(const struct rg_ctx *c, const int *label, int *in_main);
/* The exact best contiguous split of the points of C along the road of H
 * into LABEL (FIXED: members of each group that cannot move); the labels'
 * order follows the groups along the road, then the relabelling while that
 * helps. Its objective, or RG_INF when a point has no road order or no
 * split meets the rules. */
rg_cost rg_road(const struct rg_ctx *c, const struct regroup_hamlet *h, const int *fixed, int *label);
/* Relabel the groups of LABEL to keep as many members as possible in place. */
void rg_relabel(const struct rg_ctx *c, const int *fixed_count, int *label);

/* Everything the driver knows about a hamlet besides the search context. */
struct rg_plan {
	const struct regroup_hamlet *h;
	const struct regroup_params *p;
	struct rg_ctx c;
	int *fixed;          /* k: members of each group that cannot move */
	int *candidate;      /* k: may be merged away */
	int interpolated;    /* points placed between located neighbours */
	int free_leaders;    /* leaders and deputies may move (new leaders proposed) */
	long budget;         /* the move budget being met (-1: none) */
	enum regroup_method method;
	const int *prev;     /* n: each member's group in the plan being edited (-1: none), or NULL */
	struct budget_set *pool; /* the table's rows every searched plan is offered to, or NULL */
	int pool_cur;        /* the row being searched (not offered to), or -1 */
};

/* A move BUDGET that does not bind C: none, or at least every point. */
static inline int rg_unbounded(const struct rg_ctx *c, long budget)
{
	return budget < 0 || budget >= c->m;
}

/* The price of a move asked by P, in metres: 0 unless positive, at most
 * RG_PRICE_MAX (beyond it every plan is the one with the fewest moves). */
#define RG_PRICE_MAX 1e9
static inline double rg_weight(const struct regroup_params *p)
{
	return p->move_weight > 0 ? (p->move_weight < RG_PRICE_MAX ? p->move_weight : RG_PRICE_MAX) : 0;
}

/* A price in metres as whole centimetres. */
static inline rg_cost rg_price(double metres)
{
	return (rg_cost)llround((metres < RG_PRICE_MAX ? metres : RG_PRICE_MAX) * 100);
}

/* Write a one-line message into RES. */
void rg_say(struct regroup_result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One plan of rg_plan_budgets: the labels (m), the groups merged away (k),
 * whether leaders and deputies are freed, and 0 in OK when the rules
 * cannot all hold. */
struct rg_choice {
	int *label;
	unsigned char *merged;
	int free_leaders;
	int ok;
};
/* Choose the plans under the rules (NEED merges at least) at each of the NB
 * move BUDGETS (-1: none) into OUT, the reason why not in RES (nb) where
 * the rules cannot all hold; with BOTH, OUT and RES hold 2·NB: the plans
 * that keep every leader, then those under P's leader rule. The budgets are met in turn, largest first,
 * each from the plan of the one before. With new leaders allowed, leaders
 * and deputies are freed, then brought home wherever that costs at most a
 * tenth of an average group's walk; that plan is taken when it still beats
 * the one that keeps them all. */
void rg_plan_budgets(struct rg_plan *pl, int need, const long *budgets, int nb, int both, struct rg_choice *out,
		     struct regroup_result *res);

/* The KK nearest neighbours of each of M points (great-circle, ties by
 * index) into NBR (m×kk, -1 past the end); returns neighbours per point. */
int rg_knn(int m, const double *lat, const double *lon, int kk, int *nbr);

/* A small deterministic generator (splitmix64). */
static inline uint64_t rg_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

#endif
