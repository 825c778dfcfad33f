/* The CSV reader and writer: RFC 4180 with a BOM, CRLF, comma, semicolon or tab. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tkvv/csv.h"
#include "tkvv/csv_source.h"
#include "tkvv/i18n.h"
#include "tkvv/text.h"

enum { CSV_BUF = 65536 };

struct csv_reader {
	FILE *f;
	char *path;
	char *sheet;             /* an xlsx's sheet: errors name its cells */
	char delim;
	unsigned char buf[CSV_BUF];
	size_t pos, len;
	unsigned long line;      /* physical line at the read position */
	unsigned long rec_line;  /* line where the current record starts */
	struct strbuf text;      /* the record's fields, each ending in NUL */
	size_t *ends;            /* offset of each field's NUL in text */
	const char **fields;
	char **owned;            /* NFC copies made for the current record */
	size_t nfields, nowned, cap;
	char **header;
	size_t nheader;
	long rows;
};

/* Refill the buffer; returns the number of bytes now available. */
static size_t csv_fill(struct csv_reader *r)
{
	if (r->pos < r->len)
		return r->len - r->pos;
	r->pos = 0;
	r->len = fread(r->buf, 1, CSV_BUF, r->f);
	return r->len;
}

/* The next byte, or EOF. */
static int csv_getc(struct csv_reader *r)
{
	if (r->pos == r->len && csv_fill(r) == 0)
		return EOF;
	return r->buf[r->pos++];
}

/* The next byte without consuming it, or EOF. */
static int csv_peek(struct csv_reader *r)
{
	if (r->pos == r->len && csv_fill(r) == 0)
		return EOF;
	return r->buf[r->pos];
}

/* Set ERR for the field in column COL of the current record. */
static int csv_fail(struct csv_reader *r, size_t col, const char *what,
		    struct tkvv_err *err)
{
	char at[300];
	csv_where(r, r->rec_line, col, at, sizeof at);
	return err_set(err, TKVV_EFAIL, "%s: %s", at, what);
}

/* End the field being read: remember where it ends. */
static void csv_end_field(struct csv_reader *r)
{
	if (r->nfields == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->ends = xreallocarray(r->ends, r->cap, sizeof *r->ends);
		r->fields = xreallocarray(r->fields, r->cap, sizeof *r->fields);
		r->owned = xreallocarray(r->owned, r->cap, sizeof *r->owned);
	}
	r->ends[r->nfields++] = r->text.len;
	sb_addc(&r->text, '\0');
}

/* Refuse a NUL byte in the field being read. */
static int csv_nul(struct csv_reader *r, struct tkvv_err *err)
{
	return csv_fail(r, r->nfields + 1,
			_("NUL byte in the field: this is not a CSV text file"), err);
}

/* Refuse the field that began at START when it is over the limit. */
static int csv_check_length(struct csv_reader *r, size_t start, int quoted, struct tkvv_err *err)
{
	if (r->text.len - start <= CSV_FIELD_MAX)
		return 0;
	return csv_fail(r, r->nfields + 1, quoted ?
			_("field longer than 1000 bytes (is a closing quote missing?)") :
			_("field longer than 1000 bytes"), err);
}

/* Append byte C to the field that began at START, refusing NUL bytes and
 * fields over the limit. */
static int csv_add(struct csv_reader *r, int c, size_t start, int quoted, struct tkvv_err *err)
{
	if (c == '\0')
		return csv_nul(r, err);
	sb_addc(&r->text, (char)c);
	return csv_check_length(r, start, quoted, err);
}

/* Read one quoted field's body after its opening quote. */
static int csv_quoted(struct csv_reader *r, size_t start, struct tkvv_err *err)
{
	for (;;) {
		int c = csv_getc(r);
		if (c == EOF)
			return csv_fail(r, r->nfields + 1,
					_("a quote opened in this field is never closed"), err);
		if (c == '"' && csv_peek(r) != '"')
			return 0;
		if (c == '"')
			csv_getc(r);
		if (c == '\n')
			r->line++;
		if (csv_add(r, c, start, 1, err) < 0)
			return -1;
	}
}

