/* Reports as tables of typed cells, written as aligned text, csv, json or
 * xlsx: every report builds tables once and each format follows. */
#ifndef TKVV_REPORT_TABLE_H
#define TKVV_REPORT_TABLE_H

#include <stdint.h>
#include <stdio.h>
#include "tkvv/util.h"

enum cell_type {
	CELL_NULL,      /* undefined: a dash, an empty csv field, json null */
	CELL_TEXT,
	CELL_INT,
	CELL_MONEY,     /* whole VND: 1.500.000 on screen, digits elsewhere */
	CELL_RATIO,     /* NUM / DEN: a percentage on screen, the fraction elsewhere */
	CELL_DIFF,      /* a change of ratio: percentage points on screen */
	CELL_GRADE,     /* a quality_grade: its label on screen, its key elsewhere */
	CELL_DATE       /* a day number: DD/MM/YYYY on screen, YYYY-MM-DD elsewhere */
};

struct cell {
	enum cell_type type;
	int64_t i, den;             /* INT, MONEY, GRADE, DATE; RATIO is i / den */
	double d;                   /* DIFF */
	char *s;                    /* TEXT (owned) */
};

struct column {
	const char *key;            /* csv header and json field */
	const char *label;          /* heading on screen, translated when shown (N_) */
	int right;                  /* 1: right-aligned on screen whatever the cells hold */
};

struct table {
	const char *key;            /* json field and xlsx sheet name */
	const char *title;          /* heading on screen (translated) */
	const struct column *cols;
	int single;                 /* json: the first row as an object, not an array */
	size_t ncols, nrows, cap;
	struct cell *cells;         /* nrows * ncols */
};

void table_init(struct table *t, const char *key, const char *title,
		const struct column *cols, size_t ncols);
void table_free(struct table *t);
/* Append a row of CELL_NULL cells and return it. */
struct cell *table_row(struct table *t);

/* Cell constructors. */
struct cell cell_text(const char *s);
struct cell cell_int(int64_t v);
struct cell cell_money(int64_t v);
struct cell cell_ratio(int64_t num, int64_t den);
struct cell cell_diff(double points);
struct cell cell_grade(int grade);
struct cell cell_date(int32_t day);

enum table_format { TF_TEXT, TF_CSV, TF_JSON, TF_XLSX };

/* Write N tables to F: text aligned under titles, csv with a header row
 * per table (a blank line between tables). */
void table_write_text(FILE *f, const struct table *t, size_t n);
void table_write_csv(FILE *f, const struct table *t, size_t n);
/* One table as a json array of objects. */
void table_write_json_array(FILE *f, const struct table *t);
/* One json object: the string FIELDS (key, value, ..., NULL), then one
 * array per table (an object for a single-row table). */
void table_write_json_object(FILE *f, const char *const *fields, const struct table *t, size_t n);
/* A json string: text_put_json (tkvv/textsafe.h). */
void table_json_string(FILE *f, const char *s);
/* A json number in its shortest exact form, or null when V is not finite. */
void table_json_number(FILE *f, double v);
/* A cell's json value. */
void table_json_cell(FILE *f, const struct cell *c);
/* N tables as sheets of the workbook PATH. */
int table_write_xlsx(const char *path, const struct table *t, size_t n, struct tkvv_err *err);
/* The same ready to print: HEADING (the report, its scope and date) above
 * each table, sheets named after the tables' titles, A4 fitted to the
 * width (landscape when wide), the heading row repeated on every page. */
int table_write_xlsx_report(const char *path, const char *heading, const struct table *t,
			    size_t n, struct tkvv_err *err);

#endif
