# Shared by the plan scripts (plans, merges, review_leaders, org_share): a
# copy of the demo district (the tmux tests' one when built), tkvv in
# English on it, and a dump of the rows a plan changes. Source it after
# `set -eu` with NAME set.
. "${top_srcdir:-.}/tests/cli/lib.sh"
need python3 sqlite3
db=$tmp/d.db
t() { "$tkvv" --db "$db" --config "$tmp/tkvv.ini" "$@"; }
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
