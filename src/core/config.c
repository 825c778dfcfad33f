/* tkvv.ini. To add a key: add a field to struct config (config.h) and a
 * row to config_keys[] below; loading, checking and the default file follow. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tkvv/config.h"
#include "tkvv/i18n.h"
#include "tkvv/parse.h"
#include "tkvv/textsafe.h"

enum config_type { CT_STRING, CT_INT, CT_MONEY, CT_PERCENT, CT_BOOL, CT_CHOICE };

static const struct config_key {
	const char *section;
	const char *key;
	enum config_type type;
	const char *def;
	double min, max;
	const char *choices;  /* CT_CHOICE: space-separated */
	size_t offset;
	const char *help;
} config_keys[] = {
	{"general", "database", CT_STRING, "", 0, 0, NULL, offsetof(struct config, db_path),
	 "Database file; empty means $XDG_DATA_HOME/tkvv/tkvv.db."},
	{"general", "language", CT_CHOICE, "vi", 0, 0, "vi en", offsetof(struct config, language),
	 "Interface language: vi (Vietnamese) or en (English)."},
	{"groups", "min_members", CT_INT, "5", 1, 1000, NULL, offsetof(struct config, group_min),
	 "Fewest members a group may have (the bank's rule: 5)."},
	{"groups", "max_members", CT_INT, "60", 1, 1000, NULL, offsetof(struct config, group_max),
	 "Most members a group may have (the bank's rule: 60)."},
	{"groups", "low_balance", CT_MONEY, "300000000", 0, 1e15, NULL, offsetof(struct config, low_balance),
	 "Outstanding balance (VND) below which a group is a merge candidate."},
	{"groups", "share_small_hamlets", CT_BOOL, "no", 0, 1, NULL, offsetof(struct config, share_small_hamlets),
	 "Allow a small hamlet to share a group with an adjacent one of the same commune (yes/no)."},
	{"quality", "overdue_threshold", CT_PERCENT, "2.0", 0, 100, NULL, offsetof(struct config, overdue_threshold),
	 "Overdue ratio (percent) above which a group is flagged."},
	{"quality", "collection_threshold", CT_PERCENT, "95.0", 0, 100, NULL, offsetof(struct config, collection_threshold),
	 "Interest collection rate (percent) below which a group is flagged."},
	{"quality", "review_months", CT_INT, "3", 1, 24, NULL, offsetof(struct config, review_months),
	 "Months running a group must be graded Trung binh or Yeu for its leader to be reviewed."},
	{"score", "transactions_points", CT_INT, "20", 0, 100, NULL, offsetof(struct config, score_transactions.points),
	 "Points for the share of borrowers with a transaction in the month (the bank's: 20)."},
	{"score", "transactions_partial_points", CT_INT, "10", 0, 100, NULL, offsetof(struct config, score_transactions.partial_points),
	 "Points for the share of borrowers with a transaction in the month when only the partial level is reached."},
	{"score", "transactions_full", CT_PERCENT, "90.0", 0, 100, NULL, offsetof(struct config, score_transactions.full),
	 "Percent from which the share of borrowers with a transaction in the month earns full points."},
	{"score", "transactions_partial", CT_PERCENT, "70.0", 0, 100, NULL, offsetof(struct config, score_transactions.partial),
	 "Percent from which the share of borrowers with a transaction in the month earns partial points."},
	{"score", "principal_points", CT_INT, "15", 0, 100, NULL, offsetof(struct config, score_principal.points),
	 "Points for the share of principal due in the month collected (the bank's: 15)."},
	{"score", "principal_partial_points", CT_INT, "7", 0, 100, NULL, offsetof(struct config, score_principal.partial_points),
	 "Points for the share of principal due in the month collected when only the partial level is reached."},
	{"score", "principal_full", CT_PERCENT, "90.0", 0, 100, NULL, offsetof(struct config, score_principal.full),
	 "Percent from which the share of principal due in the month collected earns full points."},
	{"score", "principal_partial", CT_PERCENT, "50.0", 0, 100, NULL, offsetof(struct config, score_principal.partial),
	 "Percent from which the share of principal due in the month collected earns partial points."},
	{"score", "interest_points", CT_INT, "20", 0, 100, NULL, offsetof(struct config, score_interest.points),
	 "Points for the interest collection rate of the month (the bank's: 20)."},
	{"score", "interest_partial_points", CT_INT, "10", 0, 100, NULL, offsetof(struct config, score_interest.partial_points),
	 "Points for the interest collection rate of the month when only the partial level is reached."},
	{"score", "interest_full", CT_PERCENT, "95.0", 0, 100, NULL, offsetof(struct config, score_interest.full),
	 "Percent from which the interest collection rate of the month earns full points."},
	{"score", "interest_partial", CT_PERCENT, "90.0", 0, 100, NULL, offsetof(struct config, score_interest.partial),
	 "Percent from which the interest collection rate of the month earns partial points."},
	{"score", "savers_points", CT_INT, "5", 0, 100, NULL, offsetof(struct config, score_savers.points),
	 "Points for the share of members who save (the bank's: 5)."},
	{"score", "savers_partial_points", CT_INT, "2", 0, 100, NULL, offsetof(struct config, score_savers.partial_points),
	 "Points for the share of members who save when only the partial level is reached."},
	{"score", "savers_full", CT_PERCENT, "90.0", 0, 100, NULL, offsetof(struct config, score_savers.full),
	 "Percent from which the share of members who save earns full points."},
	{"score", "savers_partial", CT_PERCENT, "70.0", 0, 100, NULL, offsetof(struct config, score_savers.partial),
	 "Percent from which the share of members who save earns partial points."},
	{"score", "growth_points", CT_INT, "10", 0, 100, NULL, offsetof(struct config, score_growth.points),
	 "Points for the savings growth over the month (the bank's: 10)."},
	{"score", "growth_partial_points", CT_INT, "5", 0, 100, NULL, offsetof(struct config, score_growth.partial_points),
	 "Points for the savings growth over the month when only the partial level is reached."},
	{"score", "growth_full", CT_PERCENT, "0.0", -100, 100, NULL, offsetof(struct config, score_growth.full),
	 "Percent from which the savings growth over the month earns full points."},
	{"score", "growth_partial", CT_PERCENT, "-5.0", -100, 100, NULL, offsetof(struct config, score_growth.partial),
	 "Percent from which the savings growth over the month earns partial points."},
	{"score", "overdue_points", CT_INT, "30", 0, 100, NULL, offsetof(struct config, score_overdue.points),
	 "Points for overdue ratio (the bank's: 30)."},
	{"score", "overdue_partial_points", CT_INT, "15", 0, 100, NULL, offsetof(struct config, score_overdue.partial_points),
	 "Points for overdue ratio when only the partial level is reached."},
	{"score", "overdue_full", CT_PERCENT, "1.0", 0, 100, NULL, offsetof(struct config, score_overdue.full),
	 "Percent up to which the overdue ratio earns full points."},
	{"score", "overdue_partial", CT_PERCENT, "2.0", 0, 100, NULL, offsetof(struct config, score_overdue.partial),
	 "Percent up to which the overdue ratio earns partial points."},
	{"score", "grade_tot", CT_INT, "90", 0, 100, NULL, offsetof(struct config, grade_tot),
	 "Lowest score graded Tot (Good)."},
	{"score", "grade_kha", CT_INT, "70", 0, 100, NULL, offsetof(struct config, grade_kha),
	 "Lowest score graded Kha (Fair)."},
	{"score", "grade_trung_binh", CT_INT, "50", 0, 100, NULL, offsetof(struct config, grade_trung_binh),
	 "Lowest score graded Trung binh (Average); below it, Yeu (Weak)."},
	{"regroup", "merge_walk_limit", CT_INT, "1000", 0, 1000000, NULL, offsetof(struct config, merge_walk_limit),
	 "Metres a merge may add to the walk (spanning tree) of the group a small or low-balance group joins."},
	{"regroup", "org_tolerance", CT_PERCENT, "100", 0, 100, NULL, offsetof(struct config, org_tolerance),
	 "Percentage points each organisation's share of a commune's members may move in a plan (100: no limit)."},
};

