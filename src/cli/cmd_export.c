/* tkvv export KIND [FILE.csv|FILE.xlsx] [--format csv|json|text|xlsx] [--bom] [--sep ';']:
 * what import reads. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "tkvv/csvio.h"
#include "tkvv/i18n.h"
#include "tkvv/textsafe.h"

/* --format xlsx, beside csvio's formats. */
enum { EXPORT_XLSX = 100 };

/* How the rows are written: the format and, for csv, the separator and BOM. */
struct export_how {
	int format, bom;
	char sep;
};

static int export_to(struct cli *cli, int kind, const struct export_how *how, const char *today,
		     FILE *out, struct tkvv_err *err)
{
	if (how->format == CSVIO_CSV)
		return csvio_export_csv(cli->db, (enum csvio_kind)kind, today, how->sep, how->bom,
					out, err);
	return csvio_export(cli->db, (enum csvio_kind)kind, (enum csvio_format)how->format, today,
			    out, err);
}

/* Export KIND as xlsx into FILE ("-": standard output, through a temporary file). */
static int export_xlsx(struct cli *cli, int kind, const char *file, const char *today,
		       struct tkvv_err *err)
{
	if (strcmp(file, "-") != 0)
		return csvio_export_xlsx(cli->db, (enum csvio_kind)kind, today, file, err);
	char *tmp;
	if (cli_temp_file(&tmp, err) < 0)
		return -1;
	int rc = csvio_export_xlsx(cli->db, (enum csvio_kind)kind, today, tmp, err);
	if (rc == 0)
		rc = cli_copy_to_stdout(tmp, err);
	unlink(tmp);
	free(tmp);
	return rc;
}

/* Export KIND into PATH, removing the file when it could not be completed;
 * without FORCE a file that appeared meanwhile is not replaced either. */
static int export_file(struct cli *cli, int kind, const struct export_how *how, const char *path,
		       int force, const char *today, struct tkvv_err *err)
{
	FILE *out = fopen(path, force ? "wb" : "wbx");
	if (!out && errno == EEXIST)
		return err_set(err, TKVV_EFAIL, _("%s: already exists; not overwritten (--force replaces it)"), path);
	if (!out)
		return err_set(err, TKVV_EFAIL, "%s: %s: %s", path, _("cannot write"),
			       strerror(errno));
	int rc = export_to(cli, kind, how, today, out, err);
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
		{"bom", no_argument, NULL, 'B'},
		{"sep", required_argument, NULL, 'S'},
		{NULL, 0, NULL, 0},
	};
	struct tkvv_err err;
	char today[11];
	struct export_how how = {CSVIO_CSV, 0, ','};
	int format = CSVIO_CSV, force = 0, csv_only = 0, format_given = 0, c;

	while ((c = getopt_long(argc, argv, ":f:", opts, NULL)) != -1) {
		if (c == 'F') {
			force = 1;
			continue;
		}
		if (c == 'B') {
			how.bom = csv_only = 1;
			continue;
		}
		if (c == 'S') {
			if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\t") == 0)
				how.sep = '\t';
			else if (strcmp(optarg, ",") == 0 || strcmp(optarg, ";") == 0)
				how.sep = optarg[0];
			else
				return cli_usage("export", _("separator '%s' is not ',', ';' or 'tab'"),
						 TEXT_Q(optarg));
			csv_only = 1;
			continue;
		}
		if (c != 'f')
			return cli_usage("export", c == ':' ? _("%s needs a value") : _("unknown option '%s'"),
			                 argv[optind - 1]);
		format_given = 1;
		format = strcmp(optarg, "xlsx") == 0 ? EXPORT_XLSX : csvio_format_by_name(optarg);
		if (format < 0)
			return cli_usage("export", _("unknown format '%s'"), TEXT_Q(optarg));
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage("export", "%s", _("needs a KIND and at most one FILE"));
	if (csv_only && format != CSVIO_CSV)
		return cli_usage("export", "%s", _("--bom and --sep are for --format csv only"));
	int kind = csvio_kind_by_name(argv[optind]);
	if (kind < 0)
		return cli_usage("export", _("unknown kind '%s'"), TEXT_Q(argv[optind]));
	const char *file = argc - optind == 2 ? argv[optind + 1] : "-";
	int rc = cli_file_arg("export", file, 1);
	if (rc)
		return rc;
	size_t len = strlen(file);
	int xlsx_name = len > 5 && strcasecmp(file + len - 5, ".xlsx") == 0;
	if (xlsx_name && format != EXPORT_XLSX && format_given)
		return cli_usage("export", _("%s: the name does not match --format"), file);
	if (xlsx_name)
		format = EXPORT_XLSX;
	if (format == EXPORT_XLSX && csv_only)
		return cli_usage("export", "%s", _("--bom and --sep are for --format csv only"));
	if (format == EXPORT_XLSX && strcmp(file, "-") == 0 && (rc = cli_stdout_binary("export")))
		return rc;
	how.format = format;
	if (strcmp(file, "-") != 0 && cli_refuse_overwrite(file, force))
		return TKVV_EFAIL;
	int flags = access(cli->db_path, W_OK) != 0 && errno != ENOENT ? DB_READONLY : DB_CREATE;
	rc = cli_open_db(cli, flags);
	if (rc)
		return rc;
	err_clear(&err);
	csvio_today(today);
	if (format == EXPORT_XLSX)
		rc = export_xlsx(cli, kind, file, today, &err);
	else if (strcmp(file, "-") != 0)
		rc = export_file(cli, kind, &how, file, force, today, &err);
	else
		rc = export_to(cli, kind, &how, today, stdout, &err);
	if (rc == 0 && fflush(stdout) != 0)
		rc = err_set(&err, TKVV_EFAIL, "%s: %s", _("cannot write"), strerror(errno));
	if (rc < 0)
		return cli_report(&err);
	/* Only members carry national IDs and phones; standard output is the
	 * caller's to look after. */
	if (kind == CSVIO_MEMBERS && strcmp(file, "-") != 0)
		cli_clear_notice(file);
	return 0;
}
