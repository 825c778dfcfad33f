/* The action table: one row per action drives the key lookup, the key bar,
 * the help screen and the [keys] section of tkvv.ini (calcurse's keydef[]). */
#include "config.h"

#include <ctype.h>
#include <iniparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"
#include "ui.h"

#define MAXKEYS 4

struct key {
	int is_keycode;
	wint_t code;
};

static struct action_def {
	const char *name;     /* the key in [keys] */
	const char *keys;     /* default keys, space-separated */
	const char *label;    /* N_() short label on the key bar, NULL when not shown */
	const char *help;     /* N_() one line on the help screen */
	struct key bound[MAXKEYS];
	int nbound;
	char current[48];     /* the keys in use, as written */
} actions[A_COUNT] = {
	[A_UP] = {"up", "Up k", NULL, N_("Move up one row or field")},
	[A_DOWN] = {"down", "Down j", NULL, N_("Move down one row or field")},
	[A_PGUP] = {"page_up", "PgUp", NULL, N_("Move up one page")},
	[A_PGDN] = {"page_down", "PgDn", NULL, N_("Move down one page")},
	[A_HOME] = {"first", "Home", NULL, N_("Go to the first row")},
	[A_END] = {"last", "End", NULL, N_("Go to the last row")},
	[A_ENTER] = {"open", "Enter", NULL, N_("Open the selected row: its groups, members, loans or payments (a payment: edit it)")},
	[A_BACK] = {"back", "Esc", NULL, N_("Go back to the previous screen; in a form, leave it")},
	[A_NEXTFIELD] = {"next_field", "Tab", NULL, N_("Next field of a form")},
	[A_PREVFIELD] = {"previous_field", "BTab", NULL, N_("Previous field of a form")},
	[A_HELP] = {"help", "F1 ?", N_("Help"), N_("Show this help")},
	[A_SAVE] = {"save", "F2 C-s", N_("Save"), N_("Save the form (one transaction)")},
	[A_SEARCH] = {"search", "F3 /", N_("Find"), N_("Search as you type, without accents: name, code, ID or phone")},
	[A_NEXT] = {"next_match", "n", NULL, N_("Go to the next search match")},
	[A_PREV] = {"previous_match", "N", NULL, N_("Go to the previous search match")},
	[A_EDIT] = {"edit", "F4 e", N_("Edit"), N_("Edit the selected record (a member's phone, a loan, ...)")},
	[A_FILTER] = {"filter", "F5 f", N_("Filter"), N_("Filter by commune, hamlet, organisation, programme or status")},
	[A_SORT] = {"sort", "F6 s", N_("Sort"), N_("Sort by the next column shown (figures: largest first)")},
	[A_INVERT] = {"reverse", "I r", NULL, N_("Reverse the sort order")},
	[A_ADD] = {"add", "F7 a", N_("Add"), N_("Add a record here (commune, hamlet, group, member, loan, payment)")},
	[A_DELETE] = {"delete", "F8 Del", N_("Delete"), N_("Delete the selected record (asks first)")},
	[A_PAY] = {"payment", "F9 p", N_("Pay"), N_("Record a payment of the selected loan (interest, principal, savings)")},
	[A_QUIT] = {"quit", "F10 q", N_("Quit"), N_("Quit tkvv")},
	[A_SCREEN1] = {"communes", "1", NULL, N_("Screen 1: communes and hamlets")},
	[A_SCREEN2] = {"groups", "2", NULL, N_("Screen 2: groups")},
	[A_SCREEN3] = {"members", "3", NULL, N_("Screen 3: members")},
	[A_SCREEN4] = {"loans", "4", NULL, N_("Screen 4: loans")},
	[A_SCREEN5] = {"payments", "5", NULL, N_("Screen 5: payments")},
	[A_REGROUP] = {"regroup", "R", N_("Regroup"), N_("Open the regrouping assistant on the hamlet (or each hamlet of the commune)")},
	[A_NEXTHAMLET] = {"next_hamlet", "] >", NULL, N_("Assistant: the next hamlet of the commune")},
	[A_PREVHAMLET] = {"previous_hamlet", "[ <", NULL, N_("Assistant: the previous hamlet of the commune")},
	[A_BEFOREAFTER] = {"before_after", "v", N_("Map"), N_("Assistant: show the map before or after (narrow windows)")},
	[A_REJECT] = {"reject_move", "x", N_("Reject"), N_("Assistant: reject the selected move, or release the selected pin")},
	[A_PIN] = {"pin", "g", N_("Pin"), N_("Assistant: pin a member to a group (picked from a list)")},
	[A_NOMERGE] = {"refuse_merge", "m", N_("Merge"), N_("Assistant: refuse the selected merge, or allow it again")},
	[A_APPLY] = {"apply", "A", N_("Apply"), N_("Assistant: apply the plan after confirmation, with the meeting's note")},
	[A_ROSTERS] = {"rosters", "w", N_("Print"), N_("Write the rosters of the groups (.xlsx for A4, or .csv); in the assistant also the hamlet's map (.pdf, .svg, .png)")},
	[A_UNDO] = {"undo", "u", N_("Undo"), N_("Plans: undo the selected applied plan (asks first)")},
	[A_SCREEN6] = {"assistant", "6", NULL, N_("Screen 6: the regrouping assistant")},
	[A_SCREEN7] = {"plans", "7", NULL, N_("Screen 7: regrouping plans")},
	[A_SCREEN8] = {"reports", "8", NULL, N_("Screen 8: credit quality reports (Tab: communes, flags, trends)")},
	[A_ASOF] = {"as_of", "d", N_("Date"), N_("Reports: show them as of another date")},
	[A_EXPORT] = {"export", "x", N_("Export"), N_("Reports: write the report shown to an .xlsx workbook")},
	[A_SHEET] = {"sheet", "c", N_("Sheet"), N_("Groups: the collection sheet of the selected group for the month of the last transaction day")},
	[A_REVIEW] = {"review_leaders", "l", N_("Leaders"), N_("Assistant: propose replacing the leaders the reports flag for review, or stop")},
	[A_FIND] = {"find_member", "C-f", NULL, N_("Find a member from any screen: name without accents, code, ID or phone; Enter opens her")},
	[A_COLLEFT] = {"columns_left", "Left", NULL, N_("Lists: back to the columns on the left (◂)")},
	[A_COLRIGHT] = {"columns_right", "Right", NULL, N_("Lists: show the columns hidden on a narrow terminal (▸)")},
};

