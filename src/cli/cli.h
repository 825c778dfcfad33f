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

/* Check a FILE argument of CMD: one starting with '-' is a usage error
 * (it is a mistyped option), except "-" itself when DASH_OK (standard
 * input or output). Returns 0 or the usage exit status. */
int cli_file_arg(const char *cmd, const char *file, int dash_ok);
/* Whether the arguments ARGV[1..ARGC-1] of a command ask for its help:
 * --help or -h before any `--`. */
int cli_wants_help(int argc, char **argv);
/* What command NAME does, in a sentence or two, translated (cli_shared.c). */
const char *cli_command_help(const char *name);
/* Whether PATH names an existing file (or anything else) that a command
 * would replace; prints the one-line refusal and returns 1 unless FORCE. */
int cli_refuse_overwrite(const char *path, int force);
/* The one notice line on standard error that FILE, just written, holds
 * national IDs and phone numbers unencrypted (the store is not encrypted
 * either: Debian's SQLCipher lacks what tkvv needs). */
void cli_clear_notice(const char *file);
/* A usage error unless standard output is not a terminal (xlsx to "-"). */
int cli_stdout_binary(const char *cmd);
/* Make an empty temporary file in $TMPDIR (or /tmp); *PATH to free and unlink. */
int cli_temp_file(char **path, struct tkvv_err *err);
/* Copy the file PATH to standard output. */
int cli_copy_to_stdout(const char *path, struct tkvv_err *err);

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
int cmd_sheet(struct cli *cli, int argc, char **argv);
int cmd_sync(struct cli *cli, int argc, char **argv);
int cmd_map(struct cli *cli, int argc, char **argv);

#endif