/* Find the line of KEY in SECTION of PATH (0 when not found), for errors. */
static int config_line_of(const char *path, const char *section, const char *key)
{
	FILE *f = fopen(path, "r");
	char line[1024], cur[128] = "";
	int n = 0, found = 0;
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof line, f)) {
		char *s = line;
		n++;
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '[') {
			size_t i = 0;
			for (s++; *s && *s != ']' && i + 1 < sizeof cur; s++)
				cur[i++] = (char)tolower((unsigned char)*s);
			cur[i] = '\0';
			if (!key && strcmp(cur, section) == 0)
				found = n;
			continue;
		}
		if (!key || strcmp(cur, section) != 0)
			continue;
		size_t kl = strlen(key);
		if (strncasecmp(s, key, kl) == 0 && (isspace((unsigned char)s[kl]) || s[kl] == '=' || s[kl] == ':'))
			found = n;
	}
	fclose(f);
	return found;
}

/* Parse VALUE for K into CFG; returns -1 with ERR when it is not valid. */
static int config_set(struct config *cfg, const struct config_key *k, const char *value,
		      const char *where, struct tkvv_err *err)
{
	char *slot = (char *)cfg + k->offset;
	char *end;
	double d;
	long long ll;

	switch (k->type) {
	case CT_STRING:
	case CT_CHOICE:
		if (k->type == CT_CHOICE) {
			const char *c = k->choices;
			size_t vl = strlen(value);
			int ok = 0;
			while (*c && !ok) {
				size_t cl = strcspn(c, " ");
				ok = cl == vl && strncmp(c, value, vl) == 0;
				c += cl + (c[cl] == ' ');
			}
			if (!ok)
				return err_set(err, TKVV_EFAIL, _("%s: %s.%s: '%s' is not one of: %s"),
					       where, k->section, k->key, TEXT_Q(value), k->choices);
		}
		free(*(char **)slot);
		*(char **)slot = xstrdup(value);
		return 0;
	case CT_BOOL:
		if (!strcasecmp(value, "yes") || !strcasecmp(value, "true") || !strcmp(value, "1"))
			*(int *)slot = 1;
		else if (!strcasecmp(value, "no") || !strcasecmp(value, "false") || !strcmp(value, "0"))
			*(int *)slot = 0;
		else
			return err_set(err, TKVV_EFAIL, _("%s: %s.%s: '%s' is not yes or no"),
				       where, k->section, k->key, TEXT_Q(value));
		return 0;
	case CT_INT:
	case CT_MONEY:
		errno = 0;
		ll = strtoll(value, &end, 10);
		if (errno || end == value || *end || ll < (long long)k->min || ll > (long long)k->max)
			return err_set(err, TKVV_EFAIL, _("%s: %s.%s: '%s' is not a whole number from %.0f to %.0f"),
				       where, k->section, k->key, TEXT_Q(value), k->min, k->max);
		if (k->type == CT_INT)
			*(int *)slot = (int)ll;
		else
			*(int64_t *)slot = ll;
		return 0;
	case CT_PERCENT:
		if (parse_number(value, &d) || d < k->min || d > k->max)
			return err_set(err, TKVV_EFAIL, _("%s: %s.%s: '%s' is not a percentage from %g to %g"),
				       where, k->section, k->key, TEXT_Q(value), k->min, k->max);
		*(double *)slot = d;
		return 0;
	}
	return 0;
}

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < ARRAY_LEN(config_keys); i++)
		config_set(cfg, &config_keys[i], config_keys[i].def, "default", NULL);
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < ARRAY_LEN(config_keys); i++)
		if (config_keys[i].type == CT_STRING || config_keys[i].type == CT_CHOICE) {
			char **slot = (char **)((char *)cfg + config_keys[i].offset);
			free(*slot);
			*slot = NULL;
		}
}

