/* The demo's deterministic building blocks: a PRNG and calendar arithmetic. */
#include "config.h"

#include "demo_internal.h"

/* One step of splitmix64, used to spread a seed over the xoshiro state. */
static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

/* Rotate X left by K bits. */
static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t demo_rng_below(struct demo_rng *r, uint32_t n)
{
	/* The high 32 bits scaled by n: exact integer arithmetic, no modulo bias
	 * worth speaking of for the small n used here. */
	return (uint32_t)(((demo_rng_next(r) >> 32) * n) >> 32);
}

int demo_rng_range(struct demo_rng *r, int lo, int hi)
{
	return lo + (int)demo_rng_below(r, (uint32_t)(hi - lo + 1));
}

double demo_rng_unit(struct demo_rng *r)
{
	return (double)(demo_rng_next(r) >> 11) * 0x1.0p-53;
}

int demo_rng_chance(struct demo_rng *r, double p)
{
	return demo_rng_unit(r) < p;
}

size_t demo_rng_weighted(struct demo_rng *r, const unsigned *weights, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += weights[i];
	unsigned x = demo_rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

/* Howard Hinnant's days_from_civil. */
int demo_day(int year, int month, int mday)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Howard Hinnant's civil_from_days. */
void demo_civil(int day, int *year, int *month, int *mday)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*mday = doy - (153 * mp + 2) / 5 + 1;
	*month = mp < 10 ? mp + 3 : mp - 9;
	*year = yoe + era * 400 + (*month <= 2);
}

int demo_month_of(int day)
{
	int y, m, d;
	demo_civil(day, &y, &m, &d);
	return y * 12 + m - 1;
}

int demo_month_day(int day, int n, int dom)
{
	int month = demo_month_of(day) + n;
	int y = month / 12, m = month % 12 + 1;
	int next = m == 12 ? demo_day(y + 1, 1, 1) : demo_day(y, m + 1, 1);
	int len = next - demo_day(y, m, 1);
	return demo_day(y, m, dom < len ? dom : len);
}

/* Write V as N decimal digits at OUT (written by hand: this runs for
 * every payment, and snprintf would be most of the time). */
static void digits(char *out, int v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
}

void demo_date_str(int day, char out[11])
{
	int y, m, d;
	demo_civil(day, &y, &m, &d);
	digits(out, y, 4);
	out[4] = '-';
	digits(out + 5, m, 2);
	out[7] = '-';
	digits(out + 8, d, 2);
	out[10] = '\0';
}

void demo_month_str(int month, char out[8])
{
	digits(out, month / 12, 4);
	out[4] = '-';
	digits(out + 5, month % 12 + 1, 2);
	out[7] = '\0';
}
