/* The regrouping engine: hand-made hamlets with known answers, the
 * figures on hand-computed cases, and the rules on random hamlets (the
 * exact parts against brute force are in test_regroup_exact.c). */
#include "config.h"

#include <math.h>

#include "regroup_rules.h"
#include "testutil.h"
#include "tkvv/regroup.h"
#include "../../src/regroup/regroup_internal.h"

/* Metres per degree of latitude, for placing test households. */
#define M_PER_DEG (REGROUP_EARTH_RADIUS_M * M_PI / 180)

/* A test hamlet that owns its arrays. */
struct th {
	struct regroup_hamlet h;
	struct regroup_member *m;
	struct regroup_group *g;
};

/* A hamlet of N members on a north-south line, SPACING metres apart, in K
 * groups given by GROUP (or member i in group i % k); no leaders. */
static void th_line(struct th *t, size_t n, size_t k, double spacing, const int *group)
{
	t->m = calloc(n + 1, sizeof *t->m);
	t->g = calloc(k + 1, sizeof *t->g);
	for (size_t i = 0; i < n; i++) {
		t->m[i] = (struct regroup_member){(int64_t)i, group ? group[i] : (int)(i % k), 1,
			9.9 + (double)i * spacing / M_PER_DEG, 106.3, 1, (int64_t)i, -1, -1, 0};
	}
	for (size_t g = 0; g < k; g++)
		t->g[g] = (struct regroup_group){(int64_t)g, -1, -1, 0, 0};
	t->h = (struct regroup_hamlet){n, k, t->m, t->g};
}

static void th_free(struct th *t)
{
	free(t->m);
	free(t->g);
}

static const struct regroup_params params_default = {5, 60, 0, -1, 0, 0, 0};

/* Medoid, spanning tree and interleave on hand-computed hamlets. */
START_TEST(test_metrics)
{
	struct th t;
	int group[4] = {0, 0, 0, 1};
	th_line(&t, 4, 2, 100, group);
	struct regroup_metrics m;
	regroup_measure(&t.h, group, NULL, 1, 60, &m);
	/* Group 0 at 0, 100, 200 m: medoid 200 m, tree 200 m; group 1 alone. */
	ck_assert(fabs(m.medoid_m - 200) < 1e-6);
	ck_assert(fabs(m.mst_m - 200) < 1e-6);
	/* Four points: each has the three others as neighbours: 6 edges, 3 cross. */
	ck_assert_int_eq(m.knn_edges, 6);
	ck_assert_int_eq(m.knn_cross, 3);
	ck_assert(fabs(m.interleave - 0.5) < 1e-12);
	ck_assert_int_eq(m.size_violations, 0);
	ck_assert_int_eq(m.groups, 2);
	ck_assert(fabs(regroup_distance(9.9, 106.3, 9.9 + 1, 106.3) - M_PER_DEG) < 1e-6);
	th_free(&t);

	/* Eight points on a line, 5 neighbours each: edges join points at most
	 * 5 apart, reached from one side or the other. */
	int g8[8] = {0, 1, 0, 1, 0, 1, 0, 1};
	th_line(&t, 8, 2, 10, g8);
	t.g[0].leader = 0;
	int after[8] = {1, 1, 0, 1, 0, 1, 0, 1};
	regroup_measure(&t.h, after, NULL, 4, 60, &m);
	long edges = 0, cross = 0;
	for (int i = 0; i < 8; i++)
		for (int j = i + 1; j < 8; j++) {
			/* j is among i's 5 nearest (ties: smaller index) or i among j's. */
			int near_i = 0, near_j = 0;
			for (int x = 0; x < 8; x++) {
				int di = abs(x - i), dj = abs(x - j);
				near_i += x != i && (di < j - i || (di == j - i && x < j));
				near_j += x != j && (dj < j - i || (dj == j - i && x < i));
			}
			if (near_i < 5 || near_j < 5) {
				edges++;
				cross += after[i] != after[j];
			}
		}
	ck_assert_int_eq(m.knn_edges, edges);
	ck_assert_int_eq(m.knn_cross, cross);
	ck_assert_int_eq(m.moved, 1);
	ck_assert_int_eq(m.leaders_moved, 1);
	ck_assert_int_eq(m.size_violations, 1);  /* group 1 has 5, group 0 has 3 < 4 */
	struct regroup_metrics sum = {0};
	regroup_metrics_add(&sum, &m);
	regroup_metrics_add(&sum, &m);
	ck_assert_int_eq(sum.knn_edges, 2 * edges);
	ck_assert(fabs(sum.interleave - m.interleave) < 1e-12);
	th_free(&t);
}
END_TEST

