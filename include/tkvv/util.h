/* Small helpers shared by every module: allocation, strings, errors. */
#ifndef TKVV_UTIL_H
#define TKVV_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Exit codes of the command line (interfaces.md). */
enum tkvv_status {
	TKVV_OK = 0,
	TKVV_EFAIL = 1,   /* the request could not be done; nothing written */
	TKVV_EUSAGE = 2,  /* usage error */
	TKVV_EBUSY = 3    /* database busy, locked or unreadable */
};

/* An error carried back to the caller: a status and one line of text. */
struct tkvv_err {
	int code;
	char msg[1024];
};

#ifndef __GNUC__
#define __attribute__(x)
#endif

/* Fill ERR (when not NULL) with CODE and a formatted message; returns -1. */
int err_set(struct tkvv_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void err_clear(struct tkvv_err *err);

/* Allocation that aborts on failure: the one place out-of-memory is handled. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable string. */
struct strbuf {
	char *buf;
	size_t len, cap;
};
void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Take ownership of the buffer (never NULL); the strbuf is left empty. */
char *sb_detach(struct strbuf *sb);

/* The login name for the audit log. */
const char *util_user(void);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
