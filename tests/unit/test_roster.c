/* Group rosters: scope and order, name order, years of birth, balances,
 * move notes with and without the plans tables, the CSV text and the
 * .xlsx workbook, and saving that leaves nothing behind on failure. */
#include "config.h"

#include <dirent.h>
#include <sys/stat.h>

#include "fixture.h"
#include "tkvv/roster.h"

#define AS_OF "2025-06-30"

/* The fixture district plus: groups Z1 (hamlet TC01A01) and A9 (TC01A02),
 * both empty, a named group TC01A01G01 ("Tổ 1"), member Lê Thị An in it,
 * a cluster for two members, and loans that test every rule of the
 * outstanding balance. */
static sqlite3 *district(void)
{
	sqlite3 *db = fx_district();
	fx_exec(db,
		"UPDATE groups SET name = 'Tổ 1' WHERE code = 'TC01A01G01';"
		"INSERT INTO groups(code, hamlet_id, org_code) VALUES ('Z1', 1, 'TN'), ('A9', 2, 'ND');");
	fx_member(db, "TC01A01M0009", "Lê Thị An", "TC01A01G01", "07930500123", NULL);
	fx_exec(db,
		"UPDATE members SET cluster = 'Xóm 1' WHERE code = 'TC01A01M0009';"
		"UPDATE members SET cluster = '' WHERE code = 'TC01A01M0002';"
		"INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm) VALUES"
		" ('L0002', 1, 'NSVS', 5000000, '2023-05-01', '2026-05-01', 7000),"
		" ('L0003', 2, 'CN', 3000000, '2025-01-01', '2027-01-01', 6240),"
		" ('L0004', 2, 'CN', 7000000, '2025-07-01', '2027-07-01', 6240);"
		"INSERT INTO payments(loan_id, paid_on, kind, amount, period) VALUES"
		" (2, '2024-05-01', 'principal', 6000000, NULL),"
		" (3, '2025-07-15', 'principal', 1000000, NULL),"
		" (3, '2025-03-01', 'interest', 15600, '2025-02');");
	return db;
}

/* Give DB the plans tables when its schema lacks them, with the columns
 * of schema/002_plans.sql that the rows below fill, and the plans: 1 and
 * 2 applied, 3 applied last, 4 undone, 5 a draft. */
static void add_plans(sqlite3 *db)
{
	if (tu_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'plan_moves'") == 0)
		fx_exec(db,
			"CREATE TABLE plans(id INTEGER PRIMARY KEY, created_by, scope, min_members,"
			" max_members, move_weight, max_moves, status, applied_at);"
			"CREATE TABLE plan_moves(plan_id, member_id, from_group, to_group, reason);");
	fx_exec(db,
		"INSERT INTO plans(id, created_by, scope, min_members, max_members, move_weight,"
		" max_moves, status, applied_at) VALUES"
		" (1, 't', 'all', 5, 60, 1, '', 'applied', '2025-01-01T08:00:00Z'),"
		" (2, 't', 'all', 5, 60, 1, '', 'applied', '2025-02-01T08:00:00Z'),"
		" (3, 't', 'all', 5, 60, 1, '', 'applied', '2025-03-01T08:00:00Z'),"
		" (4, 't', 'all', 5, 60, 1, '', 'undone', '2025-04-01T08:00:00Z'),"
		" (5, 't', 'all', 5, 60, 1, '', 'draft', NULL);"
		"INSERT INTO plan_moves(plan_id, member_id, from_group, to_group, reason) VALUES"
		" (1, 3, 5, 1, 'r'), (2, 2, 2, 1, 'r'), (2, 6, 1, 2, 'r'), (3, 2, 1, 2, 'r'),"
		" (4, 1, 2, 1, 'r'), (5, 4, 1, 2, 'r');");
}

/* Drop the plans tables, as in a file made before schema 002. */
static void drop_plans(sqlite3 *db)
{
	fx_exec(db, "DROP TABLE IF EXISTS plan_tradeoff; DROP TABLE IF EXISTS plan_groups;"
		    "DROP TABLE IF EXISTS plan_moves; DROP TABLE IF EXISTS plan_hamlets;"
		    "DROP TABLE IF EXISTS plans;");
}

/* Load the roster FILTER selects, which must succeed. */
static void load(sqlite3 *db, struct roster_filter filter, struct roster *r)
{
	struct tkvv_err err;
	err_clear(&err);
	if (!filter.as_of)
		filter.as_of = AS_OF;
	ck_assert_msg(roster_load(db, &filter, r, &err) == 0, "%s", err.msg);
}

/* The group codes of R, space separated (caller frees). */
static char *group_codes(const struct roster *r)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "");
	for (size_t i = 0; i < r->n; i++)
		sb_addf(&sb, "%s%s", i ? " " : "", r->groups[i].code);
	return sb_detach(&sb);
}