/* groups_split on hamlets whose 5-nearest-neighbour graph is known: a line
 * 10 m apart joins points at most 2 (sometimes 3) apart; two clusters 1 km
 * apart share no edge. */
START_TEST(test_groups_split)
{
	struct th t;
	struct regroup_metrics m, sum = {0};
	/* 0..4 and 15..19 in group 0, 5..14 in group 1: group 0 is two pieces. */
	int ends[20];
	for (int i = 0; i < 20; i++)
		ends[i] = i < 5 || i >= 15 ? 0 : 1;
	th_line(&t, 20, 2, 10, ends);
	regroup_measure(&t.h, ends, NULL, 1, 60, &m);
	ck_assert_int_eq(m.groups_split, 1);
	/* Halves: both contiguous. */
	for (int i = 0; i < 20; i++)
		ends[i] = i >= 10;
	regroup_measure(&t.h, ends, NULL, 1, 60, &m);
	ck_assert_int_eq(m.groups_split, 0);
	/* Alternating: every point's neighbours 2 away are in its group, so
	 * neither group is split although most edges cross. */
	for (int i = 0; i < 20; i++)
		ends[i] = i % 2;
	regroup_measure(&t.h, ends, NULL, 1, 60, &m);
	ck_assert_int_eq(m.groups_split, 0);
	ck_assert(m.interleave > 0.5);
	/* Points 0 and 10 in group 0 are two pieces; 1..9 and 11..19 are one
	 * each (the cut at point 10 is 20 m, within the graph's reach). */
	for (int i = 0; i < 20; i++)
		ends[i] = i == 0 || i == 10 ? 0 : i < 10 ? 1 : 2;
	th_free(&t);
	th_line(&t, 20, 4, 10, ends);
	regroup_measure(&t.h, ends, NULL, 1, 60, &m);
	ck_assert_int_eq(m.groups_split, 1);
	/* A group of one located member is never split. */
	ends[10] = 3;
	regroup_measure(&t.h, ends, NULL, 1, 60, &m);
	ck_assert_int_eq(m.groups_split, 0);
	th_free(&t);

	/* Two clusters of six 1 km apart, each one group, then one member of
	 * the second cluster in the first group; a member without coordinates
	 * in a group counts for nothing. */
	int two[13] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1};
	th_line(&t, 13, 3, 10, two);
	for (int i = 6; i < 13; i++)
		t.m[i].lat += 1000 / M_PER_DEG;
	t.m[12].has_coord = 0;
	t.m[12].group = two[12] = 2;
	regroup_measure(&t.h, two, NULL, 1, 60, &m);
	ck_assert_int_eq(m.groups_split, 0);
	two[6] = 0;
	regroup_measure(&t.h, two, NULL, 1, 60, &m);
	ck_assert_int_eq(m.groups_split, 1);
	regroup_metrics_add(&sum, &m);
	regroup_metrics_add(&sum, &m);
	ck_assert_int_eq(sum.groups_split, 2);
	m.groups_split = -1;
	regroup_metrics_add(&sum, &m);
	ck_assert_int_eq(sum.groups_split, -1);
	th_free(&t);
}
END_TEST

/* A message longer than its room is cut at a character, never inside one
 * (the json writer would print invalid UTF-8). */
START_TEST(test_message_cut_whole)
{
	struct regroup_result r;
	char text[700] = "x";
	for (int i = 0; i < 200; i++)
		strcat(text, "ữ");
	memset(&r, 0, sizeof r);
	rg_say(&r, "%s", text);
	size_t len = strlen(r.message);
	ck_assert_uint_lt(len, sizeof r.message);
	ck_assert_uint_gt(len, sizeof r.message - 5);
	ck_assert_uint_eq((len - 1) % 3, 0);      /* "x" and whole three-byte characters */
	ck_assert_int_eq(strncmp(r.message, text, len), 0);
}
END_TEST

/* Plan TH with P and check every rule. */
static void plan(struct th *t, const struct regroup_params *p, struct regroup_result *r)
{
	ck_assert_int_eq(regroup_plan_hamlet(&t->h, p, r), 0);
	regroup_check_rules(&t->h, p, p->max_moves, r);
}

