/* Names for the demo: communes, hamlets, xóm, people, phones and CCCDs.
 * Trà Cú's communes are the real ones; the rest is built from parts. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "demo_internal.h"

/* Trà Vinh's nine districts; TRA_CU is the one with real commune names. */
static const struct {
	const char *name, *prefix;
	int urban;     /* communes are wards (phường) in a city or town */
	double khmer;  /* the share of Khmer households, roughly */
} districts[] = {
	{"Càng Long", "CL", 0, 0.05}, {"Cầu Kè", "CK", 0, 0.3}, {"Tiểu Cần", "TC", 0, 0.3},
	{"Châu Thành", "CT", 0, 0.35}, {"Cầu Ngang", "CN", 0, 0.35}, {"Trà Cú", "", 0, 0.4},
	{"Duyên Hải", "DH", 0, 0.15}, {"Trà Vinh", "TV", 1, 0.15}, {"Duyên Hải", "TX", 1, 0.1},
};
enum { TRA_CU = 5 };

static const struct {
	const char *code, *name, *kind;
} tra_cu[] = {
	{"TTTC", "Thị trấn Trà Cú", "thi_tran"}, {"TTDA", "Thị trấn Định An", "thi_tran"},
	{"PHH", "Xã Phước Hưng", "xa"}, {"TPS", "Xã Tập Sơn", "xa"},
	{"TNS", "Xã Tân Sơn", "xa"}, {"AQH", "Xã An Quảng Hữu", "xa"},
	{"LNA", "Xã Lưu Nghiệp Anh", "xa"}, {"NXN", "Xã Ngãi Xuyên", "xa"},
	{"KMS", "Xã Kim Sơn", "xa"}, {"THS", "Xã Thanh Sơn", "xa"},
	{"HMG", "Xã Hàm Giang", "xa"}, {"HMT", "Xã Hàm Tân", "xa"},
	{"DAN", "Xã Đại An", "xa"}, {"DNA", "Xã Định An", "xa"},
	{"NGB", "Xã Ngọc Biên", "xa"}, {"LGH", "Xã Long Hiệp", "xa"},
	{"TNH", "Xã Tân Hiệp", "xa"},
};

/* Parts of generated commune names: 17 first parts, so (5i + d) mod 17
 * gives every commune of a district a different one. */
static const char *const commune_first[] = {
	"An", "Bình", "Đại", "Đức", "Hiếu", "Hòa", "Long", "Mỹ", "Ngũ",
	"Phong", "Phú", "Phước", "Tân", "Thanh", "Thạnh", "Trường", "Vĩnh",
};
static const char *const commune_second[] = {
	"Phú", "Mỹ", "Hòa", "Thạnh", "Lợi", "Hưng", "Thuận", "Sơn", "Đông",
	"Tây", "Bình", "Hảo", "Trung", "Khánh", "Lộc",
};

int demo_district_count(void)
{
	return (int)ARRAY_LEN(districts);
}

double demo_district_khmer(int district)
{
	return districts[district].khmer;
}

int demo_home_district(void)
{
	return TRA_CU;
}

int demo_district_communes(int district)
{
	return district == TRA_CU ? (int)ARRAY_LEN(tra_cu) : 17;
}

void demo_commune_identity(int district, int commune, char code[16],
			   char name[96], const char **kind)
{
	if (district == TRA_CU) {
		snprintf(code, 16, "%s", tra_cu[commune].code);
		snprintf(name, 96, "%s", tra_cu[commune].name);
		*kind = tra_cu[commune].kind;
		return;
	}
	snprintf(code, 16, "%s%02d", districts[district].prefix, commune + 1);
	if (districts[district].urban && commune < 9) {
		snprintf(name, 96, "Phường %d", commune + 1);
		*kind = "thi_tran";
	} else if (!districts[district].urban && commune == 0) {
		snprintf(name, 96, "Thị trấn %s", districts[district].name);
		*kind = "thi_tran";
	} else {
		snprintf(name, 96, "Xã %s %s", commune_first[(5 * commune + district) % 17],
			 commune_second[(3 * commune + 2 * district) % ARRAY_LEN(commune_second)]);
		*kind = "xa";
	}
}

