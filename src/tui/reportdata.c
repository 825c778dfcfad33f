/* The reports screen's figures: one quality_load, then quality_compute for
 * the as-of date and each of the twelve month-ends before it (a few
 * milliseconds each on a district). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/report_build.h"
#include "reportdata.h"
#include "tkvv/i18n.h"

int reportdata_open(struct reportdata *d, sqlite3 *db, const struct config *cfg,
		    const char *until, struct tkvv_err *err)
{
	memset(d, 0, sizeof *d);
	d->cfg = cfg;
	snprintf(d->until, sizeof d->until, "%s", until);
	return quality_load(db, until, &d->q, err);
}

/* Release the computed figures, keeping the load. */
static void release(struct reportdata *d)
{
	if (!d->have)
		return;
	report_counts_free(d->n);
	free(d->n);
	d->n = NULL;
	quality_flags_free(&d->fl);
	quality_report_free(&d->r);
	for (int m = 0; m < REPORTDATA_MONTHS; m++) {
		free(d->trend[m]);
		d->trend[m] = NULL;
	}
	d->have = 0;
}

void reportdata_free(struct reportdata *d)
{
	release(d);
	if (d->q)
		quality_data_free(d->q);
	d->q = NULL;
}

/* The last day of the month K months before that of DAY, or DAY itself for K = 0. */
static void month_end(int32_t day, int k, char out[11])
{
	char iso[11], first[32];
	quality_format_date(day, iso);
	if (k == 0) {
		memcpy(out, iso, 11);
		return;
	}
	int months = atoi(iso) * 12 + atoi(iso + 5) - 1 - k + 1;   /* the month after */
	int32_t next;
	snprintf(first, sizeof first, "%04d-%02d-01", months / 12, months % 12 + 1);
	quality_parse_date(first, &next);
	quality_format_date(next - 1, out);
}

/* The point of unit U. */
static struct reportdata_point point_of(const struct quality_unit *u)
{
	const struct quality_figures *f = &u->fig;
	return (struct reportdata_point){f->overdue, f->outstanding, f->interest_due_month,
					 f->interest_collected_month};
}

/* Fill OUT (1 + ncommunes of BASE) from report R, matching communes by code. */
static void fill_points(const struct quality_report *base, const struct quality_report *r,
			struct reportdata_point *out)
{
	out[0] = point_of(&r->district);
	size_t j = 0;
	/* Both lists are in code order: one merge walk. */
	for (size_t i = 0; i < base->ncommunes; i++) {
		while (j < r->ncommunes && strcmp(r->communes[j].code, base->communes[i].code) < 0)
			j++;
		if (j < r->ncommunes && strcmp(r->communes[j].code, base->communes[i].code) == 0)
			out[1 + i] = point_of(&r->communes[j]);
	}
}

/* The trends of D for the months ending with D->r.as_of. */
static int compute_trends(struct reportdata *d, struct tkvv_err *err)
{
	int32_t day;
	quality_parse_date(d->r.as_of, &day);
	for (int m = 0; m < REPORTDATA_MONTHS; m++) {
		struct quality_report r;
		month_end(day, REPORTDATA_MONTHS - 1 - m, d->month_end[m]);
		d->trend[m] = xcalloc(d->r.ncommunes + 1, sizeof *d->trend[m]);
		if (m == REPORTDATA_MONTHS - 1) {
			fill_points(&d->r, &d->r, d->trend[m]);
			continue;
		}
		if (quality_compute(d->q, d->month_end[m], d->cfg, &r, err) < 0)
			return -1;
		fill_points(&d->r, &r, d->trend[m]);
		quality_report_free(&r);
	}
	return 0;
}

int reportdata_compute(struct reportdata *d, const char *as_of, struct tkvv_err *err)
{
	struct reportdata next = *d;
	next.have = 0;
	if (quality_compute(d->q, as_of, d->cfg, &next.r, err) < 0)
		return -1;
	if (quality_flags(d->q, &next.r, d->cfg, &next.fl, err) < 0) {
		quality_report_free(&next.r);
		return -1;
	}
	next.n = xmalloc(sizeof *next.n);
	report_counts(&next.r, d->cfg, next.n);
	memset(next.trend, 0, sizeof next.trend);
	next.have = 1;
	if (compute_trends(&next, err) < 0) {
		release(&next);
		return -1;
	}
	release(d);
	*d = next;
	return 0;
}

