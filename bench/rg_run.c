/* Run the engine over a whole district on a small pool of threads, and
 * measure every plan with regroup_measure. */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "rg.h"
#include "tkvv/util.h"

/* What the threads share: the run, the phase, and the next hamlet to take. */
struct pool {
	struct rgb_run *run;
	int measuring;              /* 0: plan the hamlets; 1: measure the plans */
	struct regroup_metrics *engine_after;
	double *cpu;                /* per hamlet: CPU seconds of the plan */
	atomic_size_t next;
	atomic_size_t failed, mismatched;
	atomic_flag refusal_taken;
};

/* Whether two measurements of the same plan agree. */
static int same_metrics(const struct regroup_metrics *a, const struct regroup_metrics *b)
{
	return fabs(a->medoid_m - b->medoid_m) <= 1e-6 * (1 + a->medoid_m) &&
	       a->moved == b->moved && a->size_violations == b->size_violations &&
	       a->leaders_moved == b->leaders_moved;
}

/* Plan hamlet I of the run and keep its groups, figures and time. */
static void plan_one(struct pool *pool, size_t i)
{
	struct rgb_run *run = pool->run;
	const struct rgb_hamlet *h = &run->d->hamlets[i];
	struct regroup_params p = run->p;
	struct regroup_result res;
	if (run->max_moves)
		p.max_moves = run->max_moves[i];
	else if (run->budget >= 0)
		p.max_moves = (long)ceil(run->budget * (double)h->h.n);
	double t0 = rgb_now(), c0 = rgb_thread_cpu();
	int rc = regroup_plan_hamlet(&h->h, &p, &res);
	run->seconds[i] = rgb_now() - t0;
	pool->cpu[i] = rgb_thread_cpu() - c0;
	run->group[i] = xmalloc((h->h.n ? h->h.n : 1) * sizeof(int));
	if (rc < 0 || res.status != REGROUP_OK || !res.group) {
		atomic_fetch_add(&pool->failed, 1);
		if (!atomic_flag_test_and_set(&pool->refusal_taken))
			snprintf(run->refusal, sizeof run->refusal, "%s (N=%zu, K=%zu, max_moves %ld): %s",
				 h->name, h->h.n, h->h.k, p.max_moves, res.message);
		for (size_t m = 0; m < h->h.n; m++)
			run->group[i][m] = h->members[m].group;
		pool->engine_after[i].moved = -1;
	} else {
		memcpy(run->group[i], res.group, h->h.n * sizeof(int));
		pool->engine_after[i] = res.after;
	}
	regroup_result_free(&res);
}

/* Measure hamlet I's plan with regroup_measure; count disagreements with
 * the figures the engine gave for it. */
static void measure_one(struct pool *pool, size_t i)
{
	struct rgb_run *run = pool->run;
	const struct rgb_hamlet *h = &run->d->hamlets[i];
	regroup_measure(&h->h, run->group[i], NULL, run->p.min, run->p.max, &run->after[i]);
	if (pool->engine_after[i].moved >= 0 && !same_metrics(&run->after[i], &pool->engine_after[i]))
		atomic_fetch_add(&pool->mismatched, 1);
}

/* A worker: take hamlets one at a time until none is left. */
static void *worker(void *arg)
{
	struct pool *pool = arg;
	size_t i;
	while ((i = atomic_fetch_add(&pool->next, 1)) < pool->run->d->n) {
		if (pool->measuring)
			measure_one(pool, i);
		else
			plan_one(pool, i);
	}
	return NULL;
}

/* Run the pool's current phase on THREADS threads (the caller's alone for 1). */
static void run_phase(struct pool *pool, int threads)
{
	pthread_t tid[16];
	int started = 0;
	atomic_store(&pool->next, 0);
	for (; threads > 1 && started < threads && started < 16; started++)
		if (pthread_create(&tid[started], NULL, worker, pool) != 0)
			break;
	if (started == 0)
		worker(pool);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
}

/* Plan every hamlet (timed), then measure every plan (untimed), and sum. */
void rgb_run_district(struct rgb_run *run, int threads)
{
	size_t n = run->d->n;
	struct pool pool = {.run = run, .refusal_taken = ATOMIC_FLAG_INIT};
	run->after = xcalloc(n + 1, sizeof *run->after);
	run->group = xcalloc(n + 1, sizeof *run->group);
	run->seconds = xcalloc(n + 1, sizeof *run->seconds);
	pool.engine_after = xcalloc(n + 1, sizeof *pool.engine_after);
	pool.cpu = xcalloc(n + 1, sizeof *pool.cpu);
	atomic_init(&pool.next, 0);
	atomic_init(&pool.failed, 0);
	atomic_init(&pool.mismatched, 0);
	double t0 = rgb_now();
	run_phase(&pool, threads);
	run->wall = rgb_now() - t0;
	pool.measuring = 1;
	run_phase(&pool, threads);
	free(pool.engine_after);
	memset(&run->sum, 0, sizeof run->sum);
	run->slowest = run->total = run->cpu = 0;
	run->moved_unlocated = 0;
	for (size_t i = 0; i < n; i++) {
		const struct rgb_hamlet *h = &run->d->hamlets[i];
		for (size_t m = 0; m < h->h.n; m++)
			run->moved_unlocated += !h->members[m].has_coord && run->group[i][m] != h->members[m].group;
		regroup_metrics_add(&run->sum, &run->after[i]);
		run->total += run->seconds[i];
		run->cpu += pool.cpu[i];
		run->slowest = fmax(run->slowest, run->seconds[i]);
	}
	free(pool.cpu);
	run->failed = atomic_load(&pool.failed);
	run->mismatched = atomic_load(&pool.mismatched);
}

/* Free the per-hamlet results of RUN. */
void rgb_run_free(struct rgb_run *run)
{
	for (size_t i = 0; run->group && i < run->d->n; i++)
		free(run->group[i]);
	free(run->group);
	free(run->after);
	free(run->seconds);
	run->group = NULL;
	run->after = NULL;
	run->seconds = NULL;
}

/* A "Vm...:" FIELD of /proc/self/status in MiB, or -1 when unreadable. */
static double status_mib(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	double mib = -1;
	size_t len = strlen(field);
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, field, len) == 0)
			mib = strtod(line + len, NULL) / 1024.0;
	if (f)
		fclose(f);
	return mib;
}

/* Reset the peak resident set to the current one; return the current one. */
double rgb_peak_rss_reset(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (!f)
		return -1;
	int ok = fputs("5", f) >= 0;
	if (fclose(f) != 0 || !ok)
		return -1;
	return status_mib("VmRSS:");
}

/* The peak resident set since the last reset (VmHWM), else since the start. */
double rgb_peak_rss_mib(void)
{
	double hwm = status_mib("VmHWM:");
	return hwm >= 0 ? hwm : rgb_maxrss_mib();
}

/* The process's peak resident set since it started (getrusage), in MiB. */
double rgb_maxrss_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}
