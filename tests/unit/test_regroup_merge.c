/* The merges decided before a plan (regroup_merge.c): a candidate goes into
 * an adjacent group when the two fit the bounds and the survivor's walk
 * grows by at most the limit; otherwise the reason it stays. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "testutil.h"
#include "tkvv/regroup.h"

/* Metres as degrees of latitude near 10° N. */
#define M(x) ((x) / 111195.0)

struct th {
	struct regroup_member m[80];
	struct regroup_group g[6];
	size_t n, k;
};

/* Add COUNT members of group G every 10 m along a line from metre X0. */
static void add_line(struct th *t, int g, int count, double x0)
{
	for (int i = 0; i < count; i++)
		t->m[t->n++] = (struct regroup_member){(int64_t)t->n, g, 1, 10.0 + M(x0 + 10.0 * i), 106.0, 0, 0, -1, -1, 0};
}

/* A: 20 members on 0..190 m, B (a candidate): 3 on 200..220 m, C: 20 on
 * 235..425 m, D (a candidate): 10 members 5 km away. */
static void th_line(struct th *t)
{
	memset(t, 0, sizeof *t);
	add_line(t, 0, 20, 0);
	add_line(t, 1, 3, 200);
	add_line(t, 2, 20, 235);
	add_line(t, 3, 10, 5000);
	t->k = 4;
	for (size_t g = 0; g < t->k; g++)
		t->g[g] = (struct regroup_group){(int64_t)g + 1, -1, -1, 0, 0};
	t->g[1].may_merge = t->g[3].may_merge = 1;
	/* Leaders: the first member of each group. */
	for (size_t i = t->n; i-- > 0;)
		t->g[t->m[i].group].leader = (int)i;
}

static struct regroup_hamlet th_h(const struct th *t)
{
	return (struct regroup_hamlet){t->n, t->k, t->m, t->g};
}

START_TEST(test_merge_adjacent)
{
	struct th t;
	th_line(&t);
	struct regroup_hamlet h = th_h(&t);
	struct regroup_merge mg[4];
	ck_assert_int_eq(regroup_merge_decide(&h, 5, 60, 100, mg), 1);
	/* B joins A (30 m more walk) rather than C (35 m). */
	ck_assert_int_eq(mg[1].why, REGROUP_MERGED);
	ck_assert_int_eq(mg[1].into, 0);
	ck_assert_int_eq(mg[1].members, 23);
	ck_assert(fabs(mg[1].walk_before - 190) < 1);
	ck_assert(fabs(mg[1].walk_after - 220) < 1);
	/* D has no adjacent group: its five nearest are its own. */
	ck_assert_int_eq(mg[3].into, -1);
	ck_assert_int_eq(mg[3].why, REGROUP_KEEP_NO_NEIGHBOUR);
	ck_assert_int_eq(mg[0].why, REGROUP_KEEP_NOT_CANDIDATE);
	ck_assert_int_eq(mg[0].into, -1);
}
END_TEST

START_TEST(test_merge_bounds_walk_refused)
{
	struct th t;
	th_line(&t);
	struct regroup_hamlet h = th_h(&t);
	struct regroup_merge mg[4];
	/* 3 + 20 > 22: neither neighbour can take B. */
	ck_assert_int_eq(regroup_merge_decide(&h, 5, 22, 100, mg), 0);
	ck_assert_int_eq(mg[1].why, REGROUP_KEEP_BOUNDS);
	/* The walk would grow by 30 m, more than 20. */
	ck_assert_int_eq(regroup_merge_decide(&h, 5, 60, 20, mg), 0);
	ck_assert_int_eq(mg[1].why, REGROUP_KEEP_WALK);
	ck_assert(fabs(mg[1].walk_after - mg[1].walk_before - 30) < 1);
	t.g[1].no_merge = 1;
	ck_assert_int_eq(regroup_merge_decide(&h, 5, 60, 100, mg), 0);
	ck_assert_int_eq(mg[1].why, REGROUP_KEEP_REFUSED);
	t.g[1].no_merge = 0;
	t.m[0].pin = 1;
	ck_assert_int_eq(regroup_merge_decide(&h, 5, 60, 100, mg), 0);
	ck_assert_int_eq(mg[1].why, REGROUP_KEEP_PINNED);
}
END_TEST

