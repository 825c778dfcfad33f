/* Tables as an .xlsx workbook: one sheet per table, real numbers and dates
 * with Excel formats, a frozen header row, columns sized to their text. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/table.h"
#include "tkvv/i18n.h"
#include "tkvv/quality.h"
#include "tkvv/text.h"
#include "tkvv/util.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

/* Excel counts days from 1899-12-30; tkvv's day numbers from 1970-01-01. */
#define EXCEL_EPOCH_OFFSET 25569

struct xlsx_formats {
	lxw_format *header, *heading, *title, *money, *ratio, *diff, *date, *integer;
};

/* Add the number formats once per workbook. */
static void formats_add(lxw_workbook *wb, struct xlsx_formats *fm)
{
	fm->header = workbook_add_format(wb);
	format_set_bold(fm->header);
	format_set_text_wrap(fm->header);
	format_set_align(fm->header, LXW_ALIGN_CENTER);
	format_set_align(fm->header, LXW_ALIGN_VERTICAL_CENTER);
	fm->heading = workbook_add_format(wb);
	format_set_bold(fm->heading);
	fm->title = workbook_add_format(wb);
	format_set_bold(fm->title);
	format_set_font_size(fm->title, 14);
	fm->money = workbook_add_format(wb);
	format_set_num_format(fm->money, "#,##0");
	fm->ratio = workbook_add_format(wb);
	format_set_num_format(fm->ratio, "0.0%");
	fm->diff = workbook_add_format(wb);
	format_set_num_format(fm->diff, "+0.0%;-0.0%;0.0%");
	fm->date = workbook_add_format(wb);
	format_set_num_format(fm->date, "dd/mm/yyyy");
	fm->integer = workbook_add_format(wb);
	format_set_num_format(fm->integer, "0");
}

/* The characters of N written in full, with thousands separators when
 * GROUPED (#,##0). */
static size_t number_width(int64_t n, int grouped)
{
	size_t digits = 1, neg = n < 0;
	uint64_t u = neg ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
	while (u >= 10) {
		u /= 10;
		digits++;
	}
	return neg + digits + (grouped ? (digits - 1) / 3 : 0);
}

/* The lines LABEL takes wrapped at its spaces into WIDTH characters (a
 * column heading wraps there); its widest word into *WIDEST. */
static size_t wrap_label(const char *label, size_t width, size_t *widest)
{
	size_t lines = 1, used = 0, best = 0;
	char *copy = xstrdup(label), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t n = text_width(w);
		best = n > best ? n : best;
		if (used && used + 1 + n > width) {
			lines++;
			used = n;
		} else {
			used += (used ? 1 : 0) + n;
		}
	}
	free(copy);
	*widest = best;
	return lines;
}

/* Write cell C at ROW, COL; returns its width in characters. */
static size_t write_cell(lxw_worksheet *ws, const struct xlsx_formats *fm, lxw_row_t row,
			 lxw_col_t col, const struct cell *c)
{
	switch (c->type) {
	case CELL_NULL:
		return 1;
	case CELL_TEXT:
		worksheet_write_string(ws, row, col, c->s, NULL);
		return text_width(c->s);
	case CELL_INT:
		worksheet_write_number(ws, row, col, (double)c->i, fm->integer);
		return number_width(c->i, 0);
	case CELL_MONEY:
		worksheet_write_number(ws, row, col, (double)c->i, fm->money);
		return number_width(c->i, 1);
	case CELL_RATIO:
		worksheet_write_number(ws, row, col, (double)c->i / (double)c->den, fm->ratio);
		return 8;
	case CELL_DIFF:
		worksheet_write_number(ws, row, col, c->d, fm->diff);
		return 8;
	case CELL_GRADE:
		worksheet_write_string(ws, row, col, quality_grade_label((enum quality_grade)c->i), NULL);
		return 10;
	case CELL_DATE:
		worksheet_write_number(ws, row, col, (double)(c->i + EXCEL_EPOCH_OFFSET), fm->date);
		return 11;
	}
	return 1;
}

/* The sheet name for TITLE (the table's translated title): at most 31
 * characters, none of []:*?/\, unique in WB (else KEY). */
static lxw_worksheet *add_sheet(lxw_workbook *wb, const char *title, const char *key)
{
	char name[128];
	size_t len = 0, chars = 0;
	for (const unsigned char *p = (const unsigned char *)title; *p && chars < 31; chars++) {
		size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (len + n >= sizeof name)
			break;
		for (size_t i = 0; i < n && *p; i++, p++)
			name[len++] = strchr("[]:*?/\\'", *p) ? ' ' : (char)*p;
	}
	name[len] = '\0';
	while (len && name[len - 1] == ' ')
		name[--len] = '\0';
	if (len && !workbook_get_worksheet_by_name(wb, name))
		return workbook_add_worksheet(wb, name);
	return workbook_add_worksheet(wb, key);
}

