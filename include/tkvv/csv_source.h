/* What the CSV reader reads: an xlsx workbook's sheet, or text in UTF-16 or
 * Windows-1258, turned into UTF-8 CSV before the reader sees a byte. */
#ifndef TKVV_CSV_SOURCE_H
#define TKVV_CSV_SOURCE_H

#include <stdio.h>
#include "tkvv/util.h"

/* The sheet to read from an xlsx (NULL: the first) and the encoding of a
 * text file (NULL: detected): "utf-8", "utf-16", "cp1258". For every
 * csv_open that follows; the strings are kept, not copied. */
void csv_source_set(const char *sheet, const char *encoding);
/* Whether NAME is an encoding csv_source_set accepts. */
int csv_source_encoding_ok(const char *name);

/* Look at F (opened from PATH) and return what the reader should read: F
 * itself (plain UTF-8, at its start) or a temporary file holding UTF-8 CSV,
 * in which case F is closed unless it is stdin. NULL with ERR set on
 * error (F is then closed unless stdin). */
FILE *csv_source_open(const char *path, FILE *f, struct tkvv_err *err);

/* The name of the sheet the last csv_source_open read (to free), or NULL
 * when it read no xlsx. */
char *csv_source_sheet(void);

/* The first sheet (or the sheet named SHEET) of the xlsx workbook PATH as
 * UTF-8 CSV into OUT, one line per row (line N is row N), empty cells for
 * the columns skipped (column N is column N: A is 1); *NAME the sheet's
 * name (to free). */
int xlsx_to_csv(const char *path, const char *sheet, FILE *out, char **name,
		struct tkvv_err *err);

/* Convert LEN bytes of IN from encoding FROM (an iconv name) to UTF-8 into
 * OUT; -1 with ERR naming PATH and the byte offset when one cannot be. */
int csv_transcode(const char *path, const char *from, const char *in, size_t len, FILE *out,
		  struct tkvv_err *err);

#endif
