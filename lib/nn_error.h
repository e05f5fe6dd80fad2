/* Error messages from library functions that meet the outside world.
 *
 * Such a function never exits: it returns -1 and leaves a message in a buffer the
 * caller owns, "<thing>: <problem>; <fix>", which the chapter prints before it exits.
 *
 *     if (bad) return nn_error(err, err_len, "%s: file is empty", path);
 */
#ifndef NN_ERROR_H
#define NN_ERROR_H

#include <stddef.h>

/* Formats the message into err (truncated to err_len; err may be NULL) and returns -1. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int nn_error(char *err, size_t err_len, const char *fmt, ...);

#endif
