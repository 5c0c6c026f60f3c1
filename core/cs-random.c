/* cs-random.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bit-exact models of PyTorch 1.13's CPU generator and kernels
 * (aten/src/ATen/core/MT19937RNGEngine.h, CPUGeneratorImpl.cpp,
 * core/DistributionsHelper.h, native/cpu/DistributionTemplates.h,
 * native/cpu/avx_mathfun.h) and of NumPy's legacy RandomState
 * (numpy/random/src/mt19937, src/legacy/legacy-distributions.c).
 *
 * The float arithmetic here must happen exactly as written: where PyTorch's
 * compiled kernel fuses a multiply and an add we call fmaf() explicitly,
 * and nowhere else may the compiler contract them.
 */

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-random.h"

#define MT_N 624
#define MT_M 397

typedef struct
{
  guint32 state[MT_N];
  int     pos;                 /* next word to hand out; MT_N = regenerate */
} Mt19937;

struct _CsTorchGenerator
{
  Mt19937  mt;
  guint64  seed;
  gboolean has_next_double_normal;
  double   next_double_normal;
};

struct _CsNumpyGenerator
{
  Mt19937  mt;
  gboolean has_gauss;
  double   gauss;
};

/* ---- MT19937 (both libraries use the reference algorithm) ---------------- */

static void
mt_seed (Mt19937 *mt,
         guint32  seed)
{
  mt->state[0] = seed;
  for (int j = 1; j < MT_N; j++)
    mt->state[j] = 1812433253u * (mt->state[j - 1] ^ (mt->state[j - 1] >> 30)) + (guint32) j;
  mt->pos = MT_N;
}

