/* A hamlet drawn as characters: each household a mark in its group's letter,
 * leaders upper case, ordinary members lower case. No terminal in here, so
 * the Check suites compare exact grids. */
#ifndef TKVV_MAP_H
#define TKVV_MAP_H

#include "tkvv/regroup.h"

#define MAP_EMPTY (-1)   /* a cell without a household */
#define MAP_MIXED (-2)   /* households of several groups, none in the majority */

/* The mark of group G: A..Z for its leader, a..z for the others, '?'
 * beyond the 26th group. */
char map_letter(int g, int leader);

/* Draw hamlet H with the groups GROUP (n entries, -1 = none) and the leaders
 * LEADER (n flags) into GRID (WIDTH x HEIGHT characters, row after row, no
 * terminators) and CELLGROUP (the group of each cell, MAP_EMPTY or
 * MAP_MIXED, for its colour). Located households are projected
 * equirectangularly with terminal cells counted twice as tall as wide; a
 * hamlet known only by road order is drawn as a strip along the road.
 * Returns how many households have a place on the map. */
long map_render(const struct regroup_hamlet *h, const int *group, const unsigned char *leader,
		int width, int height, char *grid, int *cellgroup);

#endif
