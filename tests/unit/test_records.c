/* The forms' records: checks as a field is left, one-transaction saves with
 * the audit log and membership history, refused deletes, group figures. */
#include "config.h"

#include "fixture.h"
#include "tkvv/config.h"
#include "tkvv/i18n.h"
#include "../../src/tui/figures.h"
#include "../../src/tui/records.h"

#define TODAY "2026-11-26"

/* A fresh district with the SQL functions the forms use. */
static sqlite3 *district(void)
{
	sqlite3 *db = fx_district();
	ck_assert_int_eq(records_sql_functions(db), 0);
	return db;
}

/* Open record ID of KIND (0: new) that must load. */
static void open_record(struct record *r, sqlite3 *db, enum record_kind kind, sqlite3_int64 id)
{
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(record_open(r, db, kind, id, NULL, &err) == 0, "%s", err.msg);
}

START_TEST(test_dates_money_and_rates)
{
	sqlite3 *db = district();
	struct record r;
	open_record(&r, db, REC_LOAN, 0);
	record_set(&r, 3, "1.500.000");
	ck_assert_int_eq(record_check_field(&r, db, 3, TODAY), 0);
	record_set(&r, 3, "1.5OO.000");
	ck_assert_int_eq(record_check_field(&r, db, 3, TODAY), -1);
	ck_assert_str_ne(r.error[3], "");
	record_set(&r, 3, "-5");
	ck_assert_int_eq(record_check_field(&r, db, 3, TODAY), -1);
	record_set(&r, 4, "31/02/2023");
	ck_assert_int_eq(record_check_field(&r, db, 4, TODAY), -1);
	record_set(&r, 4, "29/02/2024");
	ck_assert_int_eq(record_check_field(&r, db, 4, TODAY), 0);
	ck_assert_str_eq(r.error[4], "");
	record_set(&r, 5, "2024-02-28");
	ck_assert_int_eq(record_check_field(&r, db, 5, TODAY), -1);  /* due before disbursed */
	record_set(&r, 5, "01/03/2027");
	ck_assert_int_eq(record_check_field(&r, db, 5, TODAY), 0);
	record_set(&r, 6, "0,52");
	ck_assert_int_eq(record_check_field(&r, db, 6, TODAY), 0);
	record_set(&r, 6, "abc");
	ck_assert_int_eq(record_check_field(&r, db, 6, TODAY), -1);
	record_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_codes_required_and_lengths)
{
	sqlite3 *db = district();
	struct record r;
	open_record(&r, db, REC_MEMBER, 0);
	ck_assert_int_eq(record_check_field(&r, db, 0, TODAY), -1);  /* required */
	record_set(&r, 0, "TC01A01M0001");
	ck_assert_int_eq(record_check_field(&r, db, 0, TODAY), -1);  /* already used */
	record_set(&r, 0, "  NEW1 ");
	ck_assert_int_eq(record_check_field(&r, db, 0, TODAY), 0);
	ck_assert_str_eq(r.value[0], "NEW1");
	record_set(&r, 2, "NOPE");
	ck_assert_int_eq(record_check_field(&r, db, 2, TODAY), -1);  /* no such hamlet */
	record_set(&r, 2, "TC01A02");
	ck_assert_int_eq(record_check_field(&r, db, 2, TODAY), 0);
	record_set(&r, 1, "Nguyễn Thị Ánh Tuyết Hồng Nhung Phương Thảo Ngọc Lan Bích Hạnh Mai Xuân");
	ck_assert_int_eq(record_check_field(&r, db, 1, TODAY), -1);  /* too long */
	record_set(&r, 6, "rich");
	ck_assert_int_eq(record_check_field(&r, db, 6, TODAY), -1);  /* not a category */
	record_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_leader_must_be_a_member)
{
	sqlite3 *db = district();
	struct record r;
	open_record(&r, db, REC_GROUP, 1);
	ck_assert_str_eq(r.value[4], "TC01A01M0001");
	record_set(&r, 4, "TC01A02M0001");  /* a member, but of the other group */
	ck_assert_int_eq(record_check_field(&r, db, 4, TODAY), -1);
	record_set(&r, 4, "TC01A01M0003");
	ck_assert_int_eq(record_check_field(&r, db, 4, TODAY), 0);
	record_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_save_member_in_one_transaction)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	const char *kv[] = {"group", "TC01A02G01", "hamlet", "TC01A02", NULL};
	err_clear(&err);
	ck_assert_int_eq(record_open(&r, db, REC_MEMBER, 0, kv, &err), 0);
	record_set(&r, 0, "TC01A02M0009");
	record_set(&r, 1, "Đặng Thị Ngọc Ánh");
	record_set(&r, 4, "0912.000 111");
	record_set(&r, 7, "31/13/2024");
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), -1);  /* a bad date: nothing written */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE code = 'TC01A02M0009'"), 0);
	record_set(&r, 7, "15/03/2024");
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE code = 'TC01A02M0009'"
			 " AND name_folded = 'dang thi ngoc anh' AND phone_digits = '0912000111'"
			 " AND joined_on = '2024-03-15' AND length(sort_key) > 0"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM member_search WHERE member_search MATCH 'ngoc'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships m JOIN members x ON x.id = m.member_id"
			 " WHERE x.code = 'TC01A02M0009' AND m.from_on = '2024-03-15' AND m.to_on IS NULL"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'add' AND entity = 'member'"
			 " AND code = 'TC01A02M0009'"), 1);
	ck_assert_int_eq(record_changed(&r), 0);
	record_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_move_needs_a_reason_and_keeps_history)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	err_clear(&err);
	open_record(&r, db, REC_MEMBER, 3);
	record_set(&r, 3, "TC01A02G01");
	ck_assert_int_eq(record_moves_member(&r), 1);
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), -1);
	ck_assert_int_eq(tu_int(db, "SELECT group_id FROM members WHERE id = 3"), 1);
	r.reason = xstrdup("closer to the new group's meeting place");
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT group_id FROM members WHERE id = 3"), 2);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships WHERE member_id = 3 AND group_id = 1"
			 " AND to_on = '" TODAY "'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships WHERE member_id = 3 AND group_id = 2"
			 " AND from_on = '" TODAY "' AND to_on IS NULL AND reason LIKE 'closer%'"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'edit' AND detail LIKE 'closer%'"), 1);
	record_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_delete_refused_when_something_depends)
{
	sqlite3 *db = district();
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(record_delete(db, REC_MEMBER, 1, &err), -1);  /* has a loan */
	ck_assert_ptr_nonnull(strstr(err.msg, "1"));
	ck_assert_int_eq(record_delete(db, REC_GROUP, 2, &err), -1);   /* has members */
	ck_assert_int_eq(record_delete(db, REC_COMMUNE, 1, &err), -1); /* has hamlets */
	ck_assert_int_eq(record_delete(db, REC_LOAN, 1, &err), -1);    /* has payments */
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit"), 0);
	ck_assert_msg(record_delete(db, REC_MEMBER, 6, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE id = 6"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM memberships WHERE member_id = 6"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'delete'"), 1);
	db_close(db);
}
END_TEST

/* A new interest payment on L0001 paid on DAY (DD/MM/YYYY). */
static void open_interest(struct record *r, sqlite3 *db, const char *day)
{
	struct tkvv_err err;
	const char *kv[] = {"loan", "L0001", "paid_on", day, "kind", "interest", NULL};
	err_clear(&err);
	ck_assert_msg(record_open(r, db, REC_PAYMENT, 0, kv, &err) == 0, "%s", err.msg);
}

/* The month and amount are filled in when the form opens: L0001's oldest
 * month due and unpaid is 2023-02 (104,000 on 20,000,000 at 0.52 %); the
 * month is saved as shown, never guessed from the day paid. */
START_TEST(test_interest_payment_month)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	open_interest(&r, db, "05/11/2026");
	ck_assert_str_eq(r.value[4], "02/2023");
	ck_assert_str_eq(r.value[3], "104.000");
	ck_assert_int_eq(record_changed(&r), 0);
	err_clear(&err);
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT amount FROM payments WHERE period = '2023-02' AND kind = 'interest'"), 104000);
	record_free(&r);
	/* The next one: March. An empty month is refused, not guessed. */
	open_interest(&r, db, "05/11/2026");
	ck_assert_str_eq(r.value[4], "03/2023");
	record_set(&r, 4, "");
	ck_assert_int_eq(record_check_field(&r, db, 4, TODAY), -1);
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), -1);
	record_free(&r);
	db_close(db);
}
END_TEST

