/* A second generator of hamlets, unlike the demo's and rgb_synth_hamlet's
 * gently bending canals: a canal with sharp bends, a road meeting it in a
 * T-junction, a dense market cluster at the junction, farms scattered over
 * the fields, and members without coordinates (some with a road order).
 * The groups were drawn by hand long ago: stretches of the canal, then
 * many households swapped between groups; leaders and deputies at random. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rg.h"
#include "tkvv/util.h"

#define DEG (M_PI / 180.0)

/* One household on the plane: metres east and north, and its place along
 * the canal (or where its branch meets it), for the road order. */
struct house {
	double x, y, t;
};

/* A point on the canal of NSEG segments (corners CX, CY) at distance T. */
static void canal_at(const double *cx, const double *cy, int nseg, double seglen, double t, double *x,
		     double *y, double *dx, double *dy)
{
	int j = (int)(t / seglen);
	j = j < 0 ? 0 : j >= nseg ? nseg - 1 : j;
	double f = t / seglen - j;
	*dx = (cx[j + 1] - cx[j]) / seglen;
	*dy = (cy[j + 1] - cy[j]) / seglen;
	*x = cx[j] + f * (cx[j + 1] - cx[j]);
	*y = cy[j] + f * (cy[j + 1] - cy[j]);
}

/* Place N households of one hamlet into HS. */
static void town_houses(struct rgb_rng *r, size_t n, struct house *hs)
{
	int nseg = 3 + (int)(rgb_rand(r) % 3);
	double seglen = (double)n * 0.55 * 12.0 / nseg, cx[8], cy[8], ang = rgb_uniform(r) * 2 * M_PI;
	cx[0] = cy[0] = 0;
	/* Sharp bends: 50-110 degrees one way or the other. */
	for (int j = 1; j <= nseg; j++) {
		cx[j] = cx[j - 1] + seglen * cos(ang);
		cy[j] = cy[j - 1] + seglen * sin(ang);
		ang += (rgb_rand(r) & 1 ? 1 : -1) * (50 + 60 * rgb_uniform(r)) * DEG;
	}
	double len = seglen * nseg, tj = len * (0.3 + 0.4 * rgb_uniform(r)), jx, jy, dx, dy;
	canal_at(cx, cy, nseg, seglen, tj, &jx, &jy, &dx, &dy);
	/* The road leaves the canal at a right angle, to one side. */
	double side = rgb_rand(r) & 1 ? 1 : -1, rx = -dy * side, ry = dx * side, rlen = (double)n * 0.2 * 12.0;
	double minx = 1e18, maxx = -1e18, miny = 1e18, maxy = -1e18;
	for (int j = 0; j <= nseg; j++) {
		minx = fmin(minx, cx[j]);
		maxx = fmax(maxx, cx[j]);
		miny = fmin(miny, cy[j]);
		maxy = fmax(maxy, cy[j]);
	}
	for (size_t i = 0; i < n; i++) {
		double u = rgb_uniform(r), x, y;
		struct house *h = &hs[i];
		if (u < 0.55) {            /* both banks of the canal */
			double t = rgb_uniform(r) * len, off = (rgb_rand(r) & 1 ? 1 : -1) * (10 + 15 * rgb_uniform(r));
			canal_at(cx, cy, nseg, seglen, t, &x, &y, &dx, &dy);
			h->x = x - off * dy;
			h->y = y + off * dx;
			h->t = t;
		} else if (u < 0.75) {     /* both sides of the road of the T */
			double s = 30 + rgb_uniform(r) * rlen, off = (rgb_rand(r) & 1 ? 1 : -1) * (8 + 10 * rgb_uniform(r));
			h->x = jx + s * rx + off * ry;
			h->y = jy + s * ry - off * rx;
			h->t = tj + s * 1e-3;
		} else if (u < 0.90) {     /* the market at the junction */
			h->x = jx + rgb_gauss(r) * 35 + 40 * rx;
			h->y = jy + rgb_gauss(r) * 35 + 40 * ry;
			h->t = tj;
		} else {                   /* farms over the fields */
			h->x = minx - 250 + rgb_uniform(r) * (maxx - minx + 500);
			h->y = miny - 250 + rgb_uniform(r) * (maxy - miny + 500);
			/* Its road order: where the nearest corner of the canal is. */
			double best = 1e18;
			for (int j = 0; j <= nseg; j++) {
				double d = hypot(h->x - cx[j], h->y - cy[j]);
				if (d < best) {
					best = d;
					h->t = j * seglen;
				}
			}
		}
	}
}