/* Write the commented default file to PATH. */
static int config_write_default(const char *path, struct tkvv_err *err)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return err_set(err, TKVV_EFAIL, _("%s: cannot write the config file: %s"), path, strerror(errno));
	fprintf(f, "; tkvv configuration. Lines starting with ; are comments.\n");
	const char *section = NULL;
	for (size_t i = 0; i < ARRAY_LEN(config_keys); i++) {
		const struct config_key *k = &config_keys[i];
		if (!section || strcmp(section, k->section) != 0) {
			section = k->section;
			fprintf(f, "\n[%s]\n", section);
		}
		fprintf(f, "; %s\n%s = %s\n", k->help, k->key, k->def);
	}
	if (fclose(f) != 0)
		return err_set(err, TKVV_EFAIL, _("%s: cannot write the config file: %s"), path, strerror(errno));
	return 0;
}

/* Quiet iniparser's own messages: tkvv reports errors itself. */
static int config_silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* Check that every section and key of INI is known. */
static int config_check_names(dictionary *ini, const char *path, struct tkvv_err *err)
{
	int nsec = iniparser_getnsec(ini);
	for (int s = 0; s < nsec; s++) {
		const char *sec = iniparser_getsecname(ini, s);
		int known = 0;
		if (strcmp(sec, "keys") == 0)
			continue;  /* the terminal interface checks its key bindings */
		for (size_t i = 0; i < ARRAY_LEN(config_keys); i++)
			known |= strcmp(config_keys[i].section, sec) == 0;
		if (!known)
			return err_set(err, TKVV_EFAIL, _("%s:%d: unknown section [%s]"), path,
				       config_line_of(path, sec, NULL), sec);
		int nkeys = iniparser_getsecnkeys(ini, sec);
		const char **keys = xcalloc((size_t)nkeys + 1, sizeof *keys);
		iniparser_getseckeys(ini, sec, keys);
		for (int j = 0; j < nkeys; j++) {
			const char *name = strchr(keys[j], ':') + 1;
			int ok = 0;
			for (size_t i = 0; i < ARRAY_LEN(config_keys); i++)
				ok |= !strcmp(config_keys[i].section, sec) && !strcmp(config_keys[i].key, name);
			if (!ok) {
				err_set(err, TKVV_EFAIL, _("%s:%d: unknown key '%s' in [%s]"), path,
					config_line_of(path, sec, name), TEXT_Q(name), TEXT_Q(sec));
				free(keys);
				return -1;
			}
		}
		free(keys);
	}
	return 0;
}

