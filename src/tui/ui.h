/* The terminal interface's own parts: screens, actions, colours, widgets.
 * To add a screen: a screen_NAME.c with its table_def, a SCREEN_ value below,
 * an entry in tui.c's screens[] and an action to jump to it. */
#ifndef TKVV_UI_H
#define TKVV_UI_H

#include <curses.h>
#include <sqlite3.h>
#include <wchar.h>

#include "listmodel.h"
#include "records.h"
#include "tkvv/config.h"

/* What a key handler asks of the main loop (htop's HandlerResult). */
enum ui_result { UI_IGNORED = 0, UI_HANDLED = 1, UI_REDRAW = 2, UI_BACK = 4, UI_QUIT = 8 };

enum action {
	A_UP, A_DOWN, A_PGUP, A_PGDN, A_HOME, A_END, A_ENTER, A_BACK, A_NEXTFIELD, A_PREVFIELD,
	A_HELP, A_SAVE, A_SEARCH, A_NEXT, A_PREV, A_EDIT, A_FILTER, A_SORT, A_INVERT, A_ADD, A_DELETE,
	A_PAY, A_QUIT, A_SCREEN1, A_SCREEN2, A_SCREEN3, A_SCREEN4, A_SCREEN5,
	/* the regrouping assistant and the plans */
	A_REGROUP, A_NEXTHAMLET, A_PREVHAMLET, A_BEFOREAFTER, A_REJECT, A_PIN, A_NOMERGE, A_APPLY,
	A_ROSTERS, A_UNDO, A_SCREEN6, A_SCREEN7,
	/* the reports */
	A_SCREEN8, A_ASOF, A_EXPORT,
	A_REVIEW,
	/* the collection sheet */
	A_SHEET,
	/* the global find; the columns hidden on a narrow terminal */
	A_FIND, A_COLLEFT, A_COLRIGHT, A_COUNT
};
#define HINT(a) (1UL << (a))

/* Semantic colours; each has a monochrome attribute too. */
enum ui_color {
	C_NORMAL = 1, C_TITLE, C_HEADER, C_SELECTED, C_KEY, C_KEYLABEL, C_WARNING, C_OVERDUE,
	C_ERROR, C_OK, C_FIELD, C_FIELDFOCUS, C_COUNT
};

enum screen_id {
	SCREEN_COMMUNES, SCREEN_GROUPS, SCREEN_MEMBERS, SCREEN_LOANS, SCREEN_PAYMENTS, SCREEN_REGROUP,
	SCREEN_PLANS, SCREEN_REPORTS, SCREEN_COUNT
};

/* What narrows a list: set by drill-down, the filter form, or kept per screen. */
struct filter {
	sqlite3_int64 commune, hamlet, group, member, loan;
	char org[16], program[16], status[16];
	char label[256];  /* "Xã Đại An › Ấp Chợ › Tổ 3 – Hội Phụ nữ" */
};

struct tui;
struct screen;

struct screen_ops {
	void (*enter)(struct tui *t, struct screen *s);
	void (*draw)(struct tui *t, struct screen *s, WINDOW *w);
	int (*key)(struct tui *t, struct screen *s, enum action a, wint_t ch);
	void (*resize)(struct tui *t, struct screen *s);
	unsigned long (*hints)(struct tui *t, struct screen *s);
	void (*leave)(struct tui *t, struct screen *s);
};

/* COL_SIZE: a group's member count, marked with ! above ui_group_max. */
/* COL_CODE: a code, never cut (COL_TEXT, a name, may be cut with …). */
enum col_kind { COL_TEXT, COL_WORD, COL_MONEY, COL_INT, COL_PCT, COL_DATE, COL_RATE, COL_SIZE, COL_CODE };
#define COL_RIGHT(k) ((k) != COL_TEXT && (k) != COL_WORD && (k) != COL_DATE && (k) != COL_CODE)

/* A list column: header, SQL expression, how to show it, how wide at least. */
struct column {
	const char *header;  /* N_() */
	const char *expr;
	enum col_kind kind;
	int min, max;        /* display columns; the text column with max 0 takes the room left */
	int priority;        /* columns of priority > 1 are dropped first on narrow terminals */
};

