/* IDX files (LeCun's MNIST format), plain or gzipped, and Fashion-MNIST on top of them.
 *
 *   bytes 0-1   0x00 0x00
 *   byte  2     data type (0x08: unsigned byte, the only one the course needs)
 *   byte  3     number of dimensions, 1..4 here
 *   then        each dimension, big-endian 32-bit
 *   then        the data, exactly the product of the dimensions, in bytes
 *
 * One parser, on bytes in memory (nn_idx_parse): the file reader checks that the path is
 * a regular file, reads it whole, and hands the bytes over; a fuzzer hands them over
 * directly. The bytes come out of a `source`: the input itself, or zlib inflating it when
 * it starts with the gzip magic. A file's header is never trusted: the product of the
 * dimensions is checked for overflow, the buffer grows with the data actually there (a
 * header claiming 2 GB of a 1 kB file allocates 1 kB), and a short or overlong file is
 * an error naming both sizes. */
#include "nn_idx.h"
#include "nn_error.h"
#include "nn_parallel.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

const char *const nn_fashion_mnist_classes[10] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
};

void nn_idx_free(nn_idx *idx)
{
    free(idx->data);
    idx->data = NULL;
    idx->size = 0;
    idx->ndims = 0;
}

/* ---- Where the bytes come from ------------------------------------------------- */

typedef struct {
    const unsigned char *in;
    size_t len, pos;        /* the input, and how much of it is used */
    int gzip;
    z_stream zs;
    int member_ended;       /* the current gzip member reached its end marker */
    int truncated;          /* the input ended inside a gzip member */
    const char *problem;    /* why a read failed: "corrupt gzip data (...)", ... */
    char detail[96];
} source;

static int source_open(source *s, const unsigned char *bytes, size_t len)
{
    memset(s, 0, sizeof *s);
    s->in = bytes;
    s->len = len;
    s->gzip = len >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
    if (s->gzip && inflateInit2(&s->zs, 16 + MAX_WBITS) != Z_OK) return -1;  /* gzip only */
    return 0;
}

static void source_close(source *s)
{
    if (s->gzip) inflateEnd(&s->zs);
}

/* Up to len bytes into buf; the count (0 at the end of the input), or -1 with s->problem
 * set. A gzip member that ends is followed by another member or by nothing; an input
 * that ends inside a member sets s->truncated (what came before it is returned). */
static long source_read(source *s, unsigned char *buf, size_t len)
{
    if (!s->gzip) {
        size_t n = s->len - s->pos < len ? s->len - s->pos : len;
        if (n) memcpy(buf, s->in + s->pos, n);
        s->pos += n;
        return (long)n;
    }
    size_t done = 0;
    while (done < len) {
        if (s->member_ended) {
            if (s->pos == s->len) break;                        /* the clean end */
            if (s->len - s->pos < 2 || s->in[s->pos] != 0x1f || s->in[s->pos + 1] != 0x8b) {
                snprintf(s->detail, sizeof s->detail, "%zu bytes after the end of the gzip stream "
                         "that are not another gzip member", s->len - s->pos);
                s->problem = s->detail;
                return -1;
            }
            inflateReset(&s->zs);
            s->member_ended = 0;
        }
        size_t in_left = s->len - s->pos, out_left = len - done;
        s->zs.next_in = (Bytef *)(uintptr_t)(s->in + s->pos);
        s->zs.avail_in = in_left > UINT_MAX ? UINT_MAX : (uInt)in_left;
        s->zs.next_out = buf + done;
        s->zs.avail_out = out_left > UINT_MAX ? UINT_MAX : (uInt)out_left;
        uInt in_before = s->zs.avail_in, out_before = s->zs.avail_out;
        int r = inflate(&s->zs, Z_NO_FLUSH);
        s->pos += in_before - s->zs.avail_in;
        done += out_before - s->zs.avail_out;
        if (r == Z_STREAM_END) {
            s->member_ended = 1;
        } else if (r == Z_BUF_ERROR || (r == Z_OK && s->pos == s->len && s->zs.avail_out > 0)) {
            s->truncated = 1;               /* no input left inside a member: the file was cut */
            break;
        } else if (r != Z_OK) {
            snprintf(s->detail, sizeof s->detail, "corrupt gzip data (%s)",
                     s->zs.msg ? s->zs.msg : "zlib error");
            s->problem = s->detail;
            return -1;
        }
    }
    return (long)done;
}

/* Reads exactly len bytes if they are there: the count read, or -1 on an error. */
static long source_read_all(source *s, unsigned char *buf, size_t len)
{
    size_t done = 0;
    while (done < len && !s->truncated) {
        long got = source_read(s, buf + done, len - done);
        if (got < 0) return -1;
        if (got == 0) break;
        done += (size_t)got;
    }
    return (long)done;
}

