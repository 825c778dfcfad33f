/* The hamlet map renderer against exact character grids. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "testutil.h"
#include "../../src/tui/map.h"

/* Render N members into a W x H grid and compare it row by row with WANT. */
static void expect_grid(const struct regroup_member *m, size_t n, const int *group,
			const unsigned char *leader, int w, int h, const char *const *want, long placed)
{
	struct regroup_hamlet ham = {n, 0, m, NULL};
	char grid[400];
	int cg[400];
	ck_assert_int_le(w * h, 400);
	ck_assert_int_eq(map_render(&ham, group, leader, w, h, grid, cg), placed);
	for (int r = 0; r < h; r++)
		ck_assert_msg(!memcmp(grid + r * w, want[r], (size_t)w), "row %d: '%.*s', not '%s'", r, w,
			      grid + r * w, want[r]);
}

/* A member at LAT, LON. */
static struct regroup_member at(double lat, double lon)
{
	return (struct regroup_member){.has_coord = 1, .lat = lat, .lon = lon, .cluster = -1, .pin = -1};
}

START_TEST(test_straight_road)
{
	/* Six households known only by road order, given out of order. */
	struct regroup_member m[6];
	static const int64_t order[6] = {30, 10, 60, 20, 50, 40};
	static const int group[6] = {0, 0, 1, 0, 1, 1};
	static const unsigned char leader[6] = {0, 1, 1, 0, 0, 0};
	for (int i = 0; i < 6; i++)
		m[i] = (struct regroup_member){.has_road = 1, .road_order = order[i], .cluster = -1, .pin = -1};
	static const char *const want[] = {"AaabbB      ", "------      ", "            "};
	expect_grid(m, 6, group, leader, 12, 3, want, 6);
	/* Twelve households in six columns: two to a cell, in road order. */
	struct regroup_member m2[12];
	int g2[12];
	for (int i = 0; i < 12; i++) {
		m2[i] = (struct regroup_member){.has_road = 1, .road_order = i, .cluster = -1, .pin = -1};
		g2[i] = i < 5 ? 0 : 1;
	}
	static const char *const want2[] = {"aa+bbb", "------"};
	expect_grid(m2, 12, g2, NULL, 6, 2, want2, 12);
	/* With room, the road goes on in a second line, in reading order. */
	static const char *const want3[] = {"      ", "aaaaab", "------", "bbbbbb", "------", "      "};
	expect_grid(m2, 12, g2, NULL, 6, 6, want3, 12);
}
END_TEST

START_TEST(test_two_clusters)
{
	/* Two neighbourhoods 1 km apart east-west, each with its leader. */
	struct regroup_member m[] = {at(10.0, 106.0), at(10.0001, 106.0), at(10.0, 106.0001),
				     at(10.0, 106.01), at(10.0001, 106.01), at(10.0001, 106.0099)};
	static const int group[] = {0, 0, 0, 1, 1, 1};
	static const unsigned char leader[] = {0, 1, 0, 0, 0, 1};
	static const char *const want[] = {"           ", "A         B", "           "};
	expect_grid(m, 6, group, leader, 11, 3, want, 6);
	/* Without leaders a cell shows its majority, or '+' when there is none. */
	static const int mixed[] = {0, 1, 0, 1, 0, 1};
	static const char *const want2[] = {"           ", "a         b", "           "};
	expect_grid(m, 6, mixed, NULL, 11, 3, want2, 6);
	static const int tie[] = {0, 1, 1, 0, 1, 2};
	static const char *const want3[] = {"           ", "b         +", "           "};
	expect_grid(m, 6, tie, NULL, 11, 3, want3, 6);
}
END_TEST

START_TEST(test_aspect_and_unplaced)
{
	/* A square of 100 m: ten columns wide, five rows tall, centred. */
	double d = 100.0 / 111195.0, c = cos(10.0 * M_PI / 180.0);
	struct regroup_member m[] = {at(10.0 + d / 2, 106.0), at(10.0 + d / 2, 106.0 + d / c),
				     at(10.0 - d / 2, 106.0), at(10.0 - d / 2, 106.0 + d / c),
				     {.cluster = -1, .pin = -1}};
	static const int group[] = {0, 1, 2, 3, 0};
	static const char *const want[] = {"     a         b     ", "                     ",
					   "                     ", "                     ",
					   "                     ", "     c         d     "};
	expect_grid(m, 5, group, NULL, 21, 6, want, 4);
	/* A member without a group is left off; one household sits in the middle. */
	static const int one[] = {-1, -1, 4, -1, -1};
	static const char *const want2[] = {"     ", "  e  ", "     "};
	expect_grid(m, 5, one, NULL, 5, 3, want2, 1);
	ck_assert_int_eq(map_letter(25, 1), 'Z');
	ck_assert_int_eq(map_letter(26, 0), '?');
}
END_TEST

int main(void)
{
	Suite *s = suite_create("map");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_straight_road);
	tcase_add_test(tc, test_two_clusters);
	tcase_add_test(tc, test_aspect_and_unplaced);
	suite_add_tcase(s, tc);
	i18n_locale();
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
