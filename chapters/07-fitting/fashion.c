/* 7.5-7.7 Overfitting a small training set: Fashion-MNIST with 1000 training images.
 *
 * A 784-h-10 ReLU network (softmax cross-entropy on the logits, Adam, mini-batches of 100) is
 * trained on `images` images of the training file; `validation_images` other images of the
 * same file are the validation set. The test file is not opened here (see fashion_test).
 * Each configuration runs with `seeds` seeds; seed k gives the same initial weights and the
 * same batch order in every configuration, so that configurations differ only in what they
 * change. The configurations:
 *   plain      no regularisation: the training curves, early stopping (7.5);
 *   α > 0      L2 weight decay, L = CE + (α/2) Σ_l ‖W_l‖²_F, swept over α (7.6);
 *   dropout    inverted dropout on the hidden layer (7.7).
 * Every run keeps its model at the last epoch; the plain and dropout runs, which measure both
 * sets after every epoch, also keep the model of smallest validation loss (early stopping).
 * Every kept model is a candidate; the one chosen on validation, and the others for
 * comparison, are measured on the test file in main's last step, once. */
#include "fitting.h"

#include <stdlib.h>
#include <string.h>

enum { BATCH = 100, N_ALPHAS = 6, DROP_SHOWN = 100, DROP_PASSES = 400 };
static const double alphas[N_ALPHAS] = { 0, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1 };  /* α = 0 is the plain run */

/* The examples as matrices: X (n×784, pixels/255), Y one-hot, labels. */
typedef struct { nn_matrix X, Y; int *labels; } image_matrix;

typedef struct {
    nn_real train_loss, train_acc, val_loss, val_acc;
} scores;

/* One run's record. */
typedef struct {
    scores final, early;            /* at the last epoch; at the early-stopping epoch */
    int early_epoch;
    nn_real curve_min_val_loss;     /* min over the epochs' validation losses */
    nn_real weight_norm;            /* sqrt(Σ_l ‖W_l‖²), at the last epoch */
    nn_real *final_params, *early_params;
} run_record;

/* A candidate for the final choice: one model per seed, and their mean validation scores. */
typedef struct {
    char name[48];
    nn_real dropout;
    nn_real *params[20];
    double val_loss, val_acc;
} candidate;

enum { CANDIDATES = N_ALPHAS + 3 };

struct fashion_models {
    int available, hidden, seeds, chosen;               /* chosen: index into cand, on validation loss */
    const char *data_dir;
    run_record plain[20], dropout[20], decay[N_ALPHAS][20];
    candidate cand[CANDIDATES];
};

static image_matrix image_matrix_from(const nn_image_set *s, const int *idx, int n)
{
    image_matrix m = { nn_matrix_new(n, s->dim), nn_matrix_new(n, 10), malloc(sizeof(int) * (size_t)n) };
    nn_image_batch(s, idx, n, m.X, m.Y, m.labels);
    return m;
}

static void image_matrix_free(image_matrix *m)
{
    nn_matrix_free(&m->X);
    nn_matrix_free(&m->Y);
    free(m->labels);
}

/* Mean cross-entropy and accuracy of the network (no dropout) on a whole set. */
static void evaluate(nn_network *net, const image_matrix *m, nn_real *loss, nn_real *acc)
{
    nn_matrix Z = nn_network_forward(net, m->X, NULL);
    *loss = nn_loss_forward(nn_loss_make(NN_LOSS_SOFTMAX_CE), Z, m->Y);
    int *pred = malloc(sizeof(int) * (size_t)m->X.rows), right = 0;
    nn_argmax_rows(Z, pred);
    for (int i = 0; i < m->X.rows; i++) right += pred[i] == m->labels[i];
    *acc = (nn_real)right / m->X.rows;
    free(pred);
}

static nn_network *image_network(int hidden, nn_real dropout)
{
    nn_layer_spec spec[2] = { { hidden, nn_activation_make(NN_RELU), dropout },
                              { 10, nn_activation_make(NN_IDENTITY), 0 } };
    return nn_network_new(784, 2, spec);
}

static nn_real weight_norm(const nn_network *net)
{
    nn_real s = 0;
    for (int l = 0; l < net->n_layers; l++) s += nn_dot(net->layers[l].W, net->layers[l].W);
    return sqrt(s);
}

static nn_real *copy_params(const nn_network *net)
{
    nn_real *p = malloc(sizeof(nn_real) * net->n_params);
    memcpy(p, net->params, sizeof(nn_real) * net->n_params);
    return p;
}

