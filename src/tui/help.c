/* The help screen: how to do the everyday tasks, then every action with its
 * keys and its name in the [keys] section of tkvv.ini. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/text.h"
#include "frame.h"

static const char *const tasks[] = {
	N_("Find a household from any screen: Ctrl-F, type part of the name without accents (or a code, ID or phone), "
	   "Enter on her row opens her on screen 3. / searches the list shown; n: next match."),
	N_("Correct a phone number: on the member press F4, Tab down to Phone, type it, F2 to save."),
	N_("Edit a field: the first key typed on a field just entered replaces all of it. To change only part, first move "
	   "with Left/Right, Home/End or Ctrl-A/Ctrl-E; Backspace and Delete erase one character, Ctrl-K to the end, "
	   "Ctrl-U to the start, Ctrl-W the word before the cursor."),
	N_("Record a month's interest: Enter on the member, select the loan, F9, type the amount, F2."),
	N_("See a group's overdue ratio: press 2 (groups); red rows are over the overdue threshold."),
	N_("On screen 2 a member count marked ! is above groups.max_members: the import said so, tkvv check lists them."),
	N_("Move a member to another group: F4 on the member, change Group, F2, then type the reason."),
	N_("Regroup a hamlet: R on its row of screen 1, Enter on a budget, x or g on a move, A to apply, 7 to undo."),
	N_("See the credit quality: press 8 (reports), Tab for the flags and trends, d for another date, x to export to .xlsx."),
};

/* Append TEXT to LINES wrapped at WIDTH columns, continuation lines
 * indented by INDENT columns; returns the new count. */
static int wrap(char **lines, int n, int max, const char *text, int width, int indent)
{
	const char *p = text;
	int first = 1;
	while (*p && n < max) {
		int room = width - (first ? 0 : indent);
		size_t fit = text_fit(p, room > 10 ? (size_t)room : 10);
		if (p[fit]) {
			/* Break at the last space that fits. */
			size_t cut = fit;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut > 0)
				fit = cut;
		}
		lines[n++] = xasprintf("%*s%.*s", first ? 0 : indent, "", (int)fit, p);
		p += fit;
		while (*p == ' ')
			p++;
		first = 0;
	}
	return n;
}

/* Build the help text for WIDTH columns, one screen line per entry (caller frees). */
static int help_lines(char **lines, int max, int width)
{
	int n = 0;
	lines[n++] = xstrdup(_("How to"));
	for (size_t i = 0; i < ARRAY_LEN(tasks) && n < max; i++) {
		char *item = xasprintf("  %s", _(tasks[i]));
		n = wrap(lines, n, max, item, width, 4);
		free(item);
	}
	lines[n++] = xstrdup("");
	/* Padded by display width: the Vietnamese headers are not one byte a column. */
	const char *keys = _("Keys"), *section = _("[keys] in tkvv.ini");
	int kp = 13 - (int)text_width(keys), sp = 19 - (int)text_width(section);
	lines[n++] = xasprintf("%s%*s%s%*s%s", keys, kp > 1 ? kp : 1, "", section, sp > 1 ? sp : 1, "",
			       _("Action"));
	for (int a = 0; a < A_COUNT && n < max; a++) {
		char name[64];
		snprintf(name, sizeof name, "%s = ", actions_name((enum action)a));
		char *item = xasprintf("  %-10s %-18s %s", actions_keys((enum action)a), name,
				       actions_help((enum action)a));
		n = wrap(lines, n, max, item, width, 32);
		free(item);
	}
	return n;
}

/* Draw lines TOP.. of the help and the frame around them. */
static void help_draw(struct tui *t, char **lines, int n, int top)
{
	WINDOW *w = t->body;
	int h = getmaxy(w), width = getmaxx(w);
	werase(w);
	for (int y = 0; y < h && top + y < n; y++) {
		/* Section titles start at the margin, entries are indented. */
		wattrset(w, strncmp(lines[top + y], "  ", 2) ? colors_attr(t, C_HEADER) : A_NORMAL);
		ui_put(w, y, 1, lines[top + y], width - 2, 0);
	}
	wattrset(w, A_NORMAL);
	frame_draw_top(t);
	werase(t->msg);
	ui_put(t->msg, 0, 0, _("Help: Up/Down/PgUp/PgDn to scroll, Esc or q to close"), getmaxx(t->msg), 0);
	frame_keybar(t, t->bar, HINT(A_HELP) | HINT(A_QUIT));
	wnoutrefresh(t->top);
	wnoutrefresh(w);
	wnoutrefresh(t->bar);
	wnoutrefresh(t->msg);
	doupdate();
}

void help_run(struct tui *t)
{
	char *lines[128];
	int n = 0, top = 0, built_for = -1;
	for (;;) {
		int h = getmaxy(t->body), width = getmaxx(t->body);
		if (built_for != width) {
			/* Wrapped again after a resize. */
			for (int i = 0; i < n; i++)
				free(lines[i]);
			n = help_lines(lines, 120, width - 2);
			built_for = width;
		}
		help_draw(t, lines, n, top);
		wint_t ch;
		int kc = frame_read_key(t, &ch);
		if (kc < 0)
			continue;
		int a = actions_lookup(kc == KEY_CODE_YES, ch);
		if (a == A_BACK || a == A_QUIT || a == A_HELP)
			break;
		if (a == A_DOWN || a == A_UP)
			top += a == A_DOWN ? 1 : -1;
		if (a == A_PGDN || a == A_PGUP)
			top += a == A_PGDN ? h - 1 : 1 - h;
		top = top > n - h ? n - h : top;
		top = top < 0 ? 0 : top;
	}
	for (int i = 0; i < n; i++)
		free(lines[i]);
}
