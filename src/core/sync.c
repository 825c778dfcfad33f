/* The sync site and the changes the session extension recorded (db.c
 * writes them in db_commit). */
#include "config.h"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/sync.h"
#include "tkvv/textsafe.h"

/* Check each comma-separated code of COMMUNES names a commune. */
static int check_communes(sqlite3 *db, const char *communes, struct tkvv_err *err)
{
	char *list = xstrdup(communes), *save = NULL;
	int rc = 0, n = 0;
	for (char *c = strtok_r(list, ",", &save); c && rc == 0; c = strtok_r(NULL, ",", &save)) {
		sqlite3_int64 id = db_id_by_code(db, "communes", c, err);
		if (id < 0)
			rc = -1;
		else if (id == 0)
			rc = err_set(err, TKVV_EFAIL, _("--communes: no commune '%s'"), TEXT_Q(c));
		n++;
	}
	free(list);
	if (rc == 0 && n == 0)
		rc = err_set(err, TKVV_EFAIL, "%s", _("--communes: a laptop needs at least one commune"));
	return rc;
}

int sync_init(sqlite3 *db, const char *name, const char *role, const char *communes,
	      struct tkvv_err *err)
{
	int laptop = strcmp(role, "laptop") == 0;
	if (!laptop && strcmp(role, "office") != 0)
		return err_set(err, TKVV_EUSAGE, _("--role '%s' is not office or laptop"), TEXT_Q(role));
	if (!laptop && communes && *communes)
		return err_set(err, TKVV_EUSAGE, "%s", _("--communes is for a laptop; the office keeps the whole district"));
	if (!*name || strlen(name) >= 64)
		return err_set(err, TKVV_EUSAGE, "%s", _("--site needs a name of 1 to 63 bytes"));
	if (db_begin(db, err) < 0)
		return -1;
	sqlite3_stmt *st = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(db, "SELECT name FROM sync_site", -1, &st, NULL) != SQLITE_OK)
		rc = db_fail(db, err, "sync_site");
	else if (sqlite3_step(st) == SQLITE_ROW)
		rc = err_set(err, TKVV_EFAIL, _("%s: already the sync site '%s'; nothing changed"),
			     db_path(db), TEXT_Q((const char *)sqlite3_column_text(st, 0)));
	sqlite3_finalize(st);
	if (rc == 0 && laptop)
		rc = check_communes(db, communes ? communes : "", err);
	if (rc == 0)
		rc = db_prepare(db, "INSERT INTO sync_site(id, name, role, communes) VALUES (1, ?, ?, ?)",
				&st, err);
	if (rc == 0) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, laptop ? communes : "", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, err, "sync_site");
		sqlite3_finalize(st);
	}
	if (rc == 0)
		rc = db_audit(db, "sync init", "sync_site", name, role, err);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Add the rows of the changeset BLOB of N bytes to S. */
static int count_changes(const void *blob, int n, struct sync_status *s)
{
	sqlite3_changeset_iter *it;
	if (sqlite3changeset_start(&it, n, (void *)blob) != SQLITE_OK)
		return -1;
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int cols, op, indirect;
		sqlite3changeset_op(it, &table, &cols, &op, &indirect);
		s->rows++;
		if (op == SQLITE_INSERT)
			s->inserts++;
		else if (op == SQLITE_UPDATE)
			s->updates++;
		else
			s->deletes++;
	}
	return sqlite3changeset_finalize(it) == SQLITE_OK ? 0 : -1;
}

int sync_status_load(sqlite3 *db, struct sync_status *s, struct tkvv_err *err)
{
	memset(s, 0, sizeof *s);
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT name, role, communes FROM sync_site", &st, err) < 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		s->enabled = 1;
		snprintf(s->name, sizeof s->name, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(s->role, sizeof s->role, "%s", (const char *)sqlite3_column_text(st, 1));
		s->communes = xstrdup((const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (db_prepare(db, "SELECT changeset FROM sync_log ORDER BY seq", &st, err) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->changesets++;
		if (count_changes(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0), s) < 0) {
			sqlite3_finalize(st);
			return err_set(err, TKVV_EFAIL, _("%s: a damaged change record in sync_log"),
				       db_path(db));
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "sync_log");
	return 0;
}