/* What makes one list screen: its columns, SQL, drill-down and record kind. */
struct table_def {
	enum screen_id id;
	const char *title;      /* N_() */
	int ncols;
	const struct column *cols;
	const char *sort_default;
	const char *key;        /* an indexed column the default order follows (then id), or NULL */
	enum record_kind record;
	/* Build FROM/WHERE for filter F into SB, with binds; returns their count. */
	int (*from)(const struct filter *f, struct strbuf *sb, char binds[][32]);
	/* Ids of the rows matching :q, an FTS5 query when search_fts, else folded text. */
	const char *search_sql;
	int search_fts;
	int search_whole;       /* search_sql looks in the same table: unfiltered, the counts agree */
	int search_prefix;      /* :q is the needle folded, not escaped for LIKE (a code's start) */
	int sortable;
	/* Drill into the row with ID: fill the next screen's filter; returns its id or -1. */
	int (*drill)(struct tui *t, sqlite3_int64 id, const struct listrow *row, struct filter *next);
	/* Presets of a new record from the filter (column, value pairs). */
	void (*preset)(struct tui *t, const struct filter *f, const char **kv, char buf[][64]);
	/* The record kind and id behind a row id (NULL: def->record, the same id). */
	enum record_kind (*record_of)(sqlite3_int64 *id);
	/* Colour of a row (C_NORMAL, C_WARNING, C_OVERDUE). */
	enum ui_color (*row_color)(struct tui *t, const struct listrow *row);
	/* The order when the list is narrowed to a member or a loan (NULL: the default). */
	const char *sort_narrow;
	int figures;            /* the list shows the groups' figures */
	/* A search by parent when the list is whole and in its default order
	 * (listmodel_set_parent): the column, the SQL of the parents' ids
	 * matching :q (the needle folded, not escaped), the SQL of those ids
	 * with their counts of rows and of the nearest match, and what to build
	 * first. */
	const char *search_parent;
	const char *search_parent_sql;
	const char *search_nearest[3];  /* listmodel_set_parent's */
	void (*search_prepare)(struct tui *t);
};

struct screen {
	const struct table_def *def;
	const struct screen_ops *ops;
	struct listmodel model;
	struct filter filter;
	int sort_col;          /* index in def->cols, negative for descending */
	int sort_desc;
	char needle[128];
	int loaded;
	int shown[16];         /* the columns shown, by width */
	int width[16];
	int nshown;
	int hscroll;           /* steps to the right (Left/Right): columns put away on the left */
	int more_left, more_right; /* a step either way shows other columns */
};

struct tui {
	sqlite3 *db;
	const struct config *cfg;
	const char *db_name;
	char today[11];
	struct screen screens[SCREEN_COUNT];
	int current;
	int stack[16];
	int depth;
	WINDOW *top, *body, *bar, *msg;
	char message[512];
	int message_error;
	int color;             /* colours in use */
	int quit;
	int figures_stale;     /* a write since the groups' figures were computed */
	unsigned long writes;  /* how many writes so far: the reports screen loads again after one */
};

/* actions.c: bind the default keys, then CONFIG_PATH's [keys] (NULL: none);
 * -1 with ERRBUF when an entry is bad (its defaults stay). */
int actions_load(const char *config_path, char *errbuf, size_t n);
/* The action of a key from get_wch (a key code or a character), or -1. */
int actions_lookup(int is_keycode, wint_t key);
/* The same, preferring an action of PREFER (a screen's hints: HINT bits) when
 * screens give one key different meanings. */
int actions_lookup_in(int is_keycode, wint_t key, unsigned long prefer);
/* The first key of A as written ("F3"), all its keys ("F3 /"), its key-bar
 * label (NULL when not on the bar), its help line and its [keys] name. */
const char *actions_keyname(enum action a);
const char *actions_keys(enum action a);
const char *actions_label(enum action a);
const char *actions_help(enum action a);
const char *actions_name(enum action a);
/* colors.c: start the colours (none under NO_COLOR or on a monochrome
 * terminal); the attribute of a role, in colour or not. */
void colors_init(struct tui *t);
attr_t colors_attr(struct tui *t, enum ui_color c);
/* listview.c: ui_decimal is ',' in Vietnamese, '.' in English. */
extern char ui_decimal;
/* listview.c: groups.max_members, above which a group's size is marked. */
extern int ui_group_max;
/* The display form of a stored value V (may be NULL) of a column of KIND. */
void ui_format(enum col_kind kind, const char *v, char *out, size_t n);
/* The translation of a stored word (open, interest, ngheo ...), or V itself. */
const char *ui_word(const char *v);
/* Choose the columns that fit WIDTH (by priority, each whole, codes and
 * figures as wide as the rows read show them) and their widths; draw the
 * list into W (frame_position shows the columns hidden either side). */