/* The positions by_t compares (qsort takes no context; one thread). */
static const struct house *town_key;

static int by_t(const void *a, const void *b)
{
	double x = town_key[*(const size_t *)a].t, y = town_key[*(const size_t *)b].t;
	return (x > y) - (x < y);
}

/* Make hamlet OUT of N households in K groups from SEED. */
static void town_hamlet(struct rgb_hamlet *out, uint64_t seed, size_t n, size_t k)
{
	struct rgb_rng r = {seed * 0x9E3779B97F4A7C15ULL + 5};
	struct house *hs = xmalloc(n * sizeof *hs);
	size_t *order = xmalloc(n * sizeof *order);
	double lat0 = 9.3 + rgb_uniform(&r) * 0.4, lon0 = 105.6 + rgb_uniform(&r) * 0.4;
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "town-%llu-%zu/%zu", (unsigned long long)seed, n, k);
	out->members = xcalloc(n + 1, sizeof *out->members);
	out->groups = xcalloc(k + 1, sizeof *out->groups);
	out->h = (struct regroup_hamlet){n, k, out->members, out->groups};
	town_houses(&r, n, hs);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	town_key = hs;
	qsort(order, n, sizeof *order, by_t);
	for (size_t rank = 0; rank < n; rank++) {
		size_t i = order[rank];
		struct regroup_member *m = &out->members[i];
		m->id = (int64_t)i + 1;
		m->pin = -1;
		m->cluster = -1;
		/* Stretches of the road order, equal sizes. */
		m->group = (int)(rank * k / n);
		m->road_order = (int64_t)(rank + 1) * 10;
		m->has_road = rgb_uniform(&r) < 0.7;
		m->has_coord = rgb_uniform(&r) >= 0.06;
		m->lat = lat0 + hs[i].y / (REGROUP_EARTH_RADIUS_M * DEG);
		m->lon = lon0 + hs[i].x / (REGROUP_EARTH_RADIUS_M * DEG * cos(lat0 * DEG));
		if (!m->has_coord)
			m->lat = m->lon = 0;
	}
	/* Years of changes: a third of the households swapped in pairs, so
	 * the sizes stay as they were. */
	for (size_t s = 0; s < n / 6; s++) {
		size_t a = rgb_rand(&r) % n, b = rgb_rand(&r) % n;
		int t = out->members[a].group;
		out->members[a].group = out->members[b].group;
		out->members[b].group = t;
	}
	for (size_t g = 0; g < k; g++) {
		size_t size = 0, pick, seen = 0;
		for (size_t i = 0; i < n; i++)
			size += out->members[i].group == (int)g;
		out->groups[g].id = (int64_t)g + 1;
		out->groups[g].leader = out->groups[g].deputy = -1;
		pick = rgb_rand(&r) % size;
		size_t dep = size > 20 ? (pick + 1 + rgb_rand(&r) % (size - 1)) % size : size;
		for (size_t i = 0; i < n; i++) {
			if (out->members[i].group != (int)g)
				continue;
			if (seen == pick)
				out->groups[g].leader = (int)i;
			if (seen == dep)
				out->groups[g].deputy = (int)i;
			seen++;
		}
	}
	free(hs);
	free(order);
}

void rgb_town_district(struct rgb_district *d, uint64_t seed, size_t hamlets)
{
	struct rgb_rng r = {seed ^ 0x746f776eULL};
	d->n = hamlets;
	d->hamlets = xcalloc(hamlets, sizeof *d->hamlets);
	snprintf(d->source, sizeof d->source, "town generator (bent canal, T-junction, market, farms), seed %llu, %zu hamlets",
		 (unsigned long long)seed, hamlets);
	for (size_t i = 0; i < hamlets; i++) {
		size_t n = 80 + rgb_rand(&r) % 321, k = (size_t)lround((double)n / 45.0);
		k = k < 2 ? 2 : k;
		town_hamlet(&d->hamlets[i], seed * 7919 + i, n, k);
	}
}
