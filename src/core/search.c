/* Member search: the query is folded and cut into words, each a quoted FTS5
 * term, so that nothing the user types is read as FTS5 syntax.
 *
 * Speed: a one-letter query matches most of a 100,000-member district, and
 * looking up and sorting all those rows on each keystroke is too slow. So
 * the cache keeps every member's position in name order (one walk of the
 * members_sort index, redone only when the file changes), the matches are
 * read from the FTS5 doclists alone (no row of members), and each match
 * sets the bit of its position in a bitmap of its tier. The page is then
 * the OFFSET-th set bits onward, found with a popcount per 64 positions:
 * the cost is the number of matches plus N/64, whatever the query. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/search.h"
#include "tkvv/text.h"

/* A set of small integers (member ids or positions in name order). */
struct bitmap {
	uint64_t *bits;
	size_t words;
};

struct search_cache {
	sqlite3 *db;                 /* the connection the order was read on */
	sqlite3_int64 data_version;  /* PRAGMA data_version then: others' commits */
	int changes;                 /* sqlite3_total_changes then: our own writes */
	size_t n;                    /* members */
	uint32_t *order;             /* n: member id by position in name order */
	uint32_t *position;          /* max_id + 1: position by member id, or UINT32_MAX */
	size_t ids;                  /* max_id + 1 */
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

/* Whether the FOLDED query of WORDS words is mostly digits, as a phone or
 * ID typed in pieces is ("0912 345", "0912.345.678"): then all its DIGITS
 * are also one prefix of the phone or national ID. */
static int digits_in_pieces(const char *folded, int words, const char *digits)
{
	size_t nd = strlen(digits), other = 0;
	for (const char *p = folded; *p; p++)
		if (*p != ' ' && (*p < '0' || *p > '9'))
			other++;
	return words > 1 && nd >= 3 && nd > other;
}

char *search_fts_expr(const char *query, int prefix)
{
	if (text_invalid_utf8(query, strlen(query)))
		return NULL;
	char *folded = text_fold(query);
	char *digits = text_digits(folded);
	struct strbuf terms, sb;
	sb_init(&terms);
	sb_init(&sb);
	int words = add_words(&terms, folded, prefix);
	if (words && digits_in_pieces(folded, words, digits))
		sb_addf(&sb, "(%s) OR ({national_id phone_digits} : \"%s\"%s)", terms.buf, digits,
			prefix ? "*" : "");
	else if (words)
		sb_adds(&sb, terms.buf);
	free(folded);
	free(digits);
	sb_free(&terms);
	if (!words) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* Make B empty, with room for N bits. */
static void bitmap_init(struct bitmap *b, size_t n)
{
	b->words = n / 64 + 1;
	b->bits = xcalloc(b->words, sizeof *b->bits);
}

/* Add I to B. */
static void bitmap_set(struct bitmap *b, size_t i)
{
	b->bits[i / 64] |= (uint64_t)1 << (i % 64);
}

/* Whether I is in B. */
static int bitmap_has(const struct bitmap *b, size_t i)
{
	return i / 64 < b->words && (b->bits[i / 64] >> (i % 64) & 1);
}

/* The number of bits set in W. */
static unsigned popcount64(uint64_t w)
{
	w = w - ((w >> 1) & 0x5555555555555555u);
	w = (w & 0x3333333333333333u) + ((w >> 2) & 0x3333333333333333u);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fu;
	return (unsigned)((w * 0x0101010101010101u) >> 56);
}

/* Append to OUT the set bits of B after skipping *SKIP of them, until OUT
 * holds WANT; *SKIP is left with what remains to skip. */
static void bitmap_take(const struct bitmap *b, long *skip, long want, uint32_t *out, long *n)
{
	for (size_t w = 0; w < b->words && *n < want; w++) {
		uint64_t bits = b->bits[w];
		unsigned c = popcount64(bits);
		if ((long)c <= *skip) {
			*skip -= c;
			continue;
		}
		for (; bits && *n < want; bits &= bits - 1) {
			unsigned bit = 0;
			while (!(bits >> bit & 1))
				bit++;
			if (*skip > 0)
				(*skip)--;
			else
				out[(*n)++] = (uint32_t)(w * 64 + bit);
		}
	}
}

struct search_cache *search_cache_new(void)
{
	return xcalloc(1, sizeof(struct search_cache));
}

void search_cache_free(struct search_cache *cache)
{
	if (!cache)
		return;
	free(cache->order);
	free(cache->position);
	free(cache);
}

/* The first column of the one row of SQL, as an integer, into *V. */
static int query_int(sqlite3 *db, const char *sql, sqlite3_int64 *v, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err, "search");
}

/* Read every member's position in name order into CACHE. */
static int cache_build(sqlite3 *db, struct search_cache *c, struct tkvv_err *err)
{
	sqlite3_int64 max_id = 0, count = 0;
	if (query_int(db, "SELECT ifnull(max(id), 0) FROM members", &max_id, err) < 0 ||
	    query_int(db, "SELECT count(*) FROM members", &count, err) < 0)
		return -1;
	if (max_id >= UINT32_MAX)
		return err_set(err, TKVV_EFAIL, _("search: member ids beyond %u"), UINT32_MAX - 1);
	free(c->order);
	free(c->position);
	c->ids = (size_t)max_id + 1;
	c->order = xcalloc((size_t)count + 1, sizeof *c->order);
	c->position = xmalloc(c->ids * sizeof *c->position);
	memset(c->position, 0xff, c->ids * sizeof *c->position);
	c->n = 0;
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT id FROM members ORDER BY sort_key, id", &st, err) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && c->n < (size_t)count) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		if (id < 0 || id > max_id)
			continue;
		c->position[id] = (uint32_t)c->n;
		c->order[c->n++] = (uint32_t)id;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(db, err, "search");
	return 0;
}

/* Bring CACHE up to date with DB, rebuilding it only when the file changed. */
static int cache_refresh(sqlite3 *db, struct search_cache *c, struct tkvv_err *err)
{
	sqlite3_int64 version = 0;
	if (query_int(db, "PRAGMA data_version", &version, err) < 0)
		return -1;
	int changes = sqlite3_total_changes(db);
	if (c->db == db && c->order && c->data_version == version && c->changes == changes)
		return 0;
	c->db = NULL;
	if (cache_build(db, c, err) < 0)
		return -1;
	c->db = db;
	c->data_version = version;
	c->changes = changes;
	return 0;
}

/* Call FN with each member id matching EXPR. */
static int each_match(sqlite3 *db, const char *expr, void (*fn)(void *, sqlite3_int64), void *ctx,
		      struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT rowid FROM member_search WHERE member_search MATCH ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "search");
}

