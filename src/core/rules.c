/* The rules a value must meet beyond its syntax: phones, CCCDs, loans
 * against their programme, event dates. Programme figures come from the
 * `programs` table, never from here. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/quality.h"
#include "tkvv/rules.h"

/* Format a message into MSG; returns -1, the rules' "broken". */
static int rule_fail(char *msg, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int rule_fail(char *msg, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, n, fmt, ap);
	va_end(ap);
	return -1;
}

int rules_phone(const char *s, char out[16], char *msg, size_t n)
{
	char d[64];
	size_t nd = 0;
	int plus = 0;
	const char *p = s + strspn(s, " ");
	if (*p == '+') {
		plus = 1;
		p++;
	}
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (nd < sizeof d - 1)
				d[nd++] = *p;
		} else if (*p != ' ' && *p != '.' && *p != '-') {
			return rule_fail(msg, n, "%s", _("is not a phone number (digits, spaces, dots, "
							 "dashes, +84)"));
		}
	}
	d[nd] = '\0';
	const char *national = d;
	if (plus && strncmp(d, "84", 2) != 0)
		return rule_fail(msg, n, "%s", _("is a foreign number; a phone here is 10 digits "
						 "starting with 0 (or +84)"));
	/* +84 912 345 678, 84912345678 and +84 (0)912 345 678 are 0912 345 678. */
	if (plus || (nd == 11 && strncmp(d, "84", 2) == 0)) {
		national = d + 2 + (d[2] == '0');
		snprintf(out, 16, "0%.14s", national);
	} else {
		snprintf(out, 16, "%.15s", d);
	}
	size_t len = strlen(national) + (national != d);
	if (len == 9 && out[0] != '0')
		return rule_fail(msg, n, "%s", _("has 9 digits; a phone has 10: the leading 0 was "
						 "probably lost in a spreadsheet (keep the column "
						 "as text)"));
	if (len != 10)
		return rule_fail(msg, n, _("has %zu digits; a phone has 10"), len);
	if (out[0] != '0')
		return rule_fail(msg, n, "%s", _("does not start with 0; a phone is 10 digits "
						 "starting with 0"));
	return 0;
}

int rules_national_id(const char *s, char *msg, size_t n)
{
	size_t len = strlen(s);
	if (strspn(s, "0123456789") != len)
		return rule_fail(msg, n, "%s", _("is not a CCCD number (12 digits)"));
	if (len == 11)
		return rule_fail(msg, n, "%s", _("has 11 digits; a CCCD has 12: the leading 0 was "
						 "probably lost in a spreadsheet (keep the column "
						 "as text)"));
	if (len != 12)
		return rule_fail(msg, n, _("has %zu digits; a CCCD has 12"), len);
	return 0;
}

int rules_not_future(const char *iso, const char *today, char *msg, size_t n)
{
	if (strcmp(iso, today) <= 0)
		return 0;
	return rule_fail(msg, n, _("is after today (%.2s/%.2s/%.4s)"), today + 8, today + 5, today);
}

int rules_program_get(sqlite3 *db, const char *code, struct rules_program *p,
		      struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT ceiling, rate_ppm, rate_tolerance_pct FROM programs "
			   "WHERE code = ?1", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->ceiling = sqlite3_column_int64(st, 0);
		p->rate_ppm = sqlite3_column_int64(st, 1);
		p->tolerance_pct = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, "programs");
	return rc == SQLITE_ROW;
}

int rules_loan_amount(const char *code, const struct rules_program *p, int64_t amount,
		      char *msg, size_t n)
{
	char ceiling[32];
	if (amount <= p->ceiling)
		return 0;
	quality_format_money(p->ceiling, ceiling, sizeof ceiling);
	return rule_fail(msg, n, _("is above the ceiling of %s (%s)"), code, ceiling);
}

int rules_loan_rate(const char *code, const struct rules_program *p, int64_t rate_ppm,
		    char *msg, size_t n)
{
	int64_t diff = rate_ppm > p->rate_ppm ? rate_ppm - p->rate_ppm : p->rate_ppm - rate_ppm;
	char rate[32];
	/* Relative: a rate is far when it differs from the programme's by more
	 * than tolerance_pct percent of it. */
	if (diff * 100 <= p->tolerance_pct * p->rate_ppm)
		return 0;
	parse_rate_format(p->rate_ppm, rate);
	return rule_fail(msg, n, _("is far from the rate of %s (%s %%/month, "
				   "within %lld %%)"), code, rate, (long long)p->tolerance_pct);
}
