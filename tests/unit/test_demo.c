/* The demo district: determinism, shape, realism and the credit figures. */
#include "config.h"

#include "testutil.h"
#include "tkvv/config.h"
#include "tkvv/demo.h"
#include "tkvv/quality.h"
#include "tkvv/text.h"

static const char *const content_tables[] = {
	"communes", "hamlets", "groups", "members", "memberships", "loans", "payments",
};

/* A demo in a fresh memory database; COMMUNES 0 for the whole district. */
static sqlite3 *make_demo(uint64_t seed, int communes, struct demo_counts *n)
{
	sqlite3 *db = tu_memdb();
	struct demo_opts opts = {seed, DEMO_DISTRICT, communes, DEMO_AS_OF};
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(demo_generate(db, &opts, n, &err) == 0, "%s", err.msg);
	return db;
}

/* FNV-1a over every row of the content tables, in id order. */
static uint64_t content_hash(sqlite3 *db)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t t = 0; t < ARRAY_LEN(content_tables); t++) {
		char *sql = xasprintf("SELECT * FROM %s ORDER BY id", content_tables[t]);
		sqlite3_stmt *st;
		ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *p = sqlite3_column_blob(st, c);
				int len = sqlite3_column_bytes(st, c);
				h = (h ^ (uint64_t)sqlite3_column_type(st, c)) * 0x100000001b3u;
				for (int i = 0; i < len; i++)
					h = (h ^ p[i]) * 0x100000001b3u;
			}
		sqlite3_finalize(st);
		free(sql);
	}
	return h;
}

START_TEST(test_deterministic)
{
	struct demo_counts a, b, c;
	sqlite3 *db1 = make_demo(7, 2, &a), *db2 = make_demo(7, 2, &b), *db3 = make_demo(8, 2, &c);
	ck_assert_int_eq(a.members, b.members);
	ck_assert_int_eq(a.payments, b.payments);
	ck_assert_int_eq(a.communes, 2);
	ck_assert_int_gt(a.members, 0);
	uint64_t h1 = content_hash(db1);
	ck_assert(h1 == content_hash(db2));
	ck_assert(h1 != content_hash(db3));
	/* The counts reported are the rows written. */
	ck_assert_int_eq(tu_int(db1, "SELECT count(*) FROM members"), a.members);
	ck_assert_int_eq(tu_int(db1, "SELECT count(*) FROM payments"), a.payments);
	ck_assert_int_eq(tu_int(db1, "SELECT count(*) FROM loans"), a.loans);
	ck_assert_int_eq(tu_int(db1, "SELECT count(*) FROM groups"), a.groups);
	db_close(db1);
	db_close(db2);
	db_close(db3);
}
END_TEST

START_TEST(test_smaller_run_is_a_prefix)
{
	/* Each commune has its own generator: one commune is the first of two. */
	struct demo_counts a, b;
	sqlite3 *one = make_demo(3, 1, &a), *two = make_demo(3, 2, &b);
	ck_assert_int_lt(a.members, b.members);
	ck_assert_int_eq(tu_int(two, "SELECT count(*) FROM members m JOIN hamlets h ON h.id = m.hamlet_id"
				     " JOIN communes c ON c.id = h.commune_id WHERE c.id = 1"), a.members);
	ck_assert_int_eq(tu_int(one, "SELECT sum(amount) FROM payments"),
			 tu_int(two, "SELECT sum(p.amount) FROM payments p JOIN loans l ON l.id = p.loan_id"
				     " WHERE l.member_id <= (SELECT max(id) FROM members m"
				     " WHERE m.hamlet_id IN (SELECT id FROM hamlets WHERE commune_id = 1))"));
	db_close(one);
	db_close(two);
}
END_TEST

