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

#include <json-glib/json-glib.h>

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

/* Fills a buffer of @dtype from the golden's "storage" list (ints, or hex
 * bits of floats). */
static gpointer
storage_from_json (CsDType    dtype,
                   JsonArray *storage,
                   guint     *n_out)
{
  guint n = json_array_get_length (storage);
  guint8 *buf = g_malloc0 ((gsize) (n + 1) * 8);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (storage, i);

      if (dtype == CS_DTYPE_FLOAT32)
        {
          guint32 bits = (guint32) g_ascii_strtoull (json_node_get_string (node), NULL, 16);

          memcpy (buf + 4 * i, &bits, 4);
        }
      else if (dtype == CS_DTYPE_FLOAT64)
        {
          guint64 bits = g_ascii_strtoull (json_node_get_string (node), NULL, 16);

          memcpy (buf + 8 * i, &bits, 8);
        }
      else if (dtype == CS_DTYPE_FLOAT16)
        {
          guint16 bits = (guint16) g_ascii_strtoull (json_node_get_string (node), NULL, 16);

          memcpy (buf + 2 * i, &bits, 2);
        }
      else
        cs_dtype_set_int (dtype, buf, i, json_node_get_int (node));
    }

  *n_out = n;
  return buf;
}

static guint
int_list (JsonArray *a,
          gint64    *out)
{
  guint n = json_array_get_length (a);

  g_assert_cmpuint (n, <=, 16);
  for (guint i = 0; i < n; i++)
    out[i] = json_array_get_int_element (a, i);
  return n;
}

static char *
run_case (JsonObject *c)
{
  const char *lib = json_object_get_string_member (c, "lib");
  const char *what = json_object_get_string_member (c, "what");
  JsonObject *opts = json_object_get_object_member (c, "options");
  g_autofree gpointer buf = NULL;
  gint64 shape[16], strides[16];
  guint ndim, n_storage;
  gint64 offset = json_object_get_int_member (c, "offset");
  CsDType dtype;

  g_assert_true (cs_dtype_from_name (json_object_get_string_member (c, "dtype"), &dtype));
  buf = storage_from_json (dtype, json_object_get_array_member (c, "storage"), &n_storage);
  ndim = int_list (json_object_get_array_member (c, "shape"), shape);
  g_assert_cmpuint (int_list (json_object_get_array_member (c, "strides"), strides), ==, ndim);

  if (strcmp (lib, "torch") == 0)
    {
      CsTorchPrintOptions o;
      CsTensorDecorations d = { FALSE, NULL };

      cs_torch_print_options_init (&o);
      if (json_object_has_member (opts, "precision"))
        o.precision = json_object_get_int_member (opts, "precision");
      if (json_object_has_member (opts, "threshold"))
        o.threshold = json_object_get_int_member (opts, "threshold");
      if (json_object_has_member (opts, "edgeitems"))
        o.edgeitems = json_object_get_int_member (opts, "edgeitems");
      if (json_object_has_member (opts, "linewidth"))
        o.linewidth = json_object_get_int_member (opts, "linewidth");
      if (json_object_has_member (opts, "sci_mode"))
        o.sci_mode = json_object_get_boolean_member (opts, "sci_mode");
      if (json_object_has_member (c, "default_dtype"))
        g_assert_true (cs_dtype_from_name (json_object_get_string_member (c, "default_dtype"),
                                           &o.default_dtype));
      d.requires_grad = json_object_get_boolean_member (c, "requires_grad");
      if (!json_object_get_null_member (c, "grad_fn"))
        d.grad_fn = json_object_get_string_member (c, "grad_fn");

      return cs_format_tensor (dtype, buf, offset, ndim, shape, strides, &d, &o);
    }
  else
    {
      CsNumpyPrintOptions o;

      cs_numpy_print_options_init (&o);
      if (json_object_has_member (opts, "precision"))
        o.precision = json_object_get_int_member (opts, "precision");
      if (json_object_has_member (opts, "threshold"))
        o.threshold = json_object_get_int_member (opts, "threshold");
      if (json_object_has_member (opts, "edgeitems"))
        o.edgeitems = json_object_get_int_member (opts, "edgeitems");
      if (json_object_has_member (opts, "linewidth"))
        o.linewidth = json_object_get_int_member (opts, "linewidth");
      if (json_object_has_member (opts, "suppress"))
        o.suppress = json_object_get_boolean_member (opts, "suppress");

      if (strcmp (what, "scalar") == 0)
        return cs_format_numpy_scalar (dtype, buf, offset);
      if (strcmp (what, "str") == 0)
        return cs_format_numpy_str (dtype, buf, offset, ndim, shape, strides, &o);
      return cs_format_numpy_repr (dtype, buf, offset, ndim, shape, strides, &o);
    }
}

