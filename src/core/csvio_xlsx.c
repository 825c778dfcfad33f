/* Export as an .xlsx workbook: one sheet named after the kind, the contract's
 * columns as the header row (frozen), codes, CCCDs and phones as text so
 * that Excel keeps their leading zeros, money as numbers with a thousands
 * format, dates as dates. Import reads it back as it was. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csvio_kinds.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

/* TEXT (an exported number, written with a dot) as a double; 0 when it is
 * not one, as before. */
static double cell_number(const char *text)
{
	double v;
	return parse_number(text, &v) ? 0 : v;
}

/* Write one cell of column COL, TEXT as its exported text. */
static void put_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const struct column *col,
		     const char *text, lxw_format *money, lxw_format *date, lxw_format *str)
{
	int y, m, d;
	switch (col->type) {
	case COL_MONEY: case COL_SMONEY:
		worksheet_write_number(ws, r, c, cell_number(text), money);
		return;
	case COL_COUNT: case COL_LAT: case COL_LON:
		worksheet_write_number(ws, r, c, cell_number(text), NULL);
		return;
	case COL_DATE:
		if (sscanf(text, "%4d-%2d-%2d", &y, &m, &d) == 3) {
			lxw_datetime dt = {y, m, d, 0, 0, 0};
			worksheet_write_datetime(ws, r, c, &dt, date);
			return;
		}
		break;
	default:
		break;
	}
	worksheet_write_string(ws, r, c, text, str);
}

int csvio_export_xlsx(sqlite3 *db, enum csvio_kind kind, const char *today, const char *path,
		      struct tkvv_err *err)
{
	const struct kind *k = &csvio_kinds[kind];
	sqlite3_stmt *st = csvio_export_stmt(db, k, today, err);
	if (!st)
		return -1;
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		sqlite3_finalize(st);
		return err_set(err, TKVV_EFAIL, "%s: %s", path, _("cannot write"));
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, k->name);
	lxw_format *head = workbook_add_format(wb), *money = workbook_add_format(wb);
	lxw_format *date = workbook_add_format(wb), *str = workbook_add_format(wb);
	format_set_bold(head);
	format_set_num_format(money, "#,##0");
	format_set_num_format(date, "yyyy-mm-dd");
	format_set_num_format(str, "@");   /* text: what is typed in stays text */
	for (size_t c = 0; c < k->ncols; c++) {
		worksheet_write_string(ws, 0, (lxw_col_t)c, k->cols[c].name, head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
				     k->cols[c].type == COL_TEXT ? 28 : 14, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	char buf[32];
	int rc;
	lxw_row_t r = 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t c = 0; c < k->ncols; c++) {
			const char *v = csvio_col_text(&k->cols[c], st, (int)c, buf);
			if (v && *v)
				put_cell(ws, r, (lxw_col_t)c, &k->cols[c], v, money, date, str);
		}
		r++;
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, err, k->name);
		sqlite3_finalize(st);
		workbook_close(wb);
		remove(path);
		return -1;
	}
	sqlite3_finalize(st);
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		remove(path);
		return err_set(err, TKVV_EFAIL, "%s: %s: %s", path, _("cannot write"),
			       lxw_strerror(e));
	}
	return 0;
}

#else

int csvio_export_xlsx(sqlite3 *db, enum csvio_kind kind, const char *today, const char *path,
		      struct tkvv_err *err)
{
	(void)db;
	(void)kind;
	(void)today;
	return err_set(err, TKVV_EFAIL, _("%s: this build cannot write .xlsx files (no libxlsxwriter)"),
		       path);
}

#endif
