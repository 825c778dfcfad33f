/* Section 3: the engine's trade-off curve against Lloyd's k-means on the
 * same hamlets, like for like (k-means places only the located members). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rg_bench.h"
#include "tkvv/util.h"

#define MIN_SIZE 5
#define MAX_SIZE 60

/* One point of a curve: district totals after a plan. */
struct point {
	double moves, medoid;
};

/* The engine settings of the curve: a move weight, or a budget share at
 * weight 0; QUICK marks the ones --quick runs. */
static const struct {
	double weight, budget;
	int quick;
} curve[] = {{0, -1, 1}, {50, -1, 0}, {100, -1, 0}, {200, -1, 1}, {500, -1, 0}, {1000, -1, 1},
	     {0, 0.10, 0}, {0, 0.25, 1}, {0, 0.50, 0}, {0, 1.00, 0}};

/* Print the table's header line. */
static void header(void)
{
	printf("%-24s %8s %12s %12s %10s %6s %6s %6s %7s %8s\n", "plan", "moves", "medoid_m",
	       "mst_m", "interleave", "groups", "split", "sizes", "leaders", "seconds");
}

/* Print one row of district totals M. */
static void row(const char *label, const struct regroup_metrics *m, double seconds)
{
	printf("%-24s %8ld %12.0f %12.0f %10.4f %6d %6d %6d %7d %8.3f\n", label, m->moved, m->medoid_m,
	       m->mst_m, m->interleave, m->groups, m->groups_split, m->size_violations, m->leaders_moved, seconds);
}

/* Copies of the district's hamlets, with or without their leaders. */
static void copy_district(const struct rgb_district *d, int keep_leaders, struct rgb_district *out)
{
	out->n = d->n;
	out->hamlets = xcalloc(d->n + 1, sizeof *out->hamlets);
	snprintf(out->source, sizeof out->source, "%s", d->source);
	for (size_t i = 0; i < d->n; i++)
		rgb_hamlet_copy(&out->hamlets[i], &d->hamlets[i], 0, keep_leaders);
}

/* Sum the figures of per-hamlet groups GROUP over district D. */
static void measure_all(const struct rgb_district *d, int **group, struct regroup_metrics *sum)
{
	memset(sum, 0, sizeof *sum);
	for (size_t i = 0; i < d->n; i++) {
		struct regroup_metrics m;
		const struct rgb_hamlet *h = &d->hamlets[i];
		int *cur = group ? group[i] : xmalloc((h->h.n + 1) * sizeof *cur);
		for (size_t j = 0; !group && j < h->h.n; j++)
			cur[j] = h->members[j].group;
		regroup_measure(&h->h, cur, NULL, MIN_SIZE, MAX_SIZE, &m);
		regroup_metrics_add(sum, &m);
		if (!group)
			free(cur);
	}
}

/* Keep the points no other point beats on both moves and medoid_m, by moves. */
static size_t pareto(struct point *p, size_t n)
{
	size_t out = 0;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && (p[j].moves < p[j - 1].moves ||
		     (p[j].moves == p[j - 1].moves && p[j].medoid < p[j - 1].medoid)); j--) {
			struct point t = p[j];
			p[j] = p[j - 1];
			p[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++)
		if (out == 0 || p[i].medoid < p[out - 1].medoid)
			p[out++] = p[i];
	return out;
}

/* The curve's medoid_m at MOVES, linear between the front's points. */
static double medoid_at(const struct point *p, size_t n, double moves)
{
	if (moves <= p[0].moves)
		return p[0].medoid;
	for (size_t i = 1; i < n; i++)
		if (moves <= p[i].moves)
			return p[i - 1].medoid + (p[i].medoid - p[i - 1].medoid) *
			       (moves - p[i - 1].moves) / (p[i].moves - p[i - 1].moves);
	return p[n - 1].medoid;
}

/* The curve's moves to reach MEDOID, linear between the front's points; NAN if never. */
static double moves_at(const struct point *p, size_t n, double medoid)
{
	if (medoid >= p[0].medoid)
		return p[0].moves;
	for (size_t i = 1; i < n; i++)
		if (medoid >= p[i].medoid)
			return p[i - 1].moves + (p[i].moves - p[i - 1].moves) *
			       (p[i - 1].medoid - medoid) / (p[i - 1].medoid - p[i].medoid);
	return NAN;
}

/* k-means on every hamlet; GROUP receives the plans, the return is the seconds. */
static double kmeans_all(const struct bench_opts *opt, const struct rgb_district *d, int **group)
{
	double t0 = rgb_now();
	for (size_t i = 0; i < d->n; i++) {
		group[i] = xmalloc((d->hamlets[i].h.n + 1) * sizeof **group);
		rgb_kmeans(&d->hamlets[i].h, MIN_SIZE, MAX_SIZE, opt->quick ? 5 : 10,
			  opt->seed * 7919 + i, group[i]);
	}
	return rgb_now() - t0;
}