START_TEST(test_merge_road)
{
	/* Road order only: B (5..7) lies between A (0..4) and C (20..29);
	 * A is nearer along the road. */
	struct th t;
	memset(&t, 0, sizeof t);
	int grp[] = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
	int64_t road[] = {0, 1, 2, 3, 4, 5, 6, 7, 20, 21, 22, 23, 24};
	for (size_t i = 0; i < 13; i++)
		t.m[t.n++] = (struct regroup_member){(int64_t)i, grp[i], 0, 0, 0, 1, road[i], -1, -1, 0};
	t.k = 3;
	for (size_t g = 0; g < 3; g++)
		t.g[g] = (struct regroup_group){(int64_t)g + 1, -1, -1, g == 1, 0};
	struct regroup_hamlet h = th_h(&t);
	struct regroup_merge mg[3];
	ck_assert_int_eq(regroup_merge_decide(&h, 2, 60, 1000, mg), 1);
	ck_assert_int_eq(mg[1].into, 0);
	/* 20 m a step: A's walk 80 m, with B 140 m. */
	ck_assert(fabs(mg[1].walk_after - 140) < 1e-6);
}
END_TEST

START_TEST(test_merge_plan)
{
	/* The plan with the merge done: B's members end outside B, B is merged
	 * into A, B's leader is A's deputy and stays in A. */
	struct th t;
	th_line(&t);
	struct regroup_hamlet h = th_h(&t);
	struct regroup_merge mg[4];
	ck_assert_int_eq(regroup_merge_decide(&h, 5, 60, 100, mg), 1);
	struct regroup_reduced r;
	regroup_merge_reduce(&h, mg, &r);
	ck_assert_int_eq((int)r.h.k, 3);
	ck_assert_int_eq(r.groups[0].deputy, t.g[1].leader);
	struct regroup_params p = {5, 60, 0, -1, 0, 1, 0};
	struct regroup_result res;
	ck_assert_int_eq(regroup_plan_hamlet(&r.h, &p, &res), 0);
	ck_assert_int_eq(res.status, REGROUP_OK);
	regroup_merge_expand(&h, &r, mg, 5, 60, &res);
	ck_assert_int_eq(res.merged_into[1], 0);
	ck_assert_int_eq(res.merged_into[0], -1);
	ck_assert_int_eq(res.group[t.g[1].leader], 0);
	for (size_t i = 0; i < t.n; i++)
		ck_assert_int_ne(res.group[i], 1);
	ck_assert_int_eq(res.before.groups, 4);
	ck_assert_int_eq(res.after.groups, 3);
	ck_assert_int_ge(res.after.moved, 3);
	regroup_result_free(&res);
	regroup_reduced_free(&r);
}
END_TEST

START_TEST(test_leader_candidate)
{
	/* Group A: 20 houses on 0..190 m, its centre at 90-100 m. The one
	 * nearest the centre, not the leader, with no overdue loan. */
	struct th t;
	th_line(&t);
	struct regroup_hamlet h = th_h(&t);
	int group[80];
	for (size_t i = 0; i < t.n; i++)
		group[i] = t.m[i].group;
	int first = regroup_leader_candidate(&h, group, 0, -1);
	ck_assert(first == 9 || first == 10);
	t.g[0].leader = first;
	int second = regroup_leader_candidate(&h, group, 0, -1);
	ck_assert(second != first && abs(second - first) <= 2);
	t.m[second].overdue = 1;
	int third = regroup_leader_candidate(&h, group, 0, -1);
	ck_assert(third != first && third != second && abs(third - first) <= 2);
	ck_assert_int_ne(regroup_leader_candidate(&h, group, 0, third), third);
	/* The groups after a plan: B's houses in A count as A's. */
	for (size_t i = 20; i < 23; i++)
		group[i] = 0;
	ck_assert_int_ge(regroup_leader_candidate(&h, group, 0, -1), 0);
	ck_assert_int_eq(regroup_leader_candidate(&h, group, 1, -1), -1);
	/* Everyone overdue: no one. */
	for (size_t i = 0; i < t.n; i++)
		t.m[i].overdue = 1;
	ck_assert_int_eq(regroup_leader_candidate(&h, group, 0, -1), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("regroup_merge");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_merge_adjacent);
	tcase_add_test(tc, test_merge_bounds_walk_refused);
	tcase_add_test(tc, test_merge_road);
	tcase_add_test(tc, test_merge_plan);
	tcase_add_test(tc, test_leader_candidate);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
