#!/bin/sh
# tkvv CMD --help and -h for every command: the command's usage on stdout,
# exit 0, and nothing written: no file named --help, no database, no config.
# A FILE argument that looks like an option is a usage error, never a name.
set -eu
top_builddir=${top_builddir:-.}
tkvv=$(cd "$top_builddir" && pwd)/tkvv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
unset LANGUAGE 2>/dev/null || true
export LC_ALL=C.UTF-8
mkdir "$tmp/cwd"
cd "$tmp/cwd"
printf '[general]\nlanguage = en\n' > "$tmp/en.ini"

# Every command of `tkvv --help`, with the arguments an officer might
# already have typed before asking.
commands=$("$tkvv" --config /dev/null --help | sed -n 's/^  tkvv \([a-z]*\).*/\1/p')
[ "$(printf '%s\n' "$commands" | wc -l)" -ge 12 ] || fail "tkvv --help lists: $commands"
for cmd in $commands; do
	for args in "--help" "-h" "members --help" "x.csv -h" "--format csv --help"; do
		# shellcheck disable=SC2086
		set +e; "$tkvv" --config "$tmp/en.ini" --db "$tmp/t.db" "$cmd" $args >"$tmp/out" 2>"$tmp/err"; rc=$?; set -e
		[ "$rc" -eq 0 ] || fail "tkvv $cmd $args exited $rc: $(cat "$tmp/err")"
		grep -q "^Usage: tkvv $cmd" "$tmp/out" || fail "tkvv $cmd $args: no usage on stdout: $(cat "$tmp/out")"
		[ "$(wc -l < "$tmp/out")" -ge 2 ] || fail "tkvv $cmd $args: only the usage line"
		[ ! -s "$tmp/err" ] || fail "tkvv $cmd $args wrote on stderr: $(cat "$tmp/err")"
		[ ! -e "$tmp/t.db" ] || fail "tkvv $cmd $args created the database"
		[ -z "$(ls -A "$tmp/cwd")" ] || fail "tkvv $cmd $args created: $(ls -A "$tmp/cwd")"
		[ ! -e "$tmp/config" ] && [ ! -e "$tmp/data" ] || fail "tkvv $cmd $args created the config or data folder"
	done
done
# Without --db and --config: neither the default database nor the config
# (nor their folders) is made.
"$tkvv" backup --help | grep -q "tkvv backup FILE" || fail "backup --help with the defaults"
[ ! -e "$tmp/data" ] && [ ! -e "$tmp/config" ] || fail "backup --help made the default folders"

# After `--`, -h is an argument (a search for "-h"), not a request for help.
"$tkvv" --config /dev/null --db "$tmp/s.db" search -- -h >"$tmp/out" 2>"$tmp/err" || true
if grep -q "^Usage:" "$tmp/out"; then fail "search -- -h printed the usage"; fi
rm -f "$tmp/s.db"*

# A FILE that starts with '-' (a mistyped option) is a usage error, exit 2,
# and no file of that name is made.
for args in "backup -x" "backup -" "import members -x" "export members -x.csv" \
	    "report kpi --out -r.csv" "roster -x.csv"; do
	# shellcheck disable=SC2086
	set +e; "$tkvv" --config "$tmp/en.ini" --db "$tmp/u.db" $args >"$tmp/out" 2>"$tmp/err"; rc=$?; set -e
	[ "$rc" -eq 2 ] || fail "tkvv $args exited $rc, not 2: $(cat "$tmp/err")"
	[ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "tkvv $args: not one line: $(cat "$tmp/err")"
	[ -z "$(ls -A "$tmp/cwd")" ] || fail "tkvv $args created: $(ls -A "$tmp/cwd")"
	[ ! -e "$tmp/u.db" ] || fail "tkvv $args created the database"
done
echo "help.sh: all passed"
