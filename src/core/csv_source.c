/* The bytes the CSV reader reads: plain UTF-8 files as they are; an xlsx
 * workbook's sheet, a UTF-16 file (Excel's "Unicode text") or a
 * Windows-1258 file turned into UTF-8 CSV in a temporary file first, so
 * that every reader of csv_open reads them alike. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tkvv/csv_source.h"
#include "tkvv/i18n.h"
#include "tkvv/text.h"

#define ISLETTER(c) (((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z')

static const char *want_sheet, *want_encoding;
static char *sheet_read;   /* the sheet the last open read */

char *csv_source_sheet(void)
{
	char *s = sheet_read;
	sheet_read = NULL;
	return s;
}

void csv_source_set(const char *sheet, const char *encoding)
{
	want_sheet = sheet;
	want_encoding = encoding;
}

/* The iconv name of an encoding given with --encoding, or NULL. */
static const char *iconv_name(const char *name)
{
	static const struct {
		const char *name, *iconv;
	} names[] = {
		{"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"utf-16", "UTF-16"}, {"utf16", "UTF-16"},
		{"utf-16le", "UTF-16LE"}, {"utf-16be", "UTF-16BE"}, {"cp1258", "CP1258"},
		{"windows-1258", "CP1258"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcasecmp(name, names[i].name))
			return names[i].iconv;
	return NULL;
}

int csv_source_encoding_ok(const char *name)
{
	return iconv_name(name) != NULL;
}

int csv_transcode(const char *path, const char *from, const char *in, size_t len, FILE *out,
		  struct tkvv_err *err)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return err_set(err, TKVV_EFAIL, "%s: %s %s", path, _("cannot convert from"), from);
	char buf[65536];
	char *ip = (char *)in;
	size_t left = len;
	int rc = 0;
	while (left > 0) {
		char *op = buf;
		size_t room = sizeof buf;
		size_t n = iconv(cd, &ip, &left, &op, &room);
		fwrite(buf, 1, (size_t)(op - buf), out);
		if (n == (size_t)-1 && errno != E2BIG) {
			rc = err_set(err, TKVV_EFAIL, "%s: %s %s (byte %zu)", path,
				     _("not valid text in"), from, (size_t)(ip - in) + 1);
			break;
		}
	}
	if (rc == 0) {   /* flush what a stateful decoder (CP1258) still holds */
		char *op = buf;
		size_t room = sizeof buf;
		iconv(cd, NULL, NULL, &op, &room);
		fwrite(buf, 1, (size_t)(op - buf), out);
	}
	iconv_close(cd);
	return rc;
}

/* Whether the LEN bytes at S are valid UTF-8, but for a sequence cut at the end. */
static int utf8_ok(const unsigned char *s, size_t len)
{
	size_t cut = 0;
	while (cut < 3 && cut < len && (s[len - 1 - cut] & 0xC0) == 0x80)
		cut++;
	if (cut < len && s[len - 1 - cut] >= 0xC0)
		len -= cut + 1;
	return !text_invalid_utf8((const char *)s, len);
}

/* Whether non-UTF-8 bytes S look like Windows-1258 Vietnamese: its tone marks
 * (combining bytes CC, EC, D2, DE, F2) follow vowels. TCVN3 and VNI put
 * precomposed letters and their marks elsewhere. */
static int looks_cp1258(const unsigned char *s, size_t len)
{
	static const char vowels[] = "aeiouyAEIOUY\xE2\xEA\xF4\xE3\xF5\xFD\xC2\xCA\xD4\xC3\xD5\xDD";
	size_t high = 0, marks = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		high++;
		if (i && strchr("\xCC\xEC\xD2\xDE\xF2", s[i]) && memchr(vowels, s[i - 1], sizeof vowels - 1))
			marks++;
	}
	/* Vietnamese in cp1258: most letters beyond ASCII carry or are tone marks. */
	return high > 0 && 3 * marks >= high;
}

/* Whether non-UTF-8 bytes S look like TCVN3 (ABC) or VNI-Windows text:
 * bytes 0xA1..0xFE inside words, between letters, at least twice. */