/* ---- The parser ---------------------------------------------------------------- */

/* "60000 x 28 x 28" */
static void format_dims(char *buf, size_t len, const int *dims, int ndims)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < ndims && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%d", i ? " x " : "", dims[i]);
}

static int read_header(source *s, const char *name, nn_idx *out, char *err, size_t err_len)
{
    unsigned char magic[4];
    long got = source_read_all(s, magic, 4);
    if (got < 0) return nn_error(err, err_len, "%s: %s in the header", name, s->problem);
    if (got < 4 && s->truncated)
        return nn_error(err, err_len, "%s: the gzip stream ends after %ld bytes, inside the IDX "
                        "header (file truncated)", name, got);
    if (got < 4)
        return nn_error(err, err_len, "%s: file has %ld bytes, too short for an IDX header (4 bytes of magic)",
                        name, got);
    if (magic[0] != 0 || magic[1] != 0)
        return nn_error(err, err_len, "%s: not an IDX file: magic starts 0x%02x 0x%02x, expected 0x00 0x00",
                        name, magic[0], magic[1]);
    if (magic[2] != 0x08)
        return nn_error(err, err_len, "%s: data type 0x%02x is not supported (only 0x08, unsigned bytes)",
                        name, magic[2]);
    if (magic[3] < 1 || magic[3] > NN_IDX_MAX_DIMS)
        return nn_error(err, err_len, "%s: %d dimensions; the reader handles 1 to %d", name,
                        magic[3], NN_IDX_MAX_DIMS);
    out->ndims = magic[3];
    unsigned char raw[4 * NN_IDX_MAX_DIMS];
    got = source_read_all(s, raw, 4 * (size_t)out->ndims);
    if (got != 4 * out->ndims)
        return nn_error(err, err_len, "%s: header truncated: %d dimensions need %d bytes, file has %ld",
                        name, out->ndims, 4 * out->ndims, got < 0 ? 0 : got);
    out->size = 1;
    for (int i = 0; i < out->ndims; i++) {
        const unsigned char *b = raw + 4 * i;
        uint32_t d = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
        if (d > INT_MAX)
            return nn_error(err, err_len, "%s: dimension %d is %lu, larger than %d", name, i + 1,
                            (unsigned long)d, INT_MAX);
        out->dims[i] = (int)d;
        /* The product must fit an int (the course indexes with int) and so a size_t. */
        if (d != 0 && out->size > (size_t)INT_MAX / d) {
            char dims[96];
            format_dims(dims, sizeof dims, out->dims, i + 1);
            return nn_error(err, err_len, "%s: dimensions %s multiply to more than %d bytes", name,
                            dims, INT_MAX);
        }
        out->size *= d;
    }
    return 0;
}

/* The data, grown with what arrives; then one more byte must not exist. */
static int read_data(source *s, const char *name, nn_idx *out, char *err, size_t err_len)
{
    size_t cap = out->size < (1u << 16) ? out->size : (1u << 16), have = 0;
    out->data = malloc(cap ? cap : 1);
    if (!out->data) return nn_error(err, err_len, "%s: out of memory", name);
    while (have < out->size && !s->truncated) {
        if (have == cap) {
            cap = cap > out->size / 2 ? out->size : 2 * cap;
            unsigned char *bigger = realloc(out->data, cap);
            if (!bigger) return nn_error(err, err_len, "%s: out of memory for %zu bytes", name, cap);
            out->data = bigger;
        }
        long got = source_read(s, out->data + have, cap - have);
        if (got < 0) return nn_error(err, err_len, "%s: %s", name, s->problem);
        if (got == 0) break;
        have += (size_t)got;
    }
    unsigned char extra[4096];
    size_t trailing = 0;
    long got = 0;
    while (!s->truncated && (got = source_read(s, extra, sizeof extra)) > 0) trailing += (size_t)got;
    if (got < 0) return nn_error(err, err_len, "%s: %s", name, s->problem);
    if (have != out->size || trailing) {
        char dims[96];
        format_dims(dims, sizeof dims, out->dims, out->ndims);
        return nn_error(err, err_len, "%s: file has %zu bytes of data, header says %s = %zu (%s)", name,
                        have + trailing, dims, out->size,
                        trailing ? "trailing bytes after the data"
                        : s->truncated ? "file truncated: the gzip stream ends without its end marker"
                        : "file truncated");
    }
    if (s->truncated)       /* all the data, but not the gzip trailer (its CRC and length) */
        return nn_error(err, err_len, "%s: the gzip stream ends without its end marker (file "
                        "truncated)", name);
    return 0;
}

