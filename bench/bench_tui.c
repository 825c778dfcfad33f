/* The terminal interface without a terminal: a demo province cut to about
 * 100,000 members, the screens drawn into a curses screen on /dev/null, and
 * the time of each keystroke for paging through the members and for each
 * key typed in a search (targets: 16 ms and 30 ms at the 99th percentile). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/tui/ui.h"
#include "tkvv/db.h"
#include "tkvv/demo.h"

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
	tui_frame(t);
	return (struct cost){now_ms() - w, cpu_ms() - c};
}

/* Page down through the members list and back up from the end. */
static void bench_paging(struct tui *t, int pages)
{
	struct cost *ms = xcalloc((size_t)pages * 2, sizeof *ms);
	int n = 0;
	tui_goto_screen(t, SCREEN_MEMBERS, NULL, 0);
	for (int i = 0; i < pages; i++)
		ms[n++] = keystroke(t, A_PGDN);
	ms[n++] = keystroke(t, A_END);
	for (int i = 0; i < pages - 1; i++)
		ms[n++] = keystroke(t, A_PGUP);
	report("members: page (PgDn/PgUp/End)", ms, n);
	free(ms);
}

/* Type each query key by key, as the search prompt does. */
static void bench_search(struct tui *t)
{
	static const char *const queries[] = {"nguyen thi lan", "tran van", "thach", "le thi hong",
					      "0912", "huynh kim", "son", "danh"};
	struct cost ms[256];
	int n = 0;
	struct screen *s = &t->screens[SCREEN_MEMBERS];
	for (size_t q = 0; q < ARRAY_LEN(queries); q++) {
		for (size_t k = 1; k <= strlen(queries[q]) && n < 256; k++) {
			snprintf(s->needle, sizeof s->needle, "%.*s", (int)k, queries[q]);
			double w = now_ms(), c = cpu_ms();
			tableview_find(t, s, 0);
			tui_frame(t);
			ms[n++] = (struct cost){now_ms() - w, cpu_ms() - c};
		}
		printf("  /%-16s %6ld matches\n", queries[q], s->model.nmatch);
	}
	report("members: each key of a search", ms, n);
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
	tui_layout(&t);
	tui_goto_screen(&t, SCREEN_COMMUNES, NULL, 0);
	printf("at 80x24:\n");
	bench_paging(&t, 1000);
	bench_search(&t);
	resizeterm(50, 200);
	tui_layout(&t);
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
