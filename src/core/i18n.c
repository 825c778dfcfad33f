/* Choosing the interface language. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tkvv/i18n.h"

#ifdef ENABLE_NLS
#include <unistd.h>

/* Where the catalogues are: $TKVV_LOCALEDIR, else LOCALEDIR when it holds
 * tkvv's, else locale/ beside the program (a build that is not installed). */
static const char *i18n_localedir(char *buf, size_t n)
{
	const char *env = getenv("TKVV_LOCALEDIR");
	if (env && *env)
		return env;
	if (access(LOCALEDIR "/vi/LC_MESSAGES/" PACKAGE ".mo", R_OK) == 0)
		return LOCALEDIR;
	ssize_t len = readlink("/proc/self/exe", buf, n - 16);
	char *slash = len > 0 ? memrchr(buf, '/', (size_t)len) : NULL;
	if (!slash)
		return LOCALEDIR;
	strcpy(slash, "/locale");
	return buf;
}
#endif

void i18n_locale(void)
{
	const char *loc = setlocale(LC_ALL, "");
	/* gettext ignores LANGUAGE under the C locale; text is UTF-8 anyway. */
	if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
		setlocale(LC_ALL, "C.UTF-8");
	/* Numbers in files, the config, arguments and json have a dot whatever
	 * the user's locale (vi_VN has a decimal comma); the screen writes its
	 * own decimal mark. */
	setlocale(LC_NUMERIC, "C");
}

void i18n_init(const char *language)
{
	i18n_locale();
#ifdef ENABLE_NLS
	if (language && *language)
		setenv("LANGUAGE", language, 1);
	char buf[4096];
	bindtextdomain(PACKAGE, i18n_localedir(buf, sizeof buf));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)language;
#endif
}