/* Assert that FILTER selects exactly the groups CODES, in that order. */
static void expect_groups(sqlite3 *db, struct roster_filter filter, const char *codes)
{
	struct roster r;
	load(db, filter, &r);
	char *got = group_codes(&r);
	ck_assert_msg(strcmp(got, codes) == 0, "groups '%s', want '%s'", got, codes);
	free(got);
	roster_free(&r);
}

/* Assert that FILTER fails with CODE and a message containing TEXT. */
static void expect_error(sqlite3 *db, struct roster_filter filter, int code, const char *text)
{
	struct roster r;
	struct tkvv_err err;
	err_clear(&err);
	filter.as_of = AS_OF;
	ck_assert_int_eq(roster_load(db, &filter, &r, &err), -1);
	ck_assert_int_eq(err.code, code);
	ck_assert_msg(strstr(err.msg, text), "'%s' lacks '%s'", err.msg, text);
	ck_assert_ptr_null(r.groups);
}

START_TEST(test_scope_and_order)
{
	sqlite3 *db = district();
	expect_groups(db, (struct roster_filter){0}, "TC01A01G01 Z1 A9 TC01A02G01");
	expect_groups(db, (struct roster_filter){.hamlet_code = "TC01A02"}, "A9 TC01A02G01");
	expect_groups(db, (struct roster_filter){.group_code = "TC01A01G01"}, "TC01A01G01");
	expect_error(db, (struct roster_filter){.hamlet_code = "TC99"}, TKVV_EFAIL,
		     "hamlet 'TC99' does not exist");
	expect_error(db, (struct roster_filter){.group_code = "G404"}, TKVV_EFAIL,
		     "group 'G404' does not exist");
	expect_error(db, (struct roster_filter){.group_code = "TC01A01G02"}, TKVV_EFAIL,
		     "merged or dissolved");
	db_close(db);
}
END_TEST

START_TEST(test_members_heading_and_balances)
{
	sqlite3 *db = district();
	struct roster r;
	load(db, (struct roster_filter){.group_code = "TC01A01G01"}, &r);
	const struct roster_group *g = &r.groups[0];
	ck_assert_str_eq(g->name, "Tổ 1");
	ck_assert_str_eq(g->hamlet_name, "Ấp Chợ");
	ck_assert_str_eq(g->commune_name, "Phước Hưng");
	ck_assert_int_eq(g->commune_is_town, 0);
	ck_assert_str_eq(g->org_name, "Hội Phụ nữ");
	ck_assert_str_eq(g->leader, "Nguyễn Văn Đức");
	ck_assert_str_eq(g->deputy, "Trần Thị Hoa");
	/* Given names An, Đức, Hoa, Rươne: not the order of the codes. */
	ck_assert_uint_eq(g->n, 4);
	ck_assert_uint_eq(r.members, 4);
	static const char *const codes[] = {"TC01A01M0009", "TC01A01M0001", "TC01A01M0002", "TC01A01M0003"};
	static const int years[] = {0, 1923, 0, 1900};
	/* 20M - 1M paid; 5M overpaid counts 0; 3M paid after the date; 7M disbursed after it. */
	static const int64_t owed[] = {0, 19000000, 3000000, 0};
	for (size_t i = 0; i < 4; i++) {
		ck_assert_str_eq(g->members[i].code, codes[i]);
		ck_assert_int_eq(g->members[i].birth_year, years[i]);
		ck_assert_int_eq(g->members[i].outstanding, owed[i]);
	}
	ck_assert_int_eq(g->outstanding, 22000000);
	ck_assert_str_eq(g->members[0].address, "Xóm 1, Ấp Chợ");
	ck_assert_str_eq(g->members[2].address, "Ấp Chợ");
	roster_free(&r);
	load(db, (struct roster_filter){.group_code = "TC01A01G01", .as_of = "2024-03-04"}, &r);
	/* Before any principal payment: 20M + 5M, and L0003 not yet disbursed. */
	ck_assert_int_eq(r.groups[0].members[1].outstanding, 25000000);
	ck_assert_int_eq(r.groups[0].members[2].outstanding, 0);
	roster_free(&r);
	load(db, (struct roster_filter){.group_code = "TC01A02G01", .lang = ROSTER_EN}, &r);
	ck_assert_str_eq(r.groups[0].org_name, "Farmers' Union");
	ck_assert_str_eq(r.groups[0].deputy, "");
	roster_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_birth_year)
{
	ck_assert_int_eq(roster_birth_year("079123456789", 2025), 1923);
	ck_assert_int_eq(roster_birth_year("084000111222", 2025), 1900);
	ck_assert_int_eq(roster_birth_year("079205001234", 2025), 2005);
	ck_assert_int_eq(roster_birth_year("079325001234", 2025), 2025);
	ck_assert_int_eq(roster_birth_year("079326001234", 2025), 0);
	ck_assert_int_eq(roster_birth_year("079405001234", 2200), 2105);
	ck_assert_int_eq(roster_birth_year("079505001234", 2025), 0);
	ck_assert_int_eq(roster_birth_year("079605001234", 2300), 0);
	ck_assert_int_eq(roster_birth_year("079905001234", 2300), 0);
	ck_assert_int_eq(roster_birth_year("07930500123", 2025), 0);
	ck_assert_int_eq(roster_birth_year("0793050012345", 2025), 0);
	ck_assert_int_eq(roster_birth_year("0791 3456789", 2025), 0);
	ck_assert_int_eq(roster_birth_year("", 2025), 0);
	ck_assert_int_eq(roster_birth_year(NULL, 2025), 0);
}
END_TEST

