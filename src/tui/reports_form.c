/* The reports screen's one-field forms: the as-of date and the name of the
 * .xlsx file to write. What is wrong shows beside the field, which stays
 * open until it is right or the officer leaves with Esc. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frame.h"
#include "lineedit.h"
#include "reports.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/text.h"

/* A field being typed and what accepts it: ACCEPT returns 0, or -1 with
 * the reason in ERROR. LE edits VALUE: the first typed key replaces it. */
struct field {
	const char *title, *label;
	char value[512];
	char error[1024];
	int (*accept)(struct tui *t, struct field *f);
	struct lineedit le;
};

/* Draw the form over the body and put the cursor in the value. */
static void field_frame(struct tui *t, struct field *f)
{
	WINDOW *w = t->body;
	int width = getmaxx(w), lw = (int)text_width(f->label) + 2, box = width >= 120 ? 44 : 30;
	lw = lw > width / 3 ? width / 3 : lw;
	box = box > width - lw - 1 ? width - lw - 1 : box;
	werase(w);
	wattrset(w, colors_attr(t, C_HEADER));
	ui_put(w, 0, 1, f->title, width - 2, 0);
	wattrset(w, A_NORMAL);
	ui_put(w, 2, 1, f->label, lw - 1, 0);
	wattrset(w, colors_attr(t, C_FIELDFOCUS));
	int x = lineedit_draw(w, 2, lw, box, &f->le);
	wattrset(w, colors_attr(t, C_OVERDUE));
	ui_put(w, 2, lw + box + 1, f->error, width - lw - box - 1, 0);
	wattrset(w, A_NORMAL);
	frame_draw_top(t);
	frame_keybar(t, t->bar, HINT(A_HELP));
	werase(t->msg);
	ui_put(t->msg, 0, 0, _("Enter: accept   Ctrl-U: clear   Esc: leave"), getmaxx(t->msg), 0);
	wmove(w, 2, x);
	wnoutrefresh(t->top);
	wnoutrefresh(t->bar);
	wnoutrefresh(t->msg);
	wnoutrefresh(w);
	doupdate();
}

/* Run the form until F is accepted (1) or left (0). */
static int field_run(struct tui *t, struct field *f)
{
	int done = -1;
	lineedit_init(&f->le, f->value, sizeof f->value - 1);
	curs_set(1);
	while (done < 0) {
		/* An accept that changed the value (".xlsx" added) moves the cursor to its end. */
		if (strcmp(f->le.buf, f->value) != 0)
			lineedit_set(&f->le, f->value, 0);
		field_frame(t, f);
		wint_t ch;
		int kc = frame_read_key(t, &ch);
		if (kc < 0)
			continue;
		int a = kc == OK && ch >= ' ' && ch != 127 ? -1 : actions_lookup(kc == KEY_CODE_YES, ch);
		if (a == A_ENTER || a == A_SAVE) {
			done = f->accept(t, f) == 0 ? 1 : -1;
		} else if (a == A_BACK) {
			done = 0;
		} else if (lineedit_key(&f->le, kc, ch) == LE_CHANGED) {
			snprintf(f->value, sizeof f->value, "%s", f->le.buf);
			f->error[0] = '\0';
		}
	}
	lineedit_free(&f->le);
	curs_set(0);
	return done;
}

/* Accept a date on or before today and compute the reports as of it. */
static int accept_date(struct tui *t, struct field *f)
{
	int32_t day, today;
	char iso[11];
	/* The forms' parser, so that 31/02/2026 is "not a real date" here too. */
	const char *why = parse_date(f->value, iso);
	if (why || quality_parse_date(iso, &day) < 0) {
		snprintf(f->error, sizeof f->error, "%s", why ? _(why) : _("not a date: DD/MM/YYYY"));
		return -1;
	}
	quality_parse_date(t->today, &today);
	if (day > today) {
		snprintf(f->error, sizeof f->error, "%s", _("after today"));
		return -1;
	}
	quality_format_date(day, iso);
	if (reports_compute(t, iso) < 0) {
		snprintf(f->error, sizeof f->error, "%s", t->message);
		return -1;
	}
	t->message[0] = '\0';
	return 0;
}

int reports_ask_date(struct tui *t)
{
	struct field f = {.title = _("Reports as of a date"), .label = _("Date (DD/MM/YYYY)"), .accept = accept_date};
	if (reports.d.have)
		record_fmt_date(reports.d.r.as_of, f.value, sizeof f.value);
	field_run(t, &f);
	return UI_REDRAW;
}

/* Write the workbook named in F (".xlsx" added when missing). */
static int accept_file(struct tui *t, struct field *f)
{
	struct tkvv_err err;
	size_t len = strlen(f->value);
	if (len == 0) {
		snprintf(f->error, sizeof f->error, "%s", _("a file name is needed"));
		return -1;
	}
	if (len < 5 || strcmp(f->value + len - 5, ".xlsx") != 0)
		snprintf(f->value + len, sizeof f->value - len, ".xlsx");
	if (access(f->value, F_OK) == 0) {
		char q[700];
		snprintf(q, sizeof q, _("%s already exists. Replace it? (y/n)"), f->value);
		if (!ui_confirm(t, q)) {
			snprintf(f->error, sizeof f->error, "%s", _("exists; not replaced: give another name"));
			return -1;
		}
	}
	err_clear(&err);
	if (reportdata_export(&reports.d, reports.section == 2, f->value, &err) < 0) {
		snprintf(f->error, sizeof f->error, "%s", err.msg);
		return -1;
	}
	char *full = realpath(f->value, NULL);
	frame_message(t, 0, "%s %s", _("Report written to"), full ? full : f->value);
	free(full);
	return 0;
}

int reports_export(struct tui *t)
{
	struct field f = {.title = _("Export the report to an .xlsx workbook"), .label = _("File"),
			  .accept = accept_file};
	snprintf(f.value, sizeof f.value, "report-%s-%s.xlsx", reports.section == 2 ? "trends" : "kpi",
		 reports.d.r.as_of);
	if (!field_run(t, &f))
		frame_message(t, 0, "%s", _("Nothing exported"));
	return UI_REDRAW;
}
