/* Accent-insensitive member search over the FTS5 table member_search: the
 * terminal UI calls it on every keystroke, the `search` command once. */
#ifndef TKVV_SEARCH_H
#define TKVV_SEARCH_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "tkvv/util.h"

/* One member found, with what a list row shows. Strings are never NULL. */
struct search_member {
	int64_t id;
	char *code;
	char *full_name;
	char *hamlet_code;
	char *hamlet_name;
	char *group_code;
	char *national_id;
	char *phone;
};

/* One page of results and the number of all matches. */
struct search_page {
	struct search_member *rows;
	size_t n;
	long total;
};

/* The members in name order, kept between searches so that a page costs
 * the matches, not the district; rebuilt when the file has changed. A
 * cache serves one connection at a time. */
struct search_cache;
struct search_cache *search_cache_new(void);
void search_cache_free(struct search_cache *cache);

/* Find the members matching QUERY and return rows OFFSET..OFFSET+LIMIT of
 * them into PAGE (free with search_page_free), with the number of all
 * matches. Every word of QUERY must be the beginning of a word of the name,
 * the code, the national ID or the phone, accents and case ignored; a query
 * that is mostly digits also matches the phone or national ID that begins
 * with all its digits. Members with every word matched whole come first,
 * each part in Vietnamese name order. An empty query finds nothing. CACHE
 * may be NULL (one search: the index in name order is walked only up to the
 * page's last row). */
int search_members(sqlite3 *db, struct search_cache *cache, const char *query, long offset,
		   int limit, struct search_page *page, struct tkvv_err *err);
void search_page_free(struct search_page *page);

/* The FTS5 expression for QUERY, every word a quoted prefix term when PREFIX
 * is set, else a whole-word term; NULL when QUERY has no word (caller frees). */
char *search_fts_expr(const char *query, int prefix);

#endif
