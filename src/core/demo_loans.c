/* Loans and payments of the demo: programmes, schedules, overdue debt,
 * extensions, and the twelve months of interest and savings before the
 * reference date, with interest due as quality-metrics.md defines it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "demo_internal.h"
#include "tkvv/db.h"
#include "tkvv/quality.h"

enum program { HN, CN, MTN, HSSV, NSVS, GQVL, SXKD, NOXH, PROGRAMS };
static const char *const program_codes[PROGRAMS] = {
	"HN", "CN", "MTN", "HSSV", "NSVS", "GQVL", "SXKD", "NOXH",
};
/* Programme shares (per mille) by the member's category: ngheo, can_ngheo,
 * moi_thoat_ngheo, khac. */
static const unsigned program_w[4][PROGRAMS] = {
	{700, 0, 0, 100, 150, 50, 0, 0},
	{0, 650, 0, 100, 150, 50, 50, 0},
	{0, 0, 650, 100, 150, 0, 100, 0},
	{0, 0, 0, 120, 200, 250, 415, 15},
};

#define MAX_EVENTS 16

/* A principal repayment: when and how much. */
struct event {
	int day;
	long long amount;
};

struct loan {
	int program, disbursed, due, extended, overdue;
	long long amount;
	struct event ev[MAX_EVENTS];  /* principal actually paid, by date */
	int nev;
	sqlite3_int64 id;
};

/* The reference date and the first day of the twelve-month window. */
static int ref_day = -1;
void demo_loans_set_as_of(int day) { ref_day = day; }
static int as_of(void) { return ref_day >= 0 ? ref_day : date_days(2026, 10, 31); }
/* The first day of the twelve months of payments up to the reference day. */
static int window_start(void)
{
	int m = demo_month_of(as_of()) - 11;
	return date_days(m / 12, m % 12 + 1, 1);
}

/* The last month whose transaction day DOM is on or before the reference
 * day: payments run up to it. */
static int last_paid_month(int dom)
{
	int y, m, d;
	date_civil(as_of(), &y, &m, &d);
	return y * 12 + m - 1 - (d < dom);
}