/* A search context over the members of TH as points in member order, on
 * the plane by latitude (metres), labels GROUP, bounds LO..HI. */
static void ctx_line(struct rg_ctx *c, const struct th *t, const int *group, int lo, int hi)
{
	int n = (int)t->h.n, k = (int)t->h.k;
	memset(c, 0, sizeof *c);
	c->n = c->m = n;
	c->k = k;
	c->pt_member = malloc(sizeof(int) * (size_t)n);
	c->member_pt = malloc(sizeof(int) * (size_t)n);
	c->x = calloc((size_t)n, sizeof(double));
	c->y = malloc(sizeof(double) * (size_t)n);
	c->cur = malloc(sizeof(int) * (size_t)n);
	c->force = malloc(sizeof(int) * (size_t)n);
	c->lo = malloc(sizeof(int) * (size_t)k);
	c->hi = malloc(sizeof(int) * (size_t)k);
	c->merged = calloc((size_t)k, 1);
	for (int i = 0; i < n; i++) {
		c->pt_member[i] = c->member_pt[i] = i;
		c->y[i] = (t->m[i].lat - 9.9) * M_PER_DEG;
		c->cur[i] = group[i];
		c->force[i] = -1;
	}
	for (int g = 0; g < k; g++) {
		c->lo[g] = lo;
		c->hi[g] = hi;
	}
	rg_contig_graph(c, &t->h);
}

static void ctx_free(struct rg_ctx *c)
{
	free(c->pt_member);
	free(c->member_pt);
	free(c->x);
	free(c->y);
	free(c->cur);
	free(c->force);
	free(c->lo);
	free(c->hi);
	free(c->merged);
	free(c->cg_first);
	free(c->cg_adj);
}

/* Split groups of LABEL as regroup_measure counts them. */
static int split_of(const struct th *t, const int *label)
{
	struct regroup_metrics m;
	regroup_measure(&t->h, label, NULL, 0, 1000, &m);
	return m.groups_split;
}

/* The contiguity repair on a line 10 m apart: a stray household goes to
 * the group around it; two strays in full groups are traded; a household
 * that may not move stays, and so does one whose move costs more than the
 * repair is worth. */
START_TEST(test_contig_repair)
{
	struct th t;
	struct rg_ctx c;
	int label[20];
	for (int i = 0; i < 20; i++)
		label[i] = i >= 10 || i == 3;
	th_line(&t, 20, 2, 10, label);
	ctx_line(&c, &t, label, 5, 15);
	ck_assert_int_eq(split_of(&t, label), 1);
	rg_contig(&c, label);
	ck_assert_int_eq(label[3], 0);
	ck_assert_int_eq(split_of(&t, label), 0);
	ctx_free(&c);

	/* Both groups full (10 of 10): 3 and 15 are traded. */
	for (int i = 0; i < 20; i++)
		label[i] = (i >= 10 || i == 3) && i != 15;
	ctx_line(&c, &t, label, 5, 10);
	ck_assert_int_eq(split_of(&t, label), 2);
	rg_contig(&c, label);
	ck_assert_int_eq(label[3], 0);
	ck_assert_int_eq(label[15], 1);
	ck_assert_int_eq(split_of(&t, label), 0);
	ctx_free(&c);

	/* Point 3 is a kept leader of group 1: it stays in group 1 (whether the
	 * group is made one piece around it: test_contig_recom). */
	for (int i = 0; i < 20; i++)
		label[i] = i >= 10 || i == 3;
	ctx_line(&c, &t, label, 5, 15);
	c.force[3] = 1;
	rg_contig(&c, label);
	ck_assert_int_eq(label[3], 1);
	for (int i = 0; i < 20; i++)
		label[i] = i >= 10 || i == 3;
	ck_assert_int_eq(split_of(&t, label), 1);
	/* Free again, but a move priced above what contiguity is worth. */
	c.force[3] = -1;
	c.lambda = rg_price(RG_CONTIG_WORTH + 1);
	rg_contig(&c, label);
	ck_assert_int_eq(label[3], 1);
	/* ... unless the stray is a member who had moved in: sending it back adds no move. */
	c.cur[3] = 0;
	rg_contig(&c, label);
	ck_assert_int_eq(label[3], 0);
	ctx_free(&c);
	th_free(&t);
}
END_TEST