/* The matches of one search: whole-word ids, and positions by tier. */
struct matches {
	const struct search_cache *cache;
	struct bitmap exact;     /* member ids with every word matched whole */
	struct bitmap tier[2];   /* positions in name order: whole words, the rest */
	long total;
};

/* Note member ID as matching every word whole. */
static void add_exact(void *ctx, sqlite3_int64 id)
{
	struct matches *m = ctx;
	if (id >= 0 && (size_t)id < m->cache->ids)
		bitmap_set(&m->exact, (size_t)id);
}

/* Note member ID as a match, in its tier, at its position in name order. */
static void add_match(void *ctx, sqlite3_int64 id)
{
	struct matches *m = ctx;
	if (id < 0 || (size_t)id >= m->cache->ids || m->cache->position[id] == UINT32_MAX)
		return;
	bitmap_set(&m->tier[!bitmap_has(&m->exact, (size_t)id)], m->cache->position[id]);
	m->total++;
}

/* Find the matches and put the ids of rows OFFSET.. of them into IDS. */
static int search_ids(sqlite3 *db, const struct search_cache *c, const char *prefix_expr,
		      const char *exact_expr, long offset, int limit, uint32_t *ids, long *n,
		      long *total, struct tkvv_err *err)
{
	struct matches m = {.cache = c};
	bitmap_init(&m.exact, c->ids);
	bitmap_init(&m.tier[0], c->n);
	bitmap_init(&m.tier[1], c->n);
	int rc = each_match(db, exact_expr, add_exact, &m, err);
	if (rc == 0)
		rc = each_match(db, prefix_expr, add_match, &m, err);
	if (rc == 0) {
		long skip = offset;
		bitmap_take(&m.tier[0], &skip, limit, ids, n);
		bitmap_take(&m.tier[1], &skip, limit, ids, n);
		for (long i = 0; i < *n; i++)
			ids[i] = c->order[ids[i]];
		*total = m.total;
	}
	free(m.exact.bits);
	free(m.tier[0].bits);
	free(m.tier[1].bits);
	return rc;
}

