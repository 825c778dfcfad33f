/* Tables of typed cells and their text, csv and json forms (xlsx in
 * report_xlsx.c). */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/table.h"
#include "tkvv/csv.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/quality.h"
#include "tkvv/text.h"
#include "tkvv/textsafe.h"

void table_init(struct table *t, const char *key, const char *title,
		const struct column *cols, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->key = key;
	t->title = title;
	t->cols = cols;
	t->ncols = ncols;
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].s);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

struct cell *table_row(struct table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols, sizeof *t->cells);
	}
	struct cell *row = t->cells + t->nrows++ * t->ncols;
	memset(row, 0, t->ncols * sizeof *row);
	return row;
}

struct cell cell_text(const char *s)
{
	return s ? (struct cell){.type = CELL_TEXT, .s = xstrdup(s)} : (struct cell){.type = CELL_NULL};
}

struct cell cell_int(int64_t v) { return (struct cell){.type = CELL_INT, .i = v}; }
struct cell cell_money(int64_t v) { return (struct cell){.type = CELL_MONEY, .i = v}; }
struct cell cell_diff(double points) { return (struct cell){.type = CELL_DIFF, .d = points}; }
struct cell cell_grade(int grade) { return (struct cell){.type = CELL_GRADE, .i = grade}; }
struct cell cell_date(int32_t day) { return (struct cell){.type = CELL_DATE, .i = day}; }

struct cell cell_ratio(int64_t num, int64_t den)
{
	return den ? (struct cell){.type = CELL_RATIO, .i = num, .den = den}
		   : (struct cell){.type = CELL_NULL};
}

/* The screen form of cell C into BUF. */
static void cell_screen(const struct cell *c, char *buf, size_t size)
{
	int y, m, d;
	switch (c->type) {
	case CELL_NULL: snprintf(buf, size, "-"); break;
	/* Text goes to a terminal: control characters as \xNN. */
	case CELL_TEXT: text_display(buf, size, c->s); break;
	case CELL_INT: snprintf(buf, size, "%" PRId64, c->i); break;
	case CELL_MONEY: quality_format_money(c->i, buf, size); break;
	case CELL_RATIO:
		quality_format_pct(c->i, c->den, buf, size);
		strncat(buf, "%", size - strlen(buf) - 1);
		break;
	case CELL_DIFF:
		/* Percentage points, one decimal, half away from zero. */
		snprintf(buf, size, "%+.1f", round(c->d * 1000.0) / 10.0);
		break;
	case CELL_GRADE: snprintf(buf, size, "%s", quality_grade_label((enum quality_grade)c->i)); break;
	case CELL_DATE:
		quality_format_date((int32_t)c->i, buf);
		sscanf(buf, "%d-%d-%d", &y, &m, &d);
		snprintf(buf, size, "%02d/%02d/%04d", d, m, y);
		break;
	}
}

/* Whether cells of type T are aligned to the right. */
static int right_aligned(enum cell_type t)
{
	return t != CELL_TEXT && t != CELL_GRADE;
}

/* Whether column C of T is aligned to the right: by its first defined cell. */
static int column_right(const struct table *t, size_t c)
{
	if (t->cols[c].right)
		return 1;
	for (size_t r = 0; r < t->nrows; r++)
		if (t->cells[r * t->ncols + c].type != CELL_NULL)
			return right_aligned(t->cells[r * t->ncols + c].type);
	return 0;
}

/* Print S padded to WIDTH display columns, on the left or the right. */
static void pad(FILE *f, const char *s, size_t width, int right)
{
	size_t w = text_width(s);
	if (right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
}

/* Print one table aligned by display columns; the last column is not
 * padded when left-aligned, so that no line ends in spaces. */
static void write_text_table(FILE *f, const struct table *t)
{
	char buf[128];
	size_t *w = xcalloc(t->ncols, sizeof *w);
	int *right = xcalloc(t->ncols, sizeof *right);
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = text_width(_(t->cols[c].label));
		right[c] = column_right(t, c);
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			cell_screen(&t->cells[r * t->ncols + c], buf, sizeof buf);
			size_t cw = text_width(buf);
			w[c] = cw > w[c] ? cw : w[c];
		}
	fprintf(f, "%s\n", t->title);
	for (size_t r = 0; r <= t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = buf;
			if (r == 0)
				s = _(t->cols[c].label);
			else
				cell_screen(&t->cells[(r - 1) * t->ncols + c], buf, sizeof buf);
			pad(f, s, c + 1 < t->ncols || right[c] ? w[c] : 0, right[c]);
			fputs(c + 1 < t->ncols ? "  " : "\n", f);
		}
	free(right);
	free(w);
}

