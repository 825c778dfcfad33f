/* Commands whose files are being written: each is replaced by cmd_NAME.c. */
#include "config.h"

#include <stdio.h>

#include "cli.h"

#define PENDING(name) \
	int cmd_##name(struct cli *cli, int argc, char **argv) \
	{ \
		(void)cli; (void)argc; (void)argv; \
		fprintf(stderr, "tkvv: '%s' is not in this build\n", #name); \
		return TKVV_EFAIL; \
	}
