/* Collection sheets: what is due (the month, the arrears apart, the
 * principal of a loan falling due, a paid month at 0), totals, the
 * refusals, and a save that is one transaction with one audit row. */
#include "config.h"

#include "fixture.h"
#include "tkvv/sheet.h"

/* The fixture district plus loan L0002 of TC01A01M0002 (10,000,000 at
 * 6240 ppm a month from 2024-01-15) and the commune's day 25. */
static sqlite3 *district(void)
{
	sqlite3 *db = fx_district();
	fx_exec(db,
		"UPDATE communes SET transaction_day = 25;"
		"INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm)"
		" VALUES ('L0002', 2, 'CN', 10000000, '2024-01-15', '2027-01-15', 6240);");
	return db;
}

static const struct sheet_row *row_of(const struct sheet *s, const char *loan)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->rows[i].loan_code, loan) == 0)
			return &s->rows[i];
	return NULL;
}

START_TEST(test_due_and_arrears)
{
	sqlite3 *db = district();
	struct sheet s;
	struct tkvv_err err;
	ck_assert_int_eq(sheet_load(db, "TC01A01G01", "2024-04", &s, &err), 0);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_str_eq(s.paid_on, "2024-04-25");
	ck_assert_str_eq(s.leader_name, "Nguyễn Văn Đức");
	const struct sheet_row *r = row_of(&s, "L0001");
	ck_assert_ptr_nonnull(r);
	/* April on the principal of 1 April: 20,000,000 - 1,000,000. */
	ck_assert_int_eq(r->interest_due, 19000000LL * 5200 / 1000000);
	ck_assert_int_eq(r->interest, r->interest_due);
	/* February 2023 to March 2024 at 104,000, February 2024 partly paid. */
	ck_assert_int_eq(r->arrears, 14 * 104000LL - 86667);
	ck_assert_int_eq(r->principal_due, 0);
	ck_assert_int_eq(r->outstanding, 19000000);
	const struct sheet_row *r2 = row_of(&s, "L0002");
	ck_assert_int_eq(r2->interest_due, 62400);
	ck_assert_int_eq(r2->arrears, 2 * 62400);
	struct sheet_totals t;
	sheet_totals(&s, &t);
	ck_assert_int_eq(t.interest_due, 98800 + 62400);
	ck_assert_int_eq(t.arrears, r->arrears + r2->arrears);
	sheet_free(&s);
	/* The month the loan falls due: its principal. */
	ck_assert_int_eq(sheet_load(db, "TC01A01G01", "2026-01", &s, &err), 0);
	ck_assert_int_eq(row_of(&s, "L0001")->principal_due, 19000000);
	ck_assert_int_eq(row_of(&s, "L0002")->principal_due, 0);
	sheet_free(&s);
	/* A loan disbursed in the month is not on it yet. */
	ck_assert_int_eq(sheet_load(db, "TC01A01G01", "2024-01", &s, &err), 0);
	ck_assert_uint_eq(s.n, 1);
	sheet_free(&s);
	ck_assert_int_eq(sheet_load(db, "TC01A01G02", "2024-04", &s, &err), -1);
	ck_assert_int_eq(sheet_load(db, "TC01A01G01", "2024-13", &s, &err), -1);
	db_close(db);
}
END_TEST

START_TEST(test_save_and_paid_month)
{
	sqlite3 *db = district();
	struct sheet s;
	struct tkvv_err err;
	size_t count = 0;
	double rate, overdue;
	long long before = tu_int(db, "SELECT count(*) FROM payments");
	ck_assert_int_eq(sheet_load(db, "TC01A01G01", "2024-04", &s, &err), 0);
	ck_assert_int_eq(sheet_figures(db, &s, &rate, &overdue, &err), 0);
	ck_assert(rate == 0);
	s.rows[0].savings = 30000;
	ck_assert_int_eq(sheet_save(db, &s, &count, &err), 0);
	ck_assert_uint_eq(count, 3);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments"), before + 3);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments WHERE paid_on = '2024-04-25'"
				" AND kind = 'interest' AND period = '2024-04'"), 2);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'sheet'"
				" AND code = 'TC01A01G01'"), 1);
	ck_assert_int_eq(sheet_figures(db, &s, &rate, &overdue, &err), 0);
	ck_assert(rate == 1);
	ck_assert(overdue == 0);
	sheet_free(&s);
	/* Paid in full: 0 prefilled, and paying it again is refused. */
	ck_assert_int_eq(sheet_load(db, "TC01A01G01", "2024-04", &s, &err), 0);
	ck_assert(s.rows[0].month_paid);
	ck_assert_int_eq(s.rows[0].interest, 0);
	ck_assert_int_eq(s.rows[0].interest_due, 0);
	s.rows[0].interest = 1;
	ck_assert_int_eq(sheet_save(db, &s, &count, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "paid in full"));
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments"), before + 3);
	sheet_free(&s);
	db_close(db);
}
END_TEST

