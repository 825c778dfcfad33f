/* Benchmark of tkvv report on the demo district (about 25,000 members,
 * 38,000 loans and 570,000 payments): the real binary, run as a child,
 * timed on the wall clock, its peak RSS from wait4. Target: 0.5 s each.
 * Run from the build folder (make bench). */
#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tkvv/util.h"
#include "tkvv/demo.h"

extern char **environ;

/* Seconds on the monotonic clock. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run ARGV with its output to /dev/null; return the wall time, RSS in KB. */
static int run(char *const argv[], double *secs, long *rss_kb)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status;
	struct rusage ru;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	double t0 = now();
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0 || wait4(pid, &status, 0, &ru) != pid)
		return -1;
	*secs = now() - t0;
	*rss_kb = ru.ru_maxrss;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Run ARGV three times and print the best time and the peak RSS. */
static int bench_case(char *const argv[], const char *name)
{
	double best = 1e9, secs;
	long rss = 0, kb;
	for (int rep = 0; rep < 3; rep++) {
		if (run(argv, &secs, &kb) < 0) {
			fprintf(stderr, "bench_report: report %s failed\n", name);
			return 1;
		}
		best = secs < best ? secs : best;
		rss = kb > rss ? kb : rss;
	}
	printf("report %-8s best of 3: %.3f s   peak RSS %.1f MB\n", name, best, (double)rss / 1024.0);
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/tkvv-bench-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char *db = xasprintf("%s/demo.db", dir), *ini = xasprintf("%s/tkvv.ini", dir);
	FILE *f = fopen(ini, "w");
	/* The demo is made by a child too: the peak RSS of a child counts its
	 * parent's memory at the spawn, so this process stays small. */
	char *const demo[] = {"./tkvv", "--db", db, "--config", ini, "demo", NULL};
	double secs;
	long kb;
	if (!f || fclose(f) != 0 || run(demo, &secs, &kb) < 0) {
		fprintf(stderr, "bench_report: tkvv demo failed\n");
		return 1;
	}
	printf("demo district made in %.1f s (%s)\n", secs, DEMO_AS_OF);
	char *const cases[][12] = {
		{"./tkvv", "--db", db, "--config", ini, "report", "groups", "--as-of", DEMO_AS_OF, "--format", "csv", NULL},
		{"./tkvv", "--db", db, "--config", ini, "report", "kpi", "--as-of", DEMO_AS_OF, NULL},
		{"./tkvv", "--db", db, "--config", ini, "report", "compare", "--from", "2026-05-31", "--to", DEMO_AS_OF, NULL},
	};
	int failed = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		failed |= bench_case(cases[i], cases[i][6]);
	unlink(db);
	unlink(ini);
	char *wal = xasprintf("%s-wal", db), *shm = xasprintf("%s-shm", db);
	unlink(wal);
	unlink(shm);
	rmdir(dir);
	free(wal), free(shm), free(db), free(ini);
	return failed;
}
