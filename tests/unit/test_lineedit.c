/* The line editor of the forms and prompts: insertion at the cursor, the
 * first key replacing a field just entered, Backspace and Delete, the kill
 * keys, Vietnamese text in NFC and with combining marks, and the part of
 * the text a narrow field shows. */
#include "config.h"

#include <string.h>

#include "testutil.h"
#include "../../src/tui/lineedit.h"

#define NAME "Nguyễn Thị Ánh"

/* Press KEY N times. */
static void press(struct lineedit *le, enum lineedit_key key, int n)
{
	while (n-- > 0)
		lineedit_edit(le, key);
}

/* The field's text is WANT, the cursor CHARS characters from the start. */
static void check(const struct lineedit *le, const char *want, size_t chars)
{
	ck_assert_str_eq(le->buf, want);
	ck_assert_uint_eq(le->len, strlen(want));
	ck_assert_uint_eq(lineedit_cursor_chars(le), chars);
}

START_TEST(test_insert_in_the_middle)
{
	struct lineedit le;
	lineedit_init(&le, "Nguyễn Ánh", 0);
	check(&le, "Nguyễn Ánh", 10);
	press(&le, LEK_LEFT, 3);
	check(&le, "Nguyễn Ánh", 7);
	ck_assert_int_eq(lineedit_insert_str(&le, "Thị "), LE_CHANGED);
	check(&le, NAME, 11);
	ck_assert_int_eq(lineedit_insert(&le, 0x1EA0), LE_CHANGED);  /* Ạ */
	check(&le, "Nguyễn Thị ẠÁnh", 12);
	lineedit_edit(&le, LEK_HOME);
	lineedit_insert(&le, 'X');
	check(&le, "XNguyễn Thị ẠÁnh", 1);
	lineedit_free(&le);
}
END_TEST

START_TEST(test_first_key_replaces)
{
	struct lineedit le;
	/* The phone: typing on a field just entered replaces it. */
	lineedit_init(&le, "0866607897", 0);
	ck_assert(le.fresh);
	lineedit_insert_str(&le, "0987");
	lineedit_insert_str(&le, "654321");
	check(&le, "0987654321", 10);
	ck_assert(!le.fresh);
	/* After a cursor key typing inserts, even with the cursor where it was. */
	lineedit_set(&le, "02/12/2026", 1);
	lineedit_edit(&le, LEK_END);
	lineedit_insert(&le, '9');
	check(&le, "02/12/20269", 11);
	lineedit_set(&le, "02/12/2026", 1);
	lineedit_edit(&le, LEK_LEFT);
	lineedit_insert(&le, '9');
	check(&le, "02/12/20296", 10);
	/* Backspace on a fresh field takes the last character off. */
	lineedit_set(&le, NAME, 1);
	lineedit_edit(&le, LEK_BACKSPACE);
	lineedit_insert(&le, 'n');
	check(&le, "Nguyễn Thị Ánn", 14);
	/* A value set from outside (a pick) is not fresh. */
	lineedit_set(&le, "HN", 0);
	lineedit_insert(&le, 'X');
	check(&le, "HNX", 3);
	/* A refused key does not replace the field. */
	lineedit_set(&le, "0866", 1);
	ck_assert_int_eq(lineedit_insert(&le, 7), LE_IGNORED);
	check(&le, "0866", 4);
	ck_assert(le.fresh);
	lineedit_free(&le);
}
END_TEST

START_TEST(test_backspace_and_delete)
{
	struct lineedit le;
	lineedit_init(&le, NAME, 0);
	lineedit_edit(&le, LEK_HOME);
	ck_assert_int_eq(lineedit_edit(&le, LEK_BACKSPACE), LE_MOVED);
	check(&le, NAME, 0);
	press(&le, LEK_RIGHT, 4);
	/* ễ is three bytes and one character. */
	ck_assert_int_eq(lineedit_edit(&le, LEK_DELETE), LE_CHANGED);
	check(&le, "Nguyn Thị Ánh", 4);
	lineedit_edit(&le, LEK_BACKSPACE);
	check(&le, "Ngun Thị Ánh", 3);
	lineedit_edit(&le, LEK_END);
	ck_assert_int_eq(lineedit_edit(&le, LEK_DELETE), LE_MOVED);
	press(&le, LEK_BACKSPACE, 3);
	check(&le, "Ngun Thị ", 9);
	press(&le, LEK_RIGHT, 5);
	check(&le, "Ngun Thị ", 9);
	press(&le, LEK_BACKSPACE, 20);
	check(&le, "", 0);
	lineedit_free(&le);
}
END_TEST

