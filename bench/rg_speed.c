/* Section 4: the engine's wall time and memory over a whole district or
 * province, with default parameters, on one thread and on a pool. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "rg_bench.h"
#include "tkvv/util.h"

/* The slowest hamlet of RUN: its index. */
static size_t slowest(const struct rgb_run *run)
{
	size_t s = 0;
	for (size_t i = 1; i < run->d->n; i++)
		if (run->seconds[i] > run->seconds[s])
			s = i;
	return s;
}

/* Section 4: two weights, one thread then the pool, with memory. */
void bench_speed(const struct bench_opts *opt, const struct rgb_district *d, const char *scale)
{
	int threads[2] = {1, opt->threads};
	double load[3] = {0, 0, 0};
	printf("\n== 4. Speed, %s: %s, %zu members (min 5, max 60, leaders kept, no merges)\n",
	       scale, d->source, rgb_district_members(d));
	getloadavg(load, 3);
	printf("target: wall time <= %s; load average before: %.2f (2 cores: above ~0.5 the\n"
	       "wall times are inflated by other work; CPU s, the plans' thread CPU time summed,\n"
	       "much less); slowest: elapsed time of the slowest hamlet; RSS: the process's peak\n"
	       "resident set during the run (VmHWM reset by clear_refs; instances included);\n"
	       "+MiB: that peak above the resident set before the run (\"?\": no reset, ru_maxrss)\n",
	       d->n > 400 ? "10 s (province)" : "1 s (district)", load[0]);
	printf("%-6s %7s %8s %8s %10s %8s %8s %8s %8s %6s\n", "w", "threads", "wall s", "CPU s",
	       "slowest s", "(N/K)", "refused", "moves", "RSS MiB", "+MiB");
	for (int w = 0; w <= 200; w += 200)
		for (int t = 0; t < (opt->threads > 1 ? 2 : 1); t++) {
			struct rgb_run run = {.d = d, .p = {5, 60, w, -1, 0, 0, 0}, .budget = -1};
			double before = rgb_peak_rss_reset();
			rgb_run_district(&run, threads[t]);
			double peak = rgb_peak_rss_mib();
			size_t s = slowest(&run);
			char nk[24], extra[16] = "?";
			snprintf(nk, sizeof nk, "%zu/%zu", d->hamlets[s].h.n, d->hamlets[s].h.k);
			if (before >= 0)
				snprintf(extra, sizeof extra, "%.1f", peak - before);
			printf("%-6d %7d %8.3f %8.3f %10.4f %8s %8zu %8ld %8.1f %6s\n", w, threads[t],
			       run.wall, run.cpu, run.seconds[s], nk, run.failed, run.sum.moved, peak,
			       extra);
			rgb_run_free(&run);
		}
}