/* Full groups on a line (10 of 10) where trading pieces for as many
 * households leaves one group split, though a plan with every group one
 * piece exists: recombining the split group with its neighbour along a
 * spanning tree finds one. And a kept leader living apart: its group
 * reaches the leader's house through the graph when the bounds allow. */
START_TEST(test_contig_recom)
{
	static const char start[] = "120000011210001111112202220222";
	struct th t;
	struct rg_ctx c;
	int label[30], count[3] = {0, 0, 0};
	for (int i = 0; i < 30; i++)
		label[i] = start[i] - '0';
	th_line(&t, 30, 3, 10, label);
	ctx_line(&c, &t, label, 10, 10);
	ck_assert_int_eq(split_of(&t, label), 3);
	rg_contig(&c, label);
	ck_assert_int_eq(split_of(&t, label), 0);
	for (int i = 0; i < 30; i++)
		count[label[i]]++;
	for (int g = 0; g < 3; g++)
		ck_assert_int_eq(count[g], 10);
	ctx_free(&c);
	th_free(&t);

	/* Point 3 is the kept leader of group 1, the rest of which is 10..19. */
	for (int i = 0; i < 20; i++)
		label[i] = i >= 10 || i == 3;
	th_line(&t, 20, 2, 10, label);
	ctx_line(&c, &t, label, 5, 15);
	c.force[3] = 1;
	ck_assert_int_eq(split_of(&t, label), 1);
	rg_contig(&c, label);
	ck_assert_int_eq(label[3], 1);
	ck_assert_int_eq(split_of(&t, label), 0);
	int in0 = 0;
	for (int i = 0; i < 20; i++)
		in0 += label[i] == 0;
	ck_assert(in0 >= 5 && in0 <= 15);
	ctx_free(&c);
	th_free(&t);
}
END_TEST

/* With leaders kept, a group held split by its leader's house gets a new
 * leader proposed from its own neighbourhood: the member nearest its
 * centre with no overdue loan. */
