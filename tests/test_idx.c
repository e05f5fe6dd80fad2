/* IDX files: small files written here (plain and gzipped) read back exactly; corrupt
 * ones each refused with a message that names the problem; a Fashion-MNIST-shaped set
 * loaded and batched; the real Fashion-MNIST checked when it is installed. */
#include "nn.h"
#include "tap.h"
#include "test_files.h"

#include <zlib.h>

static char dir[64];

/* An IDX image in memory: magic 0 0 type ndims, big-endian dims, then `data_len` bytes
 * counting 0, 1, 2, ... (mod 251, so that misplaced bytes show). */
static unsigned char *idx_bytes(int type, int ndims, const unsigned long *dims, size_t data_len,
                                size_t *len)
{
    *len = 4 + 4 * (size_t)ndims + data_len;
    unsigned char *b = malloc(*len), *p = b;
    *p++ = 0; *p++ = 0; *p++ = (unsigned char)type; *p++ = (unsigned char)ndims;
    for (int i = 0; i < ndims; i++) {
        *p++ = (unsigned char)(dims[i] >> 24); *p++ = (unsigned char)(dims[i] >> 16);
        *p++ = (unsigned char)(dims[i] >> 8); *p++ = (unsigned char)dims[i];
    }
    for (size_t i = 0; i < data_len; i++) *p++ = (unsigned char)(i % 251);
    return b;
}

static const char *write_file(const char *name, const unsigned char *b, size_t len, int gz)
{
    static char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (gz) {
        gzFile g = gzopen(path, "wb");
        if (!g || (len && gzwrite(g, b, (unsigned)len) != (int)len) || gzclose(g) != Z_OK) exit(255);
    } else {
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(b, 1, len, f) != len || fclose(f) != 0) exit(255);
    }
    return path;
}

/* Writes an IDX file and reads it back: 1 if every dim and byte came back. */
static int round_trip(const char *name, int gz, int ndims, const unsigned long *dims)
{
    size_t n = 1, len;
    for (int i = 0; i < ndims; i++) n *= dims[i];
    unsigned char *b = idx_bytes(8, ndims, dims, n, &len);
    nn_idx idx;
    char err[256];
    int ok = nn_idx_read(write_file(name, b, len, gz), &idx, err, sizeof err) == 0 &&
             idx.ndims == ndims && idx.size == n && memcmp(idx.data, b + 4 + 4 * ndims, n) == 0;
    for (int i = 0; ok && i < ndims; i++) ok &= idx.dims[i] == (int)dims[i];
    if (!ok) tap_diag("%s: %s", name, err);
    nn_idx_free(&idx);
    free(b);
    return ok;
}

static void test_good_files(void)
{
    const unsigned long d3[] = { 2, 3, 4 }, d1[] = { 5 }, d2[] = { 3000, 1000 }, d4[] = { 2, 2, 3, 5 };
    tap_ok(round_trip("small.idx", 0, 3, d3), "plain 2x3x4 IDX read back exactly");
    tap_ok(round_trip("labels.idx.gz", 1, 1, d1) && round_trip("four.idx.gz", 1, 4, d4),
           "gzipped 1-D (5) and 4-D (2x2x3x5) IDX read back exactly");
    tap_ok(round_trip("big.idx.gz", 1, 2, d2), "gzipped 3000x1000 IDX (3 MB, buffer grown past 1 MB) read back exactly");
}

/* A corrupt file: nn_idx_read must return -1, leave no data, and say `want`. */
static void expect_error(const char *what, const char *name, const unsigned char *b, size_t len,
                         int gz, const char *want)
{
    nn_idx idx;
    char err[512] = "";
    const char *path = b ? write_file(name, b, len, gz) : name;
    int r = nn_idx_read(path, &idx, err, sizeof err);
    const char *msg = strstr(err, dir) == err ? err + strlen(dir) + 1 : err;
    tap_ok(r == -1 && idx.data == NULL && strstr(err, want) != NULL, "%s: '%s'", what, msg);
    if (!strstr(err, want)) tap_diag("wanted a message containing: %s", want);
}

