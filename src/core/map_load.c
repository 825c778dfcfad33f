/* tkvv map's data: a hamlet's households, groups and leaders, before and
 * after a saved plan, measured with the engine's regroup_measure. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/mapdraw.h"
#include "tkvv/textsafe.h"
#include "tkvv/util.h"

enum map_format map_format_of(const char *file)
{
	const char *dot = strrchr(file, '.');
	if (!dot || strchr(dot, '/'))
		return MAP_FORMAT_NONE;
	if (strcasecmp(dot, ".svg") == 0)
		return MAP_FORMAT_SVG;
	if (strcasecmp(dot, ".pdf") == 0)
		return MAP_FORMAT_PDF;
	if (strcasecmp(dot, ".png") == 0)
		return MAP_FORMAT_PNG;
	return MAP_FORMAT_NONE;
}

/* The hamlet CODE's id and name; 0 when there is none. */
static int load_hamlet(sqlite3 *db, const char *code, int64_t *id, struct map_data *d,
		       struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT id, code, name FROM hamlets WHERE code = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		d->hamlet_code = xstrdup((const char *)sqlite3_column_text(st, 1));
		d->hamlet_name = xstrdup((const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "hamlets");
	return err_set(err, TKVV_EFAIL, _("hamlet '%s' does not exist"), TEXT_Q(code));
}

/* Check plan ID: it exists, is not discarded and covers hamlet HID; *APPLIED. */
static int check_plan(sqlite3 *db, int64_t id, int64_t hid, const char *code, int *applied,
		      struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT status, EXISTS (SELECT 1 FROM plan_hamlets h "
			   "WHERE h.plan_id = plans.id AND h.hamlet_id = ?2) FROM plans WHERE id = ?1",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, hid);
	int rc = sqlite3_step(st), covers = 0, discarded = 0;
	if (rc == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(st, 0);
		*applied = strcmp(status, "applied") == 0;
		discarded = strcmp(status, "discarded") == 0;
		covers = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, "plans");
	if (rc == SQLITE_DONE)
		return err_set(err, TKVV_EFAIL, _("plan %lld does not exist"), (long long)id);
	if (discarded)
		return err_set(err, TKVV_EFAIL, _("plan %lld was discarded: its moves are gone"), (long long)id);
	if (!covers)
		return err_set(err, TKVV_EFAIL, _("plan %lld does not cover hamlet '%s'"), (long long)id,
			       TEXT_Q(code));
	return 0;
}

/* The index of group ID, or -1. */
static int group_index(const struct map_data *d, int64_t id)
{
	for (size_t g = 0; g < d->k; g++)
		if (d->groups[g].id == id)
			return (int)g;
	return -1;
}

/* Prepare SQL with the hamlet HID as ?1 and the plan PLAN (0: none) as ?2. */
static int prepare_hamlet(sqlite3 *db, const char *sql, int64_t hid, int64_t plan,
			  sqlite3_stmt **st, struct tkvv_err *err)
{
	if (db_prepare(db, sql, st, err) < 0)
		return -1;
	sqlite3_bind_int64(*st, 1, hid);
	sqlite3_bind_int64(*st, 2, plan);
	return 0;
}

/* The groups of the hamlet: the active ones and those the plan touches,
 * with their leaders' codes before and after the plan. */
static int load_groups(sqlite3 *db, int64_t hid, int64_t plan, int applied, struct map_data *d,
		       char ***lead_before, char ***lead_after, struct tkvv_err *err)
{
	static const char sql[] =
		"SELECT g.id, CASE WHEN g.name <> '' THEN g.name ELSE g.code END, g.leader_code, "
		"pg.new_leader, pg.old_leader FROM groups g "
		"LEFT JOIN plan_groups pg ON pg.plan_id = ?2 AND pg.group_id = g.id "
		"WHERE g.hamlet_id = ?1 AND (g.status = 'active' OR pg.group_id IS NOT NULL "
		"OR g.id IN (SELECT from_group FROM plan_moves WHERE plan_id = ?2)) ORDER BY g.id";
	sqlite3_stmt *st;
	if (prepare_hamlet(db, sql, hid, plan, &st, err) < 0)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->k == cap) {
			cap = cap ? 2 * cap : 8;
			d->groups = xreallocarray(d->groups, cap, sizeof *d->groups);
			d->group_label = xreallocarray(d->group_label, cap, sizeof *d->group_label);
			*lead_before = xreallocarray(*lead_before, cap, sizeof **lead_before);
			*lead_after = xreallocarray(*lead_after, cap, sizeof **lead_after);
		}
		size_t g = d->k++;
		const char *leader = (const char *)sqlite3_column_text(st, 2);
		const char *fresh = (const char *)sqlite3_column_text(st, 3);
		const char *old = (const char *)sqlite3_column_text(st, 4);
		memset(&d->groups[g], 0, sizeof d->groups[g]);
		d->groups[g].id = sqlite3_column_int64(st, 0);
		d->groups[g].leader = d->groups[g].deputy = -1;
		d->group_label[g] = xstrdup((const char *)sqlite3_column_text(st, 1));
		/* An applied plan's new leader is the group's leader now. */
		const char *before = applied && fresh ? old : leader;
		const char *after = fresh ? fresh : leader;
		(*lead_before)[g] = before ? xstrdup(before) : NULL;
		(*lead_after)[g] = after ? xstrdup(after) : NULL;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "groups");
}

