/* Member search: folding, prefixes, codes, IDs, phones, harmless FTS5
 * syntax, paging, the total and the order of results. */
#include "config.h"

#include "fixture.h"
#include "tkvv/search.h"

/* "Nguyễn Văn Đức" and "Đức" decomposed (NFD). */
static const char nfd_name[] = "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n \xc4\x90u\xcc\x9b\xcc\x81\x63";
static const char nfd_duc[] = "\xc4\x90u\xcc\x9b\xcc\x81\x63";

/* Search DB for QUERY (page OFFSET, LIMIT) and return the codes found,
 * space separated, with the total in *TOTAL (caller frees). */
static char *codes_of(sqlite3 *db, const char *query, long offset, int limit, long *total)
{
	struct search_page page;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(search_members(db, NULL, query, offset, limit, &page, &err) == 0, "%s: %s", query, err.msg);
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "");
	for (size_t i = 0; i < page.n; i++)
		sb_addf(&sb, "%s%s", i ? " " : "", page.rows[i].code);
	if (total)
		*total = page.total;
	search_page_free(&page);
	return sb_detach(&sb);
}

/* Assert that QUERY finds exactly the members CODES, in that order. */
static void expect(sqlite3 *db, const char *query, const char *codes)
{
	long total;
	char *got = codes_of(db, query, 0, 30, &total);
	ck_assert_msg(strcmp(got, codes) == 0, "'%s' found '%s', want '%s'", query, got, codes);
	free(got);
}

START_TEST(test_folding)
{
	sqlite3 *db = fx_district();
	expect(db, "nguyen duc", "TC01A02M0001 TC01A01M0001");
	expect(db, "NGUYEN DUC", "TC01A02M0001 TC01A01M0001");
	expect(db, "Nguyễn Đức", "TC01A02M0001 TC01A01M0001");
	expect(db, "ngu van d", "TC01A01M0001");
	expect(db, nfd_name, "TC01A01M0001");
	expect(db, nfd_duc, "TC01A02M0001 TC01A01M0001");
	expect(db, "  thach   thi  ", "TC01A01M0003");
	expect(db, "ruo", "TC01A01M0003");
	expect(db, "sóc kha", "TC01A02M0003");
	db_close(db);
}
END_TEST

START_TEST(test_codes_ids_phones)
{
	sqlite3 *db = fx_district();
	expect(db, "tc01a02m", "TC01A02M0001 TC01A02M0002 TC01A02M0003");
	expect(db, "TC01A01M0002", "TC01A01M0002");
	expect(db, "0791234", "TC01A01M0001");
	expect(db, "084000111222", "TC01A01M0003");
	expect(db, "0912 345", "TC01A01M0001");
	expect(db, "0987.654", "TC01A01M0002");
	expect(db, "0333", "TC01A02M0002");
	expect(db, "0912 999", "");
	db_close(db);
}
END_TEST

START_TEST(test_empty_and_no_match)
{
	sqlite3 *db = fx_district();
	long total = -1;
	char *got = codes_of(db, "", 0, 30, &total);
	ck_assert_str_eq(got, "");
	ck_assert_int_eq(total, 0);
	free(got);
	expect(db, " \t\n ", "");
	expect(db, "xyz", "");
	struct search_page page;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(search_members(db, NULL, "Nguy\xe1\xbb n", 0, 30, &page, &err), -1);
	ck_assert_int_eq(err.code, TKVV_EUSAGE);
	db_close(db);
}
END_TEST

/* None of these may be read as FTS5 syntax or make the search fail. */
START_TEST(test_fts_syntax_is_text)
{
	static const char *const queries[] = {
		"\"", "\"\"", "nguyen\"", "*", "duc*", "-duc", "+duc", "name_folded:duc", "code : x",
		"(", ")", "(duc", "NEAR(nguyen duc)", "NEAR", "AND", "OR", "NOT", "nguyen AND",
		"^duc", "{code}: tc", "duc'", "d\\uc", "–", "“duc”", "nguyen - duc", "%", "_",
	};
	sqlite3 *db = fx_district();
	for (size_t i = 0; i < ARRAY_LEN(queries); i++) {
		char *got = codes_of(db, queries[i], 0, 30, NULL);
		free(got);
	}
	expect(db, "-duc", "TC01A02M0001 TC01A01M0001");
	expect(db, "“duc”", "TC01A02M0001 TC01A01M0001");
	expect(db, "nguyen - duc", "TC01A02M0001 TC01A01M0001");
	expect(db, "name_folded:duc", "");
	expect(db, "nguyen OR tran", "");
	expect(db, "NOT nguyen", "");
	expect(db, "NEAR(nguyen duc)", "");
	expect(db, "duc*", "TC01A02M0001 TC01A01M0001");
	db_close(db);
}
END_TEST

/* Given names for the paging test, in Vietnamese order. */
static const char *const given[] = {
	"An", "Ánh", "Bình", "Châu", "Chi", "Dung", "Dũng", "Đào", "Giang", "Hà",
	"Hạnh", "Hương", "Khánh", "Lan", "Liên", "Linh", "Mai", "My", "Nga", "Ngân",
	"Nhung", "Oanh", "Phương", "Quyên", "Sương", "Tâm", "Thảo", "Thu", "Trang", "Tuyết",
	"Uyên", "Vân", "Xuân", "Yến", "Ý", "Ân", "Ấn", "Ơn", "Út", "Ưng",
};

