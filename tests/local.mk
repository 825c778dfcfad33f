# The test suite (`make check`): Check suites for the core (tests/unit),
# scripts that run the real binary (tests/cli), and scripts that drive the
# terminal interface in tmux (tests/tui). To add a suite: name it in
# UNIT_CORE (or UNIT_TUI when it needs the interface's code) or in the
# script lists below; a suite's source is tests/unit/NAME.c.
# Every suite runs under the locale TKVV_TEST_LOCALE (scripts/test runs the
# suite again with `make check TKVV_TEST_LOCALE=vi_VN.UTF-8`).
TKVV_TEST_LOCALE = C.UTF-8
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(top_srcdir)'; top_builddir='$(top_builddir)'; \
	export top_srcdir top_builddir; \
	TKVV_TEST_LOCALE='$(TKVV_TEST_LOCALE)'; LANG=$$TKVV_TEST_LOCALE; LC_ALL=$$TKVV_TEST_LOCALE; \
	export TKVV_TEST_LOCALE LANG LC_ALL; \
	CK_DEFAULT_TIMEOUT=120; export CK_DEFAULT_TIMEOUT;

TEST_LIBS = $(CORE_LIBS) $(CHECK_LIBS)

UNIT_CORE = tests/unit/test_db tests/unit/test_config tests/unit/test_text \
	tests/unit/test_csv tests/unit/test_parse tests/unit/test_import tests/unit/test_rules \
	tests/unit/test_search tests/unit/test_check tests/unit/test_demo \
	tests/unit/test_quality tests/unit/test_roster tests/unit/test_plan \
	tests/unit/test_regroup tests/unit/test_regroup_exact tests/unit/test_regroup_budget \
	tests/unit/test_regroup_merge tests/unit/test_plan_orgs \
	tests/unit/test_textsafe \
	tests/unit/test_interest tests/unit/test_sheet tests/unit/test_office \
	tests/unit/test_syncfile
UNIT_TUI = tests/unit/test_listmodel tests/unit/test_records tests/unit/test_map \
	tests/unit/test_barchart tests/unit/test_records_safe tests/unit/test_lineedit \
	tests/unit/test_record_rules

UNIT_TUI += tests/unit/test_columns
check_PROGRAMS += $(UNIT_CORE) $(UNIT_TUI)
# The regrouping benchmark is built for its smoke run (tests/cli/bench_regroup.sh).
check_PROGRAMS += bench/bench_regroup
# Every suite is built from its one file with the shared helpers.
LDADD = $(TEST_LIBS)
AM_CPPFLAGS += $(CHECK_CFLAGS)
tests_unit_test_listmodel_LDADD = $(TUI_LIBS) $(TEST_LIBS)
tests_unit_test_records_LDADD = $(TUI_LIBS) $(TEST_LIBS)
tests_unit_test_map_LDADD = $(TUI_LIBS) $(TEST_LIBS)
tests_unit_test_barchart_LDADD = $(TUI_LIBS) $(TEST_LIBS)
tests_unit_test_records_safe_LDADD = $(TUI_LIBS) $(TEST_LIBS)
tests_unit_test_lineedit_LDADD = $(TUI_LIBS) $(TEST_LIBS)
tests_unit_test_record_rules_LDADD = $(TUI_LIBS) $(TEST_LIBS)
tests_unit_test_columns_LDADD = $(TUI_LIBS) $(TEST_LIBS)
noinst_HEADERS = tests/unit/testutil.h tests/unit/fixture.h tests/unit/regroup_rules.h

CLI_TESTS = tests/cli/import_export.sh tests/cli/search.sh tests/cli/check.sh \
	tests/cli/backup.sh tests/cli/demo.sh tests/cli/report.sh \
	tests/cli/roster.sh tests/cli/regroup.sh tests/cli/bench_regroup.sh \
	tests/cli/locale.sh \
	tests/cli/hostile.sh tests/cli/import_warn.sh tests/cli/import_figures.sh \
	tests/cli/report_order.sh tests/cli/import_office.sh
CLI_TESTS += tests/cli/help.sh tests/cli/stdio.sh tests/cli/plans.sh
CLI_TESTS += tests/cli/global_opts.sh tests/cli/layering.sh
CLI_TESTS += tests/cli/layering_tui.sh
CLI_TESTS += tests/cli/sheet.sh
CLI_TESTS += tests/cli/merges.sh tests/cli/review_leaders.sh tests/cli/org_share.sh
CLI_TESTS += tests/cli/manpage.sh tests/cli/completion.sh tests/cli/map.sh
CLI_TESTS += tests/cli/export_excel.sh tests/cli/export_xlsx.sh tests/cli/report_xlsx.sh
CLI_TESTS += tests/cli/clear_notice.sh tests/cli/sync_key.sh tests/cli/sync_log.sh
CLI_TESTS += tests/cli/report_print.sh

# The terminal interface in tmux on the demo district, made once per build
# (tests/tui/lib.sh copies it for each script). A script that does not size
# its window runs at 80x24 under C.UTF-8 and at 100x30 under vi_VN.UTF-8
# (scripts/test's two passes), or at TKVV_TUI_SIZE=COLUMNSxROWS.
TUI_TESTS = tests/tui/drill.sh tests/tui/add_member.sh tests/tui/edit_loan.sh \
	tests/tui/refused_delete.sh tests/tui/esc_discard.sh tests/tui/resize.sh \
	tests/tui/english.sh tests/tui/officer.sh tests/tui/move_member.sh \
	tests/tui/regroup.sh tests/tui/reports.sh tests/tui/keys.sh \
	tests/tui/locale.sh \
	tests/tui/lost_update.sh tests/tui/group_size.sh \
	tests/tui/payment.sh \
	tests/tui/field_edit.sh tests/tui/sheet.sh
TUI_TESTS += tests/tui/assistant.sh tests/tui/export_ask.sh tests/tui/validate.sh
TUI_TESTS += tests/tui/merges.sh tests/tui/review_leaders.sh
TUI_TESTS += tests/tui/find.sh tests/tui/search_fail.sh tests/tui/columns.sh
TUI_TESTS += tests/tui/map.sh
check_DATA = tests/tui/demo.db
tests/tui/demo.db: tkvv$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) tests/tui && rm -f $@ $@-wal $@-shm && \
	./tkvv --db $@ --config /dev/null demo --as-of 2026-10-31 >/dev/null
CLEANFILES += tests/tui/demo.db

TESTS += $(UNIT_CORE) $(UNIT_TUI) $(CLI_TESTS) $(TUI_TESTS)
EXTRA_DIST += tests/data $(CLI_TESTS) $(TUI_TESTS) tests/tui/lib.sh tests/cli/plan_lib.sh tests/cli/lib.sh
