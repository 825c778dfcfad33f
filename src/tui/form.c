/* Forms: fields checked as they are left, pick lists for codes, F2 saves in
 * one transaction, Esc asks before discarding. Also the yes/no question and
 * the one-line prompt. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/text.h"
#include "lineedit.h"
#include "frame.h"

#define PICK_MAX 8

struct form {
	struct record *r;
	int focus;
	int pick_open, pick_n, pick_sel;
	char pick_code[PICK_MAX][64];
	char pick_name[PICK_MAX][128];
	int label_w, box_w;
	struct lineedit le;  /* the focused field being typed */
	int le_field;        /* the field le holds (-1: none yet) */
};

/* Keep the line editor on the focused field's value: a field just entered
 * starts fresh (the first typed character replaces it); a value changed
 * from outside (a pick) keeps the cursor at its end. */
static void form_sync(struct form *f)
{
	const char *v = f->r->value[f->focus] ? f->r->value[f->focus] : "";
	if (f->le_field != f->focus) {
		lineedit_set(&f->le, v, 1);
		f->le_field = f->focus;
	} else if (strcmp(f->le.buf, v) != 0) {
		lineedit_set(&f->le, v, 0);
	}
}

/* Fill the pick list of the focused code field from what is typed: the
 * codes that taking it would choose between (recordcodes.c). */
static void pick_fill(struct tui *t, struct form *f)
{
	struct record_pick pick[PICK_MAX];
	size_t n = record_pick(f->r, t->db, f->focus, pick, PICK_MAX);
	f->pick_n = n < PICK_MAX ? (int)n : PICK_MAX;
	f->pick_sel = 0;
	for (int i = 0; i < f->pick_n; i++) {
		memcpy(f->pick_code[i], pick[i].code, sizeof f->pick_code[i]);
		memcpy(f->pick_name[i], pick[i].label, sizeof f->pick_name[i]);
	}
	f->pick_open = f->pick_n > 0;
}

/* Labels as wide as the longest, the box wide enough for a name, the rest for errors. */
static void form_layout(struct form *f, int width)
{
	f->label_w = 0;
	for (int i = 0; i < f->r->def->nfields; i++) {
		int lw = (int)text_width(_(f->r->def->fields[i].label)) + 5;
		f->label_w = lw > f->label_w ? lw : f->label_w;
	}
	f->label_w = f->label_w > 26 ? 26 : f->label_w;
	f->box_w = width >= 120 ? 44 : 28;
}

/* Draw field I: its label, its value (the focused one scrolled to the
 * cursor, the others' end when long) and its error beside it. */
static void form_draw_field(struct tui *t, struct form *f, int i)
{
	WINDOW *w = t->body;
	const struct record *r = f->r;
	const struct field_def *fd = &r->def->fields[i];
	int y = 2 + i, width = getmaxx(w);
	char label[96];
	snprintf(label, sizeof label, "%s%s", _(fd->label), fd->required ? " *" : "");
	wattrset(w, A_NORMAL);
	ui_put(w, y, 1, label, f->label_w - 2, 1);
	wattrset(w, colors_attr(t, i == f->focus ? C_FIELDFOCUS : C_FIELD));
	if (i == f->focus && f->le_field == i) {
		lineedit_draw(w, y, f->label_w, f->box_w, &f->le);
	} else {
		const char *v = r->value[i];
		while (text_width(v) >= (size_t)f->box_w && *v) {
			v++;
			while (((unsigned char)*v & 0xC0) == 0x80)
				v++;
		}
		ui_put(w, y, f->label_w, v, f->box_w, 0);
	}
	/* Beside the field the value is not repeated: it is in the field. A
	 * code without an error has its name there. */
	char name[128];
	const char *e = r->error[i];
	if (!*e && fd->kind == FK_REF) {
		record_code_label(r, t->db, i, name, sizeof name);
		e = name;
	}
	size_t vl = strlen(r->value[i]);
	if (vl && !strncmp(e, r->value[i], vl) && e[vl] == ' ')
		e += vl + 1;
	wattrset(w, *r->error[i] ? colors_attr(t, C_OVERDUE) : A_NORMAL);
	ui_put(w, y, f->label_w + f->box_w + 1, e, width - f->label_w - f->box_w - 2, 0);
	wattrset(w, A_NORMAL);
}

