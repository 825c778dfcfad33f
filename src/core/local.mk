# The core library: the domain with no terminal in it.
noinst_LIBRARIES += libtkvvcore.a
libtkvvcore_a_SOURCES = \
	include/tkvv/util.h src/core/util.c \
	include/tkvv/i18n.h src/core/i18n.c \
	include/tkvv/db.h src/core/db.c \
	include/tkvv/config.h src/core/config.c \
	include/tkvv/text.h src/core/text.c \
	include/tkvv/regroup.h src/core/regroup_internal.h src/core/regroup.c \
	src/core/regroup_flow.c src/core/regroup_line.c src/core/regroup_metrics.c \
	src/core/regroup_search.c src/core/regroup_polish.c src/core/regroup_plan.c
nodist_libtkvvcore_a_SOURCES = schema_sql.c

CORE_LIBS = libtkvvcore.a $(GLPK_LIBS) $(XLSX_LIBS) $(SQLITE_LIBS) $(LIBINTL) $(LIBS)
