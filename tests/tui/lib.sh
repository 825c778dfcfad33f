# Shared by the tmux scripts: a copy of the demo district, a tmux server of
# the script's own, keys, and waiting for text on the screen (no fixed sleeps).
# Source it after `set -eu`; then call ui_start [COLUMNS ROWS].
# TKVV_TUI_SIZE=100x30 runs the scripts that do not choose a size at 100x30.
: "${top_builddir:=.}"
: "${top_srcdir:=.}"
tkvv=$top_builddir/tkvv
# The locale of the run: C.UTF-8, or TKVV_TEST_LOCALE (tests/local.mk).
export LANG="${TKVV_TEST_LOCALE:-C.UTF-8}" LC_ALL="${TKVV_TEST_LOCALE:-C.UTF-8}"
export TERM=xterm-256color TKVV_LOCALEDIR=$top_builddir/locale
unset NO_COLOR LANGUAGE TMUX 2>/dev/null || true
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tkvv-tui-XXXXXX")
sock=tkvvtest-$$
db=$tmp/demo.db
ini=$tmp/tkvv.ini
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
cp "$top_builddir/tests/tui/demo.db" "$db"
printf '[general]\nlanguage = %s\n' "${ui_language:-vi}" >"$ini"

# The size of a window a script does not size itself: TKVV_TUI_SIZE
# (COLUMNSxROWS), else 80x24 under C.UTF-8 and 100x30 under another locale,
# so the two passes of scripts/test run every script at both sizes.
if [ -z "${TKVV_TUI_SIZE:-}" ]; then
	case $LANG in C.UTF-8) TKVV_TUI_SIZE=80x24 ;; *) TKVV_TUI_SIZE=100x30 ;; esac
fi
ui_cols=${TKVV_TUI_SIZE%x*}
ui_rows=${TKVV_TUI_SIZE#*x}

# Start tkvv in a detached tmux window of COLUMNS x ROWS (TKVV_TUI_SIZE).
ui_start() {
	ui_cols=${1:-$ui_cols}
	ui_rows=${2:-$ui_rows}
	tmux -L "$sock" -f /dev/null new-session -d -x "$ui_cols" -y "$ui_rows" \
		"'$tkvv' --db '$db' --config '$ini'; echo tkvv-exited-\$?; sleep 600"
}

# The message line, the last of the window.
msg_line() {
	line "$ui_rows"
}

# The screen as text.
screen() {
	tmux -L "$sock" capture-pane -p
}

# Line N (1-based) of the screen.
line() {
	screen | sed -n "${1}p"
}

# Send tmux key names (Enter, F2, Escape, C-u, Down ...).
keys() {
	tmux -L "$sock" send-keys "$@"
}

# Type TEXT literally.
type_text() {
	tmux -L "$sock" send-keys -l "$1"
}

# Stop the test, showing the screen.
fail() {
	echo "FAIL: $*" >&2
	screen >&2
	exit 1
}

# Wait until `grep -q$1 -- $2` matches the screen (at most $3 seconds).
wait_grep() {
	limit=$(($3 * 20))
	i=0
	while ! screen | grep -q"$1" -- "$2"; do
		i=$((i + 1))
		[ "$i" -le "$limit" ] || fail "timed out waiting for: $2"
		sleep 0.05
	done
}

# Wait until the screen shows TEXT (at most SECONDS, 20 by default).
wait_for() {
	wait_grep F "$1" "${2:-20}"
}

# Wait until the screen shows the extended regular expression RE (at most
# SECONDS, 20 by default).
wait_re() {
	wait_grep E "$1" "${2:-20}"
}

# Wait until the screen no longer shows TEXT.
wait_gone() {
	limit=$((${2:-20} * 20))
	i=0
	while screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ "$i" -le "$limit" ] || fail "timed out waiting for this to go: $1"
		sleep 0.05
	done
}

# Check that the screen shows TEXT now.
expect() {
	screen | grep -qF -- "$1" || fail "not on the screen: $1"
}

# tkvv's command line on the test's database and config.
t() {
	"$tkvv" --db "$db" --config "$ini" "$@"
}

# Start at COLUMNS x 50 (200 by default) and open the regrouping assistant
# on hamlet HCODE from screen 1 (its row found by the search, then R).
open_assistant() {
	ui_start "${2:-200}" 50
	wait_for "1 Communes and hamlets"
	keys /
	type_text "$1"
	keys Enter
	keys R
	wait_for "($1)  Method"
}

# One value from the test's database.
sql() {
	sqlite3 "$db" "$1"
}

# Quit tkvv with F10 and wait for it to exit.
ui_quit() {
	keys F10
	wait_for "tkvv-exited-0"
}
