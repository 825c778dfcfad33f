/* Bar charts as text: each column of a bar is filled from the bottom in
 * eighths of a row, the top row of a bar holding the remainder. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "barchart.h"
#include "tkvv/util.h"

/* The eighth blocks, empty to full, UTF-8. */
static const char *const blocks[9] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
/* The same in ASCII: the partial cells round to three steps. */
static const char ascii[9] = {' ', '.', '.', '.', ':', ':', ':', ':', '#'};

/* The scale of C: its max, or the largest defined value. */
static double chart_max(const struct barchart *c)
{
	double max = c->max;
	if (max > 0)
		return max;
	for (size_t i = 0; i < c->n; i++)
		if (!isnan(c->values[i]) && c->values[i] > max)
			max = c->values[i];
	return max;
}

/* The eighths of V on the scale MAX. */
static int eighths_of(const struct barchart *c, double max, double v)
{
	int full = 8 * c->height;
	if (isnan(v) || v <= 0 || max <= 0)
		return 0;
	double e = floor(v / max * full + 0.5);
	if (e < 1)
		return 1;
	return e > full ? full : (int)e;
}

int barchart_eighths(const struct barchart *c, double v)
{
	return eighths_of(c, chart_max(c), v);
}

/* Append the cell of row ROW (0 = bottom) of a bar of E eighths to SB. */
static void add_cell(struct strbuf *sb, int utf8, int e, int row)
{
	int fill = e - 8 * row;
	fill = fill < 0 ? 0 : fill > 8 ? 8 : fill;
	if (utf8)
		sb_adds(sb, blocks[fill]);
	else
		sb_addn(sb, &ascii[fill], 1);
}

char **barchart_render(const struct barchart *c)
{
	double max = chart_max(c);
	char **rows = xcalloc((size_t)c->height, sizeof *rows);
	for (int y = 0; y < c->height; y++) {
		struct strbuf sb;
		sb_init(&sb);
		sb_adds(&sb, "");
		int row = c->height - 1 - y;
		for (size_t i = 0; i < c->n; i++) {
			int e = eighths_of(c, max, c->values[i]);
			for (int k = 0; k < c->bar_width; k++)
				add_cell(&sb, c->utf8, e, row);
			for (int k = 0; k < c->gap; k++)
				sb_adds(&sb, " ");
		}
		rows[y] = sb_detach(&sb);
	}
	return rows;
}

void barchart_free(char **rows, int height)
{
	for (int y = 0; rows && y < height; y++)
		free(rows[y]);
	free(rows);
}
