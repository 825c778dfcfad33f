/* Geography of the demo: district and commune centres, and households along
 * the bent canal or road that makes a Mekong-delta hamlet a long strip. */
#include "config.h"

#include <string.h>

#include "demo_internal.h"

/* Metres per degree at latitude 9.7°: constants, so no libm is involved. */
#define M_PER_DEG_LAT 110600.0
#define M_PER_DEG_LON 109730.0

/* Trà Cú's centre; the other districts sit on a 0.3° grid around it. */
#define HOME_LAT 9.70
#define HOME_LON 106.27

/* A point walking along the road: position and unit direction in metres,
 * and how far until the road bends. */
struct walker {
	double x, y, ux, uy, left;
};

/* Turn W by the angle whose half-tangent is T (a rational rotation). */
static void turn(struct walker *w, double t)
{
	double c = (1 - t * t) / (1 + t * t), s = 2 * t / (1 + t * t);
	double ux = w->ux * c - w->uy * s;
	w->uy = w->ux * s + w->uy * c;
	w->ux = ux;
}

/* Bend the road by up to about 33° and pick the next straight stretch. */
static void bend(struct demo_rng *r, struct walker *w)
{
	turn(w, (demo_rng_unit(r) * 2 - 1) * 0.3);
	w->left = 250 + 550 * demo_rng_unit(r);
}

/* Move W D metres along the road, bending where a stretch ends. */
static void walk(struct demo_rng *r, struct walker *w, double d)
{
	while (d > w->left) {
		w->x += w->ux * w->left;
		w->y += w->uy * w->left;
		d -= w->left;
		bend(r, w);
	}
	w->x += w->ux * d;
	w->y += w->uy * d;
	w->left -= d;
}

/* Round a coordinate to a millionth of a degree (about 0.1 m). */
static double micro(double deg)
{
	return (double)(long long)(deg * 1e6 + 0.5) / 1e6;
}

void demo_commune_centre(struct demo_rng *r, int district, int commune,
			 double *lat, double *lon)
{
	/* Districts on a 3 x 3 grid with Trà Cú (5) at row 1, column 2. */
	double dlat = HOME_LAT + (1 - district / 3) * 0.30;
	double dlon = HOME_LON + (district % 3 - 2) * 0.30;
	/* Communes on a 5 x 4 grid of 6 x 7 km cells, three corners empty. */
	static const int cells[] = {1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
	int cell = cells[commune % 17];
	double x = (cell % 5 - 2) * 6000.0 + (demo_rng_unit(r) * 2 - 1) * 1000;
	double y = (1.5 - cell / 5) * 7000.0 + (demo_rng_unit(r) * 2 - 1) * 1000;
	*lat = dlat + y / M_PER_DEG_LAT;
	*lon = dlon + x / M_PER_DEG_LON;
}

void demo_hamlet_anchor(struct demo_rng *r, double clat, double clon, int hamlet,
			int n, double *lat, double *lon)
{
	/* Three columns 2 km apart, rows 1.6 km apart, centred on the commune. */
	int rows = (n + 2) / 3;
	double x = (hamlet % 3 - 1) * 2000.0 + (demo_rng_unit(r) * 2 - 1) * 400;
	double y = ((rows - 1) / 2.0 - hamlet / 3) * 1600.0 + (demo_rng_unit(r) * 2 - 1) * 400;
	*lat = clat + y / M_PER_DEG_LAT;
	*lon = clon + x / M_PER_DEG_LON;
}

/* Lay N houses along the road from walker W, numbering from FIRST, in
 * clusters that start at *CLUSTER; returns where the walk ended. */
static void lay_houses(struct demo_rng *r, struct walker *w, struct demo_house *h,
		       int first, int n, int *cluster)
{
	int in_cluster = 0, cluster_len = 0;
	for (int i = first; i < first + n; i++) {
		if (in_cluster == cluster_len) {
			if (i > first)
				walk(r, w, 60 + 190 * demo_rng_unit(r));
			(*cluster)++;
			in_cluster = 0;
			cluster_len = demo_rng_range(r, 8, 35);
		}
		walk(r, w, 4 + 12 * demo_rng_unit(r));
		double side = demo_rng_chance(r, 0.5) ? 1 : -1;
		double off = side * (6 + 19 * demo_rng_unit(r));
		h[i].lat = w->y + w->ux * off;  /* metres for now: north */
		h[i].lon = w->x - w->uy * off;  /* metres for now: east */
		h[i].cluster = *cluster - 1;
		h[i].road_order = i + 1;
		in_cluster++;
	}
}

/* Drop some positions and road orders, as in real files: 3% without a
 * position, 5% without a road order, 1% without both. */
static void drop_some(struct demo_rng *r, struct demo_house *h, int n, int coords)
{
	for (int i = 0; i < n; i++) {
		double u = demo_rng_unit(r);
		h[i].has_pos = coords && !(u < 0.04);
		if (u < 0.01 || (u >= 0.04 && u < 0.09))
			h[i].road_order = 0;
	}
}

int demo_place_houses(struct demo_rng *r, double lat, double lon, int coords,
		      struct demo_house *houses, int n)
{
	struct walker w = {0, 0, 1, 0, 0};
	turn(&w, demo_rng_unit(r) * 2 - 1);
	if (demo_rng_chance(r, 0.5)) {
		w.ux = -w.ux;
		w.uy = -w.uy;
	}
	bend(r, &w);
	int branch = n >= 40 && demo_rng_chance(r, 0.3) ? n * demo_rng_range(r, 20, 40) / 100 : 0;
	int main_n = n - branch, junction = main_n * demo_rng_range(r, 30, 70) / 100;
	int clusters = 0;
	lay_houses(r, &w, houses, 0, junction, &clusters);
	struct walker side = w;
	lay_houses(r, &w, houses, junction, main_n - junction, &clusters);
	if (branch) {
		/* A T-junction: the branch leaves at a right angle. */
		turn(&side, demo_rng_chance(r, 0.5) ? 1.0 : -1.0);
		side.left = 200 + 400 * demo_rng_unit(r);
		walk(r, &side, 30);
		lay_houses(r, &side, houses, main_n, branch, &clusters);
	}
	/* Centre the strip on the hamlet's anchor and turn metres into degrees. */
	double cx = 0, cy = 0;
	for (int i = 0; i < n; i++) {
		cy += houses[i].lat;
		cx += houses[i].lon;
	}
	cx /= n;
	cy /= n;
	for (int i = 0; i < n; i++) {
		houses[i].lat = micro(lat + (houses[i].lat - cy) / M_PER_DEG_LAT);
		houses[i].lon = micro(lon + (houses[i].lon - cx) / M_PER_DEG_LON);
	}
	drop_some(r, houses, n, coords);
	return clusters;
}
