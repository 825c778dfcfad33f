/* Parsing the values of CSV files exactly: no locale, no floating point
 * where money or rates are concerned. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/parse.h"

/* Read exactly N digits at S into *V; false when one is not a digit. */
static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

int parse_date_valid(int year, int month, int day)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (year < 1 || month < 1 || month > 12 || day < 1)
		return 0;
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return day <= days[month - 1] + (month == 2 && leap);
}

const char *parse_date(const char *s, char iso[11])
{
	int y, m, d;
	size_t n = strlen(s);
	if (n == 10 && s[4] == '-' && s[7] == '-' &&
	    digits(s, 4, &y) && digits(s + 5, 2, &m) && digits(s + 8, 2, &d)) {
		/* ISO */
	} else if (n == 10 && s[2] == '/' && s[5] == '/' &&
		   digits(s, 2, &d) && digits(s + 3, 2, &m) && digits(s + 6, 4, &y)) {
		/* Vietnamese day/month/year */
	} else {
		return N_("is not a date (YYYY-MM-DD or DD/MM/YYYY)");
	}
	if (!parse_date_valid(y, m, d))
		return N_("is not a real date");
	/* YYYY-MM-DD digit by digit (y < 10000, m and d < 100): no snprintf per field. */
	const int v[] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, -1, m / 10, m % 10, -1,
			 d / 10, d % 10};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		iso[i] = v[i] < 0 ? '-' : (char)('0' + v[i]);
	iso[10] = '\0';
	return NULL;
}

const char *parse_month(const char *s, char iso[8])
{
	int y, m;
	if (strlen(s) != 7 || s[4] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m))
		return N_("is not a month (YYYY-MM)");
	if (y < 1 || m < 1 || m > 12)
		return N_("is not a real month");
	snprintf(iso, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	return NULL;
}

/* Add digit C to *V, failing past PARSE_MONEY_MAX. */
static int money_digit(int64_t *v, char c)
{
	*v = *v * 10 + (c - '0');
	return *v <= PARSE_MONEY_MAX;
}

const char *parse_money(const char *s, int allow_negative, int64_t *vnd)
{
	int neg = 0;
	char sep = 0;
	size_t run = 0, groups = 0;
	int64_t v = 0;
	if (*s == '-') {
		if (!allow_negative)
			return N_("is negative; amounts are never negative here");
		neg = 1;
		s++;
	}
	if (!*s)
		return N_("is not a whole amount of VND");
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (!money_digit(&v, *s))
				return N_("is too large");
			run++;
		} else if ((*s == '.' || *s == ' ') && (!sep || sep == *s) && run > 0 &&
			   (groups ? run == 3 : run <= 3)) {
			sep = *s;
			groups++;
			run = 0;
		} else {
			return N_("is not a whole amount of VND (digits, 1.500.000 or 1 500 000)");
		}
	}
	if (run == 0 || (groups && run != 3))
		return N_("is not a whole amount of VND (digits, 1.500.000 or 1 500 000)");
	*vnd = neg ? -v : v;
	return NULL;
}

const char *parse_rate(const char *s, int64_t *ppm)
{
	int64_t whole = 0, frac = 0;
	int decimals = 0, seen = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++, seen = 1) {
		whole = whole * 10 + (*p - '0');
		if (whole > 100)
			return N_("is too large for a monthly rate in percent");
	}
	if (*p == '.' || *p == ',') {
		for (p++; *p >= '0' && *p <= '9'; p++, seen = 1) {
			if (++decimals > 4)
				return N_("has more than 4 decimals");
			frac = frac * 10 + (*p - '0');
		}
	}
	if (*p || !seen)
		return N_("is not a rate in percent per month (e.g. 0.52 or 0,52)");
	for (; decimals < 4; decimals++)
		frac *= 10;
	*ppm = whole * 10000 + frac;
	return NULL;
}

void parse_rate_format(int64_t ppm, char out[32])
{
	int n = snprintf(out, 32, "%lld.%04lld", (long long)(ppm / 10000),
			 (long long)(ppm % 10000));
	while (n > 0 && out[n - 1] == '0')
		out[--n] = '\0';
	if (n > 0 && out[n - 1] == '.')
		out[n - 1] = '\0';
}

/* MANT times ten to EXP10 when exact arithmetic gives it correctly rounded:
 * MANT below 10^15 and 10^|EXP10| at most 10^22 are exact in a double, so
 * the one multiplication or division rounds once. */
static int number_exact(int64_t mant, int exp10, double *out)
{
	static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
				       1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
				       1e20, 1e21, 1e22};
	if (exp10 > 22 || exp10 < -22)
		return 0;
	*out = exp10 >= 0 ? (double)mant * pow10[exp10] : (double)mant / pow10[-exp10];
	return 1;
}

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void c_locale_make(void)
{
	c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* strtod of S in the C locale, whatever the thread's: for the numbers that
 * number_exact cannot take (more digits, larger exponents). */
static double number_c_strtod(const char *s)
{
	pthread_once(&c_locale_once, c_locale_make);
	if (!c_locale)
		abort();
	locale_t old = uselocale(c_locale);
	double v = strtod(s, NULL);
	uselocale(old);
	return v;
}

const char *parse_number(const char *s, double *out)
{
	static const char bad[] = N_("is not a number (digits with a dot, e.g. 2.5)");
	int neg = *s == '-';
	const char *num = s + (neg || *s == '+'), *p = num;
	int64_t mant = 0;
	int sig = 0, point = 0, any = 0, exp10 = 0;
	/* The significant digits into MANT (while they fit) and the power of
	 * ten the point gives them. */
	for (; (*p >= '0' && *p <= '9') || (*p == '.' && !point); p++) {
		if (*p == '.') {
			point = 1;
			continue;
		}
		any = 1;
		if (*p == '0' && sig == 0) {
			exp10 -= point;
			continue;
		}
		if (++sig <= 15)
			mant = mant * 10 + (*p - '0');
		exp10 -= point;
	}
	if (!any)
		return bad;
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1 + (p[1] == '-' || p[1] == '+');
		int e = 0;
		if (*q < '0' || *q > '9')
			return bad;
		for (; *q >= '0' && *q <= '9'; q++)
			if (e < 100000)
				e = e * 10 + (*q - '0');
		exp10 += p[1] == '-' ? -e : e;
		p = q;
	}
	if (*p)
		return bad;
	double v = 0;
	if (sig > 15 || (sig > 0 && !number_exact(mant, exp10, &v)))
		v = number_c_strtod(num);
	if (!isfinite(v))
		return N_("is out of range");
	*out = neg ? -v : v;
	return NULL;
}

const char *parse_degrees(const char *s, double min, double max, double *out)
{
	double v;
	if (parse_number(s, &v))
		return N_("is not a number in decimal degrees (e.g. 10.0452)");
	if (v < min || v > max)
		return N_("is out of range");
	*out = v;
	return NULL;
}

const char *parse_count(const char *s, int64_t *out)
{
	int64_t v = 0;
	if (!*s)
		return N_("is not a whole number");
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return N_("is not a whole number");
		v = v * 10 + (*p - '0');
		if (v > INT64_C(1000000000000))
			return N_("is too large");
	}
	*out = v;
	return NULL;
}
