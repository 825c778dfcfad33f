/* Regrouping plans: build one from the store with the engine (regroup.h),
 * save it as a draft, apply it in one transaction, undo it exactly. */
#ifndef TKVV_PLAN_H
#define TKVV_PLAN_H

#include <sqlite3.h>
#include <stdint.h>

#include "tkvv/config.h"
#include "tkvv/regroup.h"
#include "tkvv/util.h"

enum plan_scope { PLAN_ALL, PLAN_COMMUNE, PLAN_HAMLET };

/* A member the officer fixed to a group (a pin, or a rejected move). */
struct plan_pin {
	int64_t member_id;
	int64_t group_id;
};

struct plan_options {
	enum plan_scope scope;
	const char *code;          /* commune or hamlet code for those scopes */
	int min, max;              /* size bounds */
	double move_weight;        /* metres a move is worth */
	long max_moves;            /* absolute budget, -1 = none */
	double max_moves_pct;      /* budget in percent of located members, < 0 = none */
	int new_leaders;
	int merges;                /* may merge away small or low-balance groups */
	int64_t low_balance;       /* groups below it (VND) may be merged */
	int tradeoff;              /* also compute the trade-off table */
	const struct plan_pin *pins;
	size_t npins;
	const int64_t *no_merge;   /* groups the officer refused to merge away */
	size_t nno_merge;
	int threads;               /* worker threads; 0 = one per core */
	int recommend;             /* no budget asked: take the recommended row (plan_knee) */
	const struct plan_pin *prev;  /* the plan being edited: each member's group in it, or NULL */
	size_t nprev;                 /* (the plan is then edited, not searched afresh) */
	double merge_walk_limit;      /* metres a merge may add to the surviving group's walk */
	const struct config *review;  /* --review-leaders: the quality rules whose weak leaders are
				       * proposed for replacement, or NULL */
	int org_check;                /* keep each organisation's share within ORG_TOLERANCE */
	double org_tolerance;         /* percentage points of a hamlet's (so a commune's) members */
};

struct plan_move {
	int64_t member_id, from_group, to_group;
	char *member_code, *full_name, *hamlet_code, *from_code, *to_code;
	char *reason;
};

struct plan_group_change {
	int64_t group_id, merged_into;     /* merged_into 0 = not merged */
	char *group_code, *into_code;
	char *new_leader, *old_leader;     /* member codes; new_leader NULL = unchanged */
	char *reason;                      /* why merged (or, merged_into 0 and no leader
					    * or deputy change, why a candidate is kept), or NULL */
	char *new_deputy, *old_deputy;     /* the merged group's leader offered as deputy, or NULL */
	char *leader_reason;               /* why the leader is up for replacement (--review-leaders), or NULL */
};

struct plan_unlocated {
	char *member_code, *full_name, *hamlet_code;
};

struct plan_hamlet {
	int64_t hamlet_id;
	char *code, *name;
	char fingerprint[17];
	enum regroup_method method;
	enum regroup_status status;
	char message[256];
	long members, located;
	struct regroup_metrics before, after;
	char *commune_code;        /* the hamlet's commune (plans being made only, else NULL) */
};

/* One organisation's groups in one commune before and after a plan. */
struct plan_org_share {
	char *commune_code, *org_code;
	long groups_before, groups_after, members_before, members_after;
	int64_t outstanding_before, outstanding_after;
};

struct plan_tradeoff {
	char budget[16];           /* "10%", "25%", "50%", "unlimited" */
	int new_leaders;
	struct regroup_metrics after;
};

