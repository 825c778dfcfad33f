/* Translations: message ids are English, po/vi.po gives Vietnamese. */
#ifndef TKVV_I18N_H
#define TKVV_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

/* Set up the locale and the message catalogue for LANGUAGE ("vi" or "en"). */
void i18n_init(const char *language);
/* The locale part of i18n_init: the user's, for characters and messages,
 * with LC_NUMERIC always "C" (printf and scanf of numbers use a dot). */
void i18n_locale(void);

#endif
