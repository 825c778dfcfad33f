#!/bin/sh
# `-` as standard input (import) and standard output (export, report,
# roster), and files that already exist: replaced only with --force, else
# one line, exit 1 and the file untouched.
set -eu
tkvv=${top_builddir:-.}/tkvv
data=${top_srcdir:-.}/tests/data
command -v python3 >/dev/null || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d /tmp/tkvv-stdio-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
printf '[general]\nlanguage = en\n' >"$tmp/en.ini"
fail() { echo "FAIL: $*" >&2; exit 1; }
t() { "$tkvv" --db "$tmp/a.db" --config "$tmp/en.ini" "$@"; }
u() { "$tkvv" --db "$tmp/b.db" --config "$tmp/en.ini" "$@"; }
# Expect exit status $1 from the rest (database a), with one line on stderr.
expect() {
	want=$1; shift
	set +e; t "$@" >"$tmp/out" 2>"$tmp/err"; got=$?; set -e
	[ "$got" -eq "$want" ] || fail "$* exited $got, not $want: $(cat "$tmp/err")"
	[ "$want" -eq 0 ] || [ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "$*: not one line: $(cat "$tmp/err")"
}

# import KIND - reads standard input; export KIND - writes standard output:
# a round trip through pipes gives the same files.
for kind in communes hamlets groups members loans payments; do
	t import "$kind" - < "$data/$kind.csv" > "$tmp/out"
	grep -q "^stdin: " "$tmp/out" || fail "import $kind -: $(cat "$tmp/out")"
done
for kind in communes hamlets groups members loans payments; do
	t export "$kind" - | u import "$kind" - > /dev/null || fail "export $kind - | import $kind -"
done
for kind in communes hamlets groups members loans payments; do
	t export "$kind" > "$tmp/a.csv"
	u export "$kind" - > "$tmp/b.csv"
	cmp -s "$tmp/a.csv" "$tmp/b.csv" || fail "$kind differs after the round trip through -"
done
# An error on standard input names stdin, the line and the column.
printf 'member_code,full_name,hamlet_code,group_code\nM0100,A,X99A01,X01A01T01\n' > "$tmp/bad.csv"
set +e; t import members - < "$tmp/bad.csv" 2>"$tmp/err"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "bad stdin import exited $rc"
[ "$(cat "$tmp/err")" = "tkvv: stdin:2:3: hamlet_code 'X99A01' does not exist" ] || fail "stdin error: $(cat "$tmp/err")"
[ ! -e ./- ] || fail "a file named - was made"

# report --out - is standard output, the same as without --out.
t report groups --as-of 2026-10-31 --format csv > "$tmp/r1.csv"
t report groups --as-of 2026-10-31 --format csv --out - > "$tmp/r2.csv"
cmp -s "$tmp/r1.csv" "$tmp/r2.csv" || fail "report --out - differs from stdout"
# xlsx to a pipe is a workbook; to a terminal it would be a usage error.
t report kpi --as-of 2026-10-31 --format xlsx --out - | cat > "$tmp/r.xlsx"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; assert "xl/workbook.xml" in z.namelist()' \
	"$tmp/r.xlsx" || fail "report xlsx to stdout is not a workbook"

# roster - writes csv to standard output, --format xlsx a workbook to a pipe.
t roster --hamlet X01A01 - > "$tmp/ro.csv"
head -n 1 "$tmp/ro.csv" | grep -qx 'group_code,group_name,hamlet_code,no,member_code,full_name,birth_year,address,outstanding,note' \
	|| fail "roster - header: $(head -n 1 "$tmp/ro.csv")"
t roster --hamlet X01A01 "$tmp/ro2.csv" > /dev/null
cmp -s "$tmp/ro.csv" "$tmp/ro2.csv" || fail "roster - differs from the file"
t roster --format xlsx - | cat > "$tmp/ro.xlsx"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None' "$tmp/ro.xlsx" \
	|| fail "roster --format xlsx - is not a workbook"
expect 2 roster --format pdf -
expect 2 roster --format xlsx "$tmp/x.csv"

# An existing file: refused without --force (exit 1, one line, untouched),
# replaced with it.
for cmd in "report groups --as-of 2026-10-31 --format csv --out" "export members" "roster"; do
	printf 'keep me\n' > "$tmp/old.csv"
	# shellcheck disable=SC2086
	expect 1 $cmd "$tmp/old.csv"
	grep -q "already exists" "$tmp/err" || fail "$cmd over a file: $(cat "$tmp/err")"
	[ "$(cat "$tmp/old.csv")" = "keep me" ] || fail "$cmd changed the existing file"
	# shellcheck disable=SC2086
	expect 0 $cmd "$tmp/old.csv" --force
	[ "$(cat "$tmp/old.csv")" != "keep me" ] || fail "$cmd --force did not replace the file"
done
printf 'keep me\n' > "$tmp/old.xlsx"
expect 1 report kpi --as-of 2026-10-31 --format xlsx --out "$tmp/old.xlsx"
[ "$(cat "$tmp/old.xlsx")" = "keep me" ] || fail "report xlsx changed the existing file"
echo "stdio.sh: all passed"