int config_load(const char *path, int create, struct config *cfg, struct tkvv_err *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (!create)
			return err_set(err, TKVV_EFAIL, _("%s: cannot read the config file: %s"), path, strerror(errno));
		return config_write_default(path, err);
	}
	if (S_ISDIR(sb.st_mode))
		return err_set(err, TKVV_EFAIL, _("%s: is a directory, not a config file"), path);
	iniparser_set_error_callback(config_silent);
	dictionary *ini = iniparser_load(path);
	if (!ini)
		return err_set(err, TKVV_EFAIL, _("%s: cannot be read as an ini file (each line is [section], key = value or ; comment)"), path);
	int rc = config_check_names(ini, path, err);
	for (size_t i = 0; rc == 0 && i < ARRAY_LEN(config_keys); i++) {
		const struct config_key *k = &config_keys[i];
		char full[128], where[512];
		snprintf(full, sizeof full, "%s:%s", k->section, k->key);
		const char *v = iniparser_getstring(ini, full, NULL);
		if (!v)
			continue;
		snprintf(where, sizeof where, "%s:%d", path, config_line_of(path, k->section, k->key));
		rc = config_set(cfg, k, v, where, err);
	}
	if (rc == 0 && cfg->group_min > cfg->group_max)
		rc = err_set(err, TKVV_EFAIL, _("%s:%d: groups.min_members (%d) is above groups.max_members (%d)"),
			     path, config_line_of(path, "groups", "min_members"), cfg->group_min, cfg->group_max);
	iniparser_freedict(ini);
	return rc;
}

/* Join an XDG base (or HOME/FALLBACK) with REST. */
static char *xdg_path(const char *var, const char *fallback, const char *rest)
{
	const char *base = getenv(var);
	if (base && *base == '/')
		return xasprintf("%s/%s", base, rest);
	const char *home = getenv("HOME");
	return xasprintf("%s/%s/%s", home && *home ? home : ".", fallback, rest);
}

char *config_default_path(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "tkvv/tkvv.ini");
}

char *config_default_db_path(void)
{
	return xdg_path("XDG_DATA_HOME", ".local/share", "tkvv/tkvv.db");
}
