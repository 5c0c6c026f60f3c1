/* test-random.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replays tests/core/goldens/random.txt, recorded from real PyTorch 1.13
 * and NumPy 1.24 by tests/core/record-numeric-goldens.py, and requires
 * bit-identical numbers.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cs-random.h"

static char *
format_values (CsDType       dtype,
               gconstpointer data,
               gsize         n)
{
  GString *s = g_string_new ("=");

  for (gsize i = 0; i < n; i++)
    {
      if (dtype == CS_DTYPE_FLOAT32)
        {
          guint32 u;

          memcpy (&u, (const float *) data + i, 4);
          g_string_append_printf (s, " %08x", u);
        }
      else if (dtype == CS_DTYPE_FLOAT64)
        {
          guint64 u;

          memcpy (&u, (const double *) data + i, 8);
          g_string_append_printf (s, " %016" G_GINT64_MODIFIER "x", u);
        }
      else if (dtype == CS_DTYPE_FLOAT16)
        g_string_append_printf (s, " %04x", ((const guint16 *) data)[i]);
      else
        g_string_append_printf (s, " %" G_GINT64_FORMAT, cs_dtype_get_int (dtype, data, i));
    }

  return g_string_free (s, FALSE);
}

static CsDType
dtype_arg (const char *name)
{
  CsDType d;

  g_assert_true (cs_dtype_from_name (name, &d));
  return d;
}

/* Runs one "OP ARGS" line on the generator and returns the "= ..." line. */
static char *
run_torch_op (CsTorchGenerator *gen,
              char            **tok)
{
  g_autofree guint8 *buf = NULL;
  CsDType dtype;
  gsize n;

  if (strcmp (tok[0], "rand") == 0 || strcmp (tok[0], "randn") == 0)
    {
      dtype = dtype_arg (tok[1]);
      n = strtoul (tok[2], NULL, 10);
      buf = g_malloc0 (n * 8 + 1);
      if (tok[0][4] == 'n')
        g_assert_true (cs_torch_generator_randn (gen, dtype, buf, n));
      else
        g_assert_true (cs_torch_generator_rand (gen, dtype, buf, n));
    }
  else if (strcmp (tok[0], "normal") == 0 || strcmp (tok[0], "uniform") == 0)
    {
      double a = g_ascii_strtod (tok[3], NULL);
      double b = g_ascii_strtod (tok[4], NULL);

      dtype = dtype_arg (tok[1]);
      n = strtoul (tok[2], NULL, 10);
      buf = g_malloc0 (n * 8 + 1);
      if (tok[0][0] == 'n')
        g_assert_true (cs_torch_generator_normal (gen, dtype, buf, n, a, b));
      else
        g_assert_true (cs_torch_generator_uniform (gen, dtype, buf, n, a, b));
    }
  else if (strcmp (tok[0], "randint") == 0)
    {
      gint64 lo = g_ascii_strtoll (tok[1], NULL, 10);
      gint64 hi = g_ascii_strtoll (tok[2], NULL, 10);

      dtype = dtype_arg (tok[3]);
      n = strtoul (tok[4], NULL, 10);
      buf = g_malloc0 (n * 8 + 1);
      g_assert_true (cs_torch_generator_randint (gen, lo, hi, dtype, buf, n));
    }
  else if (strcmp (tok[0], "randperm") == 0)
    {
      dtype = CS_DTYPE_INT64;
      n = strtoul (tok[1], NULL, 10);
      buf = g_malloc0 (n * 8 + 1);
      cs_torch_generator_randperm (gen, (gint64 *) buf, n);
    }
  else
    g_assert_not_reached ();

  return format_values (dtype, buf, n);
}

