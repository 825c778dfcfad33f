/* Instances for the regrouping benchmark: synthetic canal-side hamlets and
 * the hamlets of a tkvv database, plus the small tools every section uses. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rg.h"
#include "tkvv/db.h"
#include "tkvv/util.h"

#define DEG (M_PI / 180.0)

/* The next 64 random bits (splitmix64). */
uint64_t rgb_rand(struct rgb_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform deviate in [0, 1) with 53 random bits. */
double rgb_uniform(struct rgb_rng *r)
{
	return (double)(rgb_rand(r) >> 11) * 0x1.0p-53;
}

/* A standard normal deviate by Box-Muller (one of the pair is dropped). */
double rgb_gauss(struct rgb_rng *r)
{
	double u = rgb_uniform(r), v = rgb_uniform(r);
	return sqrt(-2.0 * log(u > 0 ? u : 1e-300)) * cos(2.0 * M_PI * v);
}

/* Seconds on the monotonic clock, for timings. */
double rgb_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds the calling thread has used. */
double rgb_thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Great-circle metres by the haversine formula, as regroup-metrics.md says. */
double rgb_haversine(double lat1, double lon1, double lat2, double lon2)
{
	double dlat = (lat2 - lat1) * DEG, dlon = (lon2 - lon1) * DEG;
	double a = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * DEG) * cos(lat2 * DEG) * sin(dlon / 2) * sin(dlon / 2);
	return 2.0 * REGROUP_EARTH_RADIUS_M * asin(sqrt(a < 1.0 ? a : 1.0));
}

/* Allocate storage for N members and K groups and point the view at it. */
static void hamlet_alloc(struct rgb_hamlet *h, size_t n, size_t k)
{
	h->members = xcalloc(n ? n : 1, sizeof *h->members);
	h->groups = xcalloc(k ? k : 1, sizeof *h->groups);
	h->h.n = n;
	h->h.k = k;
	h->h.members = h->members;
	h->h.groups = h->groups;
}

/* Random group sizes for N households in K groups, each within [5, 60]. */
static void synth_sizes(struct rgb_rng *r, size_t n, size_t k, size_t *size)
{
	double w[64], sum = 0;
	size_t total = 0;
	for (size_t g = 0; g < k; g++)
		sum += (w[g] = 0.5 + rgb_uniform(r));
	for (size_t g = 0; g < k; g++) {
		size[g] = (size_t)((double)n * w[g] / sum);
		size[g] = size[g] < 5 ? 5 : size[g] > 60 ? 60 : size[g];
		total += size[g];
	}
	for (size_t g = 0; total != n; g = (g + 1) % k) {
		if (total < n && size[g] < 60) {
			size[g]++;
			total++;
		} else if (total > n && size[g] > 5) {
			size[g]--;
			total--;
		}
	}
}

/* Place N houses along a bent polyline in clusters, both sides of the canal;
 * S receives each house's position along the canal, for the road order. */
static void synth_houses(struct rgb_rng *r, struct rgb_hamlet *h, double *s)
{
	size_t n = h->h.n, nseg = 3 + rgb_rand(r) % 4, ncl = 1 + n / 40;
	double seglen = (double)n * 12.0 / (double)nseg, px[8], py[8], ang = rgb_uniform(r) * 2 * M_PI;
	double lat0 = 9.55 + rgb_uniform(r) * 0.3, lon0 = 106.15 + rgb_uniform(r) * 0.3;
	double ccentre[20], len = seglen * (double)nseg;
	px[0] = py[0] = 0;
	for (size_t j = 1; j <= nseg; j++, ang += rgb_gauss(r) * 0.9) {
		px[j] = px[j - 1] + seglen * cos(ang);
		py[j] = py[j - 1] + seglen * sin(ang);
	}
	for (size_t c = 0; c < ncl; c++)
		ccentre[c] = rgb_uniform(r) * len;
	for (size_t i = 0; i < n; i++) {
		size_t c = rgb_rand(r) % ncl, j;
		double t = ccentre[c] + rgb_gauss(r) * len / (3.0 * (double)ncl), f, off;
		t = t < 0 ? 0 : t > len - 1e-6 ? len - 1e-6 : t;
		j = (size_t)(t / seglen);
		f = t / seglen - (double)j;
		off = (rgb_rand(r) & 1 ? 1 : -1) * (8 + 30 * rgb_uniform(r) + (rgb_uniform(r) < 0.15 ? 90 * rgb_uniform(r) : 0));
		double dx = px[j + 1] - px[j], dy = py[j + 1] - py[j];
		double x = px[j] + f * dx - off * dy / seglen, y = py[j] + f * dy + off * dx / seglen;
		struct regroup_member *m = &h->members[i];
		m->has_coord = 1;
		m->lat = lat0 + y / (REGROUP_EARTH_RADIUS_M * DEG);
		m->lon = lon0 + x / (REGROUP_EARTH_RADIUS_M * DEG * cos(lat0 * DEG));
		m->cluster = (int)c;
		m->pin = -1;
		s[i] = t;
	}
}

/* The positions by_key compares: qsort takes no context argument, and the
 * instances are made on one thread only. */
static const double *sort_key;

/* Compare two house indices by their position along the canal (for qsort). */
static int by_key(const void *a, const void *b)
{
	double x = sort_key[*(const size_t *)a], y = sort_key[*(const size_t *)b];
	return (x > y) - (x < y);
}

