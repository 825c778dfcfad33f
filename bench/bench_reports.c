/* The reports screen's figures on the demo district: the first open (one
 * quality_load, then the report, flags and twelve month-ends as of the
 * demo's reference date), a change of date, and each export to .xlsx. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../src/tui/reportdata.h"
#include "tkvv/db.h"
#include "tkvv/demo.h"

/* Milliseconds since an arbitrary start, of the wall clock. */
static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Stop on error E. */
static void check(int rc, const struct tkvv_err *e)
{
	if (rc < 0) {
		fprintf(stderr, "bench_reports: %s\n", e->msg);
		exit(1);
	}
}

/* Time the best of three runs of the screen's steps. */
int main(void)
{
	char path[] = "/tmp/tkvv-bench-reports-XXXXXX", xlsx[64];
	struct tkvv_err err;
	struct config cfg;
	sqlite3 *db;
	close(mkstemp(path));
	unlink(path);
	err_clear(&err);
	config_defaults(&cfg);
	struct demo_opts opts = {1, DEMO_DISTRICT, 0, NULL};
	struct demo_counts counts;
	check(db_open(path, DB_CREATE, &db, &err), &err);
	check(demo_generate(db, &opts, &counts, &err), &err);
	printf("demo district: %lld groups, %lld loans, %lld payments\n", counts.groups, counts.loans,
	       counts.payments);
	double best[4] = {1e9, 1e9, 1e9, 1e9};
	for (int run = 0; run < 3; run++) {
		struct reportdata d;
		double t[5];
		t[0] = now_ms();
		check(reportdata_open(&d, db, &cfg, "2026-10-31", &err), &err);
		t[1] = now_ms();
		check(reportdata_compute(&d, "2026-10-31", &err), &err);
		t[2] = now_ms();
		check(reportdata_compute(&d, "2026-06-30", &err), &err);
		t[3] = now_ms();
		snprintf(xlsx, sizeof xlsx, "%s.xlsx", path);
		check(reportdata_export(&d, 0, xlsx, &err), &err);
		t[4] = now_ms();
		unlink(xlsx);
		reportdata_free(&d);
		for (int k = 0; k < 4; k++)
			best[k] = t[k + 1] - t[k] < best[k] ? t[k + 1] - t[k] : best[k];
	}
	printf("first open: load %.0f ms + report, flags and 12 months %.0f ms = %.0f ms\n", best[0], best[1],
	       best[0] + best[1]);
	printf("another as-of date: %.0f ms\n", best[2]);
	printf("export of the key figures to .xlsx: %.0f ms\n", best[3]);
	db_close(db);
	unlink(path);
	config_free(&cfg);
	return 0;
}
