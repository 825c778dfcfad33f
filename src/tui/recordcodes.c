/* Code fields: the values of a pick list (a choice of a few words, or the
 * codes of another table) matched against what the officer types, case-
 * and accent-insensitive on the code and its label (codematch.h). A choice
 * is shown by its label in the user's language and stored as its word. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "tkvv/codematch.h"
#include "tkvv/i18n.h"
#include "tkvv/text.h"

/* What a code field's label is read from, for each table it refers to. */
static const struct ref_label {
	const char *table, *label, *folded;
} ref_labels[] = {
	{"communes", "name", "tkvv_fold(name)"},
	{"hamlets", "name", "tkvv_fold(name)"},
	{"groups", "nullif(name, '')", "tkvv_fold(name)"},
	{"members", "full_name", "name_folded"},
	{"orgs", "name", "tkvv_fold(name)"},
	{"programs", "name", "tkvv_fold(name)"},
	{"loans", "(SELECT full_name FROM members m WHERE m.id = member_id)",
	 "(SELECT name_folded FROM members m WHERE m.id = member_id)"},
};

/* The label expressions of TABLE (the last entry's for an unknown one). */
static const struct ref_label *ref_label_of(const char *table)
{
	for (size_t i = 0; i < ARRAY_LEN(ref_labels); i++)
		if (strcmp(ref_labels[i].table, table) == 0)
			return &ref_labels[i];
	return NULL;
}

const char *record_word_label(const char *word)
{
	return *word ? _(word) : word;
}

/* The N words of choice field F into WORDS (at most MAX). */
static size_t choice_words(const struct field_def *f, char words[][64], size_t max)
{
	size_t n = 0;
	for (const char *c = f->choices; *c && n < max;) {
		size_t cl = strcspn(c, " ");
		snprintf(words[n++], 64, "%.*s", (int)cl, c);
		c += cl + (c[cl] == ' ');
	}
	return n;
}

const char *record_word(const struct record *r, int i)
{
	const struct field_def *f = &r->def->fields[i];
	static char word[64];
	char words[RECORD_PICK_MAX][64];
	const char *v = r->value[i];
	if (f->kind != FK_CHOICE)
		return v;
	size_t n = choice_words(f, words, RECORD_PICK_MAX);
	char *fv = text_fold(v);
	for (size_t k = 0; k < n; k++) {
		char *fl = text_fold(record_word_label(words[k]));
		int same = strcmp(words[k], v) == 0 || strcmp(fl, fv) == 0;
		free(fl);
		if (same) {
			free(fv);
			memcpy(word, words[k], sizeof word);
			return word;
		}
	}
	free(fv);
	return v;
}

/* The choices of choice field F that match TYPED (all for nothing typed). */
static size_t pick_choices(const struct field_def *f, const char *typed, struct record_pick *out,
			   size_t max)
{
	char words[RECORD_PICK_MAX][64];
	struct code_choice c[RECORD_PICK_MAX];
	size_t hits[RECORD_PICK_MAX];
	size_t n = choice_words(f, words, RECORD_PICK_MAX), nhits;
	for (size_t k = 0; k < n; k++)
		c[k] = (struct code_choice){words[k], record_word_label(words[k])};
	if (!*typed) {
		for (size_t k = 0; k < n; k++)
			hits[k] = k;
		nhits = n;
	} else {
		nhits = codematch(typed, c, n, hits, RECORD_PICK_MAX);
	}
	for (size_t k = 0; k < nhits && k < max; k++) {
		snprintf(out[k].code, sizeof out[k].code, "%s", c[hits[k]].code);
		snprintf(out[k].label, sizeof out[k].label, "%s", c[hits[k]].label);
	}
	return nhits;
}

/* TYPED folded and escaped for LIKE with '\'. */
static char *like_pattern(const char *typed)
{
	char *f = text_fold(typed);
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "");
	for (const char *p = f; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			sb_addc(&sb, '\\');
		sb_addc(&sb, *p);
	}
	free(f);
	return sb_detach(&sb);
}

/* The rows of the table of code field F that could match TYPED: the code
 * or the label beginning with it, or a word of the label. */
