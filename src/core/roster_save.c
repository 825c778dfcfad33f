/* Writing rosters to a file: the CSV text, and the save through a
 * temporary file that is renamed only once it is complete. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tkvv/csv.h"
#include "tkvv/i18n.h"
#include "tkvv/roster.h"

enum roster_format roster_format_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/') || dot == path || dot[-1] == '/')
		return ROSTER_FORMAT_NONE;
	if (strcasecmp(dot, ".csv") == 0)
		return ROSTER_FORMAT_CSV;
	if (strcasecmp(dot, ".xlsx") == 0)
		return ROSTER_FORMAT_XLSX;
	return ROSTER_FORMAT_NONE;
}

/* Write the CSV row of member M, number NO of group G. */
static void csv_member(struct csv_writer *w, const struct roster_group *g, size_t no,
		       const struct roster_member *m, enum roster_lang lang)
{
	char number[24], year[8] = "", outstanding[24];
	char *note = roster_note(m, lang);
	snprintf(number, sizeof number, "%zu", no);
	if (m->birth_year)
		snprintf(year, sizeof year, "%d", m->birth_year);
	snprintf(outstanding, sizeof outstanding, "%lld", (long long)m->outstanding);
	const char *fields[] = {g->code, g->name, g->hamlet_code, number, m->code, m->full_name,
				year, m->address, outstanding, note};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		csv_put(w, fields[i]);
	csv_end_row(w);
	free(note);
}

int roster_write_csv(const struct roster *r, FILE *f, const char *name, struct tkvv_err *err)
{
	struct csv_writer w;
	csv_writer_init(&w, f, ',');
	fputs("group_code,group_name,hamlet_code,no,member_code,full_name,birth_year,address,"
	      "outstanding,note\n", f);
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < r->groups[i].n; j++)
			csv_member(&w, &r->groups[i], j + 1, &r->groups[i].members[j], r->lang);
	if (fflush(f) != 0 || ferror(f))
		return err_set(err, TKVV_EFAIL, "%s: %s", name, strerror(errno));
	return 0;
}

/* Make a temporary file next to PATH, with the mode a new file gets; its
 * descriptor, and its name in *TMP (caller frees), or -1. */
static int temp_next_to(const char *path, char **tmp, struct tkvv_err *err)
{
	*tmp = xasprintf("%s.tmp-XXXXXX", path);
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	/* mkstemp makes it 0600; a roster is an ordinary document. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return fd;
}

/* Write R as CSV on the open descriptor FD and make it durable. */
static int save_csv(const struct roster *r, int fd, const char *path, struct tkvv_err *err)
{
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		return err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
	}
	int rc = roster_write_csv(r, f, path, err);
	if (rc == 0 && fsync(fileno(f)) != 0)
		rc = err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
	if (fclose(f) != 0 && rc == 0)
		rc = err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
	return rc;
}

/* Write R as .xlsx over the temporary file TMP (descriptor FD) and make it durable. */
static int save_xlsx(const struct roster *r, int fd, const char *tmp, const char *path,
		     struct tkvv_err *err)
{
	close(fd);
	if (roster_write_xlsx(r, tmp, path, err) < 0)
		return -1;
	fd = open(tmp, O_RDONLY);
	if (fd < 0 || fsync(fd) != 0) {
		err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int roster_save(const struct roster *r, const char *path, struct tkvv_err *err)
{
	enum roster_format format = roster_format_of(path);
	if (format == ROSTER_FORMAT_NONE)
		return err_set(err, TKVV_EUSAGE, _("%s: the file name must end in .xlsx or .csv"), path);
	if (r->n == 0)
		return err_set(err, TKVV_EFAIL, _("%s: no active group to write; nothing written"), path);
	char *tmp;
	int fd = temp_next_to(path, &tmp, err);
	if (fd < 0)
		return -1;
	int rc = format == ROSTER_FORMAT_CSV ? save_csv(r, fd, path, err)
					     : save_xlsx(r, fd, tmp, path, err);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
