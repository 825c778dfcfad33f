/* Collection sheets as CSV: written for the leader (and re-import), and
 * read back filled in, all or nothing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/csv.h"
#include "tkvv/db.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/sheet.h"

/* The columns; the first three and loan_code are the keys of re-import,
 * the *_paid ones are filled in by the leader. */
enum { C_GROUP, C_MONTH, C_MEMBER, C_NAME, C_LOAN, C_ARREARS, C_INTEREST_DUE,
       C_PRINCIPAL_DUE, C_SAVINGS_DUE, C_INTEREST, C_PRINCIPAL, C_SAVINGS, NCOLS };
static const char *const cols[NCOLS] = {
	"group_code", "month", "member_code", "full_name", "loan_code", "arrears",
	"interest_due", "principal_due", "savings_due", "interest_paid", "principal_paid",
	"savings_paid",
};

static void put_money(struct csv_writer *w, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	csv_put(w, buf);
}

int sheet_write_csv(const struct sheet_set *set, FILE *f, struct tkvv_err *err)
{
	struct csv_writer w;
	csv_writer_init(&w, f, ',');
	for (int c = 0; c < NCOLS; c++)
		csv_put(&w, cols[c]);
	csv_end_row(&w);
	for (size_t g = 0; g < set->n; g++) {
		const struct sheet *s = &set->sheets[g];
		for (size_t i = 0; i < s->n; i++) {
			const struct sheet_row *r = &s->rows[i];
			csv_put(&w, s->group_code);
			csv_put(&w, s->month);
			csv_put(&w, r->member_code);
			csv_put(&w, r->member_name);
			csv_put(&w, r->loan_code);
			put_money(&w, r->arrears);
			put_money(&w, r->interest_due);
			put_money(&w, r->principal_due);
			put_money(&w, r->savings_due);
			csv_put(&w, "");
			csv_put(&w, "");
			csv_put(&w, "");
			csv_end_row(&w);
		}
	}
	if (ferror(f))
		return err_set(err, TKVV_EFAIL, "%s", _("cannot write the sheet"));
	return 0;
}

/* The sheets read so far in an import. */
struct loaded {
	struct sheet *s;
	size_t n, cap;
};

static struct sheet *find_sheet(sqlite3 *db, struct loaded *l, const char *group,
				const char *month, struct tkvv_err *err)
{
	char iso[8];
	if (parse_month(month, iso))
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->s[i].group_code, group) == 0 && strcmp(l->s[i].month, iso) == 0)
			return &l->s[i];
	if (l->n == l->cap)
		l->s = xreallocarray(l->s, l->cap = l->cap ? 2 * l->cap : 4, sizeof *l->s);
	if (sheet_load(db, group, iso, &l->s[l->n], err) < 0)
		return NULL;
	struct sheet *s = &l->s[l->n++];
	/* Only what the file says is paid. */
	for (size_t i = 0; i < s->n; i++)
		s->rows[i].interest = s->rows[i].principal = s->rows[i].savings = 0;
	return s;
}

/* Read the file's rows into L; 0 or -1 with ERR at file:line:col. */
static int read_rows(sqlite3 *db, struct csv_reader *r, struct loaded *l, struct tkvv_err *err)
{
	size_t at[NCOLS];
	for (int c = 0; c < NCOLS; c++) {
		at[c] = (size_t)-1;
		for (size_t h = 0; h < csv_header_count(r); h++)
			if (strcmp(csv_header(r, h), cols[c]) == 0)
				at[c] = h;
		if (at[c] == (size_t)-1 && (c <= C_MONTH || c == C_LOAN || c >= C_INTEREST))
			return err_set(err, TKVV_EFAIL, _("%s:1: missing column %s"), csv_path(r), cols[c]);
	}
	int rc;
	while ((rc = csv_next_row(r, err)) > 0) {
		const char *f[NCOLS];
		for (int c = 0; c < NCOLS; c++)
			f[c] = at[c] != (size_t)-1 && at[c] < csv_field_count(r) ? csv_field(r, at[c]) : "";
		struct tkvv_err sub;
		err_clear(&sub);
		struct sheet *s = find_sheet(db, l, f[C_GROUP], f[C_MONTH], &sub);
		if (!s) {
			int c = sub.msg[0] ? C_GROUP : C_MONTH;
			return err_set(err, TKVV_EFAIL, "%s:%lu:%zu: %s", csv_path(r), csv_line(r), at[c] + 1,
				       sub.msg[0] ? sub.msg : _("not a month (YYYY-MM)"));
		}
		struct sheet_row *row = NULL;
		for (size_t i = 0; i < s->n && !row; i++)
			if (strcmp(s->rows[i].loan_code, f[C_LOAN]) == 0)
				row = &s->rows[i];
		if (!row)
			return err_set(err, TKVV_EFAIL, _("%s:%lu:%zu: loan %s is not on the sheet of group %s for %s"),
				       csv_path(r), csv_line(r), at[C_LOAN] + 1, f[C_LOAN], s->group_code, s->month);
		if (at[C_MEMBER] != (size_t)-1 && *f[C_MEMBER] && strcmp(f[C_MEMBER], row->member_code) != 0)
			return err_set(err, TKVV_EFAIL, _("%s:%lu:%zu: loan %s belongs to member %s"), csv_path(r),
				       csv_line(r), at[C_MEMBER] + 1, row->loan_code, row->member_code);
		int64_t *dst[3] = {&row->interest, &row->principal, &row->savings};
		for (int k = 0; k < 3; k++) {
			const char *v = f[C_INTEREST + k];
			const char *why = *v ? parse_money(v, 0, dst[k]) : NULL;
			if (!*v)
				*dst[k] = 0;
			if (why)
				return err_set(err, TKVV_EFAIL, "%s:%lu:%zu: %s: %s", csv_path(r), csv_line(r),
					       at[C_INTEREST + k] + 1, cols[C_INTEREST + k], why);
		}
		size_t idx = (size_t)(row - s->rows);
		struct tkvv_err why;
		err_clear(&why);
		if (sheet_check_row(s, idx, &why) < 0)
			return err_set(err, TKVV_EFAIL, "%s:%lu:%zu: %s", csv_path(r), csv_line(r),
				       at[C_INTEREST] + 1, why.msg);
	}
	return rc;
}

int sheet_import(sqlite3 *db, const char *path, size_t *count, struct tkvv_err *err)
{
	struct loaded l = {NULL, 0, 0};
	*count = 0;
	struct csv_reader *r = csv_open(path, err);
	if (!r)
		return -1;
	int rc = read_rows(db, r, &l, err);
	csv_close(r);
	if (rc == 0 && db_begin(db, err) == 0) {
		char detail[160];
		for (size_t i = 0; i < l.n && rc == 0; i++)
			rc = sheet_apply(db, &l.s[i], count, err);
		snprintf(detail, sizeof detail, "%s: sheets %zu, payments %zu", path, l.n, *count);
		if (rc == 0)
			rc = db_audit(db, "sheet import", "payment", NULL, detail, err);
		if (rc == 0)
			rc = db_commit(db, err);
		if (rc < 0) {
			db_rollback(db);
			*count = 0;
		}
	} else if (rc == 0) {
		rc = -1;
	}
	for (size_t i = 0; i < l.n; i++)
		sheet_free(&l.s[i]);
	free(l.s);
	return rc < 0 ? -1 : 0;
}
