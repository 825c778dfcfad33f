# The terminal interface (issue: the terminal UI). The list model, figures
# and records have no terminal in them: the Check suites and the benchmark
# link them without curses.
noinst_LIBRARIES += libtkvvtui.a
libtkvvtui_a_SOURCES = \
	include/tkvv/tui.h src/tui/ui.h \
	src/tui/listmodel.h src/tui/listmodel_int.h src/tui/listmodel.c src/tui/listsearch.c \
	src/tui/figures.h src/tui/figures.c \
	src/tui/records.h src/tui/records.c src/tui/recordio.c src/tui/recordsave.c \
	src/tui/recordver.c \
	src/tui/recordcodes.c src/tui/recordpay.c \
	src/tui/actions.c src/tui/colors.c src/tui/frame.h src/tui/frame.c src/tui/listview.c \
	src/tui/tableview.c src/tui/tableedit.c src/tui/form.c src/tui/help.c src/tui/tuidata.c src/tui/tui.c \
	src/tui/screen_communes.c src/tui/screen_groups.c src/tui/screen_sheet.c src/tui/screen_members.c \
	src/tui/screen_loans.c src/tui/screen_payments.c \
	src/tui/map.h src/tui/map.c src/tui/regroup_view.h src/tui/regroup_view.c src/tui/regroup_data.c \
	src/tui/screen_regroup.c src/tui/screen_plans.c \
	src/tui/barchart.h src/tui/barchart.c src/tui/reportdata.h src/tui/reportdata.c \
	src/tui/reports.h src/tui/screen_reports.c src/tui/reports_trends.c src/tui/reports_form.c \
	src/cli/report_build.h src/cli/report_build.c
# The line editor of every field and prompt (lineedit.c has no curses in it).
# The global find (Ctrl-F on every screen).
libtkvvtui_a_SOURCES += src/tui/find.h src/tui/find.c
# The columns a list shows in a width.
libtkvvtui_a_SOURCES += src/tui/columns.h src/tui/columns.c
# The loans' codes for the searches of screens 4 and 5.
libtkvvtui_a_SOURCES += src/tui/loancodes.h src/tui/loancodes.c
libtkvvtui_a_SOURCES += src/tui/lineedit.h src/tui/lineedit.c src/tui/lineedit_draw.c
# The assistant writes maps (tkvv map's library, with cairo).
TUI_LIBS = libtkvvtui.a $(MAP_LIBS)

# The Vietnamese catalogue where an uninstalled tkvv looks for it: locale/
# beside the program (src/core/i18n.c), so build/tkvv speaks Vietnamese.
noinst_DATA = locale/vi/LC_MESSAGES/tkvv.mo
locale/vi/LC_MESSAGES/tkvv.mo: $(top_srcdir)/po/vi.po
	$(AM_V_GEN)$(MKDIR_P) locale/vi/LC_MESSAGES && $(MSGFMT) -o $@ $(top_srcdir)/po/vi.po
CLEANFILES += locale/vi/LC_MESSAGES/tkvv.mo
