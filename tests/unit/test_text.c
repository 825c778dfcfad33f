/* Vietnamese text: NFC, folding, width and name order. */
#include "config.h"

#include <uninorm.h>
#include <unistr.h>

#include "testutil.h"
#include "tkvv/text.h"

/* "Nguyễn Văn Đức" decomposed (NFD). */
static const char nfd_name[] = "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n \xc4\x90u\xcc\x9b\xcc\x81\x63";

START_TEST(test_nfc)
{
	char *s = text_nfc(nfd_name);
	ck_assert_str_eq(s, "Nguyễn Văn Đức");
	free(s);
	ck_assert_ptr_null(text_invalid_utf8("Ấp Chợ", strlen("Ấp Chợ")));
	const char bad[] = "Nguy\xe1\xbb n";  /* a truncated sequence, as in a VNI file */
	ck_assert_ptr_eq(text_invalid_utf8(bad, sizeof bad - 1), bad + 4);
}
END_TEST

START_TEST(test_fold)
{
	const char *cases[][2] = {
		{"Nguyễn Văn Đức", "nguyen van duc"},
		{nfd_name, "nguyen van duc"},
		{"  THẠCH   Thị Sa Rươne ", "thach thi sa ruone"},
		{"ĐẶNG đình Ưng", "dang dinh ung"},
		{"Ấp Giồng Lớn", "ap giong lon"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *f = text_fold(cases[i][0]);
		ck_assert_str_eq(f, cases[i][1]);
		free(f);
	}
	char *d = text_digits("+84 912.345-678");
	ck_assert_str_eq(d, "84912345678");
	free(d);
}
END_TEST

START_TEST(test_width)
{
	ck_assert_uint_eq(text_width("Nguyễn"), 6);
	ck_assert_uint_eq(text_width(nfd_name), 14);
	ck_assert_uint_eq(text_width("Tổ 3 – Hội Phụ nữ"), 17);
	ck_assert_uint_eq(text_fit("Nguyễn Văn", 3), strlen("Ngu"));
	ck_assert_uint_eq(text_fit("Nguyễn Văn", 5), strlen("Nguyễ"));
	ck_assert_uint_eq(text_fit("ab", 10), 2);
}
END_TEST

START_TEST(test_name_order)
{
	/* Each name sorts before the next. */
	const char *names[] = {
		"Nguyễn Thị Anh",    /* given name a… first */
		"Trần Văn Ăn",       /* ă after a */
		"Lê Văn Ân",         /* â after ă */
		"Lê Văn Dũng",
		"Lê Văn Đạt",        /* đ after d */
		"Lê Thị Hoa",        /* family name breaks the tie of given names */
		"Trần Thị Hoa",
		"Trần Thị Hòa",      /* tone: ngang before huyền */
		"Trần Thị Hỏa",
		"Trần Thị Hóa",
		"Kim Sóc Kha",
		"Sơn Thị Ni",
		"Võ Văn Ơn",         /* ơ after ô after o */
		"Thạch Thị Sa Rươne",
	};
	for (size_t i = 0; i + 1 < ARRAY_LEN(names); i++)
		ck_assert_msg(text_name_cmp(names[i], names[i + 1]) < 0, "%s !< %s", names[i], names[i + 1]);
	ck_assert_int_eq(text_name_cmp("Lê Thị Hoa", "LÊ THỊ HOA"), 0);
	ck_assert_int_eq(text_name_cmp(nfd_name, "Nguyễn Văn Đức"), 0);
}
END_TEST

/* Every Latin letter, alone and in names, folds and sorts the same
 * precomposed (read from the table) as decomposed (read by libunistring). */
START_TEST(test_nfd_table)
{
	static const char *names[] = {"Nguyễn Thị Ánh Tuyết", "TRẦN VĂN ĐỨC", "Lê  Ngọc\tHạnh",
				      "Phạm Ưng Ổn Ậu", "Dương Quốc Việt", "Ǹgô Ḗ Ṍ x"};
	char buf[64];
	for (ucs4_t c = 0x80; c < 0x1F00; c++) {
		if (c == 0x250)
			c = 0x1E00;
		uint8_t u[8];
		int n = u8_uctomb(u, c, sizeof u);
		ck_assert_int_gt(n, 0);
		snprintf(buf, sizeof buf, "a%.*sb %.*s", n, (const char *)u, n, (const char *)u);
		char *nfd = (char *)u8_normalize(UNINORM_NFD, (const uint8_t *)buf, strlen(buf) + 1, NULL,
						 &(size_t){0});
		ck_assert_ptr_nonnull(nfd);
		char *a = text_fold(buf), *b = text_fold(nfd);
		ck_assert_msg(strcmp(a, b) == 0, "U+%04X: '%s' and '%s'", (unsigned)c, a, b);
		size_t la, lb;
		unsigned char *ka = text_name_key(buf, &la), *kb = text_name_key(nfd, &lb);
		ck_assert_msg(la == lb && memcmp(ka, kb, la) == 0, "U+%04X: keys differ", (unsigned)c);
		free(a), free(b), free(ka), free(kb), free(nfd);
	}
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *nfd = (char *)u8_normalize(UNINORM_NFD, (const uint8_t *)names[i], strlen(names[i]) + 1,
						 NULL, &(size_t){0});
		char *a = text_fold(names[i]), *b = text_fold(nfd);
		ck_assert_str_eq(a, b);
		size_t la, lb;
		unsigned char *ka = text_name_key(names[i], &la), *kb = text_name_key(nfd, &lb);
		ck_assert_msg(la == lb && memcmp(ka, kb, la) == 0, "%s: keys differ", names[i]);
		free(a), free(b), free(ka), free(kb), free(nfd);
	}
	char *f = text_fold("Nguyễn Thị ÁNH");
	ck_assert_str_eq(f, "nguyen thi anh");
	free(f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");
	tcase_add_test(tc, test_nfc);
	tcase_add_test(tc, test_fold);
	tcase_add_test(tc, test_nfd_table);
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_name_order);
	suite_add_tcase(s, tc);
	return tu_run(s);
}

