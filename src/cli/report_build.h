/* The credit-quality reports as tables (report_table.h) from a computed
 * quality_report (quality.h). */
#ifndef TKVV_REPORT_BUILD_H
#define TKVV_REPORT_BUILD_H

#include <stdio.h>
#include "tkvv/table.h"
#include "tkvv/quality.h"

/* Counts over the groups of a unit that a ratio of sums cannot give. */
struct unit_counts {
	int64_t overdue_above;              /* groups above the overdue threshold */
	int64_t groups_by_grade[QG_COUNT];
};

struct report_counts {
	struct unit_counts district;
	struct unit_counts *communes, *hamlets, *orgs;   /* as the report's arrays */
	int64_t communes_by_grade[QG_COUNT];             /* communes with groups */
};

/* One date of a comparison. */
struct report_side {
	const struct quality_report *r;
	const struct report_counts *n;
};

enum { REPORT_KPI_TABLES = 8, REPORT_COMPARE_TABLES = 2 };

void report_counts(const struct quality_report *r, const struct config *cfg,
		   struct report_counts *out);
void report_counts_free(struct report_counts *c);

/* One row per group of R. */
void report_groups(const struct quality_report *r, struct table *t);
/* The key figures (district, communes, organisations, hamlets) and the
 * four flag lists into T[REPORT_KPI_TABLES]. */
size_t report_kpi(const struct quality_report *r, const struct quality_flags *fl,
		  const struct report_counts *n, struct table *t);
/* The district and the communes at SIDES[0] and SIDES[1], into
 * T[REPORT_COMPARE_TABLES]. */
size_t report_compare(const struct report_side *sides, struct table *t);
/* The comparison as json: "from" and "to" (quality-metrics.md). */
void report_compare_json(FILE *f, const struct report_side *sides);

#endif
