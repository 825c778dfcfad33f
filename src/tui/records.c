/* The records behind the forms: field tables, checks, save and delete. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/quality.h"
#include "tkvv/text.h"

static const struct field_def commune_fields[] = {
	{"code", N_("Code"), FK_CODE, 1, 32, NULL, NULL, 0},
	{"name", N_("Name"), FK_TEXT, 1, 80, NULL, NULL, 0},
	{"kind", N_("Kind"), FK_CHOICE, 1, 8, NULL, "xa thi_tran", 0},
	{"transaction_day", N_("Transaction day"), FK_DAY, 0, 2, NULL, NULL, 0},
};
static const struct field_def hamlet_fields[] = {
	{"code", N_("Code"), FK_CODE, 1, 32, NULL, NULL, 0},
	{"commune", N_("Commune"), FK_REF, 1, 32, "communes", NULL, 0},
	{"name", N_("Name"), FK_TEXT, 1, 80, NULL, NULL, 0},
};
static const struct field_def group_fields[] = {
	{"code", N_("Code"), FK_CODE, 1, 32, NULL, NULL, 0},
	{"hamlet", N_("Hamlet"), FK_REF, 1, 32, "hamlets", NULL, 0},
	{"org", N_("Organisation"), FK_REF, 1, 8, "orgs", NULL, 1},
	{"name", N_("Name"), FK_TEXT, 0, 80, NULL, NULL, 0},
	{"leader", N_("Leader"), FK_REF, 0, 32, "members", NULL, 1},
	{"deputy", N_("Deputy"), FK_REF, 0, 32, "members", NULL, 1},
	{"founded_on", N_("Founded"), FK_DATE, 0, 10, NULL, NULL, 0},
};
static const struct field_def member_fields[] = {
	{"code", N_("Code"), FK_CODE, 1, 32, NULL, NULL, 0},
	{"full_name", N_("Full name"), FK_TEXT, 1, 60, NULL, NULL, 0},
	{"hamlet", N_("Hamlet"), FK_REF, 1, 32, "hamlets", NULL, 0},
	{"group", N_("Group"), FK_REF, 1, 32, "groups", NULL, 0},
	{"phone", N_("Phone"), FK_PHONE, 0, 20, NULL, NULL, 0},
	{"national_id", N_("National ID"), FK_TEXT, 0, 12, NULL, NULL, 0},
	{"category", N_("Category"), FK_CHOICE, 0, 16, NULL, "ngheo can_ngheo moi_thoat_ngheo khac", 0},
	{"joined_on", N_("Joined"), FK_DATE, 0, 10, NULL, NULL, 0},
	{"cluster", N_("Cluster"), FK_TEXT, 0, 40, NULL, NULL, 0},
	{"road_order", N_("Road order"), FK_COUNT, 0, 9, NULL, NULL, 0},
	{"lat", N_("Latitude"), FK_LAT, 0, 12, NULL, NULL, 0},
	{"lon", N_("Longitude"), FK_LON, 0, 12, NULL, NULL, 0},
};
static const struct field_def loan_fields[] = {
	{"code", N_("Code"), FK_CODE, 1, 32, NULL, NULL, 0},
	{"member", N_("Member"), FK_REF, 1, 32, "members", NULL, 0},
	{"program", N_("Programme"), FK_REF, 1, 8, "programs", NULL, 1},
	{"amount", N_("Amount"), FK_MONEY, 1, 20, NULL, NULL, 0},
	{"disbursed_on", N_("Disbursed"), FK_DATE, 1, 10, NULL, NULL, 0},
	{"due_on", N_("Due"), FK_DATE, 1, 10, NULL, NULL, 0},
	{"rate", N_("Rate %/month"), FK_RATE, 0, 8, NULL, NULL, 0},
	{"extended_to", N_("Extended to"), FK_DATE, 0, 10, NULL, NULL, 0},
};
static const struct field_def payment_fields[] = {
	{"loan", N_("Loan"), FK_REF, 1, 32, "loans", NULL, 0},
	{"paid_on", N_("Paid on"), FK_DATE, 1, 10, NULL, NULL, 0},
	{"kind", N_("Kind"), FK_CHOICE, 1, 10, NULL, "interest principal savings", 0},
	{"amount", N_("Amount"), FK_MONEY, 1, 20, NULL, NULL, 0},
	{"period", N_("Month"), FK_MONTH, 0, 7, NULL, NULL, 0},
};
static const struct field_def filter_fields[] = {
	{"commune", N_("Commune"), FK_REF, 0, 32, "communes", NULL, 0},
	{"hamlet", N_("Hamlet"), FK_REF, 0, 32, "hamlets", NULL, 0},
	{"org", N_("Organisation"), FK_REF, 0, 8, "orgs", NULL, 1},
	{"program", N_("Programme"), FK_REF, 0, 8, "programs", NULL, 1},
	{"status", N_("Loan status"), FK_CHOICE, 0, 8, NULL, "open overdue closed", 0},
};

static const struct record_def record_defs[REC_COUNT] = {
	{REC_COMMUNE, "communes", "commune", N_("Commune"), 4, commune_fields,
	 "SELECT code, name, kind, transaction_day FROM communes WHERE id = ?1",
	 "INSERT INTO communes(code, name, kind, transaction_day) VALUES (?1, ?2, ?3, coalesce(?4, 25))",
	 "UPDATE communes SET code = ?1, name = ?2, kind = ?3, transaction_day = coalesce(?4, 25)"
	 " WHERE id = ?5", 0},
	{REC_HAMLET, "hamlets", "hamlet", N_("Hamlet"), 3, hamlet_fields,
	 "SELECT h.code, c.code, h.name FROM hamlets h JOIN communes c ON c.id = h.commune_id WHERE h.id = ?1",
	 "INSERT INTO hamlets(code, commune_id, name) VALUES (?1, ?2, ?3)",
	 "UPDATE hamlets SET code = ?1, commune_id = ?2, name = ?3 WHERE id = ?4", 0},
	{REC_GROUP, "groups", "group", N_("Group"), 7, group_fields,
	 "SELECT g.code, h.code, g.org_code, g.name, g.leader_code, g.deputy_code, g.founded_on"
	 " FROM groups g JOIN hamlets h ON h.id = g.hamlet_id WHERE g.id = ?1",
	 "INSERT INTO groups(code, hamlet_id, org_code, name, leader_code, deputy_code, founded_on)"
	 " VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6, ?7)",
	 "UPDATE groups SET code = ?1, hamlet_id = ?2, org_code = ?3, name = coalesce(?4, ''),"
	 " leader_code = ?5, deputy_code = ?6, founded_on = ?7 WHERE id = ?8", 0},
	{REC_MEMBER, "members", "member", N_("Member"), 12, member_fields,
	 "SELECT m.code, m.full_name, h.code, g.code, m.phone, m.national_id, m.category, m.joined_on,"
	 " m.cluster, m.road_order, m.lat, m.lon"
	 " FROM members m JOIN hamlets h ON h.id = m.hamlet_id JOIN groups g ON g.id = m.group_id WHERE m.id = ?1",
	 "INSERT INTO members(code, full_name, hamlet_id, group_id, phone, national_id, category, joined_on,"
	 " cluster, road_order, lat, lon, name_folded, sort_key, phone_digits)"
	 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	 "UPDATE members SET code = ?1, full_name = ?2, hamlet_id = ?3, group_id = ?4, phone = ?5,"
	 " national_id = ?6, category = ?7, joined_on = ?8, cluster = ?9, road_order = ?10, lat = ?11,"
	 " lon = ?12, name_folded = ?13, sort_key = ?14, phone_digits = ?15 WHERE id = ?16", 3},
	{REC_LOAN, "loans", "loan", N_("Loan"), 8, loan_fields,
	 "SELECT l.code, m.code, l.program_code, l.amount, l.disbursed_on, l.due_on, l.rate_ppm, l.extended_to"
	 " FROM loans l JOIN members m ON m.id = l.member_id WHERE l.id = ?1",
	 "INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, rate_ppm, extended_to,"
	 " override) VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, (SELECT rate_ppm FROM programs WHERE code = ?3)),"
	 " ?8, ?9)",
	 "UPDATE loans SET code = ?1, member_id = ?2, program_code = ?3, amount = ?4, disbursed_on = ?5,"
	 " due_on = ?6, rate_ppm = coalesce(?7, (SELECT rate_ppm FROM programs WHERE code = ?3)),"
	 " extended_to = ?8, override = ?9 WHERE id = ?10", 1},
	{REC_PAYMENT, "payments", "payment", N_("Payment"), 5, payment_fields,
	 "SELECT l.code, p.paid_on, p.kind, p.amount, p.period FROM payments p JOIN loans l ON l.id = p.loan_id"
	 " WHERE p.id = ?1",
	 "INSERT INTO payments(loan_id, paid_on, kind, amount, period) VALUES (?1, ?2, ?3, ?4, ?5)",
	 "UPDATE payments SET loan_id = ?1, paid_on = ?2, kind = ?3, amount = ?4, period = ?5 WHERE id = ?6", 0},
	{REC_FILTER, NULL, NULL, N_("Filter"), 5, filter_fields, NULL, NULL, NULL, 0},
};

const struct record_def *record_def(enum record_kind kind)
{
	return &record_defs[kind];
}

/* SQL function tkvv_fold(text): the accent-free lower-case form used by search. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *s = sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, text_fold((const char *)s), -1, free);
}

int records_sql_functions(sqlite3 *db)
{
	return sqlite3_create_function(db, "tkvv_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				       NULL, sql_fold, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int record_parse_month(const char *s, char out[8])
{
	char iso[16];
	/* Forms show a month as MM/YYYY; the core's parser reads YYYY-MM. */
	if (strlen(s) == 7 && s[2] == '/') {
		snprintf(iso, sizeof iso, "%.4s-%.2s", s + 3, s);
		s = iso;
	}
	return parse_month(s, out) ? -1 : 0;
}

void record_fmt_money(long long v, char *out, size_t n)
{
	quality_format_money((int64_t)v, out, n);
}

void record_fmt_date(const char *iso, char *out, size_t n)
{
	if (iso && strlen(iso) == 10 && iso[4] == '-')
		snprintf(out, n, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	else if (iso && strlen(iso) == 16 && iso[4] == '-' && iso[10] == ' ')
		snprintf(out, n, "%.2s/%.2s/%.4s %s", iso + 8, iso + 5, iso, iso + 11);
	else if (iso && strlen(iso) == 7 && iso[4] == '-')
		snprintf(out, n, "%.2s/%.4s", iso + 5, iso);
	else
		snprintf(out, n, "%s", iso ? iso : "");
}

void record_fmt_rate(long long ppm, char *out, size_t n)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld,%04lld", ppm / 10000, ppm % 10000);
	size_t l = strlen(buf);
	while (l > 0 && buf[l - 1] == '0' && buf[l - 2] != ',')
		buf[--l] = '\0';
	snprintf(out, n, "%s", buf);
}
