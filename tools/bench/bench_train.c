/* Part 2: training throughput on Fashion-MNIST, 784-128-10, ReLU, softmax cross-entropy
 * from logits, plain SGD, one epoch (60000 examples in a fixed shuffled order).
 *
 * The library's step (nn_network_loss_grad + nn_optimizer_step) runs beside a reference
 * trainer written here whose three matrix products per layer are OpenBLAS calls and
 * whose element-wise work is one fused loop each: the same network, the same initial
 * weights, the same batches. Their losses must agree (in double, 1e-12 relative on the
 * first two steps, 1e-6 on the epoch's mean loss), else the comparison is void and the bench
 * fails: a speed ratio between two programs that do not compute the same thing means
 * nothing. */
#include "bench.h"

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define HIDDEN 128
#define CLASSES 10
#define LEARNING_RATE NN_R(0.05)

/* How closely the two trainers must agree. In double: 1e-12 on a step's loss (the two
 * differ only in the rounding of their products and sums, ~1e-16 each) and 1e-6 on the
 * epoch's mean loss (938 SGD steps let those differences grow). In float every rounding
 * is ~6e-8, a batch's loss sums 64-256 of them in a different order: 1e-5 and 1e-3
 * (measured: 1e-7 and 2e-5). */
#ifdef NN_REAL_FLOAT
#define STEP_TOLERANCE 1e-5
#define EPOCH_TOLERANCE 1e-3
#else
#define STEP_TOLERANCE 1e-12
#define EPOCH_TOLERANCE 1e-6
#endif

typedef struct {
    nn_image_set train, test;
    int *order;                 /* the epoch's order of examples */
} bench_data;

static int load_data(bench_data *d)
{
    char err[512];
    if (nn_fashion_mnist_load(NN_FASHION_MNIST_DIR, &d->train, &d->test, err, sizeof err) != 0) {
        fprintf(stderr, "bench: %s (install it with: %s)\n", err, NN_FASHION_MNIST_INSTALL);
        return -1;
    }
    d->order = malloc((size_t)d->train.n * sizeof *d->order);
    if (!d->order) { fprintf(stderr, "bench: out of memory\n"); exit(1); }
    for (int i = 0; i < d->train.n; i++) d->order[i] = i;
    nn_rng rng;
    nn_rng_seed(&rng, 7);
    nn_rng_shuffle(&rng, d->order, (size_t)d->train.n);
    return 0;
}

static void free_data(bench_data *d)
{
    nn_image_set_free(&d->train);
    nn_image_set_free(&d->test);
    free(d->order);
}

/* ---- The library's trainer ---------------------------------------------------------- */

