/* tkvv sheet --group G|--hamlet H|--commune C --month YYYY-MM [--force]
 * FILE.xlsx|FILE.csv: the collection sheets for the leaders;
 * tkvv sheet import FILE: the sheets filled in, saved all or nothing. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tkvv/i18n.h"
#include "tkvv/sheet.h"
#include "tkvv/textsafe.h"

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static int sheet_import_cmd(struct cli *cli, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage("sheet", "%s", _("give one FILE to import"));
	int rc = cli_file_arg("sheet", argv[2], 1);
	if (rc)
		return rc;
	if ((rc = cli_open_db(cli, 0)) != 0)
		return rc;
	struct tkvv_err err;
	size_t count = 0;
	err_clear(&err);
	if (sheet_import(cli->db, argv[2], &count, &err) < 0)
		return cli_report(&err);
	printf(_("%s: imported (payments: %zu)\n"), argv[2], count);
	return 0;
}

int cmd_sheet(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"group", required_argument, NULL, 'g'},
		{"hamlet", required_argument, NULL, 'H'},
		{"commune", required_argument, NULL, 'c'},
		{"month", required_argument, NULL, 'm'},
		{"force", no_argument, NULL, 'F'},
		{NULL, 0, NULL, 0},
	};
	const char *kind = NULL, *code = NULL, *month = NULL;
	int force = 0, c, scopes = 0;
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return sheet_import_cmd(cli, argc, argv);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":g:H:c:m:", opts, NULL)) != -1) {
		switch (c) {
		case 'g': kind = "group"; code = optarg; scopes++; break;
		case 'H': kind = "hamlet"; code = optarg; scopes++; break;
		case 'c': kind = "commune"; code = optarg; scopes++; break;
		case 'm': month = optarg; break;
		case 'F': force = 1; break;
		case ':':
			return cli_usage("sheet", _("%s needs a value"), argv[optind - 1]);
		default:
			return cli_usage("sheet", _("unknown option '%s'"), TEXT_Q(argv[optind - 1]));
		}
	}
	if (scopes != 1)
		return cli_usage("sheet", "%s", _("give one of --group, --hamlet or --commune"));
	if (!month)
		return cli_usage("sheet", "%s", _("give --month YYYY-MM"));
	if (optind != argc - 1)
		return cli_usage("sheet", "%s", _("give one FILE.xlsx or FILE.csv to write"));
	const char *file = argv[optind];
	int xlsx = ends_with(file, ".xlsx");
	if (!xlsx && !ends_with(file, ".csv"))
		return cli_usage("sheet", _("%s: the file name must end in .xlsx or .csv"), file);
	if (cli_refuse_overwrite(file, force))
		return TKVV_EFAIL;
	int rc = cli_open_db(cli, DB_READONLY);
	if (rc)
		return rc;
	struct sheet_set set;
	struct tkvv_err err;
	err_clear(&err);
	if (sheet_load_set(cli->db, kind, code, month, &set, &err) < 0)
		return cli_report(&err);
	size_t rows = 0, groups = set.n;
	for (size_t i = 0; i < set.n; i++)
		rows += set.sheets[i].n;
	if (xlsx) {
		rc = sheet_write_xlsx(&set, file, &err);
	} else {
		FILE *f = fopen(file, "w");
		if (!f)
			rc = err_set(&err, TKVV_EFAIL, _("%s: cannot write"), file);
		else {
			rc = sheet_write_csv(&set, f, &err);
			if (fclose(f) != 0 && rc == 0)
				rc = err_set(&err, TKVV_EFAIL, _("%s: cannot write"), file);
			if (rc < 0)
				remove(file);
		}
	}
	sheet_set_free(&set);
	if (rc < 0)
		return cli_report(&err);
	printf(_("%s: written (groups: %zu, loans: %zu)\n"), file, groups, rows);
	return 0;
}