START_TEST(test_paging_and_order)
{
	sqlite3 *db = fx_district();
	for (size_t i = 0; i < ARRAY_LEN(given); i++) {
		char code[32], name[64];
		snprintf(code, sizeof code, "TC01A01M%04zu", 100 + i);
		snprintf(name, sizeof name, "Phạm Thị %s", given[ARRAY_LEN(given) - 1 - i]);
		fx_member(db, code, name, "TC01A01G01", NULL, NULL);
	}
	struct search_page a, b;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(search_members(db, NULL, "pham thi", 0, 30, &a, &err), 0);
	ck_assert_int_eq(search_members(db, NULL, "pham thi", 30, 30, &b, &err), 0);
	ck_assert_int_eq(a.total, (long)ARRAY_LEN(given));
	ck_assert_int_eq(b.total, (long)ARRAY_LEN(given));
	ck_assert_uint_eq(a.n, 30);
	ck_assert_uint_eq(b.n, ARRAY_LEN(given) - 30);
	const char *prev = NULL;
	for (size_t i = 0; i < a.n + b.n; i++) {
		const char *name = i < a.n ? a.rows[i].full_name : b.rows[i - a.n].full_name;
		if (prev)
			ck_assert_msg(text_name_cmp(prev, name) <= 0, "%s before %s", prev, name);
		prev = name;
	}
	ck_assert_str_eq(a.rows[0].full_name, "Phạm Thị An");
	ck_assert_str_eq(a.rows[0].hamlet_code, "TC01A01");
	ck_assert_str_eq(a.rows[0].hamlet_name, "Ấp Chợ");
	ck_assert_str_eq(a.rows[0].group_code, "TC01A01G01");
	search_page_free(&a);
	search_page_free(&b);
	long total;
	char *got = codes_of(db, "pham", 45, 30, &total);
	ck_assert_str_eq(got, "");
	ck_assert_int_eq(total, (long)ARRAY_LEN(given));
	free(got);
	db_close(db);
}
END_TEST

/* Whole-word matches come first, then name order: "hoa" is Trần Thị Hoa's
 * given name, but only the beginning of Nguyễn Hoàng Anh's middle name. */
START_TEST(test_whole_words_first)
{
	sqlite3 *db = fx_district();
	fx_member(db, "TC01A02M0010", "Nguyễn Hoàng Anh", "TC01A02G01", NULL, "0912 345 000");
	fx_member(db, "TC01A02M0011", "Võ Hoà", "TC01A02G01", NULL, NULL);
	expect(db, "hoa", "TC01A01M0002 TC01A02M0011 TC01A02M0010");
	expect(db, "0912 345", "TC01A02M0010 TC01A01M0001");
	expect(db, "0912345000", "TC01A02M0010");
	long total;
	char *got = codes_of(db, "hoa", 1, 1, &total);
	ck_assert_str_eq(got, "TC01A02M0011");
	ck_assert_int_eq(total, 3);
	free(got);
	got = codes_of(db, "hoa", 2, 5, &total);
	ck_assert_str_eq(got, "TC01A02M0010");
	free(got);
	db_close(db);
}
END_TEST

START_TEST(test_expression_quotes_every_word)
{
	char *e = search_fts_expr("Nguyễn \"Đức\" OR *", 1);
	ck_assert_str_eq(e, "\"nguyen\"* AND \"duc\"* AND \"or\"*");
	free(e);
	e = search_fts_expr("0912 345", 0);
	ck_assert_str_eq(e, "(\"0912\" AND \"345\") OR ({national_id phone_digits} : \"0912345\")");
	free(e);
	e = search_fts_expr("TC01A01M0001", 1);
	ck_assert_str_eq(e, "\"tc01a01m0001\"*");
	free(e);
	e = search_fts_expr("0912.345.678", 1);
	ck_assert_str_eq(e, "(\"0912\"* AND \"345\"* AND \"678\"*) OR ({national_id phone_digits} : \"0912345678\"*)");
	free(e);
	ck_assert_ptr_null(search_fts_expr(" - * ", 1));
}
END_TEST

/* The codes of page OFFSET, LIMIT of QUERY with CACHE (NULL: the walk of a
 * one-shot search), and the total after a slash. */
static char *page_codes(sqlite3 *db, struct search_cache *cache, const char *query, long offset,
			int limit)
{
	struct search_page page;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_msg(search_members(db, cache, query, offset, limit, &page, &err) == 0, "%s: %s",
		      query, err.msg);
	struct strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "%ld/", page.total);
	for (size_t i = 0; i < page.n; i++)
		sb_addf(&sb, " %s", page.rows[i].code);
	search_page_free(&page);
	return sb_detach(&sb);
}

/* A one-shot search (no cache) gives the same pages, in both tiers and
 * across their boundary, as one with the cached name order. */
