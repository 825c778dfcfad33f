/* tkvv plan list | show ID | apply ID | discard ID | undo ID. */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan_print.h"
#include "tkvv/i18n.h"
#include "tkvv/table.h"
#include "tkvv/textsafe.h"

/* The saved plans, newest first. */
static int plan_list(struct cli *cli, int fmt)
{
	static const char sql[] =
		"SELECT p.id, p.created_at, p.created_by, p.status, p.scope, "
		"(SELECT count(*) FROM plan_moves m WHERE m.plan_id = p.id), "
		"(SELECT count(*) FROM plan_groups g WHERE g.plan_id = p.id AND g.merged_into IS NOT NULL), "
		"(SELECT sum(b_medoid_m) FROM plan_hamlets h WHERE h.plan_id = p.id), "
		"(SELECT sum(a_medoid_m) FROM plan_hamlets h WHERE h.plan_id = p.id), p.note, "
		"p.applied_at, p.undone_at "
		"FROM plans p ORDER BY p.id DESC";
	static const struct column cols[] = {
		{"plan_id", N_("Plan"), 0}, {"created_at", N_("Made"), 0}, {"created_by", N_("By"), 0},
		{"status", N_("Status"), 0}, {"scope", N_("Scope"), 0}, {"moves", N_("Moves"), 0},
		{"merges", N_("Merges"), 0}, {"medoid_before_m", N_("Medoid m before"), 0},
		{"medoid_after_m", N_("after"), 0}, {"note", N_("Note"), 0},
		{"applied_at", N_("Applied"), 0}, {"undone_at", N_("Undone"), 0},
	};
	/* Times in local time: 03/12/2026 14:05 in the text table, ISO 8601
	 * with the offset in csv and json, which also carry applied_at and
	 * undone_at. */
	size_t ncols = fmt == OUT_TEXT ? ARRAY_LEN(cols) - 2 : ARRAY_LEN(cols);
	char when[40];
	struct tkvv_err err;
	sqlite3_stmt *st;
	struct table t;
	int rc;
	if (db_prepare(cli->db, sql, &st, &err) < 0)
		return cli_report(&err);
	table_init(&t, "plans", _("Regrouping plans"), cols, ncols);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cell *row = table_row(&t);
		row[0] = cell_int(sqlite3_column_int64(st, 0));
		plan_time_local((const char *)sqlite3_column_text(st, 1), fmt != OUT_TEXT, when, sizeof when);
		row[1] = cell_text(when);
		for (int c = 2; c <= 4; c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			/* The status is a stored word: translated in the text table only. */
			row[c] = cell_text(c == 3 && fmt == OUT_TEXT && v ? _(v) : v);
		}
		row[5] = cell_int(sqlite3_column_int64(st, 5));
		row[6] = cell_int(sqlite3_column_int64(st, 6));
		row[7] = cell_int(llround(sqlite3_column_double(st, 7)));
		row[8] = cell_int(llround(sqlite3_column_double(st, 8)));
		row[9] = cell_text((const char *)sqlite3_column_text(st, 9));
		for (int c = 10; c < (int)ncols; c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			plan_time_local(v, 1, when, sizeof when);
			row[c] = cell_text(v ? when : NULL);
		}
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		if (fmt == OUT_CSV)
			table_write_csv(stdout, &t, 1);
		else if (fmt == OUT_JSON)
			table_write_json_array(stdout, &t);
		else
			table_write_text(stdout, &t, 1);
	}
	table_free(&t);
	return rc == SQLITE_DONE ? 0 : (db_fail(cli->db, &err, "plans"), cli_report(&err));
}

/* Parse a plan id; -1 when it is not one. */
static long long plan_id_arg(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	return end == s || *end || v <= 0 ? -1 : v;
}

int cmd_plan(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'}, {"note", required_argument, NULL, 'n'},
		{NULL, 0, NULL, 0},
	};
	int fmt = OUT_TEXT, c, rc;
	const char *note = NULL;
	struct tkvv_err err;
	err_clear(&err);
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'f' && (fmt = out_format_parse(optarg)) >= 0)
			continue;
		if (c == 'n') {
			note = optarg;
			continue;
		}
		if (c != 'f')
			return cli_usage("plan", c == ':' ? _("%s needs a value") : _("unknown option '%s'"), TEXT_Q(argv[optind - 1]));
		return cli_usage("plan", "%s", _("--format is not text, csv or json"));
	}
	const char *verb = optind < argc ? argv[optind] : NULL;
	const char *arg = optind + 1 < argc ? argv[optind + 1] : NULL;
	if (!verb)
		return cli_usage("plan", "%s", _("say list, show, apply, discard or undo"));
	int is_list = !strcmp(verb, "list");
	if (!is_list && strcmp(verb, "show") && strcmp(verb, "apply") && strcmp(verb, "discard") && strcmp(verb, "undo"))
		return cli_usage("plan", _("unknown action '%s'"), TEXT_Q(verb));
	if (optind + (is_list ? 1 : 2) != argc)
		return cli_usage("plan", "%s", is_list ? _("list takes no argument") : _("give one plan id"));
	long long id = is_list ? 0 : plan_id_arg(arg);
	if (id < 0)
		return cli_usage("plan", _("'%s' is not a plan id"), TEXT_Q(arg));
	if ((rc = cli_open_db(cli, 0)) != 0)
		return rc;
	if (is_list)
		return plan_list(cli, fmt);
	if (!strcmp(verb, "show")) {
		struct plan p;
		if (plan_load(cli->db, id, &p, &err) < 0)
			return cli_report(&err);
		plan_print(stdout, &p, (enum out_format)fmt);
		plan_free(&p);
		return 0;
	}
	rc = !strcmp(verb, "apply") ? plan_apply(cli->db, id, note, 0, &err) :
		!strcmp(verb, "undo") ? plan_undo(cli->db, id, &err) : plan_discard(cli->db, id, &err);
	if (rc < 0)
		return cli_report(&err);
	printf(!strcmp(verb, "apply") ? _("plan %lld applied\n") : !strcmp(verb, "undo") ?
	       _("plan %lld undone: everything is as it was before it\n") : _("plan %lld discarded\n"), id);
	return 0;
}
