/* Import and export: every error names file:line:column and writes nothing,
 * re-imports change nothing, and export -> import -> export is identical. */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>

#include "testutil.h"
#include "tkvv/csvio.h"

#define TODAY "2026-01-15"

/* The fixture folder, tests/data. */
static char *data_path(const char *name)
{
	const char *top = getenv("top_srcdir");
	return xasprintf("%s/tests/data/%s", top ? top : ".", name);
}

/* Import every fixture file into DB, in dependency order. */
static void load_fixture(sqlite3 *db)
{
	for (int k = 0; k < CSVIO_KIND_COUNT; k++) {
		char *name = xasprintf("%s.csv", csvio_kind_name((enum csvio_kind)k));
		char *path = data_path(name);
		struct csvio_counts counts;
		struct tkvv_err err;
		err_clear(&err);
		ck_assert_msg(csvio_import(db, (enum csvio_kind)k, path, TODAY, &counts, &err) == 0,
			      "%s", err.msg);
		ck_assert_int_gt(counts.added, 0);
		free(name);
		free(path);
	}
}

/* Every row of every table (the search index's own tables too) as text, to
 * compare a database before and after. */
static char *dump(sqlite3 *db)
{
	struct strbuf sb;
	sqlite3_stmt *tables;
	sb_init(&sb);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = "
					    "'table' ORDER BY name", -1, &tables, NULL), SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char *sql = xasprintf("SELECT * FROM \"%s\" ORDER BY 1",
				      (const char *)sqlite3_column_text(tables, 0));
		sqlite3_stmt *st;
		ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		sb_addf(&sb, "%s\n", sql);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_blob(st, c);
				int n = sqlite3_column_bytes(st, c);
				sb_addc(&sb, '|');
				for (int i = 0; v && i < n; i++)
					sb_addf(&sb, "%02x", v[i]);
				if (sqlite3_column_type(st, c) == SQLITE_NULL)
					sb_adds(&sb, "<null>");
			}
			sb_addc(&sb, '\n');
		}
		sqlite3_finalize(st);
		free(sql);
	}
	sqlite3_finalize(tables);
	return sb_detach(&sb);
}

/* Import TEXT as KIND from DIR/in.csv: it must fail with exactly
 * "DIR/in.csv" SUFFIX and leave every table as it was. */
static void expect_fail(sqlite3 *db, enum csvio_kind kind, const char *dir, const char *text,
			const char *suffix)
{
	char *path = tu_write(dir, "in.csv", text);
	char *want = xasprintf("%s%s", path, suffix);
	char *before = dump(db);
	struct csvio_counts counts;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(csvio_import(db, kind, path, TODAY, &counts, &err), -1);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, TKVV_EFAIL);
	char *after = dump(db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(want);
	free(path);
}

#define MEMBERS_HEADER "member_code,full_name,hamlet_code,group_code\n"

