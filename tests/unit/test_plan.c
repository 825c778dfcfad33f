/* Regrouping plans against a real store: build, save, apply, undo, refusals. */
#include "config.h"

#include <math.h>

#include "testutil.h"
#include "tkvv/demo.h"
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
	/* groups_split before and after, of the hamlet, the total and each row. */
	ck_assert_int_eq(q.before.groups_split, p.before.groups_split);
	ck_assert_int_eq(q.after.groups_split, p.after.groups_split);
	ck_assert_int_eq(q.hamlets[0].after.groups_split, p.hamlets[0].after.groups_split);
	for (size_t r = 0; r < q.ntradeoff; r++)
		ck_assert_int_eq(q.tradeoff[r].after.groups_split, p.tradeoff[r].after.groups_split);
	/* A plan saved before groups_split was stored reads back as not known. */
	ck_assert_int_eq(sqlite3_exec(db, "UPDATE plan_hamlets SET b_groups_split = NULL, a_groups_split = NULL", 0, 0, 0),
			 SQLITE_OK);
	plan_free(&q);
	ck_assert_msg(plan_load(db, p.id, &q, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(q.after.groups_split, -1);
	ck_assert_int_eq(q.hamlets[0].before.groups_split, -1);
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

/* Each member of the hamlet with CODE and its group after plan P, as pins. */
static size_t plan_dest(sqlite3 *db, const char *code, const struct plan *p, struct plan_pin **out)
{
	sqlite3_stmt *st;
	size_t n = 0;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT m.id, m.group_id FROM members m JOIN hamlets h ON h.id = m.hamlet_id "
					    "WHERE h.code = ? ORDER BY m.id", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	*out = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n++] = (struct plan_pin){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)};
	}
	sqlite3_finalize(st);
	for (size_t j = 0; j < p->nmoves; j++)
		for (size_t i = 0; i < n; i++)
			if ((*out)[i].member_id == p->moves[j].member_id)
				(*out)[i].group_id = p->moves[j].to_group;
	return n;
}

/* One rejected move on the demo's largest hamlet, as the assistant asks it:
 * the plan is edited from the one shown, so the member stays and at most a
 * few other members change destination, at the recommended row and with
 * no budget. */
START_TEST(test_rejection_is_stable)
{
	sqlite3 *db = tu_memdb();
	struct demo_opts d = {1, DEMO_DISTRICT, 0};
	struct demo_counts counts;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(demo_generate(db, &d, &counts, &err) == 0, "%s", err.msg);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT h.code FROM hamlets h JOIN members m ON m.hamlet_id = h.id "
					    "GROUP BY h.id ORDER BY count(*) DESC, h.code LIMIT 1", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	char *code = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	for (int variant = 0; variant < 2; variant++) {
		struct plan_options o = {.scope = PLAN_HAMLET, .code = code, .min = 5, .max = 60, .max_moves = -1,
					 .max_moves_pct = -1, .merges = 1, .tradeoff = variant, .recommend = variant,
					 .threads = 2};
		struct plan p, q;
		ck_assert_msg(plan_build(db, &o, &p, &err) == 0, "%s", err.msg);
		ck_assert_uint_gt(p.nmoves, 20);
		/* Reject a move from the middle of the list. */
		const struct plan_move *m = &p.moves[p.nmoves / 2];
		struct plan_pin pin = {m->member_id, m->from_group}, *prev, *now;
		size_t n = plan_dest(db, code, &p, &prev);
		if (p.max_moves[0])
			o.max_moves_pct = atof(p.max_moves);
		o.recommend = 0;
		o.pins = &pin;
		o.npins = 1;
		o.prev = prev;
		o.nprev = n;
		ck_assert_msg(plan_build(db, &o, &q, &err) == 0, "%s", err.msg);
		ck_assert_int_eq(q.hamlets[0].status, REGROUP_OK);
		ck_assert_int_eq(q.after.size_violations, 0);
		ck_assert_int_eq(q.after.leaders_moved, 0);
		ck_assert_uint_eq(plan_dest(db, code, &q, &now), n);
		size_t changed = 0;
		for (size_t i = 0; i < n; i++) {
			if (now[i].member_id == pin.member_id)
				ck_assert_int_eq(now[i].group_id, pin.group_id);
			else
				changed += now[i].group_id != prev[i].group_id;
		}
		ck_assert_msg(changed <= 5, "%zu other members changed destination after one rejection (%s)", changed,
			      variant ? "recommended row" : "no budget");
		free(prev);
		free(now);
		plan_free(&p);
		plan_free(&q);
	}
	free(code);
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
	tcase_add_test(tc, test_rejection_is_stable);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
