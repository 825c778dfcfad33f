/* Calendar arithmetic on day numbers (days since 1970-01-01, proleptic
 * Gregorian), shared by the reports and the demo generator. */
#ifndef TKVV_DATE_H
#define TKVV_DATE_H

#include <stdint.h>

/* The day number of the civil date Y-M-D. */
int32_t date_days(int y, int m, int d);
/* The civil date of day number DAY. */
void date_civil(int32_t day, int *y, int *m, int *d);

#endif