static void test_corrupt_files(void)
{
    size_t len;
    const unsigned long d2[] = { 10, 10 }, mnist[] = { 60000, 28, 28 }, small[] = { 2, 2 };
    unsigned char *b = idx_bytes(8, 2, d2, 50, &len);
    expect_error("truncated", "trunc.idx", b, len, 0,
                 "file has 50 bytes of data, header says 10 x 10 = 100 (file truncated)");
    expect_error("truncated, gzipped", "trunc.idx.gz", b, len, 1,
                 "file has 50 bytes of data, header says 10 x 10 = 100 (file truncated)");
    free(b);

    b = idx_bytes(8, 3, mnist, 1200, &len);
    expect_error("dimensions larger than the file", "train-images-idx3-ubyte.gz", b, len, 1,
                 "train-images-idx3-ubyte.gz: file has 1200 bytes of data, header says 60000 x 28 x 28 = 47040000");
    free(b);

    b = idx_bytes(8, 2, small, 7, &len);
    expect_error("trailing garbage", "trailing.idx", b, len, 0,
                 "file has 7 bytes of data, header says 2 x 2 = 4 (trailing bytes after the data)");
    b[0] = 0x1f;
    expect_error("wrong magic", "magic.idx", b, len, 0, "not an IDX file: magic starts 0x1f 0x00");
    free(b);

    b = idx_bytes(0x0d, 2, small, 16, &len);
    expect_error("wrong type byte", "float.idx", b, len, 0, "data type 0x0d is not supported");
    b[2] = 0x08;
    b[3] = 0;
    expect_error("zero dimensions", "nodims.idx", b, len, 0, "0 dimensions; the reader handles 1 to 4");
    b[3] = 5;
    expect_error("five dimensions", "fivedims.idx", b, len, 0, "5 dimensions; the reader handles 1 to 4");
    free(b);

    const unsigned long huge[] = { 65536, 65536, 65536 }, too_wide[] = { 4294967295UL };
    b = idx_bytes(8, 3, huge, 10, &len);
    expect_error("dimensions whose product overflows", "huge.idx", b, len, 0,
                 "dimensions 65536 x 65536 multiply to more than 2147483647 bytes");
    free(b);
    b = idx_bytes(8, 1, too_wide, 10, &len);
    expect_error("dimension above INT_MAX", "wide.idx", b, len, 0, "dimension 1 is 4294967295, larger than");
    free(b);

    b = idx_bytes(8, 3, mnist, 0, &len);
    expect_error("header cut inside the dimensions", "cut.idx", b, 9, 0,
                 "header truncated: 3 dimensions need 12 bytes, file has 5");
    expect_error("file shorter than the magic", "tiny.idx", b, 2, 0, "file has 2 bytes, too short for an IDX header");
    free(b);
    expect_error("missing file", "/nonexistent-nncourse/labels.idx", NULL, 0, 0, "cannot open: No such file or directory");

    /* A gzip stream cut in half: zlib reports the early end, never a crash. */
    const unsigned long d[] = { 1000, 1000 };
    b = idx_bytes(8, 2, d, 1000000, &len);
    write_file("whole.idx.gz", b, len, 1);
    free(b);
    char path[256];
    snprintf(path, sizeof path, "%s/whole.idx.gz", dir);
    size_t gz_len = 0;
    unsigned char *gz = (unsigned char *)test_read_file(path, &gz_len);
    expect_error("gzip stream cut in half", "half.idx.gz", gz, gz_len / 2, 0,
                 "(file truncated: the gzip stream ends without its end marker)");
    free(gz);
}

/* A Fashion-MNIST-shaped directory: train (3 images, plain files), t10k (2, gzipped). */
static void write_mini_set(const char *sub, int n_train_labels, int bad_label)
{
    char name[2048];
    size_t len;
    const unsigned long train_dims[] = { 3, 28, 28 }, test_dims[] = { 2, 28, 28 };
    const unsigned long train_n[] = { (unsigned long)n_train_labels }, test_n[] = { 2 };
    snprintf(name, sizeof name, "%s", sub);
    char full[2048];
    snprintf(full, sizeof full, "%s/%s", dir, sub);
    mkdir(full, 0777);
    unsigned char *b = idx_bytes(8, 3, train_dims, 3 * 784, &len);
    snprintf(name, sizeof name, "%s/train-images-idx3-ubyte", sub);
    write_file(name, b, len, 0);
    free(b);
    b = idx_bytes(8, 1, train_n, (size_t)n_train_labels, &len);
    b[len - 1] = (unsigned char)bad_label;
    snprintf(name, sizeof name, "%s/train-labels-idx1-ubyte", sub);
    write_file(name, b, len, 0);
    free(b);
    b = idx_bytes(8, 3, test_dims, 2 * 784, &len);
    snprintf(name, sizeof name, "%s/t10k-images-idx3-ubyte.gz", sub);
    write_file(name, b, len, 1);
    free(b);
    b = idx_bytes(8, 1, test_n, 2, &len);
    snprintf(name, sizeof name, "%s/t10k-labels-idx1-ubyte.gz", sub);
    write_file(name, b, len, 1);
    free(b);
}

