# Check suites for the core (tests/unit) and tmux scripts for the UI (tests/tui).
TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
TEST_LIBS = $(CORE_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/unit/test_db tests/unit/test_config tests/unit/test_text tests/unit/test_plan
tests_unit_test_db_SOURCES = tests/unit/test_db.c tests/unit/testutil.h
tests_unit_test_db_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_db_LDADD = $(TEST_LIBS)
tests_unit_test_config_SOURCES = tests/unit/test_config.c tests/unit/testutil.h
tests_unit_test_config_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_config_LDADD = $(TEST_LIBS)
tests_unit_test_text_SOURCES = tests/unit/test_text.c tests/unit/testutil.h
tests_unit_test_text_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_text_LDADD = $(TEST_LIBS)
tests_unit_test_plan_SOURCES = tests/unit/test_plan.c tests/unit/testutil.h
tests_unit_test_plan_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_plan_LDADD = $(TEST_LIBS)

TESTS += tests/unit/test_db tests/unit/test_config tests/unit/test_text tests/unit/test_plan
check_PROGRAMS += tests/unit/test_regroup
tests_unit_test_regroup_SOURCES = tests/unit/test_regroup.c tests/unit/testutil.h
tests_unit_test_regroup_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_regroup_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/unit/test_search tests/unit/test_check
tests_unit_test_search_SOURCES = tests/unit/test_search.c tests/unit/fixture.h tests/unit/testutil.h
tests_unit_test_search_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_search_LDADD = $(TEST_LIBS)
tests_unit_test_check_SOURCES = tests/unit/test_check.c tests/unit/fixture.h tests/unit/testutil.h
tests_unit_test_check_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_check_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_search tests/unit/test_check tests/cli/backup.sh tests/cli/search.sh tests/cli/check.sh
EXTRA_DIST += tests/cli/backup.sh tests/cli/search.sh tests/cli/check.sh


check_PROGRAMS += tests/unit/test_quality
tests_unit_test_quality_SOURCES = tests/unit/test_quality.c tests/unit/testutil.h
tests_unit_test_quality_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_quality_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_quality tests/cli/report.sh
EXTRA_DIST += tests/cli/report.sh
check_PROGRAMS += tests/unit/test_regroup_exact
tests_unit_test_regroup_exact_SOURCES = tests/unit/test_regroup_exact.c tests/unit/testutil.h
tests_unit_test_regroup_exact_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_regroup_exact_LDADD = $(TEST_LIBS) -lm

TESTS += tests/unit/test_db tests/unit/test_config tests/unit/test_text
TESTS += tests/unit/test_regroup tests/unit/test_regroup_exact
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(top_srcdir)'; top_builddir='$(top_builddir)'; \
	export top_srcdir top_builddir; \
	CK_DEFAULT_TIMEOUT=120; export CK_DEFAULT_TIMEOUT;
EXTRA_DIST += tests/data

check_PROGRAMS += tests/unit/test_csv tests/unit/test_parse tests/unit/test_import
tests_unit_test_csv_SOURCES = tests/unit/test_csv.c tests/unit/testutil.h
tests_unit_test_csv_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_csv_LDADD = $(TEST_LIBS)
tests_unit_test_parse_SOURCES = tests/unit/test_parse.c tests/unit/testutil.h
tests_unit_test_parse_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_parse_LDADD = $(TEST_LIBS)
tests_unit_test_import_SOURCES = tests/unit/test_import.c tests/unit/testutil.h
tests_unit_test_import_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_import_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_csv tests/unit/test_parse tests/unit/test_import tests/cli/import_export.sh
EXTRA_DIST += tests/cli/import_export.sh
TESTS += tests/cli/regroup.sh
EXTRA_DIST += tests/cli/regroup.sh
check_PROGRAMS += tests/unit/test_roster
tests_unit_test_roster_SOURCES = tests/unit/test_roster.c tests/unit/fixture.h tests/unit/testutil.h
tests_unit_test_roster_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_roster_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_roster
TESTS += tests/cli/roster.sh
EXTRA_DIST += tests/cli/roster.sh
check_PROGRAMS += tests/unit/test_demo
tests_unit_test_demo_SOURCES = tests/unit/test_demo.c tests/unit/testutil.h
tests_unit_test_demo_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_demo_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_demo tests/cli/demo.sh
EXTRA_DIST += tests/cli/demo.sh
check_PROGRAMS += tests/unit/test_regroup_budget
tests_unit_test_regroup_budget_SOURCES = tests/unit/test_regroup_budget.c tests/unit/testutil.h
tests_unit_test_regroup_budget_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_regroup_budget_LDADD = $(TEST_LIBS) -lm
TESTS += tests/unit/test_regroup_budget