/* Read an unquoted field up to the delimiter or the line end. */
static int csv_plain(struct csv_reader *r, size_t start, struct tkvv_err *err)
{
	/* Whole runs of the buffer at a time, up to a byte that ends the field
	 * (or a NUL, refused). */
	unsigned char delim = (unsigned char)r->delim;
	while (r->pos < r->len || csv_fill(r) > 0) {
		const unsigned char *p = r->buf + r->pos, *end = r->buf + r->len, *q = p;
		while (q < end && *q != delim && *q != '\r' && *q != '\n' && *q != '\0')
			q++;
		if (q > p) {
			sb_addn(&r->text, (const char *)p, (size_t)(q - p));
			r->pos += (size_t)(q - p);
			if (csv_check_length(r, start, 0, err) < 0)
				return -1;
		}
		if (q < end)
			return *q == '\0' ? csv_nul(r, err) : 0;
	}
	return 0;
}

/* After a field: consume the delimiter or line end; 1 when the record ended.
 * Only a quoted field can be followed by anything else, which is an error. */
static int csv_after_field(struct csv_reader *r, struct tkvv_err *err)
{
	int c = csv_getc(r);
	if (c == r->delim)
		return 0;
	if (c == '\r' && csv_peek(r) == '\n')
		c = csv_getc(r);
	if (c == '\n' || c == '\r') {
		r->line++;
		return 1;
	}
	if (c == EOF)
		return 1;
	return csv_fail(r, r->nfields, _("text after the closing quote"), err);
}

/* Read one field starting at the read position; 1 when it ended the record. */
static int csv_field_read(struct csv_reader *r, struct tkvv_err *err)
{
	size_t start = r->text.len;
	int rc;
	if (csv_peek(r) == '"') {
		csv_getc(r);
		rc = csv_quoted(r, start, err);
	} else {
		rc = csv_plain(r, start, err);
	}
	if (rc < 0)
		return -1;
	csv_end_field(r);
	return csv_after_field(r, err);
}

/* Check and normalise the fields of the record just read. */
static int csv_finish_record(struct csv_reader *r, struct tkvv_err *err)
{
	for (size_t i = 0; i < r->nfields; i++) {
		size_t begin = i ? r->ends[i - 1] + 1 : 0;
		const char *s = r->text.buf + begin;
		size_t n = r->ends[i] - begin;
		if (text_invalid_utf8(s, n))
			return csv_fail(r, i + 1, _("not valid UTF-8 text; legacy TCVN3/VNI files must "
						    "be converted to UTF-8 first (e.g. with iconv or Unikey)"),
					err);
		r->fields[i] = s;
		/* Only combining marks (U+0300..U+036F, lead bytes CC and CD) can
		 * make Vietnamese text non-NFC; skipping the rest keeps import fast. */
		if (memchr(s, 0xCC, n) || memchr(s, 0xCD, n)) {
			r->owned[r->nowned] = text_nfc(s);
			r->fields[i] = r->owned[r->nowned++];
		}
	}
	return 0;
}

/* Read one record, skipping blank lines: 1 read, 0 end of file, -1 error. */
static int csv_record(struct csv_reader *r, struct tkvv_err *err)
{
	for (;;) {
		for (size_t i = 0; i < r->nowned; i++)
			free(r->owned[i]);
		r->nowned = 0;
		r->nfields = 0;
		sb_reset(&r->text);
		if (csv_peek(r) == EOF)
			return ferror(r->f) ? err_set(err, TKVV_EFAIL, "%s: %s", r->path,
						      strerror(errno)) : 0;
		r->rec_line = r->line;
		int blank = csv_peek(r) == '\n' || csv_peek(r) == '\r';
		int rc;
		while ((rc = csv_field_read(r, err)) == 0)
			;
		if (rc < 0)
			return -1;
		if (blank && r->nfields == 1)
			continue;
		return csv_finish_record(r, err) < 0 ? -1 : 1;
	}
}

/* Pick the delimiter from the header line: the most frequent of comma,
 * semicolon and tab outside quotes (comma on a tie). */
static char csv_detect(struct csv_reader *r)
{
	size_t commas = 0, semis = 0, tabs = 0;
	int quoted = 0;
	csv_fill(r);
	for (size_t i = r->pos; i < r->len && (quoted || r->buf[i] != '\n'); i++) {
		if (r->buf[i] == '"')
			quoted = !quoted;
		else if (!quoted && r->buf[i] == ',')
			commas++;
		else if (!quoted && r->buf[i] == ';')
			semis++;
		else if (!quoted && r->buf[i] == '\t')
			tabs++;
	}
	if (tabs > commas && tabs > semis)
		return '\t';
	return semis > commas ? ';' : ',';
}

