/* The kinds of CSV file and their columns, exactly as interfaces.md lists
 * them, with the rules that go beyond a single value. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio_kinds.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/quality.h"
#include "tkvv/rules.h"
#include "tkvv/text.h"
#include "tkvv/textsafe.h"

#define REQ COL_REQUIRED
#define PAST COL_PAST

static const struct column commune_cols[] = {
	{"commune_code", REQ, COL_CODE, ":commune_code", NULL, NULL, 0},
	{"name", REQ, COL_TEXT, ":name", NULL, NULL, 0},
	{"kind", 0, COL_ENUM, ":kind", "xa|thi_tran", "xa", 0},
	{"transaction_day", 0, COL_COUNT, ":transaction_day", NULL, "25", 0},
};

/* The transaction day is a day every month has: 1 to 28. */
static int commune_check(struct import *im, struct tkvv_err *err)
{
	if (!im->cells[3].null && (im->cells[3].i < 1 || im->cells[3].i > 28))
		return im_fail(im, 3, err, _("transaction_day '%s' is not a day from 1 to 28"),
			       TEXT_Q(im->cells[3].s));
	return 0;
}

static const struct column hamlet_cols[] = {
	{"hamlet_code", REQ, COL_CODE, ":hamlet_code", NULL, NULL, 0},
	{"commune_code", REQ, COL_REF, ":commune_id", NULL, NULL, REF_COMMUNE},
	{"name", REQ, COL_TEXT, ":name", NULL, NULL, 0},
};

static const struct column group_cols[] = {
	{"group_code", REQ, COL_CODE, ":group_code", NULL, NULL, 0},
	{"hamlet_code", REQ, COL_REF, ":hamlet_id", NULL, NULL, REF_HAMLET},
	{"org_code", REQ, COL_REF, ":org_code", NULL, NULL, REF_ORG},
	{"name", 0, COL_TEXT, ":name", NULL, "", 0},
	{"leader_member_code", 0, COL_CODE, ":leader_code", NULL, NULL, 0},
	{"deputy_member_code", 0, COL_CODE, ":deputy_code", NULL, NULL, 0},
	{"founded_on", PAST, COL_DATE, ":founded_on", NULL, NULL, 0},
};

static const struct column member_cols[] = {
	{"member_code", REQ, COL_CODE, ":member_code", NULL, NULL, 0},
	{"full_name", REQ, COL_TEXT, ":full_name", NULL, NULL, 0},
	{"hamlet_code", REQ, COL_REF, ":hamlet_id", NULL, NULL, REF_HAMLET},
	{"group_code", REQ, COL_REF, ":group_id", NULL, NULL, REF_GROUP},
	{"cluster", 0, COL_TEXT, ":cluster", NULL, NULL, 0},
	{"road_order", 0, COL_COUNT, ":road_order", NULL, NULL, 0},
	{"lat", 0, COL_LAT, ":lat", NULL, NULL, 0},
	{"lon", 0, COL_LON, ":lon", NULL, NULL, 0},
	{"national_id", 0, COL_NATID, ":national_id", NULL, NULL, 0},
	{"phone", 0, COL_PHONE, ":phone", NULL, NULL, 0},
	{"category", 0, COL_ENUM, ":category", "ngheo|can_ngheo|moi_thoat_ngheo|khac", NULL, 0},
	{"joined_on", PAST, COL_DATE, ":joined_on", NULL, NULL, 0},
};

static const struct column loan_cols[] = {
	{"loan_code", REQ, COL_CODE, ":loan_code", NULL, NULL, 0},
	{"member_code", REQ, COL_REF, ":member_id", NULL, NULL, REF_MEMBER},
	{"program_code", REQ, COL_REF, ":program_code", NULL, NULL, REF_PROGRAM},
	{"amount", REQ, COL_MONEY, ":amount", NULL, NULL, 0},
	{"disbursed_on", REQ | PAST, COL_DATE, ":disbursed_on", NULL, NULL, 0},
	{"due_on", REQ, COL_DATE, ":due_on", NULL, NULL, 0},
	{"rate_pct_month", REQ, COL_RATE, ":rate_ppm", NULL, NULL, 0},
	{"extended_to", 0, COL_DATE, ":extended_to", NULL, NULL, 0},
	{"outstanding", COL_DERIVED, COL_MONEY, NULL, NULL, NULL, 0},
	{"status", COL_DERIVED, COL_ENUM, NULL, "normal|overdue|extended|closed", NULL, 0},
	{"override", 0, COL_FLAG, ":override", NULL, NULL, 0},
};

