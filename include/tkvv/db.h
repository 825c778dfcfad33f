/* The store: one SQLite file, migrations, transactions and the audit log. */
#ifndef TKVV_DB_H
#define TKVV_DB_H

#include <sqlite3.h>
#include "tkvv/util.h"

enum db_open_flags {
	DB_CREATE = 1,    /* create the file (mode 0600) when it is missing */
	DB_READONLY = 2   /* open for reading only; never migrates */
};

/* Open PATH (":memory:" for tests), set WAL, foreign keys and a busy
 * timeout, and bring the schema up to date in one transaction. A file made
 * by a newer tkvv is refused. */
int db_open(const char *path, int flags, sqlite3 **out, struct tkvv_err *err);
void db_close(sqlite3 *db);

/* The schema version this binary writes, and the one of an open file. */
int db_schema_latest(void);
int db_schema_version(sqlite3 *db);

/* Run SQL with no result rows. */
int db_exec(sqlite3 *db, const char *sql, struct tkvv_err *err);
/* Prepare SQL; on failure ERR names the statement's problem. */
int db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct tkvv_err *err);

/* Transactions: BEGIN IMMEDIATE, so a busy database fails at once, not midway. */
int db_begin(sqlite3 *db, struct tkvv_err *err);
int db_commit(sqlite3 *db, struct tkvv_err *err);
void db_rollback(sqlite3 *db);

/* Turn the last SQLite error into ERR, with the right exit status. */
int db_fail(sqlite3 *db, struct tkvv_err *err, const char *what);

/* Record who did what in the audit log (inside the caller's transaction). */
int db_audit(sqlite3 *db, const char *action, const char *entity,
	     const char *code, const char *detail, struct tkvv_err *err);

/* Look up the id of a row by its code in TABLE (communes, hamlets, groups,
 * members, loans); returns 0 when absent, -1 on error. */
sqlite3_int64 db_id_by_code(sqlite3 *db, const char *table, const char *code,
			    struct tkvv_err *err);

/* The path of the open main database ("" for memory). */
const char *db_path(sqlite3 *db);

#endif
