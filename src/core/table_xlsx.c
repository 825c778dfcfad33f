/* Tables as an .xlsx workbook: one sheet per table, real numbers and dates
 * with Excel formats, a frozen header row, columns sized to their text. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "tkvv/table.h"
#include "tkvv/i18n.h"
#include "tkvv/quality.h"
#include "tkvv/text.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

/* Excel counts days from 1899-12-30; tkvv's day numbers from 1970-01-01. */
#define EXCEL_EPOCH_OFFSET 25569

struct xlsx_formats {
	lxw_format *header, *money, *ratio, *diff, *date, *integer;
};

/* Add the number formats once per workbook. */
static void formats_add(lxw_workbook *wb, struct xlsx_formats *fm)
{
	fm->header = workbook_add_format(wb);
	format_set_bold(fm->header);
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
		return 8;
	case CELL_MONEY:
		worksheet_write_number(ws, row, col, (double)c->i, fm->money);
		return 16;
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

/* Write table T as the sheet of its key. */
static void write_sheet(lxw_workbook *wb, const struct xlsx_formats *fm, const struct table *t)
{
	char name[32];
	snprintf(name, sizeof name, "%s", t->key);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	size_t *w = xcalloc(t->ncols + 1, sizeof *w);
	for (size_t c = 0; c < t->ncols; c++) {
		worksheet_write_string(ws, 0, (lxw_col_t)c, _(t->cols[c].label), fm->header);
		w[c] = text_width(_(t->cols[c].label));
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t cw = write_cell(ws, fm, (lxw_row_t)(r + 1), (lxw_col_t)c,
					       &t->cells[r * t->ncols + c]);
			w[c] = cw > w[c] ? cw : w[c];
		}
	for (size_t c = 0; c < t->ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)(w[c] < 60 ? w[c] + 2 : 62), NULL);
	worksheet_freeze_panes(ws, 1, 0);
	free(w);
}

int table_write_xlsx(const char *path, const struct table *t, size_t n, struct tkvv_err *err)
{
	struct xlsx_formats fm;
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return err_set(err, TKVV_EFAIL, "%s: %s", path, _("cannot create the workbook"));
	formats_add(wb, &fm);
	for (size_t i = 0; i < n; i++)
		write_sheet(wb, &fm, &t[i]);
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set(err, TKVV_EFAIL, "%s: %s: %s", path, _("cannot write the workbook"),
			       lxw_strerror(rc));
	return 0;
}

#else

int table_write_xlsx(const char *path, const struct table *t, size_t n, struct tkvv_err *err)
{
	(void)t;
	(void)n;
	return err_set(err, TKVV_EFAIL, "%s: %s", path, _("this build cannot write .xlsx files (no libxlsxwriter)"));
}

#endif
