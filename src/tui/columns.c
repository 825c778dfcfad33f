/* Choosing the columns that fit, by priority, each shown whole. */
#include "config.h"

#include "columns.h"

int columns_choose(const struct colspec *c, int n, unsigned long long hide, int width, int *shown,
		   int *widths)
{
	int take[64] = {0}, used = -1, ns = 0, flex = -1, keep = 0;
	if (n > 64)
		n = 64;
	/* The room the name keeps from the columns of lower priority. */
	for (int i = 0; i < n; i++)
		if (c[i].flex && !(hide >> i & 1)) {
			keep = COLUMNS_FLEXKEEP - c[i].min;
			keep = keep < 0 ? 0 : keep;
			break;
		}
	/* Priority 1 first, each from the left; a column that does not fit
	 * is left out and a narrower one after it may still come in. */
	for (int p = 1; p <= 3; p++)
		for (int i = 0; i < n; i++) {
			if (hide >> i & 1)
				continue;
			int pr = c[i].priority < 1 ? 1 : c[i].priority > 3 ? 3 : c[i].priority;
			if (pr == p && used + 1 + c[i].min + (p > 1 ? keep : 0) <= width) {
				take[i] = 1;
				used += 1 + c[i].min;
			}
		}
	for (int i = 0; i < n; i++)
		if (take[i]) {
			if (c[i].flex && flex < 0)
				flex = ns;
			shown[ns] = i;
			widths[ns++] = c[i].min;
		}
	int left = width - used;
	/* The name grows first, to COLUMNS_FLEX, then the others to their
	 * maximum, then the name again, to COLUMNS_FLEXMAX. */
	if (flex >= 0 && left > 0) {
		int grow = COLUMNS_FLEX - widths[flex];
		grow = grow < 0 ? 0 : grow > left ? left : grow;
		widths[flex] += grow;
		left -= grow;
	}
	for (int k = 0; k < ns && left > 0; k++) {
		const struct colspec *s = &c[shown[k]];
		if (s->flex)
			continue;
		int grow = s->max > widths[k] ? s->max - widths[k] : 0;
		grow = grow > left ? left : grow;
		widths[k] += grow;
		left -= grow;
	}
	if (flex >= 0 && left > 0) {
		int grow = COLUMNS_FLEXMAX - widths[flex];
		grow = grow < 0 ? 0 : grow > left ? left : grow;
		widths[flex] += grow;
	}
	return ns;
}

int columns_scroll(const struct colspec *c, int n, int scroll, int width, int *shown, int *widths,
		   int *left, int *right)
{
	unsigned long long hide = 0, all = n >= 64 ? ~0ULL : (1ULL << n) - 1;
	int ns = columns_choose(c, n, 0, width, shown, widths);
	*left = 0;
	for (int step = 0; step < scroll && ns > 1; step++) {
		/* Nothing more to show: stay. */
		unsigned long long seen = hide;
		for (int k = 0; k < ns; k++)
			seen |= 1ULL << shown[k];
		if (seen == all)
			break;
		hide |= 1ULL << shown[0];
		ns = columns_choose(c, n, hide, width, shown, widths);
		*left = 1;
	}
	unsigned long long seen = hide;
	for (int k = 0; k < ns; k++)
		seen |= 1ULL << shown[k];
	*right = seen != all && ns > 1;
	return ns;
}
