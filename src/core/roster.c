/* Group rosters: reading them in one transaction, the year of birth from a
 * CCCD, the move notes, the CSV file and the atomic save. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tkvv/csvio.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/quality.h"
#include "tkvv/roster.h"
#include "tkvv/textsafe.h"

/* The active groups in scope, shared by the two statements below; ?1
 * hamlet code, ?2 group code, ?3 plan id. */
#define SCOPE_FROM "FROM groups g JOIN hamlets h ON h.id = g.hamlet_id "
#define SCOPE_WHERE \
	"WHERE g.status = 'active' AND (?1 IS NULL OR h.code = ?1) AND (?2 IS NULL OR g.code = ?2) "
#define SCOPE_IN_PLAN \
	"AND g.id IN (SELECT from_group FROM plan_moves WHERE plan_id = ?3 " \
	"  UNION SELECT to_group FROM plan_moves WHERE plan_id = ?3) "

/* The groups' headings; ?4 asks for English names. */
#define GROUPS_SELECT \
	"SELECT g.id, g.code, g.name, h.code, h.name, c.name, c.kind = 'thi_tran', " \
	"  CASE WHEN ?4 THEN o.name_en ELSE o.name END, " \
	"  coalesce(lm.full_name, g.leader_code, ''), coalesce(dm.full_name, g.deputy_code, '') " \
	SCOPE_FROM "JOIN communes c ON c.id = h.commune_id JOIN orgs o ON o.code = g.org_code " \
	"LEFT JOIN members lm ON lm.code = g.leader_code " \
	"LEFT JOIN members dm ON dm.code = g.deputy_code "

/* Every member of the groups, in the groups' order then in name order;
 * ?5 the date of the balances (quality-metrics.md). */
#define MEMBERS_SELECT(move_cols, move_joins) \
	"SELECT g.id, m.code, m.full_name, ifnull(m.national_id, ''), ifnull(m.cluster, ''), " \
	"  mh.name, (SELECT ifnull(sum(" QUALITY_SQL_OUTSTANDING("?5") "), 0) " \
	"   FROM loans l WHERE l.member_id = m.id AND l.disbursed_on <= ?5), " move_cols \
	SCOPE_FROM "JOIN members m ON m.group_id = g.id JOIN hamlets mh ON mh.id = m.hamlet_id " \
	move_joins
#define GROUP_LABEL(g) "CASE WHEN " g ".name <> '' THEN " g ".name ELSE " g ".code END"

/* Each member's move by the last applied plan that moved the member,
 * worked out once for the statement; it is the note only when it moved
 * the member into the current group (a later move by hand leaves none). */
#define LAST_MOVES \
	"WITH last_move AS (SELECT member_id, from_group, to_group FROM (" \
	"  SELECT pm.member_id, pm.from_group, pm.to_group, row_number() OVER (" \
	"    PARTITION BY pm.member_id ORDER BY p.applied_at DESC, p.id DESC) AS k " \
	"  FROM plan_moves pm JOIN plans p ON p.id = pm.plan_id WHERE p.status = 'applied') " \
	"  WHERE k = 1) "
#define MOVE_JOINS \
	"LEFT JOIN last_move mv ON mv.member_id = m.id AND mv.to_group = g.id " \
	"LEFT JOIN groups fg ON fg.id = mv.from_group LEFT JOIN groups tg ON tg.id = mv.to_group "

static const char members_with_moves[] =
	LAST_MOVES MEMBERS_SELECT(GROUP_LABEL("fg") ", " GROUP_LABEL("tg") " ", MOVE_JOINS);
static const char members_without_moves[] = MEMBERS_SELECT("NULL, NULL ", "");

/* Column I of the current row of ST as a new string ("" for NULL). */
static char *col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return xstrdup(s ? (const char *)s : "");
}

/* Column I as a new string, or NULL when it is NULL. */
static char *col_str_or_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : col_str(st, i);
}

int roster_birth_year(const char *national_id, int max_year)
{
	static const int century[10] = {1900, 1900, 2000, 2000, 2100, 2100, 0, 0, 0, 0};
	if (!national_id || strlen(national_id) != 12)
		return 0;
	for (const char *p = national_id; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	int year = century[national_id[3] - '0'] + (national_id[4] - '0') * 10 + (national_id[5] - '0');
	return year >= 1900 && year <= max_year ? year : 0;
}

/* Whether the file has the plans tables (schema 002). */
static int has_plans(sqlite3 *db, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
			   "AND name IN ('plans', 'plan_moves')", &st, err) < 0)
		return -1;
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return n < 0 ? db_fail(db, err, "roster") : n == 2;
}

