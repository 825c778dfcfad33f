/* Opening, checking, saving and deleting the records behind the forms. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/rules.h"
#include "tkvv/text.h"
#include "tkvv/textsafe.h"

/* The display form of a stored VALUE for field F. */
static char *display_value(const struct field_def *f, sqlite3_stmt *st, int col)
{
	char buf[64];
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return xstrdup("");
	switch (f->kind) {
	case FK_MONEY:
		record_fmt_money(sqlite3_column_int64(st, col), buf, sizeof buf);
		return xstrdup(buf);
	case FK_RATE:
		record_fmt_rate(sqlite3_column_int64(st, col), buf, sizeof buf);
		return xstrdup(buf);
	case FK_DATE:
	case FK_MONTH:
		record_fmt_date((const char *)sqlite3_column_text(st, col), buf, sizeof buf);
		return xstrdup(buf);
	case FK_CHOICE:
		return xstrdup(record_word_label((const char *)sqlite3_column_text(st, col)));
	default:
		return xstrdup((const char *)sqlite3_column_text(st, col));
	}
}

/* Load the display values of record R->id. */
static int record_load(struct record *r, sqlite3 *db, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, r->def->load_sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, r->id);
	int rc = sqlite3_step(st);
	for (int i = 0; rc == SQLITE_ROW && i < r->def->nfields; i++)
		r->value[i] = display_value(&r->def->fields[i], st, i);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return err_set(err, TKVV_EFAIL, "%s: %s", _(r->def->title), _("no longer in the database"));
	return 0;
}

int record_open(struct record *r, sqlite3 *db, enum record_kind kind, sqlite3_int64 id,
		const char *const *preset, struct tkvv_err *err)
{
	memset(r, 0, sizeof *r);
	r->def = record_def(kind);
	r->id = id;
	if (id && record_load(r, db, err) < 0) {
		record_free(r);
		return -1;
	}
	if (record_version_load(r, db) < 0) {
		db_fail(db, err, r->def->table);
		record_free(r);
		return -1;
	}
	for (int i = 0; i < r->def->nfields; i++) {
		const struct field_def *f = &r->def->fields[i];
		/* A new record starts a required choice at its first word. */
		if (!r->value[i] && !id && f->kind == FK_CHOICE && f->required)
			r->value[i] = xstrndup(f->choices, strcspn(f->choices, " "));
		if (!r->value[i])
			r->value[i] = xstrdup("");
		for (int p = 0; !id && preset && preset[p] && preset[p + 1]; p += 2)
			if (strcmp(preset[p], r->def->fields[i].column) == 0)
				record_set(r, i, preset[p + 1]);
		/* A choice is shown by its label, whichever form it was given in. */
		if (!id && f->kind == FK_CHOICE && *r->value[i])
			record_set(r, i, record_word_label(record_word(r, i)));
	}
	record_payment_prefill(r, db, -1);
	for (int i = 0; i < r->def->nfields; i++)
		r->orig[i] = xstrdup(r->value[i]);
	return 0;
}

void record_free(struct record *r)
{
	for (int i = 0; i < RECORD_MAXFIELDS; i++) {
		free(r->value[i]);
		free(r->orig[i]);
		free(r->prefill[i]);
	}
	free(r->reason);
	memset(r, 0, sizeof *r);
}

void record_set(struct record *r, int field, const char *value)
{
	free(r->value[field]);
	r->value[field] = xstrdup(value);
}

int record_changed(const struct record *r)
{
	for (int i = 0; i < r->def->nfields; i++)
		if (strcmp(r->value[i], r->orig[i]) != 0)
			return 1;
	return 0;
}

/* The index of the field stored in COLUMN, or -1. */
static int field_index(const struct record *r, const char *column)
{
	for (int i = 0; i < r->def->nfields; i++)
		if (strcmp(r->def->fields[i].column, column) == 0)
			return i;
	return -1;
}

/* Whether SQL (?1 text, ?2 integer when it has one) returns a row. */
static int sql_exists(sqlite3 *db, const char *sql, const char *text, sqlite3_int64 n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, n);
	int found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* Characters (not bytes) in S. */
