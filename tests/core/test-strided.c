/* test-strided.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replays tests/core/goldens/strided.txt and promotion.txt, recorded from
 * real PyTorch 1.13 and NumPy 1.24 by tests/core/record-numeric-goldens.py:
 * every view operation's shape, strides and offset (or exception) and every
 * result dtype must be identical.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cs-strided.h"

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

/* "2,3" -> {2, 3}; "-" -> {} */
static guint
parse_list (const char *s,
            gint64     *out)
{
  g_auto (GStrv) parts = NULL;
  guint n = 0;

  if (strcmp (s, "-") == 0)
    return 0;
  parts = g_strsplit (s, ",", -1);
  for (; parts[n] != NULL; n++)
    {
      g_assert_cmpuint (n, <, CS_STRIDED_MAX_DIMS);
      out[n] = g_ascii_strtoll (parts[n], NULL, 10);
    }
  return n;
}

static char *
format_list (const gint64 *v,
             guint         n)
{
  GString *s = g_string_new (NULL);

  if (n == 0)
    g_string_append_c (s, '-');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", v[i]);
  return g_string_free (s, FALSE);
}

static char *
format_result (gboolean        ok,
               const CsLayout *l,
               CsStridedError *error,
               int             copy)
{
  g_autofree char *shape = NULL;
  g_autofree char *strides = NULL;

  if (!ok)
    return g_strdup_printf ("err %s: %s", error->exc_type, error->message);

  shape = format_list (l->shape, l->ndim);
  strides = format_list (l->strides, l->ndim);
  return g_strdup_printf ("ok %s %s %" G_GINT64_FORMAT "%s", shape, strides, l->offset,
                          copy < 0 ? "" : copy ? " copy" : " view");
}

static guint
parse_index (const char  *s,
             CsIndexItem *items)
{
  g_auto (GStrv) parts = NULL;
  guint n = 0;

  if (strcmp (s, "-") == 0)
    return 0;
  parts = g_strsplit (s, " ", -1);
  for (; parts[n] != NULL; n++)
    {
      CsIndexItem *it = &items[n];
      const char *p = parts[n];

      memset (it, 0, sizeof *it);
      if (p[0] == 'N')
        it->kind = CS_INDEX_NONE;
      else if (p[0] == 'E')
        it->kind = CS_INDEX_ELLIPSIS;
      else if (p[0] == 'i')
        {
          it->kind = CS_INDEX_INT;
          it->index = g_ascii_strtoll (p + 1, NULL, 10);
        }
      else
        {
          g_auto (GStrv) f = g_strsplit (p + 1, ":", 3);

          g_assert_cmpint (p[0], ==, 's');
          it->kind = CS_INDEX_SLICE;
          if ((it->has_start = f[0][0] != '\0'))
            it->start = g_ascii_strtoll (f[0], NULL, 10);
          if ((it->has_stop = f[1][0] != '\0'))
            it->stop = g_ascii_strtoll (f[1], NULL, 10);
          if ((it->has_step = f[2][0] != '\0'))
            it->step = g_ascii_strtoll (f[2], NULL, 10);
        }
    }
  return n;
}

