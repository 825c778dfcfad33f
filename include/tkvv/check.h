/* The integrity check: the SQLite file itself, the search index and the
 * domain rules (groups in their hamlet, boards, memberships, loans, dates). */
#ifndef TKVV_CHECK_H
#define TKVV_CHECK_H

#include <sqlite3.h>
#include <stddef.h>

#include "tkvv/util.h"

/* What the rules need from the config. */
struct check_options {
	int group_min, group_max;   /* members of an active group */
	int share_small_hamlets;    /* a group may serve a hamlet of the same commune */
	long max_lines;             /* lines per rule before "... and N more" */
};

/* One line of the report: problem INDEX (from 0) of RULE, or, when INDEX
 * equals max_lines, the line saying how many more there are. */
struct check_problem {
	const char *rule;
	const char *description;   /* translated */
	long index;
	const char *line;          /* translated */
};

typedef void (*check_line_fn)(void *ctx, const struct check_problem *p);

/* Run every rule on DB, calling FN for each line of the report, grouped by
 * rule. Returns the number of problems found, or -1 with ERR set when the
 * check itself could not run. Nothing is written. */
long check_run(sqlite3 *db, const struct check_options *opt, check_line_fn fn, void *ctx,
	       struct tkvv_err *err);

/* The names of the rules, in report order, and their number. */
const char *check_rule_name(size_t i);
size_t check_rule_count(void);

#endif