static int char_count(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Set the error of field I; returns -1. */
static int field_error(struct record *r, int i, const char *msg, const char *arg)
{
	snprintf(r->error[i], sizeof r->error[i], msg, arg ? arg : "");
	return -1;
}

/* Check a code that refers to another table, with the group-leader rule. */
static int check_ref(struct record *r, sqlite3 *db, int i, const char *v)
{
	const struct field_def *f = &r->def->fields[i];
	if (record_resolve_code(r, db, i) < 0)
		return -1;
	v = r->value[i];
	if (r->def->kind == REC_GROUP && f->ref_keeps_code && strcmp(f->ref, "members") == 0 &&
	    !sql_exists(db, "SELECT 1 FROM members WHERE code = ?1 AND group_id = ?2", v, r->id))
		return field_error(r, i, _("%s is not a member of this group"), v);
	return 0;
}

/* Set the error of field I from a parser's message id; returns -1. */
static int parse_error(struct record *r, int i, const char *msgid, const char *value)
{
	snprintf(r->error[i], sizeof r->error[i], "%s %s", value, _(msgid));
	return -1;
}

/* Check a field's own syntax with the core's parsers. */
static int check_syntax(struct record *r, sqlite3 *db, int i, const char *v)
{
	const struct field_def *f = &r->def->fields[i];
	char buf[16];
	int64_t n;
	const char *bad;
	switch (f->kind) {
	case FK_DATE:
		return (bad = parse_date(v, buf)) ? parse_error(r, i, bad, v) : 0;
	case FK_MONTH:
		return record_parse_month(v, buf) < 0 ? field_error(r, i, _("not a month (MM/YYYY): %s"), v) : 0;
	case FK_RATE:
		return (bad = parse_rate(v, &n)) ? parse_error(r, i, bad, v) : 0;
	case FK_MONEY: {
		int neg = r->def->kind == REC_PAYMENT && strcmp(record_word(r, 2), "savings") == 0;
		return (bad = parse_money(v, neg, &n)) ? parse_error(r, i, bad, v) : 0;
	}
	case FK_CHOICE:
		return record_resolve_code(r, db, i);
	case FK_PHONE:
		return 0;
	case FK_COUNT:
		return (bad = parse_count(v, &n)) ? parse_error(r, i, bad, v) : 0;
	case FK_LAT:
	case FK_LON: {
		double x;
		int lat = f->kind == FK_LAT;
		return (bad = parse_degrees(v, lat ? -90 : -180, lat ? 90 : 180, &x)) ? parse_error(r, i, bad, v) : 0;
	}
	case FK_DAY: {
		char *end;
		long d = strtol(v, &end, 10);
		return *v && !*end && d >= 1 && d <= 28 ? 0
			: field_error(r, i, _("not a day from 1 to 28: %s"), v);
	}
	default:
		return 0;
	}
}

/* Rules between fields: due after disbursement, an interest month. */
static int check_cross(struct record *r, int i, const char *today)
{
	const char *col = r->def->fields[i].column;
	char a[11], b[11];
	(void)today;
	if (r->def->kind == REC_LOAN && (!strcmp(col, "due_on") || !strcmp(col, "extended_to"))) {
		int prev = !strcmp(col, "due_on") ? 4 : 5;
		if (!parse_date(r->value[i], a) && !parse_date(r->value[prev], b) &&
		    strcmp(a, b) < 0)
			return field_error(r, i, _("must not be before %s"), r->value[prev]);
	}
	/* The month is never guessed here: the form fills it in where it shows. */
	if (r->def->kind == REC_PAYMENT && !strcmp(col, "period") && !*r->value[i] &&
	    !strcmp(record_word(r, 2), "interest"))
		return field_error(r, i, "%s", _("the month the interest is for is required"));
	return 0;
}

/* Refuse control characters in field I (a tab reads as a space), as the
 * import does: pasted text may hold them. */
static int record_check_text(struct record *r, int i)
{
	size_t at;
	text_fold_tabs(r->value[i]);
	const char *bad = text_field_problem(r->value[i], strlen(r->value[i]), &at);
	if (!bad)
		return 0;
	snprintf(r->error[i], sizeof r->error[i], "'%s' %s", TEXT_Q(r->value[i]), _(bad));
	return -1;
}

/* Whether field I is the date of an event, which cannot be after today. */
static int is_event_date(const struct field_def *f)
{
	static const char *const events[] = {"paid_on", "disbursed_on", "joined_on", "founded_on"};
	for (size_t k = 0; f->kind == FK_DATE && k < ARRAY_LEN(events); k++)
		if (strcmp(f->column, events[k]) == 0)
			return 1;
	return 0;
}

/* Set the error of field I to VALUE and a rule's message MSG; returns -1. */
static int rule_error(struct record *r, int i, const char *value, const char *msg)
{
	if (snprintf(r->error[i], sizeof r->error[i], "%s %s", value, msg) >= (int)sizeof r->error[i])
		r->error[i][sizeof r->error[i] - 1] = '\0';
	return -1;
}

/* The rules of rules.h: a phone (normalised to its 10 digits), a CCCD no
 * other member has, an event not after today. */
static int check_rules(struct record *r, sqlite3 *db, int i, const char *v, const char *today)
{
	const struct field_def *f = &r->def->fields[i];
	char msg[RULES_MSG], iso[16];
	if (f->kind == FK_PHONE) {
		if (rules_phone(v, iso, msg, sizeof msg) < 0) {
			return rule_error(r, i, v, msg);
		}
		/* A stored phone the officer did not touch keeps its spelling:
		 * checking a form does not change it. */
		if (r->orig[i] && strcmp(r->orig[i], v) == 0)
			return 0;
		record_set(r, i, iso);
		return 0;
	}
	if (r->def->kind == REC_MEMBER && strcmp(f->column, "national_id") == 0) {
		if (rules_national_id(v, msg, sizeof msg) < 0) {
			return rule_error(r, i, v, msg);
		}
		if (sql_exists(db, "SELECT 1 FROM members WHERE national_id = ?1 AND id <> ?2", v, r->id))
			return field_error(r, i, _("%s is already the CCCD of another member"), v);
		return 0;
	}
	if (is_event_date(f) && !parse_date(v, iso) && rules_not_future(iso, today, msg, sizeof msg) < 0) {
		return rule_error(r, i, v, msg);
	}
	return 0;
}

int record_needs_confirm(struct record *r, sqlite3 *db, char *question, size_t n)
{
	struct rules_program p;
	struct tkvv_err err;
	char msg[RULES_MSG];
	int64_t amount, rate;
	r->override = 0;
	if (r->def->kind != REC_LOAN || rules_program_get(db, r->value[2], &p, &err) != 1 ||
	    parse_money(r->value[3], 0, &amount))
		return 0;
	if (parse_rate(r->value[6], &rate))
		rate = p.rate_ppm;
	if (rules_loan_amount(r->value[2], &p, amount, msg, sizeof msg) < 0)
		snprintf(question, n, _("Save anyway (y/n)? %s: %s %s"), _("Amount"), r->value[3], msg);
	else if (rules_loan_rate(r->value[2], &p, rate, msg, sizeof msg) < 0)
		snprintf(question, n, _("Save anyway (y/n)? %s: %s %s"), _("Rate %/month"),
			 r->value[6], msg);
	else
		return 0;
	return 1;
}

int record_check_field(struct record *r, sqlite3 *db, int i, const char *today)
{
	const struct field_def *f = &r->def->fields[i];
	char *v = text_nfc(r->value[i]);
	size_t len = strlen(v);
	while (len > 0 && v[len - 1] == ' ')
		v[--len] = '\0';
	record_set(r, i, v + strspn(v, " "));
	free(v);
	v = r->value[i];
	r->error[i][0] = '\0';
	if (record_check_text(r, i) < 0)
		return -1;
	if (!*v) {
		if (f->required)
			return field_error(r, i, "%s", _("required"));
		return check_cross(r, i, today);
	}
	/* A choice is checked against its words and labels instead. */
	if (f->kind != FK_CHOICE && char_count(v) > f->maxlen) {
		char n[16];
		snprintf(n, sizeof n, "%d", f->maxlen);
		return field_error(r, i, _("at most %s characters"), n);
	}
	if (f->kind == FK_CODE) {
		char sql[96];
		snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE code = ?1 AND id <> ?2", r->def->table);
		if (sql_exists(db, sql, v, r->id))
			return field_error(r, i, _("code %s is already used"), v);
		return 0;
	}
	if (f->kind == FK_REF)
		return check_ref(r, db, i, v);
	if (check_syntax(r, db, i, v) < 0 || check_rules(r, db, i, v, today) < 0)
		return -1;
	return check_cross(r, i, today);
}

int record_check(struct record *r, sqlite3 *db, const char *today)
{
	int bad = -1;
	for (int i = 0; i < r->def->nfields; i++)
		if (record_check_field(r, db, i, today) < 0 && bad < 0)
			bad = i;
	return bad;
}

int record_moves_member(const struct record *r)
{
	int g = field_index(r, "group");
	return r->def->kind == REC_MEMBER && r->id && g >= 0 && strcmp(r->value[g], r->orig[g]) != 0;
}