/* Runs "OP LIB SHAPE STRIDES OFFSET | ARGS" and returns our RESULT text. */
static char *
run_line (const char *lhs,
          const char *args)
{
  g_auto (GStrv) t = g_strsplit (lhs, " ", -1);
  CsLib lib = strcmp (t[1], "torch") == 0 ? CS_LIB_TORCH : CS_LIB_NUMPY;
  const char *op = t[0];
  CsLayout in, out;
  CsStridedError error = { NULL, NULL };
  gint64 a[CS_STRIDED_MAX_DIMS];
  gboolean ok, copy = FALSE;
  int report_copy = -1;
  char *result;
  guint n;

  memset (&in, 0, sizeof in);
  memset (&out, 0, sizeof out);

  if (strcmp (op, "broadcast") == 0)
    {
      gint64 b[CS_STRIDED_MAX_DIMS], r[CS_STRIDED_MAX_DIMS];
      guint na = parse_list (t[2], a);
      guint nb = parse_list (args, b);
      guint nr = 0;

      ok = cs_broadcast_shapes (lib, na, a, nb, b, &nr, r, &error);
      if (ok)
        {
          g_autofree char *rs = format_list (r, nr);

          return g_strdup_printf ("ok %s", rs);
        }
      result = g_strdup_printf ("err %s: %s", error.exc_type, error.message);
      cs_strided_error_clear (&error);
      return result;
    }

  in.ndim = parse_list (t[2], in.shape);
  g_assert_cmpuint (parse_list (t[3], in.strides), ==, in.ndim);
  in.offset = g_ascii_strtoll (t[4], NULL, 10);

  if (strcmp (op, "view") == 0)
    {
      n = parse_list (args, a);
      ok = cs_layout_view (&in, a, n, &out, &error);
    }
  else if (strcmp (op, "reshape") == 0)
    {
      n = parse_list (args, a);
      ok = cs_layout_reshape (lib, &in, a, n, &out, &copy, &error);
      report_copy = copy;
    }
  else if (strcmp (op, "index") == 0)
    {
      CsIndexItem items[32];

      n = parse_index (args, items);
      ok = cs_layout_index (lib, &in, items, n, &out, &error);
    }
  else if (strcmp (op, "transpose") == 0)
    {
      parse_list (args, a);
      ok = cs_layout_transpose (lib, &in, a[0], a[1], &out, &error);
    }
  else if (strcmp (op, "permute") == 0)
    {
      n = parse_list (args, a);
      ok = cs_layout_permute (lib, &in, n ? a : (gint64[]) { 0 }, n, &out, &error);
    }
  else if (strcmp (op, "t") == 0)
    ok = cs_layout_t (&in, &out, &error);
  else if (strcmp (op, "unsqueeze") == 0)
    ok = cs_layout_unsqueeze (lib, &in, g_ascii_strtoll (args, NULL, 10), &out, &error);
  else if (strcmp (op, "squeeze") == 0)
    ok = cs_layout_squeeze (lib, &in, strcmp (args, "-") == 0, g_ascii_strtoll (args, NULL, 10),
                            &out, &error);
  else if (strcmp (op, "narrow") == 0)
    {
      parse_list (args, a);
      ok = cs_layout_narrow (&in, a[0], a[1], a[2], &out, &error);
    }
  else if (strcmp (op, "select") == 0)
    {
      parse_list (args, a);
      ok = cs_layout_select (&in, a[0], a[1], &out, &error);
    }
  else if (strcmp (op, "flatten") == 0)
    {
      parse_list (args, a);
      ok = cs_layout_flatten (&in, a[0], a[1], &out, &copy, &error);
      report_copy = copy;
    }
  else if (strcmp (op, "expand") == 0)
    {
      n = parse_list (args, a);
      ok = cs_layout_expand (CS_DTYPE_FLOAT32, &in, a, n, &out, &error);
    }
  else if (strcmp (op, "broadcast_to") == 0)
    {
      n = parse_list (args, a);
      ok = cs_layout_broadcast_to (lib, CS_DTYPE_FLOAT64, &in, a, n, &out, &error);
    }
  else if (strcmp (op, "contig") == 0)
    {
      if (lib == CS_LIB_TORCH)
        return g_strdup_printf ("flags %d %d", cs_layout_is_contiguous (&in),
                                cs_layout_is_contiguous (&in));
      return g_strdup_printf ("flags %d %d", cs_layout_is_contiguous (&in),
                              cs_layout_is_f_contiguous (&in));
    }
  else
    g_assert_not_reached ();

  result = format_result (ok, &out, &error, report_copy);
  cs_strided_error_clear (&error);
  return result;
}

static void
test_goldens (void)
{
  g_autofree char *text = read_golden ("strided.txt");
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0, failed = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *bar = strstr (lines[i], " | ");
      char *arrow = strstr (lines[i], " => ");
      g_autofree char *lhs = NULL;
      g_autofree char *args = NULL;
      g_autofree char *got = NULL;

      if (bar == NULL || arrow == NULL)
        continue;
      lhs = g_strndup (lines[i], bar - lines[i]);
      args = g_strndup (bar + 3, arrow - bar - 3);
      got = run_line (lhs, args);
      if (strcmp (got, arrow + 4) != 0)
        {
          if (failed < 30)
            g_test_message ("line %u: %s\n   expected: %s\n   got:      %s", i + 1, lines[i],
                            arrow + 4, got);
          failed++;
        }
      n++;
    }

  g_test_message ("%u cases, %u failed", n, failed);
  g_assert_cmpuint (n, >, 5000);
  g_assert_cmpuint (failed, ==, 0);
}

