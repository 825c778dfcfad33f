/* tkvv ui: the terminal interface (what `tkvv` opens on a terminal). */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "tkvv/i18n.h"
#include "tkvv/tui.h"

int cmd_ui(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage("ui", "%s", _("takes no arguments"));
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_usage("ui", "%s", _("needs a terminal"));
	int rc = cli_open_db(cli, DB_CREATE);
	if (rc)
		return rc;
	return tui_run(cli->db, &cli->cfg, cli->db_path, cli->config_path);
}
