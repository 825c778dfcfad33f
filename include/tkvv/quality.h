/* Credit quality as of a date (quality-metrics.md): each group's figures,
 * the same summed per hamlet, commune, organisation and district, the
 * monthly score and grade, and the flags. Load once, compute for many dates. */
#ifndef TKVV_QUALITY_H
#define TKVV_QUALITY_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "tkvv/config.h"
#include "tkvv/util.h"

/* Additive quantities: a hamlet, commune, organisation or the district adds
 * those of its groups before any ratio is taken. Money is whole VND. */
struct quality_figures {
	int64_t groups, members, borrowers;
	int64_t outstanding, overdue;               /* principal at D */
	int64_t interest_due_month, interest_collected_month;
	int64_t interest_due_ytd, interest_collected_ytd;
	int64_t savings, savers;                    /* balance at D, members above 0 */
	int64_t savings_before;                     /* balance at the end of the previous month */
	int64_t transactors;                        /* borrowers with an interest or savings payment in the month */
	int64_t principal_due_month, principal_collected_month;
};

enum quality_criterion {
	QC_TRANSACTIONS, QC_PRINCIPAL, QC_INTEREST, QC_SAVERS, QC_GROWTH, QC_OVERDUE,
	QC_COUNT
};

enum quality_grade { QG_TOT, QG_KHA, QG_TRUNG_BINH, QG_YEU, QG_COUNT };

struct quality_score {
	int points[QC_COUNT];
	int total;
	enum quality_grade grade;
};

/* A group, hamlet, commune, organisation or the district (code and name
 * "" for the district; a group's name may be NULL). */
struct quality_unit {
	const char *code, *name;
	struct quality_figures fig;
	struct quality_score score;
};

struct quality_group {
	struct quality_unit u;
	size_t key;                     /* the same group in every report of one load */
	size_t hamlet, commune, org;    /* indexes into the report's arrays; org SIZE_MAX if none */
	const char *leader_code;        /* NULL when none */
	const char *leader_name;        /* NULL when the leader is not a member */
	double lat, lon;                /* centroid of the members with coordinates */
	int has_centroid;
};

/* The outstanding principal of the loan `l` as of the SQL date DATE, as
 * quality-metrics.md defines it (amount less principal paid on or before
 * DATE, never below 0), for the statements that need it per row. */
#define QUALITY_SQL_OUTSTANDING(date) \
	"max(0, l.amount - ifnull((SELECT sum(p.amount) FROM payments p WHERE p.loan_id = l.id " \
	"AND p.kind = 'principal' AND p.paid_on <= " date "), 0))"

/* Everything loaded from the database once (opaque). */
struct quality_data;

/* The figures are as of D. The score is monthly: that of the last month
 * ended on or before D (D's month when D is its last day, else the month
 * before), computed on the figures at that month's end for the groups
 * listed at D, so that a grade does not depend on the day of the month. */
struct quality_report {
	char as_of[11];                 /* D, YYYY-MM-DD */
	char score_as_of[11];           /* the month-end the scores are for */
	size_t ngroups, nhamlets, ncommunes, norgs;
	struct quality_group *groups;   /* groups active at D, by code */
	struct quality_unit *hamlets, *communes, *orgs;  /* by code */
	struct quality_unit district;
};

/* Load loans, payments, memberships and the places from DB, keeping
 * payments paid on or before UNTIL (YYYY-MM-DD). */
int quality_load(sqlite3 *db, const char *until, struct quality_data **out,
		 struct tkvv_err *err);
void quality_data_free(struct quality_data *data);

/* Compute every figure, score and grade as of AS_OF (YYYY-MM-DD, not after
 * the date given to quality_load). The report borrows DATA's strings. */
int quality_compute(const struct quality_data *data, const char *as_of,
		    const struct config *cfg, struct quality_report *out,
		    struct tkvv_err *err);
void quality_report_free(struct quality_report *r);

/* NUM / DEN into *OUT; returns 0 when undefined (DEN is 0). */
int quality_ratio(int64_t num, int64_t den, double *out);
/* NUM / DEN as a percentage in tenths, rounded half away from zero
 * (2.05 % gives 21); returns 0 when undefined. */
int quality_pct_tenths(int64_t num, int64_t den, int64_t *out);
/* NUM / DEN as shown on screen: a percentage with one decimal, rounded half
 * away from zero ("2.1" for 2.05 %), or "-" when undefined. */
void quality_format_pct(int64_t num, int64_t den, char *buf, size_t size);
/* Whole VND as shown on screen, dots between thousands: "1.500.000". */
void quality_format_money(int64_t v, char *buf, size_t size);
/* round(OUTSTANDING * RATE_PPM / 1,000,000), half away from zero. */
int64_t quality_interest(int64_t outstanding, int64_t rate_ppm);

