/* Semantic colours with a monochrome fallback; NO_COLOR turns colour off.
 * To add a colour: a C_ value in ui.h and a row below. */
#include "config.h"

#include <stdlib.h>

#include "ui.h"

static const struct {
	short fg, bg;
	attr_t mono;
} palette[C_COUNT] = {
	[C_NORMAL] = {-1, -1, A_NORMAL},
	[C_TITLE] = {COLOR_BLACK, COLOR_CYAN, A_REVERSE},
	[C_HEADER] = {COLOR_YELLOW, -1, A_BOLD | A_UNDERLINE},
	[C_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_REVERSE},
	[C_KEY] = {COLOR_WHITE, -1, A_BOLD},
	[C_KEYLABEL] = {COLOR_BLACK, COLOR_CYAN, A_REVERSE},
	[C_WARNING] = {COLOR_YELLOW, -1, A_BOLD},
	[C_OVERDUE] = {COLOR_RED, -1, A_BOLD},
	[C_ERROR] = {COLOR_WHITE, COLOR_RED, A_REVERSE | A_BOLD},
	[C_OK] = {COLOR_GREEN, -1, A_NORMAL},
	[C_FIELD] = {-1, -1, A_UNDERLINE},
	[C_FIELDFOCUS] = {COLOR_BLACK, COLOR_WHITE, A_REVERSE},
};

void colors_init(struct tui *t)
{
	const char *no = getenv("NO_COLOR");
	t->color = has_colors() && !(no && *no);
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	for (short c = C_NORMAL; c < C_COUNT; c++)
		init_pair(c, palette[c].fg, palette[c].bg);
}

attr_t colors_attr(struct tui *t, enum ui_color c)
{
	if (!t->color)
		return palette[c].mono;
	attr_t a = COLOR_PAIR(c);
	if (c == C_HEADER || c == C_OVERDUE || c == C_WARNING || c == C_ERROR || c == C_KEY)
		a |= A_BOLD;
	if (c == C_FIELD || c == C_HEADER)
		a |= A_UNDERLINE;  /* an empty field still shows where it is */
	return a;
}
