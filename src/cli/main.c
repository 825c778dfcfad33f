/* tkvv: parse the global options and dispatch to a command. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tkvv/i18n.h"
#include "tkvv/textsafe.h"

static const struct command {
	const char *name;
	cmd_fn fn;
	const char *usage;
} commands[] = {
	{"demo", cmd_demo, "demo [--seed N] [--scale district|province] [--as-of DATE]"},
	{"import", cmd_import, "import KIND FILE.csv|FILE.xlsx|- [--sheet NAME] [--encoding E]"},
	{"export", cmd_export, "export KIND [FILE.csv|FILE.xlsx|-] [--format csv|json|text|xlsx] [--force] [--bom] [--sep ,|;|tab]"},
	{"search", cmd_search, "search TEXT [--format text|csv|json] [--limit N]"},
	{"check", cmd_check, "check"},
	{"backup", cmd_backup, "backup FILE"},
	{"summary", cmd_summary, "summary"},
	{"ui", cmd_ui, "ui"},
	{"report", cmd_report, "report kpi|groups|compare [--as-of DATE] [--from DATE --to DATE] [--format text|csv|json|xlsx] [--out FILE|-] [--force]"},
	{"regroup", cmd_regroup, "regroup [--commune C | --hamlet H | --all] [--min N] [--max N] [--moves-weight W] [--max-moves N|P%] [--new-leaders] [--format text|csv|json] [--save | --apply [--note TEXT]] [--no-merges] [--review-leaders] [--org-tolerance P] [--tradeoff|--no-tradeoff]"},
	{"plan", cmd_plan, "plan list | show ID | apply ID [--note TEXT] | discard ID | undo ID [--format text|csv|json]"},
	{"roster", cmd_roster, "roster [--hamlet H | --group G] [--plan ID] [--format csv|xlsx] [--force] FILE.xlsx|FILE.csv|-"},
	{"sheet", cmd_sheet, "sheet --group G|--hamlet H|--commune C --month YYYY-MM [--force] FILE.xlsx|FILE.csv | sheet import FILE"},
	{"map", cmd_map, "map --hamlet H [--plan ID] [--force] FILE.svg|FILE.pdf|FILE.png"},
	{"sync", cmd_sync, "sync key FILE | init --site NAME --role office|laptop [--communes C1,C2] | status"},
};

/* Print the usage text to F. */
static void usage(FILE *f)
{
	fprintf(f, "%s: tkvv [--db FILE] [--config FILE] [COMMAND [ARGS]]\n\n", _("Usage"));
	fprintf(f, "%s\n", _("Without a command, tkvv opens the terminal interface."));
	fprintf(f, "\n%s\n", _("Commands:"));
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "  tkvv %s\n", commands[i].usage);
	fprintf(f, "\n%s\n", _("KIND is communes, hamlets, groups, members, loans or payments."));
	fprintf(f, "%s\n", _("Exit status: 0 done, 1 not done (nothing written), 2 usage, 3 database busy or unreadable."));
}

int cli_report(const struct tkvv_err *err)
{
	fprintf(stderr, "tkvv: %s\n", err->msg);
	return err->code ? err->code : TKVV_EFAIL;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	char what[1024];
	fprintf(stderr, "tkvv %s: ", cmd);
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	/* The arguments quoted are the user's: never a control character. */
	text_put_safe(stderr, what);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, cmd) == 0)
			fprintf(stderr, " (%s: tkvv %s)", _("usage"), commands[i].usage);
	fputc('\n', stderr);
	return TKVV_EUSAGE;
}

int cli_file_arg(const char *cmd, const char *file, int dash_ok)
{
	if (file[0] != '-')
		return 0;
	if (file[1] == '\0' && dash_ok)
		return 0;
	if (file[1] == '\0')
		return cli_usage(cmd, "%s", _("'-' (standard input or output) is not possible here; give a FILE"));
	return cli_usage(cmd, _("'%s' is an option, not a file name (write ./%s for such a file)"), file, file);
}

int cli_open_db(struct cli *cli, int flags)
{
	struct tkvv_err err;
	if (cli->db)
		return 0;
	err_clear(&err);
	if (db_open(cli->db_path, flags, &cli->db, &err) < 0)
		return cli_report(&err);
	return 0;
}

/* Make the folders above PATH, as `mkdir -p` would, for the default paths. */
static void make_parent_dirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
	free(p);
}

/* The global options typed after the command (`tkvv demo --db F`, an
 * officer's habit): taken out of ARGV from FROM on (up to `--`), into DB and
 * CONFIG. Returns 0, or -1 with the one-line message printed. */