static const struct column payment_cols[] = {
	{"loan_code", REQ, COL_REF, ":loan_id", NULL, NULL, REF_LOAN},
	{"paid_on", REQ | PAST, COL_DATE, ":paid_on", NULL, NULL, 0},
	{"kind", REQ, COL_ENUM, ":kind", "principal|interest|savings", NULL, 0},
	{"amount", REQ, COL_SMONEY, ":amount", NULL, NULL, 0},
	{"period", 0, COL_MONTH, ":period", NULL, NULL, 0},
};

static const struct column program_cols[] = {
	{"program_code", REQ, COL_CODE, ":program_code", NULL, NULL, 0},
	{"name", REQ, COL_TEXT, ":name", NULL, NULL, 0},
	{"name_en", 0, COL_TEXT, ":name_en", NULL, "", 0},
	{"ceiling", REQ, COL_MONEY, ":ceiling", NULL, NULL, 0},
	{"rate_pct_month", REQ, COL_RATE, ":rate_ppm", NULL, NULL, 0},
	{"rate_tolerance_pct", 0, COL_COUNT, ":rate_tolerance_pct", NULL, "25", 0},
};

/* A group's leader and deputy: distinct, and members of the group when
 * they are already members at all (groups come before members). */
static int group_check(struct import *im, struct tkvv_err *err)
{
	const struct cell *leader = &im->cells[4], *deputy = &im->cells[5];
	if (!leader->null && !deputy->null && strcmp(leader->s, deputy->s) == 0)
		return im_fail(im, 5, err, _("deputy_member_code '%s' is also the leader"),
			       TEXT_Q(deputy->s));
	for (int c = 4; c <= 5; c++) {
		sqlite3_int64 id, group_id;
		if (im->cells[c].null)
			continue;
		int found = im_ref(im, REF_MEMBER, im->cells[c].s, &id, &group_id, err);
		if (found < 0)
			return -1;
		if (found && (!im->existing || group_id != im->existing))
			return im_fail(im, c, err, _("%s '%s' is not a member of group '%s'"),
				       im->k->cols[c].name, TEXT_Q(im->cells[c].s),
				       TEXT_Q(im->cells[0].s));
	}
	return 0;
}

/* A national ID given twice in the file; the line and the member's id are
 * kept for member_finish, which checks the other members once all rows are in. */
static int member_check_national_id(struct import *im, struct tkvv_err *err)
{
	const struct cell *id = &im->cells[8];
	int added;
	if (id->null)
		return 0;
	if (!im->values)
		im->values = xcalloc(1, sizeof *im->values);
	struct code_entry *e = codemap_get(im->values, id->s, &added);
	if (!added)
		return im_fail(im, 8, err, _("national_id '%s' is also on line %lld of the file; "
					     "each member has her own CCCD"), id->s, (long long)e->a);
	e->a = (sqlite3_int64)csv_line(im->csv);
	e->b = im->existing;
	return 0;
}

/* A member's group lies in the member's hamlet; coordinates come in pairs. */
static int member_check(struct import *im, struct tkvv_err *err)
{
	const struct cell *hamlet = &im->cells[2], *group = &im->cells[3];
	if (group->aux != hamlet->id)
		return im_fail(im, 3, err, _("group_code '%s' is not in hamlet '%s'"),
			       TEXT_Q(group->s), TEXT_Q(hamlet->s));
	if (im->cells[6].null != im->cells[7].null)
		return im_fail(im, im->cells[6].null ? 7 : 6, err,
			       _("lat and lon must be given together"));
	return member_check_national_id(im, err);
}

