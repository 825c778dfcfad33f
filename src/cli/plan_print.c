/* Printing a regrouping plan: the figures of regroup-metrics.md before and
 * after, per hamlet and in total, the moves with reasons, merges, proposed
 * leaders, members needing a location, and the trade-off table. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan_print.h"
#include "tkvv/csv.h"
#include "tkvv/i18n.h"
#include "tkvv/quality.h"
#include "tkvv/table.h"
#include "tkvv/textsafe.h"

int out_format_parse(const char *s)
{
	if (!strcmp(s, "text"))
		return OUT_TEXT;
	if (!strcmp(s, "csv"))
		return OUT_CSV;
	if (!strcmp(s, "json"))
		return OUT_JSON;
	return -1;
}

/* Metres as a whole number with dots between thousands. */
static void fmt_m(double m, char *buf, size_t size)
{
	quality_format_money((int64_t)llround(m), buf, size);
}

/* A figure before and after as one cell: "12.345 → 6.789". */
static struct cell before_after(const char *b, const char *a)
{
	char buf[160];
	snprintf(buf, sizeof buf, "%s → %s", b, a);
	return cell_text(buf);
}

/* groups_split as text: "-" when the plan was saved before it was measured. */
static void fmt_split(int split, char *buf, size_t size)
{
	if (split < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%d", split);
}

/* Fill cells 3.. of ROW with the figures of a hamlet or of the total. */
static void metric_cells(struct cell *row, long located, long members,
			 const struct regroup_metrics *b, const struct regroup_metrics *a)
{
	char x[48], y[48];
	snprintf(x, sizeof x, "%ld/%ld", located, members);
	row[3] = cell_text(x);
	snprintf(x, sizeof x, "%d", b->groups);
	snprintf(y, sizeof y, "%d", a->groups);
	row[4] = before_after(x, y);
	row[5] = cell_int(a->moved);
	fmt_m(b->medoid_m, x, sizeof x);
	fmt_m(a->medoid_m, y, sizeof y);
	row[6] = before_after(x, y);
	fmt_m(b->mst_m, x, sizeof x);
	fmt_m(a->mst_m, y, sizeof y);
	row[7] = before_after(x, y);
	quality_format_pct(b->knn_cross, b->knn_edges, x, sizeof x);
	quality_format_pct(a->knn_cross, a->knn_edges, y, sizeof y);
	row[8] = before_after(x, y);
	fmt_split(b->groups_split, x, sizeof x);
	fmt_split(a->groups_split, y, sizeof y);
	row[9] = before_after(x, y);
}

/* The per-hamlet table with the total, and the hamlets' notes. */
static void print_hamlets(FILE *f, const struct plan *p)
{
	static const struct column cols[] = {
		{"hamlet", N_("Hamlet"), 0}, {"name", N_("Name"), 0}, {"method", N_("Method"), 0},
		{"located", N_("Located"), 1}, {"groups", N_("Groups"), 1}, {"moves", N_("Moves"), 1},
		{"medoid", N_("Medoid m"), 1}, {"mst", N_("Walk (MST) m"), 1},
		{"interleave", N_("Interleave %"), 1}, {"groups_split", N_("Split groups"), 1},
	};
	struct table t;
	long located = 0, members = 0;
	table_init(&t, "hamlets", _("Hamlets"), cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < p->nhamlets; i++) {
		const struct plan_hamlet *h = &p->hamlets[i];
		struct cell *row = table_row(&t);
		row[0] = cell_text(h->code);
		row[1] = cell_text(h->name);
		row[2] = cell_text(h->status != REGROUP_OK ? _("not done") : plan_method_name(h->method));
		metric_cells(row, h->located, h->members, &h->before, &h->after);
		located += h->located;
		members += h->members;
	}
	struct cell *row = table_row(&t);
	row[0] = cell_text(_("Total"));
	row[1] = cell_text("");
	row[2] = cell_text("");
	metric_cells(row, located, members, &p->before, &p->after);
	table_write_text(f, &t, 1);
	table_free(&t);
	for (size_t i = 0; i < p->nhamlets; i++)
		if (p->hamlets[i].message[0])
			fprintf(f, "  %s: %s\n", TEXT_Q(p->hamlets[i].code), p->hamlets[i].message);
}

/* The moves with their reasons. */
static void print_moves(FILE *f, const struct plan *p)
{
	static const struct column cols[] = {
		{"member_code", N_("Member"), 0}, {"full_name", N_("Name"), 0},
		{"from_group", N_("From"), 0}, {"to_group", N_("To"), 0}, {"reason", N_("Reason"), 0},
	};
	char title[64];
	struct table t;
	snprintf(title, sizeof title, "%s (%zu)", _("Moves"), p->nmoves);
	table_init(&t, "moves", title, cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct plan_move *m = &p->moves[i];
		struct cell *row = table_row(&t);
		row[0] = cell_text(m->member_code);
		row[1] = cell_text(m->full_name);
		row[2] = cell_text(m->from_code);
		row[3] = cell_text(m->to_code);
		row[4] = cell_text(m->reason);
	}
	fputc('\n', f);
	table_write_text(f, &t, 1);
	table_free(&t);
}

/* Merges, proposed leaders, members needing a location. */
static void print_changes(FILE *f, const struct plan *p)
{
	if (p->ngroups)
		fputc('\n', f);
	for (size_t i = 0; i < p->ngroups; i++) {
		const struct plan_group_change *g = &p->groups[i];
		if (g->merged_into)
			fprintf(f, _("Merge: %s into %s (%s)\n"), TEXT_Q(g->group_code), TEXT_Q(g->into_code),
				g->reason ? g->reason : "-");
		else if (g->reason)
			fprintf(f, _("Not merged: %s (%s)\n"), TEXT_Q(g->group_code), g->reason);
		if (g->new_deputy)
			fprintf(f, _("Deputy proposed for %s: %s, leader of the group merged into it (was %s)\n"),
				TEXT_Q(g->group_code), TEXT_Q(g->new_deputy), TEXT_Q(g->old_deputy ? g->old_deputy : "-"));
		if (g->new_leader)
			fprintf(f, _("New leader proposed for %s: %s (was %s), for the meeting to decide\n"),
				TEXT_Q(g->group_code), TEXT_Q(g->new_leader),
				TEXT_Q(g->old_leader ? g->old_leader : "-"));
		if (g->new_leader && g->leader_reason)
			fprintf(f, "  %s\n", g->leader_reason);
	}
	if (p->nunlocated) {
		fprintf(f, "\n%s (%zu):", _("Needs a location, not moved"), p->nunlocated);
		for (size_t i = 0; i < p->nunlocated; i++)
			fprintf(f, "%s %s (%s)", i ? "," : "", TEXT_Q(p->unlocated[i].member_code),
				TEXT_Q(p->unlocated[i].full_name));
		fputc('\n', f);
	}
}

/* Members of P's commune COMMUNE before (AFTER 0) or after. */
static long commune_members(const struct plan *p, const char *commune, int after)
{
	long n = 0;
	for (size_t i = 0; i < p->norgs; i++)
		if (!strcmp(p->orgs[i].commune_code, commune))
			n += after ? p->orgs[i].members_after : p->orgs[i].members_before;
	return n;
}

/* Organisation O's share of its commune's members, percent, into BUF. */
static void fmt_share(const struct plan *p, const struct plan_org_share *o, int after, char *buf, size_t n)
{
	quality_format_pct(after ? o->members_after : o->members_before, commune_members(p, o->commune_code, after),
			   buf, n);
}

/* Each organisation's groups, members, share and outstanding per commune. */
static void print_orgs(FILE *f, const struct plan *p)
{
	static const struct column cols[] = {
		{"commune", N_("Commune"), 0}, {"org", N_("Organisation"), 0}, {"groups", N_("Groups"), 1},
		{"members", N_("Members"), 1}, {"share", N_("Share %"), 1}, {"outstanding", N_("Outstanding"), 1},
	};
	if (!p->norgs)
		return;
	struct table t;
	char x[48], y[48];
	table_init(&t, "orgs", _("Organisations' share of members by commune"), cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < p->norgs; i++) {
		const struct plan_org_share *o = &p->orgs[i];
		struct cell *row = table_row(&t);
		row[0] = cell_text(o->commune_code);
		row[1] = cell_text(o->org_code);
		snprintf(x, sizeof x, "%ld", o->groups_before);
		snprintf(y, sizeof y, "%ld", o->groups_after);
		row[2] = before_after(x, y);
		snprintf(x, sizeof x, "%ld", o->members_before);
		snprintf(y, sizeof y, "%ld", o->members_after);
		row[3] = before_after(x, y);
		fmt_share(p, o, 0, x, sizeof x);
		fmt_share(p, o, 1, y, sizeof y);
		row[4] = before_after(x, y);
		quality_format_money(o->outstanding_before, x, sizeof x);
		quality_format_money(o->outstanding_after, y, sizeof y);
		row[5] = before_after(x, y);
	}
	fputc('\n', f);
	table_write_text(f, &t, 1);
	table_free(&t);
	if (p->org_tolerance >= 0)
		fprintf(f, _("Each organisation's share of a commune's members kept within %g percentage points\n"),
			p->org_tolerance);
}

/* The trade-off table: what each move budget buys. */
static void print_tradeoff(FILE *f, const struct plan *p)
{
	static const struct column cols[] = {
		{"budget", N_("Budget"), 0}, {"leaders", N_("Leaders"), 0}, {"moved", N_("Moves"), 1},
		{"medoid_m", N_("Medoid m"), 1}, {"mst_m", N_("Walk (MST) m"), 1},
		{"interleave", N_("Interleave"), 1}, {"groups", N_("Groups"), 1},
		{"size_violations", N_("Out of bounds"), 1}, {"leaders_moved", N_("Leaders moved"), 1},
		{"groups_split", N_("Split groups"), 1},
	};
	if (!p->ntradeoff)
		return;
	struct table t;
	table_init(&t, "tradeoff", _("Trade-off: the same request at several move budgets"), cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < p->ntradeoff; i++) {
		const struct plan_tradeoff *r = &p->tradeoff[i];
		struct cell *row = table_row(&t);
		row[0] = cell_text(strcmp(r->budget, "unlimited") ? r->budget : _("unlimited"));
		row[1] = cell_text(r->new_leaders ? _("new allowed") : _("kept"));
		row[2] = cell_int(r->after.moved);
		row[3] = cell_money(llround(r->after.medoid_m));
		row[4] = cell_money(llround(r->after.mst_m));
		row[5] = cell_ratio(r->after.knn_cross, r->after.knn_edges);
		row[6] = cell_int(r->after.groups);
		row[7] = cell_int(r->after.size_violations);
		row[8] = cell_int(r->after.leaders_moved);
		char split[16];
		fmt_split(r->after.groups_split, split, sizeof split);
		row[9] = cell_text(split);
	}
	fputc('\n', f);
	table_write_text(f, &t, 1);
	table_free(&t);
}

/* When a saved plan was made, applied and undone, in local time. */
static void print_times(FILE *f, const struct plan *p)
{
	char when[40];
	if (!p->id || !p->created_at)
		return;
	plan_time_local(p->created_at, 0, when, sizeof when);
	fprintf(f, _("Made %s"), when);
	if (p->applied_at) {
		plan_time_local(p->applied_at, 0, when, sizeof when);
		fprintf(f, _(", applied %s"), when);
	}
	if (p->undone_at) {
		plan_time_local(p->undone_at, 0, when, sizeof when);
		fprintf(f, _(", undone %s"), when);
	}
	fputc('\n', f);
}

/* A plan time as json: ISO 8601 with the local offset, or null. */
static void json_time(FILE *f, const char *key, const char *utc, int saved)
{
	char when[40];
	fprintf(f, ",\"%s\":", key);
	if (!saved || !utc) {
		fputs("null", f);
		return;
	}
	plan_time_local(utc, 1, when, sizeof when);
	table_json_string(f, when);
}

/* The recommended row of the trade-off table, and why; whether this plan is it. */
static void print_knee(FILE *f, const struct plan *p)
{
	double gain, share;
	int r = plan_knee(p, p->new_leaders, &gain, &share);
	if (!p->ntradeoff && !p->max_moves[0])
		fprintf(f, "%s", _("\nNo trade-off table: this is the plan without a move budget, not a recommended row.\n"));
	if (r < 0)
		return;
	const struct plan_tradeoff *t = &p->tradeoff[r];
	const char *budget = strcmp(t->budget, "unlimited") ? t->budget : _("unlimited");
	int is = !strcmp(t->budget, "unlimited") ? !p->max_moves[0] : !strcmp(p->max_moves, t->budget);
	if (!strcmp(t->budget, "unlimited"))
		fprintf(f, _("\nRecommended: the unlimited row: no smaller budget gains more than its share of the moves.%s\n"),
			is ? _(" This plan is that row.") : "");
	/* xgettext:no-c-format */
	const char *that = _(" This plan is that row; the unlimited plan: --max-moves 100%.");
	if (strcmp(t->budget, "unlimited"))
		fprintf(f, _("\nRecommended: the %s row, the knee of the trade-off: %.0f%% of the unlimited plan's drop in "
			     "medoid distance for %.0f%% of its moves.%s\n"),
			budget, 100 * gain, 100 * share, is ? that : "");
}

/* The whole plan as text. */
static void print_text(FILE *f, const struct plan *p)
{
	if (p->id)
		fprintf(f, _("Plan %lld (%s): %s, %d-%d members a group, a move worth %.0f m"),
			(long long)p->id, _(p->status), p->scope, p->min, p->max, p->move_weight);
	else
		fprintf(f, _("Plan (a preview, not saved): %s, %d-%d members a group, a move worth %.0f m"),
			p->scope, p->min, p->max, p->move_weight);
	if (p->max_moves[0])
		fprintf(f, _(", at most %s moves"), p->max_moves);
	if (p->new_leaders)
		fprintf(f, "%s", _(", new leaders may be proposed"));
	fputc('\n', f);
	print_times(f, p);
	fputc('\n', f);
	print_hamlets(f, p);
	print_moves(f, p);
	print_changes(f, p);
	print_orgs(f, p);
	print_tradeoff(f, p);
	print_knee(f, p);
	if (!strcmp(p->status, "draft"))
		fprintf(f, _("\nSaved as a draft. Apply with: tkvv plan apply %lld\n"), (long long)p->id);
	else if (!p->id)
		fprintf(f, "\n%s\n", _("Not saved: --save keeps it as a draft, --apply applies it."));
}

/* One move per row, as interfaces.md says. */
static void print_csv(FILE *f, const struct plan *p)
{
	static const char *const head[] = {"member_code", "full_name", "hamlet_code", "from_group",
					   "to_group", "reason", "groups_split_before", "groups_split_after",
					   "merge_reason"};
	struct csv_writer w;
	csv_writer_init(&w, f, ',');
	for (size_t c = 0; c < ARRAY_LEN(head); c++)
		csv_put(&w, head[c]);
	csv_end_row(&w);
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct plan_move *m = &p->moves[i];
		const char *cells[] = {m->member_code, m->full_name, m->hamlet_code, m->from_code, m->to_code, m->reason};
		for (size_t c = 0; c < ARRAY_LEN(cells); c++)
			csv_put(&w, cells[c]);
		/* The figures of the move's hamlet. */
		char split[2][16] = {"", ""};
		for (size_t j = 0; j < p->nhamlets; j++)
			if (!strcmp(p->hamlets[j].code, m->hamlet_code)) {
				fmt_split(p->hamlets[j].before.groups_split, split[0], sizeof split[0]);
				fmt_split(p->hamlets[j].after.groups_split, split[1], sizeof split[1]);
			}
		csv_put(&w, split[0][0] == '-' ? "" : split[0]);
		csv_put(&w, split[1][0] == '-' ? "" : split[1]);
		/* Why the member's group is merged away, when it is. */
		const char *why = "";
		for (size_t j = 0; j < p->ngroups; j++)
			if (p->groups[j].group_id == m->from_group && p->groups[j].merged_into && p->groups[j].reason)
				why = p->groups[j].reason;
		csv_put(&w, why);
		csv_end_row(&w);
	}
}