static gboolean
parse_operand (const char *spec,
               CsOperand  *op)
{
  g_auto (GStrv) f = g_strsplit (spec, ":", 3);
  CsDType d = CS_DTYPE_FLOAT64;

  memset (op, 0, sizeof *op);
  if (f[0][0] == 'P')
    {
      if (strcmp (f[1], "bool") == 0)
        {
          op->kind = CS_OPERAND_PY_BOOL;
          op->int_value = strcmp (f[2], "True") == 0;
        }
      else if (strcmp (f[1], "int") == 0)
        {
          op->kind = CS_OPERAND_PY_INT;
          op->int_value = g_ascii_strtoll (f[2], NULL, 10);
        }
      else
        {
          op->kind = CS_OPERAND_PY_FLOAT;
          op->float_value = g_ascii_strtod (f[2], NULL);
        }
      return TRUE;
    }

  g_assert_true (cs_dtype_from_name (f[1], &d));
  op->dtype = d;
  op->kind = f[0][0] == 'A' ? CS_OPERAND_ARRAY : CS_OPERAND_ZERO_DIM;
  if (f[0][0] != 'A')
    {
      if (strcmp (f[2], "True") == 0)
        op->int_value = 1;
      else if (cs_dtype_is_floating (d))
        op->float_value = g_ascii_strtod (f[2], NULL);
      else
        op->int_value = g_ascii_strtoll (f[2], NULL, 10);
    }
  return TRUE;
}

static void
test_promotion (void)
{
  g_autofree char *text = read_golden ("promotion.txt");
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0, failed = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) t = NULL;
      CsOperand ops[2];
      CsDType r, expected;
      const char *got;
      gboolean torch;

      if (lines[i][0] == '\0')
        continue;
      t = g_strsplit (lines[i], " ", -1);
      g_assert_cmpstr (t[4], ==, "=>");
      torch = strcmp (t[1], "torch") == 0;
      parse_operand (t[2], &ops[0]);
      parse_operand (t[3], &ops[1]);

      if (strcmp (t[0], "cancast") == 0 || strcmp (t[0], "samekind") == 0)
        {
          gboolean ok = torch ? cs_torch_can_cast (ops[0].dtype, ops[1].dtype)
                              : cs_numpy_can_cast_same_kind (ops[0].dtype, ops[1].dtype);

          if (ok != (strcmp (t[5], "True") == 0))
            {
              g_test_message ("line %u: %s: got %d", i + 1, lines[i], ok);
              failed++;
            }
          n++;
          continue;
        }

      if (strcmp (t[0], "promote") == 0)
        r = torch ? cs_torch_result_type (ops, 2, CS_DTYPE_FLOAT32) : cs_numpy_result_type (ops, 2);
      else if (torch)
        r = cs_torch_true_divide_type (ops, 2, CS_DTYPE_FLOAT32);
      else
        r = cs_numpy_true_divide_type (ops, 2);

      /* NumPy results we cannot store (uint16, uint64, ...) must be
       * reported as CS_N_DTYPES. */
      if (!cs_dtype_from_name (t[5], &expected))
        expected = CS_N_DTYPES;
      got = r == CS_N_DTYPES ? "unsupported" : cs_dtype_name (r);
      if (r != expected)
        {
          if (failed < 30)
            g_test_message ("line %u: %s: got %s", i + 1, lines[i], got);
          failed++;
        }
      n++;
    }

  g_test_message ("%u cases, %u failed", n, failed);
  g_assert_cmpuint (n, >, 1000);
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_promote_types (void)
{
  /* torch.promote_types and np.promote_types differ on int + float16. */
  g_assert_cmpint (cs_torch_promote_types (CS_DTYPE_INT64, CS_DTYPE_FLOAT16), ==, CS_DTYPE_FLOAT16);
  g_assert_cmpint (cs_numpy_promote_types (CS_DTYPE_INT64, CS_DTYPE_FLOAT16), ==, CS_DTYPE_FLOAT64);
  g_assert_cmpint (cs_numpy_promote_types (CS_DTYPE_INT16, CS_DTYPE_FLOAT16), ==, CS_DTYPE_FLOAT32);
  g_assert_cmpint (cs_torch_promote_types (CS_DTYPE_UINT8, CS_DTYPE_INT8), ==, CS_DTYPE_INT16);
  g_assert_cmpint (cs_numpy_promote_types (CS_DTYPE_BOOL, CS_DTYPE_INT32), ==, CS_DTYPE_INT32);

  g_assert_false (cs_torch_can_cast (CS_DTYPE_FLOAT32, CS_DTYPE_INT64));
  g_assert_false (cs_torch_can_cast (CS_DTYPE_INT64, CS_DTYPE_BOOL));
  g_assert_true (cs_torch_can_cast (CS_DTYPE_BOOL, CS_DTYPE_BOOL));
  g_assert_true (cs_torch_can_cast (CS_DTYPE_INT64, CS_DTYPE_FLOAT16));

  g_assert_cmpstr (cs_torch_scalar_type_name (CS_DTYPE_FLOAT32), ==, "Float");
  g_assert_cmpstr (cs_torch_scalar_type_name (CS_DTYPE_INT64), ==, "Long");
  g_assert_cmpstr (cs_torch_scalar_type_name (CS_DTYPE_UINT8), ==, "Byte");
}

