/* test-format.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compares our printing with the files in tests/core/goldens/, recorded from real
 * CPython, NumPy 1.24 and PyTorch 1.13 by tests/core/record-numeric-goldens.py.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-format.h"

static char *
read_golden (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "goldens", name, NULL);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static double
double_from_hex (const char *hex)
{
  guint64 bits = g_ascii_strtoull (hex, NULL, 16);
  double d;

  memcpy (&d, &bits, sizeof d);
  return d;
}

static void
test_py_float_goldens (void)
{
  g_autofree char *text = read_golden ("pyfloat.txt");
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *space = strchr (lines[i], ' ');
      g_autofree char *got = NULL;

      if (space == NULL)
        continue;
      got = cs_format_py_float (double_from_hex (lines[i]));
      g_assert_cmpstr (got, ==, space + 1);
      n++;
    }
  g_assert_cmpuint (n, >, 1000);
}

static void
test_py_float_known (void)
{
  static const struct
  {
    double      v;
    const char *repr;
  } cases[] = {
    { 1.0, "1.0" }, { 0.1, "0.1" }, { 1e-5, "1e-05" }, { 1e16, "1e+16" },
    { -0.0, "-0.0" }, { INFINITY, "inf" }, { -INFINITY, "-inf" }, { NAN, "nan" },
    { 0.0001, "0.0001" }, { 1e15, "1000000000000000.0" }, { 0.1 + 0.2, "0.30000000000000004" },
    { 5e-324, "5e-324" }, { 1.5e300, "1.5e+300" }, { -2.5, "-2.5" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = cs_format_py_float (cases[i].v);

      g_assert_cmpstr (got, ==, cases[i].repr);
    }
}

static void
test_shortest_digits (void)
{
  char digits[18];
  int e, n;

  n = cs_format_shortest_digits (0.1, TRUE, digits, &e);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpstr (digits, ==, "1");
  g_assert_cmpint (e, ==, -1);

  /* (float) 0.1 as a double needs all its digits. */
  n = cs_format_shortest_digits ((float) 0.1, FALSE, digits, &e);
  g_assert_cmpstr (digits, ==, "10000000149011612");
  g_assert_cmpint (n, ==, 17);

  n = cs_format_shortest_digits (-123.5, FALSE, digits, &e);
  g_assert_cmpstr (digits, ==, "1235");
  g_assert_cmpint (e, ==, 2);

  /* 2^-1074 * 3 lies next to a power of two boundary in decimal terms. */
  n = cs_format_shortest_digits (1.5e-323, FALSE, digits, &e);
  g_assert_cmpstr (digits, ==, "15");
  g_assert_cmpint (e, ==, -323);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/format/py-float/goldens", test_py_float_goldens);
  g_test_add_func ("/core/format/py-float/known", test_py_float_known);
  g_test_add_func ("/core/format/shortest-digits", test_shortest_digits);

  return g_test_run ();
}