static nn_network *make_network(void)
{
    nn_layer_spec specs[] = { { HIDDEN, nn_activation_make(NN_RELU), 0 },
                              { CLASSES, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(784, 2, specs);
    nn_rng rng;
    nn_rng_seed(&rng, 2024);
    nn_network_init(net, nn_init_make(NN_INIT_HE_UNIFORM, 0, 0), nn_init_make(NN_INIT_ZEROS, 0, 0), &rng);
    return net;
}

/* The arithmetic of one sample, counting the matrix products only (2 FLOPs a multiply-add):
 * forward X W1ᵀ and A1 W2ᵀ, 2·(784·128 + 128·10); backward dW2 = dZ2ᵀ A1 (2·10·128),
 * dA1 = dZ2 W2 (2·10·128), dW1 = dZ1ᵀ X (2·128·784). The first layer's dX is not
 * computed by either trainer, so it is not counted. Left out as small beside these (about
 * 1% together): biases, ReLU, softmax and loss, and the SGD update (2 FLOPs per parameter
 * per batch, shared by the batch's samples). */
double bench_train_flops_per_sample(void)
{
    double forward = 2.0 * (784 * HIDDEN + HIDDEN * CLASSES);
    double backward = 2.0 * CLASSES * HIDDEN + 2.0 * CLASSES * HIDDEN + 2.0 * HIDDEN * 784;
    return forward + backward;
}

/* ---- The reference trainer: the same network, products by OpenBLAS ------------------ */

typedef struct {
    int batch;
    nn_real *params, *grads;                    /* W1 b1 W2 b2, as the library lays them out */
    nn_real *W1, *b1, *W2, *b2, *dW1, *db1, *dW2, *db2;
    nn_real *Z1, *A1, *Z2, *dZ2, *dZ1;          /* batch×HIDDEN or batch×CLASSES */
} ref_trainer;

static nn_real *alloc_reals(size_t n)
{
    nn_real *p = calloc(n, sizeof *p);
    if (!p) { fprintf(stderr, "bench: out of memory\n"); exit(1); }
    return p;
}

static ref_trainer ref_new(int batch, size_t n_params)
{
    ref_trainer r = { .batch = batch };
    r.params = alloc_reals(n_params);
    r.grads = alloc_reals(n_params);
    r.W1 = r.params; r.b1 = r.W1 + HIDDEN * 784; r.W2 = r.b1 + HIDDEN; r.b2 = r.W2 + CLASSES * HIDDEN;
    r.dW1 = r.grads; r.db1 = r.dW1 + HIDDEN * 784; r.dW2 = r.db1 + HIDDEN; r.db2 = r.dW2 + CLASSES * HIDDEN;
    r.Z1 = alloc_reals((size_t)batch * HIDDEN);
    r.A1 = alloc_reals((size_t)batch * HIDDEN);
    r.dZ1 = alloc_reals((size_t)batch * HIDDEN);
    r.Z2 = alloc_reals((size_t)batch * CLASSES);
    r.dZ2 = alloc_reals((size_t)batch * CLASSES);
    return r;
}

static void ref_free(ref_trainer *r)
{
    free(r->params); free(r->grads); free(r->Z1); free(r->A1); free(r->dZ1); free(r->Z2); free(r->dZ2);
}

/* C (m×n) = op(A) op(B), row-major, through OpenBLAS. */
static void blas(int ta, int tb, int m, int n, int k, const nn_real *A, int lda, const nn_real *B,
                 int ldb, nn_real *C)
{
    BENCH_GEMM(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
               m, n, k, 1, A, lda, B, ldb, 0, C, n);
}

static void column_sums(const nn_real *X, int rows, int cols, nn_real *sums)
{
    for (int j = 0; j < cols; j++) sums[j] = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) sums[j] += X[(size_t)i * cols + j];
}

/* The reference's own batch: X_i = pixels / 255 (the same quotients as nn_image_batch),
 * in a plain loop like the rest of its element-wise work: the reference never starts an
 * OpenMP thread, so that libgomp's idle threads cannot compete with OpenBLAS's. */
static void ref_batch(const nn_image_set *s, const int *idx, int n, nn_real *X, int *labels)
{
    nn_real quotient[256];
    for (int v = 0; v < 256; v++) quotient[v] = (nn_real)v / NN_R(255.0);
    for (int i = 0; i < n; i++) {
        const unsigned char *p = s->pixels + (size_t)idx[i] * (size_t)s->dim;
        for (int j = 0; j < s->dim; j++) X[(size_t)i * s->dim + j] = quotient[p[j]];
        labels[i] = s->labels[idx[i]];
    }
}

/* One SGD step on X (n×784) with labels; returns the batch's mean loss. */
static nn_real ref_step(ref_trainer *r, const nn_real *X, const int *labels, int n, size_t n_params)
{
    blas(0, 1, n, HIDDEN, 784, X, 784, r->W1, 784, r->Z1);              /* Z1 = X W1ᵀ */
    for (int i = 0; i < n; i++)                                          /* A1 = relu(Z1 + b1) */
        for (int j = 0; j < HIDDEN; j++) {
            nn_real z = r->Z1[i * HIDDEN + j] += r->b1[j];
            r->A1[i * HIDDEN + j] = z > 0 ? z : 0;
        }
    blas(0, 1, n, CLASSES, HIDDEN, r->A1, HIDDEN, r->W2, HIDDEN, r->Z2); /* Z2 = A1 W2ᵀ */
    nn_real loss = 0;
    for (int i = 0; i < n; i++) {               /* ℓ = lse(z) − z_y,  dZ2 = (softmax(z) − y)/n */
        nn_real *z = r->Z2 + i * CLASSES, *dz = r->dZ2 + i * CLASSES, m = -NN_REAL_MAX, s = 0;
        for (int j = 0; j < CLASSES; j++) { z[j] += r->b2[j]; if (z[j] > m) m = z[j]; }
        for (int j = 0; j < CLASSES; j++) s += (dz[j] = exp(z[j] - m));
        loss += m + log(s) - z[labels[i]];
        for (int j = 0; j < CLASSES; j++) dz[j] = (dz[j] / s - (j == labels[i])) / n;
    }
    blas(1, 0, CLASSES, HIDDEN, n, r->dZ2, CLASSES, r->A1, HIDDEN, r->dW2);  /* dW2 = dZ2ᵀ A1 */
    column_sums(r->dZ2, n, CLASSES, r->db2);
    blas(0, 0, n, HIDDEN, CLASSES, r->dZ2, CLASSES, r->W2, HIDDEN, r->dZ1);   /* dA1 = dZ2 W2 */
    for (int i = 0; i < n * HIDDEN; i++) if (!(r->Z1[i] > 0)) r->dZ1[i] = 0; /* dZ1 = relu' ⊙ dA1 */
    blas(1, 0, HIDDEN, 784, n, r->dZ1, HIDDEN, X, 784, r->dW1);             /* dW1 = dZ1ᵀ X */
    column_sums(r->dZ1, n, HIDDEN, r->db1);
    for (size_t i = 0; i < n_params; i++) r->params[i] -= LEARNING_RATE * r->grads[i];
    return loss / n;
}

/* ---- One epoch of each --------------------------------------------------------------- */

typedef struct {
    double seconds, mean_loss;
    int samples;
    nn_real first_losses[2];
} epoch_result;

/* library = 1: nn_network; else the reference. Batches are converted from bytes as they
 * are used, in both. Stops after `limit` samples or `max_seconds` (under contention a
 * collapsed run must not hold the bench), whichever comes first. */
static epoch_result run_epoch(int library, const bench_data *d, int batch, nn_network *net,
                              nn_optimizer *opt, ref_trainer *ref, nn_matrix X, nn_matrix Y, int *labels,
                              int limit, double max_seconds)
{
    epoch_result e = { 0, 0, 0, { 0, 0 } };
    nn_loss loss = nn_loss_make(NN_LOSS_SOFTMAX_CE);
    double total = 0;
    int steps = 0, end = limit < d->train.n ? limit : d->train.n;
    double t0 = bench_now();
    for (int first = 0; first < end; first += batch, steps++) {
        int n = d->train.n - first < batch ? d->train.n - first : batch;
        nn_matrix Xb = nn_matrix_row_range(X, 0, n), Yb = nn_matrix_row_range(Y, 0, n);
        nn_real L;
        if (library) {
            nn_image_batch(&d->train, d->order + first, n, Xb, Yb, NULL);
            L = nn_network_loss_grad(net, Xb, Yb, loss, NULL);
            nn_optimizer_step(opt, net->params, net->grads, LEARNING_RATE);
        } else {
            ref_batch(&d->train, d->order + first, n, Xb.data, labels);
            L = ref_step(ref, Xb.data, labels, n, net->n_params);
        }
        if (steps < 2) e.first_losses[steps] = L;
        total += L;
        e.samples += n;
        if (bench_now() - t0 > max_seconds) { steps++; break; }
    }
    e.seconds = bench_now() - t0;
    e.mean_loss = total / steps;
    return e;
}

/* The two trainers at one batch size, from the same initial weights, with the batch
 * buffers they share: what each comparison (quiet or under contention) sets up. */
typedef struct {
    nn_network *net;
    nn_real *initial;           /* the weights both start from */
    nn_optimizer *opt;
    ref_trainer ref;
    nn_matrix X, Y;
    int *labels;
} trainer_pair;

static trainer_pair pair_new(int batch)
{
    trainer_pair p;
    p.net = make_network();
    p.initial = alloc_reals(p.net->n_params);
    memcpy(p.initial, p.net->params, p.net->n_params * sizeof *p.initial);
    p.opt = nn_optimizer_new(nn_optimizer_defaults(NN_OPT_SGD), p.net->n_params);
    p.ref = ref_new(batch, p.net->n_params);
    p.X = nn_matrix_new(batch, 784);
    p.Y = nn_matrix_new(batch, CLASSES);
    p.labels = malloc((size_t)batch * sizeof *p.labels);
    if (!p.labels) { fprintf(stderr, "bench: out of memory\n"); exit(1); }
    return p;
}

/* One run of the library (library = 1) or the reference, from the initial weights. */
static epoch_result pair_run(trainer_pair *p, int library, const bench_data *d, int batch, int limit,
                             double max_seconds)
{
    memcpy(p->net->params, p->initial, p->net->n_params * sizeof *p->initial);
    memcpy(p->ref.params, p->initial, p->net->n_params * sizeof *p->initial);
    return run_epoch(library, d, batch, p->net, p->opt, &p->ref, p->X, p->Y, p->labels, limit, max_seconds);
}

static void pair_free(trainer_pair *p)
{
    free(p->labels);
    nn_matrix_free(&p->X);
    nn_matrix_free(&p->Y);
    ref_free(&p->ref);
    nn_optimizer_free(p->opt);
    free(p->initial);
    nn_network_free(p->net);
}

static double rel_diff(double a, double b) { return fabs(a - b) / fmax(fabs(b), 1e-300); }

/* Both trainers at one batch size and thread count; 0 if their losses agree. */
static int bench_config(const bench_data *d, int batch, int threads, int repeats)
{
    trainer_pair p = pair_new(batch);
    double lib_rate[64], ref_rate[64], ratio[64];
    int status = 0;
    for (int r = 0; r < repeats && status == 0; r++) {
        epoch_result a, b;
        if (r % 2 == 0) {
            a = pair_run(&p, 1, d, batch, d->train.n, 1e30);
            bench_quiesce(threads);
            b = pair_run(&p, 0, d, batch, d->train.n, 1e30);
        } else {
            b = pair_run(&p, 0, d, batch, d->train.n, 1e30);
            bench_quiesce(threads);
            a = pair_run(&p, 1, d, batch, d->train.n, 1e30);
        }
        bench_quiesce(threads);
        double step0 = rel_diff(a.first_losses[0], b.first_losses[0]);
        double step1 = rel_diff(a.first_losses[1], b.first_losses[1]);
        double epoch = rel_diff(a.mean_loss, b.mean_loss);
        if (r == 0)
            printf("  (losses at batch %d, %d thread(s): nn %.15g, reference %.15g at step 1, "
                   "rel diff %.1e; step 2 %.1e; epoch mean %.10g, rel diff %.1e)\n", batch, threads,
                   (double)a.first_losses[0], (double)b.first_losses[0], step0, step1, a.mean_loss, epoch);
        if (!(step0 <= STEP_TOLERANCE && step1 <= STEP_TOLERANCE && epoch <= EPOCH_TOLERANCE)) {
            printf("  COMPARISON VOID: the two trainers disagree (step 1 %.1e, step 2 %.1e, epoch %.1e; "
                   "limits %.0e, %.0e, %.0e)\n", step0, step1, epoch, STEP_TOLERANCE, STEP_TOLERANCE, EPOCH_TOLERANCE);
            status = 1;
        }
        lib_rate[r] = d->train.n / a.seconds;
        ref_rate[r] = d->train.n / b.seconds;
        ratio[r] = lib_rate[r] / ref_rate[r];
    }
    if (status == 0) {
        bench_stat l = bench_stats(lib_rate, repeats), o = bench_stats(ref_rate, repeats), q = bench_stats(ratio, repeats);
        double limit = bench_peak_gflops(threads) * 1e9 / bench_train_flops_per_sample();
        printf("  %-5d %2d   %8.0f [%6.0f..%6.0f] %4.2f   %8.0f [%6.0f..%6.0f] %4.2f   %5.2f [%4.2f..%4.2f]\n",
               batch, threads, l.median, l.lo, l.hi, l.median / limit, o.median, o.lo, o.hi, o.median / limit,
               q.median, q.lo, q.hi);
        const char *prec = BENCH_PREC;
        bench_result("train_%s_t%d_b%d_samples_per_s", l.median, prec, threads, batch);
        bench_result("train_%s_t%d_b%d_ref_samples_per_s", o.median, prec, threads, batch);
        bench_result("train_%s_t%d_b%d_ratio", q.median, prec, threads, batch);
        bench_result("train_%s_t%d_b%d_of_limit", l.median / limit, prec, threads, batch);
    }
    pair_free(&p);
    return status;
}

/* ---- Peak memory: the library's training alone, in a process of its own -------------- */

/* Trains one epoch at batch 64 and one at 256 with the library and returns the process's
 * peak resident set in MB (getrusage ru_maxrss, in KiB on Linux). */
double bench_train_rss_probe(void)
{
    bench_data d;
    if (load_data(&d) != 0) return -1;
    for (int batch = 64; batch <= 256; batch *= 4) {
        nn_network *net = make_network();
        nn_optimizer *opt = nn_optimizer_new(nn_optimizer_defaults(NN_OPT_SGD), net->n_params);
        nn_matrix X = nn_matrix_new(batch, 784), Y = nn_matrix_new(batch, CLASSES);
        run_epoch(1, &d, batch, net, opt, NULL, X, Y, NULL, d.train.n, 1e30);
        nn_matrix_free(&X); nn_matrix_free(&Y);
        nn_optimizer_free(opt);
        nn_network_free(net);
    }
    free_data(&d);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

static double run_rss_probe(const char *self)
{
    char command[4200];
    snprintf(command, sizeof command, "'%s' --rss-probe", self);
    FILE *p = popen(command, "r");
    double mb = -1;
    if (!p || fscanf(p, "%lf", &mb) != 1) mb = -1;
    if (p) pclose(p);
    return mb;
}

/* ---- PyTorch's figures, measured by tools/bench/torch_mlp.py ------------------------- */

/* Ratios against PyTorch in the bench's precision at its best thread setting: for each
 * batch, the higher of its 1- and 2-thread throughputs (a user picks the faster). */
static void compare_with_torch(const char *torch, int max_threads)
{
    const char *prec = BENCH_PREC;
    printf("\n== Training vs PyTorch %s CPU (same network, SGD; PyTorch at its best of 1 and 2 threads)\n",
           sizeof(nn_real) == 8 ? "float64" : "float32");
    FILE *f = torch ? fopen(torch, "r") : NULL;
    if (!f) {
        printf("  skipped: %s\n", torch ? "no PyTorch results file (see tools/bench.sh's message)"
                                        : "no --torch FILE given (python3-torch is not installed?)");
        return;
    }
    char line[512];
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "skipped", 7)) { printf("  %s", line); fclose(f); return; }
    fclose(f);
    if (bench_import(torch) != 0) return;       /* its torch_* lines join the summary */
    printf("  batch thr  nn samples/s   PyTorch same thr   PyTorch best   ratio to best\n");
    for (int batch = 64; batch <= 256; batch *= 4) {
        double best = -1, same[3] = { -1, -1, -1 };
        for (int t = 1; t <= 2; t++) {
            char key[128];
            snprintf(key, sizeof key, "torch_%s_t%d_b%d_samples_per_s", prec, t, batch);
            same[t] = bench_result_value(key);
            if (same[t] > best) best = same[t];
        }
        bench_result("train_%s_b%d_torch_best_samples_per_s", best, prec, batch);
        for (int t = 1; t <= max_threads; t++) {
            char mine[128];
            snprintf(mine, sizeof mine, "train_%s_t%d_b%d_samples_per_s", prec, t, batch);
            double ours = bench_result_value(mine);
            if (best <= 0 || ours <= 0) { printf("  %-5d %2d  missing figure (%s)\n", batch, t, best <= 0 ? "PyTorch" : mine); continue; }
            printf("  %-5d %2d  %10.0f     %10.0f      %10.0f      %5.2f\n", batch, t, ours, same[t], best, ours / best);
            bench_result("train_%s_t%d_b%d_torch_samples_per_s", same[t], prec, t, batch);
            bench_result("train_%s_t%d_b%d_torch_ratio", ours / best, prec, t, batch);
        }
    }
}