static int hoist_globals(int *argc, char **argv, int from, char **db, char **config)
{
	static const char *const names[] = {"--db", "--config"};
	char **slot[] = {db, config};
	int out = from;
	for (int i = from; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		int k = -1;
		const char *value = NULL;
		for (int n = 0; n < 2 && k < 0; n++) {
			size_t len = strlen(names[n]);
			if (strncmp(argv[i], names[n], len) == 0 && (argv[i][len] == '\0' || argv[i][len] == '=')) {
				k = n;
				value = argv[i][len] == '=' ? argv[i] + len + 1 : i + 1 < *argc ? argv[++i] : NULL;
			}
		}
		if (k < 0) {
			argv[out++] = argv[i];
			continue;
		}
		if (!value || !*value || *slot[k]) {
			fprintf(stderr, "tkvv: ");
			fprintf(stderr, !value || !*value ? _("%s needs a value") : _("%s given twice"), names[k]);
			fprintf(stderr, " (tkvv --help)\n");
			return -1;
		}
		*slot[k] = (char *)value;
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli cli = {0};
	char *db_arg = NULL, *config_arg = NULL;
	struct tkvv_err err;
	int c, want_help = 0, bad_opt = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db_arg = optarg; break;
		case 'c': config_arg = optarg; break;
		case 'h': want_help = 1; break;
		case 'V': printf("tkvv %s\n", PACKAGE_VERSION); return 0;
		default: bad_opt = c; want_help = 1; break;
		}
		if (bad_opt)
			break;
	}

	if (!bad_opt && optind + 1 < argc && hoist_globals(&argc, argv, optind + 1, &db_arg, &config_arg) < 0)
		return TKVV_EUSAGE;

	/* `tkvv CMD --help` (or -h anywhere before `--`): the command's usage,
	 * with no file written, no database opened and no config created. */
	const struct command *help_cmd = NULL;
	if (!want_help && optind < argc)
		for (size_t i = 0; i < ARRAY_LEN(commands); i++)
			if (strcmp(commands[i].name, argv[optind]) == 0 &&
			    cli_wants_help(argc - optind, argv + optind))
				help_cmd = &commands[i];
	if (help_cmd)
		want_help = 1;

	char *config_path = config_arg ? xstrdup(config_arg) : config_default_path();
	err_clear(&err);
	config_defaults(&cli.cfg);
	/* Errors in the config itself are in the default language. */
	i18n_init(cli.cfg.language);
	if (!config_arg && !want_help)
		make_parent_dirs(config_path);
	/* --help and a bad option read the config only for its language, and never create it. */
	if (config_load(config_path, !want_help, &cli.cfg, &err) < 0 && !want_help)
		return cli_report(&err);
	i18n_init(cli.cfg.language);
	if (bad_opt) {
		fprintf(stderr, "tkvv: ");
		fprintf(stderr, bad_opt == ':' ? _("%s needs a value") : _("unknown option '%s'"),
			TEXT_Q(argv[optind - 1]));
		fprintf(stderr, " (tkvv --help)\n");
	} else if (help_cmd) {
		printf("%s: tkvv %s\n", _("Usage"), help_cmd->usage);
		printf("%s\n", cli_command_help(help_cmd->name));
	} else if (want_help) {
		usage(stdout);
	}
	if (want_help) {
		config_free(&cli.cfg);
		free(config_path);
		return bad_opt ? TKVV_EUSAGE : 0;
	}
	cli.config_path = config_path;

	char *db_path;
	if (db_arg)
		db_path = xstrdup(db_arg);
	else if (cli.cfg.db_path && *cli.cfg.db_path)
		db_path = xstrdup(cli.cfg.db_path);
	else {
		db_path = config_default_db_path();
		make_parent_dirs(db_path);
	}
	cli.db_path = db_path;

	/* Without a command: the interface on a terminal, the summary otherwise. */
	const char *name = optind < argc ? argv[optind] : isatty(STDOUT_FILENO) ? "ui" : "summary";
	int rc = -1;
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		if (strcmp(commands[i].name, name) == 0) {
			optind++;
			int sub_argc = argc - optind + 1;
			char **sub_argv = argv + optind - 1;
			optind = 0;
			rc = commands[i].fn(&cli, sub_argc, sub_argv);
			break;
		}
	}
	if (rc < 0) {
		fprintf(stderr, "tkvv: %s '%s' (tkvv --help)\n", _("unknown command"), TEXT_Q(name));
		rc = TKVV_EUSAGE;
	}
	if (cli.db)
		db_close(cli.db);
	config_free(&cli.cfg);
	free(config_path);
	free(db_path);
	return rc;
}
