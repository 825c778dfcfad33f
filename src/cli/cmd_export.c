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

/* Export KIND into PATH, removing the file when it could not be completed;
 * without FORCE a file that appeared meanwhile is not replaced either. */
static int export_file(struct cli *cli, int kind, int format, const char *path, int force,
		       const char *today, struct tkvv_err *err)
{
	FILE *out = fopen(path, force ? "wb" : "wbx");
	if (!out && errno == EEXIST)
		return err_set(err, TKVV_EFAIL, _("%s: already exists; not overwritten (--force replaces it)"), path);
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
		{"force", no_argument, NULL, 'F'},
		{NULL, 0, NULL, 0},
	};
	struct tkvv_err err;
	char today[11];
	int format = CSVIO_CSV, force = 0, c;

	while ((c = getopt_long(argc, argv, ":f:", opts, NULL)) != -1) {
		if (c == 'F') {
			force = 1;
			continue;
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
	const char *file = argc - optind == 2 ? argv[optind + 1] : "-";
	int rc = cli_file_arg("export", file, 1);
	if (rc)
		return rc;
	if (strcmp(file, "-") != 0 && cli_refuse_overwrite(file, force))
		return TKVV_EFAIL;
	int flags = access(cli->db_path, W_OK) != 0 && errno != ENOENT ? DB_READONLY : DB_CREATE;
	rc = cli_open_db(cli, flags);
	if (rc)
		return rc;
	err_clear(&err);
	csvio_today(today);
	if (strcmp(file, "-") != 0)
		rc = export_file(cli, kind, format, file, force, today, &err);
	else
		rc = csvio_export(cli->db, (enum csvio_kind)kind, (enum csvio_format)format, today,
				  stdout, &err);
	if (rc == 0 && fflush(stdout) != 0)
		rc = err_set(&err, TKVV_EFAIL, "%s: %s", _("cannot write"), strerror(errno));
	return rc < 0 ? cli_report(&err) : 0;
}
