/* The collection sheet of a group's month, like a spreadsheet: one row
 * per member and loan, the interest, principal and savings prefilled with
 * what is due; arrows, Tab and Enter move between the cells, typing a
 * number replaces the cell (the line editor), F2 saves the whole sheet in
 * one transaction with one audit row, Esc with changes asks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/sheet.h"
#include "frame.h"

#define SHEET_HINTS (HINT(A_SAVE) | HINT(A_HELP))
#define NCELLS 3

struct sheet_view {
	struct sheet s;
	int row, col, top, editing, changed;
	struct lineedit le;
	double rate, overdue;
	int figures;              /* rate and overdue computed (after a save) */
};

static int64_t *cell(struct sheet_view *v, int row, int col)
{
	struct sheet_row *r = &v->s.rows[row];
	return col == 0 ? &r->interest : col == 1 ? &r->principal : &r->savings;
}

static void money(int64_t v, char *out, size_t n)
{
	ui_format(COL_MONEY, (snprintf(out, n, "%lld", (long long)v), out), out, n);
}

static void draw(struct tui *t, struct sheet_view *v)
{
	WINDOW *w = t->body;
	int h = getmaxy(w), width = getmaxx(w), x;
	char buf[256], a[32];
	/* Loan, arrears, interest, principal, savings; the arrears (shown,
	 * not typed) give way first when the terminal is narrow. */
	int cw[] = {12, 13, 13, 13, 13};
	werase(w);
	char day[16];
	ui_format(COL_DATE, v->s.paid_on, day, sizeof day);
	snprintf(buf, sizeof buf, _("Collection sheet: group %s %s, %s, leader %s"),
		 v->s.group_code, v->s.group_name, day, v->s.leader_name);
	wattrset(w, colors_attr(t, C_TITLE));
	ui_put(w, 0, 0, buf, width, 0);
	wattrset(w, colors_attr(t, C_HEADER));
	if (width - 1 - 12 - 4 * 13 < 10)
		cw[1] = 0;
	int namew = width - 1 - 12 - 3 * 13 - cw[1];
	if (namew < 6)
		namew = 6;
	if (namew > 32)   /* on a wide terminal the figures stay beside the names */
		namew = 32;
	ui_put(w, 1, 0, _("Member"), namew, 0);
	const char *heads[] = {N_("Loan"), N_("Arrears"), N_("Interest"), N_("Principal"), N_("Savings")};
	x = namew + 1;
	for (int c = 0; c < 5; c++) {
		ui_put(w, 1, x, _(heads[c]), cw[c] - 1, c > 0);
		x += cw[c];
	}
	int rows = h - 4;
	if (v->row < v->top)
		v->top = v->row;
	if (v->row >= v->top + rows)
		v->top = v->row - rows + 1;
	int cur_y = 2, cur_x = 0;
	for (int i = 0; i < rows && v->top + i < (int)v->s.n; i++) {
		int r = v->top + i;
		const struct sheet_row *sr = &v->s.rows[r];
		wattrset(w, colors_attr(t, C_NORMAL));
		ui_put(w, 2 + i, 0, sr->member_name, namew, 0);
		x = namew + 1;
		ui_put(w, 2 + i, x, sr->loan_code, cw[0] - 1, 0);
		x += cw[0];
		money(sr->arrears, a, sizeof a);
		ui_put(w, 2 + i, x, a, cw[1] - 1, 1);
		x += cw[1];
		for (int c = 0; c < NCELLS; c++, x += cw[2 + c - 1]) {
			int focus = r == v->row && c == v->col;
			wattrset(w, colors_attr(t, focus ? C_FIELDFOCUS : C_FIELD));
			if (focus && v->editing) {
				lineedit_draw(w, 2 + i, x, cw[2 + c] - 1, &v->le);
				cur_y = 2 + i;
				cur_x = x;
			} else if (c == 0 && sr->month_paid && sr->interest == 0) {
				ui_put(w, 2 + i, x, _("0/paid"), cw[2 + c] - 1, 1);
			} else {
				money(*cell(v, r, c), a, sizeof a);
				ui_put(w, 2 + i, x, a, cw[2 + c] - 1, 1);
			}
		}
	}
	struct sheet_totals tot;
	sheet_totals(&v->s, &tot);
	char ti[32], tp[32], ts[32], tr[32];
	money(tot.interest, ti, sizeof ti);
	money(tot.principal, tp, sizeof tp);
	money(tot.savings, ts, sizeof ts);
	money(tot.arrears, tr, sizeof tr);
	/* The totals under their columns, as a spreadsheet's last row. */
	wattrset(w, colors_attr(t, C_HEADER));
	wmove(w, h - 2, 0);
	wclrtoeol(w);
	snprintf(buf, sizeof buf, _("Total (%zu loans)"), v->s.n);
	ui_put(w, h - 2, 0, buf, namew + cw[0], 0);
	x = namew + 1 + cw[0];
	const char *sums[] = {tr, ti, tp, ts};
	for (int c = 0; c < 4; c++, x += cw[1 + c - 1])
		ui_put(w, h - 2, x, sums[c], cw[1 + c] - 1, 1);
	wattrset(w, colors_attr(t, C_NORMAL));
	if (v->figures) {
		if (v->rate < 0)
			snprintf(buf, sizeof buf, _("Collection rate of the month: -   overdue ratio: %.1f%%"), 100 * v->overdue);
		else
			snprintf(buf, sizeof buf, _("Collection rate of the month: %.1f%%   overdue ratio: %.1f%%"),
				 100 * v->rate, 100 * v->overdue);
		ui_put(w, h - 1, 0, buf, width, 0);
	}
	wattrset(w, A_NORMAL);
	frame_draw_top(t);
	wnoutrefresh(t->top);
	frame_keybar(t, t->bar, SHEET_HINTS);
	werase(t->msg);
	wattrset(t->msg, colors_attr(t, t->message_error ? C_ERROR : C_NORMAL));
	ui_put(t->msg, 0, 0, t->message, getmaxx(t->msg), 0);
	wattrset(t->msg, A_NORMAL);
	wmove(w, cur_y, cur_x);
	wnoutrefresh(t->msg);
	wnoutrefresh(t->bar);
	wnoutrefresh(w);
	doupdate();
}

