/* Collection sheets as a workbook to print (form 13/TD style): one
 * worksheet, one A4 landscape page per group (a page break before each
 * next group), fitted to the width: heading, group, leader, month, the
 * members' loans with what is due and blank columns to fill, totals and
 * signatures. The key columns (member code, loan code, month) are cells
 * of every row, for the re-import. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/sheet.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

#define NCOLS 13
#define PAPER_A4 9

static const char *const heads[NCOLS] = {
	"STT", "Mã tổ viên", "Họ và tên", "Mã khoản vay", "Tháng", "Lãi tồn (đồng)",
	"Lãi phải trả (đồng)", "Gốc đến hạn (đồng)", "Tiết kiệm (đồng)", "Lãi đã thu",
	"Gốc đã thu", "Tiết kiệm đã thu", "Ký tên",
};
static const double widths[NCOLS] = {5, 13, 22, 13, 8, 12, 12, 12, 12, 12, 12, 12, 10};

int sheet_write_xlsx(const struct sheet_set *set, const char *path, struct tkvv_err *err)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return err_set(err, TKVV_EFAIL, _("%s: cannot create the workbook"), path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet");
	lxw_format *title = workbook_add_format(wb), *bold = workbook_add_format(wb);
	lxw_format *head = workbook_add_format(wb), *cell = workbook_add_format(wb);
	lxw_format *money = workbook_add_format(wb), *center = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	format_set_align(title, LXW_ALIGN_CENTER);
	format_set_bold(bold);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_border(cell, LXW_BORDER_THIN);
	format_set_border(money, LXW_BORDER_THIN);
	format_set_num_format(money, "#,##0");
	format_set_bold(center);
	format_set_align(center, LXW_ALIGN_CENTER);
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	for (int c = 0; c < NCOLS; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	lxw_row_t *breaks = xcalloc(set->n + 1, sizeof *breaks);
	size_t nbreaks = 0;
	lxw_row_t row = 0;
	char buf[256];
	for (size_t g = 0; g < set->n; g++) {
		const struct sheet *s = &set->sheets[g];
		if (g > 0)
			breaks[nbreaks++] = row;
		worksheet_merge_range(ws, row, 0, row, NCOLS - 1, "Mẫu số 13/TD", center);
		row++;
		worksheet_merge_range(ws, row, 0, row, NCOLS - 1, "BẢNG KÊ THU LÃI, THU TIẾT KIỆM", title);
		row++;
		snprintf(buf, sizeof buf, "Tổ: %s %s — %s", s->group_code, s->group_name, s->hamlet_name);
		worksheet_write_string(ws, row++, 0, buf, bold);
		snprintf(buf, sizeof buf, "Tổ trưởng: %s", s->leader_name);
		worksheet_write_string(ws, row++, 0, buf, NULL);
		snprintf(buf, sizeof buf, "Tháng: %s — ngày giao dịch %s", s->month, s->paid_on);
		worksheet_write_string(ws, row++, 0, buf, NULL);
		row++;
		for (int c = 0; c < NCOLS; c++)
			worksheet_write_string(ws, row, (lxw_col_t)c, heads[c], head);
		row++;
		for (size_t i = 0; i < s->n; i++, row++) {
			const struct sheet_row *r = &s->rows[i];
			worksheet_write_number(ws, row, 0, (double)(i + 1), cell);
			worksheet_write_string(ws, row, 1, r->member_code, cell);
			worksheet_write_string(ws, row, 2, r->member_name, cell);
			worksheet_write_string(ws, row, 3, r->loan_code, cell);
			worksheet_write_string(ws, row, 4, s->month, cell);
			worksheet_write_number(ws, row, 5, (double)r->arrears, money);
			worksheet_write_number(ws, row, 6, (double)r->interest_due, money);
			worksheet_write_number(ws, row, 7, (double)r->principal_due, money);
			worksheet_write_number(ws, row, 8, (double)r->savings_due, money);
			for (int c = 9; c < NCOLS; c++)
				worksheet_write_blank(ws, row, (lxw_col_t)c, cell);
		}
		struct sheet_totals t;
		sheet_totals(s, &t);
		worksheet_merge_range(ws, row, 0, row, 4, "Tổng cộng", head);
		worksheet_write_number(ws, row, 5, (double)t.arrears, money);
		worksheet_write_number(ws, row, 6, (double)t.interest_due, money);
		worksheet_write_number(ws, row, 7, (double)t.principal_due, money);
		worksheet_write_number(ws, row, 8, (double)t.savings_due, money);
		for (int c = 9; c < NCOLS; c++)
			worksheet_write_blank(ws, row, (lxw_col_t)c, cell);
		row += 2;
		worksheet_write_string(ws, row, 2, "TỔ TRƯỞNG", center);
		worksheet_write_string(ws, row, 9, "CÁN BỘ TÍN DỤNG", center);
		row++;
		worksheet_write_string(ws, row, 2, "(Ký, ghi rõ họ tên)", NULL);
		worksheet_write_string(ws, row, 9, "(Ký, ghi rõ họ tên)", NULL);
		row += 4;
	}
	if (nbreaks > 0) {
		breaks[nbreaks] = 0;
		worksheet_set_h_pagebreaks(ws, breaks);
	}
	lxw_error e = workbook_close(wb);
	free(breaks);
	if (e != LXW_NO_ERROR)
		return err_set(err, TKVV_EFAIL, "%s: %s", path, lxw_strerror(e));
	return 0;
}
#else
int sheet_write_xlsx(const struct sheet_set *set, const char *path, struct tkvv_err *err)
{
	(void)set;
	return err_set(err, TKVV_EFAIL, _("%s: this tkvv was built without .xlsx support"), path);
}
#endif