static void test_image_sets(void)
{
    char path[256], err[512];
    nn_image_set train, test;
    snprintf(path, sizeof path, "%s/nowhere", dir);
    int r = nn_fashion_mnist_load(path, &train, &test, err, sizeof err);
    tap_ok(r == NN_IDX_MISSING && strstr(err, path) && strstr(err, "no such directory") &&
           strstr(err, "apt-get install dataset-fashion-mnist"),
           "missing data set: NN_IDX_MISSING, the message names the directory and `%s`", NN_FASHION_MNIST_INSTALL);
    snprintf(path, sizeof path, "%s/empty", dir);     /* there, but without the files */
    mkdir(path, 0777);
    r = nn_fashion_mnist_load(path, &train, &test, err, sizeof err);
    tap_ok(r == NN_IDX_MISSING && strstr(err, "no train-images-idx3-ubyte(.gz) there") &&
           strstr(err, "apt-get install dataset-fashion-mnist"),
           "a directory without the files: NN_IDX_MISSING naming the first file missing");
    snprintf(path, sizeof path, "%s/small.idx", dir);   /* a file, not a directory */
    r = nn_fashion_mnist_load(path, &train, &test, err, sizeof err);
    tap_ok(r == -1 && strstr(err, "small.idx: is not a directory"),
           "a file given as the directory: -1 (an error, not missing): '%s'", err + strlen(dir) + 1);

    write_mini_set("mini", 3, 2);
    snprintf(path, sizeof path, "%s/mini", dir);
    r = nn_fashion_mnist_load(path, &train, &test, err, sizeof err);
    int ok = r == 0 && train.n == 3 && test.n == 2 && train.dim == 784 && train.rows == 28 &&
             train.cols == 28 && train.pixels[784] == 784 % 251 && train.labels[2] == 2 &&
             test.labels[1] == 1;
    tap_ok(ok, "mini set: plain train (3) and gzipped t10k (2) loaded, 28x28, pixels and labels in place");
    if (r) tap_diag("%s", err);

    /* Images 2 and 0 of the training set: pixel (i, j) holds (784 k + j) mod 251. */
    int idx[2] = { 2, 0 }, labels[2];
    nn_matrix X = nn_matrix_new(2, 784), Y = nn_matrix_new(2, 10);
    if (r == 0) nn_image_batch(&train, idx, 2, X, Y, labels);
    double worst = 0;
    for (int i = 0; r == 0 && i < 2; i++)
        for (int j = 0; j < 784; j++) {
            double want = (double)(nn_real)((nn_real)((784 * idx[i] + j) % 251) / NN_R(255.0));
            worst = fmax(worst, fabs((double)NN_AT(X, i, j) - want));
        }
    int y_ok = r == 0 && labels[0] == 2 && labels[1] == 0 && NN_AT(Y, 0, 2) == 1 && NN_AT(Y, 1, 0) == 1 &&
               nn_sum(Y) == 2;
    tap_ok(r == 0 && worst == 0 && y_ok, "image batch of images 2, 0: X = bytes / 255 exactly, one-hot Y, labels 2 0");
    nn_matrix_free(&X);
    nn_matrix_free(&Y);
    if (r == 0) { nn_image_set_free(&train); nn_image_set_free(&test); }

    write_mini_set("mismatch", 2, 1);
    snprintf(path, sizeof path, "%s/mismatch", dir);
    r = nn_fashion_mnist_load(path, &train, &test, err, sizeof err);
    tap_ok(r == -1 && strstr(err, "train-images-idx3-ubyte holds 3 images but train-labels-idx1-ubyte holds 2 labels"),
           "images and labels disagree: '%s'", err + strlen(dir) + 1);

    write_mini_set("badlabel", 3, 10);
    snprintf(path, sizeof path, "%s/badlabel", dir);
    r = nn_fashion_mnist_load(path, &train, &test, err, sizeof err);
    tap_ok(r == -1 && strstr(err, "label 10 of image 2 is not in 0..9"), "label out of range: '%s'",
           err + strlen(dir) + 1);

    /* The set in a directory whose path is 1100 characters long (a 1024-byte buffer
     * silently cut it and called the set "not there"). */
    char deep[1200];
    size_t len = (size_t)snprintf(deep, sizeof deep, "%s", dir);
    while (len < 1100 - 101) {
        deep[len++] = '/';
        memset(deep + len, 'd', 100);
        len += 100;
        deep[len] = '\0';
        mkdir(deep, 0777);
    }
    snprintf(deep + len, sizeof deep - len, "/%0*d", (int)(1100 - len - 1), 0);
    write_mini_set(deep + strlen(dir) + 1, 3, 2);
    r = nn_fashion_mnist_load(deep, &train, &test, err, sizeof err);
    tap_ok(r == 0 && strlen(deep) == 1100 && train.n == 3 && test.n == 2,
           "the mini set in a directory of %zu characters: loaded", strlen(deep));
    if (r == 0) { nn_image_set_free(&train); nn_image_set_free(&test); }
    else tap_diag("%s", err);

    /* A member that is a FIFO: refused at once (nobody writes to it: gzopen waited forever). */
    write_mini_set("fifo", 3, 2);
    snprintf(path, sizeof path, "%s/fifo/t10k-labels-idx1-ubyte.gz", dir);
    unlink(path);
    int made = mkfifo(path, 0600) == 0;
    snprintf(path, sizeof path, "%s/fifo", dir);
    alarm(10);              /* a regression blocks: let the alarm fail the test instead */
    r = made ? nn_fashion_mnist_load(path, &train, &test, err, sizeof err) : 0;
    alarm(0);
    tap_ok(made && r == -1 && strstr(err, "t10k-labels-idx1-ubyte.gz: is a FIFO (named pipe), not a regular file"),
           "a FIFO as a member: -1 at once, '%s'", err + strlen(dir) + 1);
}

