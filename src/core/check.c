/* tkvv check: one table of rules, each a query whose rows are problems or a
 * function for what SQL cannot say.
 *
 * To add a rule: add one row to `rules` below with a name, a description,
 * the line formats (one %s per argument) and either SQL or a function. The
 * SQL's rows are problems: column 0 picks the format, the other columns
 * fill its %s in order. :min, :max and :share are bound from the options,
 * :today is today (csvio_today). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/check.h"
#include "tkvv/csvio.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/rules.h"
#include "tkvv/text.h"
#include "tkvv/textsafe.h"

#define CHECK_ARGS 6
#define CHECK_FORMATS 5

struct check_rule;

/* The state of one rule being run. */
struct check_ctx {
	sqlite3 *db;
	const struct check_options *opt;
	const struct check_rule *rule;
	check_line_fn fn;
	void *fn_ctx;
	long found;
	struct tkvv_err *err;
};

struct check_rule {
	const char *name;
	const char *description;
	const char *formats[CHECK_FORMATS];
	const char *sql;
	int (*fn)(struct check_ctx *c);
};

static int check_search_index(struct check_ctx *c);
static int check_member_text(struct check_ctx *c);
static int check_member_ids(struct check_ctx *c);
static int check_loan_programs(struct check_ctx *c);

/* A date column that is set but is not a real calendar date. */
#define BAD_DATE(col) col " IS NOT NULL AND date(julianday(" col ")) IS NOT " col

