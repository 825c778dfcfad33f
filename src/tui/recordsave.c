/* Saving and deleting records: one transaction each, with an audit row. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/text.h"

/* Bind field I of R as parameter I+1 in its stored form. */
static int bind_field(struct record *r, sqlite3 *db, sqlite3_stmt *st, int i, struct tkvv_err *err)
{
	const struct field_def *f = &r->def->fields[i];
	const char *v = r->value[i];
	char buf[16];
	int64_t n;
	if (!*v)
		return sqlite3_bind_null(st, i + 1) == SQLITE_OK ? 0 : -1;
	switch (f->kind) {
	case FK_REF:
		if (f->ref_keeps_code)
			break;
		n = db_id_by_code(db, f->ref, v, err);
		if (n <= 0)
			return n < 0 ? -1 : err_set(err, TKVV_EFAIL, "%s: %s: %s", _(f->label), _("no such code"), v);
		return sqlite3_bind_int64(st, i + 1, n) == SQLITE_OK ? 0 : -1;
	case FK_DATE:
		parse_date(v, buf);
		return sqlite3_bind_text(st, i + 1, buf, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
	case FK_MONTH:
		record_parse_month(v, buf);
		return sqlite3_bind_text(st, i + 1, buf, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
	case FK_MONEY:
		parse_money(v, 1, &n);
		return sqlite3_bind_int64(st, i + 1, n) == SQLITE_OK ? 0 : -1;
	case FK_RATE:
		parse_rate(v, &n);
		return sqlite3_bind_int64(st, i + 1, n) == SQLITE_OK ? 0 : -1;
	case FK_DAY:
		return sqlite3_bind_int64(st, i + 1, strtol(v, NULL, 10)) == SQLITE_OK ? 0 : -1;
	case FK_COUNT:
		parse_count(v, &n);
		return sqlite3_bind_int64(st, i + 1, n) == SQLITE_OK ? 0 : -1;
	case FK_LAT:
	case FK_LON: {
		double x = 0;
		parse_degrees(v, f->kind == FK_LAT ? -90 : -180, f->kind == FK_LAT ? 90 : 180, &x);
		return sqlite3_bind_double(st, i + 1, x) == SQLITE_OK ? 0 : -1;
	}
	case FK_CHOICE:
		v = record_word(r, i);
		break;
	default:
		break;
	}
	return sqlite3_bind_text(st, i + 1, v, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

/* Bind a member's derived columns: folded name, Vietnamese sort key, phone digits. */
static void bind_member_extras(struct record *r, sqlite3_stmt *st)
{
	size_t keylen;
	unsigned char *key = text_name_key(r->value[1], &keylen);
	int at = (int)r->def->nfields;  /* the extras follow the fields */
	sqlite3_bind_text(st, at + 1, text_fold(r->value[1]), -1, free);
	sqlite3_bind_blob(st, at + 2, key, (int)keylen, free);
	if (*r->value[4])
		sqlite3_bind_text(st, at + 3, text_digits(r->value[4]), -1, free);
	else
		sqlite3_bind_null(st, at + 3);
}

/* Run SQL with ?1 = A (integer), ?2 = B (text, may be NULL), ?3 = C (text). */
static int exec3(sqlite3 *db, const char *sql, sqlite3_int64 a, const char *b, const char *c,
		 struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "memberships");
}

/* Keep the membership history in step: a new member opens one, a move
 * closes the open one today and opens the new group's with the reason. */
static int member_history(struct record *r, sqlite3 *db, int is_new, const char *today,
			  struct tkvv_err *err)
{
	char joined[11];
	const char *from = today;
	if (is_new && !parse_date(r->value[7], joined))
		from = joined;
	if (!is_new && !record_moves_member(r))
		return 0;
	if (!is_new && exec3(db, "UPDATE memberships SET to_on = max(?2, from_on) WHERE member_id = ?1"
			     " AND to_on IS NULL", r->id, today, NULL, err) < 0)
		return -1;
	return exec3(db, "INSERT INTO memberships(member_id, group_id, from_on, reason)"
		     " SELECT ?1, group_id, ?2, ?3 FROM members WHERE id = ?1", r->id, from,
		     is_new ? NULL : r->reason, err);
}

/* Insert or update R's row; sets r->id of a new one. */
static int record_write(struct record *r, sqlite3 *db, struct tkvv_err *err)
{
	const struct record_def *d = r->def;
	sqlite3_stmt *st;
	if (db_prepare(db, r->id ? d->update_sql : d->insert_sql, &st, err) < 0)
		return -1;
	for (int i = 0; i < d->nfields; i++)
		if (bind_field(r, db, st, i, err) < 0) {
			sqlite3_finalize(st);
			return -1;
		}
	if (d->kind == REC_MEMBER)
		bind_member_extras(r, st);
	if (d->kind == REC_LOAN)
		sqlite3_bind_int(st, d->nfields + 1, r->override);
	if (r->id)
		sqlite3_bind_int64(st, d->nfields + d->nextra + 1, r->id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _(d->title));
	if (!r->id)
		r->id = sqlite3_last_insert_rowid(db);
	return 0;
}

int record_save(struct record *r, sqlite3 *db, const char *today, struct tkvv_err *err)
{
	int is_new = r->id == 0;
	int bad = record_check(r, db, today);
	if (bad >= 0)
		return err_set(err, TKVV_EFAIL, "%s: %s", _(r->def->fields[bad].label), r->error[bad]);
	/* A loan that breaks its programme's rule is saved, marked as intended,
	 * only when the officer confirmed it (r->override set by the form). */
	char question[512];
	int confirmed = r->override;
	if (record_needs_confirm(r, db, question, sizeof question)) {
		if (!confirmed)
			return err_set(err, TKVV_EFAIL, _("not saved without confirmation: %s"), question);
		r->override = 1;
	}
	if (record_moves_member(r) && (!r->reason || !*r->reason))
		return err_set(err, TKVV_EFAIL, "%s", _("a reason is needed to move a member to another group"));
	if (record_payment_rule(r, db, err) < 0)
		return -1;
	if (db_begin(db, err) < 0)
		return -1;
	int conflict = record_version_check(r, db, err);
	if (conflict < 0) {
		db_rollback(db);
		return conflict;
	}
	if (record_write(r, db, err) < 0 ||
	    (r->def->kind == REC_MEMBER && member_history(r, db, is_new, today, err) < 0) ||
	    db_audit(db, is_new ? "add" : "edit", r->def->entity, r->value[0],
		     record_moves_member(r) ? r->reason : NULL, err) < 0 ||
	    db_commit(db, err) < 0) {
		db_rollback(db);
		if (is_new)
			r->id = 0;
		return -1;
	}
	for (int i = 0; i < r->def->nfields; i++) {
		free(r->orig[i]);
		r->orig[i] = xstrdup(r->value[i]);
	}
	record_version_load(r, db);
	return 0;
}

/* What must not exist for a record of each kind to be deleted. */
static const struct dependency {
	enum record_kind kind;
	const char *sql;     /* count of dependants of ?1 */
	const char *reason;  /* N_() with %lld */
} dependencies[] = {
	{REC_COMMUNE, "SELECT count(*) FROM hamlets WHERE commune_id = ?1",
	 N_("it still has %lld hamlets")},
	{REC_HAMLET, "SELECT count(*) FROM groups WHERE hamlet_id = ?1",
	 N_("it still has %lld groups")},
	{REC_HAMLET, "SELECT count(*) FROM members WHERE hamlet_id = ?1",
	 N_("it still has %lld members")},
	{REC_GROUP, "SELECT count(*) FROM members WHERE group_id = ?1",
	 N_("it still has %lld members")},
	{REC_GROUP, "SELECT count(*) FROM memberships WHERE group_id = ?1",
	 N_("%lld membership records refer to it")},
	{REC_MEMBER, "SELECT count(*) FROM loans WHERE member_id = ?1",
	 N_("the member has %lld loans")},
	{REC_LOAN, "SELECT count(*) FROM payments WHERE loan_id = ?1",
	 N_("the loan has %lld payments")},
};

/* Refuse with the reason when something depends on record ID. */
static int check_dependants(sqlite3 *db, enum record_kind kind, sqlite3_int64 id,
			    const char *code, struct tkvv_err *err)
{
	for (size_t i = 0; i < ARRAY_LEN(dependencies); i++) {
		if (dependencies[i].kind != kind)
			continue;
		sqlite3_stmt *st;
		if (db_prepare(db, dependencies[i].sql, &st, err) < 0)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		if (n > 0) {
			char why[160];
			snprintf(why, sizeof why, _(dependencies[i].reason), n);
			return err_set(err, TKVV_EFAIL, _("cannot delete %s %s: %s"),
				       _(record_def(kind)->title), code, why);
		}
	}
	return 0;
}

int record_delete(sqlite3 *db, enum record_kind kind, sqlite3_int64 id, struct tkvv_err *err)
{
	struct record r;
	if (record_open(&r, db, kind, id, NULL, err) < 0)
		return -1;
	char *code = xstrdup(r.value[0]);
	record_free(&r);
	char sql[64];
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?1", record_def(kind)->table);
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (check_dependants(db, kind, id, code, err) == 0 && db_begin(db, err) == 0) {
		if (db_prepare(db, sql, &st, err) == 0) {
			sqlite3_bind_int64(st, 1, id);
			rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, err, record_def(kind)->table);
			sqlite3_finalize(st);
		}
		if (rc == 0)
			rc = db_audit(db, "delete", record_def(kind)->entity, code, NULL, err);
		if (rc == 0)
			rc = db_commit(db, err);
		if (rc < 0)
			db_rollback(db);
	}
	free(code);
	return rc;
}
