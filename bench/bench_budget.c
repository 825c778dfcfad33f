/* Benchmark of the move budget on the demo district (132 hamlets, about
 * 25,400 members): the plan of the whole district on one thread at budgets
 * of 10, 25, 50 % and unlimited, leaders kept and new leaders allowed, then
 * the trade-off table. Prints CPU time in all and per hamlet, the objective
 * (medoid metres, the move weight being 0) and the moves, and checks the
 * rules (sizes, leaders, budget) hamlet by hamlet. Usage: bench_budget
 * [DB [PER-HAMLET-CSV]]; without DB it makes the demo in a new folder;
 * TKVV_BENCH_TABLE=1 runs only the table and the frontier check.
 * Run from the build folder (make bench). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tkvv/db.h"
#include "tkvv/plan.h"
#include "tkvv/util.h"

/* Seconds of CPU this process has used, all threads. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Moves of P in hamlet CODE made by a merge (the member's group merged
 * away): they count as moves but not against the budget (README). */
static long merge_moves(const struct plan *p, const char *code)
{
	long n = 0;
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct plan_move *m = &p->moves[i];
		if (strcmp(m->hamlet_code, code) != 0)
			continue;
		for (size_t g = 0; g < p->ngroups; g++)
			if (p->groups[g].merged_into && p->groups[g].group_id == m->from_group) {
				n++;
				break;
			}
	}
	return n;
}

/* Hamlets of P that break a rule: sizes, kept leaders, or the budget PCT
 * (the moves other than merges'). */
static int broken(const struct plan *p, double pct, int new_leaders)
{
	int bad = 0;
	for (size_t h = 0; h < p->nhamlets; h++) {
		const struct plan_hamlet *ph = &p->hamlets[h];
		long budget = pct < 0 ? -1 : (long)floor(pct / 100.0 * (double)ph->located);
		if (ph->status != REGROUP_OK)
			continue;
		bad += ph->after.size_violations > 0 || (!new_leaders && ph->after.leaders_moved > 0) ||
		       (budget >= 0 && ph->after.moved - merge_moves(p, ph->code) > budget);
	}
	return bad;
}

/* The table's rows as last printed, for the frontier check. */
#define ROWS_MAX 16
static struct {
	char budget[16];
	int new_leaders;
	double medoid;
	long moves;
} rows[ROWS_MAX];
static size_t nrows;

/* The frontier check: full plans of the district at several move prices,
 * each leader rule; a table row is beaten when a swept plan of the same
 * leader rule has no more moves and fewer medoid metres. District totals:
 * a row's budget binds hamlet by hamlet, so this is the district-wide
 * view of the check. */
static int bench_frontier(sqlite3 *db)
{
	static const double price[] = {25, 100, 400, 1600};
	int beaten = 0;
	for (int nl = 0; nl < 2; nl++)
		for (size_t i = 0; i < sizeof price / sizeof price[0]; i++) {
			struct plan_options o = {
				.scope = PLAN_ALL, .min = 5, .max = 60, .max_moves = -1, .max_moves_pct = -1,
				.merges = 1, .low_balance = 300000000, .new_leaders = nl, .threads = 1,
				.move_weight = price[i],
			};
			struct plan p;
			struct tkvv_err err;
			err_clear(&err);
			if (plan_build(db, &o, &p, &err) < 0) {
				fprintf(stderr, "bench_budget: %s\n", err.msg);
				plan_free(&p);
				return 1;
			}
			printf("sweep %5.0f m/move%s medoid %12.0f m   moves %6ld\n", price[i], nl ? " +leaders" : "         ",
			       p.after.medoid_m, p.after.moved);
			for (size_t r = 0; r < nrows; r++)
				if (rows[r].new_leaders == nl && p.after.moved <= rows[r].moves &&
				    p.after.medoid_m < rows[r].medoid) {
					printf("  beats row %s%s by %.2f %% (%ld moves)\n", rows[r].budget,
					       nl ? " +leaders" : "", 100 * (rows[r].medoid / p.after.medoid_m - 1),
					       p.after.moved);
					beaten++;
				}
			plan_free(&p);
		}
	printf("frontier: %d row/sweep pairs where a swept plan beats a row\n", beaten);
	return 0;
}

/* Plan the district at budget PCT (< 0: unlimited) and print the figures;
 * the per-hamlet objective and moves go to OUT when given. */