static void
test_internal_overlap (void)
{
  /* torch.zeros(3, 1).expand(3, 2) overlaps; expand(3, 1) and t() do not. */
  CsLayout expanded = { 2, 0, { 3, 2 }, { 1, 0 } };
  CsLayout single = { 2, 0, { 3, 1 }, { 1, 0 } };
  CsLayout transposed = { 2, 0, { 3, 2 }, { 1, 3 } };

  g_assert_true (cs_layout_has_internal_overlap (&expanded));
  g_assert_false (cs_layout_has_internal_overlap (&single));
  g_assert_false (cs_layout_has_internal_overlap (&transposed));
}

static void
test_iterator (void)
{
  /* x = torch.arange(24.).view(2, 3, 4).permute(2, 0, 1)[1:3, :, ::2] */
  CsLayout l = { 3, 1, { 2, 2, 2 }, { 1, 12, 8 } };
  static const gint64 expected[] = { 1, 9, 13, 21, 2, 10, 14, 22 };
  CsLayoutIter it;
  gint64 idx, lo, hi;
  guint n = 0;

  cs_layout_iter_init (&it, &l);
  while (cs_layout_iter_next (&it, &idx))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpint (idx, ==, expected[n]);
      g_assert_cmpint (cs_layout_linear_to_storage (&l, n), ==, expected[n]);
      n++;
    }
  g_assert_cmpuint (n, ==, 8);
  g_assert_true (cs_layout_extent (&l, &lo, &hi));
  g_assert_cmpint (lo, ==, 1);
  g_assert_cmpint (hi, ==, 22);

  /* Negative strides (NumPy a[::-1, ::-2]). */
  l = (CsLayout) { 2, 5, { 2, 2 }, { -3, -2 } };
  cs_layout_iter_init (&it, &l);
  g_assert_true (cs_layout_iter_next (&it, &idx));
  g_assert_cmpint (idx, ==, 5);
  g_assert_true (cs_layout_iter_next (&it, &idx));
  g_assert_cmpint (idx, ==, 3);
  g_assert_true (cs_layout_iter_next (&it, &idx));
  g_assert_cmpint (idx, ==, 2);
  g_assert_true (cs_layout_iter_next (&it, &idx));
  g_assert_cmpint (idx, ==, 0);
  g_assert_false (cs_layout_iter_next (&it, &idx));
  g_assert_true (cs_layout_extent (&l, &lo, &hi));
  g_assert_cmpint (lo, ==, 0);
  g_assert_cmpint (hi, ==, 5);

  /* Empty and 0-d layouts. */
  l = (CsLayout) { 2, 0, { 2, 0 }, { 3, 1 } };
  cs_layout_iter_init (&it, &l);
  g_assert_false (cs_layout_iter_next (&it, &idx));
  g_assert_false (cs_layout_extent (&l, &lo, &hi));
  l = (CsLayout) { 0, 7, { 0 }, { 0 } };
  cs_layout_iter_init (&it, &l);
  g_assert_true (cs_layout_iter_next (&it, &idx));
  g_assert_cmpint (idx, ==, 7);
  g_assert_false (cs_layout_iter_next (&it, &idx));
}

static void
test_numel_overflow (void)
{
  gint64 huge[] = { G_GINT64_CONSTANT (1) << 40, G_GINT64_CONSTANT (1) << 40 };
  gint64 with_zero[] = { G_GINT64_CONSTANT (1) << 62, 0, G_GINT64_CONSTANT (1) << 62 };
  gint64 negative[] = { 2, -1 };
  gint64 n;
  CsLayout l;

  g_assert_false (cs_shape_numel (2, huge, &n));
  g_assert_false (cs_layout_init_contiguous (&l, 2, huge));
  g_assert_true (cs_shape_numel (3, with_zero, &n));
  g_assert_cmpint (n, ==, 0);
  g_assert_false (cs_layout_init_contiguous (&l, 3, with_zero));
  g_assert_false (cs_shape_numel (2, negative, &n));
  g_assert_true (cs_shape_numel (0, NULL, &n));
  g_assert_cmpint (n, ==, 1);

  /* np.zeros((2, 0, 3)).strides == (0, 0, 0); torch: (3, 3, 1). */
  g_assert_true (cs_layout_init_numpy_new (&l, 3, (gint64[]) { 2, 0, 3 }));
  g_assert_cmpint (l.strides[0], ==, 0);
  g_assert_cmpint (l.strides[2], ==, 0);
  g_assert_true (cs_layout_init_contiguous (&l, 3, (gint64[]) { 2, 0, 3 }));
  g_assert_cmpint (l.strides[0], ==, 3);
  g_assert_cmpint (l.strides[1], ==, 3);
  g_assert_cmpint (l.strides[2], ==, 1);
}

