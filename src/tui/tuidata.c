/* What the screens share of the database: the groups' figures, the state
 * of the loans after a write, the label of a filter. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "frame.h"
#include "loancodes.h"

void tui_refresh_figures(struct tui *t)
{
	struct tkvv_err err;
	err_clear(&err);
	if (figures_groups(t->db, t->cfg, t->today, &err) < 0)
		frame_message(t, 1, "%s", err.msg);
	t->figures_stale = 0;
}

void tui_written(struct tui *t, sqlite3_int64 loan_id)
{
	struct tkvv_err err;
	err_clear(&err);
	if (figures_loans(t->db, t->today, loan_id, &err) < 0 || loancodes_written(t->db, loan_id, &err) < 0)
		frame_message(t, 1, "%s", err.msg);
	t->figures_stale = 1;
	t->writes++;
}

/* The first row of SQL with ?1 = ID, its columns copied into OUT[]. */
static int lookup(sqlite3 *db, const char *sql, sqlite3_int64 id, char out[][128], int n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	for (int i = 0; rc == 0 && i < n; i++) {
		const unsigned char *v = sqlite3_column_text(st, i);
		snprintf(out[i], 128, "%s", v ? (const char *)v : "");
	}
	sqlite3_finalize(st);
	return rc;
}

void tui_describe(struct tui *t, struct filter *f)
{
	/* Walk up from the narrowest id: loan, member, group, hamlet, commune. */
	char part[5][128] = {{0}}, row[2][128], sql[200];
	sqlite3_int64 member = f->member, group = f->group, hamlet = f->hamlet, commune = f->commune;
	if (f->loan && lookup(t->db, "SELECT code, member_id FROM loans WHERE id = ?1", f->loan, row, 2) == 0) {
		memcpy(part[4], row[0], sizeof row[0]);
		member = atoll(row[1]);
	}
	if (member && lookup(t->db, "SELECT full_name, group_id FROM members WHERE id = ?1", member, row, 2) == 0) {
		memcpy(part[3], row[0], sizeof row[0]);
		group = atoll(row[1]);
	}
	snprintf(sql, sizeof sql, "SELECT g.code || ' – ' || o.%s, g.hamlet_id FROM groups g"
		 " JOIN orgs o ON o.code = g.org_code WHERE g.id = ?1",
		 strcmp(t->cfg->language, "en") == 0 ? "name_en" : "name");
	if (group && lookup(t->db, sql, group, row, 2) == 0) {
		memcpy(part[2], row[0], sizeof row[0]);
		hamlet = atoll(row[1]);
	}
	if (hamlet && lookup(t->db, "SELECT name, commune_id FROM hamlets WHERE id = ?1", hamlet, row, 2) == 0) {
		memcpy(part[1], row[0], sizeof row[0]);
		commune = atoll(row[1]);
	}
	if (commune && lookup(t->db, "SELECT name FROM communes WHERE id = ?1", commune, row, 1) == 0)
		memcpy(part[0], row[0], sizeof row[0]);
	f->label[0] = '\0';
	const char *extra[] = {f->org, f->program, f->status[0] ? ui_word(f->status) : ""};
	for (size_t i = 0; i < ARRAY_LEN(part) + ARRAY_LEN(extra); i++) {
		const char *p = i < ARRAY_LEN(part) ? part[i] : extra[i - ARRAY_LEN(part)];
		size_t len = strlen(f->label);
		if (*p)
			snprintf(f->label + len, sizeof f->label - len, "%s%s", !len ? "" :
				 i < ARRAY_LEN(part) ? " › " : " · ", p);
	}
}