/* The households, their groups before and after the plan and leader flags. */
static int load_members(sqlite3 *db, int64_t hid, int64_t plan, int applied, struct map_data *d,
			char **lead_before, char **lead_after, struct tkvv_err *err)
{
	static const char sql[] =
		"SELECT m.id, m.code, m.group_id, m.lat, m.lon, m.road_order, pm.from_group, pm.to_group "
		"FROM members m LEFT JOIN plan_moves pm ON pm.plan_id = ?2 AND pm.member_id = m.id "
		"WHERE m.hamlet_id = ?1 ORDER BY m.id";
	sqlite3_stmt *st;
	if (prepare_hamlet(db, sql, hid, plan, &st, err) < 0)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int moved = sqlite3_column_type(st, 6) != SQLITE_NULL;
		int64_t now = sqlite3_column_int64(st, 2);
		int gb = group_index(d, moved && applied ? sqlite3_column_int64(st, 6) : now);
		int ga = group_index(d, moved ? sqlite3_column_int64(st, 7) : now);
		if (gb < 0 || ga < 0)
			continue;
		if (d->n == cap) {
			cap = cap ? 2 * cap : 64;
			d->members = xreallocarray(d->members, cap, sizeof *d->members);
			d->before.group = xreallocarray(d->before.group, cap, sizeof(int));
			d->after.group = xreallocarray(d->after.group, cap, sizeof(int));
			d->before.leader = xreallocarray(d->before.leader, cap, 1);
			d->after.leader = xreallocarray(d->after.leader, cap, 1);
		}
		size_t i = d->n++;
		struct regroup_member *m = &d->members[i];
		memset(m, 0, sizeof *m);
		m->id = sqlite3_column_int64(st, 0);
		m->group = gb;
		m->has_coord = sqlite3_column_type(st, 3) != SQLITE_NULL && sqlite3_column_type(st, 4) != SQLITE_NULL;
		m->lat = sqlite3_column_double(st, 3);
		m->lon = sqlite3_column_double(st, 4);
		m->has_road = sqlite3_column_type(st, 5) != SQLITE_NULL;
		m->road_order = sqlite3_column_int64(st, 5);
		m->cluster = m->pin = -1;
		d->unlocated += !m->has_coord && !m->has_road;
		const char *code = (const char *)sqlite3_column_text(st, 1);
		d->before.group[i] = gb;
		d->after.group[i] = ga;
		d->before.leader[i] = lead_before[gb] && strcmp(lead_before[gb], code) == 0;
		d->after.leader[i] = lead_after[ga] && strcmp(lead_after[ga], code) == 0;
		if (d->before.leader[i])
			d->groups[gb].leader = (int)i;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "members");
}

