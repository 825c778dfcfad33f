/* Helpers shared by the Check suites. */
#ifndef TKVV_TESTUTIL_H
#define TKVV_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tkvv/db.h"
#include "tkvv/i18n.h"

/* A fresh temporary folder for one test (removed by tu_rmdir). */
static inline char *tu_tmpdir(void)
{
	char tmpl[] = "/tmp/tkvv-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(d);
	return strdup(d);
}

static inline void tu_rmdir(char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

/* Write TEXT to DIR/NAME and return the path (caller frees). */
static inline char *tu_write(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(text, 1, strlen(text), f);
	fclose(f);
	return path;
}

/* An up-to-date database in memory. */
static inline sqlite3 *tu_memdb(void)
{
	sqlite3 *db;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(db_open(":memory:", DB_CREATE, &db, &err) == 0, "%s", err.msg);
	return db;
}

/* The first column of the first row of SQL, as an integer. */
static inline long long tu_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

/* Run one suite under the program's locale (the environment's, which is
 * TKVV_TEST_LOCALE in make check) and return the process exit status. */
static inline int tu_run(Suite *s)
{
	i18n_locale();
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
