/* Member search speed on a 100,000-member district: the median and p99 of
 * the first page (30 rows) with the total, for 1,000 accent-free queries of
 * the kinds an officer types; time from opening the file to the first
 * result; peak memory. Prints figures only. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "tkvv/db.h"
#include "tkvv/search.h"
#include "tkvv/text.h"

#define MEMBERS 100000
#define QUERIES 1000
#define PAGE 30

/* Family names, about as frequent as in the Mekong delta, Khmer ones included. */
static const struct { const char *name; int weight; } families[] = {
	{"Nguyễn", 300}, {"Trần", 100}, {"Lê", 90}, {"Phạm", 60}, {"Huỳnh", 50}, {"Võ", 40},
	{"Phan", 40}, {"Thạch", 60}, {"Kim", 40}, {"Sơn", 40}, {"Lâm", 20}, {"Danh", 20},
	{"Đặng", 20}, {"Bùi", 15}, {"Đỗ", 15}, {"Hồ", 12}, {"Ngô", 12}, {"Dương", 10},
	{"Lý", 8}, {"Trương", 8}, {"Đinh", 5}, {"Triệu", 3},
};
static const char *const middles_m[] = {"Văn", "Văn", "Văn", "Hoàng", "Minh", "Thanh", "Đức", "Hữu", "Quốc", "Công"};
static const char *const middles_f[] = {"Thị", "Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thu", "Bích"};
static const char *const givens_m[] = {
	"An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hoà", "Hùng", "Huy", "Khánh", "Khoa",
	"Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phúc", "Phong", "Quang", "Sang", "Sơn",
	"Tài", "Tâm", "Thắng", "Thành", "Tiến", "Toàn", "Trí", "Trung", "Tuấn", "Việt", "Vinh",
	"Sóc Kha", "Sa Rây", "Ri", "Chanh", "Sóc", "Pho",
};
static const char *const givens_f[] = {
	"Anh", "Bé", "Chi", "Diễm", "Dung", "Đào", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hồng",
	"Hương", "Huệ", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh",
	"Phượng", "Quyên", "Sương", "Thảo", "Thu", "Thuỷ", "Trang", "Tuyết", "Vân", "Xuân", "Yến",
	"Sa Rươne", "Ni", "Sa Ly", "Phol", "Sa Rết",
};

/* A small deterministic generator (xorshift64*). */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1du;
}
static unsigned pick(unsigned n)
{
	return (unsigned)(rng() % n);
}

/* A plausible full name into BUF. */
static void make_name(char *buf, size_t size)
{
	int total = 0, r;
	for (size_t i = 0; i < ARRAY_LEN(families); i++)
		total += families[i].weight;
	r = (int)pick((unsigned)total);
	size_t f = 0;
	while (r >= families[f].weight)
		r -= families[f++].weight;
	int female = (int)pick(2);
	const char *mid = female ? middles_f[pick(ARRAY_LEN(middles_f))] : middles_m[pick(ARRAY_LEN(middles_m))];
	const char *given = female ? givens_f[pick(ARRAY_LEN(givens_f))] : givens_m[pick(ARRAY_LEN(givens_m))];
	if (pick(10) == 0)
		snprintf(buf, size, "%s %s %s %s", families[f].name, mid,
			 female ? "Ngọc" : "Văn", given);
	else
		snprintf(buf, size, "%s %s %s", families[f].name, mid, given);
}

/* Seconds on the monotonic clock. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run SQL or die. */
static void must(sqlite3 *db, const char *sql)
{
	struct tkvv_err err;
	err_clear(&err);
	if (db_exec(db, sql, &err) < 0) {
		fprintf(stderr, "bench_search: %s\n", err.msg);
		exit(1);
	}
}

