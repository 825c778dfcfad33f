/* What each command does, for `tkvv CMD --help`, and the checks every
 * command shares on its file arguments. To add a command: add its sentence
 * to the table below (and to po/vi.po). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "tkvv/i18n.h"

static const struct {
	const char *name, *help;
} helps[] = {
	{"demo", N_("Fills an empty database with a generated demo district (or province), in one transaction.")},
	{"import", N_("Imports a CSV file of KIND: every row or none. FILE - reads standard input.")},
	{"export", N_("Writes every row of KIND to FILE, or to standard output without FILE or with -. "
		      "An existing FILE is replaced only with --force.")},
	{"search", N_("Finds members by name, code, national ID or phone, without accents.")},
	{"check", N_("Checks the file and the domain rules; exit 1 when there is a problem.")},
	{"backup", N_("Writes a consistent copy of the database to FILE, which must not exist.")},
	{"summary", N_("Prints the counts of the district's records.")},
	{"ui", N_("Opens the terminal interface.")},
	{"report", N_("Credit-quality figures as of a date, or compared between two dates. --out - is "
		      "standard output; an existing file is replaced only with --force.")},
	{"regroup", N_("Proposes a regrouping plan and prints it; nothing is saved unless --save "
		       "(a draft, its id printed) or --apply (saved and applied).")},
	{"plan", N_("Saved regrouping plans: list, show, apply, discard (its rows deleted and the "
		    "space freed) or undo.")},
	{"roster", N_("Writes the group rosters (form 10/TD) to FILE.xlsx or FILE.csv, or to standard "
		      "output with - (csv, or --format xlsx when it is not a terminal). An existing FILE is "
		      "replaced only with --force.")},
	{"sync", N_("Offline sync between the office and the laptops: sync key FILE makes the "
		    "district key (mode 0600) that encrypts and authenticates the exchange files; sync init "
		    "makes this database a site whose changes are recorded; sync status shows them.")},
	{"map", N_("Draws the hamlet's households coloured by group, with --plan before and after the "
		   "plan, as SVG, PDF or PNG for the meeting. An existing FILE is replaced only with --force.")},
};

const char *cli_command_help(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(helps); i++)
		if (strcmp(helps[i].name, name) == 0)
			return _(helps[i].help);
	return "";
}

int cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

int cli_refuse_overwrite(const char *path, int force)
{
	struct stat sb;
	if (force || lstat(path, &sb) != 0)
		return 0;
	fprintf(stderr, "tkvv: ");
	fprintf(stderr, _("%s: already exists; not overwritten (--force replaces it)"), path);
	fputc('\n', stderr);
	return 1;
}

void cli_clear_notice(const char *file)
{
	fprintf(stderr, "tkvv: ");
	fprintf(stderr, _("notice: %s holds national IDs and phone numbers in clear (not encrypted); "
			  "keep it safe and delete it when done"), file);
	fputc('\n', stderr);
}

int cli_stdout_binary(const char *cmd)
{
	if (isatty(STDOUT_FILENO))
		return cli_usage(cmd, "%s", _("xlsx is not written to a terminal; redirect the output or give a FILE"));
	return 0;
}

int cli_temp_file(char **path, struct tkvv_err *err)
{
	const char *dir = getenv("TMPDIR");
	*path = xasprintf("%s/tkvv-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(*path);
	if (fd < 0) {
		err_set(err, TKVV_EFAIL, "%s: %s", *path, strerror(errno));
		free(*path);
		*path = NULL;
		return -1;
	}
	close(fd);
	return 0;
}

int cli_copy_to_stdout(const char *path, struct tkvv_err *err)
{
	char buf[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			break;
	int bad = ferror(f) || ferror(stdout) || fflush(stdout) != 0;
	fclose(f);
	if (bad)
		return err_set(err, TKVV_EFAIL, "%s: %s", _("standard output"), strerror(errno));
	return 0;
}
