/* Rosters as an .xlsx workbook ready to print: one A4 portrait sheet per
 * group with the national heading, the group's particulars, a bordered
 * table whose heading row repeats on every page, a total and the
 * signatures of the group leader and the credit officer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tkvv/i18n.h"
#include "tkvv/roster.h"
#include "tkvv/text.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

#define NCOLS 7
#define LAST_COL (NCOLS - 1)
#define HEAD_ROW 9          /* the table's heading row; the title block is above */
#define MONEY_COL 4
#define PAPER_A4 9
#define MEMBER_ROW_HEIGHT 32  /* points: two lines of text, and room to sign */

/* The printed words of a roster, in one language. */
struct labels {
	const char *form, *nation, *motto, *title;
	const char *org, *leader, *deputy, *as_of;
	const char *cols[NCOLS];
	const char *total, *place_date, *sign_leader, *sign_officer, *sign_hint, *footer;
};

static const struct labels labels[] = {
	[ROSTER_VI] = {
		"Mẫu số 10/TD", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"DANH SÁCH TỔ VIÊN TỔ TK&VV",
		"Tổ chức hội", "Tổ trưởng", "Tổ phó", "Dư nợ đến ngày",
		{"STT", "Họ và tên", "Năm sinh", "Địa chỉ", "Dư nợ (đồng)", "Ghi chú (chuyển tổ)",
		 "Ký tên"},
		"Tổng cộng", "…………, ngày …… tháng …… năm ………", "TỔ TRƯỞNG", "CÁN BỘ TÍN DỤNG",
		"(Ký, ghi rõ họ tên)", "&CTrang &P/&N",
	},
	[ROSTER_EN] = {
		"Form No. 10/TD", "SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness",
		"MEMBER LIST OF THE SAVINGS AND LOAN GROUP",
		"Organisation", "Leader", "Deputy", "Outstanding as of",
		{"No.", "Full name", "Year of birth", "Address", "Outstanding (VND)",
		 "Note (group change)", "Signature"},
		"Total", "…………, date ……/……/………", "GROUP LEADER", "CREDIT OFFICER",
		"(signature and full name)", "&CPage &P of &N",
	},
};

/* Column widths in characters: a signature needs room, a year does not. */
static const double col_widths[NCOLS] = {5, 25, 7, 24, 14, 22, 13};

enum format_bits {
	F_BOLD = 1, F_ITALIC = 2, F_UNDERLINE = 4, F_CENTER = 8, F_BORDER = 16,
	F_WRAP = 32, F_MONEY = 64, F_FILL = 128, F_BIG = 256
};

struct formats {
	lxw_format *form, *nation, *motto, *title, *info, *as_of, *head;
	lxw_format *text, *center, *money, *total, *total_money, *sign, *hint;
};

/* A format of the workbook with the features BITS, in the font of forms. */
static lxw_format *format_new(lxw_workbook *wb, unsigned bits)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, bits & F_BIG ? 14 : 12);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (bits & F_BOLD) format_set_bold(f);
	if (bits & F_ITALIC) format_set_italic(f);
	if (bits & F_UNDERLINE) format_set_underline(f, LXW_UNDERLINE_SINGLE);
	if (bits & F_CENTER) format_set_align(f, LXW_ALIGN_CENTER);
	if (bits & F_BORDER) format_set_border(f, LXW_BORDER_THIN);
	if (bits & F_WRAP) format_set_text_wrap(f);
	if (bits & F_MONEY) format_set_num_format(f, "#,##0");
	if (bits & F_FILL) format_set_bg_color(f, 0xE7E6E6);
	return f;
}

/* Add the formats once per workbook. */
static void formats_add(lxw_workbook *wb, struct formats *fm)
{
	fm->form = format_new(wb, F_ITALIC);
	format_set_align(fm->form, LXW_ALIGN_RIGHT);
	fm->nation = format_new(wb, F_BOLD | F_CENTER);
	fm->motto = format_new(wb, F_BOLD | F_UNDERLINE | F_CENTER);
	fm->title = format_new(wb, F_BOLD | F_BIG | F_CENTER);
	fm->info = format_new(wb, F_CENTER);
	fm->as_of = format_new(wb, F_ITALIC | F_CENTER);
	fm->head = format_new(wb, F_BOLD | F_CENTER | F_BORDER | F_WRAP | F_FILL);
	fm->text = format_new(wb, F_BORDER | F_WRAP);
	fm->center = format_new(wb, F_BORDER | F_CENTER);
	fm->money = format_new(wb, F_BORDER | F_MONEY);
	fm->total = format_new(wb, F_BOLD | F_BORDER | F_CENTER);
	fm->total_money = format_new(wb, F_BOLD | F_BORDER | F_MONEY);
	fm->sign = format_new(wb, F_BOLD | F_CENTER);
	fm->hint = format_new(wb, F_ITALIC | F_CENTER);
}

/* The byte length of the first N characters of UTF-8 S. */
static size_t utf8_prefix(const char *s, size_t n)
{
	size_t len = 0;
	for (size_t chars = 0; s[len]; len++)
		if (((unsigned char)s[len] & 0xC0) != 0x80 && chars++ == n)
			break;
	return len;
}