/* Communes, hamlets and groups: 17 x 8 hamlets of 16 groups of ~46 members. */
static void build_places(sqlite3 *db)
{
	must(db, "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 17) "
		 "INSERT INTO communes(code, name) SELECT printf('TC%02d', i), 'Xã ' || i FROM c");
	must(db, "WITH RECURSIVE h(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM h WHERE i < 135) "
		 "INSERT INTO hamlets(code, commune_id, name) SELECT printf('TC%02dA%02d', i / 8 + 1, i % 8 + 1), "
		 "i / 8 + 1, 'Ấp ' || i FROM h");
	must(db, "WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < 2175) "
		 "INSERT INTO groups(code, hamlet_id, org_code) SELECT printf('%sG%02d', h.code, g.i / 136 + 1), "
		 "h.id, 'PN' FROM g JOIN hamlets h ON h.id = g.i % 136 + 1");
}

/* Insert one member as tkvv does: NFC name, folded name, sort key, phone digits. */
static void insert_member(sqlite3_stmt *st, long i)
{
	char name[128], code[32], phone[32], nid[32];
	make_name(name, sizeof name);
	long group = i % 2176 + 1, hamlet = (group - 1) % 136 + 1;
	snprintf(code, sizeof code, "TC%02ldA%02ldM%04ld", (hamlet - 1) / 8 + 1, (hamlet - 1) % 8 + 1, i / 136 + 1);
	snprintf(phone, sizeof phone, "09%u%u %03u %03u", pick(10), pick(10), pick(1000), pick(1000));
	snprintf(nid, sizeof nid, "0840%08u", pick(100000000));
	char *folded = text_fold(name), *digits = text_digits(phone);
	size_t klen;
	unsigned char *key = text_name_key(name, &klen);
	int has_phone = pick(10) < 7, has_nid = pick(10) < 8;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, folded, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, key, (int)klen, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, hamlet);
	sqlite3_bind_int64(st, 6, group);
	sqlite3_bind_text(st, 7, has_nid ? nid : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, has_phone ? phone : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, has_phone ? digits : NULL, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "bench_search: insert failed\n");
		exit(1);
	}
	sqlite3_reset(st);
	free(folded);
	free(digits);
	free(key);
}

