/* The integrity check: a valid district has no problem, and breaking each
 * rule with raw SQL makes that rule report the expected line. */
#include "config.h"

#include "fixture.h"
#include "tkvv/check.h"

static const struct check_options options = {3, 10, 0, 50};

/* One way to break one rule, and a piece of the line it must report. */
static const struct breakage {
	const char *rule;
	const char *sql;
	const char *expect;
} breakages[] = {
	{"sqlite",
	 "PRAGMA writable_schema = ON;"
	 "UPDATE sqlite_schema SET sql = 'CREATE INDEX members_sort ON members(code)' "
	 "WHERE name = 'members_sort';"
	 "PRAGMA writable_schema = OFF;",
	 "SQLite reports: row 1 missing from index members_sort"},
	{"foreign-keys", "PRAGMA foreign_keys = OFF; UPDATE payments SET loan_id = 99 WHERE id = 1",
	 "payments row 1 refers to a missing row of loans"},
	{"search-index",
	 "INSERT INTO member_search(member_search, rowid, name_folded, code, national_id, phone_digits) "
	 "SELECT 'delete', id, name_folded, code, national_id, phone_digits FROM members WHERE id = 2",
	 "the search index does not match the members"},
	{"group-hamlet", "UPDATE members SET hamlet_id = 2 WHERE code = 'TC01A01M0003'",
	 "member TC01A01M0003: group TC01A01G01 is in hamlet TC01A01, not TC01A02"},
	{"group-board", "UPDATE groups SET deputy_code = 'TC01A02M0002' WHERE code = 'TC01A01G01'",
	 "group TC01A01G01: deputy TC01A02M0002 is a member of group TC01A02G01"},
	{"group-board", "UPDATE groups SET leader_code = 'TC09A01M0001' WHERE code = 'TC01A02G01'",
	 "group TC01A02G01: leader TC09A01M0001 is not a member"},
	{"group-board",
	 "PRAGMA ignore_check_constraints = ON;"
	 "UPDATE groups SET deputy_code = leader_code WHERE code = 'TC01A01G01'",
	 "group TC01A01G01: TC01A01M0001 is both leader and deputy"},
	{"merged-groups", "UPDATE groups SET merged_into = 4 WHERE code = 'TC01A01G02'",
	 "group TC01A01G02: merged into TC01A02G02, which is dissolved"},
	{"closed-groups",
	 "UPDATE members SET group_id = 4 WHERE code = 'TC01A02M0003';"
	 "UPDATE memberships SET group_id = 4 WHERE member_id = 6",
	 "member TC01A02M0003: group TC01A02G02 is dissolved"},
	{"codes",
	 "UPDATE members SET code = 'tc01a01m0001' WHERE code = 'TC01A02M0003';"
	 "UPDATE groups SET code = 'Tc01A02g01' WHERE code = 'TC01A02G02'",
	 "member codes "},
	{"amounts", "PRAGMA ignore_check_constraints = ON; UPDATE loans SET amount = -5",
	 "loan L0001: amount -5 is negative"},
	{"amounts", "PRAGMA ignore_check_constraints = ON; UPDATE payments SET amount = -7 WHERE kind = 'interest'",
	 "loan L0001: interest payment of -7 on 2024-03-05 is negative"},
	{"loan-dates", "PRAGMA ignore_check_constraints = ON; UPDATE loans SET extended_to = '2025-01-01'",
	 "loan L0001: extended to 2025-01-01, before its due date 2026-01-10"},
	{"loan-dates", "PRAGMA ignore_check_constraints = ON; UPDATE loans SET due_on = '2022-12-31'",
	 "loan L0001: due on 2022-12-31, before it was disbursed on 2023-01-10"},
	{"dates", "UPDATE members SET joined_on = '2023-02-29' WHERE code = 'TC01A01M0002'",
	 "member TC01A01M0002: joined_on '2023-02-29' is not a date"},
	{"dates", "UPDATE payments SET paid_on = '5/3/2024' WHERE kind = 'savings'",
	 "loan L0001: paid_on '5/3/2024' is not a date"},
	{"periods", "UPDATE payments SET period = '2024-13' WHERE kind = 'interest'",
	 "loan L0001: payment on 2024-03-05 has period '2024-13'"},
	{"interest-periods",
	 "PRAGMA ignore_check_constraints = ON; UPDATE payments SET period = NULL WHERE kind = 'interest'",
	 "loan L0001: interest payment on 2024-03-05 has no period"},
	{"open-membership", "DELETE FROM memberships WHERE member_id = 2",
	 "member TC01A01M0002: no open membership"},
	{"open-membership", "UPDATE memberships SET group_id = 3 WHERE member_id = 2",
	 "member TC01A01M0002: the open membership is in group TC01A01G02, not TC01A01G01"},
	{"membership-overlap",
	 "INSERT INTO memberships(member_id, group_id, from_on, to_on) VALUES (1, 3, '2018-05-01', '2020-02-01')",
	 "member TC01A01M0001: membership of group TC01A01G01 from 2020-01-01 overlaps that of "
	 "group TC01A01G02 from 2018-05-01"},
	{"member-text", "UPDATE members SET name_folded = 'nguyen van duc x' WHERE id = 1",
	 "member TC01A01M0001: name_folded is 'nguyen van duc x', should be 'nguyen van duc'"},
	{"member-text", "UPDATE members SET full_name = 'Tra\xcc\x80n Thi\xcc\xa3 Hoa' WHERE id = 2",
	 "member TC01A01M0002: full name is not in Unicode NFC"},
	{"member-text", "UPDATE members SET sort_key = x'00' WHERE id = 3",
	 "member TC01A01M0003: sort_key does not match the full name"},
	{"member-text", "UPDATE members SET phone = '0912 000 111' WHERE id = 1",
	 "member TC01A01M0001: phone_digits is '0912345678', should be '0912000111'"},
	{"national-ids", "UPDATE members SET national_id = '79123456789' WHERE id = 1",
	 "member TC01A01M0001: national_id '79123456789' has 11 digits; a CCCD has 12"},
	{"national-ids", "UPDATE members SET national_id = '079123456789' WHERE id = 2",
	 "national ID 079123456789 is shared by members TC01A01M0001, TC01A01M0002"},
	{"phones", "UPDATE members SET phone = '0912', phone_digits = '0912' WHERE id = 1",
	 "member TC01A01M0001: phone '0912' has 4 digits; a phone has 10"},
	{"loan-programs", "UPDATE loans SET amount = 150000000",
	 "loan L0001: amount 150000000 is above the ceiling of HN (100.000.000)"},
	{"loan-programs", "UPDATE loans SET rate_ppm = 520000",
	 "loan L0001: rate 52 %/month is far from the rate of HN (0.52 %/month, within 25 %)"},
	{"future-dates", "UPDATE payments SET paid_on = '2130-01-01' WHERE kind = 'savings'",
	 "loan L0001: payment on 2130-01-01 is after today"},
	{"group-size", "DELETE FROM members WHERE code = 'TC01A02M0003'",
	 "group TC01A02G01: 2 members, fewer than 3"},
};

