/* The fast matrix product:  C ← α op(A) op(B) + β C   (op(A) m×k, op(B) k×n, C m×n).
 *
 * Same arithmetic as nn_gemm_naive, arranged so that the numbers come from cache and
 * the multiply-adds run eight (double) or sixteen (float) at a time. A product does
 * 2mnk flops on 8(mk + kn + mn) bytes: each number is used ~n times, so the work is to
 * keep it close to the core while it is being reused. The loop nest (Goto & van de
 * Geijn, "Anatomy of high-performance matrix multiplication", 2008; BLIS):
 *
 *   for jc in 0..n step NC                      columns of C and op(B)
 *     for pc in 0..k step KC                    the sum over k, in order
 *       pack op(B)[pc.., jc..]  → Bp (KC×NC)    L3 / L2-resident panel
 *       for ic in 0..m step MC                  rows of C and op(A)
 *         pack op(A)[ic.., pc..] → Ap (MC×KC)   L2-resident block
 *         for jr in 0..NC step NR
 *           for ir in 0..MC step MR             the same Bp micro-panel for every ir
 *             micro-kernel: C[ir..+MR, jr..+NR] += Ap micro-panel · Bp micro-panel
 *
 * The micro-kernel holds an MR×NR tile of C in registers (MR×NV vectors, NR = NV
 * vectors of LANES numbers) and, for each p, loads NV vectors of a row of Bp and
 * broadcasts MR numbers of a column of Ap: MR·NV fused multiply-adds for MR + NV loads.
 * AVX-512 has 32 vector registers: MR = 6, NV = 4 uses 24 for the tile and 4 for the
 * row of B, and 24 FMAs per 10 loads keep both FMA units busy. (8×3 and 12×2 fit too;
 * on the machine below they were within noise, and 6×4's NR = 32 divides the course's
 * hidden width 128.) Block sizes, for 48 KiB L1d and 2 MiB L2 per core:
 *   KC = 256: the k-depth of one pass; the B micro-panel KC×NR (64 KiB) is re-read by
 *             every ir step from L1/L2, the A micro-panel KC×MR (12 KiB) stays in L1.
 *             Longer KC means fewer passes that load and store the C tile.
 *   MC = 144: the packed A block MC×KC (288 KiB) is re-read once per jr step: L2.
 *   NC = 1024: the packed B panel KC×NC (2 MiB) is re-read once per ic step: L2/L3.
 * KC from 128 to 384, and the 8×3 and 12×2 tiles, measured within the noise (±5-10%)
 * of a shared machine. Packing copies each block once into the exact order the
 * micro-kernel reads it (contiguous, aligned, zero-padded to whole tiles), which also
 * turns the four transpose cases into one kernel: only the packing knows about op().
 * (Packing op(B) = Bᵀ is a transpose, done 8×8 at a time in registers: pack_b_transposed.)
 * The last rows of C, fewer than MR, get a kernel with that many rows (kernel_rows).
 * Packing costs O(mk + kn) copies against O(mnk) multiply-adds, so two shapes skip it:
 *   - small products (m·n·k ≤ 4096) and m < MR rows: one row of C at a time
 *     (gemm_small), nothing packed, no tile wasted on rows that do not exist;
 *   - narrow pieces (n ≤ 128, a layer's forward pass into 128 units): each number of A
 *     is used only n times, so the kernel reads op(A) where it lies (gemm_piece).
 * On the course's 2-core AVX-512 machine (an AMD EPYC, 2026-12-03; FMA peak 121 GFLOP/s a
 * core) this runs at 1.10-1.20× OpenBLAS's dgemm (its fastest kernel) at n = 256..1024 on
 * one thread and 1.20-1.34× on two: 98-108 GFLOP/s on one thread, 206-216 on two, 0.81-0.90
 * of the peak. `make bench` (tools/bench/) prints the figures of the day.
 * Threads: C is cut into disjoint pieces (ranges of whole register tiles, along n unless
 * m is longer and n too narrow to share out: see nn_gemm), a few per thread, handed out
 * dynamically; a thread runs the whole loop nest on its piece with its own buffers. A
 * piece re-packs the operand it shares with the others, O(mk) or O(kn) copies against
 * O(mnk/pieces) multiply-adds, and no thread waits for another until the end.
 *
 * Rounding and determinism. For each KC block of the sum over k, a register holds
 *   s = Σ_{p in block} a_ip b_pj, summed in increasing p (one FMA per term),
 * and C_ij ← α s + β C_ij after the first block (C is not read when β = 0: it may hold
 * NaN garbage), C_ij ← α s + C_ij after each later one. The order of every operation
 * depends on k and KC only, never on the threads: threads split C into disjoint
 * pieces, and each element is computed by one thread with the same chain. For k ≤ KC
 * (the gradient products dW += dZᵀ X at batch ≤ 256) this is the naive product's
 * α s + β C, so two accumulations of the same gradient give exactly twice it; the only
 * difference from nn_gemm_naive is the fused rounding inside s (hence the tolerance in
 * tests/test_matrix.c). The three paths round identically (a test holds them equal).
 * FMA: -std=c11 makes GCC refuse to fuse a*b+c (contraction "off"); this file alone
 * asks for fp-contract=fast (the pragma below the includes) so that the vector expression
 * acc + a*b becomes one vfmadd, there being only one way to fuse it. α s + β C could be
 * fused two ways, so it is written with fma() (add_sums). No other flag is relaxed.
 *
 * Memory: the packing buffers are a per-thread scratch cache (a _Thread_local pointer,
 * grown on first use to the largest size needed so far, then reused, never shrunk, freed
 * when its thread ends). It holds no state that outlives a call and cannot change a
 * result; it only spares the hot path a malloc per product. */
