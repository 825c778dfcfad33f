/* A paged view over an SQL query: the rows on screen are fetched on demand,
 * never the whole list. No terminal in here, so Check and the benchmark can
 * drive it. */
#ifndef TKVV_LISTMODEL_H
#define TKVV_LISTMODEL_H

#include <sqlite3.h>
#include <stdint.h>
#include "tkvv/util.h"

#define LISTMODEL_MAXCOLS 12
#define LISTMODEL_MAXBINDS 4
#define LISTMODEL_PAGE 128
/* Below this many matches a keyed search sorts them; above, it walks the index. */
#define LISTMODEL_FEW 2000
/* By parent, one id in this many rows is kept to count the rows before one. */
#define LISTMODEL_SAMPLE 1024

/* One fetched row: its id and each column as text (NULL stays NULL). */
struct listrow {
	sqlite3_int64 id;
	char *col[LISTMODEL_MAXCOLS];
};

struct listmodel {
	sqlite3 *db;
	int ncols;
	char *idexpr;     /* the id column, e.g. "m.id" */
	char *select;     /* "col1, col2 ..." */
	char *from;       /* "FROM ... WHERE ..." (always with a WHERE) with ?1..?N for the binds */
	char *key;        /* when set, the order is "ORDER BY key, id" and searches walk it */
	char *order;      /* "ORDER BY ..." */
	char *bind[LISTMODEL_MAXBINDS];
	long count;       /* rows in the view */
	long cursor;      /* the selected row */
	long top;         /* the first row shown */
	long cache_start; /* rows [cache_start, cache_start + cache_n) are fetched */
	int cache_n;
	struct listrow cache[LISTMODEL_PAGE];
	sqlite3_int64 *match; /* without a key: positions of the matches, in list order */
	long nmatch;          /* rows of the view that match */
	char *match_sql;      /* the last search, for listmodel_find */
	char *needle;
	uint64_t *hits;       /* with a key: the matching ids, as a bitmap */
	size_t hitwords;
	int whole;            /* the view holds every row MATCH_SQL can give */
	long few;             /* with a key, fewer matches than this are sorted, more walked */
	char *parent;         /* a search by parent: the column of a row the search's ids are of */
	char *weights;        /* SQL giving (parent id, its rows in the view) of the matches */
	char *next, *prev;    /* SQL: the id of the nearest match at or below / above :i */
	sqlite3_int64 *sample; /* by parent: the id at every LISTMODEL_SAMPLE-th row */
	long nsample;
	long hint_pos;        /* a row whose id is known (hint_id), for a page around it */
	sqlite3_int64 hint_id;
};

/* Start a view of NCOLS columns SELECT, each row identified by IDEXPR. */
void listmodel_init(struct listmodel *m, sqlite3 *db, int ncols, const char *idexpr,
		    const char *select);
void listmodel_free(struct listmodel *m);
/* Change the FROM/WHERE part, its binds (NULL-terminated, up to 4) or the order. */
void listmodel_set_from(struct listmodel *m, const char *from, const char *const *binds);
void listmodel_set_order(struct listmodel *m, const char *order);
/* Say that the view is the whole table the searches look in (no filter),
 * so a search's count is the count of its ids. */
void listmodel_set_whole(struct listmodel *m, int whole);
/* Forget the last search. */
void listmodel_search_free(struct listmodel *m);
/* Order by KEY then id, ascending (NULL: the order set above, searched by
 * row numbers). A key lets a search on a long list skip numbering it all. */
void listmodel_set_key(struct listmodel *m, const char *key);
/* Search by parent (NULL: not): the searches' ids are those of column PARENT
 * of the rows (a payment's loan). SQL[0] gives each matching parent id and
 * its count of rows, SQL[1] the largest id of a matching row at or below :i,
 * SQL[2] the smallest at or above (NULL when none); binds as the search's.
 * Only for a view of the whole table in IDEXPR DESC order: a search then
 * costs the matching parents, not the rows (millions of payments). */
void listmodel_set_parent(struct listmodel *m, const char *parent, const char *const sql[3]);
/* By parent, before the first search: read the ids along the list once, so
 * that a match's place costs LISTMODEL_SAMPLE rows at most. */
int listmodel_sample(struct listmodel *m, struct tkvv_err *err);
/* Count the rows again and drop the cache (after a filter change or a write). */
int listmodel_reload(struct listmodel *m, struct tkvv_err *err);
/* The row at POS (fetching its page when needed), or NULL past the end. */
const struct listrow *listmodel_row(struct listmodel *m, long pos, struct tkvv_err *err);
/* Move the cursor by DELTA rows (clamped) keeping it within HEIGHT rows of top. */
void listmodel_move(struct listmodel *m, long delta, int height);
/* Put the cursor on POS and scroll so it is visible in HEIGHT rows. */
void listmodel_goto(struct listmodel *m, long pos, int height);
/* Put the cursor on the row with ID (when in the view); returns 0 when found. */
int listmodel_goto_id(struct listmodel *m, sqlite3_int64 id, int height, struct tkvv_err *err);
/* Search the rows whose ids MATCH_SQL gives (parameter :q is NEEDLE);
 * returns how many rows of the view match, or -1. */
long listmodel_search(struct listmodel *m, const char *match_sql, const char *needle,
		      struct tkvv_err *err);
/* The position of the first match at or after FROM (DIR > 0), or at or
 * before it (DIR < 0), wrapping round; -1 when nothing matches. */
long listmodel_find(struct listmodel *m, long from, int dir, struct tkvv_err *err);

#endif
