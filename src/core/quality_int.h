/* What the quality modules share inside the core: the loaded rows. */
#ifndef TKVV_QUALITY_INT_H
#define TKVV_QUALITY_INT_H

#include <stdint.h>

#include "tkvv/date.h"
#include "tkvv/quality.h"

struct quality_idpair {
	int64_t id;
	int32_t index;
};

struct quality_place {
	char *code, *name;
	int32_t parent;             /* a hamlet's commune; -1 otherwise */
};

struct quality_grouprow {
	char *code, *name, *leader_code, *leader_name;
	int32_t hamlet, org;
	int active;                 /* status is 'active' */
	int32_t founded;            /* INT32_MIN when unknown */
};

struct quality_memberrow {
	int32_t group;              /* members.group_id, used only without a history */
	int32_t joined;             /* INT32_MIN when unknown */
	int has_xy;
	double lat, lon;
};

/* A membership: the member is in the group from FROM to before TO. */
struct quality_span {
	int32_t member, group, from, to;
};

struct quality_loanrow {
	int32_t member;
	int32_t disbursed, due;     /* due: extended_to when extended */
	int32_t tday;               /* its member's commune's transaction day */
	uint32_t first, count;      /* its payments, by day */
	int64_t amount, rate_ppm;
};

enum quality_payment_kind { QP_PRINCIPAL, QP_INTEREST, QP_SAVINGS };

/* A payment as the figures use it. */
struct quality_payment {
	int32_t day, period;        /* period: year * 12 + month - 1, or -1 */
	int32_t kind;
	int64_t amount;
};

/* A payment as it is kept, 8 bytes since a province has millions: W holds
 * the day from QUALITY_DAY0 (22 bits), the kind (2) and the period as 1 +
 * months from the loan's disbursement (8; 0 for none); AMOUNT the amount.
 * One that does not fit has W = QUALITY_WIDE and its index in the wide
 * payments as AMOUNT. */
struct quality_pay8 {
	uint32_t w;
	int32_t amount;
};
#define QUALITY_WIDE UINT32_MAX

struct quality_data {
	struct quality_place *communes, *hamlets, *orgs;
	size_t ncommunes, nhamlets, norgs;
	struct quality_grouprow *groups;
	size_t ngroups;
	struct quality_memberrow *members;
	size_t nmembers;
	struct quality_span *spans;
	size_t nspans;
	struct quality_loanrow *loans;
	size_t nloans;
	struct quality_pay8 *payments;
	size_t npayments, payments_room;
	struct quality_payment *wide;   /* the payments that do not fit 8 bytes */
	size_t nwide;
	uint32_t most_payments;         /* the most of one loan */
	struct quality_idpair *commune_ids, *hamlet_ids, *group_ids, *member_ids, *loan_ids;
	int64_t last_loan_id;       /* the last payment's loan, looked up once */
	int32_t last_loan, last_month0;
	int payments_seen;
};

/* Loan L's payments on or before day UNTIL (INT32_MAX: all), by day,
 * into BUF (room for L->count); their number. */
uint32_t quality_payments(const struct quality_data *q, const struct quality_loanrow *l,
			  int32_t until, struct quality_payment *buf);

/* Interest due for each month FROM..TO (year * 12 + month - 1) of loan L,
 * whose payments sorted by day are PAYS[0..L->count), as of day AS_OF: on
 * the outstanding principal at the month's first day, 0 before the month
 * after disbursement and for a month whose transaction day (L->tday) is
 * after AS_OF (quality-metrics.md; INT32_MAX: every month). DUE gets
 * TO - FROM + 1 values. */
void quality_loan_due(const struct quality_loanrow *l, const struct quality_payment *pays,
		      int32_t from, int32_t to, int32_t as_of, int64_t *due);
/* The last month (year * 12 + month - 1) whose transaction day TDAY is on
 * or before day D. */
int32_t quality_last_due_month(int32_t d, int tday);
/* A transaction day as stored (1-28), or the default 25. */
int quality_tday(int64_t stored);

#endif
