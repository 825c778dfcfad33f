/* Pictures of a hamlet for the meeting (tkvv map, the assistant's w key):
 * its households coloured by group before and, with a plan, after it,
 * leaders marked, a legend of each group's size and walk (mst_m of
 * regroup-metrics.md, by regroup_measure) and a scale bar, drawn with
 * cairo as SVG, PDF (one page a side) or PNG (the sides next to each other). */
#ifndef TKVV_MAPDRAW_H
#define TKVV_MAPDRAW_H

#include <sqlite3.h>
#include <stdint.h>

#include "tkvv/regroup.h"
#include "tkvv/util.h"

enum map_format { MAP_FORMAT_NONE, MAP_FORMAT_SVG, MAP_FORMAT_PDF, MAP_FORMAT_PNG };

/* One side of the picture: the hamlet's groups before or after the plan. */
struct map_side {
	int *group;             /* n: group index of each household */
	unsigned char *leader;  /* n: 1 for the leader of its group */
	long *size;             /* k: households of each group */
	double *walk;           /* k: the group's walk, mst_m in metres */
	struct regroup_metrics m;
};

struct map_data {
	char *hamlet_code, *hamlet_name;
	int64_t plan_id;        /* 0: no plan, one side */
	size_t n, k;
	struct regroup_member *members;   /* members[i].group: the group before */
	struct regroup_group *groups;
	char **group_label;               /* k: the group's name, else its code */
	struct map_side before, after;    /* after only with a plan */
	long unlocated;                   /* households with neither position nor road order */
};

/* The format named by FILE's extension (.svg, .pdf, .png, any case). */
enum map_format map_format_of(const char *file);
/* Load hamlet CODE, and the plan PLAN_ID (0: none) for it, with group size
 * bounds MIN..MAX; an unknown hamlet or plan, or a plan that does not
 * cover the hamlet, is an error (TKVV_EFAIL). */
int map_load(sqlite3 *db, const char *code, int64_t plan_id, int min, int max,
	     struct map_data *d, struct tkvv_err *err);
/* D from a hamlet held in memory (the assistant's proposal): H's N members
 * and K groups, each member's group BEFORE and AFTER (-1: left out) and
 * leader flags, the groups' LABELS; PLAN_ID as in map_load, or -1 for a
 * proposal not saved (two sides, the second titled as such). */
void map_from_memory(struct map_data *d, const char *code, const char *name,
		     const struct regroup_hamlet *h, const char *const *labels,
		     const int *before, const int *after, const unsigned char *lead_before,
		     const unsigned char *lead_after, int64_t plan_id, int min, int max);
/* Draw D to FILE in FORMAT (written whole, or not at all). */
int map_write(const struct map_data *d, const char *file, enum map_format format,
	      struct tkvv_err *err);
void map_data_free(struct map_data *d);

#endif
