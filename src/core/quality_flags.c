/* The flags of a report: groups above the overdue threshold or below the
 * collection threshold, merge candidates and leaders to review. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "quality_int.h"

/* Distance in metres between two centroids (equirectangular: the groups
 * of one hamlet are a few kilometres apart at most). */
static double distance_m(const struct quality_group *a, const struct quality_group *b)
{
	const double r = 6371000.0, rad = 3.14159265358979323846 / 180.0;
	double x = (b->lon - a->lon) * rad * cos((a->lat + b->lat) / 2 * rad);
	double y = (b->lat - a->lat) * rad;
	return r * sqrt(x * x + y * y);
}

/* The nearest other group of G's hamlet into M: by centroid, then those
 * without one, then by code (the report's order). */
static void nearest_group(const struct quality_report *r, size_t g, struct quality_merge *m)
{
	const struct quality_group *a = &r->groups[g];
	double best = -1;
	m->has_target = 0;
	m->distance_m = -1;
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct quality_group *b = &r->groups[i];
		if (i == g || b->hamlet != a->hamlet)
			continue;
		double d = a->has_centroid && b->has_centroid ? distance_m(a, b) : -1;
		int better = !m->has_target || (d >= 0 && (best < 0 || d < best));
		if (better) {
			m->has_target = 1;
			m->target = i;
			best = m->distance_m = d;
		}
	}
}

/* The merge candidates of R: fewer members than the minimum, or an
 * outstanding balance below the low-balance threshold. */
static void merge_candidates(const struct quality_report *r, const struct config *cfg,
			     struct quality_flags *f)
{
	f->merge = xcalloc(r->ngroups + 1, sizeof *f->merge);
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct quality_figures *fig = &r->groups[i].u.fig;
		int few = fig->members < cfg->group_min, low = fig->outstanding < cfg->low_balance;
		if (!few && !low)
			continue;
		struct quality_merge *m = &f->merge[f->nmerge++];
		m->group = i;
		m->too_few_members = few;
		m->low_balance = low;
		nearest_group(r, i, m);
	}
}

/* The day before the first day of the month MONTHS before DAY's. */
static int32_t month_end_before(int32_t day, int months)
{
	int y, m, d;
	quality_civil(day, &y, &m, &d);
	int idx = y * 12 + m - 1 - months + 1;
	return quality_days(idx / 12, idx % 12 + 1, 1) - 1;
}

/* Whether grade G is weak enough for a leader review. */
static int weak(enum quality_grade g)
{
	return g == QG_TRUNG_BINH || g == QG_YEU;
}

/* For each group of R, its score in the report PAST (-1 when not listed). */
static void scores_by_key(const struct quality_report *past, int *score, enum quality_grade *grade)
{
	for (size_t i = 0; i < past->ngroups; i++) {
		score[past->groups[i].key] = past->groups[i].u.score.total;
		grade[past->groups[i].key] = past->groups[i].u.score.grade;
	}
}

/* The scores and grades of every loaded group at the month-ends that end
 * with R: N rows of NG, oldest first (-1 and QG_COUNT when not listed). */
static int past_grades(const struct quality_data *q, const struct quality_report *r,
		       const struct config *cfg, int n, int *score, enum quality_grade *grade,
		       struct tkvv_err *err)
{
	size_t ng = q->ngroups + 1;
	int32_t d;
	quality_parse_date(r->score_as_of, &d);
	for (size_t i = 0; i < ng * (size_t)n; i++)
		score[i] = -1, grade[i] = QG_COUNT;
	scores_by_key(r, score + (size_t)(n - 1) * ng, grade + (size_t)(n - 1) * ng);
	for (int k = 1; k < n; k++) {
		struct quality_report past;
		char day[11];
		quality_format_date(month_end_before(d, k), day);
		if (quality_compute(q, day, cfg, &past, err) < 0)
			return -1;
		scores_by_key(&past, score + (size_t)(n - 1 - k) * ng, grade + (size_t)(n - 1 - k) * ng);
		quality_report_free(&past);
	}
	return 0;
}

/* Leaders of groups graded weak at the scored month-end and at each of the
 * review_months - 1 month-ends before it. */
static int leaders_to_review(const struct quality_data *q, const struct quality_report *r,
			     const struct config *cfg, struct quality_flags *f, struct tkvv_err *err)
{
	int n = cfg->review_months > 0 ? cfg->review_months : 1;
	size_t ng = q->ngroups + 1;
	int *score = xmalloc(ng * (size_t)n * sizeof *score);
	enum quality_grade *grade = xmalloc(ng * (size_t)n * sizeof *grade);
	int rc = past_grades(q, r, cfg, n, score, grade, err);
	f->review = xcalloc(r->ngroups + 1, sizeof *f->review);
	for (size_t i = 0; rc == 0 && i < r->ngroups; i++) {
		size_t key = r->groups[i].key;
		int all = r->groups[i].leader_code != NULL;
		for (int k = 0; all && k < n; k++)
			all = weak(grade[(size_t)k * ng + key]);
		if (!all)
			continue;
		struct quality_review *v = &f->review[f->nreview++];
		v->group = i;
		v->months = n;
		v->scores = xmalloc((size_t)n * sizeof *v->scores);
		v->grades = xmalloc((size_t)n * sizeof *v->grades);
		for (int k = 0; k < n; k++)
			v->scores[k] = score[(size_t)k * ng + key], v->grades[k] = grade[(size_t)k * ng + key];
	}
	free(score);
	free(grade);
	return rc;
}

int quality_flags(const struct quality_data *q, const struct quality_report *r,
		  const struct config *cfg, struct quality_flags *f, struct tkvv_err *err)
{
	memset(f, 0, sizeof *f);
	f->overdue = xcalloc(r->ngroups + 1, sizeof *f->overdue);
	f->low_collection = xcalloc(r->ngroups + 1, sizeof *f->low_collection);
	for (size_t i = 0; i < r->ngroups; i++) {
		if (quality_overdue_above(&r->groups[i].u.fig, cfg))
			f->overdue[f->noverdue++] = i;
		if (quality_collection_below(&r->groups[i].u.fig, cfg))
			f->low_collection[f->nlow_collection++] = i;
	}
	merge_candidates(r, cfg, f);
	if (leaders_to_review(q, r, cfg, f, err) < 0) {
		quality_flags_free(f);
		return -1;
	}
	return 0;
}

void quality_flags_free(struct quality_flags *f)
{
	for (size_t i = 0; i < f->nreview; i++) {
		free(f->review[i].scores);
		free(f->review[i].grades);
	}
	free(f->review);
	free(f->merge);
	free(f->overdue);
	free(f->low_collection);
	memset(f, 0, sizeof *f);
}