/* Collect the report as "rule: line" lines. */
static void collect(void *ctx, const struct check_problem *p)
{
	sb_addf(ctx, "%s: %s\n", p->rule, p->line);
}

/* Run the check on DB; return the number of problems and the report in OUT. */
static long run_check(sqlite3 *db, const struct check_options *opt, struct strbuf *out)
{
	struct tkvv_err err;
	err_clear(&err);
	sb_reset(out);
	long n = check_run(db, opt, collect, out, &err);
	ck_assert_msg(n >= 0, "%s", err.msg);
	ck_assert_int_eq(sqlite3_get_autocommit(db), 1);
	return n;
}

START_TEST(test_valid_district)
{
	sqlite3 *db = fx_district();
	struct strbuf out;
	sb_init(&out);
	long n = run_check(db, &options, &out);
	ck_assert_msg(n == 0, "%s", out.buf);
	sb_free(&out);
	db_close(db);
}
END_TEST

/* A loan above its programme's ceiling marked as intended is no problem. */
START_TEST(test_intended_loan)
{
	sqlite3 *db = fx_district();
	struct strbuf out;
	sb_init(&out);
	fx_exec(db, "UPDATE loans SET amount = 150000000, rate_ppm = 520000, override = 1");
	long n = run_check(db, &options, &out);
	ck_assert_msg(n == 0, "%s", out.buf);
	sb_free(&out);
	db_close(db);
}
END_TEST

