/* cs-random.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two random number generators a scenario can seed, reproduced number
 * for number:
 *
 * - CsTorchGenerator: PyTorch 1.13's default CPU generator
 *   (CPUGeneratorImpl: MT19937 plus a cached second normal sample), with
 *   the CPU kernels of torch.rand, torch.randn, torch.randint and
 *   torch.randperm on fresh contiguous tensors.
 * - CsNumpyGenerator: NumPy's legacy global RandomState (MT19937 with
 *   init_genrand seeding and a cached polar-method Gaussian), with
 *   np.random.rand / random_sample, randn / standard_normal and randint.
 *
 * Generators are plain values: _copy makes an independent snapshot, so a
 * trace can keep the generator state of every step.
 */

#pragma once

#include <glib.h>

#include "cs-dtype.h"

G_BEGIN_DECLS

/* The seed PyTorch's default generator has at process start
 * (c10::detail::default_rng_seed_val). */
#define CS_TORCH_DEFAULT_SEED G_GUINT64_CONSTANT (67280421310721)

typedef struct _CsTorchGenerator CsTorchGenerator;
typedef struct _CsNumpyGenerator CsNumpyGenerator;

/* ---- PyTorch ------------------------------------------------------------ */

/* A generator in the state right after torch.manual_seed(@seed).  A Python
 * seed s (negative allowed) maps to (guint64) s, as PyTorch does. */
G_GNUC_WARN_UNUSED_RESULT
CsTorchGenerator *cs_torch_generator_new          (guint64                 seed);
G_GNUC_WARN_UNUSED_RESULT
CsTorchGenerator *cs_torch_generator_copy         (const CsTorchGenerator *gen);
void              cs_torch_generator_free         (CsTorchGenerator       *gen);

/* torch.manual_seed(@seed): reseeds and drops the cached normal sample. */
void              cs_torch_generator_seed         (CsTorchGenerator       *gen,
                                                   guint64                 seed);
/* torch.initial_seed(): the last seed given. */
guint64           cs_torch_generator_initial_seed (const CsTorchGenerator *gen);
gboolean          cs_torch_generator_equal        (const CsTorchGenerator *a,
                                                   const CsTorchGenerator *b);

/* Raw draws, as CPUGeneratorImpl::random() and random64(). */
guint32           cs_torch_generator_random       (CsTorchGenerator       *gen);
guint64           cs_torch_generator_random64     (CsTorchGenerator       *gen);

/* torch.rand(n, dtype=@dtype): writes @n elements of @dtype (FLOAT32,
 * FLOAT64 or FLOAT16) to @data, contiguously.  Returns FALSE (and draws
 * nothing) for other dtypes. */
gboolean          cs_torch_generator_rand         (CsTorchGenerator       *gen,
                                                   CsDType                 dtype,
                                                   gpointer                data,
                                                   gsize                   n);
/* torch.randn(n, dtype=@dtype) for a new contiguous tensor of @n elements
 * (FLOAT32 or FLOAT64; FALSE otherwise).  Like PyTorch, tensors of 16 or
 * more elements use the batched Box-Muller fill (for float32 the AVX2
 * kernel with its own log/sincos approximations) and smaller ones draw
 * scalar normals that leave a cached sample in the generator. */
gboolean          cs_torch_generator_randn        (CsTorchGenerator       *gen,
                                                   CsDType                 dtype,
                                                   gpointer                data,
                                                   gsize                   n);
/* Tensor.normal_(mean, std) / torch.normal(mean, std, (n,)) on a new
 * contiguous tensor (randn is mean 0, std 1).  FLOAT32 or FLOAT64. */
gboolean          cs_torch_generator_normal       (CsTorchGenerator       *gen,
                                                   CsDType                 dtype,
                                                   gpointer                data,
                                                   gsize                   n,
                                                   double                  mean,
                                                   double                  std);
/* Tensor.uniform_(from, to) on a contiguous tensor (rand is 0, 1).
 * FLOAT32 or FLOAT64. */
gboolean          cs_torch_generator_uniform      (CsTorchGenerator       *gen,
                                                   CsDType                 dtype,
                                                   gpointer                data,
                                                   gsize                   n,
                                                   double                  from,
                                                   double                  to);
/* torch.randint(low, high, (n,), dtype=@dtype): FALSE if @high <= @low
 * (PyTorch: "random_ expects 'from' to be less than 'to', but got
 * from=0 >= to=0") or @dtype is bool. */
gboolean          cs_torch_generator_randint      (CsTorchGenerator       *gen,
                                                   gint64                  low,
                                                   gint64                  high,
                                                   CsDType                 dtype,
                                                   gpointer                data,
                                                   gsize                   n);
/* torch.randperm(n) (int64) into @out[0..n). */
void              cs_torch_generator_randperm     (CsTorchGenerator       *gen,
                                                   gint64                 *out,
                                                   gsize                   n);

/* ---- NumPy legacy RandomState -------------------------------------------- */

/* The state right after np.random.seed(@seed) (seed in [0, 2**32 - 1]). */
G_GNUC_WARN_UNUSED_RESULT
CsNumpyGenerator *cs_numpy_generator_new          (guint32                 seed);
G_GNUC_WARN_UNUSED_RESULT
CsNumpyGenerator *cs_numpy_generator_copy         (const CsNumpyGenerator *gen);
void              cs_numpy_generator_free         (CsNumpyGenerator       *gen);
void              cs_numpy_generator_seed         (CsNumpyGenerator       *gen,
                                                   guint32                 seed);
gboolean          cs_numpy_generator_equal        (const CsNumpyGenerator *a,
                                                   const CsNumpyGenerator *b);

guint32           cs_numpy_generator_random_uint32 (CsNumpyGenerator      *gen);
/* np.random.rand / random_sample / random: 53-bit doubles in [0, 1). */
void              cs_numpy_generator_rand         (CsNumpyGenerator       *gen,
                                                   double                 *out,
                                                   gsize                   n);
/* np.random.randn / standard_normal (legacy polar method, cached pair). */
void              cs_numpy_generator_randn        (CsNumpyGenerator       *gen,
                                                   double                 *out,
                                                   gsize                   n);
/* np.random.randint(low, high, size=n) with the default int64 dtype.
 * FALSE if @high <= @low (NumPy: "low >= high"). */
gboolean          cs_numpy_generator_randint      (CsNumpyGenerator       *gen,
                                                   gint64                  low,
                                                   gint64                  high,
                                                   gint64                 *out,
                                                   gsize                   n);

/* np.random.uniform(low, high, size=n): low + (high - low) * rand. */
void              cs_numpy_generator_uniform      (CsNumpyGenerator       *gen,
                                                   double                  low,
                                                   double                  high,
                                                   double                 *out,
                                                   gsize                   n);
/* np.random.normal(loc, scale, size=n): loc + scale * randn. */
void              cs_numpy_generator_normal       (CsNumpyGenerator       *gen,
                                                   double                  loc,
                                                   double                  scale,
                                                   double                 *out,
                                                   gsize                   n);
/* np.random.shuffle: permutes @items (the elements of a 1-D array or
 * list, or the rows of an n-D array) in place, exactly as NumPy does.
 * np.random.permutation(n) is the shuffle of 0, 1, ..., n - 1. */
void              cs_numpy_generator_shuffle      (CsNumpyGenerator       *gen,
                                                   gint64                 *items,
                                                   gsize                   n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTorchGenerator, cs_torch_generator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsNumpyGenerator, cs_numpy_generator_free)

G_END_DECLS
