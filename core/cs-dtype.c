/* cs-dtype.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-dtype.h"

static const struct
{
  const char *name;
  gsize       itemsize;
} dtype_info[CS_N_DTYPES] = {
  [CS_DTYPE_BOOL]    = { "bool",    1 },
  [CS_DTYPE_UINT8]   = { "uint8",   1 },
  [CS_DTYPE_INT8]    = { "int8",    1 },
  [CS_DTYPE_INT16]   = { "int16",   2 },
  [CS_DTYPE_INT32]   = { "int32",   4 },
  [CS_DTYPE_INT64]   = { "int64",   8 },
  [CS_DTYPE_FLOAT16] = { "float16", 2 },
  [CS_DTYPE_FLOAT32] = { "float32", 4 },
  [CS_DTYPE_FLOAT64] = { "float64", 8 },
};

/* IEEE 754 binary16 <-> double.  Conversion to half rounds to nearest,
 * ties to even, directly from the double (no double rounding through
 * float), overflows to infinity and keeps NaN a NaN. */
static double
half_to_double (guint16 h)
{
  int sign = (h >> 15) & 1;
  int exp = (h >> 10) & 0x1f;
  int mant = h & 0x3ff;
  double v;

  if (exp == 0)
    v = ldexp ((double) mant, -24);
  else if (exp == 31)
    v = mant ? NAN : INFINITY;
  else
    v = ldexp ((double) (mant | 0x400), exp - 25);

  return sign ? -v : v;
}

static guint16
double_to_half (double v)
{
  guint16 sign = signbit (v) ? 0x8000 : 0;
  double a = fabs (v);
  int e;
  double m;
  guint64 q;

  if (isnan (v))
    return sign | 0x7e00;
  if (isinf (v))
    return sign | 0x7c00;
  if (a == 0.0)
    return sign;

  frexp (a, &e);            /* a = f * 2^e, f in [0.5, 1) */
  if (e - 1 < -14)
    {
      /* Subnormal: units of 2^-24. */
      m = ldexp (a, 24);
      q = (guint64) nearbyint (m);   /* default rounding mode: ties to even */
      return sign | (guint16) q;     /* q == 0x400 becomes the smallest normal */
    }

  /* Normal: 11 significant bits, value = q * 2^(e - 11). */
  m = ldexp (a, 11 - e);
  q = (guint64) nearbyint (m);
  if (q == 0x800)
    {
      q = 0x400;
      e++;
    }
  if (e - 1 > 15)
    return sign | 0x7c00;

  return sign | (guint16) (((e - 1 + 15) << 10) | (q & 0x3ff));
}

/* Float to integer as PyTorch and NumPy do on x86-64: the conversion
 * instruction (cvttsd2si) truncates toward zero and yields the "integer
 * indefinite" value (the most negative integer) for NaN and out-of-range
 * values.  Types narrower than 32 bits go through int32 and keep the low
 * bits, so 300.0 becomes 44 in uint8. */
static gint64
double_to_int64_x86 (double v)
{
  if (isnan (v) || v >= 9223372036854775808.0 || v < -9223372036854775808.0)
    return G_MININT64;
  return (gint64) v;
}

static gint32
double_to_int32_x86 (double v)
{
  if (isnan (v) || v >= 2147483648.0 || v <= -2147483649.0)
    return G_MININT32;
  return (gint32) v;
}

const char *
cs_dtype_name (CsDType dtype)
{
  g_return_val_if_fail ((guint) dtype < CS_N_DTYPES, "unknown");

  return dtype_info[dtype].name;
}

gboolean
cs_dtype_from_name (const char *name,
                    CsDType    *out_dtype)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (int i = 0; i < CS_N_DTYPES; i++)
    {
      if (strcmp (name, dtype_info[i].name) == 0)
        {
          if (out_dtype)
            *out_dtype = (CsDType) i;
          return TRUE;
        }
    }

  return FALSE;
}

gsize
cs_dtype_itemsize (CsDType dtype)
{
  g_return_val_if_fail ((guint) dtype < CS_N_DTYPES, 1);

  return dtype_info[dtype].itemsize;
}

gboolean
cs_dtype_is_floating (CsDType dtype)
{
  return dtype == CS_DTYPE_FLOAT16 || dtype == CS_DTYPE_FLOAT32 || dtype == CS_DTYPE_FLOAT64;
}

gboolean
cs_dtype_is_integral (CsDType dtype)
{
  return dtype == CS_DTYPE_UINT8 || dtype == CS_DTYPE_INT8 || dtype == CS_DTYPE_INT16 ||
         dtype == CS_DTYPE_INT32 || dtype == CS_DTYPE_INT64;
}

