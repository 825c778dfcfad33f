# Benchmarks: `make bench` builds and runs them; each prints its figures.
# Add a program to BENCH_PROGRAMS (and its _SOURCES/_LDADD) or a script to BENCH_SCRIPTS.
BENCH_PROGRAMS =
BENCH_SCRIPTS =
EXTRA_PROGRAMS = $(BENCH_PROGRAMS)
CLEANFILES += $(BENCH_PROGRAMS)

bench: $(BENCH_PROGRAMS) tkvv
	@set -e; for b in $(BENCH_PROGRAMS); do echo "== $$b"; ./$$b; done; \
	for s in $(BENCH_SCRIPTS); do echo "== $$s"; top_builddir=$(abs_top_builddir) top_srcdir=$(abs_top_srcdir) $(SHELL) $(srcdir)/$$s; done
.PHONY: bench
