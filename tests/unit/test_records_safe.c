/* The forms against hostile bytes and concurrent writers: control
 * characters refused as a field is left, and a save that would overwrite
 * what an import (or anything else) wrote since the form was opened. */
#include "config.h"

#include "fixture.h"
#include "tkvv/csvio.h"
#include "../../src/tui/records.h"

#define TODAY "2026-11-26"

static sqlite3 *district(void)
{
	sqlite3 *db = fx_district();
	ck_assert_int_eq(records_sql_functions(db), 0);
	return db;
}

static void open_record(struct record *r, sqlite3 *db, enum record_kind kind, sqlite3_int64 id)
{
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(record_open(r, db, kind, id, NULL, &err) == 0, "%s", err.msg);
}

/* Import TEXT as a members file. */
static void import_members(sqlite3 *db, const char *text)
{
	char *dir = tu_tmpdir();
	char *path = tu_write(dir, "members.csv", text);
	struct csvio_counts counts;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(csvio_import(db, CSVIO_MEMBERS, path, TODAY, &counts, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(counts.updated, 1);
	free(path);
	tu_rmdir(dir);
}

START_TEST(test_form_refuses_control_characters)
{
	sqlite3 *db = district();
	struct record r;
	open_record(&r, db, REC_MEMBER, 1);
	record_set(&r, 1, "Nguyễn \033]0;owned\007 Đức");
	ck_assert_int_eq(record_check_field(&r, db, 1, TODAY), -1);
	ck_assert_ptr_nonnull(strstr(r.error[1], "\\x1b]0;owned\\x07"));
	ck_assert_ptr_null(strchr(r.error[1], '\033'));
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), -1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE full_name LIKE '%owned%'"), 0);
	/* A C1 control (CSI) and DEL, in a group's name. */
	record_set(&r, 1, "Nguyễn \xc2\x9b" "2J");
	ck_assert_int_eq(record_check_field(&r, db, 1, TODAY), -1);
	record_set(&r, 1, "Nguyễn\x7f");
	ck_assert_int_eq(record_check_field(&r, db, 1, TODAY), -1);
	/* A tab reads as a space. */
	record_set(&r, 1, "Nguyễn\tVăn Đức");
	ck_assert_int_eq(record_check_field(&r, db, 1, TODAY), 0);
	ck_assert_str_eq(r.value[1], "Nguyễn Văn Đức");
	record_free(&r);
	open_record(&r, db, REC_GROUP, 1);
	record_set(&r, 3, "Tổ \033[2J");
	ck_assert_int_eq(record_check_field(&r, db, 3, TODAY), -1);
	record_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_import_while_form_open)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	err_clear(&err);
	open_record(&r, db, REC_MEMBER, 1);
	ck_assert_str_eq(r.value[4], "0912 345 678");
	/* The officer corrects the name while an import changes the phone. */
	record_set(&r, 1, "Nguyễn Văn Đức Anh");
	import_members(db, "member_code,full_name,hamlet_code,group_code,national_id,phone\n"
		       "TC01A01M0001,Nguyễn Văn Đức,TC01A01,TC01A01G01,079123456789,0999 000 111\n");
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), RECORD_CONFLICT);
	/* Nothing written: the imported phone stays, the old name too. */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE id = 1 AND phone = '0999000111'"
			 " AND full_name = 'Nguyễn Văn Đức'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'edit'"), 0);
	/* Who and what: the import, the phone with its stored value beside it. */
	ck_assert_msg(strstr(err.msg, "import members") != NULL, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "Phone") != NULL, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "Full name") == NULL, "%s", err.msg);
	ck_assert_str_eq(r.error[4], "now: 0999000111");
	/* Saving again without reloading is refused again. */
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), RECORD_CONFLICT);
	/* Reload: the phone follows the database, the typed name stays. */
	ck_assert_msg(record_reload(&r, db, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(r.value[4], "0999000111");
	ck_assert_str_eq(r.value[1], "Nguyễn Văn Đức Anh");
	ck_assert(record_changed(&r));
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE id = 1 AND phone = '0999000111'"
			 " AND full_name = 'Nguyễn Văn Đức Anh'"), 1);
	/* Saved, the form's version is the new one: a second save goes through. */
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	record_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_any_writer_is_seen)
{
	sqlite3 *db = district();
	struct record a, b;
	struct tkvv_err err;
	err_clear(&err);
	/* Two forms on the same loan: the second save is refused. */
	open_record(&a, db, REC_LOAN, 1);
	open_record(&b, db, REC_LOAN, 1);
	record_set(&a, 3, "25.000.000");
	ck_assert_msg(record_save(&a, db, TODAY, &err) == 0, "%s", err.msg);
	record_set(&b, 7, "10/01/2027");
	ck_assert_int_eq(record_save(&b, db, TODAY, &err), RECORD_CONFLICT);
	ck_assert_msg(strstr(err.msg, "edit loan") != NULL, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "Amount") != NULL, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT amount FROM loans WHERE id = 1"), 25000000);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM loans WHERE extended_to IS NULL"), 1);
	record_free(&a);
	record_free(&b);
	/* A change outside tkvv (any UPDATE raises the version) and a delete. */
	open_record(&a, db, REC_GROUP, 2);
	fx_exec(db, "UPDATE groups SET name = 'Tổ 9' WHERE id = 2");
	ck_assert_int_eq(record_save(&a, db, TODAY, &err), RECORD_CONFLICT);
	ck_assert_msg(strstr(err.msg, "outside tkvv") != NULL, "%s", err.msg);
	record_free(&a);
	open_record(&a, db, REC_PAYMENT, 3);
	fx_exec(db, "DELETE FROM payments WHERE id = 3");
	ck_assert_int_eq(record_save(&a, db, TODAY, &err), RECORD_CONFLICT);
	ck_assert_msg(strstr(err.msg, "deleted") != NULL, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments WHERE id = 3"), 0);
	record_free(&a);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("records_safe");
	TCase *tc = tcase_create("records_safe");
	tcase_add_test(tc, test_form_refuses_control_characters);
	tcase_add_test(tc, test_import_while_form_open);
	tcase_add_test(tc, test_any_writer_is_seen);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
