/* The field rules (rules.h) on the examples, and the same rules on
 * import: one-line errors with file:line:col, nothing written, CCCDs unique
 * in the file and in the database, the loans' override column and the
 * programmes file. */
#include "config.h"

#include "testutil.h"
#include "tkvv/csvio.h"
#include "tkvv/rules.h"

#define TODAY "2026-01-15"

START_TEST(test_phone)
{
	char out[16], msg[RULES_MSG];
	ck_assert_int_eq(rules_phone("01234567890123456789", out, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "has 20 digits; a phone has 10");
	ck_assert_int_eq(rules_phone("0912", out, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "has 4 digits; a phone has 10");
	ck_assert_int_eq(rules_phone("+84 912 345 678", out, msg, sizeof msg), 0);
	ck_assert_str_eq(out, "0912345678");
	ck_assert_int_eq(rules_phone("+84 (0)912 345 678", out, msg, sizeof msg), -1);
	ck_assert_int_eq(rules_phone("+840912345678", out, msg, sizeof msg), 0);
	ck_assert_str_eq(out, "0912345678");
	ck_assert_int_eq(rules_phone("84912345678", out, msg, sizeof msg), 0);
	ck_assert_str_eq(out, "0912345678");
	ck_assert_int_eq(rules_phone("0912.345.678", out, msg, sizeof msg), 0);
	ck_assert_str_eq(out, "0912345678");
	ck_assert_int_eq(rules_phone("0912-345-678", out, msg, sizeof msg), 0);
	ck_assert_str_eq(out, "0912345678");
	ck_assert_int_eq(rules_phone("912345678", out, msg, sizeof msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "leading 0"));
	ck_assert_int_eq(rules_phone("9123456789", out, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "does not start with 0; a phone is 10 digits starting with 0");
	ck_assert_int_eq(rules_phone("+1 555 123 4567", out, msg, sizeof msg), -1);
	ck_assert_int_eq(rules_phone("0912 345 67x", out, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "is not a phone number (digits, spaces, dots, dashes, +84)");
}
END_TEST

START_TEST(test_national_id)
{
	char msg[RULES_MSG];
	ck_assert_int_eq(rules_national_id("084185000001", msg, sizeof msg), 0);
	ck_assert_int_eq(rules_national_id("12345", msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "has 5 digits; a CCCD has 12");
	ck_assert_int_eq(rules_national_id("84185000001", msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "has 11 digits; a CCCD has 12: the leading 0 was probably lost "
			 "in a spreadsheet (keep the column as text)");
	ck_assert_int_eq(rules_national_id("0841850000012", msg, sizeof msg), -1);
	ck_assert_int_eq(rules_national_id("08418500000A", msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "is not a CCCD number (12 digits)");
}
END_TEST

START_TEST(test_dates)
{
	char msg[RULES_MSG];
	ck_assert_int_eq(rules_not_future("2026-01-15", TODAY, msg, sizeof msg), 0);
	ck_assert_int_eq(rules_not_future("2019-12-31", TODAY, msg, sizeof msg), 0);
	ck_assert_int_eq(rules_not_future("2030-01-01", TODAY, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "is after today (15/01/2026)");
	ck_assert_int_eq(rules_not_future("2026-01-16", TODAY, msg, sizeof msg), -1);
}
END_TEST

/* The programmes come from the table: change it and the rules follow. */
START_TEST(test_programs)
{
	sqlite3 *db = tu_memdb();
	struct rules_program p;
	struct tkvv_err err;
	char msg[RULES_MSG];
	ck_assert_int_eq(rules_program_get(db, "HN", &p, &err), 1);
	ck_assert_int_eq(p.ceiling, 100000000);
	ck_assert_int_eq(p.rate_ppm, 5200);
	ck_assert_int_eq(rules_loan_amount("HN", &p, 100000000, msg, sizeof msg), 0);
	ck_assert_int_eq(rules_loan_amount("HN", &p, 150000000, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "is above the ceiling of HN (100.000.000)");
	ck_assert_int_eq(rules_loan_rate("HN", &p, 5200, msg, sizeof msg), 0);
	ck_assert_int_eq(rules_loan_rate("HN", &p, 5500, msg, sizeof msg), 0);
	ck_assert_int_eq(rules_loan_rate("HN", &p, 520000, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "is far from the rate of HN (0.52 %/month, within 25 %)");
	ck_assert_int_eq(rules_loan_rate("HN", &p, 3000, msg, sizeof msg), -1);
	ck_assert_int_eq(rules_program_get(db, "XX", &p, &err), 0);
	ck_assert_int_eq(sqlite3_exec(db, "UPDATE programs SET ceiling = 200000000, rate_ppm = 6000, "
				      "rate_tolerance_pct = 5 WHERE code = 'HN'", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(rules_program_get(db, "HN", &p, &err), 1);
	ck_assert_int_eq(rules_loan_amount("HN", &p, 150000000, msg, sizeof msg), 0);
	ck_assert_int_eq(rules_loan_rate("HN", &p, 5200, msg, sizeof msg), -1);
	db_close(db);
}
END_TEST

/* Every row of the tables an import writes, to compare before and after. */
static char *dump(sqlite3 *db)
{
	static const char *const sql[] = {
		"SELECT group_concat(quote(code) || national_id || phone, ';') FROM members",
		"SELECT group_concat(code || amount || rate_ppm || override, ';') FROM loans",
		"SELECT group_concat(loan_id || paid_on || amount, ';') FROM payments",
		"SELECT group_concat(code || ceiling || rate_ppm || rate_tolerance_pct, ';') FROM programs",
		"SELECT count(*) FROM memberships", "SELECT count(*) FROM audit",
	};
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < ARRAY_LEN(sql); i++) {
		sqlite3_stmt *st;
		ck_assert_int_eq(sqlite3_prepare_v2(db, sql[i], -1, &st, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		const char *v = (const char *)sqlite3_column_text(st, 0);
		sb_addf(&sb, "%s\n", v ? v : "");
		sqlite3_finalize(st);
	}
	return sb_detach(&sb);
}

/* Import TEXT as KIND: 0 (and COUNTS) when it passes; else the error must
 * be exactly the file's path then SUFFIX, with nothing written. */
static void import_text(sqlite3 *db, enum csvio_kind kind, const char *dir, const char *text,
			const char *suffix, struct csvio_counts *counts)
{
	char *path = tu_write(dir, "in.csv", text);
	char *before = dump(db);
	struct csvio_counts c;
	struct tkvv_err err;
	err_clear(&err);
	int rc = csvio_import(db, kind, path, TODAY, counts ? counts : &c, &err);
	if (!suffix) {
		ck_assert_msg(rc == 0, "%s", err.msg);
	} else {
		char *want = xasprintf("%s%s", path, suffix);
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(err.msg, want);
		char *after = dump(db);
		ck_assert_str_eq(before, after);
		free(after);
		free(want);
	}
	free(before);
	free(path);
}


/* The two-commune fixture's communes, hamlets and groups, and its members. */
static sqlite3 *fixture_db(int members)
{
	static const char *const kinds[] = {"communes", "hamlets", "groups", "members", "loans"};
	sqlite3 *db = tu_memdb();
	const char *top = getenv("top_srcdir");
	for (size_t i = 0; i < (members ? ARRAY_LEN(kinds) : 3); i++) {
		char *path = xasprintf("%s/tests/data/%s.csv", top ? top : ".", kinds[i]);
		struct csvio_counts counts;
		struct tkvv_err err;
		ck_assert_msg(csvio_import(db, (enum csvio_kind)csvio_kind_by_name(kinds[i]), path,
					   TODAY, &counts, &err) == 0, "%s", err.msg);
		free(path);
	}
	return db;
}

#define MEMBERS "member_code,full_name,hamlet_code,group_code,national_id,phone,joined_on\n"

START_TEST(test_import_members)
{
	sqlite3 *db = fixture_db(1);
	char *dir = tu_tmpdir();
	import_text(db, CSVIO_MEMBERS, dir, MEMBERS "M0100,A,X01A01,X01A01T01,084185000100,"
		    "01234567890123456789,\n", ":2:6: phone '01234567890123456789' has 20 digits; "
		    "a phone has 10", NULL);
	import_text(db, CSVIO_MEMBERS, dir, MEMBERS "M0100,A,X01A01,X01A01T01,084185000100,0912,\n",
		    ":2:6: phone '0912' has 4 digits; a phone has 10", NULL);
	import_text(db, CSVIO_MEMBERS, dir, MEMBERS "M0100,A,X01A01,X01A01T01,12345,,\n",
		    ":2:5: national_id '12345' has 5 digits; a CCCD has 12", NULL);
	import_text(db, CSVIO_MEMBERS, dir, MEMBERS "M0100,A,X01A01,X01A01T01,84185000100,,\n",
		    ":2:5: national_id '84185000100' has 11 digits; a CCCD has 12: the leading 0 "
		    "was probably lost in a spreadsheet (keep the column as text)", NULL);
	import_text(db, CSVIO_MEMBERS, dir, MEMBERS "M0100,A,X01A01,X01A01T01,,,16/01/2026\n",
		    ":2:7: joined_on 2026-01-16 is after today (15/01/2026)", NULL);
	/* M0002 has 089185000002: another member may not take it, in the file
	 * or in the database. */
	import_text(db, CSVIO_MEMBERS, dir, MEMBERS "M0100,A,X01A01,X01A01T01,084185000100,,\n"
		    "M0101,B,X01A01,X01A01T01,084185000100,,\n",
		    ":3:5: national_id '084185000100' is also on line 2 of the file; each member "
		    "has her own CCCD", NULL);
	import_text(db, CSVIO_MEMBERS, dir, MEMBERS "M0100,A,X01A01,X01A01T01,084185000100,,\n"
		    "M0101,B,X01A01,X01A01T01,089185000002,,\n",
		    ":3:5: national_id '089185000002' is already the CCCD of member M0002", NULL);
	/* A member keeps her own CCCD; two members may swap theirs in one file;
	 * phones are stored as their 10 digits. */
	struct csvio_counts counts;
	import_text(db, CSVIO_MEMBERS, dir, MEMBERS "M0002,Trần Văn Bình,X01A01,X01A01T01,089185000002,"
		    "+84 912 345 002,2015-03-10\nM0100,A,X01A01,X01A01T01,084185000100,0912.345.100,\n",
		    NULL, &counts);
	ck_assert_int_eq(counts.added, 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE phone = '0912345100' "
				"AND phone_digits = '0912345100'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE code = 'M0002' AND phone = "
				"'0912345002'"), 1);
	import_text(db, CSVIO_MEMBERS, dir, MEMBERS "M0002,Trần Văn Bình,X01A01,X01A01T01,084185000100,"
		    ",\nM0100,A,X01A01,X01A01T01,089185000002,,\n", NULL, &counts);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE code = 'M0100' AND "
				"national_id = '089185000002'"), 1);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

#define LOANS "loan_code,member_code,program_code,amount,disbursed_on,due_on,rate_pct_month"

START_TEST(test_import_loans)
{
	sqlite3 *db = fixture_db(1);
	char *dir = tu_tmpdir();
	import_text(db, CSVIO_LOANS, dir, LOANS "\nL0100,M0005,HN,150.000.000,2025-06-01,2028-06-01,0.52\n",
		    ":2:4: amount 150.000.000 is above the ceiling of HN (100.000.000); "
		    "if it is intended, say so in an override column (yes)", NULL);
	import_text(db, CSVIO_LOANS, dir, LOANS "\nL0100,M0005,HN,50.000.000,2025-06-01,2028-06-01,52\n",
		    ":2:7: rate_pct_month 52 is far from the rate of HN (0.52 %/month, "
		    "within 25 %); if it is intended, say so in an override column (yes)", NULL);
	import_text(db, CSVIO_LOANS, dir, LOANS "\nL0100,M0005,HN,50.000.000,2026-02-01,2028-06-01,0.52\n",
		    ":2:5: disbursed_on 2026-02-01 is after today (15/01/2026)", NULL);
	import_text(db, CSVIO_LOANS, dir, LOANS ",override\nL0100,M0005,HN,150.000.000,2025-06-01,"
		    "2028-06-01,0.52,maybe\n", ":2:8: override 'maybe' is not one of yes|1|no|0", NULL);
	import_text(db, CSVIO_LOANS, dir, LOANS ",override\nL0100,M0005,HN,150.000.000,2025-06-01,"
		    "2028-06-01,0.52,no\n", ":2:4: amount 150.000.000 is above the ceiling of "
		    "HN (100.000.000); if it is intended, say so in an override column (yes)", NULL);
	/* Intended: saved, marked, exported with the mark and re-imported unchanged. */
	struct csvio_counts counts;
	import_text(db, CSVIO_LOANS, dir, LOANS ",override\nL0100,M0005,HN,150.000.000,2025-06-01,"
		    "2028-06-01,0.52,yes\nL0101,M0005,HN,20.000.000,2025-06-01,2028-06-01,5,1\n", NULL, &counts);
	ck_assert_int_eq(counts.added, 2);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM loans WHERE override = 1"), 2);
	import_text(db, CSVIO_LOANS, dir, LOANS ",override\nL0100,M0005,HN,150000000,2025-06-01,"
		    "2028-06-01,0.52,yes\n", NULL, &counts);
	ck_assert_int_eq(counts.unchanged, 1);
	char *buf = NULL;
	size_t len = 0;
	struct tkvv_err err;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(csvio_export(db, CSVIO_LOANS, CSVIO_CSV, TODAY, f, &err), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "\nL0100,M0005,HN,150000000,2025-06-01,2028-06-01,0.52,,"
				     "150000000,normal,yes\n"));
	free(buf);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_import_payments_and_programs)
{
	sqlite3 *db = fixture_db(1);
	char *dir = tu_tmpdir();
	import_text(db, CSVIO_PAYMENTS, dir, "loan_code,paid_on,kind,amount,period\n"
		    "L0001,2026-01-10,interest,1000,2026-01\nL0001,01/01/2030,interest,1000,2029-12\n",
		    ":3:2: paid_on 2030-01-01 is after today (15/01/2026)", NULL);
	/* The officer raises HN's ceiling: the loan that was refused passes. */
	const char *header = "program_code,name,name_en,ceiling,rate_pct_month\n";
	char *text = xasprintf("%sHN,Hộ nghèo,Poor households,160.000.000,0.52\n", header);
	struct csvio_counts counts;
	import_text(db, CSVIO_PROGRAMS, dir, text, NULL, &counts);
	ck_assert_int_eq(counts.updated, 1);
	free(text);
	import_text(db, CSVIO_LOANS, dir, LOANS "\nL0100,M0005,HN,150.000.000,2025-06-01,2028-06-01,0.52\n",
		    NULL, &counts);
	ck_assert_int_eq(counts.added, 1);
	text = xasprintf("%sHN,Hộ nghèo,Poor households,160.000.000,0.52\nXK,Xuất khẩu lao động,,"
			 "1.5,0.65\n", header);
	import_text(db, CSVIO_PROGRAMS, dir, text, ":3:4: ceiling '1.5' is not a whole amount "
		    "of VND (digits, 1.500.000 or 1 500 000)", NULL);
	free(text);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, test_phone);
	tcase_add_test(tc, test_national_id);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_programs);
	tcase_add_test(tc, test_import_members);
	tcase_add_test(tc, test_import_loans);
	tcase_add_test(tc, test_import_payments_and_programs);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