START_TEST(test_refuses_non_empty)
{
	struct demo_counts n;
	struct tkvv_err err;
	sqlite3 *db = make_demo(1, 1, &n);
	long long before = tu_int(db, "SELECT count(*) FROM payments");
	struct demo_opts opts = {2, DEMO_DISTRICT, 1, DEMO_AS_OF};
	err_clear(&err);
	ck_assert_int_eq(demo_generate(db, &opts, &n, &err), -1);
	ck_assert_int_eq(err.code, TKVV_EFAIL);
	ck_assert_ptr_nonnull(strstr(err.msg, "not empty"));
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments"), before);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM communes"), 1);
	db_close(db);

	/* A single commune is enough to refuse. */
	db = tu_memdb();
	ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO communes(code, name) VALUES ('X', 'Xã X')",
				      NULL, NULL, NULL), SQLITE_OK);
	err_clear(&err);
	ck_assert_int_eq(demo_generate(db, &opts, &n, &err), -1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM hamlets"), 0);
	db_close(db);
}
END_TEST

START_TEST(test_province)
{
	/* One commune of each of the nine districts, Trà Cú's with its real name. */
	sqlite3 *db = tu_memdb();
	struct demo_opts opts = {1, DEMO_PROVINCE, 1, DEMO_AS_OF};
	struct demo_counts n;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(demo_generate(db, &opts, &n, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(n.communes, 9);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM communes WHERE code = 'TTTC'"
				    " AND name = 'Thị trấn Trà Cú'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(DISTINCT substr(code, 1, 2)) FROM communes"), 9);
	/* The districts lie apart: about 0.6° from the first to the last. */
	ck_assert_int_gt(tu_int(db, "SELECT (max(lat) - min(lat)) * 100 FROM members"), 50);
	ck_assert_int_gt(tu_int(db, "SELECT (max(lon) - min(lon)) * 100 FROM members"), 50);
	db_close(db);
}
END_TEST

START_TEST(test_members_as_import_stores_them)
{
	struct demo_counts n;
	sqlite3 *db = make_demo(5, 2, &n);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT full_name, name_folded, sort_key, phone,"
					    " phone_digits FROM members", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char *nfc = text_nfc(name), *folded = text_fold(name);
		size_t len;
		unsigned char *key = text_name_key(name, &len);
		ck_assert_str_eq(nfc, name);
		ck_assert_str_eq(folded, (const char *)sqlite3_column_text(st, 1));
		ck_assert_uint_eq(len, (size_t)sqlite3_column_bytes(st, 2));
		ck_assert_int_eq(memcmp(key, sqlite3_column_blob(st, 2), len), 0);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			char *digits = text_digits((const char *)sqlite3_column_text(st, 3));
			ck_assert_str_eq(digits, (const char *)sqlite3_column_text(st, 4));
			free(digits);
		}
		free(nfc);
		free(folded);
		free(key);
	}
	sqlite3_finalize(st);
	/* Search finds members by folded name (the FTS triggers ran). */
	ck_assert_int_gt(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search MATCH 'nguyen'"), 0);
	/* The field rules hold: phones as import stores them, unique CCCDs,
	 * loans within their programme's ceiling and near its rate. */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE phone <> phone_digits"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) - count(DISTINCT national_id) FROM members"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM loans l JOIN programs p ON p.code = "
				"l.program_code WHERE l.amount > p.ceiling OR abs(l.rate_ppm - p.rate_ppm) "
				"* 100 > p.rate_tolerance_pct * p.rate_ppm"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE national_id NOT GLOB"
				    " '084[0-3][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) - count(DISTINCT national_id) FROM members"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE phone_digits IS NOT NULL"
				    " AND (length(phone_digits) <> 10 OR phone_digits NOT GLOB '0[3789]*')"), 0);
	db_close(db);
}
END_TEST

/* A count from SQL that must lie in [LO, HI]. */
static void assert_between(sqlite3 *db, const char *sql, long long lo, long long hi)
{
	long long v = tu_int(db, sql);
	ck_assert_msg(v >= lo && v <= hi, "%s = %lld, not in [%lld, %lld]", sql, v, lo, hi);
}

/* Outstanding principal of each loan at the reference date, and its due date. */
static const char outstanding_sql[] =
	"CREATE TEMP TABLE outstanding AS SELECT l.id, l.member_id,"
	" l.amount - coalesce((SELECT sum(amount) FROM payments p WHERE p.loan_id = l.id"
	"   AND p.kind = 'principal' AND p.paid_on <= '2026-10-31'), 0) AS amount,"
	" coalesce(l.extended_to, l.due_on) AS due FROM loans l";

