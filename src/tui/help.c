/* The help screen: how to do the everyday tasks, then every action with its
 * keys and its name in the [keys] section of tkvv.ini. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/text.h"
#include "ui.h"

static const char *const tasks[] = {
	N_("Find a household: press 3 (members), then / and type part of the name without accents; n: next match."),
	N_("Correct a phone number: on the member press F4, Tab down to Phone, type it, F2 to save."),
	N_("Record a month's interest: Enter on the member, select the loan, F9, type the amount, F2."),
	N_("See a group's overdue ratio: press 2 (groups); red rows are over the overdue threshold."),
	N_("Move a member to another group: F4 on the member, change Group, F2, then type the reason."),
};

/* Build the help text, one line per entry (caller frees the lines). */
static int help_lines(char **lines, int max)
{
	int n = 0;
	lines[n++] = xstrdup(_("How to"));
	for (size_t i = 0; i < ARRAY_LEN(tasks) && n < max; i++)
		lines[n++] = xasprintf("  %s", _(tasks[i]));
	lines[n++] = xstrdup("");
	lines[n++] = xasprintf("%-14s %s", _("Keys"), _("Action   ([keys] name in tkvv.ini)"));
	for (int a = 0; a < A_COUNT && n < max; a++)
		lines[n++] = xasprintf("  %-12s %s   [%s]", actions_keys((enum action)a),
				       actions_help((enum action)a), actions_name((enum action)a));
	return n;
}

void help_run(struct tui *t)
{
	char *lines[64];
	int n = help_lines(lines, 60), top = 0;
	for (;;) {
		WINDOW *w = t->body;
		int h = getmaxy(w), width = getmaxx(w);
		werase(w);
		for (int y = 0; y < h && top + y < n; y++) {
			wattrset(w, top + y == 0 || strncmp(lines[top + y], "  ", 2) ? colors_attr(t, C_HEADER) : A_NORMAL);
			ui_put(w, y, 1, lines[top + y], width - 2, 0);
		}
		wattrset(w, A_NORMAL);
		tui_message(t, 0, "%s", _("Help: Up/Down/PgUp/PgDn to scroll, Esc or q to close"));
		werase(t->msg);
		ui_put(t->msg, 0, 0, t->message, getmaxx(t->msg), 0);
		keybar_draw(t, t->bar, HINT(A_HELP) | HINT(A_QUIT));
		wnoutrefresh(w);
		wnoutrefresh(t->bar);
		wnoutrefresh(t->msg);
		doupdate();
		wint_t ch;
		int kc = wget_wch(t->msg, &ch);
		if (kc == KEY_CODE_YES && ch == KEY_RESIZE) {
			tui_layout(t);
			continue;
		}
		int a = actions_lookup(kc == KEY_CODE_YES, ch);
		if (a == A_BACK || a == A_QUIT || a == A_HELP)
			break;
		if (a == A_DOWN || a == A_PGDN)
			top += a == A_DOWN ? 1 : h - 1;
		if (a == A_UP || a == A_PGUP)
			top -= a == A_UP ? 1 : h - 1;
		if (top > n - h)
			top = n - h;
		if (top < 0)
			top = 0;
	}
	t->message[0] = '\0';
	for (int i = 0; i < n; i++)
		free(lines[i]);
}
