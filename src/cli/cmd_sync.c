/* tkvv sync key FILE: the district key that encrypts and authenticates
 * the exchange files of offline sync (see README, "Sync between laptops"). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tkvv/i18n.h"
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

int cmd_sync(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc < 2)
		return cli_usage("sync", "%s", _("give a subcommand: key"));
	if (strcmp(argv[1], "key") == 0)
		return sync_key(argc, argv);
	return cli_usage("sync", _("unknown action '%s'"), TEXT_Q(argv[1]));
}
