/* What the reports screen shows, without a terminal: the credit-quality
 * report and flags as of a date, the communes by grade, and twelve months
 * of trends, from one quality_load; and their export to .xlsx. */
#ifndef TKVV_REPORTDATA_H
#define TKVV_REPORTDATA_H

#include <sqlite3.h>
#include <stdint.h>

#include "tkvv/config.h"
#include "tkvv/quality.h"

struct report_counts;

#define REPORTDATA_MONTHS 12

/* The quantities behind a month's overdue ratio and collection rate. */
struct reportdata_point {
	int64_t overdue, outstanding;     /* at the month's end (or the as-of date) */
	int64_t due, collected;           /* the month's interest */
};

struct reportdata {
	const struct config *cfg;
	struct quality_data *q;
	char until[11];                   /* the last date the load covers */
	int have;                         /* r, fl and n are computed */
	struct quality_report r;
	struct quality_flags fl;
	struct report_counts *n;         /* the counts of r (report_build.h) */
	char month_end[REPORTDATA_MONTHS][11];            /* oldest first; the last is r.as_of */
	struct reportdata_point *trend[REPORTDATA_MONTHS];  /* [0] the district, [1 + i] commune i of r */
};

/* Load DB's loans, payments and places up to UNTIL (YYYY-MM-DD) once. */
int reportdata_open(struct reportdata *d, sqlite3 *db, const struct config *cfg,
		    const char *until, struct tkvv_err *err);
/* Compute the report, its flags and counts as of AS_OF and the twelve
 * months ending with it. On error the previous figures stay. */
int reportdata_compute(struct reportdata *d, const char *as_of, struct tkvv_err *err);
void reportdata_free(struct reportdata *d);
/* The groups above the overdue threshold in unit U (0 the district, 1 + i
 * commune i), and the communes of grade G. */
int64_t reportdata_overdue_above(const struct reportdata *d, size_t u);
int64_t reportdata_communes_by_grade(const struct reportdata *d, int g);
/* The overdue ratio and month's collection rate of P in percent (NAN when
 * undefined; an overdue ratio with nothing outstanding is 0). */
double reportdata_overdue_pct(const struct reportdata_point *p);
double reportdata_collection_pct(const struct reportdata_point *p);
/* Write PATH: the tables of `tkvv report kpi` (TRENDS 0), or those of
 * `tkvv report compare` from the first month's end to the as-of date and
 * a sheet of the monthly trends (TRENDS 1). */
int reportdata_export(const struct reportdata *d, int trends, const char *path,
		      struct tkvv_err *err);

#endif
