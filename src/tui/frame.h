/* The frame every screen and widget draws in: the top line, the body, the
 * key bar and the message line, the key reader and the resize. It calls
 * nothing above it (no widget, no screen, not the main loop): a screen's own
 * drawing and keys come in through its screen_ops. */
#ifndef TKVV_FRAME_H
#define TKVV_FRAME_H

#include "ui.h"

/* Teach curses the Home/End/Delete spellings of the usual terminals. */
void frame_define_keys(void);
/* Read one key into CH for a loop that draws before each read: -1 when there
 * is none yet or the window was resized (re-laid out: draw, then read again). */
int frame_read_key(struct tui *t, wint_t *ch);
/* The message line's text (ERROR: in the error colour). */
void frame_message(struct tui *t, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Make the four windows for the terminal's size, after a resize too. */
void frame_layout(struct tui *t);
/* Rows of the list under its header. */
int frame_body_height(struct tui *t);
/* Draw the top line: where the officer is, the database, today. A long path
 * keeps its end, the most specific part. */
void frame_draw_top(struct tui *t);
/* The keys of HINTS (HINT(A_...) bits) with their labels, mc and htop style. */
void frame_keybar(struct tui *t, WINDOW *w, unsigned long hints);
/* The list's position for the message line's right end into OUT:
 * " ◂▸ 3/120", the marks when Left/Right show hidden columns. */
void frame_position(const struct screen *s, char *out, size_t n);
/* Draw every part of the current screen and update the terminal once. */
void frame_draw(struct tui *t);
/* Show screen ID, with filter F when given (a drill-down), remembering the
 * current screen for Esc when PUSH. */
void frame_goto_screen(struct tui *t, int id, const struct filter *f, int push);
/* Put S at Y, X padded or cut (with …) to WIDTH display columns, on the
 * right when RIGHT; control characters show as spaces. */
void ui_put(WINDOW *w, int y, int x, const char *s, int width, int right);

#endif