static size_t pick_refs(sqlite3 *db, const struct field_def *f, const char *typed,
			struct record_pick *out, size_t max)
{
	enum { ROWS = 200 };
	const struct ref_label *rl = ref_label_of(f->ref);
	if (!rl)
		return 0;
	char *sql = xasprintf("SELECT code, %s FROM %s WHERE ?1 = '' OR code LIKE ?1 || '%%' ESCAPE '\\'"
			      " OR %s LIKE ?1 || '%%' ESCAPE '\\' OR %s LIKE '%% ' || ?1 || '%%' ESCAPE '\\'"
			      " ORDER BY code LIMIT %d", rl->label, rl->table, rl->folded, rl->folded,
			      ROWS);
	char *pattern = like_pattern(typed);
	struct record_pick *rows = xcalloc(ROWS, sizeof *rows);
	struct code_choice c[ROWS];
	size_t n = 0, hits[ROWS], nhits = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, pattern, -1, SQLITE_STATIC);
		while (n < ROWS && sqlite3_step(st) == SQLITE_ROW) {
			const unsigned char *label = sqlite3_column_text(st, 1);
			snprintf(rows[n].code, sizeof rows[n].code, "%s", sqlite3_column_text(st, 0));
			snprintf(rows[n].label, sizeof rows[n].label, "%s", label ? (const char *)label : "");
			c[n] = (struct code_choice){rows[n].code, label ? rows[n].label : NULL};
			n++;
		}
		sqlite3_finalize(st);
	}
	if (!*pattern) {
		for (size_t k = 0; k < n; k++)
			hits[k] = k;
		nhits = n;
	} else {
		nhits = codematch(typed, c, n, hits, ROWS);
	}
	for (size_t k = 0; k < nhits && k < max; k++)
		out[k] = rows[hits[k]];
	free(rows);
	free(pattern);
	free(sql);
	return nhits;
}

size_t record_pick(const struct record *r, sqlite3 *db, int i, struct record_pick *out, size_t max)
{
	const struct field_def *f = &r->def->fields[i];
	if (f->kind == FK_CHOICE)
		return pick_choices(f, r->value[i], out, max);
	if (f->kind == FK_REF)
		return pick_refs(db, f, r->value[i], out, max);
	return 0;
}

/* Whether TABLE has a row with code V exactly. */
static int code_exists(sqlite3 *db, const char *table, const char *v)
{
	char sql[96];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE code = ?1", table);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

int record_resolve_code(struct record *r, sqlite3 *db, int i)
{
	const struct field_def *f = &r->def->fields[i];
	struct record_pick pick[RECORD_PICK_MAX];
	if (f->kind == FK_REF && code_exists(db, f->ref, r->value[i]))
		return 0;
	size_t n = record_pick(r, db, i, pick, RECORD_PICK_MAX);
	if (n == 1) {
		record_set(r, i, f->kind == FK_CHOICE ? pick[0].label : pick[0].code);
		return 0;
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "");
	if (n == 0 && f->kind == FK_CHOICE) {
		n = pick_choices(f, "", pick, RECORD_PICK_MAX);
		for (size_t k = 0; k < n; k++)
			sb_addf(&sb, "%s%s", k ? ", " : "", pick[k].label);
		snprintf(r->error[i], sizeof r->error[i], _("one of: %s"), sb.buf);
	} else if (n == 0) {
		snprintf(r->error[i], sizeof r->error[i], _("no such code: %s"), r->value[i]);
	} else {
		for (size_t k = 0; k < n && k < RECORD_PICK_MAX; k++)
			sb_addf(&sb, "%s%s", k ? ", " : "", f->kind == FK_CHOICE ? pick[k].label : pick[k].code);
		if (n > RECORD_PICK_MAX)
			sb_adds(&sb, ", …");
		snprintf(r->error[i], sizeof r->error[i], _("%s could be: %s"), r->value[i], sb.buf);
	}
	sb_free(&sb);
	return -1;
}

void record_code_label(const struct record *r, sqlite3 *db, int i, char *out, size_t n)
{
	const struct field_def *f = &r->def->fields[i];
	const struct ref_label *rl = f->kind == FK_REF ? ref_label_of(f->ref) : NULL;
	out[0] = '\0';
	if (!rl || !*r->value[i])
		return;
	char *sql = xasprintf("SELECT %s FROM %s WHERE code = ?1", rl->label, rl->table);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, r->value[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(out, n, "%s", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	free(sql);
}
