/* libFuzzer target: the four files of a Fashion-MNIST set, from memory. The input holds
 * four parts (train images, train labels, test images, test labels): the first 12 bytes
 * give the lengths of the first three (big-endian 32-bit, each taken modulo what is
 * left), the rest is the fourth. Each part goes through nn_idx_parse, each pair through
 * nn_image_set_from_idx (the checks nn_fashion_mnist_load makes); an accepted set must
 * have n images of 28x28 and n labels in 0..9, and a batch of it must be readable. */
#include "nn_idx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint32_t be32(const uint8_t *b) { return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]; }

static void one_half(const uint8_t *images, size_t images_len, const uint8_t *labels, size_t labels_len)
{
    nn_idx im, lb;
    char err[512];
    if (nn_idx_parse(images, images_len, "images", &im, err, sizeof err) != 0) return;
    if (nn_idx_parse(labels, labels_len, "labels", &lb, err, sizeof err) != 0) { nn_idx_free(&im); return; }
    nn_image_set s;
    memset(&s, 0, sizeof s);
    if (nn_image_set_from_idx(&im, &lb, "fuzz", "images", "labels", &s, err, sizeof err) == 0) {
        if (s.dim != 784 || s.rows != 28 || s.cols != 28 || im.data || lb.data) abort();
        for (int i = 0; i < s.n; i++)
            if (s.labels[i] > 9) abort();
        if (s.n > 0) {  /* the last image as a batch: every pixel readable, one-hot in range */
            nn_real x[784], y[10];
            int k = s.n - 1, label;
            nn_image_batch(&s, &k, 1, (nn_matrix){ 1, 784, x }, (nn_matrix){ 1, 10, y }, &label);
            if (label != s.labels[k] || y[label] != 1) abort();
        }
        nn_image_set_free(&s);
    }
    nn_idx_free(&im);
    nn_idx_free(&lb);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
    if (len < 12) return 0;
    size_t left = len - 12, part[4];
    const uint8_t *p = bytes + 12;
    for (int i = 0; i < 3; i++) {
        part[i] = left ? be32(bytes + 4 * i) % (left + 1) : 0;
        left -= part[i];
    }
    part[3] = left;
    const uint8_t *start[4];
    for (int i = 0; i < 4; i++) { start[i] = p; p += part[i]; }
    one_half(start[0], part[0], start[1], part[1]);
    one_half(start[2], part[2], start[3], part[3]);
    return 0;
}
