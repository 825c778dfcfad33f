/* Code fields: what is typed against the codes and labels (codematch.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tkvv/codematch.h"
#include "tkvv/text.h"
#include "tkvv/util.h"

/* S folded as search folds it, with '_' read as a space. */
static char *fold(const char *s)
{
	char *t = xstrdup(s ? s : "");
	for (char *p = t; *p; p++)
		if (*p == '_')
			*p = ' ';
	char *f = text_fold(t);
	free(t);
	return f;
}

/* How well the folded T matches the folded S: 3 the same, 2 the beginning,
 * 1 the beginning of a later word (WORDS set), 0 not at all. */
static int match_level(const char *t, const char *s, int words)
{
	size_t tl = strlen(t);
	if (strcmp(s, t) == 0)
		return 3;
	if (strncmp(s, t, tl) == 0)
		return 2;
	for (const char *w = strchr(s, ' '); words && w; w = strchr(w + 1, ' '))
		if (strncmp(w + 1, t, tl) == 0)
			return 1;
	return 0;
}

size_t codematch(const char *typed, const struct code_choice *choices, size_t n,
		 size_t *hits, size_t max)
{
	char *t = fold(typed);
	int best = 0;
	size_t nhits = 0;
	if (!*t) {
		free(t);
		return 0;
	}
	int *level = xcalloc(n + 1, sizeof *level);
	for (size_t i = 0; i < n; i++) {
		char *c = fold(choices[i].code), *l = fold(choices[i].label);
		int a = match_level(t, c, 0), b = choices[i].label ? match_level(t, l, 1) : 0;
		level[i] = a > b ? a : b;
		best = level[i] > best ? level[i] : best;
		free(c);
		free(l);
	}
	for (size_t i = 0; best && i < n; i++)
		if (level[i] == best) {
			if (nhits < max)
				hits[nhits] = i;
			nhits++;
		}
	free(level);
	free(t);
	return nhits;
}
