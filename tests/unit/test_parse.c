/* Parsing dates, months, money, rates and coordinates. */
#include "config.h"

#include "testutil.h"
#include "tkvv/parse.h"

START_TEST(test_dates)
{
	char iso[11];
	ck_assert_ptr_null(parse_date("2024-02-29", iso));
	ck_assert_str_eq(iso, "2024-02-29");
	ck_assert_ptr_null(parse_date("29/02/2024", iso));
	ck_assert_str_eq(iso, "2024-02-29");
	ck_assert_ptr_null(parse_date("01/12/1999", iso));
	ck_assert_str_eq(iso, "1999-12-01");
	ck_assert_ptr_null(parse_date("29/02/2000", iso));
	ck_assert_str_eq(iso, "2000-02-29");
	ck_assert_ptr_nonnull(parse_date("31/02/2024", iso));
	ck_assert_str_eq(parse_date("31/02/2024", iso), "is not a real date");
	ck_assert_ptr_nonnull(parse_date("29/02/2023", iso));
	ck_assert_ptr_nonnull(parse_date("29/02/1900", iso));
	ck_assert_ptr_nonnull(parse_date("2024-04-31", iso));
	ck_assert_ptr_nonnull(parse_date("2024-13-01", iso));
	ck_assert_ptr_nonnull(parse_date("2024-00-10", iso));
	ck_assert_ptr_nonnull(parse_date("00/01/2024", iso));
	ck_assert_ptr_nonnull(parse_date("2024-1-5", iso));
	ck_assert_ptr_nonnull(parse_date("1/5/2024", iso));
	ck_assert_ptr_nonnull(parse_date("2024/01/05", iso));
	ck_assert_ptr_nonnull(parse_date("hôm nay", iso));
	ck_assert_ptr_nonnull(parse_date("", iso));
	ck_assert_int_eq(parse_date_valid(2024, 12, 31), 1);
	ck_assert_int_eq(parse_date_valid(2100, 2, 29), 0);
}
END_TEST

START_TEST(test_months)
{
	char iso[8];
	ck_assert_ptr_null(parse_month("2024-01", iso));
	ck_assert_str_eq(iso, "2024-01");
	ck_assert_ptr_nonnull(parse_month("2024-13", iso));
	ck_assert_ptr_nonnull(parse_month("2024-00", iso));
	ck_assert_ptr_nonnull(parse_month("2024-1", iso));
	ck_assert_ptr_nonnull(parse_month("01/2024", iso));
}
END_TEST

START_TEST(test_money)
{
	int64_t v;
	ck_assert_ptr_null(parse_money("1500000", 0, &v));
	ck_assert_int_eq(v, 1500000);
	ck_assert_ptr_null(parse_money("1.500.000", 0, &v));
	ck_assert_int_eq(v, 1500000);
	ck_assert_ptr_null(parse_money("1 500 000", 0, &v));
	ck_assert_int_eq(v, 1500000);
	ck_assert_ptr_null(parse_money("15.000", 0, &v));
	ck_assert_int_eq(v, 15000);
	ck_assert_ptr_null(parse_money("0", 0, &v));
	ck_assert_int_eq(v, 0);
	ck_assert_ptr_null(parse_money("-50.000", 1, &v));
	ck_assert_int_eq(v, -50000);
	ck_assert_ptr_null(parse_money("1000000000000000", 0, &v));
	ck_assert_int_eq(v, PARSE_MONEY_MAX);
	ck_assert_str_eq(parse_money("-5", 0, &v), "is negative; amounts are never negative here");
	ck_assert_ptr_nonnull(parse_money("1000000000000001", 0, &v));
	ck_assert_ptr_nonnull(parse_money("99999999999999999999999", 0, &v));
	ck_assert_ptr_nonnull(parse_money("1.50.000", 0, &v));
	ck_assert_ptr_nonnull(parse_money("1.5000.000", 0, &v));
	ck_assert_ptr_nonnull(parse_money("1500.000.00", 0, &v));
	ck_assert_ptr_nonnull(parse_money("1.500 000", 0, &v));
	ck_assert_ptr_nonnull(parse_money("1,500,000", 0, &v));
	ck_assert_ptr_nonnull(parse_money(".500", 0, &v));
	ck_assert_ptr_nonnull(parse_money("500.", 0, &v));
	ck_assert_ptr_nonnull(parse_money("12ab", 0, &v));
	ck_assert_ptr_nonnull(parse_money("1.5", 0, &v));
	ck_assert_ptr_nonnull(parse_money("-", 1, &v));
	ck_assert_ptr_nonnull(parse_money("", 0, &v));
}
END_TEST

