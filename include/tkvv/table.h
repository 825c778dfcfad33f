/* Aligned text tables for the terminal, measured in display columns, and
 * the small formatting helpers every report shares (money, percentages,
 * csv and json quoting). */
#ifndef TKVV_TABLE_H
#define TKVV_TABLE_H

#include <stdint.h>
#include <stdio.h>

struct table {
	size_t ncols, nrows, cap;
	char **cells;          /* nrows × ncols, row 0 is the header */
	unsigned right;        /* bit c set: column c is right-aligned */
};

/* Start a table whose header is the NCOLS strings of HEADER. */
void table_init(struct table *t, size_t ncols, const char *const *header);
/* Add a row of NCOLS cells (copied; NULL prints empty). */
void table_add(struct table *t, const char *const *cells);
/* Print the table to F with columns padded to their widest cell. */
void table_print(const struct table *t, FILE *f);
void table_free(struct table *t);

/* Whole VND with dots between thousands: 1.500.000 (BUF of 32 bytes). */
const char *fmt_money(int64_t v, char buf[32]);
/* A ratio as a percentage with one decimal, rounded half away from zero. */
const char *fmt_pct(double ratio, char buf[32]);

/* Write S as one CSV field (quoted when needed) or as a JSON string. */
void csv_field(FILE *f, const char *s);
void json_string(FILE *f, const char *s);
/* A JSON number, or null when V is not finite. */
void json_number(FILE *f, double v);

#endif