static const struct check_rule rules[] = {
	{"sqlite", N_("the SQLite file is sound (PRAGMA integrity_check)"),
	 {N_("SQLite reports: %s")},
	 "SELECT 0, integrity_check FROM pragma_integrity_check WHERE integrity_check <> 'ok'", NULL},
	{"foreign-keys", N_("every reference names an existing row (PRAGMA foreign_key_check)"),
	 {N_("%s row %s refers to a missing row of %s")},
	 "SELECT 0, \"table\", rowid, parent FROM pragma_foreign_key_check", NULL},
	{"search-index", N_("the search index matches the members"),
	 {N_("the search index does not match the members (%s)")}, NULL, check_search_index},
	{"group-hamlet", N_("a member's group is in the member's hamlet"),
	 {N_("member %s: group %s is in hamlet %s, not %s")},
	 "SELECT 0, m.code, g.code, gh.code, mh.code FROM members m "
	 "JOIN groups g ON g.id = m.group_id JOIN hamlets gh ON gh.id = g.hamlet_id "
	 "JOIN hamlets mh ON mh.id = m.hamlet_id WHERE g.hamlet_id <> m.hamlet_id "
	 "AND NOT (:share AND gh.commune_id = mh.commune_id) ORDER BY m.code", NULL},
	{"group-board", N_("an active group's leader and deputy are two of its members"),
	 {N_("group %s: leader %s is not a member"),
	  N_("group %s: leader %s is a member of group %s"),
	  N_("group %s: deputy %s is not a member"),
	  N_("group %s: deputy %s is a member of group %s"),
	  N_("group %s: %s is both leader and deputy")},
	 "SELECT 2 * r.deputy + (m.id IS NOT NULL), g.code, r.code, mg.code "
	 "FROM groups g JOIN (SELECT id, leader_code AS code, 0 AS deputy FROM groups "
	 "UNION ALL SELECT id, deputy_code, 1 FROM groups) r ON r.id = g.id "
	 "LEFT JOIN members m ON m.code = r.code LEFT JOIN groups mg ON mg.id = m.group_id "
	 "WHERE g.status = 'active' AND ifnull(r.code, '') <> '' AND (m.id IS NULL OR m.group_id <> g.id) "
	 "UNION ALL SELECT 4, code, leader_code, NULL FROM groups "
	 "WHERE status = 'active' AND leader_code = deputy_code ORDER BY 2, 1", NULL},
	{"merged-groups", N_("a merged group is merged into an active group"),
	 {N_("group %s: merged, but into no group"),
	  N_("group %s: merged into %s, which is %s"),
	  N_("group %s: %s, but merged into %s")},
	 "SELECT t.id IS NOT NULL, g.code, t.code, t.status FROM groups g "
	 "LEFT JOIN groups t ON t.id = g.merged_into "
	 "WHERE g.status = 'merged' AND (t.id IS NULL OR t.status <> 'active') "
	 "UNION ALL SELECT 2, g.code, g.status, t.code FROM groups g JOIN groups t ON t.id = g.merged_into "
	 "WHERE g.status <> 'merged' ORDER BY 2", NULL},
	{"closed-groups", N_("no member is in a merged or dissolved group"),
	 {N_("member %s: group %s is %s")},
	 "SELECT 0, m.code, g.code, g.status FROM members m JOIN groups g ON g.id = m.group_id "
	 "WHERE g.status <> 'active' ORDER BY m.code", NULL},
	{"codes", N_("codes are unique, also ignoring case"),
	 {N_("commune codes %s differ only in case"), N_("hamlet codes %s differ only in case"),
	  N_("group codes %s differ only in case"), N_("member codes %s differ only in case"),
	  N_("loan codes %s differ only in case")},
	 "SELECT 0, group_concat(code, ', ') FROM communes GROUP BY lower(code) HAVING count(*) > 1 "
	 "UNION ALL SELECT 1, group_concat(code, ', ') FROM hamlets GROUP BY lower(code) HAVING count(*) > 1 "
	 "UNION ALL SELECT 2, group_concat(code, ', ') FROM groups GROUP BY lower(code) HAVING count(*) > 1 "
	 "UNION ALL SELECT 3, group_concat(code, ', ') FROM members GROUP BY lower(code) HAVING count(*) > 1 "
	 "UNION ALL SELECT 4, group_concat(code, ', ') FROM loans GROUP BY lower(code) HAVING count(*) > 1",
	 NULL},
	{"amounts", N_("loans, principal and interest payments are not negative"),
	 {N_("loan %s: amount %s is negative"), N_("loan %s: %s payment of %s on %s is negative")},
	 "SELECT 0, code, amount, NULL, NULL FROM loans WHERE amount < 0 "
	 "UNION ALL SELECT 1, l.code, p.kind, p.amount, p.paid_on FROM payments p "
	 "JOIN loans l ON l.id = p.loan_id WHERE p.kind <> 'savings' AND p.amount < 0 ORDER BY 2", NULL},
	{"loan-dates", N_("a loan falls due after it is disbursed, and is extended past its due date"),
	 {N_("loan %s: due on %s, before it was disbursed on %s"),
	  N_("loan %s: extended to %s, before its due date %s")},
	 "SELECT 0, code, due_on, disbursed_on FROM loans WHERE due_on < disbursed_on "
	 "UNION ALL SELECT 1, code, extended_to, due_on FROM loans WHERE extended_to < due_on ORDER BY 2",
	 NULL},
	{"dates", N_("dates are real calendar dates written YYYY-MM-DD"),
	 {N_("group %s: %s '%s' is not a date (YYYY-MM-DD)"),
	  N_("member %s: %s '%s' is not a date (YYYY-MM-DD)"),
	  N_("loan %s: %s '%s' is not a date (YYYY-MM-DD)"),
	  N_("member %s: membership %s '%s' is not a date (YYYY-MM-DD)")},
	 "SELECT 0, code, 'founded_on', founded_on FROM groups WHERE " BAD_DATE("founded_on")
	 " UNION ALL SELECT 1, code, 'joined_on', joined_on FROM members WHERE " BAD_DATE("joined_on")
	 " UNION ALL SELECT 2, code, 'disbursed_on', disbursed_on FROM loans WHERE " BAD_DATE("disbursed_on")
	 " UNION ALL SELECT 2, code, 'due_on', due_on FROM loans WHERE " BAD_DATE("due_on")
	 " UNION ALL SELECT 2, code, 'extended_to', extended_to FROM loans WHERE " BAD_DATE("extended_to")
	 " UNION ALL SELECT 2, l.code, 'paid_on', p.paid_on FROM payments p JOIN loans l ON l.id = p.loan_id "
	 "WHERE " BAD_DATE("p.paid_on")
	 " UNION ALL SELECT 3, m.code, 'from_on', s.from_on FROM memberships s "
	 "JOIN members m ON m.id = s.member_id WHERE " BAD_DATE("s.from_on")
	 " UNION ALL SELECT 3, m.code, 'to_on', s.to_on FROM memberships s "
	 "JOIN members m ON m.id = s.member_id WHERE " BAD_DATE("s.to_on"), NULL},
	{"periods", N_("payment periods are YYYY-MM with a month from 01 to 12"),
	 {N_("loan %s: payment on %s has period '%s', not YYYY-MM")},
	 "SELECT 0, l.code, p.paid_on, p.period FROM payments p JOIN loans l ON l.id = p.loan_id "
	 "WHERE p.period IS NOT NULL AND (p.period NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' "
	 "OR substr(p.period, 6, 2) NOT BETWEEN '01' AND '12') ORDER BY 2", NULL},
	{"interest-periods", N_("an interest payment names the month it pays"),
	 {N_("loan %s: interest payment on %s has no period")},
	 "SELECT 0, l.code, p.paid_on FROM payments p JOIN loans l ON l.id = p.loan_id "
	 "WHERE p.kind = 'interest' AND ifnull(p.period, '') = '' ORDER BY 2", NULL},
	{"open-membership", N_("a member has one open membership, in the member's group"),
	 {N_("member %s: no open membership"), N_("member %s: %s open memberships"),
	  N_("member %s: the open membership is in group %s, not %s")},
	 "SELECT 0, m.code, NULL, NULL FROM members m WHERE NOT EXISTS "
	 "(SELECT 1 FROM memberships s WHERE s.member_id = m.id AND s.to_on IS NULL) "
	 "UNION ALL SELECT 1, m.code, count(*), NULL FROM memberships s JOIN members m ON m.id = s.member_id "
	 "WHERE s.to_on IS NULL GROUP BY m.id HAVING count(*) > 1 "
	 "UNION ALL SELECT 2, m.code, g.code, mg.code FROM memberships s "
	 "JOIN members m ON m.id = s.member_id JOIN groups g ON g.id = s.group_id "
	 "JOIN groups mg ON mg.id = m.group_id WHERE s.to_on IS NULL AND s.group_id <> m.group_id "
	 "ORDER BY 2", NULL},
	{"membership-overlap", N_("a member's memberships do not overlap in time"),
	 {N_("member %s: membership of group %s from %s overlaps that of group %s from %s")},
	 "SELECT 0, m.code, ga.code, a.from_on, gb.code, b.from_on FROM memberships a "
	 "JOIN memberships b ON b.member_id = a.member_id AND b.id > a.id "
	 "AND a.from_on < ifnull(b.to_on, '9999-12-31') AND b.from_on < ifnull(a.to_on, '9999-12-31') "
	 "JOIN members m ON m.id = a.member_id JOIN groups ga ON ga.id = a.group_id "
	 "JOIN groups gb ON gb.id = b.group_id ORDER BY 2", NULL},
	{"member-text", N_("a member's name is NFC and its search and sort columns are up to date"),
	 {N_("member %s: full name is not in Unicode NFC"),
	  N_("member %s: name_folded is '%s', should be '%s'"),
	  N_("member %s: sort_key does not match the full name"),
	  N_("member %s: phone_digits is '%s', should be '%s'")}, NULL, check_member_text},
	{"national-ids", N_("a member's national ID is a 12-digit CCCD that no other member has"),
	 {N_("member %s: national_id '%s' %s"), N_("national ID %s is shared by members %s")},
	 NULL, check_member_ids},
	{"phones", N_("a member's phone is 10 digits starting with 0"),
	 {N_("member %s: phone '%s' %s")},
	 NULL, check_member_ids},
	{"loan-programs", N_("a loan is within its programme's ceiling and near its rate, unless marked as intended"),
	 {N_("loan %s: amount %s %s"), N_("loan %s: rate %s %%/month %s"),
	  N_("loan %s: programme %s is not in the programmes table")},
	 NULL, check_loan_programs},
	{"future-dates", N_("no event is dated after today"),
	 {N_("group %s: founded_on %s is after today %s"), N_("member %s: joined_on %s is after today %s"),
	  N_("loan %s: disbursed_on %s is after today %s"), N_("loan %s: payment on %s is after today %s")},
	 "SELECT 0, code, founded_on, :today FROM groups WHERE founded_on > :today "
	 "UNION ALL SELECT 1, code, joined_on, :today FROM members WHERE joined_on > :today "
	 "UNION ALL SELECT 2, code, disbursed_on, :today FROM loans WHERE disbursed_on > :today "
	 "UNION ALL SELECT 3, l.code, p.paid_on, :today FROM payments p JOIN loans l ON l.id = p.loan_id "
	 "WHERE p.paid_on > :today ORDER BY 1, 2, 3", NULL},
	{"group-size", N_("an active group has between the configured minimum and maximum of members"),
	 {N_("group %s: %s members, fewer than %s"), N_("group %s: %s members, more than %s")},
	 "SELECT n > :max, code, n, CASE WHEN n > :max THEN :max ELSE :min END FROM "
	 "(SELECT g.code, (SELECT count(*) FROM members m WHERE m.group_id = g.id) AS n "
	 "FROM groups g WHERE g.status = 'active') WHERE n < :min OR n > :max ORDER BY 2", NULL},
};

