/* The CSV reader and writer: dialects, quoting and every reader error. */
#include "config.h"

#include <errno.h>

#include "testutil.h"
#include "tkvv/csv.h"

/* Write TEXT (N bytes) to DIR/NAME and return the path. */
static char *write_bytes(const char *dir, const char *name, const char *text, size_t n)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, n, f), n);
	fclose(f);
	return path;
}

/* Read the whole file at PATH; return the error message ("" when none). */
static char *read_all(const char *path, int *rows)
{
	struct tkvv_err err;
	err_clear(&err);
	*rows = 0;
	struct csv_reader *r = csv_open(path, &err);
	if (r) {
		int rc;
		while ((rc = csv_next_row(r, &err)) > 0)
			(*rows)++;
		csv_close(r);
		if (rc == 0)
			return xstrdup("");
	}
	return xstrdup(err.msg);
}

/* The error reading TEXT of N bytes as a file named t.csv in DIR. */
static char *error_of(const char *dir, const char *text, size_t n)
{
	int rows;
	char *path = write_bytes(dir, "t.csv", text, n);
	char *msg = read_all(path, &rows);
	free(path);
	return msg;
}

START_TEST(test_bom_crlf_quotes)
{
	char *dir = tu_tmpdir();
	const char text[] = "\xEF\xBB\xBF" "code,name,note\r\n"
		"A1,\"Nguyễn, Thị \"\"Lan\"\"\",\"two\r\nlines\"\r\n"
		"A2,Bình,\r\n";
	char *path = write_bytes(dir, "t.csv", text, sizeof text - 1);
	struct tkvv_err err;
	err_clear(&err);
	struct csv_reader *r = csv_open(path, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(csv_delimiter(r), ',');
	ck_assert_uint_eq(csv_header_count(r), 3);
	ck_assert_str_eq(csv_header(r, 0), "code");
	ck_assert_int_eq(csv_next_row(r, &err), 1);
	ck_assert_uint_eq(csv_line(r), 2);
	ck_assert_str_eq(csv_field(r, 1), "Nguyễn, Thị \"Lan\"");
	ck_assert_str_eq(csv_field(r, 2), "two\r\nlines");
	ck_assert_int_eq(csv_next_row(r, &err), 1);
	ck_assert_uint_eq(csv_line(r), 4);
	ck_assert_str_eq(csv_field(r, 0), "A2");
	ck_assert_str_eq(csv_field(r, 2), "");
	ck_assert_int_eq(csv_next_row(r, &err), 0);
	csv_close(r);
	free(path);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_semicolon_lf_blank_lines_nfd)
{
	char *dir = tu_tmpdir();
	/* "Lê" and "Hồ" in NFD: e + U+0302, o + U+0302 + U+0300. */
	const char text[] = "code;name\n\nB1;\"L\x65\xCC\x82, a;b\"\nB2;H\x6F\xCC\x82\xCC\x80\n\n";
	char *path = write_bytes(dir, "t.csv", text, sizeof text - 1);
	struct tkvv_err err;
	err_clear(&err);
	struct csv_reader *r = csv_open(path, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(csv_delimiter(r), ';');
	ck_assert_int_eq(csv_next_row(r, &err), 1);
	ck_assert_uint_eq(csv_line(r), 3);
	ck_assert_str_eq(csv_field(r, 1), "Lê, a;b");
	ck_assert_int_eq(csv_next_row(r, &err), 1);
	ck_assert_str_eq(csv_field(r, 1), "Hồ");
	ck_assert_uint_eq(csv_field_count(r), 2);
	ck_assert_int_eq(csv_next_row(r, &err), 0);
	csv_close(r);
	free(path);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_short_row_reads_empty)
{
	char *dir = tu_tmpdir();
	const char text[] = "a,b,c\n1\n";
	char *path = write_bytes(dir, "t.csv", text, sizeof text - 1);
	struct tkvv_err err;
	struct csv_reader *r = csv_open(path, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(csv_next_row(r, &err), 1);
	ck_assert_str_eq(csv_field(r, 0), "1");
	ck_assert_str_eq(csv_field(r, 2), "");
	csv_close(r);
	free(path);
	tu_rmdir(dir);
}
END_TEST

/* Assert that reading TEXT fails with a message starting with PREFIX and
 * containing WORDS. */
#define ASSERT_ERROR(dir, text, prefix, words) do { \
		char *m_ = error_of(dir, text, sizeof text - 1); \
		char *p_ = xasprintf("%s/t.csv%s", dir, prefix); \
		ck_assert_msg(strncmp(m_, p_, strlen(p_)) == 0, "'%s' does not start with '%s'", m_, p_); \
		ck_assert_msg(strstr(m_, words) != NULL, "'%s' lacks '%s'", m_, words); \
		ck_assert_ptr_null(strchr(m_, '\n')); \
		free(m_); free(p_); \
	} while (0)

START_TEST(test_reader_errors)
{
	char *dir = tu_tmpdir();
	ASSERT_ERROR(dir, "a,b\n1,2\n3,\xE2\x28\n", ":3:2: ", "not valid UTF-8");
	ASSERT_ERROR(dir, "a,b\n1,2\n3,\xE2\x28\n", ":3:2: ", "TCVN3/VNI");
	ASSERT_ERROR(dir, "a,b\n1,2\n3,x\0y\n", ":3:2: ", "NUL byte");
	ASSERT_ERROR(dir, "a,b\n1,\"open\n2,3\n", ":2:2: ", "never closed");
	ASSERT_ERROR(dir, "a,b\n1,2\n3,4,5\n", ":3:3: ", "3 fields, but the header has 2");
	ASSERT_ERROR(dir, "a,b\n\"x\"y,2\n", ":2:1: ", "after the closing quote");
	ASSERT_ERROR(dir, "", ":1:1: ", "empty");
	ASSERT_ERROR(dir, "\xEF\xBB\xBF\n\n", ":1:1: ", "empty");
	ASSERT_ERROR(dir, "a,b\r\n", ":2:1: ", "only a header");
	char big[1200] = "a,b\n1,";
	memset(big + 6, 'x', 1001);
	strcpy(big + 1007, "\n");
	char *m = error_of(dir, big, strlen(big));
	char *want = xasprintf("%s/t.csv:2:2: field longer than 1000 bytes", dir);
	ck_assert_str_eq(m, want);
	free(m);
	free(want);
	big[6] = '"';
	m = error_of(dir, big, strlen(big));
	want = xasprintf("%s/t.csv:2:2: field longer than 1000 bytes (is a closing quote missing?)", dir);
	ck_assert_str_eq(m, want);
	free(m);
	free(want);
	memset(big + 6, 'x', 1000);
	strcpy(big + 1006, "\n");
	m = error_of(dir, big, strlen(big));
	ck_assert_str_eq(m, "");
	free(m);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_missing_file_and_directory)
{
	char *dir = tu_tmpdir();
	struct tkvv_err err;
	char *path = xasprintf("%s/none.csv", dir);
	err_clear(&err);
	ck_assert_ptr_null(csv_open(path, &err));
	/* The system's words, in the locale's language. */
	char *want = xasprintf("none.csv: cannot open: %s", strerror(ENOENT));
	ck_assert_ptr_nonnull(strstr(err.msg, want));
	free(want);
	err_clear(&err);
	ck_assert_ptr_null(csv_open(dir, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "is a directory"));
	free(path);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_writer_quotes_when_needed)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct csv_writer w;
	csv_writer_init(&w, f, ',');
	csv_put(&w, "plain");
	csv_put(&w, "a,b");
	csv_put(&w, "say \"hi\"");
	csv_put(&w, "two\nlines");
	csv_put(&w, "cr\r");
	csv_put(&w, "");
	csv_end_row(&w);
	csv_put(&w, "x;y");
	csv_end_row(&w);
	fclose(f);
	ck_assert_str_eq(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\nx;y\n");
	free(buf);
}
END_TEST

START_TEST(test_writer_reader_round_trip)
{
	static const char *const values[] = {"Nguyễn Thị Lan", "a,b", "\"", "x\r\ny", "", " sp "};
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/w.csv", dir);
	FILE *f = fopen(path, "wb");
	struct csv_writer w;
	csv_writer_init(&w, f, ';');
	for (int row = 0; row < 2; row++) {
		for (size_t i = 0; i < ARRAY_LEN(values); i++)
			csv_put(&w, values[i]);
		csv_end_row(&w);
	}
	fclose(f);
	struct tkvv_err err;
	struct csv_reader *r = csv_open(path, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(csv_next_row(r, &err), 1);
	for (size_t i = 0; i < ARRAY_LEN(values); i++)
		ck_assert_str_eq(csv_field(r, i), values[i]);
	csv_close(r);
	free(path);
	tu_rmdir(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("csv");
	tcase_add_test(tc, test_bom_crlf_quotes);
	tcase_add_test(tc, test_semicolon_lf_blank_lines_nfd);
	tcase_add_test(tc, test_short_row_reads_empty);
	tcase_add_test(tc, test_reader_errors);
	tcase_add_test(tc, test_missing_file_and_directory);
	tcase_add_test(tc, test_writer_quotes_when_needed);
	tcase_add_test(tc, test_writer_reader_round_trip);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
