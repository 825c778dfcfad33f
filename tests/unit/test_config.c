/* tkvv.ini: defaults, the written default file, errors naming the line. */
#include "config.h"

#include <locale.h>

#include "testutil.h"
#include "tkvv/config.h"

START_TEST(test_default_file_written_and_read_back)
{
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/tkvv.ini", dir);
	struct config cfg;
	struct tkvv_err err;
	err_clear(&err);
	config_defaults(&cfg);
	ck_assert_int_eq(config_load(path, 1, &cfg, &err), 0);
	ck_assert_int_eq(access(path, R_OK), 0);
	config_free(&cfg);
	config_defaults(&cfg);
	ck_assert_msg(config_load(path, 0, &cfg, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(cfg.group_min, 5);
	ck_assert_int_eq(cfg.group_max, 60);
	ck_assert_double_eq(cfg.overdue_threshold, 2.0);
	ck_assert_str_eq(cfg.language, "vi");
	config_free(&cfg);
	free(path);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_values_read)
{
	char *dir = tu_tmpdir();
	char *path = tu_write(dir, "a.ini",
		"[general]\nlanguage = en\n\n[groups]\n; comment\nmin_members = 8\nmax_members=40\n"
		"low_balance = 1000000\n[quality]\noverdue_threshold = 3.5\n");
	struct config cfg;
	struct tkvv_err err;
	err_clear(&err);
	config_defaults(&cfg);
	ck_assert_msg(config_load(path, 0, &cfg, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(cfg.language, "en");
	ck_assert_int_eq(cfg.group_min, 8);
	ck_assert_int_eq(cfg.group_max, 40);
	ck_assert_int_eq(cfg.low_balance, 1000000);
	ck_assert_double_eq(cfg.overdue_threshold, 3.5);
	config_free(&cfg);
	free(path);
	tu_rmdir(dir);
}
END_TEST

/* Load TEXT and expect an error whose message contains WANT. */
static void expect_error(const char *text, const char *want)
{
	char *dir = tu_tmpdir();
	char *path = tu_write(dir, "bad.ini", text);
	struct config cfg;
	struct tkvv_err err;
	err_clear(&err);
	config_defaults(&cfg);
	ck_assert_int_eq(config_load(path, 0, &cfg, &err), -1);
	ck_assert_msg(strstr(err.msg, want) != NULL, "'%s' lacks '%s'", err.msg, want);
	config_free(&cfg);
	free(path);
	tu_rmdir(dir);
}

/* Under a decimal comma (vi_VN) the written default file reads back, and
 * percentages are written with a dot, as in every locale. */
START_TEST(test_vi_numbers)
{
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/tkvv.ini", dir);
	struct config cfg;
	struct tkvv_err err;
	ck_assert_msg(setlocale(LC_NUMERIC, "vi_VN.UTF-8") != NULL,
		      "the vi_VN.UTF-8 locale is not installed (scripts/deps makes it)");
	err_clear(&err);
	config_defaults(&cfg);
	ck_assert_int_eq(config_load(path, 1, &cfg, &err), 0);
	config_free(&cfg);
	config_defaults(&cfg);
	ck_assert_msg(config_load(path, 0, &cfg, &err) == 0, "%s", err.msg);
	ck_assert_double_eq(cfg.overdue_threshold, 2.0);
	ck_assert_double_eq(cfg.collection_threshold, 95.0);
	ck_assert_double_eq(cfg.score_growth.partial, -5.0);
	config_free(&cfg);
	free(path);
	path = tu_write(dir, "b.ini", "[quality]\noverdue_threshold = 2.75\ncollection_threshold = 92.5\n");
	config_defaults(&cfg);
	ck_assert_msg(config_load(path, 0, &cfg, &err) == 0, "%s", err.msg);
	ck_assert_double_eq(cfg.overdue_threshold, 2.75);
	ck_assert_double_eq(cfg.collection_threshold, 92.5);
	config_free(&cfg);
	free(path);
	path = tu_write(dir, "c.ini", "[quality]\noverdue_threshold = 2,75\n");
	config_defaults(&cfg);
	ck_assert_int_eq(config_load(path, 0, &cfg, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "c.ini:2: quality.overdue_threshold: '2,75'"));
	config_free(&cfg);
	free(path);
	tu_rmdir(dir);
}
END_TEST

START_TEST(test_errors_name_the_line)
{
	expect_error("[groups]\nmin_members = 5\nmax_memberz = 60\n", "bad.ini:3: unknown key 'max_memberz'");
	expect_error("[general]\nlanguage = vi\n[colour]\nx = 1\n", "bad.ini:3: unknown section [colour]");
	expect_error("[groups]\n\nmin_members = five\n", "bad.ini:3: groups.min_members: 'five'");
	expect_error("[general]\nlanguage = fr\n", "bad.ini:2: general.language: 'fr' is not one of: vi en");
	expect_error("[quality]\noverdue_threshold = 120\n", "bad.ini:2: quality.overdue_threshold");
	expect_error("[groups]\nmin_members = 70\nmax_members = 60\n", "is above groups.max_members");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	tcase_add_test(tc, test_default_file_written_and_read_back);
	tcase_add_test(tc, test_values_read);
	tcase_add_test(tc, test_errors_name_the_line);
	tcase_add_test(tc, test_vi_numbers);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
