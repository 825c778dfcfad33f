/* One loan's interest month by month (the payment form's and the import's
 * month rule) on the fixture district, checked against the report's own
 * figures; and the code matcher of the forms' code fields. */
#include "config.h"

#include "fixture.h"
#include "tkvv/codematch.h"
#include "tkvv/config.h"
#include "tkvv/quality.h"

/* The months of loan 1 up to LAST, leaving out payment EXCEPT. */
static struct quality_month *months_of(sqlite3 *db, const char *last, sqlite3_int64 except, size_t *n)
{
	struct quality_month *m;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(quality_loan_months(db, 1, last, except, &m, n, &err) == 0, "%s", err.msg);
	return m;
}

/* The months of loan 1 as of DAY (the payment form's), none left out. */
static struct quality_month *months_asof(sqlite3 *db, const char *day, size_t *n)
{
	struct quality_month *m;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(quality_loan_months_asof(db, 1, day, 0, &m, n, &err) == 0, "%s", err.msg);
	return m;
}

/* L0001: 20,000,000 at 0.52 % from 2023-01-10, 1,000,000 principal paid on
 * 2024-03-05: 104,000 a month from 2023-02 to 2024-03, 98,800 from 2024-04;
 * 86,667 was paid for 2024-02. */
START_TEST(test_months_due_and_collected)
{
	sqlite3 *db = fx_district();
	size_t n;
	struct quality_month *m = months_of(db, "2024-05", 0, &n);
	ck_assert_uint_eq(n, 16);
	ck_assert_str_eq(m[0].month, "2023-02");
	ck_assert_int_eq(m[0].due, 104000);
	ck_assert_int_eq(m[0].collected, 0);
	const struct quality_month *feb = quality_month_find(m, n, "2024-02");
	ck_assert_ptr_nonnull(feb);
	ck_assert_int_eq(feb->due, 104000);
	ck_assert_int_eq(feb->collected, 86667);
	ck_assert_str_eq(feb->full_on, "");
	ck_assert_int_eq(quality_month_find(m, n, "2024-03")->due, 104000);
	ck_assert_int_eq(quality_month_find(m, n, "2024-04")->due, 98800);
	ck_assert_ptr_null(quality_month_find(m, n, "2023-01"));
	ck_assert_ptr_eq(quality_oldest_unpaid(m, n), &m[0]);
	free(m);
	m = months_of(db, "2022-12", 0, &n);
	ck_assert_uint_eq(n, 0);
	free(m);
	db_close(db);
}
END_TEST

/* The form's oldest unpaid month as of the day paid: with every month up
 * to 2024-04 paid, May is not due the day before the commune's transaction
 * day and is due on it, for the default day 25 and for day 10. */
START_TEST(test_oldest_unpaid_on_transaction_day)
{
	sqlite3 *db = fx_district();
	size_t n;
	fx_exec(db, "DELETE FROM payments WHERE kind = 'interest';"
		    "WITH RECURSIVE k(d) AS (SELECT '2023-02-01' UNION ALL "
		    "SELECT date(d, '+1 month') FROM k WHERE d < '2024-04-01') "
		    "INSERT INTO payments(loan_id, paid_on, kind, amount, period) "
		    "SELECT 1, date(d, '+24 days'), 'interest', 200000, substr(d, 1, 7) FROM k");
	static const struct {
		int tday;
		const char *before, *on, *after;
	} days[] = {{25, "2024-05-24", "2024-05-25", "2024-05-26"},
		    {10, "2024-05-09", "2024-05-10", "2024-05-11"}};
	for (size_t i = 0; i < ARRAY_LEN(days); i++) {
		char *sql = sqlite3_mprintf("UPDATE communes SET transaction_day = %d", days[i].tday);
		fx_exec(db, sql);
		sqlite3_free(sql);
		struct quality_month *m = months_asof(db, days[i].before, &n);
		ck_assert_ptr_null(quality_oldest_unpaid(m, n));
		ck_assert_int_eq(quality_month_find(m, n, "2024-05")->due, 0);
		free(m);
		const char *due_days[] = {days[i].on, days[i].after};
		for (size_t j = 0; j < 2; j++) {
			m = months_asof(db, due_days[j], &n);
			const struct quality_month *old = quality_oldest_unpaid(m, n);
			ck_assert_ptr_nonnull(old);
			ck_assert_str_eq(old->month, "2024-05");
			ck_assert_int_eq(old->due, 98800);
			free(m);
		}
	}
	db_close(db);
}
END_TEST

START_TEST(test_oldest_unpaid_month_moves_on)
{
	sqlite3 *db = fx_district();
	size_t n;
	/* Every month from 2023-02 to 2024-01 paid in full on its 25th. */
	fx_exec(db, "WITH RECURSIVE k(d) AS (SELECT '2023-02-01' UNION ALL "
		    "SELECT date(d, '+1 month') FROM k WHERE d < '2024-01-01') "
		    "INSERT INTO payments(loan_id, paid_on, kind, amount, period) "
		    "SELECT 1, date(d, '+24 days'), 'interest', 104000, substr(d, 1, 7) FROM k");
	struct quality_month *m = months_of(db, "2024-05", 0, &n);
	const struct quality_month *old = quality_oldest_unpaid(m, n);
	ck_assert_ptr_nonnull(old);
	ck_assert_str_eq(old->month, "2024-02");
	ck_assert_int_eq(old->due - old->collected, 17333);
	ck_assert_str_eq(quality_month_find(m, n, "2023-10")->full_on, "2023-10-25");
	free(m);
	/* The rest of February on 2024-06-01: paid in full that day; March is next. */
	fx_exec(db, "INSERT INTO payments(loan_id, paid_on, kind, amount, period) "
		    "VALUES (1, '2024-06-01', 'interest', 17333, '2024-02')");
	sqlite3_int64 last = sqlite3_last_insert_rowid(db);
	m = months_of(db, "2024-05", 0, &n);
	ck_assert_str_eq(quality_month_find(m, n, "2024-02")->full_on, "2024-06-01");
	ck_assert_str_eq(quality_oldest_unpaid(m, n)->month, "2024-03");
	free(m);
	/* Leaving that payment out (it is the one being edited) undoes it. */
	m = months_of(db, "2024-05", last, &n);
	ck_assert_int_eq(quality_month_find(m, n, "2024-02")->collected, 86667);
	ck_assert_str_eq(quality_oldest_unpaid(m, n)->month, "2024-02");
	free(m);
	db_close(db);
}
END_TEST

