/* test-dtype.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values were checked with NumPy 1.24 and PyTorch 1.13 on x86-64
 * (e.g. torch.tensor([300.]).to(torch.uint8) == 44,
 * np.float16(0.1).view(np.uint16) == 0x2e66).
 */

#include "config.h"

#include <math.h>

#include "cs-dtype.h"

static void
test_names (void)
{
  static const char *names[] = {
    "bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64",
  };
  static const gsize sizes[] = { 1, 1, 1, 2, 4, 8, 2, 4, 8 };
  CsDType d;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == CS_N_DTYPES);

  for (int i = 0; i < CS_N_DTYPES; i++)
    {
      g_assert_cmpstr (cs_dtype_name ((CsDType) i), ==, names[i]);
      g_assert_true (cs_dtype_from_name (names[i], &d));
      g_assert_cmpint (d, ==, i);
      g_assert_cmpuint (cs_dtype_itemsize ((CsDType) i), ==, sizes[i]);
    }
  g_assert_false (cs_dtype_from_name ("float", &d));
  g_assert_false (cs_dtype_from_name ("", &d));
  g_assert_false (cs_dtype_from_name ("int64 ", &d));

  g_assert_true (cs_dtype_is_floating (CS_DTYPE_FLOAT16));
  g_assert_true (cs_dtype_is_floating (CS_DTYPE_FLOAT64));
  g_assert_false (cs_dtype_is_floating (CS_DTYPE_INT64));
  g_assert_false (cs_dtype_is_integral (CS_DTYPE_BOOL));
  g_assert_true (cs_dtype_is_integral (CS_DTYPE_UINT8));
  g_assert_false (cs_dtype_is_integral (CS_DTYPE_FLOAT32));
}

/* x = torch.tensor([nan, inf, -inf, 300., -1., 1e10, -3.7, 2**31+5.]);
 * x.double().to(d).tolist() for each integer dtype (NumPy's astype agrees;
 * the float64 value 2**31+5 stays exact in int64). */
static void
test_float_to_int (void)
{
  static const double in[] = { NAN, INFINITY, -INFINITY, 300.0, -1.0, 1e10, -3.7, 2147483653.0 };
  static const gint64 i64[] = { G_MININT64, G_MININT64, G_MININT64, 300, -1, 10000000000, -3, 2147483653 };
  static const gint64 i32[] = { G_MININT32, G_MININT32, G_MININT32, 300, -1, G_MININT32, -3, G_MININT32 };
  static const gint64 i16[] = { 0, 0, 0, 300, -1, 0, -3, 0 };
  static const gint64 i8[] = { 0, 0, 0, 44, -1, 0, -3, 0 };
  static const gint64 u8[] = { 0, 0, 0, 44, 255, 0, 253, 0 };
  guint8 buf[8];

  for (gsize i = 0; i < G_N_ELEMENTS (in); i++)
    {
      cs_dtype_set_double (CS_DTYPE_INT64, buf, 0, in[i]);
      g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_INT64, buf, 0), ==, i64[i]);
      cs_dtype_set_double (CS_DTYPE_INT32, buf, 0, in[i]);
      g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_INT32, buf, 0), ==, i32[i]);
      cs_dtype_set_double (CS_DTYPE_INT16, buf, 0, in[i]);
      g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_INT16, buf, 0), ==, i16[i]);
      cs_dtype_set_double (CS_DTYPE_INT8, buf, 0, in[i]);
      g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_INT8, buf, 0), ==, i8[i]);
      cs_dtype_set_double (CS_DTYPE_UINT8, buf, 0, in[i]);
      g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_UINT8, buf, 0), ==, u8[i]);
      cs_dtype_set_double (CS_DTYPE_BOOL, buf, 0, in[i]);
      g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_BOOL, buf, 0), ==, 1);
    }

  /* Reading a float element as int truncates toward zero. */
  cs_dtype_set_double (CS_DTYPE_FLOAT32, buf, 0, -2.9);
  g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_FLOAT32, buf, 0), ==, -2);
  cs_dtype_set_double (CS_DTYPE_BOOL, buf, 0, 0.0);
  g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_BOOL, buf, 0), ==, 0);
}

