/* tkvv check: integrity of the file and of the domain rules, one line per problem. */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "tkvv/check.h"
#include "tkvv/i18n.h"

#define CHECK_MAX_LINES 50

/* Print one line of the report, with a heading before a rule's first problem. */
static void print_problem(void *ctx, const struct check_problem *p)
{
	(void)ctx;
	if (p->index == 0)
		printf("%s (%s):\n", p->rule, p->description);
	printf("  %s\n", p->line);
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage("check", "%s", _("takes no arguments"));
	int rc = cli_open_db(cli, 0);
	if (rc)
		return rc;
	struct check_options opt = {
		.group_min = cli->cfg.group_min,
		.group_max = cli->cfg.group_max,
		.share_small_hamlets = cli->cfg.share_small_hamlets,
		.max_lines = CHECK_MAX_LINES,
	};
	struct tkvv_err err;
	err_clear(&err);
	long problems = check_run(cli->db, &opt, print_problem, NULL, &err);
	if (problems < 0)
		return cli_report(&err);
	if (problems == 0) {
		printf("%s\n", _("no problems found"));
		return 0;
	}
	fprintf(stderr, "tkvv: %ld %s\n", problems, problems == 1 ? _("problem found") : _("problems found"));
	return TKVV_EFAIL;
}