START_TEST(test_combining_marks_stay_whole)
{
	struct lineedit le;
	/* "Nguyễn" typed with combining marks: e, circumflex, tilde. */
	lineedit_init(&le, "Nguye\xcc\x82\xcc\x83n", 0);
	check(&le, "Nguye\xcc\x82\xcc\x83n", 6);
	lineedit_edit(&le, LEK_LEFT);
	check(&le, "Nguye\xcc\x82\xcc\x83n", 5);
	lineedit_edit(&le, LEK_LEFT);
	ck_assert_uint_eq(le.cur, 4);
	lineedit_edit(&le, LEK_RIGHT);
	ck_assert_uint_eq(le.cur, 9);
	lineedit_edit(&le, LEK_BACKSPACE);
	check(&le, "Nguyn", 4);
	lineedit_insert_str(&le, "o\xcc\x9b\xcc\x80");  /* ờ */
	check(&le, "Nguyo\xcc\x9b\xcc\x80n", 5);
	lineedit_edit(&le, LEK_LEFT);
	lineedit_edit(&le, LEK_DELETE);
	check(&le, "Nguyn", 4);
	/* Invalid UTF-8 is refused. */
	ck_assert_int_eq(lineedit_insert_str(&le, "\xe1\xbb"), LE_IGNORED);
	check(&le, "Nguyn", 4);
	lineedit_free(&le);
}
END_TEST

START_TEST(test_kill_keys)
{
	struct lineedit le;
	lineedit_init(&le, NAME, 0);
	lineedit_edit(&le, LEK_HOME);
	press(&le, LEK_RIGHT, 6);
	ck_assert_int_eq(lineedit_edit(&le, LEK_KILL_END), LE_CHANGED);
	check(&le, "Nguyễn", 6);
	lineedit_set(&le, NAME, 1);
	lineedit_edit(&le, LEK_HOME);
	press(&le, LEK_RIGHT, 7);
	lineedit_edit(&le, LEK_KILL_START);
	check(&le, "Thị Ánh", 0);
	/* Ctrl-U at the end clears the field, as before. */
	lineedit_set(&le, "0866607897", 1);
	lineedit_edit(&le, LEK_KILL_START);
	check(&le, "", 0);
	lineedit_insert_str(&le, "0987");
	check(&le, "0987", 4);
	lineedit_free(&le);
}
END_TEST

START_TEST(test_word_kill)
{
	struct lineedit le;
	lineedit_init(&le, NAME, 0);
	lineedit_edit(&le, LEK_KILL_WORD);
	check(&le, "Nguyễn Thị ", 11);
	lineedit_edit(&le, LEK_KILL_WORD);
	check(&le, "Nguyễn ", 7);
	lineedit_set(&le, "Tổ 3   ", 0);
	lineedit_edit(&le, LEK_KILL_WORD);
	check(&le, "Tổ ", 3);
	/* In the middle: the word before the cursor, the rest stays. */
	lineedit_set(&le, NAME, 0);
	press(&le, LEK_LEFT, 3);
	lineedit_edit(&le, LEK_KILL_WORD);
	check(&le, "Nguyễn Ánh", 7);
	lineedit_edit(&le, LEK_HOME);
	ck_assert_int_eq(lineedit_edit(&le, LEK_KILL_WORD), LE_MOVED);
	check(&le, "Nguyễn Ánh", 0);
	lineedit_free(&le);
}
END_TEST