/* The figures of regroup-metrics.md as a json object. */
static void json_metrics(FILE *f, const struct regroup_metrics *m)
{
	fputs("{\"medoid_m\":", f);
	table_json_number(f, m->medoid_m);
	fputs(",\"mst_m\":", f);
	table_json_number(f, m->mst_m);
	fputs(",\"interleave\":", f);
	table_json_number(f, m->interleave);
	fprintf(f, ",\"moved\":%ld,\"size_violations\":%d,\"cross_hamlet\":%d,\"leaders_moved\":%d,\"groups\":%d",
		m->moved, m->size_violations, m->cross_hamlet, m->leaders_moved, m->groups);
	if (m->groups_split < 0)
		fputs(",\"groups_split\":null}", f);
	else
		fprintf(f, ",\"groups_split\":%d}", m->groups_split);
}

/* Write "KEY":VALUE pairs of strings as a json object, after a comma when SEP. */
static void json_object(FILE *f, int sep, const char *const *kv, size_t n)
{
	fputs(sep ? ",{" : "{", f);
	for (size_t i = 0; i < n; i += 2) {
		if (i)
			fputc(',', f);
		table_json_string(f, kv[i]);
		fputc(':', f);
		if (kv[i + 1])
			table_json_string(f, kv[i + 1]);
		else
			fputs("null", f);
	}
	fputc('}', f);
}

