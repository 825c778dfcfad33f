/* tkvv report kpi|groups|compare: credit-quality figures (quality-metrics.md)
 * as text, csv, json or xlsx. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "report_build.h"
#include "tkvv/csvio.h"
#include "tkvv/i18n.h"
#include "tkvv/quality.h"
#include "tkvv/textsafe.h"

enum report_kind { RK_KPI, RK_GROUPS, RK_COMPARE };

struct report_opts {
	enum report_kind kind;
	enum table_format format;
	char as_of[11], from[11], to[11];   /* YYYY-MM-DD, "" when not given */
	const char *out;                    /* NULL: standard output; "-" only for xlsx */
	int force;                          /* --force: an existing --out file is replaced */
};

/* Check the date S given to OPTION and store it as YYYY-MM-DD in BUF. */
static int parse_date_opt(const char *option, const char *s, char *buf)
{
	int32_t day;
	if (quality_parse_date(s, &day) < 0)
		return cli_usage("report", "--%s: '%s' %s", option, TEXT_Q(s),
				 _("is not a date (YYYY-MM-DD or DD/MM/YYYY)"));
	quality_format_date(day, buf);
	return 0;
}

/* The format named S into *F. */
static int parse_format(const char *s, enum table_format *f)
{
	static const char *const names[] = {"text", "csv", "json", "xlsx"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum table_format)i;
			return 0;
		}
	return cli_usage("report", "--format: '%s' %s", TEXT_Q(s), _("is not text, csv, json or xlsx"));
}

