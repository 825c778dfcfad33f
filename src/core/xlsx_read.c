/* xlsx workbooks read as CSV: the zip's parts with minizip, their XML with
 * expat. Shared and inline strings are text, numbers are written as Excel
 * shows them for the usual formats (a code stored as a number with a
 * "000…" format keeps its leading zeros), dates as YYYY-MM-DD. */
#include "config.h"

#include <expat.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#include "tkvv/csv.h"
#include "tkvv/parse.h"
#include "tkvv/csv_source.h"
#include "tkvv/i18n.h"

/* A zip part, read whole: NULL when it is not in the archive. */
static char *zip_part(unzFile z, const char *name, size_t *len)
{
	if (unzLocateFile(z, name, 0) != UNZ_OK)
		return NULL;
	unz_file_info info;
	if (unzGetCurrentFileInfo(z, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
	    unzOpenCurrentFile(z) != UNZ_OK)
		return NULL;
	struct strbuf sb;
	char buf[65536];
	int n;
	sb_init(&sb);
	while ((n = unzReadCurrentFile(z, buf, sizeof buf)) > 0)
		sb_addn(&sb, buf, (size_t)n);
	int bad = n < 0 || unzCloseCurrentFile(z) != UNZ_OK;
	if (bad) {
		sb_free(&sb);
		return NULL;
	}
	*len = sb.len;
	return sb_detach(&sb);
}

/* The local name of an XML element ("x:row" → "row"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

/* What the parse of a part collects. */
struct xparse {
	/* workbook.xml: the wanted sheet's relationship id */
	const char *want;
	char *rid, *first_name;
	int date1904;
	/* workbook.xml.rels: the target of rid */
	char *target;
	/* sharedStrings.xml */
	char **strings;
	size_t nstrings, cap;
	struct strbuf text;
	int in_t, in_rph;
	/* styles.xml: which cell styles are dates */
	unsigned char *xf_date;
	size_t nxf;
	int in_cellxfs;
	long *fmt_ids;      /* custom number formats that are dates, or zero-padded codes */
	int *fmt_kind;      /* 1 date, 2 n zeros (stored as -n) */
	size_t nfmt;
	unsigned *xf_zeros; /* for each style: digits of a "000…" format, else 0 */
	/* the sheet */
	FILE *out;
	struct csv_writer w;
	long row, col;      /* the current row and the next column to write */
	char type[16];
	long style;
	int in_v, in_is;
	struct strbuf v;
};

static void add_string(struct xparse *p)
{
	if (p->nstrings == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 1024;
		p->strings = xreallocarray(p->strings, p->cap, sizeof *p->strings);
	}
	p->strings[p->nstrings++] = xstrdup(p->text.buf ? p->text.buf : "");
}

static void text_data(void *ud, const XML_Char *s, int len)
{
	struct xparse *p = ud;
	if (p->in_t && !p->in_rph)
		sb_addn(&p->text, s, (size_t)len);
	if (p->in_v)
		sb_addn(&p->v, s, (size_t)len);
}

static void wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xparse *p = ud;
	const char *n = local(name);
	if (!strcmp(n, "workbookPr")) {
		const char *d = attr(atts, "date1904");
		p->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
	}
	if (strcmp(n, "sheet") != 0 || p->rid)
		return;
	const char *sname = attr(atts, "name"), *id = attr(atts, "id");
	if (!p->first_name && sname)
		p->first_name = xstrdup(sname);
	if (id && sname && (!p->want || !strcmp(p->want, sname))) {
		p->rid = xstrdup(id);
		if (p->want) {
			free(p->first_name);
			p->first_name = xstrdup(sname);
		}
	}
}

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xparse *p = ud;
	const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
	if (!strcmp(local(name), "Relationship") && id && t && p->rid && !strcmp(id, p->rid) &&
	    !p->target)
		p->target = xstrdup(t);
}

static void ss_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xparse *p = ud;
	const char *n = local(name);
	(void)atts;
	if (!strcmp(n, "si"))
		sb_reset(&p->text);
	else if (!strcmp(n, "t"))
		p->in_t = 1;
	else if (!strcmp(n, "rPh"))
		p->in_rph = 1;
}

static void ss_end(void *ud, const XML_Char *name)
{
	struct xparse *p = ud;
	const char *n = local(name);
	if (!strcmp(n, "si"))
		add_string(p);
	else if (!strcmp(n, "t"))
		p->in_t = 0;
	else if (!strcmp(n, "rPh"))
		p->in_rph = 0;
}

/* What a number format code shows: 1 a date, -N a code padded to N digits
 * ("000000000000"), 0 anything else. */
static int fmt_code_kind(const char *code)
{
	size_t zeros = strspn(code, "0");
	if (zeros && code[zeros] == '\0')
		return -(int)zeros;
	int quoted = 0;
	for (const char *c = code; *c; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (*c == '[') {
			const char *e = strchr(c, ']');
			if (!e)
				break;
			c = e;
		} else if (*c == '\\' && c[1])
			c++;
		else if (!quoted && strchr("dmyDMY", *c))
			return 1;
	}
	return 0;
}