/* Sizes, walks and the hamlet's figures of side S. */
static void measure_side(const struct map_data *d, struct map_side *s, int min, int max)
{
	struct regroup_hamlet h = {d->n, d->k, d->members, d->groups};
	int *active = xcalloc(d->k + 1, sizeof *active);
	s->size = xcalloc(d->k + 1, sizeof *s->size);
	s->walk = xcalloc(d->k + 1, sizeof *s->walk);
	for (size_t i = 0; i < d->n; i++)
		s->size[s->group[i]]++;
	for (size_t g = 0; g < d->k; g++)
		active[g] = s->size[g] > 0;
	regroup_measure(&h, s->group, active, min, max, &s->m);
	for (size_t g = 0; g < d->k; g++) {
		if (!s->size[g])
			continue;
		struct regroup_metrics one;
		memset(active, 0, (d->k + 1) * sizeof *active);
		active[g] = 1;
		regroup_measure(&h, s->group, active, min, max, &one);
		s->walk[g] = one.mst_m;
	}
	free(active);
}

int map_load(sqlite3 *db, const char *code, int64_t plan_id, int min, int max,
	     struct map_data *d, struct tkvv_err *err)
{
	memset(d, 0, sizeof *d);
	d->plan_id = plan_id;
	int64_t hid = 0;
	int applied = 0;
	char **lead_before = NULL, **lead_after = NULL;
	int rc = load_hamlet(db, code, &hid, d, err) < 0 ? -1 : 0;
	if (rc == 0 && plan_id)
		rc = check_plan(db, plan_id, hid, code, &applied, err);
	if (rc == 0)
		rc = load_groups(db, hid, plan_id, applied, d, &lead_before, &lead_after, err);
	if (rc == 0)
		rc = load_members(db, hid, plan_id, applied, d, lead_before, lead_after, err);
	for (size_t g = 0; g < d->k; g++) {
		free(lead_before[g]);
		free(lead_after[g]);
	}
	free(lead_before);
	free(lead_after);
	if (rc == 0) {
		measure_side(d, &d->before, min, max);
		if (plan_id)
			measure_side(d, &d->after, min, max);
	}
	if (rc < 0)
		map_data_free(d);
	return rc;
}

void map_from_memory(struct map_data *d, const char *code, const char *name,
		     const struct regroup_hamlet *h, const char *const *labels,
		     const int *before, const int *after, const unsigned char *lead_before,
		     const unsigned char *lead_after, int64_t plan_id, int min, int max)
{
	memset(d, 0, sizeof *d);
	d->hamlet_code = xstrdup(code);
	d->hamlet_name = xstrdup(name);
	d->plan_id = plan_id;
	d->k = h->k;
	d->groups = xcalloc(h->k + 1, sizeof *d->groups);
	d->group_label = xcalloc(h->k + 1, sizeof *d->group_label);
	for (size_t g = 0; g < h->k; g++) {
		d->groups[g].id = (int64_t)g;
		d->groups[g].leader = d->groups[g].deputy = -1;
		d->group_label[g] = xstrdup(labels[g]);
	}
	size_t n1 = h->n + 1;
	d->members = xcalloc(n1, sizeof *d->members);
	d->before.group = xcalloc(n1, sizeof(int));
	d->after.group = xcalloc(n1, sizeof(int));
	d->before.leader = xcalloc(n1, 1);
	d->after.leader = xcalloc(n1, 1);
	for (size_t j = 0; j < h->n; j++) {
		if (before[j] < 0 || after[j] < 0)
			continue;
		size_t i = d->n++;
		d->members[i] = h->members[j];
		d->members[i].group = before[j];
		d->before.group[i] = before[j];
		d->after.group[i] = after[j];
		d->before.leader[i] = lead_before[j];
		d->after.leader[i] = lead_after[j];
		if (lead_before[j])
			d->groups[before[j]].leader = (int)i;
		d->unlocated += !h->members[j].has_coord && !h->members[j].has_road;
	}
	measure_side(d, &d->before, min, max);
	if (plan_id)
		measure_side(d, &d->after, min, max);
}

void map_data_free(struct map_data *d)
{
	struct map_side *sides[] = {&d->before, &d->after};
	for (size_t s = 0; s < 2; s++) {
		free(sides[s]->group);
		free(sides[s]->leader);
		free(sides[s]->size);
		free(sides[s]->walk);
	}
	for (size_t g = 0; g < d->k; g++)
		free(d->group_label[g]);
	free(d->group_label);
	free(d->groups);
	free(d->members);
	free(d->hamlet_code);
	free(d->hamlet_name);
	memset(d, 0, sizeof *d);
}
