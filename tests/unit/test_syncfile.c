/* The sync exchange file: what is written reads back, with the right key
 * only; a file made with another key, altered in any chunk, cut short or
 * lengthened is refused with the reason and no data. */
#include "config.h"

#include <sys/stat.h>

#include "testutil.h"
#include "tkvv/syncfile.h"

/* DATA of N bytes: a pattern that differs in every chunk. */
static unsigned char *pattern(size_t n)
{
	unsigned char *d = xmalloc(n ? n : 1);
	for (size_t i = 0; i < n; i++)
		d[i] = (unsigned char)(i * 7 + i / SYNCFILE_CHUNK);
	return d;
}

static void key_at(const char *dir, const char *name, unsigned char key[SYNCFILE_KEY_BYTES])
{
	char *p = xasprintf("%s/%s", dir, name);
	struct tkvv_err err;
	ck_assert_int_eq(syncfile_key_new(p, &err), 0);
	struct stat sb;
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(sb.st_size, 65);
	ck_assert_int_eq(syncfile_key_load(p, key, &err), 0);
	/* Never over an existing key. */
	ck_assert_int_eq(syncfile_key_new(p, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "already exists"));
	free(p);
}

/* Flip one bit of PATH at offset AT (from the end when negative). */
static void damage(const char *path, long at)
{
	FILE *f = fopen(path, "r+b");
	ck_assert_ptr_nonnull(f);
	fseek(f, at, at < 0 ? SEEK_END : SEEK_SET);
	long pos = ftell(f);
	int c = fgetc(f);
	fseek(f, pos, SEEK_SET);
	fputc(c ^ 0x01, f);
	fclose(f);
}

static off_t size_of(const char *path)
{
	struct stat sb;
	ck_assert_int_eq(stat(path, &sb), 0);
	return sb.st_size;
}

START_TEST(test_round_trip)
{
	setlocale(LC_ALL, "C.UTF-8");
	char *dir = tu_tmpdir();
	unsigned char key[SYNCFILE_KEY_BYTES];
	key_at(dir, "k", key);
	/* empty, less than a chunk, exactly two chunks, two and a bit */
	size_t sizes[] = {0, 1000, 2 * SYNCFILE_CHUNK, 2 * SYNCFILE_CHUNK + 5};
	for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
		char *p = xasprintf("%s/f%zu", dir, i);
		unsigned char *d = pattern(sizes[i]), *back = NULL;
		size_t blen = 99;
		struct tkvv_err err;
		ck_assert_int_eq(syncfile_write(p, key, d, sizes[i], &err), 0);
		/* the plain text is not in the file */
		if (sizes[i] >= 1000) {
			unsigned char *raw;
			FILE *f = fopen(p, "rb");
			raw = xmalloc((size_t)size_of(p));
			ck_assert_uint_eq(fread(raw, 1, (size_t)size_of(p), f), (size_t)size_of(p));
			fclose(f);
			ck_assert_ptr_null(memmem(raw, (size_t)size_of(p), d + 100, 64));
			free(raw);
		}
		ck_assert_int_eq(syncfile_read(p, key, &back, &blen, &err), 0);
		ck_assert_uint_eq(blen, sizes[i]);
		ck_assert(sizes[i] == 0 || memcmp(back, d, sizes[i]) == 0);
		/* never over an existing file */
		ck_assert_int_eq(syncfile_write(p, key, d, sizes[i], &err), -1);
		free(back);
		free(d);
		free(p);
	}
	tu_rmdir(dir);
}
END_TEST

/* Read PATH with KEY expecting a refusal containing WHAT. */
static void refused(const char *path, const unsigned char *key, const char *what)
{
	unsigned char *back = NULL;
	size_t blen = 0;
	struct tkvv_err err;
	ck_assert_int_eq(syncfile_read(path, key, &back, &blen, &err), -1);
	ck_assert_int_eq(err.code, TKVV_EFAIL);
	ck_assert_msg(strstr(err.msg, what) != NULL, "%s: '%s' lacks '%s'", path, err.msg, what);
	ck_assert_ptr_null(back);
}

START_TEST(test_refusals)
{
	setlocale(LC_ALL, "C.UTF-8");
	char *dir = tu_tmpdir();
	unsigned char key[SYNCFILE_KEY_BYTES], other[SYNCFILE_KEY_BYTES];
	key_at(dir, "k", key);
	key_at(dir, "other", other);
	char a[17], b[17];
	syncfile_key_id(key, a);
	syncfile_key_id(other, b);
	ck_assert_str_ne(a, b);
	size_t n = 3 * SYNCFILE_CHUNK + 10;
	unsigned char *d = pattern(n);
	struct tkvv_err err;
	/* header 8+1+8, stream header 24; each chunk 4 + len + 17 */
	long first = 8 + 1 + 8 + 24;
	long chunk = 4 + SYNCFILE_CHUNK + 17;
	struct { const char *name; long at; const char *what; } cases[] = {
		{"magic", 0, "not a tkvv sync file"},
		{"version", 8, "version 0"},
		{"keyid", 12, "another district's key"},
		{"sshead", 20, "chunk 1"},
		{"chunk1", first + 100, "chunk 1"},
		{"chunk2", first + chunk + 50, "chunk 2"},
		{"len3", first + 2 * chunk + 2, "chunk 3"},
		{"last", -1, "chunk 4"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *p = xasprintf("%s/%s", dir, cases[i].name);
		ck_assert_int_eq(syncfile_write(p, key, d, n, &err), 0);
		damage(p, cases[i].at);
		refused(p, key, cases[i].what);
		free(p);
	}
	/* another district's key */
	char *p = xasprintf("%s/foreign", dir);
	ck_assert_int_eq(syncfile_write(p, other, d, n, &err), 0);
	refused(p, key, "made with another district's key");
	/* cut after the third chunk: no FINAL tag */
	char *cut = xasprintf("%s/cut", dir);
	ck_assert_int_eq(syncfile_write(cut, key, d, n, &err), 0);
	ck_assert_int_eq(truncate(cut, first + 3 * chunk), 0);
	refused(cut, key, "chunk 4");
	/* bytes after the last chunk */
	char *longer = xasprintf("%s/longer", dir);
	ck_assert_int_eq(syncfile_write(longer, key, d, n, &err), 0);
	FILE *f = fopen(longer, "ab");
	fputs("x", f);
	fclose(f);
	refused(longer, key, "chunk 5");
	/* not a key */
	char *bad = tu_write(dir, "badkey", "0123\n");
	ck_assert_int_eq(syncfile_key_load(bad, other, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a district key"));
	free(bad);
	free(longer);
	free(cut);
	free(p);
	free(d);
	tu_rmdir(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("syncfile");
	TCase *tc = tcase_create("syncfile");
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_refusals);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
