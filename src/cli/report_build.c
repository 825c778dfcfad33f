/* The credit-quality reports as tables: groups, kpi (figures and flags)
 * and compare (two dates and the change). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report_build.h"
#include "tkvv/i18n.h"

/* The overdue ratio: 0 when nothing is outstanding (quality-metrics.md). */
static struct cell overdue_cell(const struct quality_figures *f)
{
	return f->outstanding ? cell_ratio(f->overdue, f->outstanding) : cell_ratio(0, 1);
}

static const struct column group_cols[] = {
	{"group_code", N_("Group"), 0}, {"hamlet_code", N_("Hamlet"), 0},
	{"commune_code", N_("Commune"), 0}, {"org_code", N_("Org"), 0},
	{"members", N_("Members"), 0}, {"borrowers", N_("Borrowers"), 0},
	{"outstanding", N_("Outstanding"), 0}, {"overdue", N_("Overdue"), 0},
	{"overdue_ratio", N_("Overdue %"), 0}, {"interest_due_ytd", N_("Interest due YTD"), 0},
	{"interest_collected_ytd", N_("Collected YTD"), 0},
	{"collection_rate_ytd", N_("Collection % YTD"), 0}, {"savings", N_("Savings"), 0},
	{"savers", N_("Savers"), 0}, {"score", N_("Score"), 0}, {"grade", N_("Grade"), 0},
};

void report_groups(const struct quality_report *r, struct table *t)
{
	table_init(t, "groups", _("Groups"), group_cols, ARRAY_LEN(group_cols));
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct quality_group *g = &r->groups[i];
		const struct quality_figures *f = &g->u.fig;
		struct cell *c = table_row(t);
		c[0] = cell_text(g->u.code);
		c[1] = cell_text(r->hamlets[g->hamlet].code);
		c[2] = cell_text(g->commune < r->ncommunes ? r->communes[g->commune].code : NULL);
		c[3] = cell_text(g->org < r->norgs ? r->orgs[g->org].code : NULL);
		c[4] = cell_int(f->members);
		c[5] = cell_int(f->borrowers);
		c[6] = cell_money(f->outstanding);
		c[7] = cell_money(f->overdue);
		c[8] = overdue_cell(f);
		c[9] = cell_money(f->interest_due_ytd);
		c[10] = cell_money(f->interest_collected_ytd);
		c[11] = cell_ratio(f->interest_collected_ytd, f->interest_due_ytd);
		c[12] = cell_money(f->savings);
		c[13] = cell_int(f->savers);
		c[14] = cell_int(g->u.score.total);
		c[15] = cell_grade(g->u.score.grade);
	}
}

void report_counts(const struct quality_report *r, const struct config *cfg,
		   struct report_counts *out)
{
	memset(out, 0, sizeof *out);
	out->communes = xcalloc(r->ncommunes + 1, sizeof *out->communes);
	out->hamlets = xcalloc(r->nhamlets + 1, sizeof *out->hamlets);
	out->orgs = xcalloc(r->norgs + 1, sizeof *out->orgs);
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct quality_group *g = &r->groups[i];
		int above = quality_overdue_above(&g->u.fig, cfg);
		struct unit_counts *u[] = {
			&out->district, &out->hamlets[g->hamlet],
			g->commune < r->ncommunes ? &out->communes[g->commune] : NULL,
			g->org < r->norgs ? &out->orgs[g->org] : NULL,
		};
		for (size_t k = 0; k < ARRAY_LEN(u); k++)
			if (u[k]) {
				u[k]->overdue_above += above;
				u[k]->groups_by_grade[g->u.score.grade]++;
			}
	}
	for (size_t i = 0; i < r->ncommunes; i++)
		if (r->communes[i].fig.groups)
			out->communes_by_grade[r->communes[i].score.grade]++;
}

void report_counts_free(struct report_counts *c)
{
	free(c->communes);
	free(c->hamlets);
	free(c->orgs);
}