static void
test_slice_adjust (void)
{
  CsIndexItem s = { CS_INDEX_SLICE, 0, TRUE, FALSE, TRUE, -1, 0, -2 };
  CsStridedError error = { NULL, NULL };
  gint64 start, stop, step, count;

  /* slice(-1, None, -2).indices(5) == (4, -1, -2), 3 elements */
  g_assert_true (cs_slice_adjust (&s, 5, &start, &stop, &step, &count, &error));
  g_assert_cmpint (start, ==, 4);
  g_assert_cmpint (stop, ==, -1);
  g_assert_cmpint (step, ==, -2);
  g_assert_cmpint (count, ==, 3);

  s.step = 0;
  g_assert_false (cs_slice_adjust (&s, 5, &start, &stop, &step, &count, &error));
  g_assert_cmpstr (error.exc_type, ==, "ValueError");
  g_assert_cmpstr (error.message, ==, "slice step cannot be zero");
  cs_strided_error_clear (&error);
  g_assert_null (error.message);
}

/* Random layouts through every view operation: whatever the arguments, a
 * view that succeeds never reaches outside the elements its input could
 * reach, and failures always carry an exception. */
static void
check_within (const CsLayout *in,
              const CsLayout *out)
{
  gint64 lo, hi, olo, ohi;

  g_assert_cmpuint (out->ndim, <=, CS_STRIDED_MAX_DIMS);
  if (!cs_layout_extent (out, &olo, &ohi))
    return;
  g_assert_true (cs_layout_extent (in, &lo, &hi));
  g_assert_cmpint (olo, >=, lo);
  g_assert_cmpint (ohi, <=, hi);
}

static void
check_result (gboolean        ok,
              const CsLayout *in,
              const CsLayout *out,
              CsStridedError *error)
{
  if (ok)
    {
      g_assert_null (error->message);
      check_within (in, out);
    }
  else
    {
      g_assert_nonnull (error->exc_type);
      g_assert_nonnull (error->message);
      cs_strided_error_clear (error);
    }
}