/* Interest due for each loan and month of the window, by quality-metrics.md. */
static const char interest_due_sql[] =
	"CREATE TEMP TABLE interest_due AS WITH RECURSIVE months(m, d1) AS"
	" (SELECT '2025-11', '2025-11-01' UNION ALL SELECT strftime('%Y-%m', d1, '+1 month'),"
	"  date(d1, '+1 month') FROM months WHERE m < '2026-10'),"
	" o AS (SELECT l.id, mo.m, l.rate_ppm, l.amount - coalesce((SELECT sum(amount) FROM payments p"
	"  WHERE p.loan_id = l.id AND p.kind = 'principal' AND p.paid_on <= mo.d1), 0) AS out"
	"  FROM loans l, months mo WHERE strftime('%Y-%m', l.disbursed_on) < mo.m)"
	" SELECT id, m, (out * rate_ppm + 500000) / 1000000 AS due FROM o WHERE out > 0";

/* The whole district, made once for the tests that only read it (each
 * test runs in a child process with its own copy). */
static sqlite3 *district;
static struct demo_counts district_n;

static void district_setup(void)
{
	district = make_demo(1, 0, &district_n);
}

static void district_teardown(void)
{
	db_close(district);
}

START_TEST(test_full_district)
{
	sqlite3 *db = district;
	const struct demo_counts n = district_n;
	ck_assert_int_eq(n.communes, 17);
	assert_between(db, "SELECT count(*) FROM communes WHERE kind = 'thi_tran'", 2, 2);
	assert_between(db, "SELECT count(*) FROM hamlets", 110, 150);
	assert_between(db, "SELECT count(*) FROM groups", 480, 580);
	assert_between(db, "SELECT count(*) FROM members", 22000, 28000);
	assert_between(db, "SELECT count(*) FROM loans", 30000, 50000);
	assert_between(db, "SELECT count(*) FROM payments", 400000, 700000);
	/* Every hamlet has 6-10 per commune, 2-7 groups each. */
	assert_between(db, "SELECT count(*) FROM (SELECT commune_id, count(*) c FROM hamlets"
			   " GROUP BY 1) WHERE c NOT BETWEEN 6 AND 10", 0, 0);
	assert_between(db, "SELECT count(*) FROM (SELECT hamlet_id, count(*) c FROM groups"
			   " GROUP BY 1) WHERE c NOT BETWEEN 2 AND 7", 0, 0);
	/* Group sizes, a few small groups, leaders and deputies in their group. */
	assert_between(db, "SELECT count(*) FROM groups g WHERE (SELECT count(*) FROM members m"
			   " WHERE m.group_id = g.id) NOT BETWEEN 5 AND 60", 0, 0);
	assert_between(db, "SELECT count(*) FROM groups g WHERE (SELECT count(*) FROM members m"
			   " WHERE m.group_id = g.id) <= 12", 5, 40);
	assert_between(db, "SELECT count(*) FROM groups g WHERE leader_code IS NULL OR NOT EXISTS"
			   " (SELECT 1 FROM members m WHERE m.code = g.leader_code AND m.group_id = g.id)", 0, 0);
	assert_between(db, "SELECT count(*) FROM groups g WHERE (SELECT count(*) FROM members m"
			   " WHERE m.group_id = g.id) > 20 AND (deputy_code IS NULL OR NOT EXISTS"
			   " (SELECT 1 FROM members m WHERE m.code = g.deputy_code AND m.group_id = g.id))", 0, 0);
	assert_between(db, "SELECT count(*) FROM members m JOIN groups g ON g.id = m.group_id"
			   " WHERE g.hamlet_id <> m.hamlet_id", 0, 0);
	/* PN and ND run most groups, all four organisations run some. */
	assert_between(db, "SELECT count(DISTINCT org_code) FROM groups", 4, 4);
	ck_assert_int_gt(tu_int(db, "SELECT count(*) FROM groups WHERE org_code IN ('PN', 'ND')"),
			 2 * tu_int(db, "SELECT count(*) FROM groups WHERE org_code IN ('CCB', 'TN')"));
	/* About 40% of Trà Cú's households are Khmer. */
	long long khmer = tu_int(db, "SELECT count(*) FROM members WHERE substr(full_name, 1,"
				     " instr(full_name, ' ') - 1) IN ('Thạch', 'Kim', 'Sơn', 'Danh', 'Lâm',"
				     " 'Triệu', 'Kiên', 'Châu')");
	ck_assert_msg(khmer * 10 >= n.members * 3 && khmer * 10 <= n.members * 5, "%lld Khmer", khmer);
	/* One open membership per member, from the day they joined. */
	assert_between(db, "SELECT count(*) FROM members m WHERE (SELECT count(*) FROM memberships s"
			   " WHERE s.member_id = m.id AND s.to_on IS NULL AND s.group_id = m.group_id"
			   " AND s.from_on = m.joined_on) <> 1", 0, 0);
}
END_TEST