int bench_train(int repeats, int max_threads, const char *torch, const char *self)
{
    bench_data d;
    if (load_data(&d) != 0) return 1;
    printf("\n== Training 784-128-10 ReLU, softmax CE, SGD lr %.2f, one epoch of %d Fashion-MNIST images\n"
           "   nn_network vs a trainer with OpenBLAS products; samples/s, median [min..max] of %d\n",
           (double)LEARNING_RATE, d.train.n, repeats);
    double flops = bench_train_flops_per_sample();
    printf("   limit: the FMA peak of as many cores as threads / %.0f FLOPs of products per sample =\n"
           "   %.0f samples/s on 1 thread, %.0f on 2; each throughput also as a fraction of it\n",
           flops, bench_peak_gflops(1) * 1e9 / flops, bench_peak_gflops(2) * 1e9 / flops);
    bench_result("train_flops_per_sample", flops);
    printf("  batch thr  nn samples/s                limit  reference samples/s         limit  ratio\n");
    int status = 0;
    for (int t = 1; t <= max_threads && status == 0; t++) {
        nn_set_threads(t);
        openblas_set_num_threads(t);
        for (int batch = 64; batch <= 256 && status == 0; batch *= 4) {
            status = bench_config(&d, batch, t, repeats);
        }
    }
    free_data(&d);
    if (status != 0) return status;
    compare_with_torch(torch, max_threads);
    double mb = run_rss_probe(self);
    printf("\n== Peak resident memory of the library's training (one epoch at batch 64 and 256, own process)\n"
           "  %.1f MB (target <= 100 MB)%s\n", mb, mb < 0 ? ": the probe failed" : "");
    bench_result("train_peak_rss_mb", mb);
    return mb < 0;
}

