/* The frame: the top line, the key bar, the message line, the key reader
 * and the resize, which screens and widgets call and which calls none of
 * them (frame.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "frame.h"
#include "tkvv/i18n.h"
#include "tkvv/text.h"

/* Teach curses the Home/End/Delete spellings of the usual terminals (xterm,
 * VT220, rxvt, tmux), so a TERM that does not match the real terminal still
 * leaves these keys whole instead of an Esc that goes back a screen. */
void frame_define_keys(void)
{
	static const struct { const char *seq; int key; } keys[] = {
		{"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME},
		{"\033[4~", KEY_END}, {"\033[8~", KEY_END}, {"\033[F", KEY_END}, {"\033OF", KEY_END},
		{"\033[3~", KEY_DC}, {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
	};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (key_defined(keys[i].seq) <= 0)
			define_key(keys[i].seq, keys[i].key);
}

int frame_read_key(struct tui *t, wint_t *ch)
{
	int kc = wget_wch(t->msg, ch);
	if (kc == ERR)
		return -1;
	if (kc == KEY_CODE_YES && *ch == KEY_RESIZE) {
		frame_layout(t);
		return -1;
	}
	return kc;
}

void frame_message(struct tui *t, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_error = error;
}

int frame_body_height(struct tui *t)
{
	return t->body ? getmaxy(t->body) - 1 : 1;
}

void frame_layout(struct tui *t)
{
	int rows = LINES < 6 ? 6 : LINES, cols = COLS < 20 ? 20 : COLS;
	if (t->top)
		delwin(t->top), delwin(t->body), delwin(t->bar), delwin(t->msg);
	t->top = newwin(1, cols, 0, 0);
	t->body = newwin(rows - 3, cols, 1, 0);
	t->bar = newwin(1, cols, rows - 2, 0);
	t->msg = newwin(1, cols, rows - 1, 0);
	keypad(t->msg, TRUE);
	keypad(t->body, TRUE);
	struct screen *s = &t->screens[t->current];
	if (s->ops->resize)
		s->ops->resize(t, s);
	clearok(curscr, TRUE);
}

void frame_draw_top(struct tui *t)
{
	struct screen *s = &t->screens[t->current];
	char head[128], right[200], date[16];
	int width = getmaxx(t->top);
	record_fmt_date(t->today, date, sizeof date);
	snprintf(head, sizeof head, " %d %s%s", t->current + 1, _(s->def->title), s->filter.label[0] ? ": " : "");
	snprintf(right, sizeof right, "  %s  %s ", t->db_name, date);
	int rw = (int)text_width(right), hw = (int)text_width(head);
	if (rw + hw + 10 > width) {
		snprintf(right, sizeof right, "  %s ", date);
		rw = (int)text_width(right);
	}
	werase(t->top);
	wbkgdset(t->top, colors_attr(t, C_TITLE));
	wattrset(t->top, colors_attr(t, C_TITLE));
	ui_put(t->top, 0, 0, head, hw, 0);
	const char *label = s->filter.label;
	int room = width - rw - hw;
	if ((int)text_width(label) > room) {
		while (*label && (int)text_width(label) > room - 1) {
			label++;
			while (((unsigned char)*label & 0xC0) == 0x80)
				label++;
		}
		ui_put(t->top, 0, hw, "…", 1, 0);
		ui_put(t->top, 0, hw + 1, label, room - 1, 0);
	} else {
		ui_put(t->top, 0, hw, label, room, 0);
	}
	ui_put(t->top, 0, width - rw, right, rw, 1);
}

void frame_position(const struct screen *s, char *out, size_t n)
{
	static const char *const marks[4] = {"", "▸ ", "◂  ", "◂▸ "};
	snprintf(out, n, " %s%ld/%ld", marks[(s->more_left ? 2 : 0) + (s->more_right ? 1 : 0)],
		 s->model.count ? s->model.cursor + 1 : 0, s->model.count);
}

/* Draw the message line, with the list's position on the right. */
static void draw_msg(struct tui *t)
{
	struct screen *s = &t->screens[t->current];
	char pos[64];
	int width = getmaxx(t->msg);
	frame_position(s, pos, sizeof pos);
	int pw = (int)text_width(pos);
	werase(t->msg);
	wattrset(t->msg, colors_attr(t, t->message_error ? C_ERROR : C_NORMAL));
	ui_put(t->msg, 0, 0, t->message, width - pw - 1, 0);
	wattrset(t->msg, A_NORMAL);
	ui_put(t->msg, 0, width - pw, pos, pw, 1);
}

void frame_draw(struct tui *t)
{
	struct screen *s = &t->screens[t->current];
	frame_draw_top(t);
	s->ops->draw(t, s, t->body);
	frame_keybar(t, t->bar, s->ops->hints(t, s));
	draw_msg(t);
	wnoutrefresh(t->top);
	wnoutrefresh(t->body);
	wnoutrefresh(t->bar);
	wnoutrefresh(t->msg);
	doupdate();
}

void frame_goto_screen(struct tui *t, int id, const struct filter *f, int push)
{
	struct screen *s = &t->screens[id];
	if (push && t->depth < (int)ARRAY_LEN(t->stack))
		t->stack[t->depth++] = t->current;
	if (t->screens[t->current].ops->leave)
		t->screens[t->current].ops->leave(t, &t->screens[t->current]);
	if (f) {
		s->filter = *f;
		s->model.cursor = s->model.top = 0;
	}
	t->current = id;
	t->message[0] = '\0';
	s->ops->enter(t, s);
}

void ui_put(WINDOW *w, int y, int x, const char *s, int width, int right)
{
	char clean[516];
	size_t j = 0;
	/* Control characters in the data would move the cursor: show them as
	 * spaces, C1 controls (U+0080..U+009F, C2 80..C2 9F) too. */
	for (size_t i = 0; s && s[i] && j < 511; i++) {
		unsigned char b = (unsigned char)s[i], b2 = (unsigned char)s[i + 1];
		if (b == 0xC2 && b2 >= 0x80 && b2 <= 0x9F) {
			clean[j++] = ' ';
			i++;
			continue;
		}
		clean[j++] = b < 0x20 || b == 0x7f ? ' ' : s[i];
	}
	clean[j] = '\0';
	/* Never past the window's right edge: a cut cell, not a wrapped line. */
	if (width > getmaxx(w) - x)
		width = getmaxx(w) - x;
	if (width <= 0)
		return;
	size_t fit = text_fit(clean, (size_t)width);
	if (clean[fit] && width > 1) {
		/* Cut text ends with an ellipsis so a cut name is not taken for a whole one. */
		fit = text_fit(clean, (size_t)width - 1);
		memcpy(clean + fit, "…", sizeof "…");
	} else {
		clean[fit] = '\0';
	}
	int used = (int)text_width(clean);
	int pad = width - used;
	wmove(w, y, x);
	if (right)
		for (int i = 0; i < pad; i++)
			waddch(w, ' ');
	waddstr(w, clean);
	if (!right)
		for (int i = 0; i < pad; i++)
			waddch(w, ' ');
}

void frame_keybar(struct tui *t, WINDOW *w, unsigned long hints)
{
	int width = getmaxx(w), x = 0;
	werase(w);
	wbkgdset(w, colors_attr(t, C_KEYLABEL));
	int whole = -1;
	for (int a = 0; a < A_COUNT; a++)
		if (actions_label((enum action)a) && (hints & HINT(a)))
			whole += (int)(text_width(actions_keyname((enum action)a)) +
				       text_width(actions_label((enum action)a))) + 1;
	for (int a = 0; a < A_COUNT && x < width; a++) {
		const char *label = actions_label((enum action)a);
		if (!label || !(hints & HINT(a)))
			continue;
		const char *key = actions_keyname((enum action)a);
		int kw = (int)text_width(key), lw = (int)text_width(label);
		/* Fit 10 keys in 80 columns: long labels are cut to 6 columns there,
		 * unless the whole bar fits with them whole. */
		int room = width >= 120 || whole <= width ? lw : (lw < 6 ? lw : 6);
		if (x + kw + room > width)
			break;
		wattrset(w, colors_attr(t, C_KEY));
		mvwaddstr(w, 0, x, key);
		wattrset(w, colors_attr(t, C_KEYLABEL));
		ui_put(w, 0, x + kw, label, room, 0);
		x += kw + room + 1;
	}
	wattrset(w, A_NORMAL);
}
