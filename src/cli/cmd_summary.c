/* tkvv summary: the district in a few lines (what `tkvv` shows without a UI). */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "tkvv/i18n.h"
#include "tkvv/text.h"

int cmd_summary(struct cli *cli, int argc, char **argv)
{
	static const struct {
		const char *label;
		const char *sql;
	} rows[] = {
		{N_("Communes"), "SELECT count(*) FROM communes"},
		{N_("Hamlets"), "SELECT count(*) FROM hamlets"},
		{N_("Active groups"), "SELECT count(*) FROM groups WHERE status = 'active'"},
		{N_("Members"), "SELECT count(*) FROM members"},
		{N_("Loans"), "SELECT count(*) FROM loans"},
		{N_("Payments"), "SELECT count(*) FROM payments"},
	};
	struct tkvv_err err;
	(void)argv;
	if (argc > 1)
		return cli_usage("summary", "%s", _("takes no arguments"));
	int rc = cli_open_db(cli, DB_CREATE);
	if (rc)
		return rc;
	printf("%s: %s\n", _("Database"), cli->db_path);
	/* Labels are padded in display columns: Vietnamese letters take more bytes than columns. */
	size_t width = 0;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++)
		if (text_width(_(rows[i].label)) > width)
			width = text_width(_(rows[i].label));
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		sqlite3_stmt *st;
		if (db_prepare(cli->db, rows[i].sql, &st, &err) < 0)
			return cli_report(&err);
		long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		const char *label = _(rows[i].label);
		printf("  %s%*s %9lld\n", label, (int)(width - text_width(label)), "", n);
	}
	return 0;
}
