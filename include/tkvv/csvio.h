/* Import and export of the district's data as CSV: communes, hamlets,
 * groups, members, loans and payments, with the columns of interfaces.md. */
#ifndef TKVV_CSVIO_H
#define TKVV_CSVIO_H

#include <sqlite3.h>
#include <stdio.h>
#include "tkvv/util.h"

enum csvio_kind {
	CSVIO_COMMUNES,
	CSVIO_HAMLETS,
	CSVIO_GROUPS,
	CSVIO_MEMBERS,
	CSVIO_LOANS,
	CSVIO_PAYMENTS,
	CSVIO_PROGRAMS,   /* the loan programmes: ceilings and rates */
	CSVIO_KIND_COUNT
};

enum csvio_format { CSVIO_CSV, CSVIO_JSON, CSVIO_TEXT };

/* What an import did, row by row. */
struct csvio_counts {
	long added, updated, unchanged;
};

/* The kind named NAME ("members"), or -1. */
int csvio_kind_by_name(const char *name);
const char *csvio_kind_name(enum csvio_kind kind);
/* The format named NAME ("csv", "json", "text"), or -1. */
int csvio_format_by_name(const char *name);

/* Import PATH as KIND in one transaction: every row or none. A row whose
 * code (for payments: loan, date, kind and period) exists updates it.
 * TODAY (YYYY-MM-DD) dates membership changes. */
int csvio_import(sqlite3 *db, enum csvio_kind kind, const char *path, const char *today,
		 struct csvio_counts *counts, struct tkvv_err *err);

/* Write every row of KIND to OUT in code order, with the derived loan
 * columns as of TODAY. */
int csvio_export(sqlite3 *db, enum csvio_kind kind, enum csvio_format format,
		 const char *today, FILE *out, struct tkvv_err *err);
/* The same as csv with separator SEP (',', ';' or tab) and, when BOM, a UTF-8
 * byte order mark first: the CSV Excel opens in a Vietnamese locale. */
int csvio_export_csv(sqlite3 *db, enum csvio_kind kind, const char *today, char sep, int bom,
		     FILE *out, struct tkvv_err *err);

/* The same as an .xlsx workbook at PATH: codes, CCCD and phones as text
 * (leading zeros kept), money as numbers with a thousands format, dates as
 * dates; what import reads back. */
int csvio_export_xlsx(sqlite3 *db, enum csvio_kind kind, const char *today, const char *path,
		      struct tkvv_err *err);

/* The active groups with more than MAX members, "CODE (N)" each into OUT
 * (the first twenty), and how many there are. */
long csvio_oversized_groups(sqlite3 *db, int max, struct strbuf *out);

/* Today's local date as YYYY-MM-DD; TKVV_TODAY (a date) fixes it for tests. */
void csvio_today(char out[11]);

#endif
