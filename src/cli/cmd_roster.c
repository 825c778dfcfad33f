/* tkvv roster [--hamlet H | --group G] [--plan ID] FILE.xlsx|FILE.csv: the
 * group rosters for printing; --plan keeps the groups a plan changed. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "tkvv/i18n.h"
#include "tkvv/roster.h"
#include "tkvv/textsafe.h"

/* Parse the options into FILTER and *FILE; return 0 or an exit status. */
static int parse_options(int argc, char **argv, struct roster_filter *filter, const char **file)
{
	static const struct option opts[] = {
		{"hamlet", required_argument, NULL, 'H'},
		{"group", required_argument, NULL, 'g'},
		{"plan", required_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":H:g:p:", opts, NULL)) != -1) {
		char *end;
		switch (c) {
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
	*file = argv[optind];
	if (roster_format_of(*file) == ROSTER_FORMAT_NONE)
		return cli_usage("roster", _("%s: the file name must end in .xlsx or .csv"), *file);
	return 0;
}

int cmd_roster(struct cli *cli, int argc, char **argv)
{
	struct roster_filter filter = {0};
	const char *file = NULL;
	int rc = parse_options(argc, argv, &filter, &file);
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
	if (roster_save(&r, file, &err) < 0)
		rc = cli_report(&err);
	else
		printf(_("%s: written (groups: %zu, members: %zu)\n"), file, r.n, r.members);
	roster_free(&r);
	return rc;
}