static void
test_int_wrap (void)
{
  guint8 buf[8];

  cs_dtype_set_int (CS_DTYPE_UINT8, buf, 0, -1);
  g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_UINT8, buf, 0), ==, 255);
  cs_dtype_set_int (CS_DTYPE_INT8, buf, 0, 200);
  g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_INT8, buf, 0), ==, -56);
  cs_dtype_set_int (CS_DTYPE_INT32, buf, 0, G_GINT64_CONSTANT (4294967297));
  g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_INT32, buf, 0), ==, 1);
  cs_dtype_set_int (CS_DTYPE_INT16, buf, 0, 40000);
  g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_INT16, buf, 0), ==, -25536);
  cs_dtype_set_int (CS_DTYPE_BOOL, buf, 0, -7);
  g_assert_cmpint (cs_dtype_get_int (CS_DTYPE_BOOL, buf, 0), ==, 1);
  cs_dtype_set_int (CS_DTYPE_FLOAT32, buf, 0, 16777217);
  g_assert_cmpfloat (cs_dtype_get_double (CS_DTYPE_FLOAT32, buf, 0), ==, 16777216.0);
  cs_dtype_set_int (CS_DTYPE_FLOAT64, buf, 0, -5);
  g_assert_cmpfloat (cs_dtype_get_double (CS_DTYPE_FLOAT64, buf, 0), ==, -5.0);
}

static void
test_float32_rounds (void)
{
  float f[3];

  cs_dtype_set_double (CS_DTYPE_FLOAT32, f, 1, 0.1);
  g_assert_cmpfloat (cs_dtype_get_double (CS_DTYPE_FLOAT32, f, 1), ==, (double) 0.1f);
  g_assert_cmpfloat (cs_dtype_get_double (CS_DTYPE_FLOAT32, f, 1), !=, 0.1);
  cs_dtype_set_double (CS_DTYPE_FLOAT32, f, 2, 1e39);
  g_assert_true (isinf (cs_dtype_get_double (CS_DTYPE_FLOAT32, f, 2)));
}

/* np.float16(v).view(np.uint16) and float(np.float16(v)). */
static void
test_float16 (void)
{
  static const struct
  {
    double  in;
    guint16 bits;
    double  back;
  } cases[] = {
    { 0.1, 0x2e66, 0.0999755859375 },
    { 65504.0, 0x7bff, 65504.0 },
    { 65519.99, 0x7bff, 65504.0 },
    { 65520.0, 0x7c00, INFINITY },
    { 1e-8, 0x0000, 0.0 },
    { 2.98e-8, 0x0000, 0.0 },
    { 2.99e-8, 0x0001, 5.960464477539063e-08 },
    { 6.1e-5, 0x03ff, 6.097555160522461e-05 },
    { 3e-5, 0x01f7, 2.9981136322021484e-05 },
    { -2.5, 0xc100, -2.5 },
    { 1.0 / 3.0, 0x3555, 0.333251953125 },
    { 2049.0, 0x6800, 2048.0 },
    { 2051.0, 0x6802, 2052.0 },
  };
  guint16 h[2];

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      cs_dtype_set_double (CS_DTYPE_FLOAT16, h, 1, cases[i].in);
      g_assert_cmphex (h[1], ==, cases[i].bits);
      g_assert_cmpfloat (cs_dtype_get_double (CS_DTYPE_FLOAT16, h, 1), ==, cases[i].back);
    }

  cs_dtype_set_double (CS_DTYPE_FLOAT16, h, 0, NAN);
  g_assert_true (isnan (cs_dtype_get_double (CS_DTYPE_FLOAT16, h, 0)));
  cs_dtype_set_double (CS_DTYPE_FLOAT16, h, 0, -0.0);
  g_assert_cmphex (h[0], ==, 0x8000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/dtype/names", test_names);
  g_test_add_func ("/core/dtype/float-to-int", test_float_to_int);
  g_test_add_func ("/core/dtype/int-wrap", test_int_wrap);
  g_test_add_func ("/core/dtype/float32-rounds", test_float32_rounds);
  g_test_add_func ("/core/dtype/float16", test_float16);

  return g_test_run ();
}
