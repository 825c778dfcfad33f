/* The terminal interface without a terminal: a demo province cut to about
 * 100,000 members, the screens drawn into a curses screen on /dev/null, and
 * the time of each keystroke for paging through the members and for each
 * key typed in the search of screens 1-5 and in the global find (targets:
 * 16 ms and 30 ms at the 99th percentile). BENCH_SLOW=1 names the keys that
 * took more than 20 ms of CPU. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/tui/find.h"
#include "../src/tui/frame.h"
#include "tkvv/db.h"
#include "tkvv/demo.h"
#include "tkvv/text.h"

/* Milliseconds since an arbitrary start, of the wall clock. */
static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Milliseconds of CPU this process used: on a busy machine the wall clock
 * also counts the time other programs had the processor. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A keystroke's cost: wall and CPU milliseconds. */
struct cost {
	double wall, cpu;
};

/* qsort order of doubles. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Print the median, 99th percentile and worst of N costs, wall and CPU. */
static void report(const char *what, struct cost *c, int n)
{
	double *wall = xcalloc((size_t)n, sizeof *wall), *cpu = xcalloc((size_t)n, sizeof *cpu);
	for (int i = 0; i < n; i++)
		wall[i] = c[i].wall, cpu[i] = c[i].cpu;
	qsort(wall, (size_t)n, sizeof *wall, cmp_double);
	qsort(cpu, (size_t)n, sizeof *cpu, cmp_double);
	int p99 = (int)((double)n * 0.99);
	printf("%-31s n=%4d  wall p50 %6.2f p99 %6.2f max %6.2f ms | cpu p50 %6.2f p99 %6.2f max %6.2f ms\n",
	       what, n, wall[n / 2], wall[p99], wall[n - 1], cpu[n / 2], cpu[p99], cpu[n - 1]);
	free(wall);
	free(cpu);
}

/* One keystroke: the action and a full redraw, as the main loop does it. */
static struct cost keystroke(struct tui *t, enum action a)
{
	struct screen *s = &t->screens[t->current];
	double w = now_ms(), c = cpu_ms();
	s->ops->key(t, s, a, 0);
	frame_draw(t);
	return (struct cost){now_ms() - w, cpu_ms() - c};
}

/* Page down through the members list and back up from the end. */
static void bench_paging(struct tui *t, int pages)
{
	struct cost *ms = xcalloc((size_t)pages * 2, sizeof *ms);
	int n = 0;
	frame_goto_screen(t, SCREEN_MEMBERS, NULL, 0);
	for (int i = 0; i < pages; i++)
		ms[n++] = keystroke(t, A_PGDN);
	ms[n++] = keystroke(t, A_END);
	for (int i = 0; i < pages - 1; i++)
		ms[n++] = keystroke(t, A_PGUP);
	report("members: page (PgDn/PgUp/End)", ms, n);
	free(ms);
}

/* The first column of the first row of SQL, folded when FOLD (caller frees). */
static char *pick(sqlite3 *db, const char *sql, int fold)
{
	sqlite3_stmt *st;
	char *v = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0))
		v = fold ? text_fold((const char *)sqlite3_column_text(st, 0))
			 : xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v ? v : xstrdup("x");
}

/* Type each of the NQ QUERIES key by key in the search of screen ID, from
 * its first row, as the search prompt does; print the matches and the cost. */
static void bench_search(struct tui *t, int id, char *const *queries, size_t nq)
{
	struct cost ms[512];
	int n = 0;
	struct screen *s = &t->screens[id];
	char what[64];
	frame_goto_screen(t, id, NULL, 0);
	if (s->def->search_prepare) {
		/* Done when the search prompt opens, not on a key. */
		double w = now_ms();
		tableview_prepare(t, s);
		printf("  %d: when the prompt opens, once: %.0f ms\n", id + 1, now_ms() - w);
	}
	for (size_t q = 0; q < nq; q++) {
		for (size_t k = 1; k <= strlen(queries[q]) && n < 512; k++) {
			snprintf(s->needle, sizeof s->needle, "%.*s", (int)k, queries[q]);
			double w = now_ms(), c = cpu_ms();
			tableview_find(t, s, 0);
			frame_draw(t);
			ms[n++] = (struct cost){now_ms() - w, cpu_ms() - c};
			if (getenv("BENCH_SLOW") && ms[n - 1].cpu > 20)
				printf("  slow: /%s %.1f ms\n", s->needle, ms[n - 1].cpu);
		}
		printf("  %d /%-16s %7ld matches\n", id + 1, queries[q], s->model.nmatch);
	}
	snprintf(what, sizeof what, "screen %d: each key of a search", id + 1);
	report(what, ms, n);
	s->needle[0] = '\0';
	s->model.nmatch = 0;
}

/* The same in the global find (Ctrl-F), from the communes screen. */
static void bench_find(struct tui *t, char *const *queries, size_t nq)
{
	struct cost ms[512];
	struct find f;
	struct lineedit le;
	int n = 0;
	memset(&f, 0, sizeof f);
	frame_goto_screen(t, SCREEN_COMMUNES, NULL, 0);
	for (size_t q = 0; q < nq; q++) {
		lineedit_init(&le, NULL, 127);
		long found = 0;
		for (size_t k = 0; queries[q][k] && n < 512; k++) {
			double w = now_ms(), c = cpu_ms();
			lineedit_insert(&le, (unsigned char)queries[q][k]);
			found = find_update(t, &f, le.buf);
			find_draw(t, &f, &le);
			ms[n++] = (struct cost){now_ms() - w, cpu_ms() - c};
		}
		printf("  Ctrl-F %-16s %7ld matches\n", queries[q], found);
		lineedit_free(&le);
	}
	report("global find: each key", ms, n);
	search_page_free(&f.page);
}