/* A stream for seed k of the Fashion-MNIST runs: the same in every configuration. */
static nn_rng seed_stream(const chapter *ch, int k, int which)
{
    nn_rng r;
    nn_rng_seed(&r, (ch->common.seed * 1000003u + STREAM_FASHION) * 1009u + (uint64_t)(2 * k + which));
    return r;
}

typedef struct { const image_matrix *train, *val; } fashion_data;

/* course:begin fashion_run */
/* Trains one configuration with seed k for ch->epochs epochs. With `curve` (epochs × 4:
 * training loss, training accuracy, validation loss, validation accuracy), both sets are
 * measured after every epoch, and the model of smallest validation loss is kept: early
 * stopping, here "train to the end, keep the best" (a patience rule would stop at the same
 * epoch or later, having seen the loss not improve for that many epochs). */
static run_record train_run(chapter *ch, const fashion_data *d, nn_real alpha, nn_real dropout, int k,
                            nn_matrix curve)
{
    nn_rng rng = seed_stream(ch, k, 0), masks = seed_stream(ch, k, 1);
    nn_network *net = image_network(ch->hidden, dropout);
    nn_network_init(net, nn_init_make(NN_INIT_HE_UNIFORM, 0, 0), nn_init_make(NN_INIT_ZEROS, 0, 0), &rng);
    net->weight_decay = alpha;                               /* L = CE + (α/2) Σ ‖W‖² */
    nn_optimizer_config oc = nn_optimizer_defaults(NN_OPT_ADAM);
    oc.lr = ch->lr;
    nn_optimizer *opt = nn_optimizer_new(oc, net->n_params);
    nn_batcher *batches = nn_batcher_new(d->train->X.rows, BATCH);
    nn_matrix Xb = nn_matrix_new(BATCH, 784), Yb = nn_matrix_new(BATCH, 10);
    nn_loss ce = nn_loss_make(NN_LOSS_SOFTMAX_CE);
    nn_divergence watch = nn_divergence_start("--lr", ch->lr, 10);
    run_record r;
    memset(&r, 0, sizeof r);
    r.curve_min_val_loss = NN_REAL_MAX;
    for (int e = 1; e <= ch->epochs; e++) {
        nn_batcher_shuffle(batches, &rng);
        const int *idx;
        int count;
        nn_real sum = 0;
        while ((count = nn_batcher_next(batches, &idx)) > 0) {
            nn_matrix xb = nn_matrix_row_range(Xb, 0, count), yb = nn_matrix_row_range(Yb, 0, count);
            nn_gather_rows(d->train->X, idx, count, xb);
            nn_gather_rows(d->train->Y, idx, count, yb);
            sum += nn_network_loss_grad(net, xb, yb, ce, dropout > 0 ? &masks : NULL) * count;
            nn_optimizer_step(opt, net->params, net->grads, ch->lr);
        }
        char when[64], msg[256];
        snprintf(when, sizeof when, "Fashion-MNIST epoch %d", e);
        if (nn_divergence_check(&watch, sum / d->train->X.rows, when, msg, sizeof msg)) nn_run_fail(ch->run, 1, "%s", msg);
        if (!curve.data && e < ch->epochs) continue;
        scores s;
        evaluate(net, d->train, &s.train_loss, &s.train_acc);
        evaluate(net, d->val, &s.val_loss, &s.val_acc);
        if (curve.data) {
            nn_real row[4] = { s.train_loss, s.train_acc, s.val_loss, s.val_acc };
            memcpy(&NN_AT(curve, e - 1, 0), row, sizeof row);
            if (s.val_loss < r.curve_min_val_loss) {         /* the best so far: keep it */
                r.curve_min_val_loss = s.val_loss;
                r.early_epoch = e;
                free(r.early_params);
                r.early_params = copy_params(net);
            }
        }
        if (e == ch->epochs) r.final = s;
    }
    r.weight_norm = weight_norm(net);
    r.final_params = copy_params(net);
    if (r.early_params) {                                    /* re-measure the kept model */
        memcpy(net->params, r.early_params, sizeof(nn_real) * net->n_params);
        evaluate(net, d->train, &r.early.train_loss, &r.early.train_acc);
        evaluate(net, d->val, &r.early.val_loss, &r.early.val_acc);
    }
    nn_matrix_free(&Xb);
    nn_matrix_free(&Yb);
    nn_batcher_free(batches);
    nn_optimizer_free(opt);
    nn_network_free(net);
    return r;
}
/* course:end fashion_run */

