/* Forms: fields checked as they are left, pick lists for codes, F2 saves in
 * one transaction, Esc asks before discarding. Also the yes/no question and
 * the one-line prompt. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/text.h"
#include "ui.h"

#define PICK_MAX 8

struct form {
	struct record *r;
	int focus;
	int pick_open, pick_n, pick_sel;
	char pick_code[PICK_MAX][64];
	char pick_name[PICK_MAX][128];
	int label_w, box_w;
};

/* Fill the pick list of a field of a few words: those that begin with what
 * is typed, in the stored form or the translated one. */
static void pick_choices(struct form *f, const struct field_def *fd)
{
	char *typed = text_fold(f->r->value[f->focus]);
	f->pick_n = 0;
	f->pick_sel = 0;
	for (const char *c = fd->choices; *c && f->pick_n < PICK_MAX;) {
		size_t cl = strcspn(c, " ");
		char word[64];
		snprintf(word, sizeof word, "%.*s", (int)cl, c);
		char *label = text_fold(ui_word(word));
		if (!strncmp(word, typed, strlen(typed)) || !strncmp(label, typed, strlen(typed))) {
			snprintf(f->pick_code[f->pick_n], 64, "%s", word);
			snprintf(f->pick_name[f->pick_n++], 128, "%s", ui_word(word));
		}
		free(label);
		c += cl + (c[cl] == ' ');
	}
	free(typed);
	f->pick_open = f->pick_n > 0;
}

/* Fill the pick list of the focused code field from what is typed. */
static void pick_fill(struct tui *t, struct form *f)
{
	const struct field_def *fd = &f->r->def->fields[f->focus];
	if (fd->kind == FK_CHOICE) {
		pick_choices(f, fd);
		return;
	}
	const char *name = strcmp(fd->ref, "members") == 0 ? "full_name" : "name";
	char *sql = xasprintf("SELECT code, %s FROM %s WHERE code LIKE ?1 || '%%'"
			      " OR tkvv_fold(%s) LIKE '%%' || ?2 || '%%' ORDER BY code LIMIT %d",
			      name, fd->ref, name, PICK_MAX);
	sqlite3_stmt *st;
	f->pick_n = 0;
	f->pick_sel = 0;
	if (sqlite3_prepare_v2(t->db, sql, -1, &st, NULL) == SQLITE_OK) {
		char *folded = text_fold(f->r->value[f->focus]);
		sqlite3_bind_text(st, 1, f->r->value[f->focus], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, folded, -1, SQLITE_STATIC);
		while (f->pick_n < PICK_MAX && sqlite3_step(st) == SQLITE_ROW) {
			snprintf(f->pick_code[f->pick_n], 64, "%s", sqlite3_column_text(st, 0));
			snprintf(f->pick_name[f->pick_n++], 128, "%s", sqlite3_column_text(st, 1));
		}
		sqlite3_finalize(st);
		free(folded);
	}
	free(sql);
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

/* Draw field I: its label, its value (the end of it when long, where the
 * officer types) and its error beside it. */
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
	const char *v = r->value[i];
	while (text_width(v) >= (size_t)f->box_w && *v) {
		v++;
		while (((unsigned char)*v & 0xC0) == 0x80)
			v++;
	}
	ui_put(w, y, f->label_w, v, f->box_w, 0);
	/* Beside the field the value is not repeated: it is in the field. */
	const char *e = r->error[i];
	size_t vl = strlen(r->value[i]);
	if (vl && !strncmp(e, r->value[i], vl) && e[vl] == ' ')
		e += vl + 1;
	wattrset(w, colors_attr(t, C_OVERDUE));
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

/* Draw everything and place the cursor at the end of the focused field. */
static void form_frame(struct tui *t, struct form *f)
{
	tui_draw_top(t);
	wnoutrefresh(t->top);
	form_draw(t, f);
	keybar_draw(t, t->bar, HINT(A_SAVE) | HINT(A_HELP));
	werase(t->msg);
	wattrset(t->msg, colors_attr(t, t->message_error ? C_ERROR : C_NORMAL));
	ui_put(t->msg, 0, 0, t->message, getmaxx(t->msg), 0);
	wattrset(t->msg, A_NORMAL);
	size_t vw = text_width(f->r->value[f->focus]);
	int x = f->label_w + (vw < (size_t)f->box_w ? (int)vw : f->box_w - 1);
	wmove(t->body, 2 + f->focus, x);
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
		tui_message(t, 1, "%s: %s", _(r->def->fields[f->focus].label), r->error[f->focus]);
		return;
	}
	tui_message(t, 0, "%s", _("Tab: next field   F2 or Ctrl-S: save   Esc: leave"));
	f->focus = (to + r->def->nfields) % r->def->nfields;
}

