/* The demo district: communes, hamlets along canals, groups interleaved
 * house by house, members, and (through demo_loans.c) their loans and
 * payments, all in one transaction.
 *
 * Each commune draws from its own generator seeded by (seed, district,
 * commune), so a smaller run (fewer communes, for tests) makes the same
 * first communes as a full one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/csvio.h"
#include "tkvv/quality.h"
#include "tkvv/textsafe.h"

#include "demo_internal.h"
#include "tkvv/db.h"
#include "tkvv/demo.h"
#include "tkvv/i18n.h"
#include "tkvv/text.h"

#define MAX_GROUPS 7
#define CODE_SIZE 64  /* buffers for codes built from a hamlet's code */

struct ctx {
	sqlite3 *db;
	struct demo_sink sink;
	sqlite3_stmt *commune, *hamlet, *group, *member, *membership;
	uint64_t seed;
	uint64_t people;  /* members made so far: their CCCDs are distinct */
	struct demo_counts *counts;
};

/* A commune as its hamlets need it. */
struct commune {
	sqlite3_int64 id;
	char code[16];
	const char *kind;
	double lat, lon;
	double dx, dy;    /* the direction of its canals */
	int collect_dom;  /* the transaction point's day of the month */
};

/* A hamlet and its groups while they are made. */
struct hamlet {
	sqlite3_int64 id, group_id[MAX_GROUPS];
	char code[40];
	int groups, size[MAX_GROUPS], org[MAX_GROUPS], weak[MAX_GROUPS], small[MAX_GROUPS];
	int founded[MAX_GROUPS], leader[MAX_GROUPS], deputy[MAX_GROUPS];
	double khmer_share;
	int coords;
};

static const char *const orgs[] = {"PN", "ND", "CCB", "TN"};
static const unsigned org_w[] = {40, 35, 13, 12};

/* Run statement ST (already bound) that inserts into TABLE; *ID gets the row. */
static int insert(struct ctx *c, sqlite3_stmt *st, const char *table,
		  sqlite3_int64 *id, struct tkvv_err *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_fail(c->db, err, table);
	if (id)
		*id = sqlite3_last_insert_rowid(c->db);
	return 0;
}

/* Bind TEXT, or NULL when it is NULL. */
static void bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Draw the number, sizes, organisations and dates of hamlet H's groups:
 * about four groups of 20-60 members, a few small ones, a few weak ones. */
static void plan_groups(struct demo_rng *r, struct hamlet *h)
{
	static const unsigned count_w[] = {8, 24, 35, 19, 9, 5};  /* 2..7 groups */
	h->groups = 2 + (int)demo_rng_weighted(r, count_w, ARRAY_LEN(count_w));
	for (int g = 0; g < h->groups; g++) {
		h->small[g] = demo_rng_chance(r, 0.035);
		if (h->small[g])
			h->size[g] = demo_rng_range(r, 5, 12);
		else
			h->size[g] = 60 - (int)(46 * demo_rng_unit(r) * demo_rng_unit(r));
		h->org[g] = (int)demo_rng_weighted(r, org_w, ARRAY_LEN(org_w));
		h->weak[g] = demo_rng_chance(r, 0.03);
		h->founded[g] = demo_rng_range(r, date_days(2003, 1, 1), date_days(2020, 12, 31));
	}
}

/* Give each house a group, in road order, so that the groups are
 * interleaved: each house draws among the groups' remaining places, with
 * a mild pull towards its neighbour's group. */
static void interleave(struct demo_rng *r, const struct hamlet *h,
		       struct demo_house *houses, int n)
{
	int left[MAX_GROUPS], prev = -1;
	memcpy(left, h->size, sizeof left);
	for (int i = 0; i < n; i++) {
		unsigned w[MAX_GROUPS];
		for (int g = 0; g < h->groups; g++)
			w[g] = (unsigned)left[g] * (g == prev ? 13u : 10u);
		prev = (int)demo_rng_weighted(r, w, (size_t)h->groups);
		houses[i].group = prev;
		left[prev]--;
	}
}

