/* Shared by the demo generator's files (demo*.c); not a public interface.
 * Only integer arithmetic and IEEE +, -, *, /, sqrt are used, so that a seed
 * gives the same database on every platform. */
#ifndef TKVV_DEMO_INTERNAL_H
#define TKVV_DEMO_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "tkvv/date.h"

#include "tkvv/util.h"

/* xoshiro256** seeded through splitmix64. */
struct demo_rng {
	uint64_t s[4];
};

void demo_rng_seed(struct demo_rng *r, uint64_t seed);
uint64_t demo_rng_next(struct demo_rng *r);
/* A uniform integer in [0, n), n > 0. */
uint32_t demo_rng_below(struct demo_rng *r, uint32_t n);
/* A uniform integer in [lo, hi]. */
int demo_rng_range(struct demo_rng *r, int lo, int hi);
/* A uniform double in [0, 1). */
double demo_rng_unit(struct demo_rng *r);
/* True with probability P. */
int demo_rng_chance(struct demo_rng *r, double p);
/* An index drawn with the given integer weights. */
size_t demo_rng_weighted(struct demo_rng *r, const unsigned *weights, size_t n);

/* Dates as day numbers (days since 1970-01-01), proleptic Gregorian. */
/* Day DOM (clamped to the month's length) of the month N months after DAY's. */
int demo_month_day(int day, int n, int dom);
/* A month as a count: year * 12 + month - 1. */
int demo_month_of(int day);
/* "YYYY-MM-DD" and "YYYY-MM". */
void demo_date_str(int day, char out[11]);
void demo_month_str(int month, char out[8]);

/* One household along the hamlet's road. */
struct demo_house {
	double lat, lon;
	int has_pos;
	int road_order;  /* 0 when unknown */
	int cluster;     /* index of its xóm */
	int group;       /* index of its group in the hamlet */
};

/* The centre of commune C of district D (districts sit on a grid around Trà Cú). */
void demo_commune_centre(struct demo_rng *r, int district, int commune,
			 double *lat, double *lon);
/* Where a hamlet's road runs: around its middle (LAT, LON), along the
 * unit direction (DX east, DY north) of its commune's canals. */
struct demo_strip {
	double lat, lon, dx, dy;
};
/* The direction of a commune's canals. */
void demo_canal_direction(struct demo_rng *r, double *dx, double *dy);
/* The strip of hamlet H of a commune of N hamlets centred at (CLAT, CLON). */
void demo_hamlet_strip(struct demo_rng *r, double clat, double clon, double dx, double dy,
		       int hamlet, int n, struct demo_strip *strip);
/* Place N households along a bent road on STRIP, in xóm clusters; returns
 * the number of clusters. With COORDS 0 no house has a position. */
int demo_place_houses(struct demo_rng *r, const struct demo_strip *strip, int coords,
		      struct demo_house *houses, int n);

/* Names. */
int demo_district_count(void);
/* The district with real commune names, Trà Cú: the one DEMO_DISTRICT makes. */
int demo_home_district(void);
/* Commune C of district D: its code, name and kind ("xa" or "thi_tran"). */
void demo_commune_identity(int district, int commune, char code[16],
			   char name[96], const char **kind);
int demo_district_communes(int district);
/* The share of Khmer households in district D. */
double demo_district_khmer(int district);
/* N hamlet names, unique, for a commune (KIND as above). */
void demo_hamlet_names(struct demo_rng *r, const char *kind, int n, char (*out)[64]);
/* N xóm names, unique. */
void demo_cluster_names(struct demo_rng *r, int n, char (*out)[32]);
/* A person's full name (NFC). */
void demo_person_name(struct demo_rng *r, int khmer, int female, char *out, size_t size);
/* A ten-digit mobile number, sometimes written with spaces. */
void demo_phone(struct demo_rng *r, char *out, size_t size);
/* A 12-digit CCCD for the INDEX-th person of the run. */
void demo_national_id(uint64_t index, int female, int birth_year, char out[13]);

/* Loans and payments of one member. */
struct demo_sink {
	sqlite3 *db;
	sqlite3_stmt *loan, *payment;
	int rates[8];  /* rate_ppm of each programme, from the programs table */
	long long loans, payments;
};

struct demo_borrower {
	sqlite3_int64 member_id;
	const char *code;
	const char *category;
	int joined;       /* day */
	int collect_dom;  /* the commune's collection day of the month */
	int weak;         /* in a weak group: more overdue, more gaps */
	int small;        /* in a small group: small loans */
};

/* Load the programmes' rates into SINK. */
int demo_loans_init(struct demo_sink *sink, struct tkvv_err *err);
/* Set the demo's reference day (days since the epoch of date_days). */
void demo_loans_set_as_of(int day);
/* Make the loans of B with their principal, interest and savings payments. */
int demo_loans_generate(struct demo_sink *sink, struct demo_rng *r,
			const struct demo_borrower *b, struct tkvv_err *err);

#endif
