/* Which list columns to show in a width, and how wide: no terminal in
 * here, so the Check suite drives it. A column is shown whole or not at
 * all: codes, words, dates and figures at their full width; text (names,
 * hamlets) may shrink to its minimum and is then cut with an ellipsis. */
#ifndef TKVV_COLUMNS_H
#define TKVV_COLUMNS_H

/* One column to place: the narrowest and widest it may be (the same for a
 * column shown whole), its priority (1 first, then 2, then 3) and whether
 * it takes the room left (the name). */
struct colspec {
	int min, max;
	int priority;
	int flex;
};

/* The flexible column grows to this before the others, and to FLEXMAX at
 * most; columns of priority 2 and 3 come in only when it keeps FLEXKEEP. */
#define COLUMNS_FLEXKEEP 24
#define COLUMNS_FLEX 32
#define COLUMNS_FLEXMAX 56

/* Choose among the columns of C not in HIDE (a bit per column), by priority
 * then from the left, those that fit WIDTH with one space between; SHOWN[]
 * gets their indexes in list order, WIDTHS[] their widths (the room left
 * given to the flexible column, then to the others up to their max).
 * Returns how many are shown (N is at most 64). */
int columns_choose(const struct colspec *c, int n, unsigned long long hide, int width, int *shown,
		   int *widths);
/* The columns shown after SCROLL steps to the right: each step puts away
 * the leftmost column shown, so that those left out get its room.
 * *LEFT and *RIGHT say whether a step back or on shows something else. */
int columns_scroll(const struct colspec *c, int n, int scroll, int width, int *shown, int *widths,
		   int *left, int *right);

#endif