/* ---- Under contention: the library on 2 threads and on 1, the reference on 2 --------- */

typedef struct {
    trainer_pair pair;
    const bench_data *d;
    int batch;
    double max_seconds;
} contended_training;

/* One run of `which` (0: library 2 threads, 1: library 1 thread, 2: reference 2 threads)
 * from the initial weights; samples/s over at most a quarter epoch or max_seconds. */
static double contended_run(int which, void *ctx)
{
    contended_training *c = ctx;
    nn_set_threads(which == 1 ? 1 : 2);
    openblas_set_num_threads(2);
    epoch_result e = pair_run(&c->pair, which != 2, c->d, c->batch, c->d->train.n / 4, c->max_seconds);
    return e.samples / e.seconds;
}

static bench_triple train_triple(const bench_data *d, int batch, int repeats, double max_seconds)
{
    contended_training c = { pair_new(batch), d, batch, max_seconds };
    bench_triple t = bench_triple_measure(repeats, contended_run, &c);
    pair_free(&c.pair);
    return t;
}

int bench_train_triples(int repeats, double max_seconds, bench_triple out[2])
{
    bench_data d;
    if (load_data(&d) != 0) return 1;
    out[0] = train_triple(&d, 64, repeats, max_seconds);
    out[1] = train_triple(&d, 256, repeats, max_seconds);
    free_data(&d);
    return 0;
}
