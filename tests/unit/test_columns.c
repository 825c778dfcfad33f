/* Which columns a list shows in a width: by priority, each whole, the name
 * shrinking to its minimum, Left/Right to the hidden ones. */
#include "config.h"

#include <check.h>

#include "../../src/tui/columns.h"

/* The members screen's columns as the list lays them out: code, name
 * (flexible), hamlet, group, category, phone, outstanding, overdue. */
static const struct colspec members[] = {
	{9, 9, 1, 0}, {18, 18, 1, 1}, {10, 20, 2, 0}, {9, 9, 1, 0},
	{8, 16, 3, 0}, {10, 10, 2, 0}, {11, 13, 1, 0}, {10, 13, 1, 0},
};
#define NM ((int)(sizeof members / sizeof members[0]))

/* The width the shown columns take, with a space between. */
static int used(const int *w, int n)
{
	int u = -1;
	for (int i = 0; i < n; i++)
		u += w[i] + 1;
	return u;
}

/* Every column shown at least as wide as its minimum, none past WIDTH. */
static void check_whole(const int *shown, const int *w, int n, int width)
{
	for (int i = 0; i < n; i++)
		ck_assert_int_ge(w[i], members[shown[i]].min);
	ck_assert_int_le(used(w, n), width);
}

START_TEST(test_wide_shows_all)
{
	int shown[16], w[16], l, r;
	int n = columns_scroll(members, NM, 0, 200, shown, w, &l, &r);
	ck_assert_int_eq(n, NM);
	ck_assert(!l && !r);
	check_whole(shown, w, n, 200);
	/* The room left goes to the name first, then the others to their max. */
	ck_assert_int_eq(w[1], COLUMNS_FLEXMAX);
	ck_assert_int_eq(w[2], 20);
}
END_TEST

START_TEST(test_narrow_drops_by_priority)
{
	int shown[16], w[16], l, r;
	for (int width = 40; width <= 130; width++) {
		int n = columns_scroll(members, NM, 0, width, shown, w, &l, &r);
		check_whole(shown, w, n, width);
		/* Shown in list order; every priority 1 column once there is room. */
		int p1 = 0;
		for (int i = 0; i < n; i++) {
			if (i)
				ck_assert_int_gt(shown[i], shown[i - 1]);
			p1 += members[shown[i]].priority == 1;
		}
		if (width >= 9 + 18 + 9 + 11 + 10 + 4 + 3)
			ck_assert_int_eq(p1, 5);
		ck_assert(n == NM ? !r : r);
	}
	int n = columns_scroll(members, NM, 0, 70, shown, w, &l, &r);
	/* 70: the priority 1 columns whole, the name wider; no column of
	 * priority 3 that would leave it under COLUMNS_FLEXKEEP. */
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(shown[4], 7);
	ck_assert_int_eq(w[4], 10);
	ck_assert_int_eq(w[1], 18 + 70 - 61);
	/* 79 columns: the category (8) would fit, but the name keeps 24. */
	n = columns_scroll(members, NM, 0, 79, shown, w, &l, &r);
	ck_assert_int_eq(n, 6);
	ck_assert_int_eq(shown[2], 2);
	ck_assert_int_ge(w[1], COLUMNS_FLEXKEEP);
	/* 90: those of priority 2 too. */
	n = columns_scroll(members, NM, 0, 90, shown, w, &l, &r);
	ck_assert_int_eq(n, 7);
	for (int i = 0; i < n; i++)
		ck_assert_int_ne(shown[i], 4);
}
END_TEST

START_TEST(test_scroll_reveals_every_column)
{
	int shown[16], w[16], l, r, seen[NM] = {0};
	for (int width = 50; width <= 120; width += 10) {
		for (int i = 0; i < NM; i++)
			seen[i] = 0;
		int step = 0;
		for (r = 1; r && step < NM; step++) {
			int n = columns_scroll(members, NM, step, width, shown, w, &l, &r);
			check_whole(shown, w, n, width);
			ck_assert_int_eq(l, step > 0);
			for (int i = 0; i < n; i++)
				seen[shown[i]] = 1;
		}
		/* Right until no ▸ has shown each column once. */
		for (int i = 0; i < NM; i++)
			ck_assert_msg(seen[i], "column %d never shown at %d", i, width);
	}
	/* Back to no steps: as first shown. */
	int a[16], aw[16], b[16], bw[16];
	int na = columns_scroll(members, NM, 0, 70, a, aw, &l, &r);
	columns_scroll(members, NM, 2, 70, b, bw, &l, &r);
	int nb = columns_scroll(members, NM, 0, 70, b, bw, &l, &r);
	ck_assert_int_eq(na, nb);
	for (int i = 0; i < na; i++)
		ck_assert_int_eq(a[i], b[i]);
}
END_TEST

START_TEST(test_name_shrinks_codes_do_not)
{
	/* Code 12 whole, a name of at least 10, a figure of 15: 40 columns. */
	static const struct colspec c[] = {{12, 12, 1, 0}, {10, 10, 1, 1}, {15, 15, 1, 0}};
	int shown[4], w[4], l, r;
	int n = columns_scroll(c, 3, 0, 40, shown, w, &l, &r);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(w[0], 12);
	ck_assert_int_eq(w[1], 11);
	ck_assert_int_eq(w[2], 15);
	/* One column less: the figure goes, whole, not cut. */
	n = columns_scroll(c, 3, 0, 37, shown, w, &l, &r);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(w[0], 12);
	ck_assert(r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("columns");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_wide_shows_all);
	tcase_add_test(tc, test_narrow_drops_by_priority);
	tcase_add_test(tc, test_scroll_reveals_every_column);
	tcase_add_test(tc, test_name_shrinks_codes_do_not);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