static const struct column figure_cols[] = {
	{"code", N_("Code"), 0}, {"name", N_("Name"), 0},
	{"groups", N_("Groups"), 0}, {"members", N_("Members"), 0}, {"borrowers", N_("Borrowers"), 0},
	{"outstanding", N_("Outstanding"), 0}, {"overdue", N_("Overdue"), 0},
	{"overdue_ratio", N_("Overdue %"), 0},
	{"groups_overdue_above_threshold", N_("Groups above threshold"), 0},
	{"interest_due_month", N_("Interest due"), 0},
	{"interest_collected_month", N_("Collected"), 0},
	{"collection_rate_month", N_("Collection %"), 0},
	{"interest_due_ytd", N_("Interest due YTD"), 0},
	{"interest_collected_ytd", N_("Collected YTD"), 0},
	{"collection_rate_ytd", N_("Collection % YTD"), 0},
	{"savings", N_("Savings"), 0}, {"savers", N_("Savers"), 0},
	{"score", N_("Score"), 0}, {"grade", N_("Grade"), 0},
};

/* One row of a figures table for unit U. */
static void figure_row(struct table *t, const struct quality_unit *u, const struct unit_counts *n)
{
	const struct quality_figures *f = &u->fig;
	struct cell *c = table_row(t);
	/* The district has no code or name of its own: null cells. */
	c[0] = cell_text(u->code && *u->code ? u->code : NULL);
	c[1] = cell_text(u->name && *u->name ? u->name : NULL);
	c[2] = cell_int(f->groups);
	c[3] = cell_int(f->members);
	c[4] = cell_int(f->borrowers);
	c[5] = cell_money(f->outstanding);
	c[6] = cell_money(f->overdue);
	c[7] = overdue_cell(f);
	c[8] = cell_int(n->overdue_above);
	c[9] = cell_money(f->interest_due_month);
	c[10] = cell_money(f->interest_collected_month);
	c[11] = cell_ratio(f->interest_collected_month, f->interest_due_month);
	c[12] = cell_money(f->interest_due_ytd);
	c[13] = cell_money(f->interest_collected_ytd);
	c[14] = cell_ratio(f->interest_collected_ytd, f->interest_due_ytd);
	c[15] = cell_money(f->savings);
	c[16] = cell_int(f->savers);
	c[17] = cell_int(u->score.total);
	c[18] = cell_grade(u->score.grade);
}

/* A figures table KEY of the N units U. */
static void figures_table(struct table *t, const char *key, const char *title,
			  const struct quality_unit *u, const struct unit_counts *n, size_t count)
{
	table_init(t, key, title, figure_cols, ARRAY_LEN(figure_cols));
	for (size_t i = 0; i < count; i++)
		figure_row(t, &u[i], &n[i]);
}

/* The key figures of the district, its communes, organisations and hamlets. */
static void kpi_figures(const struct quality_report *r, const struct report_counts *n,
			struct table *t)
{
	figures_table(&t[0], "district", _("District"), &r->district, &n->district, 1);
	t[0].single = 1;
	figures_table(&t[1], "communes", _("Communes"), r->communes, n->communes, r->ncommunes);
	figures_table(&t[2], "orgs", _("Organisations"), r->orgs, n->orgs, r->norgs);
	figures_table(&t[3], "hamlets", _("Hamlets"), r->hamlets, n->hamlets, r->nhamlets);
}

static const struct column overdue_cols[] = {
	{"group_code", N_("Group"), 0}, {"hamlet_code", N_("Hamlet"), 0}, {"leader", N_("Leader"), 0},
	{"outstanding", N_("Outstanding"), 0}, {"overdue", N_("Overdue"), 0},
	{"overdue_ratio", N_("Overdue %"), 0}, {"collection_rate_ytd", N_("Collection % YTD"), 0},
	{"score", N_("Score"), 0}, {"grade", N_("Grade"), 0},
};

/* One row of a flag table on group G: its place, leader and key figures. */
static void flag_row(struct table *t, const struct quality_report *r, const struct quality_group *g)
{
	const struct quality_figures *f = &g->u.fig;
	struct cell *c = table_row(t);
	c[0] = cell_text(g->u.code);
	c[1] = cell_text(r->hamlets[g->hamlet].code);
	c[2] = cell_text(g->leader_name ? g->leader_name : g->leader_code);
	c[3] = cell_money(f->outstanding);
	c[4] = cell_money(f->overdue);
	c[5] = overdue_cell(f);
	c[6] = cell_ratio(f->interest_collected_ytd, f->interest_due_ytd);
	c[7] = cell_int(g->u.score.total);
	c[8] = cell_grade(g->u.score.grade);
}