/* The search and sort columns computed from a member's name and phone. */
static void member_bind(struct import *im, sqlite3_stmt *st)
{
	size_t keylen;
	char *folded = text_fold(im->cells[1].s);
	unsigned char *key = text_name_key(im->cells[1].s, &keylen);
	char *digits = im->cells[9].null ? NULL : text_digits(im->cells[9].s);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":name_folded"), folded, -1, free);
	sqlite3_bind_blob(st, sqlite3_bind_parameter_index(st, ":sort_key"), key, (int)keylen, free);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":phone_digits"), digits, -1, free);
}

/* Open the memberships member_after kept, in the order of the file. */
static int member_open_memberships(struct import *im, struct tkvv_err *err)
{
	if (!im->batch.len)
		return 0;
	sb_addc(&im->batch, ']');
	sqlite3_stmt *open = im_stmt(im, 1, "INSERT INTO memberships(member_id, group_id, from_on, reason) "
				     "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
				     "json_extract(value, '$[2]'), 'import' FROM json_each(?1)", err);
	if (!open)
		return -1;
	sqlite3_bind_text(open, 1, im->batch.buf, (int)im->batch.len, SQLITE_STATIC);
	int rc = im_step(im, open, err);
	sb_reset(&im->batch);
	return rc;
}

/* Membership history: a new member opens one from joined_on; a member who
 * changes group closes the open one today and opens the new one. */
static int member_after(struct import *im, sqlite3_int64 id, int added, struct tkvv_err *err)
{
	sqlite3_int64 group_id = im->cells[3].id;
	if (added && !im->cells[8].null) {
		int fresh;
		codemap_get(im->values, im->cells[8].s, &fresh)->b = id;
	}
	if (!added && im->old_extra == group_id)
		return 0;
	if (!added) {
		sqlite3_stmt *close = im_stmt(im, 0, "UPDATE memberships SET to_on = max(from_on, :today) "
					      "WHERE member_id = :id AND to_on IS NULL", err);
		if (!close)
			return -1;
		im_bind_text(close, ":today", im->today);
		im_bind_int(close, ":id", id);
		if (im_step(im, close, err) < 0)
			return -1;
	}
	/* New memberships are written a thousand or so at a time, and the
	 * rest by member_finish: one statement instead of one per row. */
	const char *from = !added ? im->today : im->cells[11].null ? "1900-01-01" : im->cells[11].s;
	sb_addf(&im->batch, "%c[%lld,%lld,\"%s\"]", im->batch.len ? ',' : '[', (long long)id,
		(long long)group_id, from);
	return im->batch.len < 32768 ? 0 : member_open_memberships(im, err);
}

/* Every national ID of the file against the other members, now that every
 * row is written (two members may swap theirs in one file). The first line
 * in the file with a clash is reported. */
static int member_finish(struct import *im, struct tkvv_err *err)
{
	if (member_open_memberships(im, err) < 0)
		return -1;
	if (!im->values)
		return 0;
	sqlite3_stmt *st = im_stmt(im, 2, "SELECT min(code) FROM members WHERE national_id = ?1 "
				   "AND id <> ?2", err);
	if (!st)
		return -1;
	const struct code_entry *bad = NULL;
	char *other = NULL;
	for (size_t i = 0; i < im->values->cap; i++) {
		const struct code_entry *e = &im->values->e[i];
		if (!e->key || (bad && e->a > bad->a))
			continue;
		sqlite3_bind_text(st, 1, e->key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, e->b);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
			free(other);
			other = xstrdup((const char *)sqlite3_column_text(st, 0));
			bad = e;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			free(other);
			return db_fail(im->db, err, "database");
		}
	}
	if (!bad)
		return 0;
	int rc = im_fail_at(im, (unsigned long)bad->a, 8, err, _("national_id '%s' is already "
			    "the CCCD of member %s"), bad->key, other);
	free(other);
	return rc;
}

