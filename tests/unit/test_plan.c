/* Regrouping plans against a real store: build, save, apply, undo, refusals. */
#include "config.h"

#include <math.h>

#include "testutil.h"
#include "tkvv/plan.h"
#include "tkvv/text.h"

/* Every row of the domain tables as text, to compare states exactly; the
 * row versions are left out: an undo brings every value back in a new
 * version of the row (a form opened before it must not save over it). */
static char *dump_domain(sqlite3 *db)
{
	static const char *const tables[] = {"communes", "hamlets", "groups", "members", "memberships",
					     "loans", "payments"};
	struct strbuf sb;
	sb_init(&sb);
	for (size_t t = 0; t < ARRAY_LEN(tables); t++) {
		char sql[64];
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY rowid", tables[t]);
		sqlite3_stmt *st;
		ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			sb_addf(&sb, "%s:", tables[t]);
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				if (strcmp(sqlite3_column_name(st, c), "rowver") == 0)
					continue;
				const unsigned char *v = sqlite3_column_text(st, c);
				sb_addf(&sb, "|%s", v ? (const char *)v : "NULL");
			}
			sb_addc(&sb, '\n');
		}
		sqlite3_finalize(st);
	}
	return sb_detach(&sb);
}

/* Add a member at (lat, lon) to GROUP_ID of hamlet 1; lat NAN = no location. */
static void add_member(sqlite3 *db, int i, int group_id, double lat, double lon, int road)
{
	char code[16], name[32];
	snprintf(code, sizeof code, "M%02d", i);
	snprintf(name, sizeof name, "Nguyễn Văn %c", 'A' + i % 26);
	char *folded = text_fold(name);
	size_t klen;
	unsigned char *key = text_name_key(name, &klen);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db,
		"INSERT INTO members(id, code, full_name, name_folded, sort_key, hamlet_id, group_id, lat, lon, road_order) "
		"VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int(st, 1, i);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, folded, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, key, (int)klen, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, group_id);
	if (isnan(lat)) {
		sqlite3_bind_null(st, 7);
		sqlite3_bind_null(st, 8);
	} else {
		sqlite3_bind_double(st, 7, lat);
		sqlite3_bind_double(st, 8, lon);
	}
	if (road >= 0)
		sqlite3_bind_int(st, 9, road);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	char sql[160];
	snprintf(sql, sizeof sql, "INSERT INTO memberships(member_id, group_id, from_on) VALUES (%d, %d, '2020-01-01')",
		 i, group_id);
	ck_assert_int_eq(sqlite3_exec(db, sql, 0, 0, 0), SQLITE_OK);
	free(folded);
	free(key);
}

/* A hamlet of 20 houses 20 m apart along a road, groups 1 and 2 alternating;
 * group 1's leader at the west end, group 2's at the east end; member 21 has
 * no location at all. */
static sqlite3 *interleaved_hamlet(void)
{
	sqlite3 *db = tu_memdb();
	ck_assert_int_eq(sqlite3_exec(db,
		"INSERT INTO communes(id, code, name) VALUES (1, 'C1', 'Xã Đại An');"
		"INSERT INTO hamlets(id, code, commune_id, name) VALUES (1, 'H1', 1, 'Ấp Chợ');"
		"INSERT INTO groups(id, code, hamlet_id, org_code, name, leader_code) VALUES "
		"(1, 'G1', 1, 'PN', 'Tổ 1', 'M00'), (2, 'G2', 1, 'ND', 'Tổ 2', 'M19');", 0, 0, 0), SQLITE_OK);
	for (int i = 0; i < 20; i++)
		add_member(db, i, i == 0 ? 1 : i == 19 ? 2 : 1 + i % 2, 9.7, 106.27 + i * 0.000182, i);
	add_member(db, 21, 2, NAN, 0, -1);
	return db;
}

static struct plan_options default_options(void)
{
	struct plan_options o = {.scope = PLAN_HAMLET, .code = "H1", .min = 5, .max = 60, .max_moves = -1,
				 .max_moves_pct = -1, .merges = 1, .tradeoff = 1, .threads = 2};
	return o;
}

/* Build the default plan of hamlet H1 into P and save it as a draft. */
static void saved_plan(sqlite3 *db, struct plan *p)
{
	struct plan_options o = default_options();
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(plan_build(db, &o, p, &err) == 0, "%s", err.msg);
	ck_assert_msg(plan_save(db, p, &err) == 0, "%s", err.msg);
}

/* The group id of member I now. */
static long long group_of(sqlite3 *db, int i)
{
	char sql[64];
	snprintf(sql, sizeof sql, "SELECT group_id FROM members WHERE id = %d", i);
	return tu_int(db, sql);
}

