#!/bin/sh
# Time `tkvv demo` for the district in a new file and print what it made;
# the command prints its own time taken (bench/store.sh times the province).
set -eu
tkvv=${top_builddir:-.}/tkvv
dir=$(mktemp -d /tmp/tkvv-bench-demo-XXXXXX)
trap 'rm -rf "$dir"' EXIT
export XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
"$tkvv" --db "$dir/district.db" demo --scale district
echo "  file: $(du -m "$dir/district.db" | cut -f1) MB"
