/* The rules every regrouping plan keeps, checked by the engine's suites. */
#ifndef TKVV_REGROUP_RULES_H
#define TKVV_REGROUP_RULES_H

#include <check.h>
#include <stdlib.h>

#include "tkvv/regroup.h"

/* Every rule of plan R for hamlet H under P: sizes, leaders, pins, members
 * without a location, the move count, and at most BUDGET moves (when >= 0). */
static inline void regroup_check_rules(const struct regroup_hamlet *h, const struct regroup_params *p,
				       long budget, const struct regroup_result *r)
{
	int *size = calloc(h->k + 1, sizeof(int));
	long moves = 0;
	for (size_t i = 0; i < h->n; i++) {
		const struct regroup_member *mb = &h->members[i];
		ck_assert_int_ge(r->group[i], 0);
		ck_assert_int_lt(r->group[i], (int)h->k);
		size[r->group[i]]++;
		moves += r->group[i] != mb->group;
		if (!mb->has_coord && !mb->has_road) {
			ck_assert_int_eq(r->group[i], mb->group);
			ck_assert_int_eq(r->needs_location[i], 1);
		}
		if (r->status == REGROUP_OK && mb->pin >= 0)
			ck_assert_int_eq(r->group[i], mb->pin);
	}
	for (size_t g = 0; g < h->k; g++) {
		if (r->merged_into[g] >= 0) {
			ck_assert_int_eq(size[g], 0);
			continue;
		}
		if (r->status == REGROUP_OK) {
			ck_assert_int_ge(size[g], p->min);
			ck_assert_int_le(size[g], p->max);
		}
		if (!p->new_leaders && h->groups[g].leader >= 0)
			ck_assert_int_eq(r->group[h->groups[g].leader], (int)g);
		if (!p->new_leaders && h->groups[g].deputy >= 0)
			ck_assert_int_eq(r->group[h->groups[g].deputy], (int)g);
	}
	if (r->status != REGROUP_OK)
		ck_assert_int_eq(moves, 0);
	ck_assert_int_eq(moves, r->after.moved);
	if (budget >= 0)
		ck_assert_int_le(moves, budget);
	ck_assert_int_eq(r->after.size_violations, r->status == REGROUP_OK ? 0 : r->before.size_violations);
	free(size);
}

#endif
