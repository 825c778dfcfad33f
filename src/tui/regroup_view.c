/* Drawing the regrouping assistant: the hamlet before and after, the
 * figures and the trade-off table, the list of merges, pins and moves. Wide
 * windows show both maps side by side; narrow ones one at a time. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "map.h"
#include "regroup_view.h"
#include "tkvv/i18n.h"
#include "tkvv/quality.h"
#include "tkvv/text.h"

#define WIDE_COLS 160
#define GROUP_PAIRS 6

/* Colour pairs for the groups, after the semantic ones. */
static const short group_fg[GROUP_PAIRS] = {COLOR_RED, COLOR_GREEN, COLOR_YELLOW, COLOR_BLUE,
					    COLOR_MAGENTA, COLOR_CYAN};

int regroup_wide(int width)
{
	return width >= WIDE_COLS;
}

/* The attribute of a map cell of group G (leaders bold in monochrome too). */
static attr_t group_attr(struct tui *t, int g, int leader)
{
	static int ready;
	if (t->color && !ready && COLOR_PAIRS > C_COUNT + GROUP_PAIRS) {
		for (short i = 0; i < GROUP_PAIRS; i++)
			init_pair((short)(C_COUNT + i), group_fg[i], -1);
		ready = 1;
	}
	attr_t a = leader ? A_BOLD | A_REVERSE : A_NORMAL;
	if (g == MAP_MIXED)
		return A_BOLD;
	return t->color && ready && g >= 0 ? a | COLOR_PAIR(C_COUNT + g % GROUP_PAIRS) : a;
}

/* Put formatted text at Y, X, cut to WIDTH columns, in attribute A. */
static void put(WINDOW *w, int y, int x, int width, attr_t a, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static void put(WINDOW *w, int y, int x, int width, attr_t a, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (width <= 0)
		return;
	wattrset(w, a);
	ui_put(w, y, x, buf, width, 0);
	wattrset(w, A_NORMAL);
}

/* Draw the map of the groups AFTER (or before) in the box at Y, X. */
static void draw_map(struct tui *t, WINDOW *w, struct rg_state *st, int after, int y, int x,
		     int width, int height)
{
	if (width < 4 || height < 2)
		return;
	const char *title = after ? _("After") : _("Before");
	put(w, y, x, width, colors_attr(t, C_HEADER), "%s%s", title,
	    !after && !regroup_wide(getmaxx(w)) ? _("  (v: after)") : !regroup_wide(getmaxx(w)) ? _("  (v: before)") : "");
	size_t cells = (size_t)width * (size_t)(height - 1);
	char *grid = xmalloc(cells);
	int *cg = xmalloc(cells * sizeof *cg);
	struct regroup_hamlet h = {st->n, st->k, st->pos, NULL};
	long placed = map_render(&h, after ? st->after : st->before, after ? st->lead_after : st->lead_before,
				 width, height - 1, grid, cg);
	for (int r = 0; r < height - 1; r++)
		for (int c = 0; c < width; c++) {
			size_t i = (size_t)r * (size_t)width + (size_t)c;
			if (grid[i] == ' ')
				continue;
			wattrset(w, grid[i] == '-' ? A_DIM : group_attr(t, cg[i], grid[i] >= 'A' && grid[i] <= 'Z'));
			mvwaddch(w, y + 1 + r, x + c, (chtype)(unsigned char)grid[i]);
		}
	wattrset(w, A_NORMAL);
	if (placed < (long)st->n)
		put(w, y, x + width - 14, 14, A_DIM, "%*ld/%zu", 7, placed, st->n);
	free(grid);
	free(cg);
}

/* The key to the marks and the group letters: one line, or two when narrow. */
static void draw_legend(struct tui *t, WINDOW *w, struct rg_state *st, int y, int x, int width, int lines)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t g = 0; g < st->k; g++) {
		char label[160];
		regroup_group_label(st, st->groups[g].id, label, sizeof label);
		sb_addf(&sb, "%s%s", g ? "  " : "", label);
	}
	const char *key = _("A-Z leader, a-z member, + mixed");
	if (lines > 1) {
		put(w, y, x, width, A_DIM, "%s", key);
		put(w, y + 1, x, width, colors_attr(t, C_NORMAL), "%s", sb.buf);
	} else {
		put(w, y, x, width, colors_attr(t, C_NORMAL), "%s:  %s", key, sb.buf);
	}
	sb_free(&sb);
}

