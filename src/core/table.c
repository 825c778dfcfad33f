/* Aligned tables and shared output formatting. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/table.h"
#include "tkvv/text.h"
#include "tkvv/util.h"

void table_init(struct table *t, size_t ncols, const char *const *header)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	table_add(t, header);
}

void table_add(struct table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols, sizeof *t->cells);
	}
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c] ? cells[c] : "");
	t->nrows++;
}

/* Print S padded with spaces to WIDTH columns, on the left or the right. */
static void put_padded(FILE *f, const char *s, size_t width, int right)
{
	size_t w = text_width(s);
	if (right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
}

void table_print(const struct table *t, FILE *f)
{
	size_t *width = xcalloc(t->ncols, sizeof *width);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t w = text_width(t->cells[r * t->ncols + c]);
			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			int last = c + 1 == t->ncols;
			int right = (t->right >> c) & 1;
			put_padded(f, t->cells[r * t->ncols + c], last && !right ? 0 : width[c], right);
			if (!last)
				fputs("  ", f);
		}
		fputc('\n', f);
	}
	free(width);
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

const char *fmt_money(int64_t v, char buf[32])
{
	char digits[24];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
	char *p = buf;
	if (v < 0)
		*p++ = '-';
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			*p++ = '.';
		*p++ = digits[i];
	}
	*p = '\0';
	return buf;
}

const char *fmt_pct(double ratio, char buf[32])
{
	if (!isfinite(ratio)) {
		snprintf(buf, 32, "-");
		return buf;
	}
	double tenths = ratio * 1000.0;
	/* Round half away from zero, allowing for binary fractions just below .5. */
	double r = tenths < 0 ? -floor(-tenths + 0.5 + 1e-9) : floor(tenths + 0.5 + 1e-9);
	snprintf(buf, 32, "%.1f", r / 10.0 + 0.0);
	return buf;
}

void csv_field(FILE *f, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",;\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void json_string(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

void json_number(FILE *f, double v)
{
	if (!isfinite(v))
		fputs("null", f);
	else if (v == floor(v) && fabs(v) < 1e15)
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%.10g", v);
}
