/* The demo district: a generated, realistic Trà Cú (Trà Vinh) in an empty
 * store, the same on every machine for the same seed. */
#ifndef TKVV_DEMO_H
#define TKVV_DEMO_H

#include <sqlite3.h>
#include <stdint.h>

#include "tkvv/util.h"

/* The date the demo data is "as of": nothing in it happens later. */
#define DEMO_AS_OF "2026-10-31"

enum demo_scale {
	DEMO_DISTRICT,  /* Trà Cú: 17 communes */
	DEMO_PROVINCE   /* Trà Vinh's nine districts, Trà Cú among them */
};

struct demo_opts {
	uint64_t seed;
	enum demo_scale scale;
	int communes;  /* communes per district, 0 for all (fewer for fast tests) */
	/* The reference day (YYYY-MM-DD): payments run up to each commune's
	 * last transaction day on or before it; NULL for the day before today. */
	const char *as_of;
};

/* What demo_generate made. */
struct demo_counts {
	long long communes, hamlets, groups, members, loans, payments;
	char as_of[11];  /* the reference day used */
};

/* Fill the empty database DB in one transaction; a database that holds any
 * commune, hamlet, group, member, loan or payment is refused (TKVV_EFAIL). */
int demo_generate(sqlite3 *db, const struct demo_opts *opts,
		  struct demo_counts *counts, struct tkvv_err *err);

#endif
