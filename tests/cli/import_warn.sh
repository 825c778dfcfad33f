#!/bin/sh
# A members file that puts more members in a group than groups.max_members
# is imported (it is the bank's data) but its summary says so, with the
# groups and their counts, as `tkvv check` would report them later.
set -u
bin=${top_builddir:-.}/tkvv
data=${top_srcdir:-.}/tests/data
tmp=$(mktemp -d /tmp/tkvv-warn-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
printf '[general]\nlanguage = en\n' >"$tmp/tkvv.ini"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
tk() {
	"$bin" --db "$tmp/t.db" --config "$tmp/tkvv.ini" "$@" >"$tmp/out" 2>"$tmp/err"
}

for kind in communes hamlets groups; do
	tk import "$kind" "$data/$kind.csv" || fail "import $kind: $(cat "$tmp/err")"
done
# Within the bound: no warning.
tk import members "$data/members.csv" || fail "import members: $(cat "$tmp/err")"
grep -q warning "$tmp/out" && fail "a warning within the bound: $(cat "$tmp/out")"

# 61 more members in X01A01T01, 70 in X01A02T01.
{
	echo "member_code,full_name,hamlet_code,group_code"
	i=1
	while [ "$i" -le 61 ]; do echo "N$i,Nguyễn Văn A,X01A01,X01A01T01"; i=$((i + 1)); done
	i=1
	while [ "$i" -le 70 ]; do echo "P$i,Trần Thị B,X01A02,X01A02T01"; i=$((i + 1)); done
} >"$tmp/big.csv"
before=$(sqlite3 "$tmp/t.db" "SELECT count(*) FROM members WHERE group_id = (SELECT id FROM groups WHERE code = 'X01A01T01')")
tk import members "$tmp/big.csv"
rc=$?
[ "$rc" -eq 0 ] || fail "oversized groups refused (exit $rc): $(cat "$tmp/err")"
n1=$((before + 61))
n2=$(sqlite3 "$tmp/t.db" "SELECT count(*) FROM members WHERE group_id = (SELECT id FROM groups WHERE code = 'X01A02T01')")
[ "$n2" -ge 70 ] || fail "not imported: $n2 members in X01A02T01"
[ "$(head -1 "$tmp/out")" = "$tmp/big.csv: 131 added, 0 updated, 0 unchanged" ] || fail "summary: $(cat "$tmp/out")"
[ "$(sed -n 2p "$tmp/out")" = "warning: 2 groups have more than 60 members (groups.max_members; tkvv check reports them): X01A01T01 ($n1), X01A02T01 ($n2)" ] ||
	fail "warning: $(cat "$tmp/out")"
# The same groups as check's rule.
tk check
grep -q "group X01A01T01: $n1 members, more than 60" "$tmp/out" || fail "check: $(cat "$tmp/out")"
# A higher bound in the config: no warning.
printf '[general]\nlanguage = en\n[groups]\nmax_members = 100\n' >"$tmp/tkvv.ini"
tk import members "$tmp/big.csv" || fail "re-import: $(cat "$tmp/err")"
grep -q warning "$tmp/out" && fail "a warning under max_members = 100: $(cat "$tmp/out")"

[ "$fails" -eq 0 ] && echo "import_warn: ok"
exit "$fails"
