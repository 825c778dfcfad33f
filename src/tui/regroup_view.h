/* The regrouping assistant's state, shared by its keys (screen_regroup.c)
 * and its drawing (regroup_view.c). */
#ifndef TKVV_REGROUP_VIEW_H
#define TKVV_REGROUP_VIEW_H

#include "tkvv/plan.h"
#include "ui.h"

/* What a line of the list is: a merge, a refused merge, a pin, a move, a leader. */
enum rg_kind { RG_MERGE, RG_REFUSED, RG_PIN, RG_MOVE, RG_LEADER, RG_DEPUTY, RG_KEPT, RG_ORG };

struct rg_item {
	enum rg_kind kind;
	size_t ref;        /* into plan.groups, no_merge, pins, plan.moves, plan.groups */
};

/* A group of the hamlet as stored; its index is its map letter. */
struct rg_group {
	int64_t id;
	char *code, *name, *leader;
};

struct rg_state {
	int64_t *hamlets;             /* the hamlets walked, in order */
	size_t nhamlets, cur;
	int64_t hamlet_id;            /* the hamlet loaded, 0 when none */
	char *hcode, *hname;
	size_t n, k;
	struct regroup_member *pos;   /* positions, for the map */
	int64_t *mid;
	char **mcode, **mname;
	int *before, *after;          /* group index per member */
	unsigned char *lead_before, *lead_after;
	struct rg_group *groups;
	int row;                      /* the trade-off row chosen, 0..7 */
	int recommend;                /* the next plan opens on the recommended row */
	int edit;                     /* the next plan edits the current one (a pin, a rejection) */
	int knee;                     /* the recommended row (plan_knee), -1 none */
	double knee_gain, knee_moves; /* its shares of the unlimited row's gain and moves */
	struct plan_pin *pins;
	size_t npins;
	int64_t *no_merge;
	size_t nno_merge;
	struct plan plan;
	int planned;                  /* plan holds a proposal */
	char error[1024];             /* why there is none */
	struct rg_item *items;
	size_t nitems;
	int show_after, focus;        /* focus 0: the trade-off table, 1: the list */
	long tcur, lcur, ltop;
	int lheight;                  /* list rows on screen at the last draw */
	int64_t applied;              /* the plan applied here last, for the rosters */
	char fingerprint[17];         /* of the hamlet's members and groups when loaded */
	int review;                   /* weak leaders proposed for replacement (--review-leaders) */
};

/* The budgets of the trade-off rows, in percent (-1: unlimited). */
extern const double regroup_budgets[4];

/* The index of group GID in the hamlet, or -1. */
int regroup_group_index(const struct rg_state *st, int64_t gid);
/* "A Tổ 1": the group's map letter and its name (its code when unnamed). */
void regroup_group_label(const struct rg_state *st, int64_t gid, char *out, size_t n);
/* The index of member MID in the hamlet, or -1. */
long regroup_member_index(const struct rg_state *st, int64_t mid);
/* Forget the hamlet loaded (not the walk, nor the choices). */
void regroup_hamlet_free(struct rg_state *st);
/* Ask the engine again with the budget, pins and refusals chosen. */
void regroup_replan(struct tui *t, struct rg_state *st);
/* Load hamlet number CUR of the walk, with no choices yet, and plan it. */
void regroup_load(struct tui *t, struct rg_state *st);
/* Draw the assistant into W: maps, figures, trade-off table, list. */
void regroup_draw(struct tui *t, WINDOW *w, struct rg_state *st);
/* Whether the window shows both maps side by side. */
int regroup_wide(int width);

#endif
