/* IDX files (LeCun's MNIST format) through zlib, and Fashion-MNIST on top of them.
 *
 *   bytes 0-1   0x00 0x00
 *   byte  2     data type (0x08: unsigned byte, the only one the course needs)
 *   byte  3     number of dimensions, 1..4 here
 *   then        each dimension, big-endian 32-bit
 *   then        the data, exactly the product of the dimensions, in bytes
 *
 * gzopen reads plain files transparently, so NAME and NAME.gz go through the same code.
 * A file's header is never trusted: the product of the dimensions is checked for
 * overflow, the buffer grows with the data actually read (a header claiming 4 GB of a
 * 1 kB file allocates 1 kB), and a short or overlong file is an error naming both sizes. */
#include "nn_idx.h"
#include "nn_error.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Reads up to len bytes; returns the count, or -1 on a zlib error (a corrupt stream). */
static long read_bytes(gzFile gz, unsigned char *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        size_t want = len - done > (1u << 30) ? (1u << 30) : len - done;
        int got = gzread(gz, buf + done, (unsigned)want);
        if (got < 0) return -1;
        if (got == 0) break;
        done += (size_t)got;
    }
    int errnum;
    gzerror(gz, &errnum);
    if (errnum != Z_OK && errnum != Z_BUF_ERROR) return -1;  /* Z_BUF_ERROR: ended early */
    return (long)done;
}

/* "60000 x 28 x 28" */
static void format_dims(char *buf, size_t len, const int *dims, int ndims)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < ndims && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%d", i ? " x " : "", dims[i]);
}

static int read_header(gzFile gz, const char *path, nn_idx *out, char *err, size_t err_len)
{
    unsigned char magic[4];
    long got = read_bytes(gz, magic, 4);
    if (got < 0) return nn_error(err, err_len, "%s: corrupt gzip data in the header", path);
    if (got < 4)
        return nn_error(err, err_len, "%s: file has %ld bytes, too short for an IDX header (4 bytes of magic)",
                        path, got);
    if (magic[0] != 0 || magic[1] != 0)
        return nn_error(err, err_len, "%s: not an IDX file: magic starts 0x%02x 0x%02x, expected 0x00 0x00",
                        path, magic[0], magic[1]);
    if (magic[2] != 0x08)
        return nn_error(err, err_len, "%s: data type 0x%02x is not supported (only 0x08, unsigned bytes)",
                        path, magic[2]);
    if (magic[3] < 1 || magic[3] > NN_IDX_MAX_DIMS)
        return nn_error(err, err_len, "%s: %d dimensions; the reader handles 1 to %d", path,
                        magic[3], NN_IDX_MAX_DIMS);
    out->ndims = magic[3];
    unsigned char raw[4 * NN_IDX_MAX_DIMS];
    got = read_bytes(gz, raw, 4 * (size_t)out->ndims);
    if (got != 4 * out->ndims)
        return nn_error(err, err_len, "%s: header truncated: %d dimensions need %d bytes, file has %ld",
                        path, out->ndims, 4 * out->ndims, got < 0 ? 0 : got);
    out->size = 1;
    for (int i = 0; i < out->ndims; i++) {
        const unsigned char *b = raw + 4 * i;
        uint32_t d = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
        if (d > INT_MAX)
            return nn_error(err, err_len, "%s: dimension %d is %lu, larger than %d", path, i + 1,
                            (unsigned long)d, INT_MAX);
        out->dims[i] = (int)d;
        /* The product must fit an int (the course indexes with int) and so a size_t. */
        if (d != 0 && out->size > (size_t)INT_MAX / d) {
            char dims[96];
            format_dims(dims, sizeof dims, out->dims, i + 1);
            return nn_error(err, err_len, "%s: dimensions %s multiply to more than %d bytes", path,
                            dims, INT_MAX);
        }
        out->size *= d;
    }
    return 0;
}

/* The data, grown with what arrives; then one more byte must not exist. */
static int read_data(gzFile gz, const char *path, nn_idx *out, char *err, size_t err_len)
{
    size_t cap = out->size < (1u << 20) ? out->size : (1u << 20), have = 0;
    out->data = malloc(cap ? cap : 1);
    if (!out->data) return nn_error(err, err_len, "%s: out of memory", path);
    while (have < out->size) {
        if (have == cap) {
            cap = cap > out->size / 2 ? out->size : 2 * cap;
            unsigned char *bigger = realloc(out->data, cap);
            if (!bigger) return nn_error(err, err_len, "%s: out of memory for %zu bytes", path, cap);
            out->data = bigger;
        }
        long got = read_bytes(gz, out->data + have, cap - have);
        if (got < 0) return nn_error(err, err_len, "%s: corrupt gzip data after %zu bytes", path, have);
        if (got == 0) break;
        have += (size_t)got;
    }
    unsigned char extra[4096];
    size_t trailing = 0;
    long got;
    while ((got = read_bytes(gz, extra, sizeof extra)) > 0) trailing += (size_t)got;
    if (got < 0) return nn_error(err, err_len, "%s: corrupt gzip data at the end", path);
    if (have != out->size || trailing) {
        char dims[96];
        format_dims(dims, sizeof dims, out->dims, out->ndims);
        return nn_error(err, err_len, "%s: file has %zu bytes of data, header says %s = %zu%s", path,
                        have + trailing, dims, out->size,
                        trailing ? " (trailing bytes after the data)" : " (file truncated)");
    }
    return 0;
}

