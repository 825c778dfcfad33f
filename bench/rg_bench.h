/* The sections of the regrouping benchmark and the options they share. */
#ifndef TKVV_BENCH_RG_BENCH_H
#define TKVV_BENCH_RG_BENCH_H

#include "rg.h"

struct bench_opts {
	int quick, no_mip, synthetic, threads, contiguity;
	const char *db, *province_db, *tkvv;
	unsigned long long seed;
	double mip_seconds;
};

/* Section 1: what the instances are. */
void bench_instances(const struct bench_opts *opt, const struct rgb_district *d);
/* Section 2: the engine against the exact optimum on small hamlets. */
void bench_exact(const struct bench_opts *opt, const struct rgb_district *d);
/* Section 3: the engine's trade-off curve against k-means. */
void bench_kmeans(const struct bench_opts *opt, const struct rgb_district *d);
/* Section 5: groups_split of the plans without a budget, beside k-means. */
void bench_contig(const struct bench_opts *opt, const struct rgb_district *d);
/* Section 4: wall time and memory over a whole district (SCALE names it). */
void bench_speed(const struct bench_opts *opt, const struct rgb_district *d, const char *scale);

#endif
