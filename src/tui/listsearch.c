/* Searching a list view: where the rows that match are, as positions in
 * the list's order. A list ordered by an indexed key (the members, 100,000
 * of them) is never numbered whole: the matching ids go into a bitmap, and
 * the next match is found by walking the key's index from the cursor when
 * matches are many, or by sorting the few matches and counting the rows
 * before one when they are few. A list searched by parent (the payments,
 * millions of them, searched by their loan's code) keeps the matching
 * parents in the bitmap, walks the rows near the cursor checking each one's
 * parent, else takes the nearest match from the parents' figures, and
 * counts the rows before it along the id. Other lists
 * are numbered with row_number(). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listmodel.h"
#include "listmodel_int.h"
#include "tkvv/db.h"

void listmodel_set_whole(struct listmodel *m, int whole)
{
	m->whole = whole;
}

void listmodel_set_parent(struct listmodel *m, const char *parent, const char *const sql[3])
{
	free(m->parent);
	free(m->weights);
	free(m->next);
	free(m->prev);
	m->parent = parent ? xstrdup(parent) : NULL;
	m->weights = parent ? xstrdup(sql[0]) : NULL;
	m->next = parent ? xstrdup(sql[1]) : NULL;
	m->prev = parent ? xstrdup(sql[2]) : NULL;
	m->hint_id = 0;
}

void listmodel_search_free(struct listmodel *m)
{
	free(m->match);
	free(m->match_sql);
	free(m->needle);
	free(m->hits);
	m->match = NULL;
	m->match_sql = m->needle = NULL;
	m->hits = NULL;
	m->hitwords = 0;
	m->nmatch = 0;
}

/* Prepare SQL with the view's binds, :q = NEEDLE, :k and :i = KEY and ID of a row. */
int listmodel_prepare_q(struct listmodel *m, const char *sql, const char *needle,
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
long listmodel_query(struct listmodel *m, const char *sql, const char *needle,
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

/* Whether ID is among the hits. */
static int listmodel_hit(const struct listmodel *m, sqlite3_int64 id)
{
	return id >= 0 && (size_t)id / 64 < m->hitwords && (m->hits[id / 64] >> (id % 64) & 1);
}

/* Gather the ids of the search into the bitmap; returns their count (by
 * parent: the count of their rows) or -1. */
static long listmodel_gather(struct listmodel *m, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	long n = 0;
	int rc;
	if (listmodel_prepare_q(m, m->parent ? m->weights : m->match_sql, m->needle, NULL, 0, &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		if (id < 0)
			continue;
		if ((size_t)id / 64 >= m->hitwords) {
			size_t words = (size_t)id / 64 + 1024;
			m->hits = xreallocarray(m->hits, words, sizeof *m->hits);
			memset(m->hits + m->hitwords, 0, (words - m->hitwords) * sizeof *m->hits);
			m->hitwords = words;
		}
		if (!(m->hits[id / 64] >> (id % 64) & 1))
			n += m->parent ? (long)sqlite3_column_int64(st, 1) : 1;
		m->hits[id / 64] |= (uint64_t)1 << (id % 64);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? n : db_fail(m->db, err, "search");
}

/* Count the rows of the view that are hits, by reading the view's ids. */
static long listmodel_count_hits(struct listmodel *m, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	char *sql = xasprintf("SELECT %s %s", m->idexpr, m->from);
	int rc = listmodel_prepare(m, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	long n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n += listmodel_hit(m, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? n : db_fail(m->db, err, "search");
}

long listmodel_search(struct listmodel *m, const char *match_sql, const char *needle,
		      struct tkvv_err *err)
{
	listmodel_search_free(m);
	m->match_sql = xstrdup(match_sql);
	m->needle = xstrdup(needle ? needle : "");
	if (!*m->needle)
		return 0;
	if (m->parent) {
		long n = listmodel_gather(m, err);
		m->nmatch = n > 0 ? n : 0;
		return n;
	}
	if (m->key) {
		long n = listmodel_gather(m, err);
		if (n >= 0 && !m->whole)
			n = listmodel_count_hits(m, err);
		m->nmatch = n > 0 ? n : 0;
		return n;
	}
	char *sql = xasprintf("SELECT rn FROM (SELECT %s AS id_, row_number() OVER (%s) - 1 AS rn %s)"
			      " WHERE id_ IN (%s) ORDER BY rn", m->idexpr, m->order, m->from, match_sql);
	long n = listmodel_query(m, sql, m->needle, &m->match, err);
	free(sql);
	m->nmatch = n > 0 ? n : 0;
	return n;
}

/* Walk the view's ids from FROM in direction DIR up to LIMIT rows (-1: to
 * the end) and return the position of the first hit, or -1. */
static long listmodel_walk(struct listmodel *m, long from, int dir, long limit, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	char *sql;
	/* By parent the rows' parents are checked, the order is the id's, descending. */
	const char *col = m->parent ? m->parent : m->idexpr;
	if (dir > 0)
		sql = xasprintf("SELECT %s %s %s LIMIT %ld OFFSET %ld", col, m->from, m->order, limit, from);
	else if (m->parent)
		sql = xasprintf("SELECT %s %s ORDER BY %s LIMIT %ld OFFSET %ld", col, m->from, m->idexpr,
				limit, m->count - 1 - from);
	else
		sql = xasprintf("SELECT %s %s ORDER BY %s DESC, %s DESC LIMIT %ld OFFSET %ld", col,
				m->from, m->key, m->idexpr, limit, m->count - 1 - from);
	int rc = listmodel_prepare(m, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	long pos = -1;
	for (long step = 0; pos < 0 && (rc = sqlite3_step(st)) == SQLITE_ROW; step++)
		if (listmodel_hit(m, sqlite3_column_int64(st, 0)))
			pos = from + (dir > 0 ? step : -step);
	sqlite3_finalize(st);
	if (pos < 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(m->db, err, "search");
	return pos;
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

/* The position of the row with key KEY and id ID: the rows before it, counted
 * in two index ranges (a row-value comparison would not use the index). */
static long listmodel_rank(struct listmodel *m, sqlite3_value *key, sqlite3_int64 id,
			   struct tkvv_err *err)
{
	sqlite3_stmt *st;
	char *sql = xasprintf("SELECT (SELECT count(*) %s AND %s < :k) + (SELECT count(*) %s AND %s = :k"
			      " AND %s < :i)", m->from, m->key, m->from, m->key, m->idexpr);
	int rc = listmodel_prepare_q(m, sql, m->needle, key, id, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	long pos = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return pos;
}

/* Few matches: sort them from the key of the row at FROM (or from the other
 * end, wrapping) and number the first. */
static long listmodel_find_sorted(struct listmodel *m, long from, int dir, struct tkvv_err *err)
{
	sqlite3_value *key = NULL, *mkey = NULL;
	sqlite3_int64 id = 0, mid = 0;
	const char *desc = dir > 0 ? "" : " DESC";
	long pos = -1;
	char *after = xasprintf(" AND (%s, %s) %s (:k, :i)", m->key, m->idexpr, dir > 0 ? ">=" : "<=");
	char *sql = xasprintf("SELECT %s, %s %s %s LIMIT 1 OFFSET %ld", m->key, m->idexpr, m->from,
			      m->order, from);
	int found = keyed_row(m, sql, NULL, 0, &key, &id, err);
	free(sql);
	for (int wrap = 0; found == 1 && pos < 0 && wrap < 2; wrap++) {
		sql = xasprintf("SELECT %s, %s %s AND %s IN (%s)%s ORDER BY %s%s, %s%s LIMIT 1",
				m->key, m->idexpr, m->from, m->idexpr, m->match_sql, wrap ? "" : after,
				m->key, desc, m->idexpr, desc);
		int got = keyed_row(m, sql, key, id, &mkey, &mid, err);
		free(sql);
		if (got < 0)
			break;
		if (got == 1)
			pos = listmodel_rank(m, mkey, mid, err);
	}
	sqlite3_value_free(key);
	sqlite3_value_free(mkey);
	free(after);
	return pos;
}

/* One integer from SQL (binds as listmodel_prepare_q, :i = ID); 0 when NULL or none. */
static sqlite3_int64 listmodel_int(struct listmodel *m, const char *sql, sqlite3_int64 id,
				   struct tkvv_err *err)
{
	sqlite3_stmt *st;
	sqlite3_int64 v = 0;
	if (listmodel_prepare_q(m, sql, m->needle, NULL, id, &st, err) < 0)
		return 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		db_fail(m->db, err, "search");
	sqlite3_finalize(st);
	return v;
}

int listmodel_sample(struct listmodel *m, struct tkvv_err *err)
{
	if (!m->parent || m->sample)
		return 0;
	char *sql = xasprintf("SELECT %s %s %s", m->idexpr, m->from, m->order);
	sqlite3_stmt *st;
	int rc = listmodel_prepare(m, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	m->sample = xreallocarray(NULL, (size_t)(m->count / LISTMODEL_SAMPLE + 1), sizeof *m->sample);
	m->nsample = 0;
	for (long i = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; i++)
		if (i % LISTMODEL_SAMPLE == 0 && m->nsample <= m->count / LISTMODEL_SAMPLE)
			m->sample[m->nsample++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(m->db, err, "search");
}

/* By parent, the place of the row with ID: from the last sampled row at or
 * before it (ids descending), the rows in between counted. */
static long listmodel_rank_id(struct listmodel *m, sqlite3_int64 id, struct tkvv_err *err)
{
	long lo = 0, hi = m->nsample - 1, k = -1;
	while (lo <= hi) {
		long mid = (lo + hi) / 2;
		if (m->sample[mid] >= id)
			k = mid, lo = mid + 1;
		else
			hi = mid - 1;
	}
	if (k < 0)
		return -1;
	char *sql = xasprintf("SELECT count(*) %s AND %s > :i AND %s <= %lld", m->from, m->idexpr, m->idexpr,
			      (long long)m->sample[k]);
	long n = (long)listmodel_int(m, sql, id, err);
	free(sql);
	return err->msg[0] ? -1 : k * LISTMODEL_SAMPLE + n;
}

/* By parent: the rows near FROM first (matches close together), else the
 * nearest match from the id of the row at FROM by the parents' own figures
 * (m->next or m->prev, :i = that id), going round at the end; then its
 * place: the rows before it along the id, counted from the nearer end. */
static long listmodel_find_parent(struct listmodel *m, long from, int dir, struct tkvv_err *err)
{
	long pos = listmodel_walk(m, from, dir, 2048, err);
	if (pos >= 0 || err->msg[0])
		return pos;
	const struct listrow *r = listmodel_row(m, from, err);
	if (!r)
		return -1;
	const char *sql = dir > 0 ? m->next : m->prev;
	sqlite3_int64 id = listmodel_int(m, sql, r->id, err);
	if (!id && !err->msg[0])
		id = listmodel_int(m, sql, dir > 0 ? INT64_MAX : INT64_MIN, err);
	if (!id)
		return -1;
	if (listmodel_sample(m, err) < 0)
		return -1;
	pos = listmodel_rank_id(m, id, err);
	if (pos < 0)
		return -1;
	m->hint_pos = pos;
	m->hint_id = id;
	return pos;
}

long listmodel_find(struct listmodel *m, long from, int dir, struct tkvv_err *err)
{
	if (m->nmatch == 0 || m->count == 0)
		return -1;
	/* Past either end the search goes round to the other. */
	if (from < 0 || from >= m->count)
		from = dir > 0 ? 0 : m->count - 1;
	if (m->parent)
		return listmodel_find_parent(m, from, dir, err);
	if (m->key && m->nmatch < m->few)
		return listmodel_find_sorted(m, from, dir, err);
	if (m->key) {
		long pos = listmodel_walk(m, from, dir, -1, err);
		if (pos == -1 && !err->msg[0])
			pos = listmodel_walk(m, dir > 0 ? 0 : m->count - 1, dir, dir > 0 ? from : m->count - from, err);
		return pos;
	}
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