static char *
run_numpy_op (CsNumpyGenerator *gen,
              char            **tok)
{
  g_autofree guint8 *buf = NULL;
  CsDType dtype = CS_DTYPE_FLOAT64;
  gsize n;

  if (strcmp (tok[0], "rand") == 0 || strcmp (tok[0], "randn") == 0)
    {
      n = strtoul (tok[1], NULL, 10);
      buf = g_malloc0 (n * 8 + 1);
      if (tok[0][4] == 'n')
        cs_numpy_generator_randn (gen, (double *) buf, n);
      else
        cs_numpy_generator_rand (gen, (double *) buf, n);
    }
  else if (strcmp (tok[0], "randint") == 0)
    {
      gint64 lo = g_ascii_strtoll (tok[1], NULL, 10);
      gint64 hi = g_ascii_strtoll (tok[2], NULL, 10);

      dtype = CS_DTYPE_INT64;
      n = strtoul (tok[3], NULL, 10);
      buf = g_malloc0 (n * 8 + 1);
      g_assert_true (cs_numpy_generator_randint (gen, lo, hi, (gint64 *) buf, n));
    }
  else if (strcmp (tok[0], "uniform") == 0 || strcmp (tok[0], "normal") == 0)
    {
      double a = g_ascii_strtod (tok[1], NULL);
      double b = g_ascii_strtod (tok[2], NULL);

      n = strtoul (tok[3], NULL, 10);
      buf = g_malloc0 (n * 8 + 1);
      if (tok[0][0] == 'u')
        cs_numpy_generator_uniform (gen, a, b, (double *) buf, n);
      else
        cs_numpy_generator_normal (gen, a, b, (double *) buf, n);
    }
  else if (strcmp (tok[0], "permutation") == 0 || strcmp (tok[0], "shuffle") == 0)
    {
      gint64 *items;

      dtype = CS_DTYPE_INT64;
      n = strtoul (tok[1], NULL, 10);
      buf = g_malloc0 (n * 8 + 1);
      items = (gint64 *) buf;
      for (gsize i = 0; i < n; i++)
        items[i] = tok[0][0] == 'p' ? (gint64) i : (gint64) i * 10;
      cs_numpy_generator_shuffle (gen, items, n);
    }
  else
    g_assert_not_reached ();

  return format_values (dtype, buf, n);
}

static void
test_goldens (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "goldens", "random.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (CsTorchGenerator) tgen = NULL;
  g_autoptr (CsNumpyGenerator) ngen = NULL;
  g_autofree char *label = NULL;
  guint n_cases = 0, n_ops = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) tok = NULL;
      g_autofree char *got = NULL;

      if (lines[i][0] == '\0')
        continue;
      tok = g_strsplit (lines[i], " ", -1);

      if (strcmp (tok[0], "case") == 0)
        {
          guint64 seed = g_ascii_strtoull (tok[2], NULL, 10);

          g_clear_pointer (&tgen, cs_torch_generator_free);
          g_clear_pointer (&ngen, cs_numpy_generator_free);
          if (strcmp (tok[1], "torch") == 0)
            tgen = cs_torch_generator_new (seed);
          else
            ngen = cs_numpy_generator_new ((guint32) seed);
          g_free (label);
          label = g_strdup (lines[i]);
          n_cases++;
          continue;
        }
      if (strcmp (tok[0], "end") == 0)
        continue;

      got = tgen ? run_torch_op (tgen, tok) : run_numpy_op (ngen, tok);
      g_assert_nonnull (lines[i + 1]);
      if (g_strcmp0 (got, lines[i + 1]) != 0)
        g_test_message ("%s, line %u: %s", label, i + 1, lines[i]);
      g_assert_cmpstr (got, ==, lines[i + 1]);
      i++;
      n_ops++;
    }

  g_assert_cmpuint (n_cases, >, 100);
  g_assert_cmpuint (n_ops, >, 200);
}