START_TEST(test_leader_apart_proposed)
{
	struct th t;
	th_line(&t, 20, 2, 30, NULL);
	for (size_t i = 10; i < 20; i++)
		t.m[i].lat += 2000 / M_PER_DEG;
	t.g[0].leader = 0;
	t.g[1].leader = 1;
	struct regroup_params p = params_default;
	struct regroup_result r;
	plan(&t, &p, &r);
	ck_assert_int_eq(r.after.leaders_moved, 0);
	ck_assert_int_eq(r.after.groups_split, 1);
	int held = r.group[10];   /* the group of the south cluster, its leader in the north */
	int cand = r.new_leader[held];
	ck_assert_int_ge(cand, 10);
	ck_assert_int_eq(r.group[cand], held);
	ck_assert_int_eq(r.new_leader[1 - held], -1);
	ck_assert_ptr_nonnull(strstr(r.message, "apart"));
	regroup_result_free(&r);
	/* The same member with an overdue loan is passed over for the next nearest. */
	t.m[cand].overdue = 1;
	plan(&t, &p, &r);
	ck_assert_int_ge(r.new_leader[held], 10);
	ck_assert_int_ne(r.new_leader[held], cand);
	ck_assert_int_eq(r.group[r.new_leader[held]], held);
	regroup_result_free(&r);
	/* Compared bare (split_ok), nothing is proposed. */
	p.split_ok = 1;
	plan(&t, &p, &r);
	ck_assert_int_eq(r.new_leader[0], -1);
	ck_assert_int_eq(r.new_leader[1], -1);
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

START_TEST(test_two_halves)
{
	/* Two groups alternating along one road become two contiguous halves. */
	for (int road = 0; road < 2; road++) {
		struct th t;
		th_line(&t, 20, 2, 30, NULL);
		for (size_t i = 0; i < 20; i++) {
			t.m[i].has_coord = !road;
			t.m[i].lat += i >= 10 ? 300 / M_PER_DEG : 0;
			t.m[i].road_order += i >= 10 ? 10 : 0;
		}
		struct regroup_result r;
		plan(&t, &params_default, &r);
		ck_assert_int_eq(r.status, REGROUP_OK);
		ck_assert_int_eq(r.method, road ? REGROUP_ROAD : REGROUP_COORD);
		for (int i = 1; i < 20; i++)
			ck_assert_int_eq(r.group[i], r.group[0] ^ (i >= 10));
		ck_assert_int_eq(r.after.moved, 10);
		regroup_result_free(&r);
		th_free(&t);
	}
}
END_TEST

START_TEST(test_leader_pulls)
{
	/* The leader of group 1 lives at the south end: group 1 takes that end,
	 * by coordinates and by road order alone. */
	for (int road = 0; road < 2; road++) {
		struct th t;
		th_line(&t, 20, 2, 30, NULL);
		for (size_t i = 0; i < 20; i++) {
			t.m[i].has_coord = !road;
			t.m[i].lat += i >= 10 ? 300 / M_PER_DEG : 0;
			t.m[i].road_order += i >= 10 ? 10 : 0;
		}
		t.g[1].leader = 1;
		t.g[0].leader = 18;
		struct regroup_result r;
		plan(&t, &params_default, &r);
		for (int i = 0; i < 20; i++)
			ck_assert_int_eq(r.group[i], i < 10 ? 1 : 0);
		ck_assert_int_eq(r.after.leaders_moved, 0);
		regroup_result_free(&r);
		th_free(&t);
	}
}
END_TEST

START_TEST(test_new_leaders)
{
	/* Both leaders live in the north cluster: kept, one group must span both
	 * clusters; with new leaders allowed, the south gets its own group and
	 * a proposed leader from among its members. */
	struct th t;
	th_line(&t, 20, 2, 30, NULL);
	for (size_t i = 10; i < 20; i++)
		t.m[i].lat += 2000 / M_PER_DEG;
	t.g[0].leader = 0;
	t.g[1].leader = 1;
	struct regroup_params p = params_default;
	struct regroup_result kept, freed;
	plan(&t, &p, &kept);
	ck_assert_ptr_nonnull(strstr(kept.message, "apart"));
	p.new_leaders = 1;
	plan(&t, &p, &freed);
	ck_assert_int_eq(freed.status, REGROUP_OK);
	ck_assert(freed.after.medoid_m < kept.after.medoid_m / 2);
	ck_assert_int_eq(freed.after.leaders_moved, 1);
	int lost = freed.group[0] != 0 ? 0 : 1;
	ck_assert_int_ge(freed.new_leader[lost], 10);
	ck_assert_int_eq(freed.group[freed.new_leader[lost]], lost);
	ck_assert_int_eq(freed.new_leader[1 - lost], -1);
	ck_assert_ptr_nonnull(strstr(freed.message, "leader"));
	regroup_result_free(&kept);
	regroup_result_free(&freed);
	/* Leaders already in their own halves: nobody is replaced. */
	t.g[1].leader = 11;
	plan(&t, &p, &freed);
	ck_assert_int_eq(freed.after.leaders_moved, 0);
	ck_assert_int_eq(freed.new_leader[0], -1);
	ck_assert_int_eq(freed.new_leader[1], -1);
	regroup_result_free(&freed);
	th_free(&t);
}
END_TEST

START_TEST(test_clusters)
{
	/* Road order only, neighbourhoods of 7, 6 and 7 houses: the best split
	 * in two cuts between neighbourhoods, not at the middle. */
	struct th t;
	th_line(&t, 20, 2, 30, NULL);
	for (size_t i = 0; i < 20; i++) {
		t.m[i].has_coord = 0;
		t.m[i].cluster = i < 7 ? 0 : i < 13 ? 1 : 2;
	}
	struct regroup_result r;
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.method, REGROUP_ROAD);
	int cuts = 0, at = -1;
	for (int i = 1; i < 20; i++)
		if (r.group[i] != r.group[i - 1]) {
			cuts++;
			at = i;
		}
	ck_assert_int_eq(cuts, 1);
	ck_assert(at == 7 || at == 13);
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

START_TEST(test_road_leaders_apart)
{
	/* Road order only; group 0's leader and deputy live on both sides of
	 * group 1's leader, so no contiguous split keeps them all: the others
	 * still form two stretches, the three stay in their groups. */
	struct th t;
	th_line(&t, 20, 2, 30, NULL);
	for (size_t i = 0; i < 20; i++)
		t.m[i].has_coord = 0;
	t.g[0].leader = 2;
	t.g[0].deputy = 16;
	t.g[1].leader = 9;
	struct regroup_result r;
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_OK);
	ck_assert_int_eq(r.method, REGROUP_ROAD);
	int cuts = 0, prev = -1;
	for (int i = 0; i < 20; i++) {
		if (i == 2 || i == 16 || i == 9)
			continue;
		cuts += prev >= 0 && r.group[i] != prev;
		prev = r.group[i];
	}
	ck_assert_int_eq(cuts, 1);
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

START_TEST(test_mixed)
{
	/* Every third member has only a road order: placed between neighbours,
	 * the plan still splits the road in two halves. */
	struct th t;
	th_line(&t, 30, 2, 30, NULL);
	for (size_t i = 0; i < 30; i++) {
		t.m[i].has_coord = i % 3 != 1;
		t.m[i].lat += i >= 15 ? 300 / M_PER_DEG : 0;
	}
	struct regroup_result r;
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.method, REGROUP_MIXED);
	ck_assert_ptr_nonnull(strstr(r.message, "10"));
	for (int i = 1; i < 30; i++)
		ck_assert_int_eq(r.group[i], r.group[0] ^ (i >= 15));
	/* The reason helper: distances to the old and new groups' medoids. */
	for (int i = 0; i < 30; i++) {
		ck_assert(!isnan(r.dist_after[i]));
		ck_assert(r.dist_after[i] <= 7 * 30 + 1);
	}
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

START_TEST(test_edges)
{
	struct regroup_result r;
	struct regroup_hamlet empty = {0, 0, NULL, NULL};
	ck_assert_int_eq(regroup_plan_hamlet(&empty, &params_default, &r), 0);
	ck_assert_int_eq(r.status, REGROUP_OK);
	ck_assert_int_eq(r.method, REGROUP_NONE);
	regroup_result_free(&r);
	struct th t;
	/* One group: nothing to do. */
	th_line(&t, 7, 1, 30, NULL);
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_OK);
	ck_assert_int_eq(r.after.moved, 0);
	regroup_result_free(&r);
	th_free(&t);
	/* Everyone at the same house, and a group that may be empty. */
	th_line(&t, 12, 3, 0, NULL);
	struct regroup_params p = params_default;
	p.min = 0;
	plan(&t, &p, &r);
	ck_assert_int_eq(r.status, REGROUP_OK);
	ck_assert(r.after.medoid_m < 1e-6);
	regroup_result_free(&r);
	th_free(&t);
	/* Nobody located: nothing moves; sizes out of bounds cannot be mended. */
	th_line(&t, 12, 2, 30, NULL);
	for (int i = 0; i < 12; i++)
		t.m[i].has_coord = t.m[i].has_road = 0;
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_OK);
	ck_assert_int_eq(r.method, REGROUP_NONE);
	regroup_result_free(&r);
	t.m[0].group = 1;
	t.m[2].group = 1;
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_INFEASIBLE);
	regroup_result_free(&r);
	th_free(&t);
	/* No move allowed: the plan is the current grouping. */
	th_line(&t, 30, 3, 30, NULL);
	p = params_default;
	p.max_moves = 0;
	plan(&t, &p, &r);
	ck_assert_int_eq(r.status, REGROUP_OK);
	ck_assert_int_eq(r.after.moved, 0);
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