/* Programme CODE's ceiling, rate and tolerance, read once per import. */
static int loan_program(struct import *im, const char *code, struct rules_program *p,
			struct tkvv_err *err)
{
	int added;
	if (!im->values)
		im->values = xcalloc(1, sizeof *im->values);
	struct code_entry *e = codemap_get(im->values, code, &added);
	if (added) {
		if (rules_program_get(im->db, code, p, err) < 0)
			return -1;
		/* The rate (at most 10^6 ppm) and the tolerance share one slot. */
		e->a = p->ceiling;
		e->b = p->rate_ppm * 10000 + p->tolerance_pct;
	}
	p->ceiling = e->a;
	p->rate_ppm = e->b / 10000;
	p->tolerance_pct = e->b % 10000;
	return 0;
}

/* A loan within its programme's ceiling and near its rate, unless the
 * override column says it is intended. */
static int loan_check_program(struct import *im, struct tkvv_err *err)
{
	struct rules_program p;
	char msg[RULES_MSG];
	const char *code = im->cells[2].s;
	if (!im->cells[10].null)
		return 0;
	if (loan_program(im, code, &p, err) < 0)
		return -1;
	if (rules_loan_amount(code, &p, im->cells[3].i, msg, sizeof msg) < 0)
		return im_fail(im, 3, err, _("amount %s %s; if it is intended, say so in an "
					     "override column (yes)"), im->cells[3].s, msg);
	if (rules_loan_rate(code, &p, im->cells[6].i, msg, sizeof msg) < 0)
		return im_fail(im, 6, err, _("rate_pct_month %s %s; if it is intended, say so in "
					     "an override column (yes)"), im->cells[6].s, msg);
	return 0;
}

/* A loan falls due after it is disbursed, and an extension moves it later. */
static int loan_check(struct import *im, struct tkvv_err *err)
{
	const struct cell *disbursed = &im->cells[4], *due = &im->cells[5], *ext = &im->cells[7];
	if (strcmp(due->s, disbursed->s) < 0)
		return im_fail(im, 5, err, _("due_on %s is before disbursed_on %s"), due->s,
			       disbursed->s);
	if (!ext->null && strcmp(ext->s, due->s) < 0)
		return im_fail(im, 7, err, _("extended_to %s is before due_on %s"), ext->s, due->s);
	return loan_check_program(im, err);
}

/* A second interest payment for a month that other payments already paid
 * in full (by the due of quality-metrics.md) is refused; the row being
 * updated does not count. */
static int interest_month_check(struct import *im, struct tkvv_err *err)
{
	struct quality_month *m;
	size_t n;
	const char *period = im->cells[4].s;
	sqlite3_stmt *terms = im_stmt(im, 0, QUALITY_SQL_LOAN_TERMS, err);
	sqlite3_stmt *payments = terms ? im_stmt(im, 1, QUALITY_SQL_LOAN_PAYMENTS, err) : NULL;
	if (!payments || quality_loan_months_st(terms, payments, im->cells[0].id, period, im->existing,
						&m, &n, err) < 0)
		return -1;
	const struct quality_month *mo = quality_month_find(m, n, period);
	int rc = 0;
	if (mo && mo->due > 0 && mo->collected >= mo->due) {
		char day[16];
		snprintf(day, sizeof day, "%.2s/%.2s/%.4s", mo->full_on + 8, mo->full_on + 5, mo->full_on);
		rc = im_fail(im, 4, err, _("month %s was paid in full on %s"), period, day);
	}
	free(m);
	return rc;
}

/* Only savings may be negative (a withdrawal); interest names its month. */
static int payment_check(struct import *im, struct tkvv_err *err)
{
	const char *kind = im->cells[2].s;
	if (strcmp(kind, "savings") != 0 && im->cells[3].i < 0)
		return im_fail(im, 3, err, _("amount '%s' is negative; only savings may be (a withdrawal)"),
			       TEXT_Q(im->cells[3].s));
	/* Point at the period column, or at the kind when the file has none. */
	if (strcmp(kind, "interest") == 0 && im->cells[4].null)
		return im_fail(im, im->field[4] >= 0 ? 4 : 2, err, _("period is needed for an interest payment (YYYY-MM)"));
	return strcmp(kind, "interest") == 0 ? interest_month_check(im, err) : 0;
}

