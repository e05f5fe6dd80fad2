/* Error messages for the caller to print: see nn_error.h. */
#include "nn_error.h"

#include <stdarg.h>
#include <stdio.h>

int nn_error(char *err, size_t err_len, const char *fmt, ...)
{
    if (err && err_len > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_len, fmt, ap);
        va_end(ap);
    }
    return -1;
}
