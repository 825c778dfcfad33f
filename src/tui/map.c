/* The hamlet map: households projected into a character grid, one letter
 * per group, leaders upper case; collisions resolved the same way every time. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "tkvv/util.h"

char map_letter(int g, int leader)
{
	if (g < 0 || g >= 26)
		return '?';
	return (char)((leader ? 'A' : 'a') + g);
}

/* What fell into the cells: per cell and group a count, and the leader's group. */
struct tally {
	int k, cells;
	int *count;     /* cells x k */
	int *leader;    /* cells: the group of the first leader placed, or -1 */
};

/* Count member I of group G at cell C. */
static void tally_add(struct tally *t, int c, int g, int is_leader)
{
	t->count[(size_t)c * (size_t)t->k + (size_t)g]++;
	if (is_leader && t->leader[c] < 0)
		t->leader[c] = g;
}

/* Turn the counts into marks: a leader wins its cell, else the strict
 * majority group, else '+' for a mixed cell. */
static void tally_marks(const struct tally *t, char *grid, int *cellgroup)
{
	for (int c = 0; c < t->cells; c++) {
		const int *n = t->count + (size_t)c * (size_t)t->k;
		int best = -1, bestn = 0, tie = 0;
		for (int g = 0; g < t->k; g++)
			if (n[g] > bestn)
				best = g, bestn = n[g], tie = 0;
			else if (n[g] == bestn && bestn > 0)
				tie = 1;
		if (t->leader[c] >= 0)
			best = t->leader[c], tie = 0;
		if (best < 0)
			continue;
		grid[c] = tie ? '+' : map_letter(best, t->leader[c] >= 0);
		cellgroup[c] = tie ? MAP_MIXED : best;
	}
}

/* Place the located households: equirectangular, a cell twice as tall as wide. */
static long place_coords(const struct regroup_hamlet *h, const int *group, const unsigned char *leader,
			 int width, int height, struct tally *t)
{
	double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY, lat0 = 0;
	long n = 0;
	for (size_t i = 0; i < h->n; i++)
		if (h->members[i].has_coord && group[i] >= 0)
			lat0 += h->members[i].lat, n++;
	if (!n)
		return 0;
	double c = cos(lat0 / (double)n * M_PI / 180.0);
	for (size_t i = 0; i < h->n; i++) {
		const struct regroup_member *m = &h->members[i];
		if (!m->has_coord || group[i] < 0)
			continue;
		x0 = fmin(x0, m->lon * c), x1 = fmax(x1, m->lon * c);
		y0 = fmin(y0, m->lat), y1 = fmax(y1, m->lat);
	}
	double sx = x1 > x0 ? (width - 1) / (x1 - x0) : INFINITY;
	double sy = y1 > y0 ? (2.0 * height - 2) / (y1 - y0) : INFINITY;
	double s = fmin(sx, sy);
	if (!isfinite(s))
		s = 0;
	double offx = ((width - 1) - (x1 - x0) * s) / 2, offy = ((height - 1) - (y1 - y0) * s / 2) / 2;
	for (size_t i = 0; i < h->n; i++) {
		const struct regroup_member *m = &h->members[i];
		if (!m->has_coord || group[i] < 0)
			continue;
		long col = lround(offx + (m->lon * c - x0) * s), row = lround(offy + (y1 - m->lat) * s / 2);
		col = col < 0 ? 0 : col >= width ? width - 1 : col;
		row = row < 0 ? 0 : row >= height ? height - 1 : row;
		tally_add(t, (int)(row * width + col), group[i], leader && leader[i]);
	}
	return n;
}

static const struct regroup_member *cmp_base;

/* Order member indices along the road (then by index). */
static int cmp_road(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int64_t ri = cmp_base[i].road_order, rj = cmp_base[j].road_order;
	return ri < rj ? -1 : ri > rj ? 1 : (i > j) - (i < j);
}

/* Place the households known by road order in reading order: as many
 * lines as they need (each a row of marks over a row of road), up to the
 * box's height, each line the next stretch of the road. */
static long place_road(const struct regroup_hamlet *h, const int *group, const unsigned char *leader,
		       int width, int height, struct tally *t, char *grid)
{
	size_t *idx = xmalloc((h->n ? h->n : 1) * sizeof *idx), n = 0;
	for (size_t i = 0; i < h->n; i++)
		if (h->members[i].has_road && group[i] >= 0)
			idx[n++] = i;
	cmp_base = h->members;
	qsort(idx, n, sizeof *idx, cmp_road);
	size_t lines = (n + (size_t)width - 1) / (size_t)width, room = height >= 2 ? (size_t)height / 2 : 1;
	lines = lines < room ? lines : room;
	int top = (height - 2 * (int)lines) / 2;
	top = top < 0 ? 0 : top;
	for (size_t l = 0; l < lines; l++) {
		size_t from = l * n / lines, to = (l + 1) * n / lines, m = to - from;
		int row = top + 2 * (int)l, last = 0;
		for (size_t i = from; i < to; i++) {
			/* Up to the width one to a cell; more share cells, in order. */
			last = m <= (size_t)width ? (int)(i - from) : (int)((i - from) * (size_t)width / m);
			tally_add(t, row * width + last, group[idx[i]], leader && leader[idx[i]]);
		}
		if (row + 1 < height)
			memset(grid + (size_t)(row + 1) * (size_t)width, '-', (size_t)last + 1);
	}
	free(idx);
	return (long)n;
}

long map_render(const struct regroup_hamlet *h, const int *group, const unsigned char *leader,
		int width, int height, char *grid, int *cellgroup)
{
	if (width <= 0 || height <= 0)
		return 0;
	int cells = width * height, k = 1;
	memset(grid, ' ', (size_t)cells);
	for (int c = 0; c < cells; c++)
		cellgroup[c] = MAP_EMPTY;
	for (size_t i = 0; i < h->n; i++)
		if (group[i] >= k)
			k = group[i] + 1;
	struct tally t = {k, cells, xcalloc((size_t)cells * (size_t)k, sizeof(int)),
			  xmalloc((size_t)cells * sizeof(int))};
	for (int c = 0; c < cells; c++)
		t.leader[c] = -1;
	long n = place_coords(h, group, leader, width, height, &t);
	if (n == 0)
		n = place_road(h, group, leader, width, height, &t, grid);
	tally_marks(&t, grid, cellgroup);
	free(t.count);
	free(t.leader);
	return n;
}