void table_write_text(FILE *f, const struct table *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc('\n', f);
		write_text_table(f, &t[i]);
		if (t[i].nrows == 0)
			fprintf(f, "  %s\n", _("(none)"));
	}
}

/* The shortest decimal form of X that reads back as X. */
static void shortest_double(double x, char *buf, size_t size)
{
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(buf, size, "%.*g", digits, x);
		double back;
		if (!parse_number(buf, &back) && back == x)
			return;
	}
}

void table_json_number(FILE *f, double v)
{
	char buf[40];
	if (!isfinite(v)) {
		fputs("null", f);
		return;
	}
	shortest_double(v, buf, sizeof buf);
	fputs(buf, f);
}

/* The plain form of cell C (csv and json): digits, a fraction, a key. */
static void cell_plain(const struct cell *c, char *buf, size_t size)
{
	switch (c->type) {
	case CELL_NULL: buf[0] = '\0'; break;
	case CELL_TEXT: snprintf(buf, size, "%s", c->s); break;
	case CELL_INT:
	case CELL_MONEY: snprintf(buf, size, "%" PRId64, c->i); break;
	case CELL_RATIO: shortest_double((double)c->i / (double)c->den, buf, size); break;
	case CELL_DIFF: shortest_double(c->d, buf, size); break;
	case CELL_GRADE: snprintf(buf, size, "%s", quality_grade_key((enum quality_grade)c->i)); break;
	case CELL_DATE: quality_format_date((int32_t)c->i, buf); break;
	}
}

void table_write_csv(FILE *f, const struct table *t, size_t n)
{
	char buf[128];
	struct csv_writer w;
	csv_writer_init(&w, f, ',');
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc('\n', f);
		for (size_t c = 0; c < t[i].ncols; c++)
			csv_put(&w, t[i].cols[c].key);
		csv_end_row(&w);
		for (size_t r = 0; r < t[i].nrows; r++) {
			for (size_t c = 0; c < t[i].ncols; c++) {
				const struct cell *cell = &t[i].cells[r * t[i].ncols + c];
				cell_plain(cell, buf, sizeof buf);
				csv_put(&w, cell->type == CELL_TEXT ? cell->s : buf);
			}
			csv_end_row(&w);
		}
	}
}

void table_json_string(FILE *f, const char *s)
{
	text_put_json(f, s);
}

void table_json_cell(FILE *f, const struct cell *c)
{
	char buf[128];
	if (c->type == CELL_NULL) {
		fputs("null", f);
		return;
	}
	if (c->type == CELL_TEXT) {
		table_json_string(f, c->s);
		return;
	}
	cell_plain(c, buf, sizeof buf);
	if (c->type == CELL_GRADE || c->type == CELL_DATE)
		table_json_string(f, buf);
	else
		fputs(buf, f);
}

/* Row R of T as a json object. */
static void json_row(FILE *f, const struct table *t, size_t r)
{
	fputc('{', f);
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputs(", ", f);
		table_json_string(f, t->cols[c].key);
		fputs(": ", f);
		table_json_cell(f, &t->cells[r * t->ncols + c]);
	}
	fputc('}', f);
}

void table_write_json_array(FILE *f, const struct table *t)
{
	fputc('[', f);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs(r ? ",\n " : "\n ", f);
		json_row(f, t, r);
	}
	fputs(t->nrows ? "\n]" : "]", f);
}

void table_write_json_object(FILE *f, const char *const *fields, const struct table *t, size_t n)
{
	int first = 1;
	fputc('{', f);
	for (; fields && fields[0]; fields += 2, first = 0) {
		fputs(first ? "" : ", ", f);
		table_json_string(f, fields[0]);
		fputs(": ", f);
		table_json_string(f, fields[1]);
	}
	for (size_t i = 0; i < n; i++, first = 0) {
		fputs(first ? "\n" : ",\n", f);
		table_json_string(f, t[i].key);
		fputs(": ", f);
		if (t[i].single && t[i].nrows)
			json_row(f, &t[i], 0);
		else
			table_write_json_array(f, &t[i]);
	}
	fputs("\n}\n", f);
}
