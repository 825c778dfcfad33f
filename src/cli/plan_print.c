/* Printing a regrouping plan: the figures of regroup-metrics.md before and
 * after, per hamlet and in total, the moves with reasons, merges, proposed
 * leaders, members needing a location, and the trade-off table. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan_print.h"
#include "tkvv/i18n.h"
#include "tkvv/table.h"

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
static const char *fmt_m(double m, char buf[32])
{
	return fmt_money((int64_t)llround(m), buf);
}

/* One figure "before → after" for the text tables. */
static char *before_after(const char *b, const char *a)
{
	return xasprintf("%s → %s", b, a);
}

/* The per-hamlet table and the total line. */
static void print_hamlets(FILE *f, const struct plan *p)
{
	const char *head[] = {_("Hamlet"), _("Name"), _("Method"), _("Located"), _("Groups"),
			      _("Moves"), _("Medoid m"), _("Walk (MST) m"), _("Interleave %")};
	struct table t;
	table_init(&t, ARRAY_LEN(head), head);
	t.right = 0x1F8;
	for (size_t i = 0; i <= p->nhamlets; i++) {
		int total = i == p->nhamlets;
		const struct regroup_metrics *b = total ? &p->before : &p->hamlets[i].before;
		const struct regroup_metrics *a = total ? &p->after : &p->hamlets[i].after;
		char located[48], groups[32], moves[24], b1[32], a1[32], b2[32], a2[32], b3[32], a3[32];
		long loc = 0, mem = 0;
		for (size_t j = 0; j < p->nhamlets; j++)
			if (total || j == i) {
				loc += p->hamlets[j].located;
				mem += p->hamlets[j].members;
			}
		snprintf(located, sizeof located, "%ld/%ld", loc, mem);
		snprintf(groups, sizeof groups, "%d → %d", b->groups, a->groups);
		snprintf(moves, sizeof moves, "%ld", a->moved);
		char *medoid = before_after(fmt_m(b->medoid_m, b1), fmt_m(a->medoid_m, a1));
		char *mst = before_after(fmt_m(b->mst_m, b2), fmt_m(a->mst_m, a2));
		char *inter = before_after(fmt_pct(b->interleave, b3), fmt_pct(a->interleave, a3));
		const struct plan_hamlet *h = total ? NULL : &p->hamlets[i];
		const char *method = total ? "" : h->status != REGROUP_OK ? _("not done") : plan_method_name(h->method);
		const char *row[] = {total ? _("Total") : h->code, total ? "" : h->name, method,
				     located, groups, moves, medoid, mst, inter};
		table_add(&t, row);
		free(medoid);
		free(mst);
		free(inter);
	}
	table_print(&t, f);
	table_free(&t);
	for (size_t i = 0; i < p->nhamlets; i++)
		if (p->hamlets[i].message[0])
			fprintf(f, "  %s: %s\n", p->hamlets[i].code, p->hamlets[i].message);
}

/* The moves with their reasons. */
static void print_moves(FILE *f, const struct plan *p)
{
	fprintf(f, "\n%s (%zu)\n", _("Moves"), p->nmoves);
	if (!p->nmoves)
		return;
	const char *head[] = {_("Member"), _("Name"), _("From"), _("To"), _("Reason")};
	struct table t;
	table_init(&t, ARRAY_LEN(head), head);
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct plan_move *m = &p->moves[i];
		const char *row[] = {m->member_code, m->full_name, m->from_code, m->to_code, m->reason};
		table_add(&t, row);
	}
	table_print(&t, f);
	table_free(&t);
}

/* Merges, proposed leaders, members needing a location. */
static void print_changes(FILE *f, const struct plan *p)
{
	for (size_t i = 0; i < p->ngroups; i++) {
		const struct plan_group_change *g = &p->groups[i];
		if (g->merged_into)
			fprintf(f, _("Merge: %s into %s (its leader becomes an ordinary member)\n"),
				g->group_code, g->into_code);
		if (g->new_leader)
			fprintf(f, _("New leader proposed for %s: %s (was %s), for the meeting to decide\n"),
				g->group_code, g->new_leader, g->old_leader ? g->old_leader : "-");
	}
	if (p->nunlocated) {
		fprintf(f, "\n%s (%zu):", _("Needs a location, not moved"), p->nunlocated);
		for (size_t i = 0; i < p->nunlocated; i++)
			fprintf(f, "%s %s (%s)", i ? "," : "", p->unlocated[i].member_code, p->unlocated[i].full_name);
		fputc('\n', f);
	}
}

/* The trade-off table: what each move budget buys. */
static void print_tradeoff(FILE *f, const struct plan *p)
{
	if (!p->ntradeoff)
		return;
	fprintf(f, "\n%s\n", _("Trade-off: the same request at several move budgets"));
	const char *head[] = {_("Budget"), _("Leaders"), _("Moves"), _("Medoid m"), _("Walk (MST) m"),
			      _("Interleave %"), _("Groups"), _("Out of bounds")};
	struct table t;
	table_init(&t, ARRAY_LEN(head), head);
	t.right = 0xFC;
	for (size_t i = 0; i < p->ntradeoff; i++) {
		const struct plan_tradeoff *r = &p->tradeoff[i];
		char moves[24], m1[32], m2[32], il[32], groups[16], viol[16];
		snprintf(moves, sizeof moves, "%ld", r->after.moved);
		snprintf(groups, sizeof groups, "%d", r->after.groups);
		snprintf(viol, sizeof viol, "%d", r->after.size_violations);
		const char *row[] = {strcmp(r->budget, "unlimited") ? r->budget : _("unlimited"),
				     r->new_leaders ? _("new allowed") : _("kept"), moves,
				     fmt_m(r->after.medoid_m, m1), fmt_m(r->after.mst_m, m2),
				     fmt_pct(r->after.interleave, il), groups, viol};
		table_add(&t, row);
	}
	table_print(&t, f);
	table_free(&t);
}

