/* The bar chart renderer: exact rows for a few series, UTF-8 and ASCII. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "testutil.h"
#include "../../src/tui/barchart.h"

/* Render C and compare each row with WANT[]. */
static void check_rows(const struct barchart *c, const char *const *want)
{
	char **rows = barchart_render(c);
	for (int y = 0; y < c->height; y++)
		ck_assert_msg(strcmp(rows[y], want[y]) == 0, "row %d: '%s', expected '%s'", y, rows[y], want[y]);
	barchart_free(rows, c->height);
}

START_TEST(test_two_rows_with_a_gap)
{
	const double v[] = {1, 2, 4, NAN};
	struct barchart c = {v, 4, 4, 2, 1, 1, 1};
	const char *const utf8[] = {"    █   ", "▄ █ █   "};
	check_rows(&c, utf8);
	c.utf8 = 0;
	const char *const ascii[] = {"    #   ", ": # #   "};
	check_rows(&c, ascii);
}
END_TEST

START_TEST(test_tiny_value_still_shows)
{
	const double v[] = {0.01, 0, 10};
	struct barchart c = {v, 3, 0, 1, 2, 0, 1};
	const char *const utf8[] = {"▁▁  ██"};
	check_rows(&c, utf8);
	c.utf8 = 0;
	const char *const ascii[] = {"..  ##"};
	check_rows(&c, ascii);
}
END_TEST

START_TEST(test_above_max_is_clamped)
{
	const double v[] = {150, 50, 37.5, -5};
	struct barchart c = {v, 4, 100, 1, 1, 1, 1};
	const char *const utf8[] = {"█ ▄ ▃   "};
	check_rows(&c, utf8);
	c.utf8 = 0;
	const char *const ascii[] = {"# : .   "};
	check_rows(&c, ascii);
}
END_TEST

START_TEST(test_eighths)
{
	const double v[] = {3, 1};
	struct barchart c = {v, 2, 0, 3, 1, 0, 1};
	ck_assert_int_eq(barchart_eighths(&c, 3), 24);
	ck_assert_int_eq(barchart_eighths(&c, 1), 8);
	ck_assert_int_eq(barchart_eighths(&c, 1.0625), 9);
	ck_assert_int_eq(barchart_eighths(&c, NAN), 0);
	const char *const utf8[] = {"█ ", "█ ", "██"};
	check_rows(&c, utf8);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("barchart");
	TCase *tc = tcase_create("barchart");
	tcase_add_test(tc, test_two_rows_with_a_gap);
	tcase_add_test(tc, test_tiny_value_still_shows);
	tcase_add_test(tc, test_above_max_is_clamped);
	tcase_add_test(tc, test_eighths);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
