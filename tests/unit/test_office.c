/* Office files through the CSV reader: transcoding to UTF-8, and an xlsx
 * sheet (written here with libxlsxwriter) read as rows. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef HAVE_XLSXWRITER
#include <unzip.h>
#include <xlsxwriter.h>
#endif

#include "testutil.h"
#include "tkvv/csv.h"
#include "tkvv/csv_source.h"
#include "tkvv/table.h"

/* LEN bytes of IN converted from FROM, as a string to free (NULL on error). */
static char *convert(const char *from, const char *in, size_t len)
{
	struct tkvv_err err;
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	err_clear(&err);
	int rc = csv_transcode("in.csv", from, in, len, out, &err);
	fclose(out);
	if (rc < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

START_TEST(test_transcode)
{
	/* "Hà Nội" in UTF-16LE with its BOM. */
	static const char u16[] = "\xFF\xFEH\0\xE0\0 \0N\0\xD9\x1E" "i\0";
	char *s = convert("UTF-16", u16, sizeof u16 - 1);
	ck_assert_str_eq(s, "Hà Nội");
	free(s);
	/* cp1258 writes "ội" as ô (F4), a combining dot below (F2), i: the
	 * last letter too (the decoder holds it until flushed). */
	s = convert("CP1258", "N\xF4\xF2i", 4);
	ck_assert_str_eq(s, "Nội");
	free(s);
	/* A lone UTF-16 surrogate is not text. */
	ck_assert_ptr_null(convert("UTF-16LE", "\x00\xD8" "a\0", 4));
}
END_TEST

/* Write TEXT (N bytes) to DIR/NAME. */
static char *write_file(const char *dir, const char *name, const char *text, size_t n)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(text, 1, n, f);
	fclose(f);
	return path;
}

START_TEST(test_reader_detects)
{
	char *dir = tu_tmpdir();
	struct tkvv_err err;
	/* A Windows-1258 file: "Xã" is X, a, combining tilde (DE). */
	char *p = write_file(dir, "w.csv", "code,name\nA,Xa\xDE Ph\xFA\n", 21);
	err_clear(&err);
	struct csv_reader *r = csv_open(p, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(csv_next_row(r, &err), 1);
	ck_assert_str_eq(csv_field(r, 1), "Xã Phú");
	csv_close(r);
	free(p);
	/* TCVN3: refused, naming the file, with the converter to use. */
	p = write_file(dir, "t.csv", "code,name\nA,Nguy\xD4n V\xB5n\n", 23);
	err_clear(&err);
	ck_assert_ptr_null(csv_open(p, &err));
	ck_assert_msg(strstr(err.msg, "t.csv: ") && strstr(err.msg, "UniKey"), "%s", err.msg);
	free(p);
	tu_rmdir(dir);
}
END_TEST

#ifdef HAVE_XLSXWRITER
START_TEST(test_xlsx_sheet)
{
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/m.xlsx", dir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *other = workbook_add_worksheet(wb, "Bìa");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Thành viên");
	lxw_format *zeros = workbook_add_format(wb), *date = workbook_add_format(wb);
	format_set_num_format(zeros, "000000000000");
	format_set_num_format(date, "dd/mm/yyyy");
	worksheet_write_string(other, 0, 0, "x", NULL);
	worksheet_write_string(ws, 0, 0, "code", NULL);
	worksheet_write_string(ws, 0, 1, "name", NULL);
	worksheet_write_string(ws, 0, 3, "cccd", NULL);
	worksheet_write_string(ws, 0, 4, "on", NULL);
	worksheet_write_string(ws, 0, 5, "n", NULL);
	worksheet_write_string(ws, 2, 0, "M1", NULL);
	worksheet_write_string(ws, 2, 1, "Lê Thị \"Hoa\", Bé", NULL);
	worksheet_write_number(ws, 2, 3, 1234567890, zeros);
	lxw_datetime d = {2021, 2, 28, 0, 0, 0};
	worksheet_write_datetime(ws, 2, 4, &d, date);
	worksheet_write_number(ws, 2, 5, 2.5, NULL);
	/* Stored as 1E-20: the exponent is read too, whatever the locale. */
	worksheet_write_number(ws, 2, 2, 1e-20, NULL);
	ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);

	struct tkvv_err err;
	err_clear(&err);
	csv_source_set("Thành viên", NULL);
	struct csv_reader *r = csv_open(path, &err);
	csv_source_set(NULL, NULL);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_uint_eq(csv_header_count(r), 6);
	ck_assert_str_eq(csv_header(r, 2), "");
	ck_assert_int_eq(csv_next_row(r, &err), 1);
	/* Row 2 is empty and skipped: the record is the sheet's row 3. */
	ck_assert_uint_eq(csv_line(r), 3);
	ck_assert_str_eq(csv_field(r, 0), "M1");
	ck_assert_str_eq(csv_field(r, 1), "Lê Thị \"Hoa\", Bé");
	ck_assert_str_eq(csv_field(r, 3), "001234567890");
	ck_assert_str_eq(csv_field(r, 4), "2021-02-28");
	ck_assert_str_eq(csv_field(r, 5), "2.5");
	ck_assert_str_eq(csv_field(r, 2), "1e-20");
	char at[64];
	csv_where(r, 3, 4, at, sizeof at);
	ck_assert_str_eq(strrchr(at, '/') + 1, "m.xlsx:Thành viên!D3");
	csv_where(r, 7, 28, at, sizeof at);
	ck_assert_str_eq(strrchr(at, '!'), "!AB7");
	csv_close(r);

	/* The first sheet without a name; a name that is not there. */
	err_clear(&err);
	r = csv_open(path, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_str_eq(csv_header(r, 0), "x");
	csv_close(r);
	csv_source_set("Không có", NULL);
	err_clear(&err);
	ck_assert_ptr_null(csv_open(path, &err));
	csv_source_set(NULL, NULL);
	ck_assert_msg(strstr(err.msg, "'Không có'") != NULL, "%s", err.msg);
	free(path);
	tu_rmdir(dir);
}
END_TEST

/* The monthly trends table gets a line chart of the district's months. */
START_TEST(test_trend_chart)
{
	static const struct column cols[] = {
		{"commune_code", "Commune code", 0}, {"commune", "Commune", 0}, {"month_end", "Date", 0},
		{"outstanding", "Outstanding", 0}, {"overdue", "Overdue", 0},
		{"overdue_ratio", "Overdue %", 0}, {"due", "Due", 0}, {"collected", "Collected", 0},
		{"collection_rate_month", "Collection %", 0},
	};
	struct table t;
	table_init(&t, "trends", "Monthly trends", cols, 9);
	for (int m = 0; m < 3; m++) {
		struct cell *c = table_row(&t);
		c[2] = cell_date(19000 + 30 * m);
		c[5] = cell_ratio(m, 10);
		c[8] = cell_ratio(9 - m, 10);
	}
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/t.xlsx", dir);
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(table_write_xlsx_report(path, "Heading", &t, 1, &err), 0);
	unzFile z = unzOpen64(path);
	ck_assert_ptr_nonnull(z);
	ck_assert_int_eq(unzLocateFile(z, "xl/charts/chart1.xml", 0), UNZ_OK);
	unzClose(z);
	table_free(&t);
	free(path);
	tu_rmdir(dir);
}
END_TEST
#endif

int main(void)
{
	Suite *s = suite_create("office");
	TCase *tc = tcase_create("office");
	tcase_add_test(tc, test_transcode);
	tcase_add_test(tc, test_reader_detects);
#ifdef HAVE_XLSXWRITER
	tcase_add_test(tc, test_xlsx_sheet);
	tcase_add_test(tc, test_trend_chart);
#endif
	suite_add_tcase(s, tc);
	return tu_run(s);
}