/* Parse the options after the report's kind. */
static int parse_opts(int argc, char **argv, struct report_opts *o)
{
	static const struct option opts[] = {
		{"as-of", required_argument, NULL, 'a'}, {"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'}, {"format", required_argument, NULL, 'F'},
		{"out", required_argument, NULL, 'o'}, {"force", no_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	int c, rc = 0;
	while (rc == 0 && (c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'a': rc = parse_date_opt("as-of", optarg, o->as_of); break;
		case 'f': rc = parse_date_opt("from", optarg, o->from); break;
		case 't': rc = parse_date_opt("to", optarg, o->to); break;
		case 'F': rc = parse_format(optarg, &o->format); break;
		case 'o': o->out = optarg; break;
		case 'r': o->force = 1; break;
		case ':': return cli_usage("report", _("%s needs a value"), argv[optind - 1]);
		default: return cli_usage("report", _("unknown option '%s'"), TEXT_Q(argv[optind - 1]));
		}
	}
	if (rc)
		return rc;
	if (optind + 1 != argc)
		return cli_usage("report", "%s", _("give one report: kpi, groups or compare"));
	static const char *const kinds[] = {"kpi", "groups", "compare"};
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		if (strcmp(argv[optind], kinds[i]) == 0)
			o->kind = (enum report_kind)i;
	if (strcmp(argv[optind], kinds[o->kind]) != 0)
		return cli_usage("report", "'%s' %s", TEXT_Q(argv[optind]), _("is not kpi, groups or compare"));
	return 0;
}

/* Check the options that depend on each other. */
static int check_opts(struct report_opts *o)
{
	if (o->kind == RK_COMPARE && (!o->from[0] || !o->to[0]))
		return cli_usage("report", "%s", _("compare needs --from and --to"));
	if (o->kind == RK_COMPARE && o->as_of[0])
		return cli_usage("report", "%s", _("compare takes --from and --to, not --as-of"));
	if (o->kind != RK_COMPARE && (o->from[0] || o->to[0]))
		return cli_usage("report", "%s", _("--from and --to are for compare; use --as-of"));
	if (o->format == TF_XLSX && !o->out)
		return cli_usage("report", "%s", _("--format xlsx needs --out FILE"));
	int rc = o->out ? cli_file_arg("report", o->out, 1) : 0;
	if (rc)
		return rc;
	if (o->out && strcmp(o->out, "-") == 0) {
		if (o->format != TF_XLSX)
			o->out = NULL;
		else if ((rc = cli_stdout_binary("report")) != 0)
			return rc;
	} else if (o->out && cli_refuse_overwrite(o->out, o->force)) {
		return TKVV_EFAIL;
	}
	if (!o->as_of[0])
		csvio_today(o->as_of);
	return 0;
}

/* A date YYYY-MM-DD as DD/MM/YYYY for the screen. */
static void screen_date(const char *iso, char *buf)
{
	snprintf(buf, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

/* Write tables T[N] in the chosen format to F (or the workbook); JSON
 * writes the json form when the report has its own. */
static int write_tables(const struct report_opts *o, FILE *f, const char *heading,
			const struct table *t, size_t n, void (*json)(FILE *, const void *),
			const void *arg, struct tkvv_err *err)
{
	switch (o->format) {
	case TF_TEXT:
		fprintf(f, "%s\n\n", heading);
		table_write_text(f, t, n);
		break;
	case TF_CSV:
		table_write_csv(f, t, n);
		break;
	case TF_JSON:
		json(f, arg);
		break;
	case TF_XLSX:
		return table_write_xlsx_report(o->out, heading, t, n, err);
	}
	return 0;
}

/* The json of the groups report: one array. */
static void json_groups(FILE *f, const void *arg)
{
	table_write_json_array(f, arg);
	fputc('\n', f);
}

/* The json of the kpi report: as_of and one array per table. */
struct kpi_json {
	const struct quality_report *r;
	const struct table *t;
};

static void json_kpi(FILE *f, const void *arg)
{
	const struct kpi_json *k = arg;
	const char *const fields[] = {"as_of", k->r->as_of, "score_as_of", k->r->score_as_of, NULL};
	table_write_json_object(f, fields, k->t, REPORT_KPI_TABLES);
}

static void json_compare(FILE *f, const void *arg)
{
	report_compare_json(f, arg);
}

/* Build and write the groups or kpi report as of the date of O. */
static int run_as_of(const struct report_opts *o, const struct quality_data *q,
		     const struct config *cfg, FILE *f, struct tkvv_err *err)
{
	struct quality_report r;
	struct quality_flags fl;
	struct report_counts n;
	struct table t[REPORT_KPI_TABLES];
	size_t nt = 1;
	char heading[128], day[11];
	if (quality_compute(q, o->as_of, cfg, &r, err) < 0)
		return -1;
	screen_date(o->as_of, day);
	snprintf(heading, sizeof heading, "%s %s (%s %.2s/%.4s)", _("Credit quality as of"), day,
		 _("scores for"), r.score_as_of + 5, r.score_as_of);
	if (o->kind == RK_GROUPS) {
		report_groups(&r, &t[0]);
		int rc = write_tables(o, f, heading, t, nt, json_groups, &t[0], err);
		table_free(&t[0]);
		quality_report_free(&r);
		return rc;
	}
	if (quality_flags(q, &r, cfg, &fl, err) < 0) {
		quality_report_free(&r);
		return -1;
	}
	report_counts(&r, cfg, &n);
	nt = report_kpi(&r, &fl, &n, t);
	struct kpi_json k = {&r, t};
	int rc = write_tables(o, f, heading, t, nt, json_kpi, &k, err);
	for (size_t i = 0; i < nt; i++)
		table_free(&t[i]);
	report_counts_free(&n);
	quality_flags_free(&fl);
	quality_report_free(&r);
	return rc;
}

/* Build and write the comparison of the two dates of O. */
static int run_compare(const struct report_opts *o, const struct quality_data *q,
		       const struct config *cfg, FILE *f, struct tkvv_err *err)
{
	struct quality_report r[2];
	struct report_counts n[2];
	struct table t[REPORT_COMPARE_TABLES];
	char heading[128], d1[11], d2[11];
	if (quality_compute(q, o->from, cfg, &r[0], err) < 0)
		return -1;
	if (quality_compute(q, o->to, cfg, &r[1], err) < 0) {
		quality_report_free(&r[0]);
		return -1;
	}
	report_counts(&r[0], cfg, &n[0]);
	report_counts(&r[1], cfg, &n[1]);
	struct report_side sides[2] = {{&r[0], &n[0]}, {&r[1], &n[1]}};
	size_t nt = report_compare(sides, t);
	screen_date(o->from, d1);
	screen_date(o->to, d2);
	snprintf(heading, sizeof heading, "%s %s %s %s (%s %.2s/%.4s, %.2s/%.4s)", _("Credit quality from"),
		 d1, _("to"), d2, _("scores for"), r[0].score_as_of + 5, r[0].score_as_of,
		 r[1].score_as_of + 5, r[1].score_as_of);
	int rc = write_tables(o, f, heading, t, nt, json_compare, sides, err);
	for (size_t i = 0; i < nt; i++)
		table_free(&t[i]);
	for (int i = 0; i < 2; i++) {
		report_counts_free(&n[i]);
		quality_report_free(&r[i]);
	}
	return rc;
}

static int run(struct cli *cli, const struct report_opts *o, struct tkvv_err *err);

/* Run the xlsx report of O into a temporary workbook and copy it to standard output. */
static int run_xlsx_stdout(struct cli *cli, const struct report_opts *o, struct tkvv_err *err)
{
	struct report_opts t = *o;
	char *tmp;
	if (cli_temp_file(&tmp, err) < 0)
		return -1;
	t.out = tmp;
	t.force = 1;
	int rc = run(cli, &t, err);
	if (rc == 0)
		rc = cli_copy_to_stdout(tmp, err);
	unlink(tmp);
	free(tmp);
	return rc;
}

/* Run the report of O on the open database, writing to the chosen output. */
static int run(struct cli *cli, const struct report_opts *o, struct tkvv_err *err)
{
	if (o->out && strcmp(o->out, "-") == 0)
		return run_xlsx_stdout(cli, o, err);
	/* libxlsxwriter tells of a file it cannot create on stderr itself: try it first. */
	FILE *probe = o->format == TF_XLSX ? fopen(o->out, "ab") : NULL;
	if (o->format == TF_XLSX && !probe)
		return err_set(err, TKVV_EFAIL, "%s: %s", o->out, strerror(errno));
	if (probe)
		fclose(probe);
	struct quality_data *q;
	const char *until = o->kind != RK_COMPARE ? o->as_of
			  : strcmp(o->from, o->to) > 0 ? o->from : o->to;
	if (quality_load(cli->db, until, &q, err) < 0)
		return -1;
	FILE *f = stdout;
	if (o->out && o->format != TF_XLSX && !(f = fopen(o->out, "w"))) {
		quality_data_free(q);
		return err_set(err, TKVV_EFAIL, "%s: %s", o->out, strerror(errno));
	}
	int rc = o->kind == RK_COMPARE ? run_compare(o, q, &cli->cfg, f, err)
				       : run_as_of(o, q, &cli->cfg, f, err);
	if (f != stdout && fclose(f) != 0 && rc == 0)
		rc = err_set(err, TKVV_EFAIL, "%s: %s", o->out, strerror(errno));
	else if (f == stdout && fflush(f) != 0 && rc == 0)
		rc = err_set(err, TKVV_EFAIL, "%s: %s", _("standard output"), strerror(errno));
	quality_data_free(q);
	return rc;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	struct report_opts o;
	struct tkvv_err err;
	memset(&o, 0, sizeof o);
	err_clear(&err);
	int rc = parse_opts(argc, argv, &o);
	if (rc == 0)
		rc = check_opts(&o);
	if (rc)
		return rc;
	rc = cli_open_db(cli, 0);
	if (rc)
		return rc;
	return run(cli, &o, &err) < 0 ? cli_report(&err) : 0;
}
