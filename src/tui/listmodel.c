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
	free(m->key);
	free(m->match);
	free(m->match_sql);
	free(m->needle);
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
	free(m->key);
	m->key = NULL;
	free(m->order);
	m->order = xstrdup(order);
	listmodel_drop_cache(m);
}

void listmodel_set_key(struct listmodel *m, const char *key)
{
	char *order = xasprintf("ORDER BY %s, %s", key, m->idexpr);
	listmodel_set_order(m, order);
	free(order);
	m->key = xstrdup(key);
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
	/* Number and cut the rows on the id alone, then compute the columns of
	 * one page only: a column may be a costly subquery. */
	char *sql = xasprintf("SELECT %s, %s %s AND %s IN (SELECT %s %s %s LIMIT %d OFFSET %ld) %s",
			      m->idexpr, m->select, m->from, m->idexpr, m->idexpr, m->from, m->order,
			      LISTMODEL_PAGE, start, m->order);
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

/* Prepare SQL with the view's binds, :q = NEEDLE, :k and :i = KEY and ID of a row. */
static int listmodel_prepare_q(struct listmodel *m, const char *sql, const char *needle,
			       sqlite3_value *key, sqlite3_int64 id, sqlite3_stmt **st,
			       struct tkvv_err *err)
{
	if (listmodel_prepare(m, sql, st, err) < 0)
		return -1;
	int qi = sqlite3_bind_parameter_index(*st, ":q");
	if (qi > 0)
		sqlite3_bind_text(*st, qi, needle, -1, SQLITE_STATIC);
	if ((qi = sqlite3_bind_parameter_index(*st, ":k")) > 0)
		sqlite3_bind_value(*st, qi, key);
	if ((qi = sqlite3_bind_parameter_index(*st, ":i")) > 0)
		sqlite3_bind_int64(*st, qi, id);
	return 0;
}

/* Run SQL (binds as listmodel_prepare_q) and collect column 0 of each row. */
static long listmodel_query(struct listmodel *m, const char *sql, const char *needle,
			    sqlite3_int64 **out, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (listmodel_prepare_q(m, sql, needle, NULL, 0, &st, err) < 0)
		return -1;
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
	long n = listmodel_query(m, sql, needle, &pos, err);
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
	free(m->match_sql);
	free(m->needle);
	m->match = NULL;
	m->nmatch = 0;
	m->match_sql = xstrdup(match_sql);
	m->needle = xstrdup(needle ? needle : "");
	if (!*m->needle)
		return 0;
	char *sql;
	if (m->key)
		sql = xasprintf("SELECT count(*) %s AND %s IN (%s)", m->from, m->idexpr, match_sql);
	else
		sql = xasprintf("SELECT rn FROM (SELECT %s AS id_, row_number() OVER (%s) - 1 AS rn %s)"
				" WHERE id_ IN (%s) ORDER BY rn", m->idexpr, m->order, m->from, match_sql);
	sqlite3_int64 *v = NULL;
	long n = listmodel_query(m, sql, m->needle, &v, err);
	free(sql);
	if (n < 0)
		return -1;
	if (m->key) {
		m->nmatch = n > 0 ? (long)v[0] : 0;
		free(v);
	} else {
		m->match = v;
		m->nmatch = n;
	}
	return m->nmatch;
}

/* Run SQL whose one row is a key and an id, with :k/:i = KEY/ID; returns 1
 * with *OUT_KEY (caller frees) and *OUT_ID, 0 when there is no row, -1. */
static int keyed_row(struct listmodel *m, const char *sql, sqlite3_value *key, sqlite3_int64 id,
		     sqlite3_value **out_key, sqlite3_int64 *out_id, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (listmodel_prepare_q(m, sql, m->needle, key, id, &st, err) < 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out_key = sqlite3_value_dup(sqlite3_column_value(st, 0));
		*out_id = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(m->db, err, "search");
	return rc == SQLITE_ROW;
}

/* With a key: take the key of the row at FROM, the first match from that
 * key on in direction DIR (or, wrapping, from the other end), and number it
 * by counting the rows before it. The index on the key does all three. */
static long listmodel_find_keyed(struct listmodel *m, long from, int dir, struct tkvv_err *err)
{
	sqlite3_value *key = NULL, *mkey = NULL;
	sqlite3_int64 id = 0, mid = 0;
	const char *desc = dir > 0 ? "" : " DESC";
	char *after = xasprintf(" AND (%s, %s) %s (:k, :i)", m->key, m->idexpr, dir > 0 ? ">=" : "<=");
	long pos = -1;
	char *sql = xasprintf("SELECT %s, %s %s %s LIMIT 1 OFFSET %ld", m->key, m->idexpr, m->from,
			      m->order, from);
	int found = keyed_row(m, sql, NULL, 0, &key, &id, err);
	free(sql);
	for (int wrap = 0; found == 1 && wrap < 2; wrap++) {
		sql = xasprintf("SELECT %s, %s %s AND %s IN (%s)%s ORDER BY %s%s, %s%s LIMIT 1",
				m->key, m->idexpr, m->from, m->idexpr, m->match_sql, wrap ? "" : after,
				m->key, desc, m->idexpr, desc);
		int got = keyed_row(m, sql, key, id, &mkey, &mid, err);
		free(sql);
		if (got < 0)
			break;
		if (got == 0)
			continue;
		sql = xasprintf("SELECT count(*) %s AND (%s, %s) < (:k, :i)", m->from, m->key, m->idexpr);
		sqlite3_stmt *st;
		if (listmodel_prepare_q(m, sql, m->needle, mkey, mid, &st, err) == 0) {
			pos = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
			sqlite3_finalize(st);
		}
		free(sql);
		break;
	}
	sqlite3_value_free(key);
	sqlite3_value_free(mkey);
	free(after);
	return pos;
}

long listmodel_find(struct listmodel *m, long from, int dir, struct tkvv_err *err)
{
	if (m->nmatch == 0 || m->count == 0)
		return -1;
	/* Past either end the search goes round to the other. */
	if (from < 0 || from >= m->count)
		from = dir > 0 ? 0 : m->count - 1;
	if (m->key)
		return listmodel_find_keyed(m, from, dir, err);
	if (dir > 0) {
		for (long i = 0; i < m->nmatch; i++)
			if (m->match[i] >= from)
				return (long)m->match[i];
		return (long)m->match[0];
	}
	for (long i = m->nmatch - 1; i >= 0; i--)
		if (m->match[i] <= from)
			return (long)m->match[i];
	return (long)m->match[m->nmatch - 1];
}
