/* Saved plans: save a draft, read it back, apply it in one transaction and
 * undo it exactly (the membership rows apply closes and opens are kept). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/plan.h"
#include "tkvv/textsafe.h"

/* Bind AP's values to ST in order: 'i' int64, 'd' double, 't' text (NULL ok). */
static void bind_va(sqlite3_stmt *st, const char *types, va_list ap)
{
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		else if (types[i] == 'd')
			sqlite3_bind_double(st, i + 1, va_arg(ap, double));
		else
			sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
	}
}

/* Bind the values that follow TYPES to ST (see bind_va). */
static void bind_all(sqlite3_stmt *st, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	bind_va(st, types, ap);
	va_end(ap);
}

/* Step a statement that returns no rows, then reset it for reuse. */
static int step_done(sqlite3 *db, sqlite3_stmt *st, const char *what, struct tkvv_err *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, what);
}

/* Run SQL with bound values once (no result rows). */
static int exec_bound(sqlite3 *db, const char *sql, struct tkvv_err *err, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	va_start(ap, types);
	bind_va(st, types, ap);
	va_end(ap);
	int rc = step_done(db, st, "plan", err);
	sqlite3_finalize(st);
	return rc;
}

/* The method as plans are stored and read back (plan_load parses it here
 * too): the store owns the name, the builder calls the store, never back. */
const char *plan_method_name(enum regroup_method m)
{
	switch (m) {
	case REGROUP_COORD: return "coord";
	case REGROUP_ROAD: return "road";
	case REGROUP_MIXED: return "mixed";
	default: return "none";
	}
}

int plan_fingerprint(sqlite3 *db, int64_t hamlet_id, char out[17], struct tkvv_err *err)
{
	static const char sql[] =
		"SELECT 'g', id, status, leader_code, deputy_code, merged_into, NULL FROM groups WHERE hamlet_id = ?1 "
		"UNION ALL SELECT 'm', id, group_id, lat, lon, road_order, cluster FROM members WHERE hamlet_id = ?1 "
		"ORDER BY 1, 2";
	sqlite3_stmt *st;
	uint64_t h = 0xcbf29ce484222325ull;
	int rc;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, hamlet_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < 7; c++) {
			const unsigned char *t = sqlite3_column_text(st, c);
			const unsigned char nul[] = "\x01null";
			for (const unsigned char *s = t ? t : nul; *s; s++)
				h = (h ^ *s) * 0x100000001b3ull;
			h = (h ^ 0x1f) * 0x100000001b3ull;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "fingerprint");
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	return 0;
}

/* Insert the plans row of P and set p->id. */
static int save_head(sqlite3 *db, struct plan *p, struct tkvv_err *err)
{
	if (exec_bound(db, "INSERT INTO plans(created_by, scope, min_members, max_members, move_weight, "
			   "max_moves, new_leaders) VALUES (?, ?, ?, ?, ?, ?, ?)", err, "ttiidti",
		       util_user(), p->scope, (int64_t)p->min, (int64_t)p->max, p->move_weight,
		       p->max_moves, (int64_t)p->new_leaders) < 0)
		return -1;
	p->id = sqlite3_last_insert_rowid(db);
	if (p->org_tolerance >= 0 && exec_bound(db, "UPDATE plans SET org_tolerance = ? WHERE id = ?", err, "di",
						 p->org_tolerance, p->id) < 0)
		return -1;
	return 0;
}

/* Bind groups_split SPLIT at column C of ST: NULL when not known. */
static void split_bind(sqlite3_stmt *st, int c, int split)
{
	if (split < 0)
		sqlite3_bind_null(st, c);
	else
		sqlite3_bind_int(st, c, split);
}

