/* tkvv map --hamlet H [--plan ID] [--force] FILE.svg|FILE.pdf|FILE.png: a
 * picture of the hamlet's groups for the meeting, before and after a plan. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/mapdraw.h"
#include "tkvv/textsafe.h"

struct map_args {
	const char *hamlet, *file;
	int64_t plan;
	int force;
	enum map_format format;
};

static int parse(int argc, char **argv, struct map_args *a)
{
	static const struct option opts[] = {
		{"hamlet", required_argument, NULL, 'H'},
		{"plan", required_argument, NULL, 'p'},
		{"force", no_argument, NULL, 'F'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":H:p:", opts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'H': a->hamlet = optarg; break;
		case 'F': a->force = 1; break;
		case 'p':
			a->plan = strtoll(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || a->plan <= 0)
				return cli_usage("map", _("--plan: '%s' is not a plan number"), TEXT_Q(optarg));
			break;
		case ':':
			return cli_usage("map", _("%s needs a value"), argv[optind - 1]);
		default:
			return cli_usage("map", _("unknown option '%s'"), TEXT_Q(argv[optind - 1]));
		}
	}
	if (!a->hamlet)
		return cli_usage("map", "%s", _("give the hamlet: --hamlet H"));
	if (optind != argc - 1)
		return cli_usage("map", "%s", _("give one FILE.svg, FILE.pdf or FILE.png to write"));
	a->file = argv[optind];
	int rc = cli_file_arg("map", a->file, 0);
	if (rc)
		return rc;
	a->format = map_format_of(a->file);
	if (a->format == MAP_FORMAT_NONE)
		return cli_usage("map", _("%s: the file name must end in .svg, .pdf or .png"), a->file);
	return cli_refuse_overwrite(a->file, a->force) ? TKVV_EFAIL : 0;
}

int cmd_map(struct cli *cli, int argc, char **argv)
{
	struct map_args a = {0};
	int rc = parse(argc, argv, &a);
	if (rc)
		return rc;
	rc = cli_open_db(cli, DB_READONLY);
	if (rc)
		return rc;
	struct map_data d;
	struct tkvv_err err;
	err_clear(&err);
	if (map_load(cli->db, a.hamlet, a.plan, cli->cfg.group_min, cli->cfg.group_max, &d, &err) < 0)
		return cli_report(&err);
	if (map_write(&d, a.file, a.format, &err) < 0)
		rc = cli_report(&err);
	else
		printf(_("%s: written (hamlet %s, groups: %d, households: %zu)\n"), a.file, d.hamlet_code,
		       d.before.m.groups, d.n);
	map_data_free(&d);
	return rc;
}
