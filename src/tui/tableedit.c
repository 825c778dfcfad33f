/* The forms a list screen opens: add, edit, delete, a payment, the filter.
 * Each save or delete is one transaction (records.c); the figures and the
 * lists are brought up to date after it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "frame.h"

/* After a write touching loan LOAN_ID (0: any): the figures, the list, and
 * the cursor on record ID when it is there (the other screens read their
 * lists again when shown). */
static void after_write(struct tui *t, struct screen *s, sqlite3_int64 loan_id, sqlite3_int64 id)
{
	tui_written(t, loan_id);
	if (s->def->figures)
		tui_refresh_figures(t);
	tableview_reload(t, s);
	if (id) {
		struct tkvv_err err;
		err_clear(&err);
		listmodel_goto_id(&s->model, id, frame_body_height(t), &err);
	}
}

/* The code of row ID in TABLE into OUT ("" when none). */
static void code_of(struct tui *t, const char *table, sqlite3_int64 id, char *out, size_t n)
{
	char sql[64];
	sqlite3_stmt *st;
	out[0] = '\0';
	snprintf(sql, sizeof sql, "SELECT code FROM %s WHERE id = ?1", table);
	if (!id || sqlite3_prepare_v2(t->db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* The record kind and id behind ROW of S. */
static enum record_kind record_of_row(const struct screen *s, const struct listrow *row, sqlite3_int64 *id)
{
	*id = row->id;
	return s->def->record_of ? s->def->record_of(id) : s->def->record;
}

/* Open a form on record ID of KIND (0: a new one with PRESET) and save it. */
static int edit_record(struct tui *t, struct screen *s, enum record_kind kind, sqlite3_int64 id,
		       const char *const *preset)
{
	struct record r;
	struct tkvv_err err;
	err_clear(&err);
	if (record_open(&r, t->db, kind, id, preset, &err) < 0) {
		frame_message(t, 1, "%s", err.msg);
		return UI_REDRAW;
	}
	if (form_run(t, &r)) {
		frame_message(t, 0, "%s: %s %s%s%s", _("Saved"), _(r.def->title), r.value[0],
			    r.note[0] ? "; " : "", r.note);
		/* A loan or a payment changes one loan's state; other records none. */
		sqlite3_int64 loan = kind == REC_LOAN ? r.id : kind == REC_PAYMENT ? db_id_by_code(t->db, "loans", r.value[0], &err) : -1;
		after_write(t, s, loan > 0 ? loan : 0, kind == s->def->record ? r.id : 0);
	}
	record_free(&r);
	return UI_REDRAW;
}

int tableedit_edit(struct tui *t, struct screen *s, const struct listrow *row)
{
	sqlite3_int64 id;
	enum record_kind kind = record_of_row(s, row, &id);
	return edit_record(t, s, kind, id, NULL);
}

/* On the communes screen, ask whether to add a hamlet to the selected
 * commune (preset in KV) or a new commune; returns the kind. */
static enum record_kind communes_add(struct tui *t, struct screen *s, const char **kv, char *buf, size_t n)
{
	struct tkvv_err err;
	sqlite3_int64 id;
	err_clear(&err);
	const struct listrow *row = listmodel_row(&s->model, s->model.cursor, &err);
	if (!row || !ui_confirm(t, _("Add a hamlet to the selected commune? (y: hamlet, n: new commune)")))
		return REC_COMMUNE;
	if (record_of_row(s, row, &id) == REC_HAMLET) {
		sqlite3_stmt *st;
		/* A hamlet row: its commune. */
		if (sqlite3_prepare_v2(t->db, "SELECT commune_id FROM hamlets WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, id);
			id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
			sqlite3_finalize(st);
		}
	}
	code_of(t, "communes", id, buf, n);
	kv[0] = "commune";
	kv[1] = buf;
	return REC_HAMLET;
}

int tableedit_add(struct tui *t, struct screen *s)
{
	const char *kv[2 * RECORD_MAXFIELDS + 1] = {0};
	char buf[RECORD_MAXFIELDS][64];
	enum record_kind kind = s->def->record;
	if (s->def->preset)
		s->def->preset(t, &s->filter, kv, buf);
	if (s->def->id == SCREEN_COMMUNES)
		kind = communes_add(t, s, kv, buf[0], sizeof buf[0]);
	return edit_record(t, s, kind, 0, kv);
}

/* The question before deleting payment ID names its loan, kind, day,
 * month and amount as the officer wrote them down. */
static void payment_question(struct tui *t, sqlite3_int64 id, char *q, size_t n)
{
	struct record r;
	struct tkvv_err err;
	err_clear(&err);
	if (record_open(&r, t->db, REC_PAYMENT, id, NULL, &err) < 0)
		return;
	if (*r.value[4])
		snprintf(q, n, _("Delete the %s payment %s of %s, month %s, %s? (y/n)"), r.value[2],
			 r.value[0], r.value[1], r.value[4], r.value[3]);
	else
		snprintf(q, n, _("Delete the %s payment %s of %s, %s? (y/n)"), r.value[2], r.value[0],
			 r.value[1], r.value[3]);
	record_free(&r);
}

int tableedit_delete(struct tui *t, struct screen *s, const struct listrow *row)
{
	struct tkvv_err err;
	char q[300];
	sqlite3_int64 id;
	enum record_kind kind = record_of_row(s, row, &id);
	snprintf(q, sizeof q, _("Delete %s %s? (y/n)"), _(record_def(kind)->title), row->col[0] ? row->col[0] : "");
	if (kind == REC_PAYMENT)
		payment_question(t, id, q, sizeof q);
	if (!ui_confirm(t, q))
		return UI_REDRAW;
	err_clear(&err);
	if (record_delete(t->db, kind, id, &err) < 0) {
		frame_message(t, 1, "%s", err.msg);
	} else {
		frame_message(t, 0, "%s", _("Deleted"));
		after_write(t, s, 0, 0);
	}
	return UI_REDRAW;
}

int tableedit_payment(struct tui *t, struct screen *s, const struct listrow *row)
{
	char loan[64] = "", today[16];
	record_fmt_date(t->today, today, sizeof today);
	/* The loans and payments lists both show the loan's code first. */
	if ((s->def->id == SCREEN_LOANS || s->def->id == SCREEN_PAYMENTS) && row && row->col[0])
		snprintf(loan, sizeof loan, "%s", row->col[0]);
	else
		code_of(t, "loans", s->filter.loan, loan, sizeof loan);
	const char *kv[] = {"loan", loan, "paid_on", today, "kind", "interest", NULL};
	return edit_record(t, s, REC_PAYMENT, 0, kv);
}

int tableedit_filter(struct tui *t, struct screen *s)
{
	char commune[64], hamlet[64];
	struct filter *f = &s->filter;
	struct tkvv_err err;
	struct record r;
	code_of(t, "communes", f->commune, commune, sizeof commune);
	code_of(t, "hamlets", f->hamlet, hamlet, sizeof hamlet);
	const char *kv[] = {"commune", commune, "hamlet", hamlet, "org", f->org, "program", f->program,
			    "status", f->status, NULL};
	err_clear(&err);
	if (record_open(&r, t->db, REC_FILTER, 0, kv, &err) < 0)
		return UI_REDRAW;
	if (form_run(t, &r)) {
		/* An explicit filter replaces the drill-down's group, member and loan. */
		memset(f, 0, sizeof *f);
		f->commune = *r.value[0] ? db_id_by_code(t->db, "communes", r.value[0], &err) : 0;
		f->hamlet = *r.value[1] ? db_id_by_code(t->db, "hamlets", r.value[1], &err) : 0;
		snprintf(f->org, sizeof f->org, "%s", r.value[2]);
		snprintf(f->program, sizeof f->program, "%s", r.value[3]);
		snprintf(f->status, sizeof f->status, "%s", record_word(&r, 4));
		tui_describe(t, f);
		s->model.cursor = s->model.top = 0;
		tableview_reload(t, s);
		frame_message(t, 0, "%s: %ld", _("Rows shown"), s->model.count);
	}
	record_free(&r);
	return UI_REDRAW;
}
