/* Organisations' share in a plan: each organisation's groups, members and
 * outstanding per commune before and after, and the tolerance on its share
 * of the members, kept hamlet by hamlet (a commune's share is the
 * members-weighted mean of its hamlets', so it moves no more than they do). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/plan.h"
#include "tkvv/util.h"

/* Whether member I of H may go back where it was: a plain move. */
static int undoable(const struct regroup_hamlet *h, const struct regroup_result *res, size_t i)
{
	int from = h->members[i].group, to = res->group[i];
	if (from == to || h->members[i].pin >= 0 || (res->merged_into && res->merged_into[from] >= 0))
		return 0;
	for (size_t g = 0; g < h->k; g++)
		if (h->groups[g].leader == (int)i || h->groups[g].deputy == (int)i ||
		    (res->new_leader && res->new_leader[g] == (int)i))
			return 0;
	return 1;
}

int plan_org_enforce(const struct regroup_hamlet *h, const int *org, int norg, double tol, int min, int max,
		     struct regroup_result *res)
{
	size_t n = h->n;
	long *before = xcalloc((size_t)norg + 1, sizeof *before), *after = xcalloc((size_t)norg + 1, sizeof *after);
	long *count = xcalloc(h->k + 1, sizeof *count);
	for (size_t i = 0; i < n; i++) {
		before[org[h->members[i].group]]++;
		after[org[res->group[i]]]++;
		count[res->group[i]]++;
	}
	int out = 0;
	for (size_t step = 0; n > 0 && step <= n; step++) {
		/* The organisation furthest outside. */
		int o = -1;
		double worst = tol + 1e-9;
		out = 0;
		for (int q = 0; q < norg; q++) {
			double d = fabs((double)(after[q] - before[q]) * 100.0 / (double)n);
			out += d > tol + 1e-9;
			if (d > worst) {
				worst = d;
				o = q;
			}
		}
		if (o < 0)
			break;
		int high = after[o] > before[o], pick = -1;
		double least = INFINITY;
		for (size_t i = 0; i < n; i++) {
			int from = h->members[i].group, to = res->group[i];
			if (!undoable(h, res, i) || (high ? org[to] != o || org[from] == o : org[from] != o || org[to] == o))
				continue;
			if (count[from] + 1 > max || count[to] - 1 < min)
				continue;
			double gain = res->dist_before && res->dist_after ? res->dist_before[i] - res->dist_after[i] : 0;
			if (isnan(gain))
				gain = 0;
			if (gain < least) {
				least = gain;
				pick = (int)i;
			}
		}
		if (pick < 0)
			break;
		int from = h->members[pick].group, to = res->group[pick];
		res->group[pick] = from;
		count[from]++;
		count[to]--;
		after[org[from]]++;
		after[org[to]]--;
		if (res->dist_after && res->dist_before)
			res->dist_after[pick] = res->dist_before[pick];
	}
	free(before);
	free(after);
	free(count);
	return out;
}

/* The share row of COMMUNE and ORG in P, added when new (kept sorted). */
static struct plan_org_share *share_row(struct plan *p, const char *commune, const char *org)
{
	size_t at = 0;
	while (at < p->norgs) {
		int c = strcmp(p->orgs[at].commune_code, commune);
		if (c == 0)
			c = strcmp(p->orgs[at].org_code, org);
		if (c == 0)
			return &p->orgs[at];
		if (c > 0)
			break;
		at++;
	}
	p->orgs = xreallocarray(p->orgs, p->norgs + 1, sizeof *p->orgs);
	memmove(p->orgs + at + 1, p->orgs + at, (p->norgs - at) * sizeof *p->orgs);
	p->norgs++;
	memset(&p->orgs[at], 0, sizeof p->orgs[at]);
	p->orgs[at].commune_code = xstrdup(commune);
	p->orgs[at].org_code = xstrdup(org);
	return &p->orgs[at];
}

void plan_org_add(struct plan *p, const char *commune, const struct regroup_hamlet *h, char *const *org_code,
		  const int64_t *balance, const struct regroup_result *res)
{
	int ok = res->status == REGROUP_OK;
	for (size_t g = 0; g < h->k; g++) {
		struct plan_org_share *s = share_row(p, commune, org_code[g]);
		s->groups_before++;
		s->groups_after += !(ok && res->merged_into && res->merged_into[g] >= 0);
	}
	for (size_t i = 0; i < h->n; i++) {
		struct plan_org_share *b = share_row(p, commune, org_code[h->members[i].group]);
		b->members_before++;
		b->outstanding_before += balance[i];
		struct plan_org_share *a = share_row(p, commune, org_code[ok ? res->group[i] : h->members[i].group]);
		a->members_after++;
		a->outstanding_after += balance[i];
	}
}