static void
mt_regenerate (Mt19937 *mt)
{
  static const guint32 mag01[2] = { 0x0u, 0x9908b0dfu };
  guint32 y;
  int k;

  for (k = 0; k < MT_N - MT_M; k++)
    {
      y = (mt->state[k] & 0x80000000u) | (mt->state[k + 1] & 0x7fffffffu);
      mt->state[k] = mt->state[k + MT_M] ^ (y >> 1) ^ mag01[y & 1];
    }
  for (; k < MT_N - 1; k++)
    {
      y = (mt->state[k] & 0x80000000u) | (mt->state[k + 1] & 0x7fffffffu);
      mt->state[k] = mt->state[k + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1];
    }
  y = (mt->state[MT_N - 1] & 0x80000000u) | (mt->state[0] & 0x7fffffffu);
  mt->state[MT_N - 1] = mt->state[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
  mt->pos = 0;
}

static guint32
mt_next (Mt19937 *mt)
{
  guint32 y;

  if (mt->pos >= MT_N)
    mt_regenerate (mt);

  y = mt->state[mt->pos++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;

  return y;
}

static gboolean
mt_equal (const Mt19937 *a,
          const Mt19937 *b)
{
  return a->pos == b->pos && memcmp (a->state, b->state, sizeof a->state) == 0;
}

/* ---- PyTorch: distributions ------------------------------------------------ */

/* at::uniform_real_distribution<float>(0, 1): the low 24 bits of one 32-bit
 * draw, scaled by 2^-24 (computed in double, the CPU acc_type, then stored
 * as float; exact either way). */
static float
torch_uniform_float (CsTorchGenerator *gen)
{
  return (float) ((double) (cs_torch_generator_random (gen) & 0xffffffu) * (1.0 / 16777216.0));
}

/* at::uniform_real_distribution<double>(0, 1): the low 53 bits of a 64-bit
 * draw made of two 32-bit draws (the first is the high word). */
static double
torch_uniform_double (CsTorchGenerator *gen)
{
  guint64 v = cs_torch_generator_random64 (gen);

  return (double) (v & G_GUINT64_CONSTANT (0x1fffffffffffff)) * (1.0 / 9007199254740992.0);
}

/* at::normal_distribution<double>(0, 1) with the generator's cached second
 * sample: u1 gives the angle, u2 the radius; sin goes to the cache. */
static double
torch_normal_double (CsTorchGenerator *gen)
{
  double u1, u2, r, theta;

  if (gen->has_next_double_normal)
    {
      gen->has_next_double_normal = FALSE;
      return gen->next_double_normal;
    }

  u1 = torch_uniform_double (gen);
  u2 = torch_uniform_double (gen);
  r = sqrt (-2.0 * log (1.0 - u2));
  theta = 2.0 * G_PI * u1;
  gen->next_double_normal = r * sin (theta);
  gen->has_next_double_normal = TRUE;

  return r * cos (theta);
}

/* normal_fill_16 for double: 8 pairs (data[j], data[j + 8]) of uniforms
 * become normals. */
static void
normal_fill_16_double (double *data,
                       double  mean,
                       double  std)
{
  for (int j = 0; j < 8; j++)
    {
      double u1 = 1 - data[j];
      double u2 = data[j + 8];
      double radius = sqrt (-2 * log (u1));
      double theta = 2.0f * G_PI * u2;

      data[j] = fma (radius * cos (theta), std, mean);
      data[j + 8] = fma (radius * sin (theta), std, mean);
    }
}

/* Scalar rewrites of log256_ps and sincos256_ps from PyTorch's
 * avx_mathfun.h (Cephes-style approximations by J. Pommier and
 * G. Garberoglio).  PyTorch 1.13 builds them with -mavx2 -mfma and GCC
 * contracts a multiply whose result only feeds an add into one fused
 * multiply-add; the fmaf() calls below are those contractions. */

static inline float
bits_to_float (guint32 u)
{
  float f;

  memcpy (&f, &u, sizeof f);
  return f;
}

static inline guint32
float_to_bits (float f)
{
  guint32 u;

  memcpy (&u, &f, sizeof u);
  return u;
}

static float
avx_logf (float x)
{
  gboolean invalid = x <= 0.0f;   /* _CMP_LE_OS: false for NaN */
  gint32 imm0;
  float e, z, y, tmp;
  gboolean mask;

  /* Cut off denormals (max_ps returns the second operand for NaN). */
  if (!(x > bits_to_float (0x00800000u)))
    x = bits_to_float (0x00800000u);

  imm0 = (gint32) (float_to_bits (x) >> 23);
  x = bits_to_float ((float_to_bits (x) & ~0x7f800000u) | float_to_bits (0.5f));
  imm0 -= 0x7f;
  e = (float) imm0;
  e = e + 1.0f;

  mask = x < 0.707106781186547524f;
  tmp = mask ? x : 0.0f;
  x = x - 1.0f;
  e = e - (mask ? 1.0f : 0.0f);
  x = x + tmp;

  z = x * x;

  y = 7.0376836292E-2f;
  y = fmaf (y, x, -1.1514610310E-1f);
  y = fmaf (y, x, 1.1676998740E-1f);
  y = fmaf (y, x, -1.2420140846E-1f);
  y = fmaf (y, x, +1.4249322787E-1f);
  y = fmaf (y, x, -1.6668057665E-1f);
  y = fmaf (y, x, +2.0000714765E-1f);
  y = fmaf (y, x, -2.4999993993E-1f);
  y = fmaf (y, x, +3.3333331174E-1f);
  y = y * x;

  tmp = e * -2.12194440e-4f;
  y = fmaf (y, z, tmp);

  y = fmaf (-z, 0.5f, y);

  x = x + y;
  x = fmaf (e, 0.693359375f, x);

  if (invalid)
    x = bits_to_float (float_to_bits (x) | 0xffffffffu);

  return x;
}

static void
avx_sincosf (float  x,
             float *s,
             float *c)
{
  guint32 sign_bit_sin, swap_sign_bit_sin, sign_bit_cos;
  gint32 imm2, imm4;
  gboolean poly_mask;
  float y, z, y2, tmp, ysin1, ysin2, xmm1, xmm2;

  sign_bit_sin = float_to_bits (x) & 0x80000000u;
  x = bits_to_float (float_to_bits (x) & 0x7fffffffu);

  y = x * 1.27323954473516f;

  /* cvttps_epi32: truncation, 0x80000000 when out of range. */
  if (isnan (y) || y >= 2147483648.0f)
    imm2 = G_MININT32;
  else
    imm2 = (gint32) y;

  imm2 = (gint32) (((guint32) imm2 + 1u) & ~1u);
  y = (float) imm2;
  imm4 = imm2;

  swap_sign_bit_sin = ((guint32) imm2 & 4u) << 29;
  poly_mask = ((guint32) imm2 & 2u) == 0;

  x = fmaf (y, -0.78515625f, x);
  x = fmaf (y, -2.4187564849853515625e-4f, x);
  x = fmaf (y, -3.77489497744594108e-8f, x);

  imm4 = (gint32) ((guint32) imm4 - 2u);
  sign_bit_cos = (~(guint32) imm4 & 4u) << 29;

  sign_bit_sin ^= swap_sign_bit_sin;

  z = x * x;
  y = 2.443315711809948E-005f;
  y = fmaf (y, z, -1.388731625493765E-003f);
  y = fmaf (y, z, 4.166664568298827E-002f);
  y = y * z;
  tmp = z * 0.5f;
  y = fmaf (y, z, -tmp);
  y = y + 1.0f;

  y2 = -1.9515295891E-4f;
  y2 = fmaf (y2, z, 8.3321608736E-3f);
  y2 = fmaf (y2, z, -1.6666654611E-1f);
  y2 = y2 * z;
  y2 = fmaf (y2, x, x);

  ysin2 = poly_mask ? y2 : 0.0f;
  ysin1 = poly_mask ? 0.0f : y;
  y2 = y2 - ysin2;
  y = y - ysin1;

  xmm1 = ysin1 + ysin2;
  xmm2 = y + y2;

  *s = bits_to_float (float_to_bits (xmm1) ^ sign_bit_sin);
  *c = bits_to_float (float_to_bits (xmm2) ^ sign_bit_cos);
}

/* normal_fill_16_AVX2: the final _mm256_fmadd_ps(n, std, mean). */
static void
normal_fill_16_avx2 (float *data,
                     float  mean,
                     float  std)
{
  const float two_pi = (float) (2.0f * G_PI);

  for (int j = 0; j < 8; j++)
    {
      float u1 = 1.0f - data[j];
      float u2 = data[j + 8];
      float radius = sqrtf (-2.0f * avx_logf (u1));
      float theta = two_pi * u2;
      float s, c;

      avx_sincosf (theta, &s, &c);
      data[j] = fmaf (radius * c, std, mean);
      data[j + 8] = fmaf (radius * s, std, mean);
    }
}

/* ---- PyTorch: public API ------------------------------------------------- */

CsTorchGenerator *
cs_torch_generator_new (guint64 seed)
{
  CsTorchGenerator *gen = g_new0 (CsTorchGenerator, 1);

  cs_torch_generator_seed (gen, seed);
  return gen;
}

CsTorchGenerator *
cs_torch_generator_copy (const CsTorchGenerator *gen)
{
  g_return_val_if_fail (gen != NULL, NULL);

  return g_memdup2 (gen, sizeof *gen);
}

void
cs_torch_generator_free (CsTorchGenerator *gen)
{
  g_free (gen);
}

void
cs_torch_generator_seed (CsTorchGenerator *gen,
                         guint64           seed)
{
  g_return_if_fail (gen != NULL);

  /* mt19937(seed) keeps the low 32 bits; set_current_seed also drops the
   * cached normal samples. */
  mt_seed (&gen->mt, (guint32) (seed & 0xffffffffu));
  gen->seed = seed;
  gen->has_next_double_normal = FALSE;
  gen->next_double_normal = 0.0;
}

guint64
cs_torch_generator_initial_seed (const CsTorchGenerator *gen)
{
  g_return_val_if_fail (gen != NULL, 0);

  return gen->seed;
}

gboolean
cs_torch_generator_equal (const CsTorchGenerator *a,
                          const CsTorchGenerator *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return mt_equal (&a->mt, &b->mt) && a->seed == b->seed &&
         a->has_next_double_normal == b->has_next_double_normal &&
         (!a->has_next_double_normal ||
          memcmp (&a->next_double_normal, &b->next_double_normal, sizeof (double)) == 0);
}

guint32
cs_torch_generator_random (CsTorchGenerator *gen)
{
  g_return_val_if_fail (gen != NULL, 0);

  return mt_next (&gen->mt);
}

guint64
cs_torch_generator_random64 (CsTorchGenerator *gen)
{
  guint32 hi, lo;

  g_return_val_if_fail (gen != NULL, 0);

  hi = mt_next (&gen->mt);
  lo = mt_next (&gen->mt);
  return ((guint64) hi << 32) | lo;
}

gboolean
cs_torch_generator_rand (CsTorchGenerator *gen,
                         CsDType           dtype,
                         gpointer          data,
                         gsize             n)
{
  g_return_val_if_fail (gen != NULL, FALSE);
  g_return_val_if_fail (data != NULL || n == 0, FALSE);

  switch (dtype)
    {
    case CS_DTYPE_FLOAT32:
      for (gsize i = 0; i < n; i++)
        ((float *) data)[i] = torch_uniform_float (gen);
      return TRUE;
    case CS_DTYPE_FLOAT64:
      for (gsize i = 0; i < n; i++)
        ((double *) data)[i] = torch_uniform_double (gen);
      return TRUE;
    case CS_DTYPE_FLOAT16:
      /* Half has 11 significant bits: (random() & 0x7ff) * 2^-11. */
      for (gsize i = 0; i < n; i++)
        cs_dtype_set_double (CS_DTYPE_FLOAT16, data, i,
                             (double) (cs_torch_generator_random (gen) & 0x7ffu) / 2048.0);
      return TRUE;
    case CS_DTYPE_BOOL:
    case CS_DTYPE_UINT8:
    case CS_DTYPE_INT8:
    case CS_DTYPE_INT16:
    case CS_DTYPE_INT32:
    case CS_DTYPE_INT64:
    case CS_N_DTYPES:
    default:
      return FALSE;
    }
}

gboolean
cs_torch_generator_normal (CsTorchGenerator *gen,
                           CsDType           dtype,
                           gpointer          data,
                           gsize             n,
                           double            mean,
                           double            std)
{
  g_return_val_if_fail (gen != NULL, FALSE);
  g_return_val_if_fail (data != NULL || n == 0, FALSE);

  if (dtype != CS_DTYPE_FLOAT32 && dtype != CS_DTYPE_FLOAT64)
    return FALSE;

  if (n < 16)
    {
      /* The serial kernel: static_cast<scalar_t>(normal(generator)) with
       * transformation::normal, val * std + mean (fused by the compiler). */
      for (gsize i = 0; i < n; i++)
        {
          double v = fma (torch_normal_double (gen), std, mean);

          if (dtype == CS_DTYPE_FLOAT32)
            ((float *) data)[i] = (float) v;
          else
            ((double *) data)[i] = v;
        }
      return TRUE;
    }

  /* normal_fill: uniforms for every element, then blocks of 16; when n is
   * not a multiple of 16 the last 16 elements are drawn again and
   * transformed once more. */
  if (dtype == CS_DTYPE_FLOAT32)
    {
      float *f = data;
      float m = (float) mean, s = (float) std;

      for (gsize i = 0; i < n; i++)
        f[i] = torch_uniform_float (gen);
      for (gsize i = 0; i + 16 <= n; i += 16)
        normal_fill_16_avx2 (f + i, m, s);
      if (n % 16 != 0)
        {
          f += n - 16;
          for (int i = 0; i < 16; i++)
            f[i] = torch_uniform_float (gen);
          normal_fill_16_avx2 (f, m, s);
        }
    }
  else
    {
      double *d = data;

      for (gsize i = 0; i < n; i++)
        d[i] = torch_uniform_double (gen);
      for (gsize i = 0; i + 16 <= n; i += 16)
        normal_fill_16_double (d + i, mean, std);
      if (n % 16 != 0)
        {
          d += n - 16;
          for (int i = 0; i < 16; i++)
            d[i] = torch_uniform_double (gen);
          normal_fill_16_double (d, mean, std);
        }
    }

  return TRUE;
}

gboolean
cs_torch_generator_randn (CsTorchGenerator *gen,
                          CsDType           dtype,
                          gpointer          data,
                          gsize             n)
{
  return cs_torch_generator_normal (gen, dtype, data, n, 0.0, 1.0);
}

gboolean
cs_torch_generator_uniform (CsTorchGenerator *gen,
                            CsDType           dtype,
                            gpointer          data,
                            gsize             n,
                            double            from,
                            double            to)
{
  g_return_val_if_fail (gen != NULL, FALSE);
  g_return_val_if_fail (data != NULL || n == 0, FALSE);

  /* uniform_real: x * (to - from) + from in the accumulation type (float
   * for float, double for double), fused by the compiler. */
  switch (dtype)
    {
    case CS_DTYPE_FLOAT32:
      {
        float f = (float) from, t = (float) to;

        for (gsize i = 0; i < n; i++)
          ((float *) data)[i] = fmaf (torch_uniform_float (gen), t - f, f);
      }
      return TRUE;
    case CS_DTYPE_FLOAT64:
      for (gsize i = 0; i < n; i++)
        ((double *) data)[i] = fma (torch_uniform_double (gen), to - from, from);
      return TRUE;
    case CS_DTYPE_FLOAT16:
    case CS_DTYPE_BOOL:
    case CS_DTYPE_UINT8:
    case CS_DTYPE_INT8:
    case CS_DTYPE_INT16:
    case CS_DTYPE_INT32:
    case CS_DTYPE_INT64:
    case CS_N_DTYPES:
    default:
      return FALSE;
    }
}

gboolean
cs_torch_generator_randint (CsTorchGenerator *gen,
                            gint64            low,
                            gint64            high,
                            CsDType           dtype,
                            gpointer          data,
                            gsize             n)
{
  guint64 range;
  gboolean wide;

  g_return_val_if_fail (gen != NULL, FALSE);
  g_return_val_if_fail (data != NULL || n == 0, FALSE);

  if (high <= low || dtype == CS_DTYPE_BOOL || dtype >= CS_N_DTYPES)
    return FALSE;

  /* uniform_int_from_to_distribution: a 64-bit draw only for int64, double
   * and float results whose range needs more than 32 bits. */
  range = (guint64) high - (guint64) low;
  wide = range >= (G_GUINT64_CONSTANT (1) << 32) &&
         (dtype == CS_DTYPE_INT64 || dtype == CS_DTYPE_FLOAT64 || dtype == CS_DTYPE_FLOAT32);

  for (gsize i = 0; i < n; i++)
    {
      guint64 v = wide ? cs_torch_generator_random64 (gen) : cs_torch_generator_random (gen);
      gint64 r = (gint64) ((v % range) + (guint64) low);

      if (cs_dtype_is_floating (dtype))
        cs_dtype_set_double (dtype, data, i, (double) r);
      else
        cs_dtype_set_int (dtype, data, i, r);
    }

  return TRUE;
}

void
cs_torch_generator_randperm (CsTorchGenerator *gen,
                             gint64           *out,
                             gsize             n)
{
  g_return_if_fail (gen != NULL);
  g_return_if_fail (out != NULL || n == 0);

  for (gsize i = 0; i < n; i++)
    out[i] = (gint64) i;

  /* randperm_cpu: a Fisher-Yates pass from the front with random() % (n-i). */
  for (gsize i = 0; i + 1 < n; i++)
    {
      guint64 z = cs_torch_generator_random (gen) % (guint64) (n - i);
      gint64 sav = out[i];

      out[i] = out[z + i];
      out[z + i] = sav;
    }
}

/* ---- NumPy legacy RandomState ---------------------------------------------- */

CsNumpyGenerator *
cs_numpy_generator_new (guint32 seed)
{
  CsNumpyGenerator *gen = g_new0 (CsNumpyGenerator, 1);

  cs_numpy_generator_seed (gen, seed);
  return gen;
}

CsNumpyGenerator *
cs_numpy_generator_copy (const CsNumpyGenerator *gen)
{
  g_return_val_if_fail (gen != NULL, NULL);

  return g_memdup2 (gen, sizeof *gen);
}

void
cs_numpy_generator_free (CsNumpyGenerator *gen)
{
  g_free (gen);
}

void
cs_numpy_generator_seed (CsNumpyGenerator *gen,
                         guint32           seed)
{
  g_return_if_fail (gen != NULL);

  /* _legacy_seeding with an int: mt19937_seed (init_genrand), and the
   * cached Gaussian is dropped. */
  mt_seed (&gen->mt, seed);
  gen->has_gauss = FALSE;
  gen->gauss = 0.0;
}

gboolean
cs_numpy_generator_equal (const CsNumpyGenerator *a,
                          const CsNumpyGenerator *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return mt_equal (&a->mt, &b->mt) && a->has_gauss == b->has_gauss &&
         (!a->has_gauss || memcmp (&a->gauss, &b->gauss, sizeof (double)) == 0);
}

guint32
cs_numpy_generator_random_uint32 (CsNumpyGenerator *gen)
{
  g_return_val_if_fail (gen != NULL, 0);

  return mt_next (&gen->mt);
}

static double
numpy_double (CsNumpyGenerator *gen)
{
  gint32 a = (gint32) (mt_next (&gen->mt) >> 5);
  gint32 b = (gint32) (mt_next (&gen->mt) >> 6);

  return (a * 67108864.0 + b) / 9007199254740992.0;
}

void
cs_numpy_generator_rand (CsNumpyGenerator *gen,
                         double           *out,
                         gsize             n)
{
  g_return_if_fail (gen != NULL);
  g_return_if_fail (out != NULL || n == 0);

  for (gsize i = 0; i < n; i++)
    out[i] = numpy_double (gen);
}

static double
numpy_gauss (CsNumpyGenerator *gen)
{
  double f, x1, x2, r2;

  if (gen->has_gauss)
    {
      double tmp = gen->gauss;

      gen->has_gauss = FALSE;
      gen->gauss = 0.0;
      return tmp;
    }

  do
    {
      x1 = 2.0 * numpy_double (gen) - 1.0;
      x2 = 2.0 * numpy_double (gen) - 1.0;
      r2 = x1 * x1 + x2 * x2;
    }
  while (r2 >= 1.0 || r2 == 0.0);

  /* The polar method; the first value is kept for the next call. */
  f = sqrt (-2.0 * log (r2) / r2);
  gen->gauss = f * x1;
  gen->has_gauss = TRUE;

  return f * x2;
}

void
cs_numpy_generator_randn (CsNumpyGenerator *gen,
                          double           *out,
                          gsize             n)
{
  g_return_if_fail (gen != NULL);
  g_return_if_fail (out != NULL || n == 0);

  for (gsize i = 0; i < n; i++)
    out[i] = numpy_gauss (gen);
}

gboolean
cs_numpy_generator_randint (CsNumpyGenerator *gen,
                            gint64            low,
                            gint64            high,
                            gint64           *out,
                            gsize             n)
{
  guint64 rng, mask;

  g_return_val_if_fail (gen != NULL, FALSE);
  g_return_val_if_fail (out != NULL || n == 0, FALSE);

  if (high <= low)
    return FALSE;

  /* random_bounded_uint64_fill with the legacy masked rejection sampler:
   * rng = high - low - 1; draw (32-bit when rng fits) & mask until the
   * value is <= rng. */
  rng = (guint64) high - (guint64) low - 1;
  mask = rng;
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  mask |= mask >> 32;

  for (gsize i = 0; i < n; i++)
    {
      guint64 val;

      if (rng == 0)
        val = 0;
      else if (rng <= 0xffffffffu)
        {
          if (rng == 0xffffffffu)
            val = mt_next (&gen->mt);
          else
            while ((val = (mt_next (&gen->mt) & mask)) > rng)
              ;
        }
      else if (rng == G_MAXUINT64)
        {
          val = ((guint64) mt_next (&gen->mt) << 32);
          val |= mt_next (&gen->mt);
        }
      else
        {
          do
            {
              val = ((guint64) mt_next (&gen->mt) << 32);
              val |= mt_next (&gen->mt);
              val &= mask;
            }
          while (val > rng);
        }
      out[i] = (gint64) ((guint64) low + val);
    }

  return TRUE;
}

void
cs_numpy_generator_uniform (CsNumpyGenerator *gen,
                            double            low,
                            double            high,
                            double           *out,
                            gsize             n)
{
  double range = high - low;

  g_return_if_fail (gen != NULL);
  g_return_if_fail (out != NULL || n == 0);

  for (gsize i = 0; i < n; i++)
    out[i] = low + range * numpy_double (gen);
}

void
cs_numpy_generator_normal (CsNumpyGenerator *gen,
                           double            loc,
                           double            scale,
                           double           *out,
                           gsize             n)
{
  g_return_if_fail (gen != NULL);
  g_return_if_fail (out != NULL || n == 0);

  for (gsize i = 0; i < n; i++)
    out[i] = loc + scale * numpy_gauss (gen);
}

/* random_interval: uniform in [0, max] by masked rejection. */
static guint64
numpy_interval (CsNumpyGenerator *gen,
                guint64           max)
{
  guint64 mask = max, value;

  if (max == 0)
    return 0;

  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  mask |= mask >> 32;

  if (max <= 0xffffffffu)
    {
      while ((value = (mt_next (&gen->mt) & mask)) > max)
        ;
    }
  else
    {
      do
        {
          value = ((guint64) mt_next (&gen->mt) << 32);
          value |= mt_next (&gen->mt);
          value &= mask;
        }
      while (value > max);
    }

  return value;
}

void
cs_numpy_generator_shuffle (CsNumpyGenerator *gen,
                            gint64           *items,
                            gsize             n)
{
  g_return_if_fail (gen != NULL);
  g_return_if_fail (items != NULL || n == 0);

  /* for i in reversed(range(1, n)): j = random_interval(i); swap. */
  for (gsize i = n; i-- > 1;)
    {
      gsize j = (gsize) numpy_interval (gen, i);
      gint64 tmp = items[j];

      items[j] = items[i];
      items[i] = tmp;
    }
}
