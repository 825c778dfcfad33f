/* A paged view over an SQL query: a window of LISTMODEL_PAGE rows is kept,
 * and a page outside it costs one LIMIT/OFFSET query. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listmodel.h"
#include "tkvv/db.h"

void listmodel_init(struct listmodel *m, sqlite3 *db, int ncols, const char *idexpr,
		    const char *select)
{
	memset(m, 0, sizeof *m);
	m->db = db;
	m->ncols = ncols < LISTMODEL_MAXCOLS ? ncols : LISTMODEL_MAXCOLS;
	m->idexpr = xstrdup(idexpr);
	m->select = xstrdup(select);
	m->from = xstrdup("");
	m->order = xstrdup("");
}

/* Forget the fetched rows. */
static void listmodel_drop_cache(struct listmodel *m)
{
	for (int i = 0; i < m->cache_n; i++)
		for (int c = 0; c < m->ncols; c++)
			free(m->cache[i].col[c]);
	m->cache_n = 0;
	m->cache_start = 0;
}

void listmodel_free(struct listmodel *m)
{
	listmodel_drop_cache(m);
	for (int i = 0; i < LISTMODEL_MAXBINDS; i++)
		free(m->bind[i]);
	free(m->idexpr);
	free(m->select);
	free(m->from);
	free(m->order);
	free(m->match);
	memset(m, 0, sizeof *m);
}

void listmodel_set_from(struct listmodel *m, const char *from, const char *const *binds)
{
	free(m->from);
	m->from = xstrdup(from);
	for (int i = 0; i < LISTMODEL_MAXBINDS; i++) {
		free(m->bind[i]);
		m->bind[i] = NULL;
	}
	for (int i = 0; binds && binds[i] && i < LISTMODEL_MAXBINDS; i++)
		m->bind[i] = xstrdup(binds[i]);
	listmodel_drop_cache(m);
}

void listmodel_set_order(struct listmodel *m, const char *order)
{
	free(m->order);
	m->order = xstrdup(order);
	listmodel_drop_cache(m);
}

/* Prepare SQL and bind the view's parameters ?1..?N. */
static int listmodel_prepare(struct listmodel *m, const char *sql, sqlite3_stmt **st,
			     struct tkvv_err *err)
{
	if (db_prepare(m->db, sql, st, err) < 0)
		return -1;
	int n = sqlite3_bind_parameter_count(*st);
	for (int i = 0; i < LISTMODEL_MAXBINDS && i < n; i++)
		if (m->bind[i])
			sqlite3_bind_text(*st, i + 1, m->bind[i], -1, SQLITE_STATIC);
	return 0;
}