/* Score FIG on the six criteria of CFG, and grade the total. */
void quality_score(const struct quality_figures *fig, const struct config *cfg,
		   struct quality_score *out);
enum quality_grade quality_grade_of(int total, const struct config *cfg);
/* The grade's key (tot, kha, trung_binh, yeu) and its Vietnamese label. */
const char *quality_grade_key(enum quality_grade g);
const char *quality_grade_label(enum quality_grade g);
/* The criterion's key (transactions, principal, ...). */
const char *quality_criterion_key(enum quality_criterion c);

/* Whether the group's overdue ratio is above, or its year-to-date interest
 * collection rate below, the thresholds of CFG. */
int quality_overdue_above(const struct quality_figures *fig, const struct config *cfg);
int quality_collection_below(const struct quality_figures *fig, const struct config *cfg);

/* A group that could be merged: too few members or too low a balance, with
 * the nearest active group of its hamlet (by the members' centroids). */
struct quality_merge {
	size_t group;
	int too_few_members, low_balance;
	int has_target;
	size_t target;
	double distance_m;              /* negative when a centroid is missing */
};

/* A leader whose group was graded Trung bình or Yếu at the report's
 * scored month-end and at each of the review_months - 1 before it. */
struct quality_review {
	size_t group;
	int months;                     /* how many month-ends were weak (= review_months) */
	int *scores;                    /* oldest first, MONTHS of them */
	enum quality_grade *grades;
};

struct quality_flags {
	size_t noverdue, nlow_collection, nmerge, nreview;
	size_t *overdue, *low_collection;   /* group indexes */
	struct quality_merge *merge;
	struct quality_review *review;
};

/* The flags of R; the leader review recomputes the previous month-ends
 * from DATA. */
int quality_flags(const struct quality_data *data, const struct quality_report *r,
		  const struct config *cfg, struct quality_flags *out,
		  struct tkvv_err *err);
void quality_flags_free(struct quality_flags *f);

/* One month of one loan's interest: what is due for it, by the report's
 * definition, and what its interest payments (whatever their date) bring. */
struct quality_month {
	char month[12];                 /* YYYY-MM */
	int64_t due, collected;
	char full_on[11];               /* the day collected reached due, "" if not */
};

/* The transaction day of a commune without one, and the SQL expression of
 * the transaction day of the loan of the row `loans` (its member's
 * hamlet's commune). */
#define QUALITY_TRANSACTION_DAY 25
#define QUALITY_SQL_TDAY "coalesce((SELECT c.transaction_day FROM members m" \
	" JOIN hamlets h ON h.id = m.hamlet_id JOIN communes c ON c.id = h.commune_id" \
	" WHERE m.id = loans.member_id), 25)"

/* The interest months of loan LOAN_ID, from the month after disbursement
 * up to LAST (YYYY-MM), leaving out payment EXCEPT (0: none), in *OUT
 * (free it) and *N (0 when LAST is before the first month). */
int quality_loan_months(sqlite3 *db, sqlite3_int64 loan_id, const char *last,
			sqlite3_int64 except, struct quality_month **out, size_t *n,
			struct tkvv_err *err);
/* The same with statements prepared once by the caller from these. */
#define QUALITY_SQL_LOAN_TERMS "SELECT amount, disbursed_on, rate_ppm, " QUALITY_SQL_TDAY \
	" FROM loans WHERE id = ?1"
#define QUALITY_SQL_LOAN_PAYMENTS "SELECT id, paid_on, kind, amount, period FROM payments" \
	" WHERE loan_id = ?1 ORDER BY paid_on, id"
int quality_loan_months_st(sqlite3_stmt *terms, sqlite3_stmt *payments, sqlite3_int64 loan_id,
			   const char *last, sqlite3_int64 except, struct quality_month **out,
			   size_t *n, struct tkvv_err *err);
/* The interest months of loan LOAN_ID as of day AS_OF (YYYY-MM-DD), up
 * to AS_OF's month, a month whose transaction day is after AS_OF not
 * being due yet (due 0); otherwise as quality_loan_months. */
int quality_loan_months_asof(sqlite3 *db, sqlite3_int64 loan_id, const char *as_of,
			     sqlite3_int64 except, struct quality_month **out, size_t *n,
			     struct tkvv_err *err);
/* The oldest of the N MONTHS that is due and not paid in full, or NULL. */
const struct quality_month *quality_oldest_unpaid(const struct quality_month *months, size_t n);
/* MONTH (YYYY-MM) among the N MONTHS, or NULL. */
const struct quality_month *quality_month_find(const struct quality_month *months, size_t n,
					       const char *month);

/* Parse YYYY-MM-DD or DD/MM/YYYY into a day number; returns -1 when invalid. */
int quality_parse_date(const char *s, int32_t *day);
/* Write day number DAY as YYYY-MM-DD into BUF (11 bytes). */
void quality_format_date(int32_t day, char *buf);

#endif