static int builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

static void st_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xparse *p = ud;
	const char *n = local(name);
	if (!strcmp(n, "numFmt")) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (!id || !code)
			return;
		p->fmt_ids = xreallocarray(p->fmt_ids, p->nfmt + 1, sizeof *p->fmt_ids);
		p->fmt_kind = xreallocarray(p->fmt_kind, p->nfmt + 1, sizeof *p->fmt_kind);
		p->fmt_ids[p->nfmt] = strtol(id, NULL, 10);
		p->fmt_kind[p->nfmt++] = fmt_code_kind(code);
	} else if (!strcmp(n, "cellXfs")) {
		p->in_cellxfs = 1;
	} else if (!strcmp(n, "xf") && p->in_cellxfs) {
		const char *id = attr(atts, "numFmtId");
		long f = id ? strtol(id, NULL, 10) : 0;
		int kind = builtin_date(f);
		for (size_t i = 0; i < p->nfmt; i++)
			if (p->fmt_ids[i] == f)
				kind = p->fmt_kind[i];
		p->xf_date = xreallocarray(p->xf_date, p->nxf + 1, 1);
		p->xf_zeros = xreallocarray(p->xf_zeros, p->nxf + 1, sizeof *p->xf_zeros);
		p->xf_date[p->nxf] = kind == 1;
		p->xf_zeros[p->nxf++] = kind < 0 ? (unsigned)-kind : 0;
	}
}

static void st_end(void *ud, const XML_Char *name)
{
	struct xparse *p = ud;
	if (!strcmp(local(name), "cellXfs"))
		p->in_cellxfs = 0;
}

/* Column number of a cell reference ("C12" → 3), 0 when there is none. */
static long ref_col(const char *ref)
{
	long c = 0;
	for (; ref && *ref >= 'A' && *ref <= 'Z'; ref++)
		c = c * 26 + (*ref - 'A' + 1);
	return c;
}

