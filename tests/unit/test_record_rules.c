/* The field rules in the forms' records: phones normalised, CCCDs of 12
 * digits that no other member has, no event after today, and a loan above
 * its programme's ceiling or far from its rate saved only when confirmed. */
#include "config.h"

#include "fixture.h"
#include "../../src/tui/records.h"

#define TODAY "2026-11-26"

/* A fresh district with the SQL functions the forms use. */
static sqlite3 *district(void)
{
	sqlite3 *db = fx_district();
	ck_assert_int_eq(records_sql_functions(db), 0);
	return db;
}

START_TEST(test_member_phone_and_cccd)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	ck_assert_int_eq(record_open(&r, db, REC_MEMBER, 2, NULL, &err), 0);
	record_set(&r, 4, "01234567890123456789");
	ck_assert_int_eq(record_check_field(&r, db, 4, TODAY), -1);
	ck_assert_str_eq(r.error[4], "01234567890123456789 has 20 digits; a phone has 10");
	record_set(&r, 4, "+84 987 654 321");
	ck_assert_int_eq(record_check_field(&r, db, 4, TODAY), 0);
	ck_assert_str_eq(r.value[4], "0987654321");
	record_set(&r, 5, "79123456789");
	ck_assert_int_eq(record_check_field(&r, db, 5, TODAY), -1);
	ck_assert_ptr_nonnull(strstr(r.error[5], "has 11 digits; a CCCD has 12: the leading 0"));
	/* TC01A01M0001 holds 079123456789; TC01A01M0003 keeps her own. */
	record_set(&r, 5, "079123456789");
	ck_assert_int_eq(record_check_field(&r, db, 5, TODAY), -1);
	ck_assert_str_eq(r.error[5], "079123456789 is already the CCCD of another member");
	record_set(&r, 7, "27/11/2026");
	ck_assert_int_eq(record_check_field(&r, db, 7, TODAY), -1);
	ck_assert_str_eq(r.error[7], "27/11/2026 is after today (26/11/2026)");
	record_free(&r);
	ck_assert_int_eq(record_open(&r, db, REC_MEMBER, 3, NULL, &err), 0);
	ck_assert_int_eq(record_check(&r, db, TODAY), -1);
	record_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_loan_needs_confirmation)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	char q[512];
	ck_assert_int_eq(record_open(&r, db, REC_LOAN, 1, NULL, &err), 0);
	ck_assert_int_eq(record_needs_confirm(&r, db, q, sizeof q), 0);
	record_set(&r, 3, "150.000.000");
	ck_assert_int_eq(record_needs_confirm(&r, db, q, sizeof q), 1);
	ck_assert_str_eq(q, "Save anyway (y/n)? Amount: 150.000.000 is above the ceiling of HN "
			 "(100.000.000)");
	err_clear(&err);
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), -1);
	ck_assert_int_eq(tu_int(db, "SELECT amount FROM loans WHERE id = 1"), 20000000);
	r.override = 1;
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT amount * 10 + override FROM loans WHERE id = 1"), 1500000001);
	/* Back within the rules: the mark goes. */
	record_set(&r, 3, "20.000.000");
	record_set(&r, 6, "52");
	ck_assert_int_eq(record_needs_confirm(&r, db, q, sizeof q), 1);
	ck_assert_ptr_nonnull(strstr(q, "52 is far from the rate of HN"));
	record_set(&r, 6, "0,52");
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT override FROM loans WHERE id = 1"), 0);
	record_free(&r);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("record_rules");
	TCase *tc = tcase_create("record_rules");
	tcase_add_test(tc, test_member_phone_and_cccd);
	tcase_add_test(tc, test_loan_needs_confirmation);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