/* The whole plan as text. */
static void print_text(FILE *f, const struct plan *p)
{
	fprintf(f, _("Plan %lld (%s): %s, %d-%d members a group, a move worth %.0f m"),
		(long long)p->id, p->status, p->scope, p->min, p->max, p->move_weight);
	if (p->max_moves[0])
		fprintf(f, _(", at most %s moves"), p->max_moves);
	if (p->new_leaders)
		fprintf(f, "%s", _(", new leaders may be proposed"));
	fputs("\n\n", f);
	print_hamlets(f, p);
	print_moves(f, p);
	print_changes(f, p);
	print_tradeoff(f, p);
	if (!strcmp(p->status, "draft"))
		fprintf(f, _("\nSaved as a draft. Apply with: tkvv plan apply %lld\n"), (long long)p->id);
}

/* One move per row, as interfaces.md says. */
static void print_csv(FILE *f, const struct plan *p)
{
	fputs("member_code,full_name,hamlet_code,from_group,to_group,reason\n", f);
	for (size_t i = 0; i < p->nmoves; i++) {
		const struct plan_move *m = &p->moves[i];
		const char *cells[] = {m->member_code, m->full_name, m->hamlet_code, m->from_code, m->to_code, m->reason};
		for (size_t c = 0; c < ARRAY_LEN(cells); c++) {
			if (c)
				fputc(',', f);
			csv_field(f, cells[c]);
		}
		fputc('\n', f);
	}
}

/* The figures of regroup-metrics.md as a json object. */
static void json_metrics(FILE *f, const struct regroup_metrics *m)
{
	fputs("{\"medoid_m\":", f);
	json_number(f, m->medoid_m);
	fputs(",\"mst_m\":", f);
	json_number(f, m->mst_m);
	fputs(",\"interleave\":", f);
	json_number(f, m->interleave);
	fprintf(f, ",\"moved\":%ld,\"size_violations\":%d,\"cross_hamlet\":%d,\"leaders_moved\":%d,\"groups\":%d}",
		m->moved, m->size_violations, m->cross_hamlet, m->leaders_moved, m->groups);
}

/* Write "KEY":VALUE pairs of strings as a json object. */
static void json_object(FILE *f, const char *const *kv, size_t n)
{
	fputc('{', f);
	for (size_t i = 0; i < n; i += 2) {
		if (i)
			fputc(',', f);
		json_string(f, kv[i]);
		fputc(':', f);
		json_string(f, kv[i + 1]);
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
		json_string(f, h->code);
		fputs(",\"name\":", f);
		json_string(f, h->name);
		fprintf(f, ",\"method\":\"%s\",\"status\":\"%s\",\"message\":", plan_method_name(h->method),
			h->status == REGROUP_OK ? "ok" : "infeasible");
		json_string(f, h->message);
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
		if (i)
			fputc(',', f);
		json_object(f, kv, ARRAY_LEN(kv));
	}
	fputs("],\"merges\":[", f);
	for (size_t i = 0, n = 0; i < p->ngroups; i++)
		if (p->groups[i].merged_into) {
			const char *kv[] = {"group_code", p->groups[i].group_code, "into", p->groups[i].into_code};
			if (n++)
				fputc(',', f);
			json_object(f, kv, ARRAY_LEN(kv));
		}
	fputs("],\"new_leaders\":[", f);
	for (size_t i = 0, n = 0; i < p->ngroups; i++)
		if (p->groups[i].new_leader) {
			const char *kv[] = {"group_code", p->groups[i].group_code, "old_leader",
					    p->groups[i].old_leader, "new_leader", p->groups[i].new_leader};
			if (n++)
				fputc(',', f);
			json_object(f, kv, ARRAY_LEN(kv));
		}
	fputs("],\"needs_location\":[", f);
	for (size_t i = 0; i < p->nunlocated; i++) {
		const struct plan_unlocated *u = &p->unlocated[i];
		const char *kv[] = {"member_code", u->member_code, "full_name", u->full_name, "hamlet_code", u->hamlet_code};
		if (i)
			fputc(',', f);
		json_object(f, kv, ARRAY_LEN(kv));
	}
	fputs("],\"tradeoff\":[", f);
	for (size_t i = 0; i < p->ntradeoff; i++) {
		fprintf(f, "%s{\"budget\":\"%s\",\"new_leaders\":%s,\"after\":", i ? "," : "",
			p->tradeoff[i].budget, p->tradeoff[i].new_leaders ? "true" : "false");
		json_metrics(f, &p->tradeoff[i].after);
		fputc('}', f);
	}
	fputc(']', f);
}

/* The whole plan as one json object. */
static void print_json(FILE *f, const struct plan *p)
{
	fprintf(f, "{\"plan_id\":%lld,\"status\":\"%s\",\"scope\":", (long long)p->id, p->status);
	json_string(f, p->scope);
	fprintf(f, ",\"params\":{\"min\":%d,\"max\":%d,\"moves_weight\":", p->min, p->max);
	json_number(f, p->move_weight);
	fputs(",\"max_moves\":", f);
	json_string(f, p->max_moves[0] ? p->max_moves : NULL);
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
