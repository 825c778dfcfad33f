#!/bin/sh
# Screen 1 under vi_VN.UTF-8 (a decimal comma), whatever TKVV_TEST_LOCALE
# is: each commune's and hamlet's overdue and collection figures, and the
# colour that flags them, as `tkvv report kpi` gives them.
set -eu
TKVV_TEST_LOCALE=vi_VN.UTF-8
. "$top_srcdir/tests/tui/lib.sh"
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 77; }
locale -a | grep -qix 'vi_VN\.utf-\?8' || fail "the vi_VN.UTF-8 locale is not installed (scripts/deps makes it)"
# Whole thresholds, which every locale reads alike: the rows with 2,x % overdue are flagged,
# and on a fixed day (December's interest not due yet) some collect under 88 %.
export TKVV_TODAY=2026-12-03
printf '[general]\nlanguage = vi\n[quality]\noverdue_threshold = 2\ncollection_threshold = 88\n' >"$ini"

# The figures as of today, from the report under the C locale.
LC_ALL=C.UTF-8 "$tkvv" --db "$db" --config "$ini" report kpi --format json >"$tmp/kpi.json"

ui_start 160 60
wait_for "1 Xã và ấp"
wait_for "1/144"
keys Down    # the selection's colour is its own: leave the first row
wait_for "2/144"
tmux -L "$sock" capture-pane -p -e >"$tmp/screen"

python3 - "$tmp/kpi.json" "$tmp/screen" <<'PY' || fail "screen 1 against the report"
import json, re, sqlite3, sys
kpi = json.load(open(sys.argv[1]))
sql = sqlite3.connect(":memory:")

def pct(num, den, undefined):
    """The screen's SQL: a percentage rounded to one decimal, with a comma."""
    if not den:
        return undefined
    v = sql.execute("SELECT round(100.0 * ? / ?, 1)", (num, den)).fetchone()[0]
    return ("%.1f" % v).replace(".", ","), v

want = {}
for r in kpi["communes"] + kpi["hamlets"]:
    if not r["groups"]:
        want[r["code"]] = ("-", "-", "normal")
        continue
    od = pct(r["overdue"], r["outstanding"], ("0,0", 0.0))
    coll = pct(r["interest_collected_ytd"], r["interest_due_ytd"], ("-", None))
    colour = "red" if od[1] > 2 else "yellow" if coll[1] is not None and coll[1] < 88 else "normal"
    want[r["code"]] = (od[0], coll[0], colour)

# Follow the colour through tmux's escapes: the one in force at each row's code.
fg, rows, selected = None, [], None
for n, raw in enumerate(open(sys.argv[2], encoding="utf-8").read().split("\n")):
    text, first = "", None
    for part in re.split(r"(\x1b\[[0-9;]*m)", raw):
        m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
        if m:
            codes = [int(c) if c else 0 for c in m.group(1).split(";")]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c in (0, 39):
                    fg = None
                elif 30 <= c <= 37:
                    fg = c - 30
                elif c == 38 and i + 2 < len(codes) and codes[i + 1] == 5:
                    fg = codes[i + 2]
                    i += 2
                i += 1
            continue
        if first is None and part.strip():
            first = fg
        text += part
    f = text.split()
    if n >= 2 and f and f[0] in want:
        rows.append((f[0], f[-2], f[-1], {None: "normal", 1: "red", 3: "yellow"}.get(first, first), n))

assert len(rows) >= 40, rows
bad = [(code, (od, coll, colour), want[code]) for code, od, coll, colour, n in rows
       if n != 3 and (od, coll, colour) != want[code]]
bad += [(code, (od, coll), want[code][:2]) for code, od, coll, colour, n in rows
        if n == 3 and (od, coll) != want[code][:2]]
assert not bad, bad
# The page can tell a decimal from its whole part, and has every flag.
assert any(not od.endswith(",0") for _, od, _, _, _ in rows), rows
assert {"red", "yellow", "normal"} <= {c for _, _, _, c, n in rows if n != 3}, rows
PY
ui_quit
