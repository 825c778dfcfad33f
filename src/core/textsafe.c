/* Text fields without control characters, and input quoted safely. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "tkvv/textsafe.h"
#include "tkvv/util.h"

/* The length of the valid UTF-8 sequence at P (N bytes left), with its code
 * point in *CP, or 0 when the bytes there are not UTF-8. */
static size_t utf8_seq(const unsigned char *p, size_t n, unsigned long *cp)
{
	unsigned long c;
	size_t len;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3;
		c = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4;
		c = p[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3F);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* A control character: C0, DEL or C1. */
static int is_control(unsigned long c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* What a terminal must not receive raw: controls, and the line and
 * paragraph separators and bidi controls that can make one line look
 * like two or reorder what is shown. */
static int is_unsafe(unsigned long c)
{
	return is_control(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

const char *text_field_problem(const char *s, size_t n, size_t *at)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned long c;
		size_t len = utf8_seq(p + i, n - i, &c);
		*at = i;
		if (!len)
			return N_("is not valid UTF-8 text");
		if (is_control(c))
			return N_("holds a control character, which text may not hold");
		i += len;
	}
	return NULL;
}

void text_fold_tabs(char *s)
{
	for (; (s = strchr(s, '\t')) != NULL; s++)
		*s = ' ';
}

/* Escape S into OUT (SIZE bytes, SIZE >= 8), at most MAXCHARS characters
 * (0: no limit) before an ellipsis. */
static void escape(char *out, size_t size, const char *s, size_t maxchars)
{
	static const char hex[] = "0123456789abcdef";
	static const char ellipsis[] = "\xE2\x80\xA6";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), o = 0, chars = 0;
	for (size_t i = 0; i < n;) {
		unsigned long c = 0;
		size_t len = utf8_seq(p + i, n - i, &c);
		char piece[16];
		size_t plen = 0, pchars = 0;
		if (len && !is_unsafe(c)) {
			memcpy(piece, p + i, len);
			plen = len;
			pchars = 1;
		} else {
			/* An unsafe character is escaped byte by byte, as is a
			 * byte that is not UTF-8. */
			size_t nb = len ? len : 1;
			for (size_t b = 0; b < nb; b++) {
				piece[plen++] = '\\';
				piece[plen++] = 'x';
				piece[plen++] = hex[p[i + b] >> 4];
				piece[plen++] = hex[p[i + b] & 15];
			}
			pchars = plen;
			len = nb;
		}
		int cut = maxchars && chars + pchars > maxchars;
		if (cut || o + plen + sizeof ellipsis > size) {
			memcpy(out + o, ellipsis, sizeof ellipsis);
			return;
		}
		memcpy(out + o, piece, plen);
		o += plen;
		chars += pchars;
		i += len;
	}
	out[o] = '\0';
}

const char *text_quote(char out[TEXT_QUOTE_SIZE], const char *s)
{
	escape(out, TEXT_QUOTE_SIZE, s ? s : "", TEXT_QUOTE_CHARS);
	return out;
}

void text_display(char *out, size_t size, const char *s)
{
	if (size < 8) {
		if (size)
			out[0] = '\0';
		return;
	}
	escape(out, size, s ? s : "", 0);
}

int text_needs_escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned long c;
		size_t len = utf8_seq(p + i, n - i, &c);
		if (!len || is_unsafe(c))
			return 1;
		i += len;
	}
	return 0;
}

char *text_safe_dup(const char *s)
{
	if (!s || !text_needs_escape(s))
		return xstrdup(s ? s : "");
	/* Every byte becomes at most 4 (\xNN), plus the ellipsis and the NUL. */
	size_t size = 4 * strlen(s) + 8;
	char *buf = xmalloc(size);
	text_display(buf, size, s);
	return buf;
}

void text_put_safe(FILE *f, const char *s)
{
	if (!text_needs_escape(s)) {
		fputs(s, f);
		return;
	}
	char *safe = text_safe_dup(s);
	fputs(safe, f);
	free(safe);
}

void text_put_json(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			/* A C1 control, U+0080..U+009F: the same character, escaped. */
			fprintf(f, "\\u%04x", *++p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}
