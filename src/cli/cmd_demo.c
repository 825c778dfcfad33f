/* tkvv demo: fill an empty database with the generated demo district. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "tkvv/demo.h"
#include "tkvv/i18n.h"
#include "tkvv/quality.h"
#include "tkvv/textsafe.h"

/* Parse the command's options into OPTS; returns 0, or the usage status. */
static int parse(int argc, char **argv, struct demo_opts *opts)
{
	static const struct option longopts[] = {
		{"seed", required_argument, NULL, 's'},
		{"scale", required_argument, NULL, 'S'},
		{"as-of", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;  /* one line of our own instead of getopt's */
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 's':
			errno = 0;
			opts->seed = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-')
				return cli_usage("demo", _("--seed: '%s' is not a whole number"), TEXT_Q(optarg));
			break;
		case 'a': {
			int32_t day;
			if (quality_parse_date(optarg, &day) < 0)
				return cli_usage("demo", _("--as-of: '%s' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
						 TEXT_Q(optarg));
			opts->as_of = optarg;
			break;
		}
		case 'S':
			if (strcmp(optarg, "district") == 0)
				opts->scale = DEMO_DISTRICT;
			else if (strcmp(optarg, "province") == 0)
				opts->scale = DEMO_PROVINCE;
			else
				return cli_usage("demo", _("--scale: '%s' is neither district nor province"), TEXT_Q(optarg));
			break;
		default:
			return cli_usage("demo", "%s", _("takes only --seed N, --scale district|province and --as-of DATE"));
		}
	}
	if (optind < argc)
		return cli_usage("demo", "%s", _("takes only --seed N, --scale district|province and --as-of DATE"));
	return 0;
}

/* Seconds since an arbitrary start, for the time taken. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	struct demo_opts opts = {1, DEMO_DISTRICT, 0, NULL};
	struct demo_counts n;
	struct tkvv_err err;
	int rc = parse(argc, argv, &opts);
	if (rc)
		return rc;
	rc = cli_open_db(cli, DB_CREATE);
	if (rc)
		return rc;
	err_clear(&err);
	double start = now();
	if (demo_generate(cli->db, &opts, &n, &err) < 0)
		return cli_report(&err);
	/* The seconds with the decimal mark of the language (a comma in Vietnamese). */
	char secs[32], *dot;
	snprintf(secs, sizeof secs, "%.1f", now() - start);
	if (strcmp(cli->cfg.language, "en") != 0 && (dot = strchr(secs, '.')))
		*dot = ',';
	printf(_("Made the demo %s (seed %llu, as of %s): %lld communes, %lld hamlets, %lld groups, "
		 "%lld members, %lld loans, %lld payments in %s s\n"),
	       opts.scale == DEMO_PROVINCE ? _("province") : _("district"),
	       (unsigned long long)opts.seed, n.as_of, n.communes, n.hamlets, n.groups,
	       n.members, n.loans, n.payments, secs);
	return 0;
}
