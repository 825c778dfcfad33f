/* A small valid district for the suites that need rows: one commune, two
 * hamlets, their groups, six members with open memberships, a loan with
 * payments. Members are inserted as tkvv writes them (text.h columns). */
#ifndef TKVV_FIXTURE_H
#define TKVV_FIXTURE_H

#include "testutil.h"
#include "tkvv/text.h"

/* Run SQL that must succeed. */
static inline void fx_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_free(msg);
}

/* Insert member CODE named NAME into GROUP (and the group's hamlet), with an
 * open membership from 2020-01-01; NATIONAL_ID and PHONE may be NULL. */
static inline void fx_member(sqlite3 *db, const char *code, const char *name, const char *group,
			     const char *national_id, const char *phone)
{
	sqlite3_stmt *st;
	char *nfc = text_nfc(name), *folded = text_fold(name);
	char *digits = phone ? text_digits(phone) : NULL;
	size_t klen;
	unsigned char *key = text_name_key(nfc, &klen);
	ck_assert_int_eq(sqlite3_prepare_v2(db,
		"INSERT INTO members(code, full_name, name_folded, sort_key, hamlet_id, group_id, "
		"national_id, phone, phone_digits, joined_on) SELECT ?1, ?2, ?3, ?4, g.hamlet_id, g.id, "
		"?6, ?7, ?8, '2020-01-01' FROM groups g WHERE g.code = ?5", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, nfc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, folded, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, key, (int)klen, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, group, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, national_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, digits, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	ck_assert_int_eq(sqlite3_changes(db), 1);
	sqlite3_finalize(st);
	fx_exec(db, "INSERT INTO memberships(member_id, group_id, from_on) "
		    "SELECT id, group_id, joined_on FROM members WHERE id = last_insert_rowid()");
	free(nfc);
	free(folded);
	free(digits);
	free(key);
}

/* The district: hamlets TC01A01 and TC01A02 with one active group of three
 * members each, a merged and a dissolved group, loan L0001 of TC01A01M0001
 * with a principal, an interest and a savings payment. */
static inline sqlite3 *fx_district(void)
{
	sqlite3 *db = tu_memdb();
	fx_exec(db,
		"INSERT INTO communes(code, name) VALUES ('TC01', 'Phước Hưng');"
		"INSERT INTO hamlets(code, commune_id, name) VALUES "
		" ('TC01A01', 1, 'Ấp Chợ'), ('TC01A02', 1, 'Ấp Giồng Lớn');"
		"INSERT INTO groups(code, hamlet_id, org_code, leader_code, deputy_code, founded_on) VALUES "
		" ('TC01A01G01', 1, 'PN', 'TC01A01M0001', 'TC01A01M0002', '2015-03-01'),"
		" ('TC01A02G01', 2, 'ND', 'TC01A02M0001', NULL, '2016-07-15');"
		"INSERT INTO groups(code, hamlet_id, org_code, status, merged_into) VALUES "
		" ('TC01A01G02', 1, 'CCB', 'merged', 1), ('TC01A02G02', 2, 'TN', 'dissolved', NULL);");
	fx_member(db, "TC01A01M0001", "Nguyễn Văn Đức", "TC01A01G01", "079123456789", "0912 345 678");
	fx_member(db, "TC01A01M0002", "Trần Thị Hoa", "TC01A01G01", NULL, "0987.654.321");
	fx_member(db, "TC01A01M0003", "Thạch Thị Sa Rươne", "TC01A01G01", "084000111222", NULL);
	fx_member(db, "TC01A02M0001", "Nguyễn Đức Anh", "TC01A02G01", NULL, NULL);
	fx_member(db, "TC01A02M0002", "Lê Văn Dũng", "TC01A02G01", NULL, "0333 222 111");
	fx_member(db, "TC01A02M0003", "Kim Sóc Kha", "TC01A02G01", NULL, NULL);
	fx_exec(db,
		"INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm) "
		" VALUES ('L0001', 1, 'HN', 20000000, '2023-01-10', '2026-01-10', 5200);"
		"INSERT INTO payments(loan_id, paid_on, kind, amount, period) VALUES "
		" (1, '2024-03-05', 'principal', 1000000, NULL),"
		" (1, '2024-03-05', 'interest', 86667, '2024-02'),"
		" (1, '2024-03-05', 'savings', -50000, NULL);");
	return db;
}

#endif