/* Make hamlet OUT: houses, road order by position, groups interleaved at random, leaders. */
void rgb_synth_hamlet(struct rgb_hamlet *out, uint64_t seed, size_t n, size_t k)
{
	struct rgb_rng r = {seed * 0x2545f4914f6cdd1dULL + 17};
	size_t size[64], *order = xmalloc(n * sizeof *order), at = 0;
	double *s = xmalloc(n * sizeof *s);
	hamlet_alloc(out, n, k);
	snprintf(out->name, sizeof out->name, "synth-%llu-%zu/%zu", (unsigned long long)seed, n, k);
	synth_houses(&r, out, s);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_key = s;
	qsort(order, n, sizeof *order, by_key);
	for (size_t i = 0; i < n; i++) {
		out->members[order[i]].has_road = 1;
		out->members[order[i]].road_order = (int64_t)(i + 1) * 10;
	}
	synth_sizes(&r, n, k, size);
	for (size_t g = 0; g < k; g++)
		for (size_t c = 0; c < size[g]; c++)
			order[at++] = g;
	for (size_t i = n; i > 1; i--) {
		size_t j = rgb_rand(&r) % i, t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < n; i++) {
		out->members[i].group = (int)order[i];
		out->members[i].id = (int64_t)i + 1;
	}
	for (size_t g = 0; g < k; g++) {
		size_t pick = rgb_rand(&r) % size[g], seen = 0;
		out->groups[g].id = (int64_t)g + 1;
		out->groups[g].deputy = -1;
		for (size_t i = 0; i < n; i++)
			if (out->members[i].group == (int)g && seen++ == pick)
				out->groups[g].leader = (int)i;
	}
	free(order);
	free(s);
}

/* Make D: HAMLETS hamlets of 30..600 households (lognormal, median 170), ~47 per group. */
void rgb_synth_district(struct rgb_district *d, uint64_t seed, size_t hamlets)
{
	struct rgb_rng r = {seed};
	d->n = hamlets;
	d->hamlets = xcalloc(hamlets, sizeof *d->hamlets);
	snprintf(d->source, sizeof d->source, "synthetic, seed %llu, %zu hamlets",
		 (unsigned long long)seed, hamlets);
	for (size_t i = 0; i < hamlets; i++) {
		double x = exp(log(170.0) + 0.55 * rgb_gauss(&r));
		size_t n = x < 30 ? 30 : x > 600 ? 600 : (size_t)x;
		size_t k = (size_t)lround((double)n / 47.0);
		k = k < 2 ? 2 : k > 15 ? 15 : k;
		while (5 * k > n)
			k--;
		rgb_synth_hamlet(&d->hamlets[i], seed * 100003 + i, n, k);
	}
}

/* The number of members over all hamlets of D. */
size_t rgb_district_members(const struct rgb_district *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->hamlets[i].h.n;
	return n;
}

/* Free hamlet H's storage. */
void rgb_hamlet_free(struct rgb_hamlet *h)
{
	free(h->members);
	free(h->groups);
	memset(h, 0, sizeof *h);
}

/* Free every hamlet of D and the list. */
void rgb_district_free(struct rgb_district *d)
{
	for (size_t i = 0; i < d->n; i++)
		rgb_hamlet_free(&d->hamlets[i]);
	free(d->hamlets);
	memset(d, 0, sizeof *d);
}

/* Copy SRC's members (all, or the located ones) into DST, remapping leaders. */
void rgb_hamlet_copy(struct rgb_hamlet *dst, const struct rgb_hamlet *src, int located_only,
		     int keep_leaders)
{
	size_t n = 0, k = src->h.k;
	int *map = xmalloc((src->h.n ? src->h.n : 1) * sizeof *map);
	for (size_t i = 0; i < src->h.n; i++)
		map[i] = src->members[i].has_coord || !located_only ? (int)n++ : -1;
	hamlet_alloc(dst, n, k);
	memcpy(dst->name, src->name, sizeof dst->name);
	for (size_t i = 0; i < src->h.n; i++)
		if (map[i] >= 0)
			dst->members[map[i]] = src->members[i];
	for (size_t g = 0; g < k; g++) {
		int l = src->groups[g].leader, dp = src->groups[g].deputy;
		dst->groups[g] = src->groups[g];
		dst->groups[g].leader = keep_leaders && l >= 0 ? map[l] : -1;
		dst->groups[g].deputy = keep_leaders && dp >= 0 ? map[dp] : -1;
	}
	free(map);
}

/* Sum over groups of the least total distance from the members to one of them. */
double rgb_medoid_sum(const struct regroup_hamlet *h, const int *group)
{
	size_t *idx = xmalloc((h->n ? h->n : 1) * sizeof *idx);
	double total = 0;
	for (size_t g = 0; g < h->k; g++) {
		size_t c = 0;
		double best = 0;
		for (size_t i = 0; i < h->n; i++)
			if (group[i] == (int)g && h->members[i].has_coord)
				idx[c++] = i;
		for (size_t a = 0; a < c; a++) {
			const struct regroup_member *ma = &h->members[idx[a]];
			double s = 0;
			for (size_t b = 0; b < c; b++)
				s += rgb_haversine(ma->lat, ma->lon, h->members[idx[b]].lat,
						  h->members[idx[b]].lon);
			if (a == 0 || s < best)
				best = s;
		}
		total += best;
	}
	free(idx);
	return total;
}