/* How much of its budget a budgeted RUN spent: the moves it was allowed
 * (each hamlet's budget, capped at what the weight-0 plan W0 moves there). */
static void budget_note(const struct rgb_run *run, const long *w0)
{
	long allowed = 0, short_hamlets = 0;
	for (size_t i = 0; i < run->d->n; i++) {
		long cap = (long)ceil(run->budget * (double)run->d->hamlets[i].h.n);
		cap = cap < w0[i] ? cap : w0[i];
		allowed += cap;
		short_hamlets += run->after[i].moved < cap / 2;
	}
	printf("  (budget: %ld moves usable, %.0f%% used; %ld hamlets used under half of theirs)\n",
	       allowed, allowed ? 100.0 * (double)run->sum.moved / (double)allowed : 0.0, short_hamlets);
}

/* Run the engine's curve on D, print its rows and collect its points. */
static size_t engine_curve(const struct bench_opts *opt, const struct rgb_district *d,
			   struct point *pts)
{
	size_t n = 0;
	long *w0 = xcalloc(d->n + 1, sizeof *w0);
	for (size_t c = 0; c < ARRAY_LEN(curve); c++) {
		if (opt->quick && !curve[c].quick)
			continue;
		struct rgb_run run = {.d = d, .p = {MIN_SIZE, MAX_SIZE, curve[c].weight, -1, 0, 0, 0},
				     .budget = curve[c].budget};
		char label[40];
		rgb_run_district(&run, opt->threads);
		if (curve[c].budget >= 0)
			snprintf(label, sizeof label, "engine budget %.0f%%", 100 * curve[c].budget);
		else
			snprintf(label, sizeof label, "engine w=%.0f", curve[c].weight);
		row(label, &run.sum, run.wall);
		if (run.failed || run.mismatched)
			printf("  (%zu hamlets refused, %zu plans whose res.after differs from regroup_measure)\n",
			       run.failed, run.mismatched);
		if (run.failed)
			printf("  (first refused: %s)\n", run.refusal);
		for (size_t i = 0; c == 0 && i < d->n; i++)
			w0[i] = run.after[i].moved;
		if (c == 0)
			printf("  (of which %ld members without coordinates, placed by road order)\n",
			       run.moved_unlocated);
		if (curve[c].budget >= 0)
			budget_note(&run, w0);
		pts[n++] = (struct point){(double)run.sum.moved, run.sum.medoid_m};
		rgb_run_free(&run);
	}
	free(w0);
	return n;
}

/* The engine at weight 0 with each hamlet's budget ALPHA x k-means's moves
 * there (KMOVES); SUM gets the district's figures, the return is seconds. */
static double budget_run(const struct bench_opts *opt, const struct rgb_district *d,
			 const long *kmoves, double alpha, struct regroup_metrics *sum)
{
	struct rgb_run run = {.d = d, .p = {MIN_SIZE, MAX_SIZE, 0, -1, 0, 0, 0}, .budget = -1};
	long *budget = xcalloc(d->n + 1, sizeof *budget);
	for (size_t i = 0; i < d->n; i++)
		budget[i] = (long)floor(alpha * (double)kmoves[i]);
	run.max_moves = budget;
	rgb_run_district(&run, opt->threads);
	*sum = run.sum;
	rgb_run_free(&run);
	free(budget);
	return run.wall;
}

/* The fewest moves (as a share of k-means's, found by bisection) with
 * which the engine gets medoid_m down to k-means's; -1 if not with 100 %. */
static long moves_to_match(const struct bench_opts *opt, const struct rgb_district *d,
			   const long *kmoves, const struct regroup_metrics *at_full,
			   double target, double *share)
{
	double lo = 0, hi = 1;
	long best = at_full->moved;
	if (at_full->medoid_m > target)
		return -1;
	for (int it = 0; it < (opt->quick ? 2 : 6); it++) {
		struct regroup_metrics m;
		double mid = (lo + hi) / 2;
		budget_run(opt, d, kmoves, mid, &m);
		if (m.medoid_m <= target) {
			hi = mid;
			best = m.moved;
		} else {
			lo = mid;
		}
	}
	*share = hi;
	return best;
}

