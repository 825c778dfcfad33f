/* Values in CSV files and forms: dates, months, money, rates, coordinates.
 * Each parser returns NULL on success or a message id (wrap it in _()) that
 * the caller prefixes with the place, e.g. "members.csv:9:12: joined_on". */
#ifndef TKVV_PARSE_H
#define TKVV_PARSE_H

#include <stdint.h>

/* The largest amount of money accepted, in VND (10^15). */
#define PARSE_MONEY_MAX INT64_C(1000000000000000)

/* A date `YYYY-MM-DD` or `DD/MM/YYYY` that exists in the calendar, written
 * to ISO as `YYYY-MM-DD`. */
const char *parse_date(const char *s, char iso[11]);
/* A month `YYYY-MM`. */
const char *parse_month(const char *s, char iso[8]);
/* Whole VND: digits, optionally grouped by three with dots or spaces
 * (`1.500.000`, `1 500 000`); with ALLOW_NEGATIVE a leading minus sign. */
const char *parse_money(const char *s, int allow_negative, int64_t *vnd);
/* A rate in percent per month (`0.52`, `0,624`, at most 4 decimals) as
 * parts per million: 0.52 -> 5200. */
const char *parse_rate(const char *s, int64_t *ppm);
/* Print PPM as a percent per month with no trailing zeros: 6240 -> 0.624. */
void parse_rate_format(int64_t ppm, char out[32]);
/* A number as files, the config, arguments and SQL write it, whatever the
 * locale: an optional sign, digits with at most one dot, an optional
 * exponent (`2.5`, `-0.25`, `.5`, `1e-05`); never a comma, a space, inf or
 * nan. Correctly rounded. The one parser of non-whole numbers in tkvv. */
const char *parse_number(const char *s, double *out);
/* A decimal number in [MIN, MAX] (latitude, longitude), as parse_number. */
const char *parse_degrees(const char *s, double min, double max, double *out);
/* A whole number, not negative (road order). */
const char *parse_count(const char *s, int64_t *out);
/* True when YEAR-MONTH-DAY is a real calendar date. */
int parse_date_valid(int year, int month, int day);

#endif
