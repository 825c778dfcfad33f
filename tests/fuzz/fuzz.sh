#!/bin/sh
# `make fuzz`: build the libFuzzer harness with clang (the core's sources
# compiled again with -fsanitize=fuzzer,address,undefined), then run it for
# FUZZ_TIME seconds (60) on the seed corpus, and print the figures.
# Usage: fuzz.sh SRCDIR BUILDDIR CPPFLAGS LIBS -- CORE_SOURCES...
set -eu
srcdir=$1 builddir=$2 cppflags=$3 libs=$4
shift 4
[ "$1" = "--" ] && shift
cc=${FUZZ_CC:-clang}
time=${FUZZ_TIME:-60}
command -v "$cc" >/dev/null || { echo "fuzz: $cc is not installed (Debian: apt-get install clang)" >&2; exit 77; }
srcs=""
for f in "$@"; do
	case $f in
	*.c) [ -f "$srcdir/$f" ] && srcs="$srcs $srcdir/$f" || srcs="$srcs $builddir/$f" ;;
	esac
done
cd "$builddir"
# The flags come as make wrote them (-DLOCALEDIR=\"...\"): the shell reads them.
eval "\"\$cc\" -std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -DHAVE_CONFIG_H -I. $cppflags \
	-o fuzz_import \"\$srcdir/tests/fuzz/fuzz_import.c\" $srcs $libs"
mkdir -p fuzz-corpus fuzz-artifacts
# New inputs go to fuzz-corpus/ (the build's); the seeds stay as they are.
set +e
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./fuzz_import \
	-max_total_time="$time" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
	-print_final_stats=1 -artifact_prefix=fuzz-artifacts/ \
	fuzz-corpus "$srcdir/tests/fuzz/corpus" 2>fuzz.log
rc=$?
set -e
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' fuzz.log)
crashes=$(find fuzz-artifacts -type f | wc -l)
echo "fuzz: ${execs:-?} executions in ${time} s, $crashes crashes (log: $builddir/fuzz.log)"
[ "$rc" -eq 0 ] || tail -40 fuzz.log >&2
exit "$rc"