static void
test_random_ops (void)
{
  GRand *rand = g_rand_new_with_seed (12345);

  for (guint iter = 0; iter < 20000; iter++)
    {
      CsLayout in, out;
      CsStridedError error = { NULL, NULL };
      CsLib lib = g_rand_boolean (rand) ? CS_LIB_TORCH : CS_LIB_NUMPY;
      guint ndim = g_rand_int_range (rand, 0, 5);
      gint64 shape[CS_STRIDED_MAX_DIMS], args[CS_STRIDED_MAX_DIMS];
      guint nargs = g_rand_int_range (rand, 0, 6);
      CsIndexItem items[6];
      gboolean copy;
      gboolean ok = FALSE;

      for (guint i = 0; i < ndim; i++)
        shape[i] = g_rand_int_range (rand, 0, 5);
      g_assert_true (cs_layout_init_contiguous (&in, ndim, shape));
      in.offset = g_rand_int_range (rand, 0, 10);
      /* Make it a view: permute and step through it. */
      if (ndim >= 2 && g_rand_boolean (rand))
        g_assert_true (cs_layout_transpose (CS_LIB_TORCH, &in, 0, ndim - 1, &in, &error));
      for (guint i = 0; i < nargs; i++)
        args[i] = g_rand_int_range (rand, -6, 7);
      /* Every fourth case uses absurd sizes, indices and steps: nothing may
       * overflow (the sanitizer build checks) or crash. */
      if (iter % 4 == 3)
        for (guint i = 0; i < nargs; i++)
          args[i] = (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand));

      memset (&out, 0, sizeof out);
      switch (g_rand_int_range (rand, 0, 12))
        {
        case 0:
          ok = cs_layout_transpose (lib, &in, args[0], args[1], &out, &error);
          break;
        case 1:
          ok = cs_layout_permute (lib, &in, args, nargs, &out, &error);
          break;
        case 2:
          ok = cs_layout_unsqueeze (lib, &in, args[0], &out, &error);
          break;
        case 3:
          ok = cs_layout_squeeze (lib, &in, g_rand_boolean (rand), args[0], &out, &error);
          break;
        case 4:
          ok = cs_layout_narrow (&in, args[0], args[1], args[2], &out, &error);
          break;
        case 5:
          ok = cs_layout_select (&in, args[0], args[1], &out, &error);
          break;
        case 6:
          ok = cs_layout_view (&in, args, nargs, &out, &error);
          break;
        case 7:
          ok = cs_layout_reshape (lib, &in, args, nargs, &out, &copy, &error);
          if (ok && copy)
            {
              /* A copy is a new contiguous buffer, not a view of @in. */
              g_assert_true (cs_layout_is_contiguous (&out));
              g_assert_cmpint (out.offset, ==, 0);
              g_assert_cmpint (cs_layout_numel (&out), ==, cs_layout_numel (&in));
              continue;
            }
          break;
        case 8:
          ok = cs_layout_flatten (&in, args[0], args[1], &out, &copy, &error);
          if (ok && copy)
            continue;
          break;
        case 9:
          {
            gint64 sizes[CS_STRIDED_MAX_DIMS];

            for (guint i = 0; i < nargs; i++)
              sizes[i] = ABS (args[i]) - 1;
            ok = cs_layout_expand (CS_DTYPE_FLOAT32, &in, sizes, nargs, &out, &error);
            if (ok)
              {
                /* Expanded dimensions have stride 0: the reach is the same. */
                g_assert_null (error.message);
                if (cs_layout_numel (&out) > 0)
                  check_within (&in, &out);
                continue;
              }
          }
          break;
        default:
          for (guint i = 0; i < nargs; i++)
            {
              memset (&items[i], 0, sizeof items[i]);
              items[i].kind = (CsIndexKind) g_rand_int_range (rand, 0, 4);
              items[i].index = args[i];
              items[i].has_start = g_rand_boolean (rand);
              items[i].start = g_rand_int_range (rand, -8, 9);
              items[i].has_stop = g_rand_boolean (rand);
              items[i].stop = g_rand_int_range (rand, -8, 9);
              items[i].has_step = g_rand_boolean (rand);
              items[i].step = g_rand_int_range (rand, -3, 4);
              if (iter % 4 == 3)
                {
                  items[i].start = args[(i + 1) % nargs];
                  items[i].stop = args[(i + 2) % nargs];
                  items[i].step = args[(i + 3) % nargs];
                }
            }
          ok = cs_layout_index (lib, &in, items, nargs, &out, &error);
          break;
        }

      check_result (ok, &in, &out, &error);
    }

  g_rand_free (rand);
}

