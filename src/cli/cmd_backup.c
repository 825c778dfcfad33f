/* tkvv backup FILE: a consistent copy of a live database, never over an existing file. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "tkvv/i18n.h"

/* Copy the open database DB into the new file TMP with the online backup API. */
static int backup_copy(sqlite3 *db, const char *tmp, struct tkvv_err *err)
{
	sqlite3 *out = NULL;
	if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(err, TKVV_EFAIL, "%s: %s", tmp, out ? sqlite3_errmsg(out) : "out of memory");
		sqlite3_close(out);
		return -1;
	}
	sqlite3_backup *b = sqlite3_backup_init(out, "main", db, "main");
	int rc = SQLITE_ERROR;
	if (b) {
		/* All pages in one step: the source is read in one transaction, so
		 * the copy is a snapshot even while others write. */
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
	}
	if (rc == SQLITE_DONE && sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
			err_set(err, TKVV_EBUSY, _("%s: the database is busy; try again"), db_path(db));
		else
			err_set(err, TKVV_EFAIL, "%s: %s", tmp, sqlite3_errmsg(out));
	}
	if (sqlite3_close(out) != SQLITE_OK && rc == SQLITE_DONE)
		rc = SQLITE_ERROR;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Make the temporary file next to FILE (mkstemp makes it 0600); returns its path or NULL. */
static char *backup_tmpfile(const char *file, struct tkvv_err *err)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", file);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		err_set(err, TKVV_EFAIL, "%s: %s", file, strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

/* Give the finished copy TMP the name FILE unless FILE exists. link() fails
 * with EEXIST where rename() would replace, so a file that appeared meanwhile
 * is never overwritten; where links are not supported (a FAT USB stick),
 * rename after a last look. */
static int backup_place(const char *tmp, const char *file, struct tkvv_err *err)
{
	struct stat sb;
	if (link(tmp, file) == 0)
		return 0;
	int e = errno;
	if (e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == ENOSYS) {
		if (lstat(file, &sb) == 0)
			e = EEXIST;
		else if (rename(tmp, file) == 0)
			return 0;
		else
			e = errno;
	}
	if (e == EEXIST)
		return err_set(err, TKVV_EFAIL, _("%s: already exists; not overwritten"), file);
	return err_set(err, TKVV_EFAIL, "%s: %s", file, strerror(e));
}

/* Make the new name of FILE durable: fsync the folder that holds it. */
static void backup_sync_dir(const char *file)
{
	char *dir = xstrdup(file);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';    /* a file at the root: the folder is "/" */
	else if (slash)
		*slash = '\0';
	int fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Write the copy to a temporary file, then link it to FILE, which must not exist. */
static int backup_to(sqlite3 *db, const char *file, struct tkvv_err *err)
{
	char *tmp = backup_tmpfile(file, err);
	if (!tmp)
		return -1;
	int rc = backup_copy(db, tmp, err);
	if (rc == 0)
		rc = backup_place(tmp, file, err);
	unlink(tmp);
	if (rc == 0)
		backup_sync_dir(file);
	free(tmp);
	return rc;
}

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage("backup", "%s", _("give one FILE to write the copy to"));
	const char *file = argv[1];
	int rc = cli_file_arg("backup", file, 0);
	if (rc)
		return rc;
	struct stat sb;
	struct tkvv_err err;
	err_clear(&err);
	if (lstat(file, &sb) == 0) {
		err_set(&err, TKVV_EFAIL, _("%s: already exists; not overwritten"), file);
		return cli_report(&err);
	}
	rc = cli_open_db(cli, DB_READONLY);
	if (rc)
		return rc;
	if (backup_to(cli->db, file, &err) < 0)
		return cli_report(&err);
	printf(_("%s: copy of %s written\n"), file, cli->db_path);
	cli_clear_notice(file);
	return 0;
}
