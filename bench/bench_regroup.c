/* The regrouping benchmark: how close the engine comes to the exact optimum,
 * how it compares with k-means, and how fast it is (issue 4).
 * Sections: instances, exactness (GLPK MIP), k-means and the trade-off
 * curve, speed, contiguity (also on a second generator's hamlets). `--quick` runs a short version of each. */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rg_bench.h"
#include "tkvv/util.h"

/* Print the usage text to F. */
static void usage(FILE *f)
{
	fputs("usage: bench_regroup [--quick] [--no-mip] [--db FILE] [--province-db FILE]\n"
	      "         [--synthetic] [--tkvv PATH] [--threads N] [--seed N] [--mip-time S]\n"
	      "         [--contiguity]   (section 5 only: the district and the second generator)\n"
	      "Without --db, the full run makes a demo database with `tkvv demo` (./tkvv,\n"
	      "or --tkvv PATH) in a temporary folder, or uses synthetic hamlets when it\n"
	      "cannot; --quick and --synthetic always use synthetic hamlets.\n", f);
}

/* Parse the command line into OPT; returns 0, 1 for --help, -1 on error. */
static int parse(int argc, char **argv, struct bench_opts *opt)
{
	static const struct option longopts[] = {
		{"quick", no_argument, NULL, 'q'}, {"no-mip", no_argument, NULL, 'n'},
		{"db", required_argument, NULL, 'd'}, {"province-db", required_argument, NULL, 'p'},
		{"synthetic", no_argument, NULL, 's'}, {"tkvv", required_argument, NULL, 'T'},
		{"threads", required_argument, NULL, 't'}, {"seed", required_argument, NULL, 'S'},
		{"mip-time", required_argument, NULL, 'm'}, {"help", no_argument, NULL, 'h'},
		{"contiguity", no_argument, NULL, 'c'},
		{NULL, 0, NULL, 0}};
	int c;
	*opt = (struct bench_opts){.threads = 2, .seed = 1, .mip_seconds = 60, .tkvv = "./tkvv"};
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': opt->quick = 1; break;
		case 'n': opt->no_mip = 1; break;
		case 'd': opt->db = optarg; break;
		case 'p': opt->province_db = optarg; break;
		case 's': opt->synthetic = 1; break;
		case 'T': opt->tkvv = optarg; break;
		case 't': opt->threads = atoi(optarg); break;
		case 'S': opt->seed = strtoull(optarg, NULL, 10); break;
		case 'm': opt->mip_seconds = atof(optarg); break;
		case 'c': opt->contiguity = 1; break;
		case 'h': return 1;
		default: return -1;
		}
	}
	if (optind < argc || opt->threads < 1 || opt->threads > 16 || opt->mip_seconds <= 0)
		return -1;
	return 0;
}

/* Make a demo database of SCALE with the tkvv binary in DIR; NULL when the
 * binary is missing or cannot make one. */
static char *make_demo(const struct bench_opts *opt, const char *dir, const char *scale)
{
	char *path = xasprintf("%s/demo-%s.db", dir, scale);
	char *cmd = xasprintf("XDG_CONFIG_HOME='%s' '%s' --db '%s' demo --seed %llu --scale %s"
			      " >'%s/demo-%s.log' 2>&1", dir, opt->tkvv, path,
			      (unsigned long long)opt->seed, scale, dir, scale);
	double t0 = rgb_now();
	int rc = access(opt->tkvv, X_OK) == 0 ? system(cmd) : -1;
	free(cmd);
	if (rc != 0) {
		printf("note: `%s demo --scale %s` did not run (exit %d); using synthetic hamlets\n",
		       opt->tkvv, scale, rc > 0 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1);
		free(path);
		return NULL;
	}
	printf("made %s with `tkvv demo --scale %s` in %.1f s\n", path, scale, rgb_now() - t0);
	return path;
}

/* Load the district from FILE, or make it: synthetic with HAMLETS hamlets. */
static void get_district(const char *file, size_t hamlets, uint64_t seed, struct rgb_district *d)
{
	char msg[1024] = "no hamlet with members";
	if (file && rgb_load_db(file, d, msg, sizeof msg) == 0 && d->n > 0)
		return;
	if (file)
		printf("note: cannot read %s (%s); using synthetic hamlets\n", file, msg);
	rgb_district_free(d);
	rgb_synth_district(d, seed, hamlets);
}

/* Remove the temporary folder DIR (made by mkdtemp) and what the demo runs left in it. */
static void remove_dir(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("note: could not remove %s\n", dir);
	free(cmd);
}

/* Run every section on the district (and, in the full run, the province). */
int main(int argc, char **argv)
{
	struct bench_opts opt;
	struct rgb_district district = {0};
	char tmpl[] = "/tmp/bench_regroup.XXXXXX", *dir = NULL, *made = NULL;
	int rc = parse(argc, argv, &opt);
	if (rc != 0) {
		usage(rc > 0 ? stdout : stderr);
		return rc > 0 ? 0 : 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!opt.db && !opt.quick && !opt.synthetic && (dir = mkdtemp(tmpl)) != NULL) {
		made = make_demo(&opt, dir, "district");
		opt.db = made;
	}
	get_district(opt.db, opt.quick ? 8 : 130, opt.seed, &district);
	if (opt.contiguity) {
		bench_contig(&opt, &district);
		rgb_district_free(&district);
		rgb_town_district(&district, opt.seed, opt.quick ? 6 : 60);
		bench_contig(&opt, &district);
		rgb_district_free(&district);
		free(made);
		if (dir)
			remove_dir(dir);
		return 0;
	}
	bench_instances(&opt, &district);
	if (!opt.no_mip)
		bench_exact(&opt, &district);
	bench_kmeans(&opt, &district);
	bench_speed(&opt, &district, "district");
	bench_contig(&opt, &district);
	rgb_district_free(&district);
	rgb_town_district(&district, opt.seed, opt.quick ? 6 : 60);
	bench_contig(&opt, &district);
	rgb_district_free(&district);
	if (!opt.quick) {
		char *prov = opt.province_db ? NULL : dir && made ? make_demo(&opt, dir, "province") : NULL;
		get_district(opt.province_db ? opt.province_db : prov, 1170, opt.seed + 1, &district);
		bench_speed(&opt, &district, "province");
		rgb_district_free(&district);
		free(prov);
	}
	free(made);
	if (dir)
		remove_dir(dir);
	return 0;
}