/* Metres as a whole number with dots (commas in English) between thousands. */
static void fmt_m(double m, char *out, size_t n)
{
	record_fmt_money(isfinite(m) ? llround(m) : 0, out, n);
}

/* A percentage with one decimal, in the language's decimal mark. */
static void fmt_pct(double v, char *out, size_t n)
{
	char *dot;
	snprintf(out, n, "%.1f", v);
	if ((dot = strchr(out, '.')))
		*dot = ui_decimal;
}

/* groups_split as text: "-" when not known. */
static void fmt_split(int split, char *out, size_t n)
{
	if (split < 0)
		snprintf(out, n, "-");
	else
		snprintf(out, n, "%d", split);
}

/* The columns of the trade-off table and their widths. */
#define TABLE_COLS 7
static const int table_w[TABLE_COLS] = {13, 6, 5, 8, 9, 6, 6};
#define TABLE_WIDTH 53
#define TABLE_NARROW 47      /* without the last column */

/* Put the CELLS of a table row at Y, X (the first left, the rest right). */
static void table_cells(WINDOW *w, int y, int x, int width, attr_t a, const char *const cells[TABLE_COLS])
{
	wattrset(w, a);
	for (int c = 0, cx = x; c < TABLE_COLS && cx - x + table_w[c] <= width; cx += table_w[c], c++)
		ui_put(w, y, cx, cells[c], table_w[c], c > 0);
	wattrset(w, A_NORMAL);
}

/* One row of figures: moves, groups, medoid, walk, interleave, split groups. */
static void table_row(WINDOW *w, int y, int x, int width, attr_t a, const char *label,
		      const struct regroup_metrics *m)
{
	char moved[24], groups[16], med[32], mst[32], mix[16], split[16];
	snprintf(moved, sizeof moved, "%ld", m->moved);
	snprintf(groups, sizeof groups, "%d", m->groups);
	fmt_m(m->medoid_m, med, sizeof med);
	fmt_m(m->mst_m, mst, sizeof mst);
	fmt_pct(m->knn_edges ? 100.0 * (double)m->knn_cross / (double)m->knn_edges : 0.0, mix, sizeof mix);
	fmt_split(m->groups_split, split, sizeof split);
	const char *cells[TABLE_COLS] = {label, moved, groups, med, mst, mix, split};
	table_cells(w, y, x, width, a, cells);
}

/* The figures now and for each budget of the trade-off; '*' marks the choice. */
static void draw_table(struct tui *t, WINDOW *w, struct rg_state *st, int y, int x, int width)
{
	const char *head[TABLE_COLS] = {_("Budget"), _("Moves"), _("Grps"), _("Medoid"), _("Walk"), _("Mix %"),
					_("Split")};
	table_cells(w, y, x, width, colors_attr(t, C_HEADER), head);
	if (!st->planned)
		return;
	table_row(w, y + 1, x, width, A_BOLD, _(" now"), &st->plan.before);
	for (size_t r = 0; r < st->plan.ntradeoff; r++) {
		const struct plan_tradeoff *o = &st->plan.tradeoff[r];
		char label[64];
		snprintf(label, sizeof label, "%c%s%s", (int)r == st->row ? '*' : (int)r == st->knee ? '>' : ' ',
			 strcmp(o->budget, "unlimited") ? o->budget : _("no limit"), o->new_leaders ? " +L" : "");
		attr_t a = (long)r == st->tcur && st->focus == 0 ? colors_attr(t, C_SELECTED) :
			   (int)r == st->row ? A_BOLD : A_NORMAL;
		table_row(w, y + 2 + (int)r, x, width, a, label, &o->after);
	}
}

