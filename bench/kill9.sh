#!/bin/sh
# kill -9 trials: `import`, `regroup --apply` and `plan undo` are killed at
# random moments; the database must then be exactly as before or exactly
# as after the command (a dump of every table compared, times of day left
# out), with PRAGMA integrity_check ok. Prints the counts per command.
# Usage: bench/kill9.sh [TRIALS per command (20)]   (from the build directory,
# or with top_builddir=DIR); exit 1 when a trial finds anything else.
set -eu
: "${top_builddir:=.}"
tkvv=$top_builddir/tkvv
trials=${1:-20}
command -v sqlite3 >/dev/null && command -v python3 >/dev/null || { echo "kill9: needs sqlite3 and python3" >&2; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tkvv-kill9-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
ini=$tmp/tkvv.ini
printf '[general]\nlanguage = en\n' >"$ini"
t() {
	db=$1
	shift
	"$tkvv" --db "$db" --config "$ini" "$@"
}

# A digest of every table, rows in rowid order; the clock's columns (audit
# time, plan times) are left out, since "after" is made by another run.
dump() {
	python3 - "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
h = hashlib.sha256()
clock = {'at', 'created_at', 'applied_at', 'undone_at'}
for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
    cols = [r[1] for r in db.execute('PRAGMA table_info("%s")' % name)]
    keep = [c for c in cols if c not in clock]
    try:
        rows = db.execute('SELECT %s FROM "%s" ORDER BY rowid' % (', '.join('"%s"' % c for c in keep), name))
    except sqlite3.OperationalError:
        rows = db.execute('SELECT %s FROM "%s"' % (', '.join('"%s"' % c for c in keep), name))
    h.update(name.encode())
    for r in rows:
        h.update(repr(r).encode())
print(h.hexdigest())
PY
}

# Copy database $1 to $2 (no WAL left behind: the copy is one file).
copy() {
	rm -f "$2" "$2-wal" "$2-shm"
	sqlite3 "$1" ".backup '$2'"
}

# The demo district, a members file changing every phone, a hamlet to
# regroup, and a copy with a plan applied there for the undo.
t "$tmp/base.db" demo >/dev/null
t "$tmp/base.db" export members "$tmp/members.csv"
python3 - "$tmp/members.csv" "$tmp/phones.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
p = rows[0].index('phone')
for i, r in enumerate(rows[1:]):
    r[p] = '0988 %03d %03d' % (i // 1000 % 1000, i % 1000)
csv.writer(open(sys.argv[2], 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(rows)
PY
commune=$(sqlite3 "$tmp/base.db" "SELECT c.code FROM communes c JOIN hamlets h ON h.commune_id = c.id GROUP BY c.id ORDER BY count(*) DESC LIMIT 1")
copy "$tmp/base.db" "$tmp/applied.db"
t "$tmp/applied.db" regroup --commune "$commune" --apply --note "họp" >/dev/null
plan=$(sqlite3 "$tmp/applied.db" "SELECT max(id) FROM plans WHERE status = 'applied'")

bad=0
# One command: NAME, START DB, then the command's arguments.
trial_set() {
	name=$1 start=$2
	shift 2
	copy "$start" "$tmp/ref.db"
	before=$(dump "$tmp/ref.db")
	t0=$(date +%s%N)
	t "$tmp/ref.db" "$@" >/dev/null 2>&1 || { echo "kill9: $name failed when not killed" >&2; exit 1; }
	t1=$(date +%s%N)
	after=$(dump "$tmp/ref.db")
	ms=$(( (t1 - t0) / 1000000 ))
	nb=0 na=0 nbad=0 i=0
	while [ "$i" -lt "$trials" ]; do
		copy "$start" "$tmp/w.db"
		# A moment from the start to half as long again as a normal run
		# (a killed run shares the machine with nothing else of ours, but
		# the machine may be busier than when it was timed).
		delay=$(python3 -c "import random; print('%.3f' % (random.uniform(0, 1.5) * $ms / 1000))")
		"$tkvv" --db "$tmp/w.db" --config "$ini" "$@" >/dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		ok=$(sqlite3 "$tmp/w.db" "PRAGMA integrity_check")
		state=$(dump "$tmp/w.db")
		if [ "$ok" != ok ]; then
			echo "kill9: $name trial $i after ${delay}s: integrity_check says $ok" >&2
			nbad=$((nbad + 1))
		elif [ "$state" = "$before" ]; then
			nb=$((nb + 1))
		elif [ "$state" = "$after" ]; then
			na=$((na + 1))
		else
			echo "kill9: $name trial $i after ${delay}s: neither before nor after" >&2
			nbad=$((nbad + 1))
		fi
		i=$((i + 1))
	done
	bad=$((bad + nbad))
	echo "kill9: $name (${ms} ms when not killed): $trials trials, $nb before, $na after, $nbad other or not intact"
}

trial_set "import members ($(($(wc -l <"$tmp/phones.csv") - 1)) rows)" "$tmp/base.db" import members "$tmp/phones.csv"
trial_set "regroup --commune $commune --apply" "$tmp/base.db" regroup --commune "$commune" --apply --note "họp"
trial_set "plan undo $plan" "$tmp/applied.db" plan undo "$plan"
[ "$bad" -eq 0 ]
