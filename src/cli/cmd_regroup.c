/* tkvv regroup: propose (and with --apply, apply) a regrouping plan. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan_print.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/textsafe.h"

/* Parse a whole number from S within [LO, HI]; -1 when it is not one. */
static long parse_long(const char *s, long lo, long hi)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	return v;
}

/* Parse --max-moves: N, or P% of the located members. */
static int parse_budget(const char *s, struct plan_options *o)
{
	size_t n = strlen(s);
	if (n > 1 && s[n - 1] == '%') {
		char *num = xstrndup(s, n - 1);
		double pct = -1;
		int ok = !parse_number(num, &pct) && pct >= 0 && pct <= 100;
		free(num);
		o->max_moves_pct = pct;
		return ok ? 0 : -1;
	}
	o->max_moves = parse_long(s, 0, 100000000);
	return o->max_moves < 0 ? -1 : 0;
}

/* Parse the options of regroup into O; returns 0, or the usage exit status.
 * *APPLY is 1 for --apply, 2 for --save (a draft), 0 for a preview. */
static int parse_regroup(int argc, char **argv, struct plan_options *o,
			 int *fmt, int *apply, const char **note, const struct config *cfg)
{
	static const struct option opts[] = {
		{"commune", required_argument, NULL, 'c'}, {"hamlet", required_argument, NULL, 'h'},
		{"all", no_argument, NULL, 'a'}, {"min", required_argument, NULL, 'm'},
		{"max", required_argument, NULL, 'M'}, {"moves-weight", required_argument, NULL, 'w'},
		{"max-moves", required_argument, NULL, 'b'}, {"new-leaders", no_argument, NULL, 'L'},
		{"format", required_argument, NULL, 'f'}, {"apply", no_argument, NULL, 'A'},
		{"note", required_argument, NULL, 'n'}, {"no-merges", no_argument, NULL, 'G'},
		{"no-tradeoff", no_argument, NULL, 'T'}, {"tradeoff", no_argument, NULL, 't'},
		{"save", no_argument, NULL, 'S'}, {"review-leaders", no_argument, NULL, 'R'},
		{"org-tolerance", required_argument, NULL, 'O'},
		{NULL, 0, NULL, 0},
	};
	int c, scopes = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'c': o->scope = PLAN_COMMUNE; o->code = optarg; scopes++; break;
		case 'h': o->scope = PLAN_HAMLET; o->code = optarg; scopes++; break;
		case 'a': o->scope = PLAN_ALL; scopes++; break;
		case 'm':
			if ((o->min = (int)parse_long(optarg, 1, 1000)) < 0)
				return cli_usage("regroup", _("--min '%s' is not a whole number from 1 to 1000"), TEXT_Q(optarg));
			break;
		case 'M':
			if ((o->max = (int)parse_long(optarg, 1, 1000)) < 0)
				return cli_usage("regroup", _("--max '%s' is not a whole number from 1 to 1000"), TEXT_Q(optarg));
			break;
		case 'w':
			if (parse_number(optarg, &o->move_weight) || o->move_weight < 0)
				return cli_usage("regroup", _("--moves-weight '%s' is not a number of metres, 0 or more"), TEXT_Q(optarg));
			break;
		case 'b':
			if (parse_budget(optarg, o) < 0)
				return cli_usage("regroup", _("--max-moves '%s' is neither a whole number nor a percentage like 25%%"), TEXT_Q(optarg));
			break;
		case 'L': o->new_leaders = 1; break;
		case 'f':
			if ((*fmt = out_format_parse(optarg)) < 0)
				return cli_usage("regroup", _("--format '%s' is not text, csv or json"), TEXT_Q(optarg));
			break;
		case 'A': *apply = 1; break;
		case 'S': *apply = *apply ? *apply : 2; break;
		case 'n': *note = optarg; break;
		case 'G': o->merges = 0; break;
		case 'R': o->review = cfg; break;
		case 'O':
			if (parse_number(optarg, &o->org_tolerance) || o->org_tolerance < 0 || o->org_tolerance > 100)
				return cli_usage("regroup", _("--org-tolerance '%s' is not a number of percentage points from 0 to 100"),
						 TEXT_Q(optarg));
			o->org_check = 1;
			break;
		case 'T': o->tradeoff = 0; break;
		case 't': o->tradeoff = 1; break;
		case ':': return cli_usage("regroup", _("%s needs a value"), argv[optind - 1]);
		default: return cli_usage("regroup", _("unknown option '%s'"), TEXT_Q(argv[optind - 1]));
		}
	}
	if (optind < argc)
		return cli_usage("regroup", _("unexpected argument '%s'"), TEXT_Q(argv[optind]));
	if (scopes > 1)
		return cli_usage("regroup", "%s", _("give only one of --commune, --hamlet and --all"));
	if (o->min > o->max)
		return cli_usage("regroup", _("--min %d is above --max %d"), o->min, o->max);
	return 0;
}

int cmd_regroup(struct cli *cli, int argc, char **argv)
{
	struct plan_options o = {
		.scope = PLAN_ALL, .min = cli->cfg.group_min, .max = cli->cfg.group_max,
		.max_moves = -1, .max_moves_pct = -1, .merges = 1, .low_balance = cli->cfg.low_balance,
		.merge_walk_limit = cli->cfg.merge_walk_limit,
		.org_check = cli->cfg.org_tolerance < 100, .org_tolerance = cli->cfg.org_tolerance,
		.tradeoff = 1, .recommend = 1,
	};
	int fmt = OUT_TEXT, apply = 0, rc;
	const char *note = NULL;
	struct tkvv_err err;
	struct plan p;
	err_clear(&err);
	if ((rc = parse_regroup(argc, argv, &o, &fmt, &apply, &note, &cli->cfg)) != 0)
		return rc;
	if ((rc = cli_open_db(cli, 0)) != 0)
		return rc;
	if (plan_build(cli->db, &o, &p, &err) < 0) {
		plan_free(&p);
		return cli_report(&err);
	}
	rc = db_begin(cli->db, &err);
	if (rc == 0)
		rc = plan_save(cli->db, &p, &err);
	if (rc == 0 && apply == 1)
		rc = plan_apply(cli->db, p.id, note, 1, &err);
	/* Print the plan as saved, so that regroup and plan show print the same;
	 * a preview is saved only to be read back, and rolled back. */
	int64_t id = p.id;
	plan_free(&p);
	if (rc == 0 && !apply)
		rc = plan_load(cli->db, id, &p, &err);
	if (rc == 0 && apply)
		rc = db_commit(cli->db, &err);
	else
		db_rollback(cli->db);
	if (rc == 0 && apply)
		rc = plan_load(cli->db, id, &p, &err);
	if (rc < 0)
		return cli_report(&err);
	if (!apply) {
		p.id = 0;
		snprintf(p.status, sizeof p.status, "%s", "preview");
	}
	plan_print(stdout, &p, (enum out_format)fmt);
	if (apply == 2 && fmt == OUT_CSV)
		fprintf(stderr, _("plan %lld saved as a draft\n"), (long long)p.id);
	plan_free(&p);
	return 0;
}
