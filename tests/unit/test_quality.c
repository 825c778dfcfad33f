/* Credit quality on tests/data/quality_fixture.sql, whose every figure was
 * computed by hand (the working is in the comments of each table). */
#include "config.h"

#include "testutil.h"
#include "tkvv/config.h"
#include "tkvv/quality.h"

/* The fixture loaded into a fresh database in memory. */
static sqlite3 *fixture_db(void)
{
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/data/quality_fixture.sql", top ? top : "..");
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "%s", path);
	struct strbuf sb;
	char buf[4096];
	size_t n;
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	sqlite3 *db = tu_memdb();
	char *msg = NULL;
	ck_assert_msg(sqlite3_exec(db, sb.buf, NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
	sb_free(&sb);
	free(path);
	return db;
}

/* The figures of the fixture as of DAY, with CFG. */
static void compute(const char *day, const struct config *cfg, struct quality_data **q,
		    struct quality_report *r)
{
	struct tkvv_err err;
	sqlite3 *db = fixture_db();
	err_clear(&err);
	ck_assert_msg(quality_load(db, "2023-12-31", q, &err) == 0, "%s", err.msg);
	db_close(db);
	ck_assert_msg(quality_compute(*q, day, cfg, r, &err) == 0, "%s", err.msg);
}

struct expect {
	const char *code;
	int64_t members, borrowers, outstanding, overdue;
	int64_t due_month, collected_month, due_ytd, collected_ytd;
	int64_t savings, savers, savings_before, transactors, principal_due, principal_collected;
	int score;
	enum quality_grade grade;
};

/* Check unit U against E. */
static void check_unit(const struct quality_unit *u, const struct expect *e, const char *day)
{
	const struct quality_figures *f = &u->fig;
	int64_t got[] = {f->members, f->borrowers, f->outstanding, f->overdue,
			 f->interest_due_month, f->interest_collected_month, f->interest_due_ytd,
			 f->interest_collected_ytd, f->savings, f->savers, f->savings_before,
			 f->transactors, f->principal_due_month, f->principal_collected_month,
			 u->score.total, u->score.grade};
	int64_t want[] = {e->members, e->borrowers, e->outstanding, e->overdue, e->due_month,
			  e->collected_month, e->due_ytd, e->collected_ytd, e->savings, e->savers,
			  e->savings_before, e->transactors, e->principal_due, e->principal_collected,
			  e->score, e->grade};
	ck_assert_str_eq(u->code, e->code);
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		ck_assert_msg(got[i] == want[i], "%s %s field %zu: got %lld, want %lld", day, e->code,
			      i, (long long)got[i], (long long)want[i]);
}

/* Check the groups of the fixture as of DAY against the N rows of E. */
static void check_groups(const char *day, const struct expect *e, size_t n)
{
	struct config cfg;
	struct quality_data *q;
	struct quality_report r;
	config_defaults(&cfg);
	compute(day, &cfg, &q, &r);
	ck_assert_str_eq(r.as_of, day);
	ck_assert_uint_eq(r.ngroups, n);
	for (size_t i = 0; i < n; i++)
		check_unit(&r.groups[i].u, &e[i], day);
	quality_report_free(&r);
	quality_data_free(q);
	config_free(&cfg);
}

/* 31/12/2022: M03 is still in G1. G1: L1 10M (interest Jul-Dec 6 x 50,000,
 * all paid), L2 20M less 5M paid 05/11, due 20/12 so overdue (Feb-Nov
 * 10 x 100,000 + Dec 75,000 due, Feb-Oct paid), L3 12M extended (Oct-Dec
 * 3 x 72,000, paid). December: M01 and M03 paid, M02 did not (2 of 3);
 * L2 fell due with 15M outstanding, none repaid. Score: transactions 67 %
 * 0, principal 0 % 0, interest 122/197 0, savers 5, growth 10, overdue 0. */
static const struct expect at_2022_12_31[] = {
	{"G1", 3, 3, 37000000, 15000000, 197000, 122000, 1591000, 1416000,
	 280000, 3, 180000, 2, 15000000, 0, 15, QG_YEU},
	{"G2", 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 95, QG_TOT},
	{"G3", 2, 2, 48000000, 0, 240000, 240000, 2280000, 2280000,
	 200000, 1, 200000, 2, 0, 0, 95, QG_TOT},
	{"G4", 2, 1, 50000000, 0, 250000, 250000, 1750000, 1500000,
	 500000, 1, 500000, 1, 0, 0, 95, QG_TOT},
	{"G5", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 95, QG_TOT},
};

/* 15/03/2023: M03 and L3 are in G2 since 01/03. L1 8M after 2M on 10/02
 * (Jan, Feb 50,000, Mar 40,000; March paid on 20/03, after D). L3 interest
 * Mar on 12M (the 05/03 repayment is after the 1st). L4 from March. L5 5M
 * overdue since 01/02 (Jan 40,000 then 25,000 a month). M09 withdrew all.
 * March is not due yet in C1 (transaction day 25): G1-G3 hold January and
 * February only, and what was paid early for March does not count; in C2
 * (day 10) G4's March is due and paid on 05/03.
 * The scores are February's, on the figures at 28/02 (M03 still in G1):
 * G1 interest 122,000/197,000 0, transactions 2/3 0, principal 15, savers
 * 5, growth 10, overdue 0 = 30; G2 (L4 from 20/02, nothing paid in
 * February) transactions 0/1 0 + 15 + 20 + savers 0 + 10 + 30 = 75; G3
 * 200,000/225,000 0, 1/2 0, 15, 1/2 0, 10, 5/45 0 = 25; G4 February unpaid:
 * 0 + 15 + 0 + 0 + 10 + 30 = 55. */
static const struct expect at_2023_03_15[] = {
	{"G1", 2, 2, 23000000, 15000000, 0, 0, 250000, 100000,
	 250000, 2, 250000, 0, 0, 0, 30, QG_YEU},
	{"G2", 3, 2, 40000000, 0, 0, 0, 144000, 144000,
	 60000, 1, 30000, 2, 0, 0, 75, QG_KHA},
	{"G3", 2, 2, 45000000, 5000000, 0, 0, 465000, 440000,
	 200000, 1, 200000, 1, 0, 0, 25, QG_YEU},
	{"G4", 2, 1, 50000000, 0, 250000, 250000, 750000, 500000,
	 0, 0, 500000, 1, 0, 0, 55, QG_TRUNG_BINH},
	{"G5", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 95, QG_TOT},
};

/* 31/05/2023: L2 repaid on 10/04 (no interest due in May, M02 no longer a
 * borrower); L1's May interest unpaid; M01 withdrew 250,000 on 10/05, so G1
 * loses the growth points (-71 %) but the withdrawal is a transaction. */
static const struct expect at_2023_05_31[] = {
	{"G1", 2, 1, 8000000, 0, 40000, 0, 520000, 480000,
	 100000, 2, 350000, 1, 0, 0, 70, QG_KHA},
	{"G2", 3, 2, 40000000, 0, 210000, 210000, 786000, 786000,
	 60000, 1, 60000, 2, 0, 0, 95, QG_TOT},
	{"G3", 2, 2, 45000000, 5000000, 225000, 200000, 1140000, 1040000,
	 300000, 1, 200000, 1, 0, 0, 25, QG_YEU},
	{"G4", 2, 1, 50000000, 0, 250000, 250000, 1250000, 1000000,
	 0, 0, 0, 1, 0, 0, 95, QG_TOT},
	{"G5", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 95, QG_TOT},
};

/* The figures of DB as of DAY (loaded up to 2023-12-31 into *Q). */
static void compute_db(sqlite3 *db, const char *day, struct quality_data **q,
		       struct quality_report *r)
{
	struct config cfg;
	struct tkvv_err err;
	config_defaults(&cfg);
	err_clear(&err);
	ck_assert_msg(quality_load(db, "2023-12-31", q, &err) == 0, "%s", err.msg);
	ck_assert_msg(quality_compute(*q, day, &cfg, r, &err) == 0, "%s", err.msg);
	config_free(&cfg);
}

/* Amounts a thousand times the fixture's (beyond 32 bits), payments stored
 * in reverse order, one paid on 31/12/1899 and one for a period decades
 * after its loan: the counts are the fixture's, the sums a thousand times
 * theirs (interest due is left out, being rounded). */
START_TEST(test_large_payments)
{
	static const char *days[] = {"2022-12-31", "2023-03-15", "2023-05-31", "2023-12-31"};
	sqlite3 *db = fixture_db(), *big = fixture_db();
	char *msg = NULL;
	ck_assert_msg(sqlite3_exec(big,
		"UPDATE loans SET amount = amount * 1000;"
		"UPDATE payments SET amount = amount * 1000, id = -id;"
		"INSERT INTO payments (loan_id, paid_on, kind, amount, period) VALUES"
		" ((SELECT min(loan_id) FROM payments), '1899-12-31', 'savings', 0, NULL),"
		" ((SELECT min(loan_id) FROM payments), '2023-01-02', 'interest', 0, '2090-01');",
		NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
	ck_assert_msg(sqlite3_exec(db,
		"INSERT INTO payments (loan_id, paid_on, kind, amount, period) VALUES"
		" ((SELECT min(loan_id) FROM payments), '1899-12-31', 'savings', 0, NULL),"
		" ((SELECT min(loan_id) FROM payments), '2023-01-02', 'interest', 0, '2090-01');",
		NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
	for (size_t d = 0; d < ARRAY_LEN(days); d++) {
		struct quality_report a, b;
		struct quality_data *qa, *qb;
		compute_db(db, days[d], &qa, &a);
		compute_db(big, days[d], &qb, &b);
		ck_assert_uint_eq(a.ngroups, b.ngroups);
		ck_assert_uint_gt(a.ngroups, 0);
		for (size_t i = 0; i < a.ngroups; i++) {
			const struct quality_figures *x = &a.groups[i].u.fig, *y = &b.groups[i].u.fig;
			int64_t counts[][2] = {{x->members, y->members}, {x->borrowers, y->borrowers},
					       {x->savers, y->savers}, {x->transactors, y->transactors}};
			int64_t sums[][2] = {{x->outstanding, y->outstanding}, {x->overdue, y->overdue},
					     {x->interest_collected_month, y->interest_collected_month},
					     {x->interest_collected_ytd, y->interest_collected_ytd},
					     {x->savings, y->savings}, {x->savings_before, y->savings_before},
					     {x->principal_due_month, y->principal_due_month},
					     {x->principal_collected_month, y->principal_collected_month}};
			for (size_t k = 0; k < ARRAY_LEN(counts); k++)
				ck_assert_msg(counts[k][0] == counts[k][1], "%s %s count %zu: %lld, %lld",
					      days[d], a.groups[i].u.code, k, (long long)counts[k][0],
					      (long long)counts[k][1]);
			for (size_t k = 0; k < ARRAY_LEN(sums); k++)
				ck_assert_msg(sums[k][0] * 1000 == sums[k][1], "%s %s sum %zu: %lld, %lld",
					      days[d], a.groups[i].u.code, k, (long long)sums[k][0],
					      (long long)sums[k][1]);
		}
		ck_assert_int_gt(b.district.fig.outstanding, INT32_MAX);
		quality_report_free(&a);
		quality_report_free(&b);
		quality_data_free(qa);
		quality_data_free(qb);
	}
	db_close(db);
	db_close(big);
}
END_TEST

START_TEST(test_groups_2022_12_31)
{
	check_groups("2022-12-31", at_2022_12_31, ARRAY_LEN(at_2022_12_31));
}
END_TEST

START_TEST(test_groups_2023_03_15)
{
	check_groups("2023-03-15", at_2023_03_15, ARRAY_LEN(at_2023_03_15));
}
END_TEST

/* 31/01/2023: L5 (G3) falls due that day with 8M out and 3M repaid on 15/01:
 * principal 37.5 % (0 points), not yet overdue; interest and transactions
 * complete: 0 + 20 + 20 + 0 + 10 + 30 = 80. G4 paid January: 95. */
START_TEST(test_principal_due)
{
	struct config cfg;
	struct quality_data *q;
	struct quality_report r;
	config_defaults(&cfg);
	compute("2023-01-31", &cfg, &q, &r);
	const struct quality_figures *f = &r.groups[2].u.fig;
	ck_assert_str_eq(r.groups[2].u.code, "G3");
	ck_assert_int_eq(f->principal_due_month, 8000000);
	ck_assert_int_eq(f->principal_collected_month, 3000000);
	ck_assert_int_eq(f->overdue, 0);
	ck_assert_int_eq(r.groups[2].u.score.points[QC_PRINCIPAL], 0);
	ck_assert_int_eq(r.groups[2].u.score.total, 80);
	ck_assert_int_eq(r.groups[3].u.score.total, 95);
	ck_assert_int_eq(r.groups[0].u.score.total, 30);
	quality_report_free(&r);
	/* The next day it is overdue and no longer due in the month. */
	ck_assert_int_eq(quality_compute(q, "2023-02-01", &cfg, &r, NULL), 0);
	ck_assert_int_eq(r.groups[2].u.fig.overdue, 5000000);
	ck_assert_int_eq(r.groups[2].u.fig.principal_due_month, 0);
	quality_report_free(&r);
	quality_data_free(q);
	config_free(&cfg);
}
END_TEST

/* Mid-month the score is the last month's: the same at 15/03 as at 28/02
 * (G4 55, Trung bình), and at a month's end its own month. */
START_TEST(test_scored_month)
{
	struct config cfg;
	struct quality_data *q;
	struct quality_report mid, end;
	config_defaults(&cfg);
	compute("2023-03-15", &cfg, &q, &mid);
	ck_assert_str_eq(mid.score_as_of, "2023-02-28");
	ck_assert_int_eq(quality_compute(q, "2023-02-28", &cfg, &end, NULL), 0);
	ck_assert_str_eq(end.score_as_of, "2023-02-28");
	ck_assert_int_eq(mid.groups[3].u.score.total, 55);
	ck_assert_int_eq(end.groups[3].u.score.total, 55);
	ck_assert_int_eq(mid.district.score.total, end.district.score.total);
	ck_assert_int_eq(mid.communes[0].score.total, end.communes[0].score.total);
	quality_report_free(&end);
	ck_assert_int_eq(quality_compute(q, "2024-02-29", &cfg, &end, NULL), 0);
	ck_assert_str_eq(end.score_as_of, "2024-02-29");
	quality_report_free(&end);
	quality_report_free(&mid);
	quality_data_free(q);
	config_free(&cfg);
}
END_TEST

START_TEST(test_groups_2023_05_31)
{
	check_groups("2023-05-31", at_2023_05_31, ARRAY_LEN(at_2023_05_31));
}
END_TEST

/* Communes, hamlets, organisations and the district add their groups'
 * quantities before dividing; a commune is scored on its own sums. */
START_TEST(test_sums_and_commune_grade)
{
	struct config cfg;
	struct quality_data *q;
	struct quality_report r;
	int64_t t;
	config_defaults(&cfg);
	compute("31/12/2022", &cfg, &q, &r);
	/* C1 = G1 + G2 + G3 + G5: transactions 4/5 = 80 % (10 points),
	 * principal 0/15M (0), interest 362,000/437,000 (0), savers 4/8 (0),
	 * growth 480,000 over 380,000 (10), overdue 15/85 (0). */
	const struct expect c1 = {"C1", 8, 5, 85000000, 15000000, 437000, 362000, 3871000, 3696000,
				  480000, 4, 380000, 4, 15000000, 0, 20, QG_YEU};
	check_unit(&r.communes[0], &c1, r.as_of);
	ck_assert_int_eq(r.communes[0].fig.groups, 4);
	struct expect c2 = at_2022_12_31[3];   /* C2 is G4 alone */
	c2.code = "C2";
	check_unit(&r.communes[1], &c2, r.as_of);
	ck_assert_str_eq(r.hamlets[0].code, "H1");
	ck_assert_int_eq(r.hamlets[0].fig.members, 6);
	ck_assert_int_eq(r.hamlets[0].fig.outstanding, 37000000);
	ck_assert_str_eq(r.orgs[2].code, "PN");
	ck_assert_int_eq(r.orgs[2].fig.outstanding, 37000000 + 48000000);
	ck_assert_int_eq(r.district.fig.groups, 5);
	ck_assert_int_eq(r.district.fig.members, 10);
	ck_assert_int_eq(r.district.fig.outstanding, 135000000);
	ck_assert_int_eq(r.district.fig.interest_due_ytd, 5621000);
	ck_assert_int_eq(r.district.fig.interest_collected_ytd, 5196000);
	ck_assert(quality_pct_tenths(r.district.fig.overdue, r.district.fig.outstanding, &t));
	ck_assert_int_eq(t, 111);
	ck_assert(quality_pct_tenths(r.district.fig.interest_collected_ytd, r.district.fig.interest_due_ytd, &t));
	ck_assert_int_eq(t, 924);
	quality_report_free(&r);
	/* 31/05/2023: overdue 5M of 143M = 3.5 %, collection 3,306,000 of
	 * 3,696,000 = 89.4 %; district score 10 + 15 + 10 (91.0 %) + 0 + 0 + 0. */
	ck_assert_int_eq(quality_compute(q, "2023-05-31", &cfg, &r, NULL), 0);
	ck_assert(quality_pct_tenths(r.district.fig.overdue, r.district.fig.outstanding, &t));
	ck_assert_int_eq(t, 35);
	ck_assert(quality_pct_tenths(r.district.fig.interest_collected_ytd, r.district.fig.interest_due_ytd, &t));
	ck_assert_int_eq(t, 894);
	ck_assert_int_eq(r.district.score.total, 35);
	ck_assert_int_eq(r.communes[0].score.total, 25);
	ck_assert_int_eq(r.communes[1].score.grade, QG_TOT);
	ck_assert_int_eq(r.hamlets[0].score.grade, QG_TRUNG_BINH);
	quality_report_free(&r);
	quality_data_free(q);
	config_free(&cfg);
}
END_TEST

/* Before any loan or membership the groups are still listed, with nothing. */
START_TEST(test_before_everything)
{
	struct config cfg;
	struct quality_data *q;
	struct quality_report r;
	struct tkvv_err err;
	config_defaults(&cfg);
	compute("2021-06-30", &cfg, &q, &r);
	ck_assert_uint_eq(r.ngroups, 0);
	ck_assert_int_eq(r.district.fig.outstanding, 0);
	quality_report_free(&r);
	ck_assert_int_eq(quality_compute(q, "2022-01-01", &cfg, &r, NULL), 0);
	ck_assert_uint_eq(r.ngroups, 5);
	/* L5 (8M from 01/12/2021) is the only loan out; M09's L8 was repaid. */
	ck_assert_int_eq(r.district.fig.outstanding, 8000000);
	/* January's interest is due on its transaction day, 25/01. */
	ck_assert_int_eq(r.district.fig.interest_due_ytd, 0);
	quality_report_free(&r);
	ck_assert_int_eq(quality_compute(q, "2022-01-25", &cfg, &r, NULL), 0);
	ck_assert_int_eq(r.district.fig.interest_due_ytd, 40000);
	quality_report_free(&r);
	err_clear(&err);
	ck_assert_int_eq(quality_compute(q, "2023-02-30", &cfg, &r, &err), -1);
	ck_assert_int_eq(err.code, TKVV_EUSAGE);
	quality_data_free(q);
	config_free(&cfg);
}
END_TEST

/* The year-to-date interest of group CODE as of DAY. */
static void check_ytd(const struct quality_data *q, const char *day, const char *code,
		      int64_t due_month, int64_t due, int64_t collected)
{
	struct config cfg;
	struct quality_report r;
	config_defaults(&cfg);
	ck_assert_int_eq(quality_compute(q, day, &cfg, &r, NULL), 0);
	const struct quality_figures *f = NULL;
	for (size_t i = 0; i < r.ngroups; i++)
		if (strcmp(r.groups[i].u.code, code) == 0)
			f = &r.groups[i].u.fig;
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(f->interest_due_month == due_month && f->interest_due_ytd == due &&
		      f->interest_collected_ytd == collected,
		      "%s %s: due month %lld, ytd due %lld collected %lld; want %lld, %lld, %lld",
		      day, code, (long long)f->interest_due_month, (long long)f->interest_due_ytd,
		      (long long)f->interest_collected_ytd, (long long)due_month, (long long)due,
		      (long long)collected);
	quality_report_free(&r);
	config_free(&cfg);
}

/* Both sides of a transaction day. G1 (C1, day 25) in May 2023: L1 Jan,
 * Feb 50,000, Mar-May 40,000 (8M after 10/02); L2 Jan-Apr 75,000 (15M until
 * 10/04), nothing in May; Jan-Apr all paid, May unpaid. G4 (C2, day 10):
 * L7 250,000 a month, Jan, Mar, Apr paid on the 5th, February not, May
 * paid on 05/05, ahead of its day. */
START_TEST(test_transaction_day)
{
	struct config cfg;
	struct quality_data *q;
	struct quality_report r;
	config_defaults(&cfg);
	compute("2023-05-31", &cfg, &q, &r);
	quality_report_free(&r);
	check_ytd(q, "2023-05-24", "G1", 0, 480000, 480000);
	check_ytd(q, "2023-05-25", "G1", 40000, 520000, 480000);
	check_ytd(q, "2023-05-26", "G1", 40000, 520000, 480000);
	check_ytd(q, "2023-05-09", "G4", 0, 1000000, 750000);
	check_ytd(q, "2023-05-10", "G4", 250000, 1250000, 1000000);
	check_ytd(q, "2023-05-11", "G4", 250000, 1250000, 1000000);
	/* January 2023 in C1 before its day: the new year holds nothing yet. */
	check_ytd(q, "2023-01-24", "G4", 250000, 250000, 250000);
	check_ytd(q, "2023-01-24", "G3", 0, 0, 0);
	quality_data_free(q);
	config_free(&cfg);
}
END_TEST

START_TEST(test_interest_rounding)
{
	ck_assert_int_eq(quality_interest(10000000, 5200), 52000);
	ck_assert_int_eq(quality_interest(12345, 5200), 64);        /* 64.194 */
	ck_assert_int_eq(quality_interest(96250, 5200), 501);       /* 500.5 */
	ck_assert_int_eq(quality_interest(96249, 5200), 500);       /* 500.4948 */
	ck_assert_int_eq(quality_interest(100, 5000), 1);           /* 0.5 */
	ck_assert_int_eq(quality_interest(0, 6240), 0);
}
END_TEST

/* Percentages are shown with one decimal, half away from zero, exactly. */
START_TEST(test_percent_rounding)
{
	int64_t t;
	ck_assert(quality_pct_tenths(205, 10000, &t));    /* 2.05 % */
	ck_assert_int_eq(t, 21);
	ck_assert(quality_pct_tenths(49, 100000, &t));    /* 0.049 % */
	ck_assert_int_eq(t, 0);
	ck_assert(quality_pct_tenths(5, 10000, &t));      /* 0.05 % */
	ck_assert_int_eq(t, 1);
	ck_assert(quality_pct_tenths(-205, 10000, &t));
	ck_assert_int_eq(t, -21);
	ck_assert(quality_pct_tenths(15, 37, &t));        /* 40.54 % */
	ck_assert_int_eq(t, 405);
	ck_assert(quality_pct_tenths(2, 3, &t));
	ck_assert_int_eq(t, 667);
	ck_assert(quality_pct_tenths(1000, 1000, &t));
	ck_assert_int_eq(t, 1000);
	ck_assert(!quality_pct_tenths(5, 0, &t));         /* nothing due: undefined */
	char buf[32];
	quality_format_pct(205, 10000, buf, sizeof buf);
	ck_assert_str_eq(buf, "2.1");
	quality_format_pct(49, 100000, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.0");
	quality_format_pct(-1, 2000, buf, sizeof buf);   /* -0.05 %: away from zero */
	ck_assert_str_eq(buf, "-0.1");
	quality_format_pct(3696000 - 390000, 3696000, buf, sizeof buf);
	ck_assert_str_eq(buf, "89.4");
	quality_format_pct(1, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "-");
	quality_format_money(1500000, buf, sizeof buf);
	ck_assert_str_eq(buf, "1.500.000");
	quality_format_money(-250000, buf, sizeof buf);
	ck_assert_str_eq(buf, "-250.000");
	quality_format_money(999, buf, sizeof buf);
	ck_assert_str_eq(buf, "999");
	quality_format_money(1228886200000, buf, sizeof buf);
	ck_assert_str_eq(buf, "1.228.886.200.000");
	double d;
	ck_assert(!quality_ratio(1, 0, &d));
	ck_assert(quality_ratio(1, 4, &d));
	ck_assert_double_eq(d, 0.25);
}
END_TEST

START_TEST(test_dates)
{
	int32_t a, b;
	char buf[11];
	ck_assert_int_eq(quality_parse_date("2023-05-31", &a), 0);
	ck_assert_int_eq(quality_parse_date("31/05/2023", &b), 0);
	ck_assert_int_eq(a, b);
	ck_assert_int_eq(a, 19508);
	quality_format_date(a, buf);
	ck_assert_str_eq(buf, "2023-05-31");
	ck_assert_int_eq(quality_parse_date("2024-02-29", &a), 0);
	ck_assert_int_eq(quality_parse_date("2023-02-29", &a), -1);
	ck_assert_int_eq(quality_parse_date("31/04/2023", &a), -1);
	ck_assert_int_eq(quality_parse_date("2023-5-31", &a), -1);
	ck_assert_int_eq(quality_parse_date("", &a), -1);
}
END_TEST

/* A group that earns every point with the default thresholds. */
static struct quality_figures good_group(void)
{
	return (struct quality_figures){
		.groups = 1, .members = 10, .borrowers = 10, .outstanding = 100000000,
		.overdue = 0, .interest_due_month = 500000, .interest_collected_month = 500000,
		.interest_due_ytd = 500000, .interest_collected_ytd = 500000,
		.savings = 1000000, .savers = 10, .savings_before = 1000000, .transactors = 10,
		.principal_due_month = 0, .principal_collected_month = 0,
	};
}

/* Each criterion at its thresholds: full at the full level, partial at
 * the partial level, nothing below; then the grades. */
START_TEST(test_score_thresholds)
{
	struct config cfg;
	struct quality_score s;
	config_defaults(&cfg);
	struct quality_figures f = good_group();
	quality_score(&f, &cfg, &s);
	ck_assert_int_eq(s.total, 100);
	ck_assert_int_eq(s.grade, QG_TOT);
	f.transactors = 9;                  /* 90 %: full */
	f.overdue = 1000000;                /* 1.0 %: full */
	quality_score(&f, &cfg, &s);
	ck_assert_int_eq(s.total, 100);
	f.transactors = 7;                  /* 70 %: partial */
	f.overdue = 2000000;                /* 2.0 %: partial */
	f.savers = 7;                       /* 70 %: partial */
	quality_score(&f, &cfg, &s);
	ck_assert_int_eq(s.points[QC_TRANSACTIONS], 10);
	ck_assert_int_eq(s.points[QC_OVERDUE], 15);
	ck_assert_int_eq(s.points[QC_SAVERS], 2);
	ck_assert_int_eq(s.total, 10 + 15 + 20 + 2 + 10 + 15);
	ck_assert_int_eq(s.grade, QG_KHA);
	f.transactors = 6;
	f.overdue = 2000001;                /* just above 2 % */
	f.savings = 950000;                 /* -5 %: partial growth */
	f.principal_due_month = 1000000;
	f.principal_collected_month = 499999; /* just under 50 % */
	f.interest_collected_month = 449999;  /* just under 90 % */
	quality_score(&f, &cfg, &s);
	ck_assert_int_eq(s.points[QC_TRANSACTIONS], 0);
	ck_assert_int_eq(s.points[QC_OVERDUE], 0);
	ck_assert_int_eq(s.points[QC_GROWTH], 5);
	ck_assert_int_eq(s.points[QC_PRINCIPAL], 0);
	ck_assert_int_eq(s.points[QC_INTEREST], 0);
	ck_assert_int_eq(s.total, 7);
	ck_assert_int_eq(s.grade, QG_YEU);
	ck_assert_int_eq(quality_grade_of(90, &cfg), QG_TOT);
	ck_assert_int_eq(quality_grade_of(89, &cfg), QG_KHA);
	ck_assert_int_eq(quality_grade_of(70, &cfg), QG_KHA);
	ck_assert_int_eq(quality_grade_of(69, &cfg), QG_TRUNG_BINH);
	ck_assert_int_eq(quality_grade_of(50, &cfg), QG_TRUNG_BINH);
	ck_assert_int_eq(quality_grade_of(49, &cfg), QG_YEU);
	ck_assert_str_eq(quality_grade_key(QG_TRUNG_BINH), "trung_binh");
	ck_assert_str_eq(quality_grade_label(QG_TOT), "Tốt");
	config_free(&cfg);
}
END_TEST

/* Thresholds and points come from the config file. */
START_TEST(test_score_from_config)
{
	char *dir = tu_tmpdir();
	char *path = tu_write(dir, "tkvv.ini",
		"[score]\ninterest_points = 30\ninterest_full = 99.5\noverdue_points = 20\n"
		"grade_tot = 95\n[quality]\nreview_months = 2\n");
	struct config cfg;
	struct tkvv_err err;
	struct quality_score s;
	err_clear(&err);
	config_defaults(&cfg);
	ck_assert_msg(config_load(path, 0, &cfg, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(cfg.review_months, 2);
	struct quality_figures f = good_group();
	quality_score(&f, &cfg, &s);
	ck_assert_int_eq(s.total, 20 + 15 + 30 + 5 + 10 + 20);
	f.interest_collected_month = 497000;  /* 99.4 %: partial */
	quality_score(&f, &cfg, &s);
	ck_assert_int_eq(s.points[QC_INTEREST], 10);
	ck_assert_int_eq(s.total, 80);
	ck_assert_int_eq(quality_grade_of(94, &cfg), QG_KHA);
	ck_assert_int_eq(s.grade, QG_KHA);
	config_free(&cfg);
	free(path);
	tu_rmdir(dir);
}
END_TEST

/* The group index of CODE in R. */
static size_t group_index(const struct quality_report *r, const char *code)
{
	for (size_t i = 0; i < r->ngroups; i++)
		if (strcmp(r->groups[i].u.code, code) == 0)
			return i;
	ck_abort_msg("no group %s", code);
	return 0;
}

START_TEST(test_flags)
{
	struct config cfg;
	struct quality_data *q;
	struct quality_report r;
	struct quality_flags fl;
	struct tkvv_err err;
	err_clear(&err);
	config_defaults(&cfg);
	cfg.group_min = 3;
	cfg.low_balance = 10000000;
	compute("2023-05-31", &cfg, &q, &r);
	ck_assert_msg(quality_flags(q, &r, &cfg, &fl, &err) == 0, "%s", err.msg);
	/* Overdue above 2 %: G3 (11.1 %). Collection below 95 %: G1 92.3 %,
	 * G3 91.2 %, G4 80 %. */
	ck_assert_uint_eq(fl.noverdue, 1);
	ck_assert_uint_eq(fl.overdue[0], group_index(&r, "G3"));
	ck_assert_uint_eq(fl.nlow_collection, 3);
	ck_assert_uint_eq(fl.low_collection[0], group_index(&r, "G1"));
	ck_assert_uint_eq(fl.low_collection[2], group_index(&r, "G4"));
	/* Merges: G1 (2 members, 8M) joins G2 (centroids 10.001 and 10.00867,
	 * about 852 m) rather than G5 (10.030); G3 and G4 are alone in their
	 * hamlets; G5 (1 member) is nearer G2 than G1. */
	ck_assert_uint_eq(fl.nmerge, 4);
	ck_assert_uint_eq(fl.merge[0].group, group_index(&r, "G1"));
	ck_assert(fl.merge[0].too_few_members && fl.merge[0].low_balance);
	ck_assert(fl.merge[0].has_target);
	ck_assert_uint_eq(fl.merge[0].target, group_index(&r, "G2"));
	ck_assert(fl.merge[0].distance_m > 840 && fl.merge[0].distance_m < 865);
	ck_assert_uint_eq(fl.merge[1].group, group_index(&r, "G3"));
	ck_assert(fl.merge[1].too_few_members && !fl.merge[1].low_balance);
	ck_assert(!fl.merge[1].has_target);
	ck_assert_uint_eq(fl.merge[3].group, group_index(&r, "G5"));
	ck_assert_uint_eq(fl.merge[3].target, group_index(&r, "G2"));
	/* Leaders: G3 was Yếu at the end of March, April and May (25 each);
	 * G1 was Tốt in April. */
	ck_assert_uint_eq(fl.nreview, 1);
	ck_assert_uint_eq(fl.review[0].group, group_index(&r, "G3"));
	ck_assert_int_eq(fl.review[0].months, 3);
	ck_assert_int_eq(fl.review[0].scores[0], 25);
	ck_assert_int_eq(fl.review[0].scores[2], 25);
	ck_assert_str_eq(r.groups[fl.review[0].group].leader_code, "M06");
	quality_flags_free(&fl);
	/* The thresholds are the config's: 11.2 % no longer flags G3. */
	cfg.overdue_threshold = 11.2;
	cfg.collection_threshold = 80.0;
	ck_assert_int_eq(quality_flags(q, &r, &cfg, &fl, &err), 0);
	ck_assert_uint_eq(fl.noverdue, 0);
	ck_assert_uint_eq(fl.nlow_collection, 0);
	quality_flags_free(&fl);
	quality_report_free(&r);
	/* At 15/03/2023 with one month, February's grades: G1 (30), G3 (25)
	 * and G4 (55); with two, January's too: G1 30 again, but G3 80 and
	 * G4 95 (test_principal_due). */
	cfg.review_months = 1;
	ck_assert_int_eq(quality_compute(q, "2023-03-15", &cfg, &r, &err), 0);
	ck_assert_int_eq(quality_flags(q, &r, &cfg, &fl, &err), 0);
	ck_assert_uint_eq(fl.nreview, 3);
	ck_assert_uint_eq(fl.review[0].group, group_index(&r, "G1"));
	ck_assert_int_eq(fl.review[0].scores[0], 30);
	ck_assert_uint_eq(fl.review[2].group, group_index(&r, "G4"));
	ck_assert_int_eq(fl.review[2].grades[0], QG_TRUNG_BINH);
	quality_flags_free(&fl);
	cfg.review_months = 2;
	ck_assert_int_eq(quality_flags(q, &r, &cfg, &fl, &err), 0);
	ck_assert_uint_eq(fl.nreview, 1);
	ck_assert_uint_eq(fl.review[0].group, group_index(&r, "G1"));
	ck_assert_int_eq(fl.review[0].scores[0], 30);
	ck_assert_int_eq(fl.review[0].scores[1], 30);
	quality_flags_free(&fl);
	quality_report_free(&r);
	quality_data_free(q);
	config_free(&cfg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("quality");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_groups_2022_12_31);
	tcase_add_test(tc, test_groups_2023_03_15);
	tcase_add_test(tc, test_groups_2023_05_31);
	tcase_add_test(tc, test_scored_month);
	tcase_add_test(tc, test_principal_due);
	tcase_add_test(tc, test_sums_and_commune_grade);
	tcase_add_test(tc, test_before_everything);
	tcase_add_test(tc, test_transaction_day);
	tcase_add_test(tc, test_interest_rounding);
	tcase_add_test(tc, test_percent_rounding);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_score_thresholds);
	tcase_add_test(tc, test_score_from_config);
	tcase_add_test(tc, test_flags);
	tcase_add_test(tc, test_large_payments);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