/* Changing the kind or the loan moves the filled-in values with it, but
 * not the ones the officer typed. */
START_TEST(test_interest_prefill_follows)
{
	sqlite3 *db = district();
	struct record r;
	open_interest(&r, db, "05/11/2026");
	record_set(&r, 2, "savings");
	ck_assert_int_eq(record_check_field(&r, db, 2, TODAY), 0);
	record_payment_prefill(&r, db, 2);
	ck_assert_str_eq(r.value[4], "");
	ck_assert_str_eq(r.value[3], "");
	record_set(&r, 2, "interest");
	ck_assert_int_eq(record_check_field(&r, db, 2, TODAY), 0);
	record_payment_prefill(&r, db, 2);
	ck_assert_str_eq(r.value[4], "02/2023");
	ck_assert_str_eq(r.value[3], "104.000");
	/* Another loan: its own oldest month, 10/2026, 52,000 on 10,000,000. */
	fx_exec(db, "INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm) "
		    "VALUES ('L0002', 2, 'HN', 10000000, '2026-09-01', '2029-09-01', 5200)");
	record_set(&r, 0, "l0002");
	ck_assert_int_eq(record_check_field(&r, db, 0, TODAY), 0);
	record_payment_prefill(&r, db, 0);
	ck_assert_str_eq(r.value[0], "L0002");
	ck_assert_str_eq(r.value[4], "10/2026");
	ck_assert_str_eq(r.value[3], "52.000");
	record_set(&r, 3, "50.000");
	record_set(&r, 2, "principal");
	record_payment_prefill(&r, db, 2);
	ck_assert_str_eq(r.value[3], "50.000");
	ck_assert_str_eq(r.value[4], "");
	record_free(&r);
	db_close(db);
}
END_TEST