/* Duplicate column I of ST, or "" when it is NULL. */
static char *column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return xstrdup(s ? (const char *)s : "");
}

/* Fill PAGE's rows with what a list shows for each of the N ids. */
static int page_fill(sqlite3 *db, const uint32_t *ids, long n, struct search_page *page,
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

/* The matches of a one-shot search, by member id: every word whole, and all. */
struct id_matches {
	size_t ids;
	struct bitmap exact, all;
	long total;
};

static void add_exact_id(void *ctx, sqlite3_int64 id)
{
	struct id_matches *m = ctx;
	if (id >= 0 && (size_t)id < m->ids)
		bitmap_set(&m->exact, (size_t)id);
}

static void add_any_id(void *ctx, sqlite3_int64 id)
{
	struct id_matches *m = ctx;
	if (id >= 0 && (size_t)id < m->ids) {
		bitmap_set(&m->all, (size_t)id);
		m->total++;
	}
}

/* The ids of page OFFSET, LIMIT of a search with few matches, sorted by SQLite. */
static int few_matches(sqlite3 *db, const char *prefix_expr, const char *exact_expr, long offset,
		       int limit, uint32_t *ids, long *n, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT id FROM members WHERE id IN "
			   "(SELECT rowid FROM member_search WHERE member_search MATCH ?1) "
			   "ORDER BY id NOT IN (SELECT rowid FROM member_search WHERE member_search MATCH ?2), "
			   "sort_key, id LIMIT ?3 OFFSET ?4", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, prefix_expr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, exact_expr, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, limit);
	sqlite3_bind_int64(st, 4, offset);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < limit)
		ids[(*n)++] = (uint32_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_fail(db, err, "search");
}

/* Without a cache (one search per process, as `tkvv search` does): building
 * the name order costs a walk of the whole members_sort index and two arrays
 * of the district's size. Knowing how many matches each tier holds, the page
 * needs only the walk up to its last row: tier 0 ranks OFFSET.. and tier 1
 * ranks from OFFSET minus tier 0's size, both found in the same walk. */
