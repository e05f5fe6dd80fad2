/* Names of enumerated choices (activations, losses, optimisers), as the command line
 * and the results files spell them. One table of strings per enum, indexed by the
 * enum's value; these two functions are the only way in and out of such a table. */
#ifndef NN_NAMES_H
#define NN_NAMES_H

#include <string.h>

/* names[index], or "unknown" for an index outside the table. */
static inline const char *nn_name_of(const char *const *names, int count, int index)
{
    return index >= 0 && index < count ? names[index] : "unknown";
}

/* The index of `name` in the table, or -1 if it is not there. */
static inline int nn_name_index(const char *const *names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(name, names[i]) == 0) return i;
    return -1;
}

#endif