/* The integer SQL finds with the text ?1 and the integer ?2: its first
 * column, 0 when there is no row, -1 on error. */
static int lookup(sqlite3 *db, const char *sql, const char *text, int64_t id, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	int v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, "roster");
	return v;
}

/* Check that the hamlet, group and plan F names exist, and that the group is active. */
static int check_filter(sqlite3 *db, const struct roster_filter *f, int plans,
			struct tkvv_err *err)
{
	int found;
	if (f->hamlet_code) {
		found = lookup(db, "SELECT 1 FROM hamlets WHERE code = ?1", f->hamlet_code, 0, err);
		if (found <= 0)
			return found < 0 ? -1 : err_set(err, TKVV_EFAIL, _("hamlet '%s' does not exist"),
							TEXT_Q(f->hamlet_code));
	}
	if (f->group_code) {
		found = lookup(db, "SELECT 1 + (status = 'active') FROM groups WHERE code = ?1",
			       f->group_code, 0, err);
		if (found == 0)
			return err_set(err, TKVV_EFAIL, _("group '%s' does not exist"), TEXT_Q(f->group_code));
		if (found == 1)
			return err_set(err, TKVV_EFAIL, _("group '%s' is merged or dissolved: it has no roster"),
				       TEXT_Q(f->group_code));
		if (found < 0)
			return -1;
	}
	if (f->plan_id) {
		found = plans ? lookup(db, "SELECT 1 FROM plans WHERE id = ?2", NULL, f->plan_id, err) : 0;
		if (found <= 0)
			return found < 0 ? -1 : err_set(err, TKVV_EFAIL, _("plan %lld does not exist"),
							(long long)f->plan_id);
	}
	return 0;
}

/* Prepare SELECT restricted to the groups F selects and sorted by ORDER,
 * with every parameter bound. */
static int prepare_scope(sqlite3 *db, const char *select, const char *order,
			 const struct roster_filter *f, const char *as_of, sqlite3_stmt **st,
			 struct tkvv_err *err)
{
	struct strbuf sql;
	sb_init(&sql);
	sb_adds(&sql, select);
	sb_adds(&sql, SCOPE_WHERE);
	if (f->plan_id)
		sb_adds(&sql, SCOPE_IN_PLAN);
	sb_adds(&sql, order);
	int rc = db_prepare(db, sql.buf, st, err);
	sb_free(&sql);
	if (rc < 0)
		return -1;
	/* Not every statement uses every parameter: binding those fails harmlessly. */
	sqlite3_bind_text(*st, 1, f->hamlet_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(*st, 2, f->group_code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(*st, 3, f->plan_id);
	sqlite3_bind_int(*st, 4, f->lang == ROSTER_EN);
	sqlite3_bind_text(*st, 5, as_of, -1, SQLITE_STATIC);
	return 0;
}

/* Fill G's heading from the current row of ST (GROUPS_SELECT). */
static void group_from_row(struct roster_group *g, sqlite3_stmt *st)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(st, 0);
	g->code = col_str(st, 1);
	g->name = col_str(st, 2);
	g->hamlet_code = col_str(st, 3);
	g->hamlet_name = col_str(st, 4);
	g->commune_name = col_str(st, 5);
	g->commune_is_town = sqlite3_column_int(st, 6);
	g->org_name = col_str(st, 7);
	g->leader = col_str(st, 8);
	g->deputy = col_str(st, 9);
}

/* Fill M from the current row of ST (MEMBERS_SELECT) for a roster dated AS_OF. */
static void member_from_row(struct roster_member *m, sqlite3_stmt *st, const char *as_of)
{
	m->code = col_str(st, 1);
	m->full_name = col_str(st, 2);
	m->birth_year = roster_birth_year((const char *)sqlite3_column_text(st, 3), atoi(as_of));
	const char *cluster = (const char *)sqlite3_column_text(st, 4);
	const char *hamlet = (const char *)sqlite3_column_text(st, 5);
	m->address = *cluster ? xasprintf("%s, %s", cluster, hamlet) : xstrdup(hamlet);
	m->outstanding = sqlite3_column_int64(st, 6);
	m->moved_from = col_str_or_null(st, 7);
	m->moved_to = m->moved_from ? col_str(st, 8) : NULL;
}

/* Read the headings of the groups F selects into R. */
static int load_groups(sqlite3 *db, const struct roster_filter *f, struct roster *r,
		       struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (prepare_scope(db, GROUPS_SELECT, "ORDER BY h.code, g.code", f, r->as_of, &st, err) < 0)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->n == cap) {
			cap = cap ? 2 * cap : 16;
			r->groups = xreallocarray(r->groups, cap, sizeof *r->groups);
		}
		group_from_row(&r->groups[r->n++], st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "roster");
}

