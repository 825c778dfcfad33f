/* Merges decided before the plan: a group below the minimum or with a low
 * balance goes into an adjacent group of its hamlet when the two fit the
 * bounds and the surviving group's walk does not grow too much; then the
 * hamlet is planned with the merges done (regroup_merge_reduce) and the
 * result told in the hamlet's own groups (regroup_merge_expand). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/regroup.h"
#include "tkvv/util.h"

/* Neighbours each household has in the adjacency graph (regroup-metrics.md). */
#define MERGE_KNN 5

/* Whether the hamlet's walks are measured on coordinates (any member has
 * them, as mst_m is) or along the road (RG_ROAD_STEP_M a step). */
static int merge_by_coord(const struct regroup_hamlet *h)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->members[i].has_coord)
			return 1;
	return 0;
}

/* Walking distance between members A and B, or -1 when it is not known. */
static double merge_dist(const struct regroup_hamlet *h, int coord, int a, int b)
{
	const struct regroup_member *x = &h->members[a], *y = &h->members[b];
	if (coord)
		return x->has_coord && y->has_coord ? regroup_distance(x->lat, x->lon, y->lat, y->lon) : -1;
	return x->has_road && y->has_road ? (double)llabs(x->road_order - y->road_order) * RG_ROAD_STEP_M : -1;
}

/* The walk (spanning-tree length, Prim) of the members of H whose group
 * GROUP[i] is marked in IN (k flags); WORK (n) is scratch. */
static double merge_walk(const struct regroup_hamlet *h, int coord, const int *group, const unsigned char *in,
			 int *idx, double *work)
{
	int s = 0;
	for (size_t i = 0; i < h->n; i++)
		if (in[group[i]] && merge_dist(h, coord, (int)i, (int)i) >= 0)
			idx[s++] = (int)i;
	double tree = 0;
	for (int a = 1; a < s; a++)
		work[a] = merge_dist(h, coord, idx[0], idx[a]);
	for (int added = 1; added < s; added++) {
		int nxt = 0;
		for (int a = 1; a < s; a++)
			if (work[a] >= 0 && (nxt == 0 || work[a] < work[nxt]))
				nxt = a;
		tree += work[nxt];
		work[nxt] = -1;
		for (int a = 1; a < s; a++) {
			double d = work[a] >= 0 ? merge_dist(h, coord, idx[nxt], idx[a]) : -1;
			if (d >= 0 && d < work[a])
				work[a] = d;
		}
	}
	return tree;
}

/* Mark ADJ (k×k) where two groups of H are joined by an edge of the
 * symmetric 5-nearest-neighbour graph of the located members, or are next
 * to each other in road order. */
static void merge_adjacency(const struct regroup_hamlet *h, unsigned char *adj)
{
	size_t n = h->n, k = h->k;
	int *loc = xmalloc((n + 1) * sizeof *loc), nl = 0;
	double *lat = xmalloc((n + 1) * sizeof *lat), *lon = xmalloc((n + 1) * sizeof *lon);
	for (size_t i = 0; i < n; i++) {
		if (!h->members[i].has_coord)
			continue;
		loc[nl] = (int)i;
		lat[nl] = h->members[i].lat;
		lon[nl++] = h->members[i].lon;
	}
	int *nbr = xmalloc(((size_t)nl + 1) * MERGE_KNN * sizeof *nbr);
	rg_knn(nl, lat, lon, MERGE_KNN, nbr);
	for (int a = 0; a < nl; a++)
		for (int t = 0; t < MERGE_KNN; t++) {
			int b = nbr[(size_t)a * MERGE_KNN + t];
			if (b < 0)
				continue;
			int ga = h->members[loc[a]].group, gb = h->members[loc[b]].group;
			adj[(size_t)ga * k + gb] = adj[(size_t)gb * k + ga] = 1;
		}
	/* Road order: each member with one and the next one along the road. */
	int nr = 0;
	for (size_t i = 0; i < n; i++)
		if (h->members[i].has_road)
			loc[nr++] = (int)i;
	for (int a = 0; a < nr; a++)
		for (int b = a + 1; b < nr; b++) {
			int i = loc[a], j = loc[b];
			if (h->members[j].road_order < h->members[i].road_order) {
				loc[a] = j;
				loc[b] = i;
			}
		}
	for (int a = 0; a + 1 < nr; a++) {
		int ga = h->members[loc[a]].group, gb = h->members[loc[a + 1]].group;
		adj[(size_t)ga * k + gb] = adj[(size_t)gb * k + ga] = 1;
	}
	free(loc);
	free(lat);
	free(lon);
	free(nbr);
}