/* The monthly trends table (key "trends", its first rows the district's,
 * without a commune code): a line chart of the district's overdue and
 * collection rates by month beside it. HEAD is the heading row. */
static void trend_chart(lxw_workbook *wb, lxw_worksheet *ws, const struct table *t,
			lxw_row_t head)
{
	enum { DATE_COL = 2, OVERDUE_COL = 5, COLLECTION_COL = 8 };
	size_t months = 0;
	while (months < t->nrows && t->cells[months * t->ncols].type == CELL_NULL)
		months++;
	if (strcmp(t->key, "trends") != 0 || t->ncols <= COLLECTION_COL || months < 2)
		return;
	lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_LINE);
	lxw_row_t first = head + 1, last = head + (lxw_row_t)months;
	const lxw_col_t cols[] = {OVERDUE_COL, COLLECTION_COL};
	for (size_t i = 0; i < 2; i++) {
		lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
		chart_series_set_categories(s, ws->name, first, DATE_COL, last, DATE_COL);
		chart_series_set_values(s, ws->name, first, cols[i], last, cols[i]);
		chart_series_set_name_range(s, ws->name, head, cols[i]);
	}
	chart_title_set_name(chart, t->title ? t->title : t->key);
	chart_axis_set_num_format(chart->y_axis, "0%");
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	worksheet_insert_chart(ws, head, (lxw_col_t)(t->ncols + 1), chart);
}

/* The first rows of a sheet: the report's heading, the table's title. */
#define TITLE_ROWS 3
#define PAPER_A4 9

/* Write table T as a sheet named after its title, ready to print: the
 * HEADING above it, A4 (landscape when wide) fitted to the page's width,
 * the column headings repeated on every page. */
static void write_sheet(lxw_workbook *wb, const struct xlsx_formats *fm, const struct table *t,
			const char *heading)
{
	lxw_worksheet *ws = heading ? add_sheet(wb, t->title ? t->title : t->key, t->key)
				    : workbook_add_worksheet(wb, t->key);
	size_t *w = xcalloc(t->ncols + 1, sizeof *w);
	lxw_row_t head = heading ? TITLE_ROWS : 0;
	if (heading) {
		worksheet_write_string(ws, 0, 0, heading, fm->title);
		worksheet_write_string(ws, 1, 0, t->title ? t->title : t->key, fm->heading);
	}
	for (size_t c = 0; c < t->ncols; c++) {
		worksheet_write_string(ws, head, (lxw_col_t)c, _(t->cols[c].label), fm->header);
		wrap_label(_(t->cols[c].label), SIZE_MAX, &w[c]);
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t cw = write_cell(ws, fm, (lxw_row_t)(head + r + 1), (lxw_col_t)c,
					       &t->cells[r * t->ncols + c]);
			w[c] = cw > w[c] ? cw : w[c];
		}
	size_t width = 0, lines = 1;
	for (size_t c = 0; c < t->ncols; c++) {
		double cw = (double)(w[c] < 60 ? w[c] + 2 : 62);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cw, NULL);
		width += (size_t)cw;
		size_t word, l = wrap_label(_(t->cols[c].label), (size_t)cw - 1, &word);
		lines = l > lines ? l : lines;
	}
	/* The headings wrap: a spreadsheet does not grow the row by itself. */
	worksheet_set_row(ws, head, 15.0 * (double)lines, NULL);
	worksheet_freeze_panes(ws, head + 1, 0);
	worksheet_set_paper(ws, PAPER_A4);
	if (width > 90)   /* about what an A4 portrait page holds */
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, head, head);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
	worksheet_set_footer(ws, "&C&P/&N");
	trend_chart(wb, ws, t, head);
	free(w);
}

int table_write_xlsx(const char *path, const struct table *t, size_t n, struct tkvv_err *err)
{
	return table_write_xlsx_report(path, NULL, t, n, err);
}

int table_write_xlsx_report(const char *path, const char *heading, const struct table *t,
			    size_t n, struct tkvv_err *err)
{
	struct xlsx_formats fm;
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return err_set(err, TKVV_EFAIL, "%s: %s", path, _("cannot create the workbook"));
	formats_add(wb, &fm);
	for (size_t i = 0; i < n; i++)
		write_sheet(wb, &fm, &t[i], heading);
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set(err, TKVV_EFAIL, "%s: %s: %s", path, _("cannot write the workbook"),
			       lxw_strerror(rc));
	return 0;
}

#else

int table_write_xlsx_report(const char *path, const char *heading, const struct table *t,
			    size_t n, struct tkvv_err *err)
{
	(void)heading;
	return table_write_xlsx(path, t, n, err);
}

int table_write_xlsx(const char *path, const struct table *t, size_t n, struct tkvv_err *err)
{
	(void)t;
	(void)n;
	return err_set(err, TKVV_EFAIL, "%s: %s", path, _("this build cannot write .xlsx files (no libxlsxwriter)"));
}

#endif
