/* Contiguity as the outcome: every group one connected piece of the
 * hamlet's symmetric 5-nearest-neighbour graph, the graph groups_split
 * (regroup-metrics.md) is measured on. Pieces split off a group move whole
 * to the neighbouring group whose main piece they touch most, within the
 * size bounds, until none can; what stays split is held by a member who may
 * not move (a kept leader, a deputy, a pin), by the bounds, or by a move
 * price above RG_CONTIG_WORTH. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "regroup_internal.h"
#include "tkvv/util.h"

void rg_contig_graph(struct rg_ctx *c, const struct regroup_hamlet *h)
{
	enum { KK = 5 };
	size_t m = (size_t)c->m + 1;
	int *loc = xmalloc(m * sizeof *loc), nl = 0;
	double *lat = xmalloc(m * sizeof *lat), *lon = xmalloc(m * sizeof *lon);
	/* The located members in member order, as regroup_measure takes them,
	 * so that ties between equal distances fall the same way. */
	for (int pt = 0; pt < c->m; pt++) {
		const struct regroup_member *mb = &h->members[c->pt_member[pt]];
		if (!mb->has_coord)
			continue;
		loc[nl] = pt;
		lat[nl] = mb->lat;
		lon[nl++] = mb->lon;
	}
	int *nbr = xmalloc((size_t)(nl + 1) * KK * sizeof *nbr), *deg = xcalloc(m, sizeof *deg);
	int *first = xcalloc(m + 1, sizeof *first), *adj = xmalloc(((size_t)nl * KK * 2 + 1) * sizeof *adj);
	rg_knn(nl, lat, lon, KK, nbr);
	/* Each undirected edge once: j among i's nearest, unless i is among j's
	 * and j < i (then it was taken from j). */
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < nl; i++)
			for (int t = 0; t < KK; t++) {
				int j = nbr[(size_t)i * KK + t], mutual = 0;
				if (j < 0)
					continue;
				for (int u = 0; u < KK; u++)
					mutual |= nbr[(size_t)j * KK + u] == i;
				if (mutual && j < i)
					continue;
				int a = loc[i], b = loc[j];
				if (pass == 0) {
					deg[a]++;
					deg[b]++;
				} else {
					adj[first[a] + deg[a]++] = b;
					adj[first[b] + deg[b]++] = a;
				}
			}
		if (pass == 0) {
			for (int pt = 0; pt < c->m; pt++)
				first[pt + 1] = first[pt] + deg[pt];
			memset(deg, 0, m * sizeof *deg);
		}
	}
	free(c->cg_first);
	free(c->cg_adj);
	c->cg_first = first;
	c->cg_adj = adj;
	free(loc);
	free(lat);
	free(lon);
	free(nbr);
	free(deg);
}

/* Number the pieces of LABEL into PIECE (m; -1 for points outside the
 * graph) with their sizes in SIZE and whether they hold a point that may
 * not move in FORCED; the main piece of each group into MAIN (k, -1 when
 * it has no located point): the largest, then one holding a forced point,
 * then the first. Returns the number of pieces. */
static int contig_pieces(const struct rg_ctx *c, const int *label, int *piece, int *size, unsigned char *forced,
			 int *main, int *queue)
{
	const int *first = c->cg_first, *adj = c->cg_adj;
	int np = 0;
	for (int p = 0; p < c->m; p++)
		piece[p] = -1;
	for (int g = 0; g < c->k; g++)
		main[g] = -1;
	for (int p = 0; p < c->m; p++) {
		if (piece[p] >= 0 || first[p + 1] == first[p])
			continue;
		int len = 0, id = np++;
		queue[len++] = p;
		piece[p] = id;
		forced[id] = 0;
		for (int h = 0; h < len; h++) {
			int q = queue[h];
			forced[id] |= c->force[q] >= 0;
			for (int e = first[q]; e < first[q + 1]; e++) {
				int r = adj[e];
				if (piece[r] < 0 && label[r] == label[p]) {
					piece[r] = id;
					queue[len++] = r;
				}
			}
		}
		size[id] = len;
		int g = label[p], best = main[g];
		if (best < 0 || len > size[best] || (len == size[best] && forced[id] && !forced[best]))
			main[g] = id;
	}
	return np;
}