static int looks_legacy(const unsigned char *s, size_t len)
{
	size_t hits = 0;
	for (size_t i = 1; i + 1 < len; i++)
		if (s[i] >= 0xA1 && s[i] <= 0xFE && ISLETTER(s[i - 1]) &&
		    (ISLETTER(s[i + 1]) || s[i + 1] >= 0xA1))
			hits++;
	return hits >= 2;
}

/* Whether ASCII text looks like VNI typed as ASCII ("Nguye^n", "Nguyeãn"):
 * words with a vowel followed by ^ ~ or a digit inside a letter word. */
static int looks_vni_ascii(const unsigned char *s, size_t len)
{
	size_t hits = 0;
	for (size_t i = 1; i + 1 < len; i++)
		if (strchr("^~", s[i]) && strchr("aeoAEO", s[i - 1]) && s[i + 1] >= 'a' && s[i + 1] <= 'z')
			hits++;
	return hits >= 2;
}

/* Read all of F into memory. */
static char *slurp(FILE *f, size_t *len)
{
	struct strbuf sb;
	char buf[65536];
	size_t n;
	sb_init(&sb);
	sb_addn(&sb, "", 0);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	*len = sb.len;
	return sb_detach(&sb);
}

static void close_in(FILE *f)
{
	if (f != stdin)
		fclose(f);
}

/* F's bytes converted from FROM into a temporary file (F closed). */
static FILE *transcoded(const char *path, FILE *f, const char *from, const char *label,
			struct tkvv_err *err)
{
	size_t len;
	char *all = slurp(f, &len);
	close_in(f);
	FILE *t = tmpfile();
	if (!t) {
		free(all);
		err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
		return NULL;
	}
	int rc = csv_transcode(path, from, all, len, t, err);
	free(all);
	if (rc < 0) {
		fclose(t);
		return NULL;
	}
	fprintf(stderr, _("%s: read as %s\n"), path, label);
	rewind(t);
	return t;
}

static const char tcvn_hint[] =
	N_("this looks like a TCVN3 (ABC) or VNI file, not Unicode: convert it to Unicode "
	   "(UTF-8) first, e.g. with UniKey's converter (Công cụ chuyển mã), then import it");

FILE *csv_source_open(const char *path, FILE *f, struct tkvv_err *err)
{
	static unsigned char head[65536];
	free(sheet_read);
	sheet_read = NULL;
	const char *enc = want_encoding ? iconv_name(want_encoding) : NULL;
	if (fseek(f, 0, SEEK_SET) != 0) {   /* a pipe: UTF-8 unless told */
		if (enc && strcmp(enc, "UTF-8") != 0)
			return transcoded(path, f, enc, want_encoding, err);
		return f;
	}
	size_t n = fread(head, 1, sizeof head, f);
	int is_xlsx = n >= 4 && memcmp(head, "PK\3\4", 4) == 0;
	if (fseek(f, 0, SEEK_SET) != 0) {
		close_in(f);
		err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
		return NULL;
	}

	if (is_xlsx) {
		if (f == stdin) {
			close_in(f);
			err_set(err, TKVV_EFAIL, "%s: %s", path,
				_("an xlsx workbook must be given as a file, not on standard input"));
			return NULL;
		}
		close_in(f);
		FILE *t = tmpfile();
		if (!t) {
			err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
			return NULL;
		}
		if (xlsx_to_csv(path, want_sheet, t, &sheet_read, err) < 0) {
			fclose(t);
			return NULL;
		}
		rewind(t);
		return t;
	}
	if (enc && strcmp(enc, "UTF-8") != 0)
		return transcoded(path, f, enc, want_encoding, err);
	if (enc)
		return f;
	if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
		return transcoded(path, f, "UTF-16", "UTF-16", err);
	if (utf8_ok(head, n)) {
		if (looks_vni_ascii(head, n)) {
			close_in(f);
			err_set(err, TKVV_EFAIL, "%s: %s", path, _(tcvn_hint));
			return NULL;
		}
		return f;
	}
	if (looks_cp1258(head, n))
		return transcoded(path, f, "CP1258", "Windows-1258", err);
	if (!looks_legacy(head, n))
		return f;   /* a stray byte: the reader names its line and column */
	close_in(f);
	err_set(err, TKVV_EFAIL, "%s: %s", path, _(tcvn_hint));
	return NULL;
}
