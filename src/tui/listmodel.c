/* A paged view over an SQL query: a window of LISTMODEL_PAGE rows is kept,
 * and a page outside it costs one LIMIT/OFFSET query. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listmodel.h"
#include "listmodel_int.h"
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
	m->few = LISTMODEL_FEW;
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
	free(m->parent);
	free(m->weights);
	free(m->next);
	free(m->prev);
	free(m->sample);
	listmodel_search_free(m);
	memset(m, 0, sizeof *m);
}

void listmodel_set_from(struct listmodel *m, const char *from, const char *const *binds)
{
	free(m->from);
	m->from = xstrdup(from);
	m->hint_id = 0;
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

int listmodel_prepare(struct listmodel *m, const char *sql, sqlite3_stmt **st,
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
	listmodel_search_free(m);
	m->hint_id = 0;
	free(m->sample);
	m->sample = NULL;
	m->nsample = 0;
	if (m->cursor >= m->count)
		m->cursor = m->count > 0 ? m->count - 1 : 0;
	if (m->top > m->cursor)
		m->top = m->cursor;
	return 0;
}

/* Run SQL (the id, then the columns) and keep its rows as the page that
 * starts at START. */
static int listmodel_read(struct listmodel *m, char *sql, long start, struct tkvv_err *err)
{
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

/* Fetch the page of rows that starts at START. */
static int listmodel_fetch(struct listmodel *m, long start, struct tkvv_err *err)
{
	/* Number and cut the rows on the id alone, then compute the columns of
	 * one page only: a column may be a costly subquery. */
	return listmodel_read(m, xasprintf("SELECT %s, %s %s AND %s IN (SELECT %s %s %s LIMIT %d OFFSET %ld) %s",
					   m->idexpr, m->select, m->from, m->idexpr, m->idexpr, m->from,
					   m->order, LISTMODEL_PAGE, start, m->order), start, err);
}

/* By parent, the page around the known row hint_pos: the rows after and
 * before its id along the id index, not an OFFSET walk from the top. */
static int listmodel_fetch_near(struct listmodel *m, long start, struct tkvv_err *err)
{
	long above = m->hint_pos - start;
	char *sql = xasprintf("SELECT * FROM (SELECT %s, %s %s AND %s > %lld ORDER BY %s LIMIT %ld)"
			      " UNION ALL SELECT * FROM (SELECT %s, %s %s AND %s <= %lld %s LIMIT %ld)",
			      m->idexpr, m->select, m->from, m->idexpr, (long long)m->hint_id, m->idexpr, above,
			      m->idexpr, m->select, m->from, m->idexpr, (long long)m->hint_id, m->order,
			      LISTMODEL_PAGE - above);
	if (listmodel_read(m, sql, start, err) < 0)
		return -1;
	/* The rows above came nearest first: turn them round. */
	for (long i = 0; i < above / 2 && above <= m->cache_n; i++) {
		struct listrow tmp = m->cache[i];
		m->cache[i] = m->cache[above - 1 - i];
		m->cache[above - 1 - i] = tmp;
	}
	return 0;
}

const struct listrow *listmodel_row(struct listmodel *m, long pos, struct tkvv_err *err)
{
	if (pos < 0 || pos >= m->count)
		return NULL;
	if (m->parent && m->hint_id && pos >= m->hint_pos - LISTMODEL_PAGE / 2 &&
	    pos < m->hint_pos + LISTMODEL_PAGE / 2 &&
	    (pos < m->cache_start || pos >= m->cache_start + m->cache_n)) {
		long start = pos - LISTMODEL_PAGE / 2;
		start = start < 0 ? 0 : start;
		start = start < m->hint_pos - LISTMODEL_PAGE / 2 ? m->hint_pos - LISTMODEL_PAGE / 2 : start;
		start = start < 0 ? 0 : start;
		if (listmodel_fetch_near(m, start, err) < 0)
			return NULL;
		if (pos < m->cache_start + m->cache_n)
			return &m->cache[pos - m->cache_start];
	}
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

