/* Organisations' share in plans (plan_orgs.c): the cheapest moves that push
 * an organisation's share beyond the tolerance are undone, never a leader's
 * or past the bounds; the shares are counted before and after. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "testutil.h"
#include "tkvv/plan.h"

/* Two groups of 10 (group 0 of organisation 0, group 1 of 1); the plan
 * moves members 0, 1, 2 to group 1, saving 10, 30 and 20 m. */
struct fx {
	struct regroup_member m[20];
	struct regroup_group g[2];
	int group[20], merged[2], leader[2];
	double before[20], after[20];
	struct regroup_hamlet h;
	struct regroup_result r;
};

static void fx_init(struct fx *x)
{
	memset(x, 0, sizeof *x);
	for (int i = 0; i < 20; i++) {
		x->m[i] = (struct regroup_member){i, i / 10, 1, 10, 106, 0, 0, -1, -1, 0};
		x->group[i] = i / 10;
		x->before[i] = x->after[i] = 50;
	}
	x->g[0] = (struct regroup_group){1, 9, -1, 0, 0};
	x->g[1] = (struct regroup_group){2, 19, -1, 0, 0};
	double saved[3] = {10, 30, 20};
	for (int i = 0; i < 3; i++) {
		x->group[i] = 1;
		x->after[i] = 50 - saved[i];
	}
	x->merged[0] = x->merged[1] = x->leader[0] = x->leader[1] = -1;
	x->h = (struct regroup_hamlet){20, 2, x->m, x->g};
	x->r.status = REGROUP_OK;
	x->r.group = x->group;
	x->r.merged_into = x->merged;
	x->r.new_leader = x->leader;
	x->r.dist_before = x->before;
	x->r.dist_after = x->after;
}

static const int org[2] = {0, 1};

START_TEST(test_org_cheapest_undone)
{
	struct fx x;
	fx_init(&x);
	/* 3 moves of 20 members: +15 points for organisation 1; at most 10. */
	ck_assert_int_eq(plan_org_enforce(&x.h, org, 2, 10, 5, 60, &x.r), 0);
	ck_assert_int_eq(x.group[0], 0);
	ck_assert_int_eq(x.group[1], 1);
	ck_assert_int_eq(x.group[2], 1);
	ck_assert(x.after[0] == x.before[0]);
	/* 5 points: the next cheapest (20 m) goes back too. */
	ck_assert_int_eq(plan_org_enforce(&x.h, org, 2, 5, 5, 60, &x.r), 0);
	ck_assert_int_eq(x.group[2], 0);
	ck_assert_int_eq(x.group[1], 1);
	/* Within the tolerance nothing changes. */
	fx_init(&x);
	ck_assert_int_eq(plan_org_enforce(&x.h, org, 2, 15, 5, 60, &x.r), 0);
	ck_assert_int_eq(x.group[0] + x.group[1] + x.group[2], 3);
}
END_TEST

START_TEST(test_org_kept_moves)
{
	struct fx x;
	fx_init(&x);
	/* A proposed leader's, a pinned member's move stay: one organisation stays out. */
	x.leader[1] = 0;
	x.m[1].pin = 1;
	ck_assert_int_eq(plan_org_enforce(&x.h, org, 2, 0, 5, 60, &x.r), 2);
	ck_assert_int_eq(x.group[0], 1);
	ck_assert_int_eq(x.group[1], 1);
	ck_assert_int_eq(x.group[2], 0);
	/* The bounds: group 0 back to 8 may not take one back when at most 7... */
	fx_init(&x);
	ck_assert_int_eq(plan_org_enforce(&x.h, org, 2, 0, 5, 7, &x.r), 2);
	ck_assert_int_eq(x.group[0] + x.group[1] + x.group[2], 3);
	/* ...nor a group fall below the minimum. */
	fx_init(&x);
	ck_assert_int_eq(plan_org_enforce(&x.h, org, 2, 0, 13, 60, &x.r), 2);
	ck_assert_int_eq(x.group[0] + x.group[1] + x.group[2], 3);
	/* A merged group's members cannot go back. */
	fx_init(&x);
	x.merged[0] = 1;
	ck_assert_int_eq(plan_org_enforce(&x.h, org, 2, 0, 5, 60, &x.r), 2);
}
END_TEST

START_TEST(test_org_accounting)
{
	struct fx x;
	fx_init(&x);
	int64_t balance[20];
	for (int i = 0; i < 20; i++)
		balance[i] = 1000 * (i + 1);
	char pn[] = "PN", nd[] = "ND";
	char *codes[2] = {pn, nd};
	struct plan p;
	memset(&p, 0, sizeof p);
	plan_org_add(&p, "C1", &x.h, codes, balance, &x.r);
	ck_assert_uint_eq(p.norgs, 2);
	/* Sorted by commune, then organisation: ND, PN. */
	ck_assert_str_eq(p.orgs[0].org_code, "ND");
	ck_assert_int_eq(p.orgs[0].members_before, 10);
	ck_assert_int_eq(p.orgs[0].members_after, 13);
	ck_assert_int_eq(p.orgs[0].outstanding_after - p.orgs[0].outstanding_before, 1000 + 2000 + 3000);
	ck_assert_int_eq(p.orgs[1].members_after, 7);
	ck_assert_int_eq(p.orgs[1].groups_before, 1);
	ck_assert_int_eq(p.orgs[1].groups_after, 1);
	/* Group 0 merged into 1: PN has no group left; another hamlet adds up. */
	for (int i = 0; i < 10; i++)
		x.group[i] = 1;
	x.merged[0] = 1;
	plan_org_add(&p, "C1", &x.h, codes, balance, &x.r);
	ck_assert_int_eq(p.orgs[1].groups_before, 2);
	ck_assert_int_eq(p.orgs[1].groups_after, 1);
	ck_assert_int_eq(p.orgs[1].members_after, 7);
	ck_assert_int_eq(p.orgs[0].members_after, 33);
	plan_free(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("plan_orgs");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_org_cheapest_undone);
	tcase_add_test(tc, test_org_kept_moves);
	tcase_add_test(tc, test_org_accounting);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
