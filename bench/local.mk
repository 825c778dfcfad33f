# Benchmarks: `make bench` builds and runs them; each prints its figures.
# Add a program to BENCH_BINS (with its _SOURCES/_LDADD) or a script to BENCH_SHS.
# bench/kill9.sh (kill -9 trials of the writing commands) is run by hand.
EXTRA_PROGRAMS = $(BENCH_BINS)
CLEANFILES += $(BENCH_BINS)
EXTRA_DIST += $(BENCH_SHS)

# Search latency on 100,000 members, open to first query, peak RSS.
BENCH_BINS = bench/bench_search
bench_bench_search_SOURCES = bench/bench_search.c
bench_bench_search_LDADD = $(CORE_LIBS) -lm
# The credit reports on the demo district.
BENCH_BINS += bench/bench_report
bench_bench_report_SOURCES = bench/bench_report.c
bench_bench_report_LDADD = $(CORE_LIBS)
# The terminal interface driven without a terminal on ~100,000 members.
BENCH_BINS += bench/bench_tui
bench_bench_tui_SOURCES = bench/bench_tui.c
bench_bench_tui_LDADD = $(TUI_LIBS) $(CORE_LIBS) $(NCURSES_LIBS)
# The reports screen's figures on the demo district.
BENCH_BINS += bench/bench_reports
bench_bench_reports_SOURCES = bench/bench_reports.c
bench_bench_reports_LDADD = $(TUI_LIBS) $(CORE_LIBS)
# The regrouping benchmark (README, "Benchmarks: regrouping").
BENCH_BINS += bench/bench_regroup
bench_bench_regroup_SOURCES = bench/bench_regroup.c bench/rg_bench.h bench/rg.h \
	bench/rg_instances.c bench/rg_db.c bench/rg_mip.c bench/rg_kmeans.c \
	bench/rg_run.c bench/rg_exact.c bench/rg_compare.c bench/rg_speed.c \
	bench/rg_town.c bench/rg_contig.c
bench_bench_regroup_LDADD = $(CORE_LIBS)
# The engine's move budgets: time and objective per budget.
BENCH_BINS += bench/bench_budget
bench_bench_budget_SOURCES = bench/bench_budget.c
bench_bench_budget_LDADD = $(CORE_LIBS) -lm
# The same table on the second generator's hamlets (rg_town.c).
BENCH_BINS += bench/bench_budget_town
bench_bench_budget_town_SOURCES = bench/bench_budget_town.c bench/rg.h bench/rg_instances.c \
	bench/rg_town.c
bench_bench_budget_town_LDADD = $(CORE_LIBS) -lm

# The demo district's generation; CSV import and export, province demo.
BENCH_SHS = bench/demo.sh bench/store.sh bench/reports_same.sh

bench: $(BENCH_BINS) tkvv
	@set -e; for b in $(BENCH_BINS); do echo "== $$b"; ./$$b; done; \
	for s in $(BENCH_SHS); do echo "== $$s"; top_builddir=$(abs_top_builddir) top_srcdir=$(abs_top_srcdir) $(SHELL) $(srcdir)/$$s; done
.PHONY: bench
EXTRA_DIST += bench/kill9.sh