/* Read the header record into R->header. */
static int csv_read_header(struct csv_reader *r, struct tkvv_err *err)
{
	if (csv_fill(r) >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
		r->pos += 3;
	r->delim = csv_detect(r);
	int rc = csv_record(r, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(err, TKVV_EFAIL, "%s:1:1: %s", r->path,
			       _("the file is empty (a header row and data rows were expected)"));
	r->nheader = r->nfields;
	r->header = xcalloc(r->nheader, sizeof *r->header);
	for (size_t i = 0; i < r->nheader; i++)
		r->header[i] = xstrdup(r->fields[i]);
	return 0;
}

struct csv_reader *csv_open(const char *path, struct tkvv_err *err)
{
	struct stat sb;
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (is_stdin)
		path = "stdin";   /* errors say stdin:LINE:COL */
	if (!f) {
		err_set(err, TKVV_EFAIL, "%s: %s: %s", path, _("cannot open"), strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (!is_stdin)
			fclose(f);
		err_set(err, TKVV_EFAIL, "%s: %s", path, _("is a directory, not a CSV file"));
		return NULL;
	}
	f = csv_source_open(path, f, err);   /* xlsx, UTF-16, cp1258: read as UTF-8 CSV */
	if (!f)
		return NULL;
	struct csv_reader *r = xcalloc(1, sizeof *r);
	r->f = f;
	r->path = xstrdup(path);
	r->sheet = csv_source_sheet();
	r->line = 1;
	sb_init(&r->text);
	if (csv_read_header(r, err) < 0) {
		csv_close(r);
		return NULL;
	}
	return r;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nowned; i++)
		free(r->owned[i]);
	for (size_t i = 0; i < r->nheader; i++)
		free(r->header[i]);
	free(r->header);
	free(r->owned);
	free(r->fields);
	free(r->ends);
	sb_free(&r->text);
	if (r->f != stdin)
		fclose(r->f);
	free(r->path);
	free(r->sheet);
	free(r);
}

int csv_next_row(struct csv_reader *r, struct tkvv_err *err)
{
	int rc = csv_record(r, err);
	if (rc == 0 && r->rows == 0)
		return err_set(err, TKVV_EFAIL, "%s:2:1: %s", r->path,
			       _("only a header row, no data rows"));
	if (rc <= 0)
		return rc;
	if (r->nfields > r->nheader) {
		char what[160];
		snprintf(what, sizeof what, _("%zu fields, but the header has %zu columns"),
			 r->nfields, r->nheader);
		return csv_fail(r, r->nheader + 1, what, err);
	}
	r->rows++;
	return 1;
}

size_t csv_header_count(const struct csv_reader *r) { return r->nheader; }
const char *csv_header(const struct csv_reader *r, size_t i) { return r->header[i]; }
size_t csv_field_count(const struct csv_reader *r) { return r->nfields; }
unsigned long csv_line(const struct csv_reader *r) { return r->rec_line; }
const char *csv_path(const struct csv_reader *r) { return r->path; }
char csv_delimiter(const struct csv_reader *r) { return r->delim; }

void csv_where(const struct csv_reader *r, unsigned long line, size_t col, char *buf,
	       size_t size)
{
	if (!r->sheet) {
		snprintf(buf, size, "%s:%lu:%zu", r->path, line, col);
		return;
	}
	char letters[8];
	size_t n = 0;
	for (size_t c = col ? col : 1; c && n < sizeof letters; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	int len = snprintf(buf, size, "%s:%s!", r->path, r->sheet);
	for (; n && len >= 0 && (size_t)len + 1 < size; len++)
		buf[len] = letters[--n];
	if (len >= 0 && (size_t)len < size)
		snprintf(buf + len, size - (size_t)len, "%lu", line);
}

const char *csv_field(const struct csv_reader *r, size_t i)
{
	return i < r->nfields ? r->fields[i] : "";
}

void csv_writer_init(struct csv_writer *w, FILE *f, char delim)
{
	w->f = f;
	w->delim = delim;
	w->fields = 0;
}

void csv_put(struct csv_writer *w, const char *field)
{
	if (w->fields++)
		putc(w->delim, w->f);
	if (!strchr(field, w->delim) && !strpbrk(field, "\"\r\n")) {
		fputs(field, w->f);
		return;
	}
	putc('"', w->f);
	for (const char *p = field; *p; p++) {
		if (*p == '"')
			putc('"', w->f);
		putc(*p, w->f);
	}
	putc('"', w->f);
}

void csv_end_row(struct csv_writer *w)
{
	putc('\n', w->f);
	w->fields = 0;
}
