/* The regrouping benchmark's own parts: instances (synthetic or from a
 * tkvv database), the exact MIP bound, and the k-means alternative. */
#ifndef TKVV_BENCH_RG_H
#define TKVV_BENCH_RG_H

#include <stddef.h>
#include <stdint.h>

#include "tkvv/regroup.h"

/* One hamlet with its own storage; H is the engine's view over it. */
struct rgb_hamlet {
	char name[64];
	struct regroup_hamlet h;
	struct regroup_member *members;
	struct regroup_group *groups;
};

/* A set of hamlets: a district or a province. */
struct rgb_district {
	size_t n;
	struct rgb_hamlet *hamlets;
	char source[160];
};

/* A small, fast, reproducible random generator (splitmix64). */
struct rgb_rng {
	uint64_t s;
};
uint64_t rgb_rand(struct rgb_rng *r);
double rgb_uniform(struct rgb_rng *r);
double rgb_gauss(struct rgb_rng *r);

/* Seconds on the monotonic clock. */
double rgb_now(void);
/* CPU seconds of the calling thread: a timing other processes barely inflate. */
double rgb_thread_cpu(void);

/* Great-circle metres, the bench's own haversine (checks the engine's). */
double rgb_haversine(double lat1, double lon1, double lat2, double lon2);

/* A canal-side hamlet of N households in K interleaved groups, leaders at
 * random houses; the same SEED gives the same hamlet. */
void rgb_synth_hamlet(struct rgb_hamlet *out, uint64_t seed, size_t n, size_t k);
/* A district of HAMLETS synthetic hamlets with sizes like the demo's. */
void rgb_synth_district(struct rgb_district *d, uint64_t seed, size_t hamlets);

/* A district of HAMLETS hamlets from the second generator (rg_town.c):
 * sharp canal bends, a T-junction, a market, farms, unlocated members. */
void rgb_town_district(struct rgb_district *d, uint64_t seed, size_t hamlets);

/* Read every hamlet of a tkvv database; returns -1 with MSG set on error. */
int rgb_load_db(const char *path, struct rgb_district *d, char *msg, size_t len);

/* Copy SRC, keeping only its located members when LOCATED_ONLY (leaders
 * remapped, or -1); KEEP_LEADERS = 0 drops every leader and deputy. */
void rgb_hamlet_copy(struct rgb_hamlet *dst, const struct rgb_hamlet *src, int located_only,
		     int keep_leaders);
void rgb_hamlet_free(struct rgb_hamlet *h);
void rgb_district_free(struct rgb_district *d);
size_t rgb_district_members(const struct rgb_district *d);

/* The medoid sum of an assignment, computed independently of the engine. */
double rgb_medoid_sum(const struct regroup_hamlet *h, const int *group);

/* The exact MIP of regroup-notes.md. */
struct rgb_mip {
	int status;        /* 0 optimal, 1 feasible but not proved, 2 no solution */
	double objective;  /* medoid sum + weight * moves of the best solution */
	double bound;      /* best lower bound proved */
	double seconds;
	int *group;        /* n: the solution's groups (when status < 2) */
};
/* Solve hamlet H exactly (all members must be located) within SECONDS. */
int rgb_mip_solve(const struct regroup_hamlet *h, int min, int max, double weight,
		 int keep_leaders, double seconds, struct rgb_mip *out);
void rgb_mip_free(struct rgb_mip *m);
int rgb_mip_available(void);

/* Lloyd's k-means (k-means++, RESTARTS seeded restarts) on the located
 * members, sizes repaired into [MIN, MAX], labels matched to the current
 * groups; unlocated members keep their group. Fills GROUP (n). */
void rgb_kmeans(const struct regroup_hamlet *h, int min, int max, int restarts,
	       uint64_t seed, int *group);

/* Relabel GROUP (n entries, labels 0..k-1) to agree most with the current
 * groups: the maximum-weight assignment of the k-by-k overlap matrix. */
void rgb_match_labels(const struct regroup_hamlet *h, int *group);

/* Runs of the engine over every hamlet of a district, on a pool of threads. */
struct rgb_run {
	const struct rgb_district *d;
	struct regroup_params p;
	double budget;                   /* >= 0: max_moves = ceil(budget * n) per hamlet */
	const long *max_moves;           /* per hamlet (overrides budget), or NULL */
	struct regroup_metrics sum;      /* after, measured by regroup_measure, summed */
	struct regroup_metrics *after;   /* per hamlet */
	int **group;                     /* per hamlet: the plan's groups */
	double *seconds;                 /* per hamlet, elapsed */
	double wall, slowest, total;     /* seconds: elapsed, slowest hamlet, sum */
	double cpu;                      /* CPU seconds of the plans (thread clocks), summed */
	size_t failed, mismatched;       /* plans refused; metrics that disagree with res.after */
	long moved_unlocated;            /* moves of members without coordinates */
	char refusal[420];               /* the first refusal: hamlet and message */
};
/* Plan every hamlet of RUN->d with THREADS threads and fill RUN's results. */
void rgb_run_district(struct rgb_run *run, int threads);
void rgb_run_free(struct rgb_run *run);
/* Reset the peak to the current resident set (Linux's clear_refs); returns
 * the current resident set in MiB, or -1 when the peak cannot be reset. */
double rgb_peak_rss_reset(void);
/* The peak resident set since the last reset (VmHWM), in MiB. */
double rgb_peak_rss_mib(void);
/* The process's peak resident set since it started (getrusage ru_maxrss). */
double rgb_maxrss_mib(void);

#endif