static int bench_case(sqlite3 *db, double pct, int new_leaders, int tradeoff, FILE *out)
{
	struct plan_options o = {
		.scope = PLAN_ALL, .min = 5, .max = 60, .max_moves = -1, .max_moves_pct = pct, .merges = 1,
		.low_balance = 300000000, .new_leaders = new_leaders, .tradeoff = tradeoff, .threads = 1,
	};
	struct plan p;
	struct tkvv_err err;
	err_clear(&err);
	double t0 = cpu_now();
	if (plan_build(db, &o, &p, &err) < 0) {
		fprintf(stderr, "bench_budget: %s\n", err.msg);
		plan_free(&p);
		return 1;
	}
	double secs = cpu_now() - t0;
	char name[32];
	snprintf(name, sizeof name, "%s%s%s", tradeoff ? "table" : pct < 0 ? "unlimited" : "",
		 new_leaders ? " +leaders" : "", "");
	if (!tradeoff && pct >= 0)
		snprintf(name, sizeof name, "%g%%%s", pct, new_leaders ? " +leaders" : "");
	printf("%-16s %7.2f s CPU %7.1f ms/hamlet   medoid %12.0f m   moves %6ld   split %4d/%-4d   broken %d\n",
	       name, secs, 1000 * secs / (double)(p.nhamlets ? p.nhamlets : 1), p.after.medoid_m, p.after.moved,
	       p.after.groups_split, p.after.groups, tradeoff ? 0 : broken(&p, pct, new_leaders));
	if (tradeoff)
		nrows = 0;
	for (size_t t = 0; t < p.ntradeoff && nrows < ROWS_MAX; t++) {
		snprintf(rows[nrows].budget, sizeof rows[nrows].budget, "%s", p.tradeoff[t].budget);
		rows[nrows].new_leaders = p.tradeoff[t].new_leaders;
		rows[nrows].medoid = p.tradeoff[t].after.medoid_m;
		rows[nrows++].moves = p.tradeoff[t].after.moved;
	}
	for (size_t t = 0; t < p.ntradeoff; t++)
		printf("  row %-9s%s medoid %12.0f m   moves %6ld   split %4d\n", p.tradeoff[t].budget,
		       p.tradeoff[t].new_leaders ? " +leaders" : "         ", p.tradeoff[t].after.medoid_m,
		       p.tradeoff[t].after.moved, p.tradeoff[t].after.groups_split);
	for (size_t h = 0; out && !tradeoff && h < p.nhamlets; h++)
		fprintf(out, "%s,%s,%.1f,%ld\n", name, p.hamlets[h].code, p.hamlets[h].after.medoid_m,
			p.hamlets[h].after.moved);
	plan_free(&p);
	return 0;
}

/* Make the demo district in PATH with the tkvv binary of the build folder. */
static int make_demo(const char *path)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execl("./tkvv", "./tkvv", "--db", path, "demo", (char *)NULL);
		_exit(127);
	}
	int status;
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/tkvv-bench-budget-XXXXXX";
	char *path = argc > 1 ? xstrdup(argv[1]) : NULL;
	if (!path) {
		if (!mkdtemp(dir))
			return 1;
		path = xasprintf("%s/demo.db", dir);
		if (make_demo(path) < 0) {
			fprintf(stderr, "bench_budget: tkvv demo failed\n");
			return 1;
		}
	}
	sqlite3 *db;
	struct tkvv_err err;
	err_clear(&err);
	if (db_open(path, DB_READONLY, &db, &err) < 0) {
		fprintf(stderr, "bench_budget: %s\n", err.msg);
		return 1;
	}
	FILE *out = argc > 2 ? fopen(argv[2], "w") : NULL;
	static const double pct[] = {-1, 10, 25, 50};
	int failed = 0;
	/* TKVV_BENCH_TABLE=1: only the table and the frontier check. */
	const char *only = getenv("TKVV_BENCH_TABLE");
	for (int nl = 0; nl < 2 && !(only && *only == '1'); nl++)
		for (size_t i = 0; i < sizeof pct / sizeof pct[0]; i++)
			failed |= bench_case(db, pct[i], nl, 0, out);
	failed |= bench_case(db, -1, 0, 1, NULL);
	if (!failed)
		failed |= bench_frontier(db);
	if (out)
		fclose(out);
	db_close(db);
	if (argc <= 1) {
		unlink(path);
		char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
		unlink(wal);
		unlink(shm);
		free(wal);
		free(shm);
		rmdir(dir);
	}
	free(path);
	return failed;
}