START_TEST(test_full_district_geography)
{
	sqlite3 *db = district;
	/* All within about 30 km around 9.70 N, 106.27 E. */
	assert_between(db, "SELECT count(*) FROM members WHERE lat IS NOT NULL AND"
			   " (lat NOT BETWEEN 9.54 AND 9.86 OR lon NOT BETWEEN 106.11 AND 106.43)", 0, 0);
	/* Each commune has a hamlet known by road order only. */
	assert_between(db, "SELECT count(*) FROM communes c WHERE NOT EXISTS (SELECT 1 FROM hamlets h"
			   " WHERE h.commune_id = c.id AND NOT EXISTS (SELECT 1 FROM members m"
			   " WHERE m.hamlet_id = h.id AND m.lat IS NOT NULL))", 0, 0);
	/* In hamlets with coordinates: ~3% without, ~5% without road order, ~1% neither. */
	long long located = tu_int(db, "SELECT count(*) FROM members m WHERE EXISTS (SELECT 1 FROM"
				       " members o WHERE o.hamlet_id = m.hamlet_id AND o.lat IS NOT NULL)");
	long long no_pos = tu_int(db, "SELECT count(*) FROM members m WHERE lat IS NULL AND EXISTS"
				      " (SELECT 1 FROM members o WHERE o.hamlet_id = m.hamlet_id AND o.lat IS NOT NULL)");
	ck_assert_msg(no_pos * 100 >= 2 * located && no_pos * 100 <= 7 * located, "%lld of %lld", no_pos, located);
	long long members = tu_int(db, "SELECT count(*) FROM members");
	long long no_order = tu_int(db, "SELECT count(*) FROM members WHERE road_order IS NULL");
	ck_assert(no_order * 100 >= 3 * members && no_order * 100 <= 9 * members);
	/* Road orders are distinct within a hamlet, and houses sit in xóm. */
	assert_between(db, "SELECT count(*) FROM (SELECT hamlet_id, road_order FROM members WHERE"
			   " road_order IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1)", 0, 0);
	assert_between(db, "SELECT count(*) FROM members WHERE cluster IS NULL OR cluster NOT LIKE 'Xóm %'", 0, 0);
	/* Interleaving: in most hamlets, neighbours by road order belong to
	 * different groups more often than not. */
	long long hamlets = tu_int(db, "SELECT count(*) FROM hamlets");
	long long mixed = tu_int(db,
		"WITH s AS (SELECT hamlet_id, group_id, lag(group_id) OVER (PARTITION BY hamlet_id"
		" ORDER BY road_order) AS prev FROM members WHERE road_order IS NOT NULL)"
		" SELECT count(*) FROM (SELECT hamlet_id FROM s WHERE prev IS NOT NULL GROUP BY 1"
		" HAVING sum(group_id <> prev) > sum(group_id = prev))");
	ck_assert_msg(mixed * 10 >= hamlets * 7, "%lld of %lld hamlets interleaved", mixed, hamlets);
	/* Neighbours along the road are a few metres to a few hundred apart,
	 * but where the numbering turns into a branch road. */
	assert_between(db, "WITH s AS (SELECT lat, lon, lag(lat) OVER w AS plat, lag(lon) OVER w AS plon"
			   " FROM members WHERE lat IS NOT NULL AND road_order IS NOT NULL"
			   " WINDOW w AS (PARTITION BY hamlet_id ORDER BY road_order))"
			   " SELECT count(*) FROM s WHERE plat IS NOT NULL AND"
			   " ((lat - plat) * 110600) * ((lat - plat) * 110600) +"
			   " ((lon - plon) * 109730) * ((lon - plon) * 109730) > 700 * 700", 0, hamlets / 2);
}
END_TEST

