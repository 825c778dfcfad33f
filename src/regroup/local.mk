# The regrouping engine: a hamlet in, a plan out. No SQLite, no plan
# storage, no terminal: the plan module (src/core/plan_*.c) loads and saves.
# Its own archive, linked after the core (which calls it) and before the
# leaf utilities (which it calls); tests/cli/layering.sh checks both.
noinst_LIBRARIES += libtkvvregroup.a
libtkvvregroup_a_SOURCES = \
	include/tkvv/regroup.h src/regroup/regroup_internal.h src/regroup/regroup.c \
	src/regroup/regroup_flow.c src/regroup/regroup_line.c src/regroup/regroup_metrics.c \
	src/regroup/regroup_search.c src/regroup/regroup_polish.c src/regroup/regroup_plan.c \
	src/regroup/regroup_contig.c src/regroup/regroup_merge.c \
	src/regroup/regroup_recom.c
