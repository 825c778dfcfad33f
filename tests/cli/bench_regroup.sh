#!/bin/sh
# The regrouping benchmark still builds and runs end to end; its figures are
# not judged here (no timing or quality assertions in tests).
set -eu
# The locale of the run: C.UTF-8, or TKVV_TEST_LOCALE (tests/local.mk).
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
out=$("$top_builddir/bench/bench_regroup" --quick --no-mip --threads 2)
for section in "== 1. Instances" "== 3. Engine vs k-means" "== 4. Speed"; do
	printf '%s\n' "$out" | grep -q "^$section" || {
		echo "bench_regroup --quick: section '$section' missing" >&2
		exit 1
	}
done
printf '%s\n' "$out" | grep -q "^k-means " || { echo "bench_regroup --quick: no k-means row" >&2; exit 1; }