/* Insert one plan_hamlets row per hamlet, with its figures. */
static int save_hamlets(sqlite3 *db, const struct plan *p, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int rc = 0;
	if (db_prepare(db, "INSERT INTO plan_hamlets VALUES (?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?, ?,?)",
		       &st, err) < 0)
		return -1;
	for (size_t i = 0; i < p->nhamlets && rc == 0; i++) {
		const struct plan_hamlet *h = &p->hamlets[i];
		const struct regroup_metrics *m[2] = {&h->before, &h->after};
		bind_all(st, "iittttii", p->id, h->hamlet_id, h->fingerprint, plan_method_name(h->method),
			 h->status == REGROUP_OK ? "ok" : "infeasible", h->message,
			 (int64_t)h->members, (int64_t)h->located);
		for (int k = 0; k < 2; k++) {
			int b = 9 + 8 * k;
			sqlite3_bind_double(st, b, m[k]->medoid_m);
			sqlite3_bind_double(st, b + 1, m[k]->mst_m);
			sqlite3_bind_int64(st, b + 2, m[k]->knn_edges);
			sqlite3_bind_int64(st, b + 3, m[k]->knn_cross);
			sqlite3_bind_int64(st, b + 4, m[k]->moved);
			sqlite3_bind_int(st, b + 5, m[k]->size_violations);
			sqlite3_bind_int(st, b + 6, m[k]->leaders_moved);
			sqlite3_bind_int(st, b + 7, m[k]->groups);
			split_bind(st, 25 + k, m[k]->groups_split);
		}
		rc = step_done(db, st, "plan", err);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Insert the moves, group changes and trade-off rows of P. */
static int save_rows(sqlite3 *db, const struct plan *p, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int rc = 0;
	if (db_prepare(db, "INSERT INTO plan_moves(plan_id, member_id, from_group, to_group, reason) "
		       "VALUES (?, ?, ?, ?, ?)", &st, err) < 0)
		return -1;
	for (size_t i = 0; i < p->nmoves && rc == 0; i++) {
		const struct plan_move *m = &p->moves[i];
		bind_all(st, "iiiit", p->id, m->member_id, m->from_group, m->to_group, m->reason);
		rc = step_done(db, st, "plan", err);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < p->ngroups && rc == 0; i++) {
		const struct plan_group_change *g = &p->groups[i];
		rc = exec_bound(db, "INSERT INTO plan_groups(plan_id, group_id, merged_into, new_leader, reason, "
				"new_deputy, leader_reason) VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?)", err, "iiitttt",
				p->id, g->group_id, g->merged_into, g->new_leader, g->reason, g->new_deputy,
				g->leader_reason);
	}
	for (size_t i = 0; i < p->norgs && rc == 0; i++) {
		const struct plan_org_share *o = &p->orgs[i];
		rc = exec_bound(db, "INSERT INTO plan_orgs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", err, "ittiiiiii", p->id,
				o->commune_code, o->org_code, (int64_t)o->groups_before, (int64_t)o->groups_after,
				(int64_t)o->members_before, (int64_t)o->members_after, o->outstanding_before,
				o->outstanding_after);
	}
	for (size_t i = 0; i < p->ntradeoff && rc == 0; i++) {
		const struct plan_tradeoff *t = &p->tradeoff[i];
		rc = exec_bound(db, "INSERT INTO plan_tradeoff VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
				"nullif(?, -1))", err, "iitiiddiiiiii", p->id, (int64_t)i, t->budget,
				(int64_t)t->new_leaders, (int64_t)t->after.moved, t->after.medoid_m, t->after.mst_m,
				(int64_t)t->after.knn_edges, (int64_t)t->after.knn_cross,
				(int64_t)t->after.size_violations, (int64_t)t->after.leaders_moved,
				(int64_t)t->after.groups, (int64_t)(t->after.groups_split < 0 ? -1 : t->after.groups_split));
	}
	return rc;
}

int plan_save(sqlite3 *db, struct plan *p, struct tkvv_err *err)
{
	int own = sqlite3_get_autocommit(db);
	if (own && db_begin(db, err) < 0)
		return -1;
	char detail[160];
	int rc = save_head(db, p, err);
	if (rc == 0)
		rc = save_hamlets(db, p, err);
	if (rc == 0)
		rc = save_rows(db, p, err);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "plan %lld (%s): %zu moves, %zu group changes",
			 (long long)p->id, p->scope, p->nmoves, p->ngroups);
		rc = db_audit(db, "regroup", "plan", NULL, detail, err);
	}
	if (rc < 0) {
		if (own)
			db_rollback(db);
		p->id = 0;
		return -1;
	}
	return own ? db_commit(db, err) : 0;
}

/* Read the status of plan ID into OUT; an unknown plan is an error. */
static int plan_status(sqlite3 *db, int64_t id, char out[16], struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT status FROM plans WHERE id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, 16, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return err_set(err, TKVV_EFAIL, _("plan %lld does not exist (tkvv plan list)"), (long long)id);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err, "plans");
}