#include "nn_matrix.h"
#include "nn_parallel.h"

/* Fusing a*b+c in this file only (see "FMA" above). Said here rather than in the
 * Makefile, so that the file cannot lose it: a Makefile merge once did. */
#if defined(__clang__)
#pragma clang fp contract(fast)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=fast")
#endif

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* One SIMD register of the target: 64 bytes with AVX-512, 32 with AVX, else 16 (SSE2,
 * or any other target: GCC and Clang lower vector types to whatever the machine has). */
#if defined(__AVX512F__)
#define GEMM_VBYTES 64
#elif defined(__AVX__)
#define GEMM_VBYTES 32
#else
#define GEMM_VBYTES 16
#endif
typedef nn_real vreal __attribute__((vector_size(GEMM_VBYTES)));
#define LANES ((int)(GEMM_VBYTES / sizeof(nn_real)))

#ifndef GEMM_MR
#define GEMM_MR 6           /* rows of the register tile (broadcast from Ap) */
#endif
#ifndef GEMM_NV
#define GEMM_NV 4           /* vectors per row of the register tile (loaded from Bp) */
#endif
#define MR GEMM_MR
#define NV GEMM_NV
#define NR (NV * LANES)     /* columns of the register tile: 32 doubles or 64 floats */
#ifndef GEMM_KC
#define GEMM_KC 256
#endif
#ifndef GEMM_MC
#define GEMM_MC (MR * 24)
#endif
#ifndef GEMM_NC
#define GEMM_NC (NR * 32)
#endif
#define KC GEMM_KC
#define MC GEMM_MC
#define NC GEMM_NC

#define GEMM_PIECES_PER_THREAD 4
#define GEMM_SMALL_MACS 4096       /* see gemm_small */
#ifndef GEMM_DIRECT_A_MAX_N
#define GEMM_DIRECT_A_MAX_N 128    /* see gemm_piece */
#endif

static inline vreal vload(const nn_real *p) { vreal v; memcpy(&v, p, sizeof v); return v; }
static inline void vstore(nn_real *p, vreal v) { memcpy(p, &v, sizeof v); }

/* x·y + z rounded once, spelled out rather than left to contraction: in α s + β C
 * the compiler could fuse either product, and two code paths might choose differently. */
