# The command line: main.c dispatches, one file per command.
bin_PROGRAMS += tkvv
tkvv_SOURCES = \
	src/cli/cli.h src/cli/main.c src/cli/cli_shared.c \
	src/cli/cmd_summary.c \
	src/cli/plan_print.h src/cli/plan_print.c \
	src/cli/cmd_regroup.c src/cli/cmd_plan.c \
	src/cli/cmd_search.c \
	src/cli/cmd_check.c \
	src/cli/cmd_backup.c \
	src/cli/cmd_sync.c \
	src/cli/cmd_report.c src/cli/report_build.h src/cli/report_build.c \
	src/cli/cmd_demo.c \
	src/cli/cmd_roster.c \
	src/cli/cmd_sheet.c
tkvv_LDADD = $(CORE_LIBS) $(NCURSES_LIBS)
tkvv_SOURCES += src/cli/cmd_import.c src/cli/cmd_export.c
tkvv_SOURCES += src/cli/cmd_ui.c
tkvv_SOURCES += src/cli/cmd_map.c
tkvv_LDADD += $(TUI_LIBS) $(MAP_LIBS) $(CORE_LIBS) $(NCURSES_LIBS)