/* Refuse a plan whose hamlets changed since it was made. */
static int check_fresh(sqlite3 *db, int64_t id, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int rc = 0, step;
	if (db_prepare(db, "SELECT p.hamlet_id, p.fingerprint, h.code, h.name FROM plan_hamlets p "
		       "JOIN hamlets h ON h.id = p.hamlet_id WHERE p.plan_id = ? ORDER BY h.code", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		char now[17];
		rc = plan_fingerprint(db, sqlite3_column_int64(st, 0), now, err);
		if (rc == 0 && strcmp(now, (const char *)sqlite3_column_text(st, 1)) != 0)
			rc = err_set(err, TKVV_EFAIL,
				     _("plan %lld was made on data that has changed since in hamlet %s (%s): make a new plan"),
				     (long long)id, sqlite3_column_text(st, 2), sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	return rc;
}

/* Move every member of plan ID, keeping the membership rows for undo. */
static int apply_moves(sqlite3 *db, int64_t id, struct tkvv_err *err)
{
	sqlite3_stmt *moves, *open_ms, *close_ms, *new_ms, *member, *mark;
	char reason[48];
	int rc = 0, step;
	snprintf(reason, sizeof reason, "plan %lld", (long long)id);
	sqlite3_stmt **sts[] = {&moves, &open_ms, &close_ms, &new_ms, &member, &mark};
	const char *sql[] = {
		"SELECT member_id, to_group FROM plan_moves WHERE plan_id = ? ORDER BY member_id",
		"SELECT id FROM memberships WHERE member_id = ? AND to_on IS NULL",
		"UPDATE memberships SET to_on = date('now', 'localtime') WHERE id = ?",
		"INSERT INTO memberships(member_id, group_id, from_on, reason) VALUES (?, ?, date('now', 'localtime'), ?)",
		"UPDATE members SET group_id = ? WHERE id = ?",
		"UPDATE plan_moves SET closed_ms = nullif(?, 0), opened_ms = ? WHERE plan_id = ? AND member_id = ?",
	};
	for (size_t i = 0; i < ARRAY_LEN(sts); i++)
		if (rc == 0)
			rc = db_prepare(db, sql[i], sts[i], err);
	if (rc == 0)
		sqlite3_bind_int64(moves, 1, id);
	while (rc == 0 && (step = sqlite3_step(moves)) == SQLITE_ROW) {
		int64_t mid = sqlite3_column_int64(moves, 0), to = sqlite3_column_int64(moves, 1), closed = 0;
		bind_all(open_ms, "i", mid);
		if (sqlite3_step(open_ms) == SQLITE_ROW)
			closed = sqlite3_column_int64(open_ms, 0);
		sqlite3_reset(open_ms);
		if (closed) {
			bind_all(close_ms, "i", closed);
			rc = step_done(db, close_ms, "memberships", err);
		}
		bind_all(new_ms, "iit", mid, to, reason);
		if (rc == 0)
			rc = step_done(db, new_ms, "memberships", err);
		int64_t opened = sqlite3_last_insert_rowid(db);
		bind_all(member, "ii", to, mid);
		if (rc == 0)
			rc = step_done(db, member, "members", err);
		bind_all(mark, "iiii", closed, opened, id, mid);
		if (rc == 0)
			rc = step_done(db, mark, "plan", err);
	}
	for (size_t i = 0; i < ARRAY_LEN(sts); i++)
		sqlite3_finalize(*sts[i]);
	return rc;
}

/* Merge groups and change leaders as plan ID says, remembering the old leaders. */
static int apply_groups(sqlite3 *db, int64_t id, struct tkvv_err *err)
{
	static const char *const sql[] = {
		"UPDATE plan_groups SET old_leader = (SELECT leader_code FROM groups WHERE id = group_id), "
		"old_deputy = (SELECT deputy_code FROM groups WHERE id = group_id) WHERE plan_id = ?1",
		"UPDATE groups SET status = 'merged', merged_into = (SELECT merged_into FROM plan_groups p "
		"WHERE p.plan_id = ?1 AND p.group_id = groups.id) WHERE id IN "
		"(SELECT group_id FROM plan_groups WHERE plan_id = ?1 AND merged_into IS NOT NULL)",
		"UPDATE groups SET leader_code = (SELECT new_leader FROM plan_groups p WHERE p.plan_id = ?1 "
		"AND p.group_id = groups.id), deputy_code = CASE WHEN deputy_code = (SELECT new_leader FROM "
		"plan_groups p WHERE p.plan_id = ?1 AND p.group_id = groups.id) THEN NULL ELSE deputy_code END "
		"WHERE id IN (SELECT group_id FROM plan_groups WHERE plan_id = ?1 AND new_leader IS NOT NULL)",
		/* The merged group's leader becomes the deputy of the group it joins. */
		"UPDATE groups SET deputy_code = (SELECT new_deputy FROM plan_groups p WHERE p.plan_id = ?1 "
		"AND p.group_id = groups.id) WHERE id IN (SELECT group_id FROM plan_groups WHERE plan_id = ?1 "
		"AND new_deputy IS NOT NULL) AND leader_code IS NOT (SELECT new_deputy FROM plan_groups p "
		"WHERE p.plan_id = ?1 AND p.group_id = groups.id)",
	};
	for (size_t i = 0; i < ARRAY_LEN(sql); i++)
		if (exec_bound(db, sql[i], err, "i", id) < 0)
			return -1;
	return 0;
}

int plan_apply(sqlite3 *db, int64_t id, const char *note, int in_tx, struct tkvv_err *err)
{
	char status[16], detail[600];
	size_t at;
	/* The meeting's decision is text like any other: no control characters. */
	const char *bad = note ? text_field_problem(note, strlen(note), &at) : NULL;
	if (bad)
		return err_set(err, TKVV_EFAIL, "%s '%s' %s", _("note"), TEXT_Q(note), _(bad));
	if (!in_tx && db_begin(db, err) < 0)
		return -1;
	int rc = plan_status(db, id, status, err);
	if (rc == 0 && strcmp(status, "draft") != 0)
		rc = err_set(err, TKVV_EFAIL, _("plan %lld is %s, not a draft: only a draft can be applied"),
			     (long long)id, _(status));
	if (rc == 0)
		rc = check_fresh(db, id, err);
	if (rc == 0)
		rc = apply_moves(db, id, err);
	if (rc == 0)
		rc = apply_groups(db, id, err);
	if (rc == 0)
		rc = exec_bound(db, "UPDATE plans SET status = 'applied', note = ?, "
				"applied_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", err, "ti", note, id);
	snprintf(detail, sizeof detail, "plan %lld applied%s%.500s", (long long)id,
		 note && *note ? ": " : "", note ? note : "");
	if (rc == 0)
		rc = db_audit(db, "plan apply", "plan", NULL, detail, err);
	if (rc < 0) {
		if (!in_tx)
			db_rollback(db);
		return -1;
	}
	return in_tx ? 0 : db_commit(db, err);
}

/* Refuse to undo plan ID when a member or group it changed has changed since. */
static int check_undoable(sqlite3 *db, int64_t id, struct tkvv_err *err)
{
	static const char sql[] =
		"SELECT m.code, 'member' FROM plan_moves p JOIN members m ON m.id = p.member_id "
		"LEFT JOIN memberships s ON s.id = p.opened_ms "
		"WHERE p.plan_id = ?1 AND (m.group_id <> p.to_group OR s.id IS NULL OR s.to_on IS NOT NULL) "
		"UNION ALL SELECT g.code, 'group' FROM plan_groups p JOIN groups g ON g.id = p.group_id "
		"WHERE p.plan_id = ?1 AND ((p.merged_into IS NOT NULL AND (g.status <> 'merged' OR g.merged_into <> p.merged_into)) "
		"OR (p.new_leader IS NOT NULL AND g.leader_code IS NOT p.new_leader) "
		"OR (p.new_deputy IS NOT NULL AND g.leader_code IS NOT p.new_deputy AND g.deputy_code IS NOT p.new_deputy)) "
		"LIMIT 1";
	sqlite3_stmt *st;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = err_set(err, TKVV_EFAIL,
			     strcmp((const char *)sqlite3_column_text(st, 1), "member") == 0 ?
			     _("member %s has changed group since plan %lld was applied: undo refused") :
			     _("group %s has changed since plan %lld was applied: undo refused"),
			     sqlite3_column_text(st, 0), (long long)id);
	sqlite3_finalize(st);
	return rc;
}

int plan_undo(sqlite3 *db, int64_t id, struct tkvv_err *err)
{
	static const char *const sql[] = {
		"UPDATE members SET group_id = (SELECT from_group FROM plan_moves p WHERE p.plan_id = ?1 "
		"AND p.member_id = members.id) WHERE id IN (SELECT member_id FROM plan_moves WHERE plan_id = ?1)",
		"DELETE FROM memberships WHERE id IN (SELECT opened_ms FROM plan_moves WHERE plan_id = ?1)",
		"UPDATE memberships SET to_on = NULL WHERE id IN (SELECT closed_ms FROM plan_moves WHERE plan_id = ?1)",
		"UPDATE groups SET status = 'active', merged_into = NULL WHERE id IN "
		"(SELECT group_id FROM plan_groups WHERE plan_id = ?1 AND merged_into IS NOT NULL)",
		"UPDATE groups SET leader_code = (SELECT old_leader FROM plan_groups p WHERE p.plan_id = ?1 "
		"AND p.group_id = groups.id), deputy_code = (SELECT old_deputy FROM plan_groups p "
		"WHERE p.plan_id = ?1 AND p.group_id = groups.id) WHERE id IN "
		"(SELECT group_id FROM plan_groups WHERE plan_id = ?1 AND (new_leader IS NOT NULL OR new_deputy IS NOT NULL))",
		"UPDATE plan_moves SET closed_ms = NULL, opened_ms = NULL WHERE plan_id = ?1",
		"UPDATE plans SET status = 'undone', undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
	};
	char status[16], detail[64];
	if (db_begin(db, err) < 0)
		return -1;
	int rc = plan_status(db, id, status, err);
	if (rc == 0 && strcmp(status, "applied") != 0)
		rc = err_set(err, TKVV_EFAIL, _("plan %lld is %s, not applied: there is nothing to undo"),
			     (long long)id, _(status));
	if (rc == 0)
		rc = check_undoable(db, id, err);
	for (size_t i = 0; i < ARRAY_LEN(sql) && rc == 0; i++)
		rc = exec_bound(db, sql[i], err, "i", id);
	snprintf(detail, sizeof detail, "plan %lld undone", (long long)id);
	if (rc == 0)
		rc = db_audit(db, "plan undo", "plan", NULL, detail, err);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int plan_discard(sqlite3 *db, int64_t id, struct tkvv_err *err)
{
	char status[16], detail[64];
	if (db_begin(db, err) < 0)
		return -1;
	int rc = plan_status(db, id, status, err);
	if (rc == 0 && strcmp(status, "draft") != 0)
		rc = err_set(err, TKVV_EFAIL, _("plan %lld is %s, not a draft: only a draft can be discarded"),
			     (long long)id, _(status));
	/* The plan's row stays (discarded, in the list); what it proposed goes. */
	static const char *const rows[] = {
		"DELETE FROM plan_moves WHERE plan_id = ?", "DELETE FROM plan_groups WHERE plan_id = ?",
		"DELETE FROM plan_tradeoff WHERE plan_id = ?", "DELETE FROM plan_hamlets WHERE plan_id = ?",
		"DELETE FROM plan_orgs WHERE plan_id = ?",
	};
	for (size_t i = 0; rc == 0 && i < ARRAY_LEN(rows); i++)
		rc = exec_bound(db, rows[i], err, "i", id);
	if (rc == 0)
		rc = exec_bound(db, "UPDATE plans SET status = 'discarded' WHERE id = ?", err, "i", id);
	snprintf(detail, sizeof detail, "plan %lld discarded", (long long)id);
	if (rc == 0)
		rc = db_audit(db, "plan discard", "plan", NULL, detail, err);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) < 0)
		return -1;
	plan_free_space(db);
	return 0;
}

/* The integer a PRAGMA returns, or -1. */
static int pragma_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

void plan_free_space(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db) || pragma_int(db, "PRAGMA freelist_count") <= 0)
		return;
	/* Incremental vacuum gives the free pages back cheaply; a file made
	 * without it is switched to it once by a VACUUM, which rewrites it. Both
	 * fail harmlessly (the space is freed next time) while another statement
	 * or program holds the file. */
	if (pragma_int(db, "PRAGMA auto_vacuum") == 2) {
		sqlite3_exec(db, "PRAGMA incremental_vacuum", NULL, NULL, NULL);
	} else {
		sqlite3_exec(db, "PRAGMA auto_vacuum = INCREMENTAL", NULL, NULL, NULL);
		sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
	}
	sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
}

