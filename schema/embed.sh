#!/bin/sh
# Turn the numbered migrations into a C array of strings (schema_sql.c).
set -e
echo '/* Generated from the schema migrations by schema/embed.sh: do not edit. */'
echo '#include <stddef.h>'
echo 'const char *const schema_migrations[] = {'
for f in "$@"; do
	printf '\t/* %s */\n' "$(basename "$f")"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$/\\n"/' "$f"
	printf '\t,\n'
done
echo '};'
echo "const size_t schema_migration_count = sizeof schema_migrations / sizeof schema_migrations[0];"
