/* The rules a value must meet beyond its syntax, shared by import, the
 * forms and `tkvv check`: phones, national IDs (CCCD), loans against their
 * programme (the `programs` table) and event dates not after today.
 * Each rule returns 0 when the value passes, or -1 with MSG set to a
 * translated fragment that follows the value, e.g. "has 20 digits; a phone
 * has 10", for the caller to prefix with the place and the value. */
#ifndef TKVV_RULES_H
#define TKVV_RULES_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "tkvv/util.h"

/* The size of a message buffer that every rule's message fits. */
#define RULES_MSG 256

/* A phone: digits with spaces, dots or dashes, a leading +84 or 84 read as
 * 0; it must come to exactly 10 digits starting with 0, written to OUT. */
int rules_phone(const char *s, char out[16], char *msg, size_t n);
/* A national ID (CCCD): exactly 12 digits. */
int rules_national_id(const char *s, char *msg, size_t n);
/* An event date (ISO) that must not be after TODAY (ISO). */
int rules_not_future(const char *iso, const char *today, char *msg, size_t n);

/* What the rules need of a programme, read from the `programs` table. */
struct rules_program {
	int64_t ceiling;        /* the largest loan, VND */
	int64_t rate_ppm;       /* its monthly rate */
	int64_t tolerance_pct;  /* how far (relative, %) a loan's rate may be from it */
};

/* Read programme CODE into *P: 1 found, 0 absent, -1 error (ERR set). */
int rules_program_get(sqlite3 *db, const char *code, struct rules_program *p,
		      struct tkvv_err *err);
/* A loan of AMOUNT in programme CODE must not be above its ceiling. */
int rules_loan_amount(const char *code, const struct rules_program *p, int64_t amount,
		      char *msg, size_t n);
/* A loan's RATE_PPM must be within the programme's tolerance of its rate. */
int rules_loan_rate(const char *code, const struct rules_program *p, int64_t rate_ppm,
		    char *msg, size_t n);

#endif
