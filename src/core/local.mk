# The leaf utilities every layer uses (allocation, strings, errors,
# gettext): no SQLite, no other tkvv module. The engine links only these.
noinst_LIBRARIES += libtkvvutil.a
libtkvvutil_a_SOURCES = \
	include/tkvv/util.h src/core/util.c \
	include/tkvv/i18n.h src/core/i18n.c \
	include/tkvv/textsafe.h src/core/textsafe.c

# The core library: the domain with no terminal in it.
noinst_LIBRARIES += libtkvvcore.a
libtkvvcore_a_SOURCES = \
	include/tkvv/db.h src/core/db.c \
	include/tkvv/config.h src/core/config.c \
	include/tkvv/text.h src/core/text.c \
	include/tkvv/date.h src/core/date.c \
	include/tkvv/table.h src/core/table.c src/core/table_xlsx.c \
	include/tkvv/csv.h src/core/csv.c \
	include/tkvv/csv_source.h src/core/csv_source.c src/core/xlsx_read.c \
	include/tkvv/parse.h src/core/parse.c \
	include/tkvv/rules.h src/core/rules.c \
	include/tkvv/csvio.h src/core/csvio_kinds.h src/core/csvio_kinds.c \
	src/core/csvio_import.c src/core/csvio_export.c src/core/csvio_map.c \
	src/core/csvio_warn.c src/core/csvio_xlsx.c \
	include/tkvv/search.h src/core/search.c \
	include/tkvv/check.h src/core/check.c \
	include/tkvv/demo.h src/core/demo_internal.h src/core/demo.c \
	src/core/demo_rng.c src/core/demo_names.c src/core/demo_geo.c src/core/demo_loans.c \
	include/tkvv/quality.h src/core/quality_int.h src/core/quality_load.c \
	src/core/quality.c src/core/quality_score.c src/core/quality_flags.c \
	src/core/quality_loan.c include/tkvv/codematch.h src/core/codematch.c \
	include/tkvv/plan.h src/core/plan_build.c src/core/plan_store.c src/core/plan_orgs.c \
	include/tkvv/roster.h src/core/roster.c src/core/roster_save.c src/core/roster_xlsx.c \
	include/tkvv/sheet.h src/core/sheet.c src/core/sheet_io.c src/core/sheet_xlsx.c \
	include/tkvv/syncfile.h src/core/syncfile.c \
	include/tkvv/sync.h src/core/sync.c
nodist_libtkvvcore_a_SOURCES = schema_sql.c

# Pictures of a hamlet (tkvv map): cairo, kept out of the core so the suites
# and benchmarks do not link it.
noinst_LIBRARIES += libtkvvmap.a
libtkvvmap_a_SOURCES = include/tkvv/mapdraw.h src/core/map_load.c src/core/map_draw.c
libtkvvmap_a_CPPFLAGS = $(AM_CPPFLAGS) $(CAIRO_CFLAGS)
MAP_LIBS = libtkvvmap.a $(CAIRO_LIBS)

# What the core links against besides itself; the fuzz harness, which
# compiles the core's sources again, uses the same list. The archives go in
# link order: the core uses the engine (src/regroup/local.mk), both use util.
CORE_EXT_LIBS = $(GLPK_LIBS) $(XLSX_LIBS) $(MINIZIP_LIBS) $(EXPAT_LIBS) $(SODIUM_LIBS) $(SQLITE_LIBS) $(LIBINTL) $(LIBS)
CORE_LIBS = libtkvvcore.a libtkvvregroup.a libtkvvutil.a $(CORE_EXT_LIBS)
