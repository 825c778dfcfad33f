/* Loading what the credit-quality figures need into arrays indexed by
 * position, so that any number of dates can be computed without SQL. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "quality_int.h"
#include "tkvv/db.h"

/* The value of N decimal digits at S, or -1 when one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Whether Y-M-D is a real calendar date. */
static int valid_date(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

int quality_parse_date(const char *s, int32_t *day)
{
	int y, m, d;
	if (!s)
		return -1;
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
		y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	} else if (strlen(s) == 10 && s[2] == '/' && s[5] == '/') {
		d = digits(s, 2), m = digits(s + 3, 2), y = digits(s + 6, 4);
	} else
		return -1;
	if (!valid_date(y, m, d))
		return -1;
	*day = date_days(y, m, d);
	return 0;
}

void quality_format_date(int32_t day, char *buf)
{
	int y, m, d;
	date_civil(day, &y, &m, &d);
	int v[] = {y / 1000 % 10, y / 100 % 10, y / 10 % 10, y % 10, -1, m / 10, m % 10, -1, d / 10, d % 10};
	for (size_t i = 0; i < ARRAY_LEN(v); i++)
		buf[i] = v[i] < 0 ? '-' : (char)('0' + v[i]);
	buf[10] = '\0';
}

/* A stored date column as a day number, or FALLBACK when empty or invalid. */
static int32_t col_day(sqlite3_stmt *st, int col, int32_t fallback)
{
	int32_t day;
	const char *s = (const char *)sqlite3_column_text(st, col);
	return quality_parse_date(s, &day) == 0 ? day : fallback;
}

/* A stored month 'YYYY-MM' as year * 12 + month - 1, or -1. */
static int32_t col_month(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	if (!s || strlen(s) != 7 || s[4] != '-')
		return -1;
	int y = digits(s, 4), m = digits(s + 5, 2);
	return y < 0 || m < 1 || m > 12 ? -1 : y * 12 + m - 1;
}

/* A text column copied, or NULL when it is NULL. */
static char *col_str(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? xstrdup(s) : NULL;
}