/* The serial day number SERIAL as YYYY-MM-DD (1900 or 1904 system). */
static void serial_date(double serial, int date1904, char *buf, size_t size)
{
	long days = (long)floor(serial);
	/* 1900 system: day 60 is Excel's 29 February 1900; day 25569 is 1970-01-01. */
	long unix_days = date1904 ? days + 1462 - 25569 : days - 25569;
	if (!date1904 && days < 60)
		unix_days++;
	/* Civil from days (H. Hinnant). */
	long z = unix_days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(buf, size, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

/* A number cell's text: what Excel shows for a general, "000…" or date format. */
static void number_text(const struct xparse *p, const char *v, char *buf, size_t size)
{
	double d;
	if (parse_number(v, &d)) {
		snprintf(buf, size, "%s", v);
		return;
	}
	size_t s = p->style >= 0 && (size_t)p->style < p->nxf ? (size_t)p->style : (size_t)-1;
	if (s != (size_t)-1 && p->xf_date[s]) {
		serial_date(d, p->date1904, buf, size);
		return;
	}
	if (d == floor(d) && fabs(d) < 1e15) {
		unsigned zeros = s != (size_t)-1 ? p->xf_zeros[s] : 0;
		snprintf(buf, size, "%0*.0f", (int)zeros, d);
		return;
	}
	snprintf(buf, size, "%.15g", d);
}

static void sh_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xparse *p = ud;
	const char *n = local(name);
	if (!strcmp(n, "row")) {
		const char *r = attr(atts, "r");
		long row = r ? strtol(r, NULL, 10) : p->row + 1;
		for (p->row++; p->row < row; p->row++)
			csv_end_row(&p->w);
		p->row = row;
		p->col = 1;
	} else if (!strcmp(n, "c")) {
		const char *t = attr(atts, "t"), *s = attr(atts, "s"), *r = attr(atts, "r");
		snprintf(p->type, sizeof p->type, "%s", t ? t : "n");
		p->style = s ? strtol(s, NULL, 10) : -1;
		long col = ref_col(r);
		for (; col && p->col < col; p->col++)
			csv_put(&p->w, "");
		sb_reset(&p->v);
		sb_reset(&p->text);
	} else if (!strcmp(n, "v")) {
		p->in_v = 1;
	} else if (!strcmp(n, "is")) {
		p->in_is = 1;
	} else if (!strcmp(n, "t") && p->in_is) {
		p->in_t = 1;
	} else if (!strcmp(n, "rPh")) {
		p->in_rph = 1;
	}
}

static void sh_end(void *ud, const XML_Char *name)
{
	struct xparse *p = ud;
	const char *n = local(name);
	if (!strcmp(n, "v")) {
		p->in_v = 0;
	} else if (!strcmp(n, "t")) {
		p->in_t = 0;
	} else if (!strcmp(n, "is")) {
		p->in_is = 0;
	} else if (!strcmp(n, "rPh")) {
		p->in_rph = 0;
	} else if (!strcmp(n, "c")) {
		const char *v = p->v.buf ? p->v.buf : "";
		char buf[64];
		if (!strcmp(p->type, "s")) {
			unsigned long i = strtoul(v, NULL, 10);
			csv_put(&p->w, *v && i < p->nstrings ? p->strings[i] : "");
		} else if (!strcmp(p->type, "inlineStr")) {
			csv_put(&p->w, p->text.buf ? p->text.buf : "");
		} else if (!strcmp(p->type, "n") && *v) {
			number_text(p, v, buf, sizeof buf);
			csv_put(&p->w, buf);
		} else if (!strcmp(p->type, "b")) {
			csv_put(&p->w, !strcmp(v, "1") ? "TRUE" : "FALSE");
		} else {
			csv_put(&p->w, v);   /* str (a formula's text), e (an error) */
		}
		p->col++;
	} else if (!strcmp(n, "row")) {
		csv_end_row(&p->w);
	}
}

/* Parse the LEN bytes of XML in DATA with the handlers; 0 or -1. */
static int parse(struct xparse *p, const char *data, size_t len, XML_StartElementHandler start,
		 XML_EndElementHandler end)
{
	XML_Parser x = XML_ParserCreate("UTF-8");
	XML_SetUserData(x, p);
	XML_SetElementHandler(x, start, end);
	XML_SetCharacterDataHandler(x, text_data);
	int ok = XML_Parse(x, data, (int)len, 1) == XML_STATUS_OK;
	XML_ParserFree(x);
	return ok ? 0 : -1;
}

static void end_none(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

static void xparse_free(struct xparse *p)
{
	for (size_t i = 0; i < p->nstrings; i++)
		free(p->strings[i]);
	free(p->strings);
	free(p->rid);
	free(p->first_name);
	free(p->target);
	free(p->xf_date);
	free(p->xf_zeros);
	free(p->fmt_ids);
	free(p->fmt_kind);
	sb_free(&p->text);
	sb_free(&p->v);
}

int xlsx_to_csv(const char *path, const char *sheet, FILE *out, char **name,
		struct tkvv_err *err)
{
	unzFile z = unzOpen64(path);
	if (!z)
		return err_set(err, TKVV_EFAIL, "%s: %s", path,
			       _("not an xlsx workbook (the zip archive cannot be read)"));
	struct xparse p;
	memset(&p, 0, sizeof p);
	sb_init(&p.text);
	sb_init(&p.v);
	p.want = sheet;
	int rc = -1;
	size_t len;
	char *data = zip_part(z, "xl/workbook.xml", &len);
	if (!data || parse(&p, data, len, wb_start, end_none) < 0) {
		err_set(err, TKVV_EFAIL, "%s: %s", path, _("not an xlsx workbook (no xl/workbook.xml)"));
		goto out;
	}
	free(data);
	if (!p.rid) {
		data = NULL;
		if (sheet)
			err_set(err, TKVV_EFAIL, "%s: %s '%s'", path, _("the workbook has no sheet named"),
				sheet);
		else
			err_set(err, TKVV_EFAIL, "%s: %s", path, _("the workbook has no sheet"));
		goto out;
	}
	data = zip_part(z, "xl/_rels/workbook.xml.rels", &len);
	if (data)
		parse(&p, data, len, rels_start, end_none);
	free(data);
	char *part = !p.target ? xstrdup("xl/worksheets/sheet1.xml")
		   : p.target[0] == '/' ? xstrdup(p.target + 1) : xasprintf("xl/%s", p.target);
	data = zip_part(z, "xl/sharedStrings.xml", &len);
	if (data && parse(&p, data, len, ss_start, ss_end) < 0) {
		err_set(err, TKVV_EFAIL, "%s: %s", path, _("xl/sharedStrings.xml is not valid XML"));
		free(part);
		goto out;
	}
	free(data);
	data = zip_part(z, "xl/styles.xml", &len);
	if (data)
		parse(&p, data, len, st_start, st_end);
	free(data);
	data = zip_part(z, part, &len);
	p.in_t = p.in_rph = 0;
	p.out = out;
	csv_writer_init(&p.w, out, ',');
	if (!data)
		err_set(err, TKVV_EFAIL, "%s:%s: %s %s", path, p.first_name, _("missing part"), part);
	else if (parse(&p, data, len, sh_start, sh_end) < 0)
		err_set(err, TKVV_EFAIL, "%s:%s: %s", path, p.first_name,
			_("the sheet is not valid XML"));
	else
		rc = 0;
	if (rc == 0) {
		*name = p.first_name;
		p.first_name = NULL;
	}
	free(part);
out:
	free(data);
	xparse_free(&p);
	unzClose(z);
	return rc;
}