/* A sheet saved, loaded again and saved as it is (a second F2, the same
 * file imported twice) pays nothing twice: the principal and savings paid
 * in the month are not prefilled again, and more principal than is left
 * is refused. */
START_TEST(test_second_save_pays_nothing)
{
	sqlite3 *db = district();
	struct sheet s;
	struct tkvv_err err;
	size_t count = 0;
	ck_assert_int_eq(sheet_load(db, "TC01A01G01", "2026-01", &s, &err), 0);
	struct sheet_row *r = (struct sheet_row *)row_of(&s, "L0001");
	ck_assert_int_eq(r->principal, 19000000);
	r->principal = 4000000;
	r->savings = 50000;
	ck_assert_int_eq(sheet_save(db, &s, &count, &err), 0);
	long long after = tu_int(db, "SELECT count(*) FROM payments");
	sheet_free(&s);
	ck_assert_int_eq(sheet_load(db, "TC01A01G01", "2026-01", &s, &err), 0);
	r = (struct sheet_row *)row_of(&s, "L0001");
	ck_assert_int_eq(r->principal_paid, 4000000);
	ck_assert_int_eq(r->principal, 15000000);
	ck_assert_int_eq(r->savings, 0);
	ck_assert_int_eq(row_of(&s, "L0002")->interest, 0);
	r->principal = 15000001;
	ck_assert_int_eq(sheet_save(db, &s, &count, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "15000000"));
	r->principal = 0;
	ck_assert_int_eq(sheet_save(db, &s, &count, &err), 0);
	ck_assert_uint_eq(count, 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments"), after);
	sheet_free(&s);
	db_close(db);
}
END_TEST

START_TEST(test_refusals_leave_nothing)
{
	sqlite3 *db = district();
	struct sheet s;
	struct tkvv_err err;
	size_t count = 0;
	long long before = tu_int(db, "SELECT count(*) FROM payments");
	ck_assert_int_eq(sheet_load(db, "TC01A01G01", "2024-04", &s, &err), 0);
	s.rows[1].interest = s.rows[1].interest_due + 1;
	ck_assert_int_eq(sheet_save(db, &s, &count, &err), -1);
	s.rows[1].interest = s.rows[1].interest_due;
	s.rows[1].savings = -1;
	ck_assert_int_eq(sheet_save(db, &s, &count, &err), -1);
	s.rows[1].savings = 0;
	s.rows[1].principal = s.rows[1].outstanding + 1;
	ck_assert_int_eq(sheet_save(db, &s, &count, &err), -1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments"), before);
	/* A payment that cannot be written on the second row undoes the first. */
	s.rows[1].principal = 0;
	s.rows[1].savings = 10000;
	fx_exec(db, "INSERT INTO payments(loan_id, paid_on, kind, amount) VALUES (2, '2024-04-25', 'savings', 5000)");
	ck_assert_int_eq(sheet_save(db, &s, &count, &err), -1);
	ck_assert_uint_eq(count, 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments"), before + 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'sheet'"), 0);
	sheet_free(&s);
	db_close(db);
}
END_TEST

START_TEST(test_default_month)
{
	sqlite3 *db = district();
	char month[8];
	struct tkvv_err err;
	ck_assert_int_eq(sheet_default_month(db, "TC01A01G01", "2024-04-24", month, &err), 0);
	ck_assert_str_eq(month, "2024-03");
	ck_assert_int_eq(sheet_default_month(db, "TC01A01G01", "2024-04-25", month, &err), 0);
	ck_assert_str_eq(month, "2024-04");
	ck_assert_int_eq(sheet_default_month(db, "TC01A01G01", "2024-01-02", month, &err), 0);
	ck_assert_str_eq(month, "2023-12");
	db_close(db);
}
END_TEST

static Suite *sheet_suite(void)
{
	Suite *s = suite_create("sheet");
	TCase *tc = tcase_create("sheet");
	tcase_add_test(tc, test_due_and_arrears);
	tcase_add_test(tc, test_save_and_paid_month);
	tcase_add_test(tc, test_second_save_pays_nothing);
	tcase_add_test(tc, test_refusals_leave_nothing);
	tcase_add_test(tc, test_default_month);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(sheet_suite());
}