const char *check_rule_name(size_t i)
{
	return i < ARRAY_LEN(rules) ? rules[i].name : NULL;
}

size_t check_rule_count(void)
{
	return ARRAY_LEN(rules);
}

/* Report one problem of the running rule with format F and ARGS. */
static void check_emit(struct check_ctx *c, int f, const char *const args[CHECK_ARGS])
{
	long i = c->found++;
	if (i >= c->opt->max_lines)
		return;
	if (f < 0 || f >= CHECK_FORMATS || !c->rule->formats[f])
		f = 0;
	const char *a[CHECK_ARGS];
	for (int k = 0; k < CHECK_ARGS; k++)
		a[k] = args[k] ? args[k] : "";
	/* Stored values are quoted safely: a file written by an older tkvv
	 * may hold control characters. */
	char q[CHECK_ARGS][TEXT_QUOTE_SIZE];
	for (int k = 0; k < CHECK_ARGS; k++)
		a[k] = text_quote(q[k], a[k]);
	char line[1024];
	snprintf(line, sizeof line, _(c->rule->formats[f]), a[0], a[1], a[2], a[3], a[4], a[5]);
	struct check_problem p = {c->rule->name, _(c->rule->description), i, line};
	c->fn(c->fn_ctx, &p);
}

/* Bind :min, :max and :share of ST from the options. */
static void check_bind(sqlite3_stmt *st, const struct check_options *opt)
{
	int i;
	if ((i = sqlite3_bind_parameter_index(st, ":min")) > 0)
		sqlite3_bind_int(st, i, opt->group_min);
	if ((i = sqlite3_bind_parameter_index(st, ":max")) > 0)
		sqlite3_bind_int(st, i, opt->group_max);
	if ((i = sqlite3_bind_parameter_index(st, ":share")) > 0)
		sqlite3_bind_int(st, i, opt->share_small_hamlets);
	if ((i = sqlite3_bind_parameter_index(st, ":today")) > 0) {
		char today[11];
		csvio_today(today);
		sqlite3_bind_text(st, i, today, -1, SQLITE_TRANSIENT);
	}
}