double
cs_dtype_get_double (CsDType       dtype,
                     gconstpointer data,
                     gsize         index)
{
  g_return_val_if_fail (data != NULL, 0.0);

  switch (dtype)
    {
    case CS_DTYPE_BOOL:
      return ((const guint8 *) data)[index] ? 1.0 : 0.0;
    case CS_DTYPE_UINT8:
      return ((const guint8 *) data)[index];
    case CS_DTYPE_INT8:
      return ((const gint8 *) data)[index];
    case CS_DTYPE_INT16:
      return ((const gint16 *) data)[index];
    case CS_DTYPE_INT32:
      return ((const gint32 *) data)[index];
    case CS_DTYPE_INT64:
      return (double) ((const gint64 *) data)[index];
    case CS_DTYPE_FLOAT16:
      return half_to_double (((const guint16 *) data)[index]);
    case CS_DTYPE_FLOAT32:
      return ((const float *) data)[index];
    case CS_DTYPE_FLOAT64:
      return ((const double *) data)[index];
    case CS_N_DTYPES:
    default:
      break;
    }

  g_return_val_if_reached (0.0);
}

gint64
cs_dtype_get_int (CsDType       dtype,
                  gconstpointer data,
                  gsize         index)
{
  g_return_val_if_fail (data != NULL, 0);

  switch (dtype)
    {
    case CS_DTYPE_BOOL:
      return ((const guint8 *) data)[index] ? 1 : 0;
    case CS_DTYPE_UINT8:
      return ((const guint8 *) data)[index];
    case CS_DTYPE_INT8:
      return ((const gint8 *) data)[index];
    case CS_DTYPE_INT16:
      return ((const gint16 *) data)[index];
    case CS_DTYPE_INT32:
      return ((const gint32 *) data)[index];
    case CS_DTYPE_INT64:
      return ((const gint64 *) data)[index];
    case CS_DTYPE_FLOAT16:
    case CS_DTYPE_FLOAT32:
    case CS_DTYPE_FLOAT64:
      return double_to_int64_x86 (cs_dtype_get_double (dtype, data, index));
    case CS_N_DTYPES:
    default:
      break;
    }

  g_return_val_if_reached (0);
}

void
cs_dtype_set_double (CsDType  dtype,
                     gpointer data,
                     gsize    index,
                     double   value)
{
  g_return_if_fail (data != NULL);

  switch (dtype)
    {
    case CS_DTYPE_BOOL:
      /* NaN != 0, so NaN is True, as in Python, NumPy and PyTorch. */
      ((guint8 *) data)[index] = value != 0.0;
      return;
    case CS_DTYPE_UINT8:
      ((guint8 *) data)[index] = (guint8) (guint32) double_to_int32_x86 (value);
      return;
    case CS_DTYPE_INT8:
      ((gint8 *) data)[index] = (gint8) (guint32) double_to_int32_x86 (value);
      return;
    case CS_DTYPE_INT16:
      ((gint16 *) data)[index] = (gint16) (guint32) double_to_int32_x86 (value);
      return;
    case CS_DTYPE_INT32:
      ((gint32 *) data)[index] = double_to_int32_x86 (value);
      return;
    case CS_DTYPE_INT64:
      ((gint64 *) data)[index] = double_to_int64_x86 (value);
      return;
    case CS_DTYPE_FLOAT16:
      ((guint16 *) data)[index] = double_to_half (value);
      return;
    case CS_DTYPE_FLOAT32:
      ((float *) data)[index] = (float) value;
      return;
    case CS_DTYPE_FLOAT64:
      ((double *) data)[index] = value;
      return;
    case CS_N_DTYPES:
    default:
      break;
    }

  g_return_if_reached ();
}

void
cs_dtype_set_int (CsDType  dtype,
                  gpointer data,
                  gsize    index,
                  gint64   value)
{
  g_return_if_fail (data != NULL);

  /* Integer to narrower integer keeps the low bits (two's complement
   * wrap-around), as C on every platform we build for, NumPy and PyTorch. */
  switch (dtype)
    {
    case CS_DTYPE_BOOL:
      ((guint8 *) data)[index] = value != 0;
      return;
    case CS_DTYPE_UINT8:
      ((guint8 *) data)[index] = (guint8) (guint64) value;
      return;
    case CS_DTYPE_INT8:
      ((gint8 *) data)[index] = (gint8) (guint64) value;
      return;
    case CS_DTYPE_INT16:
      ((gint16 *) data)[index] = (gint16) (guint64) value;
      return;
    case CS_DTYPE_INT32:
      ((gint32 *) data)[index] = (gint32) (guint64) value;
      return;
    case CS_DTYPE_INT64:
      ((gint64 *) data)[index] = value;
      return;
    case CS_DTYPE_FLOAT16:
      /* An int64 converts to double exactly unless above 2^53, where the
       * double rounding can differ from a direct conversion only in the
       * last bit of values that overflow half anyway. */
      ((guint16 *) data)[index] = double_to_half ((double) value);
      return;
    case CS_DTYPE_FLOAT32:
      ((float *) data)[index] = (float) value;
      return;
    case CS_DTYPE_FLOAT64:
      ((double *) data)[index] = (double) value;
      return;
    case CS_N_DTYPES:
    default:
      break;
    }

  g_return_if_reached ();
}
