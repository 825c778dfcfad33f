/* Read the hamlets of a tkvv database as regrouping instances. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rg.h"
#include "tkvv/db.h"
#include "tkvv/util.h"

/* The statements of one load, prepared once and bound per hamlet. */
struct loader {
	sqlite3 *db;
	sqlite3_stmt *hamlets, *groups, *members;
};

static const char sql_hamlets[] =
	"SELECT id, code FROM hamlets ORDER BY id";
/* A hamlet's active groups and any group of another hamlet its members are in. */
static const char sql_groups[] =
	"SELECT id, ifnull(leader_code, ''), ifnull(deputy_code, '') FROM groups"
	" WHERE (hamlet_id = ?1 AND status = 'active')"
	" OR id IN (SELECT group_id FROM members WHERE hamlet_id = ?1) ORDER BY id";
static const char sql_members[] =
	"SELECT id, code, group_id, lat, lon, road_order, ifnull(cluster, '')"
	" FROM members WHERE hamlet_id = ?1 ORDER BY id";

/* The index of group ID among the K groups of IDS, or -1. */
static int group_index(const int64_t *ids, size_t k, int64_t id)
{
	for (size_t g = 0; g < k; g++)
		if (ids[g] == id)
			return (int)g;
	return -1;
}

/* The index of CODE among the N member codes, or -1 (also for ""). */
static int member_index(char **codes, size_t n, const char *code)
{
	for (size_t i = 0; *code && i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return (int)i;
	return -1;
}

/* The index of neighbourhood NAME in the hamlet's list, added when new. */
static int cluster_index(char ***names, size_t *n, const char *name)
{
	if (!*name)
		return -1;
	for (size_t c = 0; c < *n; c++)
		if (strcmp((*names)[c], name) == 0)
			return (int)c;
	*names = xreallocarray(*names, *n + 1, sizeof **names);
	(*names)[*n] = xstrdup(name);
	return (int)(*n)++;
}

/* Read the members of the hamlet bound to the statements into H. */
static void load_members(struct loader *ld, struct rgb_hamlet *h, const int64_t *gids,
			 char **codes, size_t cap)
{
	char **clusters = NULL;
	size_t n = 0, nclusters = 0;
	while (sqlite3_step(ld->members) == SQLITE_ROW && n < cap) {
		struct regroup_member *m = &h->members[n];
		m->id = sqlite3_column_int64(ld->members, 0);
		codes[n] = xstrdup((const char *)sqlite3_column_text(ld->members, 1));
		m->group = group_index(gids, h->h.k, sqlite3_column_int64(ld->members, 2));
		m->has_coord = sqlite3_column_type(ld->members, 3) != SQLITE_NULL;
		m->lat = sqlite3_column_double(ld->members, 3);
		m->lon = sqlite3_column_double(ld->members, 4);
		m->has_road = sqlite3_column_type(ld->members, 5) != SQLITE_NULL;
		m->road_order = sqlite3_column_int64(ld->members, 5);
		m->cluster = cluster_index(&clusters, &nclusters,
					   (const char *)sqlite3_column_text(ld->members, 6));
		m->pin = -1;
		n++;
	}
	for (size_t c = 0; c < nclusters; c++)
		free(clusters[c]);
	free(clusters);
}

/* Count the rows a statement returns, then reset it for reading. */
static size_t count_rows(sqlite3_stmt *st)
{
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_reset(st);
	return n;
}

/* Load hamlet ID (named CODE) into H; returns the number of its members. */
static size_t load_hamlet(struct loader *ld, int64_t id, const char *code, struct rgb_hamlet *h)
{
	size_t k, n;
	sqlite3_bind_int64(ld->groups, 1, id);
	sqlite3_bind_int64(ld->members, 1, id);
	k = count_rows(ld->groups);
	n = count_rows(ld->members);
	int64_t *gids = xcalloc(k + 1, sizeof *gids);
	char **leaders = xcalloc(2 * k + 1, sizeof *leaders), **codes = xcalloc(n + 1, sizeof *codes);
	h->members = xcalloc(n + 1, sizeof *h->members);
	h->groups = xcalloc(k + 1, sizeof *h->groups);
	h->h = (struct regroup_hamlet){n, k, h->members, h->groups};
	snprintf(h->name, sizeof h->name, "%s", code);
	for (size_t g = 0; g < k && sqlite3_step(ld->groups) == SQLITE_ROW; g++) {
		gids[g] = h->groups[g].id = sqlite3_column_int64(ld->groups, 0);
		leaders[2 * g] = xstrdup((const char *)sqlite3_column_text(ld->groups, 1));
		leaders[2 * g + 1] = xstrdup((const char *)sqlite3_column_text(ld->groups, 2));
	}
	load_members(ld, h, gids, codes, n);
	for (size_t g = 0; g < k; g++) {
		h->groups[g].leader = member_index(codes, n, leaders[2 * g]);
		h->groups[g].deputy = member_index(codes, n, leaders[2 * g + 1]);
		free(leaders[2 * g]);
		free(leaders[2 * g + 1]);
	}
	for (size_t i = 0; i < n; i++)
		free(codes[i]);
	sqlite3_reset(ld->groups);
	sqlite3_reset(ld->members);
	free(gids);
	free(leaders);
	free(codes);
	return n;
}

/* Read every hamlet of the database at PATH that has members into D. */
int rgb_load_db(const char *path, struct rgb_district *d, char *msg, size_t len)
{
	struct loader ld = {0};
	struct tkvv_err err;
	size_t cap = 0;
	err_clear(&err);
	memset(d, 0, sizeof *d);
	if (db_open(path, DB_READONLY, &ld.db, &err) < 0 ||
	    db_prepare(ld.db, sql_hamlets, &ld.hamlets, &err) < 0 ||
	    db_prepare(ld.db, sql_groups, &ld.groups, &err) < 0 ||
	    db_prepare(ld.db, sql_members, &ld.members, &err) < 0) {
		snprintf(msg, len, "%s", err.msg);
		sqlite3_finalize(ld.hamlets);
		sqlite3_finalize(ld.groups);
		db_close(ld.db);
		return -1;
	}
	while (sqlite3_step(ld.hamlets) == SQLITE_ROW) {
		if (d->n == cap)
			d->hamlets = xreallocarray(d->hamlets, cap = cap ? 2 * cap : 64, sizeof *d->hamlets);
		if (load_hamlet(&ld, sqlite3_column_int64(ld.hamlets, 0),
				(const char *)sqlite3_column_text(ld.hamlets, 1), &d->hamlets[d->n]))
			d->n++;
		else
			rgb_hamlet_free(&d->hamlets[d->n]);
	}
	snprintf(d->source, sizeof d->source, "%s, %zu hamlets", path, d->n);
	sqlite3_finalize(ld.hamlets);
	sqlite3_finalize(ld.groups);
	sqlite3_finalize(ld.members);
	db_close(ld.db);
	return 0;
}
