/* Credit-quality figures per group as of a date, from the core's quality
 * module, kept in the temporary table tui_fig so that the lists can join,
 * sort and sum them (hamlets and communes add their groups' quantities). */
#ifndef TKVV_FIGURES_H
#define TKVV_FIGURES_H

#include <sqlite3.h>
#include "tkvv/config.h"
#include "tkvv/util.h"

/* Fill temp.tui_fig(group_id, members, outstanding, overdue, due_ytd,
 * collected_ytd) for the groups active at AS_OF (YYYY-MM-DD). The whole
 * district is computed again: cheap enough for a district, not for a key. */
int figures_groups(sqlite3 *db, const struct config *cfg, const char *as_of,
		   struct tkvv_err *err);
/* Fill temp.tui_loan(id, member_id, outstanding, state) at AS_OF for loan
 * LOAN_ID, or for every loan when 0; state is open, overdue or closed. */
int figures_loans(sqlite3 *db, const char *as_of, sqlite3_int64 loan_id, struct tkvv_err *err);

/* SQL for an overdue ratio and a collection rate, in percent, of sums over tui_fig
 * aliased F (the collection rate is NULL when nothing is due). */
#define FIGURES_OVERDUE_PCT(f) \
	"(CASE WHEN sum(" f ".outstanding) > 0 THEN 100.0 * sum(" f ".overdue) / sum(" f ".outstanding) ELSE 0 END)"
#define FIGURES_COLLECTION_PCT(f) \
	"(CASE WHEN sum(" f ".due_ytd) > 0 THEN 100.0 * sum(" f ".collected_ytd) / sum(" f ".due_ytd) END)"

#endif
