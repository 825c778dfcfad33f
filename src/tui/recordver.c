/* Lost updates: a form saves only over the row it loaded. The row's
 * version (rowver, raised by every UPDATE) is read when the form opens and
 * checked again in the save's transaction; when it moved, the audit log
 * says who changed the row and the stored values say what. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/textsafe.h"

/* The stored version of record R, 0 when the row is gone, -1 on error. */
static sqlite3_int64 stored_version(const struct record *r, sqlite3 *db)
{
	char sql[96];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT rowver FROM %s WHERE id = ?1", r->def->table);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, r->id);
	int rc = sqlite3_step(st);
	/* Versions count from 0, so a row that exists answers 1 or more. */
	sqlite3_int64 v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) + 1 : rc == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return v;
}

/* The last row of the audit log. */
static sqlite3_int64 audit_last(sqlite3 *db)
{
	sqlite3_stmt *st;
	sqlite3_int64 id = 0;
	if (sqlite3_prepare_v2(db, "SELECT max(id) FROM audit", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

int record_version_load(struct record *r, sqlite3 *db)
{
	r->rowver = 0;
	r->audit_mark = audit_last(db);
	if (!r->id || !r->def->table)
		return 0;
	r->rowver = stored_version(r, db);
	return r->rowver < 0 ? -1 : 0;
}

/* Who changed record R since it was loaded, from the audit log, into
 * WHO: "alice (import members) at 09:12"; "outside tkvv" when no row of
 * the log is newer. */
static void changed_by(const struct record *r, sqlite3 *db, char *who, size_t size)
{
	sqlite3_stmt *st;
	snprintf(who, size, "%s", _("a program outside tkvv"));
	/* This record's own rows first, then a file import of its kind, a plan
	 * applied or undone, then anything newer. */
	if (sqlite3_prepare_v2(db, "SELECT who, action, coalesce(entity, ''),"
			       " strftime('%H:%M', at, 'localtime') FROM audit WHERE id > ?1"
			       " ORDER BY (entity = ?2 AND code = ?3) DESC,"
			       " (action = 'import' AND entity = ?4) DESC,"
			       " (action IN ('plan apply', 'plan undo')) DESC, id DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, r->audit_mark);
	sqlite3_bind_text(st, 2, r->def->entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->orig[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->def->table, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(who, size, _("%s (%s %s) at %s"), TEXT_Q((const char *)sqlite3_column_text(st, 0)),
			 (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
			 (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
}

int record_version_check(struct record *r, sqlite3 *db, struct tkvv_err *err)
{
	if (!r->id || !r->def->table)
		return 0;
	sqlite3_int64 now = stored_version(r, db);
	if (now < 0)
		return db_fail(db, err, r->def->table);
	if (now == r->rowver)
		return 0;
	char who[300];
	changed_by(r, db, who, sizeof who);
	if (now == 0) {
		err_set(err, TKVV_EFAIL, _("Not saved: deleted since you opened it, by %s"), who);
		return RECORD_CONFLICT;
	}
	/* What changed: each field whose stored value is no longer the one the
	 * form loaded, noted beside the field. */
	struct record now_r;
	struct tkvv_err e2;
	struct strbuf what;
	sb_init(&what);
	if (record_open(&now_r, db, r->def->kind, r->id, NULL, &e2) == 0) {
		for (int i = 0; i < r->def->nfields; i++) {
			if (strcmp(now_r.value[i], r->orig[i]) == 0)
				continue;
			sb_addf(&what, "%s%s", what.len ? ", " : "", _(r->def->fields[i].label));
			snprintf(r->error[i], sizeof r->error[i], _("now: %s"), TEXT_Q(now_r.value[i]));
		}
		record_free(&now_r);
	}
	err_set(err, TKVV_EFAIL, _("Not saved: changed since you opened it, by %s: %s"), who,
		what.len ? what.buf : _("no field shown here"));
	sb_free(&what);
	return RECORD_CONFLICT;
}

int record_reload(struct record *r, sqlite3 *db, struct tkvv_err *err)
{
	struct record now_r;
	if (record_open(&now_r, db, r->def->kind, r->id, NULL, err) < 0)
		return -1;
	for (int i = 0; i < r->def->nfields; i++) {
		/* What the officer typed stays; the rest follows the database. */
		if (strcmp(r->value[i], r->orig[i]) == 0)
			record_set(r, i, now_r.value[i]);
		free(r->orig[i]);
		r->orig[i] = xstrdup(now_r.value[i]);
		r->error[i][0] = '\0';
	}
	r->rowver = now_r.rowver;
	r->audit_mark = now_r.audit_mark;
	record_free(&now_r);
	return 0;
}