/* Pick the first N queries of SQL[] into Q[], folded when its text starts
 * with '~' (a name typed without accents). */
static void pick_all(sqlite3 *db, const char *const *sql, size_t n, char **q)
{
	for (size_t i = 0; i < n; i++)
		q[i] = pick(db, sql[i] + (sql[i][0] == '~'), sql[i][0] == '~');
}

/* Each screen's search, with queries taken from the data: names folded
 * (typed without accents) and codes, key by key. */
static void bench_searches(struct tui *t)
{
	static const char *const names[] = {"nguyen thi lan", "tran van", "thach", "le thi hong",
					    "0912", "huynh kim", "son", "danh"};
	static const char *const communes[] = {
		"~SELECT name FROM hamlets ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM hamlets)",
		"~SELECT name FROM communes ORDER BY id DESC LIMIT 1",
		"SELECT code FROM hamlets ORDER BY id DESC LIMIT 1",
	};
	static const char *const groups[] = {
		"SELECT code FROM groups ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM groups)",
		"SELECT code FROM groups ORDER BY id DESC LIMIT 1",
		"~SELECT name FROM groups ORDER BY id LIMIT 1 OFFSET 7",
	};
	/* Loans; the payments add the newest payment's loan and an old one's. */
	static const char *const loans[] = {
		"SELECT code FROM loans ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM loans)",
		"SELECT code FROM loans ORDER BY id DESC LIMIT 1",
		"SELECT code FROM loans ORDER BY id LIMIT 1 OFFSET 3",
		"SELECT l.code FROM loans l JOIN payments p ON p.loan_id = l.id ORDER BY p.id DESC LIMIT 1",
		"SELECT l.code FROM loans l JOIN payments p ON p.loan_id = l.id ORDER BY p.id LIMIT 1 OFFSET 1000",
	};
	/* The global find: the names, a CCCD and a code. */
	static const char *const people[] = {
		"SELECT national_id FROM members WHERE national_id <> '' ORDER BY id LIMIT 1 OFFSET 5000",
		"SELECT code FROM members ORDER BY id DESC LIMIT 1",
	};
	char *q[12];
	size_t i;
	pick_all(t->db, communes, 3, q);
	bench_search(t, SCREEN_COMMUNES, q, 3);
	pick_all(t->db, groups, 3, q + 3);
	bench_search(t, SCREEN_GROUPS, q + 3, 3);
	bench_search(t, SCREEN_MEMBERS, (char *const *)names, ARRAY_LEN(names));
	for (i = 0; i < 6; i++)
		free(q[i]);
	pick_all(t->db, loans, 5, q);
	bench_search(t, SCREEN_LOANS, q, 3);
	bench_search(t, SCREEN_PAYMENTS, q, 5);
	for (i = 0; i < 5; i++)
		free(q[i]);
	for (i = 0; i < ARRAY_LEN(names); i++)
		q[i] = xstrdup(names[i]);
	pick_all(t->db, people, 2, q + i);
	i += 2;
	bench_find(t, q, i);
	while (i > 0)
		free(q[--i]);
}

/* Make the district, open the screens on /dev/null, and time them. */
int main(int argc, char **argv)
{
	char path[] = "/tmp/tkvv-bench-tui-XXXXXX";
	int communes = argc > 1 ? atoi(argv[1]) : 9;
	struct tkvv_err err;
	struct config cfg;
	sqlite3 *db;
	close(mkstemp(path));
	unlink(path);
	err_clear(&err);
	config_defaults(&cfg);
	double t0 = now_ms();
	struct demo_opts opts = {1, DEMO_PROVINCE, communes, NULL};
	struct demo_counts counts;
	if (db_open(path, DB_CREATE, &db, &err) < 0 || demo_generate(db, &opts, &counts, &err) < 0) {
		fprintf(stderr, "bench_tui: %s\n", err.msg);
		return 1;
	}
	printf("demo province, %d communes a district: %lld members, %lld loans, %lld payments (%.1f s)\n",
	       communes, counts.members, counts.loans, counts.payments, (now_ms() - t0) / 1e3);
	/* Open it again, as an officer would: a fresh connection, the log checkpointed. */
	db_close(db);
	if (db_open(path, 0, &db, &err) < 0) {
		fprintf(stderr, "bench_tui: %s\n", err.msg);
		return 1;
	}
	setenv("TERM", "xterm-256color", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	struct tui t;
	t0 = now_ms();
	tui_init(&t, db, &cfg, path);
	printf("figures of %lld groups as of today: %.0f ms\n", counts.groups, now_ms() - t0);
	SCREEN *scr = newterm(NULL, out, in);
	set_term(scr);
	resizeterm(24, 80);
	colors_init(&t);
	frame_layout(&t);
	frame_goto_screen(&t, SCREEN_COMMUNES, NULL, 0);
	printf("at 80x24:\n");
	bench_paging(&t, 1000);
	bench_searches(&t);
	resizeterm(50, 200);
	frame_layout(&t);
	printf("at 200x50:\n");
	bench_paging(&t, 500);
	endwin();
	delscreen(scr);
	tui_done(&t);
	db_close(db);
	fclose(out);
	fclose(in);
	config_free(&cfg);
	unlink(path);
	return 0;
}