static const struct column merge_cols[] = {
	{"group_code", N_("Group"), 0}, {"hamlet_code", N_("Hamlet"), 0},
	{"members", N_("Members"), 0}, {"outstanding", N_("Outstanding"), 0},
	{"reason", N_("Reason"), 0}, {"nearest_group", N_("Nearest group"), 0},
	{"distance_m", N_("Distance (m)"), 0}, {"nearest_members", N_("Its members"), 0},
};

/* The merge candidates and the group each could join. */
static void merge_table(const struct quality_report *r, const struct quality_flags *fl,
			struct table *t)
{
	table_init(t, "merge_candidates", _("Merge candidates"), merge_cols, ARRAY_LEN(merge_cols));
	for (size_t i = 0; i < fl->nmerge; i++) {
		const struct quality_merge *m = &fl->merge[i];
		const struct quality_group *g = &r->groups[m->group];
		const struct quality_group *to = m->has_target ? &r->groups[m->target] : NULL;
		struct cell *c = table_row(t);
		c[0] = cell_text(g->u.code);
		c[1] = cell_text(r->hamlets[g->hamlet].code);
		c[2] = cell_int(g->u.fig.members);
		c[3] = cell_money(g->u.fig.outstanding);
		c[4] = cell_text(m->too_few_members && m->low_balance ? "members,balance"
				 : m->too_few_members ? "members" : "balance");
		c[5] = cell_text(to ? to->u.code : NULL);
		if (to && m->distance_m >= 0)
			c[6] = cell_int((int64_t)(m->distance_m + 0.5));
		if (to)
			c[7] = cell_int(to->u.fig.members);
	}
}

static const struct column review_cols[] = {
	{"group_code", N_("Group"), 0}, {"hamlet_code", N_("Hamlet"), 0},
	{"leader_code", N_("Leader code"), 0}, {"leader_name", N_("Leader"), 0},
	{"scores", N_("Scores by month"), 0}, {"grades", N_("Grades by month"), 0},
	{"points", N_("Points by criterion"), 0},
	{"overdue_ratio", N_("Overdue %"), 0}, {"collection_rate_ytd", N_("Collection % YTD"), 0},
};

/* The text of a review's monthly scores and grades, oldest first, and of
 * the points of each criterion at D. */
static void review_texts(const struct quality_review *v, const struct quality_score *now,
			 struct strbuf *scores, struct strbuf *grades, struct strbuf *points)
{
	for (int k = 0; k < v->months; k++) {
		sb_addf(scores, "%s%d", k ? " " : "", v->scores[k]);
		sb_addf(grades, "%s%s", k ? " " : "", quality_grade_key(v->grades[k]));
	}
	for (int k = 0; k < QC_COUNT; k++)
		sb_addf(points, "%s%s %d", k ? ", " : "", quality_criterion_key(k), now->points[k]);
}

/* The leaders to review, with the figures behind it. */
static void review_table(const struct quality_report *r, const struct quality_flags *fl,
			 struct table *t)
{
	table_init(t, "leaders_to_review", _("Leaders to review"), review_cols, ARRAY_LEN(review_cols));
	for (size_t i = 0; i < fl->nreview; i++) {
		const struct quality_review *v = &fl->review[i];
		const struct quality_group *g = &r->groups[v->group];
		struct strbuf scores, grades, points;
		sb_init(&scores);
		sb_init(&grades);
		sb_init(&points);
		review_texts(v, &g->u.score, &scores, &grades, &points);
		struct cell *c = table_row(t);
		c[0] = cell_text(g->u.code);
		c[1] = cell_text(r->hamlets[g->hamlet].code);
		c[2] = cell_text(g->leader_code);
		c[3] = cell_text(g->leader_name);
		c[4] = cell_text(scores.len ? scores.buf : "");
		c[5] = cell_text(grades.len ? grades.buf : "");
		c[6] = cell_text(points.len ? points.buf : "");
		c[7] = overdue_cell(&g->u.fig);
		c[8] = cell_ratio(g->u.fig.interest_collected_ytd, g->u.fig.interest_due_ytd);
		sb_free(&scores);
		sb_free(&grades);
		sb_free(&points);
	}
}

