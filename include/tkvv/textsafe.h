/* Hostile bytes: what a text field may hold, and text quoted from input in
 * messages or written to a terminal, where a control character would be
 * run by the terminal (ESC ] 0 ; ... BEL sets its title, and worse). */
#ifndef TKVV_TEXTSAFE_H
#define TKVV_TEXTSAFE_H

#include <stddef.h>
#include <stdio.h>

/* The room text_quote needs: 60 characters, each at most \xNN or 4 bytes,
 * and the ellipsis. */
#define TEXT_QUOTE_SIZE 256
/* Characters of a quoted value before it is cut with an ellipsis. */
#define TEXT_QUOTE_CHARS 60

/* Why S[0..N) may not be stored in a text field, or NULL when it may:
 * a C0 control (tabs are folded to spaces before, see text_fold_tabs),
 * DEL, a C1 control (U+0080..U+009F) or bytes that are not UTF-8. *AT is
 * set to the offset of the first bad byte. The reason is an N_() id. */
const char *text_field_problem(const char *s, size_t n, size_t *at);
/* Turn every tab of S into a space, in place. */
void text_fold_tabs(char *s);
/* S for a message that quotes input: bytes that are not printable UTF-8
 * (controls, DEL, C1, invalid bytes, line separators and bidi controls)
 * as \xNN, cut after TEXT_QUOTE_CHARS characters with an ellipsis:
 * always one line. Writes OUT and returns it. */
const char *text_quote(char out[TEXT_QUOTE_SIZE], const char *s);
/* text_quote into a buffer that lives until the end of the enclosing
 * block, for the arguments of a message: err_set(..., "'%s'", TEXT_Q(s)). */
#define TEXT_Q(s) text_quote((char[TEXT_QUOTE_SIZE]){0}, (s))
/* S for a terminal, not cut: the same escapes as text_quote into OUT of
 * SIZE bytes (never cutting an escape or a character in two). */
void text_display(char *out, size_t size, const char *s);
/* Whether S holds anything text_display would escape. */
int text_needs_escape(const char *s);
/* S as text_display shows it, whatever its length (caller frees). */
char *text_safe_dup(const char *s);
/* Write S to F as text_display would show it (any length). */
void text_put_safe(FILE *f, const char *s);
/* S to F as a json string, quoted and escaped: a quote, a backslash and LF
 * as \", \\ and \n, every other control (C0, DEL, C1) as \u00XX, so that
 * no terminal acts on it. The one json escaper (tables, plans, exports). */
void text_put_json(FILE *f, const char *s);

#endif
