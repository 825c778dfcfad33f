/* The encrypted exchange file of offline sync: header, then libsodium
 * secretstream chunks. Every chunk is authenticated together with the
 * header, so neither the key id nor the version can be changed unnoticed,
 * and the last chunk carries the FINAL tag, so a cut file is refused. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tkvv/i18n.h"
#include "tkvv/syncfile.h"

#define MAGIC "TKVVSYNC"
#define MAGIC_LEN 8
#define ID_BYTES 8
/* magic, version byte, key id */
#define HEAD_LEN (MAGIC_LEN + 1 + ID_BYTES)

static int sodium_ready(struct tkvv_err *err)
{
	if (sodium_init() < 0)
		return err_set(err, TKVV_EFAIL, "%s", _("libsodium could not start"));
	return 0;
}

static void key_id_bytes(const unsigned char key[SYNCFILE_KEY_BYTES], unsigned char id[ID_BYTES])
{
	/* A keyed hash of a fixed text: reveals nothing of the key. */
	static const unsigned char what[] = "tkvv district key id";
	crypto_generichash(id, ID_BYTES, what, sizeof what - 1, key, SYNCFILE_KEY_BYTES);
}

void syncfile_key_id(const unsigned char key[SYNCFILE_KEY_BYTES], char out[17])
{
	unsigned char id[ID_BYTES];
	key_id_bytes(key, id);
	sodium_bin2hex(out, 17, id, ID_BYTES);
}

int syncfile_key_new(const char *path, struct tkvv_err *err)
{
	if (sodium_ready(err) < 0)
		return -1;
	unsigned char key[SYNCFILE_KEY_BYTES];
	char hex[2 * SYNCFILE_KEY_BYTES + 2];
	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex - 1, key, sizeof key);
	sodium_memzero(key, sizeof key);
	strcat(hex, "\n");
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 && errno == EEXIST)
		return err_set(err, TKVV_EFAIL, _("%s: already exists; not overwritten"), path);
	if (fd < 0)
		return err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
	size_t n = strlen(hex);
	int ok = write(fd, hex, n) == (ssize_t)n && fsync(fd) == 0;
	int e = errno;
	ok = close(fd) == 0 && ok;
	sodium_memzero(hex, sizeof hex);
	if (!ok) {
		unlink(path);
		return err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(e));
	}
	return 0;
}

int syncfile_key_load(const char *path, unsigned char key[SYNCFILE_KEY_BYTES], struct tkvv_err *err)
{
	if (sodium_ready(err) < 0)
		return -1;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
	char hex[2 * SYNCFILE_KEY_BYTES + 8];
	size_t n = fread(hex, 1, sizeof hex - 1, f);
	fclose(f);
	hex[n] = '\0';
	while (n > 0 && (hex[n - 1] == '\n' || hex[n - 1] == '\r'))
		hex[--n] = '\0';
	size_t got = 0;
	int rc = 0;
	if (n != 2 * SYNCFILE_KEY_BYTES ||
	    sodium_hex2bin(key, SYNCFILE_KEY_BYTES, hex, n, NULL, &got, NULL) != 0 ||
	    got != SYNCFILE_KEY_BYTES)
		rc = err_set(err, TKVV_EFAIL, _("%s: not a district key (64 hex digits; tkvv sync key FILE makes one)"),
			     path);
	sodium_memzero(hex, sizeof hex);
	return rc;
}

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void make_head(const unsigned char key[SYNCFILE_KEY_BYTES], unsigned char head[HEAD_LEN])
{
	memcpy(head, MAGIC, MAGIC_LEN);
	head[MAGIC_LEN] = SYNCFILE_VERSION;
	key_id_bytes(key, head + MAGIC_LEN + 1);
}