static inline nn_real fused(nn_real x, nn_real y, nn_real z)
{
#ifdef NN_REAL_FLOAT
    return fmaf(x, y, z);
#else
    return fma(x, y, z);
#endif
}

/* A row of n block sums s into C: C ← α s + β C after the first KC block (C not read if
 * β = 0), C ← α s + C after the later ones. Shared by every path, so all round alike. */
static inline void add_sums(nn_real *restrict c, const nn_real *restrict s, int n, nn_real alpha,
                            nn_real beta, int first)
{
    if (first && beta == 0) for (int j = 0; j < n; j++) c[j] = alpha * s[j];
    else if (first) for (int j = 0; j < n; j++) c[j] = fused(alpha, s[j], beta * c[j]);
    else for (int j = 0; j < n; j++) c[j] = fused(alpha, s[j], c[j]);
}

/* The micro-kernel: an mr×NR tile of C (row stride ldc, mr = MR but at the last rows of C)
 * gets one KC block of the sum,
 *   s_ij = Σ_p a_ip b_pj,  a_ip = a[i·rs + p·cs],  b_pj = b[p·NR + j] (a Bp micro-panel),
 * added as C ← α s + β C on the first block (C not read if β = 0), C ← α s + C after.
 * A packed Ap micro-panel has rs = 1, cs = MR; op(A) read in place has rs, cs = lda, 1
 * (A) or 1, lda (Aᵀ). Written once, inlined with mr a constant into the variants below. */
static inline __attribute__((always_inline)) void
kernel_body(const int mr, int kc, const nn_real *restrict a, size_t rs, size_t cs,
            const nn_real *restrict b, nn_real *restrict c, size_t ldc, nn_real alpha,
            nn_real beta, int first)
{
    vreal acc[MR][NV];
    for (int i = 0; i < mr; i++)
        for (int v = 0; v < NV; v++) acc[i][v] = (vreal){ 0 };
    for (int p = 0; p < kc; p++) {
        vreal bv[NV];
        for (int v = 0; v < NV; v++) bv[v] = vload(b + (size_t)p * NR + (size_t)v * LANES);
        for (int i = 0; i < mr; i++) {
            nn_real ai = a[(size_t)i * rs + (size_t)p * cs];
            for (int v = 0; v < NV; v++) acc[i][v] += ai * bv[v];
        }
    }
    for (int i = 0; i < mr; i++) {
        nn_real s[NR];
        for (int v = 0; v < NV; v++) vstore(s + v * LANES, acc[i][v]);
        add_sums(c + (size_t)i * ldc, s, NR, alpha, beta, first);
    }
}

static void kernel_packed(int kc, const nn_real *a, const nn_real *b, nn_real *c, size_t ldc,
                          nn_real alpha, nn_real beta, int first)
{
    kernel_body(MR, kc, a, 1, MR, b, c, ldc, alpha, beta, first);
}

static void kernel_strided(int kc, const nn_real *a, size_t rs, size_t cs, const nn_real *b,
                           nn_real *c, size_t ldc, nn_real alpha, nn_real beta, int first)
{
    kernel_body(MR, kc, a, rs, cs, b, c, ldc, alpha, beta, first);
}

/* The last rows of C, fewer than MR (a batch of 64 is 10 tiles of 6 rows and one of 4):
 * a kernel with that many rows, so that no multiply-add goes to rows that do not exist.
 * Each row is summed exactly as in the full kernel. */
static void kernel_rows(int rows, int kc, const nn_real *a, size_t rs, size_t cs,
                        const nn_real *b, nn_real *c, size_t ldc, nn_real alpha, nn_real beta,
                        int first)
{
    switch (rows) {
#define ROWS_CASE(r) case r: kernel_body(r, kc, a, rs, cs, b, c, ldc, alpha, beta, first); return;
    ROWS_CASE(1)
#if MR > 2
    ROWS_CASE(2)
#endif
#if MR > 3
    ROWS_CASE(3)
#endif
#if MR > 4
    ROWS_CASE(4)
#endif
#if MR > 5
    ROWS_CASE(5)
#endif
#undef ROWS_CASE
    default:
        for (int i = 0; i < rows; i++)      /* MR > 6 (a -DGEMM_MR build): one row at a time */
            kernel_body(1, kc, a + (size_t)i * rs, rs, cs, b, c + (size_t)i * ldc, ldc, alpha, beta, first);
    }
}

