/* The regrouping engine: given one hamlet's members (positions, current
 * groups, leaders) and the bank's size rules, propose new groups that are
 * compact, contiguous neighbourhoods with few moves. Pure computation: no
 * database, no terminal. Measured as ../shared/docs/regroup-metrics.md says. */
#ifndef TKVV_REGROUP_H
#define TKVV_REGROUP_H

#include <stddef.h>
#include <stdint.h>

#define REGROUP_EARTH_RADIUS_M 6371008.8

/* One household of the hamlet. Indices are positions in the input arrays. */
struct regroup_member {
	int64_t id;          /* the caller's member id (not used by the engine) */
	int group;           /* current group: index into the hamlet's groups */
	int has_coord;       /* lat/lon are valid */
	double lat, lon;     /* WGS84 degrees */
	int has_road;        /* road_order is valid */
	int64_t road_order;  /* position along the hamlet's road or canal */
	int cluster;         /* neighbourhood (xóm) index, or -1 */
	int pin;             /* -1, or a group index this member must end in */
	int overdue;         /* has an overdue loan: never proposed as a leader */
};

/* One group of the hamlet. */
struct regroup_group {
	int64_t id;          /* the caller's group id */
	int leader;          /* member index of the leader, or -1 */
	int deputy;          /* member index of the deputy, or -1 */
	int may_merge;       /* may be merged away (below the minimum or low balance) */
	int no_merge;        /* the officer refused merging it away */
};

struct regroup_hamlet {
	size_t n, k;
	const struct regroup_member *members;
	const struct regroup_group *groups;
};

struct regroup_params {
	int min, max;          /* size bounds (5, 60) */
	double move_weight;    /* metres of walking one move is worth (0 = compactness only) */
	long max_moves;        /* at most this many moves; -1 = unlimited */
	int new_leaders;       /* may propose a new leader where the old one holds the group back */
	int merges;            /* may merge away groups marked may_merge */
	int split_ok;          /* skip the contiguity repair: the bare optimum of the objective */
};

/* The figures of regroup-metrics.md for one hamlet (or summed). */
struct regroup_metrics {
	double medoid_m;
	double mst_m;
	double interleave;      /* share of kNN edges joining different groups */
	long knn_edges;         /* edges of the kNN graph (to sum interleave over hamlets) */
	long knn_cross;         /* of which join different groups */
	long moved;
	int size_violations;
	int cross_hamlet;
	int leaders_moved;
	int groups;
	int groups_split;       /* groups not one connected piece of the kNN graph (-1: not known) */
};

enum regroup_method {
	REGROUP_NONE,     /* nothing proposed (infeasible, or nothing located) */
	REGROUP_COORD,    /* coordinates, great-circle distance */
	REGROUP_ROAD,     /* road order only: exact contiguous split */
	REGROUP_MIXED     /* coordinates, road order placed between located neighbours */
};

enum regroup_status {
	REGROUP_OK,
	REGROUP_INFEASIBLE   /* the rules cannot all be met: see message */
};

struct regroup_result {
	enum regroup_status status;
	enum regroup_method method;
	char message[256];        /* which rule and why, when infeasible; else a note */
	int *group;               /* n: new group per member */
	int *merged_into;         /* k: -1, or the group it is merged into */
	int *new_leader;          /* k: -1, or the member proposed as the new leader (also, with
				   * leaders kept, where the leader's house is apart from the group) */
	double *dist_before;      /* n: metres from the member to its old group's centre (NaN if unlocated) */
	double *dist_after;       /* n: metres to its new group's centre */
	int *needs_location;      /* n: 1 when the member has neither coordinates nor road order */
	struct regroup_metrics before, after;
	double objective;         /* after.medoid_m + move_weight * after.moved */
};

/* Great-circle distance in metres (haversine, R = 6,371,008.8 m). */
double regroup_distance(double lat1, double lon1, double lat2, double lon2);

/* Measure an assignment GROUP (n entries) of hamlet H against its current
 * groups, with bounds MIN..MAX; ACTIVE (k entries, may be NULL = all) says
 * which groups still exist. */
void regroup_measure(const struct regroup_hamlet *h, const int *group, const int *active,
		     int min, int max, struct regroup_metrics *m);

/* Propose a plan for one hamlet. Returns 0, or -1 with RES->message set when
 * the input itself is wrong. RES is filled either way; free with regroup_result_free. */
int regroup_plan_hamlet(const struct regroup_hamlet *h, const struct regroup_params *p,
			struct regroup_result *res);
