/* Offline sync between the office and the laptops (issue 14): this
 * database's site and the changes recorded since. */
#ifndef TKVV_SYNC_H
#define TKVV_SYNC_H

#include <sqlite3.h>

#include "tkvv/util.h"

struct sync_status {
	int enabled;            /* sync init has run */
	char name[64], role[16];
	char *communes;         /* the scope, comma-separated ("" at the office); to free */
	long long changesets;   /* committed write transactions recorded */
	long long rows;         /* rows they changed */
	long long inserts, updates, deletes;
};

/* Make this database the sync site NAME of ROLE ("office" or "laptop";
 * a laptop needs COMMUNES, the codes of its scope, which must exist), in
 * one transaction; refused when the site is already set. From then on
 * every write transaction's changes are recorded in sync_log. */
int sync_init(sqlite3 *db, const char *name, const char *role, const char *communes,
	      struct tkvv_err *err);
/* The site and what is recorded. */
int sync_status_load(sqlite3 *db, struct sync_status *s, struct tkvv_err *err);

#endif
