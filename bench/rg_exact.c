/* Sections 1 and 2: the instances, and the engine against the exact
 * optimum that GLPK's MIP proves on hamlets of up to 60 located members. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rg_bench.h"
#include "tkvv/util.h"

#define MIN_SIZE 5
#define MAX_SIZE 60

/* The synthetic hamlets of the exactness section: N households, K groups. */
static const struct {
	size_t n, k;
} exact_specs[] = {{30, 2}, {30, 3}, {40, 2}, {40, 4}, {50, 3}, {50, 5}, {60, 4}, {60, 5}};

/* Print what the district holds: members located or not, groups, leaders. */
void bench_instances(const struct bench_opts *opt, const struct rgb_district *d)
{
	size_t located = 0, road = 0, groups = 0, leaders = 0, nmin = SIZE_MAX, nmax = 0;
	(void)opt;
	for (size_t i = 0; i < d->n; i++) {
		const struct rgb_hamlet *h = &d->hamlets[i];
		for (size_t m = 0; m < h->h.n; m++) {
			located += h->members[m].has_coord;
			road += !h->members[m].has_coord && h->members[m].has_road;
		}
		for (size_t g = 0; g < h->h.k; g++)
			leaders += h->groups[g].leader >= 0;
		groups += h->h.k;
		nmin = h->h.n < nmin ? h->h.n : nmin;
		nmax = h->h.n > nmax ? h->h.n : nmax;
	}
	size_t total = rgb_district_members(d);
	printf("\n== 1. Instances: %s\n", d->source);
	printf("%-10s %8s %8s %9s %10s %8s %8s %10s\n", "hamlets", "members", "located",
	       "road-only", "unlocated", "groups", "leaders", "members/h");
	printf("%-10zu %8zu %8zu %9zu %10zu %8zu %8zu %4zu..%-4zu\n", d->n, total, located, road,
	       total - located - road, groups, leaders, nmin, nmax);
}

/* Whether hamlet H (located members only) suits the exactness section. */
static int small_enough(const struct rgb_hamlet *h)
{
	size_t k = h->h.k, n = h->h.n;
	return n >= 20 && n <= 60 && k >= 2 && k <= 5 && MIN_SIZE * k <= n;
}

/* The engine's objective on hamlet H at WEIGHT: medoid_m + weight x moves,
 * measured by regroup_measure; FLAGS gets its rule breaches. The MIP knows
 * no contiguity, so the engine's bare optimiser is compared (split_ok). */
static double engine_objective(const struct rgb_hamlet *h, double weight, double *seconds,
			       char *flags, size_t len)
{
	struct regroup_params p = {MIN_SIZE, MAX_SIZE, weight, -1, 0, 0, 1};
	struct regroup_result res;
	struct regroup_metrics m;
	double t0 = rgb_now();
	int rc = regroup_plan_hamlet(&h->h, &p, &res);
	*seconds = rgb_now() - t0;
	if (rc < 0 || res.status != REGROUP_OK || !res.group) {
		snprintf(flags, len, "refused");
		regroup_result_free(&res);
		return NAN;
	}
	regroup_measure(&h->h, res.group, NULL, MIN_SIZE, MAX_SIZE, &m);
	snprintf(flags, len, "%s%s", m.size_violations ? "sizes " : "",
		 m.leaders_moved ? "leaders" : "");
	regroup_result_free(&res);
	return m.medoid_m + weight * (double)m.moved;
}

/* The MIP's own solution re-measured: "ok" when regroup_measure and the
 * bench's medoid sum both give back the MIP's objective. */
static void mip_check(const struct rgb_hamlet *h, const struct rgb_mip *mip, double weight,
		      char *out, size_t len)
{
	struct regroup_metrics m;
	regroup_measure(&h->h, mip->group, NULL, MIN_SIZE, MAX_SIZE, &m);
	double measured = m.medoid_m + weight * (double)m.moved;
	double own = rgb_medoid_sum(&h->h, mip->group);
	if (fabs(measured - mip->objective) <= 1e-6 * (1 + mip->objective) &&
	    fabs(own - m.medoid_m) <= 1e-6 * (1 + own))
		snprintf(out, len, "ok");
	else
		snprintf(out, len, "DIFF %+.3f/%+.3f", measured - mip->objective, own - m.medoid_m);
}

/* Accumulated ratios of the section. */
struct tally {
	int rows, optimal, proved;
	double sum, worst;
};

