/* Parsing the values of CSV files exactly: no locale, no floating point
 * where money or rates are concerned. */
#include "config.h"

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
	snprintf(iso, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
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

const char *parse_degrees(const char *s, double min, double max, double *out)
{
	int64_t mant = 0, scale = 1;
	int neg = *s == '-', ndigits = 0, point = 0;
	const char *p = s + (neg || *s == '+');
	/* Digits and a power of ten, both exact in a double, make the quotient
	 * correctly rounded without strtod and its locale's decimal point. */
	for (; *p; p++) {
		if (*p == '.' && !point) {
			point = 1;
		} else if (*p >= '0' && *p <= '9' && ndigits < 15) {
			mant = mant * 10 + (*p - '0');
			ndigits++;
			if (point)
				scale *= 10;
		} else {
			return N_("is not a number in decimal degrees (e.g. 10.0452)");
		}
	}
	if (!ndigits)
		return N_("is not a number in decimal degrees (e.g. 10.0452)");
	double v = (double)mant / (double)scale;
	if (neg)
		v = -v;
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
