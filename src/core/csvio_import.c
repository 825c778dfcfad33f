/* Import: one transaction per file, driven by the kind's column table.
 * Each row is parsed, checked for duplicates and references, compared with
 * the stored row and then inserted, updated or left alone. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvio_kinds.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/textsafe.h"
#include "tkvv/rules.h"

int im_fail(struct import *im, int col, struct tkvv_err *err, const char *fmt, ...)
{
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	int field = im->field[col] >= 0 ? im->field[col] + 1 : 1;
	char at[300];
	csv_where(im->csv, csv_line(im->csv), (size_t)field, at, sizeof at);
	return err_set(err, TKVV_EFAIL, "%s: %s", at, what);
}

int im_fail_at(struct import *im, unsigned long line, int col, struct tkvv_err *err,
	       const char *fmt, ...)
{
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	int field = im->field[col] >= 0 ? im->field[col] + 1 : 1;
	char at[300];
	csv_where(im->csv, line, (size_t)field, at, sizeof at);
	return err_set(err, TKVV_EFAIL, "%s: %s", at, what);
}

sqlite3_stmt *im_stmt(struct import *im, int slot, const char *sql, struct tkvv_err *err)
{
	if (!im->extra[slot] && db_prepare(im->db, sql, &im->extra[slot], err) < 0)
		return NULL;
	return im->extra[slot];
}

void im_bind_text(sqlite3_stmt *st, const char *name, const char *text)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC);
}

void im_bind_int(sqlite3_stmt *st, const char *name, sqlite3_int64 v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

int im_step(struct import *im, sqlite3_stmt *st, struct tkvv_err *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	if ((rc & 0xff) != SQLITE_CONSTRAINT)
		return db_fail(im->db, err, "database");
	return im_fail(im, 0, err, "%s", sqlite3_errmsg(im->db));
}

/* After this many codes of a table looked up one by one, the rest of the
 * import reads the whole table once instead (a large file). */
#define REF_READS 512

