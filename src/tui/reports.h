/* The reports screen's parts (screen_reports.c, reports_trends.c,
 * reports_form.c): one state, as there is one such screen. */
#ifndef TKVV_REPORTS_H
#define TKVV_REPORTS_H

#include "reportdata.h"
#include "ui.h"

#define REPORTS_SECTIONS 3

/* A row of the flag lists: list 0-3 (overdue, collection, merge, review),
 * the group (SIZE_MAX for the list's heading) and its index in the list. */
struct reports_item {
	int list;
	size_t group, index;
};

struct reports {
	struct reportdata d;
	int opened;                 /* d is loaded */
	unsigned long writes;       /* t->writes when it was loaded */
	int section;                /* 0 communes, 1 flags, 2 trends */
	long cursor[2], top[2];     /* communes (0 the district) and flag rows */
	struct reports_item *items;
	size_t nitems;
};

extern struct reports reports;

/* The grade's label in the user's language. */
const char *reports_grade(enum quality_grade g);
/* NUM / DEN as a percentage with the user's decimal mark, "-" when undefined. */
void reports_pct(int64_t num, int64_t den, char *buf, size_t size);
/* Compute everything as of AS_OF; on error the message line says why. */
int reports_compute(struct tui *t, const char *as_of);
/* Section 3: the trends of the selected commune or the district. */
void reports_draw_trends(struct tui *t, struct screen *s, WINDOW *w);
/* The same charts beside the communes' table, from column X to the right edge. */
void reports_draw_side(struct tui *t, WINDOW *w, int x);
/* The narrowest the charts may be beside the table, and the table then. */
#define REPORTS_SIDE_MIN 76
#define REPORTS_TABLE_WIDE 112
/* The groups screen on the group CODE (in its hamlet), or on the commune
 * CODE's groups (NULL: every group). */
int reports_open_group(struct tui *t, const char *code);
int reports_open_commune(struct tui *t, const char *code);
/* The as-of date form and the export to .xlsx; each returns UI_REDRAW. */
int reports_ask_date(struct tui *t);
int reports_export(struct tui *t);

#endif
