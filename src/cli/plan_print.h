/* Printing a regrouping plan as text, csv or json (regroup, plan show). */
#ifndef TKVV_PLAN_PRINT_H
#define TKVV_PLAN_PRINT_H

#include <stdio.h>
#include "tkvv/plan.h"

enum out_format { OUT_TEXT, OUT_CSV, OUT_JSON };

/* Parse a --format value (text, csv or json); -1 when it is none of them. */
int out_format_parse(const char *s);

void plan_print(FILE *f, const struct plan *p, enum out_format fmt);

#endif