/* A month paid in full is refused with the day; more than remains is
 * refused; a partial payment saves and says what remains. */
START_TEST(test_interest_month_rule)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	err_clear(&err);
	fx_exec(db, "INSERT INTO payments(loan_id, paid_on, kind, amount, period) "
		    "VALUES (1, '2026-10-25', 'interest', 104000, '2023-02')");
	open_interest(&r, db, "05/11/2026");
	record_set(&r, 4, "02/2023");
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), -1);
	ck_assert_str_eq(err.msg, "month 2023-02 was paid in full on 25/10/2026");
	/* 2024-02: 86,667 of 104,000 paid; 17,333 remain. */
	record_set(&r, 4, "02/2024");
	record_set(&r, 3, "20.000");
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), -1);
	ck_assert_str_eq(err.msg, "only 17.333 remains due for month 2024-02");
	record_set(&r, 3, "10.000");
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(r.note, "7.333 remains due for month 2024-02");
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments WHERE period = '2024-02'"), 2);
	/* Editing the saved payment does not count it twice. */
	record_set(&r, 3, "17.333");
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(r.note, "month 2024-02 is paid in full");
	record_free(&r);
	/* A month before the loan's first: nothing is due. */
	open_interest(&r, db, "05/11/2026");
	record_set(&r, 4, "01/2023");
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), -1);
	ck_assert_str_eq(err.msg, "no interest is due for month 2023-01");
	record_free(&r);
	db_close(db);
}
END_TEST

/* Choices and codes are taken case- and accent-insensitively; a choice is
 * shown by its label and stored as its word. */
START_TEST(test_code_fields)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	err_clear(&err);
	open_record(&r, db, REC_LOAN, 0);
	record_set(&r, 2, "hn");
	ck_assert_int_eq(record_check_field(&r, db, 2, TODAY), 0);
	ck_assert_str_eq(r.value[2], "HN");
	record_set(&r, 2, "h");
	ck_assert_int_eq(record_check_field(&r, db, 2, TODAY), -1);
	ck_assert_ptr_nonnull(strstr(r.error[2], "HN, HSSV"));
	record_set(&r, 1, "tc01a01m0002");
	ck_assert_int_eq(record_check_field(&r, db, 1, TODAY), 0);
	ck_assert_str_eq(r.value[1], "TC01A01M0002");
	record_set(&r, 1, "Kim Soc");
	ck_assert_int_eq(record_check_field(&r, db, 1, TODAY), 0);
	ck_assert_str_eq(r.value[1], "TC01A02M0003");
	record_free(&r);
	open_record(&r, db, REC_MEMBER, 1);
	record_set(&r, 6, "Can_Ngheo");
	ck_assert_int_eq(record_check_field(&r, db, 6, TODAY), 0);
	ck_assert_str_eq(r.value[6], "can_ngheo");   /* the label, untranslated here */
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT category = 'can_ngheo' FROM members WHERE id = 1"), 1);
	record_free(&r);
	db_close(db);
}
END_TEST