static const struct {
	const char *name;
	int code;
} keynames[] = {
	{"Up", KEY_UP}, {"Down", KEY_DOWN}, {"Left", KEY_LEFT}, {"Right", KEY_RIGHT},
	{"PgUp", KEY_PPAGE}, {"PgDn", KEY_NPAGE}, {"Home", KEY_HOME}, {"End", KEY_END},
	{"BTab", KEY_BTAB}, {"Del", KEY_DC}, {"Ins", KEY_IC},
};

/* Parse one key name (F1, Up, C-s, Esc, Enter, Tab, a single character). */
static int parse_key(const char *s, size_t len, struct key *k)
{
	k->is_keycode = 1;
	if (len >= 2 && len <= 3 && s[0] == 'F' && isdigit((unsigned char)s[1])) {
		int n = atoi(s + 1);
		k->code = (wint_t)KEY_F(n);
		return n >= 1 && n <= 12 ? 0 : -1;
	}
	for (size_t i = 0; i < ARRAY_LEN(keynames); i++)
		if (strlen(keynames[i].name) == len && !strncmp(keynames[i].name, s, len)) {
			k->code = (wint_t)keynames[i].code;
			return 0;
		}
	k->is_keycode = 0;
	if (len == 3 && s[0] == 'C' && s[1] == '-' && isalpha((unsigned char)s[2]))
		k->code = (wint_t)(tolower((unsigned char)s[2]) & 0x1f);
	else if (len == 3 && !strncmp(s, "Esc", 3))
		k->code = 27;
	else if (len == 5 && !strncmp(s, "Enter", 5))
		k->code = '\n';
	else if (len == 3 && !strncmp(s, "Tab", 3))
		k->code = '\t';
	else if (len == 1 && isprint((unsigned char)s[0]))
		k->code = (wint_t)s[0];
	else
		return -1;
	return 0;
}

