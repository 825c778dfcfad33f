/* tkvv import KIND FILE.csv: every row of the file or none. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tkvv/csv_source.h"
#include "tkvv/csvio.h"
#include "tkvv/i18n.h"
#include "tkvv/textsafe.h"

/* The open flags for a command that writes: read-only when the file exists
 * but cannot be written, so that the error is the database's, in one line. */
static int write_flags(const char *path)
{
	if (access(path, W_OK) != 0 && errno != ENOENT)
		return DB_READONLY;
	return DB_CREATE;
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"sheet", required_argument, NULL, 's'},
		{"encoding", required_argument, NULL, 'e'},
		{NULL, 0, NULL, 0},
	};
	const char *sheet = NULL, *encoding = NULL;
	struct tkvv_err err;
	struct csvio_counts counts;
	char today[11];
	int c;

	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 's') {
			sheet = optarg;
		} else if (c == 'e') {
			if (!csv_source_encoding_ok(optarg))
				return cli_usage("import", _("unknown encoding '%s' (utf-8, utf-16, "
							     "utf-16le, utf-16be, cp1258)"),
						 TEXT_Q(optarg));
			encoding = optarg;
		} else {
			return cli_usage("import", c == ':' ? _("%s needs a value") :
					 _("unknown option '%s'"), TEXT_Q(argv[optind - 1]));
		}
	}
	csv_source_set(sheet, encoding);
	if (argc - optind != 2)
		return cli_usage("import", "%s", _("needs a KIND and a FILE.csv"));
	int kind = csvio_kind_by_name(argv[optind]);
	if (kind < 0)
		return cli_usage("import", _("unknown kind '%s'"), TEXT_Q(argv[optind]));
	const char *path = argv[optind + 1];
	int rc = cli_file_arg("import", path, 1);
	if (rc)
		return rc;
	rc = cli_open_db(cli, write_flags(cli->db_path));
	if (rc)
		return rc;
	err_clear(&err);
	csvio_today(today);
	if (csvio_import(cli->db, (enum csvio_kind)kind, path, today, &counts, &err) < 0)
		return cli_report(&err);
	printf(_("%s: %ld added, %ld updated, %ld unchanged\n"), strcmp(path, "-") ? path : "stdin", counts.added,
	       counts.updated, counts.unchanged);
	/* Groups above the bank's bound are the bank's data: imported, but said. */
	if (kind == CSVIO_MEMBERS || kind == CSVIO_GROUPS) {
		struct strbuf big;
		sb_init(&big);
		long n = csvio_oversized_groups(cli->db, cli->cfg.group_max, &big);
		if (n)
			printf(_("warning: %ld groups have more than %d members (groups.max_members; "
				 "tkvv check reports them): %s\n"), n, cli->cfg.group_max, big.buf);
		sb_free(&big);
	}
	return 0;
}