/* Run a rule's SQL: each row is one problem. */
static int check_sql(struct check_ctx *c)
{
	sqlite3_stmt *st;
	if (db_prepare(c->db, c->rule->sql, &st, c->err) < 0)
		return -1;
	check_bind(st, c->opt);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *args[CHECK_ARGS] = {0};
		int cols = sqlite3_column_count(st);
		for (int k = 1; k < cols && k <= CHECK_ARGS; k++)
			args[k - 1] = (const char *)sqlite3_column_text(st, k);
		check_emit(c, sqlite3_column_int(st, 0), args);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(c->db, c->err, c->rule->name);
	return 0;
}

/* FTS5's own check, with rank 1: the index against the members table. */
static int check_search_index(struct check_ctx *c)
{
	sqlite3_stmt *st;
	if (db_prepare(c->db, "INSERT INTO member_search(member_search, rank) VALUES ('integrity-check', 1)",
		       &st, c->err) < 0)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if ((rc & 0xff) != SQLITE_CORRUPT)
		return db_fail(c->db, c->err, c->rule->name);
	const char *args[CHECK_ARGS] = {sqlite3_errmsg(c->db)};
	check_emit(c, 0, args);
	return 0;
}

/* Compare one member's stored text columns with what text.h computes. */
static void check_one_member(struct check_ctx *c, sqlite3_stmt *st)
{
	const char *code = (const char *)sqlite3_column_text(st, 0);
	const char *name = (const char *)sqlite3_column_text(st, 1);
	const char *folded = (const char *)sqlite3_column_text(st, 2);
	const char *phone = (const char *)sqlite3_column_text(st, 4);
	const char *digits = (const char *)sqlite3_column_text(st, 5);
	if (!name || text_invalid_utf8(name, strlen(name)))
		return;
	char *nfc = text_nfc(name), *want_folded = text_fold(name);
	char *want_digits = text_digits(phone ? phone : "");
	size_t klen = 0;
	unsigned char *key = text_name_key(name, &klen);
	const void *have_key = sqlite3_column_blob(st, 3);
	size_t have_len = (size_t)sqlite3_column_bytes(st, 3);
	if (strcmp(nfc, name) != 0)
		check_emit(c, 0, (const char *[CHECK_ARGS]){code});
	if (strcmp(folded ? folded : "", want_folded) != 0)
		check_emit(c, 1, (const char *[CHECK_ARGS]){code, folded, want_folded});
	if (have_len != klen || (klen && memcmp(have_key, key, klen) != 0))
		check_emit(c, 2, (const char *[CHECK_ARGS]){code});
	if (strcmp(digits ? digits : "", want_digits) != 0)
		check_emit(c, 3, (const char *[CHECK_ARGS]){code, digits, want_digits});
	free(nfc);
	free(want_folded);
	free(want_digits);
	free(key);
}

