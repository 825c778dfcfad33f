/* The terminal-free list model: paging over SQL, cursor moves, search positions. */
#include "config.h"

#include "fixture.h"
#include "../../src/tui/listmodel.h"
#include "../../src/tui/loancodes.h"
#include "../../src/tui/records.h"

#define NMEMBERS 1000

/* The fixture district plus NMEMBERS generated members in group TC01A01G01. */
static sqlite3 *big_district(void)
{
	static const char *const family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Thạch"};
	static const char *const given[] = {"Lan", "Hoa", "Đức", "Ánh", "Bình", "Út", "Sơn", "Yến"};
	sqlite3 *db = fx_district();
	fx_exec(db, "BEGIN");
	for (int i = 0; i < NMEMBERS; i++) {
		char code[32], name[96];
		snprintf(code, sizeof code, "G%05d", i);
		snprintf(name, sizeof name, "%s Thị %s", family[i % 6], given[(i / 6) % 8]);
		fx_member(db, code, name, "TC01A01G01", NULL, NULL);
	}
	fx_exec(db, "COMMIT");
	ck_assert_int_eq(records_sql_functions(db), 0);
	return db;
}

/* A members view in name order, as the members screen makes it. */
static void members_view(struct listmodel *m, sqlite3 *db)
{
	struct tkvv_err err;
	err_clear(&err);
	listmodel_init(m, db, 2, "x.id", "x.code, x.full_name");
	listmodel_set_from(m, "FROM members x WHERE 1", NULL);
	listmodel_set_order(m, "ORDER BY x.sort_key, x.id");
	ck_assert_msg(listmodel_reload(m, &err) == 0, "%s", err.msg);
}

/* Payments newest first searched by their loan's code (screen 5): the
 * count, and each match from each place either way, against a walk of the
 * whole list; the loans' payments interleaved, and runs of one loan's. */