/* The plans of one hamlet at each of the NB move BUDGETS (-1 = unlimited;
 * P->max_moves is not read), found together, each budget from the plan of
 * the next larger one: RES[i] is the plan of regroup_plan_hamlet with
 * max_moves = BUDGETS[i]. When P allows new leaders RES holds 2·NB results:
 * first the plans that keep every leader (as with new_leaders = 0), then
 * those that may propose new leaders. Returns 0, or -1 when the input
 * itself is wrong; free each result with regroup_result_free. */
int regroup_plan_hamlet_budgets(const struct regroup_hamlet *h, const struct regroup_params *p,
				const long *budgets, size_t nb, struct regroup_result *res);
/* Re-plan hamlet H from PREV (n: each member's group in the plan being
 * edited, -1 none) after the officer's change (a pin, a rejected move):
 * the pins and forced members are set, the bounds restored by the
 * cheapest single moves, then only improving boundary moves and the
 * contiguity repair, so members the change does not touch keep their
 * destination and PREV's labels. Falls back to regroup_plan_hamlet when
 * PREV cannot be repaired within the rules. Returns as it does. */
int regroup_replan_hamlet(const struct regroup_hamlet *h, const struct regroup_params *p, const int *prev,
			  struct regroup_result *res);
void regroup_result_free(struct regroup_result *res);

/* Add the figures of A into SUM (interleave recomputed from the edge counts). */
void regroup_metrics_add(struct regroup_metrics *sum, const struct regroup_metrics *a);

/* Merges decided before the plan (regroup_merge.c): a merge candidate
 * (may_merge, not no_merge) goes into an adjacent group of its hamlet
 * (joined by an edge of the symmetric 5-nearest-neighbour graph, or next to
 * it in road order) when the two together fit MIN..MAX and the surviving
 * group's walk (mst_m) grows by at most WALK_LIMIT metres. */
enum regroup_keep {
	REGROUP_MERGED,        /* merged (into is set) */
	REGROUP_KEEP_NOT_CANDIDATE,
	REGROUP_KEEP_REFUSED,  /* the officer refused (no_merge) */
	REGROUP_KEEP_PINNED,   /* a member is pinned to it */
	REGROUP_KEEP_SURVIVOR, /* another group was merged into it */
	REGROUP_KEEP_NO_NEIGHBOUR, /* no adjacent group */
	REGROUP_KEEP_BOUNDS,   /* with every adjacent group it would break MIN..MAX */
	REGROUP_KEEP_WALK      /* with every adjacent group that fits, the walk grows too much */
};

struct regroup_merge {
	int into;              /* -1, or the group it is merged into */
	enum regroup_keep why; /* REGROUP_MERGED, or why it is kept */
	int members;           /* the two groups' members together (merged), or its own */
	double walk_before;    /* the surviving group's walk before, metres */
	double walk_after;     /* the merged group's walk, metres (kept for WALK: the least found) */
};

/* Decide the merges of hamlet H into OUT (k). Candidates are taken fewest
 * members first; a group another was merged into is not merged away.
 * Returns the number of merges. */
int regroup_merge_decide(const struct regroup_hamlet *h, int min, int max, double walk_limit,
			 struct regroup_merge *out);

/* Hamlet H with the merges MG done: merged groups' members belong to the
 * group they are merged into (whose leader stays; the merged group's leader
 * becomes its deputy, as offered), pins to merged groups go to it. */
struct regroup_reduced {
	struct regroup_hamlet h;
	struct regroup_member *members;
	struct regroup_group *groups;
	int *to_orig;          /* k': the group of H of each reduced group */
	int *to_red;           /* k: the reduced group of each group of H */
};
void regroup_merge_reduce(const struct regroup_hamlet *h, const struct regroup_merge *mg,
			  struct regroup_reduced *r);
/* RES, a result on R, rewritten for H: groups, merges (MG's and the
 * engine's), new leaders, figures measured against H's groups. */
void regroup_merge_expand(const struct regroup_hamlet *h, const struct regroup_reduced *r,
			  const struct regroup_merge *mg, int min, int max, struct regroup_result *res);
void regroup_reduced_free(struct regroup_reduced *r);

/* The member proposed to replace the leader of group G when the members
 * are in groups GROUP (n): the engine's rule for new leaders, the one
 * nearest the group's centre (its medoid) with no overdue loan, other than
 * the leader and AVOID (-1: none); -1 when there is none. */
int regroup_leader_candidate(const struct regroup_hamlet *h, const int *group, int g, int avoid);

#endif
