/* The exact parts of the regrouping engine against brute force: the
 * bounded assignment (solve, re-optimise, save and retune), the Hungarian
 * method and the road DP. */
#include "config.h"

#include "testutil.h"
#include "../../src/regroup/regroup_internal.h"

/* Brute force of the bounded assignment: the best cost, RG_INF if none. */
static rg_cost brute_flow(int n, int k, const rg_cost *c, const int *lo, const int *hi)
{
	rg_cost best = RG_INF;
	long total = 1;
	for (int i = 0; i < n; i++)
		total *= k;
	for (long x = 0; x < total; x++) {
		int cnt[8] = {0}, ok = 1;
		rg_cost s = 0;
		for (long i = 0, y = x; i < n && ok; i++, y /= k) {
			int g = (int)(y % k);
			cnt[g]++;
			ok = c[i * k + g] < RG_INF;
			s += ok ? c[i * k + g] : 0;
		}
		for (int g = 0; g < k && ok; g++)
			ok = cnt[g] >= lo[g] && cnt[g] <= hi[g];
		if (ok && s < best)
			best = s;
	}
	return best;
}

START_TEST(test_flow_vs_brute)
{
	uint64_t st = 7;
	for (int it = 0; it < 4000; it++) {
		int n = 1 + (int)(rg_rand(&st) % 8), k = 1 + (int)(rg_rand(&st) % 4), lo[8], hi[8];
		rg_cost c[64], c2[64];
		for (int i = 0; i < n * k; i++) {
			c[i] = rg_rand(&st) % 10 == 0 ? RG_INF : (rg_cost)(rg_rand(&st) % 30);
			c2[i] = c[i] < RG_INF ? (rg_cost)(rg_rand(&st) % 50) : RG_INF;
		}
		for (int g = 0; g < k; g++) {
			lo[g] = (int)(rg_rand(&st) % 3);
			hi[g] = lo[g] + (int)(rg_rand(&st) % 4);
		}
		struct rgflow f;
		rgflow_init(&f, n, k);
		rg_cost want = brute_flow(n, k, c, lo, hi);
		int rc = rgflow_solve(&f, c, lo, hi);
		ck_assert_int_eq(rc < 0, want >= RG_INF);
		if (rc == 0) {
			ck_assert_int_eq(rgflow_total(&f), want);
			ck_assert(rgflow_optimal(&f));
			/* Save, change one group's costs in place, restore, retune. */
			struct rgflow_state saved;
			unsigned char changed[8] = {0};
			int g = (int)(rg_rand(&st) % (uint64_t)k);
			rgflow_state_init(&f, &saved);
			rgflow_save(&f, &saved);
			rgflow_improve(&f, c2);
			ck_assert_int_eq(rgflow_total(&f), brute_flow(n, k, c2, lo, hi));
			ck_assert(rgflow_optimal(&f));
			f.cost = c;
			rgflow_restore(&f, &saved);
			for (int i = 0; i < n; i++)
				c[i * k + g] = c[i * k + g] < RG_INF ? c2[i * k + g] : RG_INF;
			changed[g] = 1;
			rgflow_retune(&f, changed);
			ck_assert_int_eq(rgflow_total(&f), brute_flow(n, k, c, lo, hi));
			ck_assert(rgflow_optimal(&f));
			rgflow_state_free(&saved);
		}
		rgflow_free(&f);
	}
}
END_TEST

