/* The credit-quality figures as of a date, one pass over the loaded loans
 * and payments (quality-metrics.md), summed upwards before any ratio. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quality_int.h"
#include "tkvv/i18n.h"
#include "tkvv/textsafe.h"

/* The calendar around the date D that the figures need. */
struct asof {
	int32_t day;                /* D */
	int32_t month;              /* year * 12 + month - 1 of D */
	int32_t year_first;         /* month index of January of D's year */
	int32_t month_start;        /* first day of D's month */
};

/* What one member adds to its group. */
struct member_acc {
	int64_t outstanding, savings, savings_before;
	int transacted;
};

int64_t quality_interest(int64_t outstanding, int64_t rate_ppm)
{
	int64_t p = outstanding * rate_ppm;
	return p >= 0 ? (p + 500000) / 1000000 : -((-p + 500000) / 1000000);
}

/* Fill A for day D. */
static void asof_init(struct asof *a, int32_t d)
{
	int y, m, dd;
	date_civil(d, &y, &m, &dd);
	a->day = d;
	a->month = y * 12 + m - 1;
	a->year_first = y * 12;
	a->month_start = date_days(y, m, 1);
}

/* The group of every member at D (-1 when none), from the history, or from
 * members.group_id for a member without one. */
static int32_t *groups_at(const struct quality_data *q, int32_t d)
{
	int32_t *g = xmalloc((q->nmembers + 1) * sizeof *g);
	for (size_t i = 0; i < q->nmembers; i++) {
		const struct quality_memberrow *m = &q->members[i];
		g[i] = m->group >= 0 && m->joined <= d ? m->group : -1;
	}
	for (size_t i = 0; i < q->nspans; i++) {
		const struct quality_span *s = &q->spans[i];
		if (s->from <= d && d < s->to)
			g[s->member] = s->group;
	}
	return g;
}

int quality_tday(int64_t stored)
{
	return stored >= 1 && stored <= 28 ? (int)stored : QUALITY_TRANSACTION_DAY;
}

int32_t quality_last_due_month(int32_t d, int tday)
{
	int y, m, dd;
	date_civil(d, &y, &m, &dd);
	return y * 12 + m - 1 - (dd < quality_tday(tday));
}

void quality_loan_due(const struct quality_loanrow *l, const struct quality_payment *pays,
		      int32_t from, int32_t to, int32_t as_of, int64_t *due)
{
	int32_t last = as_of == INT32_MAX ? INT32_MAX : quality_last_due_month(as_of, l->tday);
	int y, m, dd;
	date_civil(l->disbursed, &y, &m, &dd);
	int32_t first = y * 12 + m;         /* the month after disbursement */
	/* A loan without payments may come with no array at all. */
	const struct quality_payment *p = pays, *end = pays ? pays + l->count : pays;
	int64_t paid = 0;
	for (int32_t k = from; k <= to; k++) {
		if (k < first || k > last) {
			due[k - from] = 0;
			continue;
		}
		int32_t start = date_days(k / 12, k % 12 + 1, 1);
		for (; p < end && p->day <= start; p++)
			if (p->kind == QP_PRINCIPAL)
				paid += p->amount;
		due[k - from] = l->amount > paid ? quality_interest(l->amount - paid, l->rate_ppm) : 0;
	}
}

/* Interest due on loan L for the months of D's year after its disbursement
 * up to the last whose transaction day is on or before D: on the
 * outstanding principal at each month's first day. */
static void interest_due(const struct quality_loanrow *l, const struct quality_payment *pays,
			 const struct asof *a, struct quality_figures *f)
{
	int64_t due[12];
	quality_loan_due(l, pays, a->year_first, a->month, a->day, due);
	for (int32_t k = a->year_first; k <= a->month; k++)
		f->interest_due_ytd += due[k - a->year_first];
	f->interest_due_month += due[a->month - a->year_first];
}

/* Add loan L's payments up to D to its member's M and its group's F; BUF
 * has room for the payments of any loan. */
