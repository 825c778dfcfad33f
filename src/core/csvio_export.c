/* Export: the same kinds and columns as import, as CSV, json or an aligned
 * text table, in code order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "csvio_kinds.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/text.h"
#include "tkvv/textsafe.h"

int csvio_kind_by_name(const char *name)
{
	for (int k = 0; k < CSVIO_KIND_COUNT; k++)
		if (strcmp(csvio_kinds[k].name, name) == 0)
			return k;
	return -1;
}

const char *csvio_kind_name(enum csvio_kind kind)
{
	return csvio_kinds[kind].name;
}

int csvio_format_by_name(const char *name)
{
	static const char *const names[] = {"csv", "json", "text"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

void csvio_today(char out[11])
{
	const char *fixed = getenv("TKVV_TODAY");
	if (fixed && !parse_date(fixed, out))
		return;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Whether column C is written as a number in json and right-aligned in text. */
static int col_numeric(const struct column *col)
{
	switch (col->type) {
	case COL_MONEY: case COL_SMONEY: case COL_RATE: case COL_COUNT: case COL_LAT: case COL_LON:
		return 1;
	default:
		return 0;
	}
}

/* Column C of the row ST holds (id first) as text in BUF; NULL when empty. */
const char *csvio_col_text(const struct column *col, sqlite3_stmt *st, int c, char buf[32])
{
	int j = c + 1;
	if (sqlite3_column_type(st, j) == SQLITE_NULL)
		return NULL;
	switch (col->type) {
	case COL_MONEY: case COL_SMONEY: case COL_COUNT:
		snprintf(buf, 32, "%lld", (long long)sqlite3_column_int64(st, j));
		return buf;
	case COL_RATE:
		parse_rate_format(sqlite3_column_int64(st, j), buf);
		return buf;
	case COL_LAT: case COL_LON:
		/* SQLite's formatting ignores the locale's decimal comma. */
		sqlite3_snprintf(32, buf, "%.15g", sqlite3_column_double(st, j));
		return buf;
	default:
		return (const char *)sqlite3_column_text(st, j);
	}
}

/* Write one row as a json object. */
static void json_row(const struct kind *k, sqlite3_stmt *st, FILE *out, int first)
{
	char buf[32];
	fputs(first ? "\n  {" : ",\n  {", out);
	for (size_t c = 0; c < k->ncols; c++) {
		const char *v = csvio_col_text(&k->cols[c], st, (int)c, buf);
		fprintf(out, "%s\"%s\": ", c ? ", " : "", k->cols[c].name);
		if (!v)
			fputs("null", out);
		else if (col_numeric(&k->cols[c]))
			fputs(v, out);
		else
			text_put_json(out, v);
	}
	putc('}', out);
}

/* A copy of S for the text table, which goes to terminals: control
 * characters (C0, DEL, C1) and bytes that are not UTF-8 shown as \xNN. */
static char *text_cell(const char *s)
{
	return text_safe_dup(s);
}

/* Print the cells (rows x ncols, header first) aligned by display width. */
static void text_table(const struct kind *k, char **cells, size_t rows, FILE *out)
{
	size_t width[COLS_MAX] = {0};
	struct strbuf line;
	sb_init(&line);
	for (size_t i = 0; i < rows * k->ncols; i++) {
		size_t w = text_width(cells[i]);
		if (w > width[i % k->ncols])
			width[i % k->ncols] = w;
	}
	for (size_t r = 0; r < rows; r++) {
		sb_reset(&line);
		for (size_t c = 0; c < k->ncols; c++) {
			const char *s = cells[r * k->ncols + c];
			size_t pad = width[c] - text_width(s);
			int right = r > 0 && col_numeric(&k->cols[c]);
			sb_addf(&line, "%s%*s%s%*s", c ? "  " : "", right ? (int)pad : 0, "", s,
				right ? 0 : (int)pad, "");
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.len--;
		fprintf(out, "%.*s\n", (int)line.len, line.buf);
	}
	sb_free(&line);
}

/* Read every row of ST into a text table and print it. */
static int export_text(const struct kind *k, sqlite3_stmt *st, FILE *out)
{
	size_t rows = 1, cap = 64;
	char **cells = xreallocarray(NULL, cap * k->ncols, sizeof *cells);
	char buf[32];
	int rc;
	for (size_t c = 0; c < k->ncols; c++)
		cells[c] = xstrdup(k->cols[c].name);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rows == cap) {
			cap *= 2;
			cells = xreallocarray(cells, cap * k->ncols, sizeof *cells);
		}
		for (size_t c = 0; c < k->ncols; c++)
			cells[rows * k->ncols + c] = text_cell(csvio_col_text(&k->cols[c], st, (int)c, buf));
		rows++;
	}
	if (rc == SQLITE_DONE)
		text_table(k, cells, rows, out);
	for (size_t i = 0; i < rows * k->ncols; i++)
		free(cells[i]);
	free(cells);
	return rc;
}

/* Write the rows of ST as CSV or json; returns the last step's code. */
static int export_rows(const struct kind *k, sqlite3_stmt *st, enum csvio_format format,
		       char sep, int bom, FILE *out)
{
	struct csv_writer w;
	char buf[32];
	int rc, first = 1;
	csv_writer_init(&w, out, sep);
	if (format == CSVIO_CSV) {
		if (bom)
			fputs("\xEF\xBB\xBF", out);
		for (size_t c = 0; c < k->ncols; c++)
			csv_put(&w, k->cols[c].name);
		csv_end_row(&w);
	} else {
		putc('[', out);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (format == CSVIO_JSON) {
			json_row(k, st, out, first);
			first = 0;
			continue;
		}
		for (size_t c = 0; c < k->ncols; c++) {
			const char *v = csvio_col_text(&k->cols[c], st, (int)c, buf);
			csv_put(&w, v ? v : "");
		}
		csv_end_row(&w);
	}
	if (format == CSVIO_JSON)
		fputs(first ? "]\n" : "\n]\n", out);
	return rc;
}

sqlite3_stmt *csvio_export_stmt(sqlite3 *db, const struct kind *k, const char *today,
				struct tkvv_err *err)
{
	char *sql = xasprintf("%s%s", k->select, k->order);
	sqlite3_stmt *st;
	int rc = db_prepare(db, sql, &st, err);
	free(sql);
	if (rc < 0)
		return NULL;
	int i = sqlite3_bind_parameter_index(st, ":today");
	if (i)
		sqlite3_bind_text(st, i, today, -1, SQLITE_STATIC);
	return st;
}

static int export_kind(sqlite3 *db, enum csvio_kind kind, enum csvio_format format,
		       const char *today, char sep, int bom, FILE *out, struct tkvv_err *err)
{
	const struct kind *k = &csvio_kinds[kind];
	sqlite3_stmt *st = csvio_export_stmt(db, k, today, err);
	int rc;
	if (!st)
		return -1;
	rc = format == CSVIO_TEXT ? export_text(k, st, out) : export_rows(k, st, format, sep, bom, out);
	if (rc != SQLITE_DONE) {
		db_fail(db, err, k->name);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int csvio_export(sqlite3 *db, enum csvio_kind kind, enum csvio_format format,
		 const char *today, FILE *out, struct tkvv_err *err)
{
	return export_kind(db, kind, format, today, ',', 0, out, err);
}

int csvio_export_csv(sqlite3 *db, enum csvio_kind kind, const char *today, char sep, int bom,
		     FILE *out, struct tkvv_err *err)
{
	return export_kind(db, kind, CSVIO_CSV, today, sep, bom, out, err);
}