/* Every member's name in NFC, name_folded, sort_key and phone_digits as text.h makes them. */
static int check_member_text(struct check_ctx *c)
{
	sqlite3_stmt *st;
	if (db_prepare(c->db, "SELECT code, full_name, name_folded, sort_key, phone, phone_digits "
			      "FROM members ORDER BY code", &st, c->err) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		check_one_member(c, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(c->db, c->err, c->rule->name);
	return 0;
}

/* Run SQL (no parameters) and call ROW for each of its rows. */
static int check_rows(struct check_ctx *c, const char *sql,
		      void (*row)(struct check_ctx *c, sqlite3_stmt *st))
{
	sqlite3_stmt *st;
	if (db_prepare(c->db, sql, &st, c->err) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		row(c, st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(c->db, c->err, c->rule->name);
}

/* One member's national ID or phone (whichever the running rule is about)
 * by the rules of rules.h. */
static void check_one_id(struct check_ctx *c, sqlite3_stmt *st)
{
	const char *code = (const char *)sqlite3_column_text(st, 0);
	const char *v = (const char *)sqlite3_column_text(st, 1);
	char msg[RULES_MSG], out[16];
	int phone = strcmp(c->rule->name, "phones") == 0;
	if (!v || !*v)
		return;
	if (phone ? rules_phone(v, out, msg, sizeof msg) < 0 : rules_national_id(v, msg, sizeof msg) < 0)
		check_emit(c, 0, (const char *[CHECK_ARGS]){code, v, msg});
}

/* A national ID held by several members. */
static void check_shared_id(struct check_ctx *c, sqlite3_stmt *st)
{
	check_emit(c, 1, (const char *[CHECK_ARGS]){(const char *)sqlite3_column_text(st, 0),
						    (const char *)sqlite3_column_text(st, 1)});
}

/* The members' national IDs (12 digits, each member's own) or phones. */
static int check_member_ids(struct check_ctx *c)
{
	if (strcmp(c->rule->name, "phones") == 0)
		return check_rows(c, "SELECT code, phone FROM members ORDER BY code", check_one_id);
	if (check_rows(c, "SELECT code, national_id FROM members ORDER BY code", check_one_id) < 0)
		return -1;
	return check_rows(c, "SELECT national_id, group_concat(code, ', ') FROM "
			  "(SELECT national_id, code FROM members WHERE ifnull(national_id, '') <> '' "
			  "ORDER BY code) GROUP BY national_id HAVING count(*) > 1 ORDER BY 1",
			  check_shared_id);
}

/* One loan against its programme, by the rules of rules.h. */
static void check_one_loan(struct check_ctx *c, sqlite3_stmt *st)
{
	const char *code = (const char *)sqlite3_column_text(st, 0);
	const char *program = (const char *)sqlite3_column_text(st, 1);
	struct rules_program p = {sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
				  sqlite3_column_int64(st, 6)};
	int64_t amount = sqlite3_column_int64(st, 2), rate = sqlite3_column_int64(st, 3);
	char msg[RULES_MSG], buf[32];
	if (sqlite3_column_type(st, 4) == SQLITE_NULL) {
		check_emit(c, 2, (const char *[CHECK_ARGS]){code, program});
		return;
	}
	if (rules_loan_amount(program, &p, amount, msg, sizeof msg) < 0) {
		snprintf(buf, sizeof buf, "%lld", (long long)amount);
		check_emit(c, 0, (const char *[CHECK_ARGS]){code, buf, msg});
	}
	if (rules_loan_rate(program, &p, rate, msg, sizeof msg) < 0) {
		parse_rate_format(rate, buf);
		check_emit(c, 1, (const char *[CHECK_ARGS]){code, buf, msg});
	}
}

/* Loans not marked as intended against their programme's ceiling and rate. */
static int check_loan_programs(struct check_ctx *c)
{
	return check_rows(c, "SELECT l.code, l.program_code, l.amount, l.rate_ppm, p.ceiling, "
			  "p.rate_ppm, p.rate_tolerance_pct FROM loans l LEFT JOIN programs p "
			  "ON p.code = l.program_code WHERE NOT l.override ORDER BY l.code",
			  check_one_loan);
}

/* Run one rule and report its "... and N more" line when it was cut. */
static int check_rule(struct check_ctx *c, const struct check_rule *rule)
{
	c->rule = rule;
	c->found = 0;
	int rc = rule->fn ? rule->fn(c) : check_sql(c);
	if (rc == 0 && c->found > c->opt->max_lines) {
		char line[128];
		snprintf(line, sizeof line, _("... and %ld more"), c->found - c->opt->max_lines);
		struct check_problem p = {rule->name, _(rule->description), c->opt->max_lines, line};
		c->fn(c->fn_ctx, &p);
	}
	return rc;
}

long check_run(sqlite3 *db, const struct check_options *opt, check_line_fn fn, void *ctx,
	       struct tkvv_err *err)
{
	struct check_ctx c = {db, opt, NULL, fn, ctx, 0, err};
	long total = 0;
	/* Each rule reads one state of the file, in its own statement: the
	 * FTS5 check is an INSERT (that writes nothing), so it must be able
	 * to wait for a writer, which a read transaction held across all the
	 * rules would forbid. */
	for (size_t i = 0; i < ARRAY_LEN(rules) && total >= 0; i++) {
		if (check_rule(&c, &rules[i]) < 0)
			total = -1;
		else
			total += c.found;
	}
	return total;
}
