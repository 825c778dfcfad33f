/* What listmodel.c and listsearch.c share, and nothing else uses. */
#ifndef TKVV_LISTMODEL_INT_H
#define TKVV_LISTMODEL_INT_H

#include "listmodel.h"

/* Prepare SQL and bind the view's parameters ?1..?N. */
int listmodel_prepare(struct listmodel *m, const char *sql, sqlite3_stmt **st, struct tkvv_err *err);
/* The same, with :q = NEEDLE and :k, :i = KEY, ID of a row when the SQL has them. */
int listmodel_prepare_q(struct listmodel *m, const char *sql, const char *needle,
			sqlite3_value *key, sqlite3_int64 id, sqlite3_stmt **st, struct tkvv_err *err);
/* Run SQL (binds as listmodel_prepare_q) and collect column 0 of each row. */
long listmodel_query(struct listmodel *m, const char *sql, const char *needle,
		     sqlite3_int64 **out, struct tkvv_err *err);

#endif