static void loan_payments(const struct quality_data *q, const struct quality_loanrow *l,
			  const struct asof *a, struct member_acc *m, struct quality_figures *f,
			  struct quality_payment *buf)
{
	struct quality_loanrow upto = *l;
	upto.count = quality_payments(q, l, a->day, buf);
	const struct quality_payment *p = buf, *end = p + upto.count;
	int64_t paid = 0, paid_before = 0, paid_month = 0;
	/* Interest collected counts for the months that are due at D. */
	int32_t last_due = quality_last_due_month(a->day, l->tday);
	for (; p < end && p->day <= a->day; p++) {
		int in_month = p->day >= a->month_start;
		if (p->kind == QP_PRINCIPAL) {
			paid += p->amount;
			paid_before += in_month ? 0 : p->amount;
			paid_month += in_month ? p->amount : 0;
		} else if (p->kind == QP_INTEREST) {
			if (p->period >= a->year_first && p->period <= last_due)
				f->interest_collected_ytd += p->amount;
			if (p->period == a->month && p->period <= last_due)
				f->interest_collected_month += p->amount;
			m->transacted |= in_month;
		} else {
			m->savings += p->amount;
			m->savings_before += in_month ? 0 : p->amount;
			m->transacted |= in_month;
		}
	}
	if (l->disbursed > a->day)
		return;
	int64_t out = l->amount > paid ? l->amount - paid : 0;
	m->outstanding += out;
	f->outstanding += out;
	if (l->due < a->day)
		f->overdue += out;
	if (l->due >= a->month_start && l->due <= a->day && l->amount > paid_before) {
		int64_t due = l->amount - paid_before;
		f->principal_due_month += due;
		f->principal_collected_month += paid_month < due ? paid_month : due;
	}
	interest_due(&upto, buf, a, f);
}

/* Each group's figures at D into FIGS (one per loaded group); MEMBERS counts
 * the members of each group. */
static void group_figures(const struct quality_data *q, const struct asof *a,
			  const int32_t *group_of, struct quality_figures *figs)
{
	struct member_acc *acc = xcalloc(q->nmembers + 1, sizeof *acc);
	struct quality_payment *buf = xcalloc(q->most_payments + 1, sizeof *buf);
	for (size_t i = 0; i < q->nloans; i++) {
		const struct quality_loanrow *l = &q->loans[i];
		if (l->member >= 0 && group_of[l->member] >= 0)
			loan_payments(q, l, a, &acc[l->member], &figs[group_of[l->member]], buf);
	}
	free(buf);
	for (size_t i = 0; i < q->nmembers; i++) {
		if (group_of[i] < 0)
			continue;
		struct quality_figures *f = &figs[group_of[i]];
		const struct member_acc *m = &acc[i];
		f->members++;
		f->borrowers += m->outstanding > 0;
		f->transactors += m->outstanding > 0 && m->transacted;
		f->savings += m->savings;
		f->savings_before += m->savings_before;
		f->savers += m->savings > 0;
	}
	free(acc);
}

/* Add the figures B to A (every field is an int64_t). */
static void figures_add(struct quality_figures *a, const struct quality_figures *b)
{
	int64_t *x = (int64_t *)a;
	const int64_t *y = (const int64_t *)b;
	for (size_t i = 0; i < sizeof *a / sizeof *x; i++)
		x[i] += y[i];
}

/* The centroid of each group's members at D that have coordinates. */
static void centroids(const struct quality_data *q, const int32_t *group_of,
		      struct quality_group *out, size_t n)
{
	double *lat = xcalloc(q->ngroups + 1, sizeof *lat), *lon = xcalloc(q->ngroups + 1, sizeof *lon);
	size_t *count = xcalloc(q->ngroups + 1, sizeof *count);
	for (size_t i = 0; i < q->nmembers; i++)
		if (group_of[i] >= 0 && q->members[i].has_xy) {
			lat[group_of[i]] += q->members[i].lat;
			lon[group_of[i]] += q->members[i].lon;
			count[group_of[i]]++;
		}
	for (size_t i = 0; i < n; i++) {
		size_t g = out[i].key, c = count[g];
		out[i].has_centroid = c > 0;
		out[i].lat = c ? lat[g] / (double)c : 0;
		out[i].lon = c ? lon[g] / (double)c : 0;
	}
	free(lat);
	free(lon);
	free(count);
}

/* Make the units of a place list, with no figures yet. */
static struct quality_unit *units_of(const struct quality_place *p, size_t n)
{
	struct quality_unit *u = xcalloc(n + 1, sizeof *u);
	for (size_t i = 0; i < n; i++) {
		u[i].code = p[i].code;
		u[i].name = p[i].name;
	}
	return u;
}

/* Whether group G counts at D: it has members, or it is active and founded. */
static int group_listed(const struct quality_grouprow *g, const struct quality_figures *f,
			int32_t d)
{
	return f->members > 0 || (g->active && g->founded <= d);
}