/* A random house of group G (of SIZE houses) other than house EXCEPT. */
static int pick_member(struct demo_rng *r, const struct demo_house *houses, int n,
		       int g, int size, int except)
{
	for (;;) {
		int k = demo_rng_range(r, 0, size - 1);
		for (int i = 0; i < n; i++)
			if (houses[i].group == g && k-- == 0) {
				if (i != except)
					return i;
				break;
			}
	}
}

/* Member code of house I: the hamlet's code and a serial number. */
static void member_code(const struct hamlet *h, const int *serial, int i, char out[CODE_SIZE])
{
	snprintf(out, CODE_SIZE, "%s%03d", h->code, serial[i]);
}

/* Insert hamlet H's groups with their leaders and deputies. */
static int put_groups(struct ctx *c, struct demo_rng *r, struct hamlet *h,
		      const struct demo_house *houses, const int *serial, int n,
		      struct tkvv_err *err)
{
	for (int g = 0; g < h->groups; g++) {
		char code[CODE_SIZE], name[16], leader[CODE_SIZE], deputy[CODE_SIZE], founded[11];
		h->leader[g] = pick_member(r, houses, n, g, h->size[g], -1);
		h->deputy[g] = h->size[g] > 20 ? pick_member(r, houses, n, g, h->size[g], h->leader[g]) : -1;
		snprintf(code, sizeof code, "%s-%02d", h->code, g + 1);
		snprintf(name, sizeof name, "Tổ %d", g + 1);
		member_code(h, serial, h->leader[g], leader);
		if (h->deputy[g] >= 0)
			member_code(h, serial, h->deputy[g], deputy);
		demo_date_str(h->founded[g], founded);
		sqlite3_stmt *st = c->group;
		bind_text(st, 1, code);
		sqlite3_bind_int64(st, 2, h->id);
		bind_text(st, 3, orgs[h->org[g]]);
		bind_text(st, 4, name);
		bind_text(st, 5, leader);
		bind_text(st, 6, h->deputy[g] >= 0 ? deputy : NULL);
		bind_text(st, 7, founded);
		if (insert(c, st, "groups", &h->group_id[g], err) < 0)
			return -1;
		c->counts->groups++;
	}
	return 0;
}

/* Draw who lives in a house of group G and bind them to the members
 * statement; returns their category, and *JOINED the day they joined. */
static const char *bind_person(struct ctx *c, struct demo_rng *r, const struct hamlet *h,
			       int g, int *joined)
{
	static const char *const categories[] = {"ngheo", "can_ngheo", "moi_thoat_ngheo", "khac"};
	static const unsigned category_w[] = {28, 27, 15, 30};
	static const double female_share[] = {0.9, 0.4, 0.15, 0.5};
	static const int born[][2] = {{1955, 2000}, {1950, 1998}, {1950, 1972}, {1990, 2006}};
	sqlite3_stmt *st = c->member;
	char name[128], id[13], phone[24], date[11];
	int female = demo_rng_chance(r, female_share[h->org[g]]);
	int year = demo_rng_range(r, born[h->org[g]][0], born[h->org[g]][1]);
	demo_person_name(r, demo_rng_chance(r, h->khmer_share), female, name, sizeof name);
	char *full = text_nfc(name), *folded = text_fold(full);
	size_t key_len;
	unsigned char *key = text_name_key(full, &key_len);
	bind_text(st, 2, full);
	bind_text(st, 3, folded);
	sqlite3_bind_blob(st, 4, key, (int)key_len, SQLITE_TRANSIENT);
	free(full);
	free(folded);
	free(key);
	demo_national_id(c->people++, female, year, id);
	bind_text(st, 11, id);
	if (demo_rng_chance(r, 0.96)) {
		demo_phone(r, phone, sizeof phone);
		char *digits = text_digits(phone);
		bind_text(st, 12, phone);
		bind_text(st, 13, digits);
		free(digits);
	}
	const char *category = categories[demo_rng_weighted(r, category_w, ARRAY_LEN(category_w))];
	bind_text(st, 14, category);
	int adult = date_days(year + 18, 1, 1);
	int lo = h->founded[g] > adult ? h->founded[g] : adult;
	*joined = demo_rng_range(r, lo, date_days(2026, 8, 31));
	demo_date_str(*joined, date);
	bind_text(st, 15, date);
	return category;
}