static void
test_array_goldens (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "goldens", "format.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *cases;
  guint failed = 0, n;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (cases);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *expected = json_object_get_string_member (c, "expected");
      g_autofree char *got = run_case (c);

      if (g_strcmp0 (got, expected) != 0)
        {
          if (failed < 25)
            g_test_message ("case %u (%s %s %s):\n--- expected\n%s\n--- got\n%s", i,
                            json_object_get_string_member (c, "lib"),
                            json_object_get_string_member (c, "what"),
                            json_object_get_string_member (c, "dtype"), expected, got);
          failed++;
        }
    }

  g_test_message ("%u cases, %u failed", n, failed);
  g_assert_cmpuint (n, >, 1000);
  g_assert_cmpuint (failed, ==, 0);
}

/* Random shapes, strides, dtypes, values and options: no crash, no
 * undefined behaviour (sanitizer builds), and summarised output stays
 * small however many elements there are. */
static void
test_random_views (void)
{
  GRand *rand = g_rand_new_with_seed (777);
  static const double specials[] = { 0.0, -0.0, NAN, INFINITY, -INFINITY, 1e-300, 5e-324,
                                     1.7976931348623157e308, -1e20, 0.5, 1e8, 123456.789 };

  for (guint iter = 0; iter < 3000; iter++)
    {
      CsDType dtype = (CsDType) g_rand_int_range (rand, 0, CS_N_DTYPES);
      guint ndim = g_rand_int_range (rand, 0, 5);
      gint64 shape[4], strides[4], offset, extent = 1, numel = 1;
      g_autofree guint8 *buf = NULL;
      g_autofree char *t = NULL;
      g_autofree char *r = NULL;
      g_autofree char *st = NULL;
      g_autofree char *sc = NULL;
      CsTorchPrintOptions to;
      CsNumpyPrintOptions no;
      CsTensorDecorations deco = { g_rand_boolean (rand), g_rand_boolean (rand) ? "MulBackward0" : NULL };
      gboolean big = iter % 10 == 0;
      gboolean long_dim = FALSE;

      for (guint i = 0; i < ndim; i++)
        {
          shape[i] = g_rand_int_range (rand, 0, big ? (ndim == 1 ? 3000 : ndim == 2 ? 60 : 12) : 6);
          numel *= shape[i];
        }
      /* Strides: contiguous-ish, transposed, broadcast (0) or reversed. */
      for (gint i = (gint) ndim - 1; i >= 0; i--)
        {
          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0: strides[i] = 0; break;
            case 1: strides[i] = -extent; break;
            default: strides[i] = extent; break;
            }
          extent *= MAX (shape[i], 1);
        }
      offset = extent;
      buf = g_malloc0 ((gsize) (2 * extent + 1) * 8);
      for (gint64 i = 0; i < 2 * extent + 1; i++)
        {
          double v;

          if (g_rand_int_range (rand, 0, 4) == 0)
            v = specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))];
          else
            v = g_rand_double_range (rand, -1, 1) * pow (10, g_rand_int_range (rand, -12, 12));
          if (cs_dtype_is_floating (dtype))
            cs_dtype_set_double (dtype, buf, (gsize) i, v);
          else
            cs_dtype_set_int (dtype, buf, (gsize) i, (gint64) g_rand_int (rand) - G_MAXINT32);
        }

      cs_torch_print_options_init (&to);
      cs_numpy_print_options_init (&no);
      if (g_rand_boolean (rand))
        {
          to.precision = no.precision = g_rand_int_range (rand, 0, 20);
          to.linewidth = no.linewidth = g_rand_int_range (rand, 1, 150);
          to.threshold = no.threshold = g_rand_int_range (rand, 0, 50);
          to.edgeitems = no.edgeitems = g_rand_int_range (rand, 1, 4);
          to.sci_mode = g_rand_int_range (rand, -1, 2);
          no.suppress = g_rand_boolean (rand);
        }

      t = cs_format_tensor (dtype, buf, offset, ndim, shape, strides, &deco, &to);
      r = cs_format_numpy_repr (dtype, buf, offset, ndim, shape, strides, &no);
      st = cs_format_numpy_str (dtype, buf, offset, ndim, shape, strides, &no);
      sc = cs_format_numpy_scalar (dtype, buf, offset);
      g_assert_nonnull (t);
      g_assert_true (g_str_has_prefix (t, "tensor("));
      g_assert_true (g_str_has_suffix (t, ")"));
      g_assert_true (g_str_has_prefix (r, "array("));
      g_assert_nonnull (st);
      g_assert_nonnull (sc);
      for (guint i = 0; i < ndim; i++)
        long_dim |= shape[i] > 2 * to.edgeitems;
      if (numel > MAX (to.threshold, 1000) && long_dim)
        {
          /* Summarised: at most (2 * edgeitems + 1) per dimension shown. */
          g_assert_cmpuint (strlen (t), <, 200000);
          g_assert_nonnull (strstr (t, "..."));
        }
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/format/py-float/goldens", test_py_float_goldens);
  g_test_add_func ("/core/format/py-float/known", test_py_float_known);
  g_test_add_func ("/core/format/shortest-digits", test_shortest_digits);
  g_test_add_func ("/core/format/array-goldens", test_array_goldens);
  g_test_add_func ("/core/format/random-views", test_random_views);

  return g_test_run ();
}