/* A loan's outstanding principal today. */
#define OUTSTANDING QUALITY_SQL_OUTSTANDING(":today")

const struct kind csvio_kinds[CSVIO_KIND_COUNT] = {
	[CSVIO_COMMUNES] = {
		"communes", commune_cols, ARRAY_LEN(commune_cols), {0}, 1,
		"SELECT c.id, c.code, c.name, c.kind, c.transaction_day FROM communes c",
		" WHERE c.code = :commune_code", " ORDER BY c.code",
		"INSERT INTO communes(code, name, kind, transaction_day)"
		" VALUES (:commune_code, :name, :kind, :transaction_day)",
		"UPDATE communes SET name = :name, kind = :kind, transaction_day = :transaction_day,"
		" rowver = rowver + 1 WHERE id = :id",
		NULL, NULL, 0,
		commune_check, NULL, NULL,
	},
	[CSVIO_HAMLETS] = {
		"hamlets", hamlet_cols, ARRAY_LEN(hamlet_cols), {0}, 1,
		"SELECT h.id, h.code, c.code, h.name FROM hamlets h "
		"JOIN communes c ON c.id = h.commune_id",
		" WHERE h.code = :hamlet_code", " ORDER BY h.code",
		"INSERT INTO hamlets(code, commune_id, name) VALUES (:hamlet_code, :commune_id, :name)",
		"UPDATE hamlets SET commune_id = :commune_id, name = :name, rowver = rowver + 1 "
		"WHERE id = :id",
		NULL, NULL, 0,
		NULL, NULL, NULL,
	},
	[CSVIO_GROUPS] = {
		"groups", group_cols, ARRAY_LEN(group_cols), {0}, 1,
		"SELECT g.id, g.code, h.code, g.org_code, g.name, g.leader_code, g.deputy_code, "
		"g.founded_on FROM groups g JOIN hamlets h ON h.id = g.hamlet_id",
		" WHERE g.code = :group_code", " ORDER BY g.code",
		"INSERT INTO groups(code, hamlet_id, org_code, name, leader_code, deputy_code, founded_on) "
		"VALUES (:group_code, :hamlet_id, :org_code, :name, :leader_code, :deputy_code, :founded_on)",
		"UPDATE groups SET hamlet_id = :hamlet_id, org_code = :org_code, name = :name, "
		"leader_code = :leader_code, deputy_code = :deputy_code, founded_on = :founded_on, "
		"rowver = rowver + 1 WHERE id = :id",
		NULL, NULL, 0,
		group_check, NULL, NULL,
	},
	[CSVIO_MEMBERS] = {
		"members", member_cols, ARRAY_LEN(member_cols), {0}, 1,
		"SELECT m.id, m.code, m.full_name, h.code, g.code, m.cluster, m.road_order, m.lat, "
		"m.lon, m.national_id, m.phone, m.category, m.joined_on, m.group_id FROM members m "
		"JOIN hamlets h ON h.id = m.hamlet_id JOIN groups g ON g.id = m.group_id",
		" WHERE m.code = :member_code", " ORDER BY m.code",
		"INSERT INTO members(code, full_name, name_folded, sort_key, hamlet_id, group_id, "
		"cluster, road_order, lat, lon, national_id, phone, phone_digits, category, joined_on) "
		"VALUES (:member_code, :full_name, :name_folded, :sort_key, :hamlet_id, :group_id, "
		":cluster, :road_order, :lat, :lon, :national_id, :phone, :phone_digits, :category, "
		":joined_on)",
		"UPDATE members SET full_name = :full_name, name_folded = :name_folded, "
		"sort_key = :sort_key, hamlet_id = :hamlet_id, group_id = :group_id, "
		"cluster = :cluster, road_order = :road_order, lat = :lat, lon = :lon, "
		"national_id = :national_id, phone = :phone, phone_digits = :phone_digits, "
		"category = :category, joined_on = :joined_on, rowver = rowver + 1 WHERE id = :id",
		"INSERT INTO member_search(member_search, rowid, name_folded, code, national_id, "
		"phone_digits) SELECT 'delete', id, name_folded, code, national_id, phone_digits "
		"FROM members WHERE id = ?1",
		"INSERT INTO member_search(rowid, name_folded, code, national_id, phone_digits) "
		"SELECT id, name_folded, code, national_id, phone_digits FROM members "
		"WHERE id IN (SELECT value FROM json_each(?1))",
		1u << 0 | 1u << 1 | 1u << 8 | 1u << 9,
		member_check, member_bind, member_after, member_finish,
	},
	[CSVIO_LOANS] = {
		"loans", loan_cols, ARRAY_LEN(loan_cols), {0}, 1,
		"SELECT l.id, l.code, m.code, l.program_code, l.amount, l.disbursed_on, l.due_on, "
		"l.rate_ppm, l.extended_to, " OUTSTANDING ", CASE WHEN " OUTSTANDING " = 0 "
		"THEN 'closed' WHEN coalesce(l.extended_to, l.due_on) < :today THEN 'overdue' "
		"WHEN l.extended_to IS NOT NULL THEN 'extended' ELSE 'normal' END, "
		"CASE WHEN l.override THEN 'yes' END "
		"FROM loans l JOIN members m ON m.id = l.member_id",
		" WHERE l.code = :loan_code", " ORDER BY l.code",
		"INSERT INTO loans(code, member_id, program_code, amount, disbursed_on, due_on, "
		"rate_ppm, extended_to, override) VALUES (:loan_code, :member_id, :program_code, "
		":amount, :disbursed_on, :due_on, :rate_ppm, :extended_to, :override IS NOT NULL)",
		"UPDATE loans SET member_id = :member_id, program_code = :program_code, "
		"amount = :amount, disbursed_on = :disbursed_on, due_on = :due_on, "
		"rate_ppm = :rate_ppm, extended_to = :extended_to, rowver = rowver + 1, "
		"override = :override IS NOT NULL WHERE id = :id",
		NULL, NULL, 0,
		loan_check, NULL, NULL,
	},
	[CSVIO_PAYMENTS] = {
		"payments", payment_cols, ARRAY_LEN(payment_cols), {0, 1, 2, 4}, 4,
		"SELECT p.id, l.code, p.paid_on, p.kind, p.amount, p.period FROM payments p "
		"JOIN loans l ON l.id = p.loan_id",
		" WHERE p.loan_id = :loan_id AND p.paid_on = :paid_on AND p.kind = :kind "
		"AND p.period IS :period",
		" ORDER BY l.code, p.paid_on, p.kind, p.period",
		"INSERT INTO payments(loan_id, paid_on, kind, amount, period) "
		"VALUES (:loan_id, :paid_on, :kind, :amount, :period)",
		"UPDATE payments SET amount = :amount, rowver = rowver + 1 WHERE id = :id",
		NULL, NULL, 0,
		payment_check, NULL, NULL,
	},
	[CSVIO_PROGRAMS] = {
		"programs", program_cols, ARRAY_LEN(program_cols), {0}, 1,
		"SELECT p.rowid, p.code, p.name, p.name_en, p.ceiling, p.rate_ppm, "
		"p.rate_tolerance_pct FROM programs p",
		" WHERE p.code = :program_code", " ORDER BY p.code",
		"INSERT INTO programs(code, name, name_en, ceiling, rate_ppm, rate_tolerance_pct) "
		"VALUES (:program_code, :name, :name_en, :ceiling, :rate_ppm, :rate_tolerance_pct)",
		"UPDATE programs SET name = :name, name_en = :name_en, ceiling = :ceiling, "
		"rate_ppm = :rate_ppm, rate_tolerance_pct = :rate_tolerance_pct "
		"WHERE rowid = :id",
		NULL, NULL, 0,
		NULL, NULL, NULL,
	},
};
