/* The line editor on the terminal: the keys of curses, and the field drawn
 * scrolled so that the cursor is in it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "frame.h"

int lineedit_key(struct lineedit *le, int kc, unsigned ch)
{
	if (kc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_LEFT: return lineedit_edit(le, LEK_LEFT);
		case KEY_RIGHT: return lineedit_edit(le, LEK_RIGHT);
		case KEY_HOME: return lineedit_edit(le, LEK_HOME);
		case KEY_END: return lineedit_edit(le, LEK_END);
		case KEY_BACKSPACE: return lineedit_edit(le, LEK_BACKSPACE);
		case KEY_DC: return lineedit_edit(le, LEK_DELETE);
		default: return LE_IGNORED;
		}
	}
	if (kc != OK)
		return LE_IGNORED;
	switch (ch) {
	case 1: return lineedit_edit(le, LEK_HOME);        /* Ctrl-A */
	case 5: return lineedit_edit(le, LEK_END);         /* Ctrl-E */
	case 8: case 127: return lineedit_edit(le, LEK_BACKSPACE);
	case 11: return lineedit_edit(le, LEK_KILL_END);   /* Ctrl-K */
	case 21: return lineedit_edit(le, LEK_KILL_START); /* Ctrl-U */
	case 23: return lineedit_edit(le, LEK_KILL_WORD);  /* Ctrl-W */
	default: return lineedit_insert(le, ch);
	}
}

int lineedit_draw(WINDOW *w, int y, int x, int width, struct lineedit *le)
{
	size_t from, to;
	int col;
	lineedit_view(le, width, &from, &to, &col);
	char *shown = xmalloc(to - from + 1);
	memcpy(shown, le->buf + from, to - from);
	shown[to - from] = '\0';
	ui_put(w, y, x, shown, width, 0);
	free(shown);
	return x + col;
}