int demo_loans_init(struct demo_sink *sink, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(sink->db, "SELECT rate_ppm FROM programs WHERE code = ?", &st, err) < 0)
		return -1;
	for (int p = 0; p < PROGRAMS; p++) {
		sqlite3_bind_text(st, 1, program_codes[p], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			return err_set(err, TKVV_EFAIL, "programs: no programme %s", program_codes[p]);
		}
		sink->rates[p] = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

/* An amount in VND typical of programme P (smaller in a small group),
 * within the ceilings of the programs table as the migrations set it (a
 * student loan is one disbursement, at most 4,000,000 a month). */
static long long pick_amount(struct demo_rng *r, int p, int small)
{
	const long long m = 1000000;
	switch (p) {
	case HSSV: return m * demo_rng_range(r, 2, small ? 3 : 4);
	case NSVS: return m * demo_rng_range(r, 10, small ? 15 : 25);
	case GQVL: return 5 * m * demo_rng_range(r, 6, small ? 8 : 20);
	case NOXH: return 10 * m * demo_rng_range(r, 20, 50);
	default: return 5 * m * demo_rng_range(r, 4, small ? 6 : 20);
	}
}

/* DAY moved to the collection day DOM of its month, kept within [LO, HI]. */
static int snap(int day, int dom, int lo, int hi)
{
	int d = demo_month_day(day, 0, dom);
	if (d < lo)
		d = demo_month_day(d, 1, dom);
	if (d > hi)
		d = demo_month_day(d, -1, dom);
	return d;
}

/* A uniform day in [LO, HI]. */
static int pick_day(struct demo_rng *r, int lo, int hi)
{
	return hi <= lo ? lo : demo_rng_range(r, lo, hi);
}

/* Draw loan L's programme, amount, term and dates; CURRENT loans run past
 * the reference date, the others were disbursed any time since 2019. */
static void draw_loan(struct demo_rng *r, const struct demo_borrower *b, int current,
		      struct loan *l)
{
	static const unsigned term_w[] = {20, 35, 25, 20};
	int cat = !strcmp(b->category, "ngheo") ? 0 : !strcmp(b->category, "can_ngheo") ? 1
		: !strcmp(b->category, "moi_thoat_ngheo") ? 2 : 3;
	memset(l, 0, sizeof *l);
	l->program = (int)demo_rng_weighted(r, program_w[cat], PROGRAMS);
	l->amount = pick_amount(r, l->program, b->small);
	int term = l->program == NOXH ? 60 : 24 + 12 * (int)demo_rng_weighted(r, term_w, 4);
	int d = as_of(), lo = date_days(2019, 1, 1), hi = demo_month_day(d, -24, 1);
	if (current && b->weak && demo_rng_chance(r, 0.35)) {
		/* Weak groups hold more loans already past their due date. */
		lo = demo_month_day(d, -term - 24, 1);
		hi = demo_month_day(d, -term - 1, 1);
	} else if (current) {
		lo = demo_month_day(d, -term + 1, 1);
		hi = d - 10;
	}
	if (lo < b->joined)
		lo = b->joined;
	l->disbursed = snap(pick_day(r, lo, hi), b->collect_dom, lo, d - 5);
	l->due = demo_month_day(l->disbursed, term, b->collect_dom);
}

/* Add a principal repayment to L. */
static void pay_principal(struct loan *l, int day, long long amount)
{
	if (amount <= 0 || day > as_of() || l->nev == MAX_EVENTS)
		return;
	l->ev[l->nev].day = day;
	l->ev[l->nev].amount = amount;
	l->nev++;
}

/* Decide how L is repaid: by instalments or at maturity, perhaps extended,
 * perhaps overdue at the reference date, and record what was paid. */
static void repay(struct demo_rng *r, const struct demo_borrower *b, struct loan *l)
{
	int d = as_of(), dom = b->collect_dom;
	if (l->due > d - 730 && l->due < d + 180 && demo_rng_chance(r, 0.04))
		l->extended = demo_month_day(l->due, 12, dom);
	int final = l->extended ? l->extended : l->due;
	if (final < d)
		l->overdue = demo_rng_chance(r, b->weak ? 0.55 : 0.03);
	static const unsigned style_w[] = {35, 45, 20};
	static const int style_months[] = {0, 6, 12};  /* at maturity, or every 6 or 12 months */
	int period = style_months[demo_rng_weighted(r, style_w, 3)];
	int n = 1;
	while (period && demo_month_day(l->disbursed, n * period, dom) < l->due && n < 10)
		n++;
	long long part = l->amount / n / 100000 * 100000, paid = 0, rest = 0;
	/* In a weak group an overdue loan stopped paying early; elsewhere only a
	 * remainder of it is left. */
	int stop = l->overdue && b->weak ? demo_rng_range(r, 0, n - 1) : n;
	if (l->overdue && !b->weak)
		rest = l->amount * demo_rng_range(r, 10, 35) / 100 / 100000 * 100000;
	for (int k = 1; k < n && k <= stop; k++) {
		pay_principal(l, demo_month_day(l->disbursed, k * period, dom), part);
		paid += part;
	}
	if (stop < n)
		return;
	/* Most pay at maturity; some a month or two late, but by the reference
	 * date: only the loans drawn as overdue are overdue then. */
	int late = demo_rng_chance(r, 0.08) ? demo_rng_range(r, 1, 2) : 0;
	if (demo_month_day(final, late, dom) > d)
		late = 0;
	pay_principal(l, demo_month_day(final, late, dom), l->amount - paid - rest);
}

/* Outstanding principal of L at the end of DAY. */
static long long outstanding(const struct loan *l, int day)
{
	long long out = l->amount;
	for (int i = 0; i < l->nev; i++)
		if (l->ev[i].day <= day)
			out -= l->ev[i].amount;
	return out > 0 ? out : 0;
}

/* Insert one payment; PERIOD is a month count, or -1 for none. */
static int put_payment(struct demo_sink *s, sqlite3_int64 loan, int day, const char *kind,
		       long long amount, int period, struct tkvv_err *err)
{
	char date[11], month[8];
	demo_date_str(day, date);
	sqlite3_bind_int64(s->payment, 1, loan);
	sqlite3_bind_text(s->payment, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->payment, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->payment, 4, amount);
	if (period >= 0) {
		demo_month_str(period, month);
		sqlite3_bind_text(s->payment, 5, month, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(s->payment, 5);
	}
	int rc = sqlite3_step(s->payment);
	sqlite3_reset(s->payment);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, err, "payments");
	s->payments++;
	return 0;
}

/* The calendar year of DAY. */
static int year_of(int day)
{
	return demo_month_of(day) / 12;
}

/* Insert L's principal payments: before the window one a year (the sum of
 * that year's, on the last of them), then each as it was paid. */
static int put_principal(struct demo_sink *s, const struct loan *l, struct tkvv_err *err)
{
	int start = window_start();
	for (int i = 0; i < l->nev; i++) {
		long long sum = l->ev[i].amount;
		while (l->ev[i].day < start && i + 1 < l->nev && l->ev[i + 1].day < start &&
		       year_of(l->ev[i + 1].day) == year_of(l->ev[i].day))
			sum += l->ev[++i].amount;
		if (put_payment(s, l->id, l->ev[i].day, "principal", sum, -1, err) < 0)
			return -1;
	}
	return 0;
}

/* Insert L's interest for each month of the window it is due, with the
 * gaps of real collection: most on the month's collection day, some the
 * month after, a few never. */
static int put_interest(struct demo_sink *s, struct demo_rng *r, const struct demo_borrower *b,
			const struct loan *l, struct tkvv_err *err)
{
	int first = demo_month_of(window_start()), last = last_paid_month(b->collect_dom);
	double miss = l->overdue ? 0.45 : b->weak ? 0.10 : 0.012;
	for (int month = first; month <= last; month++) {
		if (month <= demo_month_of(l->disbursed))
			continue;
		int day1 = date_days(month / 12, month % 12 + 1, 1);
		long long due = quality_interest(outstanding(l, day1), s->rates[l->program]);
		if (due <= 0 || demo_rng_chance(r, miss))
			continue;
		int later = month < last && demo_rng_chance(r, 0.12);
		int day = demo_month_day(day1, later, b->collect_dom);
		if (put_payment(s, l->id, day, "interest", due, month, err) < 0)
			return -1;
	}
	return 0;
}

/* The loan of the member that a deposit on DAY goes to: the latest one
 * disbursed by then (NULL when there is none yet). */
static const struct loan *savings_loan(const struct loan *loans, int n, int day)
{
	const struct loan *best = NULL;
	for (int i = 0; i < n; i++)
		if (loans[i].disbursed <= day && (!best || loans[i].disbursed >= best->disbursed))
			best = &loans[i];
	return best;
}

/* A monthly deposit in VND: most 50,000 to 200,000, some smaller or larger. */
static long long pick_deposit(struct demo_rng *r)
{
	static const unsigned w[] = {30, 60, 10};
	switch (demo_rng_weighted(r, w, 3)) {
	case 0: return 5000LL * demo_rng_range(r, 1, 8);
	case 1: return 10000LL * demo_rng_range(r, 5, 20);
	default: return 50000LL * demo_rng_range(r, 4, 10);
	}
}

/* Insert the member's savings: the balance before the window as one
 * deposit, then monthly deposits with gaps and an occasional withdrawal. */
static int put_savings(struct demo_sink *s, struct demo_rng *r, const struct demo_borrower *b,
		       const struct loan *loans, int n, struct tkvv_err *err)
{
	if (!demo_rng_chance(r, b->weak ? 0.6 : 0.8))
		return 0;
	long long deposit = pick_deposit(r), balance = 0;
	int open = demo_month_day(window_start(), -1, b->collect_dom);
	const struct loan *l = savings_loan(loans, n, open);
	if (l) {
		int months = demo_month_of(open) - demo_month_of(l->disbursed) + 1;
		balance = deposit * months * demo_rng_range(r, 5, 9) / 10;
		if (balance >= 5000 && put_payment(s, l->id, open, "savings", balance, -1, err) < 0)
			return -1;
	}
	for (int month = demo_month_of(window_start()); month <= last_paid_month(b->collect_dom); month++) {
		int day = demo_month_day(date_days(month / 12, month % 12 + 1, 1), 0, b->collect_dom);
		l = savings_loan(loans, n, day);
		if (!l || demo_rng_chance(r, b->weak ? 0.3 : 0.12))
			continue;
		long long amount = deposit;
		if (balance > 200000 && demo_rng_chance(r, 0.012))
			amount = -(balance / 4 / 10000 * 10000);
		balance += amount;
		if (put_payment(s, l->id, day, "savings", amount, -1, err) < 0)
			return -1;
	}
	return 0;
}

/* Insert loan L of member B as its K-th loan. */
static int put_loan(struct demo_sink *s, const struct demo_borrower *b, int k,
		    struct loan *l, struct tkvv_err *err)
{
	char code[48], disbursed[11], due[11], extended[11];
	snprintf(code, sizeof code, "%s-%d", b->code, k);
	demo_date_str(l->disbursed, disbursed);
	demo_date_str(l->due, due);
	sqlite3_stmt *st = s->loan;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, b->member_id);
	sqlite3_bind_text(st, 3, program_codes[l->program], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, l->amount);
	sqlite3_bind_text(st, 5, disbursed, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, due, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, s->rates[l->program]);
	if (l->extended) {
		demo_date_str(l->extended, extended);
		sqlite3_bind_text(st, 8, extended, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(st, 8);
	}
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, err, "loans");
	l->id = sqlite3_last_insert_rowid(s->db);
	s->loans++;
	return 0;
}

int demo_loans_generate(struct demo_sink *sink, struct demo_rng *r,
			const struct demo_borrower *b, struct tkvv_err *err)
{
	static const unsigned count_w[] = {60, 32, 8};
	struct loan loans[3];
	int n = 1 + (int)demo_rng_weighted(r, count_w, 3);
	for (int i = 0; i < n; i++) {
		draw_loan(r, b, i == 0, &loans[i]);
		repay(r, b, &loans[i]);
	}
	/* Number the loans in the order they were disbursed. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && loans[j].disbursed < loans[j - 1].disbursed; j--) {
			struct loan t = loans[j];
			loans[j] = loans[j - 1];
			loans[j - 1] = t;
		}
	for (int i = 0; i < n; i++)
		if (put_loan(sink, b, i + 1, &loans[i], err) < 0 ||
		    put_principal(sink, &loans[i], err) < 0 ||
		    put_interest(sink, r, b, &loans[i], err) < 0)
			return -1;
	return put_savings(sink, r, b, loans, n, err);
}