/* Put the edited text into the cell; 0, or -1 (message) when it is not an amount. */
static int commit_edit(struct tui *t, struct sheet_view *v)
{
	if (!v->editing)
		return 0;
	int64_t amount;
	const char *why = *v->le.buf ? parse_money(v->le.buf, 0, &amount) : NULL;
	if (!*v->le.buf)
		amount = 0;
	if (why) {
		frame_message(t, 1, "%s: %s", v->s.rows[v->row].loan_code, why);
		return -1;
	}
	int64_t *c = cell(v, v->row, v->col), old = *c;
	*c = amount;
	struct tkvv_err err;
	err_clear(&err);
	if (sheet_check_row(&v->s, (size_t)v->row, &err) < 0) {
		*c = old;
		frame_message(t, 1, "%s", err.msg);
		return -1;
	}
	if (amount != old)
		v->changed = 1;
	v->editing = 0;
	curs_set(0);
	frame_message(t, 0, "%s", "");
	return 0;
}

static void sheet_move(struct tui *t, struct sheet_view *v, int drow, int dcol)
{
	if (commit_edit(t, v) < 0)
		return;
	v->col += dcol;
	if (v->col >= NCELLS) {
		v->col = 0;
		drow++;
	} else if (v->col < 0) {
		v->col = NCELLS - 1;
		drow--;
	}
	v->row += drow;
	if (v->row < 0)
		v->row = 0;
	if (v->row >= (int)v->s.n)
		v->row = v->s.n ? (int)v->s.n - 1 : 0;
}