/* Hamlet names seen in Trà Cú, and parts to build more. */
static const char *const hamlet_whole[] = {
	"Chợ", "Giồng Lớn", "Sóc Chuối", "Bến Thế", "Xoài Xiêm", "Đôn Chụm",
	"Ba Cụm", "Cây Da", "Chông Bát", "Mé Rạch", "Vàm Buôn", "Kinh Xáng",
	"Nô Công", "Cà Hom", "Ô Rung", "Trà Sất", "Ô Chát", "Đầu Giồng",
	"Rạch Bót", "Tha La", "Ngã Ba", "Búng Lớn", "Leng", "Sà Vần", "Bến Có",
	"Xoài Rùm", "Chà Và", "Giồng Cao", "Lạc Hòa", "Cây Gòn", "Phú Thọ",
};
static const char *const hamlet_root[] = {
	"Giồng", "Sóc", "Bến", "Xoài", "Đôn", "Cây", "Rạch", "Vàm", "Kinh",
	"Ô", "Trà", "Nô", "Bà", "Cà", "Mé", "Búng", "Chòm", "Bưng", "Ngã",
};
static const char *const hamlet_tail[] = {
	"Lớn", "Nhỏ", "Chuối", "Thế", "Xiêm", "Chụm", "Da", "Dừa", "Me", "Gòn",
	"Sen", "Tre", "Cao", "Giữa", "Trên", "Dưới", "Mới", "Rùm", "Kha",
	"Lọp", "Cụt", "Chùa", "Tháp", "Sâm", "Bông", "Đình", "Ớt", "Tưa",
};

/* True when NAME is among the first N of OUT. */
static int name_taken(char (*out)[64], int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(out[i], name) == 0)
			return 1;
	return 0;
}

void demo_hamlet_names(struct demo_rng *r, const char *kind, int n, char (*out)[64])
{
	int urban = strcmp(kind, "thi_tran") == 0;
	for (int i = 0; i < n; i++) {
		char name[64];
		do {
			if (urban && i < n / 2 + 1)
				snprintf(name, sizeof name, "Khóm %d", i + 1);
			else if (demo_rng_chance(r, 0.45))
				snprintf(name, sizeof name, "Ấp %s",
					 hamlet_whole[demo_rng_below(r, ARRAY_LEN(hamlet_whole))]);
			else
				snprintf(name, sizeof name, "Ấp %s %s",
					 hamlet_root[demo_rng_below(r, ARRAY_LEN(hamlet_root))],
					 hamlet_tail[demo_rng_below(r, ARRAY_LEN(hamlet_tail))]);
		} while (name_taken(out, i, name));
		memcpy(out[i], name, sizeof name);
	}
}

void demo_cluster_names(struct demo_rng *r, int n, char (*out)[32])
{
	static const char *const named[] = {
		"Chùa", "Giữa", "Trên", "Dưới", "Bến", "Cầu", "Mới", "Vàm", "Rẫy",
		"Giồng", "Chợ", "Đình", "Lò Gạch", "Ruộng", "Kinh", "Đồng", "Bưng", "Sóc",
	};
	size_t order[ARRAY_LEN(named)];
	for (size_t i = 0; i < ARRAY_LEN(named); i++)
		order[i] = i;
	int numbered = n > (int)ARRAY_LEN(named) || demo_rng_chance(r, 0.5);
	for (int i = 0; i < n; i++) {
		if (numbered) {
			snprintf(out[i], 32, "Xóm %d", i + 1);
			continue;
		}
		/* A partial Fisher-Yates shuffle keeps the names distinct. */
		size_t j = (size_t)i + demo_rng_below(r, (uint32_t)(ARRAY_LEN(named) - (size_t)i));
		size_t t = order[i];
		order[i] = order[j];
		order[j] = t;
		snprintf(out[i], 32, "Xóm %s", named[order[i]]);
	}
}

/* Kinh names: family names weighted by how common they are. */
static const char *const kinh_family[] = {
	"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi",
	"Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đoàn", "Lương", "Mai", "Cao", "Tô",
};
static const unsigned kinh_family_w[] = {
	30, 11, 9, 6, 6, 5, 4, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1,
};
static const char *const kinh_middle_f[] = {"Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Hồng"};
static const char *const kinh_middle_m[] = {"Văn", "Văn", "Văn", "Hữu", "Minh", "Thanh", "Quốc", "Hoàng", "Công"};
static const char *const kinh_given_f[] = {
	"Hoa", "Lan", "Hương", "Mai", "Ánh", "Tâm", "Thu", "Hạnh", "Nga", "Hằng",
	"Liên", "Thảo", "Trang", "Loan", "Dung", "Phượng", "Yến", "Nhung", "Cúc",
	"Tuyết", "Diễm", "Ngân", "Hồng", "Xuân", "Thủy", "Bích", "Kiều", "Út",
};
static const char *const kinh_given_m[] = {
	"Đức", "Hùng", "Dũng", "Tâm", "Hải", "Minh", "Phúc", "Tài", "Thành",
	"Tuấn", "Hiếu", "Lộc", "Nghĩa", "Phong", "Sơn", "Tùng", "Vinh", "Bảy",
	"Tám", "Chín", "Mười", "Quang", "Trung", "Khánh", "Hòa", "Long", "Út",
};
/* Khmer names as they are written in Vietnamese. */
static const char *const khmer_family[] = {
	"Thạch", "Kim", "Sơn", "Danh", "Lâm", "Triệu", "Kiên", "Châu",
};
static const unsigned khmer_family_w[] = {32, 18, 16, 10, 8, 6, 5, 5};
static const char *const khmer_syl_f[] = {
	"Sa", "Sà", "Sóc", "Chanh", "Ni", "Rươne", "Đa", "Phiên", "Vy", "Rinh",
	"Mol", "Ly", "Ty", "Thươne", "Chênh", "Sê", "Sen", "Pho", "Na", "Phal",
};
static const char *const khmer_syl_m[] = {
	"Sóc", "Kha", "Sà", "Phone", "Sa", "Rơn", "Chanh", "Thu", "Đa", "Ra",
	"Phol", "Tha", "Rết", "Bunh", "Chăn", "Mết", "Sanh", "Khol", "Sang", "Vươl",
};