int regroup_merge_decide(const struct regroup_hamlet *h, int min, int max, double walk_limit,
			 struct regroup_merge *out)
{
	size_t n = h->n, k = h->k;
	int coord = merge_by_coord(h), merges = 0;
	unsigned char *adj = xcalloc(k * k + 1, 1), *in = xcalloc(k + 1, 1), *survivor = xcalloc(k + 1, 1);
	int *count = xcalloc(k + 1, sizeof *count), *group = xmalloc((n + 1) * sizeof *group);
	int *order = xmalloc((k + 1) * sizeof *order), *idx = xmalloc((n + 1) * sizeof *idx);
	unsigned char *pinned = xcalloc(k + 1, 1);
	double *work = xmalloc((n + 1) * sizeof *work), *walk = xmalloc((k + 1) * sizeof *walk);
	merge_adjacency(h, adj);
	for (size_t i = 0; i < n; i++) {
		group[i] = h->members[i].group;
		count[group[i]]++;
		if (h->members[i].pin >= 0)
			pinned[h->members[i].pin] = 1;
	}
	for (size_t g = 0; g < k; g++) {
		in[g] = 1;
		walk[g] = merge_walk(h, coord, group, in, idx, work);
		in[g] = 0;
		out[g] = (struct regroup_merge){-1, REGROUP_KEEP_NOT_CANDIDATE, count[g], walk[g], walk[g]};
		order[g] = (int)g;
	}
	/* Fewest members first (then the group's order). */
	for (size_t a = 1; a < k; a++)
		for (size_t b = a; b > 0 && count[order[b]] < count[order[b - 1]]; b--) {
			int t = order[b];
			order[b] = order[b - 1];
			order[b - 1] = t;
		}
	for (size_t r = 0; r < k; r++) {
		int g = order[r];
		const struct regroup_group *gr = &h->groups[g];
		struct regroup_merge *o = &out[g];
		if (!gr->may_merge)
			continue;
		o->why = gr->no_merge ? REGROUP_KEEP_REFUSED : pinned[g] ? REGROUP_KEEP_PINNED
			: survivor[g] ? REGROUP_KEEP_SURVIVOR : REGROUP_KEEP_NO_NEIGHBOUR;
		if (o->why != REGROUP_KEEP_NO_NEIGHBOUR)
			continue;
		int best = -1;
		double best_walk = INFINITY, least = INFINITY;
		for (size_t t = 0; t < k; t++) {
			if ((int)t == g || out[t].into >= 0 || !adj[(size_t)g * k + t])
				continue;
			int together = count[g] + count[t];
			if (together < min || together > max) {
				if (o->why == REGROUP_KEEP_NO_NEIGHBOUR)
					o->why = REGROUP_KEEP_BOUNDS;
				continue;
			}
			in[g] = in[t] = 1;
			double w = merge_walk(h, coord, group, in, idx, work);
			in[g] = in[t] = 0;
			if (w < least)
				least = w;
			if (w - walk[t] > walk_limit) {
				o->why = REGROUP_KEEP_WALK;
				if (w - walk[t] < o->walk_after - o->walk_before || o->walk_after == walk[g]) {
					o->walk_before = walk[t];
					o->walk_after = w;
				}
				continue;
			}
			if (best < 0 || w - walk[t] < best_walk - walk[best]) {
				best = (int)t;
				best_walk = w;
			}
		}
		if (best < 0)
			continue;
		o->into = best;
		o->why = REGROUP_MERGED;
		o->members = count[g] + count[best];
		o->walk_before = walk[best];
		o->walk_after = best_walk;
		merges++;
		/* The survivor now holds both: its size, walk and neighbours. */
		survivor[best] = 1;
		count[best] += count[g];
		count[g] = 0;
		walk[best] = best_walk;
		for (size_t i = 0; i < n; i++)
			if (group[i] == g)
				group[i] = best;
		for (size_t t = 0; t < k; t++) {
			adj[(size_t)best * k + t] |= adj[(size_t)g * k + t];
			adj[t * k + best] |= adj[t * k + g];
		}
		adj[(size_t)best * k + best] = 0;
	}
	free(adj);
	free(in);
	free(survivor);
	free(count);
	free(group);
	free(order);
	free(idx);
	free(pinned);
	free(work);
	free(walk);
	return merges;
}

