/* The move budget of the regrouping engine: on random hamlets the budget is
 * never exceeded and every rule holds, a budget of 0 moves nobody, the
 * objective never rises as the budget grows, and several budgets in one
 * call give the plans of separate calls or better. */
#include "config.h"

#include <math.h>

#include "regroup_rules.h"
#include "testutil.h"
#include "tkvv/regroup.h"
#include "../../src/regroup/regroup_internal.h"

/* A random hamlet that owns its arrays. */
struct th {
	struct regroup_hamlet h;
	struct regroup_member *m;
	struct regroup_group *g;
};

/* A hamlet from SEED: 20-150 members in 2-6 interleaved groups scattered
 * over about a kilometre, leaders and deputies, a few pins, members
 * without coordinates (some with a road order unless PLANE: the engine
 * then weighs exactly what regroup_measure reports), groups that may merge. */
static void th_random(struct th *t, uint64_t seed, int plane)
{
	uint64_t st = seed * 104729;
	size_t n = 20 + rg_rand(&st) % 131, k = 2 + rg_rand(&st) % 5;
	t->m = calloc(n, sizeof *t->m);
	t->g = calloc(k, sizeof *t->g);
	for (size_t i = 0; i < n; i++) {
		struct regroup_member *mb = &t->m[i];
		*mb = (struct regroup_member){(int64_t)i, (int)(rg_rand(&st) % k), rg_rand(&st) % 12 != 0,
			9.9 + (double)(rg_rand(&st) % 1000) * 1e-5, 106.3 + (double)(rg_rand(&st) % 1000) * 1e-5,
			rg_rand(&st) % 3 != 0, (int64_t)(rg_rand(&st) % 300), -1, -1, 0};
		mb->has_road &= !plane || mb->has_coord;
		if (rg_rand(&st) % 40 == 0)
			mb->pin = (int)(rg_rand(&st) % k);
	}
	for (size_t g = 0; g < k; g++) {
		t->g[g] = (struct regroup_group){(int64_t)g, -1, -1, rg_rand(&st) % 4 == 0, 0};
		for (size_t i = 0; i < n; i++) {
			if (t->m[i].group != (int)g || t->m[i].pin >= 0)
				continue;
			if (t->g[g].leader < 0)
				t->g[g].leader = (int)i;
			else if (t->g[g].deputy < 0)
				t->g[g].deputy = (int)i;
		}
	}
	t->h = (struct regroup_hamlet){n, k, t->m, t->g};
}

/* The objective of R may not exceed that of S by more than rounding (the
 * engine counts whole centimetres on a plane): a centimetre a member. */
static int not_worse(const struct regroup_hamlet *h, const struct regroup_result *r, const struct regroup_result *s)
{
	return r->objective <= s->objective * (1 + 1e-6) + 0.01 * (double)h->n;
}

START_TEST(test_budget_rules)
{
	/* Budgets of 0, 5, 10, 25, 50 % and none, each alone, on random
	 * hamlets under both leader rules. */
	static const double pct[] = {0, 5, 10, 25, 50, -1};
	int ok = 0;
	for (uint64_t seed = 1; seed <= 40; seed++) {
		struct th t;
		th_random(&t, seed, 0);
		struct regroup_params p = {5, 40, (double)(seed % 3) * 50, -1, (int)(seed % 2), (int)(seed % 3 != 0), 0};
		for (size_t b = 0; b < sizeof pct / sizeof pct[0]; b++) {
			struct regroup_result r;
			p.max_moves = pct[b] < 0 ? -1 : (long)floor(pct[b] / 100 * (double)t.h.n);
			ck_assert_int_eq(regroup_plan_hamlet(&t.h, &p, &r), 0);
			regroup_check_rules(&t.h, &p, p.max_moves, &r);
			if (p.max_moves == 0)
				ck_assert_int_eq(r.after.moved, 0);
			ok += r.status == REGROUP_OK;
			regroup_result_free(&r);
		}
		free(t.m);
		free(t.g);
	}
	ck_assert_int_gt(ok, 120);
}
END_TEST