int listmodel_reload(struct listmodel *m, struct tkvv_err *err)
{
	char *sql = xasprintf("SELECT count(*) %s", m->from);
	sqlite3_stmt *st;
	int rc = listmodel_prepare(m, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	m->count = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	listmodel_drop_cache(m);
	free(m->match);
	m->match = NULL;
	m->nmatch = 0;
	if (m->cursor >= m->count)
		m->cursor = m->count > 0 ? m->count - 1 : 0;
	if (m->top > m->cursor)
		m->top = m->cursor;
	return 0;
}

/* Fetch the page of rows that starts at START. */
static int listmodel_fetch(struct listmodel *m, long start, struct tkvv_err *err)
{
	char *sql = xasprintf("SELECT %s, %s %s %s LIMIT %d OFFSET %ld", m->idexpr, m->select,
			      m->from, m->order, LISTMODEL_PAGE, start);
	sqlite3_stmt *st;
	int rc = listmodel_prepare(m, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	listmodel_drop_cache(m);
	m->cache_start = start;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && m->cache_n < LISTMODEL_PAGE) {
		struct listrow *r = &m->cache[m->cache_n++];
		r->id = sqlite3_column_int64(st, 0);
		for (int c = 0; c < m->ncols; c++) {
			const unsigned char *t = sqlite3_column_text(st, c + 1);
			r->col[c] = t ? xstrdup((const char *)t) : NULL;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(m->db, err, "list");
	return 0;
}

const struct listrow *listmodel_row(struct listmodel *m, long pos, struct tkvv_err *err)
{
	if (pos < 0 || pos >= m->count)
		return NULL;
	if (pos < m->cache_start || pos >= m->cache_start + m->cache_n) {
		/* Centre the window on POS so scrolling either way stays cached. */
		long start = pos - LISTMODEL_PAGE / 2;
		if (start < 0)
			start = 0;
		if (listmodel_fetch(m, start, err) < 0)
			return NULL;
		if (pos >= m->cache_start + m->cache_n)
			return NULL;
	}
	return &m->cache[pos - m->cache_start];
}

void listmodel_goto(struct listmodel *m, long pos, int height)
{
	if (pos >= m->count)
		pos = m->count - 1;
	if (pos < 0)
		pos = 0;
	m->cursor = pos;
	if (height < 1)
		height = 1;
	if (m->cursor < m->top)
		m->top = m->cursor;
	if (m->cursor >= m->top + height)
		m->top = m->cursor - height + 1;
	if (m->top > m->count - height)
		m->top = m->count - height > 0 ? m->count - height : 0;
	if (m->top > m->cursor)
		m->top = m->cursor;
}

void listmodel_move(struct listmodel *m, long delta, int height)
{
	listmodel_goto(m, m->cursor + delta, height);
}

/* Run SQL (binds of the view, :q = NEEDLE) and collect column 0 of each row. */
static long listmodel_positions(struct listmodel *m, const char *sql, const char *needle,
				sqlite3_int64 **out, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (listmodel_prepare(m, sql, &st, err) < 0)
		return -1;
	int qi = sqlite3_bind_parameter_index(st, ":q");
	if (qi > 0)
		sqlite3_bind_text(st, qi, needle, -1, SQLITE_STATIC);
	long n = 0, cap = 0;
	sqlite3_int64 *v = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		v[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return db_fail(m->db, err, "search");
	}
	*out = v;
	return n;
}

int listmodel_goto_id(struct listmodel *m, sqlite3_int64 id, int height, struct tkvv_err *err)
{
	char needle[32];
	snprintf(needle, sizeof needle, "%lld", (long long)id);
	char *sql = xasprintf("SELECT rn FROM (SELECT %s AS id_, row_number() OVER (%s) - 1 AS rn %s)"
			      " WHERE id_ = CAST(:q AS INTEGER)", m->idexpr, m->order, m->from);
	sqlite3_int64 *pos = NULL;
	long n = listmodel_positions(m, sql, needle, &pos, err);
	free(sql);
	if (n > 0)
		listmodel_goto(m, (long)pos[0], height);
	free(pos);
	return n > 0 ? 0 : -1;
}

long listmodel_search(struct listmodel *m, const char *match_sql, const char *needle,
		      struct tkvv_err *err)
{
	free(m->match);
	m->match = NULL;
	m->nmatch = 0;
	if (!needle || !*needle)
		return 0;
	char *sql = xasprintf("SELECT rn FROM (SELECT %s AS id_, row_number() OVER (%s) - 1 AS rn %s)"
			      " WHERE id_ IN (%s) ORDER BY rn", m->idexpr, m->order, m->from, match_sql);
	long n = listmodel_positions(m, sql, needle, &m->match, err);
	free(sql);
	if (n < 0)
		return -1;
	m->nmatch = n;
	return n;
}

long listmodel_next_match(const struct listmodel *m, int dir)
{
	if (m->nmatch == 0)
		return -1;
	if (dir > 0) {
		for (long i = 0; i < m->nmatch; i++)
			if (m->match[i] > m->cursor)
				return (long)m->match[i];
		return (long)m->match[0];
	}
	for (long i = m->nmatch - 1; i >= 0; i--)
		if (m->match[i] < m->cursor)
			return (long)m->match[i];
	return (long)m->match[m->nmatch - 1];
}
