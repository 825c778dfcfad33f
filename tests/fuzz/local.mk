# The libFuzzer harness of the CSV import: `make fuzz` builds it with clang
# and runs it for FUZZ_TIME seconds (tests/fuzz/fuzz.sh); not part of
# `make check`. CI runs it after the tests (.ci/run).
FUZZ_TIME = 60
EXTRA_DIST += tests/fuzz/fuzz_import.c tests/fuzz/fuzz.sh tests/fuzz/corpus
fuzz: $(BUILT_SOURCES)
	FUZZ_TIME='$(FUZZ_TIME)' $(SHELL) $(srcdir)/tests/fuzz/fuzz.sh '$(srcdir)' '$(abs_builddir)' \
		'$(AM_CPPFLAGS) $(CPPFLAGS)' '$(CORE_EXT_LIBS) -lm' \
		-- $(libtkvvcore_a_SOURCES) $(nodist_libtkvvcore_a_SOURCES) \
		$(libtkvvregroup_a_SOURCES) $(libtkvvutil_a_SOURCES)
.PHONY: fuzz
CLEANFILES += fuzz_import fuzz.log
clean-local: clean-fuzz
clean-fuzz:
	rm -rf fuzz-corpus fuzz-artifacts
.PHONY: clean-fuzz
