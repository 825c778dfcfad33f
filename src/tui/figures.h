/* Credit-quality figures per group as of a date, from the core's quality
 * module, kept in the temporary table tui_fig so that the lists can join,
 * sort and sum them (hamlets and communes add their groups' quantities). */
#ifndef TKVV_FIGURES_H
#define TKVV_FIGURES_H

#include <sqlite3.h>
#include "tkvv/config.h"
#include "tkvv/util.h"

/* Fill temp.tui_fig(group_id, members, outstanding, overdue, due_ytd,
 * collected_ytd) for the groups active at AS_OF (YYYY-MM-DD), and
 * temp.tui_loan(id, member_id, outstanding, state) for every loan, state
 * one of open, overdue, closed. */
int figures_refresh(sqlite3 *db, const struct config *cfg, const char *as_of,
		    struct tkvv_err *err);

/* SQL for an overdue ratio and a collection rate, in percent, of sums over tui_fig
 * aliased F (the collection rate is NULL when nothing is due). */
#define FIGURES_OVERDUE_PCT(f) \
	"(CASE WHEN sum(" f ".outstanding) > 0 THEN 100.0 * sum(" f ".overdue) / sum(" f ".outstanding) ELSE 0 END)"
#define FIGURES_COLLECTION_PCT(f) \
	"(CASE WHEN sum(" f ".due_ytd) > 0 THEN 100.0 * sum(" f ".collected_ytd) / sum(" f ".due_ytd) END)"

#endif