int rg_main_piece(const struct rg_ctx *c, const int *label, int *in_main)
{
	size_t m = (size_t)c->m + 1;
	int *piece = xmalloc(m * sizeof *piece), *size = xmalloc(m * sizeof *size), *queue = xmalloc(m * sizeof *queue);
	int *main = xmalloc(((size_t)c->k + 1) * sizeof *main), split = 0;
	unsigned char *forced = xmalloc(m), *counted = xcalloc((size_t)c->k + 1, 1);
	contig_pieces(c, label, piece, size, forced, main, queue);
	for (int p = 0; p < c->m; p++) {
		in_main[p] = piece[p] < 0 || piece[p] == main[label[p]];
		if (!in_main[p] && !counted[label[p]]) {
			counted[label[p]] = 1;
			split++;
		}
	}
	free(piece);
	free(size);
	free(queue);
	free(main);
	free(forced);
	free(counted);
	return split;
}

/* Scratch of rg_contig: the pieces of a labelling and their groups. */
struct contig {
	int *piece, *size, *queue, *main;
	unsigned char *forced;
};

static void contig_open(const struct rg_ctx *c, struct contig *w)
{
	size_t m = (size_t)c->m + 1;
	w->piece = xmalloc(m * sizeof *w->piece);
	w->size = xmalloc(m * sizeof *w->size);
	w->queue = xmalloc(m * sizeof *w->queue);
	w->main = xmalloc(((size_t)c->k + 1) * sizeof *w->main);
	w->forced = xmalloc(m);
}

static void contig_close(struct contig *w)
{
	free(w->piece);
	free(w->size);
	free(w->queue);
	free(w->main);
	free(w->forced);
}

/* The pieces of LABEL that are not their group's main piece. */
static int contig_fragments(const struct rg_ctx *c, const int *label, struct contig *w)
{
	int np = contig_pieces(c, label, w->piece, w->size, w->forced, w->main, w->queue), main = 0;
	for (int g = 0; g < c->k; g++)
		main += w->main[g] >= 0;
	return np - main;
}

/* Moves LABEL adds over PREV on the points of LIST (LEN). */
static int contig_added(const struct rg_ctx *c, const int *label, const int *prev, const int *list, int len)
{
	int added = 0;
	for (int h = 0; h < len; h++)
		added += (label[list[h]] != c->cur[list[h]]) - (prev[list[h]] != c->cur[list[h]]);
	return added;
}

/* Hand piece LIST (LEN points of group A) to the full group B in exchange
 * for as many of B's points that touch A and are nearest A's centre
 * relative to B's, when that leaves fewer than FRAGMENTS pieces split off;
 * 1 when it did. */
static int contig_exchange(struct rg_ctx *c, int *label, const int *list, int len, int a, int b, int fragments,
			   struct contig *w, int *back)
{
	const int *first = c->cg_first, *adj = c->cg_adj;
	int *centre = xmalloc(sizeof(int) * ((size_t)c->k + 1)), *pick = xmalloc(sizeof(int) * ((size_t)len + 1));
	rg_cost *score = xmalloc(sizeof(rg_cost) * ((size_t)len + 1));
	int have = 0, ok = 0;
	rg_medoids(c, label, centre);
	for (int q = 0; q < c->m && centre[a] >= 0 && centre[b] >= 0; q++) {
		if (label[q] != b || c->force[q] >= 0)
			continue;
		int near = 0;
		for (int e = first[q]; e < first[q + 1] && !near; e++)
			near = label[adj[e]] == a;
		if (!near)
			continue;
		rg_cost v = rg_dist(c, q, centre[a]) - rg_dist(c, q, centre[b]);
		int at = have < len ? have++ : len;
		if (at == len && v >= score[len - 1])
			continue;
		if (at == len)
			at = len - 1;
		while (at > 0 && score[at - 1] > v) {
			score[at] = score[at - 1];
			pick[at] = pick[at - 1];
			at--;
		}
		score[at] = v;
		pick[at] = q;
	}
	if (have == len) {
		memcpy(back, label, sizeof(int) * (size_t)c->m);
		for (int h = 0; h < len; h++) {
			label[list[h]] = b;
			label[pick[h]] = a;
		}
		int added = contig_added(c, label, back, list, len) + contig_added(c, label, back, pick, len);
		ok = (added <= 0 || c->lambda <= rg_price(RG_CONTIG_WORTH)) && contig_fragments(c, label, w) < fragments;
		if (!ok)
			memcpy(label, back, sizeof(int) * (size_t)c->m);
	}
	free(centre);
	free(pick);
	free(score);
	return ok;
}