/* A copy of column C of ST, or NULL when it is NULL. */
static char *col_dup(sqlite3_stmt *st, int c)
{
	const unsigned char *t = sqlite3_column_text(st, c);
	return t ? xstrdup((const char *)t) : NULL;
}

/* Read figures from 8 columns starting at C (see plan_hamlets), and
 * groups_split from column SPLIT (NULL: not known, -1). */
static void col_metrics(sqlite3_stmt *st, int c, int split, struct regroup_metrics *m)
{
	memset(m, 0, sizeof *m);
	m->medoid_m = sqlite3_column_double(st, c);
	m->mst_m = sqlite3_column_double(st, c + 1);
	m->knn_edges = (long)sqlite3_column_int64(st, c + 2);
	m->knn_cross = (long)sqlite3_column_int64(st, c + 3);
	m->moved = (long)sqlite3_column_int64(st, c + 4);
	m->size_violations = sqlite3_column_int(st, c + 5);
	m->leaders_moved = sqlite3_column_int(st, c + 6);
	m->groups = sqlite3_column_int(st, c + 7);
	m->groups_split = sqlite3_column_type(st, split) == SQLITE_NULL ? -1 : sqlite3_column_int(st, split);
	m->interleave = m->knn_edges ? (double)m->knn_cross / (double)m->knn_edges : 0;
}