/* torch.manual_seed(0); torch.rand(4) == tensor([0.4963, 0.7682, 0.0885, 0.1320]) */
static void
test_torch_known (void)
{
  g_autoptr (CsTorchGenerator) gen = cs_torch_generator_new (0);
  float f[4];

  g_assert_true (cs_torch_generator_rand (gen, CS_DTYPE_FLOAT32, f, 4));
  g_assert_cmpfloat_with_epsilon (f[0], 0.4963, 5e-5);
  g_assert_cmpfloat_with_epsilon (f[1], 0.7682, 5e-5);
  g_assert_cmpfloat_with_epsilon (f[2], 0.0885, 5e-5);
  g_assert_cmpfloat_with_epsilon (f[3], 0.1320, 5e-5);

  g_assert_false (cs_torch_generator_rand (gen, CS_DTYPE_INT64, f, 1));
  g_assert_false (cs_torch_generator_randn (gen, CS_DTYPE_INT32, f, 1));
  g_assert_false (cs_torch_generator_randint (gen, 3, 3, CS_DTYPE_INT64, f, 1));
}

/* torch.manual_seed(-1) and torch.manual_seed(2**64 - 1) are the same
 * generator; torch.initial_seed() reports 18446744073709551615. */
static void
test_torch_seed (void)
{
  g_autoptr (CsTorchGenerator) a = cs_torch_generator_new ((guint64) (gint64) -1);
  g_autoptr (CsTorchGenerator) b = cs_torch_generator_new (G_MAXUINT64);
  g_autoptr (CsTorchGenerator) c = cs_torch_generator_new (G_MAXUINT32);

  g_assert_cmpuint (cs_torch_generator_initial_seed (a), ==, G_MAXUINT64);
  g_assert_true (cs_torch_generator_equal (a, b));
  g_assert_cmpuint (cs_torch_generator_random (a), ==, cs_torch_generator_random (c));
}

static void
test_snapshots (void)
{
  g_autoptr (CsTorchGenerator) gen = cs_torch_generator_new (5);
  g_autoptr (CsTorchGenerator) snap = NULL;
  g_autoptr (CsNumpyGenerator) ngen = cs_numpy_generator_new (5);
  g_autoptr (CsNumpyGenerator) nsnap = NULL;
  double a[3], b[3];

  /* An odd randn leaves a cached normal sample, which the copy must keep. */
  g_assert_true (cs_torch_generator_randn (gen, CS_DTYPE_FLOAT64, a, 1));
  snap = cs_torch_generator_copy (gen);
  g_assert_true (cs_torch_generator_equal (gen, snap));
  g_assert_true (cs_torch_generator_randn (gen, CS_DTYPE_FLOAT64, a, 3));
  g_assert_false (cs_torch_generator_equal (gen, snap));
  g_assert_true (cs_torch_generator_randn (snap, CS_DTYPE_FLOAT64, b, 3));
  g_assert_cmpmem (a, sizeof a, b, sizeof b);

  /* Reseeding drops the cache. */
  cs_torch_generator_seed (gen, 5);
  cs_torch_generator_seed (snap, 5);
  g_assert_true (cs_torch_generator_equal (gen, snap));

  cs_numpy_generator_randn (ngen, a, 1);
  nsnap = cs_numpy_generator_copy (ngen);
  cs_numpy_generator_randn (ngen, a, 3);
  cs_numpy_generator_randn (nsnap, b, 3);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  g_assert_true (cs_numpy_generator_equal (ngen, nsnap));
  g_assert_false (cs_numpy_generator_randint (ngen, 2, 2, NULL, 0));
}

/* np.random.seed(0); np.random.rand() == 0.5488135039273248 */
static void
test_numpy_known (void)
{
  g_autoptr (CsNumpyGenerator) gen = cs_numpy_generator_new (0);
  double d;

  cs_numpy_generator_rand (gen, &d, 1);
  g_assert_cmpfloat (d, ==, 0.5488135039273248);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/random/goldens", test_goldens);
  g_test_add_func ("/core/random/torch-known", test_torch_known);
  g_test_add_func ("/core/random/torch-seed", test_torch_seed);
  g_test_add_func ("/core/random/snapshots", test_snapshots);
  g_test_add_func ("/core/random/numpy-known", test_numpy_known);

  return g_test_run ();
}
