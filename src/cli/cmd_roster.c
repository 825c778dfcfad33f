/* tkvv roster [--hamlet H | --group G] [--plan ID] [--force] [--format csv|xlsx]
 * FILE.xlsx|FILE.csv|-: the group rosters for printing; --plan keeps the
 * groups a plan changed; - writes to standard output. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tkvv/i18n.h"
#include "tkvv/roster.h"
#include "tkvv/textsafe.h"

/* Where and how the rosters are written. */
struct roster_out {
	const char *file;            /* "-": standard output */
	enum roster_format format;
	int force;
};

/* The format named S (csv or xlsx) into OUT. */
static int parse_format(const char *s, struct roster_out *out)
{
	if (strcmp(s, "csv") == 0)
		out->format = ROSTER_FORMAT_CSV;
	else if (strcmp(s, "xlsx") == 0)
		out->format = ROSTER_FORMAT_XLSX;
	else
		return cli_usage("roster", _("--format '%s' is not csv or xlsx"), s);
	return 0;
}

/* Check the FILE of OUT against its format, and that it may be written. */
static int check_file(struct roster_out *out)
{
	int rc = cli_file_arg("roster", out->file, 1);
	if (rc)
		return rc;
	if (strcmp(out->file, "-") == 0) {
		if (out->format == ROSTER_FORMAT_NONE)
			out->format = ROSTER_FORMAT_CSV;
		return out->format == ROSTER_FORMAT_XLSX ? cli_stdout_binary("roster") : 0;
	}
	enum roster_format f = roster_format_of(out->file);
	if (f == ROSTER_FORMAT_NONE)
		return cli_usage("roster", _("%s: the file name must end in .xlsx or .csv"), out->file);
	if (out->format != ROSTER_FORMAT_NONE && out->format != f)
		return cli_usage("roster", _("%s: the name does not match --format"), out->file);
	out->format = f;
	return cli_refuse_overwrite(out->file, out->force) ? TKVV_EFAIL : 0;
}

/* Parse the options into FILTER and OUT; return 0 or an exit status. */
static int parse_options(int argc, char **argv, struct roster_filter *filter, struct roster_out *out)
{
	static const struct option opts[] = {
		{"hamlet", required_argument, NULL, 'H'},
		{"group", required_argument, NULL, 'g'},
		{"plan", required_argument, NULL, 'p'},
		{"format", required_argument, NULL, 'f'},
		{"force", no_argument, NULL, 'F'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":H:g:p:", opts, NULL)) != -1) {
		char *end;
		int rc;
		switch (c) {
		case 'f':
			if ((rc = parse_format(optarg, out)) != 0)
				return rc;
			break;
		case 'F': out->force = 1; break;
		case 'H': filter->hamlet_code = optarg; break;
		case 'g': filter->group_code = optarg; break;
		case 'p':
			filter->plan_id = strtoll(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || filter->plan_id <= 0)
				return cli_usage("roster", _("--plan: '%s' is not a plan number"), TEXT_Q(optarg));
			break;
		case ':':
			return cli_usage("roster", _("%s needs a value"), argv[optind - 1]);
		default:
			return cli_usage("roster", _("unknown option '%s'"), TEXT_Q(argv[optind - 1]));
		}
	}
	if (filter->hamlet_code && filter->group_code)
		return cli_usage("roster", "%s", _("give --hamlet or --group, not both"));
	if (optind != argc - 1)
		return cli_usage("roster", "%s", _("give one FILE.xlsx or FILE.csv to write"));
	out->file = argv[optind];
	return check_file(out);
}

/* Write R to standard output in FORMAT (xlsx through a temporary file). */
static int write_stdout(const struct roster *r, enum roster_format format, struct tkvv_err *err)
{
	if (r->n == 0)
		return err_set(err, TKVV_EFAIL, _("%s: no active group to write; nothing written"), "-");
	if (format == ROSTER_FORMAT_CSV) {
		int rc = roster_write_csv(r, stdout, "-", err);
		if (rc == 0 && fflush(stdout) != 0)
			rc = err_set(err, TKVV_EFAIL, "%s: %s", _("standard output"), strerror(errno));
		return rc;
	}
	char *tmp;
	if (cli_temp_file(&tmp, err) < 0)
		return -1;
	int rc = roster_write_xlsx(r, tmp, "-", err);
	if (rc == 0)
		rc = cli_copy_to_stdout(tmp, err);
	unlink(tmp);
	free(tmp);
	return rc;
}

int cmd_roster(struct cli *cli, int argc, char **argv)
{
	struct roster_filter filter = {0};
	struct roster_out out = {NULL, ROSTER_FORMAT_NONE, 0};
	int rc = parse_options(argc, argv, &filter, &out);
	if (rc)
		return rc;
	filter.lang = roster_lang_of(cli->cfg.language);
	rc = cli_open_db(cli, DB_READONLY);
	if (rc)
		return rc;
	struct roster r;
	struct tkvv_err err;
	err_clear(&err);
	if (roster_load(cli->db, &filter, &r, &err) < 0)
		return cli_report(&err);
	if (strcmp(out.file, "-") == 0) {
		if (write_stdout(&r, out.format, &err) < 0)
			rc = cli_report(&err);
	} else if (roster_save(&r, out.file, &err) < 0) {
		rc = cli_report(&err);
	} else {
		printf(_("%s: written (groups: %zu, members: %zu)\n"), out.file, r.n, r.members);
	}
	roster_free(&r);
	return rc;
}
