/* The key bar at the bottom, mc and htop style: the key, then its label. */
#include "config.h"

#include <string.h>

#include "tkvv/text.h"
#include "ui.h"

void keybar_draw(struct tui *t, WINDOW *w, unsigned long hints)
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