/* Read the plans row of ID into P. */
static int load_head(sqlite3 *db, int64_t id, struct plan *p, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT scope, min_members, max_members, move_weight, max_moves, new_leaders, "
		       "status, created_at, note, applied_at, undone_at, ifnull(org_tolerance, -1) FROM plans WHERE id = ?",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = id;
		p->scope = col_dup(st, 0);
		p->min = sqlite3_column_int(st, 1);
		p->max = sqlite3_column_int(st, 2);
		p->move_weight = sqlite3_column_double(st, 3);
		snprintf(p->max_moves, sizeof p->max_moves, "%s", sqlite3_column_text(st, 4));
		p->new_leaders = sqlite3_column_int(st, 5);
		snprintf(p->status, sizeof p->status, "%s", sqlite3_column_text(st, 6));
		p->created_at = col_dup(st, 7);
		p->note = col_dup(st, 8);
		p->applied_at = col_dup(st, 9);
		p->undone_at = col_dup(st, 10);
		p->org_tolerance = sqlite3_column_double(st, 11);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return err_set(err, TKVV_EFAIL, _("plan %lld does not exist (tkvv plan list)"), (long long)id);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err, "plans");
}

/* Read the hamlet rows of plan P. */
static int load_plan_hamlets(sqlite3 *db, struct plan *p, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT p.hamlet_id, h.code, h.name, p.fingerprint, p.method, p.status, p.message, "
		       "p.members, p.located, b_medoid_m, b_mst_m, b_knn_edges, b_knn_cross, b_moved, "
		       "b_size_violations, b_leaders_moved, b_groups, a_medoid_m, a_mst_m, a_knn_edges, "
		       "a_knn_cross, a_moved, a_size_violations, a_leaders_moved, a_groups, b_groups_split, "
		       "a_groups_split FROM plan_hamlets p "
		       "JOIN hamlets h ON h.id = p.hamlet_id WHERE p.plan_id = ? ORDER BY h.code", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->hamlets = xreallocarray(p->hamlets, p->nhamlets + 1, sizeof *p->hamlets);
		struct plan_hamlet *h = &p->hamlets[p->nhamlets++];
		memset(h, 0, sizeof *h);
		h->hamlet_id = sqlite3_column_int64(st, 0);
		h->code = col_dup(st, 1);
		h->name = col_dup(st, 2);
		snprintf(h->fingerprint, sizeof h->fingerprint, "%s", sqlite3_column_text(st, 3));
		const char *m = (const char *)sqlite3_column_text(st, 4);
		h->method = !strcmp(m, "coord") ? REGROUP_COORD : !strcmp(m, "road") ? REGROUP_ROAD :
			!strcmp(m, "mixed") ? REGROUP_MIXED : REGROUP_NONE;
		h->status = strcmp((const char *)sqlite3_column_text(st, 5), "ok") ? REGROUP_INFEASIBLE : REGROUP_OK;
		snprintf(h->message, sizeof h->message, "%s", sqlite3_column_text(st, 6));
		h->members = (long)sqlite3_column_int64(st, 7);
		h->located = (long)sqlite3_column_int64(st, 8);
		col_metrics(st, 9, 25, &h->before);
		col_metrics(st, 17, 26, &h->after);
		regroup_metrics_add(&p->before, &h->before);
		regroup_metrics_add(&p->after, &h->after);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "plan");
}