/* The per-hamlet rows in json. */
static void json_hamlets(FILE *f, const struct plan *p)
{
	fputs(",\"hamlets\":[", f);
	for (size_t i = 0; i < p->nhamlets; i++) {
		const struct plan_hamlet *h = &p->hamlets[i];
		fprintf(f, "%s{\"hamlet_code\":", i ? "," : "");
		table_json_string(f, h->code);
		fputs(",\"name\":", f);
		table_json_string(f, h->name);
		fprintf(f, ",\"method\":\"%s\",\"status\":\"%s\",\"message\":", plan_method_name(h->method),
			h->status == REGROUP_OK ? "ok" : "infeasible");
		table_json_string(f, h->message);
		fprintf(f, ",\"members\":%ld,\"located\":%ld,\"before\":", h->members, h->located);
		json_metrics(f, &h->before);
		fputs(",\"after\":", f);
		json_metrics(f, &h->after);
		fputc('}', f);
	}
	fputc(']', f);
}

/* Moves, merges, leaders, unlocated members and trade-off rows in json. */
static void json_lists(FILE *f, const struct plan *p)
{
	fputs(",\"moves\":[", f);
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct plan_move *m = &p->moves[i];
		const char *kv[] = {"member_code", m->member_code, "full_name", m->full_name, "hamlet_code",
				    m->hamlet_code, "from_group", m->from_code, "to_group", m->to_code, "reason", m->reason};
		json_object(f, i > 0, kv, ARRAY_LEN(kv));
	}
	fputs("],\"merges\":[", f);
	for (size_t i = 0, n = 0; i < p->ngroups; i++)
		if (p->groups[i].merged_into) {
			const char *deputy = NULL;
			for (size_t j = 0; j < p->ngroups; j++)
				if (p->groups[j].group_id == p->groups[i].merged_into)
					deputy = p->groups[j].new_deputy;
			const char *kv[] = {"group_code", p->groups[i].group_code, "into", p->groups[i].into_code,
					    "reason", p->groups[i].reason, "deputy_offered", deputy};
			json_object(f, n++ > 0, kv, ARRAY_LEN(kv));
		}
	fputs("],\"not_merged\":[", f);
	for (size_t i = 0, n = 0; i < p->ngroups; i++)
		if (!p->groups[i].merged_into && p->groups[i].reason) {
			const char *kv[] = {"group_code", p->groups[i].group_code, "reason", p->groups[i].reason};
			json_object(f, n++ > 0, kv, ARRAY_LEN(kv));
		}
	fputs("],\"new_deputies\":[", f);
	for (size_t i = 0, n = 0; i < p->ngroups; i++)
		if (p->groups[i].new_deputy) {
			const char *kv[] = {"group_code", p->groups[i].group_code, "old_deputy",
					    p->groups[i].old_deputy, "new_deputy", p->groups[i].new_deputy};
			json_object(f, n++ > 0, kv, ARRAY_LEN(kv));
		}
	fputs("],\"new_leaders\":[", f);
	for (size_t i = 0, n = 0; i < p->ngroups; i++)
		if (p->groups[i].new_leader) {
			const char *kv[] = {"group_code", p->groups[i].group_code, "old_leader",
					    p->groups[i].old_leader, "new_leader", p->groups[i].new_leader,
					    "reason", p->groups[i].leader_reason};
			json_object(f, n++ > 0, kv, ARRAY_LEN(kv));
		}
	fputs("],\"needs_location\":[", f);
	for (size_t i = 0; i < p->nunlocated; i++) {
		const struct plan_unlocated *u = &p->unlocated[i];
		const char *kv[] = {"member_code", u->member_code, "full_name", u->full_name, "hamlet_code", u->hamlet_code};
		json_object(f, i > 0, kv, ARRAY_LEN(kv));
	}
	fputs("],\"orgs\":[", f);
	for (size_t i = 0; i < p->norgs; i++) {
		const struct plan_org_share *o = &p->orgs[i];
		long cb = commune_members(p, o->commune_code, 0), ca = commune_members(p, o->commune_code, 1);
		fputs(i ? ",{\"commune_code\":" : "{\"commune_code\":", f);
		table_json_string(f, o->commune_code);
		fputs(",\"org_code\":", f);
		table_json_string(f, o->org_code);
		fprintf(f, ",\"groups_before\":%ld,\"groups_after\":%ld,\"members_before\":%ld,\"members_after\":%ld,"
			"\"outstanding_before\":%lld,\"outstanding_after\":%lld,\"share_before\":", o->groups_before,
			o->groups_after, o->members_before, o->members_after, (long long)o->outstanding_before,
			(long long)o->outstanding_after);
		table_json_number(f, cb ? 100.0 * (double)o->members_before / (double)cb : 0);
		fputs(",\"share_after\":", f);
		table_json_number(f, ca ? 100.0 * (double)o->members_after / (double)ca : 0);
		fputc('}', f);
	}
	fputs("],\"org_tolerance\":", f);
	if (p->org_tolerance >= 0)
		table_json_number(f, p->org_tolerance);
	else
		fputs("null", f);
	fputs(",\"tradeoff\":[", f);
	for (size_t i = 0; i < p->ntradeoff; i++) {
		fprintf(f, "%s{\"budget\":\"%s\",\"new_leaders\":%s,\"after\":", i ? "," : "",
			p->tradeoff[i].budget, p->tradeoff[i].new_leaders ? "true" : "false");
		json_metrics(f, &p->tradeoff[i].after);
		fputc('}', f);
	}
	fputc(']', f);
	double gain, share;
	int knee = plan_knee(p, p->new_leaders, &gain, &share);
	if (knee >= 0) {
		fprintf(f, ",\"recommended\":{\"budget\":\"%s\",\"new_leaders\":%s,\"gain_share\":", p->tradeoff[knee].budget,
			p->tradeoff[knee].new_leaders ? "true" : "false");
		table_json_number(f, gain);
		fputs(",\"moves_share\":", f);
		table_json_number(f, share);
		fputc('}', f);
	}
}