int nn_idx_parse(const unsigned char *bytes, size_t len, const char *name, nn_idx *out,
                 char *err, size_t err_len)
{
    memset(out, 0, sizeof *out);
    source s;
    if (source_open(&s, bytes, len) != 0) return nn_error(err, err_len, "%s: out of memory", name);
    int r = read_header(&s, name, out, err, err_len);
    if (r == 0) r = read_data(&s, name, out, err, err_len);
    source_close(&s);
    if (r != 0) nn_idx_free(out);
    return r;
}

/* What a path that is not a regular file is, for the message. */
static const char *file_kind(mode_t mode)
{
    return S_ISDIR(mode) ? "a directory" : S_ISFIFO(mode) ? "a FIFO (named pipe)"
         : S_ISCHR(mode) || S_ISBLK(mode) ? "a device" : S_ISSOCK(mode) ? "a socket" : "not a file";
}

/* The largest file an IDX of at most INT_MAX data bytes can be (gzip adds a little). */
#define MAX_FILE_BYTES ((off_t)INT_MAX + (off_t)INT_MAX / 64 + 4096)

int nn_idx_read(const char *path, nn_idx *out, char *err, size_t err_len)
{
    memset(out, 0, sizeof *out);
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it. */
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) return nn_error(err, err_len, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return nn_error(err, err_len, "%s: cannot look at it: %s", path, strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return nn_error(err, err_len, "%s: is %s, not a regular file; give the IDX file itself",
                        path, file_kind(st.st_mode));
    }
    if (st.st_size > MAX_FILE_BYTES) {
        close(fd);
        return nn_error(err, err_len, "%s: %lld bytes, larger than any IDX file of at most %d bytes "
                        "of data", path, (long long)st.st_size, INT_MAX);
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;      /* +1: to see a file that grew */
    unsigned char *bytes = malloc(cap);
    if (!bytes) {
        close(fd);
        return nn_error(err, err_len, "%s: out of memory for its %zu bytes", path, cap - 1);
    }
    for (;;) {
        ssize_t got = read(fd, bytes + len, cap - len);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            int e = errno;
            free(bytes);
            close(fd);
            return nn_error(err, err_len, "%s: cannot read: %s", path, strerror(e));
        }
        if (got == 0) break;
        len += (size_t)got;
        if (len == cap) {
            free(bytes);
            close(fd);
            return nn_error(err, err_len, "%s: the file grew while it was read; read it when it "
                            "is complete", path);
        }
    }
    close(fd);
    int r = nn_idx_parse(bytes, len, path, out, err, err_len);
    free(bytes);
    return r;
}

/* ---- Fashion-MNIST ------------------------------------------------------------- */

void nn_image_set_free(nn_image_set *s)
{
    free(s->pixels);
    free(s->labels);
    memset(s, 0, sizeof *s);
}

/* dir/NAME.gz if present, else dir/NAME; NN_IDX_MISSING, naming the directory and the
 * package, when neither is there. (lstat-free: a symlink to the data is fine.) */
static int read_member(const char *dir, const char *name, nn_idx *out, char *err, size_t err_len)
{
    size_t len = strlen(dir) + strlen(name) + 5;
    char *path = malloc(len);
    if (!path) return nn_error(err, err_len, "%s: out of memory", dir);
    struct stat st;
    snprintf(path, len, "%s/%s.gz", dir, name);
    if (stat(path, &st) != 0) snprintf(path, len, "%s/%s", dir, name);
    if (stat(path, &st) != 0) {
        int e = errno;
        free(path);
        if (e != ENOENT && e != ENOTDIR)
            return nn_error(err, err_len, "%s/%s: cannot look at it: %s", dir, name, strerror(e));
        nn_error(err, err_len,
                 "%s: no %s(.gz) there; Fashion-MNIST is installed by `%s` (into %s), "
                 "or give the directory that holds it",
                 dir, name, NN_FASHION_MNIST_INSTALL, NN_FASHION_MNIST_DIR);
        return NN_IDX_MISSING;
    }
    int r = nn_idx_read(path, out, err, err_len);
    free(path);
    return r;
}

int nn_image_set_from_idx(nn_idx *images, nn_idx *labels, const char *dir,
                          const char *images_name, const char *labels_name, nn_image_set *s,
                          char *err, size_t err_len)
{
    if (images->ndims != 3 || images->dims[1] != 28 || images->dims[2] != 28)
        return nn_error(err, err_len, "%s/%s: expected n x 28 x 28 images", dir, images_name);
    if (labels->ndims != 1 || labels->dims[0] != images->dims[0])
        return nn_error(err, err_len, "%s: %s holds %d images but %s holds %d labels", dir,
                        images_name, images->dims[0], labels_name,
                        labels->ndims == 1 ? labels->dims[0] : -1);
    for (size_t i = 0; i < labels->size; i++)
        if (labels->data[i] > 9)
            return nn_error(err, err_len, "%s/%s: label %d of image %zu is not in 0..9", dir,
                            labels_name, labels->data[i], i);
    s->n = images->dims[0];
    s->rows = images->dims[1];
    s->cols = images->dims[2];
    s->dim = s->rows * s->cols;
    s->pixels = images->data;   /* the set takes both buffers over */
    s->labels = labels->data;
    images->data = labels->data = NULL;
    return 0;
}