static void
test_layouts (void)
{
  g_autofree char *text = read_golden ("layouts.txt");
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0, failed = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *arrow = strstr (lines[i], " => ");
      g_autofree char *lhs = NULL;
      g_autofree char *got = NULL;
      g_auto (GStrv) t = NULL;
      CsLayout out;

      if (arrow == NULL)
        continue;
      lhs = g_strndup (lines[i], arrow - lines[i]);
      t = g_strsplit (lhs, " ", -1);

      if (strcmp (t[0], "reduce") == 0)
        {
          CsLayout in = { 0, };
          gboolean reduce[CS_STRIDED_MAX_DIMS] = { FALSE, };
          g_autofree char *s1 = NULL;
          g_autofree char *s2 = NULL;

          in.ndim = parse_list (t[2], in.shape);
          parse_list (t[3], in.strides);
          reduce[atoi (t[4])] = TRUE;
          if (strcmp (t[1], "numpy") == 0)
            cs_layout_numpy_reduce (&in, reduce, atoi (t[5]), &out);
          else
            {
              /* PyTorch reductions are contiguous. */
              gint64 shape[CS_STRIDED_MAX_DIMS];
              guint nd = 0;

              for (guint d = 0; d < in.ndim; d++)
                if (!reduce[d] || atoi (t[5]))
                  shape[nd++] = reduce[d] ? 1 : in.shape[d];
              g_assert_true (cs_layout_init_contiguous (&out, nd, shape));
            }
          s1 = format_list (out.shape, out.ndim);
          s2 = format_list (out.strides, out.ndim);
          got = g_strdup_printf ("%s %s", s1, s2);
        }
      else if (strcmp (t[0], "concat") == 0)
        {
          CsLayout ins[2];
          const CsLayout *ptrs[2] = { &ins[0], &ins[1] };
          guint axis = atoi (t[2]);
          gint64 shape[CS_STRIDED_MAX_DIMS];
          g_autofree char *s1 = NULL;
          g_autofree char *s2 = NULL;

          memset (ins, 0, sizeof ins);
          ins[0].ndim = parse_list (t[3], ins[0].shape);
          parse_list (t[4], ins[0].strides);
          ins[1].ndim = parse_list (t[6], ins[1].shape);
          parse_list (t[7], ins[1].strides);
          memcpy (shape, ins[0].shape, sizeof shape);
          shape[axis] += ins[1].shape[axis];
          cs_layout_numpy_concatenate (ptrs, 2, ins[0].ndim, shape, &out);
          s1 = format_list (out.shape, out.ndim);
          s2 = format_list (out.strides, out.ndim);
          got = g_strdup_printf ("%s %s", s1, s2);
        }
      else if (strcmp (t[0], "like") == 0)
        {
          CsLayout in = { 0, };
          gboolean numpy = strcmp (t[1], "numpy") == 0;
          guint base = numpy ? 3 : 2;

          in.ndim = parse_list (t[base], in.shape);
          parse_list (t[base + 1], in.strides);
          if (numpy)
            cs_layout_numpy_like (&in, t[2][0], &out);
          else
            cs_layout_torch_like (&in, &out);
          got = format_list (out.strides, out.ndim);
        }
      else
        {
          CsLayout ins[2];
          const CsLayout *ptrs[2];
          guint n_in = 0, k = 2, nd = 0;
          gint64 shape[CS_STRIDED_MAX_DIMS] = { 0, };
          CsStridedError error = { NULL, NULL };
          g_autofree char *s1 = NULL;
          g_autofree char *s2 = NULL;

          while (t[k] != NULL)
            {
              memset (&ins[n_in], 0, sizeof ins[n_in]);
              ins[n_in].ndim = parse_list (t[k], ins[n_in].shape);
              parse_list (t[k + 1], ins[n_in].strides);
              ptrs[n_in] = &ins[n_in];
              n_in++;
              k += 2;
              if (t[k] != NULL && strcmp (t[k], ";") == 0)
                k++;
            }
          g_assert_true (cs_broadcast_shapes (CS_LIB_TORCH, ins[0].ndim, ins[0].shape,
                                              n_in > 1 ? ins[1].ndim : 0, ins[n_in - 1].shape,
                                              &nd, shape, &error));
          if (strcmp (t[1], "torch") == 0)
            cs_layout_torch_elementwise (ptrs, n_in, nd, shape, &out);
          else
            cs_layout_numpy_elementwise (ptrs, n_in, nd, shape, &out);
          s1 = format_list (out.shape, out.ndim);
          s2 = format_list (out.strides, out.ndim);
          got = g_strdup_printf ("%s %s", s1, s2);
        }

      if (strcmp (got, arrow + 4) != 0)
        {
          if (failed < 30)
            g_test_message ("line %u: %s\n   got: %s", i + 1, lines[i], got);
          failed++;
        }
      n++;
    }

  g_test_message ("%u cases, %u failed", n, failed);
  g_assert_cmpuint (n, >, 1000);
  g_assert_cmpuint (failed, ==, 0);
}

static gpointer
lcg_storage (CsDType dtype,
             gint64  n,
             double  scale)
{
  guint8 *buf = g_malloc0 ((gsize) n * 8);

  for (gint64 k = 0; k < n; k++)
    {
      double v = (double) (((guint64) k * G_GUINT64_CONSTANT (2654435761)) % G_GUINT64_CONSTANT (4294967296)) /
                 4294967296.0 * scale - scale / 2;

      if (cs_dtype_is_floating (dtype))
        cs_dtype_set_double (dtype, buf, (gsize) k, v);
      else
        cs_dtype_set_int (dtype, buf, (gsize) k, (gint64) v);
    }
  return buf;
}