#define PICK(r, a) ((a)[demo_rng_below((r), (uint32_t)ARRAY_LEN(a))])

void demo_person_name(struct demo_rng *r, int khmer, int female, char *out, size_t size)
{
	if (!khmer) {
		const char *family = kinh_family[demo_rng_weighted(r, kinh_family_w,
								   ARRAY_LEN(kinh_family_w))];
		if (female)
			snprintf(out, size, "%s %s %s", family, PICK(r, kinh_middle_f), PICK(r, kinh_given_f));
		else
			snprintf(out, size, "%s %s %s", family, PICK(r, kinh_middle_m), PICK(r, kinh_given_m));
		return;
	}
	const char *family = khmer_family[demo_rng_weighted(r, khmer_family_w,
							    ARRAY_LEN(khmer_family_w))];
	const char *const *syl = female ? khmer_syl_f : khmer_syl_m;
	uint32_t nsyl = female ? (uint32_t)ARRAY_LEN(khmer_syl_f) : (uint32_t)ARRAY_LEN(khmer_syl_m);
	const char *a = syl[demo_rng_below(r, nsyl)];
	const char *b = syl[demo_rng_below(r, nsyl)];
	int two = demo_rng_chance(r, 0.6) && strcmp(a, b) != 0;
	int middle = female ? demo_rng_chance(r, 0.7) : demo_rng_chance(r, 0.15);
	snprintf(out, size, "%s%s%s%s%s", family, middle ? (female ? " Thị " : " Văn ") : " ",
		 a, two ? " " : "", two ? b : "");
}

void demo_phone(struct demo_rng *r, char *out, size_t size)
{
	static const char *const prefixes[] = {
		"032", "033", "034", "035", "036", "037", "038", "039", "070", "076",
		"077", "078", "079", "081", "082", "083", "084", "085", "086", "088",
		"089", "090", "091", "093", "094", "096", "097", "098",
	};
	const char *p = PICK(r, prefixes);
	unsigned rest = demo_rng_below(r, 10000000);
	/* Stored as import stores a phone: its 10 digits (the draw that once
	 * chose a spaced form is kept, so that the rest of a seed's data stays). */
	(void)demo_rng_chance(r, 0.2);
	snprintf(out, size, "%s%07u", p, rest);
}

/* A bijection of [0, 10^6): a four-round Feistel network on two halves of
 * three digits, so serial numbers look random yet never repeat. */
static unsigned long long shuffle_serial(unsigned long long x)
{
	unsigned long long left = x / 1000 % 1000, right = x % 1000;
	for (unsigned long long round = 1; round <= 4; round++) {
		unsigned long long f = (right * 0x9e3779b1u + round * 0x85ebca6bu) >> 7;
		unsigned long long t = (left + f) % 1000;
		left = right;
		right = t;
	}
	return left * 1000 + right;
}

void demo_national_id(uint64_t index, int female, int birth_year, char out[13])
{
	/* Trà Vinh's province code 084, then the gender and century digit, the
	 * year of birth, and six digits that are a bijection of the person's
	 * index, so no two people of a run (up to a million) share a number. */
	int gender = (birth_year >= 2000 ? 2 : 0) + (female ? 1 : 0);
	unsigned long long serial = shuffle_serial(index % 1000000u);
	unsigned long long v = 84000000000ULL + (unsigned long long)gender * 100000000ULL +
			       (unsigned long long)(birth_year % 100) * 1000000ULL + serial;
	for (int i = 11; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
	out[12] = '\0';
}