/* One half (train or t10k): n×28×28 images and n labels in 0..9. */
static int load_half(const char *dir, const char *prefix, nn_image_set *s, char *err, size_t err_len)
{
    char images_name[64], labels_name[64];
    snprintf(images_name, sizeof images_name, "%s-images-idx3-ubyte", prefix);
    snprintf(labels_name, sizeof labels_name, "%s-labels-idx1-ubyte", prefix);
    nn_idx images, labels;
    memset(&labels, 0, sizeof labels);
    int r = read_member(dir, images_name, &images, err, err_len);
    if (r != 0) return r;
    r = read_member(dir, labels_name, &labels, err, err_len);
    if (r == 0)
        r = nn_image_set_from_idx(&images, &labels, dir, images_name, labels_name, s, err, err_len);
    nn_idx_free(&images);
    nn_idx_free(&labels);
    return r;
}

int nn_fashion_mnist_load(const char *dir, nn_image_set *train, nn_image_set *test,
                          char *err, size_t err_len)
{
    if (train) memset(train, 0, sizeof *train);
    if (test) memset(test, 0, sizeof *test);
    struct stat st;
    if (stat(dir, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
        nn_error(err, err_len, "%s: no such directory; Fashion-MNIST is installed by `%s` (into %s), "
                 "or give the directory that holds it", dir, NN_FASHION_MNIST_INSTALL,
                 NN_FASHION_MNIST_DIR);
        return NN_IDX_MISSING;
    }
    if (!S_ISDIR(st.st_mode))
        return nn_error(err, err_len, "%s: is not a directory; give the directory that holds the "
                        "four Fashion-MNIST files", dir);
    int r = train ? load_half(dir, "train", train, err, err_len) : 0;
    if (r != 0) return r;
    r = test ? load_half(dir, "t10k", test, err, err_len) : 0;
    if (r != 0 && train) nn_image_set_free(train);
    return r;
}

/* X_i = pixels of image idx[i] / 255 ∈ [0, 1]. The 256 possible quotients are computed
 * once per call and looked up: the same numbers as dividing each pixel, without 50 000
 * divisions for a batch of 64. Rows are independent: split over threads (the rows of
 * a batch are scattered through the set, so two threads wait on memory twice at once).
 * A shuffled batch reads its 784-byte images from anywhere in 47 MB: each one misses the
 * caches. While image i is converted, the 13 cache lines of image i + PREFETCH_AHEAD are
 * asked for (__builtin_prefetch: a hint, it changes no number): a batch of 64 over an
 * epoch went from 40-55 to 21-30 us, a training step on one thread 6-10% faster. */
#define PREFETCH_AHEAD 2
void nn_image_batch(const nn_image_set *s, const int *idx, int count, nn_matrix X,
                    nn_matrix Y, int *labels)
{
    if (X.cols != s->dim || X.rows < count || (Y.data && (Y.cols != 10 || Y.rows < count))) {
        fprintf(stderr, "nn_image_batch: %d images of %d pixels into X %d x %d, Y %d x %d\n", count,
                s->dim, X.rows, X.cols, Y.rows, Y.cols);
        abort();
    }
    nn_real quotient[256];
    for (int v = 0; v < 256; v++) quotient[v] = (nn_real)v / NN_R(255.0);
    double forked = nn_fork_loop((long)count * s->dim);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (int i = 0; i < count; i++) {
        int k = idx ? idx[i] : i;
        if (k < 0 || k >= s->n) {
            fprintf(stderr, "nn_image_batch: image %d of a set of %d\n", k, s->n);
            abort();
        }
        const unsigned char *p = s->pixels + (size_t)k * (size_t)s->dim;
        int ahead = idx && i + PREFETCH_AHEAD < count ? idx[i + PREFETCH_AHEAD] : -1;
        if (ahead >= 0 && ahead < s->n)
            for (int j = 0; j < s->dim; j += 64) __builtin_prefetch(s->pixels + (size_t)ahead * (size_t)s->dim + j);
        for (int j = 0; j < s->dim; j++) NN_AT(X, i, j) = quotient[p[j]];
        if (Y.data)
            for (int c = 0; c < 10; c++) NN_AT(Y, i, c) = c == s->labels[k] ? 1 : 0;
        if (labels) labels[i] = s->labels[k];
    }
    nn_join_loop(forked, (long)count * s->dim);
}
