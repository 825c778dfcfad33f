/* The global find (every screen): a member by name, code, national ID or
 * phone, the matches in a pick list as you type. */
#ifndef TKVV_FIND_H
#define TKVV_FIND_H

#include "lineedit.h"
#include "tkvv/search.h"
#include "ui.h"

/* The pick list: the first FIND_MAX matches, the selected one, the first shown. */
#define FIND_MAX 200
struct find {
	struct search_page page;
	int sel, top;
};

/* Search for TEXT and show its first matches, the first one selected;
 * returns the count of all matches, or -1 (the error is on the message line). */
long find_update(struct tui *t, struct find *f, const char *text);
/* Draw the pick list and the prompt with LE, in one refresh pass. */
void find_draw(struct tui *t, struct find *f, struct lineedit *le);
/* Open member ID on screen 3, on her row: the screen's filter is cleared
 * when it hides her. Returns 0, or -1 when she is not there. */
int find_open(struct tui *t, sqlite3_int64 id);
/* The find itself: until Enter (open the member) or Esc (all as it was). */
int find_run(struct tui *t);
/* The key of the find as the officer reads it ("Ctrl-F"). */
const char *find_key(void);
/* Release the search's cache. */
void find_done(void);

#endif