/* The plan chosen in words: its budget, and each figure before and after. */
static void draw_summary(struct tui *t, WINDOW *w, struct rg_state *st, int y, int x, int width)
{
	if (!st->planned || width < 20)
		return;
	const struct regroup_metrics *b = &st->plan.before, *a = &st->plan.after;
	const struct plan_tradeoff *o = st->row < (int)st->plan.ntradeoff ? &st->plan.tradeoff[st->row] : NULL;
	char mb[32], ma[32], wb[32], wa[32];
	fmt_m(b->medoid_m, mb, sizeof mb), fmt_m(a->medoid_m, ma, sizeof ma);
	fmt_m(b->mst_m, wb, sizeof wb), fmt_m(a->mst_m, wa, sizeof wa);
	double ib = b->knn_edges ? 100.0 * (double)b->knn_cross / (double)b->knn_edges : 0;
	double ia = a->knn_edges ? 100.0 * (double)a->knn_cross / (double)a->knn_edges : 0;
	put(w, y, x, width, colors_attr(t, C_HEADER), _("The plan: budget %s, %s"),
	    o ? (strcmp(o->budget, "unlimited") ? o->budget : _("no limit")) : "-",
	    st->row >= 4 ? _("new leaders proposed") : _("leaders kept"));
	if (st->knee >= 0 && st->knee < (int)st->plan.ntradeoff) {
		const char *kb = st->plan.tradeoff[st->knee].budget;
		put(w, y + 1, x, width, A_DIM, _("> recommended %s: %.0f%% gain, %.0f%% moves"),
		    strcmp(kb, "unlimited") ? kb : _("no limit"), 100 * st->knee_gain, 100 * st->knee_moves);
	}
	put(w, y + 2, x, width, A_NORMAL, _("Moves: %ld (of %ld located)"), a->moved,
	    st->plan.nhamlets ? st->plan.hamlets[0].located : 0L);
	put(w, y + 3, x, width, A_NORMAL, _("Groups: %d → %d"), b->groups, a->groups);
	put(w, y + 4, x, width, A_NORMAL, _("Medoid distance: %s → %s m"), mb, ma);
	put(w, y + 5, x, width, A_NORMAL, _("Walk length (MST): %s → %s m"), wb, wa);
	char pb[16], pa[16];
	fmt_pct(ib, pb, sizeof pb), fmt_pct(ia, pa, sizeof pa);
	put(w, y + 6, x, width, A_NORMAL, _("Interleaving: %s → %s %%"), pb, pa);
	fmt_split(b->groups_split, pb, sizeof pb), fmt_split(a->groups_split, pa, sizeof pa);
	put(w, y + 7, x, width, A_NORMAL, _("Groups split in pieces: %s → %s"), pb, pa);
	put(w, y + 8, x, width, A_DIM, "%s: %s   %s: %s   %s %s: %s", actions_keyname(A_NEXTFIELD),
	    _("table or list"), actions_keyname(A_ENTER), _("choose the budget"),
	    actions_keyname(A_PREVHAMLET), actions_keyname(A_NEXTHAMLET), _("other hamlets"));
}

/* The widest group label, for the moves' columns. */
static int label_width(struct rg_state *st)
{
	int wmax = 1;
	for (size_t g = 0; g < st->k; g++) {
		char label[160];
		regroup_group_label(st, st->groups[g].id, label, sizeof label);
		int lw = (int)text_width(label);
		wmax = lw > wmax ? lw : wmax;
	}
	return wmax;
}

/* One move on row Y: the member's code and name, the groups from and to, the reason. */
static void move_line(struct rg_state *st, const struct plan_move *m, int x, int width, int gw,
		      WINDOW *w, int y)
{
	char from[160], to[160];
	regroup_group_label(st, m->from_group, from, sizeof from);
	regroup_group_label(st, m->to_group, to, sizeof to);
	int nw = width >= 110 ? 24 : width >= 76 ? 18 : 14, cw = (int)text_width(m->member_code) + 1;
	ui_put(w, y, x, m->member_code, cw, 0);
	ui_put(w, y, x + cw, m->full_name, nw, 0);
	int gx = x + cw + nw + 1;
	ui_put(w, y, gx, from, gw, 0);
	ui_put(w, y, gx + gw, " → ", 3, 0);
	ui_put(w, y, gx + gw + 3, to, gw, 0);
	ui_put(w, y, gx + 2 * gw + 5, m->reason, width - (gx + 2 * gw + 5 - x), 0);
}

