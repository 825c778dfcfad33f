/* Member search: the query is folded and cut into words, each a quoted FTS5
 * term, so that nothing the user types is read as FTS5 syntax.
 *
 * Speed: a one-letter query matches most of a 100,000-member district, and
 * ranking all of those rows for each keystroke is too slow. So the matches
 * are first gathered as a bitmap of member ids (FTS5 doclists only, no row
 * of members is read), which gives the exact total. A page is then taken
 * either by walking the members_sort index in name order and keeping the
 * ids in the bitmap (cheap when the matches are dense), or by sorting the
 * matches in SQL (cheap when they are few). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "tkvv/db.h"
#include "tkvv/search.h"
#include "tkvv/text.h"

/* A set of member ids. */
struct idset {
	uint64_t *bits;
	size_t words;
	long count;
};

/* Whether code point C belongs to a word as the FTS5 unicode61 tokenizer sees it. */
static int word_char(ucs4_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return uc_is_general_category(c, UC_CATEGORY_L) || uc_is_general_category(c, UC_CATEGORY_N);
}

/* Append the words of folded text F to SB as quoted terms joined by AND. */
static int add_words(struct strbuf *sb, const char *f, int prefix)
{
	const uint8_t *p = (const uint8_t *)f;
	size_t left = strlen(f);
	int words = 0, in_word = 0;
	ucs4_t c = 0;
	for (;;) {
		int n = left ? u8_mbtouc(&c, p, left) : 0;
		int inside = left && word_char(c);
		if (inside && !in_word)
			sb_adds(sb, words++ ? " AND \"" : "\"");
		if (!inside && in_word)
			sb_adds(sb, prefix ? "\"*" : "\"");
		in_word = inside;
		if (!left)
			break;
		if (inside)
			sb_addn(sb, (const char *)p, (size_t)n);
		p += n;
		left -= (size_t)n;
	}
	return words;
}

/* Whether QUERY is mostly digits, as a phone or ID typed in pieces is. */
static int mostly_digits(const char *folded, const char *digits)
{
	size_t nd = strlen(digits), other = 0;
	for (const char *p = folded; *p; p++)
		if (*p != ' ' && (*p < '0' || *p > '9'))
			other++;
	return nd >= 3 && nd > other && strcmp(folded, digits) != 0;
}

char *search_fts_expr(const char *query, int prefix)
{
	if (text_invalid_utf8(query, strlen(query)))
		return NULL;
	char *folded = text_fold(query);
	char *digits = text_digits(folded);
	struct strbuf sb;
	sb_init(&sb);
	int alt = mostly_digits(folded, digits);
	if (alt)
		sb_addc(&sb, '(');
	int words = add_words(&sb, folded, prefix);
	if (alt)
		sb_addf(&sb, ") OR ({national_id phone_digits} : \"%s\"%s)", digits, prefix ? "*" : "");
	free(folded);
	free(digits);
	if (!words) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* Gather the ids matching EXPR into SET, sized for ids up to MAX_ID. */
static int idset_fill(sqlite3 *db, const char *expr, sqlite3_int64 max_id, struct idset *set,
		      struct tkvv_err *err)
{
	sqlite3_stmt *st;
	set->words = (size_t)max_id / 64 + 1;
	set->bits = xcalloc(set->words, sizeof *set->bits);
	set->count = 0;
	if (db_prepare(db, "SELECT rowid FROM member_search WHERE member_search MATCH ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		if (id < 0 || id > max_id)
			continue;
		set->bits[id / 64] |= (uint64_t)1 << (id % 64);
		set->count++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "search");
	return 0;
}

/* Whether ID is in SET. */
static int idset_has(const struct idset *set, sqlite3_int64 id)
{
	return id >= 0 && (size_t)id / 64 < set->words &&
	       (set->bits[id / 64] >> (id % 64) & 1);
}

/* One tier of the result order: the ids in IN but not in OUT (may be NULL),
 * matched by the FTS5 expressions IN_EXPR and OUT_EXPR, in name order. */
struct tier {
	const struct idset *in, *out;
	const char *in_expr, *out_expr;
	long size;
};

/* Append to IDS the ids of tier T from SKIP on, until IDS holds WANT, by
 * walking the name index and keeping the tier's members. */
static int tier_walk(sqlite3 *db, const struct tier *t, long skip, long want,
		     int64_t *ids, long *n, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT id FROM members ORDER BY sort_key, id", &st, err) < 0)
		return -1;
	int rc = SQLITE_DONE;
	while (*n < want && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		if (!idset_has(t->in, id) || (t->out && idset_has(t->out, id)))
			continue;
		if (skip > 0)
			skip--;
		else
			ids[(*n)++] = id;
	}
	if (*n < want && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return db_fail(db, err, "search");
	}
	sqlite3_finalize(st);
	return 0;
}

/* The same as tier_walk, by letting SQLite sort the tier's few members. */
static int tier_sort(sqlite3 *db, const struct tier *t, long skip, long want,
		     int64_t *ids, long *n, struct tkvv_err *err)
{
	static const char *const sql[] = {
		"SELECT m.id FROM member_search s JOIN members m ON m.id = s.rowid "
		"WHERE member_search MATCH ?1 ORDER BY m.sort_key, m.id LIMIT ?3 OFFSET ?4",
		"SELECT m.id FROM member_search s JOIN members m ON m.id = s.rowid "
		"WHERE member_search MATCH ?1 AND m.id NOT IN "
		"(SELECT rowid FROM member_search WHERE member_search MATCH ?2) "
		"ORDER BY m.sort_key, m.id LIMIT ?3 OFFSET ?4",
	};
	sqlite3_stmt *st;
	if (db_prepare(db, sql[t->out != NULL], &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, t->in_expr, -1, SQLITE_STATIC);
	if (t->out)
		sqlite3_bind_text(st, 2, t->out_expr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, want - *n);
	sqlite3_bind_int64(st, 4, skip);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < want)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, "search");
	return 0;
}

/* Append the page's part of tier T to IDS, choosing the cheaper way: the
 * walk reads about (SKIP + WANT) * MEMBERS / SIZE index entries, the sort
 * looks up and orders SIZE rows. */
static int tier_take(sqlite3 *db, const struct tier *t, long members, long skip, long want,
		     int64_t *ids, long *n, struct tkvv_err *err)
{
	if (t->size <= 0 || skip >= t->size)
		return 0;
	double walk = (double)(skip + want - *n) * (double)members / (double)t->size;
	if (walk < 8.0 * (double)t->size)
		return tier_walk(db, t, skip, want, ids, n, err);
	return tier_sort(db, t, skip, want, ids, n, err);
}

/* Duplicate column I of ST, or "" when it is NULL. */
static char *column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return xstrdup(s ? (const char *)s : "");
}

