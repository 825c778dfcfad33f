/* The line editor's logic: a UTF-8 buffer, a cursor at character starts,
 * the first-key-replaces state and the horizontal scroll of a field. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "lineedit.h"
#include "tkvv/util.h"

/* The code point at byte I (a replacement for a bad byte) and its length. */
static int cp_at(const struct lineedit *le, size_t i, ucs4_t *c)
{
	int n = u8_mbtouc(c, (const uint8_t *)le->buf + i, le->len - i);
	return n > 0 ? n : 1;
}

/* Whether the code point at byte I goes with the character before it: a
 * combining mark or another zero-width code point. */
static int joins(const struct lineedit *le, size_t i)
{
	ucs4_t c;
	cp_at(le, i, &c);
	return c != 0 && uc_width(c, "UTF-8") == 0;
}

/* The start of the character after the one at I. */
static size_t next_char(const struct lineedit *le, size_t i)
{
	ucs4_t c;
	if (i >= le->len)
		return le->len;
	i += (size_t)cp_at(le, i, &c);
	while (i < le->len && joins(le, i))
		i += (size_t)cp_at(le, i, &c);
	return i;
}

/* The start of the character before I. */
static size_t prev_char(const struct lineedit *le, size_t i)
{
	while (i > 0) {
		do
			i--;
		while (i > 0 && ((unsigned char)le->buf[i] & 0xC0) == 0x80);
		if (!joins(le, i))
			break;
	}
	return i;
}

/* Display width of bytes [A, B). */
static int width_of(const struct lineedit *le, size_t a, size_t b)
{
	int w = u8_width((const uint8_t *)le->buf + a, b - a, "UTF-8");
	return w < 0 ? (int)(b - a) : w;
}

static void reserve(struct lineedit *le, size_t need)
{
	if (need + 1 <= le->cap)
		return;
	le->cap = (need + 1) * 2;
	le->buf = xrealloc(le->buf, le->cap);
}

void lineedit_init(struct lineedit *le, const char *text, size_t max)
{
	memset(le, 0, sizeof *le);
	le->max = max;
	lineedit_set(le, text, 1);
}

void lineedit_free(struct lineedit *le)
{
	free(le->buf);
	le->buf = NULL;
	le->len = le->cap = le->cur = 0;
}

void lineedit_set(struct lineedit *le, const char *text, int fresh)
{
	size_t n = text ? strlen(text) : 0;
	if (le->max && n > le->max) {
		/* Cut at a character's start. */
		n = le->max;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	reserve(le, n);
	if (n)
		memcpy(le->buf, text, n);
	le->buf[n] = '\0';
	le->len = le->cur = n;
	le->scroll = 0;
	le->fresh = fresh;
}

/* Remove bytes [A, B) and leave the cursor at A. */
static int cut(struct lineedit *le, size_t a, size_t b)
{
	if (a >= b)
		return LE_MOVED;
	memmove(le->buf + a, le->buf + b, le->len - b + 1);
	le->len -= b - a;
	le->cur = a;
	return LE_CHANGED;
}

int lineedit_insert_str(struct lineedit *le, const char *s)
{
	size_t n = strlen(s);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < ' ' || *p == 127)
			return LE_IGNORED;
	if (n == 0 || u8_check((const uint8_t *)s, n))
		return LE_IGNORED;
	/* What does not fit is refused, leaving the text as it was. */
	if (le->max && (le->fresh ? 0 : le->len) + n > le->max)
		return LE_IGNORED;
	if (le->fresh) {
		le->fresh = 0;
		le->len = le->cur = le->scroll = 0;
		le->buf[0] = '\0';
	}
	reserve(le, le->len + n);
	memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
	memcpy(le->buf + le->cur, s, n);
	le->len += n;
	le->cur += n;
	return LE_CHANGED;
}

int lineedit_insert(struct lineedit *le, uint32_t c)
{
	uint8_t mb[8];
	/* C0 and C1 controls are keys, not text. */
	if (c < ' ' || (c >= 127 && c < 160))
		return LE_IGNORED;
	int n = u8_uctomb(mb, c, (int)sizeof mb - 1);
	if (n <= 0)
		return LE_IGNORED;
	mb[n] = '\0';
	return lineedit_insert_str(le, (const char *)mb);
}

int lineedit_edit(struct lineedit *le, enum lineedit_key key)
{
	size_t at = le->cur;
	if (key == LEK_NONE)
		return LE_IGNORED;
	le->fresh = 0;
	switch (key) {
	case LEK_LEFT: le->cur = prev_char(le, le->cur); return LE_MOVED;
	case LEK_RIGHT: le->cur = next_char(le, le->cur); return LE_MOVED;
	case LEK_HOME: le->cur = 0; return LE_MOVED;
	case LEK_END: le->cur = le->len; return LE_MOVED;
	case LEK_BACKSPACE: return cut(le, prev_char(le, at), at);
	case LEK_DELETE: return cut(le, at, next_char(le, at));
	case LEK_KILL_END: return cut(le, at, le->len);
	case LEK_KILL_START: return cut(le, 0, at);
	case LEK_KILL_WORD: {
		/* The spaces before the cursor, then the word before them. */
		size_t a = at;
		while (a > 0 && (le->buf[a - 1] == ' ' || le->buf[a - 1] == '\t'))
			a--;
		while (a > 0 && le->buf[a - 1] != ' ' && le->buf[a - 1] != '\t')
			a--;
		return cut(le, a, at);
	}
	default: return LE_IGNORED;
	}
}

size_t lineedit_cursor_chars(const struct lineedit *le)
{
	size_t n = 0;
	for (size_t i = 0; i < le->cur; i = next_char(le, i))
		n++;
	return n;
}

void lineedit_view(struct lineedit *le, int width, size_t *from, size_t *to, int *cursor_col)
{
	if (width < 1)
		width = 1;
	if (le->scroll > le->len)
		le->scroll = le->len;
	/* The scroll stays at a character start. */
	if (le->scroll && le->scroll < le->len && joins(le, le->scroll))
		le->scroll = prev_char(le, le->scroll);
	if (le->cur < le->scroll)
		le->scroll = le->cur;
	/* Forward until the cursor's cell is in the field. */
	while (le->scroll < le->cur && width_of(le, le->scroll, le->cur) > width - 1)
		le->scroll = next_char(le, le->scroll);
	/* Back while the text from one character earlier still fits (after a
	 * deletion), with a cell for a cursor at the end. */
	while (le->scroll > 0) {
		size_t p = prev_char(le, le->scroll);
		if (width_of(le, p, le->len) + (le->cur == le->len) > width)
			break;
		le->scroll = p;
	}
	size_t end = le->scroll;
	while (end < le->len) {
		size_t n = next_char(le, end);
		if (width_of(le, le->scroll, n) > width)
			break;
		end = n;
	}
	*from = le->scroll;
	*to = end;
	*cursor_col = width_of(le, le->scroll, le->cur);
}
