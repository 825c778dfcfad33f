/* Hostile bytes: what a text field may hold, and input quoted in messages
 * and written to terminals. */
#include "config.h"

#include "testutil.h"
#include "tkvv/textsafe.h"

/* Whether S holds a byte a terminal acts on: C0, DEL or a C1 in UTF-8. */
static int has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return 1;
	return 0;
}

START_TEST(test_field_problem)
{
	size_t at = 99;
	ck_assert_ptr_null(text_field_problem("Nguyễn Thị Lan", strlen("Nguyễn Thị Lan"), &at));
	ck_assert_ptr_null(text_field_problem("", 0, &at));
	const char esc[] = "Lan \033]0;owned\007";
	ck_assert_ptr_nonnull(text_field_problem(esc, strlen(esc), &at));
	ck_assert_uint_eq(at, 4);
	ck_assert_ptr_nonnull(text_field_problem("a\tb", 3, &at));
	ck_assert_uint_eq(at, 1);
	ck_assert_ptr_nonnull(text_field_problem("a\nb", 3, &at));
	ck_assert_ptr_nonnull(text_field_problem("ab\x7f", 3, &at));
	ck_assert_uint_eq(at, 2);
	/* C1: U+0085 (NEL) and U+009B (CSI); U+00A0 and U+00C0 are fine. */
	ck_assert_ptr_nonnull(text_field_problem("x\xc2\x85", 3, &at));
	ck_assert_uint_eq(at, 1);
	ck_assert_ptr_nonnull(text_field_problem("\xc2\x9b" "2J", 4, &at));
	ck_assert_ptr_null(text_field_problem("\xc2\xa0\xc3\x80", 4, &at));
	/* Invalid UTF-8: a lone continuation, an overlong ESC, a surrogate, a cut sequence. */
	ck_assert_ptr_nonnull(text_field_problem("a\x80", 2, &at));
	ck_assert_uint_eq(at, 1);
	ck_assert_ptr_nonnull(text_field_problem("\xc0\x9b", 2, &at));
	ck_assert_ptr_nonnull(text_field_problem("\xed\xa0\x80", 3, &at));
	ck_assert_ptr_nonnull(text_field_problem("\xe1\xba", 2, &at));
	char tabs[] = "\ta\tb\t";
	text_fold_tabs(tabs);
	ck_assert_str_eq(tabs, " a b ");
}
END_TEST

START_TEST(test_quote)
{
	char q[TEXT_QUOTE_SIZE];
	ck_assert_str_eq(text_quote(q, "Nguyễn Thị Lan"), "Nguyễn Thị Lan");
	ck_assert_str_eq(text_quote(q, "\033]0;owned\007"), "\\x1b]0;owned\\x07");
	ck_assert_str_eq(text_quote(q, "two\nlines\r"), "two\\x0alines\\x0d");
	ck_assert_str_eq(text_quote(q, "del\x7f"), "del\\x7f");
	/* A C1 control is escaped byte by byte, as are bytes that are not UTF-8. */
	ck_assert_str_eq(text_quote(q, "\xc2\x9b" "2J"), "\\xc2\\x9b2J");
	ck_assert_str_eq(text_quote(q, "a\xff" "b\xe1\xba"), "a\\xffb\\xe1\\xba");
	/* Line separators and bidi overrides cannot fake a second line or reorder it. */
	ck_assert_str_eq(text_quote(q, "a\xe2\x80\xa8" "b\xe2\x80\xae"), "a\\xe2\\x80\\xa8b\\xe2\\x80\\xae");
	ck_assert_str_eq(text_quote(q, NULL), "");
	ck_assert_str_eq(TEXT_Q("x\033y"), "x\\x1by");
}
END_TEST

START_TEST(test_quote_cut)
{
	char q[TEXT_QUOTE_SIZE], in[400];
	/* 60 characters fit; the 61st is cut with an ellipsis. */
	memset(in, 'a', 60);
	in[60] = '\0';
	ck_assert_str_eq(text_quote(q, in), in);
	strcat(in, "b");
	ck_assert_uint_eq(strlen(text_quote(q, in)), 60 + 3);
	ck_assert_str_eq(q + 60, "…");
	/* Characters are counted, not bytes: 100 × "ễ" gives 60 of them. */
	in[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(in, "ễ");
	text_quote(q, in);
	ck_assert_uint_eq(strlen(q), 60 * strlen("ễ") + 3);
	/* Escapes are never cut in two, and the result stays short and on one line. */
	in[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(in, "\033\n");
	text_quote(q, in);
	ck_assert(!has_control(q));
	ck_assert_uint_le(strlen(q), 64);
	ck_assert_str_eq(q + strlen(q) - 3, "…");
	ck_assert_str_eq(q + strlen(q) - 7, "\\x1b…");
}
END_TEST

START_TEST(test_display)
{
	char out[16];
	text_display(out, sizeof out, "ok");
	ck_assert_str_eq(out, "ok");
	/* Not cut before the buffer is full, then an ellipsis, never half an escape. */
	text_display(out, sizeof out, "\033\033\033\033\033");
	ck_assert(!has_control(out));
	ck_assert_str_eq(out, "\\x1b\\x1b\\x1b…");
	ck_assert(!text_needs_escape("Tổ 3 – Hội Phụ nữ"));
	ck_assert(text_needs_escape("a\033"));
	ck_assert(text_needs_escape("a\xc2\x9b"));
	char *d = text_safe_dup("Lan \033]0;owned\007 \xc2\x9b");
	ck_assert_str_eq(d, "Lan \\x1b]0;owned\\x07 \\xc2\\x9b");
	free(d);
	/* err_set quotes whatever it is given on one line. */
	struct tkvv_err err;
	err_set(&err, TKVV_EFAIL, "bad '%s'", "x\ny\033");
	ck_assert_str_eq(err.msg, "bad 'x\\x0ay\\x1b'");
}
END_TEST

/* The json escaper of tables and exports: what json needs escaped, and
 * every control a terminal would act on; Vietnamese and U+00A0 as they are. */
START_TEST(test_json_string)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	text_put_json(f, "Lê \"Tí\" \\ a\nb\tc\033d\x7f" "e\xc2\x85" "f\xc2\xa0" "g");
	fclose(f);
	ck_assert_str_eq(buf, "\"Lê \\\"Tí\\\" \\\\ a\\nb\\u0009c\\u001bd\\u007fe\\u0085f\xc2\xa0g\"");
	free(buf);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("textsafe");
	TCase *tc = tcase_create("textsafe");
	tcase_add_test(tc, test_field_problem);
	tcase_add_test(tc, test_quote);
	tcase_add_test(tc, test_quote_cut);
	tcase_add_test(tc, test_display);
	tcase_add_test(tc, test_json_string);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
