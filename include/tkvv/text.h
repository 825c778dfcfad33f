/* Vietnamese text: NFC, accent-free folding for search, display width and
 * the Vietnamese name order. All strings are UTF-8. */
#ifndef TKVV_TEXT_H
#define TKVV_TEXT_H

#include <stddef.h>

/* The first byte of S[0..N) that is not valid UTF-8, or NULL when all is valid. */
const char *text_invalid_utf8(const char *s, size_t n);
/* S in Unicode NFC (caller frees); S must be valid UTF-8. */
char *text_nfc(const char *s);
/* S folded for search: lower case, no diacritics, đ as d, runs of
 * white space as one space, no leading or trailing space (caller frees). */
char *text_fold(const char *s);
/* Only the digits of S, e.g. a phone number "0912 345.678" (caller frees). */
char *text_digits(const char *s);
/* Display width of S in terminal columns. */
size_t text_width(const char *s);
/* The longest prefix of S, in bytes, that fits in COLS columns. */
size_t text_fit(const char *s, size_t cols);
/* A binary key whose memcmp order is the Vietnamese order of full names:
 * given name, then family name, then middle names; letters in the order
 * a ă â b c d đ e ê …, tones ngang, huyền, hỏi, ngã, sắc, nặng. */
unsigned char *text_name_key(const char *full_name, size_t *len);
/* Compare two full names in that order (for qsort-style use). */
int text_name_cmp(const char *a, const char *b);

#endif