/* Gzip: members back to back are one file; anything else after the stream is an error. */
static void test_gzip_streams(void)
{
    size_t len, gz_len, gz2_len;
    const unsigned long d[] = { 4, 25 };
    unsigned char *b = idx_bytes(8, 2, d, 100, &len);
    char path[256];
    /* the same bytes, gzipped in two pieces: header + 40 bytes, then the rest */
    write_file("part1.gz", b, 4 + 8 + 40, 1);
    snprintf(path, sizeof path, "%s/part1.gz", dir);
    unsigned char *gz = (unsigned char *)test_read_file(path, &gz_len);
    write_file("part2.gz", b + 52, len - 52, 1);
    snprintf(path, sizeof path, "%s/part2.gz", dir);
    unsigned char *gz2 = (unsigned char *)test_read_file(path, &gz2_len);
    unsigned char *both = malloc(gz_len + gz2_len + 3);
    memcpy(both, gz, gz_len);
    memcpy(both + gz_len, gz2, gz2_len);
    nn_idx idx;
    char err[512] = "";
    int r = nn_idx_parse(both, gz_len + gz2_len, "two.gz", &idx, err, sizeof err);
    tap_ok(r == 0 && idx.size == 100 && memcmp(idx.data, b + 12, 100) == 0,
           "two gzip members back to back read as one file (from memory, nn_idx_parse)");
    if (r) tap_diag("%s", err);
    nn_idx_free(&idx);

    memcpy(both + gz_len + gz2_len, "abc", 3);
    r = nn_idx_parse(both, gz_len + gz2_len + 3, "garbage.gz", &idx, err, sizeof err);
    tap_ok(r == -1 && idx.data == NULL &&
           strstr(err, "garbage.gz: 3 bytes after the end of the gzip stream that are not another gzip member"),
           "3 bytes of garbage after the gzip stream: '%s'", err);
    r = nn_idx_parse(gz, gz_len, "first-half.gz", &idx, err, sizeof err);
    tap_ok(r == -1 && strstr(err, "first-half.gz: file has 40 bytes of data, header says 4 x 25 = 100 (file truncated)"),
           "first member alone (a whole gzip stream, data short): '%s'", err);
    r = nn_idx_parse(gz, gz_len - 4, "cut.gz", &idx, err, sizeof err);
    tap_ok(r == -1 && strstr(err, "cut.gz: file has 40 bytes of data, header says 4 x 25 = 100 (file "
                                  "truncated: the gzip stream ends without its end marker)"),
           "gzip stream without its trailer: '%s'", err);
    gz[gz_len / 2] ^= 0x55;
    r = nn_idx_parse(gz, gz_len, "flipped.gz", &idx, err, sizeof err);
    tap_ok(r == -1 && idx.data == NULL && strstr(err, "flipped.gz: ") && strstr(err, "gzip"),
           "a flipped byte inside the gzip stream: '%s'", err);
    free(both);
    free(gz);
    free(gz2);

    /* all the data there, the gzip trailer (CRC-32 and length, 8 bytes) cut in half */
    write_file("whole.gz", b, len, 1);
    snprintf(path, sizeof path, "%s/whole.gz", dir);
    gz = (unsigned char *)test_read_file(path, &gz_len);
    r = nn_idx_parse(gz, gz_len - 4, "no-trailer.gz", &idx, err, sizeof err);
    tap_ok(r == -1 && strstr(err, "no-trailer.gz: the gzip stream ends without its end marker (file truncated)"),
           "every data byte there but half the gzip trailer: '%s'", err);
    free(gz);

    /* the plain bytes in memory: the same parser as the file */
    r = nn_idx_parse(b, len, "memory", &idx, err, sizeof err);
    tap_ok(r == 0 && idx.ndims == 2 && idx.dims[0] == 4 && idx.dims[1] == 25 && memcmp(idx.data, b + 12, 100) == 0,
           "plain IDX from memory read back exactly");
    nn_idx_free(&idx);
    free(b);

    r = nn_idx_read(dir, &idx, err, sizeof err);
    tap_ok(r == -1 && strstr(err, ": is a directory, not a regular file; give the IDX file itself"),
           "a directory given as an IDX file: '%s'", err + strlen(dir));
}