START_TEST(test_each_rule_reports)
{
	const struct breakage *b = &breakages[_i];
	sqlite3 *db = fx_district();
	struct strbuf out;
	sb_init(&out);
	ck_assert_int_eq(run_check(db, &options, &out), 0);
	fx_exec(db, b->sql);
	/* The file is re-read after a schema edit. */
	fx_exec(db, "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF");
	if (strcmp(b->rule, "sqlite") == 0)
		fx_exec(db, "PRAGMA schema_version = 1000");
	ck_assert_int_gt(run_check(db, &options, &out), 0);
	char *want = xasprintf("%s: %s", b->rule, b->expect);
	ck_assert_msg(strstr(out.buf, want), "no '%s' in:\n%s", want, out.buf);
	free(want);
	sb_free(&out);
	db_close(db);
}
END_TEST

START_TEST(test_every_rule_has_a_breakage)
{
	for (size_t i = 0; i < check_rule_count(); i++) {
		int found = 0;
		for (size_t k = 0; k < ARRAY_LEN(breakages); k++)
			found |= strcmp(breakages[k].rule, check_rule_name(i)) == 0;
		ck_assert_msg(found, "rule %s is not tested", check_rule_name(i));
	}
}
END_TEST

START_TEST(test_group_size_bounds_and_cap)
{
	sqlite3 *db = fx_district();
	struct strbuf out;
	sb_init(&out);
	struct check_options big = {4, 10, 0, 50};
	ck_assert_int_eq(run_check(db, &big, &out), 2);
	ck_assert_ptr_nonnull(strstr(out.buf, "group-size: group TC01A01G01: 3 members, fewer than 4\n"));
	struct check_options small = {1, 2, 0, 1};
	ck_assert_int_eq(run_check(db, &small, &out), 2);
	ck_assert_str_eq(out.buf, "group-size: group TC01A01G01: 3 members, more than 2\n"
				  "group-size: ... and 1 more\n");
	sb_free(&out);
	db_close(db);
}
END_TEST

START_TEST(test_shared_hamlet_allowed_when_configured)
{
	sqlite3 *db = fx_district();
	struct strbuf out;
	sb_init(&out);
	fx_exec(db, "UPDATE members SET hamlet_id = 2 WHERE code = 'TC01A01M0003'");
	ck_assert_int_eq(run_check(db, &options, &out), 1);
	struct check_options shared = options;
	shared.share_small_hamlets = 1;
	ck_assert_int_eq(run_check(db, &shared, &out), 0);
	sb_free(&out);
	db_close(db);
}
END_TEST

static Suite *check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, test_valid_district);
	tcase_add_test(tc, test_intended_loan);
	tcase_add_loop_test(tc, test_each_rule_reports, 0, (int)ARRAY_LEN(breakages));
	tcase_add_test(tc, test_every_rule_has_a_breakage);
	tcase_add_test(tc, test_group_size_bounds_and_cap);
	tcase_add_test(tc, test_shared_hamlet_allowed_when_configured);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(check_suite());
}