/* A tile cut by the right edge of C (cols < NR): run the kernel on a local rows×NR copy,
 * padded with zeros, and copy the valid part back. */
static void edge_kernel(int kc, const nn_real *a, size_t rs, size_t cs, const nn_real *b,
                        nn_real *c, size_t ldc, int rows, int cols, nn_real alpha, nn_real beta,
                        int first)
{
    nn_real tile[MR * NR];
    memset(tile, 0, sizeof tile);
    if (!(first && beta == 0))
        for (int i = 0; i < rows; i++) memcpy(tile + i * NR, c + (size_t)i * ldc, (size_t)cols * sizeof *c);
    if (rows == MR) kernel_strided(kc, a, rs, cs, b, tile, NR, alpha, beta, first);
    else kernel_rows(rows, kc, a, rs, cs, b, tile, NR, alpha, beta, first);
    for (int i = 0; i < rows; i++) memcpy(c + (size_t)i * ldc, tile + i * NR, (size_t)cols * sizeof *c);
}

static int round_up(int x, int to) { return (x + to - 1) / to * to; }
static int min_int(int a, int b) { return a < b ? a : b; }

/* Ap ← op(A)[i0..i0+mc, p0..p0+kc] as micro-panels of MR rows: element (i, p) of
 * micro-panel r at Ap[(r·kc + p)·MR + i]; rows past mc are zero. */
static void pack_a(nn_trans ta, nn_matrix A, int i0, int mc, int p0, int kc,
                   nn_real *restrict ap)
{
    size_t lda = (size_t)A.cols;
    for (int r = 0; r < mc; r += MR) {
        int rows = mc - r < MR ? mc - r : MR;
        for (int p = 0; p < kc; p++) {
            nn_real *dst = ap + ((size_t)r * kc + (size_t)p * MR);
            for (int i = 0; i < rows; i++) {
                size_t row = (size_t)(i0 + r + i), col = (size_t)(p0 + p);
                dst[i] = ta ? A.data[col * lda + row] : A.data[row * lda + col];
            }
            for (int i = rows; i < MR; i++) dst[i] = 0;
        }
    }
}

/* Bp ← op(B)[p0..p0+kc, j0..j0+nc] as micro-panels of NR columns: element (p, j) of
 * micro-panel s at Bp[(s·kc + p)·NR + j]; columns past nc are zero. For op(B) = B each
 * row of a micro-panel is a piece of a row of B: a copy. */
static void pack_b(nn_matrix B, int p0, int kc, int j0, int nc, nn_real *restrict bp)
{
    size_t ldb = (size_t)B.cols;
    for (int s = 0; s < nc; s += NR) {
        int cols = min_int(NR, nc - s);
        for (int p = 0; p < kc; p++) {
            nn_real *dst = bp + ((size_t)s * kc + (size_t)p * NR);
            const nn_real *src = B.data + (size_t)(p0 + p) * ldb + (size_t)(j0 + s);
            if (cols == NR) for (int j = 0; j < NR; j++) dst[j] = src[j];   /* a few vector moves */
            else for (int j = 0; j < NR; j++) dst[j] = j < cols ? src[j] : 0;
        }
    }
}

/* The same for op(B) = Bᵀ (the forward pass's Wᵀ): element (p, j) is B[j][p], so a
 * micro-panel is a transpose, done in 8×8 blocks: 8 numbers along each of 8 rows of B
 * (contiguous loads) become 8 rows of 8 numbers in Bp (contiguous stores) through three
 * rounds of shuffles, the classic in-register transpose: swap 1×1 elements of pairs of
 * rows, then 2×2 blocks of pairs of pairs, then 4×4 halves. Blocks cut by the edge
 * (fewer than 8 columns or values of p left) go one number at a time, zero-padded.
 * (Reading down B's columns one number at a time took 38% of a forward pass at batch 64
 * into 128 units.) An 8-lane vector of any width: the compiler splits it as needed. */