/* Per epoch, the smallest, median and largest value over the seeds of each curve column. */
static void spread_row(const nn_matrix *curves, int seeds, int e, int col, double out[3])
{
    double v[20];
    for (int k = 0; k < seeds; k++) v[k] = NN_AT(curves[k], e, col);
    double q[3];
    quartiles(v, seeds, q);
    out[0] = v[0];                                           /* quartiles sorted v */
    out[1] = q[1];
    out[2] = v[seeds - 1];
}

static void curves_files(chapter *ch, nn_matrix *curves[2], fashion_models *m)
{
    int S = ch->seeds;
    char columns[1024] = "epoch";           /* e.g. plain_val_loss_median: the median over the seeds */
    const char *config[2] = { "plain", "dropout" }, *curve[4] = { "train_loss", "train_acc", "val_loss", "val_acc" };
    const char *stat[3] = { "min", "median", "max" };
    for (int c = 0; c < 2; c++)
        for (int col = 0; col < 4; col++)
            for (int q = 0; q < 3; q++)
                snprintf(columns + strlen(columns), sizeof columns - strlen(columns), " %s_%s_%s", config[c], curve[col], stat[q]);
    nn_table *t = nn_table_open(ch->run, "fashion-spread.dat", columns);
    for (int e = 0; e < ch->epochs; e++) {
        double row[1 + 2 * 4 * 3];
        row[0] = e + 1;
        for (int c = 0; c < 2; c++)
            for (int col = 0; col < 4; col++) spread_row(curves[c], S, e, col, row + 1 + c * 12 + col * 3);
        nn_table_add(t, row, 1 + 2 * 4 * 3);
    }
    nn_table *es = nn_table_open(ch->run, "fashion-early-stop.dat",
                                 "config seed epoch val_loss val_acc (config 0 plain, 1 dropout; the kept models)");
    for (int c = 0; c < 2; c++) {
        for (int k = 0; k < S; k++) {
            const run_record *r = c == 0 ? &m->plain[k] : &m->dropout[k];
            nn_table_row(es, c, k + 1, r->early_epoch, r->early.val_loss, r->early.val_acc);
        }
        if (c == 0) end_dataset(es);
    }
    FILE *gp = figure(ch, "fashion-curves", NULL, NULL, NULL, 1100, 820);
    fprintf(gp, "set multiplot layout 2,2 title 'Fashion-MNIST, %d training images, 784-%d-10 ReLU, Adam: "
                "median over %d seeds, band from the smallest to the largest'\n"
                "set xlabel 'epoch'\n", ch->images, ch->hidden, S);
    const char *what[2] = { "no regularisation", "dropout on the hidden layer" };
    for (int c = 0; c < 2; c++) {
        int base = 2 + c * 12;          /* column of this config's train_loss min */
        fprintf(gp, "set title 'loss, %s'\nset ylabel 'mean cross-entropy'\nset yrange [0:1.2]\nset key top center\n"
                    "plot 'fashion-spread.dat' using 1:%d:%d with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \\\n"
                    "     '' using 1:%d:%d with filledcurves fc ls 2 fs transparent solid 0.2 noborder notitle, \\\n"
                    "     '' using 1:%d with lines ls 1 title 'training', \\\n"
                    "     '' using 1:%d with lines ls 2 title 'validation', \\\n"
                    "     'fashion-early-stop.dat' index %d using 3:4 with points ls 7 pt 7 ps 0.9 title 'early-stopping epoch (each seed)'\n",
                what[c], base, base + 2, base + 6, base + 8, base + 1, base + 7, c);
        fprintf(gp, "set title 'accuracy, %s'\nset ylabel 'fraction correct'\nset yrange [0.6:1.01]\nset key bottom right\n"
                    "plot 'fashion-spread.dat' using 1:%d:%d with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \\\n"
                    "     '' using 1:%d:%d with filledcurves fc ls 2 fs transparent solid 0.2 noborder notitle, \\\n"
                    "     '' using 1:%d with lines ls 1 title 'training', \\\n"
                    "     '' using 1:%d with lines ls 2 title 'validation', \\\n"
                    "     'fashion-early-stop.dat' index %d using 3:5 with points ls 7 pt 7 ps 0.9 title 'early-stopping epoch (each seed)'\n",
                what[c], base + 3, base + 5, base + 9, base + 11, base + 4, base + 10, c);
    }
    fprintf(gp, "unset multiplot\n");
}