/* One line of the list: a merge, a refusal, a pin, a move or a leader. */
static void draw_item(struct rg_state *st, const struct rg_item *it, WINDOW *w, int y, int x, int width,
		      int gw)
{
	char a[160], b[160];
	const struct plan_group_change *c = it->kind == RG_MERGE || it->kind == RG_LEADER || it->kind == RG_DEPUTY ||
		it->kind == RG_KEPT ? &st->plan.groups[it->ref] : NULL;
	if (it->kind == RG_MOVE) {
		ui_put(w, y, x, "  ", 2, 0);
		move_line(st, &st->plan.moves[it->ref], x + 2, width - 2, gw, w, y);
		return;
	}
	if (it->kind == RG_ORG) {
		const struct plan_org_share *o = &st->plan.orgs[it->ref];
		long nb = 0, na = 0;
		for (size_t j = 0; j < st->plan.norgs; j++)
			nb += st->plan.orgs[j].members_before, na += st->plan.orgs[j].members_after;
		char sb[16], sa[16], ob[32], oa[32];
		quality_format_pct(o->members_before, nb, sb, sizeof sb);
		quality_format_pct(o->members_after, na, sa, sizeof sa);
		quality_format_money(o->outstanding_before, ob, sizeof ob);
		quality_format_money(o->outstanding_after, oa, sizeof oa);
		put(w, y, x, width, A_NORMAL, _("O %s: groups %ld → %ld, members %ld → %ld (%s → %s %%), outstanding %s → %s"),
		    o->org_code, o->groups_before, o->groups_after, o->members_before, o->members_after, sb, sa, ob, oa);
	} else if (it->kind == RG_MERGE) {
		regroup_group_label(st, c->group_id, a, sizeof a);
		regroup_group_label(st, c->merged_into, b, sizeof b);
		put(w, y, x, width, A_BOLD, _("M Merge %s into %s (m: refuse): %s"), a, b, c->reason ? c->reason : "");
	} else if (it->kind == RG_DEPUTY) {
		regroup_group_label(st, c->group_id, a, sizeof a);
		put(w, y, x, width, A_NORMAL, _("D Deputy of %s: %s, leader of the group merged into it (was %s)"), a,
		    c->new_deputy, c->old_deputy ? c->old_deputy : "-");
	} else if (it->kind == RG_KEPT) {
		regroup_group_label(st, c->group_id, a, sizeof a);
		put(w, y, x, width, A_NORMAL, _("  %s kept: %s"), a, c->reason);
	} else if (it->kind == RG_REFUSED) {
		regroup_group_label(st, st->no_merge[it->ref], a, sizeof a);
		put(w, y, x, width, A_NORMAL, _("m Merge of %s refused (m: allow)"), a);
	} else if (it->kind == RG_PIN) {
		const struct plan_pin *p = &st->pins[it->ref];
		regroup_group_label(st, p->group_id, a, sizeof a);
		long i = 0;
		while (i < (long)st->n && st->mid[i] != p->member_id)
			i++;
		if (i == (long)st->n)
			return;
		if (st->before[i] == regroup_group_index(st, p->group_id))
			put(w, y, x, width, A_BOLD, _("= %s kept in %s: move rejected (x: release)"), st->mcode[i], a);
		else
			put(w, y, x, width, A_BOLD, _("= %s pinned to %s (x: release)"), st->mcode[i], a);
	} else {
		regroup_group_label(st, c->group_id, a, sizeof a);
		if (c->leader_reason)
			put(w, y, x, width, A_BOLD, _("L New leader of %s: %s (was %s), %s"), a, c->new_leader,
			    c->old_leader ? c->old_leader : "-", c->leader_reason);
		else
			put(w, y, x, width, A_NORMAL, _("L New leader of %s: %s (was %s)"), a, c->new_leader,
			    c->old_leader ? c->old_leader : "-");
	}
}

