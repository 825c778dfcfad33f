/* One line of text being edited: the fields of the forms and the prompts.
 * The text is UTF-8; the cursor is at the start of a character, a letter
 * with the combining marks after it counted as one (Vietnamese typed as
 * "e" + U+0302 + U+0301 is one character). No terminal in lineedit.c: the
 * Check suite links it alone; lineedit_draw is in lineedit_draw.c. */
#ifndef TKVV_LINEEDIT_H
#define TKVV_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

struct lineedit {
	char *buf;     /* the text, NUL-terminated */
	size_t len;    /* its length in bytes */
	size_t cap;
	size_t cur;    /* the cursor, a byte offset at a character's start */
	size_t max;    /* the most bytes the text may have (0: no limit) */
	int fresh;     /* just entered: the first typed character replaces the text */
	size_t scroll; /* the byte offset of the first character shown */
};

/* What a key did. */
enum lineedit_result { LE_IGNORED = 0, LE_MOVED = 1, LE_CHANGED = 2 };

/* The keys besides typed characters (lineedit_key maps the terminal's). */
enum lineedit_key {
	LEK_NONE, LEK_LEFT, LEK_RIGHT, LEK_HOME, LEK_END, LEK_BACKSPACE, LEK_DELETE,
	LEK_KILL_END, LEK_KILL_START, LEK_KILL_WORD
};

/* Start with TEXT (NULL: empty), the cursor at its end, fresh (the first
 * typed character replaces it); MAX bytes at most (0: no limit). */
void lineedit_init(struct lineedit *le, const char *text, size_t max);
void lineedit_free(struct lineedit *le);
/* Replace the text by TEXT, the cursor at its end; FRESH as above. */
void lineedit_set(struct lineedit *le, const char *text, int fresh);
/* Insert the UTF-8 of code point C at the cursor (or replace the whole
 * text when fresh); control characters are refused (LE_IGNORED). */
int lineedit_insert(struct lineedit *le, uint32_t c);
/* Insert the UTF-8 text S at the cursor (the same rules). */
int lineedit_insert_str(struct lineedit *le, const char *s);
/* Do KEY; any key ends the fresh state. */
int lineedit_edit(struct lineedit *le, enum lineedit_key key);
/* The cursor as a count of characters from the start. */
size_t lineedit_cursor_chars(const struct lineedit *le);

/* What a field WIDTH columns wide shows: the bytes [*FROM, *TO) of the text
 * and the column of the cursor in the field (0..WIDTH-1). The first shown
 * character (le->scroll) moves only as far as needed to keep the cursor in
 * the field, so the text scrolls horizontally; characters are never cut. */
void lineedit_view(struct lineedit *le, int width, size_t *from, size_t *to, int *cursor_col);

/* lineedit_draw.c, with curses: do the key from get_wch (KC is its return,
 * CH the key): a typed character, Left/Right, Home/End and Ctrl-A/E,
 * Backspace, Delete, Ctrl-K/U/W; LE_IGNORED for the others. */
struct _win_st;  /* curses' WINDOW */
int lineedit_key(struct lineedit *le, int kc, unsigned ch);
/* Draw the field WIDTH columns wide at Y, X of W in the attributes set,
 * padded with spaces, and return the cursor's column in W (for wmove). */
int lineedit_draw(struct _win_st *w, int y, int x, int width, struct lineedit *le);

#endif
