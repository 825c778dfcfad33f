/* Parsing dates, months, money, rates, coordinates and numbers. */
#include "config.h"

#include <locale.h>
#include <math.h>

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
	ck_assert_ptr_null(parse_date("07/01/0099", iso));
	ck_assert_str_eq(iso, "0099-01-07");
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

/* Vietnamese numbers in effect, as a program that took LC_ALL from the
 * environment would have them: a decimal comma for strtod and printf. */
static void vi_numbers(void)
{
	ck_assert_msg(setlocale(LC_NUMERIC, "vi_VN.UTF-8") != NULL,
		      "the vi_VN.UTF-8 locale is not installed (scripts/deps makes it)");
	ck_assert_str_eq(localeconv()->decimal_point, ",");
}

/* S must parse as exactly WANT (the compiler's correctly rounded reading). */
#define NUMBER_IS(s, want) do { \
		double got_ = -12345; \
		ck_assert_msg(parse_number(s, &got_) == NULL, "%s refused", s); \
		ck_assert_msg(got_ == (want) && signbit(got_) == signbit(want), "%s read as %a", s, got_); \
	} while (0)

START_TEST(test_number_vi_locale)
{
	double d = 7;
	vi_numbers();
	NUMBER_IS("2.0", 2.0);
	NUMBER_IS("2.5", 2.5);
	NUMBER_IS("95.0", 95.0);
	NUMBER_IS("0.5", 0.5);
	NUMBER_IS("-0.25", -0.25);
	NUMBER_IS("+3", 3.0);
	NUMBER_IS(".5", 0.5);
	NUMBER_IS("5.", 5.0);
	NUMBER_IS("0", 0.0);
	NUMBER_IS("-0", -0.0);
	NUMBER_IS("0.0086", 0.0086);
	NUMBER_IS("10.0452", 10.0452);
	NUMBER_IS("1e-05", 1e-05);
	NUMBER_IS("1.0e-05", 1.0e-05);
	NUMBER_IS("2.5E+3", 2.5E+3);
	NUMBER_IS("1e9", 1e9);
	/* More than 15 digits, or powers of ten past 10^22: still exact. */
	NUMBER_IS("0.40540540540540543", 0.40540540540540543);
	NUMBER_IS("0.1111111111111111", 0.1111111111111111);
	NUMBER_IS("9007199254740993", 9007199254740993.0);
	NUMBER_IS("123456789012345678901234567890", 123456789012345678901234567890.0);
	NUMBER_IS("2.2250738585072014e-308", 2.2250738585072014e-308);
	NUMBER_IS("1.7976931348623157e308", 1.7976931348623157e308);
	NUMBER_IS("4.9e-324", 4.9e-324);
	NUMBER_IS("1e-400", 0.0);
	NUMBER_IS("0.000000000000000000000000000001", 1e-30);
	/* The locale's comma is not a decimal mark in files and arguments. */
	ck_assert_ptr_nonnull(parse_number("2,5", &d));
	ck_assert_ptr_nonnull(parse_number("1,000", &d));
	ck_assert_ptr_nonnull(parse_number("1.000,5", &d));
	ck_assert_ptr_nonnull(parse_number("", &d));
	ck_assert_ptr_nonnull(parse_number("-", &d));
	ck_assert_ptr_nonnull(parse_number(".", &d));
	ck_assert_ptr_nonnull(parse_number("1.2.3", &d));
	ck_assert_ptr_nonnull(parse_number(" 1", &d));
	ck_assert_ptr_nonnull(parse_number("1 ", &d));
	ck_assert_ptr_nonnull(parse_number("1e", &d));
	ck_assert_ptr_nonnull(parse_number("1e+", &d));
	ck_assert_ptr_nonnull(parse_number("e5", &d));
	ck_assert_ptr_nonnull(parse_number("0x10", &d));
	ck_assert_ptr_nonnull(parse_number("inf", &d));
	ck_assert_ptr_nonnull(parse_number("nan", &d));
	ck_assert_ptr_nonnull(parse_number("--1", &d));
	ck_assert_ptr_nonnull(parse_number("1%", &d));
	ck_assert_str_eq(parse_number("1e400", &d), "is out of range");
	ck_assert(d == 7);
	/* Coordinates go through the same parser. */
	ck_assert_ptr_null(parse_degrees("10.0452", -90, 90, &d));
	ck_assert(d == 10.0452);
	ck_assert_ptr_nonnull(parse_degrees("10,0452", -90, 90, &d));
}
END_TEST

/* Random numbers of up to 17 digits, a point anywhere and an exponent,
 * against the C library's correctly rounded strtod in the C locale. */
START_TEST(test_number_rounding)
{
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	unsigned long long x = 88172645463325252ULL;
	char s[64];
	ck_assert_ptr_nonnull(c);
	vi_numbers();
	for (int i = 0; i < 200000; i++) {
		size_t n = 0;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		int ndigits = 1 + (int)(x % 17), point = (int)((x >> 8) % (unsigned)(ndigits + 1));
		int exp10 = (int)((x >> 16) % 61) - 30;
		if (x & (1ULL << 40))
			s[n++] = '-';
		for (int k = 0; k < ndigits; k++) {
			if (k == point)
				s[n++] = '.';
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			s[n++] = (char)('0' + x % 10);
		}
		n += (size_t)snprintf(s + n, sizeof s - n, "e%d", exp10);
		double got, want = strtod_l(s, NULL, c);
		ck_assert_msg(parse_number(s, &got) == NULL, "%s refused", s);
		ck_assert_msg(got == want, "%s read as %a, not %a", s, got, want);
	}
	freelocale(c);
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
	tcase_add_test(tc, test_number_vi_locale);
	tcase_add_test(tc, test_number_rounding);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
