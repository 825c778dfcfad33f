/* libFuzzer harness for the CSV import (`make fuzz`): the first byte picks
 * the kind, the rest is the file. Each input is imported into a copy of an
 * in-memory district (the rows of tests/data), so references resolve and
 * updates happen. Besides what ASan and UBSan catch, it stops on a broken
 * promise: an error that is not one line without control characters, an
 * error without file:line:col, or a stored text holding a control
 * character. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tkvv/csvio.h"
#include "tkvv/db.h"

static sqlite3 *base;
static char path[64];

/* Whether S holds a C0 control, DEL or a C1 control (UTF-8 C2 80..9F). */
static int has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
					      (unsigned char)s[i + 1] <= 0x9f))
			return 1;
	}
	return 0;
}

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_import: %s: ", what);
	for (const unsigned char *p = (const unsigned char *)detail; *p; p++)
		fprintf(stderr, *p < 0x20 || *p >= 0x7f ? "\\x%02x" : "%c", *p);
	fputc('\n', stderr);
	abort();
}

static void import_text(sqlite3 *db, enum csvio_kind kind, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
	struct csvio_counts counts;
	struct tkvv_err err;
	err_clear(&err);
	if (csvio_import(db, kind, path, "2026-11-26", &counts, &err) < 0)
		die("seed import failed", err.msg);
}

static void remove_file(void)
{
	unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct tkvv_err err;
	err_clear(&err);
	snprintf(path, sizeof path, "/tmp/tkvv-fuzz-%ld.csv", (long)getpid());
	if (db_open(":memory:", DB_CREATE, &base, &err) < 0)
		die("db_open", err.msg);
	import_text(base, CSVIO_COMMUNES, "commune_code,name,kind\nX01,Xã An Bình,xa\nX02,Thị trấn Phú Lộc,thi_tran\n");
	import_text(base, CSVIO_HAMLETS, "hamlet_code,commune_code,name\nX01A01,X01,Ấp Bình Hòa\nX02A01,X02,Khóm 1\n");
	import_text(base, CSVIO_GROUPS, "group_code,hamlet_code,org_code,name,leader_member_code\n"
		    "X01A01T01,X01A01,PN,Tổ 1,M0001\nX02A01T01,X02A01,ND,Tổ 2,\n");
	import_text(base, CSVIO_MEMBERS, "member_code,full_name,hamlet_code,group_code,lat,lon,phone\n"
		    "M0001,Nguyễn Thị Lan,X01A01,X01A01T01,10.04,105.74,0912 345 001\n"
		    "M0002,Trần Văn Bình,X02A01,X02A01T01,,,\n");
	import_text(base, CSVIO_LOANS, "loan_code,member_code,program_code,amount,disbursed_on,due_on,rate_pct_month\n"
		    "L0001,M0001,HN,50000000,2023-01-10,2026-01-10,0.52\n");
	import_text(base, CSVIO_PAYMENTS, "loan_code,paid_on,kind,amount,period\nL0001,2023-02-10,interest,260000,2023-02\n");
	atexit(remove_file);
	return 0;
}

/* Every stored text column of the domain, checked for control characters. */
static void check_stored(sqlite3 *db)
{
	static const char *const sql =
		"SELECT name FROM communes UNION ALL SELECT name FROM hamlets UNION ALL "
		"SELECT name FROM groups UNION ALL SELECT full_name FROM members UNION ALL "
		"SELECT ifnull(cluster, '') FROM members UNION ALL SELECT ifnull(national_id, '') FROM members "
		"UNION ALL SELECT ifnull(phone, '') FROM members UNION ALL SELECT code FROM members "
		"UNION ALL SELECT code FROM loans";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		if (s && has_control(s, (size_t)sqlite3_column_bytes(st, 0)))
			die("a control character was stored", s);
	}
	sqlite3_finalize(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum csvio_kind kind = (enum csvio_kind)(data[0] % CSVIO_KIND_COUNT);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	sqlite3 *db;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		abort();
	sqlite3_backup *b = sqlite3_backup_init(db, "main", base, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE)
		abort();
	sqlite3_backup_finish(b);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	struct csvio_counts counts;
	struct tkvv_err err;
	err_clear(&err);
	if (csvio_import(db, kind, path, "2026-11-26", &counts, &err) < 0) {
		size_t n = strlen(err.msg);
		if (has_control(err.msg, n))
			die("an error with a control character", err.msg);
		/* Every error names the file (and for the file's content, line and column). */
		if (strncmp(err.msg, path, strlen(path)) != 0)
			die("an error without the file name", err.msg);
	} else {
		check_stored(db);
	}
	sqlite3_close(db);
	return 0;
}
