/* Group rosters, the hand-outs of a regrouping (form 10/TD style): each
 * active group's members in Vietnamese name order with their year of
 * birth, address, outstanding principal and the move the last applied
 * plan made, written as an A4 .xlsx workbook or as one CSV file. */
#ifndef TKVV_ROSTER_H
#define TKVV_ROSTER_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tkvv/util.h"

/* The language of the headings, labels and move notes. */
enum roster_lang { ROSTER_VI, ROSTER_EN };

/* The file formats, chosen by the file name's extension. */
enum roster_format { ROSTER_FORMAT_NONE, ROSTER_FORMAT_CSV, ROSTER_FORMAT_XLSX };

/* One line of a roster. Strings are never NULL, except the move's. */
struct roster_member {
	char *code;
	char *full_name;
	char *address;          /* "cluster, hamlet", or the hamlet alone */
	int birth_year;         /* from a 12-digit national ID; 0 when unknown */
	int64_t outstanding;    /* principal outstanding at the roster's date */
	char *moved_from;       /* the groups of the move into this group (name, */
	char *moved_to;         /* or code when unnamed); both NULL when none */
};

/* One group's roster and its heading. Strings are never NULL. */
struct roster_group {
	int64_t id;
	char *code;
	char *name;             /* as stored; may be empty */
	char *hamlet_code;
	char *hamlet_name;
	char *commune_name;
	int commune_is_town;    /* a thị trấn rather than a xã */
	char *org_name;         /* in the roster's language */
	char *leader;           /* full names (the code when not a member), or "" */
	char *deputy;
	struct roster_member *members;
	size_t n;
	int64_t outstanding;    /* the sum over the members */
};

struct roster {
	struct roster_group *groups;
	size_t n;
	size_t members;         /* over all groups */
	char as_of[11];         /* YYYY-MM-DD */
	enum roster_lang lang;
};

/* Which groups: every condition given must hold. */
struct roster_filter {
	const char *hamlet_code;  /* the groups of this hamlet; NULL: any */
	const char *group_code;   /* this group only; NULL: any */
	int64_t plan_id;          /* groups that gained or lost members in this plan; 0: any */
	const char *as_of;        /* YYYY-MM-DD of the balances; NULL: today */
	enum roster_lang lang;    /* of the organisation names, and kept for the writers */
};

/* Read the rosters of the active groups FILTER selects, ordered by hamlet
 * code then group code, into OUT (free with roster_free), in one read
 * transaction. An unknown hamlet, group or plan, or a group that is not
 * active, is an error. The move notes come from the plans tables when the
 * file has them. */
int roster_load(sqlite3 *db, const struct roster_filter *filter, struct roster *out,
		struct tkvv_err *err);
void roster_free(struct roster *r);

/* The year of birth a 12-digit CCCD national ID carries (its 4th digit
 * gives the century, the 5th and 6th the year), or 0 when ID is not 12
 * digits, names another century or a year after MAX_YEAR. */
int roster_birth_year(const char *national_id, int max_year);

/* The note of a member who moved into the group, e.g. "from group A to
 * group B", or "" (caller frees). */
char *roster_note(const struct roster_member *m, enum roster_lang lang);

/* The language for the config's language setting ("en" or else Vietnamese). */
enum roster_lang roster_lang_of(const char *language);

/* The format the extension of PATH asks for (.csv or .xlsx, any case). */
enum roster_format roster_format_of(const char *path);

/* Write R as CSV to F: the header
 * group_code,group_name,hamlet_code,no,member_code,full_name,birth_year,address,outstanding,note
 * and one row per member, groups one after another. NAME is the file's
 * name in messages. */
int roster_write_csv(const struct roster *r, FILE *f, const char *name, struct tkvv_err *err);

/* Write R as an .xlsx workbook at PATH, NAME in messages: one A4 sheet per group. */
int roster_write_xlsx(const struct roster *r, const char *path, const char *name,
		      struct tkvv_err *err);

/* Write R to PATH in the format of its extension (else TKVV_EUSAGE), through
 * a temporary file next to it renamed at the end, so that a failure leaves
 * no partial file. A roster without any group is an error. */
int roster_save(const struct roster *r, const char *path, struct tkvv_err *err);

#endif
