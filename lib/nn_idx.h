/* IDX files (the MNIST format) and Fashion-MNIST.
 *
 * An IDX file is a 4-byte magic number 0x00 0x00 TYPE NDIMS (TYPE 0x08 = unsigned byte),
 * NDIMS big-endian 32-bit dimensions, then the data. Files may be gzipped (read through
 * zlib). The reader checks the magic, that the dimensions' product does not overflow,
 * and that the data is exactly as long as the dimensions say: a corrupt file is an error
 * message naming the file and the problem, never a crash.
 *
 * A gzipped file is one gzip member or several back to back (what `cat a.gz b.gz` makes);
 * anything after the last member is an error too. Only a regular file is read: a FIFO, a
 * device or a directory given as a data file is refused before it is opened for reading
 * (a FIFO would block the run forever).
 *
 * Fashion-MNIST (Xiao, Rasul & Vollgraf, 2017) is read from NN_FASHION_MNIST_DIR, where
 * Debian's package dataset-fashion-mnist installs it, or from a directory given by a flag.
 * Pixels stay bytes in memory (60000×784 bytes = 47 MB rather than 376 MB of doubles)
 * and are converted, scaled to [0, 1], one batch at a time. */
#ifndef NN_IDX_H
#define NN_IDX_H

#include <stddef.h>
#include "nn_matrix.h"

#define NN_FASHION_MNIST_DIR "/usr/share/datasets/fashion-mnist"
#define NN_FASHION_MNIST_INSTALL "apt-get install dataset-fashion-mnist"

#define NN_IDX_MAX_DIMS 4

typedef struct {
    int ndims;
    int dims[NN_IDX_MAX_DIMS];
    size_t size;                /* product of the dims */
    unsigned char *data;
} nn_idx;

/* 0 on success; otherwise -1 and a message in err ("<path>: <problem>"). */
int nn_idx_read(const char *path, nn_idx *out, char *err, size_t err_len);
/* The same parser on bytes in memory (what nn_idx_read reads the file into): plain IDX,
 * or gzipped (it starts with the gzip magic 0x1f 0x8b). `name` stands for the file in
 * messages. out->data is a fresh copy; bytes are not kept. */
int nn_idx_parse(const unsigned char *bytes, size_t len, const char *name, nn_idx *out,
                 char *err, size_t err_len);
void nn_idx_free(nn_idx *idx);

typedef struct {
    int n, dim;                 /* n images of dim = rows·cols pixels */
    int rows, cols;
    unsigned char *pixels;      /* n×dim bytes */
    unsigned char *labels;      /* n labels in 0..9 */
} nn_image_set;

/* Reads {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] from dir (train or test may be
 * NULL). 0 on success; NN_IDX_MISSING when dir or one of its files is not there (the
 * message names it and the package that installs it); -1 when a file is there but is
 * not a regular file, cannot be read, is corrupt, or the set is inconsistent. */
#define NN_IDX_MISSING (-2)
int nn_fashion_mnist_load(const char *dir, nn_image_set *train, nn_image_set *test,
                          char *err, size_t err_len);
/* The checks of one half of the set on IDX files already read: images n×28×28, labels n
 * (the same n), every label in 0..9. On success the set takes over both buffers (the
 * nn_idx are emptied); on failure they are left to the caller. Messages name the files
 * as dir/images_name and dir/labels_name. */
int nn_image_set_from_idx(nn_idx *images, nn_idx *labels, const char *dir,
                          const char *images_name, const char *labels_name, nn_image_set *out,
                          char *err, size_t err_len);
void nn_image_set_free(nn_image_set *s);
extern const char *const nn_fashion_mnist_classes[10];

/* X (count×dim) = pixels of images idx[0..count-1] / 255; Y (count×10) one-hot if Y.data
 * is not NULL; labels out if not NULL. idx = NULL means images 0..count-1. */
void nn_image_batch(const nn_image_set *s, const int *idx, int count, nn_matrix X,
                    nn_matrix Y, int *labels);

#endif