/* Read every code of table REF into its cache: code -> (id, parent). */
static int im_ref_load(struct import *im, enum ref_table ref, struct tkvv_err *err)
{
	static const char *const sql[REF_COUNT] = {
		[REF_COMMUNE] = "SELECT code, id, 0 FROM communes",
		[REF_HAMLET] = "SELECT code, id, 0 FROM hamlets",
		[REF_GROUP] = "SELECT code, id, hamlet_id FROM groups",
		[REF_MEMBER] = "SELECT code, id, group_id FROM members",
		[REF_LOAN] = "SELECT code, id, 0 FROM loans",
		[REF_ORG] = "SELECT code, 1, 0 FROM orgs",
		[REF_PROGRAM] = "SELECT code, 1, 0 FROM programs",
	};
	sqlite3_stmt *st;
	int rc, added;
	if (db_prepare(im->db, sql[ref], &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct code_entry *e = codemap_get(im->refs[ref],
						   (const char *)sqlite3_column_text(st, 0), &added);
		e->a = sqlite3_column_int64(st, 1);
		e->b = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(im->db, err, "database");
	im->ref_full[ref] = 1;
	return 0;
}

int im_ref(struct import *im, enum ref_table ref, const char *code,
	   sqlite3_int64 *id, sqlite3_int64 *aux, struct tkvv_err *err)
{
	static const char *const sql[REF_COUNT] = {
		[REF_COMMUNE] = "SELECT id, 0 FROM communes WHERE code = ?",
		[REF_HAMLET] = "SELECT id, 0 FROM hamlets WHERE code = ?",
		[REF_GROUP] = "SELECT id, hamlet_id FROM groups WHERE code = ?",
		[REF_MEMBER] = "SELECT id, group_id FROM members WHERE code = ?",
		[REF_LOAN] = "SELECT id, 0 FROM loans WHERE code = ?",
		[REF_ORG] = "SELECT 1, 0 FROM orgs WHERE code = ?",
		[REF_PROGRAM] = "SELECT 1, 0 FROM programs WHERE code = ?",
	};
	int added;
	if (!im->refs[ref])
		im->refs[ref] = xcalloc(1, sizeof *im->refs[ref]);
	if (!im->ref_full[ref] && ++im->ref_reads[ref] > REF_READS &&
	    im_ref_load(im, ref, err) < 0)
		return -1;
	struct code_entry *e = codemap_get(im->refs[ref], code, &added);
	if (added && im->ref_full[ref]) {
		e->a = e->b = 0;
	} else if (added) {
		if (!im->ref_st[ref] && db_prepare(im->db, sql[ref], &im->ref_st[ref], err) < 0)
			return -1;
		sqlite3_stmt *st = im->ref_st[ref];
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		e->a = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		e->b = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_fail(im->db, err, "database");
	}
	*id = e->a;
	*aux = e->b;
	return e->a != 0;
}

/* Map the header's names to the kind's columns. */
static int im_header(struct import *im, struct tkvv_err *err)
{
	const struct kind *k = im->k;
	const char *path = csv_path(im->csv);
	for (size_t c = 0; c < k->ncols; c++)
		im->field[c] = -1;
	for (size_t f = 0; f < csv_header_count(im->csv); f++) {
		const char *name = csv_header(im->csv, f);
		name += strspn(name, " ");
		size_t n = strcspn(name, " ");
		size_t c = 0;
		while (c < k->ncols && (strlen(k->cols[c].name) != n ||
					strncasecmp(k->cols[c].name, name, n) != 0))
			c++;
		if (c == k->ncols)
			return err_set(err, TKVV_EFAIL, _("%s:1:%zu: unknown column '%s' in a %s file"),
				       path, f + 1, TEXT_Q(name), k->name);
		if (im->field[c] >= 0)
			return err_set(err, TKVV_EFAIL, _("%s:1:%zu: column '%s' appears twice"),
				       path, f + 1, k->cols[c].name);
		im->field[c] = (int)f;
	}
	for (size_t c = 0; c < k->ncols; c++)
		if ((k->cols[c].flags & COL_REQUIRED) && im->field[c] < 0)
			return err_set(err, TKVV_EFAIL, _("%s:1: missing required column '%s'"),
				       path, k->cols[c].name);
	return 0;
}

/* Whether S is one of the '|'-separated VALUES. */
static int enum_has(const char *values, const char *s)
{
	size_t n = strlen(s);
	for (const char *v = values; *v;) {
		size_t len = strcspn(v, "|");
		if (len == n && strncmp(v, s, n) == 0)
			return 1;
		v += len + (v[len] == '|');
	}
	return 0;
}

/* Check a code: 1..32 bytes with no space or control character. */
static const char *code_problem(const char *s)
{
	if (strlen(s) > 32)
		return N_("is longer than 32 bytes");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return N_("contains a space or a control character");
	return NULL;
}

/* Parse the non-empty value of column C checked by a rule of rules.h:
 * phones are stored as their 10 digits, a flag as 'yes' or empty. */
static int im_parse_rule(struct import *im, size_t c, struct tkvv_err *err)
{
	const struct column *col = &im->k->cols[c];
	struct cell *cell = &im->cells[c];
	char msg[RULES_MSG];
	switch (col->type) {
	case COL_PHONE:
		if (rules_phone(cell->s, cell->iso, msg, sizeof msg) < 0)
			return im_fail(im, (int)c, err, "%s '%s' %s", col->name, cell->s, msg);
		cell->s = cell->iso;
		return 0;
	case COL_NATID:
		if (rules_national_id(cell->s, msg, sizeof msg) < 0)
			return im_fail(im, (int)c, err, "%s '%s' %s", col->name, cell->s, msg);
		return 0;
	default:
		if (!strcasecmp(cell->s, "yes") || !strcmp(cell->s, "1")) {
			cell->s = "yes";
			return 0;
		}
		if (!strcasecmp(cell->s, "no") || !strcmp(cell->s, "0")) {
			cell->null = 1;
			return 0;
		}
		return im_fail(im, (int)c, err, _("%s '%s' is not one of yes|1|no|0"), col->name,
			       cell->s);
	}
}

/* Parse the non-empty value of column C by its type. */
static int im_parse_value(struct import *im, size_t c, struct tkvv_err *err)
{
	const struct column *col = &im->k->cols[c];
	struct cell *cell = &im->cells[c];
	const char *problem = NULL;
	switch (col->type) {
	case COL_CODE: problem = code_problem(cell->s); break;
	case COL_TEXT: break;
	case COL_ENUM:
		if (!enum_has(col->values, cell->s))
			return im_fail(im, (int)c, err, _("%s '%s' is not one of %s"), col->name,
				       TEXT_Q(cell->s), col->values);
		break;
	case COL_REF: {
		int found = im_ref(im, col->ref, cell->s, &cell->id, &cell->aux, err);
		if (found < 0)
			return -1;
		if (!found)
			return im_fail(im, (int)c, err, _("%s '%s' does not exist"), col->name,
					       TEXT_Q(cell->s));
		break;
	}
	case COL_DATE: problem = parse_date(cell->s, cell->iso); break;
	case COL_MONTH: problem = parse_month(cell->s, cell->iso); break;
	case COL_MONEY: problem = parse_money(cell->s, 0, &cell->i); break;
	case COL_SMONEY: problem = parse_money(cell->s, 1, &cell->i); break;
	case COL_RATE: problem = parse_rate(cell->s, &cell->i); break;
	case COL_LAT: problem = parse_degrees(cell->s, -90, 90, &cell->d); break;
	case COL_LON: problem = parse_degrees(cell->s, -180, 180, &cell->d); break;
	case COL_COUNT: problem = parse_count(cell->s, &cell->i); break;
	case COL_PHONE: case COL_NATID: case COL_FLAG: return im_parse_rule(im, c, err);
	}
	if (problem)
		return im_fail(im, (int)c, err, "%s '%s' %s", col->name, TEXT_Q(cell->s),
			       _(problem));
	if (col->type == COL_DATE || col->type == COL_MONTH)
		cell->s = cell->iso;
	char msg[RULES_MSG];
	if ((col->flags & COL_PAST) && rules_not_future(cell->s, im->today, msg, sizeof msg) < 0)
		return im_fail(im, (int)c, err, "%s %s %s", col->name, cell->s, msg);
	return 0;
}

/* Append S to SB with tabs and line breaks (CR, LF, CRLF: a cell of a
 * spreadsheet written on two lines) as single spaces, and no spaces at
 * either end. Any other control character stays, to be refused. */
static void fold_blanks(struct strbuf *sb, const char *s)
{
	size_t start = sb->len;
	if (!strpbrk(s, "\t\r\n")) {
		/* Nothing to fold: the value less its spaces at either end. */
		s += strspn(s, " ");
		size_t n = strlen(s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
		sb_addn(sb, s, n);
		return;
	}
	for (; *s; s++) {
		char ch = *s;
		if (ch == '\r' && s[1] == '\n')
			s++;
		if (ch == '\t' || ch == '\r' || ch == '\n')
			ch = ' ';
		if (ch != ' ' || sb->len > start)
			sb_addc(sb, ch);
	}
	while (sb->len > start && sb->buf[sb->len - 1] == ' ')
		sb->len--;
}

/* Copy the row's values, trimmed of spaces, refuse control characters
 * (an ESC ] ... BEL in a name would be run by the terminal of whoever
 * exports or searches it later), and parse each one. */
static int im_parse_row(struct import *im, struct tkvv_err *err)
{
	const struct kind *k = im->k;
	size_t offs[COLS_MAX];
	sb_reset(&im->arena);
	for (size_t c = 0; c < k->ncols; c++) {
		const char *s = im->field[c] >= 0 ? csv_field(im->csv, (size_t)im->field[c]) : "";
		offs[c] = im->arena.len;
		fold_blanks(&im->arena, s);
		sb_addc(&im->arena, '\0');
	}
	for (size_t c = 0; c < k->ncols; c++) {
		const struct column *col = &k->cols[c];
		struct cell *cell = &im->cells[c];
		cell->s = im->arena.buf + offs[c];
		cell->null = (col->flags & COL_DERIVED) || (!*cell->s && !col->dflt);
		if (col->flags & COL_DERIVED)
			continue;
		size_t at;
		const char *bad = text_field_problem(cell->s, strlen(cell->s), &at);
		if (bad)
			return im_fail(im, (int)c, err, "%s '%s' %s", col->name, TEXT_Q(cell->s), _(bad));
		if (!*cell->s && (col->flags & COL_REQUIRED))
			return im_fail(im, (int)c, err, _("%s is empty"), col->name);
		if (!*cell->s && col->dflt)
			cell->s = col->dflt;
		if (*cell->s && im_parse_value(im, c, err) < 0)
			return -1;
	}
	return 0;
}

/* Refuse a key seen before in the same file, naming both lines. */
static int im_check_duplicate(struct import *im, struct tkvv_err *err)
{
	const struct kind *k = im->k;
	struct strbuf key, what;
	int added;
	sb_init(&key);
	sb_init(&what);
	for (size_t i = 0; i < k->nkey; i++) {
		const struct cell *cell = &im->cells[k->key[i]];
		sb_adds(&key, cell->null ? "" : cell->s);
		sb_addc(&key, '\x1f');
	}
	struct code_entry *e = codemap_get(im->seen, key.buf, &added);
	int rc = 0;
	for (size_t i = 0; !added && i < k->nkey; i++) {
		const struct cell *cell = &im->cells[k->key[i]];
		sb_addf(&what, "%s%s '%s'", i ? ", " : "", k->cols[k->key[i]].name,
			TEXT_Q(cell->null ? "" : cell->s));
	}
	if (!added)
		rc = im_fail(im, k->key[0], err, _("%s appears twice in the file, on lines %lld and %lu"),
			     what.buf, (long long)e->a, csv_line(im->csv));
	e->a = (sqlite3_int64)csv_line(im->csv);
	sb_free(&key);
	sb_free(&what);
	return rc;
}

/* Bind every column's value to B's statement. */
static void im_bind(struct import *im, struct bound_stmt *b)
{
	const struct kind *k = im->k;
	for (size_t c = 0; c < k->ncols; c++) {
		const struct cell *cell = &im->cells[c];
		int i = b->idx[c];
		if (!i)
			continue;
		if (cell->null) {
			sqlite3_bind_null(b->st, i);
			continue;
		}
		switch (k->cols[c].type) {
		case COL_MONEY: case COL_SMONEY: case COL_RATE: case COL_COUNT:
			sqlite3_bind_int64(b->st, i, cell->i);
			break;
		case COL_LAT: case COL_LON:
			sqlite3_bind_double(b->st, i, cell->d);
			break;
		case COL_REF:
			/* Organisations and programmes are kept by code, the rest by id. */
			if (k->cols[c].ref == REF_ORG || k->cols[c].ref == REF_PROGRAM)
				sqlite3_bind_text(b->st, i, cell->s, -1, SQLITE_STATIC);
			else
				sqlite3_bind_int64(b->st, i, cell->id);
			break;
		default:
			sqlite3_bind_text(b->st, i, cell->s, -1, SQLITE_STATIC);
		}
	}
	im_bind_text(b->st, ":today", im->today);
}

/* Whether column C of the stored row read by ST (id first) equals the
 * current row's value. */
static int im_same_column(const struct import *im, sqlite3_stmt *st, size_t c)
{
	const struct cell *cell = &im->cells[c];
	int j = (int)c + 1;
	if ((sqlite3_column_type(st, j) == SQLITE_NULL) != cell->null)
		return 0;
	if (cell->null)
		return 1;
	switch (im->k->cols[c].type) {
	case COL_MONEY: case COL_SMONEY: case COL_RATE: case COL_COUNT:
		return sqlite3_column_int64(st, j) == cell->i;
	case COL_LAT: case COL_LON:
		return sqlite3_column_double(st, j) == cell->d;
	default:
		return strcmp((const char *)sqlite3_column_text(st, j), cell->s) == 0;
	}
}

/* The columns (a bit each) where the stored row read by ST differs. */
static unsigned im_changes(const struct import *im, sqlite3_stmt *st)
{
	unsigned changes = 0;
	for (size_t c = 0; c < im->k->ncols; c++)
		if (!(im->k->cols[c].flags & COL_DERIVED) && !im_same_column(im, st, c))
			changes |= 1u << c;
	return changes;
}

/* Find the stored row with the current key: sets im->existing and
 * im->changes (the columns that differ from it). */
static int im_lookup(struct import *im, struct tkvv_err *err)
{
	sqlite3_stmt *st = im->lookup.st;
	/* A kind keyed by its code: once the table's codes are read, a code
	 * not among them is a new row, with nothing to look up. */
	if (im->own >= 0) {
		enum ref_table own = (enum ref_table)im->own;
		const char *code = im->cells[im->k->key[0]].s;
		if (!im->refs[own])
			im->refs[own] = xcalloc(1, sizeof *im->refs[own]);
		if (!im->ref_full[own] && ++im->ref_reads[own] > REF_READS &&
		    im_ref_load(im, own, err) < 0)
			return -1;
		if (im->ref_full[own] && !codemap_find(im->refs[own], code)) {
			im->existing = 0;
			im->changes = ~0u;
			return 0;
		}
	}
	im_bind(im, &im->lookup);
	int rc = sqlite3_step(st);
	im->existing = 0;
	im->changes = ~0u;
	if (rc == SQLITE_ROW) {
		im->existing = sqlite3_column_int64(st, 0);
		if (sqlite3_column_count(st) > (int)im->k->ncols + 1)
			im->old_extra = sqlite3_column_int64(st, (int)im->k->ncols + 1);
		im->changes = im_changes(im, st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(im->db, err, "database");
	return 0;
}

/* Unindex the row being updated when an indexed column changes. */
static int im_unindex(struct import *im, struct tkvv_err *err)
{
	if (!im->k->unindex || !im->existing || !(im->changes & im->k->indexed))
		return 0;
	if (!im->unindex && db_prepare(im->db, im->k->unindex, &im->unindex, err) < 0)
		return -1;
	sqlite3_bind_int64(im->unindex, 1, im->existing);
	return im_step(im, im->unindex, err);
}

/* Remember row ID for the index, which is written after every row: FTS5
 * flushes its pending terms at each statement savepoint, so indexing row
 * by row would cost a segment per row, several times slower. */
static void im_written(struct import *im, sqlite3_int64 id)
{
	if (!im->k->index || !(im->changes & im->k->indexed))
		return;
	if (im->nwritten == im->capwritten) {
		im->capwritten = im->capwritten ? 2 * im->capwritten : 1024;
		im->written = xreallocarray(im->written, im->capwritten, sizeof *im->written);
	}
	im->written[im->nwritten++] = id;
}

/* Index every written row, in one statement: the ids go as a json array. */
static int im_index(struct import *im, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	struct strbuf ids;
	if (!im->k->index || !im->nwritten)
		return 0;
	if (db_prepare(im->db, im->k->index, &st, err) < 0)
		return -1;
	sb_init(&ids);
	for (size_t i = 0; i < im->nwritten; i++)
		sb_addf(&ids, "%c%lld", i ? ',' : '[', (long long)im->written[i]);
	sb_addc(&ids, ']');
	sqlite3_bind_text(st, 1, ids.buf, (int)ids.len, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(im->db, err, "database");
	sqlite3_finalize(st);
	sb_free(&ids);
	return rc;
}

/* Insert or update the current row and count it. */
static int im_write(struct import *im, struct csvio_counts *counts, struct tkvv_err *err)
{
	if (im_lookup(im, err) < 0 || (im->k->check && im->k->check(im, err) < 0))
		return -1;
	if (!im->changes) {
		counts->unchanged++;
		return 0;
	}
	struct bound_stmt *b = im->existing ? &im->update : &im->insert;
	im_bind(im, b);
	if (im->k->bind)
		im->k->bind(im, b->st);
	im_bind_int(b->st, ":id", im->existing);
	if (im_unindex(im, err) < 0 || im_step(im, b->st, err) < 0)
		return -1;
	sqlite3_int64 id = im->existing ? im->existing : sqlite3_last_insert_rowid(im->db);
	im_written(im, id);
	if (im->k->after && im->k->after(im, id, !im->existing, err) < 0)
		return -1;
	if (im->existing)
		counts->updated++;
	else
		counts->added++;
	return 0;
}

/* Prepare SQL into B and find each column's parameter in it. */
static int im_prepare(struct import *im, const char *sql, struct bound_stmt *b,
		      struct tkvv_err *err)
{
	if (db_prepare(im->db, sql, &b->st, err) < 0)
		return -1;
	for (size_t c = 0; c < im->k->ncols; c++)
		b->idx[c] = im->k->cols[c].param ?
			sqlite3_bind_parameter_index(b->st, im->k->cols[c].param) : 0;
	return 0;
}

/* Read every row into the open transaction, then log the import. */
static int im_rows(struct import *im, struct csvio_counts *counts, struct tkvv_err *err)
{
	char *lookup = xasprintf("%s%s", im->k->select, im->k->where);
	int rc = im_prepare(im, lookup, &im->lookup, err);
	free(lookup);
	if (rc < 0 || im_prepare(im, im->k->insert, &im->insert, err) < 0 ||
	    im_prepare(im, im->k->update, &im->update, err) < 0)
		return -1;
	while ((rc = csv_next_row(im->csv, err)) > 0)
		if (im_parse_row(im, err) < 0 || im_check_duplicate(im, err) < 0 ||
		    im_write(im, counts, err) < 0)
			return -1;
	if (rc < 0 || im_index(im, err) < 0 || (im->k->finish && im->k->finish(im, err) < 0))
		return -1;
	char *detail = xasprintf("%s: %ld added, %ld updated, %ld unchanged", csv_path(im->csv),
				 counts->added, counts->updated, counts->unchanged);
	rc = db_audit(im->db, "import", im->k->name, NULL, detail, err);
	free(detail);
	return rc;
}

/* Release everything the import holds. */
static void im_free(struct import *im)
{
	sqlite3_finalize(im->lookup.st);
	sqlite3_finalize(im->insert.st);
	sqlite3_finalize(im->update.st);
	sqlite3_finalize(im->unindex);
	free(im->written);
	for (size_t i = 0; i < ARRAY_LEN(im->extra); i++)
		sqlite3_finalize(im->extra[i]);
	for (size_t i = 0; i < REF_COUNT; i++) {
		sqlite3_finalize(im->ref_st[i]);
		codemap_free(im->refs[i]);
	}
	codemap_free(im->seen);
	codemap_free(im->values);
	sb_free(&im->arena);
	sb_free(&im->batch);
	csv_close(im->csv);
}

/* Set the connection's page cache to SIZE (PRAGMA cache_size units) and
 * return the previous setting. */
static long long cache_size(sqlite3 *db, long long size)
{
	sqlite3_stmt *st;
	long long old = -2000;
	if (sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			old = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", size);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	return old;
}

int csvio_import(sqlite3 *db, enum csvio_kind kind, const char *path, const char *today,
		 struct csvio_counts *counts, struct tkvv_err *err)
{
	struct import im;
	memset(&im, 0, sizeof im);
	memset(counts, 0, sizeof *counts);
	if (sqlite3_db_readonly(db, "main") == 1)
		return err_set(err, TKVV_EFAIL, _("%s: the database is read-only"), db_path(db));
	im.db = db;
	im.k = &csvio_kinds[kind];
	im.today = today;
	/* The kinds keyed by their code, and the table they are written to. */
	static const int own[CSVIO_KIND_COUNT] = {
		[CSVIO_COMMUNES] = REF_COMMUNE, [CSVIO_HAMLETS] = REF_HAMLET,
		[CSVIO_GROUPS] = REF_GROUP, [CSVIO_MEMBERS] = REF_MEMBER, [CSVIO_LOANS] = REF_LOAN,
		[CSVIO_PAYMENTS] = -1, [CSVIO_PROGRAMS] = -1,
	};
	im.own = own[kind];
	sb_init(&im.arena);
	sb_init(&im.batch);
	im.seen = xcalloc(1, sizeof *im.seen);
	im.csv = csv_open(path, err);
	if (!im.csv || im_header(&im, err) < 0 || db_begin(db, err) < 0) {
		im_free(&im);
		return -1;
	}
	/* A whole file is one transaction: a larger cache (24 MB, enough for
	 * 100,000 members at no extra time, and the process stays under 64 MB)
	 * spares SQLite from spilling pages midway. Triggers
	 * are off while a kind keeps its index itself: a trigger's statement
	 * savepoint makes FTS5 flush a segment per row, ten times slower. */
	int triggers = 1;
	long long cache = cache_size(db, -24576);
	if (im.k->index)
		sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &triggers);
	int rc = im_rows(&im, counts, err);
	im_free(&im);
	if (im.k->index)
		sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &triggers);
	rc = rc == 0 ? db_commit(db, err) : -1;
	cache_size(db, cache);
	if (rc == 0)
		return 0;
	db_rollback(db);
	memset(counts, 0, sizeof *counts);
	return -1;
}