START_TEST(test_rates)
{
	int64_t ppm;
	char out[32];
	ck_assert_ptr_null(parse_rate("0.52", &ppm));
	ck_assert_int_eq(ppm, 5200);
	ck_assert_ptr_null(parse_rate("0,624", &ppm));
	ck_assert_int_eq(ppm, 6240);
	ck_assert_ptr_null(parse_rate("0.6500", &ppm));
	ck_assert_int_eq(ppm, 6500);
	ck_assert_ptr_null(parse_rate("1", &ppm));
	ck_assert_int_eq(ppm, 10000);
	ck_assert_ptr_null(parse_rate(".7", &ppm));
	ck_assert_int_eq(ppm, 7000);
	ck_assert_ptr_null(parse_rate("0.0001", &ppm));
	ck_assert_int_eq(ppm, 1);
	ck_assert_str_eq(parse_rate("0.52001", &ppm), "has more than 4 decimals");
	ck_assert_ptr_nonnull(parse_rate("-0.5", &ppm));
	ck_assert_ptr_nonnull(parse_rate("0.5%", &ppm));
	ck_assert_ptr_nonnull(parse_rate(".", &ppm));
	ck_assert_ptr_nonnull(parse_rate("", &ppm));
	ck_assert_ptr_nonnull(parse_rate("101", &ppm));
	parse_rate_format(5200, out);
	ck_assert_str_eq(out, "0.52");
	parse_rate_format(6240, out);
	ck_assert_str_eq(out, "0.624");
	parse_rate_format(10000, out);
	ck_assert_str_eq(out, "1");
	parse_rate_format(0, out);
	ck_assert_str_eq(out, "0");
	parse_rate_format(1, out);
	ck_assert_str_eq(out, "0.0001");
	parse_rate_format(12345, out);
	ck_assert_str_eq(out, "1.2345");
}
END_TEST

START_TEST(test_degrees_and_counts)
{
	double d;
	int64_t n;
	ck_assert_ptr_null(parse_degrees("10.0452", -90, 90, &d));
	ck_assert(d == 10.0452);
	ck_assert_ptr_null(parse_degrees("-33.5", -90, 90, &d));
	ck_assert(d == -33.5);
	ck_assert_ptr_null(parse_degrees("105", -180, 180, &d));
	ck_assert(d == 105.0);
	ck_assert_ptr_nonnull(parse_degrees("91", -90, 90, &d));
	ck_assert_ptr_nonnull(parse_degrees("10,5", -90, 90, &d));
	ck_assert_ptr_nonnull(parse_degrees("1.2.3", -90, 90, &d));
	ck_assert_ptr_nonnull(parse_degrees("N10", -90, 90, &d));
	ck_assert_ptr_nonnull(parse_degrees("-", -90, 90, &d));
	ck_assert_ptr_null(parse_count("42", &n));
	ck_assert_int_eq(n, 42);
	ck_assert_ptr_nonnull(parse_count("-1", &n));
	ck_assert_ptr_nonnull(parse_count("4.5", &n));
	ck_assert_ptr_nonnull(parse_count("99999999999999999999", &n));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_months);
	tcase_add_test(tc, test_money);
	tcase_add_test(tc, test_rates);
	tcase_add_test(tc, test_degrees_and_counts);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