/* Insert HOUSE of hamlet H as a member, with its membership, loans and payments. */
static int put_member(struct ctx *c, struct demo_rng *r, const struct commune *cm,
		      const struct hamlet *h, const struct demo_house *house,
		      const char *code, const char *cluster, struct tkvv_err *err)
{
	sqlite3_stmt *st = c->member;
	int g = house->group, joined;
	bind_text(st, 1, code);
	sqlite3_bind_int64(st, 5, h->id);
	sqlite3_bind_int64(st, 6, h->group_id[g]);
	bind_text(st, 7, cluster);
	if (house->road_order)
		sqlite3_bind_int(st, 8, house->road_order);
	if (house->has_pos) {
		sqlite3_bind_double(st, 9, house->lat);
		sqlite3_bind_double(st, 10, house->lon);
	}
	const char *category = bind_person(c, r, h, g, &joined);
	char joined_on[11];
	demo_date_str(joined, joined_on);
	sqlite3_int64 id = 0;
	if (insert(c, st, "members", &id, err) < 0)
		return -1;
	sqlite3_bind_int64(c->membership, 1, id);
	sqlite3_bind_int64(c->membership, 2, h->group_id[g]);
	bind_text(c->membership, 3, joined_on);
	if (insert(c, c->membership, "memberships", NULL, err) < 0)
		return -1;
	c->counts->members++;
	struct demo_borrower b = {id, code, category, joined, cm->collect_dom,
				  h->weak[g], h->small[g]};
	return demo_loans_generate(&c->sink, r, &b, err);
}

/* Make hamlet H of commune CM: its strip of houses, groups and members. */
static int make_hamlet(struct ctx *c, struct demo_rng *r, const struct commune *cm,
		       struct hamlet *h, const char *name, const struct demo_strip *strip,
		       struct tkvv_err *err)
{
	bind_text(c->hamlet, 1, h->code);
	sqlite3_bind_int64(c->hamlet, 2, cm->id);
	bind_text(c->hamlet, 3, name);
	if (insert(c, c->hamlet, "hamlets", &h->id, err) < 0)
		return -1;
	c->counts->hamlets++;
	plan_groups(r, h);
	int n = 0;
	for (int g = 0; g < h->groups; g++)
		n += h->size[g];
	struct demo_house *houses = xcalloc((size_t)n, sizeof *houses);
	int *serial = xcalloc((size_t)n, sizeof *serial);
	int clusters = demo_place_houses(r, strip, h->coords, houses, n);
	char (*cluster)[32] = xcalloc((size_t)clusters, sizeof *cluster);
	demo_cluster_names(r, clusters, cluster);
	interleave(r, h, houses, n);
	/* Member numbers follow when people joined, not where they live. */
	for (int i = 0; i < n; i++) {
		int j = demo_rng_range(r, 0, i);
		serial[i] = serial[j];
		serial[j] = i + 1;
	}
	int rc = put_groups(c, r, h, houses, serial, n, err);
	for (int i = 0; i < n && rc == 0; i++) {
		char code[CODE_SIZE];
		member_code(h, serial, i, code);
		rc = put_member(c, r, cm, h, &houses[i], code, cluster[houses[i].cluster], err);
	}
	free(cluster);
	free(serial);
	free(houses);
	return rc;
}

/* A seed for commune CI of district D, spread by splitmix64 in the rng. */
static uint64_t commune_seed(uint64_t seed, int district, int commune)
{
	return seed * 0x9e3779b97f4a7c15u ^ ((uint64_t)district << 32) ^ (uint64_t)commune;
}