/* Encrypt DATA into F: the header, the stream header, the chunks. */
static int write_stream(FILE *f, const unsigned char key[SYNCFILE_KEY_BYTES],
			const unsigned char *data, size_t len)
{
	unsigned char head[HEAD_LEN], sshead[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	crypto_secretstream_xchacha20poly1305_state st;
	make_head(key, head);
	crypto_secretstream_xchacha20poly1305_init_push(&st, sshead, key);
	if (fwrite(head, 1, HEAD_LEN, f) != HEAD_LEN || fwrite(sshead, 1, sizeof sshead, f) != sizeof sshead)
		return -1;
	unsigned char *c = xmalloc(4 + SYNCFILE_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES);
	size_t at = 0;
	int rc = 0;
	do {
		size_t n = len - at < SYNCFILE_CHUNK ? len - at : SYNCFILE_CHUNK;
		unsigned char tag = at + n == len ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
		unsigned long long clen;
		crypto_secretstream_xchacha20poly1305_push(&st, c + 4, &clen, data + at, n, head, HEAD_LEN, tag);
		put_u32(c, (uint32_t)clen);
		if (fwrite(c, 1, 4 + (size_t)clen, f) != 4 + (size_t)clen) {
			rc = -1;
			break;
		}
		at += n;
	} while (at < len);
	free(c);
	return rc;
}

int syncfile_write(const char *path, const unsigned char key[SYNCFILE_KEY_BYTES],
		   const void *data, size_t len, struct tkvv_err *err)
{
	if (sodium_ready(err) < 0)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 && errno == EEXIST)
		return err_set(err, TKVV_EFAIL, _("%s: already exists; not overwritten"), path);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "wb");
	if (!f) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		return err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(e));
	}
	int rc = write_stream(f, key, data, len);
	if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0))
		rc = -1;
	int e = errno;
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc < 0) {
		unlink(path);
		return err_set(err, TKVV_EFAIL, "%s: %s: %s", path, _("cannot write"), strerror(e));
	}
	return 0;
}

/* Read the whole file PATH into *BUF, *LEN. */
static int slurp(const char *path, unsigned char **buf, size_t *len, struct tkvv_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(err, TKVV_EFAIL, "%s: %s", path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	unsigned char *b = xmalloc(cap);
	size_t got;
	while ((got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			b = xrealloc(b, cap *= 2);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(b);
		return err_set(err, TKVV_EFAIL, "%s: %s", path, _("cannot read"));
	}
	*buf = b;
	*len = n;
	return 0;
}

/* Decrypt the chunks of IN (past the headers) into *DATA; returns 0, or
 * the number of the chunk that failed its check. */
static size_t read_stream(const unsigned char *in, size_t len, const unsigned char key[SYNCFILE_KEY_BYTES],
			  unsigned char **data, size_t *dlen)
{
	crypto_secretstream_xchacha20poly1305_state st;
	const unsigned char *head = in;
	size_t at = HEAD_LEN;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, in + at, key) != 0)
		return 1;
	at += crypto_secretstream_xchacha20poly1305_HEADERBYTES;
	size_t cap = len, n = 0, chunk = 0;
	unsigned char *out = xmalloc(cap + 1);
	unsigned char tag = 0;
	while (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		chunk++;
		if (len - at < 4)
			goto bad;
		uint32_t clen = get_u32(in + at);
		at += 4;
		if (clen < crypto_secretstream_xchacha20poly1305_ABYTES ||
		    clen > SYNCFILE_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES || clen > len - at)
			goto bad;
		unsigned long long mlen;
		if (crypto_secretstream_xchacha20poly1305_pull(&st, out + n, &mlen, &tag, in + at, clen,
							      head, HEAD_LEN) != 0)
			goto bad;
		n += (size_t)mlen;
		at += clen;
	}
	if (at != len) {
		chunk++;    /* bytes after the last chunk */
		goto bad;
	}
	*data = out;
	*dlen = n;
	return 0;
bad:
	free(out);
	return chunk;
}

int syncfile_read(const char *path, const unsigned char key[SYNCFILE_KEY_BYTES],
		  unsigned char **data, size_t *len, struct tkvv_err *err)
{
	if (sodium_ready(err) < 0)
		return -1;
	unsigned char *in = NULL;
	size_t n = 0;
	if (slurp(path, &in, &n, err) < 0)
		return -1;
	unsigned char want[HEAD_LEN];
	make_head(key, want);
	int rc = 0;
	if (n < HEAD_LEN || memcmp(in, MAGIC, MAGIC_LEN) != 0)
		rc = err_set(err, TKVV_EFAIL, _("%s: not a tkvv sync file"), path);
	else if (in[MAGIC_LEN] != SYNCFILE_VERSION)
		rc = err_set(err, TKVV_EFAIL, _("%s: sync file version %d; this tkvv reads version %d"),
			     path, in[MAGIC_LEN], SYNCFILE_VERSION);
	else if (memcmp(in + MAGIC_LEN + 1, want + MAGIC_LEN + 1, ID_BYTES) != 0)
		rc = err_set(err, TKVV_EFAIL, _("%s: made with another district's key"), path);
	else if (n < HEAD_LEN + crypto_secretstream_xchacha20poly1305_HEADERBYTES)
		rc = err_set(err, TKVV_EFAIL, _("%s: altered or damaged (chunk %zu)"), path, (size_t)1);
	else {
		size_t bad = read_stream(in, n, key, data, len);
		if (bad)
			rc = err_set(err, TKVV_EFAIL, _("%s: altered or damaged (chunk %zu)"), path, bad);
	}
	free(in);
	return rc;
}
