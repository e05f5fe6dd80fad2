/* libFuzzer target: the IDX parser behind the gzip decoder, on valid gzip streams of
 * arbitrary content. Random bytes rarely form a gzip stream with a correct CRC, so this
 * target compresses the input first: byte 0 chooses the framing, the rest is the content.
 *   bit 0: cut the content in two gzip members at the position byte 1 gives
 *   bit 2: drop the last 1-8 bytes of the stream (a truncated download), as byte 2 says
 *   bit 1: then append byte 2 (after a whole stream: trailing garbage, always an error)
 * A parse that succeeds must give back exactly the content's data part. */
#include "nn_idx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* content as one gzip member appended at out + *used (capacity cap); 0 on success */
static int gzip_member(const uint8_t *content, size_t len, uint8_t *out, size_t cap, size_t *used)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    /* the fastest level and the smallest state: the reader, not deflate, is under test */
    if (deflateInit2(&zs, 1, Z_DEFLATED, 16 + 9, 1, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    zs.next_in = (Bytef *)(uintptr_t)content;
    zs.avail_in = (uInt)len;
    zs.next_out = out + *used;
    zs.avail_out = (uInt)(cap - *used);
    int r = deflate(&zs, Z_FINISH);
    *used = cap - zs.avail_out;
    deflateEnd(&zs);
    return r == Z_STREAM_END ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
    if (len < 3) return 0;
    uint8_t mode = bytes[0], cut = bytes[1], extra = bytes[2];
    const uint8_t *content = bytes + 3;
    size_t n = len - 3, cap = 2 * n + 256, used = 0;
    uint8_t *gz = malloc(cap + 1);
    if (!gz) return 0;
    size_t first = (mode & 1) && n ? cut % (n + 1) : n;
    int ok = gzip_member(content, first, gz, cap, &used) == 0;
    if (ok && first < n) ok = gzip_member(content + first, n - first, gz, cap, &used) == 0;
    if (!ok) { free(gz); return 0; }
    /* the whole stream's last 9 bytes, to tell afterwards whether it is still whole (a
     * cut of one byte and a trailing byte equal to it give the same stream back) */
    size_t whole = used;
    uint8_t tail[9];
    memcpy(tail, gz + whole - 9, 9);
    if (mode & 4) used -= 1 + extra % 8;
    if (mode & 2) gz[used++] = extra;
    int intact = used == whole && memcmp(gz + whole - 9, tail, 9) == 0;

    nn_idx idx;
    char err[512];
    int r = nn_idx_parse(gz, used, "fuzz.idx.gz", &idx, err, sizeof err);
    if (r == 0) {
        /* accepted: only the whole stream with nothing after it, holding the content */
        if (!intact) abort();
        size_t header = 4 + 4 * (size_t)idx.ndims;
        if (header + idx.size != n || memcmp(idx.data, content + header, idx.size) != 0) abort();
        nn_idx_free(&idx);
    } else if (idx.data || !err[0]) {
        abort();
    }
    free(gz);
    return 0;
}