size_t report_kpi(const struct quality_report *r, const struct quality_flags *fl,
		  const struct report_counts *n, struct table *t)
{
	kpi_figures(r, n, &t[0]);
	table_init(&t[4], "overdue_above_threshold", _("Groups above the overdue threshold"),
		   overdue_cols, ARRAY_LEN(overdue_cols));
	for (size_t i = 0; i < fl->noverdue; i++)
		flag_row(&t[4], r, &r->groups[fl->overdue[i]]);
	table_init(&t[5], "collection_below_threshold", _("Groups below the collection threshold"),
		   overdue_cols, ARRAY_LEN(overdue_cols));
	for (size_t i = 0; i < fl->nlow_collection; i++)
		flag_row(&t[5], r, &r->groups[fl->low_collection[i]]);
	merge_table(r, fl, &t[6]);
	review_table(r, fl, &t[7]);
	return REPORT_KPI_TABLES;
}

static const struct column change_cols[] = {
	{"figure", N_("Figure"), 0}, {"from", N_("From"), 0}, {"to", N_("To"), 0}, {"change", N_("Change"), 0},
};

/* A row of counts A and B and their change. */
static void change_count(struct table *t, const char *figure, int64_t a, int64_t b)
{
	struct cell *c = table_row(t);
	c[0] = cell_text(figure);
	c[1] = cell_int(a);
	c[2] = cell_int(b);
	c[3] = cell_int(b - a);
}

/* The change between two ratios as a fraction, or a null cell when either is undefined. */
static struct cell ratio_change(int64_t an, int64_t ad, int64_t bn, int64_t bd)
{
	double a, b;
	if (!quality_ratio(an, ad, &a) || !quality_ratio(bn, bd, &b))
		return (struct cell){.type = CELL_NULL};
	return cell_diff(b - a);
}

/* A row of ratios A and B and their change. */
static void change_ratio(struct table *t, const char *figure, int64_t an, int64_t ad,
			 int64_t bn, int64_t bd)
{
	struct cell *c = table_row(t);
	c[0] = cell_text(figure);
	c[1] = cell_ratio(an, ad);
	c[2] = cell_ratio(bn, bd);
	c[3] = ratio_change(an, ad, bn, bd);
}

/* The district's figures at both dates and the change. */
static void compare_district(const struct report_side *s, struct table *t)
{
	static const char *const grade_rows[] = {"communes_tot", "communes_kha",
						 "communes_trung_binh", "communes_yeu"};
	const struct quality_figures *a = &s[0].r->district.fig, *b = &s[1].r->district.fig;
	int32_t da, db;
	table_init(t, "district", _("District"), change_cols, ARRAY_LEN(change_cols));
	quality_parse_date(s[0].r->as_of, &da);
	quality_parse_date(s[1].r->as_of, &db);
	struct cell *c = table_row(t);
	c[0] = cell_text("as_of");
	c[1] = cell_date(da);
	c[2] = cell_date(db);
	change_count(t, "groups", a->groups, b->groups);
	change_count(t, "groups_overdue_above_threshold", s[0].n->district.overdue_above,
		     s[1].n->district.overdue_above);
	change_ratio(t, "collection_rate_ytd", a->interest_collected_ytd, a->interest_due_ytd,
		     b->interest_collected_ytd, b->interest_due_ytd);
	change_ratio(t, "overdue_ratio", a->overdue, a->outstanding ? a->outstanding : 1,
		     b->overdue, b->outstanding ? b->outstanding : 1);
	for (int g = 0; g < QG_COUNT; g++)
		change_count(t, grade_rows[g], s[0].n->communes_by_grade[g], s[1].n->communes_by_grade[g]);
}

static const struct column commune_change_cols[] = {
	{"commune_code", N_("Commune"), 0}, {"name", N_("Name"), 0},
	{"groups_from", N_("Groups"), 0}, {"groups_to", N_("Groups after"), 0},
	{"overdue_groups_from", N_("Above threshold"), 0}, {"overdue_groups_to", N_("After"), 0},
	{"collection_rate_ytd_from", N_("Collection % YTD"), 0},
	{"collection_rate_ytd_to", N_("After"), 0}, {"collection_rate_ytd_change", N_("Change"), 0},
	{"overdue_ratio_from", N_("Overdue %"), 0}, {"overdue_ratio_to", N_("After"), 0},
	{"overdue_ratio_change", N_("Change"), 0},
	{"grade_from", N_("Grade"), 0}, {"grade_to", N_("After"), 0},
};

