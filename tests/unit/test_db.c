/* The store: creation, migrations, refusal of newer files, pragmas. */
#include "config.h"

#include <sys/stat.h>

#include "testutil.h"

START_TEST(test_create_mode_and_pragmas)
{
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/t.db", dir);
	sqlite3 *db;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(db_open(path, DB_CREATE, &db, &err) == 0, "%s", err.msg);
	struct stat sb;
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(db_schema_version(db), db_schema_latest());
	ck_assert_int_eq(tu_int(db, "PRAGMA foreign_keys"), 1);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM orgs"), 4);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM programs"), 8);
	db_close(db);
	free(path);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_newer_file_refused)
{
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/t.db", dir);
	sqlite3 *db;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(db_open(path, DB_CREATE, &db, &err), 0);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_schema_latest() + 1);
	ck_assert_int_eq(db_exec(db, sql, &err), 0);
	db_close(db);
	ck_assert_int_eq(db_open(path, 0, &db, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer tkvv"));
	ck_assert_int_eq(err.code, TKVV_EFAIL);
	free(path);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_older_file_upgraded)
{
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/t.db", dir);
	sqlite3 *db;
	struct tkvv_err err;
	err_clear(&err);
	/* A file at version 0: nothing in it yet. */
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE keep(x); INSERT INTO keep VALUES (7)", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_msg(db_open(path, 0, &db, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(db_schema_version(db), db_schema_latest());
	ck_assert_int_eq(tu_int(db, "SELECT x FROM keep"), 7);
	db_close(db);
	free(path);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_not_a_database)
{
	char *dir = tu_tmpdir();
	char *path = tu_write(dir, "x.db", "this is not sqlite, just some text long enough to have a header .........");
	sqlite3 *db;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(db_open(path, 0, &db, &err), -1);
	ck_assert_int_eq(err.code, TKVV_EBUSY);
	ck_assert_int_eq(db_open(dir, 0, &db, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "directory"));
	free(path);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_schema_rules)
{
	sqlite3 *db = tu_memdb();
	ck_assert_int_eq(sqlite3_exec(db,
		"INSERT INTO communes(code, name) VALUES ('C1', 'Xã A');"
		"INSERT INTO hamlets(code, commune_id, name) VALUES ('H1', 1, 'Ấp 1');"
		"INSERT INTO groups(code, hamlet_id, org_code) VALUES ('G1', 1, 'PN');", 0, 0, 0), SQLITE_OK);
	/* Unknown organisation, duplicate code, negative amount, due before disbursed. */
	ck_assert_int_ne(sqlite3_exec(db, "INSERT INTO groups(code, hamlet_id, org_code) VALUES ('G2', 1, 'XX')", 0, 0, 0), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(db, "INSERT INTO communes(code, name) VALUES ('C1', 'B')", 0, 0, 0), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db,
		"INSERT INTO members(code, full_name, name_folded, sort_key, hamlet_id, group_id) "
		"VALUES ('M1', 'Hoa', 'hoa', x'00', 1, 1)", 0, 0, 0), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(db,
		"INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm) "
		"VALUES ('L1', 1, 'HN', -5, '2024-01-01', '2025-01-01', 5200)", 0, 0, 0), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(db,
		"INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm) "
		"VALUES ('L1', 1, 'HN', 5, '2024-01-01', '2023-01-01', 5200)", 0, 0, 0), SQLITE_OK);
	/* The search index follows the members table. */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search MATCH 'hoa'"), 1);
	ck_assert_int_eq(sqlite3_exec(db, "UPDATE members SET name_folded = 'lan' WHERE id = 1", 0, 0, 0), SQLITE_OK);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search MATCH 'hoa'"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search MATCH 'la*'"), 1);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("store");
	tcase_add_test(tc, test_create_mode_and_pragmas);
	tcase_add_test(tc, test_newer_file_refused);
	tcase_add_test(tc, test_older_file_upgraded);
	tcase_add_test(tc, test_not_a_database);
	tcase_add_test(tc, test_schema_rules);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
