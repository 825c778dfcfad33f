#!/bin/sh
# The layers (README, "Where things are"): what each folder may #include,
# and, from the built archives, that the engine and the utilities reach no
# SQLite, no plan storage and nothing of the core.
set -eu
NAME=layering
. "${top_srcdir:-.}/tests/cli/lib.sh"
need nm
src=$top_srcdir

# allowed FILE... -- PATTERN: every quoted #include of FILE matches PATTERN
# (an extended regex on the name between the quotes); <system> ones pass
# unless BANNED (a regex on <...>) matches.
check_includes() {
	what=$1 allow=$2 banned=$3
	shift 3
	for f; do
		[ -f "$f" ] || continue
		grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r line; do
			inc=$(printf '%s\n' "$line" | sed 's/^[0-9]*:[[:space:]]*#[[:space:]]*include[[:space:]]*//')
			case $inc in
			\<*) if [ -n "$banned" ] && printf '%s\n' "$inc" | grep -Eq "$banned"; then
				echo "$f:${line%%:*}: $what may not include $inc"; fi ;;
			\"*) name=${inc#\"}; name=${name%%\"*}
				printf '%s\n' "$name" | grep -Eqx "$allow" ||
					echo "$f:${line%%:*}: $what may not include \"$name\"" ;;
			esac
		done
	done
}
bad=$tmp/bad
: >"$bad"
# The engine: itself, the utilities, nothing else of tkvv; no SQLite.
check_includes src/regroup 'config\.h|regroup_internal\.h|tkvv/(regroup|util|i18n)\.h' \
	'sqlite|curses|cairo|xlsx|unzip|expat|iniparser|glpk' \
	"$src"/src/regroup/*.c "$src"/src/regroup/*.h >>"$bad"
check_includes include/tkvv/regroup.h '' '' "$src/include/tkvv/regroup.h" >>"$bad"
# The utilities: only one another.
check_includes util 'config\.h|tkvv/(util|i18n|textsafe)\.h' 'sqlite|curses|cairo|uni(str|ctype|case|norm|width|conv)\.h' \
	"$src"/src/core/util.c "$src"/src/core/i18n.c "$src"/src/core/textsafe.c \
	"$src"/include/tkvv/util.h "$src"/include/tkvv/i18n.h "$src"/include/tkvv/textsafe.h >>"$bad"
# The core: its own headers and the engine's, never the terminal or the
# command line.
check_includes src/core 'config\.h|[a-z_]+_int(ernal)?\.h|csvio_kinds\.h|tkvv/[a-z0-9_]+\.h' \
	'curses' "$src"/src/core/*.c "$src"/src/core/*.h >>"$bad"
grep -n 'tkvv/tui\.h' "$src"/src/core/*.c "$src"/src/core/*.h "$src"/include/tkvv/*.h \
	| grep -v 'include/tkvv/tui\.h:' | sed 's/$/: the core may not include the terminal/' >>"$bad" || true
[ -s "$bad" ] && fail "includes out of their layer:
$(cat "$bad")"

# Symbols: what an archive needs from outside itself.
b=$top_builddir
for a in libtkvvregroup.a libtkvvutil.a libtkvvcore.a; do
	[ -f "$b/$a" ] || fail "$b/$a is not built"
done
needs() {
	nm -u "$1" | awk 'NF == 2 && $1 == "U" { print $2 }' | sort -u >"$tmp/u"
	nm -g --defined-only "$1" | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/d"
	comm -23 "$tmp/u" "$tmp/d"
}
defines() { nm -g --defined-only "$1" | awk 'NF == 3 { print $3 }' | sort -u; }
defines "$b/libtkvvcore.a" >"$tmp/core.d"
defines "$b/libtkvvregroup.a" >"$tmp/regroup.d"
defines "$b/libtkvvutil.a" >"$tmp/util.d"
[ -s "$tmp/regroup.d" ] && [ -s "$tmp/core.d" ] && [ -s "$tmp/util.d" ] || fail "nm read no symbols"
grep -qx regroup_plan_hamlet "$tmp/regroup.d" || fail "regroup_plan_hamlet is not in libtkvvregroup.a"

needs "$b/libtkvvregroup.a" >"$tmp/regroup.u"
grep -E '^(sqlite3_|plan_|db_)' "$tmp/regroup.u" >"$tmp/x" &&
	fail "libtkvvregroup.a needs SQLite or plan storage: $(cat "$tmp/x")"
comm -12 "$tmp/regroup.u" "$tmp/core.d" >"$tmp/x"
[ -s "$tmp/x" ] && fail "libtkvvregroup.a needs the core: $(cat "$tmp/x")"
grep -qx xmalloc "$tmp/regroup.u" || fail "nm -u saw nothing the engine needs from util"

needs "$b/libtkvvutil.a" >"$tmp/util.u"
grep -E '^sqlite3_' "$tmp/util.u" >"$tmp/x" && fail "libtkvvutil.a needs SQLite: $(cat "$tmp/x")"
cat "$tmp/core.d" "$tmp/regroup.d" | sort -u | comm -12 "$tmp/util.u" - >"$tmp/x"
[ -s "$tmp/x" ] && fail "libtkvvutil.a needs the core or the engine: $(cat "$tmp/x")"

# The plan module has no circle: the builder calls the store, never back.
ob=$b/src/core/plan_build.o os=$b/src/core/plan_store.o
[ -f "$ob" ] && [ -f "$os" ] || fail "plan_build.o or plan_store.o is not built"
defines "$ob" >"$tmp/build.d"
grep -qx plan_build "$tmp/build.d" || fail "nm read no plan_build in plan_build.o"
needs "$os" | comm -12 - "$tmp/build.d" >"$tmp/x"
[ -s "$tmp/x" ] && fail "plan_store.c calls plan_build.c (a circle): $(cat "$tmp/x")"
exit 0