static int save(struct tui *t, struct sheet_view *v)
{
	struct tkvv_err err;
	size_t count = 0;
	if (commit_edit(t, v) < 0)
		return -1;
	err_clear(&err);
	if (sheet_save(t->db, &v->s, &count, &err) < 0) {
		frame_message(t, 1, "%s", err.msg);
		return -1;
	}
	tui_written(t, 0);
	v->changed = 0;
	v->figures = sheet_figures(t->db, &v->s, &v->rate, &v->overdue, &err) == 0;
	/* What is due now: the month paid shows 0/paid. */
	char group[64], month[8];
	snprintf(group, sizeof group, "%s", v->s.group_code);
	snprintf(month, sizeof month, "%s", v->s.month);
	sheet_free(&v->s);
	if (sheet_load(t->db, group, month, &v->s, &err) < 0)
		frame_message(t, 1, "%s", err.msg);
	else {
		char day[16];
		ui_format(COL_DATE, v->s.paid_on, day, sizeof day);
		frame_message(t, 0, _("Sheet saved: %zu payments on %s"), count, day);
	}
	return 0;
}

/* While a cell is edited, the line editor takes text, Backspace and its
 * cursor keys; 1 when it took KC/CH. */
static int edit_key(struct sheet_view *v, int kc, wint_t ch)
{
	if (!v->editing)
		return 0;
	int text = kc == OK && (ch >= ' ' || ch == 8);
	int cursor = kc == KEY_CODE_YES && (ch == KEY_LEFT || ch == KEY_RIGHT || ch == KEY_BACKSPACE ||
					    ch == KEY_DC || ch == KEY_HOME || ch == KEY_END);
	return (text || cursor) && lineedit_key(&v->le, kc, ch);
}

int sheet_screen_run(struct tui *t, sqlite3_int64 group_id)
{
	struct sheet_view v;
	struct tkvv_err err;
	char month[8], code[64] = "";
	sqlite3_stmt *st;
	memset(&v, 0, sizeof v);
	err_clear(&err);
	if (sqlite3_prepare_v2(t->db, "SELECT code FROM groups WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, group_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(code, sizeof code, "%s", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	if (sheet_default_month(t->db, code, t->today, month, &err) < 0 ||
	    sheet_load(t->db, code, month, &v.s, &err) < 0) {
		frame_message(t, 1, "%s", err.msg);
		return UI_REDRAW;
	}
	lineedit_init(&v.le, NULL, 20);
	frame_message(t, 0, "%s", _("Arrows, Tab, Enter: move   type an amount to change it   F2: save   Esc: leave"));
	for (;;) {
		draw(t, &v);
		wint_t ch;
		int kc = frame_read_key(t, &ch);
		if (kc < 0)
			continue;
		if (kc == OK && ch >= '0' && ch <= '9' && !v.editing && v.s.n) {
			char now[32];
			snprintf(now, sizeof now, "%lld", (long long)*cell(&v, v.row, v.col));
			lineedit_set(&v.le, now, 1);
			v.editing = 1;
			curs_set(1);
		}
		if (edit_key(&v, kc, ch))
			continue;
		int a = actions_lookup_in(kc == KEY_CODE_YES, ch, SHEET_HINTS);
		int left = kc == KEY_CODE_YES && ch == KEY_LEFT, right = kc == KEY_CODE_YES && ch == KEY_RIGHT;
		if (left || a == A_PREVFIELD)
			sheet_move(t, &v, 0, -1);
		else if (right || a == A_NEXTFIELD)
			sheet_move(t, &v, 0, 1);
		else if (a == A_DOWN || a == A_ENTER)
			sheet_move(t, &v, 1, 0);
		else if (a == A_UP)
			sheet_move(t, &v, -1, 0);
		else if (a == A_PGDN)
			sheet_move(t, &v, getmaxy(t->body) - 4, 0);
		else if (a == A_PGUP)
			sheet_move(t, &v, -(getmaxy(t->body) - 4), 0);
		else if (a == A_HELP)
			help_run(t);
		else if (a == A_SAVE)
			save(t, &v);
		else if (a == A_BACK) {
			if (v.editing) {
				v.editing = 0;
				curs_set(0);
				continue;
			}
			if (!v.changed || ui_confirm(t, _("Discard the changes to the sheet? (y/n)"))) {
				frame_message(t, 0, "%s", v.changed ? _("Changes discarded") : "");
				break;
			}
		}
	}
	curs_set(0);
	lineedit_free(&v.le);
	sheet_free(&v.s);
	return UI_REDRAW;
}