static void weight_decay_files(chapter *ch, fashion_models *m)
{
    int S = ch->seeds;
    nn_table *t = nn_table_open(ch->run, "weight-decay.dat",
                                "position alpha seed weight_norm val_loss val_error train_loss (last epoch)");
    nn_table *mean = nn_table_open(ch->run, "weight-decay-mean.dat",
                                   "position alpha weight_norm val_loss val_error (means over the seeds)");
    for (int a = 0; a < N_ALPHAS; a++) {
        double wn = 0, vl = 0, ve = 0;
        for (int k = 0; k < S; k++) {
            const run_record *r = &m->decay[a][k];
            nn_table_row(t, a, alphas[a], k + 1, r->weight_norm, r->final.val_loss, 1 - r->final.val_acc, r->final.train_loss);
            wn += r->weight_norm / S;
            vl += r->final.val_loss / S;
            ve += (1 - r->final.val_acc) / S;
        }
        nn_table_row(mean, a, alphas[a], wn, vl, ve);
    }
    FILE *gp = figure(ch, "weight-decay", NULL, NULL, NULL, 1100, 440);
    fprintf(gp, "set multiplot layout 1,2 title 'L2 weight decay on %d Fashion-MNIST images, after %d epochs "
                "(points: seeds; lines: their mean)'\n"
                "set xlabel 'weight decay α'\nset xrange [-0.4:%d.4]\n", ch->images, ch->epochs, N_ALPHAS - 1);
    fprintf(gp, "set xtics (");
    for (int a = 0; a < N_ALPHAS; a++) fprintf(gp, "%s'%g' %d", a ? ", " : "", alphas[a], a);
    fprintf(gp, ")\n");
    fprintf(gp, "set title 'validation'\nset ylabel 'validation loss'\nset y2label 'validation error (1 - accuracy)'\n"
                "set y2tics nomirror\nset key top center\n"
                "plot 'weight-decay.dat' using 1:5 with points ls 2 title 'loss', \\\n"
                "     'weight-decay-mean.dat' using 1:4 with lines ls 2 notitle, \\\n"
                "     'weight-decay.dat' using 1:6 axes x1y2 with points ls 1 title 'error (right axis)', \\\n"
                "     'weight-decay-mean.dat' using 1:5 axes x1y2 with lines ls 1 notitle\n"
                "unset y2tics\nunset y2label\n");
    fprintf(gp, "set title 'size of the weights'\nset ylabel 'weight norm (Σ_l ‖W_l‖^2)^{1/2}'\nset key top right\n"
                "plot 'weight-decay.dat' using 1:4 with points ls 3 title 'each seed', \\\n"
                "     'weight-decay-mean.dat' using 1:3 with lines ls 3 title 'mean'\n"
                "unset multiplot\n");
}

/* Inverted dropout keeps each unit's expected output: on DROP_SHOWN validation images, the
 * mean over DROP_PASSES masks of the hidden layer's output against its output without dropout.
 * Each entry's mean is a times k/(M(1 − r)), k ~ Binomial(M, 1 − r), M = DROP_PASSES: standard
 * error a·sqrt(r/((1 − r) M)) (r is `p` below, as in lib/nn_network.c). */
