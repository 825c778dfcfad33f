/* Records the forms edit: their fields, the checks done as a field is left,
 * and the one-transaction save and delete. No terminal in here.
 * To add an entity: a field table and a struct record_def in records.c, an
 * enum record_kind value, and (for extra columns) a bind_extra hook. */
#ifndef TKVV_RECORDS_H
#define TKVV_RECORDS_H

#include <sqlite3.h>
#include "tkvv/util.h"

#define RECORD_MAXFIELDS 12

/* REC_FILTER is the filter form: checked like a record, never saved. */
enum record_kind { REC_COMMUNE, REC_HAMLET, REC_GROUP, REC_MEMBER, REC_LOAN, REC_PAYMENT, REC_FILTER, REC_COUNT };

enum field_kind {
	FK_TEXT,    /* free text */
	FK_CODE,    /* the record's own code: unique */
	FK_REF,     /* a code of another table, picked from a list */
	FK_DATE,    /* DD/MM/YYYY or YYYY-MM-DD, stored ISO */
	FK_MONTH,   /* MM/YYYY or YYYY-MM, stored YYYY-MM */
	FK_MONEY,   /* whole VND, 1.500.000 */
	FK_RATE,    /* percent a month, 0,52 -> 5200 ppm */
	FK_CHOICE,  /* one of a few words */
	FK_PHONE,   /* digits, spaces, dots, + */
	FK_DAY,     /* a day of the month, 1 to 28 (a commune's transaction day) */
	FK_COUNT,   /* a whole number >= 0 (road order) */
	FK_LAT,     /* degrees, -90 to 90 */
	FK_LON      /* degrees, -180 to 180 */
};

struct field_def {
	const char *column;  /* column name; for FK_REF the code is turned into an id
			      * unless ref_keeps_code */
	const char *label;   /* N_() message id */
	enum field_kind kind;
	int required;
	int maxlen;          /* in characters */
	const char *ref;     /* FK_REF: communes, hamlets, groups, members, loans, orgs, programs */
	const char *choices; /* FK_CHOICE: space-separated values */
	int ref_keeps_code;  /* FK_REF stored as the code (group leader, org, programme) */
};

struct record_def {
	enum record_kind kind;
	const char *table;
	const char *entity;  /* audit entity name */
	const char *title;   /* N_() message id */
	int nfields;
	const struct field_def *fields;
	const char *load_sql;   /* one row of display values by id (?1) */
	const char *insert_sql; /* ?1..?n the fields, then the extras */
	const char *update_sql; /* ?1..?n, extras, then the id last */
	int nextra;
};

/* A record being edited: display values, those it started from, and errors. */
struct record {
	const struct record_def *def;
	sqlite3_int64 id;     /* 0 for a new record */
	char *value[RECORD_MAXFIELDS];
	char *orig[RECORD_MAXFIELDS];
	char error[RECORD_MAXFIELDS][200];
	char *reason;         /* why a member moves to another group */
	sqlite3_int64 rowver;     /* the row's rowver + 1 when loaded (0: new) */
	sqlite3_int64 audit_mark; /* the audit log's last row then */
	char *prefill[RECORD_MAXFIELDS]; /* what the form filled in (recordpay.c) */
	char note[200];       /* what the officer is told after a save */
	int override;         /* a loan's ceiling or rate rule broken on purpose (confirmed) */
};

const struct record_def *record_def(enum record_kind kind);
/* Register the SQL functions the lists use (tkvv_fold). */
int records_sql_functions(sqlite3 *db);
/* Start a new record, or load record ID for editing; values preset by PRESET
 * (column=value pairs, NULL-terminated) fill a new record. */
int record_open(struct record *r, sqlite3 *db, enum record_kind kind, sqlite3_int64 id,
		const char *const *preset, struct tkvv_err *err);
void record_free(struct record *r);
void record_set(struct record *r, int field, const char *value);
/* Whether any value differs from what the record started with. */
int record_changed(const struct record *r);
/* Check field I as the officer leaves it; on failure r->error[i] says why. */
int record_check_field(struct record *r, sqlite3 *db, int i, const char *today);
/* Check every field; returns the first bad field or -1. */
int record_check(struct record *r, sqlite3 *db, const char *today);
/* Whether saving asks for confirmation first: a loan above its programme's
 * ceiling or at a rate far from the programme's. Sets QUESTION (y/n). */
int record_needs_confirm(struct record *r, sqlite3 *db, char *question, size_t n);
/* Whether saving moves a member to another group (a reason is then needed). */
int record_moves_member(const struct record *r);
/* Save in one transaction with an audit row; r->id is set for a new record.
 * Returns RECORD_CONFLICT, saving nothing, when the row changed since it
 * was loaded: ERR says who changed it and which fields, and each changed
 * field's error says its stored value now. */
#define RECORD_CONFLICT (-2)
int record_save(struct record *r, sqlite3 *db, const char *today, struct tkvv_err *err);
/* The version of the row and of the audit log, read when R is loaded. */
int record_version_load(struct record *r, sqlite3 *db);
/* In the save's transaction: 0 when the row is as loaded, else
 * RECORD_CONFLICT (or -1 on a database error). */
int record_version_check(struct record *r, sqlite3 *db, struct tkvv_err *err);
/* Load the stored row again, keeping the fields the officer changed. */
int record_reload(struct record *r, sqlite3 *db, struct tkvv_err *err);
/* Delete record ID in one transaction, refused with the reason when
 * something depends on it. */
int record_delete(sqlite3 *db, enum record_kind kind, sqlite3_int64 id, struct tkvv_err *err);

/* Code fields (recordcodes.c): a choice of words or a code of another
 * table, matched on the code and its label (codematch.h). */
#define RECORD_PICK_MAX 8
struct record_pick {
	char code[64];        /* the stored word or code */
	char label[128];      /* its label or name ("" when none) */
};
/* The choices of code field I that match its value (all of a few words
 * when it is empty), at most MAX into OUT; returns how many match in all. */
size_t record_pick(const struct record *r, sqlite3 *db, int i, struct record_pick *out, size_t max);
/* Take the one match of code field I's value (a choice is shown by its
 * label); -1 with r->error[i] naming the candidates or the choices. */
int record_resolve_code(struct record *r, sqlite3 *db, int i);
/* The stored word of choice field I (its value when it is no choice). */
const char *record_word(const struct record *r, int i);
/* The label of a stored WORD in the user's language. */
const char *record_word_label(const char *word);
/* The name of the row code field I refers to, for beside the field. */
void record_code_label(const struct record *r, sqlite3 *db, int i, char *out, size_t n);

/* Interest payments (recordpay.c): fill in the oldest month due and not
 * paid in full and what remains of it, after a new record is opened or
 * field I is left (I = -1 at opening), unless the officer changed them. */
void record_payment_prefill(struct record *r, sqlite3 *db, int i);
/* The month rule of an interest payment: a month paid in full is refused
 * with the day, an amount above what remains is refused, a partial payment
 * sets r->note to what will remain. */
int record_payment_rule(struct record *r, sqlite3 *db, struct tkvv_err *err);

/* A month typed as MM/YYYY or YYYY-MM, stored YYYY-MM; 0 or -1. Dates, money
 * and rates are read by the core's parsers (tkvv/parse.h). */
int record_parse_month(const char *s, char out[8]);
/* Display forms: 1.500.000, 31/05/2023, 0,52. */
void record_fmt_money(long long v, char *out, size_t n);
void record_fmt_date(const char *iso, char *out, size_t n);
void record_fmt_rate(long long ppm, char *out, size_t n);

#endif