/* Put the groups listed at D into R, with their places, and sum upwards. */
static void build_units(const struct quality_data *q, const int32_t *group_of, int32_t d,
			struct quality_figures *figs, struct quality_report *r)
{
	r->hamlets = units_of(q->hamlets, r->nhamlets = q->nhamlets);
	r->communes = units_of(q->communes, r->ncommunes = q->ncommunes);
	r->orgs = units_of(q->orgs, r->norgs = q->norgs);
	r->groups = xcalloc(q->ngroups + 1, sizeof *r->groups);
	r->district.code = "";
	r->district.name = "";
	for (size_t i = 0; i < q->ngroups; i++) {
		const struct quality_grouprow *g = &q->groups[i];
		if (!group_listed(g, &figs[i], d) || g->hamlet < 0)
			continue;
		struct quality_group *out = &r->groups[r->ngroups++];
		out->u = (struct quality_unit){.code = g->code, .name = g->name, .fig = figs[i]};
		out->key = i;
		out->hamlet = (size_t)g->hamlet;
		out->commune = (size_t)q->hamlets[g->hamlet].parent;
		out->org = g->org >= 0 ? (size_t)g->org : SIZE_MAX;
		out->leader_code = g->leader_code;
		out->leader_name = g->leader_name;
		figures_add(&r->hamlets[out->hamlet].fig, &figs[i]);
		if (q->hamlets[g->hamlet].parent >= 0)
			figures_add(&r->communes[out->commune].fig, &figs[i]);
		if (g->org >= 0)
			figures_add(&r->orgs[out->org].fig, &figs[i]);
		figures_add(&r->district.fig, &figs[i]);
	}
	centroids(q, group_of, r->groups, r->ngroups);
}

/* Score every unit of R on the figures FIGS (one per loaded group) of its
 * listed groups, summed upwards as the figures themselves are. */
static void score_all(struct quality_report *r, const struct quality_data *q,
		      const struct quality_figures *figs, const struct config *cfg)
{
	struct quality_figures *h = xcalloc(r->nhamlets + 1, sizeof *h);
	struct quality_figures *c = xcalloc(r->ncommunes + 1, sizeof *c);
	struct quality_figures *o = xcalloc(r->norgs + 1, sizeof *o);
	struct quality_figures district = {0};
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct quality_group *g = &r->groups[i];
		const struct quality_figures *f = &figs[g->key];
		quality_score(f, cfg, &r->groups[i].u.score);
		figures_add(&h[g->hamlet], f);
		if (q->hamlets[g->hamlet].parent >= 0)
			figures_add(&c[g->commune], f);
		if (g->org < r->norgs)
			figures_add(&o[g->org], f);
		figures_add(&district, f);
	}
	for (size_t i = 0; i < r->nhamlets; i++)
		quality_score(&h[i], cfg, &r->hamlets[i].score);
	for (size_t i = 0; i < r->ncommunes; i++)
		quality_score(&c[i], cfg, &r->communes[i].score);
	for (size_t i = 0; i < r->norgs; i++)
		quality_score(&o[i], cfg, &r->orgs[i].score);
	quality_score(&district, cfg, &r->district.score);
	free(h);
	free(c);
	free(o);
}

/* The last day of the last month that ended on or before D: D itself at a
 * month's end, else the end of the previous month. */
static int32_t scored_month_end(int32_t d)
{
	int y, m, dd;
	date_civil(d + 1, &y, &m, &dd);
	if (dd == 1)
		return d;
	date_civil(d, &y, &m, &dd);
	return date_days(y, m, 1) - 1;
}

/* Every loaded group's figures at day D, and the group of each member. */
static struct quality_figures *figures_at(const struct quality_data *q, int32_t d,
					  int32_t **group_of)
{
	struct asof a;
	asof_init(&a, d);
	*group_of = groups_at(q, d);
	struct quality_figures *figs = xcalloc(q->ngroups + 1, sizeof *figs);
	group_figures(q, &a, *group_of, figs);
	for (size_t i = 0; i < q->ngroups; i++)
		figs[i].groups = 1;
	return figs;
}

int quality_compute(const struct quality_data *q, const char *as_of, const struct config *cfg,
		    struct quality_report *r, struct tkvv_err *err)
{
	int32_t d, *group_of, *group_then;
	memset(r, 0, sizeof *r);
	if (quality_parse_date(as_of, &d) < 0)
		return err_set(err, TKVV_EUSAGE, "%s: '%s' %s", _("as-of date"), TEXT_Q(as_of),
			       _("is not a date (YYYY-MM-DD or DD/MM/YYYY)"));
	quality_format_date(d, r->as_of);
	struct quality_figures *figs = figures_at(q, d, &group_of);
	build_units(q, group_of, d, figs, r);
	int32_t e = scored_month_end(d);
	quality_format_date(e, r->score_as_of);
	if (e == d) {
		score_all(r, q, figs, cfg);
	} else {
		struct quality_figures *then = figures_at(q, e, &group_then);
		score_all(r, q, then, cfg);
		free(then);
		free(group_then);
	}
	free(figs);
	free(group_of);
	return 0;
}

void quality_report_free(struct quality_report *r)
{
	free(r->groups);
	free(r->hamlets);
	free(r->communes);
	free(r->orgs);
	memset(r, 0, sizeof *r);
}
