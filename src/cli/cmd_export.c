/* tkvv export KIND [FILE.csv] [--format csv|json|text]: what import reads. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tkvv/csvio.h"
#include "tkvv/i18n.h"
#include "tkvv/textsafe.h"

/* Export KIND into PATH, removing the file when it could not be completed. */
static int export_file(struct cli *cli, int kind, int format, const char *path,
		       const char *today, struct tkvv_err *err)
{
	FILE *out = fopen(path, "wb");
	if (!out)
		return err_set(err, TKVV_EFAIL, "%s: %s: %s", path, _("cannot write"),
			       strerror(errno));
	int rc = csvio_export(cli->db, (enum csvio_kind)kind, (enum csvio_format)format, today,
			      out, err);
	if (ferror(out) && rc == 0)
		rc = err_set(err, TKVV_EFAIL, "%s: %s: %s", path, _("cannot write"), strerror(errno));
	if (fclose(out) != 0 && rc == 0)
		rc = err_set(err, TKVV_EFAIL, "%s: %s: %s", path, _("cannot write"), strerror(errno));
	if (rc < 0)
		remove(path);
	return rc;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct tkvv_err err;
	char today[11];
	int format = CSVIO_CSV, c;

	while ((c = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
		if (c == 'h') {
			printf("%s: tkvv export KIND [FILE.csv] [--format csv|json|text]\n", _("Usage"));
			return 0;
		}
		if (c != 'f')
			return cli_usage("export", c == ':' ? _("%s needs a value") : _("unknown option '%s'"),
			                 argv[optind - 1]);
		format = csvio_format_by_name(optarg);
		if (format < 0)
			return cli_usage("export", _("unknown format '%s'"), TEXT_Q(optarg));
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage("export", "%s", _("needs a KIND and at most one FILE"));
	int kind = csvio_kind_by_name(argv[optind]);
	if (kind < 0)
		return cli_usage("export", _("unknown kind '%s'"), TEXT_Q(argv[optind]));
	int flags = access(cli->db_path, W_OK) != 0 && errno != ENOENT ? DB_READONLY : DB_CREATE;
	int rc = cli_open_db(cli, flags);
	if (rc)
		return rc;
	err_clear(&err);
	csvio_today(today);
	if (argc - optind == 2)
		rc = export_file(cli, kind, format, argv[optind + 1], today, &err);
	else
		rc = csvio_export(cli->db, (enum csvio_kind)kind, (enum csvio_format)format, today,
				  stdout, &err);
	if (rc == 0 && fflush(stdout) != 0)
		rc = err_set(&err, TKVV_EFAIL, "%s: %s", _("cannot write"), strerror(errno));
	return rc < 0 ? cli_report(&err) : 0;
}