void regroup_merge_reduce(const struct regroup_hamlet *h, const struct regroup_merge *mg,
			  struct regroup_reduced *r)
{
	size_t n = h->n, k = h->k, kk = 0;
	memset(r, 0, sizeof *r);
	r->to_red = xmalloc((k + 1) * sizeof *r->to_red);
	r->to_orig = xmalloc((k + 1) * sizeof *r->to_orig);
	for (size_t g = 0; g < k; g++)
		if (mg[g].into < 0) {
			r->to_orig[kk] = (int)g;
			r->to_red[g] = (int)kk++;
		}
	for (size_t g = 0; g < k; g++)
		if (mg[g].into >= 0)
			r->to_red[g] = r->to_red[mg[g].into];
	r->members = xmalloc((n + 1) * sizeof *r->members);
	r->groups = xcalloc(kk + 1, sizeof *r->groups);
	for (size_t i = 0; i < n; i++) {
		r->members[i] = h->members[i];
		r->members[i].group = r->to_red[h->members[i].group];
		if (h->members[i].pin >= 0)
			r->members[i].pin = r->to_red[h->members[i].pin];
	}
	for (size_t t = 0; t < kk; t++) {
		r->groups[t] = h->groups[r->to_orig[t]];
		/* The survivor is not merged away in turn. */
		if (r->groups[t].may_merge) {
			for (size_t g = 0; g < k; g++)
				if (mg[g].into == r->to_orig[t])
					r->groups[t].may_merge = 0;
		}
	}
	/* The first merged group's leader is offered as the survivor's deputy. */
	unsigned char *offered = xcalloc(kk + 1, 1);
	for (size_t g = 0; g < k; g++) {
		int t = r->to_red[g];
		if (mg[g].into < 0 || offered[t] || h->groups[g].leader < 0)
			continue;
		offered[t] = 1;
		r->groups[t].deputy = h->groups[g].leader;
	}
	free(offered);
	r->h = (struct regroup_hamlet){n, kk, r->members, r->groups};
}

void regroup_merge_expand(const struct regroup_hamlet *h, const struct regroup_reduced *r,
			  const struct regroup_merge *mg, int min, int max, struct regroup_result *res)
{
	size_t n = h->n, k = h->k;
	int *merged_into = xmalloc((k + 1) * sizeof *merged_into), *new_leader = xmalloc((k + 1) * sizeof *new_leader);
	int *active = xmalloc((k + 1) * sizeof *active);
	for (size_t g = 0; g < k; g++) {
		merged_into[g] = new_leader[g] = -1;
		active[g] = 1;
	}
	/* Nothing proposed: nothing merged either. */
	int ok = res->status == REGROUP_OK;
	if (res->group)
		for (size_t i = 0; i < n; i++)
			res->group[i] = ok ? r->to_orig[res->group[i]] : h->members[i].group;
	for (size_t t = 0; t < r->h.k && ok; t++) {
		int g = r->to_orig[t];
		if (res->merged_into && res->merged_into[t] >= 0)
			merged_into[g] = r->to_orig[res->merged_into[t]];
		if (res->new_leader && res->new_leader[t] >= 0)
			new_leader[g] = res->new_leader[t];
	}
	for (size_t g = 0; g < k; g++) {
		if (mg[g].into < 0 || !ok)
			continue;
		/* Into the survivor, or where the survivor went in turn. */
		int t = mg[g].into;
		merged_into[g] = merged_into[t] >= 0 ? merged_into[t] : t;
	}
	for (size_t g = 0; g < k; g++)
		active[g] = merged_into[g] < 0;
	free(res->merged_into);
	free(res->new_leader);
	res->merged_into = merged_into;
	res->new_leader = new_leader;
	int *was = xmalloc((n + 1) * sizeof *was);
	for (size_t i = 0; i < n; i++)
		was[i] = h->members[i].group;
	regroup_measure(h, was, NULL, min, max, &res->before);
	if (ok)
		regroup_measure(h, res->group, active, min, max, &res->after);
	else
		res->after = res->before;
	free(was);
	free(active);
}

void regroup_reduced_free(struct regroup_reduced *r)
{
	free(r->members);
	free(r->groups);
	free(r->to_orig);
	free(r->to_red);
	memset(r, 0, sizeof *r);
}

int regroup_leader_candidate(const struct regroup_hamlet *h, const int *group, int g, int avoid)
{
	int coord = merge_by_coord(h), centre = -1, best = -1;
	double cbest = INFINITY, dbest = INFINITY;
	for (size_t a = 0; a < h->n; a++) {
		if (group[a] != g || merge_dist(h, coord, (int)a, (int)a) < 0)
			continue;
		double sum = 0;
		for (size_t b = 0; b < h->n; b++) {
			double d = group[b] == g ? merge_dist(h, coord, (int)a, (int)b) : -1;
			sum += d > 0 ? d : 0;
		}
		if (sum < cbest) {
			cbest = sum;
			centre = (int)a;
		}
	}
	for (size_t a = 0; a < h->n && centre >= 0; a++) {
		if (group[a] != g || (int)a == h->groups[g].leader || (int)a == avoid || h->members[a].overdue)
			continue;
		double d = merge_dist(h, coord, (int)a, centre);
		if (d >= 0 && d < dbest) {
			dbest = d;
			best = (int)a;
		}
	}
	return best;
}