/* In Vietnamese a choice reads as its label (lãi, tiết kiệm, đã tất toán)
 * and is stored as its word; `lai` and `tiet kiem` are taken. */
START_TEST(test_labels_in_vietnamese)
{
	const char *top = getenv("top_builddir");
	char *dir = xasprintf("%s/locale", top ? top : "..");
	setenv("TKVV_LOCALEDIR", dir, 1);
	i18n_init("vi");
	free(dir);
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	err_clear(&err);
	open_interest(&r, db, "05/11/2026");
	ck_assert_str_eq(r.value[2], "lãi");
	record_set(&r, 2, "tiet kiem");
	ck_assert_int_eq(record_check_field(&r, db, 2, TODAY), 0);
	ck_assert_str_eq(r.value[2], "tiết kiệm");
	record_set(&r, 2, "LAI");
	ck_assert_int_eq(record_check_field(&r, db, 2, TODAY), 0);
	ck_assert_str_eq(r.value[2], "lãi");
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM payments WHERE kind = 'interest' AND period = '2023-02'"), 1);
	record_free(&r);
	/* A label longer than the stored word is still a value of the field. */
	const char *kv[] = {"status", "closed", NULL};
	ck_assert_int_eq(record_open(&r, db, REC_FILTER, 0, kv, &err), 0);
	ck_assert_str_eq(r.value[4], "đã tất toán");
	ck_assert_int_eq(record_check(&r, db, TODAY), -1);  /* no field is bad */
	ck_assert_str_eq(record_word(&r, 4), "closed");
	record_free(&r);
	db_close(db);
}
END_TEST

/* The member form's place fields: xóm, road order (whole, >= 0) and
 * position (lat -90..90, lon -180..180), saved for the regrouping. */
START_TEST(test_member_position_fields)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	const char *kv[] = {"group", "TC01A02G01", "hamlet", "TC01A02", NULL};
	err_clear(&err);
	ck_assert_int_eq(record_open(&r, db, REC_MEMBER, 0, kv, &err), 0);
	record_set(&r, 0, "TC01A02M0010");
	record_set(&r, 1, "Đặng Thị Ngọc Ánh");
	record_set(&r, 8, "Xóm Giữa");
	const char *bad[][3] = {{"-1", "9.9", "106.3"}, {"1.5", "9.9", "106.3"},
				{"3", "91", "106.3"}, {"3", "9.9", "-181"}, {"3", "9,9", "106.3"}};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		record_set(&r, 9, bad[i][0]);
		record_set(&r, 10, bad[i][1]);
		record_set(&r, 11, bad[i][2]);
		ck_assert_msg(record_save(&r, db, TODAY, &err) == -1, "%s %s %s saved", bad[i][0],
			      bad[i][1], bad[i][2]);
		ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE code = 'TC01A02M0010'"), 0);
	}
	record_set(&r, 9, "3");
	record_set(&r, 10, "9.91234");
	record_set(&r, 11, "-106.5");
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM members WHERE code = 'TC01A02M0010'"
				    " AND cluster = 'Xóm Giữa' AND road_order = 3 AND lat = 9.91234"
				    " AND lon = -106.5 AND name_folded = 'dang thi ngoc anh'"), 1);
	sqlite3_int64 id = r.id;
	record_free(&r);
	open_record(&r, db, REC_MEMBER, id);
	ck_assert_str_eq(r.value[8], "Xóm Giữa");
	ck_assert_str_eq(r.value[9], "3");
	ck_assert_str_eq(r.value[10], "9.91234");
	record_free(&r);
	db_close(db);
}
END_TEST