START_TEST(test_search_by_parent)
{
	enum { NLOANS = 40, NPAY = 3000 };
	static const char *const needles[] = {"a", "b0", "a1", "b07", "a13", "zz", "a0"};
	sqlite3 *db;
	struct listmodel m;
	struct tkvv_err err;
	static sqlite3_int64 loan_of[NPAY + 1];
	static const char *const sql[3] = {LOANCODE_WEIGHTS, LOANCODE_NEXT, LOANCODE_PREV};
	err_clear(&err);
	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	fx_exec(db, "CREATE TABLE loans(id INTEGER PRIMARY KEY, code TEXT);"
		"CREATE TABLE payments(id INTEGER PRIMARY KEY, loan_id INTEGER);"
		"CREATE INDEX payments_loan ON payments(loan_id); BEGIN");
	for (int i = 1; i <= NLOANS; i++) {
		char q[96];
		snprintf(q, sizeof q, "INSERT INTO loans VALUES (%d, '%s%02d')", i, i % 2 ? "A" : "b", i);
		fx_exec(db, q);
	}
	unsigned seed = 7;
	for (int i = 1; i <= NPAY; i++) {
		char q[96];
		seed = seed * 1103515245u + 12345u;
		/* Interleaved in the first half, one loan's run after another in the second. */
		loan_of[i] = i <= NPAY / 2 ? (sqlite3_int64)(seed >> 16) % NLOANS + 1 : (i - NPAY / 2) * NLOANS / (NPAY / 2 + 1) + 1;
		if (i % 17 == 0)
			continue; /* gaps in the ids */
		snprintf(q, sizeof q, "INSERT INTO payments VALUES (%d, %lld)", i, (long long)loan_of[i]);
		fx_exec(db, q);
	}
	fx_exec(db, "COMMIT");
	ck_assert_msg(loancodes_build(db, &err) == 0, "%s", err.msg);
	listmodel_init(&m, db, 1, "x.id", "x.loan_id");
	listmodel_set_from(&m, "FROM payments x WHERE 1", NULL);
	listmodel_set_order(&m, "ORDER BY x.id DESC");
	listmodel_set_parent(&m, "x.loan_id", sql);
	ck_assert_msg(listmodel_reload(&m, &err) == 0, "%s", err.msg);
	ck_assert_msg(listmodel_sample(&m, &err) == 0, "%s", err.msg);
	/* The list as a walk would see it: each row's loan code. */
	sqlite3_int64 *ids = xcalloc((size_t)m.count, sizeof *ids);
	long n = 0;
	for (int i = NPAY; i >= 1; i--)
		if (i % 17)
			ids[n++] = i;
	ck_assert_int_eq(n, m.count);
	for (size_t k = 0; k < ARRAY_LEN(needles); k++) {
		const char *nd = needles[k];
		long want = 0;
		for (long p = 0; p < n; p++) {
			char code[8];
			long l = (long)loan_of[ids[p]];
			snprintf(code, sizeof code, "%s%02ld", l % 2 ? "a" : "b", l);
			want += strncmp(code, nd, strlen(nd)) == 0;
		}
		ck_assert_int_eq(listmodel_search(&m, LOANCODE_IDS, nd, &err), want);
		for (long from = 0; from < n; from += 211)
			for (int dir = -1; dir <= 1; dir += 2) {
				long expect = -1;
				for (long step = 0; step < n && expect < 0; step++) {
					long p = ((from + dir * step) % n + n) % n;
					char code[8];
					long l = (long)loan_of[ids[p]];
					snprintf(code, sizeof code, "%s%02ld", l % 2 ? "a" : "b", l);
					if (strncmp(code, nd, strlen(nd)) == 0)
						expect = p;
				}
				long got = listmodel_find(&m, from, dir, &err);
				ck_assert_msg(got == expect, "%s from %ld dir %d: %ld, not %ld (%s)", nd, from, dir,
					      got, expect, err.msg);
				/* The page around it is the list's. */
				if (got >= 0) {
					const struct listrow *r = listmodel_row(&m, got, &err);
					ck_assert_ptr_nonnull(r);
					ck_assert_int_eq(r->id, ids[got]);
					if (got > 0) {
						r = listmodel_row(&m, got - 1, &err);
						ck_assert_ptr_nonnull(r);
						ck_assert_int_eq(r->id, ids[got - 1]);
					}
				}
			}
	}
	/* A new payment of loan 13: its row of the codes is brought up to date,
	 * and it is the first match, the newest. */
	long before = listmodel_search(&m, LOANCODE_IDS, "a13", &err);
	fx_exec(db, "INSERT INTO payments VALUES (5000, 13)");
	ck_assert_msg(loancodes_written(db, 13, &err) == 0, "%s", err.msg);
	ck_assert_msg(listmodel_reload(&m, &err) == 0 && listmodel_sample(&m, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(listmodel_search(&m, LOANCODE_IDS, "a13", &err), before + 1);
	ck_assert_int_eq(listmodel_find(&m, 0, 1, &err), 0);
	free(ids);
	listmodel_free(&m);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_paging_fetches_a_window)
{
	sqlite3 *db = big_district();
	struct listmodel m;
	struct tkvv_err err;
	members_view(&m, db);
	ck_assert_int_eq(m.count, NMEMBERS + 6);
	const struct listrow *r = listmodel_row(&m, 0, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_le(m.cache_n, LISTMODEL_PAGE);
	/* The last row comes from another page, and only that page is held. */
	r = listmodel_row(&m, m.count - 1, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_gt(m.cache_start, 0);
	ck_assert_int_le(m.cache_n, LISTMODEL_PAGE);
	ck_assert_ptr_null(listmodel_row(&m, m.count, &err));
	ck_assert_ptr_null(listmodel_row(&m, -1, &err));
	/* Rows come in the Vietnamese name order of the sort key. */
	char prev[200] = "";
	for (long i = 0; i < m.count; i += 97) {
		r = listmodel_row(&m, i, &err);
		if (prev[0])
			ck_assert_int_le(text_name_cmp(prev, r->col[1]), 0);
		snprintf(prev, sizeof prev, "%s", r->col[1]);
	}
	listmodel_free(&m);
	db_close(db);
}
END_TEST

START_TEST(test_cursor_moves_are_clamped)
{
	sqlite3 *db = big_district();
	struct listmodel m;
	members_view(&m, db);
	listmodel_move(&m, -5, 20);
	ck_assert_int_eq(m.cursor, 0);
	listmodel_move(&m, 20, 20);
	ck_assert_int_eq(m.cursor, 20);
	ck_assert_int_eq(m.top, 1);
	listmodel_goto(&m, m.count + 50, 20);
	ck_assert_int_eq(m.cursor, m.count - 1);
	ck_assert_int_eq(m.top, m.count - 20);
	listmodel_goto(&m, 0, 20);
	ck_assert_int_eq(m.top, 0);
	listmodel_free(&m);
	db_close(db);
}
END_TEST

START_TEST(test_filter_and_reload)
{
	sqlite3 *db = big_district();
	struct listmodel m;
	struct tkvv_err err;
	members_view(&m, db);
	const char *binds[] = {"2", NULL};
	listmodel_set_from(&m, "FROM members x WHERE x.hamlet_id = ?1", binds);
	listmodel_goto(&m, 500, 20);
	ck_assert_int_eq(listmodel_reload(&m, &err), 0);
	ck_assert_int_eq(m.count, 3);
	ck_assert_int_eq(m.cursor, 2);
	listmodel_free(&m);
	db_close(db);
}
END_TEST

START_TEST(test_search_positions)
{
	sqlite3 *db = big_district();
	struct listmodel m;
	struct tkvv_err err;
	members_view(&m, db);
	long n = listmodel_search(&m, "SELECT rowid FROM member_search WHERE member_search MATCH :q",
				  "\"yen\"*", &err);
	long expected = 0;
	for (int i = 0; i < NMEMBERS; i++)
		expected += (i / 6) % 8 == 7;  /* given[7] is Yến */
	ck_assert_int_eq(n, expected);
	for (long i = 0; i < n; i++) {
		const struct listrow *r = listmodel_row(&m, (long)m.match[i], &err);
		ck_assert_ptr_nonnull(strstr(r->col[1], "Yến"));
		if (i)
			ck_assert_int_gt(m.match[i], m.match[i - 1]);
	}
	ck_assert_int_eq(listmodel_find(&m, 0, 1, &err), m.match[0]);
	ck_assert_int_eq(listmodel_find(&m, (long)m.match[0] + 1, 1, &err), m.match[1]);
	ck_assert_int_eq(listmodel_find(&m, (long)m.match[0] - 1, -1, &err), m.match[n - 1]);
	ck_assert_int_eq(listmodel_find(&m, (long)m.match[n - 1] + 1, 1, &err), m.match[0]);
	/* With a key the same positions come from the index, not from numbering. */
	sqlite3_int64 *window = m.match;
	m.match = NULL;
	listmodel_set_key(&m, "x.sort_key");
	ck_assert_int_eq(listmodel_search(&m, "SELECT rowid FROM member_search WHERE member_search MATCH :q",
					  "\"yen\"*", &err), n);
	ck_assert_ptr_null(m.match);
	long pos = -1;
	for (long i = 0; i < n; i++) {
		pos = listmodel_find(&m, pos + 1, 1, &err);
		ck_assert_int_eq(pos, window[i]);
	}
	ck_assert_int_eq(listmodel_find(&m, pos + 1, 1, &err), window[0]);
	ck_assert_int_eq(listmodel_find(&m, (long)window[3] - 1, -1, &err), window[2]);
	ck_assert_int_eq(listmodel_find(&m, 0, -1, &err), window[n - 1]);
	/* Walking the index finds the same rows as sorting the matches. */
	m.few = 0;
	pos = -1;
	for (long i = 0; i < n; i++) {
		pos = listmodel_find(&m, pos + 1, 1, &err);
		ck_assert_int_eq(pos, window[i]);
	}
	ck_assert_int_eq(listmodel_find(&m, pos + 1, 1, &err), window[0]);
	ck_assert_int_eq(listmodel_find(&m, (long)window[3] - 1, -1, &err), window[2]);
	ck_assert_int_eq(listmodel_find(&m, 0, -1, &err), window[n - 1]);
	ck_assert_int_eq(listmodel_find(&m, (long)window[0] - 1, -1, &err), window[n - 1]);
	/* A filtered view counts only its own rows among the matches. */
	const char *binds[] = {"2", NULL};
	listmodel_set_from(&m, "FROM members x WHERE x.hamlet_id = ?1", binds);
	ck_assert_int_eq(listmodel_reload(&m, &err), 0);
	ck_assert_int_eq(listmodel_search(&m, "SELECT rowid FROM member_search WHERE member_search MATCH :q",
					  "\"nguyen\"*", &err), 1);
	free(window);
	ck_assert_int_eq(listmodel_search(&m, "SELECT rowid FROM member_search WHERE member_search MATCH :q",
					  "\"zzz\"*", &err), 0);
	ck_assert_int_eq(listmodel_find(&m, 0, 1, &err), -1);
	listmodel_free(&m);
	db_close(db);
}
END_TEST

START_TEST(test_goto_id)
{
	sqlite3 *db = big_district();
	struct listmodel m;
	struct tkvv_err err;
	members_view(&m, db);
	sqlite3_int64 id = tu_int(db, "SELECT id FROM members WHERE code = 'G00777'");
	ck_assert_int_eq(listmodel_goto_id(&m, id, 20, &err), 0);
	ck_assert_int_eq(listmodel_row(&m, m.cursor, &err)->id, id);
	ck_assert_int_eq(listmodel_goto_id(&m, 999999, 20, &err), -1);
	listmodel_free(&m);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("listmodel");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_paging_fetches_a_window);
	tcase_add_test(tc, test_cursor_moves_are_clamped);
	tcase_add_test(tc, test_filter_and_reload);
	tcase_add_test(tc, test_search_positions);
	tcase_add_test(tc, test_goto_id);
	tcase_add_test(tc, test_search_by_parent);
	suite_add_tcase(s, tc);
	i18n_locale();
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