static int search_ids_walk(sqlite3 *db, const char *prefix_expr, const char *exact_expr,
			   long offset, int limit, uint32_t *ids, long *n, long *total,
			   struct tkvv_err *err)
{
	sqlite3_int64 max_id = 0;
	if (query_int(db, "SELECT ifnull(max(id), 0) FROM members", &max_id, err) < 0)
		return -1;
	if (max_id >= UINT32_MAX)
		return err_set(err, TKVV_EFAIL, _("search: member ids beyond %u"), UINT32_MAX - 1);
	struct id_matches m = {.ids = (size_t)max_id + 1};
	bitmap_init(&m.exact, m.ids);
	bitmap_init(&m.all, m.ids);
	int rc = each_match(db, exact_expr, add_exact_id, &m, err);
	if (rc == 0)
		rc = each_match(db, prefix_expr, add_any_id, &m, err);
	long in0 = 0;
	for (size_t w = 0; w < m.all.words; w++)
		in0 += popcount64(m.all.bits[w] & m.exact.bits[w]);
	/* Tier 0 gives ranks [offset, end0); tier 1 the rest of the page. */
	long end0 = offset + limit < in0 ? offset + limit : in0;
	long want0 = end0 > offset ? end0 - offset : 0;
	long from1 = offset > in0 ? offset - in0 : 0, want1 = limit - want0;
	uint32_t *page1 = xcalloc((size_t)want1 + 1, sizeof *page1);
	long seen0 = 0, seen1 = 0, got0 = 0, got1 = 0;
	sqlite3_stmt *st = NULL;
	if (rc == 0 && (want0 > 0 || want1 > 0) && m.total > 0 && (size_t)m.total * 16 < m.ids) {
		/* Few matches (a code, a rare name): sorting them beats the walk. */
		rc = few_matches(db, prefix_expr, exact_expr, offset, limit, ids, &got0, err);
		want0 = got0;
		want1 = 0;
	} else if (rc == 0 && (want0 > 0 || want1 > 0) && m.total > 0) {
		rc = db_prepare(db, "SELECT id FROM members ORDER BY sort_key, id", &st, err);
	}
	if (st) {
		int step;
		while ((got0 < want0 || got1 < want1) && (step = sqlite3_step(st)) == SQLITE_ROW) {
			sqlite3_int64 id = sqlite3_column_int64(st, 0);
			if (id < 0 || id > max_id || !bitmap_has(&m.all, (size_t)id))
				continue;
			if (bitmap_has(&m.exact, (size_t)id)) {
				if (seen0++ >= offset && got0 < want0)
					ids[got0++] = (uint32_t)id;
			} else if (seen1++ >= from1 && got1 < want1) {
				page1[got1++] = (uint32_t)id;
			}
		}
		if (got0 < want0 || got1 < want1)
			rc = step == SQLITE_DONE ? 0 : db_fail(db, err, "search");
		sqlite3_finalize(st);
	}
	if (rc == 0) {
		memcpy(ids + got0, page1, (size_t)got1 * sizeof *ids);
		*n = got0 + got1;
		*total = m.total;
	}
	free(page1);
	free(m.exact.bits);
	free(m.all.bits);
	return rc;
}

/* Search with CACHE inside one read transaction, so that the order and the
 * matches are of the same state of the file. */
static int search_run(sqlite3 *db, struct search_cache *cache, const char *prefix_expr,
		      const char *exact_expr, long offset, int limit, struct search_page *page,
		      struct tkvv_err *err)
{
	int own = sqlite3_get_autocommit(db);
	if (own && db_exec(db, "BEGIN", err) < 0)
		return -1;
	uint32_t *ids = xcalloc((size_t)limit + 1, sizeof *ids);
	long n = 0;
	int rc;
	if (cache) {
		rc = cache_refresh(db, cache, err);
		if (rc == 0)
			rc = search_ids(db, cache, prefix_expr, exact_expr, offset, limit, ids, &n,
					&page->total, err);
	} else {
		rc = search_ids_walk(db, prefix_expr, exact_expr, offset, limit, ids, &n,
				     &page->total, err);
	}
	if (rc == 0)
		rc = page_fill(db, ids, n, page, err);
	if (own)
		db_rollback(db);
	free(ids);
	return rc;
}

int search_members(sqlite3 *db, struct search_cache *cache, const char *query, long offset,
		   int limit, struct search_page *page, struct tkvv_err *err)
{
	memset(page, 0, sizeof *page);
	if (text_invalid_utf8(query, strlen(query)))
		return err_set(err, TKVV_EUSAGE, _("search text: not valid UTF-8"));
	if (offset < 0 || limit < 0)
		return err_set(err, TKVV_EUSAGE, _("search: negative offset or limit"));
	char *prefix_expr = search_fts_expr(query, 1);
	char *exact_expr = search_fts_expr(query, 0);
	int rc = 0;
	if (prefix_expr && exact_expr) {
		rc = search_run(db, cache, prefix_expr, exact_expr, offset, limit, page, err);
	}
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
