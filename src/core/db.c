/* Opening the store, applying migrations, transactions and the audit log. */
#include "config.h"

/* sqlite3.h declares the session extension only when asked; Debian's
 * libsqlite3 is built with it. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tkvv/db.h"
#include "tkvv/i18n.h"

extern const char *const schema_migrations[];
extern const size_t schema_migration_count;

int db_schema_latest(void)
{
	return (int)schema_migration_count;
}

int db_fail(sqlite3 *db, struct tkvv_err *err, const char *what)
{
	int rc = sqlite3_extended_errcode(db) & 0xff;
	int code = TKVV_EFAIL;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_NOTADB ||
	    rc == SQLITE_CANTOPEN || rc == SQLITE_CORRUPT || rc == SQLITE_IOERR)
		code = TKVV_EBUSY;
	if (rc == SQLITE_READONLY)
		return err_set(err, TKVV_EFAIL, _("%s: the database is read-only"), db_path(db));
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(err, code, _("%s: the database is busy (another tkvv is writing); try again"),
			       db_path(db));
	return err_set(err, code, "%s: %s", what, sqlite3_errmsg(db));
}

int db_exec(sqlite3 *db, const char *sql, struct tkvv_err *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "database");
	return 0;
}

int db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct tkvv_err *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return db_fail(db, err, "database");
	}
	return 0;
}

/* The tables whose changes offline sync carries. */
static const char *const sync_tables[] = {
	"communes", "hamlets", "orgs", "groups", "members", "memberships",
	"programs", "loans", "payments", "plans",
};

/* The session recording the open write transaction of a database that
 * takes part in sync (tkvv uses one connection per process for writes). */
static sqlite3 *sync_db;
static sqlite3_session *sync_session;

static void sync_session_end(void)
{
	if (sync_session)
		sqlite3session_delete(sync_session);
	sync_session = NULL;
	sync_db = NULL;
}

/* Whether DB has a sync site: a database before migration 008 or before
 * `tkvv sync init` records nothing. */
static int sync_enabled(sqlite3 *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sync_site", -1, &st, NULL) != SQLITE_OK)
		return 0;
	int on = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return on;
}

/* Attach a session to the transaction DB has just begun. */
static int sync_session_start(sqlite3 *db, struct tkvv_err *err)
{
	sync_session_end();
	if (!sync_enabled(db))
		return 0;
	if (sqlite3session_create(db, "main", &sync_session) != SQLITE_OK)
		return db_fail(db, err, "sync session");
	sync_db = db;
	for (size_t i = 0; i < ARRAY_LEN(sync_tables); i++)
		if (sqlite3session_attach(sync_session, sync_tables[i]) != SQLITE_OK) {
			sync_session_end();
			return db_fail(db, err, "sync session");
		}
	return 0;
}

/* Write what the session recorded into sync_log, inside the transaction
 * being committed, so that the change and its record stand or fall together. */
static int sync_session_save(sqlite3 *db, struct tkvv_err *err)
{
	if (!sync_session || sync_db != db || sqlite3session_isempty(sync_session))
		return 0;
	int n = 0;
	void *blob = NULL;
	if (sqlite3session_changeset(sync_session, &n, &blob) != SQLITE_OK)
		return db_fail(db, err, "sync session");
	sqlite3_stmt *st;
	int rc = db_prepare(db, "INSERT INTO sync_log(who, changeset) VALUES (?, ?)", &st, err);
	if (rc == 0) {
		sqlite3_bind_text(st, 1, util_user(), -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, blob, n, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, err, "sync log");
		sqlite3_finalize(st);
	}
	sqlite3_free(blob);
	return rc;
}