START_TEST(test_limit_and_controls)
{
	struct lineedit le;
	lineedit_init(&le, "", 5);
	ck_assert_int_eq(lineedit_insert(&le, 0x1EC5), LE_CHANGED);  /* ễ, three bytes */
	ck_assert_int_eq(lineedit_insert(&le, 0x1EC5), LE_IGNORED);
	ck_assert_int_eq(lineedit_insert(&le, 'a'), LE_CHANGED);
	check(&le, "ễa", 2);
	ck_assert_int_eq(lineedit_insert(&le, '\t'), LE_IGNORED);
	ck_assert_int_eq(lineedit_insert(&le, 0x9b), LE_IGNORED);
	ck_assert_int_eq(lineedit_insert_str(&le, "\x1b"), LE_IGNORED);
	check(&le, "ễa", 2);
	/* Too long for the limit: refused, and the fresh text stays whole. */
	lineedit_set(&le, "abc", 1);
	ck_assert_int_eq(lineedit_insert_str(&le, "abcdef"), LE_IGNORED);
	check(&le, "abc", 3);
	ck_assert(le.fresh);
	ck_assert_int_eq(lineedit_insert_str(&le, "abcde"), LE_CHANGED);
	check(&le, "abcde", 5);
	/* A text set longer than the limit is cut at a character's start. */
	lineedit_set(&le, "ễễ", 1);
	check(&le, "ễ", 1);
	lineedit_free(&le);
}
END_TEST

/* View of LE in WIDTH columns: the text shown and the cursor's column. */
static void check_view(struct lineedit *le, int width, const char *shown, int col)
{
	size_t from, to;
	int c;
	lineedit_view(le, width, &from, &to, &c);
	ck_assert_msg(strlen(shown) == to - from && !memcmp(le->buf + from, shown, to - from),
		      "shows '%.*s', expected '%s'", (int)(to - from), le->buf + from, shown);
	ck_assert_int_eq(c, col);
}

START_TEST(test_view_scrolls)
{
	struct lineedit le;
	lineedit_init(&le, NAME, 0);
	/* Wide enough: all of it, the cursor after the end. */
	check_view(&le, 28, NAME, 14);
	check_view(&le, 15, NAME, 14);
	/* Narrower: the end, with a cell for the cursor. */
	check_view(&le, 10, "n Thị Ánh", 9);
	lineedit_edit(&le, LEK_HOME);
	check_view(&le, 10, "Nguyễn Thị", 0);
	/* Right moves the window only when the cursor would leave it. */
	press(&le, LEK_RIGHT, 9);
	check_view(&le, 10, "Nguyễn Thị", 9);
	lineedit_edit(&le, LEK_RIGHT);
	check_view(&le, 10, "guyễn Thị ", 9);
	press(&le, LEK_LEFT, 3);
	check_view(&le, 10, "guyễn Thị ", 6);
	/* After deleting, the start comes back as soon as it fits. */
	lineedit_edit(&le, LEK_END);
	check_view(&le, 10, "n Thị Ánh", 9);
	press(&le, LEK_BACKSPACE, 5);
	check_view(&le, 10, "Nguyễn Th", 9);
	lineedit_edit(&le, LEK_BACKSPACE);
	check_view(&le, 10, "Nguyễn T", 8);
	/* Double-width characters are shown whole or not at all. */
	lineedit_set(&le, "日本語", 0);
	check_view(&le, 4, "語", 2);
	lineedit_set(&le, "ab日", 0);
	lineedit_edit(&le, LEK_LEFT);
	check_view(&le, 3, "ab", 2);
	/* The window never starts on a combining mark. */
	lineedit_set(&le, "e\xcc\x82\xcc\x81" "e\xcc\x82\xcc\x81" "e\xcc\x82\xcc\x81" "e\xcc\x82\xcc\x81", 0);
	check_view(&le, 3, "e\xcc\x82\xcc\x81" "e\xcc\x82\xcc\x81", 2);
	lineedit_free(&le);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lineedit");
	TCase *tc = tcase_create("lineedit");
	tcase_add_test(tc, test_insert_in_the_middle);
	tcase_add_test(tc, test_first_key_replaces);
	tcase_add_test(tc, test_backspace_and_delete);
	tcase_add_test(tc, test_combining_marks_stay_whole);
	tcase_add_test(tc, test_kill_keys);
	tcase_add_test(tc, test_word_kill);
	tcase_add_test(tc, test_limit_and_controls);
	tcase_add_test(tc, test_view_scrolls);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