START_TEST(test_bad_input)
{
	struct th t;
	th_line(&t, 10, 2, 30, NULL);
	t.g[0].leader = 1;  /* member 1 is in group 1 */
	struct regroup_result r;
	ck_assert_int_eq(regroup_plan_hamlet(&t.h, &params_default, &r), -1);
	ck_assert(r.message[0]);
	regroup_result_free(&r);
	t.g[0].leader = 0;
	t.m[3].group = 7;
	ck_assert_int_eq(regroup_plan_hamlet(&t.h, &params_default, &r), -1);
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

START_TEST(test_bounds_edges)
{
	struct th t;
	struct regroup_result r;
	th_line(&t, 10, 2, 30, NULL);
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_OK);
	regroup_result_free(&r);
	th_free(&t);
	th_line(&t, 120, 2, 5, NULL);
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_OK);
	regroup_result_free(&r);
	th_free(&t);
	/* 130 members cannot fit in two groups of at most 60. */
	th_line(&t, 130, 2, 5, NULL);
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_INFEASIBLE);
	ck_assert_ptr_nonnull(strstr(r.message, "130"));
	ck_assert_ptr_nonnull(strstr(r.message, "60"));
	regroup_result_free(&r);
	th_free(&t);
	/* Three groups of at least 5 need 15 members; no merge allowed. */
	th_line(&t, 12, 3, 30, NULL);
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_INFEASIBLE);
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