START_TEST(test_walk_matches_cache)
{
	sqlite3 *db = fx_district();
	static const char *const fam[] = {"Trần", "Lê", "Võ"}, *const giv[] = {"Văn An", "Thị Vân", "Vân Anh", "Văn Tú"};
	for (int i = 0; i < 90; i++) {
		char code[32], name[64];
		snprintf(code, sizeof code, "TC01A01M%04d", 200 + i);
		snprintf(name, sizeof name, "%s %s", fam[i % 3], giv[(i * 7) % 4]);
		fx_member(db, code, name, i % 2 ? "TC01A01G01" : "TC01A02G01", NULL, NULL);
	}
	fx_exec(db, "DELETE FROM members WHERE code IN ('TC01A01M0205', 'TC01A01M0250')");
	static const char *const queries[] = {"van", "va", "an", "le", "tran v", "tc01a01m02", "zzz",
						"tc01a01m021", "tc01a01m0213", "duc"};
	static const long offsets[] = {0, 1, 7, 29, 30, 44, 61, 200};
	static const int limits[] = {0, 1, 5, 30};
	struct search_cache *cache = search_cache_new();
	for (size_t q = 0; q < ARRAY_LEN(queries); q++)
		for (size_t o = 0; o < ARRAY_LEN(offsets); o++)
			for (size_t l = 0; l < ARRAY_LEN(limits); l++) {
				char *walk = page_codes(db, NULL, queries[q], offsets[o], limits[l]);
				char *kept = page_codes(db, cache, queries[q], offsets[o], limits[l]);
				ck_assert_msg(strcmp(walk, kept) == 0, "'%s' %ld+%d: walk '%s', cache '%s'",
					      queries[q], offsets[o], limits[l], walk, kept);
				free(walk);
				free(kept);
			}
	/* Not a test of nothing: "an" has both tiers ("Văn An" whole, "Vân Anh"
	 * by prefix), over a page in all. */
	struct search_page page;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(search_members(db, NULL, "an", 0, 200, &page, &err), 0);
	ck_assert_uint_eq(page.n, (size_t)page.total);
	ck_assert_int_gt(page.total, 40);
	ck_assert_msg(strstr(page.rows[0].full_name, " An") && !strstr(page.rows[0].full_name, "Anh"),
		      "%s", page.rows[0].full_name);
	ck_assert_msg(strstr(page.rows[page.n - 1].full_name, "Anh"), "%s", page.rows[page.n - 1].full_name);
	search_page_free(&page);
	search_cache_free(cache);
	db_close(db);
}
END_TEST

/* A kept cache follows this connection's writes and other connections' commits. */
START_TEST(test_cache_follows_changes)
{
	char *dir = tu_tmpdir();
	char *path = xasprintf("%s/t.db", dir);
	sqlite3 *mem = fx_district(), *a, *b;
	struct tkvv_err err;
	err_clear(&err);
	ck_assert_int_eq(sqlite3_open(path, &a), SQLITE_OK);
	sqlite3_backup *bk = sqlite3_backup_init(a, "main", mem, "main");
	ck_assert_int_eq(sqlite3_backup_step(bk, -1), SQLITE_DONE);
	sqlite3_backup_finish(bk);
	sqlite3_close(a);
	db_close(mem);
	ck_assert_msg(db_open(path, 0, &a, &err) == 0, "%s", err.msg);
	ck_assert_msg(db_open(path, 0, &b, &err) == 0, "%s", err.msg);
	struct search_cache *cache = search_cache_new();
	struct search_page page;
	ck_assert_int_eq(search_members(a, cache, "duc", 0, 30, &page, &err), 0);
	ck_assert_int_eq(page.total, 2);
	search_page_free(&page);
	fx_member(b, "TC01A02M0009", "Đỗ Minh Đức", "TC01A02G01", NULL, NULL);
	ck_assert_int_eq(search_members(a, cache, "duc", 0, 30, &page, &err), 0);
	ck_assert_int_eq(page.total, 3);
	ck_assert_str_eq(page.rows[1].code, "TC01A02M0009");
	search_page_free(&page);
	fx_exec(a, "DELETE FROM members WHERE code = 'TC01A02M0001'");
	ck_assert_int_eq(search_members(a, cache, "duc", 0, 30, &page, &err), 0);
	ck_assert_int_eq(page.total, 2);
	ck_assert_str_eq(page.rows[0].code, "TC01A02M0009");
	search_page_free(&page);
	search_cache_free(cache);
	db_close(a);
	db_close(b);
	free(path);
	tu_rmdir(dir);
}
END_TEST

static Suite *search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("search");
	tcase_add_test(tc, test_folding);
	tcase_add_test(tc, test_codes_ids_phones);
	tcase_add_test(tc, test_empty_and_no_match);
	tcase_add_test(tc, test_fts_syntax_is_text);
	tcase_add_test(tc, test_paging_and_order);
	tcase_add_test(tc, test_whole_words_first);
	tcase_add_test(tc, test_expression_quotes_every_word);
	tcase_add_test(tc, test_cache_follows_changes);
	tcase_add_test(tc, test_walk_matches_cache);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(search_suite());
}