/* The commune form's transaction day: 1 to 28, empty for the default 25. */
START_TEST(test_commune_transaction_day)
{
	sqlite3 *db = district();
	struct record r;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(record_open(&r, db, REC_COMMUNE, 1, NULL, &err), 0);
	ck_assert_str_eq(r.value[3], "25");
	record_set(&r, 3, "29");
	ck_assert_int_eq(record_save(&r, db, TODAY, &err), -1);
	ck_assert_int_eq(tu_int(db, "SELECT transaction_day FROM communes WHERE id = 1"), 25);
	record_set(&r, 3, "10");
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT transaction_day FROM communes WHERE id = 1"), 10);
	record_free(&r);
	ck_assert_int_eq(record_open(&r, db, REC_COMMUNE, 0, NULL, &err), 0);
	record_set(&r, 0, "TC09");
	record_set(&r, 1, "Xã Mới");
	record_set(&r, 2, "xa");
	ck_assert_msg(record_save(&r, db, TODAY, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT transaction_day FROM communes WHERE code = 'TC09'"), 25);
	record_free(&r);
	db_close(db);
}
END_TEST

START_TEST(test_group_figures)
{
	sqlite3 *db = district();
	struct tkvv_err err;
	struct config cfg;
	config_defaults(&cfg);
	err_clear(&err);
	/* L0001: 20,000,000 less 1,000,000 paid, due 2026-01-10: overdue on 2026-03-01.
	 * Interest due for January and February 2026 on 19,000,000 at 0.52 %:
	 * 98,800 each; March falls due on its transaction day, the 25th. */
	ck_assert_msg(figures_groups(db, &cfg, "2026-03-01", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT outstanding FROM temp.tui_fig WHERE group_id = 1"), 19000000);
	ck_assert_int_eq(tu_int(db, "SELECT overdue FROM temp.tui_fig WHERE group_id = 1"), 19000000);
	ck_assert_int_eq(tu_int(db, "SELECT due_ytd FROM temp.tui_fig WHERE group_id = 1"), 2 * 98800);
	ck_assert_int_eq(tu_int(db, "SELECT members FROM temp.tui_fig WHERE group_id = 1"), 3);
	ck_assert_msg(figures_groups(db, &cfg, "2025-06-15", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT overdue FROM temp.tui_fig WHERE group_id = 1"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM temp.tui_fig"), 2);  /* the active groups */
	config_free(&cfg);
	db_close(db);
}
END_TEST

START_TEST(test_loan_states)
{
	sqlite3 *db = district();
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(figures_loans(db, "2026-03-01", 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT outstanding FROM temp.tui_loan WHERE id = 1"), 19000000);
	ck_assert_int_eq(tu_int(db, "SELECT state = 'overdue' FROM temp.tui_loan WHERE id = 1"), 1);
	/* The whole principal paid: only that loan is computed again, and it is closed. */
	fx_exec(db, "INSERT INTO payments(loan_id, paid_on, kind, amount) VALUES (1, '2026-02-01', 'principal', 19000000)");
	ck_assert_msg(figures_loans(db, "2026-03-01", 1, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT outstanding FROM temp.tui_loan WHERE id = 1"), 0);
	ck_assert_int_eq(tu_int(db, "SELECT state = 'closed' FROM temp.tui_loan WHERE id = 1"), 1);
	ck_assert_int_eq(tu_int(db, "SELECT count(*) FROM temp.tui_loan"), 1);
	ck_assert_msg(figures_loans(db, "2024-01-01", 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tu_int(db, "SELECT state = 'open' FROM temp.tui_loan WHERE id = 1"), 1);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("records");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_dates_money_and_rates);
	tcase_add_test(tc, test_codes_required_and_lengths);
	tcase_add_test(tc, test_leader_must_be_a_member);
	tcase_add_test(tc, test_save_member_in_one_transaction);
	tcase_add_test(tc, test_move_needs_a_reason_and_keeps_history);
	tcase_add_test(tc, test_delete_refused_when_something_depends);
	tcase_add_test(tc, test_interest_payment_month);
	tcase_add_test(tc, test_interest_prefill_follows);
	tcase_add_test(tc, test_interest_month_rule);
	tcase_add_test(tc, test_code_fields);
	tcase_add_test(tc, test_labels_in_vietnamese);
	tcase_add_test(tc, test_commune_transaction_day);
	tcase_add_test(tc, test_member_position_fields);
	tcase_add_test(tc, test_group_figures);
	tcase_add_test(tc, test_loan_states);
	suite_add_tcase(s, tc);
	i18n_locale();
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
