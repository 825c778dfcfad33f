/* Credit-quality figures per group as of a date (quality-metrics.md), kept
 * in the temporary table tui_fig so that the lists can sort and sum them.
 * The one place this SQL lives, so it can be swapped for the core's. */
#ifndef TKVV_FIGURES_H
#define TKVV_FIGURES_H

#include <sqlite3.h>
#include "tkvv/util.h"

/* Compute temp.tui_fig(group_id, members, outstanding, overdue, due_ytd,
 * collected_ytd) as of AS_OF (YYYY-MM-DD) for GROUP_ID, or every group when 0. */
int figures_refresh(sqlite3 *db, const char *as_of, sqlite3_int64 group_id,
		    struct tkvv_err *err);

/* SQL for an overdue ratio and a collection rate, in percent, of sums over tui_fig
 * aliased F (the collection rate is NULL when nothing is due). */
#define FIGURES_OVERDUE_PCT(f) \
	"(CASE WHEN sum(" f ".outstanding) > 0 THEN 100.0 * sum(" f ".overdue) / sum(" f ".outstanding) ELSE 0 END)"
#define FIGURES_COLLECTION_PCT(f) \
	"(CASE WHEN sum(" f ".due_ytd) > 0 THEN 100.0 * sum(" f ".collected_ytd) / sum(" f ".due_ytd) END)"

#endif