/* The engine with leaders kept, and how many leaders k-means moves. */
static void leaders_rows(const struct bench_opts *opt, const struct rgb_district *d, int **kgroup)
{
	struct rgb_district lead;
	struct regroup_metrics km;
	copy_district(d, 1, &lead);
	printf("-- leaders kept (k-means ignores them)\n");
	header();
	for (int w = 0; w <= 200; w += 200) {
		struct rgb_run run = {.d = &lead, .p = {MIN_SIZE, MAX_SIZE, w, -1, 0, 0, 0}, .budget = -1};
		char label[40];
		rgb_run_district(&run, opt->threads);
		snprintf(label, sizeof label, "engine w=%d, leaders", w);
		row(label, &run.sum, run.wall);
		rgb_run_free(&run);
	}
	measure_all(&lead, kgroup, &km);
	row("k-means", &km, 0);
	rgb_district_free(&lead);
}

/* Answer the two questions of issue 4: measured by budgeted runs, then
 * interpolated on the front of the curve for reference. */
static void answer(const struct bench_opts *opt, const struct rgb_district *d, int **kgroup,
		   struct point *pts, size_t n, const struct regroup_metrics *km)
{
	struct regroup_metrics full;
	long *kmoves = xcalloc(d->n + 1, sizeof *kmoves);
	double share = 1;
	for (size_t i = 0; i < d->n; i++) {
		struct regroup_metrics m;
		regroup_measure(&d->hamlets[i].h, kgroup[i], NULL, MIN_SIZE, MAX_SIZE, &m);
		kmoves[i] = m.moved;
	}
	row("engine max_moves=k-means", &full, budget_run(opt, d, kmoves, 1, &full));
	long need = moves_to_match(opt, d, kmoves, &full, km->medoid_m, &share);
	printf("-- like for like, measured (weight 0; each hamlet's max_moves = a share of k-means's moves there)\n");
	printf("at k-means's moves:    engine medoid_m %.0f with %ld moves vs k-means %.0f with %ld (%+.1f%%)\n",
	       full.medoid_m, full.moved, km->medoid_m, km->moved, 100 * (full.medoid_m / km->medoid_m - 1));
	if (need < 0)
		printf("at k-means's medoid_m: not reached with k-means's moves (engine %.0f)\n", full.medoid_m);
	else
		printf("at k-means's medoid_m: engine <= %ld moves (budget %.1f%% of k-means's) vs k-means %ld"
		       " (%+.1f%%)\n", need, 100 * share, km->moved, 100 * ((double)need / (double)km->moved - 1));
	pts[n++] = (struct point){(double)full.moved, full.medoid_m};
	size_t f = pareto(pts, n);
	double at_moves = medoid_at(pts, f, (double)km->moved), at_medoid = moves_at(pts, f, km->medoid_m);
	printf("-- for reference, linear between neighbouring points of the front of %zu plans (not itself a plan)\n", f);
	printf("at k-means's moves:    engine medoid_m %.0f (%+.1f%%); at k-means's medoid_m: engine %.0f moves (%+.1f%%)\n",
	       at_moves, 100 * (at_moves / km->medoid_m - 1), at_medoid,
	       100 * (at_medoid / (double)km->moved - 1));
	free(kmoves);
}

/* Section 3: k-means, the engine's curve, the two answers, and leaders. */
void bench_kmeans(const struct bench_opts *opt, const struct rgb_district *d)
{
	struct rgb_district loc;
	struct regroup_metrics before, km;
	struct point pts[ARRAY_LEN(curve) + 2];
	copy_district(d, 0, &loc);
	int **kgroup = xcalloc(loc.n + 1, sizeof *kgroup);
	size_t all = rgb_district_members(d), located = 0;
	for (size_t i = 0; i < d->n; i++)
		for (size_t m = 0; m < d->hamlets[i].h.n; m++)
			located += d->hamlets[i].members[m].has_coord;
	printf("\n== 3. Engine vs k-means (%s; leaders ignored, sizes %d..%d, k = current groups)\n",
	       d->source, MIN_SIZE, MAX_SIZE);
	printf("k-means: Lloyd on the %zu located members, k-means++ x%d restarts, labels matched by\n"
	       "the Hungarian method, sizes repaired greedily; the %zu members without coordinates\n"
	       "stay in their group (the engine places those with a road order)\n",
	       located, opt->quick ? 5 : 10, all - located);
	header();
	measure_all(&loc, NULL, &before);
	row("current groups", &before, 0);
	double ks = kmeans_all(opt, &loc, kgroup);
	measure_all(&loc, kgroup, &km);
	row("k-means", &km, ks);
	size_t n = engine_curve(opt, &loc, pts);
	pts[n++] = (struct point){0, before.medoid_m};
	answer(opt, &loc, kgroup, pts, n, &km);
	leaders_rows(opt, d, kgroup);
	for (size_t i = 0; i < loc.n; i++)
		free(kgroup[i]);
	free(kgroup);
	rgb_district_free(&loc);
}
