# Check suites for the core (tests/unit) and tmux scripts for the UI (tests/tui).
TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
TEST_LIBS = $(CORE_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/unit/test_db tests/unit/test_config tests/unit/test_text
tests_unit_test_db_SOURCES = tests/unit/test_db.c tests/unit/testutil.h
tests_unit_test_db_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_db_LDADD = $(TEST_LIBS)
tests_unit_test_config_SOURCES = tests/unit/test_config.c tests/unit/testutil.h
tests_unit_test_config_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_config_LDADD = $(TEST_LIBS)
tests_unit_test_text_SOURCES = tests/unit/test_text.c tests/unit/testutil.h
tests_unit_test_text_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_text_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/unit/test_regroup
tests_unit_test_regroup_SOURCES = tests/unit/test_regroup.c tests/unit/testutil.h
tests_unit_test_regroup_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_regroup_LDADD = $(TEST_LIBS) -lm

TESTS += tests/unit/test_db tests/unit/test_config tests/unit/test_text
TESTS += tests/unit/test_regroup
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(top_srcdir)'; top_builddir='$(top_builddir)'; \
	export top_srcdir top_builddir; \
	CK_DEFAULT_TIMEOUT=120; export CK_DEFAULT_TIMEOUT;
EXTRA_DIST += tests/data

# The regrouping benchmark's smoke run (bench/bench_regroup --quick --no-mip).
check_PROGRAMS += bench/bench_regroup
TESTS += tests/cli/bench_regroup.sh
EXTRA_DIST += tests/cli/bench_regroup.sh