int nn_idx_read(const char *path, nn_idx *out, char *err, size_t err_len)
{
    memset(out, 0, sizeof *out);
    errno = 0;
    gzFile gz = gzopen(path, "rb");
    if (!gz)
        return nn_error(err, err_len, "%s: cannot open: %s", path,
                        errno ? strerror(errno) : "out of memory");
    int r = read_header(gz, path, out, err, err_len);
    if (r == 0) r = read_data(gz, path, out, err, err_len);
    gzclose(gz);
    if (r != 0) nn_idx_free(out);
    return r;
}

/* ---- Fashion-MNIST ------------------------------------------------------------- */

void nn_image_set_free(nn_image_set *s)
{
    free(s->pixels);
    free(s->labels);
    memset(s, 0, sizeof *s);
}

/* dir/NAME.gz if present, else dir/NAME; an error naming the directory and the package
 * when neither is there. */
static int read_member(const char *dir, const char *name, nn_idx *out, char *err, size_t err_len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.gz", dir, name);
    if (access(path, F_OK) != 0) snprintf(path, sizeof path, "%s/%s", dir, name);
    if (access(path, F_OK) != 0)
        return nn_error(err, err_len,
                        "%s: no %s(.gz) there; Fashion-MNIST is installed by `%s` (into %s), "
                        "or give the directory that holds it",
                        dir, name, NN_FASHION_MNIST_INSTALL, NN_FASHION_MNIST_DIR);
    return nn_idx_read(path, out, err, err_len);
}

/* One half (train or t10k): n×28×28 images and n labels in 0..9. */
static int load_half(const char *dir, const char *prefix, nn_image_set *s, char *err, size_t err_len)
{
    char images_name[64], labels_name[64];
    snprintf(images_name, sizeof images_name, "%s-images-idx3-ubyte", prefix);
    snprintf(labels_name, sizeof labels_name, "%s-labels-idx1-ubyte", prefix);
    nn_idx images, labels;
    memset(&labels, 0, sizeof labels);
    if (read_member(dir, images_name, &images, err, err_len) != 0) return -1;
    int r = read_member(dir, labels_name, &labels, err, err_len);
    if (r == 0 && (images.ndims != 3 || images.dims[1] != 28 || images.dims[2] != 28))
        r = nn_error(err, err_len, "%s/%s: expected n x 28 x 28 images", dir, images_name);
    if (r == 0 && (labels.ndims != 1 || labels.dims[0] != images.dims[0]))
        r = nn_error(err, err_len, "%s: %s holds %d images but %s holds %d labels", dir, images_name,
                     images.dims[0], labels_name, labels.ndims == 1 ? labels.dims[0] : -1);
    for (size_t i = 0; r == 0 && i < labels.size; i++)
        if (labels.data[i] > 9)
            r = nn_error(err, err_len, "%s/%s: label %d of image %zu is not in 0..9", dir, labels_name,
                         labels.data[i], i);
    if (r != 0) {
        nn_idx_free(&images);
        nn_idx_free(&labels);
        return -1;
    }
    s->n = images.dims[0];
    s->rows = images.dims[1];
    s->cols = images.dims[2];
    s->dim = s->rows * s->cols;
    s->pixels = images.data;    /* the set takes both buffers over */
    s->labels = labels.data;
    return 0;
}

int nn_fashion_mnist_load(const char *dir, nn_image_set *train, nn_image_set *test,
                          char *err, size_t err_len)
{
    if (train) memset(train, 0, sizeof *train);
    if (test) memset(test, 0, sizeof *test);
    if (train && load_half(dir, "train", train, err, err_len) != 0) return -1;
    if (test && load_half(dir, "t10k", test, err, err_len) != 0) {
        if (train) nn_image_set_free(train);
        return -1;
    }
    return 0;
}

/* X_i = pixels of image idx[i] / 255 ∈ [0, 1]. The 256 possible quotients are computed
 * once per call and looked up: the same numbers as dividing each pixel, without 50 000
 * divisions for a batch of 64. Rows are independent: split over threads (the rows of
 * a batch are scattered through the set, so two threads wait on memory twice at once). */
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
    #pragma omp parallel for schedule(static) if ((long)count * s->dim >= 32768)
    for (int i = 0; i < count; i++) {
        int k = idx ? idx[i] : i;
        if (k < 0 || k >= s->n) {
            fprintf(stderr, "nn_image_batch: image %d of a set of %d\n", k, s->n);
            abort();
        }
        const unsigned char *p = s->pixels + (size_t)k * (size_t)s->dim;
        for (int j = 0; j < s->dim; j++) NN_AT(X, i, j) = quotient[p[j]];
        if (Y.data)
            for (int c = 0; c < 10; c++) NN_AT(Y, i, c) = c == s->labels[k] ? 1 : 0;
        if (labels) labels[i] = s->labels[k];
    }
}