/* "sumdim torch DTYPE ACC N SCALE SHAPE STRIDES OFFSET DIM => HEX,HEX,..." */
static gboolean
check_sum_dim (char **t)
{
  CsDType dtype, acc;
  CsLayout l = { 0, };
  gint64 n = g_ascii_strtoll (t[4], NULL, 10);
  g_autofree gpointer buf = NULL;
  g_autofree double *out = NULL;
  g_auto (GStrv) expected = NULL;
  gint64 dim;
  guint n_out;

  g_assert_true (cs_dtype_from_name (t[2], &dtype));
  g_assert_true (cs_dtype_from_name (t[3], &acc));
  buf = lcg_storage (dtype, n, g_ascii_strtod (t[5], NULL));
  l.ndim = parse_list (t[6], l.shape);
  parse_list (t[7], l.strides);
  l.offset = g_ascii_strtoll (t[8], NULL, 10);
  dim = g_ascii_strtoll (t[9], NULL, 10);
  expected = g_strsplit (t[11], ",", -1);
  n_out = g_strv_length (expected);
  out = g_new0 (double, n_out + 1);

  if (strcmp (t[1], "torch") == 0)
    g_assert_true (cs_torch_sum_dim (dtype, buf, &l, dim, out));
  else
    cs_numpy_sum_axis (dtype, buf, &l, (guint) dim, acc, out);
  for (guint k = 0; k < n_out; k++)
    {
      g_autofree char *got = NULL;

      if (acc == CS_DTYPE_FLOAT16)
        {
          guint16 h;

          cs_dtype_set_double (CS_DTYPE_FLOAT16, &h, 0, out[k]);
          got = g_strdup_printf ("%04x", h);
        }
      else if (acc == CS_DTYPE_FLOAT32)
        {
          float f = (float) out[k];
          guint32 u;

          memcpy (&u, &f, 4);
          got = g_strdup_printf ("%08x", u);
        }
      else
        {
          guint64 u;

          memcpy (&u, &out[k], 8);
          got = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", u);
        }
      if (strcmp (got, expected[k]) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
test_sums (void)
{
  g_autofree char *text = read_golden ("sums.txt");
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_cases = 0, failed = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) t = NULL;
      CsDType dtype, acc;
      gint64 n;
      double scale, sum = 0.0;
      g_autofree guint8 *buf = NULL;
      CsLayout l = { 0, };
      g_autofree char *got = NULL;

      if (lines[i][0] == '\0')
        continue;
      t = g_strsplit (lines[i], " ", -1);
      if (strcmp (t[0], "sumdim") == 0)
        {
          if (!check_sum_dim (t))
            {
              if (failed < 20)
                g_test_message ("line %u: %s", i + 1, lines[i]);
              failed++;
            }
          n_cases++;
          continue;
        }
      g_assert_true (cs_dtype_from_name (t[2], &dtype));
      g_assert_true (cs_dtype_from_name (t[3], &acc));
      n = g_ascii_strtoll (t[4], NULL, 10);
      scale = g_ascii_strtod (t[5], NULL);
      l.ndim = parse_list (t[6], l.shape);
      parse_list (t[7], l.strides);
      l.offset = g_ascii_strtoll (t[8], NULL, 10);

      buf = g_malloc0 ((gsize) n * 8);
      for (gint64 k = 0; k < n; k++)
        {
          double v = (double) (((guint64) k * G_GUINT64_CONSTANT (2654435761)) % G_GUINT64_CONSTANT (4294967296)) /
                     4294967296.0 * scale - scale / 2;

          if (cs_dtype_is_floating (dtype))
            cs_dtype_set_double (dtype, buf, (gsize) k, v);
          else
            cs_dtype_set_int (dtype, buf, (gsize) k, (gint64) v);
        }

      if (strcmp (t[1], "torch") == 0)
        g_assert_true (cs_torch_sum_all (dtype, buf, &l, &sum));
      else
        sum = cs_numpy_sum_all (dtype, buf, &l, acc);

      if (acc == CS_DTYPE_FLOAT32)
        {
          float f = (float) sum;
          guint32 u;

          memcpy (&u, &f, 4);
          got = g_strdup_printf ("%08x", u);
        }
      else if (acc == CS_DTYPE_FLOAT16)
        {
          guint16 h;

          cs_dtype_set_double (CS_DTYPE_FLOAT16, &h, 0, sum);
          got = g_strdup_printf ("%04x", h);
        }
      else
        {
          guint64 u;

          memcpy (&u, &sum, 8);
          got = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", u);
        }

      if (strcmp (got, t[10]) != 0)
        {
          if (failed < 20)
            g_test_message ("line %u: %s: got %s", i + 1, lines[i], got);
          failed++;
        }
      n_cases++;
    }

  g_test_message ("%u cases, %u failed", n_cases, failed);
  g_assert_cmpuint (n_cases, >, 1000);
  g_assert_cmpuint (failed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/strided/goldens", test_goldens);
  g_test_add_func ("/core/strided/promotion", test_promotion);
  g_test_add_func ("/core/strided/layouts", test_layouts);
  g_test_add_func ("/core/strided/sums", test_sums);
  g_test_add_func ("/core/strided/promote-types", test_promote_types);
  g_test_add_func ("/core/strided/iterator", test_iterator);
  g_test_add_func ("/core/strided/internal-overlap", test_internal_overlap);
  g_test_add_func ("/core/strided/numel-overflow", test_numel_overflow);
  g_test_add_func ("/core/strided/slice-adjust", test_slice_adjust);
  g_test_add_func ("/core/strided/random-ops", test_random_ops);

  return g_test_run ();
}