#define TB 8
typedef nn_real v8real __attribute__((vector_size(TB * sizeof(nn_real))));
static void transpose_block(const nn_real *restrict src, size_t lds, nn_real *restrict dst)
{
    v8real r[TB], t[TB], u[TB];
    for (int i = 0; i < TB; i++) memcpy(&r[i], src + (size_t)i * lds, sizeof r[i]);
    for (int i = 0; i < TB; i += 2) {               /* t[i] = (r_i0 r_(i+1)0 r_i2 r_(i+1)2 ...) */
        t[i] = __builtin_shufflevector(r[i], r[i + 1], 0, 8, 2, 10, 4, 12, 6, 14);
        t[i + 1] = __builtin_shufflevector(r[i], r[i + 1], 1, 9, 3, 11, 5, 13, 7, 15);
    }
    for (int i = 0; i < TB; i += 4)
        for (int h = 0; h < 2; h++) {
            u[i + h] = __builtin_shufflevector(t[i + h], t[i + h + 2], 0, 1, 8, 9, 4, 5, 12, 13);
            u[i + h + 2] = __builtin_shufflevector(t[i + h], t[i + h + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        }
    for (int h = 0; h < 4; h++) {
        v8real lo = __builtin_shufflevector(u[h], u[h + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        v8real hi = __builtin_shufflevector(u[h], u[h + 4], 4, 5, 6, 7, 12, 13, 14, 15);
        memcpy(dst + (size_t)h * NR, &lo, sizeof lo);
        memcpy(dst + (size_t)(h + 4) * NR, &hi, sizeof hi);
    }
}

static void pack_b_transposed(nn_matrix B, int p0, int kc, int j0, int nc, nn_real *restrict bp)
{
    size_t ldb = (size_t)B.cols;
    for (int s = 0; s < nc; s += NR) {
        int cols = min_int(NR, nc - s);
        nn_real *panel = bp + (size_t)s * kc;
        const nn_real *src = B.data + (size_t)(j0 + s) * ldb + (size_t)p0;
        for (int jb = 0; jb < NR; jb += TB)         /* 8 rows of B at a time, along p */
            for (int pb = 0; pb < kc; pb += TB) {
                if (pb + TB <= kc && jb + TB <= cols) {
                    transpose_block(src + (size_t)jb * ldb + (size_t)pb, ldb, panel + (size_t)pb * NR + jb);
                    continue;
                }
                for (int p = pb; p < min_int(kc, pb + TB); p++)
                    for (int j = jb; j < jb + TB; j++)
                        panel[(size_t)p * NR + j] = j < cols ? src[(size_t)j * ldb + (size_t)p] : 0;
            }
    }
}

/* The per-thread scratch cache (see the opening comment). Returns room for n numbers,
 * aligned to 64 bytes. A thread-specific key frees a thread's buffer when the thread
 * ends (OpenMP ends surplus threads when the team shrinks). */
static pthread_key_t scratch_key;
static pthread_once_t scratch_key_once = PTHREAD_ONCE_INIT;
static void scratch_key_create(void) { pthread_key_create(&scratch_key, free); }

static nn_real *scratch(size_t n)
{
    static _Thread_local nn_real *cache = NULL;
    static _Thread_local size_t capacity = 0;
    if (n > capacity) {
        pthread_once(&scratch_key_once, scratch_key_create);
        free(cache);
        size_t bytes = (n * sizeof(nn_real) + 63) / 64 * 64;
        cache = aligned_alloc(64, bytes);
        if (!cache) {
            fprintf(stderr, "nn_gemm: out of memory for a %zu-byte packing buffer\n", bytes);
            abort();
        }
        capacity = bytes / sizeof(nn_real);
        pthread_setspecific(scratch_key, cache);
    }
    return cache;
}


/* The loop nest of the opening comment on the piece C[i0..i1, j0..j1], by one thread.
 * When the piece is narrow (n ≤ GEMM_DIRECT_A_MAX_N, e.g. a forward pass at batch 64
 * into 128 units), packing A would cost as much as a good part of the product, which
 * uses each number of A only n times: the kernel then reads op(A) in place. (Reading B
 * in place too, for dW = dZᵀ X, was 5% faster at batch 64 and 14% slower at batch 256,
 * where the B micro-panel's 256 rows, 6272 bytes apart, collide in the caches' sets.) */
static void gemm_piece(nn_trans ta, nn_trans tb, nn_real alpha, nn_matrix A, nn_matrix B,
                       nn_real beta, nn_matrix C, int k, int i0, int i1, int j0, int j1)
{
    int kc_max = min_int(k, KC), direct = j1 - j0 <= GEMM_DIRECT_A_MAX_N;
    int mc_max = round_up(min_int(i1 - i0, MC), MR), nc_max = round_up(min_int(j1 - j0, NC), NR);
    nn_real *bp = scratch((size_t)kc_max * (size_t)(mc_max + nc_max));
    nn_real *ap = bp + (size_t)kc_max * (size_t)nc_max;
    size_t ldc = (size_t)C.cols, lda = (size_t)A.cols;
    size_t rs = ta ? 1 : lda, cs = ta ? lda : 1;        /* op(A)_ip = A.data[i·rs + p·cs] */
    for (int jc = j0; jc < j1; jc += NC) {
        int nc = min_int(NC, j1 - jc);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = min_int(KC, k - pc), first = pc == 0;
            if (tb) pack_b_transposed(B, pc, kc, jc, nc, bp);
            else pack_b(B, pc, kc, jc, nc, bp);
            for (int ic = i0; ic < i1; ic += MC) {
                int mc = min_int(MC, i1 - ic);
                if (!direct) pack_a(ta, A, ic, mc, pc, kc, ap);
                for (int jr = 0; jr < nc; jr += NR)
                    for (int ir = 0; ir < mc; ir += MR) {
                        nn_real *c = C.data + (size_t)(ic + ir) * ldc + (size_t)(jc + jr);
                        const nn_real *b = bp + (size_t)jr * kc, *a = ap + (size_t)ir * kc;
                        int rows = min_int(MR, mc - ir), cols = min_int(NR, nc - jr);
                        size_t ars = 1, acs = MR;
                        if (direct) { a = A.data + (size_t)(ic + ir) * rs + (size_t)pc * cs; ars = rs; acs = cs; }
                        if (cols < NR) edge_kernel(kc, a, ars, acs, b, c, ldc, rows, cols, alpha, beta, first);
                        else if (rows < MR) kernel_rows(rows, kc, a, ars, acs, b, c, ldc, alpha, beta, first);
                        else if (!direct) kernel_packed(kc, a, b, c, ldc, alpha, beta, first);
                        else kernel_strided(kc, a, ars, acs, b, c, ldc, alpha, beta, first);
                    }
            }
        }
    }
}

/* Small products (m·n·k ≤ GEMM_SMALL_MACS, e.g. 3×5×7) and products with fewer rows
 * than a register tile (m < MR, e.g. one example through a layer): packing and tiles
 * would cost more than the arithmetic, so one row of C at a time, through a row s of
 * sums (vectorised along j when B is not transposed). The
 * arithmetic is the blocked path's exactly (per KC block, s from 0 by fused
 * multiply-adds in increasing p, then C ← α s + β C or C ← α s + C), so which path a
 * shape takes never shows in the bits. */
static void gemm_small(nn_trans ta, nn_trans tb, nn_real alpha, nn_matrix A, nn_matrix B,
                       nn_real beta, nn_matrix C, int m, int n, int k)
{
    nn_real *s = scratch((size_t)n);
    size_t lda = (size_t)A.cols, ldb = (size_t)B.cols;
    for (int i = 0; i < m; i++) {
        nn_real *c = C.data + (size_t)i * (size_t)n;
        for (int pc = 0; pc < k; pc += KC) {
            int p_end = min_int(k, pc + KC);
            for (int j = 0; j < n; j++) s[j] = 0;
            for (int p = pc; p < p_end; p++) {
                nn_real a = ta ? A.data[(size_t)p * lda + i] : A.data[(size_t)i * lda + p];
                if (tb) for (int j = 0; j < n; j++) s[j] += a * B.data[(size_t)j * ldb + p];
                else for (int j = 0; j < n; j++) s[j] += a * B.data[(size_t)p * ldb + j];
            }
            add_sums(c, s, n, alpha, beta, pc == 0);
        }
    }
}

/* k = 0 or α = 0: the product is empty, C ← β C (C not read when β = 0). */
static void scale_only(nn_real beta, nn_matrix C)
{
    size_t n = nn_matrix_size(C);
    for (size_t i = 0; i < n; i++) C.data[i] = beta == 0 ? 0 : beta * C.data[i];
}

void nn_gemm(nn_trans ta, nn_trans tb, nn_real alpha, nn_matrix A, nn_matrix B,
             nn_real beta, nn_matrix C)
{
    int m, n, k;
    nn_gemm_shape("nn_gemm", ta, tb, A, B, C, &m, &n, &k);
    if (m == 0 || n == 0) return;
    if (k == 0 || alpha == 0) { scale_only(beta, C); return; }
    /* Disjoint pieces of C, cut at register-tile boundaries. Along n when n ≥ m, and also
     * when there are two column tiles per thread or more: a column piece packs only its
     * own columns of op(B) and, if narrow, reads op(A) in place (gemm_piece), so nothing
     * is packed twice, while a row piece re-packs all of op(B). (The forward pass at batch
     * 256 into 128 units, cut into row pieces, ran slower on 2 threads than on 1.)
     * A few pieces per thread, handed out dynamically, so that a thread the system
     * pre-empts does not hold up the product; which thread computes a piece never
     * changes its bits. Piece q covers tiles [q·T/P, (q+1)·T/P). Small products, and
     * any product during a spell of rule 3 (nn_parallel.h), run on the calling thread. */
    int threads = nn_fork((long)m * n * k, NN_PARALLEL_MIN_MACS) ? nn_threads() : 1;
    int col_tiles = (n + NR - 1) / NR, row_tiles = (m + MR - 1) / MR;
    int by_cols = n >= m || col_tiles >= 2 * threads;
    int tiles = by_cols ? col_tiles : row_tiles;
    int pieces = threads > 1 && tiles > 1 ? min_int(tiles, GEMM_PIECES_PER_THREAD * threads) : 1;
    if ((long)m * n * k <= GEMM_SMALL_MACS || m < MR) { gemm_small(ta, tb, alpha, A, B, beta, C, m, n, k); return; }
    if (pieces == 1) { gemm_piece(ta, tb, alpha, A, B, beta, C, k, 0, m, 0, n); return; }
    /* The opening thread times its own pieces, so that nn_region_end can tell a region
     * that waited for a held core (rule 3). */
    nn_region region;
    nn_region_begin(&region, pieces);
    #pragma omp parallel
    {
        double busy = 0;
        int mine = 0;
        #pragma omp for schedule(dynamic, 1) nowait
        for (int q = 0; q < pieces; q++) {
            double t0 = nn_clock();
            int lo = (int)((long)q * tiles / pieces), hi = (int)((long)(q + 1) * tiles / pieces);
            if (by_cols)
                gemm_piece(ta, tb, alpha, A, B, beta, C, k, 0, m, lo * NR, min_int(hi * NR, n));
            else
                gemm_piece(ta, tb, alpha, A, B, beta, C, k, lo * MR, min_int(hi * MR, m), 0, n);
            busy += nn_clock() - t0;
            mine++;
        }
        if (nn_thread_id() == 0) { region.busy = busy; region.mine = mine; }
    }
    nn_region_end(&region);
}
