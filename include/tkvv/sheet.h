/* Collection sheets (form 13/TD style): a group's month, one row per
 * member and loan, with what is due prefilled; the officer (or the
 * leader's filled-in file) changes only the differences, and the sheet is
 * saved in one transaction with one audit row. */
#ifndef TKVV_SHEET_H
#define TKVV_SHEET_H

#include <stdint.h>
#include <stdio.h>
#include <sqlite3.h>
#include "tkvv/util.h"

/* One member's loan on the sheet. Strings are never NULL. */
struct sheet_row {
	sqlite3_int64 loan_id;
	char *member_code, *member_name, *loan_code;
	int64_t outstanding;      /* principal at the first day of the month */
	int64_t arrears;          /* interest of earlier months still unpaid */
	int64_t interest_due;     /* the month's interest left to pay (0 when paid) */
	int month_paid;           /* the month's interest was already paid in full */
	int64_t principal_due;    /* the outstanding when the loan falls due by the month */
	int64_t savings_due;      /* the loan's last savings deposit before the month */
	int64_t principal_paid;   /* principal and savings already paid in the month */
	int64_t savings_paid;
	int64_t interest, principal, savings;   /* what is paid: prefilled with the due */
};

/* One group's month. */
struct sheet {
	char *group_code, *group_name, *hamlet_name, *leader_name;
	char month[8];            /* YYYY-MM */
	char paid_on[11];         /* the month's transaction day, the day of the payments */
	struct sheet_row *rows;
	size_t n;
};

/* Sums over a sheet's rows. */
struct sheet_totals {
	int64_t arrears, interest_due, principal_due, savings_due;
	int64_t interest, principal, savings;
};

/* Load the sheet of active group GROUP for MONTH (YYYY-MM) into OUT (free
 * with sheet_free): its members' loans outstanding at the month's first
 * day and disbursed before it, by member name then loan code. */
int sheet_load(sqlite3 *db, const char *group, const char *month, struct sheet *out,
	       struct tkvv_err *err);
void sheet_free(struct sheet *s);
void sheet_totals(const struct sheet *s, struct sheet_totals *t);

/* The month (YYYY-MM) of the last transaction day on or before TODAY
 * (YYYY-MM-DD) for group GROUP's commune, into MONTH. 0 or -1. */
int sheet_default_month(sqlite3 *db, const char *group, const char *today, char month[8],
			struct tkvv_err *err);

/* Check row I of S: no negative amount, no more interest than is left of
 * the month (none when it was paid in full), no more principal than is
 * outstanding. 0 or -1 with ERR naming the field. */
int sheet_check_row(const struct sheet *s, size_t i, struct tkvv_err *err);

/* Write the payments of S (the non-zero amounts, on its transaction day)
 * inside the caller's transaction, after checking every row; *COUNT gets
 * the number of payments. 0 or -1. */
int sheet_apply(sqlite3 *db, const struct sheet *s, size_t *count, struct tkvv_err *err);
/* sheet_apply in one transaction with one audit row. */
int sheet_save(sqlite3 *db, const struct sheet *s, size_t *count, struct tkvv_err *err);

/* The interest collection rate of the sheet's month for the group (due
 * and collected over its rows, from the database as it is now), in
 * *RATE (-1 when nothing is due), and the group's overdue ratio at the
 * transaction day in *OVERDUE (0..1). 0 or -1. */
int sheet_figures(sqlite3 *db, const struct sheet *s, double *rate, double *overdue,
		  struct tkvv_err *err);

/* The sheets of the active groups of a group, hamlet or commune. */
struct sheet_set {
	struct sheet *sheets;
	size_t n;
};
/* KIND is "group", "hamlet" or "commune"; CODE its code. */
int sheet_load_set(sqlite3 *db, const char *kind, const char *code, const char *month,
		   struct sheet_set *out, struct tkvv_err *err);
void sheet_set_free(struct sheet_set *set);

/* The CSV of SET (the columns of sheet_csv_columns), to F. */
int sheet_write_csv(const struct sheet_set *set, FILE *f, struct tkvv_err *err);
/* The printable workbook of SET at PATH: one A4 page per group. */
int sheet_write_xlsx(const struct sheet_set *set, const char *path, struct tkvv_err *err);

/* Import a filled-in sheet file (CSV, through csv_open): every row
 * matched to its group, month and loan, then all saved in one
 * transaction with one audit row, or nothing. *COUNT: payments written. */
int sheet_import(sqlite3 *db, const char *path, size_t *count, struct tkvv_err *err);

#endif