/* Make commune CI of district D with its 6-10 hamlets; one or two of them
 * have no coordinates at all, only road orders. */
static int make_commune(struct ctx *c, int district, int ci, struct tkvv_err *err)
{
	static const unsigned hamlets_w[] = {27, 25, 20, 15, 13};  /* 6..10 */
	struct demo_rng r;
	struct commune cm;
	char name[96];
	demo_rng_seed(&r, commune_seed(c->seed, district, ci));
	demo_commune_identity(district, ci, cm.code, name, &cm.kind);
	bind_text(c->commune, 1, cm.code);
	bind_text(c->commune, 2, name);
	bind_text(c->commune, 3, cm.kind);
	if (insert(c, c->commune, "communes", &cm.id, err) < 0)
		return -1;
	c->counts->communes++;
	demo_commune_centre(&r, district, ci, &cm.lat, &cm.lon);
	demo_canal_direction(&r, &cm.dx, &cm.dy);
	cm.collect_dom = demo_rng_range(&r, 5, 25);
	/* The collection day is the commune's transaction day. */
	char *sql = sqlite3_mprintf("UPDATE communes SET transaction_day = %d WHERE id = %lld",
				    cm.collect_dom, (long long)cm.id);
	int set = db_exec(c->db, sql, err);
	sqlite3_free(sql);
	if (set < 0)
		return -1;
	int n = 6 + (int)demo_rng_weighted(&r, hamlets_w, ARRAY_LEN(hamlets_w));
	char (*names)[64] = xcalloc((size_t)n, sizeof *names);
	demo_hamlet_names(&r, cm.kind, n, names);
	int bare = demo_rng_range(&r, 0, n - 1);
	int bare2 = demo_rng_chance(&r, 0.35) ? demo_rng_range(&r, 0, n - 1) : bare;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		struct hamlet h;
		struct demo_strip strip;
		memset(&h, 0, sizeof h);
		snprintf(h.code, sizeof h.code, "%s%02d", cm.code, i + 1);
		h.coords = i != bare && i != bare2;
		h.khmer_share = (0.25 + 1.5 * demo_rng_unit(&r)) * demo_district_khmer(district);
		demo_hamlet_strip(&r, cm.lat, cm.lon, cm.dx, cm.dy, i, n, &strip);
		rc = make_hamlet(c, &r, &cm, &h, names[i], &strip, err);
	}
	free(names);
	return rc;
}

/* Refuse a database that already holds a district. */
static int check_empty(sqlite3 *db, struct tkvv_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(db, "SELECT (SELECT count(*) FROM communes), (SELECT count(*) FROM hamlets)"
			   " + (SELECT count(*) FROM groups) + (SELECT count(*) FROM members)"
			   " + (SELECT count(*) FROM loans) + (SELECT count(*) FROM payments)",
		       &st, err) < 0)
		return -1;
	long long communes = 0, rows = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		communes = sqlite3_column_int64(st, 0);
		rows = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (communes + rows > 0)
		return err_set(err, TKVV_EFAIL,
			       _("%s: the database is not empty (%lld communes, %lld other rows); demo fills only an empty database"),
			       db_path(db), communes, rows);
	return 0;
}