void listview_layout(struct screen *s, int width);
void listview_draw(struct tui *t, struct screen *s, WINDOW *w);
/* tuidata.c: compute the groups' figures again (the communes and groups screens show them). */
void tui_refresh_figures(struct tui *t);
/* After a write: loan LOAN_ID's state again (0: every loan's), the groups'
 * figures when next shown. */
void tui_written(struct tui *t, sqlite3_int64 loan_id);
/* Fill f->label from its ids: "Xã … › Ấp … › Tổ … – Hội …". */
void tui_describe(struct tui *t, struct filter *f);
/* tableview.c: append " AND COND" binding VALUE when VALUE is set; returns the new bind count. */
int tui_where(struct strbuf *sb, char binds[][32], int n, const char *cond, sqlite3_int64 value);
/* tui.c: set up the screens without a terminal (tui_run and the benchmark), and free them. */
void tui_init(struct tui *t, sqlite3 *db, const struct config *cfg, const char *db_path);
void tui_done(struct tui *t);
/* form.c: edit R until it is saved (1) or left (0). */
int form_run(struct tui *t, struct record *r);
/* Ask QUESTION on the message line: 1 for y/c, 0 for n/k or Esc. */
int ui_confirm(struct tui *t, const char *question);
/* Ask for a line of text; NULL when the officer presses Esc (caller frees). */
char *ui_prompt(struct tui *t, const char *question);
/* help.c: the help screen, until Esc, q or F1. */
void help_run(struct tui *t);
/* tableview.c: build temp.tui_loancode (loancodes.h) when stale. */
void tui_loan_codes(struct tui *t);
/* tableview.c: the screen_ops of every list screen. */
extern const struct screen_ops tableview_ops;
/* Build the list again from the screen's filter and sort, keeping its place. */
void tableview_reload(struct tui *t, struct screen *s);
/* Handle action A on a list screen. */
int tableview_key(struct tui *t, struct screen *s, enum action a, wint_t ch);
/* What a search of S needs built first (done when its prompt opens). */
void tableview_prepare(struct tui *t, struct screen *s);
/* Search for s->needle and put the cursor on the first match from START. */
void tableview_find(struct tui *t, struct screen *s, long start);
/* tableedit.c: the forms a list opens, each returning UI_REDRAW */
int tableedit_add(struct tui *t, struct screen *s);
int tableedit_edit(struct tui *t, struct screen *s, const struct listrow *row);
int tableedit_delete(struct tui *t, struct screen *s, const struct listrow *row);
/* A payment of the selected loan (ROW may be NULL: the filter's loan). */
int tableedit_payment(struct tui *t, struct screen *s, const struct listrow *row);
/* screen_sheet.c: the collection sheet of group GROUP_ID; UI_REDRAW */
int sheet_screen_run(struct tui *t, sqlite3_int64 group_id);
/* The filter form: commune, hamlet, organisation, programme, loan status. */
int tableedit_filter(struct tui *t, struct screen *s);
/* the screens */
extern const struct table_def screen_communes, screen_groups, screen_members, screen_loans,
	screen_payments;
/* the regrouping assistant (screen_regroup.c) and the plans (screen_plans.c) */
extern const struct table_def screen_regroup, screen_plans, screen_reports;
extern const struct screen_ops regroup_ops, plans_ops;
/* Open the assistant on HAMLET, or on each hamlet of COMMUNE one after another. */
void regroup_open(struct tui *t, sqlite3_int64 commune, sqlite3_int64 hamlet);
/* Open the assistant on the hamlet or commune under the cursor of screen 1. */
void regroup_from_list(struct tui *t);
void regroup_done(void);
/* Ask for a file name and write the rosters of the groups plan PLAN_ID changed. */
void regroup_rosters(struct tui *t, int64_t plan_id);
/* screen_reports.c: its own drawing and keys; reports_done frees its figures. */
extern const struct screen_ops reports_ops;
void reports_done(void);

#endif
