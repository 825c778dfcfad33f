/* Matching what an officer types in a code field against the codes and
 * their labels: case- and accent-insensitive (text_fold), '_' as a space,
 * so that `hn` finds HN and `lai` or `lãi` the interest (label lãi). */
#ifndef TKVV_CODEMATCH_H
#define TKVV_CODEMATCH_H

#include <stddef.h>

struct code_choice {
	const char *code;   /* the stored word or code */
	const char *label;  /* what the officer reads (may be NULL) */
};

/* How TYPED matches the N CHOICES: the same code or label, else the
 * beginning of one, else the beginning of a word of a label, taking the
 * first of these that any choice meets. The indexes of the matching
 * choices go to HITS (at most MAX); returns how many matched: exactly one
 * is the match, more are the candidates to show. Empty TYPED matches none. */
size_t codematch(const char *typed, const struct code_choice *choices, size_t n,
		 size_t *hits, size_t max);

#endif