/* Fill PAGE's rows with what a list shows for each of the N ids. */
static int page_fill(sqlite3 *db, const int64_t *ids, long n, struct search_page *page,
		     struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT m.code, m.full_name, h.code, h.name, g.code, m.national_id, m.phone "
			   "FROM members m JOIN hamlets h ON h.id = m.hamlet_id "
			   "JOIN groups g ON g.id = m.group_id WHERE m.id = ?", &st, err) < 0)
		return -1;
	page->rows = xcalloc((size_t)n + 1, sizeof *page->rows);
	for (long i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			return db_fail(db, err, "search");
		}
		struct search_member *m = &page->rows[page->n++];
		m->id = ids[i];
		m->code = column_dup(st, 0);
		m->full_name = column_dup(st, 1);
		m->hamlet_code = column_dup(st, 2);
		m->hamlet_name = column_dup(st, 3);
		m->group_code = column_dup(st, 4);
		m->national_id = column_dup(st, 5);
		m->phone = column_dup(st, 6);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

/* The largest member id and the number of members. */
static int member_extent(sqlite3 *db, sqlite3_int64 *max_id, long *count, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT ifnull(max(id), 0), count(*) FROM members", &st, err) < 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*max_id = sqlite3_column_int64(st, 0);
		*count = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err, "search");
}

/* Take the page of the two tiers: whole-word matches, then the others. */
static int search_run(sqlite3 *db, const char *prefix_expr, const char *exact_expr,
		      long offset, int limit, struct search_page *page, struct tkvv_err *err)
{
	struct idset all = {0}, exact = {0};
	sqlite3_int64 max_id = 0;
	long members = 0, n = 0;
	int64_t *ids = xcalloc((size_t)limit + 1, sizeof *ids);
	int rc = member_extent(db, &max_id, &members, err);
	if (rc == 0)
		rc = idset_fill(db, prefix_expr, max_id, &all, err);
	if (rc == 0)
		rc = idset_fill(db, exact_expr, max_id, &exact, err);
	if (rc == 0) {
		struct tier first = {&exact, NULL, exact_expr, NULL, exact.count};
		struct tier rest = {&all, &exact, prefix_expr, exact_expr, all.count - exact.count};
		page->total = all.count;
		rc = tier_take(db, &first, members, offset, limit, ids, &n, err);
		if (rc == 0)
			rc = tier_take(db, &rest, members, offset > first.size ? offset - first.size : 0,
				       limit, ids, &n, err);
	}
	if (rc == 0)
		rc = page_fill(db, ids, n, page, err);
	free(all.bits);
	free(exact.bits);
	free(ids);
	return rc;
}

int search_members(sqlite3 *db, const char *query, long offset, int limit,
		   struct search_page *page, struct tkvv_err *err)
{
	memset(page, 0, sizeof *page);
	if (text_invalid_utf8(query, strlen(query)))
		return err_set(err, TKVV_EUSAGE, "search text: not valid UTF-8");
	if (offset < 0 || limit < 0)
		return err_set(err, TKVV_EUSAGE, "search: negative offset or limit");
	char *prefix_expr = search_fts_expr(query, 1);
	char *exact_expr = search_fts_expr(query, 0);
	int rc = 0;
	if (prefix_expr && exact_expr)
		rc = search_run(db, prefix_expr, exact_expr, offset, limit, page, err);
	free(prefix_expr);
	free(exact_expr);
	if (rc < 0)
		search_page_free(page);
	return rc;
}

void search_page_free(struct search_page *page)
{
	for (size_t i = 0; i < page->n; i++) {
		struct search_member *m = &page->rows[i];
		free(m->code);
		free(m->full_name);
		free(m->hamlet_code);
		free(m->hamlet_name);
		free(m->group_code);
		free(m->national_id);
		free(m->phone);
	}
	free(page->rows);
	memset(page, 0, sizeof *page);
}