static void test_fashion_mnist(void)
{
    nn_image_set train, test;
    char err[512];
    if (!test_exists(NN_FASHION_MNIST_DIR)) {
        tap_skip(3, "Fashion-MNIST not installed: " NN_FASHION_MNIST_INSTALL);
        return;
    }
    int r = nn_fashion_mnist_load(NN_FASHION_MNIST_DIR, &train, &test, err, sizeof err);
    tap_ok(r == 0 && train.n == 60000 && test.n == 10000 && train.dim == 784 && test.dim == 784,
           "Fashion-MNIST: %d training and %d test images of %d pixels", r ? 0 : train.n, r ? 0 : test.n,
           r ? 0 : train.dim);
    if (r) {
        tap_diag("%s", err);
        tap_skip(2, "Fashion-MNIST did not load");
        return;
    }
    int train_count[10] = { 0 }, test_count[10] = { 0 }, in_range = 1;
    for (int i = 0; i < train.n; i++) { in_range &= train.labels[i] < 10; if (train.labels[i] < 10) train_count[train.labels[i]]++; }
    for (int i = 0; i < test.n; i++) { in_range &= test.labels[i] < 10; if (test.labels[i] < 10) test_count[test.labels[i]]++; }
    int balanced = 1;
    for (int c = 0; c < 10; c++) balanced &= train_count[c] == 6000 && test_count[c] == 1000;
    tap_ok(in_range, "Fashion-MNIST labels all in 0..9");
    tap_ok(balanced, "Fashion-MNIST: each of the 10 classes has 6000 training and 1000 test images ('%s': %d)",
           nn_fashion_mnist_classes[0], train_count[0]);
    nn_image_set_free(&train);
    nn_image_set_free(&test);
}

int main(void)
{
    tap_plan(37);
    test_tmpdir(dir, sizeof dir, "idx");
    test_good_files();
    test_corrupt_files();
    test_image_sets();
    test_gzip_streams();
    test_fashion_mnist();
    test_rmtree(dir);
    return tap_done();
}
