#!/bin/sh
# The layers of src/tui, each calling only the ones below it:
#   tui.c (the main loop) → screens → widgets → frame.c → base
# (a screen may call the frame and the base directly).
# Nothing calls into tui.c; a widget calls no screen (nor includes a
# screen's header); the frame calls no widget and no screen (a screen's
# drawing and keys reach it through struct screen_ops, not by name).
# The names each layer defines are read from its files, so a new function
# is covered; a new file is a screen until it is listed below.
set -eu
NAME=layering_tui
. "${top_srcdir:-.}/tests/cli/lib.sh"
need perl

# Below the frame: actions, colours, the data and the models (no drawing of their own).
base="actions.c colors.c figures.c loancodes.c listmodel.c listsearch.c columns.c
	records.c recordio.c recordsave.c recordver.c recordcodes.c recordpay.c"
widgets="form.c help.c listview.c lineedit.c lineedit_draw.c barchart.c map.c"
frame="frame.c"
# The data the screens share (tuidata.c) sits with them: it calls only the frame.
# Screen headers, which a widget must not include.
screen_headers="find.h regroup_view.h reports.h reportdata.h tkvv/tui.h"

# The screens of DIR: its .c files not in another layer.
screens_of() {
	for f in "$1"/*.c; do
		b=${f##*/}
		case " $(echo $base $widgets $frame) tui.c " in
		*" $b "*) ;;
		*) echo "$b" ;;
		esac
	done
}

# The code of a file without its comments and strings (its lines kept).
code() {
	perl -0pe 's{/\*.*?\*/}{"\n" x ($& =~ tr/\n//)}gse; s{//[^\n]*}{}g; s{"(\\.|[^"\\\n])*"}{""}g' "$1"
}

# The functions and objects FILES of DIR define for others (not static).
defined() {
	dir=$1; shift
	for b; do
		code "$dir/$b" | perl -ne '
			next if /^(static|typedef|#|\s)/;
			print "$1\n" if /^[a-z][\w \*]*?\b(\w+)\s*\(/;
			print "$1\n" if /^(?:const\s+)?(?:struct\s+\w+|char|int|long)\s*\**\s*(\w+)\s*(?:=|\[|;)/;'
	done | sort -u
}

# Report each file of FILES in DIR that uses a name of NAMES (one a line).
uses() {
	dir=$1 names=$2 what=$3; shift 3
	[ -s "$names" ] || return 0
	for b; do
		code "$dir/$b" | grep -nwF -f "$names" | sed "s|^|$b: $what: |" || true
	done
}

# Every breach of the layers in DIR, one a line; nothing when they hold.
breaches() {
	dir=$1 out=$tmp/names
	mkdir -p "$out"
	screens=$(screens_of "$dir")
	defined "$dir" tui.c >"$out/loop"
	defined "$dir" $screens >"$out/screens"
	defined "$dir" $widgets >"$out/widgets"
	defined "$dir" $frame >"$out/frame"
	others=$(cd "$dir" && ls *.c | grep -vx tui.c)
	uses "$dir" "$out/loop" "calls the main loop (tui.c)" $others
	uses "$dir" "$out/screens" "a widget calls a screen" $widgets
	uses "$dir" "$out/screens" "the frame calls a screen" $frame $base
	uses "$dir" "$out/widgets" "the frame calls a widget" $frame $base
	uses "$dir" "$out/frame" "the base calls the frame" $base
	for b in $widgets $frame $base; do
		for h in $screen_headers; do
			grep -n "^#include \"$h\"" "$dir/$b" | sed "s|^|$b: includes a screen's header $h: |" || true
		done
	done
	for b in $widgets; do
		! grep -q '^#include "ui.h"' "$dir/$b" || echo "$b: includes ui.h, not frame.h"
	done
}

src=$top_srcdir/src/tui
for b in $base $widgets $frame tui.c; do
	[ -f "$src/$b" ] || fail "src/tui/$b is listed here but gone: update the layers"
done
# The names are found: tui.c defines tui_run, the frame frame_read_key.
defined "$src" tui.c | grep -qx tui_run || fail "tui_run not found among tui.c's names"
defined "$src" frame.c | grep -qx frame_read_key || fail "frame_read_key not found among frame.c's names"
defined "$src" tableview.c | grep -qx tableview_ops || fail "tableview_ops not found among tableview.c's names"

breaches "$src" >"$tmp/breaches"
[ ! -s "$tmp/breaches" ] || fail "the layers of src/tui are broken:
$(cat "$tmp/breaches")"

# The check sees a breach of each kind: a copy with one put in.
broken() {
	rm -rf "$tmp/copy" && cp -R "$src" "$tmp/copy"
	printf '%s\n' "$2" >>"$tmp/copy/$1"
	breaches "$tmp/copy" >"$tmp/found"
	grep -q "^$1: $3" "$tmp/found" || fail "not seen: $1 with '$2' (found: $(cat "$tmp/found"))"
}
broken help.c 'static void x(struct tui *t) { tui_init(t, 0, 0, 0); }' "calls the main loop"
broken tableview.c 'static void x(void) { tui_done(0); }' "calls the main loop"
broken form.c 'static void x(struct tui *t) { tableview_reload(t, 0); }' "a widget calls a screen"
broken listview.c '#include "find.h"' "includes a screen's header"
broken frame.c 'static void x(struct tui *t) { help_run(t); }' "the frame calls a widget"
broken frame.c 'static const void *x = &tableview_ops;' "the frame calls a screen"
broken figures.c 'static void x(struct tui *t) { frame_message(t, 0, ""); }' "the base calls the frame"
# A comment or a string naming a screen is no call.
rm -rf "$tmp/copy" && cp -R "$src" "$tmp/copy"
printf '%s\n' '/* tableview_reload(t, s) */' 'static const char *y = "help_run(t)";' >>"$tmp/copy/frame.c"
breaches "$tmp/copy" >"$tmp/found"
[ ! -s "$tmp/found" ] || fail "a comment taken for a call: $(cat "$tmp/found")"
exit 0
