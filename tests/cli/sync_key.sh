#!/bin/sh
# tkvv sync key FILE: a district key of 64 hex digits, mode 0600 whatever
# the umask, its id printed; two keys differ; never over an existing file
# (exit 1, the file unchanged); no FILE is a usage error (exit 2).
set -eu
NAME=synckey
. "${top_srcdir:-.}/tests/cli/lib.sh"
printf '[general]\nlanguage = en\n' >"$tmp/en.ini"
t() { "$tkvv" --config "$tmp/en.ini" "$@"; }

umask 022
t sync key "$tmp/k" >"$tmp/out" || fail "sync key"
grep -Eq "^$tmp/k: district key [0-9a-f]{16} written" "$tmp/out" || fail "output: $(cat "$tmp/out")"
[ "$(stat -c %a "$tmp/k")" = 600 ] || fail "mode $(stat -c %a "$tmp/k")"
grep -Eqx '[0-9a-f]{64}' "$tmp/k" || fail "key: $(cat "$tmp/k")"
[ "$(wc -l <"$tmp/k")" = 1 ] || fail "the key is not one line"
t sync key "$tmp/k2" >/dev/null || fail "second key"
! cmp -s "$tmp/k" "$tmp/k2" || fail "two keys are the same"
cp "$tmp/k" "$tmp/k.before"
rc=0; t sync key "$tmp/k" >/dev/null 2>"$tmp/err" || rc=$?
[ "$rc" = 1 ] || fail "overwrite: exit $rc"
grep -q "already exists; not overwritten" "$tmp/err" || fail "overwrite: $(cat "$tmp/err")"
cmp -s "$tmp/k" "$tmp/k.before" || fail "the existing key was changed"
for args in "sync" "sync key" "sync key a b" "sync nope"; do
	rc=0; t $args >/dev/null 2>&1 || rc=$?
	[ "$rc" = 2 ] || fail "tkvv $args: exit $rc, not 2"
done
exit 0