START_TEST(test_pinned_leaders_infeasible)
{
	/* Six members pinned to group 0 leave group 1 fewer than 5 of 10. */
	struct th t;
	th_line(&t, 10, 2, 30, NULL);
	for (int i = 0; i < 6; i++)
		t.m[i].pin = 0;
	struct regroup_result r;
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_INFEASIBLE);
	ck_assert(r.message[0]);
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

START_TEST(test_unlocated_stay)
{
	struct th t;
	th_line(&t, 30, 3, 30, NULL);
	for (int i = 0; i < 30; i += 4) {
		t.m[i].has_coord = 0;
		t.m[i].has_road = 0;
	}
	struct regroup_result r;
	plan(&t, &params_default, &r);
	ck_assert_int_eq(r.status, REGROUP_OK);
	ck_assert(isnan(r.dist_after[0]));
	ck_assert(r.after.medoid_m < r.before.medoid_m);
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

START_TEST(test_merge_tiny)
{
	/* 23 members, 3 groups of at least 8: one group must go; only the tiny
	 * one may. */
	int group[23];
	for (int i = 0; i < 23; i++)
		group[i] = i < 3 ? 2 : i % 2;
	struct th t;
	th_line(&t, 23, 3, 30, group);
	t.g[2].may_merge = 1;
	struct regroup_params p = params_default;
	p.min = 8;
	struct regroup_result r;
	plan(&t, &p, &r);
	ck_assert_int_eq(r.status, REGROUP_INFEASIBLE);
	regroup_result_free(&r);
	p.merges = 1;
	plan(&t, &p, &r);
	ck_assert_int_eq(r.status, REGROUP_OK);
	ck_assert_int_ge(r.merged_into[2], 0);
	ck_assert_int_eq(r.merged_into[0], -1);
	ck_assert_int_eq(r.after.groups, 2);
	ck_assert_int_ge(r.after.moved, 3);
	regroup_result_free(&r);
	th_free(&t);
}
END_TEST

/* A random hamlet: clustered houses, random groups, some without location,
 * some pinned, leaders and deputies. */
static void th_random(struct th *t, uint64_t seed, size_t n, size_t k)
{
	uint64_t st = seed;
	th_line(t, n, k, 20, NULL);
	for (size_t i = 0; i < n; i++) {
		struct regroup_member *mb = &t->m[i];
		mb->group = (int)(rg_rand(&st) % k);
		mb->lon += (double)(rg_rand(&st) % 1000) * 1e-6;
		mb->road_order = (int64_t)(rg_rand(&st) % (n * 2));
		mb->has_road = rg_rand(&st) % 3 != 0;
		mb->has_coord = rg_rand(&st) % 10 != 0;
		mb->cluster = (int)(i / 7);
		if (rg_rand(&st) % 25 == 0)
			mb->pin = (int)(rg_rand(&st) % k);
	}
	for (size_t g = 0; g < k; g++) {
		t->g[g].leader = t->g[g].deputy = -1;
		for (size_t i = 0; i < n; i++) {
			if (t->m[i].group != (int)g || t->m[i].pin >= 0)
				continue;
			if (t->g[g].leader < 0)
				t->g[g].leader = (int)i;
			else if (t->g[g].deputy < 0)
				t->g[g].deputy = (int)i;
		}
		t->g[g].may_merge = rg_rand(&st) % 3 == 0;
	}
}

START_TEST(test_random_rules)
{
	for (uint64_t seed = 1; seed <= 40; seed++) {
		struct th t;
		size_t n = 12 + seed * 3, k = 2 + seed % 4;
		th_random(&t, seed, n, k);
		struct regroup_params p = {4, 30, (double)(seed % 3) * 100, seed % 4 == 0 ? (long)seed : -1,
					   (int)(seed % 5 == 0), (int)(seed % 2), 0};
		struct regroup_result r, again;
		plan(&t, &p, &r);
		plan(&t, &p, &again);
		ck_assert_int_eq(r.status, again.status);
		for (size_t i = 0; i < n; i++)
			ck_assert_int_eq(r.group[i], again.group[i]);
		regroup_result_free(&again);
		regroup_result_free(&r);
		p.move_weight = 1e7;
		p.max_moves = -1;
		p.merges = 0;
		plan(&t, &p, &r);
		int pinned_away = 0;
		for (size_t i = 0; i < n; i++)
			pinned_away |= t.m[i].pin >= 0 && t.m[i].pin != t.m[i].group;
		if (r.status == REGROUP_OK && r.before.size_violations == 0 && !pinned_away)
			ck_assert_int_eq(r.after.moved, 0);
		regroup_result_free(&r);
		th_free(&t);
	}
}
END_TEST

START_TEST(test_random_mixed)
{
	/* Every kind of member and rule at once, on 200 random hamlets. */
	int ok = 0;
	for (uint64_t seed = 1; seed <= 200; seed++) {
		uint64_t st = seed * 7919;
		size_t n = 1 + rg_rand(&st) % 150, k = 1 + rg_rand(&st) % 6;
		struct th t;
		th_line(&t, n, k, 10, NULL);
		for (size_t i = 0; i < n; i++) {
			struct regroup_member *mb = &t.m[i];
			mb->group = (int)(rg_rand(&st) % k);
			mb->has_coord = rg_rand(&st) % 8 != 0;
			mb->lat = 9.9 + (double)(rg_rand(&st) % 1000) * 1e-5;
			mb->lon = 106.3 + (double)(rg_rand(&st) % 1000) * 1e-5;
			mb->has_road = rg_rand(&st) % 3 != 0;
			mb->road_order = (int64_t)(rg_rand(&st) % 200);
			mb->cluster = rg_rand(&st) % 4 ? (int)(i / 6) : -1;
			mb->pin = rg_rand(&st) % 30 == 0 ? (int)(rg_rand(&st) % k) : -1;
		}
		for (size_t g = 0; g < k; g++) {
			for (size_t i = 0; i < n; i++) {
				if (t.m[i].group != (int)g)
					continue;
				if (t.g[g].leader < 0)
					t.g[g].leader = (int)i;
				else if (t.g[g].deputy < 0 && rg_rand(&st) % 2)
					t.g[g].deputy = (int)i;
			}
			t.g[g].may_merge = rg_rand(&st) % 3 == 0;
			t.g[g].no_merge = rg_rand(&st) % 5 == 0;
		}
		struct regroup_params p = {(int)(rg_rand(&st) % 8), 0, (double)(rg_rand(&st) % 4) * 100,
					   rg_rand(&st) % 3 == 0 ? (long)(rg_rand(&st) % 40) : -1,
					   (int)(rg_rand(&st) % 2), (int)(rg_rand(&st) % 2), 0};
		p.max = p.min + 5 + (int)(rg_rand(&st) % 60);
		struct regroup_result r;
		plan(&t, &p, &r);
		ok += r.status == REGROUP_OK;
		regroup_result_free(&r);
		th_free(&t);
	}
	ck_assert_int_gt(ok, 50);
}
END_TEST

START_TEST(test_budget)
{
	struct th t;
	th_line(&t, 40, 4, 25, NULL);
	struct regroup_params p = params_default;
	struct regroup_result r;
	long last = 1000000;
	for (long budget = 30; budget >= 0; budget -= 6) {
		p.max_moves = budget;
		plan(&t, &p, &r);
		ck_assert_int_eq(r.status, REGROUP_OK);
		ck_assert_int_le(r.after.moved, budget);
		ck_assert(r.after.medoid_m <= r.before.medoid_m + 1e-6);
		last = r.after.moved;
		regroup_result_free(&r);
	}
	ck_assert_int_eq(last, 0);
	th_free(&t);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("regroup");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_metrics);
	tcase_add_test(tc, test_two_halves);
	tcase_add_test(tc, test_leader_pulls);
	tcase_add_test(tc, test_new_leaders);
	tcase_add_test(tc, test_clusters);
	tcase_add_test(tc, test_road_leaders_apart);
	tcase_add_test(tc, test_mixed);
	tcase_add_test(tc, test_edges);
	tcase_add_test(tc, test_groups_split);
	tcase_add_test(tc, test_message_cut_whole);
	tcase_add_test(tc, test_contig_repair);
	tcase_add_test(tc, test_contig_recom);
	tcase_add_test(tc, test_leader_apart_proposed);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_bounds_edges);
	tcase_add_test(tc, test_pinned_leaders_infeasible);
	tcase_add_test(tc, test_unlocated_stay);
	tcase_add_test(tc, test_merge_tiny);
	tcase_add_test(tc, test_random_rules);
	tcase_add_test(tc, test_random_mixed);
	tcase_add_test(tc, test_budget);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