/* Read the moves of plan P, with the codes and names to print. */
static int load_moves(sqlite3 *db, struct plan *p, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT p.member_id, p.from_group, p.to_group, m.code, m.full_name, h.code, "
		       "f.code, t.code, p.reason FROM plan_moves p JOIN members m ON m.id = p.member_id "
		       "JOIN hamlets h ON h.id = m.hamlet_id JOIN groups f ON f.id = p.from_group "
		       "JOIN groups t ON t.id = p.to_group WHERE p.plan_id = ? ORDER BY h.code, f.code, m.code",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->moves = xreallocarray(p->moves, p->nmoves + 1, sizeof *p->moves);
		struct plan_move *m = &p->moves[p->nmoves++];
		m->member_id = sqlite3_column_int64(st, 0);
		m->from_group = sqlite3_column_int64(st, 1);
		m->to_group = sqlite3_column_int64(st, 2);
		m->member_code = col_dup(st, 3);
		m->full_name = col_dup(st, 4);
		m->hamlet_code = col_dup(st, 5);
		m->from_code = col_dup(st, 6);
		m->to_code = col_dup(st, 7);
		m->reason = col_dup(st, 8);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "plan");
}

/* Read the group changes and the trade-off rows of plan P. */
static int load_groups_tradeoff(sqlite3 *db, struct plan *p, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT p.group_id, ifnull(p.merged_into, 0), g.code, i.code, p.new_leader, "
		       "CASE WHEN p.old_leader IS NOT NULL OR q.status = 'applied' THEN p.old_leader ELSE g.leader_code END, "
		       "p.reason, p.new_deputy, "
		       "CASE WHEN p.old_leader IS NOT NULL OR q.status = 'applied' THEN p.old_deputy ELSE g.deputy_code END, "
		       "p.leader_reason "
		       "FROM plan_groups p JOIN plans q ON q.id = p.plan_id JOIN groups g ON g.id = p.group_id "
		       "LEFT JOIN groups i ON i.id = p.merged_into WHERE p.plan_id = ? ORDER BY g.code", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->groups = xreallocarray(p->groups, p->ngroups + 1, sizeof *p->groups);
		struct plan_group_change *g = &p->groups[p->ngroups++];
		g->group_id = sqlite3_column_int64(st, 0);
		g->merged_into = sqlite3_column_int64(st, 1);
		g->group_code = col_dup(st, 2);
		g->into_code = col_dup(st, 3);
		g->new_leader = col_dup(st, 4);
		g->old_leader = col_dup(st, 5);
		g->reason = col_dup(st, 6);
		g->new_deputy = col_dup(st, 7);
		g->old_deputy = col_dup(st, 8);
		g->leader_reason = col_dup(st, 9);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "plan");
	if (db_prepare(db, "SELECT budget, new_leaders, medoid_m, mst_m, knn_edges, knn_cross, moved, "
		       "size_violations, leaders_moved, groups, groups_split FROM plan_tradeoff WHERE plan_id = ? "
		       "ORDER BY row",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->tradeoff = xreallocarray(p->tradeoff, p->ntradeoff + 1, sizeof *p->tradeoff);
		struct plan_tradeoff *t = &p->tradeoff[p->ntradeoff++];
		snprintf(t->budget, sizeof t->budget, "%s", sqlite3_column_text(st, 0));
		t->new_leaders = sqlite3_column_int(st, 1);
		col_metrics(st, 2, 10, &t->after);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "plan");
}