/* Draw the open pick list under the focused field. */
static void form_draw_pick(struct tui *t, struct form *f)
{
	WINDOW *w = t->body;
	int y = 3 + f->focus, room = getmaxx(w) - f->label_w;
	if (room > f->box_w + 12)
		room = f->box_w + 12;
	for (int i = 0; i < f->pick_n && y + i < getmaxy(w); i++) {
		char line[256];
		/* A choice is shown by its label alone, a code with its name. */
		if (f->r->def->fields[f->focus].kind == FK_CHOICE)
			snprintf(line, sizeof line, " %s", f->pick_name[i]);
		else
			snprintf(line, sizeof line, " %s  %s", f->pick_code[i], f->pick_name[i]);
		wattrset(w, colors_attr(t, i == f->pick_sel ? C_SELECTED : C_TITLE));
		ui_put(w, y + i, f->label_w, line, room, 0);
	}
	wattrset(w, A_NORMAL);
}

/* Draw the form over the body. */
static void form_draw(struct tui *t, struct form *f)
{
	WINDOW *w = t->body;
	const struct record *r = f->r;
	char title[160];
	form_layout(f, getmaxx(w));
	werase(w);
	wattrset(w, colors_attr(t, C_HEADER));
	if (r->def->kind == REC_FILTER)
		snprintf(title, sizeof title, "%s", _("Filter: show only the rows of"));
	else
		snprintf(title, sizeof title, "%s: %s", r->id ? _("Edit") : _("Add"), _(r->def->title));
	ui_put(w, 0, 1, title, getmaxx(w) - 2, 0);
	for (int i = 0; i < r->def->nfields; i++)
		form_draw_field(t, f, i);
	if (f->pick_open)
		form_draw_pick(t, f);
}

/* Draw everything and place the cursor in the focused field. */
static void form_frame(struct tui *t, struct form *f)
{
	frame_draw_top(t);
	wnoutrefresh(t->top);
	form_draw(t, f);
	frame_keybar(t, t->bar, HINT(A_SAVE) | HINT(A_HELP));
	werase(t->msg);
	wattrset(t->msg, colors_attr(t, t->message_error ? C_ERROR : C_NORMAL));
	ui_put(t->msg, 0, 0, t->message, getmaxx(t->msg), 0);
	wattrset(t->msg, A_NORMAL);
	size_t from, to;
	int col;
	lineedit_view(&f->le, f->box_w, &from, &to, &col);
	wmove(t->body, 2 + f->focus, f->label_w + col);
	wnoutrefresh(t->msg);
	wnoutrefresh(t->bar);
	wnoutrefresh(t->body);
	doupdate();
}

/* Leave the focused field for field TO when its value passes the checks. */
static void form_move(struct tui *t, struct form *f, int to)
{
	struct record *r = f->r;
	f->pick_open = 0;
	if (record_check_field(r, t->db, f->focus, t->today) < 0) {
		frame_message(t, 1, "%s: %s", _(r->def->fields[f->focus].label), r->error[f->focus]);
		return;
	}
	frame_message(t, 0, "%s", _("Tab: next field   F2 or Ctrl-S: save   Esc: leave"));
	record_payment_prefill(r, t->db, f->focus);
	f->focus = (to + r->def->nfields) % r->def->nfields;
}

/* The row changed since the form loaded it (an import, a plan, another
 * tkvv): say who changed what, with the stored values beside the fields,
 * and offer to reload it, keeping what the officer typed. Returns 0: the
 * form stays open either way and nothing is saved until F2 again. */