/* The note of member CODE in R, "" when absent (caller frees). */
static char *note_of(const struct roster *r, const char *code)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < r->groups[i].n; j++)
			if (strcmp(r->groups[i].members[j].code, code) == 0)
				return roster_note(&r->groups[i].members[j], r->lang);
	ck_abort_msg("no member %s", code);
	return NULL;
}

/* Assert that member CODE's note in R is WANT. */
static void expect_note(const struct roster *r, const char *code, const char *want)
{
	char *got = note_of(r, code);
	ck_assert_msg(strcmp(got, want) == 0, "%s: note '%s', want '%s'", code, got, want);
	free(got);
}

START_TEST(test_move_notes)
{
	sqlite3 *db = district();
	add_plans(db);
	struct roster r;
	load(db, (struct roster_filter){.lang = ROSTER_EN}, &r);
	expect_note(&r, "TC01A01M0003", "from group Z1 to Tổ 1");
	expect_note(&r, "TC01A02M0003", "from Tổ 1 to group TC01A02G01");
	/* Moved back by hand after plan 3; plan 4 was undone; plan 5 is a draft. */
	expect_note(&r, "TC01A01M0002", "");
	expect_note(&r, "TC01A01M0001", "");
	expect_note(&r, "TC01A02M0001", "");
	roster_free(&r);
	load(db, (struct roster_filter){0}, &r);
	expect_note(&r, "TC01A01M0003", "Chuyển từ tổ Z1 sang Tổ 1");
	roster_free(&r);
	expect_groups(db, (struct roster_filter){.plan_id = 1}, "TC01A01G01 Z1");
	expect_groups(db, (struct roster_filter){.plan_id = 5}, "TC01A01G01 TC01A02G01");
	expect_groups(db, (struct roster_filter){.plan_id = 1, .hamlet_code = "TC01A02"}, "");
	expect_error(db, (struct roster_filter){.plan_id = 99}, TKVV_EFAIL, "plan 99 does not exist");
	db_close(db);
}
END_TEST

START_TEST(test_without_plans_tables)
{
	sqlite3 *db = district();
	drop_plans(db);
	struct roster r;
	load(db, (struct roster_filter){0}, &r);
	ck_assert_uint_eq(r.n, 4);
	ck_assert_uint_eq(r.members, 7);
	for (size_t i = 0; i < r.n; i++)
		for (size_t j = 0; j < r.groups[i].n; j++)
			ck_assert_ptr_null(r.groups[i].members[j].moved_from);
	roster_free(&r);
	expect_error(db, (struct roster_filter){.plan_id = 1}, TKVV_EFAIL, "plan 1 does not exist");
	db_close(db);
}
END_TEST

