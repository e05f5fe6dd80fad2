/* libFuzzer target: the IDX parser on arbitrary bytes, plain or gzipped (nn_idx_parse, the
 * parser nn_idx_read hands a file's bytes to). Whatever the bytes, it must return 0 with
 * data exactly as long as the dimensions say, or -1 with a message and no data; never
 * crash, leak, overflow or read out of bounds (AddressSanitizer, UBSan). */
#include "nn_idx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static volatile unsigned sink;  /* reads of the data the compiler cannot drop */

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
    nn_idx idx;
    char err[512];
    if (nn_idx_parse(bytes, len, "fuzz.idx", &idx, err, sizeof err) == 0) {
        size_t n = 1;
        for (int i = 0; i < idx.ndims; i++) n *= (size_t)idx.dims[i];
        if (n != idx.size || idx.ndims < 1 || idx.ndims > NN_IDX_MAX_DIMS || !idx.data) abort();
        for (size_t i = 0; i < n; i++) sink += idx.data[i];    /* every byte readable */
        nn_idx_free(&idx);
    } else if (idx.data || !err[0]) {
        abort();    /* a failure leaves no data and says why */
    }
    return 0;
}