START_TEST(test_budgets_together)
{
	/* One call for budgets of 10, 50, 0, 25 % and none: the rules hold at
	 * each, the objective never rises with the budget, and each plan is as
	 * good as that of a separate call or better, apart from the small
	 * budgets searched from another start (within 2 % in all). */
	double sum_together = 0, sum_alone = 0;
	for (uint64_t seed = 101; seed <= 130; seed++) {
		struct th t;
		th_random(&t, seed, 1);
		struct regroup_params p = {5, 40, 0, -1, 0, 1, 0};
		long budgets[5];
		static const double pct[5] = {10, 50, 0, 25, -1};
		for (int b = 0; b < 5; b++)
			budgets[b] = pct[b] < 0 ? -1 : (long)floor(pct[b] / 100 * (double)t.h.n);
		struct regroup_result res[5], alone;
		ck_assert_int_eq(regroup_plan_hamlet_budgets(&t.h, &p, budgets, 5, res), 0);
		for (int b = 0; b < 5; b++) {
			regroup_check_rules(&t.h, &p, budgets[b], &res[b]);
			p.max_moves = budgets[b];
			ck_assert_int_eq(regroup_plan_hamlet(&t.h, &p, &alone), 0);
			ck_assert_int_eq(alone.status, res[b].status);
			if (budgets[b] < 0 || b == 1)
				ck_assert(not_worse(&t.h, &res[b], &alone));
			if (res[b].status == REGROUP_OK) {
				sum_together += res[b].objective;
				sum_alone += alone.objective;
			}
			regroup_result_free(&alone);
		}
		/* Budgets in increasing order: 0, 10, 25, 50 %, none. */
		static const int rank[5] = {2, 0, 3, 1, 4};
		for (int b = 1; b < 5 && res[0].status == REGROUP_OK; b++)
			ck_assert(not_worse(&t.h, &res[rank[b]], &res[rank[b - 1]]));
		ck_assert_int_eq(res[2].after.moved, 0);
		for (int b = 0; b < 5; b++)
			regroup_result_free(&res[b]);
		free(t.m);
		free(t.g);
	}
	ck_assert(sum_together <= sum_alone * 1.02);
}
END_TEST

START_TEST(test_budgets_both_rules)
{
	/* With new leaders allowed the call returns the plans that keep the
	 * leaders first: the same as a call that keeps them. */
	for (uint64_t seed = 201; seed <= 215; seed++) {
		struct th t;
		th_random(&t, seed, 1);
		struct regroup_params p = {5, 40, 0, -1, 1, 1, 0}, kept = p;
		kept.new_leaders = 0;
		long budgets[3] = {(long)t.h.n / 10, (long)t.h.n / 4, -1};
		struct regroup_result both[6], one[3];
		ck_assert_int_eq(regroup_plan_hamlet_budgets(&t.h, &p, budgets, 3, both), 0);
		ck_assert_int_eq(regroup_plan_hamlet_budgets(&t.h, &kept, budgets, 3, one), 0);
		for (int b = 0; b < 3; b++) {
			regroup_check_rules(&t.h, &kept, budgets[b], &both[b]);
			regroup_check_rules(&t.h, &p, budgets[b], &both[3 + b]);
			ck_assert_int_eq(both[b].status, one[b].status);
			for (size_t i = 0; i < t.h.n; i++)
				ck_assert_int_eq(both[b].group[i], one[b].group[i]);
			if (both[b].status == REGROUP_OK)
				ck_assert(not_worse(&t.h, &both[3 + b], &both[b]));
			regroup_result_free(&both[b]);
			regroup_result_free(&both[3 + b]);
			regroup_result_free(&one[b]);
		}
		free(t.m);
		free(t.g);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("regroup_budget");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_budget_rules);
	tcase_add_test(tc, test_budgets_together);
	tcase_add_test(tc, test_budgets_both_rules);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
