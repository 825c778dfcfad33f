/* NFC, folding, width and Vietnamese collation, on top of libunistring. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "tkvv/text.h"
#include "tkvv/util.h"

const char *text_invalid_utf8(const char *s, size_t n)
{
	return (const char *)u8_check((const uint8_t *)s, n);
}

/* Normalise S to FORM; on failure return a copy of S. */
static char *text_normalize(const char *s, uninorm_t form)
{
	size_t len = 0;
	uint8_t *r = u8_normalize(form, (const uint8_t *)s, strlen(s) + 1, NULL, &len);
	if (!r)
		return xstrdup(s);
	return (char *)r;
}

char *text_nfc(const char *s)
{
	return text_normalize(s, UNINORM_NFC);
}

/* The NFD of the Latin letters (U+0080-U+024F, U+1E00-U+1EFF: every
 * Vietnamese letter), read once from libunistring: up to four code points,
 * the first a starter, so that the NFD of text made of them and of ASCII is
 * theirs one after the other (no mark is reordered across a starter). */
#define NFD_LO_END 0x250
#define NFD_HI 0x1E00
#define NFD_HI_END 0x1F00
struct nfd_entry {
	unsigned char n;            /* 0: not in the table */
	ucs4_t c[4];
};
static struct nfd_entry nfd_lo[NFD_LO_END - 0x80], nfd_hi[NFD_HI_END - NFD_HI];
static pthread_once_t nfd_once = PTHREAD_ONCE_INIT;

/* The NFD of code point C into E, when it fits. */
static void nfd_entry_fill(ucs4_t c, struct nfd_entry *e)
{
	uint8_t in[8];
	int n = u8_uctomb(in, c, sizeof in);
	size_t len = 0;
	if (n <= 0)
		return;
	uint8_t *d = u8_normalize(UNINORM_NFD, in, (size_t)n, NULL, &len);
	if (!d)
		return;
	const uint8_t *p = d, *end = d + len;
	unsigned char k = 0;
	while (p < end && k < ARRAY_LEN(e->c)) {
		int m = u8_mbtouc(&e->c[k], p, (size_t)(end - p));
		if (m <= 0)
			break;
		p += m;
		k++;
	}
	if (p == end && k > 0 && uc_combining_class(e->c[0]) == 0)
		e->n = k;
	free(d);
}

static void nfd_init(void)
{
	for (ucs4_t c = 0x80; c < NFD_LO_END; c++)
		nfd_entry_fill(c, &nfd_lo[c - 0x80]);
	for (ucs4_t c = NFD_HI; c < NFD_HI_END; c++)
		nfd_entry_fill(c, &nfd_hi[c - NFD_HI]);
}

/* The table's NFD of C, or NULL when it has none. */
static const struct nfd_entry *nfd_find(ucs4_t c)
{
	const struct nfd_entry *e = c >= 0x80 && c < NFD_LO_END ? &nfd_lo[c - 0x80]
				  : c >= NFD_HI && c < NFD_HI_END ? &nfd_hi[c - NFD_HI] : NULL;
	return e && e->n ? e : NULL;
}

/* Iterate over the code points of NFD text, calling FN with each: from the
 * table when every code point of S is ASCII or in it, else by libunistring. */
typedef void (*text_cp_fn)(ucs4_t c, void *ctx);
static void text_each_nfd(const char *s, text_cp_fn fn, void *ctx)
{
	const uint8_t *p = (const uint8_t *)s;
	int fast = 1;
	pthread_once(&nfd_once, nfd_init);
	for (const uint8_t *q = p; *q && fast;) {
		ucs4_t c;
		if (*q < 0x80) {
			q++;
			continue;
		}
		int m = u8_mbtouc(&c, q, strlen((const char *)q));
		fast = m > 0 && nfd_find(c) != NULL;
		q += m > 0 ? m : 1;
	}
	if (fast) {
		while (*p) {
			ucs4_t c;
			if (*p < 0x80) {
				fn(*p++, ctx);
				continue;
			}
			p += u8_mbtouc(&c, p, strlen((const char *)p));
			const struct nfd_entry *e = nfd_find(c);
			for (unsigned char i = 0; i < e->n; i++)
				fn(e->c[i], ctx);
		}
		return;
	}
	char *d = text_normalize(s, UNINORM_NFD);
	ucs4_t c;
	p = (const uint8_t *)d;
	while ((p = u8_next(&c, p)) != NULL)
		fn(c, ctx);
	free(d);
}

struct fold_ctx {
	struct strbuf sb;
	int space;  /* a space is pending */
};

/* Append one code point to the folded text. */
static void fold_cp(ucs4_t c, void *vctx)
{
	struct fold_ctx *ctx = vctx;
	uint8_t buf[8];
	if (uc_is_general_category(c, UC_CATEGORY_Mn))
		return;
	if (c == 0x0110 || c == 0x0111)
		c = 'd';
	if (uc_is_space(c) || c < 0x20) {
		ctx->space = ctx->sb.len > 0;
		return;
	}
	if (ctx->space) {
		sb_addc(&ctx->sb, ' ');
		ctx->space = 0;
	}
	c = uc_tolower(c);
	int n = u8_uctomb(buf, c, sizeof buf);
	if (n > 0)
		sb_addn(&ctx->sb, (const char *)buf, (size_t)n);
}

char *text_fold(const char *s)
{
	struct fold_ctx ctx = {.space = 0};
	sb_init(&ctx.sb);
	text_each_nfd(s, fold_cp, &ctx);
	return sb_detach(&ctx.sb);
}