struct plan {
	int64_t id;                /* 0 until saved */
	char status[16];
	char *scope;               /* "all", "commune C", "hamlet H" */
	char *created_at, *note;
	int min, max, new_leaders;
	double move_weight;
	char max_moves[32];
	struct plan_hamlet *hamlets;
	size_t nhamlets;
	struct plan_move *moves;
	size_t nmoves;
	struct plan_group_change *groups;
	size_t ngroups;
	struct plan_unlocated *unlocated;
	size_t nunlocated;
	struct plan_tradeoff *tradeoff;
	size_t ntradeoff;
	struct regroup_metrics before, after;   /* summed over hamlets */
	char *applied_at, *undone_at;           /* UTC as stored, or NULL */
	struct plan_org_share *orgs;            /* by commune, then organisation */
	size_t norgs;
	double org_tolerance;                   /* points asked with --org-tolerance, < 0 none */
};

/* Undo the moves of RES in hamlet H that cost least (the least walk saved)
 * while an organisation's share of the hamlet's members (ORG: each group's
 * organisation, 0..NORG-1) moves more than TOL percentage points from
 * before, within MIN..MAX, never a leader's, deputy's, proposed leader's,
 * pinned member's or merged group's member's move. Returns how many
 * organisations stay outside (0 when kept). */
int plan_org_enforce(const struct regroup_hamlet *h, const int *org, int norg, double tol, int min, int max,
		     struct regroup_result *res);
/* Add hamlet H's groups (ORG_CODE, k), members and BALANCE (n, VND) before
 * and after RES into P's organisation shares for commune COMMUNE. */
void plan_org_add(struct plan *p, const char *commune, const struct regroup_hamlet *h, char *const *org_code,
		  const int64_t *balance, const struct regroup_result *res);

/* Propose a plan for the scope of O with the engine (nothing is written). */
int plan_build(sqlite3 *db, const struct plan_options *o, struct plan *p, struct tkvv_err *err);
/* Save P as a draft (sets p->id), in one transaction. */
int plan_save(sqlite3 *db, struct plan *p, struct tkvv_err *err);
/* Read a saved plan. */
int plan_load(sqlite3 *db, int64_t id, struct plan *p, struct tkvv_err *err);
/* Apply a draft: every move, merge, leader, history record and an audit row,
 * in one transaction; refused when its hamlets changed since it was made.
 * IN_TX: the caller already holds the transaction (regroup --apply). */
int plan_apply(sqlite3 *db, int64_t id, const char *note, int in_tx, struct tkvv_err *err);
/* Restore exactly the state before an applied plan, in one transaction. */
int plan_undo(sqlite3 *db, int64_t id, struct tkvv_err *err);
/* Discard a draft: its moves, groups, hamlets and trade-off rows are
 * deleted (the plans row stays, status discarded), then plan_free_space. */
int plan_discard(sqlite3 *db, int64_t id, struct tkvv_err *err);
/* Give the file's free pages back to the file system (VACUUM), outside any
 * transaction; does nothing when it cannot (busy, statements open). */
void plan_free_space(sqlite3 *db);
void plan_free(struct plan *p);
/* A plan time as stored (UTC, 2026-12-03T07:05:00Z) in local time (TZ or
 * the system's) into OUT: "03/12/2026 14:05" for people, or with ISO
 * true "2026-12-03T14:05:00+07:00" for csv and json. Copies anything else
 * unchanged and returns -1. */
int plan_time_local(const char *utc, int iso, char *out, size_t n);

/* The fingerprint of one hamlet's members and groups as stored now. */
int plan_fingerprint(sqlite3 *db, int64_t hamlet_id, char out[17], struct tkvv_err *err);

/* The recommended row of P's trade-off table among those of the leader
 * rule NEW_LEADERS: the knee of the frontier, the row whose share of the
 * unlimited row's drop in medoid_m most exceeds its share of that row's
 * moves (fewer moves on a tie; the unlimited row only when no budget row
 * gains more than its share). Its index in p->tradeoff, or -1 when there
 * is no table or nothing to gain; the shares into GAIN and MOVES (0..1). */
int plan_knee(const struct plan *p, int new_leaders, double *gain, double *moves);

/* Short names of a method ("coord", "road", "mixed", "none"). */
const char *plan_method_name(enum regroup_method m);

#endif
