/* The exchange file of offline sync (issue 14): what goes between the
 * office and the laptops on a USB stick, encrypted and authenticated with
 * the district key. */
#ifndef TKVV_SYNCFILE_H
#define TKVV_SYNCFILE_H

#include <stddef.h>

#include "tkvv/util.h"

#define SYNCFILE_KEY_BYTES 32
#define SYNCFILE_VERSION 1
/* Plain bytes per encrypted chunk; the last chunk may be shorter. */
#define SYNCFILE_CHUNK 65536

/* Make a new district key at PATH (mode 0600, never over an existing
 * file): 32 random bytes written as 64 hex digits and a newline. */
int syncfile_key_new(const char *path, struct tkvv_err *err);
/* Read the district key at PATH into KEY. */
int syncfile_key_load(const char *path, unsigned char key[SYNCFILE_KEY_BYTES],
		      struct tkvv_err *err);
/* The key's public id (the first 8 bytes of a keyed hash, as 16 hex
 * digits): what the file header carries, so that a file made with another
 * district's key is named as such. */
void syncfile_key_id(const unsigned char key[SYNCFILE_KEY_BYTES], char out[17]);

/* Write LEN bytes of DATA to the new file PATH (never over an existing one,
 * mode 0600): the header "TKVVSYNC", the version, the key id, then
 * crypto_secretstream_xchacha20poly1305 chunks, each authenticated with
 * the header. On failure nothing is left at PATH. */
int syncfile_write(const char *path, const unsigned char key[SYNCFILE_KEY_BYTES],
		   const void *data, size_t len, struct tkvv_err *err);
/* Read and check the file PATH made with KEY: *DATA (to free) and *LEN.
 * Refused (TKVV_EFAIL) when it is not a sync file, of another version,
 * made with another district's key, or altered, cut or damaged (the chunk
 * named, counted from 1). */
int syncfile_read(const char *path, const unsigned char key[SYNCFILE_KEY_BYTES],
		  unsigned char **data, size_t *len, struct tkvv_err *err);

#endif