/* One row: hamlet SRC in MODE (0: weight 0, no leaders; 1: 200 m, leaders kept). */
static void exact_row(const struct bench_opts *opt, const struct rgb_hamlet *src, int mode,
		      struct tally *t)
{
	struct rgb_hamlet h;
	struct rgb_mip mip;
	double weight = mode ? 200 : 0, es, limit = opt->quick ? fmin(opt->mip_seconds, 20) : opt->mip_seconds;
	char flags[32], check[64] = "-", status[40];
	rgb_hamlet_copy(&h, src, 1, mode);
	double eng = engine_objective(&h, weight, &es, flags, sizeof flags);
	rgb_mip_solve(&h.h, MIN_SIZE, MAX_SIZE, weight, mode, limit, &mip);
	if (mip.status < 2)
		mip_check(&h, &mip, weight, check, sizeof check);
	if (mip.status == 0)
		snprintf(status, sizeof status, "optimal");
	else if (mip.status == 1)
		snprintf(status, sizeof status, "gap %.1f%% bound %.0f",
			 100 * (mip.objective - mip.bound) / fmax(mip.objective, 1e-9), mip.bound);
	else
		snprintf(status, sizeof status, "no solution");
	double ratio = mip.status < 2 ? eng / mip.objective : NAN;
	printf("%-22s %4zu %3zu %-11s %11.1f %8.3f %11.1f %8.2f %7.4f  %-7s %-8s %s\n", h.name,
	       h.h.n, h.h.k, mode ? "w200+lead" : "w0", eng, es, mip.objective, mip.seconds, ratio,
	       check, flags[0] ? flags : "-", status);
	if (mip.status == 0 && !isnan(ratio)) {
		t->rows++;
		t->sum += ratio;
		t->worst = fmax(t->worst, ratio);
		t->optimal += ratio <= 1 + 1e-6;
	}
	t->proved += mip.status == 0;
	rgb_mip_free(&mip);
	rgb_hamlet_free(&h);
}

/* Up to MAX hamlets of the district small enough for the MIP, into OUT. */
static size_t pick_real(const struct rgb_district *d, size_t max, struct rgb_hamlet *out)
{
	size_t c = 0;
	if (strncmp(d->source, "synthetic", 9) == 0)
		return 0;
	for (size_t i = 0; i < d->n && c < max; i++) {
		rgb_hamlet_copy(&out[c], &d->hamlets[i], 1, 1);
		if (small_enough(&out[c]))
			c++;
		else
			rgb_hamlet_free(&out[c]);
	}
	return c;
}

/* Section 2: each instance in both modes against the MIP, then a summary. */
void bench_exact(const struct bench_opts *opt, const struct rgb_district *d)
{
	struct rgb_hamlet inst[ARRAY_LEN(exact_specs) + 4];
	struct tally t = {0};
	size_t n = opt->quick ? 2 : ARRAY_LEN(exact_specs);
	printf("\n== 2. Exactness: engine vs GLPK MIP optimum (sizes %d..%d, same number of groups)\n",
	       MIN_SIZE, MAX_SIZE);
	if (!rgb_mip_available()) {
		printf("GLPK is not available in this build: section skipped\n");
		return;
	}
	for (size_t i = 0; i < n; i++)
		rgb_synth_hamlet(&inst[i], opt->seed * 1000 + i, exact_specs[i].n, exact_specs[i].k);
	n += pick_real(d, opt->quick ? 0 : 4, inst + n);
	printf("objective = medoid_m + w x moves (regroup_measure); ratio = engine / optimum;\n"
	       "check = MIP solution re-measured by regroup_measure and the bench's own medoid sum\n");
	printf("%-22s %4s %3s %-11s %11s %8s %11s %8s %7s  %-7s %-8s %s\n", "instance", "N", "K",
	       "mode", "engine", "eng s", "optimum", "MIP s", "ratio", "check", "breach", "MIP status");
	for (size_t i = 0; i < n; i++) {
		exact_row(opt, &inst[i], 0, &t);
		exact_row(opt, &inst[i], 1, &t);
		rgb_hamlet_free(&inst[i]);
	}
	printf("summary: %d rows proved optimal by the MIP (of %zu); engine at the optimum on %d,"
	       " mean ratio %.4f, worst %.4f\n", t.proved, 2 * n, t.optimal,
	       t.rows ? t.sum / t.rows : NAN, t.worst);
}