/* Read the members of R's groups with one statement, in the same order. */
static int load_members(sqlite3 *db, const struct roster_filter *f, int plans, struct roster *r,
			struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (prepare_scope(db, plans ? members_with_moves : members_without_moves,
			  "ORDER BY h.code, g.code, m.sort_key, m.code", f, r->as_of, &st, err) < 0)
		return -1;
	size_t gi = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		while (gi < r->n && r->groups[gi].id != id) {
			gi++;
			cap = 0;
		}
		if (gi == r->n)
			break;    /* both statements read one snapshot: cannot happen */
		struct roster_group *g = &r->groups[gi];
		if (g->n == cap) {
			cap = cap ? 2 * cap : 16;
			g->members = xreallocarray(g->members, cap, sizeof *g->members);
		}
		member_from_row(&g->members[g->n], st, r->as_of);
		g->outstanding += g->members[g->n++].outstanding;
		r->members++;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return err_set(err, TKVV_EFAIL, "internal: roster members out of the groups' order");
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "roster");
}

int roster_load(sqlite3 *db, const struct roster_filter *filter, struct roster *out,
		struct tkvv_err *err)
{
	memset(out, 0, sizeof *out);
	out->lang = filter->lang;
	if (filter->as_of)
		snprintf(out->as_of, sizeof out->as_of, "%s", filter->as_of);
	else
		csvio_today(out->as_of);
	/* A savepoint is a read transaction of its own, or nests in the caller's. */
	if (db_exec(db, "SAVEPOINT roster", err) < 0)
		return -1;
	int plans = has_plans(db, err);
	int rc = plans < 0 ? -1 : check_filter(db, filter, plans, err);
	if (rc == 0)
		rc = load_groups(db, filter, out, err);
	if (rc == 0)
		rc = load_members(db, filter, plans, out, err);
	sqlite3_exec(db, "RELEASE roster", NULL, NULL, NULL);
	if (rc < 0)
		roster_free(out);
	return rc;
}

void roster_free(struct roster *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct roster_group *g = &r->groups[i];
		for (size_t j = 0; j < g->n; j++) {
			struct roster_member *m = &g->members[j];
			free(m->code);
			free(m->full_name);
			free(m->address);
			free(m->moved_from);
			free(m->moved_to);
		}
		free(g->members);
		free(g->code);
		free(g->name);
		free(g->hamlet_code);
		free(g->hamlet_name);
		free(g->commune_name);
		free(g->org_name);
		free(g->leader);
		free(g->deputy);
	}
	free(r->groups);
	memset(r, 0, sizeof *r);
}

/* A group's label in a sentence, after the word for "group" unless the
 * label already begins with it (a name "Tổ 1": never "tổ Tổ 1"). */
static char *group_in_note(const char *word, const char *label)
{
	int named = strncmp(label, "Tổ ", strlen("Tổ ")) == 0 || strncmp(label, "tổ ", strlen("tổ ")) == 0;
	return named ? xstrdup(label) : xasprintf("%s %s", word, label);
}

char *roster_note(const struct roster_member *m, enum roster_lang lang)
{
	if (!m->moved_from)
		return xstrdup("");
	int en = lang == ROSTER_EN;
	char *from = group_in_note(en ? "group" : "tổ", m->moved_from);
	char *to = group_in_note(en ? "group" : "tổ", m->moved_to);
	char *note = en ? xasprintf("from %s to %s", from, to) : xasprintf("Chuyển từ %s sang %s", from, to);
	free(from);
	free(to);
	return note;
}

enum roster_lang roster_lang_of(const char *language)
{
	return language && strcmp(language, "en") == 0 ? ROSTER_EN : ROSTER_VI;
}