/* The list with its heading, scrolled to keep the cursor in view. */
static void draw_list(struct tui *t, WINDOW *w, struct rg_state *st, int y, int x, int width, int height)
{
	if (height < 2 || width < 10)
		return;
	put(w, y, x, width, colors_attr(t, C_HEADER), _("Moves %zu · merges refused %zu · pins %zu%s"),
	    st->planned ? st->plan.nmoves : 0, st->nno_merge, st->npins,
	    st->focus ? "" : _("   (Tab: to the list)"));
	st->lheight = height - 1;
	if (st->lcur < st->ltop)
		st->ltop = st->lcur;
	if (st->lcur >= st->ltop + st->lheight)
		st->ltop = st->lcur - st->lheight + 1;
	int gw = label_width(st);
	for (int r = 0; r < st->lheight && st->ltop + r < (long)st->nitems; r++) {
		long i = st->ltop + r;
		attr_t a = i == st->lcur && st->focus ? colors_attr(t, C_SELECTED) : A_NORMAL;
		wattrset(w, a);
		mvwhline(w, y + 1 + r, x, ' ', width);
		draw_item(st, &st->items[i], w, y + 1 + r, x, width, gw);
		if (a != A_NORMAL)
			mvwchgat(w, y + 1 + r, x, width, a, (short)PAIR_NUMBER(a), NULL);
	}
	wattrset(w, A_NORMAL);
}

/* How the hamlet's households were placed, in words for the title line. */
static const char *method_label(enum regroup_method m)
{
	switch (m) {
	case REGROUP_COORD: return _("coordinates");
	case REGROUP_ROAD: return _("road order");
	case REGROUP_MIXED: return _("mixed");
	default: return _("none");
	}
}

/* The first line: the hamlet, its place in the walk, the method, the choice. */
static void draw_head(struct tui *t, WINDOW *w, struct rg_state *st, int width)
{
	if (!st->hcode) {
		put(w, 0, 0, width, colors_attr(t, C_WARNING), "%s", _("No hamlet loaded"));
		return;
	}
	char walk[64] = "";
	if (st->nhamlets > 1)
		snprintf(walk, sizeof walk, "  %zu/%zu ([ ])", st->cur + 1, st->nhamlets);
	const struct plan_hamlet *h = st->planned && st->plan.nhamlets ? &st->plan.hamlets[0] : NULL;
	put(w, 0, 0, width, A_BOLD, "%s (%s)%s  %s: %s  %s: %ld/%ld", st->hname, st->hcode, walk,
	    _("Method"), h ? method_label(h->method) : "-", _("Located"), h ? h->located : 0L,
	    h ? h->members : (long)st->n);
	if (st->error[0])
		put(w, 1, 0, width, colors_attr(t, C_ERROR), "%s", st->error);
}

void regroup_draw(struct tui *t, WINDOW *w, struct rg_state *st)
{
	int H = getmaxy(w), W = getmaxx(w), top = st->error[0] ? 2 : 1;
	werase(w);
	draw_head(t, w, st, W);
	if (!st->hcode)
		return;
	if (regroup_wide(W)) {
		int rw = W * 9 / 20, lw = W - rw - 1, mw = (lw - 1) / 2, mh = H - top - 12;
		draw_map(t, w, st, 0, top, 0, mw, mh);
		draw_map(t, w, st, 1, top, mw + 1, lw - mw - 1, mh);
		draw_legend(t, w, st, top + mh, 0, lw, 1);
		draw_table(t, w, st, H - 10, 0, lw);
		draw_summary(t, w, st, H - 10, TABLE_WIDTH + 4, lw - TABLE_WIDTH - 4);
		draw_list(t, w, st, top, lw + 1, rw, H - top);
		return;
	}
	/* The split column only where the map keeps 32 columns (80 wide). */
	int tw = W - TABLE_WIDTH - 1 >= 32 ? TABLE_WIDTH : W - TABLE_NARROW - 1 >= 24 ? TABLE_NARROW : 0;
	int mw = W - tw - (tw ? 1 : 0);
	int tb = (H - top) * 55 / 100 > 11 ? (H - top) * 55 / 100 : 11;
	draw_map(t, w, st, st->show_after, top, 0, mw, tb - 2);
	draw_legend(t, w, st, top + tb - 2, 0, mw, 2);
	if (tw)
		draw_table(t, w, st, top, mw + 1, tw);
	draw_list(t, w, st, top + tb, 0, W, H - top - tb);
}
