/* The regrouping benchmark's own parts: instances (synthetic or from a
 * tkvv database), the exact MIP bound, and the k-means alternative. */
#ifndef TKVV_BENCH_RG_H
#define TKVV_BENCH_RG_H

#include <stddef.h>
#include <stdint.h>

#include "tkvv/regroup.h"

/* One hamlet with its own storage; H is the engine's view over it. */
struct rg_hamlet {
	char name[64];
	struct regroup_hamlet h;
	struct regroup_member *members;
	struct regroup_group *groups;
};

/* A set of hamlets: a district or a province. */
struct rg_district {
	size_t n;
	struct rg_hamlet *hamlets;
	char source[160];
};

/* A small, fast, reproducible random generator (splitmix64). */
struct rg_rng {
	uint64_t s;
};
uint64_t rg_rand(struct rg_rng *r);
double rg_uniform(struct rg_rng *r);
double rg_gauss(struct rg_rng *r);

/* Seconds on the monotonic clock. */
double rg_now(void);

/* Great-circle metres, the bench's own haversine (checks the engine's). */
double rg_haversine(double lat1, double lon1, double lat2, double lon2);

/* A canal-side hamlet of N households in K interleaved groups, leaders at
 * random houses; the same SEED gives the same hamlet. */
void rg_synth_hamlet(struct rg_hamlet *out, uint64_t seed, size_t n, size_t k);
/* A district of HAMLETS synthetic hamlets with sizes like the demo's. */
void rg_synth_district(struct rg_district *d, uint64_t seed, size_t hamlets);

/* Read every hamlet of a tkvv database; returns -1 with MSG set on error. */
int rg_load_db(const char *path, struct rg_district *d, char *msg, size_t len);

/* Copy SRC keeping only its located members (leaders remapped, or -1);
 * KEEP_LEADERS = 0 drops every leader and deputy. */
void rg_hamlet_located(struct rg_hamlet *dst, const struct rg_hamlet *src, int keep_leaders);
void rg_hamlet_free(struct rg_hamlet *h);
void rg_district_free(struct rg_district *d);
size_t rg_district_members(const struct rg_district *d);

/* The medoid sum of an assignment, computed independently of the engine. */
double rg_medoid_sum(const struct regroup_hamlet *h, const int *group);

/* The exact MIP of regroup-notes.md. */
struct rg_mip {
	int status;        /* 0 optimal, 1 feasible but not proved, 2 no solution */
	double objective;  /* medoid sum + weight * moves of the best solution */
	double bound;      /* best lower bound proved */
	double seconds;
	int *group;        /* n: the solution's groups (when status < 2) */
};
/* Solve hamlet H exactly (all members must be located) within SECONDS. */
int rg_mip_solve(const struct regroup_hamlet *h, int min, int max, double weight,
		 int keep_leaders, double seconds, struct rg_mip *out);
void rg_mip_free(struct rg_mip *m);
int rg_mip_available(void);

/* Lloyd's k-means (k-means++, RESTARTS seeded restarts) on the located
 * members, sizes repaired into [MIN, MAX], labels matched to the current
 * groups; unlocated members keep their group. Fills GROUP (n). */
void rg_kmeans(const struct regroup_hamlet *h, int min, int max, int restarts,
	       uint64_t seed, int *group);

/* Relabel GROUP (n entries, labels 0..k-1) to agree most with the current
 * groups: the maximum-weight assignment of the k-by-k overlap matrix. */
void rg_match_labels(const struct regroup_hamlet *h, int *group);

/* Runs of the engine over every hamlet of a district, on a pool of threads. */
struct rg_run {
	const struct rg_district *d;
	struct regroup_params p;
	double budget;                   /* >= 0: max_moves = ceil(budget * n) per hamlet */
	const long *max_moves;           /* per hamlet (overrides budget), or NULL */
	struct regroup_metrics sum;      /* after, measured by regroup_measure, summed */
	struct regroup_metrics *after;   /* per hamlet */
	int **group;                     /* per hamlet: the plan's groups */
	double *seconds;                 /* per hamlet */
	double wall, slowest, total;     /* seconds: elapsed, slowest hamlet, sum */
	size_t failed, mismatched;       /* plans refused; metrics that disagree with res.after */
};
/* Plan every hamlet of RUN->d with THREADS threads and fill RUN's results. */
void rg_run_district(struct rg_run *run, int threads);
void rg_run_free(struct rg_run *run);
/* Peak resident set of the process so far, in MiB. */
double rg_peak_rss_mib(void);

#endif