static void dropout_expectation(chapter *ch, const fashion_data *d, const nn_real *params)
{
    nn_network *net = image_network(ch->hidden, ch->dropout);
    memcpy(net->params, params, sizeof(nn_real) * net->n_params);
    nn_matrix X = nn_matrix_row_range(d->val->X, 0, DROP_SHOWN);
    nn_network_forward(net, X, NULL);
    int H = ch->hidden;
    nn_matrix A = nn_matrix_new(DROP_SHOWN, H), mean = nn_matrix_new(DROP_SHOWN, H);
    nn_matrix_copy(A, nn_matrix_row_range(net->A[0], 0, DROP_SHOWN));
    nn_rng masks = seed_stream(ch, 99, 1);
    for (int pass = 0; pass < DROP_PASSES; pass++) {
        nn_network_forward(net, X, &masks);
        nn_axpy(NN_R(1.0) / DROP_PASSES, nn_matrix_row_range(net->out[0], 0, DROP_SHOWN), mean);
    }
    double p = ch->dropout, worst = 0, sum_a = 0, sum_mean = 0;
    long entries = 0;
    for (size_t i = 0; i < nn_matrix_size(A); i++) {
        if (A.data[i] == 0) continue;                        /* relu off: both are 0 */
        double se = A.data[i] * sqrt(p / ((1 - p) * DROP_PASSES));
        double z = fabs(mean.data[i] - A.data[i]) / se;
        if (z > worst) worst = z;
        sum_a += A.data[i];
        sum_mean += mean.data[i];
        entries++;
    }
    nn_result_int(ch->run, entries, "dropout.active_entries");
    nn_result_int(ch->run, DROP_PASSES, "dropout.passes");
    nn_result(ch->run, worst, "dropout.max_abs_z");
    nn_result(ch->run, sum_mean / sum_a, "dropout.mean_ratio");
    nn_say(&ch->common, "  inverted dropout, r = %.2f: over %ld active (image, unit) pairs and %d masks, the mean output "
           "is within %.2f standard errors of the output without dropout; pooled ratio %.5f\n",
           p, entries, DROP_PASSES, worst, sum_mean / sum_a);
    nn_matrix_free(&A);
    nn_matrix_free(&mean);
    nn_network_free(net);
}

static void report_run(chapter *ch, const char *config, int k, const run_record *r)
{
    nn_result_int(ch->run, r->early_epoch, "fashion.%s.seed%d.early_epoch", config, k + 1);
    nn_result(ch->run, r->curve_min_val_loss, "fashion.%s.seed%d.curve_min_val_loss", config, k + 1);
    nn_result(ch->run, r->early.val_loss, "fashion.%s.seed%d.early_val_loss", config, k + 1);
    nn_result(ch->run, r->early.val_acc, "fashion.%s.seed%d.early_val_acc", config, k + 1);
    nn_result(ch->run, r->final.val_loss, "fashion.%s.seed%d.final_val_loss", config, k + 1);
    nn_result(ch->run, r->final.val_acc, "fashion.%s.seed%d.final_val_acc", config, k + 1);
    nn_result(ch->run, r->final.train_loss, "fashion.%s.seed%d.final_train_loss", config, k + 1);
    nn_result(ch->run, r->final.train_acc, "fashion.%s.seed%d.final_train_acc", config, k + 1);
    nn_say(&ch->common, "  %-8s seed %d: last epoch training acc %.3f, validation loss %.3f acc %.3f; "
           "early stop at epoch %2d: validation loss %.3f acc %.3f\n", config, k + 1, r->final.train_acc,
           r->final.val_loss, r->final.val_acc, r->early_epoch, r->early.val_loss, r->early.val_acc);
}

/* course:begin fashion_choose */
/* Every trained configuration is a candidate (early-stopped or at its last epoch); the one
 * with the smallest mean validation loss over the seeds is chosen. The test file is still
 * closed: it could not have influenced the choice. */
static void add_candidate(fashion_models *m, int *count, const char *name, nn_real dropout,
                          const run_record *runs, int early)
{
    candidate *cd = &m->cand[(*count)++];
    snprintf(cd->name, sizeof cd->name, "%s", name);
    cd->dropout = dropout;
    cd->val_loss = cd->val_acc = 0;
    for (int k = 0; k < m->seeds; k++) {
        const scores *s = early ? &runs[k].early : &runs[k].final;
        cd->params[k] = early ? runs[k].early_params : runs[k].final_params;
        cd->val_loss += s->val_loss / m->seeds;
        cd->val_acc += s->val_acc / m->seeds;
    }
}

static void choose_on_validation(chapter *ch, fashion_models *m)
{
    int count = 0;
    char name[48];
    add_candidate(m, &count, "plain_early_stopped", 0, m->plain, 1);
    for (int a = 0; a < N_ALPHAS; a++) {
        snprintf(name, sizeof name, "alpha_%g_last_epoch", alphas[a]);
        add_candidate(m, &count, name, 0, m->decay[a], 0);
    }
    add_candidate(m, &count, "dropout_early_stopped", ch->dropout, m->dropout, 1);
    add_candidate(m, &count, "dropout_last_epoch", ch->dropout, m->dropout, 0);
    m->chosen = 0;
    for (int i = 1; i < count; i++) if (m->cand[i].val_loss < m->cand[m->chosen].val_loss) m->chosen = i;
    for (int i = 0; i < count; i++) {
        nn_result(ch->run, m->cand[i].val_loss, "fashion.candidate.%s.val_loss", m->cand[i].name);
        nn_result(ch->run, m->cand[i].val_acc, "fashion.candidate.%s.val_acc", m->cand[i].name);
    }
    nn_result_text(ch->run, m->cand[m->chosen].name, "fashion.chosen");
    nn_say(&ch->common, "  chosen on validation loss among %d candidates: %s (validation loss %.4f, accuracy %.4f)\n",
           count, m->cand[m->chosen].name, m->cand[m->chosen].val_loss, m->cand[m->chosen].val_acc);
}
/* course:end fashion_choose */