static const char expected_csv[] =
	"group_code,group_name,hamlet_code,no,member_code,full_name,birth_year,address,outstanding,note\n"
	"TC01A01G01,Tổ 1,TC01A01,1,TC01A01M0009,Lê Thị An,,\"Xóm 1, Ấp Chợ\",0,\n"
	"TC01A01G01,Tổ 1,TC01A01,2,TC01A01M0001,Nguyễn Văn Đức,1923,Ấp Chợ,19000000,\n"
	"TC01A01G01,Tổ 1,TC01A01,3,TC01A01M0002,Trần Thị Hoa,,Ấp Chợ,3000000,\n"
	"TC01A01G01,Tổ 1,TC01A01,4,TC01A01M0003,Thạch Thị Sa Rươne,1900,Ấp Chợ,0,"
	"Chuyển từ tổ Z1 sang Tổ 1\n"
	"TC01A02G01,,TC01A02,1,TC01A02M0001,Nguyễn Đức Anh,,Ấp Giồng Lớn,0,\n"
	"TC01A02G01,,TC01A02,2,TC01A02M0002,Lê Văn Dũng,,Ấp Giồng Lớn,0,\n"
	"TC01A02G01,,TC01A02,3,TC01A02M0003,Kim Sóc Kha,,Ấp Giồng Lớn,0,"
	"Chuyển từ Tổ 1 sang tổ TC01A02G01\n";

/* The contents of PATH (caller frees). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	struct strbuf sb;
	sb_init(&sb);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

/* The number of entries of folder DIR, . and .. aside. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

START_TEST(test_csv)
{
	sqlite3 *db = district();
	add_plans(db);
	struct roster r;
	struct tkvv_err err;
	err_clear(&err);
	load(db, (struct roster_filter){0}, &r);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_int_eq(roster_write_csv(&r, f, "memory", &err), 0);
	fclose(f);
	ck_assert_str_eq(text, expected_csv);
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/roster.CSV", dir);
	ck_assert_msg(roster_save(&r, path, &err) == 0, "%s", err.msg);
	char *saved = slurp(path);
	ck_assert_str_eq(saved, expected_csv);
	ck_assert_int_eq(entries(dir), 1);
	free(saved);
	free(path);
	free(text);
	roster_free(&r);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

/* Run COMMAND and return what it printed (caller frees). */
static char *run(const char *command)
{
	FILE *p = popen(command, "r");
	ck_assert_ptr_nonnull(p);
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "");
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		sb_addn(&sb, buf, n);
	ck_assert_msg(pclose(p) == 0, "%s failed", command);
	return sb_detach(&sb);
}

/* What python3's zipfile reads in PATH: the names of its files, after a
 * check of every file's CRC, or the file MEMBER (caller frees). */
static char *zip_read(const char *path, const char *member)
{
	char *cmd = member
		? xasprintf("python3 -c 'import sys, zipfile; sys.stdout.buffer.write("
			    "zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' '%s' '%s'", path, member)
		: xasprintf("python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
			    "assert z.testzip() is None; print(\"\\n\".join(z.namelist()))' '%s'", path);
	char *out = run(cmd);
	free(cmd);
	return out;
}

/* The number of times NEEDLE occurs in HAY. */
static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