/* Whether NAME may name a new sheet of WB: Excel's rules, and not the
 * reserved "History". */
static int sheet_name_free(lxw_workbook *wb, const char *name)
{
	return strcasecmp(name, "History") != 0 &&
	       workbook_validate_sheet_name(wb, name) == LXW_NO_ERROR;
}

/* A sheet name for group CODE unique in WB, into OUT: the code without the
 * characters Excel forbids, cut to 31 characters, "~N" added when taken. */
static void sheet_name(lxw_workbook *wb, const char *code, char out[LXW_MAX_SHEETNAME_LENGTH])
{
	char clean[LXW_MAX_SHEETNAME_LENGTH];
	size_t len = utf8_prefix(code, LXW_SHEETNAME_MAX);
	for (size_t i = 0; i < len; i++)
		clean[i] = strchr("[]:*?/\\'", code[i]) ? '_' : code[i];
	clean[len] = '\0';
	snprintf(out, LXW_MAX_SHEETNAME_LENGTH, "%s", clean);
	for (unsigned k = 2; !sheet_name_free(wb, out); k++) {
		char suffix[16];
		int n = snprintf(suffix, sizeof suffix, "~%u", k);
		size_t keep = utf8_prefix(clean, LXW_SHEETNAME_MAX - (size_t)n);
		snprintf(out, LXW_MAX_SHEETNAME_LENGTH, "%.*s%s", (int)keep, clean, suffix);
	}
}

/* Write TEXT across the whole width of row ROW. */
static void write_line(lxw_worksheet *ws, lxw_row_t row, const char *text, lxw_format *f)
{
	worksheet_merge_range(ws, row, 0, row, LAST_COL, text, f);
}

/* The folded words a stored name may already begin with. */
static const char *const hamlet_words[] = {"ap", "khom", "thon", NULL};
static const char *const commune_words[] = {"xa", "thi tran", "phuong", NULL};
static const char *const group_words[] = {"to", NULL};

/* NAME with the word KIND before it ("Ấp Chợ", "Xã Phước Hưng"), unless it
 * already begins with one of WORDS, as names are often stored (caller frees). */
static char *place_name(const char *kind, const char *name, const char *const *words)
{
	char *folded = text_fold(name);
	int has = 0;
	for (size_t i = 0; !has && words[i]; i++) {
		size_t n = strlen(words[i]);
		has = strncmp(folded, words[i], n) == 0 && folded[n] == ' ';
	}
	free(folded);
	return has ? xstrdup(name) : xasprintf("%s %s", kind, name);
}

/* "Tổ 1 (TC01A01G01)" for group G, or "Tổ TC01A01G01" when it has no name (caller frees). */
static char *group_title(const struct roster_group *g)
{
	if (!*g->name)
		return xasprintf("Tổ %s", g->code);
	char *name = place_name("Tổ", g->name, group_words);
	char *title = xasprintf("%s (%s)", name, g->code);
	free(name);
	return title;
}

/* Write the title block of group G: the national heading, the title, the
 * group and its organisation, the hamlet and commune, the board and the
 * date of the balances. Place names are Vietnamese in either language. */
static void write_title(lxw_worksheet *ws, const struct formats *fm, const struct labels *lb,
			const struct roster_group *g, const char *as_of)
{
	char line[1024];
	write_line(ws, 0, lb->nation, fm->nation);
	write_line(ws, 1, lb->motto, fm->motto);
	worksheet_merge_range(ws, 2, LAST_COL - 2, 2, LAST_COL, lb->form, fm->form);
	write_line(ws, 3, lb->title, fm->title);
	char *group = group_title(g);
	snprintf(line, sizeof line, "%s    %s: %s", group, lb->org, g->org_name);
	write_line(ws, 4, line, fm->info);
	char *hamlet = place_name("Ấp", g->hamlet_name, hamlet_words);
	char *commune = place_name(g->commune_is_town ? "Thị trấn" : "Xã", g->commune_name,
				   commune_words);
	snprintf(line, sizeof line, "%s, %s", hamlet, commune);
	write_line(ws, 5, line, fm->info);
	snprintf(line, sizeof line, "%s: %s", lb->leader, *g->leader ? g->leader : "……………");
	if (*g->deputy)
		snprintf(line + strlen(line), sizeof line - strlen(line), "    %s: %s", lb->deputy,
			 g->deputy);
	write_line(ws, 6, line, fm->info);
	snprintf(line, sizeof line, "%s %.2s/%.2s/%.4s", lb->as_of, as_of + 8, as_of + 5, as_of);
	write_line(ws, 7, line, fm->as_of);
	free(group);
	free(hamlet);
	free(commune);
}