char *text_digits(const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			sb_addc(&sb, *s);
	return sb_detach(&sb);
}

size_t text_width(const char *s)
{
	int w = u8_strwidth((const uint8_t *)s, "UTF-8");
	return w < 0 ? strlen(s) : (size_t)w;
}

size_t text_fit(const char *s, size_t cols)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t used = 0;
	ucs4_t c;
	for (;;) {
		int n = u8_mbtouc(&c, p, strlen((const char *)p));
		if (n <= 0 || c == 0)
			break;
		int w = uc_width(c, "UTF-8");
		if (w < 0)
			w = 1;
		if (used + (size_t)w > cols)
			break;
		used += (size_t)w;
		p += n;
	}
	return (size_t)(p - (const uint8_t *)s);
}

/* Primary weight of base letter C (Vietnamese order: a letter with a vowel
 * mark follows its base, đ follows d) with vowel mark MARK (0, breve, circumflex, horn). */
static unsigned char letter_weight(ucs4_t c, ucs4_t mark)
{
	static const struct { char base; ucs4_t mark; unsigned char w; } marked[] = {
		{'a', 0x0306, 1}, {'a', 0x0302, 2}, {'e', 0x0302, 1},
		{'o', 0x0302, 1}, {'o', 0x031B, 2}, {'u', 0x031B, 1},
	};
	static const char order[] = "abcdefghijklmnopqrstuvwxyz";
	if (c >= '0' && c <= '9')
		return (unsigned char)(0x10 + (c - '0'));
	c = uc_tolower(c);
	if (c == 0x0111)  /* đ follows d */
		return (unsigned char)(0x20 + 3 * 3 + 1);
	const char *pos = c < 128 ? strchr(order, (int)c) : NULL;
	if (!pos || !c)
		return 0xF0;
	unsigned char w = (unsigned char)(0x20 + 3 * (pos - order));
	for (size_t i = 0; i < ARRAY_LEN(marked); i++)
		if (marked[i].base == (char)c && marked[i].mark == mark)
			w = (unsigned char)(w + marked[i].w);
	return w;
}

/* Tone weight: ngang 1, huyền 2, hỏi 3, ngã 4, sắc 5, nặng 6. */
static unsigned char tone_weight(ucs4_t mark)
{
	switch (mark) {
	case 0x0300: return 2;
	case 0x0309: return 3;
	case 0x0303: return 4;
	case 0x0301: return 5;
	case 0x0323: return 6;
	default: return 0;
	}
}

struct word_keys {
	struct strbuf primary, secondary;
	ucs4_t base;   /* pending base letter */
	ucs4_t mark;   /* its vowel mark */
	unsigned char tone;
};

/* Emit the pending letter of W. */
static void word_flush(struct word_keys *w)
{
	if (!w->base)
		return;
	sb_addc(&w->primary, (char)letter_weight(w->base, w->mark));
	sb_addc(&w->secondary, (char)((w->tone ? w->tone : 1) + 1));
	w->base = w->mark = 0;
	w->tone = 0;
}

static void word_cp(ucs4_t c, void *vctx)
{
	struct word_keys *w = vctx;
	if (uc_is_general_category(c, UC_CATEGORY_Mn)) {
		if (tone_weight(c))
			w->tone = tone_weight(c);
		else
			w->mark = c;
		return;
	}
	word_flush(w);
	w->base = c;
}

/* Append the primary and secondary keys of one word to P and S. */
static void word_key(const char *word, size_t n, struct strbuf *p, struct strbuf *s)
{
	struct word_keys w = {.base = 0};
	char *tmp = xstrndup(word, n);
	sb_init(&w.primary);
	sb_init(&w.secondary);
	text_each_nfd(tmp, word_cp, &w);
	word_flush(&w);
	if (w.primary.len)
		sb_addn(p, w.primary.buf, w.primary.len);
	sb_addc(p, 0x01);
	if (w.secondary.len)
		sb_addn(s, w.secondary.buf, w.secondary.len);
	sb_addc(s, 0x01);
	sb_free(&w.primary);
	sb_free(&w.secondary);
	free(tmp);
}

unsigned char *text_name_key(const char *full_name, size_t *len)
{
	const char *start[64];
	size_t wlen[64];
	size_t nw = 0;
	for (const char *p = full_name; *p && nw < ARRAY_LEN(start);) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		start[nw] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		wlen[nw] = (size_t)(p - start[nw]);
		nw++;
	}
	struct strbuf p, s;
	sb_init(&p);
	sb_init(&s);
	if (nw > 0) {
		word_key(start[nw - 1], wlen[nw - 1], &p, &s);         /* given name */
		if (nw > 1)
			word_key(start[0], wlen[0], &p, &s);           /* family name */
		for (size_t i = 1; i + 1 < nw; i++)                     /* middle names */
			word_key(start[i], wlen[i], &p, &s);
	}
	sb_addc(&p, 0x00);
	if (s.len)
		sb_addn(&p, s.buf, s.len);
	sb_free(&s);
	*len = p.len;
	return (unsigned char *)sb_detach(&p);
}

int text_name_cmp(const char *a, const char *b)
{
	size_t la, lb;
	unsigned char *ka = text_name_key(a, &la);
	unsigned char *kb = text_name_key(b, &lb);
	int r = memcmp(ka, kb, la < lb ? la : lb);
	if (r == 0)
		r = la < lb ? -1 : la > lb;
	free(ka);
	free(kb);
	return r;
}