int db_begin(sqlite3 *db, struct tkvv_err *err)
{
	if (db_exec(db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	if (sync_session_start(db, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int db_commit(sqlite3 *db, struct tkvv_err *err)
{
	int rc = sync_session_save(db, err);
	if (sync_db == db)
		sync_session_end();
	if (rc < 0 || db_exec(db, "COMMIT", err) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void db_rollback(sqlite3 *db)
{
	if (sync_db == db)
		sync_session_end();
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int db_schema_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Apply every migration past the file's version, all in one transaction. */
static int db_migrate(sqlite3 *db, struct tkvv_err *err)
{
	int have = db_schema_version(db);
	int want = db_schema_latest();
	if (have < 0)
		return db_fail(db, err, db_path(db));
	if (have > want)
		return err_set(err, TKVV_EFAIL,
			       _("%s: made by a newer tkvv (schema %d, this program knows up to %d); "
				 "upgrade tkvv to open it"), db_path(db), have, want);
	if (have == want)
		return 0;
	if (db_begin(db, err) < 0)
		return -1;
	for (int v = have; v < want; v++) {
		if (sqlite3_exec(db, schema_migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
			char what[64];
			snprintf(what, sizeof what, "schema migration %03d", v + 1);
			db_fail(db, err, what);
			db_rollback(db);
			return -1;
		}
	}
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", want);
	if (db_exec(db, sql, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Create PATH with mode 0600 so that SQLite never makes it world-readable. */
static int db_create_file(const char *path, struct tkvv_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 && errno != EEXIST)
		return err_set(err, TKVV_EBUSY, _("%s: cannot create the database: %s"),
			       path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

int db_open(const char *path, int flags, sqlite3 **out, struct tkvv_err *err)
{
	sqlite3 *db = NULL;
	int memory = strcmp(path, ":memory:") == 0;
	struct stat sb;
	*out = NULL;

	if (!memory && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return err_set(err, TKVV_EBUSY, _("%s: is a directory, not a database"), path);
	if (!memory && !(flags & DB_CREATE) && stat(path, &sb) < 0 && errno == ENOENT)
		return err_set(err, TKVV_EBUSY, _("%s: no database here yet (tkvv demo makes a demo district; tkvv import members FILE starts one)"),
			       path);
	if (!memory && (flags & DB_CREATE) && !(flags & DB_READONLY) &&
	    db_create_file(path, err) < 0)
		return -1;
	int oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	/* A connection is only ever used by one thread at a time: no mutex per call. */
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &db, oflags, NULL) != SQLITE_OK) {
		err_set(err, TKVV_EBUSY, _("%s: cannot open the database: %s"), path,
			db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 5000);
	sqlite3_extended_result_codes(db, 1);
	if (db_exec(db, "PRAGMA foreign_keys = ON", err) < 0)
		goto fail;
	if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK) {
		err_set(err, TKVV_EBUSY, _("%s: not a tkvv database or unreadable: %s"), path,
			sqlite3_errmsg(db));
		goto fail;
	}
	if (!memory && !(flags & DB_READONLY) && !sqlite3_db_readonly(db, "main"))
		sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	if (!(flags & DB_READONLY) && !sqlite3_db_readonly(db, "main")) {
		if (db_migrate(db, err) < 0)
			goto fail;
	} else if (db_schema_version(db) != db_schema_latest()) {
		err_set(err, TKVV_EFAIL, _("%s: schema %d, this tkvv needs %d; open it once writable to upgrade"),
			path, db_schema_version(db), db_schema_latest());
		goto fail;
	}
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	return -1;
}

void db_close(sqlite3 *db)
{
	if (sync_db == db)
		sync_session_end();
	sqlite3_close_v2(db);
}

const char *db_path(sqlite3 *db)
{
	const char *p = sqlite3_db_filename(db, "main");
	return p && *p ? p : ":memory:";
}

int db_audit(sqlite3 *db, const char *action, const char *entity,
	     const char *code, const char *detail, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "INSERT INTO audit(who, action, entity, code, detail) "
			   "VALUES (?, ?, ?, ?, ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, util_user(), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, detail, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "audit log");
	return 0;
}

sqlite3_int64 db_id_by_code(sqlite3 *db, const char *table, const char *code,
			    struct tkvv_err *err)
{
	static const char *const tables[] = {"communes", "hamlets", "groups", "members", "loans"};
	const char *t = NULL;
	for (size_t i = 0; i < ARRAY_LEN(tables); i++)
		if (strcmp(tables[i], table) == 0)
			t = tables[i];
	if (!t)
		return err_set(err, TKVV_EFAIL, "internal: no table %s", table);
	char sql[80];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE code = ?", t);
	sqlite3_stmt *st;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_int64 id = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, table);
	return id;
}
