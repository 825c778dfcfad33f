/* tkvv search TEXT: the members the UI's search would find, as a table, CSV or JSON. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tkvv/i18n.h"
#include "tkvv/search.h"
#include "tkvv/table.h"
#include "tkvv/text.h"
#include "tkvv/textsafe.h"

enum search_format { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON };

#define SEARCH_DEFAULT_LIMIT 100
#define NAME_MAX_COLS 40

/* The columns' headings on screen. */
static const char *const field_labels[] = {
	N_("Code"), N_("Full name"), N_("Hamlet"), N_("Group"), N_("National ID"), N_("Phone"),
};

/* The fields of member M: code, name, hamlet, group, national ID, phone. */
static void member_fields(const struct search_member *m, const char *f[6])
{
	f[0] = m->code;
	f[1] = m->full_name;
	f[2] = m->hamlet_code;
	f[3] = m->group_code;
	f[4] = m->national_id;
	f[5] = m->phone;
}

/* PAGE as a table of the shared table module, for csv and json. */
static void page_table(const struct search_page *page, struct table *t)
{
	static const struct column cols[] = {
		{"member_code", N_("Code"), 0}, {"full_name", N_("Full name"), 0},
		{"hamlet_code", N_("Hamlet"), 0}, {"group_code", N_("Group"), 0},
		{"national_id", N_("National ID"), 0}, {"phone", N_("Phone"), 0},
	};
	table_init(t, "members", _("Members"), cols, ARRAY_LEN(cols));
	for (size_t r = 0; r < page->n; r++) {
		const char *f[6];
		member_fields(&page->rows[r], f);
		struct cell *row = table_row(t);
		for (size_t i = 0; i < ARRAY_LEN(cols); i++)
			row[i] = cell_text(f[i] ? f[i] : "");
	}
}

/* Print PAGE as CSV with a header row, or as a JSON array of objects. */
static void print_plain(const struct search_page *page, int json)
{
	struct table t;
	page_table(page, &t);
	if (json)
		table_write_json_array(stdout, &t);
	else
		table_write_csv(stdout, &t, 1);
	table_free(&t);
}

/* Print the cells F as one row of columns COLS wide, cut and padded by
 * display columns, with no trailing spaces. */
static void print_row(const char *const f[6], const size_t cols[6])
{
	size_t pending = 0;
	for (size_t i = 0; i < 6; i++) {
		size_t bytes = text_fit(f[i], cols[i]);
		if (bytes) {
			printf("%*s", (int)pending, "");
			fwrite(f[i], 1, bytes, stdout);
			pending = 0;
		}
		size_t width = text_width(f[i]);
		pending += (width < cols[i] ? cols[i] - width : 0) + 2;
	}
	putchar('\n');
}

/* Print PAGE as a table whose columns are measured in display columns.
 * Stored text may hold control characters (an older tkvv let them in):
 * they reach the terminal as \xNN. */
static void print_text(const struct search_page *page)
{
	size_t cols[6];
	char **safe = xcalloc(page->n * 6 + 1, sizeof *safe);
	for (size_t i = 0; i < ARRAY_LEN(field_labels); i++)
		cols[i] = text_width(_(field_labels[i]));
	for (size_t r = 0; r < page->n; r++) {
		const char *f[6];
		member_fields(&page->rows[r], f);
		for (size_t i = 0; i < ARRAY_LEN(cols); i++) {
			safe[r * 6 + i] = text_safe_dup(f[i]);
			if (text_width(safe[r * 6 + i]) > cols[i])
				cols[i] = text_width(safe[r * 6 + i]);
		}
	}
	if (cols[1] > NAME_MAX_COLS)
		cols[1] = NAME_MAX_COLS;
	const char *labels[6];
	for (size_t i = 0; i < ARRAY_LEN(labels); i++)
		labels[i] = _(field_labels[i]);
	print_row(labels, cols);
	for (size_t r = 0; r < page->n; r++)
		print_row((const char *const *)safe + r * 6, cols);
	for (size_t i = 0; i < page->n * 6; i++)
		free(safe[i]);
	free(safe);
	if ((long)page->n < page->total)
		printf(_("the first %ld of %ld members (--limit N to see more)\n"), (long)page->n,
		       page->total);
}

/* Parse the options; fill FORMAT and LIMIT, return 0 or an exit status. */
static int parse_options(int argc, char **argv, enum search_format *format, int *limit)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"limit", required_argument, NULL, 'l'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:l:", opts, NULL)) != -1) {
		char *end;
		long v;
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0) *format = FORMAT_TEXT;
			else if (strcmp(optarg, "csv") == 0) *format = FORMAT_CSV;
			else if (strcmp(optarg, "json") == 0) *format = FORMAT_JSON;
			else return cli_usage("search", _("--format: '%s' is not text, csv or json"), TEXT_Q(optarg));
			break;
		case 'l':
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || v < 0 || v > 1000000)
				return cli_usage("search", _("--limit: '%s' is not a number from 0 to 1000000 (0: all)"), TEXT_Q(optarg));
			*limit = v ? (int)v : 1000000;
			break;
		case ':':
			return cli_usage("search", _("%s needs a value"), argv[optind - 1]);
		default:
			return cli_usage("search", _("unknown option '%s'"), TEXT_Q(argv[optind - 1]));
		}
	}
	if (optind >= argc)
		return cli_usage("search", "%s", _("the text to search for is missing"));
	return 0;
}

int cmd_search(struct cli *cli, int argc, char **argv)
{
	enum search_format format = FORMAT_TEXT;
	int limit = SEARCH_DEFAULT_LIMIT;
	int rc = parse_options(argc, argv, &format, &limit);
	if (rc)
		return rc;
	struct strbuf query;
	sb_init(&query);
	for (int i = optind; i < argc; i++) {
		sb_adds(&query, argv[i]);
		sb_addc(&query, ' ');
	}
	rc = cli_open_db(cli, DB_READONLY);
	struct search_page page = {0};
	struct tkvv_err err;
	err_clear(&err);
	if (rc == 0 && search_members(cli->db, NULL, query.buf, 0, limit, &page, &err) < 0)
		rc = cli_report(&err);
	sb_free(&query);
	if (rc)
		return rc;
	if (format != FORMAT_TEXT)
		print_plain(&page, format == FORMAT_JSON);
	else if (page.n == 0)
		fprintf(stderr, "tkvv: %s\n", _("no members match"));
	else
		print_text(&page);
	search_page_free(&page);
	return 0;
}
