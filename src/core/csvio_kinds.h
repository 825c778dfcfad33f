/* Inside csvio: the table of kinds and columns, and the import state the
 * kinds' hooks work on. To add a column: add it to the kind's column
 * table in contract order, to the kind's select (same order) and, when it
 * is stored, to its insert and update under the column's parameter. */
#ifndef TKVV_CSVIO_KINDS_H
#define TKVV_CSVIO_KINDS_H

#include <sqlite3.h>
#include <stdint.h>
#include "tkvv/csv.h"
#include "tkvv/csvio.h"

enum col_type {
	COL_CODE,    /* a code: 1..32 bytes, no spaces */
	COL_TEXT,
	COL_ENUM,    /* one of the '|'-separated values in col.values */
	COL_REF,     /* the code of a row of col.ref, which must exist */
	COL_DATE,
	COL_MONTH,
	COL_MONEY,   /* whole VND, not negative */
	COL_SMONEY,  /* whole VND, negative allowed */
	COL_RATE,    /* percent per month, stored in ppm */
	COL_LAT,
	COL_LON,
	COL_COUNT,   /* a whole number */
	COL_PHONE,   /* a phone, stored as its 10 digits (rules.h) */
	COL_NATID,   /* a national ID: 12 digits (rules.h) */
	COL_FLAG     /* yes or 1, stored 'yes'; no, 0 or empty is empty */
};

enum col_flags {
	COL_REQUIRED = 1,
	COL_DERIVED = 2,  /* written on export, ignored on import */
	COL_PAST = 4      /* COL_DATE of an event: not after today */
};

enum ref_table { REF_COMMUNE, REF_HAMLET, REF_GROUP, REF_MEMBER, REF_LOAN, REF_ORG,
		 REF_PROGRAM, REF_COUNT };

struct column {
	const char *name;    /* CSV header */
	unsigned flags;
	enum col_type type;
	const char *param;   /* SQL parameter the value binds to (id for refs) */
	const char *values;  /* COL_ENUM: the allowed values, '|'-separated */
	const char *dflt;    /* the value of an empty field (else NULL) */
	enum ref_table ref;  /* COL_REF */
};

#define COLS_MAX 16

struct import;

struct kind {
	const char *name;
	const struct column *cols;
	size_t ncols;
	int key[4];          /* the columns that identify a row */
	size_t nkey;
	const char *select;  /* id, then the columns in order, then hook extras */
	const char *where;   /* finds the row with the key's parameters */
	const char *order;
	const char *insert;
	const char *update;  /* the row is :id */
	/* Keeping a full-text index in step by hand instead of by triggers:
	 * unindex row ?1 before it is updated; once every row is written,
	 * index the rows whose ids are the json array ?1. */
	const char *unindex, *index;
	unsigned indexed;    /* the columns (a bit each) the index holds */
	int (*check)(struct import *im, struct tkvv_err *err);
	void (*bind)(struct import *im, sqlite3_stmt *st);
	int (*after)(struct import *im, sqlite3_int64 id, int added, struct tkvv_err *err);
	/* Once every row is written: rules against the whole table. */
	int (*finish)(struct import *im, struct tkvv_err *err);
};

/* One value of the current row. */
struct cell {
	int null;
	const char *s;        /* the text, canonical for dates, months, rates */
	int64_t i;
	double d;
	sqlite3_int64 id;     /* COL_REF: the row's id */
	sqlite3_int64 aux;    /* COL_REF: its parent (a group's hamlet, a member's group) */
	char iso[32];
};

/* A prepared statement and the parameter index of each column. */
struct bound_stmt {
	sqlite3_stmt *st;
	int idx[COLS_MAX];
};

/* A code -> (a, b) hash map with open addressing; keys are owned. */
struct code_entry {
	char *key;
	sqlite3_int64 a, b;
};

struct code_map {
	struct code_entry *e;
	size_t cap, n;
};

/* The entry for KEY, added (with *ADDED set) when absent. */
struct code_entry *codemap_get(struct code_map *m, const char *key, int *added);
/* The entry for KEY, or NULL when absent (M may be NULL). */
struct code_entry *codemap_find(const struct code_map *m, const char *key);
/* Free the map and its keys (M may be NULL). */
void codemap_free(struct code_map *m);

struct import {
	sqlite3 *db;
	const struct kind *k;
	struct csv_reader *csv;
	const char *today;
	int field[COLS_MAX];         /* column -> CSV field, -1 when absent */
	struct cell cells[COLS_MAX];
	struct strbuf arena;         /* the row's trimmed values */
	struct bound_stmt lookup, insert, update;
	sqlite3_stmt *unindex;
	sqlite3_int64 *written;      /* rows to index at the end */
	size_t nwritten, capwritten;
	sqlite3_stmt *extra[4];      /* the hooks' statements */
	sqlite3_stmt *ref_st[REF_COUNT];
	struct code_map *refs[REF_COUNT];
	unsigned ref_reads[REF_COUNT]; /* codes looked up one by one */
	int ref_full[REF_COUNT];     /* the whole table is in refs[] */
	int own;                     /* the kind's own table as a ref, or -1 */
	struct code_map *seen;       /* key -> line, for duplicates in the file */
	sqlite3_int64 existing;      /* id of the row with this key, 0 when new */
	unsigned changes;            /* columns that differ from it (all when new) */
	sqlite3_int64 old_extra;     /* the lookup's first extra column */
	struct code_map *values;     /* a kind's own map (members: national ID -> line, id) */
	struct strbuf batch;         /* rows a hook writes at the end, a json array
					(members: the memberships opened) */
};

extern const struct kind csvio_kinds[CSVIO_KIND_COUNT];

/* Set ERR for column COL of the current row: "file:line:col: ...". */
int im_fail(struct import *im, int col, struct tkvv_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same for column COL of line LINE. */
int im_fail_at(struct import *im, unsigned long line, int col, struct tkvv_err *err,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Look up CODE in REF through the cache: 1 found, 0 absent, -1 error. */
int im_ref(struct import *im, enum ref_table ref, const char *code,
	   sqlite3_int64 *id, sqlite3_int64 *aux, struct tkvv_err *err);
/* The hook statement in SLOT, prepared on first use. */
sqlite3_stmt *im_stmt(struct import *im, int slot, const char *sql, struct tkvv_err *err);
/* Bind TEXT (NULL binds NULL) to the parameter NAME of ST, when ST has it. */
void im_bind_text(sqlite3_stmt *st, const char *name, const char *text);
void im_bind_int(sqlite3_stmt *st, const char *name, sqlite3_int64 v);
/* Run a hook statement to completion and reset it. */
int im_step(struct import *im, sqlite3_stmt *st, struct tkvv_err *err);

/* Export (csvio_export.c): the kind's rows as of TODAY, in code order;
 * column C of a row as text in BUF (NULL when empty). */
sqlite3_stmt *csvio_export_stmt(sqlite3 *db, const struct kind *k, const char *today,
				struct tkvv_err *err);
const char *csvio_col_text(const struct column *col, sqlite3_stmt *st, int c, char buf[32]);

#endif