/* The members of the plan's hamlets that still have no location. */
static int load_unlocated(sqlite3 *db, struct plan *p, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT m.code, m.full_name, h.code FROM members m JOIN hamlets h ON h.id = m.hamlet_id "
		       "WHERE m.hamlet_id IN (SELECT hamlet_id FROM plan_hamlets WHERE plan_id = ?) "
		       "AND m.lat IS NULL AND m.road_order IS NULL ORDER BY h.code, m.code", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->unlocated = xreallocarray(p->unlocated, p->nunlocated + 1, sizeof *p->unlocated);
		struct plan_unlocated *u = &p->unlocated[p->nunlocated++];
		u->member_code = col_dup(st, 0);
		u->full_name = col_dup(st, 1);
		u->hamlet_code = col_dup(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "plan");
}

/* Read the organisations' shares of plan P. */
static int load_orgs(sqlite3 *db, struct plan *p, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if (db_prepare(db, "SELECT commune_code, org_code, groups_b, groups_a, members_b, members_a, outstanding_b, "
		       "outstanding_a FROM plan_orgs WHERE plan_id = ? ORDER BY commune_code, org_code", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->orgs = xreallocarray(p->orgs, p->norgs + 1, sizeof *p->orgs);
		struct plan_org_share *o = &p->orgs[p->norgs++];
		o->commune_code = col_dup(st, 0);
		o->org_code = col_dup(st, 1);
		o->groups_before = sqlite3_column_int(st, 2);
		o->groups_after = sqlite3_column_int(st, 3);
		o->members_before = sqlite3_column_int(st, 4);
		o->members_after = sqlite3_column_int(st, 5);
		o->outstanding_before = sqlite3_column_int64(st, 6);
		o->outstanding_after = sqlite3_column_int64(st, 7);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "plan");
}

int plan_load(sqlite3 *db, int64_t id, struct plan *p, struct tkvv_err *err)
{
	memset(p, 0, sizeof *p);
	int rc = load_head(db, id, p, err);
	if (rc == 0)
		rc = load_plan_hamlets(db, p, err);
	if (rc == 0)
		rc = load_moves(db, p, err);
	if (rc == 0)
		rc = load_groups_tradeoff(db, p, err);
	if (rc == 0)
		rc = load_unlocated(db, p, err);
	if (rc == 0)
		rc = load_orgs(db, p, err);
	if (rc < 0)
		plan_free(p);
	return rc;
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->nhamlets; i++) {
		free(p->hamlets[i].code);
		free(p->hamlets[i].name);
		free(p->hamlets[i].commune_code);
	}
	for (size_t i = 0; i < p->norgs; i++) {
		free(p->orgs[i].commune_code);
		free(p->orgs[i].org_code);
	}
	free(p->orgs);
	for (size_t i = 0; i < p->nmoves; i++) {
		struct plan_move *m = &p->moves[i];
		free(m->member_code);
		free(m->full_name);
		free(m->hamlet_code);
		free(m->from_code);
		free(m->to_code);
		free(m->reason);
	}
	for (size_t i = 0; i < p->ngroups; i++) {
		free(p->groups[i].group_code);
		free(p->groups[i].into_code);
		free(p->groups[i].new_leader);
		free(p->groups[i].old_leader);
		free(p->groups[i].reason);
		free(p->groups[i].new_deputy);
		free(p->groups[i].old_deputy);
		free(p->groups[i].leader_reason);
	}
	for (size_t i = 0; i < p->nunlocated; i++) {
		free(p->unlocated[i].member_code);
		free(p->unlocated[i].full_name);
		free(p->unlocated[i].hamlet_code);
	}
	free(p->hamlets);
	free(p->moves);
	free(p->groups);
	free(p->unlocated);
	free(p->tradeoff);
	free(p->scope);
	free(p->created_at);
	free(p->applied_at);
	free(p->undone_at);
	free(p->note);
	memset(p, 0, sizeof *p);
}

int plan_time_local(const char *utc, int iso, char *out, size_t n)
{
	struct tm tm;
	int len = 0;
	memset(&tm, 0, sizeof tm);
	snprintf(out, n, "%s", utc ? utc : "");
	if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &len) != 6 || len != 20)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	if (t == (time_t)-1 || !localtime_r(&t, &tm))
		return -1;
	if (!iso) {
		strftime(out, n, "%d/%m/%Y %H:%M", &tm);
		return 0;
	}
	/* ISO 8601 with the offset written +07:00 (strftime's %z gives +0700). */
	char buf[40];
	size_t k = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
	if (k < 5)
		return -1;
	snprintf(out, n, "%.*s:%s", (int)k - 2, buf, buf + k - 2);
	return 0;
}