/* Check everything, ask for a move's reason, and save; returns 1 when saved. */
static int form_save(struct tui *t, struct form *f)
{
	struct record *r = f->r;
	struct tkvv_err err;
	int bad = record_check(r, t->db, t->today);
	if (bad >= 0) {
		f->focus = bad;
		tui_message(t, 1, "%s: %s", _(r->def->fields[bad].label), r->error[bad]);
		return 0;
	}
	if (record_moves_member(r)) {
		char q[300];
		snprintf(q, sizeof q, _("Reason for moving %s from group %s to %s:"), r->value[1], r->orig[3], r->value[3]);
		free(r->reason);
		r->reason = ui_prompt(t, q);
		if (!r->reason || !*r->reason) {
			tui_message(t, 1, "%s", _("Not saved: a move needs a reason"));
			return 0;
		}
	}
	char question[512];
	if (record_needs_confirm(r, t->db, question, sizeof question)) {
		if (!ui_confirm(t, question)) {
			tui_message(t, 1, "%s", _("Not saved"));
			return 0;
		}
		r->override = 1;
	}
	err_clear(&err);
	if (r->def->kind == REC_FILTER)
		return 1;
	if (record_save(r, t->db, t->today, &err) < 0) {
		tui_message(t, 1, "%s", err.msg);
		return 0;
	}
	return 1;
}

/* Add the typed character CH to the focused field. */
static void form_type(struct tui *t, struct form *f, wint_t ch)
{
	struct record *r = f->r;
	char *v = r->value[f->focus];
	size_t len = strlen(v);
	if (ch == 127 || ch == 8 || ch == (wint_t)KEY_BACKSPACE) {
		while (len > 0 && ((unsigned char)v[--len] & 0xC0) == 0x80)
			;
		v[len] = '\0';
	} else if (ch == 21) {
		v[0] = '\0';
	} else {
		char mb[MB_LEN_MAX + 1];
		int n = wctomb(mb, (wchar_t)ch);
		if (n <= 0)
			return;
		mb[n] = '\0';
		char *nv = xasprintf("%s%s", v, mb);
		record_set(r, f->focus, nv);
		free(nv);
	}
	r->error[f->focus][0] = '\0';
	if (r->def->fields[f->focus].kind == FK_REF || r->def->fields[f->focus].kind == FK_CHOICE)
		pick_fill(t, f);
}

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
		record_set(f->r, f->focus, f->pick_code[f->pick_sel]);
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
	struct form f = {r, 0, 0, 0, 0, {{0}}, {{0}}, 16, 28};
	int saved = 0;
	curs_set(1);
	tui_message(t, 0, "%s", _("Tab: next field   F2 or Ctrl-S: save   Esc: leave"));
	for (;;) {
		form_frame(t, &f);
		wint_t ch;
		int kc = tui_read_key(t, &ch);
		if (kc < 0)
			continue;
		if ((kc == OK && ch >= ' ' && ch != 127) || (kc == OK && (ch == 127 || ch == 8 || ch == 21)) ||
		    (kc == KEY_CODE_YES && ch == KEY_BACKSPACE)) {
			form_type(t, &f, ch);
			continue;
		}
		int a = actions_lookup(kc == KEY_CODE_YES, ch);
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
			tui_message(t, 0, "%s", record_changed(r) ? _("Changes discarded") : "");
			break;
		}
	}
	curs_set(0);
	return saved;
}

int ui_confirm(struct tui *t, const char *question)
{
	tui_message(t, 1, "%s", question);
	for (;;) {
		werase(t->msg);
		wattrset(t->msg, colors_attr(t, C_ERROR));
		ui_put(t->msg, 0, 0, question, getmaxx(t->msg), 0);
		wattrset(t->msg, A_NORMAL);
		wnoutrefresh(t->msg);
		doupdate();
		wint_t ch;
		int kc = tui_read_key(t, &ch);
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
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "");
	curs_set(1);
	for (;;) {
		char line[700];
		snprintf(line, sizeof line, "%s %s", question, sb.buf);
		werase(t->msg);
		ui_put(t->msg, 0, 0, line, getmaxx(t->msg), 0);
		wmove(t->msg, 0, (int)text_width(line) < getmaxx(t->msg) ? (int)text_width(line) : getmaxx(t->msg) - 1);
		wnoutrefresh(t->msg);
		doupdate();
		wint_t ch;
		int kc = wget_wch(t->msg, &ch);
		if (kc != OK)
			continue;
		if (ch == 27) {
			sb_free(&sb);
			curs_set(0);
			return NULL;
		}
		if (ch == '\r' || ch == '\n')
			break;
		if (ch == 127 || ch == 8) {
			while (sb.len > 0 && ((unsigned char)sb.buf[--sb.len] & 0xC0) == 0x80)
				;
			sb.buf[sb.len] = '\0';
		} else if (ch >= ' ') {
			char mb[MB_LEN_MAX + 1];
			int n = wctomb(mb, (wchar_t)ch);
			if (n > 0)
				sb_addn(&sb, mb, (size_t)n);
		}
	}
	curs_set(0);
	return sb_detach(&sb);
}