/* Each commune's figures at both dates and the change. */
static void compare_communes(const struct report_side *s, struct table *t)
{
	table_init(t, "communes", _("Communes"), commune_change_cols, ARRAY_LEN(commune_change_cols));
	for (size_t i = 0; i < s[0].r->ncommunes; i++) {
		const struct quality_unit *ua = &s[0].r->communes[i], *ub = &s[1].r->communes[i];
		const struct quality_figures *a = &ua->fig, *b = &ub->fig;
		struct cell *c = table_row(t);
		c[0] = cell_text(ua->code);
		c[1] = cell_text(ua->name);
		c[2] = cell_int(a->groups);
		c[3] = cell_int(b->groups);
		c[4] = cell_int(s[0].n->communes[i].overdue_above);
		c[5] = cell_int(s[1].n->communes[i].overdue_above);
		c[6] = cell_ratio(a->interest_collected_ytd, a->interest_due_ytd);
		c[7] = cell_ratio(b->interest_collected_ytd, b->interest_due_ytd);
		c[8] = ratio_change(a->interest_collected_ytd, a->interest_due_ytd,
				    b->interest_collected_ytd, b->interest_due_ytd);
		c[9] = overdue_cell(a);
		c[10] = overdue_cell(b);
		c[11] = ratio_change(a->overdue, a->outstanding ? a->outstanding : 1,
				     b->overdue, b->outstanding ? b->outstanding : 1);
		c[12] = cell_grade(ua->score.grade);
		c[13] = cell_grade(ub->score.grade);
	}
}

size_t report_compare(const struct report_side *sides, struct table *t)
{
	compare_district(sides, &t[0]);
	compare_communes(sides, &t[1]);
	return REPORT_COMPARE_TABLES;
}

/* Print the grade counts N as a json object. */
static void json_grades(FILE *f, const int64_t *n)
{
	fputc('{', f);
	for (int g = 0; g < QG_COUNT; g++)
		fprintf(f, "%s\"%s\": %lld", g ? ", " : "", quality_grade_key(g), (long long)n[g]);
	fputc('}', f);
}

/* Print the compare figures of unit U as json fields (no braces). */
static void json_unit(FILE *f, const struct quality_unit *u, const struct unit_counts *n)
{
	struct cell rate = cell_ratio(u->fig.interest_collected_ytd, u->fig.interest_due_ytd);
	struct cell overdue = overdue_cell(&u->fig);
	fprintf(f, "\"groups\": %lld, \"groups_overdue_above_threshold\": %lld, \"collection_rate_ytd\": ",
		(long long)u->fig.groups, (long long)n->overdue_above);
	table_json_cell(f, &rate);
	fputs(", \"overdue_ratio\": ", f);
	table_json_cell(f, &overdue);
	fputs(", \"groups_by_grade\": ", f);
	json_grades(f, n->groups_by_grade);
	fprintf(f, ", \"score\": %d, \"grade\": \"%s\"", u->score.total, quality_grade_key(u->score.grade));
}

/* A commune's grade as counts, the district's communes_by_grade for one. */
static void json_own_grade(FILE *f, const struct quality_unit *u)
{
	int64_t n[QG_COUNT] = {0};
	n[u->score.grade] = 1;
	fputs(", \"communes_by_grade\": ", f);
	json_grades(f, n);
}

/* Print one side of the comparison. */
static void json_side(FILE *f, const struct report_side *s)
{
	fputs("{\"as_of\": ", f);
	table_json_string(f, s->r->as_of);
	fputs(", \"score_as_of\": ", f);
	table_json_string(f, s->r->score_as_of);
	fputs(", ", f);
	json_unit(f, &s->r->district, &s->n->district);
	fputs(", \"communes_by_grade\": ", f);
	json_grades(f, s->n->communes_by_grade);
	fputs(",\n  \"communes\": [", f);
	for (size_t i = 0; i < s->r->ncommunes; i++) {
		fputs(i ? ",\n   {\"commune_code\": " : "\n   {\"commune_code\": ", f);
		table_json_string(f, s->r->communes[i].code);
		fputs(", \"name\": ", f);
		table_json_string(f, s->r->communes[i].name);
		fputs(", ", f);
		json_unit(f, &s->r->communes[i], &s->n->communes[i]);
		json_own_grade(f, &s->r->communes[i]);
		fputc('}', f);
	}
	fputs("]}", f);
}

void report_compare_json(FILE *f, const struct report_side *sides)
{
	fputs("{\"from\": ", f);
	json_side(f, &sides[0]);
	fputs(",\n \"to\": ", f);
	json_side(f, &sides[1]);
	fputs("}\n", f);
}