START_TEST(test_flow_larger)
{
	/* Beyond brute force: re-optimising from an old optimum must reach the
	 * cost of a fresh solve, and both pass the negative-cycle certificate. */
	uint64_t st = 13;
	int solved = 0;
	for (int it = 0; it < 300; it++) {
		int n = 20 + (int)(rg_rand(&st) % 50), k = 2 + (int)(rg_rand(&st) % 7), lo[8], hi[8];
		rg_cost *c = malloc(sizeof(rg_cost) * (size_t)(n * k)), *c2 = malloc(sizeof(rg_cost) * (size_t)(n * k));
		for (int i = 0; i < n * k; i++) {
			c[i] = rg_rand(&st) % 20 == 0 ? RG_INF : (rg_cost)(rg_rand(&st) % 1000);
			c2[i] = c[i] < RG_INF ? (rg_cost)(rg_rand(&st) % 1000) : RG_INF;
		}
		for (int g = 0; g < k; g++) {
			lo[g] = (int)(rg_rand(&st) % (uint64_t)(n / k + 1));
			hi[g] = lo[g] + (int)(rg_rand(&st) % (uint64_t)n);
		}
		struct rgflow f, fresh;
		rgflow_init(&f, n, k);
		rgflow_init(&fresh, n, k);
		if (rgflow_solve(&f, c, lo, hi) == 0) {
			solved++;
			ck_assert(rgflow_optimal(&f));
			rgflow_improve(&f, c2);
			ck_assert(rgflow_optimal(&f));
			ck_assert_int_eq(rgflow_solve(&fresh, c2, lo, hi), 0);
			ck_assert_int_eq(rgflow_total(&f), rgflow_total(&fresh));
			for (int g = 0, size = 0; g < k; g++, size = 0) {
				for (int i = 0; i < n; i++)
					size += f.assign[i] == g;
				ck_assert_int_ge(size, lo[g]);
				ck_assert_int_le(size, hi[g]);
			}
		}
		rgflow_free(&f);
		rgflow_free(&fresh);
		free(c);
		free(c2);
	}
	ck_assert_int_gt(solved, 100);
}
END_TEST

START_TEST(test_hungarian)
{
	int64_t w[9] = {1, 5, 2, 4, 2, 8, 3, 9, 1};
	int perm[3];
	/* Rows take columns 0, 2, 1: 1 + 8 + 9 beats 5 + 8 + 3 and 2 + 4 + 9. */
	ck_assert_int_eq(rg_hungarian(3, w, perm), 1 + 8 + 9);
	ck_assert_int_eq(perm[0], 0);
	ck_assert_int_eq(perm[1], 2);
	ck_assert_int_eq(perm[2], 1);
}
END_TEST

/* Brute force of the road split: every composition of N into K segments. */
static rg_cost brute_line(const struct rgline *in, int seg, int s, rg_cost acc, int64_t *prefix)
{
	if (seg == in->k)
		return s == in->n ? acc : RG_INF;
	int g = in->order[seg];
	rg_cost best = RG_INF;
	for (int e = s; e <= in->n; e++) {
		int len = e - s, ok = len >= in->lo[g] && len <= in->hi[g];
		rg_cost moves = 0;
		for (int i = 0; i < in->n && ok; i++) {
			int inside = i >= s && i < e;
			if (in->force[i] >= 0 && (in->force[i] == g) != inside)
				ok = 0;
			moves += inside && in->cur[i] != g;
		}
		if (!ok)
			continue;
		rg_cost v = brute_line(in, seg + 1, e, acc + rgline_segment_cost(in->pos, prefix, s, e) + in->lambda * moves, prefix);
		if (v < best)
			best = v;
	}
	return best;
}

START_TEST(test_line_vs_brute)
{
	uint64_t st = 11;
	long compared = 0;
	for (int n = 1; n <= 10; n++) {
		for (int k = 1; k <= 4; k++) {
			for (int lo = 0; lo <= n; lo++) {
				for (int hi = lo > 0 ? lo : 1; hi <= n; hi++) {
					int64_t pos[10], prefix[11] = {0};
					int cur[10], force[10], order[4], los[4], his[4], label[10];
					for (int i = 0, p = 0; i < n; i++) {
						p += (int)(rg_rand(&st) % 5);
						pos[i] = p;
						prefix[i + 1] = prefix[i] + p;
						cur[i] = (int)(rg_rand(&st) % (uint64_t)k);
						force[i] = rg_rand(&st) % 6 == 0 ? (int)(rg_rand(&st) % (uint64_t)k) : -1;
					}
					for (int g = 0; g < k; g++) {
						order[g] = (g + n) % k;
						los[g] = lo;
						his[g] = hi;
					}
					struct rgline in = {n, k, pos, cur, force, order, los, his, NULL, (rg_cost)(rg_rand(&st) % 4)};
					rg_cost want = brute_line(&in, 0, 0, 0, prefix), got = rgline_solve(&in, label);
					ck_assert_int_eq(got, want);
					compared++;
				}
			}
		}
	}
	ck_assert_int_gt(compared, 500);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("regroup_exact");
	TCase *tc = tcase_create("exact");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_flow_vs_brute);
	tcase_add_test(tc, test_flow_larger);
	tcase_add_test(tc, test_hungarian);
	tcase_add_test(tc, test_line_vs_brute);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