fashion_models *fashion_mnist(chapter *ch)
{
    const nn_common_flags *c = &ch->common;
    nn_say(c, "\n== 7.5-7.7 Fashion-MNIST: %d training images, %d validation images, 784-%d-10 ReLU, %d epochs, %d seeds\n",
           ch->images, ch->validation_images, ch->hidden, ch->epochs, ch->seeds);
    fashion_models *m = calloc(1, sizeof *m);
    m->hidden = ch->hidden;
    m->seeds = ch->seeds;
    m->data_dir = ch->data_dir;
    if (ch->skip_images) {
        nn_say(c, "  skipped (--skip-images)\n");
        nn_result_text(ch->run, "skipped: --skip-images", "fashion.state");
        return m;
    }
    nn_image_set file;
    char err[1200];
    int r = nn_fashion_mnist_load(ch->data_dir, &file, NULL, err, sizeof err);   /* the training file only */
    if (r != 0 && (r != NN_IDX_MISSING || nn_flag_given(c, "--data")))          /* there, but broken */
        nn_run_fail(ch->run, 1, "%s%s\n07-fitting: give --data the directory that holds the four Fashion-MNIST "
                                "IDX files, or use --skip-images", nn_flag_given(c, "--data") ? "--data: " : "", err);
    if (r != 0) {                                                                 /* not installed */
        fprintf(stderr, "07-fitting: Fashion-MNIST is not installed, so sections 7.5-7.7 are skipped (the rest of "
                        "the chapter is complete):\n  %s\n", err);
        nn_result_text(ch->run, "skipped: data set not found; " NN_FASHION_MNIST_INSTALL, "fashion.state");
        return m;
    }
    m->available = 1;
    nn_result_text(ch->run, "trained", "fashion.state");
    /* course:begin fashion_split */
    /* One shuffle of the training file: the first `images` train, the next
     * `validation_images` validate. The test file stays closed. */
    nn_rng split = part_stream(ch, STREAM_FASHION);
    int *order = malloc(sizeof(int) * (size_t)file.n);
    for (int i = 0; i < file.n; i++) order[i] = i;
    nn_rng_shuffle(&split, order, (size_t)file.n);
    image_matrix train = image_matrix_from(&file, order, ch->images);
    image_matrix val = image_matrix_from(&file, order + ch->images, ch->validation_images);
    /* course:end fashion_split */
    free(order);
    nn_image_set_free(&file);
    fashion_data d = { &train, &val };

    int S = ch->seeds, E = ch->epochs;
    nn_matrix *curves[2] = { malloc(sizeof(nn_matrix) * S), malloc(sizeof(nn_matrix) * S) };
    nn_progress progress;
    nn_progress_start(&progress, c, "Fashion-MNIST runs", (long)S * (N_ALPHAS + 1));
    long done = 0;
    for (int k = 0; k < S; k++) {
        curves[0][k] = nn_matrix_new(E, 4);
        curves[1][k] = nn_matrix_new(E, 4);
        m->plain[k] = train_run(ch, &d, 0, 0, k, curves[0][k]);
        m->dropout[k] = train_run(ch, &d, 0, ch->dropout, k, curves[1][k]);
        m->decay[0][k] = m->plain[k];                        /* α = 0 */
        for (int a = 1; a < N_ALPHAS; a++) {
            m->decay[a][k] = train_run(ch, &d, (nn_real)alphas[a], 0, k, (nn_matrix){ 0, 0, NULL });
            nn_progress_update(&progress, ++done, "seed %d, alpha %g", k + 1, alphas[a]);
        }
        done += 2;
        report_run(ch, "plain", k, &m->plain[k]);
        report_run(ch, "dropout", k, &m->dropout[k]);
    }
    nn_progress_end(&progress);

    /* 7.6 weight decay: every seed's weight norm and validation scores */
    for (int a = 0; a < N_ALPHAS; a++) {
        double loss = 0, acc = 0;
        for (int k = 0; k < S; k++) {
            nn_result(ch->run, m->decay[a][k].weight_norm, "fashion.decay%d.seed%d.weight_norm", a, k + 1);
            nn_result(ch->run, m->decay[a][k].final.val_loss, "fashion.decay%d.seed%d.val_loss", a, k + 1);
            nn_result(ch->run, m->decay[a][k].final.val_acc, "fashion.decay%d.seed%d.val_acc", a, k + 1);
            loss += m->decay[a][k].final.val_loss / S;
            acc += m->decay[a][k].final.val_acc / S;
        }
        nn_result(ch->run, alphas[a], "fashion.decay%d.alpha", a);
        nn_say(c, "  alpha %-6g: weight norms", alphas[a]);
        for (int k = 0; k < S; k++) nn_say(c, " %.2f", m->decay[a][k].weight_norm);
        nn_say(c, ";  mean validation loss %.4f, accuracy %.4f\n", loss, acc);
    }
    nn_result_int(ch->run, N_ALPHAS, "fashion.alphas");
    choose_on_validation(ch, m);
    curves_files(ch, curves, m);
    weight_decay_files(ch, m);
    dropout_expectation(ch, &d, m->dropout[0].final_params);
    nn_result_int(ch->run, ch->images, "fashion.images");
    nn_result_int(ch->run, ch->validation_images, "fashion.validation_images");
    nn_result_int(ch->run, ch->hidden, "fashion.hidden");
    nn_result_int(ch->run, 784L * ch->hidden + ch->hidden + 10L * ch->hidden + 10, "fashion.params");
    nn_result_int(ch->run, E, "fashion.epochs");
    nn_result_int(ch->run, S, "fashion.seeds");
    nn_result(ch->run, ch->lr, "fashion.lr");
    nn_result_int(ch->run, BATCH, "fashion.batch");
    nn_result(ch->run, ch->dropout, "fashion.dropout");
    for (int k = 0; k < S; k++) {
        nn_matrix_free(&curves[0][k]);
        nn_matrix_free(&curves[1][k]);
    }
    free(curves[0]);
    free(curves[1]);
    image_matrix_free(&train);
    image_matrix_free(&val);
    return m;
}