/* The months' due is the report's: their sum over a year to date is the
 * group's interest_due_ytd (May 2024 not yet due on 15/05, its
 * transaction day being the 25th). */
START_TEST(test_due_is_the_reports)
{
	sqlite3 *db = fx_district();
	struct tkvv_err err;
	struct config cfg;
	struct quality_data *q;
	struct quality_report r;
	size_t n;
	config_defaults(&cfg);
	err_clear(&err);
	ck_assert_msg(quality_load(db, "2024-05-15", &q, &err) == 0, "%s", err.msg);
	ck_assert_msg(quality_compute(q, "2024-05-15", &cfg, &r, &err) == 0, "%s", err.msg);
	struct quality_month *m = months_asof(db, "2024-05-15", &n);
	int64_t ytd = 0;
	for (size_t i = 0; i < n; i++)
		ytd += strncmp(m[i].month, "2024-", 5) == 0 ? m[i].due : 0;
	ck_assert_int_eq(ytd, 3 * 104000 + 98800);
	ck_assert_int_eq(r.district.fig.interest_due_ytd, ytd);
	free(m);
	quality_report_free(&r);
	quality_data_free(q);
	config_free(&cfg);
	db_close(db);
}
END_TEST

START_TEST(test_unknown_loan)
{
	sqlite3 *db = fx_district();
	struct quality_month *m;
	size_t n;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(quality_loan_months(db, 99, "2024-05", 0, &m, &n, &err), -1);
	ck_assert_str_ne(err.msg, "");
	db_close(db);
}
END_TEST

static const struct code_choice kinds[] = {
	{"interest", "lãi"}, {"principal", "gốc"}, {"savings", "tiết kiệm"},
};
static const struct code_choice categories[] = {
	{"ngheo", "hộ nghèo"}, {"can_ngheo", "cận nghèo"}, {"moi_thoat_ngheo", "mới thoát nghèo"},
	{"khac", "khác"},
};
static const struct code_choice programmes[] = {
	{"HN", "Hộ nghèo"}, {"CN", "Hộ cận nghèo"}, {"HSSV", "Học sinh sinh viên"},
	{"NSVS", "Nước sạch và vệ sinh môi trường"},
};

/* The one choice TYPED matches among C (N of them), or -1 (none or several). */
static int one(const char *typed, const struct code_choice *c, size_t n)
{
	size_t hits[8];
	return codematch(typed, c, n, hits, 8) == 1 ? (int)hits[0] : -1;
}

START_TEST(test_codematch_codes_and_labels)
{
	ck_assert_int_eq(one("lai", kinds, 3), 0);
	ck_assert_int_eq(one("lãi", kinds, 3), 0);
	ck_assert_int_eq(one("LÃI", kinds, 3), 0);
	ck_assert_int_eq(one("interest", kinds, 3), 0);
	ck_assert_int_eq(one("g", kinds, 3), 1);
	ck_assert_int_eq(one("tiet", kinds, 3), 2);
	ck_assert_int_eq(one("hn", programmes, 4), 0);
	ck_assert_int_eq(one("Hn", programmes, 4), 0);
	ck_assert_int_eq(one("hss", programmes, 4), 2);
	ck_assert_int_eq(one("can ngheo", categories, 4), 1);
	ck_assert_int_eq(one("can_ngheo", categories, 4), 1);
	ck_assert_int_eq(one("cận nghèo", categories, 4), 1);
	/* The same word wins over a word inside another label. */
	ck_assert_int_eq(one("ngheo", categories, 4), 0);
	ck_assert_int_eq(one("moi", categories, 4), 2);
	/* A word of a label: "nuoc sach" is the water programme's. */
	ck_assert_int_eq(one("nuoc sach", programmes, 4), 3);
	ck_assert_int_eq(one("x", kinds, 3), -1);
	ck_assert_int_eq(one("", kinds, 3), -1);
}
END_TEST

START_TEST(test_codematch_ambiguous)
{
	size_t hits[8];
	/* "h": every programme whose code or name begins with it. */
	ck_assert_uint_eq(codematch("h", programmes, 4, hits, 8), 3);
	ck_assert_uint_eq(hits[0], 0);
	ck_assert_uint_eq(hits[1], 1);
	ck_assert_uint_eq(hits[2], 2);
	/* More than fit: the count says so, the first MAX are given. */
	ck_assert_uint_eq(codematch("h", programmes, 4, hits, 2), 3);
	ck_assert_uint_eq(codematch("zz", programmes, 4, hits, 8), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("interest");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_months_due_and_collected);
	tcase_add_test(tc, test_oldest_unpaid_month_moves_on);
	tcase_add_test(tc, test_oldest_unpaid_on_transaction_day);
	tcase_add_test(tc, test_due_is_the_reports);
	tcase_add_test(tc, test_unknown_loan);
	tcase_add_test(tc, test_codematch_codes_and_labels);
	tcase_add_test(tc, test_codematch_ambiguous);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
