/* The hash map from codes to ids that import uses for caches and duplicates. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csvio_kinds.h"

/* FNV-1a: short codes hash well and fast. */
static size_t codemap_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

/* Double the map's table, moving every entry. */
static void codemap_grow(struct code_map *m)
{
	struct code_entry *old = m->e;
	size_t oldcap = m->cap;
	m->cap = oldcap ? 2 * oldcap : 1024;
	m->e = xcalloc(m->cap, sizeof *m->e);
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].key)
			continue;
		size_t j = codemap_hash(old[i].key) & (m->cap - 1);
		while (m->e[j].key)
			j = (j + 1) & (m->cap - 1);
		m->e[j] = old[i];
	}
	free(old);
}

struct code_entry *codemap_get(struct code_map *m, const char *key, int *added)
{
	if (2 * (m->n + 1) > m->cap)
		codemap_grow(m);
	size_t j = codemap_hash(key) & (m->cap - 1);
	while (m->e[j].key && strcmp(m->e[j].key, key) != 0)
		j = (j + 1) & (m->cap - 1);
	*added = !m->e[j].key;
	if (*added) {
		m->e[j].key = xstrdup(key);
		m->n++;
	}
	return &m->e[j];
}

struct code_entry *codemap_find(const struct code_map *m, const char *key)
{
	if (!m || !m->cap)
		return NULL;
	size_t j = codemap_hash(key) & (m->cap - 1);
	while (m->e[j].key && strcmp(m->e[j].key, key) != 0)
		j = (j + 1) & (m->cap - 1);
	return m->e[j].key ? &m->e[j] : NULL;
}

void codemap_free(struct code_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->e[i].key);
	free(m->e);
	free(m);
}
