/* CSV files: a streaming RFC 4180 reader that names file:line:column in
 * every error, and a writer that quotes only when it must. */
#ifndef TKVV_CSV_H
#define TKVV_CSV_H

#include <stdio.h>
#include "tkvv/util.h"

/* The longest field accepted, in bytes. */
#define CSV_FIELD_MAX 1000

struct csv_reader;

/* Open PATH ("-": standard input, named "stdin" in errors), skip a UTF-8 BOM, detect the delimiter (comma, semicolon or tab)
 * from the header line and read the header. Fails on a missing file, a
 * directory, an empty file or a bad header. */
struct csv_reader *csv_open(const char *path, struct tkvv_err *err);
void csv_close(struct csv_reader *r);

/* Read the next data record: 1 when one was read, 0 at the end of the
 * file, -1 on error. Blank lines are skipped; a file whose header is not
 * followed by any record is an error. Fields are valid UTF-8 in NFC. */
int csv_next_row(struct csv_reader *r, struct tkvv_err *err);

/* The header's fields and the current record's; a record with fewer fields
 * than the header reads the missing ones as empty. */
size_t csv_header_count(const struct csv_reader *r);
const char *csv_header(const struct csv_reader *r, size_t i);
size_t csv_field_count(const struct csv_reader *r);
const char *csv_field(const struct csv_reader *r, size_t i);
/* The physical line where the current record starts (1 is the header). */
unsigned long csv_line(const struct csv_reader *r);
/* The file name as given, for messages. */
const char *csv_path(const struct csv_reader *r);
char csv_delimiter(const struct csv_reader *r);
/* Where LINE and column COL are, for an error: "PATH:LINE:COL", or for an
 * xlsx sheet "PATH:SHEET!C12" (the sheet's row LINE, column COL). */
void csv_where(const struct csv_reader *r, unsigned long line, size_t col, char *buf,
	       size_t size);

/* A writer to F: fields are quoted when they hold the delimiter, a quote,
 * CR or LF; records end with LF. */
struct csv_writer {
	FILE *f;
	char delim;
	size_t fields;  /* fields written on the current record */
};
void csv_writer_init(struct csv_writer *w, FILE *f, char delim);
void csv_put(struct csv_writer *w, const char *field);
void csv_end_row(struct csv_writer *w);

#endif