static int form_conflict(struct tui *t, struct form *f, const char *what)
{
	struct tkvv_err err;
	frame_message(t, 1, "%s", what);
	form_frame(t, f);
	wattrset(t->body, colors_attr(t, C_ERROR));
	ui_put(t->body, 1, 1, what, getmaxx(t->body) - 2, 0);
	wattrset(t->body, A_NORMAL);
	wnoutrefresh(t->body);
	if (!ui_confirm(t, _("Reload it? y: reload, keeping what you typed; n: keep editing"))) {
		frame_message(t, 1, "%s", what);
		return 0;
	}
	err_clear(&err);
	if (record_reload(f->r, t->db, &err) < 0)
		frame_message(t, 1, "%s", err.msg);
	else
		frame_message(t, 0, "%s", _("Reloaded from the database, with what you typed kept: F2 saves"));
	return 0;
}

/* Check everything, ask for a move's reason, and save; returns 1 when saved. */
static int form_save(struct tui *t, struct form *f)
{
	struct record *r = f->r;
	struct tkvv_err err;
	int bad = record_check(r, t->db, t->today);
	if (bad >= 0) {
		f->focus = bad;
		frame_message(t, 1, "%s: %s", _(r->def->fields[bad].label), r->error[bad]);
		return 0;
	}
	if (record_moves_member(r)) {
		char q[300];
		snprintf(q, sizeof q, _("Reason for moving %s from group %s to %s:"), r->value[1], r->orig[3], r->value[3]);
		free(r->reason);
		r->reason = ui_prompt(t, q);
		if (!r->reason || !*r->reason) {
			frame_message(t, 1, "%s", _("Not saved: a move needs a reason"));
			return 0;
		}
	}
	char question[512];
	if (record_needs_confirm(r, t->db, question, sizeof question)) {
		if (!ui_confirm(t, question)) {
			frame_message(t, 1, "%s", _("Not saved"));
			return 0;
		}
		r->override = 1;
	}
	err_clear(&err);
	if (r->def->kind == REC_FILTER)
		return 1;
	int rc = record_save(r, t->db, t->today, &err);
	if (rc == RECORD_CONFLICT)
		return form_conflict(t, f, err.msg);
	if (rc < 0) {
		frame_message(t, 1, "%s", err.msg);
		return 0;
	}
	return 1;
}

/* Do key KC/CH on the focused field; returns 0 when it is no editing key. */
static int form_type(struct tui *t, struct form *f, int kc, wint_t ch)
{
	struct record *r = f->r;
	int done = lineedit_key(&f->le, kc, ch);
	if (done == LE_IGNORED)
		return 0;
	if (done == LE_CHANGED) {
		record_set(r, f->focus, f->le.buf);
		r->error[f->focus][0] = '\0';
		if (r->def->fields[f->focus].kind == FK_REF || r->def->fields[f->focus].kind == FK_CHOICE)
			pick_fill(t, f);
	}
	return 1;
}

/* Whether action A is one a form uses: its keys are not editing keys. */
static int form_action(int a)
{
	return a == A_HELP || a == A_NEXTFIELD || a == A_PREVFIELD || a == A_UP || a == A_DOWN ||
	       a == A_ENTER || a == A_SAVE || a == A_BACK;
}

#define FORM_HINTS (HINT(A_HELP) | HINT(A_NEXTFIELD) | HINT(A_PREVFIELD) | HINT(A_UP) | HINT(A_DOWN) | \
		    HINT(A_ENTER) | HINT(A_SAVE) | HINT(A_BACK))

/* Keys of an open pick list; returns 1 when used. */
static int pick_key(struct tui *t, struct form *f, int a)
{
	if (!f->pick_open)
		return 0;
	if (a == A_DOWN || a == A_UP) {
		f->pick_sel = (f->pick_sel + (a == A_DOWN ? 1 : f->pick_n - 1)) % f->pick_n;
		return 1;
	}
	if (a == A_ENTER) {
		const struct field_def *fd = &f->r->def->fields[f->focus];
		record_set(f->r, f->focus, fd->kind == FK_CHOICE ? f->pick_name[f->pick_sel]
								   : f->pick_code[f->pick_sel]);
		form_move(t, f, f->focus + 1);
		return 1;
	}
	if (a == A_BACK) {
		f->pick_open = 0;
		return 1;
	}
	return 0;
}