/* ---- 7.11: the test file, opened once ----------------------------------------------------- */

/* course:begin fashion_test */
void fashion_test(chapter *ch, fashion_models *m)
{
    if (m->available) {
        nn_image_set file;
        char err[1200];
        if (nn_fashion_mnist_load(m->data_dir, NULL, &file, err, sizeof err) != 0)   /* the test file only */
            nn_run_fail(ch->run, 1, "the Fashion-MNIST test file could not be read after the training file was: %s", err);
        image_matrix test = image_matrix_from(&file, NULL, file.n);
        nn_result_int(ch->run, file.n, "fashion.test.images");
        for (int i = 0; i < CANDIDATES; i++) {
            const candidate *cd = &m->cand[i];
            double loss = 0, acc = 0;
            for (int k = 0; k < m->seeds; k++) {
                nn_network *net = image_network(m->hidden, cd->dropout);
                memcpy(net->params, cd->params[k], sizeof(nn_real) * net->n_params);
                nn_real l, a;
                evaluate(net, &test, &l, &a);
                loss += l / m->seeds;
                acc += a / m->seeds;
                nn_network_free(net);
            }
            nn_result(ch->run, loss, "fashion.test.%s.loss", cd->name);
            nn_result(ch->run, acc, "fashion.test.%s.acc", cd->name);
            nn_say(&ch->common, "  %s %-24s validation loss %.4f acc %.4f | test loss %.4f acc %.4f\n",
                   i == m->chosen ? "chosen ->" : "         ", cd->name, cd->val_loss, cd->val_acc, loss, acc);
        }
        image_matrix_free(&test);
        nn_image_set_free(&file);
    }
}
/* course:end fashion_test */

void fashion_models_free(fashion_models *m)
{
    for (int k = 0; k < m->seeds; k++) {
        free(m->plain[k].final_params);
        free(m->plain[k].early_params);
        free(m->dropout[k].final_params);
        free(m->dropout[k].early_params);
        for (int a = 1; a < N_ALPHAS; a++) free(m->decay[a][k].final_params);
    }
    free(m);
}
