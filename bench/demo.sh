#!/bin/sh
# Time `tkvv demo` for the district and the province (each in a new file)
# and print what it made; the command prints its own time taken.
set -eu
tkvv=${top_builddir:-.}/tkvv
dir=$(mktemp -d /tmp/tkvv-bench-demo-XXXXXX)
trap 'rm -rf "$dir"' EXIT
export XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
for scale in district province; do
	"$tkvv" --db "$dir/$scale.db" demo --scale "$scale"
	echo "  file: $(du -m "$dir/$scale.db" | cut -f1) MB"
done
