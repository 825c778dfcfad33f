# Benchmarks: `make bench` builds and runs them; each prints its figures.
# Add a program to BENCH_BINS (with its _SOURCES/_LDADD) or a script to BENCH_SHS.
BENCH_BINS =
BENCH_SHS =
BENCH_SHS += bench/demo.sh
EXTRA_DIST += bench/demo.sh
EXTRA_PROGRAMS = $(BENCH_BINS)
CLEANFILES += $(BENCH_BINS)

bench: $(BENCH_BINS) tkvv
	@set -e; for b in $(BENCH_BINS); do echo "== $$b"; ./$$b; done; \
	for s in $(BENCH_SHS); do echo "== $$s"; top_builddir=$(abs_top_builddir) top_srcdir=$(abs_top_srcdir) $(SHELL) $(srcdir)/$$s; done
.PHONY: bench

BENCH_BINS += bench/bench_search
bench_bench_search_SOURCES = bench/bench_search.c
bench_bench_search_LDADD = $(CORE_LIBS) -lm
BENCH_BINS += bench/bench_report
bench_bench_report_SOURCES = bench/bench_report.c
bench_bench_report_LDADD = $(CORE_LIBS)
BENCH_SHS += bench/store.sh
BENCH_BINS += bench/bench_budget
bench_bench_budget_SOURCES = bench/bench_budget.c
bench_bench_budget_LDADD = $(CORE_LIBS) -lm