/* The whole plan as one json object. */
static void print_json(FILE *f, const struct plan *p)
{
	if (p->id)
		fprintf(f, "{\"plan_id\":%lld,\"status\":\"%s\",\"scope\":", (long long)p->id, p->status);
	else
		fprintf(f, "{\"plan_id\":null,\"status\":\"%s\",\"scope\":", p->status);
	table_json_string(f, p->scope);
	json_time(f, "created_at", p->created_at, p->id != 0);
	json_time(f, "applied_at", p->applied_at, p->id != 0);
	json_time(f, "undone_at", p->undone_at, p->id != 0);
	fprintf(f, ",\"params\":{\"min\":%d,\"max\":%d,\"moves_weight\":", p->min, p->max);
	table_json_number(f, p->move_weight);
	fputs(",\"max_moves\":", f);
	if (p->max_moves[0])
		table_json_string(f, p->max_moves);
	else
		fputs("null", f);
	fprintf(f, ",\"new_leaders\":%s},\"before\":", p->new_leaders ? "true" : "false");
	json_metrics(f, &p->before);
	fputs(",\"after\":", f);
	json_metrics(f, &p->after);
	json_hamlets(f, p);
	json_lists(f, p);
	fputs("}\n", f);
}

void plan_print(FILE *f, const struct plan *p, enum out_format fmt)
{
	if (fmt == OUT_CSV)
		print_csv(f, p);
	else if (fmt == OUT_JSON)
		print_json(f, p);
	else
		print_text(f, p);
}
