/* Choosing the interface language. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"

void i18n_init(const char *language)
{
	const char *loc = setlocale(LC_ALL, "");
	/* gettext ignores LANGUAGE under the C locale; text is UTF-8 anyway. */
	if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
		setlocale(LC_ALL, "C.UTF-8");
#ifdef ENABLE_NLS
	if (language && *language)
		setenv("LANGUAGE", language, 1);
	bindtextdomain(PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)language;
#endif
}
