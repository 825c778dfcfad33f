/* The monthly score on the bank's six criteria, the grade, the ratios as
 * printed, and the flags: overdue, low collection, merges, leaders. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quality_int.h"

int quality_ratio(int64_t num, int64_t den, double *out)
{
	if (den == 0)
		return 0;
	*out = (double)num / (double)den;
	return 1;
}

int quality_pct_tenths(int64_t num, int64_t den, int64_t *out)
{
	if (den == 0)
		return 0;
	if (den < 0)
		num = -num, den = -den;
	/* Exact in integers: tenths of a percent are num * 1000 / den. */
	int64_t twice = 2 * num * 1000;
	*out = twice >= 0 ? (twice + den) / (2 * den) : -((-twice + den) / (2 * den));
	return 1;
}

void quality_format_pct(int64_t num, int64_t den, char *buf, size_t size)
{
	int64_t t;
	if (!quality_pct_tenths(num, den, &t)) {
		snprintf(buf, size, "-");
		return;
	}
	int64_t a = t < 0 ? -t : t;
	snprintf(buf, size, "%s%" PRId64 ".%" PRId64, t < 0 ? "-" : "", a / 10, a % 10);
}

void quality_format_money(int64_t v, char *buf, size_t size)
{
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%" PRIu64, v < 0 ? -(uint64_t)v : (uint64_t)v);
	size_t o = 0;
	if (size == 0)
		return;
	if (v < 0 && o + 1 < size)
		buf[o++] = '-';
	for (int i = 0; i < n && o + 1 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0 && o + 2 < size)
			buf[o++] = '.';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* NUM / DEN as a percentage; UNDEF when DEN is 0. */
static double pct(int64_t num, int64_t den, double undef)
{
	return den ? 100.0 * (double)num / (double)den : undef;
}

/* Points of criterion C for a figure X in percent, higher being better. */
static int points_at_least(const struct config_criterion *c, double x)
{
	return x >= c->full ? c->points : x >= c->partial ? c->partial_points : 0;
}

/* Points of criterion C for a figure X in percent, lower being better. */
static int points_at_most(const struct config_criterion *c, double x)
{
	return x <= c->full ? c->points : x <= c->partial ? c->partial_points : 0;
}

/* Savings growth over the month in percent of the balance before it; with
 * no balance before, any change that is not a fall counts as full growth. */
static double growth_pct(const struct quality_figures *f)
{
	int64_t change = f->savings - f->savings_before;
	if (f->savings_before > 0)
		return 100.0 * (double)change / (double)f->savings_before;
	return change >= 0 ? INFINITY : -INFINITY;
}

void quality_score(const struct quality_figures *f, const struct config *cfg,
		   struct quality_score *out)
{
	/* A criterion with nothing to measure (no borrower, nothing due)
	 * cannot have been failed: it earns its full points. */
	out->points[QC_TRANSACTIONS] = points_at_least(&cfg->score_transactions,
		pct(f->transactors, f->borrowers, INFINITY));
	out->points[QC_PRINCIPAL] = points_at_least(&cfg->score_principal,
		pct(f->principal_collected_month, f->principal_due_month, INFINITY));
	out->points[QC_INTEREST] = points_at_least(&cfg->score_interest,
		pct(f->interest_collected_month, f->interest_due_month, INFINITY));
	out->points[QC_SAVERS] = points_at_least(&cfg->score_savers,
		pct(f->savers, f->members, INFINITY));
	out->points[QC_GROWTH] = points_at_least(&cfg->score_growth, growth_pct(f));
	out->points[QC_OVERDUE] = points_at_most(&cfg->score_overdue,
		pct(f->overdue, f->outstanding, 0));
	out->total = 0;
	for (int i = 0; i < QC_COUNT; i++)
		out->total += out->points[i];
	out->grade = quality_grade_of(out->total, cfg);
}

enum quality_grade quality_grade_of(int total, const struct config *cfg)
{
	return total >= cfg->grade_tot ? QG_TOT : total >= cfg->grade_kha ? QG_KHA
	     : total >= cfg->grade_trung_binh ? QG_TRUNG_BINH : QG_YEU;
}

const char *quality_grade_key(enum quality_grade g)
{
	static const char *const keys[] = {"tot", "kha", "trung_binh", "yeu"};
	return (unsigned)g < QG_COUNT ? keys[g] : "";
}

const char *quality_grade_label(enum quality_grade g)
{
	static const char *const labels[] = {"Tốt", "Khá", "Trung bình", "Yếu"};
	return (unsigned)g < QG_COUNT ? labels[g] : "";
}

const char *quality_criterion_key(enum quality_criterion c)
{
	static const char *const keys[] = {"transactions", "principal", "interest",
					   "savers", "growth", "overdue"};
	return (unsigned)c < QC_COUNT ? keys[c] : "";
}

int quality_overdue_above(const struct quality_figures *f, const struct config *cfg)
{
	return f->outstanding > 0 && pct(f->overdue, f->outstanding, 0) > cfg->overdue_threshold;
}

int quality_collection_below(const struct quality_figures *f, const struct config *cfg)
{
	return f->interest_due_ytd > 0
	    && pct(f->interest_collected_ytd, f->interest_due_ytd, 0) < cfg->collection_threshold;
}