START_TEST(test_reader_and_header_errors)
{
	sqlite3 *db = tu_memdb();
	char *dir = tu_tmpdir();
	load_fixture(db);
	expect_fail(db, CSVIO_MEMBERS, dir, MEMBERS_HEADER "M0100,L\xEA,X01A01,X01A01T01\n",
		    ":2:2: not valid UTF-8 text; legacy TCVN3/VNI files must be converted to "
		    "UTF-8 first (e.g. with iconv or Unikey)");
	expect_fail(db, CSVIO_MEMBERS, dir, "member_code,full_name,group_code\nM1,A,X01A01T01\n",
		    ":1: missing required column 'hamlet_code'");
	expect_fail(db, CSVIO_MEMBERS, dir, "member_code,full_name,nickname,hamlet_code,group_code\n",
		    ":1:3: unknown column 'nickname' in a members file");
	expect_fail(db, CSVIO_MEMBERS, dir, "", ":1:1: the file is empty (a header row and data "
		    "rows were expected)");
	expect_fail(db, CSVIO_MEMBERS, dir, MEMBERS_HEADER, ":2:1: only a header row, no data rows");
	expect_fail(db, CSVIO_MEMBERS, dir, MEMBERS_HEADER "M0100,A,X01A01,X01A01T01\nM0101,B,X01A01,X01A01T01,9\n",
		    ":3:5: 5 fields, but the header has 4 columns");
	expect_fail(db, CSVIO_MEMBERS, dir, MEMBERS_HEADER "M0100,\"A,X01A01,X01A01T01\n",
		    ":2:2: a quote opened in this field is never closed");
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_nul_and_long_field)
{
	sqlite3 *db = tu_memdb();
	char *dir = tu_tmpdir();
	load_fixture(db);
	char *path = xasprintf("%s/nul.csv", dir);
	FILE *f = fopen(path, "wb");
	fwrite(MEMBERS_HEADER "M0100,A\0B,X01A01,X01A01T01\n", 1, sizeof MEMBERS_HEADER + 26, f);
	fclose(f);
	struct csvio_counts counts;
	struct tkvv_err err;
	ck_assert_int_eq(csvio_import(db, CSVIO_MEMBERS, path, TODAY, &counts, &err), -1);
	char *want = xasprintf("%s:2:2: NUL byte in the field: this is not a CSV text file", path);
	ck_assert_str_eq(err.msg, want);
	free(want);
	free(path);
	char text[1200] = MEMBERS_HEADER "M0100,X01A01,X01A01T01,";
	size_t n = strlen(text);
	memset(text + n, 'a', 1001);
	text[n + 1001] = '\0';
	/* The long value is the fourth field: group_code. */
	expect_fail(db, CSVIO_MEMBERS, dir, text, ":2:4: field longer than 1000 bytes");
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_value_and_reference_errors)
{
	sqlite3 *db = tu_memdb();
	char *dir = tu_tmpdir();
	load_fixture(db);
	expect_fail(db, CSVIO_MEMBERS, dir, MEMBERS_HEADER "M0100,A,X99A01,X01A01T01\n",
		    ":2:3: hamlet_code 'X99A01' does not exist");
	expect_fail(db, CSVIO_MEMBERS, dir, MEMBERS_HEADER "M0100,A,X01A01,X01A01T01\n"
		    "M0101,B,X01A01,X01A01T01\nM0100,C,X01A01,X01A01T01\n",
		    ":4:1: member_code 'M0100' appears twice in the file, on lines 2 and 4");
	expect_fail(db, CSVIO_MEMBERS, dir, MEMBERS_HEADER "M0100,A,X01A01,X02A01T01\n",
		    ":2:4: group_code 'X02A01T01' is not in hamlet 'X01A01'");
	expect_fail(db, CSVIO_MEMBERS, dir, MEMBERS_HEADER "M0100,,X01A01,X01A01T01\n",
		    ":2:2: full_name is empty");
	expect_fail(db, CSVIO_MEMBERS, dir, "member_code,full_name,hamlet_code,group_code,joined_on\n"
		    "M0100,A,X01A01,X01A01T01,31/02/2024\n",
		    ":2:5: joined_on '31/02/2024' is not a real date");
	expect_fail(db, CSVIO_MEMBERS, dir, "member_code,full_name,hamlet_code,group_code,category\n"
		    "M0100,A,X01A01,X01A01T01,rich\n",
		    ":2:5: category 'rich' is not one of ngheo|can_ngheo|moi_thoat_ngheo|khac");
	expect_fail(db, CSVIO_MEMBERS, dir, "member_code,full_name,hamlet_code,group_code,lat\n"
		    "M0100,A,X01A01,X01A01T01,10.5\n", ":2:5: lat and lon must be given together");
	const char *loans = "loan_code,member_code,program_code,amount,disbursed_on,due_on,rate_pct_month\n";
	char *text = xasprintf("%sL0100,M0001,HN,-5,2024-01-01,2025-01-01,0.52\n", loans);
	expect_fail(db, CSVIO_LOANS, dir, text,
		    ":2:4: amount '-5' is negative; amounts are never negative here");
	free(text);
	text = xasprintf("%sL0100,M0001,HN,abc,2024-01-01,2025-01-01,0.52\n", loans);
	expect_fail(db, CSVIO_LOANS, dir, text, ":2:4: amount 'abc' is not a whole amount of VND "
		    "(digits, 1.500.000 or 1 500 000)");
	free(text);
	text = xasprintf("%sL0100,M0001,HN,5000000,31/02/2024,2025-01-01,0.52\n", loans);
	expect_fail(db, CSVIO_LOANS, dir, text, ":2:5: disbursed_on '31/02/2024' is not a real date");
	free(text);
	text = xasprintf("%sL0100,M0001,HN,5000000,2024-01-01,2023-01-01,0.52\n", loans);
	expect_fail(db, CSVIO_LOANS, dir, text, ":2:6: due_on 2023-01-01 is before disbursed_on 2024-01-01");
	free(text);
	text = xasprintf("%sL0100,M0001,XX,5000000,2024-01-01,2025-01-01,0.52\n", loans);
	expect_fail(db, CSVIO_LOANS, dir, text, ":2:3: program_code 'XX' does not exist");
	free(text);
	text = xasprintf("%sL0100,M0001,HN,5000000,2024-01-01,2025-01-01,0.52345\n", loans);
	expect_fail(db, CSVIO_LOANS, dir, text, ":2:7: rate_pct_month '0.52345' has more than 4 decimals");
	free(text);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_group_and_payment_rules)
{
	sqlite3 *db = tu_memdb();
	char *dir = tu_tmpdir();
	load_fixture(db);
	expect_fail(db, CSVIO_GROUPS, dir, "group_code,hamlet_code,org_code,leader_member_code\n"
		    "X01A01T02,X01A01,PN,M0001\n",
		    ":2:4: leader_member_code 'M0001' is not a member of group 'X01A01T02'");
	expect_fail(db, CSVIO_GROUPS, dir, "group_code,hamlet_code,org_code,leader_member_code,"
		    "deputy_member_code\nX01A01T02,X01A01,PN,M0100,M0100\n",
		    ":2:5: deputy_member_code 'M0100' is also the leader");
	expect_fail(db, CSVIO_GROUPS, dir, "group_code,hamlet_code,org_code\nX01A01T02,X01A01,XYZ\n",
		    ":2:3: org_code 'XYZ' does not exist");
	expect_fail(db, CSVIO_PAYMENTS, dir, "loan_code,paid_on,kind,amount\nL0001,2024-02-10,interest,1000\n",
		    ":2:3: period is needed for an interest payment (YYYY-MM)");
	expect_fail(db, CSVIO_PAYMENTS, dir, "loan_code,paid_on,kind,amount,period\n"
		    "L0001,2024-02-10,interest,1000,\n",
		    ":2:5: period is needed for an interest payment (YYYY-MM)");
	expect_fail(db, CSVIO_PAYMENTS, dir, "loan_code,paid_on,kind,amount,kind\nL0001,2024-02-10,savings,1,savings\n",
		    ":1:5: column 'kind' appears twice");
	expect_fail(db, CSVIO_PAYMENTS, dir, "loan_code,paid_on,kind,amount\nL0001,2024-02-10,principal,-1000\n",
		    ":2:4: amount '-1000' is negative; only savings may be (a withdrawal)");
	expect_fail(db, CSVIO_PAYMENTS, dir, "loan_code,paid_on,kind,amount\nL0001,2024-02-10,savings,1\n"
		    "L0001,10/02/2024,savings,2\n", ":3:1: loan_code 'L0001', paid_on '2024-02-10', "
		    "kind 'savings', period '' appears twice in the file, on lines 2 and 3");
	expect_fail(db, CSVIO_PAYMENTS, dir, "loan_code,paid_on,kind,amount\nL9999,2024-02-10,savings,1\n",
		    ":2:1: loan_code 'L9999' does not exist");
	/* L0001 owes 260,000 a month: 2023-02 was paid in full on 2023-02-10. */
	expect_fail(db, CSVIO_PAYMENTS, dir, "loan_code,paid_on,kind,amount,period\n"
		    "L0001,2025-10-25,interest,260000,2023-02\n",
		    ":2:5: month 2023-02 was paid in full on 10/02/2023");
	/* Two halves make a month; a third payment for it is the error. */
	expect_fail(db, CSVIO_PAYMENTS, dir, "loan_code,paid_on,kind,amount,period\n"
		    "L0001,2023-05-10,interest,130000,2023-04\nL0001,2023-05-20,interest,130000,2023-04\n"
		    "L0001,2023-06-01,interest,1000,2023-04\n",
		    ":4:5: month 2023-04 was paid in full on 20/05/2023");
	/* A withdrawal of savings is a negative payment. */
	char *path = tu_write(dir, "w.csv", "loan_code;paid_on;kind;amount\nL0001;11/02/2024;savings;-1.000\n");
	struct csvio_counts counts;
	struct tkvv_err err;
	ck_assert_msg(csvio_import(db, CSVIO_PAYMENTS, path, TODAY, &counts, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT amount FROM payments WHERE paid_on = '2024-02-11'"), -1000);
	free(path);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_missing_file_directory_readonly)
{
	char *dir = tu_tmpdir();
	char *dbpath = xasprintf("%s/t.db", dir);
	sqlite3 *db;
	struct tkvv_err err;
	struct csvio_counts counts;
	err_clear(&err);
	ck_assert_int_eq(db_open(dbpath, DB_CREATE, &db, &err), 0);
	char *missing = xasprintf("%s/none.csv", dir);
	ck_assert_int_eq(csvio_import(db, CSVIO_COMMUNES, missing, TODAY, &counts, &err), -1);
	char *want = xasprintf("%s: cannot open: %s", missing, strerror(ENOENT));
	ck_assert_str_eq(err.msg, want);
	free(want);
	ck_assert_int_eq(csvio_import(db, CSVIO_COMMUNES, dir, TODAY, &counts, &err), -1);
	want = xasprintf("%s: is a directory, not a CSV file", dir);
	ck_assert_str_eq(err.msg, want);
	free(want);
	db_close(db);
	ck_assert_int_eq(db_open(dbpath, DB_READONLY, &db, &err), 0);
	char *path = data_path("communes.csv");
	ck_assert_int_eq(csvio_import(db, CSVIO_COMMUNES, path, TODAY, &counts, &err), -1);
	want = xasprintf("%s: the database is read-only", dbpath);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, TKVV_EFAIL);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM communes"), 0);
	db_close(db);
	free(want);
	free(path);
	free(missing);
	free(dbpath);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_atomic_on_row_9999)
{
	sqlite3 *db = tu_memdb();
	char *dir = tu_tmpdir();
	load_fixture(db);
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, MEMBERS_HEADER);
	for (int i = 1; i <= 10000; i++)
		sb_addf(&sb, "N%05d,Nguyễn Văn Số %d,%s,X01A01T01\n", i, i,
			i == 9999 ? "X99A01" : "X01A01");
	expect_fail(db, CSVIO_MEMBERS, dir, sb.buf, ":10000:3: hamlet_code 'X99A01' does not exist");
	sb_free(&sb);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_reimport_and_update)
{
	sqlite3 *db = tu_memdb();
	char *dir = tu_tmpdir();
	load_fixture(db);
	long long rows = tu_int(db, "SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM "
				"payments) + (SELECT count(*) FROM memberships)");
	for (int k = 0; k < CSVIO_KIND_COUNT; k++) {
		char *name = xasprintf("%s.csv", csvio_kind_name((enum csvio_kind)k));
		char *path = data_path(name);
		struct csvio_counts counts;
		struct tkvv_err err;
		ck_assert_msg(csvio_import(db, (enum csvio_kind)k, path, TODAY, &counts, &err) == 0,
			      "%s", err.msg);
		ck_assert_int_eq(counts.added, 0);
		ck_assert_int_eq(counts.updated, 0);
		ck_assert_int_gt(counts.unchanged, 0);
		free(name);
		free(path);
	}
	ck_assert_int_eq(rows, tu_int(db, "SELECT (SELECT count(*) FROM members) + (SELECT count(*) "
				      "FROM payments) + (SELECT count(*) FROM memberships)"));
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'import'"), 2 * CSVIO_KIND_COUNT);
	/* A second group in M0003's hamlet, for M0003 to move to. */
	char *path2, *path = tu_write(dir, "g.csv", "group_code,hamlet_code,org_code\nX01A01T02,X01A01,ND\n");
	struct csvio_counts counts;
	struct tkvv_err err;
	ck_assert_msg(csvio_import(db, CSVIO_GROUPS, path, TODAY, &counts, &err) == 0, "%s", err.msg);
	free(path);
	path = tu_write(dir, "m.csv", MEMBERS_HEADER "M0003,Lê Thị Cúc,X01A01,X01A01T02\n"
			"M0001,Nguyễn Thị Lan,X01A01,X01A01T01\nM0013,Mai Văn Nam,X01A01,X01A01T02\n");
	ck_assert_msg(csvio_import(db, CSVIO_MEMBERS, path, TODAY, &counts, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(counts.added, 1);
	ck_assert_int_eq(counts.updated, 2);
	ck_assert_int_eq(counts.unchanged, 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships ms JOIN members m ON "
				"m.id = ms.member_id WHERE m.code = 'M0003'"), 2);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships ms JOIN members m ON "
				"m.id = ms.member_id JOIN groups g ON g.id = ms.group_id WHERE "
				"m.code = 'M0003' AND g.code = 'X01A01T01' AND ms.from_on = "
				"'2018-05-20' AND ms.to_on = '" TODAY "'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships ms JOIN members m ON "
				"m.id = ms.member_id JOIN groups g ON g.id = ms.group_id WHERE "
				"m.code = 'M0003' AND g.code = 'X01A01T02' AND ms.from_on = '" TODAY
				"' AND ms.to_on IS NULL AND ms.reason = 'import'"), 1);
	/* M0001 lost its optional columns (absent from the file): one membership still. */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships ms JOIN members m ON "
				"m.id = ms.member_id WHERE m.code = 'M0001'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships ms JOIN members m ON "
				"m.id = ms.member_id WHERE m.code = 'M0013' AND ms.from_on = "
				"'1900-01-01'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'import' AND "
				"entity = 'members' AND detail LIKE '%1 added, 2 updated, 0 unchanged'"), 1);
	/* The search index follows the names, new and changed. */
	ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO member_search(member_search, rank) "
				      "VALUES ('integrity-check', 1)", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search "
				"MATCH 'nam'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search "
				"MATCH 'cuc'"), 1);
	path2 = tu_write(dir, "r.csv", MEMBERS_HEADER "M0003,Lê Thị Cam,X01A01,X01A01T02\n");
	ck_assert_msg(csvio_import(db, CSVIO_MEMBERS, path2, TODAY, &counts, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(counts.updated, 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search "
				"MATCH 'cuc'"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search "
				"MATCH 'cam'"), 1);
	ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO member_search(member_search, rank) "
				      "VALUES ('integrity-check', 1)", NULL, NULL, NULL), SQLITE_OK);
	/* The search triggers work again once the import is over. */
	ck_assert_int_eq(sqlite3_exec(db, "UPDATE members SET name_folded = 'zeta' WHERE code = "
				      "'M0013'", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search "
				"MATCH 'zeta'"), 1);
	ck_assert_int_eq(tu_int(db, "PRAGMA cache_size"), -2000);
	/* Same group: no new membership row. */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships ms JOIN members m ON "
				"m.id = ms.member_id WHERE m.code = 'M0003'"), 2);
	free(path2);
	free(path);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_spellings_and_stored_values)
{
	sqlite3 *db = tu_memdb();
	char *dir = tu_tmpdir();
	load_fixture(db);
	char *path = tu_write(dir, "l.csv", "\xEF\xBB\xBF" "rate_pct_month;loan_code;member_code;"
			      "program_code;amount;disbursed_on;due_on;outstanding;status\r\n"
			      "0,624;L0100;M0005;CN;1.500.000;05/03/2024;05/03/2027;999;closed\r\n"
			      "0.52;L0101;M0005;HN;2 000 000;2024-03-06;2027-03-06;;\r\n");
	struct csvio_counts counts;
	struct tkvv_err err;
	ck_assert_msg(csvio_import(db, CSVIO_LOANS, path, TODAY, &counts, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(counts.added, 2);
	ck_assert_int_eq(tu_int(db, "SELECT amount FROM loans WHERE code = 'L0100'"), 1500000);
	ck_assert_int_eq(tu_int(db, "SELECT rate_ppm FROM loans WHERE code = 'L0100'"), 6240);
	ck_assert_int_eq(tu_int(db, "SELECT amount FROM loans WHERE code = 'L0101'"), 2000000);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM loans WHERE code = 'L0100' AND "
				"disbursed_on = '2024-03-05' AND due_on = '2027-03-05'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE code = 'M0001' AND "
				"name_folded = 'nguyen thi lan' AND phone_digits = '0912345001' AND "
				"length(sort_key) > 0"), 1);
	free(path);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

/* Export every kind of DB into DIR/PREFIX-KIND.csv. */
static void export_all(sqlite3 *db, const char *dir, const char *prefix)
{
	for (int k = 0; k < CSVIO_KIND_COUNT; k++) {
		char *path = xasprintf("%s/%s-%s.csv", dir, prefix, csvio_kind_name((enum csvio_kind)k));
		FILE *f = fopen(path, "wb");
		struct tkvv_err err;
		ck_assert_msg(csvio_export(db, (enum csvio_kind)k, CSVIO_CSV, TODAY, f, &err) == 0,
			      "%s", err.msg);
		fclose(f);
		free(path);
	}
}

/* The contents of PATH (caller frees). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	struct strbuf sb;
	char buf[4096];
	size_t n;
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

START_TEST(test_round_trip)
{
	sqlite3 *db = tu_memdb();
	char *dir = tu_tmpdir();
	load_fixture(db);
	export_all(db, dir, "a");
	sqlite3 *fresh = tu_memdb();
	for (int k = 0; k < CSVIO_KIND_COUNT; k++) {
		char *path = xasprintf("%s/a-%s.csv", dir, csvio_kind_name((enum csvio_kind)k));
		struct csvio_counts counts;
		struct tkvv_err err;
		ck_assert_msg(csvio_import(fresh, (enum csvio_kind)k, path, TODAY, &counts, &err) == 0,
			      "%s", err.msg);
		free(path);
	}
	export_all(fresh, dir, "b");
	for (int k = 0; k < CSVIO_KIND_COUNT; k++) {
		const char *kind = csvio_kind_name((enum csvio_kind)k);
		char *pa = xasprintf("%s/a-%s.csv", dir, kind), *pb = xasprintf("%s/b-%s.csv", dir, kind);
		char *a = slurp(pa), *b = slurp(pb);
		ck_assert_str_eq(a, b);
		ck_assert_int_gt(strlen(a), 60);
		free(a);
		free(b);
		free(pa);
		free(pb);
	}
	/* The fixture's communes are already in export form. */
	char *pa = xasprintf("%s/a-communes.csv", dir), *fixture = data_path("communes.csv");
	char *a = slurp(pa), *b = slurp(fixture);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	free(pa);
	free(fixture);
	db_close(fresh);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_export_formats_and_derived)
{
	sqlite3 *db = tu_memdb();
	load_fixture(db);
	char *buf = NULL;
	size_t len = 0;
	struct tkvv_err err;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(csvio_export(db, CSVIO_LOANS, CSVIO_CSV, TODAY, f, &err), 0);
	fclose(f);
	/* L0001: 50M less 10M principal, due 2026-01-10 < today: overdue.
	 * L0002: extended to 2027. L0004: repaid. L0006: due 2024, 60M left. */
	ck_assert_ptr_nonnull(strstr(buf, "\nL0001,M0001,HN,50000000,2023-01-10,2026-01-10,0.52,,40000000,overdue,\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nL0002,M0002,CN,40000000,2023-06-15,2026-06-15,0.624,2027-06-15,35000000,extended,\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nL0004,M0004,NSVS,20000000,2022-03-01,2025-03-01,0.7,,0,closed,\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nL0003,M0003,MTN,30000000,2024-02-01,2027-02-01,0.65,,30000000,normal,\n"));
	free(buf);
	f = open_memstream(&buf, &len);
	ck_assert_int_eq(csvio_export(db, CSVIO_LOANS, CSVIO_JSON, "2023-01-01", f, &err), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "{\"loan_code\": \"L0001\", \"member_code\": \"M0001\", "
				 "\"program_code\": \"HN\", \"amount\": 50000000, \"disbursed_on\": "
				 "\"2023-01-10\", \"due_on\": \"2026-01-10\", \"rate_pct_month\": 0.52, "
				 "\"extended_to\": null, \"outstanding\": 50000000, \"status\": \"normal\", "
				 "\"override\": null}"));
	ck_assert_int_eq(buf[0], '[');
	free(buf);
	f = open_memstream(&buf, &len);
	ck_assert_int_eq(csvio_export(db, CSVIO_COMMUNES, CSVIO_TEXT, TODAY, f, &err), 0);
	fclose(f);
	ck_assert_str_eq(buf, "commune_code  name              kind      transaction_day\n"
			 "X01           Xã An Bình        xa                     25\n"
			 "X02           Thị trấn Phú Lộc  thi_tran               25\n");
	free(buf);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("import");
	tcase_add_test(tc, test_reader_and_header_errors);
	tcase_add_test(tc, test_nul_and_long_field);
	tcase_add_test(tc, test_value_and_reference_errors);
	tcase_add_test(tc, test_group_and_payment_rules);
	tcase_add_test(tc, test_missing_file_directory_readonly);
	tcase_add_test(tc, test_atomic_on_row_9999);
	tcase_add_test(tc, test_reimport_and_update);
	tcase_add_test(tc, test_spellings_and_stored_values);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_export_formats_and_derived);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
