# Shared by the plan scripts (plans, merges, review_leaders, org_share): a
# copy of the demo district (the tmux tests' one when built), tkvv in
# English on it, and a dump of the rows a plan changes. Source it after
# `set -eu` with NAME set.
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
top_builddir=${top_builddir:-.}
tkvv=$top_builddir/tkvv
command -v python3 >/dev/null || { echo "python3 not installed" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed" >&2; exit 77; }
tmp=$(mktemp -d "/tmp/tkvv-$NAME-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp" XDG_DATA_HOME="$tmp"
printf '[general]\nlanguage = en\n' > "$tmp/tkvv.ini"
db=$tmp/d.db
t() { "$tkvv" --db "$db" --config "$tmp/tkvv.ini" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
if [ -f "$top_builddir/tests/tui/demo.db" ]; then
	cp "$top_builddir/tests/tui/demo.db" "$db"
else
	t demo > /dev/null
fi

# Every row of groups, members and memberships (row versions aside).
dump() {
	python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for t in ("groups", "members", "memberships"):
    cols = [c[1] for c in db.execute("PRAGMA table_info(%s)" % t) if c[1] != "rowver"]
    for r in db.execute("SELECT %s FROM %s ORDER BY id" % (", ".join(cols), t)):
        print(t, r)
PY
}