START_TEST(test_interleaved_become_halves)
{
	sqlite3 *db = interleaved_hamlet();
	struct plan_options o = default_options();
	struct plan p;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(plan_build(db, &o, &p, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(p.nhamlets, 1);
	ck_assert_int_eq(p.hamlets[0].status, REGROUP_OK);
	ck_assert_int_eq(p.after.size_violations, 0);
	ck_assert_int_eq(p.after.leaders_moved, 0);
	ck_assert(p.after.interleave < p.before.interleave);
	ck_assert(p.after.medoid_m < p.before.medoid_m);
	ck_assert_uint_eq(p.nunlocated, 1);
	ck_assert_str_eq(p.unlocated[0].member_code, "M21");
	ck_assert_uint_eq(p.ntradeoff, 8);
	ck_assert_msg(plan_save(db, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_gt(p.id, 0);
	char *before = dump_domain(db);
	ck_assert_msg(plan_apply(db, p.id, "họp tổ 26/11", 0, &err) == 0, "%s", err.msg);
	/* The west half is group 1, the east half group 2: one cut along the road. */
	int cuts = 0;
	for (int i = 1; i < 20; i++)
		cuts += group_of(db, i) != group_of(db, i - 1);
	ck_assert_int_eq(cuts, 1);
	ck_assert_int_eq(group_of(db, 0), 1);
	ck_assert_int_eq(group_of(db, 19), 2);
	ck_assert_int_eq(group_of(db, 21), 2);
	/* Each move closed one membership and opened one. */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships WHERE to_on IS NOT NULL"), (long long)p.nmoves);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships WHERE to_on IS NULL"), 21);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'plan apply'"), 1);
	ck_assert_int_eq(plan_undo(db, p.id, &err), 0);
	char *after = dump_domain(db);
	ck_assert_str_eq(before, after);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'plan undo'"), 1);
	free(before);
	free(after);
	plan_free(&p);
	db_close(db);
}
END_TEST

START_TEST(test_state_rules)
{
	sqlite3 *db = interleaved_hamlet();
	struct plan p;
	struct tkvv_err err;
	err_clear(&err);
	saved_plan(db, &p);
	ck_assert_int_eq(plan_undo(db, p.id, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "not applied"));
	ck_assert_int_eq(plan_apply(db, p.id, NULL, 0, &err), 0);
	ck_assert_int_eq(plan_apply(db, p.id, NULL, 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a draft"));
	ck_assert_int_eq(plan_discard(db, p.id, &err), -1);
	ck_assert_int_eq(plan_apply(db, 999, NULL, 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "does not exist"));
	/* A member moved by hand after the plan: undo is refused, nothing changes. */
	long long moved = tu_int(db, "SELECT member_id FROM plan_moves LIMIT 1");
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE members SET group_id = 3 - group_id WHERE id = %lld", moved);
	ck_assert_int_eq(sqlite3_exec(db, sql, 0, 0, 0), SQLITE_OK);
	char *state = dump_domain(db);
	ck_assert_int_eq(plan_undo(db, p.id, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "undo refused"));
	char *state2 = dump_domain(db);
	ck_assert_str_eq(state, state2);
	free(state);
	free(state2);
	plan_free(&p);
	db_close(db);
}
END_TEST

START_TEST(test_stale_plan_refused)
{
	sqlite3 *db = interleaved_hamlet();
	struct plan p;
	struct tkvv_err err;
	err_clear(&err);
	saved_plan(db, &p);
	ck_assert_int_eq(sqlite3_exec(db, "UPDATE members SET lat = 9.701 WHERE id = 5", 0, 0, 0), SQLITE_OK);
	char *state = dump_domain(db);
	ck_assert_int_eq(plan_apply(db, p.id, NULL, 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "changed since in hamlet H1"));
	char *state2 = dump_domain(db);
	ck_assert_str_eq(state, state2);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM plans WHERE status = 'draft'"), 1);
	free(state);
	free(state2);
	plan_free(&p);
	db_close(db);
}
END_TEST

START_TEST(test_saved_plan_reads_back)
{
	sqlite3 *db = interleaved_hamlet();
	struct plan_options o = default_options();
	struct plan p, q;
	struct tkvv_err err;
	err_clear(&err);
	saved_plan(db, &p);
	ck_assert_msg(plan_load(db, p.id, &q, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(q.nmoves, p.nmoves);
	ck_assert_uint_eq(q.ntradeoff, p.ntradeoff);
	ck_assert_int_eq(q.after.moved, p.after.moved);
	ck_assert(fabs(q.after.medoid_m - p.after.medoid_m) < 1e-6);
	ck_assert(fabs(q.after.interleave - p.after.interleave) < 1e-9);
	ck_assert_str_eq(q.status, "draft");
	ck_assert_str_eq(q.scope, "hamlet H1");
	plan_free(&p);
	plan_free(&q);
	o.code = "NOPE";
	ck_assert_int_eq(plan_build(db, &o, &p, &err), -1);
	ck_assert_str_eq(err.msg, "hamlet 'NOPE' does not exist");
	plan_free(&p);
	db_close(db);
}
END_TEST

START_TEST(test_high_move_price_moves_nobody)
{
	sqlite3 *db = interleaved_hamlet();
	struct plan_options o = default_options();
	o.move_weight = 1e9;
	o.tradeoff = 0;
	struct plan p;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(plan_build(db, &o, &p, &err), 0);
	ck_assert_uint_eq(p.nmoves, 0);
	plan_free(&p);
	o.move_weight = 0;
	o.max_moves = 4;
	ck_assert_int_eq(plan_build(db, &o, &p, &err), 0);
	ck_assert_uint_le(p.nmoves, 4);
	plan_free(&p);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");
	tcase_add_test(tc, test_interleaved_become_halves);
	tcase_add_test(tc, test_state_rules);
	tcase_add_test(tc, test_stale_plan_refused);
	tcase_add_test(tc, test_saved_plan_reads_back);
	tcase_add_test(tc, test_high_move_price_moves_nobody);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