rg_cost rg_contig(struct rg_ctx *c, int *label)
{
	if (!c->cg_first || c->m == 0)
		return rg_objective(c, label);
	size_t m = (size_t)c->m + 1, k = (size_t)c->k + 1;
	int *piece = xmalloc(m * sizeof *piece), *size = xmalloc(m * sizeof *size), *queue = xmalloc(m * sizeof *queue);
	int *main = xmalloc(k * sizeof *main), *count = xcalloc(k, sizeof *count), *touch = xcalloc(k, sizeof *touch);
	int *members = xmalloc(m * sizeof *members), *back = xmalloc(m * sizeof *back);
	unsigned char *forced = xmalloc(m), *done = xmalloc(m);
	const int *first = c->cg_first, *adj = c->cg_adj;
	for (int p = 0; p < c->m; p++)
		count[label[p]]++;
	/* Each move joins a piece to another group's main piece, so the pieces
	 * that are not main only ever become fewer; the rounds stop when no
	 * piece can move. */
	for (int round = 0; round < c->m; round++) {
		int np = contig_pieces(c, label, piece, size, forced, main, queue), moved = 0, exchanged = 0;
		memset(done, 0, (size_t)np);
		for (int p = 0; p < c->m; p++) {
			int id = piece[p], a = label[p];
			if (id < 0 || done[id] || id == main[a] || forced[id])
				continue;
			done[id] = 1;
			/* The piece's points, and its edges to other groups' main pieces. */
			int len = 0;
			memset(touch, 0, k * sizeof *touch);
			for (int q = p; q < c->m; q++)
				if (piece[q] == id)
					members[len++] = q;
			for (int h = 0; h < len; h++)
				for (int e = first[members[h]]; e < first[members[h] + 1]; e++) {
					int r = adj[e], b = label[r];
					if (b != a && piece[r] >= 0 && piece[r] == main[b])
						touch[b]++;
				}
			int to = -1, full = -1;
			for (int b = 0; b < c->k; b++) {
				if (touch[b] == 0 || c->merged[b])
					continue;
				if (count[a] - len >= c->lo[a] && count[b] + len <= c->hi[b] && (to < 0 || touch[b] > touch[to]))
					to = b;
				if (full < 0 || touch[b] > touch[full])
					full = b;
			}
			/* No room: trade the piece for as many of the group's points. */
			if (to < 0 && full >= 0) {
				struct contig w;
				contig_open(c, &w);
				int before = contig_fragments(c, label, &w);
				exchanged = contig_exchange(c, label, members, len, a, full, before, &w, back);
				contig_close(&w);
				if (exchanged)
					break;
			}
			if (to < 0)
				continue;
			/* A piece is worth RG_CONTIG_WORTH of walking a move it adds:
			 * when moves cost more, only pieces that add none go. */
			int added = 0;
			for (int h = 0; h < len; h++)
				added += (to != c->cur[members[h]]) - (a != c->cur[members[h]]);
			if (added > 0 && c->lambda > rg_price(RG_CONTIG_WORTH))
				continue;
			for (int h = 0; h < len; h++) {
				label[members[h]] = to;
				piece[members[h]] = main[to];
			}
			count[a] -= len;
			count[to] += len;
			size[main[to]] += len;
			moved++;
		}
		if (exchanged) {
			memset(count, 0, k * sizeof *count);
			for (int p = 0; p < c->m; p++)
				count[label[p]]++;
			continue;
		}
		if (!moved)
			break;
	}
	free(piece);
	free(size);
	free(queue);
	free(main);
	free(count);
	free(touch);
	free(members);
	free(back);
	free(forced);
	free(done);
	/* What the piece moves leave split: recombine it with a neighbour. */
	if (!rg_recom_off)
		rg_recom(c, label);
	return rg_objective(c, label);
}