/* Order of id-to-index pairs by id. */
static int idpair_cmp(const void *a, const void *b)
{
	const struct quality_idpair *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* The index of row ID in MAP (N pairs sorted by id), or -1. */
static int32_t idmap_find(const struct quality_idpair *map, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (map[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && map[lo].id == id ? map[lo].index : -1;
}

/* Run SQL (bound to UNTIL when it has a parameter) and hand each row to ROW. */
static int load_rows(struct quality_data *q, sqlite3 *db, const char *sql, const char *until,
		     void (*row)(struct quality_data *, sqlite3_stmt *), struct tkvv_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_text(st, 1, until, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		row(q, st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, "quality");
}

/* Make room in P (holding N items of SIZE bytes) for one more: the capacity
 * doubles at each power of two, so none needs to be kept. */
static void *grow(void *p, size_t n, size_t size)
{
	if (n & (n - 1))
		return p;
	return xreallocarray(p, n ? 2 * n : 1, size);
}

/* Append one row (id, code, name) to a list of places with its PARENT index. */
static void place_row(struct quality_place **list, size_t *n, sqlite3_stmt *st,
		      struct quality_idpair **ids, int32_t parent)
{
	*list = grow(*list, *n, sizeof **list);
	struct quality_place *p = &(*list)[*n];
	p->code = col_str(st, 1);
	p->name = col_str(st, 2);
	p->parent = parent;
	if (ids) {
		*ids = grow(*ids, *n, sizeof **ids);
		(*ids)[*n] = (struct quality_idpair){sqlite3_column_int64(st, 0), (int32_t)*n};
	}
	(*n)++;
}

static void commune_row(struct quality_data *q, sqlite3_stmt *st)
{
	place_row(&q->communes, &q->ncommunes, st, &q->commune_ids, -1);
}

static void hamlet_row(struct quality_data *q, sqlite3_stmt *st)
{
	int32_t c = idmap_find(q->commune_ids, q->ncommunes, sqlite3_column_int64(st, 3));
	place_row(&q->hamlets, &q->nhamlets, st, &q->hamlet_ids, c);
}

static void org_row(struct quality_data *q, sqlite3_stmt *st)
{
	place_row(&q->orgs, &q->norgs, st, NULL, -1);
}

/* The index of organisation CODE, or -1. */
static int32_t org_find(const struct quality_data *q, const char *code)
{
	for (size_t i = 0; code && i < q->norgs; i++)
		if (strcmp(q->orgs[i].code, code) == 0)
			return (int32_t)i;
	return -1;
}

/* One group: id, code, name, hamlet_id, org_code, leader, leader's name,
 * whether active, founded_on. */
static void group_row(struct quality_data *q, sqlite3_stmt *st)
{
	q->groups = grow(q->groups, q->ngroups, sizeof *q->groups);
	q->group_ids = grow(q->group_ids, q->ngroups, sizeof *q->group_ids);
	struct quality_grouprow *g = &q->groups[q->ngroups];
	g->code = col_str(st, 1);
	g->name = col_str(st, 2);
	g->hamlet = idmap_find(q->hamlet_ids, q->nhamlets, sqlite3_column_int64(st, 3));
	g->org = org_find(q, (const char *)sqlite3_column_text(st, 4));
	g->leader_code = col_str(st, 5);
	g->leader_name = col_str(st, 6);
	g->active = sqlite3_column_int(st, 7);
	g->founded = col_day(st, 8, INT32_MIN);
	q->group_ids[q->ngroups] = (struct quality_idpair){sqlite3_column_int64(st, 0), (int32_t)q->ngroups};
	q->ngroups++;
}

/* One member: id, group_id, joined_on, lat, lon, has a membership history. */
static void member_row(struct quality_data *q, sqlite3_stmt *st)
{
	q->members = grow(q->members, q->nmembers, sizeof *q->members);
	q->member_ids = grow(q->member_ids, q->nmembers, sizeof *q->member_ids);
	struct quality_memberrow *m = &q->members[q->nmembers];
	m->group = sqlite3_column_int(st, 5) ? -1
		 : idmap_find(q->group_ids, q->ngroups, sqlite3_column_int64(st, 1));
	m->joined = col_day(st, 2, INT32_MIN);
	m->has_xy = sqlite3_column_type(st, 3) != SQLITE_NULL;
	m->lat = sqlite3_column_double(st, 3);
	m->lon = sqlite3_column_double(st, 4);
	q->member_ids[q->nmembers] = (struct quality_idpair){sqlite3_column_int64(st, 0), (int32_t)q->nmembers};
	q->nmembers++;
}

/* One membership: member_id, group_id, from_on, to_on. */
static void membership_row(struct quality_data *q, sqlite3_stmt *st)
{
	int32_t m = idmap_find(q->member_ids, q->nmembers, sqlite3_column_int64(st, 0));
	int32_t g = idmap_find(q->group_ids, q->ngroups, sqlite3_column_int64(st, 1));
	if (m < 0 || g < 0)
		return;
	q->spans = grow(q->spans, q->nspans, sizeof *q->spans);
	q->spans[q->nspans++] = (struct quality_span){m, g, col_day(st, 2, INT32_MAX),
						       col_day(st, 3, INT32_MAX)};
}

/* One loan: id, member_id, amount, disbursed_on, due date, rate_ppm,
 * transaction day. */
static void loan_row(struct quality_data *q, sqlite3_stmt *st)
{
	q->loans = grow(q->loans, q->nloans, sizeof *q->loans);
	q->loan_ids = grow(q->loan_ids, q->nloans, sizeof *q->loan_ids);
	struct quality_loanrow *l = &q->loans[q->nloans];
	l->member = idmap_find(q->member_ids, q->nmembers, sqlite3_column_int64(st, 1));
	l->amount = sqlite3_column_int64(st, 2);
	l->disbursed = col_day(st, 3, INT32_MAX);
	l->due = col_day(st, 4, INT32_MAX);
	l->rate_ppm = sqlite3_column_int64(st, 5);
	l->tday = quality_tday(sqlite3_column_int64(st, 6));
	l->first = l->count = 0;
	q->loan_ids[q->nloans] = (struct quality_idpair){sqlite3_column_int64(st, 0), (int32_t)q->nloans};
	q->nloans++;
}

/* The payments per loan up to the date: where each loan's begin, the count
 * left to be filled by payment_row. */
static void payment_count_row(struct quality_data *q, sqlite3_stmt *st)
{
	int32_t l = idmap_find(q->loan_ids, q->nloans, sqlite3_column_int64(st, 0));
	if (l < 0)
		return;
	q->loans[l].first = (uint32_t)q->npayments;
	q->npayments += (size_t)sqlite3_column_int64(st, 1);
}

/* Room for the payments counted, each loan's to be filled from its first. */
static void payments_alloc(struct quality_data *q)
{
	q->payments = xcalloc(q->npayments + 1, sizeof *q->payments);
	q->payments_room = q->npayments;
	q->npayments = 0;
}

/* The first day a payment kept in 8 bytes may have (1900-01-01). */
#define QUALITY_DAY0 (-25567)

/* The month index of loan L's disbursement, from which its payments'
 * periods are kept; INT32_MIN when it has no date. */
static int32_t loan_month0(const struct quality_loanrow *l)
{
	int y, m, d;
	if (l->disbursed == INT32_MAX)
		return INT32_MIN;
	date_civil(l->disbursed, &y, &m, &d);
	return y * 12 + m - 1;
}

/* Whether payment P of a loan whose month index is M0 fits in 8 bytes: then
 * *OUT holds it. */
static int pay_small(int32_t m0, const struct quality_payment *p, struct quality_pay8 *out)
{
	int64_t day = (int64_t)p->day - QUALITY_DAY0;
	int64_t per = p->period < 0 ? 0 : m0 == INT32_MIN ? -1 : (int64_t)p->period - m0 + 1;
	if (day < 0 || day >= (1 << 22) || per < 0 || per > 255 || p->amount < INT32_MIN ||
	    p->amount > INT32_MAX)
		return 0;
	*out = (struct quality_pay8){(uint32_t)day << 10 | (uint32_t)p->kind << 8 | (uint32_t)per,
				     (int32_t)p->amount};
	return 1;
}

/* Payment P of a loan whose month index is M0, in 8 bytes or appended to
 * the wide ones. */
static struct quality_pay8 pay_pack(struct quality_data *q, int32_t m0, const struct quality_payment *p)
{
	struct quality_pay8 k;
	if (pay_small(m0, p, &k))
		return k;
	q->wide = grow(q->wide, q->nwide, sizeof *q->wide);
	q->wide[q->nwide] = *p;
	return (struct quality_pay8){QUALITY_WIDE, (int32_t)q->nwide++};
}

/* Payment K as the figures use it, of a loan whose month index is M0. */
static void pay_unpack(const struct quality_data *q, int32_t m0, struct quality_pay8 k,
		       struct quality_payment *p)
{
	if (k.w == QUALITY_WIDE) {
		*p = q->wide[k.amount];
		return;
	}
	uint32_t per = k.w & 0xff;
	p->day = (int32_t)(k.w >> 10) + QUALITY_DAY0;
	p->kind = (int32_t)(k.w >> 8 & 3);
	p->period = per ? m0 + (int32_t)per - 1 : -1;
	p->amount = k.amount;
}

uint32_t quality_payments(const struct quality_data *q, const struct quality_loanrow *l,
			  int32_t until, struct quality_payment *buf)
{
	const struct quality_pay8 *k = q->payments + l->first;
	int32_t m0 = loan_month0(l);
	uint32_t n = 0;
	for (; n < l->count; n++) {
		pay_unpack(q, m0, k[n], &buf[n]);
		if (buf[n].day > until)
			break;
	}
	return n;
}

/* One payment: loan_id, paid_on, kind, amount, period, put in its loan's
 * place. A payment without a kind was counted but is left out (its loan's
 * range then has room to spare). */
static void payment_row(struct quality_data *q, sqlite3_stmt *st)
{
	int64_t id = sqlite3_column_int64(st, 0);
	int32_t l = q->last_loan;
	if (!q->nloans || q->last_loan_id != id || !q->payments_seen) {
		l = idmap_find(q->loan_ids, q->nloans, id);
		q->last_loan_id = id, q->last_loan = l;
		q->last_month0 = l >= 0 ? loan_month0(&q->loans[l]) : INT32_MIN;
		q->payments_seen = 1;
	}
	const char *kind = (const char *)sqlite3_column_text(st, 2);
	if (l < 0 || !kind)
		return;
	struct quality_loanrow *lr = &q->loans[l];
	if (lr->first + lr->count >= q->payments_room)
		return;
	struct quality_payment p = {
		.day = col_day(st, 1, INT32_MAX),
		.kind = kind[0] == 'p' ? QP_PRINCIPAL : kind[0] == 'i' ? QP_INTEREST : QP_SAVINGS,
		.period = col_month(st, 4),
		.amount = sqlite3_column_int64(st, 3),
	};
	q->payments[lr->first + lr->count++] = pay_pack(q, q->last_month0, &p);
	q->npayments++;
}

/* Order of payments by day. */
static int payment_day_cmp(const void *a, const void *b)
{
	const struct quality_payment *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

/* Order of payments kept in 8 bytes by day (the top bits). */
static int pay8_cmp(const void *a, const void *b)
{
	const struct quality_pay8 *x = a, *y = b;
	return (x->w >> 10 > y->w >> 10) - (x->w >> 10 < y->w >> 10);
}

/* Each loan's payments by day: those out of order are sorted and kept again,
 * the wide ones in the slots they had. */
static void sort_payments(struct quality_data *q)
{
	struct quality_payment *buf = NULL;
	size_t *slots = NULL;
	for (size_t l = 0; l < q->nloans; l++)
		if (q->loans[l].count > q->most_payments)
			q->most_payments = q->loans[l].count;
	buf = xcalloc(q->most_payments + 1, sizeof *buf);
	slots = xcalloc(q->most_payments + 1, sizeof *slots);
	for (size_t l = 0; l < q->nloans; l++) {
		const struct quality_loanrow *lr = &q->loans[l];
		struct quality_pay8 *k = q->payments + lr->first;
		uint32_t n = lr->count, i = 1, nslots = 0;
		/* Kept ones are in order by their day bits, the wide ones aside. */
		while (i < n && k[i - 1].w != QUALITY_WIDE && k[i].w != QUALITY_WIDE &&
		       k[i - 1].w >> 10 <= k[i].w >> 10)
			i++;
		if (i >= n)
			continue;
		for (i = 0; i < n; i++)
			if (k[i].w == QUALITY_WIDE)
				slots[nslots++] = (size_t)k[i].amount;
		if (!nslots) {
			qsort(k, n, sizeof *k, pay8_cmp);
			continue;
		}
		n = quality_payments(q, lr, INT32_MAX, buf);
		qsort(buf, n, sizeof *buf, payment_day_cmp);
		int32_t m0 = loan_month0(lr);
		for (i = 0, nslots = 0; i < n; i++)
			if (!pay_small(m0, &buf[i], &k[i])) {
				size_t slot = slots[nslots++];
				q->wide[slot] = buf[i];
				k[i] = (struct quality_pay8){QUALITY_WIDE, (int32_t)slot};
			}
	}
	free(buf);
	free(slots);
}

/* Sort N id-to-index pairs by id. */
static void sort_ids(struct quality_idpair *ids, size_t n)
{
	if (n)
		qsort(ids, n, sizeof *ids, idpair_cmp);
}

int quality_load(sqlite3 *db, const char *until, struct quality_data **out, struct tkvv_err *err)
{
	static const struct {
		const char *sql;
		void (*row)(struct quality_data *, sqlite3_stmt *);
	} steps[] = {
		{"SELECT id, code, name FROM communes ORDER BY code", commune_row},
		{"SELECT id, code, name, commune_id FROM hamlets ORDER BY code", hamlet_row},
		{"SELECT code, code, name FROM orgs ORDER BY code", org_row},
		{"SELECT g.id, g.code, g.name, g.hamlet_id, g.org_code, g.leader_code, m.full_name,"
		 " g.status = 'active', g.founded_on FROM groups g"
		 " LEFT JOIN members m ON m.code = g.leader_code ORDER BY g.code", group_row},
		{"SELECT id, group_id, joined_on, lat, lon,"
		 " EXISTS (SELECT 1 FROM memberships s WHERE s.member_id = members.id)"
		 " FROM members ORDER BY id", member_row},
		{"SELECT member_id, group_id, from_on, to_on FROM memberships", membership_row},
		{"SELECT id, member_id, amount, disbursed_on, coalesce(extended_to, due_on), rate_ppm,"
		 " " QUALITY_SQL_TDAY " FROM loans ORDER BY id", loan_row},
		/* All of them: quicker than by date, room for later ones is not touched. */
		{"SELECT loan_id, count(*) FROM payments GROUP BY loan_id",
		 payment_count_row},
		{"SELECT loan_id, paid_on, kind, amount, period FROM payments WHERE paid_on <= ?1",
		 payment_row},
	};
	struct quality_data *q = xcalloc(1, sizeof *q);
	/* One snapshot: the payments counted are the payments read. */
	if (db_exec(db, "SAVEPOINT quality_load", err) < 0) {
		free(q);
		return -1;
	}
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		if (load_rows(q, db, steps[i].sql, until, steps[i].row, err) < 0) {
			db_exec(db, "RELEASE quality_load", NULL);
			quality_data_free(q);
			return -1;
		}
		if (steps[i].row == commune_row)
			sort_ids(q->commune_ids, q->ncommunes);
		else if (steps[i].row == hamlet_row)
			sort_ids(q->hamlet_ids, q->nhamlets);
		else if (steps[i].row == group_row)
			sort_ids(q->group_ids, q->ngroups);
		else if (steps[i].row == payment_count_row)
			payments_alloc(q);
	}
	sort_payments(q);
	if (db_exec(db, "RELEASE quality_load", err) < 0) {
		quality_data_free(q);
		return -1;
	}
	*out = q;
	return 0;
}

/* Free the strings of N places and the list. */
static void places_free(struct quality_place *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].code);
		free(p[i].name);
	}
	free(p);
}

void quality_data_free(struct quality_data *q)
{
	if (!q)
		return;
	places_free(q->communes, q->ncommunes);
	places_free(q->hamlets, q->nhamlets);
	places_free(q->orgs, q->norgs);
	for (size_t i = 0; i < q->ngroups; i++) {
		free(q->groups[i].code);
		free(q->groups[i].name);
		free(q->groups[i].leader_code);
		free(q->groups[i].leader_name);
	}
	free(q->groups);
	free(q->commune_ids);
	free(q->hamlet_ids);
	free(q->group_ids);
	free(q->member_ids);
	free(q->loan_ids);
	free(q->members);
	free(q->spans);
	free(q->loans);
	free(q->payments);
	free(q->wide);
	free(q);
}