/* Build the district in PATH. */
static void build(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct tkvv_err err;
	err_clear(&err);
	if (db_open(path, DB_CREATE, &db, &err) < 0) {
		fprintf(stderr, "bench_search: %s\n", err.msg);
		exit(1);
	}
	must(db, "BEGIN");
	build_places(db);
	sqlite3_prepare_v2(db, "INSERT INTO members(code, full_name, name_folded, sort_key, hamlet_id, "
			   "group_id, national_id, phone, phone_digits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			   -1, &st, NULL);
	for (long i = 0; i < MEMBERS; i++)
		insert_member(st, i);
	sqlite3_finalize(st);
	must(db, "COMMIT");
	db_close(db);
}

/* The kinds of query, with how to make one from a member's row. */
enum qkind { Q_PREFIX1, Q_NAME2, Q_NAME3, Q_GIVEN, Q_CODE, Q_PHONE, Q_KINDS };
static const char *const qkind_names[] = {
	"1 prefix (1-4 letters)", "2 words", "3 words, last cut", "given name", "code prefix", "phone digits",
};

/* Make a query of kind K from the member with FOLDED name, CODE and PHONE digits. */
static void make_query(enum qkind k, const char *folded, const char *code, const char *phone,
		       char *q, size_t size)
{
	const char *sp = strchr(folded, ' ');
	const char *last = strrchr(folded, ' ');
	size_t fam = sp ? (size_t)(sp - folded) : strlen(folded);
	switch (k) {
	case Q_PREFIX1: snprintf(q, size, "%.*s", (int)(pick(4) + 1 < fam ? pick(4) + 1 : fam), folded); break;
	case Q_NAME2: {
		const char *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
		snprintf(q, size, "%.*s", sp2 ? (int)(sp2 - folded) : (int)strlen(folded), folded);
		break;
	}
	case Q_NAME3: snprintf(q, size, "%.*s", (int)(last ? (size_t)(last - folded) + 2 : strlen(folded)), folded); break;
	case Q_GIVEN: snprintf(q, size, "%s", last ? last + 1 : folded); break;
	case Q_CODE: snprintf(q, size, "%.*s", (int)(7 + pick(6)), code); break;
	default: snprintf(q, size, "%.4s %.*s", phone, (int)(1 + pick(4)), phone + 4); break;
	}
}

/* Seconds of CPU time of this process: less disturbed by a busy machine. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Compare two doubles for qsort. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Print median, p99 and max of the N times T (sorted in place), in ms. */
static void print_times(const char *label, double *t, size_t n)
{
	if (!n)
		return;
	qsort(t, n, sizeof *t, cmp_double);
	size_t p99 = (size_t)ceil(0.99 * (double)n) - 1;
	printf("  %-24s n=%4zu  median %7.3f ms  p99 %7.3f ms  max %7.3f ms\n", label, n,
	       t[n / 2] * 1e3, t[p99] * 1e3, t[n - 1] * 1e3);
}

/* Search Q on DB for the first page, dying on error; returns the total. */
static long run_query(sqlite3 *db, struct search_cache *cache, const char *q)
{
	struct search_page page;
	struct tkvv_err err;
	err_clear(&err);
	if (search_members(db, cache, q, 0, PAGE, &page, &err) < 0) {
		fprintf(stderr, "bench_search: '%s': %s\n", q, err.msg);
		exit(1);
	}
	long total = page.total;
	search_page_free(&page);
	return total;
}

/* Time the queries, by kind and over all. */
static void run_queries(sqlite3 *db, struct search_cache *cache)
{
	static double all[QUERIES], cpu[QUERIES], kind_t[Q_KINDS][QUERIES];
	size_t kind_n[Q_KINDS] = {0};
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "SELECT name_folded, code, ifnull(phone_digits, '0912345678') FROM members "
			   "WHERE id = ?", -1, &st, NULL);
	long matched = 0;
	for (size_t i = 0; i < QUERIES; i++) {
		char q[128];
		enum qkind k = (enum qkind)(i % Q_KINDS);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)pick(MEMBERS) + 1);
		if (sqlite3_step(st) != SQLITE_ROW)
			exit(1);
		make_query(k, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			   (const char *)sqlite3_column_text(st, 2), q, sizeof q);
		sqlite3_reset(st);
		double t0 = now(), c0 = cpu_now();
		matched += run_query(db, cache, q);
		all[i] = kind_t[k][kind_n[k]++] = now() - t0;
		cpu[i] = cpu_now() - c0;
	}
	sqlite3_finalize(st);
	printf("first page (%d rows) and total, %d queries, %.0f matches on average:\n", PAGE, QUERIES,
	       (double)matched / QUERIES);
	for (int k = 0; k < Q_KINDS; k++)
		print_times(qkind_names[k], kind_t[k], kind_n[k]);
	print_times("all", all, QUERIES);
	print_times("all, CPU time", cpu, QUERIES);
}

int main(void)
{
	char path[] = "/tmp/tkvv-bench-search-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 1;
	close(fd);
	unlink(path);
	double t0 = now();
	build(path);
	printf("built %d members in %.1f s\n", MEMBERS, now() - t0);

	sqlite3 *db;
	struct tkvv_err err;
	err_clear(&err);
	t0 = now();
	if (db_open(path, 0, &db, &err) < 0) {
		fprintf(stderr, "bench_search: %s\n", err.msg);
		return 1;
	}
	struct search_cache *cache = search_cache_new();
	long total = run_query(db, cache, "nguyen van");
	printf("open to first result ('nguyen van', %ld matches): %.2f ms\n", total, (now() - t0) * 1e3);
	run_queries(db, cache);
	search_cache_free(cache);
	db_close(db);

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS: %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
	char *side = xasprintf("rm -f '%s' '%s-wal' '%s-shm'", path, path, path);
	if (system(side) != 0)
		fprintf(stderr, "bench_search: could not remove %s\n", path);
	free(side);
	return 0;
}