START_TEST(test_xlsx)
{
	sqlite3 *db = district();
	add_plans(db);
	struct roster r;
	struct tkvv_err err;
	err_clear(&err);
	load(db, (struct roster_filter){0}, &r);
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/roster.xlsx", dir);
	ck_assert_msg(roster_save(&r, path, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(entries(dir), 1);
	char *bytes = slurp(path);
	ck_assert_int_eq(memcmp(bytes, "PK", 2), 0);
	char *list = zip_read(path, NULL);
	ck_assert_int_eq(count(list, "xl/worksheets/sheet"), 4);
	ck_assert_ptr_nonnull(strstr(list, "xl/worksheets/sheet1.xml"));
	char *sheet = zip_read(path, "xl/worksheets/sheet1.xml");
	ck_assert_ptr_nonnull(strstr(sheet, "paperSize=\"9\""));
	ck_assert_ptr_nonnull(strstr(sheet, "fitToHeight=\"0\""));
	char *strings = zip_read(path, "xl/sharedStrings.xml");
	ck_assert_ptr_nonnull(strstr(strings, "DANH SÁCH TỔ VIÊN TỔ TK&amp;VV"));
	ck_assert_ptr_nonnull(strstr(strings, "Thạch Thị Sa Rươne"));
	ck_assert_ptr_nonnull(strstr(strings, "Chuyển từ tổ Z1 sang Tổ 1"));
	ck_assert_ptr_nonnull(strstr(strings, "Dư nợ (đồng)"));
	ck_assert_ptr_nonnull(strstr(strings, "Tổ 1 (TC01A01G01)    Tổ chức hội: Hội Phụ nữ"));
	ck_assert_ptr_nonnull(strstr(strings, "Tổ TC01A02G01    Tổ chức hội: Hội Nông dân"));
	ck_assert_ptr_nonnull(strstr(strings, "Ấp Giồng Lớn, Xã Phước Hưng"));
	ck_assert_ptr_nonnull(strstr(strings, "Tổ trưởng: Nguyễn Văn Đức    Tổ phó: Trần Thị Hoa"));
	ck_assert_ptr_nonnull(strstr(strings, "Dư nợ đến ngày 30/06/2025"));
	free(strings);
	free(sheet);
	free(list);
	free(bytes);
	free(path);
	roster_free(&r);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_sheet_names)
{
	sqlite3 *db = district();
	fx_exec(db,
		"INSERT INTO hamlets(code, commune_id, name) VALUES ('TC01A03', 1, 'Ấp Sóc Chuối');"
		"INSERT INTO groups(code, hamlet_id, org_code) VALUES"
		" ('A/B:C', 3, 'PN'), ('a_b_c', 3, 'PN'), ('history', 3, 'PN'),"
		" ('G123456789012345678901234567890X', 3, 'PN');");
	struct roster r;
	struct tkvv_err err;
	err_clear(&err);
	load(db, (struct roster_filter){.hamlet_code = "TC01A03", .lang = ROSTER_EN}, &r);
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/names.xlsx", dir);
	ck_assert_msg(roster_save(&r, path, &err) == 0, "%s", err.msg);
	char *book = zip_read(path, "xl/workbook.xml");
	ck_assert_ptr_nonnull(strstr(book, "name=\"A_B_C\""));
	ck_assert_ptr_nonnull(strstr(book, "name=\"G123456789012345678901234567890\""));
	ck_assert_ptr_nonnull(strstr(book, "name=\"a_b_c~2\""));
	ck_assert_ptr_nonnull(strstr(book, "name=\"history~2\""));
	free(book);
	book = zip_read(path, "xl/sharedStrings.xml");
	ck_assert_ptr_nonnull(strstr(book, "Outstanding (VND)"));
	ck_assert_ptr_null(strstr(book, "Dư nợ"));
	free(book);
	free(path);
	roster_free(&r);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

START_TEST(test_save_failures)
{
	sqlite3 *db = district();
	struct roster r;
	struct tkvv_err err;
	err_clear(&err);
	char *dir = tu_tmpdir();
	load(db, (struct roster_filter){0}, &r);
	char *path = xasprintf("%s/roster.txt", dir);
	ck_assert_int_eq(roster_save(&r, path, &err), -1);
	ck_assert_int_eq(err.code, TKVV_EUSAGE);
	free(path);
	path = xasprintf("%s/missing/roster.csv", dir);
	ck_assert_int_eq(roster_save(&r, path, &err), -1);
	ck_assert_int_eq(err.code, TKVV_EFAIL);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	roster_free(&r);
	free(path);
	load(db, (struct roster_filter){.plan_id = 0, .hamlet_code = "TC01A02", .group_code = "Z1"}, &r);
	ck_assert_uint_eq(r.n, 0);
	path = xasprintf("%s/empty.xlsx", dir);
	ck_assert_int_eq(roster_save(&r, path, &err), -1);
	ck_assert_int_eq(err.code, TKVV_EFAIL);
	ck_assert_int_eq(entries(dir), 0);
	ck_assert_int_eq(roster_format_of("a.xlsx"), ROSTER_FORMAT_XLSX);
	ck_assert_int_eq(roster_format_of("dir.csv/a"), ROSTER_FORMAT_NONE);
	ck_assert_int_eq(roster_format_of(".csv"), ROSTER_FORMAT_NONE);
	ck_assert_int_eq(roster_format_of("a.xls"), ROSTER_FORMAT_NONE);
	roster_free(&r);
	free(path);
	tu_rmdir(dir);
	db_close(db);
}
END_TEST

static Suite *roster_suite(void)
{
	Suite *s = suite_create("roster");
	TCase *tc = tcase_create("roster");
	tcase_add_test(tc, test_scope_and_order);
	tcase_add_test(tc, test_members_heading_and_balances);
	tcase_add_test(tc, test_birth_year);
	tcase_add_test(tc, test_move_notes);
	tcase_add_test(tc, test_without_plans_tables);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_xlsx);
	tcase_add_test(tc, test_sheet_names);
	tcase_add_test(tc, test_save_failures);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(roster_suite());
}