START_TEST(test_full_district_credit)
{
	sqlite3 *db = district;
	const struct demo_counts n = district_n;
	/* Nothing happens after the reference date. */
	assert_between(db, "SELECT count(*) FROM payments WHERE paid_on > '2026-10-31'", 0, 0);
	assert_between(db, "SELECT count(*) FROM loans WHERE disbursed_on > '2026-10-31'"
			   " OR disbursed_on < '2019-01-01'", 0, 0);
	/* Amounts by programme, rates from the programmes table. */
	assert_between(db, "SELECT count(*) FROM loans l JOIN programs p ON p.code = l.program_code"
			   " WHERE l.rate_ppm <> p.rate_ppm", 0, 0);
	assert_between(db, "SELECT count(*) FROM loans WHERE program_code IN ('HN', 'CN', 'MTN')"
			   " AND (amount NOT BETWEEN 10000000 AND 100000000 OR amount % 5000000 <> 0)", 0, 0);
	assert_between(db, "SELECT count(*) FROM loans WHERE program_code = 'NSVS'"
			   " AND amount NOT BETWEEN 10000000 AND 25000000", 0, 0);
	assert_between(db, "SELECT count(*) FROM loans WHERE program_code = 'NOXH'", 1, 600);
	assert_between(db, "SELECT count(*) FROM loans WHERE extended_to IS NOT NULL", 50, 2000);
	assert_between(db, "SELECT count(*) FROM members m WHERE NOT EXISTS (SELECT 1 FROM loans l"
			   " WHERE l.member_id = m.id AND l.disbursed_on >= m.joined_on)", 0, 0);
	/* Principal never exceeds the loan. */
	ck_assert_int_eq(sqlite3_exec(db, outstanding_sql, NULL, NULL, NULL), SQLITE_OK);
	assert_between(db, "SELECT count(*) FROM outstanding WHERE amount < 0", 0, 0);
	assert_between(db, "SELECT count(*) FROM outstanding WHERE amount = 0", 2000, 30000);
	/* Overdue ratio of the district 0.5-1.5%, a handful of groups above 2%. */
	long long out = tu_int(db, "SELECT sum(amount) FROM outstanding");
	long long overdue = tu_int(db, "SELECT sum(amount) FROM outstanding WHERE due < '2026-10-31'");
	ck_assert_msg(overdue * 1000 >= out * 5 && overdue * 1000 <= out * 15, "overdue %lld of %lld", overdue, out);
	assert_between(db, "SELECT count(*) FROM (SELECT m.group_id FROM outstanding o JOIN members m"
			   " ON m.id = o.member_id GROUP BY 1 HAVING sum(CASE WHEN o.due < '2026-10-31'"
			   " THEN o.amount ELSE 0 END) * 50 > sum(o.amount))", 3, 40);
	/* Interest paid is exactly the interest due for its loan and month. */
	ck_assert_int_eq(sqlite3_exec(db, interest_due_sql, NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE INDEX temp.interest_due_key ON interest_due(id, m)",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_between(db, "SELECT count(*) FROM payments p WHERE kind = 'interest' AND NOT EXISTS"
			   " (SELECT 1 FROM interest_due d WHERE d.id = p.loan_id AND d.m = p.period"
			   " AND d.due = p.amount)", 0, 0);
	/* Collection rate over the twelve months 95-99%. */
	long long due = tu_int(db, "SELECT sum(due) FROM interest_due");
	long long paid = tu_int(db, "SELECT sum(amount) FROM payments WHERE kind = 'interest'");
	ck_assert_msg(paid * 100 >= due * 95 && paid * 100 <= due * 99, "collected %lld of %lld", paid, due);
	/* Most members save; no savings balance is negative; deposits from 5,000. */
	long long savers = tu_int(db, "SELECT count(*) FROM (SELECT l.member_id FROM payments p JOIN loans l"
				      " ON l.id = p.loan_id WHERE kind = 'savings' GROUP BY 1 HAVING sum(p.amount) > 0)");
	ck_assert_int_gt(savers * 10, n.members * 6);
	assert_between(db, "SELECT count(*) FROM (SELECT l.member_id FROM payments p JOIN loans l"
			   " ON l.id = p.loan_id WHERE kind = 'savings' GROUP BY 1 HAVING sum(p.amount) < 0)", 0, 0);
	assert_between(db, "SELECT count(*) FROM payments WHERE kind = 'savings' AND amount BETWEEN 0 AND 4999", 0, 0);
	assert_between(db, "SELECT count(*) FROM payments WHERE kind = 'savings' AND amount < 0", 10, 5000);
}
END_TEST

/* A demo made the day after 02/12/2026 (the day before "today"): each
 * commune's interest runs up to its last transaction day before today, the
 * commune holds that day, and the year to date as of today is collected
 * as a real district's is (above 95 %, not the 88 % of a demo stopped at
 * the end of October). */
START_TEST(test_demo_follows_today)
{
	sqlite3 *db = tu_memdb();
	struct demo_opts opts = {3, DEMO_DISTRICT, 2, "2026-12-02"};
	struct demo_counts n;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(demo_generate(db, &opts, &n, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(n.as_of, "2026-12-02");
	/* Interest paid on the transaction day, November's by 02/12, none later. */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments p JOIN loans l ON l.id = p.loan_id"
				    " JOIN members m ON m.id = l.member_id JOIN hamlets h ON h.id = m.hamlet_id"
				    " JOIN communes c ON c.id = h.commune_id WHERE p.kind = 'interest'"
				    " AND CAST(strftime('%d', p.paid_on) AS INTEGER) <> c.transaction_day"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments WHERE paid_on > '2026-12-02'"), 0);
	ck_assert_int_gt(tu_int(db, "SELECT count(*) FROM payments WHERE period = '2026-11'"), 100);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM communes WHERE transaction_day <> 25"
				    " OR transaction_day = 25"), 2);
	struct config cfg;
	struct quality_data *q;
	struct quality_report r;
	config_defaults(&cfg);
	ck_assert_msg(quality_load(db, "2026-12-03", &q, &err) == 0, "%s", err.msg);
	ck_assert_msg(quality_compute(q, "2026-12-03", &cfg, &r, &err) == 0, "%s", err.msg);
	const struct quality_figures *f = &r.district.fig;
	ck_assert_msg(f->interest_collected_ytd * 100 > f->interest_due_ytd * 95,
		      "collected %lld of %lld", (long long)f->interest_collected_ytd,
		      (long long)f->interest_due_ytd);
	for (size_t i = 0; i < r.ncommunes; i++)
		ck_assert_int_ne(r.communes[i].score.grade, QG_YEU);
	quality_report_free(&r);
	quality_data_free(q);
	config_free(&cfg);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("demo");
	TCase *tc = tcase_create("small");
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_smaller_run_is_a_prefix);
	tcase_add_test(tc, test_refuses_non_empty);
	tcase_add_test(tc, test_province);
	tcase_add_test(tc, test_members_as_import_stores_them);
	suite_add_tcase(s, tc);
	TCase *full = tcase_create("district");
	tcase_set_timeout(full, 300);
	tcase_add_unchecked_fixture(full, district_setup, district_teardown);
	tcase_add_test(full, test_full_district);
	tcase_add_test(full, test_demo_follows_today);
	tcase_add_test(full, test_full_district_geography);
	tcase_add_test(full, test_full_district_credit);
	suite_add_tcase(s, full);
	return tu_run(s);
}