/* Write member M as table row ROW, number NO. */
static void write_member(lxw_worksheet *ws, const struct formats *fm, lxw_row_t row, size_t no,
			 const struct roster_member *m, enum roster_lang lang)
{
	char *note = roster_note(m, lang);
	worksheet_set_row(ws, row, MEMBER_ROW_HEIGHT, NULL);
	worksheet_write_number(ws, row, 0, (double)no, fm->center);
	worksheet_write_string(ws, row, 1, m->full_name, fm->text);
	if (m->birth_year)
		worksheet_write_number(ws, row, 2, m->birth_year, fm->center);
	else
		worksheet_write_blank(ws, row, 2, fm->center);
	worksheet_write_string(ws, row, 3, m->address, fm->text);
	worksheet_write_number(ws, row, MONEY_COL, (double)m->outstanding, fm->money);
	worksheet_write_string(ws, row, 5, note, fm->text);
	worksheet_write_blank(ws, row, 6, fm->text);
	free(note);
}

/* Write the table of group G below the title block; returns the total's row. */
static lxw_row_t write_table(lxw_worksheet *ws, const struct formats *fm, const struct labels *lb,
			     const struct roster_group *g, enum roster_lang lang)
{
	worksheet_set_row(ws, HEAD_ROW, 33, NULL);
	for (lxw_col_t c = 0; c < NCOLS; c++)
		worksheet_write_string(ws, HEAD_ROW, c, lb->cols[c], fm->head);
	for (size_t i = 0; i < g->n; i++)
		write_member(ws, fm, (lxw_row_t)(HEAD_ROW + 1 + i), i + 1, &g->members[i], lang);
	lxw_row_t total = (lxw_row_t)(HEAD_ROW + 1 + g->n);
	worksheet_merge_range(ws, total, 0, total, MONEY_COL - 1, lb->total, fm->total);
	if (g->n) {
		char formula[64];
		snprintf(formula, sizeof formula, "=SUM(E%u:E%u)", HEAD_ROW + 2, (unsigned)total);
		worksheet_write_formula_num(ws, total, MONEY_COL, formula, fm->total_money,
					    (double)g->outstanding);
	} else {
		worksheet_write_number(ws, total, MONEY_COL, 0, fm->total_money);
	}
	worksheet_write_blank(ws, total, 5, fm->total);
	worksheet_write_blank(ws, total, 6, fm->total);
	return total;
}

/* Write the place and date and the two signatures below row TOTAL. */
static void write_signatures(lxw_worksheet *ws, const struct formats *fm, const struct labels *lb,
			     const struct roster_group *g, lxw_row_t total)
{
	lxw_row_t r = total + 2;
	worksheet_merge_range(ws, r, 3, r, LAST_COL, lb->place_date, fm->hint);
	worksheet_merge_range(ws, r + 1, 0, r + 1, 2, lb->sign_leader, fm->sign);
	worksheet_merge_range(ws, r + 1, 4, r + 1, LAST_COL, lb->sign_officer, fm->sign);
	worksheet_merge_range(ws, r + 2, 0, r + 2, 2, lb->sign_hint, fm->hint);
	worksheet_merge_range(ws, r + 2, 4, r + 2, LAST_COL, lb->sign_hint, fm->hint);
	if (*g->leader)
		worksheet_merge_range(ws, r + 7, 0, r + 7, 2, g->leader, fm->sign);
}

/* Set up printing: A4 portrait, one page wide, the table heading repeated. */
static void page_setup(lxw_worksheet *ws, const struct labels *lb)
{
	for (lxw_col_t c = 0; c < NCOLS; c++)
		worksheet_set_column(ws, c, c, col_widths[c], NULL);
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_set_portrait(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, HEAD_ROW, HEAD_ROW);
	worksheet_set_margins(ws, 0.6, 0.4, 0.6, 0.7);
	worksheet_center_horizontally(ws);
	worksheet_set_footer(ws, lb->footer);
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 0);
}

int roster_write_xlsx(const struct roster *r, const char *path, const char *name,
		      struct tkvv_err *err)
{
	const struct labels *lb = &labels[r->lang == ROSTER_EN ? ROSTER_EN : ROSTER_VI];
	struct formats fm;
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return err_set(err, TKVV_EFAIL, _("%s: cannot create the workbook"), name);
	formats_add(wb, &fm);
	for (size_t i = 0; i < r->n; i++) {
		const struct roster_group *g = &r->groups[i];
		char sheet[LXW_MAX_SHEETNAME_LENGTH];
		sheet_name(wb, g->code, sheet);
		lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
		if (!ws) {
			lxw_workbook_free(wb);
			return err_set(err, TKVV_EFAIL, _("%s: cannot write the workbook: %s"), name,
				       sheet);
		}
		page_setup(ws, lb);
		write_title(ws, &fm, lb, g, r->as_of);
		write_signatures(ws, &fm, lb, g, write_table(ws, &fm, lb, g, r->lang));
	}
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set(err, TKVV_EFAIL, _("%s: cannot write the workbook: %s"), name,
			       lxw_strerror(rc));
	return 0;
}

#else

int roster_write_xlsx(const struct roster *r, const char *path, const char *name,
		      struct tkvv_err *err)
{
	(void)r;
	(void)path;
	return err_set(err, TKVV_EFAIL, _("%s: this build cannot write .xlsx files (no libxlsxwriter)"),
		       name);
}

#endif
