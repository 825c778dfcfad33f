/* The trade-off table on the second generator's hamlets (rg_town.c), which
 * the engine was not tuned on: CPU of one unlimited plan per leader rule
 * against the whole table (10, 25, 50 %, unlimited, both leader rules),
 * the rows' medoid metres and moves, and the frontier check hamlet by
 * hamlet, as the budget binds: a row is beaten in a hamlet when a plan at
 * a swept move price has no more moves than the row's budget there and
 * fewer medoid metres than the row. Usage: bench_budget_town [HAMLETS]. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "rg.h"
#include "tkvv/regroup.h"

#define NB 4
static const double pct[NB] = {10, 25, 50, -1};
static const double price[] = {100, 400, 1600};
#define NPRICE (sizeof price / sizeof price[0])

int main(int argc, char **argv)
{
	size_t nh = argc > 1 ? (size_t)atol(argv[1]) : 30;
	struct rgb_district d;
	rgb_town_district(&d, 1, nh);
	double t_plain = 0, t_table = 0, medoid[2 * NB] = {0};
	long moves[2 * NB] = {0};
	int beaten[2 * NB] = {0}, bad = 0;
	for (size_t i = 0; i < d.n; i++) {
		const struct regroup_hamlet *h = &d.hamlets[i].h;
		long located = 0, budgets[NB];
		for (size_t m = 0; m < h->n; m++)
			located += h->members[m].has_coord || h->members[m].has_road;
		for (int b = 0; b < NB; b++)
			budgets[b] = pct[b] < 0 ? -1 : (long)floor(pct[b] / 100.0 * (double)located);
		struct regroup_params p = {5, 60, 0, -1, 0, 1, 0};
		struct regroup_result one, rows[2 * NB];
		for (int nl = 0; nl < 2; nl++) {
			p.new_leaders = nl;
			double t0 = rgb_thread_cpu();
			regroup_plan_hamlet(h, &p, &one);
			t_plain += rgb_thread_cpu() - t0;
			regroup_result_free(&one);
		}
		p.new_leaders = 1;
		double t0 = rgb_thread_cpu();
		regroup_plan_hamlet_budgets(h, &p, budgets, NB, rows);
		t_table += rgb_thread_cpu() - t0;
		for (int r = 0; r < 2 * NB; r++) {
			bad += rows[r].status != REGROUP_OK;
			medoid[r] += rows[r].after.medoid_m;
			moves[r] += rows[r].after.moved;
		}
		for (int nl = 0; nl < 2; nl++)
			for (size_t s = 0; s < NPRICE; s++) {
				struct regroup_params q = {5, 60, price[s], -1, nl, 1, 0};
				regroup_plan_hamlet(h, &q, &one);
				for (int b = 0; b < NB && one.status == REGROUP_OK; b++) {
					const struct regroup_result *row = &rows[nl * NB + b];
					if ((budgets[b] < 0 || one.after.moved <= budgets[b]) &&
					    one.after.medoid_m < row->after.medoid_m * (1 - 1e-9))
						beaten[nl * NB + b]++;
				}
				regroup_result_free(&one);
			}
		for (int r = 0; r < 2 * NB; r++)
			regroup_result_free(&rows[r]);
	}
	printf("town: %zu hamlets, %zu members\n", d.n, rgb_district_members(&d));
	printf("unlimited plans, both leader rules  %7.2f s CPU\n", t_plain);
	printf("table, 8 rows                       %7.2f s CPU (%.1fx)\n", t_table,
	       t_plain > 0 ? t_table / t_plain : 0);
	for (int r = 0; r < 2 * NB; r++) {
		char name[16];
		snprintf(name, sizeof name, pct[r % NB] < 0 ? "unlimited" : "%g%%", pct[r % NB]);
		printf("  row %-9s%s medoid %12.0f m   moves %6ld   beaten in %d hamlets\n", name,
		       r >= NB ? " +leaders" : "         ", medoid[r], moves[r], beaten[r]);
	}
	printf("rows without a plan: %d\n", bad);
	rgb_district_free(&d);
	return 0;
}
