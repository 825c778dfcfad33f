/* The configuration file tkvv.ini: one table drives loading, validation
 * and the commented default file written on first use. */
#ifndef TKVV_CONFIG_H
#define TKVV_CONFIG_H

#include <stdint.h>
#include "tkvv/util.h"

/* One criterion of the monthly group score: POINTS when the figure reaches
 * FULL, PARTIAL_POINTS when it reaches PARTIAL, else 0 (quality.h). */
struct config_criterion {
	int points, partial_points;
	double full, partial;       /* percent */
};

struct config {
	char *db_path;              /* [general] database ("" = the XDG default) */
	char *language;             /* [general] language: vi | en */
	int group_min;              /* [groups] min_members (5) */
	int group_max;              /* [groups] max_members (60) */
	int64_t low_balance;        /* [groups] low_balance, VND: merge candidates below it */
	int share_small_hamlets;    /* [groups] share_small_hamlets (0) */
	double overdue_threshold;   /* [quality] overdue_threshold, percent (2.0) */
	double collection_threshold;/* [quality] collection_threshold, percent (95.0) */
	int review_months;          /* [quality] review_months: weak months running (3) */
	struct config_criterion score_transactions; /* [score] transactions_* */
	struct config_criterion score_principal;    /* [score] principal_* */
	struct config_criterion score_interest;     /* [score] interest_* */
	struct config_criterion score_savers;       /* [score] savers_* */
	struct config_criterion score_growth;       /* [score] growth_* */
	struct config_criterion score_overdue;      /* [score] overdue_* (at most) */
	int grade_tot, grade_kha, grade_trung_binh; /* [score] lowest score of each grade */
	int merge_walk_limit;       /* [regroup] merge_walk_limit, metres (1000) */
	double org_tolerance;       /* [regroup] org_tolerance, percentage points (100: none) */
};

/* Fill CFG with the built-in defaults. */
void config_defaults(struct config *cfg);
/* Load PATH over the defaults. When the file is missing and CREATE is set,
 * write the commented default file first (making its folder). An unknown
 * section or key, or a bad value, is an error naming the file and line. */
int config_load(const char *path, int create, struct config *cfg, struct tkvv_err *err);
void config_free(struct config *cfg);

/* The default paths, following XDG (caller frees). */
char *config_default_path(void);
char *config_default_db_path(void);

#endif
