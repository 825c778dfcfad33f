/* Small vertical bar charts as lines of text: eighth-block characters
 * (▁▂▃▄▅▆▇█) on a UTF-8 terminal, ASCII otherwise. No terminal in here. */
#ifndef TKVV_BARCHART_H
#define TKVV_BARCHART_H

#include <stddef.h>

struct barchart {
	const double *values;   /* N values; NAN draws no bar (undefined) */
	size_t n;
	double max;             /* the value of a full column; <= 0: the largest value */
	int height;             /* rows, at least 1 */
	int bar_width;          /* columns of each bar, at least 1 */
	int gap;                /* blank columns after each bar */
	int utf8;
};

/* The eighths of a column value V fills (0 .. 8 * height); a value above
 * zero fills at least one eighth so that it never looks like nothing. */
int barchart_eighths(const struct barchart *c, double v);
/* Render C as HEIGHT newly allocated rows, top row first, each
 * n * (bar_width + gap) columns wide; free them with barchart_free. */
char **barchart_render(const struct barchart *c);
void barchart_free(char **rows, int height);

#endif
