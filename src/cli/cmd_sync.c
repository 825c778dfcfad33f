/* tkvv sync key FILE: the district key that encrypts and authenticates
 * the exchange files of offline sync (see README, "Sync between laptops"). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tkvv/i18n.h"
#include "tkvv/sync.h"
#include "tkvv/syncfile.h"
#include "tkvv/textsafe.h"

/* Make the district key FILE; print its id, which every laptop's copy shows too. */
static int sync_key(int argc, char **argv)
{
	if (argc != 3)
		return cli_usage("sync", "%s", _("sync key needs one FILE to write the key to"));
	const char *file = argv[2];
	int rc = cli_file_arg("sync", file, 0);
	if (rc)
		return rc;
	struct tkvv_err err;
	unsigned char key[SYNCFILE_KEY_BYTES];
	char id[17];
	err_clear(&err);
	if (syncfile_key_new(file, &err) < 0 || syncfile_key_load(file, key, &err) < 0)
		return cli_report(&err);
	syncfile_key_id(key, id);
	printf(_("%s: district key %s written (mode 0600); copy it to every laptop of the district\n"),
	       file, id);
	return 0;
}

/* sync init --site NAME --role office|laptop [--communes C1,C2] */
static int sync_init_cmd(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"site", required_argument, NULL, 's'},
		{"role", required_argument, NULL, 'r'},
		{"communes", required_argument, NULL, 'c'},
		{NULL, 0, NULL, 0},
	};
	const char *site = NULL, *role = NULL, *communes = NULL;
	int c;
	optind = 2;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 's')
			site = optarg;
		else if (c == 'r')
			role = optarg;
		else if (c == 'c')
			communes = optarg;
		else
			return cli_usage("sync", c == ':' ? _("%s needs a value") : _("unknown option '%s'"),
					 TEXT_Q(argv[optind - 1]));
	}
	if (!site || !role || optind != argc)
		return cli_usage("sync", "%s", _("sync init needs --site NAME and --role office|laptop"));
	int rc = cli_open_db(cli, DB_CREATE);
	if (rc)
		return rc;
	struct tkvv_err err;
	err_clear(&err);
	if (sync_init(cli->db, site, role, communes, &err) < 0)
		return cli_report(&err);
	printf(_("%s: sync site '%s' (%s); changes are recorded from now on\n"), cli->db_path, site, role);
	return 0;
}

/* sync status: the site and the changes recorded. */
static int sync_status_cmd(struct cli *cli, int argc)
{
	if (argc != 2)
		return cli_usage("sync", "%s", _("sync status takes no argument"));
	int rc = cli_open_db(cli, DB_READONLY);
	if (rc)
		return rc;
	struct sync_status s;
	struct tkvv_err err;
	err_clear(&err);
	if (sync_status_load(cli->db, &s, &err) < 0) {
		free(s.communes);
		return cli_report(&err);
	}
	if (!s.enabled)
		printf("%s\n", _("not a sync site (tkvv sync init makes it one)"));
	else
		printf(_("site: %s (%s) communes: %s\nrecorded: %lld transactions, %lld rows "
			 "(%lld inserted, %lld updated, %lld deleted)\n"),
		       s.name, s.role, *s.communes ? s.communes : "-", s.changesets, s.rows,
		       s.inserts, s.updates, s.deletes);
	free(s.communes);
	return 0;
}

int cmd_sync(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("sync", "%s", _("give a subcommand: key, init or status"));
	if (strcmp(argv[1], "key") == 0)
		return sync_key(argc, argv);
	if (strcmp(argv[1], "init") == 0)
		return sync_init_cmd(cli, argc, argv);
	if (strcmp(argv[1], "status") == 0)
		return sync_status_cmd(cli, argc);
	return cli_usage("sync", _("unknown action '%s'"), TEXT_Q(argv[1]));
}
