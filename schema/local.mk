# Migrations, applied in order by PRAGMA user_version; add new files at the end.
SCHEMA_FILES = \
	schema/001_init.sql \
	schema/002_plans.sql \
	schema/003_rowversion.sql \
	schema/004_rules.sql \
	schema/005_plan_split.sql \
	schema/006_transaction_day.sql \
	schema/007_plan_features.sql \
	schema/008_sync.sql

EXTRA_DIST += $(SCHEMA_FILES) schema/embed.sh
BUILT_SOURCES += schema_sql.c
CLEANFILES += schema_sql.c

schema_sql.c: $(SCHEMA_FILES) schema/embed.sh
	$(AM_V_GEN)(cd $(srcdir) && $(SHELL) schema/embed.sh $(SCHEMA_FILES)) > $@.tmp && mv $@.tmp $@
