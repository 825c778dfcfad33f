/* The terminal interface: screens over the store, for credit officers. */
#ifndef TKVV_TUI_H
#define TKVV_TUI_H

#include <sqlite3.h>
#include "tkvv/config.h"

/* Run the interface on DB until the officer quits. CONFIG_PATH is read again
 * for its [keys] section (NULL: default keys). Returns an exit status. */
int tui_run(sqlite3 *db, const struct config *cfg, const char *db_path,
	    const char *config_path);

#endif