int form_run(struct tui *t, struct record *r)
{
	struct form f = {.r = r, .label_w = 16, .box_w = 28, .le_field = -1};
	int saved = 0;
	lineedit_init(&f.le, NULL, 0);
	curs_set(1);
	frame_message(t, 0, "%s", _("Tab: next field   F2 or Ctrl-S: save   Esc: leave"));
	for (;;) {
		form_sync(&f);
		form_frame(t, &f);
		wint_t ch;
		int kc = frame_read_key(t, &ch);
		if (kc < 0)
			continue;
		/* Typed characters are text; the form's own keys come before the
		 * editing keys (Home, End, Del and Ctrl-A/E/K/U/W). */
		int a = kc == OK && ch >= ' ' && ch != 127 ? -1 : actions_lookup_in(kc == KEY_CODE_YES, ch, FORM_HINTS);
		if (!form_action(a) && form_type(t, &f, kc, ch))
			continue;
		if (pick_key(t, &f, a))
			continue;
		if (a == A_HELP)
			help_run(t);
		else if (a == A_NEXTFIELD || a == A_DOWN || a == A_ENTER)
			form_move(t, &f, f.focus + 1);
		else if (a == A_PREVFIELD || a == A_UP)
			form_move(t, &f, f.focus - 1);
		else if (a == A_SAVE && (saved = form_save(t, &f)))
			break;
		else if (a == A_BACK && (!record_changed(r) || ui_confirm(t, _("Discard the changes? (y/n)")))) {
			frame_message(t, 0, "%s", record_changed(r) ? _("Changes discarded") : "");
			break;
		}
	}
	curs_set(0);
	lineedit_free(&f.le);
	return saved;
}

int ui_confirm(struct tui *t, const char *question)
{
	frame_message(t, 1, "%s", question);
	for (;;) {
		werase(t->msg);
		wattrset(t->msg, colors_attr(t, C_ERROR));
		ui_put(t->msg, 0, 0, question, getmaxx(t->msg), 0);
		wattrset(t->msg, A_NORMAL);
		wnoutrefresh(t->msg);
		doupdate();
		wint_t ch;
		int kc = frame_read_key(t, &ch);
		if (kc < 0)
			continue;
		if (kc != OK)
			continue;
		t->message[0] = '\0';
		t->message_error = 0;
		/* c/k are the Vietnamese có/không. */
		if (ch == 'y' || ch == 'Y' || ch == 'c' || ch == 'C')
			return 1;
		if (ch == 'n' || ch == 'N' || ch == 'k' || ch == 'K' || ch == 27)
			return 0;
	}
}

char *ui_prompt(struct tui *t, const char *question)
{
	struct lineedit le;
	char *answer = NULL;
	lineedit_init(&le, NULL, 0);
	curs_set(1);
	for (;;) {
		int width = getmaxx(t->msg), qw = (int)text_width(question) + 1;
		/* The answer keeps at least 20 columns (a third of a narrow line). */
		int room = width / 3 < 20 ? width / 3 : 20;
		qw = qw > width - room ? width - room : qw;
		werase(t->msg);
		ui_put(t->msg, 0, 0, question, qw - 1, 0);
		int x = lineedit_draw(t->msg, 0, qw, width - qw, &le);
		wmove(t->msg, 0, x);
		wnoutrefresh(t->msg);
		doupdate();
		wint_t ch;
		int kc = frame_read_key(t, &ch);
		if (kc < 0)
			continue;
		if (kc == OK && ch == 27)
			break;
		if ((kc == OK && (ch == '\r' || ch == '\n')) || (kc == KEY_CODE_YES && ch == KEY_ENTER)) {
			answer = xstrdup(le.buf);
			break;
		}
		lineedit_key(&le, kc, ch);
	}
	lineedit_free(&le);
	curs_set(0);
	return answer;
}