/* Bind action A to the space-separated KEYS. */
static int bind_keys(struct action_def *a, const char *keys)
{
	a->nbound = 0;
	snprintf(a->current, sizeof a->current, "%s", keys);
	while (*keys) {
		size_t len = strcspn(keys, " ,");
		if (len && a->nbound < MAXKEYS && parse_key(keys, len, &a->bound[a->nbound++]) < 0)
			return -1;
		keys += len;
		keys += strspn(keys, " ,");
	}
	return 0;
}

/* Report a name in [keys] that is no action's. */
static int check_names(dictionary *ini, const char *config_path, char *errbuf, size_t n)
{
	int nkeys = iniparser_getsecnkeys(ini, "keys"), rc = 0;
	if (nkeys <= 0)
		return 0;
	const char **keys = xcalloc((size_t)nkeys, sizeof *keys);
	iniparser_getseckeys(ini, "keys", keys);
	for (int k = 0; k < nkeys && rc == 0; k++) {
		const char *name = strchr(keys[k], ':') + 1;
		int known = 0;
		for (int i = 0; i < A_COUNT; i++)
			known |= strcmp(actions[i].name, name) == 0;
		if (!known) {
			snprintf(errbuf, n, "%s: [keys] %s: %s", config_path, name, _("no such action (see the help screen)"));
			rc = -1;
		}
	}
	free(keys);
	return rc;
}

int actions_load(const char *config_path, char *errbuf, size_t n)
{
	for (int i = 0; i < A_COUNT; i++)
		bind_keys(&actions[i], actions[i].keys);
	dictionary *ini = config_path ? iniparser_load(config_path) : NULL;
	if (!ini)
		return 0;
	int rc = 0;
	/* A bad entry keeps its defaults; the others still apply; the first is reported. */
	for (int i = 0; i < A_COUNT; i++) {
		char full[64];
		snprintf(full, sizeof full, "keys:%s", actions[i].name);
		const char *v = iniparser_getstring(ini, full, NULL);
		if (v && bind_keys(&actions[i], v) < 0) {
			if (rc == 0)
				snprintf(errbuf, n, "%s: [keys] %s: %s '%s'", config_path, actions[i].name,
					 _("not a key list"), v);
			bind_keys(&actions[i], actions[i].keys);
			rc = -1;
		}
	}
	if (rc == 0)
		rc = check_names(ini, config_path, errbuf, n);
	iniparser_freedict(ini);
	return rc;
}

int actions_lookup(int is_keycode, wint_t key)
{
	return actions_lookup_in(is_keycode, key, 0);
}

int actions_lookup_in(int is_keycode, wint_t key, unsigned long prefer)
{
	int first = -1;
	if (!is_keycode && key == '\r')
		key = '\n';
	if (is_keycode && key == KEY_ENTER)
		is_keycode = 0, key = '\n';
	for (int i = 0; i < A_COUNT; i++)
		for (int k = 0; k < actions[i].nbound; k++)
			if (actions[i].bound[k].is_keycode == is_keycode && actions[i].bound[k].code == key) {
				if (prefer & HINT(i))
					return i;
				if (first < 0)
					first = i;
			}
	return first;
}

const char *actions_keyname(enum action a)
{
	static char buf[A_COUNT][16];
	size_t len = strcspn(actions[a].current, " ");
	snprintf(buf[a], sizeof buf[a], "%.*s", (int)len, actions[a].current);
	return buf[a];
}

const char *actions_keys(enum action a)
{
	return actions[a].current;
}

const char *actions_label(enum action a)
{
	return actions[a].label ? _(actions[a].label) : NULL;
}

const char *actions_help(enum action a)
{
	return _(actions[a].help);
}

const char *actions_name(enum action a)
{
	return actions[a].name;
}