int64_t reportdata_overdue_above(const struct reportdata *d, size_t u)
{
	return u ? d->n->communes[u - 1].overdue_above : d->n->district.overdue_above;
}

int64_t reportdata_communes_by_grade(const struct reportdata *d, int g)
{
	return d->n->communes_by_grade[g];
}

double reportdata_overdue_pct(const struct reportdata_point *p)
{
	return p->outstanding > 0 ? 100.0 * (double)p->overdue / (double)p->outstanding : 0.0;
}

double reportdata_collection_pct(const struct reportdata_point *p)
{
	return p->due > 0 ? 100.0 * (double)p->collected / (double)p->due : NAN;
}

static const struct column trend_cols[] = {
	{"commune_code", N_("Commune code"), 0}, {"commune", N_("Commune"), 0},
	{"month_end", N_("Date"), 0}, {"outstanding", N_("Outstanding"), 0},
	{"overdue", N_("Overdue"), 0}, {"overdue_ratio", N_("Overdue %"), 0},
	{"interest_due_month", N_("Interest due"), 0}, {"interest_collected_month", N_("Collected"), 0},
	{"collection_rate_month", N_("Collection %"), 0},
};

/* The trends of the district and each commune, a row per month. */
static void trend_table(const struct reportdata *d, struct table *t)
{
	table_init(t, "trends", _("Monthly trends"), trend_cols, ARRAY_LEN(trend_cols));
	for (size_t u = 0; u <= d->r.ncommunes; u++)
		for (int m = 0; m < REPORTDATA_MONTHS; m++) {
			const struct reportdata_point *p = &d->trend[m][u];
			struct cell *c = table_row(t);
			int32_t day;
			quality_parse_date(d->month_end[m], &day);
			c[0] = cell_text(u ? d->r.communes[u - 1].code : NULL);
			c[1] = cell_text(u ? d->r.communes[u - 1].name : NULL);
			c[2] = cell_date(day);
			c[3] = cell_money(p->outstanding);
			c[4] = cell_money(p->overdue);
			c[5] = p->outstanding > 0 ? cell_ratio(p->overdue, p->outstanding) : cell_ratio(0, 1);
			c[6] = cell_money(p->due);
			c[7] = cell_money(p->collected);
			c[8] = cell_ratio(p->collected, p->due);
		}
}

/* The comparison of the first month's end with the as-of date, and the trends. */
static int export_trends(const struct reportdata *d, const char *path, struct tkvv_err *err)
{
	struct quality_report from;
	struct report_counts n;
	struct table t[REPORT_COMPARE_TABLES + 1];
	if (quality_compute(d->q, d->month_end[0], d->cfg, &from, err) < 0)
		return -1;
	report_counts(&from, d->cfg, &n);
	struct report_side sides[2] = {{&from, &n}, {&d->r, d->n}};
	size_t nt = report_compare(sides, t);
	trend_table(d, &t[nt++]);
	int rc = table_write_xlsx(path, t, nt, err);
	for (size_t i = 0; i < nt; i++)
		table_free(&t[i]);
	report_counts_free(&n);
	quality_report_free(&from);
	return rc;
}

int reportdata_export(const struct reportdata *d, int trends, const char *path,
		      struct tkvv_err *err)
{
	if (!d->have)
		return err_set(err, TKVV_EFAIL, "%s: %s", path, _("nothing to export yet"));
	if (trends)
		return export_trends(d, path, err);
	struct table t[REPORT_KPI_TABLES];
	size_t nt = report_kpi(&d->r, &d->fl, d->n, t);
	int rc = table_write_xlsx(path, t, nt, err);
	for (size_t i = 0; i < nt; i++)
		table_free(&t[i]);
	return rc;
}
