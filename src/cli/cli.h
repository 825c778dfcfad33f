/* What every command of the command line shares. To add a command: write
 * cmd_NAME.c with cmd_NAME(), declare it here, add it to the table in
 * main.c and to src/cli/local.mk, and document it in README.md. */
#ifndef TKVV_CLI_H
#define TKVV_CLI_H

#include <sqlite3.h>
#include "tkvv/config.h"
#include "tkvv/db.h"

struct cli {
	const char *db_path;      /* resolved path of the database */
	const char *config_path;  /* resolved path of the config file */
	struct config cfg;
	sqlite3 *db;              /* opened by cli_open_db */
};

/* Open the database once for the command; DB_CREATE and/or DB_READONLY. */
int cli_open_db(struct cli *cli, int flags);
/* Print ERR on stderr as one line and return its exit status. */
int cli_report(const struct tkvv_err *err);
/* Print a usage error and return 2. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef int (*cmd_fn)(struct cli *cli, int argc, char **argv);

int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_search(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_summary(struct cli *cli, int argc, char **argv);
int cmd_ui(struct cli *cli, int argc, char **argv);
int cmd_regroup(struct cli *cli, int argc, char **argv);
int cmd_plan(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_roster(struct cli *cli, int argc, char **argv);

#endif