/* Prepare every insert statement once for the whole run. */
static int prepare(struct ctx *c, struct tkvv_err *err)
{
	c->sink.db = c->db;
	if (db_prepare(c->db, "INSERT INTO communes(code, name, kind) VALUES (?, ?, ?)",
		       &c->commune, err) < 0 ||
	    db_prepare(c->db, "INSERT INTO hamlets(code, commune_id, name) VALUES (?, ?, ?)",
		       &c->hamlet, err) < 0 ||
	    db_prepare(c->db, "INSERT INTO groups(code, hamlet_id, org_code, name, leader_code,"
			      " deputy_code, founded_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
		       &c->group, err) < 0 ||
	    db_prepare(c->db, "INSERT INTO members(code, full_name, name_folded, sort_key,"
			      " hamlet_id, group_id, cluster, road_order, lat, lon, national_id,"
			      " phone, phone_digits, category, joined_on)"
			      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       &c->member, err) < 0 ||
	    db_prepare(c->db, "INSERT INTO memberships(member_id, group_id, from_on) VALUES (?, ?, ?)",
		       &c->membership, err) < 0 ||
	    db_prepare(c->db, "INSERT INTO loans(code, member_id, program_code, amount,"
			      " disbursed_on, due_on, rate_ppm, extended_to)"
			      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		       &c->sink.loan, err) < 0 ||
	    db_prepare(c->db, "INSERT INTO payments(loan_id, paid_on, kind, amount, period)"
			      " VALUES (?, ?, ?, ?, ?)",
		       &c->sink.payment, err) < 0)
		return -1;
	return demo_loans_init(&c->sink, err);
}

/* Finalize what prepare made (NULL statements are ignored by SQLite). */
static void finish(struct ctx *c)
{
	sqlite3_finalize(c->commune);
	sqlite3_finalize(c->hamlet);
	sqlite3_finalize(c->group);
	sqlite3_finalize(c->member);
	sqlite3_finalize(c->membership);
	sqlite3_finalize(c->sink.loan);
	sqlite3_finalize(c->sink.payment);
}

/* Make every district of the run, then record it in the audit log. */
static int make_all(struct ctx *c, const struct demo_opts *opts, struct tkvv_err *err)
{
	int home = demo_home_district();
	int first = opts->scale == DEMO_PROVINCE ? 0 : home;
	int last = opts->scale == DEMO_PROVINCE ? demo_district_count() - 1 : home;
	for (int d = first; d <= last; d++) {
		int n = demo_district_communes(d);
		if (opts->communes > 0 && opts->communes < n)
			n = opts->communes;
		for (int ci = 0; ci < n; ci++)
			if (make_commune(c, d, ci, err) < 0)
				return -1;
	}
	char detail[96];
	snprintf(detail, sizeof detail, "seed=%llu scale=%s as_of=%s",
		 (unsigned long long)opts->seed,
		 opts->scale == DEMO_PROVINCE ? "province" : "district", c->counts->as_of);
	return db_audit(c->db, "demo", NULL, NULL, detail, err);
}

int demo_generate(sqlite3 *db, const struct demo_opts *opts,
		  struct demo_counts *counts, struct tkvv_err *err)
{
	struct ctx c;
	memset(&c, 0, sizeof c);
	memset(counts, 0, sizeof *counts);
	int32_t ref;
	if (opts->as_of) {
		if (quality_parse_date(opts->as_of, &ref) < 0)
			return err_set(err, TKVV_EUSAGE, "--as-of: '%s' %s", TEXT_Q(opts->as_of),
				       _("is not a date (YYYY-MM-DD or DD/MM/YYYY)"));
	} else {
		char today[11];
		csvio_today(today);
		if (quality_parse_date(today, &ref) < 0)
			return err_set(err, TKVV_EUSAGE, "TKVV_TODAY: '%s' %s", TEXT_Q(today),
				       _("is not a date (YYYY-MM-DD or DD/MM/YYYY)"));
		ref--;  /* payments run up to the last transaction day before today */
	}
	quality_format_date(ref, counts->as_of);
	demo_loans_set_as_of(ref);
	c.db = db;
	c.seed = opts->seed;
	c.counts = counts;
	/* A larger page cache for the run: the name and search indexes are
	 * written in random order, and a small cache makes that slow. */
	if (db_exec(db, "PRAGMA cache_size = -131072", err) < 0 || db_begin(db, err) < 0)
		return -1;
	int rc = check_empty(db, err);
	if (rc == 0)
		rc = prepare(&c, err);
	if (rc == 0)
		rc = make_all(&c, opts, err);
	counts->loans = c.sink.loans;
	counts->payments = c.sink.payments;
	finish(&c);
	if (rc == 0)
		return db_commit(db, err);
	db_rollback(db);
	return -1;
}
