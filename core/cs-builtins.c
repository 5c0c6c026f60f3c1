/* cs-builtins.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The builtin functions (print, id, len, type, ...), the constructors of
 * the builtin types, and the methods of list, dict, str and tuple, with
 * CPython 3.11's argument errors.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-interp-format.h"
#include "cs-runtime.h"

#define TNAME(o) (cs_object_type_name (o))

static gint64
utf8_prefix_chars (const char *data,
                   gsize       bytes)
{
  gint64 n = 0;

  for (gsize i = 0; i < bytes; i++)
    if (((guchar) data[i] & 0xC0) != 0x80)
      n++;
  return n;
}

/* ---- argument helpers ------------------------------------------------------ */

gboolean
cs_args_no_kwargs (CsInterp     *interp,
                   const CsArgs *args,
                   const char   *fname)
{
  if (args->n_kw > 0)
    {
      cs_interp_raise (interp, "TypeError", "%s() takes no keyword arguments", fname);
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_args_parse (CsInterp     *interp,
               const CsArgs *args,
               const char   *fname,
               const char  **names,
               guint         n_names,
               guint         n_required,
               CsObject    **out)
{
  for (guint i = 0; i < n_names; i++)
    out[i] = NULL;
  if (args->n_args > n_names)
    {
      if (n_required == n_names)
        cs_interp_raise (interp, "TypeError", "%s() takes %u positional argument%s but %u %s given",
                         fname, n_names, n_names == 1 ? "" : "s", args->n_args,
                         args->n_args == 1 ? "was" : "were");
      else
        cs_interp_raise (interp, "TypeError", "%s() takes from %u to %u positional arguments but %u %s given",
                         fname, n_required, n_names, args->n_args, args->n_args == 1 ? "was" : "were");
      return FALSE;
    }
  for (guint i = 0; i < args->n_args; i++)
    out[i] = args->args[i];
  for (guint k = 0; k < args->n_kw; k++)
    {
      guint i;
      for (i = 0; i < n_names; i++)
        if (strcmp (names[i], args->kw_names[k]) == 0)
          break;
      if (i == n_names)
        {
          cs_interp_raise (interp, "TypeError", "%s() got an unexpected keyword argument '%s'",
                           fname, args->kw_names[k]);
          return FALSE;
        }
      if (out[i])
        {
          cs_interp_raise (interp, "TypeError", "%s() got multiple values for argument '%s'",
                           fname, names[i]);
          return FALSE;
        }
      out[i] = args->kw_values[k];
    }
  for (guint i = 0; i < n_required; i++)
    if (out[i] == NULL)
      {
        cs_interp_raise (interp, "TypeError", "%s() missing required argument '%s' (pos %u)",
                         fname, names[i], i + 1);
        return FALSE;
      }
  return TRUE;
}

/* "name expected at most 1 argument, got 2" style (METH_VARARGS checks). */
static gboolean
check_count (CsInterp     *interp,
             const CsArgs *args,
             const char   *fname,
             guint         min,
             guint         max)
{
  if (!cs_args_no_kwargs (interp, args, fname))
    return FALSE;
  if (min == max && args->n_args != min)
    {
      if (min == 1)
        cs_interp_raise (interp, "TypeError", "%s() takes exactly one argument (%u given)",
                         fname, args->n_args);
      else if (min == 0)
        cs_interp_raise (interp, "TypeError", "%s() takes no arguments (%u given)", fname, args->n_args);
      else
        cs_interp_raise (interp, "TypeError", "%s expected %u arguments, got %u",
                         strchr (fname, '.') ? strchr (fname, '.') + 1 : fname, min, args->n_args);
      return FALSE;
    }
  if (args->n_args < min)
    {
      cs_interp_raise (interp, "TypeError", "%s expected at least %u argument%s, got %u",
                       strchr (fname, '.') ? strchr (fname, '.') + 1 : fname,
                       min, min == 1 ? "" : "s", args->n_args);
      return FALSE;
    }
  if (args->n_args > max)
    {
      cs_interp_raise (interp, "TypeError", "%s expected at most %u argument%s, got %u",
                       strchr (fname, '.') ? strchr (fname, '.') + 1 : fname,
                       max, max == 1 ? "" : "s", args->n_args);
      return FALSE;
    }
  return TRUE;
}

static CsObject *
kwarg (const CsArgs *args,
       const char   *name)
{
  for (guint i = 0; i < args->n_kw; i++)
    if (strcmp (args->kw_names[i], name) == 0)
      return args->kw_values[i];
  return NULL;
}

static gboolean
only_kwargs (CsInterp     *interp,
             const CsArgs *args,
             const char   *fname,
             const char  **allowed)
{
  for (guint i = 0; i < args->n_kw; i++)
    {
      gboolean ok = FALSE;
      for (guint j = 0; allowed[j]; j++)
        if (strcmp (allowed[j], args->kw_names[i]) == 0)
          ok = TRUE;
      if (!ok)
        {
          cs_interp_raise (interp, "TypeError", "%s() got an unexpected keyword argument '%s'",
                           fname, args->kw_names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- print, id, len, type, repr ... ---------------------------------------- */

static CsObject *
builtin_print (CsInterp     *interp,
               CsObject     *self,
               const CsArgs *args)
{
  static const char *allowed[] = { "sep", "end", "file", "flush", NULL };
  CsObject *sep = kwarg (args, "sep"), *end = kwarg (args, "end"), *file = kwarg (args, "file");
  GString *out;

  if (!only_kwargs (interp, args, "print", allowed))
    return NULL;
  if (sep && sep != interp->none && cs_object_kind (sep) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "sep must be None or a string, not %s", TNAME (sep));
      return NULL;
    }
  if (end && end != interp->none && cs_object_kind (end) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "end must be None or a string, not %s", TNAME (end));
      return NULL;
    }
  if (file && file != interp->none)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "print(file=...) is not supported");
      return NULL;
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < args->n_args; i++)
    {
      g_autofree char *s = NULL;

      if (i > 0)
        {
          if (sep && sep != interp->none)
            g_string_append_len (out, sep->str.data, sep->str.len);
          else
            g_string_append_c (out, ' ');
        }
      s = cs_op_str (interp, args->args[i]);
      if (s == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append (out, s);
    }
  if (end && end != interp->none)
    g_string_append_len (out, end->str.data, end->str.len);
  else
    g_string_append_c (out, '\n');
  cs_interp_write (interp, out->str, out->len);
  g_string_free (out, TRUE);
  return interp->none;
}

static CsObject *
builtin_id (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args)
{
  gint64 addr;

  if (!check_count (interp, args, "id", 1, 1))
    return NULL;
  addr = (gint64) args->args[0]->address;
  if (interp->library_depth == 0)
    g_array_append_val (interp->ids, addr);
  return cs_int_new (interp, addr);
}

static CsObject *
builtin_len (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  gssize n;

  if (!check_count (interp, args, "len", 1, 1))
    return NULL;
  n = cs_op_len (interp, args->args[0]);
  return n < 0 ? NULL : cs_int_new (interp, n);
}

static CsObject *
builtin_repr (CsInterp     *interp,
              CsObject     *self,
              const CsArgs *args)
{
  char *r;

  if (!check_count (interp, args, "repr", 1, 1))
    return NULL;
  r = cs_op_repr (interp, args->args[0]);
  return r ? cs_str_take (interp, r, strlen (r)) : NULL;
}

static gboolean
class_of_arg (CsInterp       *interp,
              CsObject       *spec,
              const CsClass **out,
              const char     *fname)
{
  if (cs_object_kind (spec) != CS_KIND_TYPE)
    {
      cs_interp_raise (interp, "TypeError",
                       "%s() arg 2 must be a type, a tuple of types, or a union", fname);
      return FALSE;
    }
  *out = spec->type.of;
  return TRUE;
}

static CsObject *
builtin_isinstance (CsInterp     *interp,
                    CsObject     *self,
                    const CsArgs *args)
{
  CsObject *spec;
  const CsClass *cls;

  if (!check_count (interp, args, "isinstance", 2, 2))
    return NULL;
  spec = args->args[1];
  if (cs_object_kind (spec) == CS_KIND_TUPLE)
    {
      for (gsize i = 0; i < spec->seq.len; i++)
        {
          if (!class_of_arg (interp, spec->seq.items[i], &cls, "isinstance"))
            return NULL;
          if (cs_isinstance (args->args[0], cls))
            return cs_bool (interp, TRUE);
        }
      return cs_bool (interp, FALSE);
    }
  if (!class_of_arg (interp, spec, &cls, "isinstance"))
    return NULL;
  return cs_bool (interp, cs_isinstance (args->args[0], cls));
}

static CsObject *
builtin_abs (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  CsObject *x;

  if (!check_count (interp, args, "abs", 1, 1))
    return NULL;
  x = args->args[0];
  switch (cs_object_kind (x))
    {
    case CS_KIND_BOOL:
    case CS_KIND_INT:
      if (x->int_value == G_MININT64)
        {
          cs_interp_raise (interp, "OverflowError", "integer result does not fit in 64 bits");
          return NULL;
        }
      return cs_int_new (interp, x->int_value < 0 ? -x->int_value : x->int_value);
    case CS_KIND_FLOAT:
      return cs_float_new (interp, fabs (x->float_value));
    default:
      {
        CsObject *m = NULL;
        /* Library objects (tensors) provide abs as a method. */
        for (const CsClass *c = x->cls; c && !m; c = c->base)
          if (c->methods)
            for (const CsMethodDef *d = c->methods; d->name; d++)
              if (strcmp (d->name, "abs") == 0 || strcmp (d->name, "__abs__") == 0)
                {
                  CsArgs none = { 0 };
                  return d->func (interp, x, &none);
                }
        cs_interp_raise (interp, "TypeError", "bad operand type for abs(): '%s'", TNAME (x));
        return NULL;
      }
    }
}

static CsObject *
builtin_hex (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  gint64 v;

  if (!check_count (interp, args, "hex", 1, 1))
    return NULL;
  if (!cs_op_index (interp, args->args[0], &v))
    return NULL;
  if (v < 0)
    {
      char *s = g_strdup_printf ("-0x%" G_GINT64_MODIFIER "x", (guint64) (-(v + 1)) + 1);
      return cs_str_take (interp, s, strlen (s));
    }
  {
    char *s = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", (guint64) v);
    return cs_str_take (interp, s, strlen (s));
  }
}

/* Merge sort with Python's "<" (stable, like list.sort). */
static gboolean
sort_objects (CsInterp  *interp,
              CsObject **items,
              CsObject **keys,
              gsize      n,
              gboolean   reverse)
{
  CsObject **tmp_items, **tmp_keys;
  gboolean ok = TRUE;

  if (n < 2)
    return TRUE;
  tmp_items = g_new (CsObject *, n);
  tmp_keys = g_new (CsObject *, n);
  for (gsize width = 1; width < n && ok; width *= 2)
    {
      for (gsize lo = 0; lo < n && ok; lo += 2 * width)
        {
          gsize mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
          gsize i = lo, j = mid, k = lo;

          while (i < mid && j < hi)
            {
              /* Take from the right only when right < left (stability);
               * reversed sorts compare the other way round but stay stable. */
              CsObject *r = reverse ? cs_op_compare (interp, CS_CMP_LT, keys[i], keys[j])
                                    : cs_op_compare (interp, CS_CMP_LT, keys[j], keys[i]);
              int lt;
              if (r == NULL || (lt = cs_op_truth (interp, r)) < 0)
                {
                  ok = FALSE;
                  break;
                }
              if (lt)
                {
                  tmp_items[k] = items[j];
                  tmp_keys[k++] = keys[j++];
                }
              else
                {
                  tmp_items[k] = items[i];
                  tmp_keys[k++] = keys[i++];
                }
            }
          if (!ok)
            break;
          while (i < mid)
            {
              tmp_items[k] = items[i];
              tmp_keys[k++] = keys[i++];
            }
          while (j < hi)
            {
              tmp_items[k] = items[j];
              tmp_keys[k++] = keys[j++];
            }
        }
      if (ok)
        {
          memcpy (items, tmp_items, n * sizeof (CsObject *));
          memcpy (keys, tmp_keys, n * sizeof (CsObject *));
        }
    }
  g_free (tmp_items);
  g_free (tmp_keys);
  return ok;
}

static gboolean
sort_list (CsInterp *interp,
           CsObject *list,
           CsObject *key,
           CsObject *reverse)
{
  gsize n = list->seq.len;
  CsObject **items = g_memdup2 (list->seq.items, MAX (n, 1) * sizeof (CsObject *));
  CsObject **keys = g_new (CsObject *, MAX (n, 1));
  int rev = 0;
  gboolean ok;

  if (reverse && (rev = cs_op_truth (interp, reverse)) < 0)
    {
      g_free (items);
      g_free (keys);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (key && key != interp->none)
        {
          CsArgs a = { &items[i], 1, NULL, NULL, 0 };
          keys[i] = cs_op_call (interp, key, &a);
          if (keys[i] == NULL)
            {
              g_free (items);
              g_free (keys);
              return FALSE;
            }
        }
      else
        keys[i] = items[i];
    }
  ok = sort_objects (interp, items, keys, n, rev);
  if (ok && list->seq.len == n)
    {
      memcpy (list->seq.items, items, n * sizeof (CsObject *));
      list->version++;
    }
  g_free (items);
  g_free (keys);
  return ok;
}

static CsObject *
builtin_sorted (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args)
{
  static const char *allowed[] = { "key", "reverse", NULL };
  CsObject *list;

  if (!only_kwargs (interp, args, "sorted", allowed))
    return NULL;
  if (args->n_args != 1)
    {
      cs_interp_raise (interp, "TypeError", "sorted expected 1 argument, got %u", args->n_args);
      return NULL;
    }
  list = cs_op_to_list (interp, args->args[0]);
  if (list == NULL || !sort_list (interp, list, kwarg (args, "key"), kwarg (args, "reverse")))
    return NULL;
  return list;
}

static CsObject *
min_max (CsInterp     *interp,
         const CsArgs *args,
         gboolean      is_max)
{
  static const char *allowed[] = { "key", "default", NULL };
  const char *fname = is_max ? "max" : "min";
  CsObject *key = kwarg (args, "key"), *def = kwarg (args, "default");
  CsObject *best = NULL, *best_key = NULL, *it, *x;

  if (!only_kwargs (interp, args, fname, allowed))
    return NULL;
  if (args->n_args == 0)
    {
      cs_interp_raise (interp, "TypeError", "%s expected at least 1 argument, got 0", fname);
      return NULL;
    }
  if (args->n_args == 1)
    it = cs_op_iter (interp, args->args[0]);
  else
    {
      CsObject *tuple = cs_tuple_new (interp, args->n_args);
      memcpy (tuple->seq.items, args->args, args->n_args * sizeof (CsObject *));
      it = cs_op_iter (interp, tuple);
    }
  if (it == NULL)
    return NULL;
  while ((x = cs_op_next (interp, it)) != NULL)
    {
      CsObject *k = x;
      if (key && key != interp->none)
        {
          CsArgs a = { &x, 1, NULL, NULL, 0 };
          k = cs_op_call (interp, key, &a);
          if (k == NULL)
            return NULL;
        }
      if (best == NULL)
        {
          best = x;
          best_key = k;
        }
      else
        {
          CsObject *r = cs_op_compare (interp, is_max ? CS_CMP_GT : CS_CMP_LT, k, best_key);
          int t;
          if (r == NULL || (t = cs_op_truth (interp, r)) < 0)
            return NULL;
          if (t)
            {
              best = x;
              best_key = k;
            }
        }
    }
  if (cs_interp_has_error (interp))
    return NULL;
  if (best == NULL)
    {
      if (def)
        return def;
      cs_interp_raise (interp, "ValueError", "%s() arg is an empty sequence", fname);
      return NULL;
    }
  return best;
}

static CsObject *
builtin_min (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  return min_max (interp, args, FALSE);
}

static CsObject *
builtin_max (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  return min_max (interp, args, TRUE);
}

static CsObject *
builtin_sum (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  static const char *names[] = { "iterable", "start" };
  CsObject *vals[2], *acc, *it, *x;

  if (!cs_args_parse (interp, args, "sum", names, 2, 1, vals))
    return NULL;
  acc = vals[1] ? vals[1] : cs_int_new (interp, 0);
  if (cs_object_kind (acc) == CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
      return NULL;
    }
  it = cs_op_iter (interp, vals[0]);
  if (it == NULL)
    return NULL;
  while ((x = cs_op_next (interp, it)) != NULL)
    {
      acc = cs_op_binary (interp, CS_BIN_ADD, acc, x, FALSE);
      if (acc == NULL)
        return NULL;
    }
  return cs_interp_has_error (interp) ? NULL : acc;
}

static CsObject *
builtin_round (CsInterp     *interp,
               CsObject     *self,
               const CsArgs *args)
{
  static const char *names[] = { "number", "ndigits" };
  CsObject *vals[2];
  double v;

  if (!cs_args_parse (interp, args, "round", names, 2, 1, vals))
    return NULL;
  if (cs_object_kind (vals[0]) == CS_KIND_INT || cs_object_kind (vals[0]) == CS_KIND_BOOL)
    return cs_int_new (interp, vals[0]->int_value);
  if (cs_object_kind (vals[0]) != CS_KIND_FLOAT)
    {
      cs_interp_raise (interp, "TypeError", "type %s doesn't define __round__ method", TNAME (vals[0]));
      return NULL;
    }
  v = vals[0]->float_value;
  if (vals[1] == NULL || vals[1] == interp->none)
    {
      double r = nearbyint (v);   /* round half to even */
      if (isnan (v) || isinf (v))
        {
          cs_interp_raise (interp, isnan (v) ? "ValueError" : "OverflowError",
                           isnan (v) ? "cannot convert float NaN to integer"
                                     : "cannot convert float infinity to integer");
          return NULL;
        }
      return cs_int_new (interp, (gint64) r);
    }
  else
    {
      gint64 nd;
      char buf[64];
      if (!cs_op_index (interp, vals[1], &nd))
        return NULL;
      if (nd > 300 || nd < -300 || !isfinite (v))
        return cs_float_new (interp, v);
      if (nd >= 0)
        {
          /* Correctly rounded through the decimal text, as CPython does. */
          g_snprintf (buf, sizeof buf, "%.*f", (int) nd, v);
          return cs_float_new (interp, g_ascii_strtod (buf, NULL));
        }
      else
        {
          double p = pow (10.0, (double) -nd);
          return cs_float_new (interp, nearbyint (v / p) * p);
        }
    }
}

static CsObject *
builtin_iter (CsInterp     *interp,
              CsObject     *self,
              const CsArgs *args)
{
  if (!check_count (interp, args, "iter", 1, 1))
    return NULL;
  return cs_op_iter (interp, args->args[0]);
}

static CsObject *
builtin_next (CsInterp     *interp,
              CsObject     *self,
              const CsArgs *args)
{
  CsObject *r;

  if (!check_count (interp, args, "next", 1, 2))
    return NULL;
  if (args->args[0]->cls->next == NULL)
    {
      cs_interp_raise (interp, "TypeError", "'%s' object is not an iterator", TNAME (args->args[0]));
      return NULL;
    }
  r = cs_op_next (interp, args->args[0]);
  if (r == NULL && !cs_interp_has_error (interp))
    {
      if (args->n_args == 2)
        return args->args[1];
      cs_interp_raise (interp, "StopIteration", "%s", "");
    }
  return r;
}

static CsObject *
any_all (CsInterp     *interp,
         const CsArgs *args,
         gboolean      is_all)
{
  CsObject *it, *x;

  if (!check_count (interp, args, is_all ? "all" : "any", 1, 1))
    return NULL;
  it = cs_op_iter (interp, args->args[0]);
  if (it == NULL)
    return NULL;
  while ((x = cs_op_next (interp, it)) != NULL)
    {
      int t = cs_op_truth (interp, x);
      if (t < 0)
        return NULL;
      if (is_all && !t)
        return cs_bool (interp, FALSE);
      if (!is_all && t)
        return cs_bool (interp, TRUE);
    }
  if (cs_interp_has_error (interp))
    return NULL;
  return cs_bool (interp, is_all);
}

static CsObject *
builtin_any (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  return any_all (interp, args, FALSE);
}

static CsObject *
builtin_all (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  return any_all (interp, args, TRUE);
}

static CsObject *
builtin_chr (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  gint64 v;
  char buf[8];
  int n;

  if (!check_count (interp, args, "chr", 1, 1) || !cs_op_index (interp, args->args[0], &v))
    return NULL;
  if (v < 0 || v > 0x10ffff)
    {
      cs_interp_raise (interp, "ValueError", "chr() arg not in range(0x110000)");
      return NULL;
    }
  n = g_unichar_to_utf8 ((gunichar) v, buf);
  return cs_str_new (interp, buf, n);
}

static CsObject *
builtin_ord (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  CsObject *s;

  if (!check_count (interp, args, "ord", 1, 1))
    return NULL;
  s = args->args[0];
  if (cs_object_kind (s) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "ord() expected string of length 1, but %s found", TNAME (s));
      return NULL;
    }
  if (s->str.n_chars != 1)
    {
      cs_interp_raise (interp, "TypeError", "ord() expected a character, but string of length %"
                       G_GSIZE_FORMAT " found", s->str.n_chars);
      return NULL;
    }
  return cs_int_new (interp, g_utf8_get_char (s->str.data));
}

static CsObject *
builtin_callable (CsInterp     *interp,
                  CsObject     *self,
                  const CsArgs *args)
{
  if (!check_count (interp, args, "callable", 1, 1))
    return NULL;
  return cs_bool (interp, args->args[0]->cls->call != NULL);
}

/* enumerate / zip / reversed: iterators over an inner iterator. */
enum
{
  WRAP_ENUMERATE,
  WRAP_ZIP,
  WRAP_REVERSED,
};

static CsObject *
wrap_iter_self (CsInterp *interp,
                CsObject *self)
{
  return self;
}

static CsObject *
wrap_next (CsInterp *interp,
           CsObject *self)
{
  CsObject *src = self->iter.source;

  if (src == NULL)
    return NULL;
  switch (self->iter.what)
    {
    case WRAP_ENUMERATE:
      {
        CsObject *x = cs_op_next (interp, src->seq.items[0]);
        if (x == NULL)
          return NULL;
        return cs_tuple_pack (interp, 2,
                              cs_int_new (interp, src->seq.items[1]->int_value + (gint64) self->iter.pos++),
                              x);
      }
    case WRAP_ZIP:
      {
        CsObject *t;
        if (src->seq.len == 0)
          return NULL;
        t = cs_tuple_new (interp, src->seq.len);
        for (gsize i = 0; i < src->seq.len; i++)
          {
            CsObject *x = cs_op_next (interp, src->seq.items[i]);
            if (x == NULL)
              {
                self->iter.source = NULL;
                return NULL;
              }
            t->seq.items[i] = x;
          }
        return t;
      }
    default:
      {
        /* src is a list snapshot of the sequence. */
        if (self->iter.pos >= src->seq.len)
          return NULL;
        return src->seq.items[src->seq.len - 1 - self->iter.pos++];
      }
    }
}

static const CsClass enumerate_class = {
  .kind = CS_KIND_ITER,
  .name = "enumerate",
  .iter = wrap_iter_self,
  .next = wrap_next,
};

static const CsClass zip_class = {
  .kind = CS_KIND_ITER,
  .name = "zip",
  .iter = wrap_iter_self,
  .next = wrap_next,
};

static const CsClass reversed_class = {
  .kind = CS_KIND_ITER,
  .name = "list_reverseiterator",
  .iter = wrap_iter_self,
  .next = wrap_next,
};

static CsObject *
builtin_enumerate (CsInterp     *interp,
                   CsObject     *self,
                   const CsArgs *args)
{
  static const char *names[] = { "iterable", "start" };
  CsObject *vals[2], *it, *obj;

  if (!cs_args_parse (interp, args, "enumerate", names, 2, 1, vals))
    return NULL;
  it = cs_op_iter (interp, vals[0]);
  if (it == NULL)
    return NULL;
  if (vals[1] && cs_object_kind (vals[1]) != CS_KIND_INT && cs_object_kind (vals[1]) != CS_KIND_BOOL)
    {
      cs_interp_raise (interp, "TypeError", "'%s' object cannot be interpreted as an integer", TNAME (vals[1]));
      return NULL;
    }
  obj = cs_interp_alloc (interp, &enumerate_class);
  obj->iter.source = cs_tuple_pack (interp, 2, it, vals[1] ? vals[1] : cs_int_new (interp, 0));
  obj->iter.what = WRAP_ENUMERATE;
  return obj;
}

static CsObject *
builtin_zip (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  CsObject *t, *obj;

  if (!cs_args_no_kwargs (interp, args, "zip"))
    return NULL;
  t = cs_tuple_new (interp, args->n_args);
  for (guint i = 0; i < args->n_args; i++)
    {
      t->seq.items[i] = cs_op_iter (interp, args->args[i]);
      if (t->seq.items[i] == NULL)
        return NULL;
    }
  obj = cs_interp_alloc (interp, &zip_class);
  obj->iter.source = t;
  obj->iter.what = WRAP_ZIP;
  return obj;
}

static CsObject *
builtin_reversed (CsInterp     *interp,
                  CsObject     *self,
                  const CsArgs *args)
{
  CsObject *list, *obj;

  if (!check_count (interp, args, "reversed", 1, 1))
    return NULL;
  if (args->args[0]->cls->getitem == NULL || args->args[0]->cls->len == NULL ||
      cs_object_kind (args->args[0]) == CS_KIND_DICT)
    {
      cs_interp_raise (interp, "TypeError", "'%s' object is not reversible", TNAME (args->args[0]));
      return NULL;
    }
  list = cs_op_to_list (interp, args->args[0]);
  if (list == NULL)
    return NULL;
  obj = cs_interp_alloc (interp, &reversed_class);
  obj->iter.source = list;
  obj->iter.what = WRAP_REVERSED;
  return obj;
}

static CsObject *
builtin_divmod (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args)
{
  CsObject *q, *r;

  if (!check_count (interp, args, "divmod", 2, 2))
    return NULL;
  q = cs_op_binary (interp, CS_BIN_FLOORDIV, args->args[0], args->args[1], FALSE);
  if (q == NULL)
    return NULL;
  r = cs_op_binary (interp, CS_BIN_MOD, args->args[0], args->args[1], FALSE);
  return r ? cs_tuple_pack (interp, 2, q, r) : NULL;
}

static CsObject *
builtin_pow (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  if (!check_count (interp, args, "pow", 2, 2))
    return NULL;
  return cs_op_binary (interp, CS_BIN_POW, args->args[0], args->args[1], FALSE);
}

static CsObject *
int_in_base (CsInterp     *interp,
             const CsArgs *args,
             const char   *fname,
             int           shift,
             const char   *prefix)
{
  gint64 v;
  guint64 u;
  char buf[80];
  int pos = sizeof buf - 1;

  if (!check_count (interp, args, fname, 1, 1) || !cs_op_index (interp, args->args[0], &v))
    return NULL;
  u = v < 0 ? (guint64) (-(v + 1)) + 1 : (guint64) v;
  buf[pos] = '\0';
  do
    {
      buf[--pos] = "0123456789abcdef"[u & ((1u << shift) - 1)];
      u >>= shift;
    }
  while (u);
  {
    char *text = g_strdup_printf ("%s%s%s", v < 0 ? "-" : "", prefix, buf + pos);
    return cs_str_take (interp, text, strlen (text));
  }
}

static CsObject *
builtin_bin (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  return int_in_base (interp, args, "bin", 1, "0b");
}

static CsObject *
builtin_oct (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  return int_in_base (interp, args, "oct", 3, "0o");
}

static CsObject *
builtin_getattr (CsInterp     *interp,
                 CsObject     *self,
                 const CsArgs *args)
{
  CsObject *r;

  if (!check_count (interp, args, "getattr", 2, 3))
    return NULL;
  if (cs_object_kind (args->args[1]) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "attribute name must be string, not '%s'", TNAME (args->args[1]));
      return NULL;
    }
  r = cs_op_getattr (interp, args->args[0], args->args[1]->str.data);
  if (r == NULL && args->n_args == 3 && g_strcmp0 (interp->error->type, "AttributeError") == 0)
    {
      cs_interp_clear_error (interp);
      return args->args[2];
    }
  return r;
}

static CsObject *
builtin_hasattr (CsInterp     *interp,
                 CsObject     *self,
                 const CsArgs *args)
{
  CsObject *r;

  if (!check_count (interp, args, "hasattr", 2, 2))
    return NULL;
  if (cs_object_kind (args->args[1]) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "attribute name must be string, not '%s'", TNAME (args->args[1]));
      return NULL;
    }
  r = cs_op_getattr (interp, args->args[0], args->args[1]->str.data);
  if (r == NULL && g_strcmp0 (interp->error->type, "AttributeError") == 0)
    {
      cs_interp_clear_error (interp);
      return cs_bool (interp, FALSE);
    }
  return r ? cs_bool (interp, TRUE) : NULL;
}

/* Python builtins Copyscope does not model: a clear error, not NameError. */
static const char *const unsupported_builtins[] = {
  "set", "frozenset", "bytes", "bytearray", "complex", "map", "filter", "input", "open",
  "exec", "eval", "compile", "globals", "locals", "vars", "dir", "setattr", "delattr",
  "hash", "super", "property", "staticmethod", "classmethod", "memoryview",
  "issubclass", "breakpoint", "help", "slice", "aiter", "anext", "__import__",
};

gboolean
_cs_builtin_is_unsupported (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (unsupported_builtins); i++)
    if (strcmp (unsupported_builtins[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* ---- constructors of builtin types ------------------------------------- */

static CsObject *
parse_int_text (CsInterp   *interp,
                CsObject   *s,
                gint64      base)
{
  g_autofree char *text = g_strstrip (g_strndup (s->str.data, s->str.len));
  g_autofree char *clean = NULL;
  g_autofree char *r = NULL;
  char *end = NULL;
  gint64 v;
  gsize j = 0;

  clean = g_malloc (strlen (text) + 1);
  for (gsize i = 0; text[i]; i++)
    if (text[i] != '_' || (i > 0 && g_ascii_isalnum (text[i - 1]) && g_ascii_isalnum (text[i + 1])))
      clean[j++] = text[i];
  clean[j] = '\0';
  errno = 0;
  if (clean[0] != '\0' && !g_ascii_isspace (clean[0]))
    v = g_ascii_strtoll (clean, &end, base);
  else
    v = 0, end = clean;
  if (end == clean || *end != '\0' || (j > 0 && (clean[j - 1] == '_')))
    {
      r = cs_op_repr (interp, s);
      cs_interp_raise (interp, "ValueError", "invalid literal for int() with base %" G_GINT64_FORMAT ": %s",
                       base, r);
      return NULL;
    }
  if (errno == ERANGE)
    {
      cs_interp_raise (interp, "OverflowError", "integer does not fit in 64 bits");
      return NULL;
    }
  return cs_int_new (interp, v);
}

static CsObject *
construct_int (CsInterp     *interp,
               const CsArgs *args)
{
  static const char *names[] = { "x", "base" };
  CsObject *vals[2];
  CsObject *x;
  gint64 v, base = 10;

  if (!cs_args_parse (interp, args, "int", names, 2, 0, vals))
    return NULL;
  x = vals[0];
  if (x == NULL)
    return cs_int_new (interp, 0);
  if (vals[1])
    {
      if (!cs_op_index (interp, vals[1], &base))
        return NULL;
      if (cs_object_kind (x) != CS_KIND_STR)
        {
          cs_interp_raise (interp, "TypeError", "int() can't convert non-string with explicit base");
          return NULL;
        }
    }
  if (cs_object_kind (x) == CS_KIND_STR)
    return parse_int_text (interp, x, base);
  if (x->cls->to_int == NULL || cs_object_kind (x) == CS_KIND_NONE)
    {
      cs_interp_raise (interp, "TypeError",
                       "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                       TNAME (x));
      return NULL;
    }
  if (!x->cls->to_int (interp, x, &v))
    return NULL;
  return cs_int_new (interp, v);
}

static CsObject *
construct_float (CsInterp     *interp,
                 const CsArgs *args)
{
  CsObject *x;
  double v;

  if (!check_count (interp, args, "float", 0, 1))
    return NULL;
  if (args->n_args == 0)
    return cs_float_new (interp, 0.0);
  x = args->args[0];
  if (cs_object_kind (x) == CS_KIND_FLOAT)
    return x;
  if (cs_object_kind (x) == CS_KIND_STR)
    {
      g_autofree char *text = g_strstrip (g_strndup (x->str.data, x->str.len));
      char *end = NULL;
      const char *t = text;
      gboolean neg = FALSE;

      if (*t == '+' || *t == '-')
        neg = *t++ == '-';
      if (g_ascii_strcasecmp (t, "nan") == 0)
        return cs_float_new (interp, NAN);
      if (g_ascii_strcasecmp (t, "inf") == 0 || g_ascii_strcasecmp (t, "infinity") == 0)
        return cs_float_new (interp, neg ? -INFINITY : INFINITY);
      if (*t != '\0' && (g_ascii_isdigit (*t) || *t == '.'))
        {
          v = g_ascii_strtod (text, &end);
          if (end && *end == '\0')
            return cs_float_new (interp, v);
        }
      {
        g_autofree char *r = cs_op_repr (interp, x);
        cs_interp_raise (interp, "ValueError", "could not convert string to float: %s", r);
      }
      return NULL;
    }
  if (x->cls->to_float == NULL || cs_object_kind (x) == CS_KIND_NONE)
    {
      cs_interp_raise (interp, "TypeError", "float() argument must be a string or a real number, not '%s'",
                       TNAME (x));
      return NULL;
    }
  if (!x->cls->to_float (interp, x, &v))
    return NULL;
  return cs_float_new (interp, v);
}

static CsObject *
dict_update_from (CsInterp *interp,
                  CsObject *dict,
                  CsObject *src)
{
  if (cs_object_kind (src) == CS_KIND_DICT)
    {
      for (gsize i = 0; i < src->dict.n_entries; i++)
        if (src->dict.entries[i].key)
          if (!cs_dict_set (interp, dict, src->dict.entries[i].key, src->dict.entries[i].value))
            return NULL;
      return dict;
    }
  else
    {
      CsObject *it = cs_op_iter (interp, src), *x;
      gsize n = 0;

      if (it == NULL)
        return NULL;
      while ((x = cs_op_next (interp, it)) != NULL)
        {
          CsObject *pair = (cs_object_kind (x) == CS_KIND_LIST || cs_object_kind (x) == CS_KIND_TUPLE)
                           ? x : NULL;
          if (pair == NULL && x->cls->iter != NULL)
            pair = cs_op_to_list (interp, x);
          if (pair == NULL)
            {
              if (!cs_interp_has_error (interp))
                cs_interp_raise (interp, "TypeError",
                                 "cannot convert dictionary update sequence element #%" G_GSIZE_FORMAT
                                 " to a sequence", n);
              return NULL;
            }
          if (pair->seq.len != 2)
            {
              cs_interp_raise (interp, "ValueError",
                               "dictionary update sequence element #%" G_GSIZE_FORMAT
                               " has length %" G_GSIZE_FORMAT "; 2 is required", n, pair->seq.len);
              return NULL;
            }
          if (!cs_dict_set (interp, dict, pair->seq.items[0], pair->seq.items[1]))
            return NULL;
          n++;
        }
      return cs_interp_has_error (interp) ? NULL : dict;
    }
}

static CsObject *
construct_range (CsInterp     *interp,
                 const CsArgs *args)
{
  gint64 v[3] = { 0, 0, 1 };
  CsObject *r;

  if (!cs_args_no_kwargs (interp, args, "range"))
    return NULL;
  if (args->n_args == 0 || args->n_args > 3)
    {
      cs_interp_raise (interp, "TypeError", args->n_args == 0 ? "range expected at least 1 argument, got 0"
                                                               : "range expected at most 3 arguments, got %u",
                       args->n_args);
      return NULL;
    }
  for (guint i = 0; i < args->n_args; i++)
    if (!cs_op_index (interp, args->args[i], &v[args->n_args == 1 ? 1 : i]))
      return NULL;
  if (v[2] == 0)
    {
      cs_interp_raise (interp, "ValueError", "range() arg 3 must not be zero");
      return NULL;
    }
  r = cs_interp_alloc (interp, &cs_range_class);
  r->range.start = v[0];
  r->range.stop = v[1];
  r->range.step = v[2];
  return r;
}

CsObject *
_cs_builtin_construct (CsInterp      *interp,
                       const CsClass *cls,
                       const CsArgs  *args)
{
  if (cls == &cs_int_class)
    return construct_int (interp, args);
  if (cls == &cs_float_class)
    return construct_float (interp, args);
  if (cls == &cs_bool_class)
    {
      int t;
      if (!check_count (interp, args, "bool", 0, 1))
        return NULL;
      if (args->n_args == 0)
        return cs_bool (interp, FALSE);
      t = cs_op_truth (interp, args->args[0]);
      return t < 0 ? NULL : cs_bool (interp, t);
    }
  if (cls == &cs_str_class)
    {
      char *s;
      if (!check_count (interp, args, "str", 0, 1))
        return NULL;
      if (args->n_args == 0)
        return interp->empty_str;
      if (cs_object_kind (args->args[0]) == CS_KIND_STR)
        return args->args[0];
      s = cs_op_str (interp, args->args[0]);
      return s ? cs_str_take (interp, s, strlen (s)) : NULL;
    }
  if (cls == &cs_list_class)
    {
      if (!check_count (interp, args, "list", 0, 1))
        return NULL;
      if (args->n_args == 0)
        return cs_list_new (interp, 0);
      return cs_op_to_list (interp, args->args[0]);
    }
  if (cls == &cs_tuple_class)
    {
      CsObject *list, *t;
      if (!check_count (interp, args, "tuple", 0, 1))
        return NULL;
      if (args->n_args == 0)
        return interp->empty_tuple;
      if (args->args[0]->cls == &cs_tuple_class)
        return args->args[0];
      list = cs_op_to_list (interp, args->args[0]);
      if (list == NULL)
        return NULL;
      t = cs_tuple_new (interp, list->seq.len);
      if (list->seq.len)
        memcpy (t->seq.items, list->seq.items, list->seq.len * sizeof (CsObject *));
      return t;
    }
  if (cls == &cs_dict_class)
    {
      CsObject *d = cs_dict_new (interp);
      if (args->n_args > 1)
        {
          cs_interp_raise (interp, "TypeError", "dict expected at most 1 argument, got %u", args->n_args);
          return NULL;
        }
      if (args->n_args == 1 && dict_update_from (interp, d, args->args[0]) == NULL)
        return NULL;
      for (guint i = 0; i < args->n_kw; i++)
        if (!cs_dict_set (interp, d, cs_str_intern (interp, args->kw_names[i]), args->kw_values[i]))
          return NULL;
      d->version = 0;
      return d;
    }
  if (cls == &cs_range_class)
    return construct_range (interp, args);
  if (cls == &cs_type_class)
    {
      if (args->n_args == 1 && args->n_kw == 0)
        return cs_type_object (interp, args->args[0]->cls);
      cs_interp_raise (interp, "TypeError", "type() takes 1 or 3 arguments");
      return NULL;
    }
  if (cls == &cs_object_class)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "object() instances are not supported");
      return NULL;
    }
  cs_interp_raise (interp, "TypeError", "cannot create '%s' instances", cls->name);
  return NULL;
}

/* ---- list methods ------------------------------------------------------------ */

static CsObject *
list_append (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  if (!check_count (interp, args, "list.append", 1, 1))
    return NULL;
  if (!cs_list_append (interp, self, args->args[0]))
    return NULL;
  cs_interp_event_item (interp, CS_EVENT_ITEM_INSERTED, self, NULL, self->seq.len - 1, NULL, args->args[0]);
  cs_interp_touch (interp, self);
  return interp->none;
}

static CsObject *
list_extend (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  if (!check_count (interp, args, "list.extend", 1, 1))
    return NULL;
  return cs_op_binary (interp, CS_BIN_ADD, self, args->args[0], TRUE) ? interp->none : NULL;
}

static CsObject *
list_insert (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  gint64 i;
  gssize n = self->seq.len;

  if (!check_count (interp, args, "list.insert", 2, 2))
    return NULL;
  if (!cs_op_index (interp, args->args[0], &i))
    return NULL;
  if (i < 0)
    i = MAX (i + n, 0);
  if (i > n)
    i = n;
  if (!cs_list_append (interp, self, args->args[1]))
    return NULL;
  memmove (self->seq.items + i + 1, self->seq.items + i, (n - i) * sizeof (CsObject *));
  self->seq.items[i] = args->args[1];
  cs_interp_event_item (interp, CS_EVENT_ITEM_INSERTED, self, NULL, i, NULL, args->args[1]);
  cs_interp_touch (interp, self);
  return interp->none;
}

static CsObject *
list_pop (CsInterp     *interp,
          CsObject     *self,
          const CsArgs *args)
{
  gint64 i = -1;
  CsObject *item;

  if (!check_count (interp, args, "list.pop", 0, 1))
    return NULL;
  if (args->n_args == 1 && !cs_op_index (interp, args->args[0], &i))
    return NULL;
  if (self->seq.len == 0)
    {
      cs_interp_raise (interp, "IndexError", "pop from empty list");
      return NULL;
    }
  if (i < 0)
    i += self->seq.len;
  if (i < 0 || (gsize) i >= self->seq.len)
    {
      cs_interp_raise (interp, "IndexError", "pop index out of range");
      return NULL;
    }
  item = self->seq.items[i];
  memmove (self->seq.items + i, self->seq.items + i + 1, (self->seq.len - i - 1) * sizeof (CsObject *));
  self->seq.len--;
  self->version++;
  cs_interp_event_item (interp, CS_EVENT_ITEM_REMOVED, self, NULL, i, item, NULL);
  cs_interp_touch (interp, self);
  return item;
}

static CsObject *
list_remove (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  if (!check_count (interp, args, "list.remove", 1, 1))
    return NULL;
  for (gsize i = 0; i < self->seq.len; i++)
    {
      int eq = cs_op_eq (interp, self->seq.items[i], args->args[0]);
      if (eq < 0)
        return NULL;
      if (eq)
        {
          CsObject *item = self->seq.items[i];
          memmove (self->seq.items + i, self->seq.items + i + 1,
                   (self->seq.len - i - 1) * sizeof (CsObject *));
          self->seq.len--;
          self->version++;
          cs_interp_event_item (interp, CS_EVENT_ITEM_REMOVED, self, NULL, i, item, NULL);
          cs_interp_touch (interp, self);
          return interp->none;
        }
    }
  cs_interp_raise (interp, "ValueError", "list.remove(x): x not in list");
  return NULL;
}

static CsObject *
list_copy (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  if (!check_count (interp, args, "list.copy", 0, 0))
    return NULL;
  return cs_op_to_list (interp, self);
}

static CsObject *
list_clear (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args)
{
  if (!check_count (interp, args, "list.clear", 0, 0))
    return NULL;
  for (gsize i = self->seq.len; i > 0; i--)
    cs_interp_event_item (interp, CS_EVENT_ITEM_REMOVED, self, NULL, i - 1, self->seq.items[i - 1], NULL);
  self->seq.len = 0;
  self->version++;
  cs_interp_touch (interp, self);
  return interp->none;
}

static CsObject *
seq_index_method (CsInterp     *interp,
                  CsObject     *self,
                  const CsArgs *args,
                  const char   *fname)
{
  gint64 start = 0, stop = G_MAXINT64;
  gint64 n = self->seq.len;

  if (!check_count (interp, args, fname, 1, 3))
    return NULL;
  if (args->n_args > 1 && !cs_op_index (interp, args->args[1], &start))
    return NULL;
  if (args->n_args > 2 && !cs_op_index (interp, args->args[2], &stop))
    return NULL;
  if (start < 0)
    start = MAX (start + n, 0);
  if (stop < 0)
    stop = MAX (stop + n, 0);
  for (gint64 i = start; i < MIN (stop, (gint64) self->seq.len); i++)
    {
      int eq = cs_op_eq (interp, self->seq.items[i], args->args[0]);
      if (eq < 0)
        return NULL;
      if (eq)
        return cs_int_new (interp, i);
    }
  if (cs_object_kind (self) == CS_KIND_TUPLE)
    cs_interp_raise (interp, "ValueError", "tuple.index(x): x not in tuple");
  else
    {
      g_autofree char *r = cs_op_repr (interp, args->args[0]);
      if (r)
        cs_interp_raise (interp, "ValueError", "%s is not in list", r);
    }
  return NULL;
}

static CsObject *
list_index (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args)
{
  return seq_index_method (interp, self, args, "index");
}

static CsObject *
seq_count_method (CsInterp     *interp,
                  CsObject     *self,
                  const CsArgs *args)
{
  gint64 n = 0;

  if (!check_count (interp, args, cs_object_kind (self) == CS_KIND_LIST ? "list.count" : "tuple.count", 1, 1))
    return NULL;
  for (gsize i = 0; i < self->seq.len; i++)
    {
      int eq = cs_op_eq (interp, self->seq.items[i], args->args[0]);
      if (eq < 0)
        return NULL;
      n += eq;
    }
  return cs_int_new (interp, n);
}

static CsObject *
list_reverse (CsInterp     *interp,
              CsObject     *self,
              const CsArgs *args)
{
  if (!check_count (interp, args, "list.reverse", 0, 0))
    return NULL;
  for (gsize i = 0, j = self->seq.len; i + 1 < j; i++, j--)
    {
      CsObject *t = self->seq.items[i];
      self->seq.items[i] = self->seq.items[j - 1];
      self->seq.items[j - 1] = t;
    }
  self->version++;
  cs_interp_touch (interp, self);
  return interp->none;
}

static CsObject *
list_sort (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  static const char *allowed[] = { "key", "reverse", NULL };

  if (!only_kwargs (interp, args, "sort", allowed))
    return NULL;
  if (args->n_args > 0)
    {
      cs_interp_raise (interp, "TypeError", "sort() takes no positional arguments");
      return NULL;
    }
  if (!sort_list (interp, self, kwarg (args, "key"), kwarg (args, "reverse")))
    return NULL;
  cs_interp_touch (interp, self);
  return interp->none;
}

const CsMethodDef _cs_list_methods[] = {
  { "append", list_append },
  { "extend", list_extend },
  { "insert", list_insert },
  { "pop", list_pop },
  { "remove", list_remove },
  { "copy", list_copy },
  { "clear", list_clear },
  { "index", list_index },
  { "count", seq_count_method },
  { "reverse", list_reverse },
  { "sort", list_sort },
  { NULL, NULL },
};

static CsObject *
tuple_index (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  return seq_index_method (interp, self, args, "index");
}

const CsMethodDef _cs_tuple_methods[] = {
  { "index", tuple_index },
  { "count", seq_count_method },
  { NULL, NULL },
};

/* ---- dict methods ---------------------------------------------------------- */

static CsObject *
dict_get (CsInterp     *interp,
          CsObject     *self,
          const CsArgs *args)
{
  CsObject *v = NULL;
  int r;

  if (!check_count (interp, args, "dict.get", 1, 2))
    return NULL;
  r = cs_dict_lookup (interp, self, args->args[0], &v);
  if (r < 0)
    return NULL;
  if (r == 0)
    return args->n_args == 2 ? args->args[1] : interp->none;
  return v;
}

static CsObject *
dict_view (CsInterp      *interp,
           CsObject      *self,
           const CsClass *cls,
           guint          what)
{
  CsObject *v = cs_interp_alloc (interp, cls);

  v->iter.source = self;
  v->iter.what = what;
  return v;
}

static CsObject *
dict_keys (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  if (!check_count (interp, args, "dict.keys", 0, 0))
    return NULL;
  return dict_view (interp, self, &cs_dict_keys_class, 0);
}

static CsObject *
dict_values (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  if (!check_count (interp, args, "dict.values", 0, 0))
    return NULL;
  return dict_view (interp, self, &cs_dict_values_class, 1);
}

static CsObject *
dict_items (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args)
{
  if (!check_count (interp, args, "dict.items", 0, 0))
    return NULL;
  return dict_view (interp, self, &cs_dict_items_class, 2);
}

static CsObject *
dict_copy (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  CsObject *d;

  if (!check_count (interp, args, "dict.copy", 0, 0))
    return NULL;
  d = cs_dict_new (interp);
  if (dict_update_from (interp, d, self) == NULL)
    return NULL;
  d->version = 0;
  return d;
}

static CsObject *
dict_update (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  if (args->n_args > 1)
    {
      cs_interp_raise (interp, "TypeError", "update expected at most 1 argument, got %u", args->n_args);
      return NULL;
    }
  if (args->n_args == 1 && dict_update_from (interp, self, args->args[0]) == NULL)
    return NULL;
  for (guint i = 0; i < args->n_kw; i++)
    if (!cs_dict_set (interp, self, cs_str_intern (interp, args->kw_names[i]), args->kw_values[i]))
      return NULL;
  cs_interp_event_item (interp, CS_EVENT_ITEM_WRITTEN, self, NULL, -1, NULL, NULL);
  cs_interp_touch (interp, self);
  return interp->none;
}

static CsObject *
dict_pop (CsInterp     *interp,
          CsObject     *self,
          const CsArgs *args)
{
  CsObject *v = NULL;
  int r;

  if (!check_count (interp, args, "dict.pop", 1, 2))
    return NULL;
  r = cs_dict_remove (interp, self, args->args[0], &v);
  if (r < 0)
    return NULL;
  if (r == 0)
    {
      if (args->n_args == 2)
        return args->args[1];
      {
        g_autofree char *k = cs_op_repr (interp, args->args[0]);
        if (k)
          cs_interp_raise (interp, "KeyError", "%s", k);
      }
      return NULL;
    }
  cs_interp_event_item (interp, CS_EVENT_ITEM_REMOVED, self, args->args[0], -1, v, NULL);
  cs_interp_touch (interp, self);
  return v;
}

static CsObject *
dict_setdefault (CsInterp     *interp,
                 CsObject     *self,
                 const CsArgs *args)
{
  CsObject *v = NULL;
  int r;

  if (!check_count (interp, args, "dict.setdefault", 1, 2))
    return NULL;
  r = cs_dict_lookup (interp, self, args->args[0], &v);
  if (r < 0)
    return NULL;
  if (r == 1)
    return v;
  v = args->n_args == 2 ? args->args[1] : interp->none;
  if (!cs_dict_set (interp, self, args->args[0], v))
    return NULL;
  cs_interp_event_item (interp, CS_EVENT_ITEM_INSERTED, self, args->args[0], -1, NULL, v);
  cs_interp_touch (interp, self);
  return v;
}

static CsObject *
dict_clear (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args)
{
  if (!check_count (interp, args, "dict.clear", 0, 0))
    return NULL;
  self->dict.n_entries = 0;
  self->dict.len = 0;
  g_clear_pointer (&self->dict.index, g_free);
  self->version++;
  cs_interp_touch (interp, self);
  return interp->none;
}

const CsMethodDef _cs_dict_methods[] = {
  { "get", dict_get },
  { "keys", dict_keys },
  { "values", dict_values },
  { "items", dict_items },
  { "copy", dict_copy },
  { "update", dict_update },
  { "pop", dict_pop },
  { "setdefault", dict_setdefault },
  { "clear", dict_clear },
  { NULL, NULL },
};

/* ---- str methods ------------------------------------------------------------ */

static CsObject *
str_case (CsInterp     *interp,
          CsObject     *self,
          const CsArgs *args,
          gboolean      upper)
{
  char *r;

  if (!check_count (interp, args, upper ? "str.upper" : "str.lower", 0, 0))
    return NULL;
  r = upper ? g_utf8_strup (self->str.data, self->str.len) : g_utf8_strdown (self->str.data, self->str.len);
  return cs_str_take (interp, r, strlen (r));
}

static CsObject *
str_upper (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  return str_case (interp, self, args, TRUE);
}

static CsObject *
str_lower (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  return str_case (interp, self, args, FALSE);
}

static CsObject *
str_join (CsInterp     *interp,
          CsObject     *self,
          const CsArgs *args)
{
  CsObject *list;
  GString *out;
  gsize len;

  if (!check_count (interp, args, "str.join", 1, 1))
    return NULL;
  list = cs_op_to_list (interp, args->args[0]);
  if (list == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (gsize i = 0; i < list->seq.len; i++)
    {
      CsObject *item = list->seq.items[i];
      if (cs_object_kind (item) != CS_KIND_STR)
        {
          cs_interp_raise (interp, "TypeError", "sequence item %" G_GSIZE_FORMAT ": expected str instance, %s found",
                           i, TNAME (item));
          g_string_free (out, TRUE);
          return NULL;
        }
      if (i > 0)
        g_string_append_len (out, self->str.data, self->str.len);
      g_string_append_len (out, item->str.data, item->str.len);
    }
  len = out->len;
  return cs_str_take (interp, g_string_free (out, FALSE), len);
}

static CsObject *
str_split (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  static const char *names[] = { "sep", "maxsplit" };
  CsObject *vals[2], *list;
  gint64 maxsplit = -1;
  const char *p = self->str.data, *end = p + self->str.len;

  if (!cs_args_parse (interp, args, "split", names, 2, 0, vals))
    return NULL;
  if (vals[1] && !cs_op_index (interp, vals[1], &maxsplit))
    return NULL;
  list = cs_list_new (interp, 0);
  if (vals[0] == NULL || vals[0] == interp->none)
    {
      while (p < end)
        {
          const char *s;
          while (p < end && g_ascii_isspace (*p))
            p++;
          if (p >= end)
            break;
          if (maxsplit == 0)
            {
              const char *e = end;
              while (e > p && g_ascii_isspace (e[-1]))
                e--;
              cs_list_append (interp, list, cs_str_new (interp, p, e - p));
              break;
            }
          s = p;
          while (p < end && !g_ascii_isspace (*p))
            p++;
          if (!cs_list_append (interp, list, cs_str_new (interp, s, p - s)))
            return NULL;
          if (maxsplit > 0)
            maxsplit--;
        }
    }
  else
    {
      CsObject *sep = vals[0];
      if (cs_object_kind (sep) != CS_KIND_STR)
        {
          cs_interp_raise (interp, "TypeError", "must be str or None, not %s", TNAME (sep));
          return NULL;
        }
      if (sep->str.len == 0)
        {
          cs_interp_raise (interp, "ValueError", "empty separator");
          return NULL;
        }
      for (;;)
        {
          const char *hit = NULL;
          if (maxsplit != 0)
            for (const char *q = p; q + sep->str.len <= end; q++)
              if (memcmp (q, sep->str.data, sep->str.len) == 0)
                {
                  hit = q;
                  break;
                }
          if (hit == NULL)
            {
              if (!cs_list_append (interp, list, cs_str_new (interp, p, end - p)))
                return NULL;
              break;
            }
          if (!cs_list_append (interp, list, cs_str_new (interp, p, hit - p)))
            return NULL;
          p = hit + sep->str.len;
          if (maxsplit > 0)
            maxsplit--;
        }
    }
  return list;
}

static CsObject *
str_strip (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  const char *p = self->str.data, *e = p + self->str.len;
  CsObject *chars;

  if (!check_count (interp, args, "str.strip", 0, 1))
    return NULL;
  chars = args->n_args ? args->args[0] : interp->none;
  if (chars != interp->none && cs_object_kind (chars) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "strip arg must be None or str");
      return NULL;
    }
  if (chars == interp->none)
    {
      while (p < e && g_ascii_isspace (*p))
        p++;
      while (e > p && g_ascii_isspace (e[-1]))
        e--;
    }
  else
    {
      while (p < e && memchr (chars->str.data, *p, chars->str.len))
        p++;
      while (e > p && memchr (chars->str.data, e[-1], chars->str.len))
        e--;
    }
  return cs_str_new (interp, p, e - p);
}

static CsObject *
str_replace (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  CsObject *old, *new_;
  GString *out;
  const char *p = self->str.data, *end = p + self->str.len;
  gsize len;

  if (!check_count (interp, args, "str.replace", 2, 3))
    return NULL;
  old = args->args[0];
  new_ = args->args[1];
  if (cs_object_kind (old) != CS_KIND_STR || cs_object_kind (new_) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "replace() argument %d must be str, not %s",
                       cs_object_kind (old) != CS_KIND_STR ? 1 : 2,
                       TNAME (cs_object_kind (old) != CS_KIND_STR ? old : new_));
      return NULL;
    }
  if (old->str.len == 0)
    return self;
  out = g_string_new (NULL);
  while (p < end)
    {
      if (p + old->str.len <= end && memcmp (p, old->str.data, old->str.len) == 0)
        {
          g_string_append_len (out, new_->str.data, new_->str.len);
          p += old->str.len;
        }
      else
        g_string_append_c (out, *p++);
      if (out->len > interp->options.max_container_len * 8)
        {
          g_string_free (out, TRUE);
          cs_interp_raise (interp, "MemoryError", "%s", "");
          return NULL;
        }
    }
  len = out->len;
  return cs_str_take (interp, g_string_free (out, FALSE), len);
}

static CsObject *
str_affix (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args,
           gboolean      start)
{
  CsObject *x;

  if (!check_count (interp, args, start ? "str.startswith" : "str.endswith", 1, 1))
    return NULL;
  x = args->args[0];
  if (cs_object_kind (x) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "%s first arg must be str or a tuple of str, not %s",
                       start ? "startswith" : "endswith", TNAME (x));
      return NULL;
    }
  if (x->str.len > self->str.len)
    return cs_bool (interp, FALSE);
  return cs_bool (interp, memcmp (start ? self->str.data : self->str.data + self->str.len - x->str.len,
                                  x->str.data, x->str.len) == 0);
}

static CsObject *
str_startswith (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args)
{
  return str_affix (interp, self, args, TRUE);
}

static CsObject *
str_endswith (CsInterp     *interp,
              CsObject     *self,
              const CsArgs *args)
{
  return str_affix (interp, self, args, FALSE);
}

static CsObject *
str_count_find (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args,
                gboolean      count)
{
  CsObject *x;
  gint64 n = 0;

  if (!check_count (interp, args, count ? "str.count" : "str.find", 1, 1))
    return NULL;
  x = args->args[0];
  if (cs_object_kind (x) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "must be str, not %s", TNAME (x));
      return NULL;
    }
  for (gsize i = 0; i + x->str.len <= self->str.len;)
    {
      if (memcmp (self->str.data + i, x->str.data, x->str.len) == 0)
        {
          if (!count)
            return cs_int_new (interp, utf8_prefix_chars (self->str.data, i));
          n++;
          i += MAX (x->str.len, 1);
          if (x->str.len == 0 && i > self->str.len)
            break;
        }
      else
        i++;
    }
  if (count && x->str.len == 0)
    n = self->str.n_chars + 1;
  return cs_int_new (interp, count ? n : -1);
}

static CsObject *
str_count (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  return str_count_find (interp, self, args, TRUE);
}

static CsObject *
str_find (CsInterp     *interp,
          CsObject     *self,
          const CsArgs *args)
{
  return str_count_find (interp, self, args, FALSE);
}

const CsMethodDef _cs_str_methods[] = {
  { "upper", str_upper },
  { "lower", str_lower },
  { "join", str_join },
  { "split", str_split },
  { "strip", str_strip },
  { "replace", str_replace },
  { "startswith", str_startswith },
  { "endswith", str_endswith },
  { "format", _cs_str_format_method },
  { "count", str_count },
  { "find", str_find },
  { NULL, NULL },
};

static CsObject *
float_is_integer (CsInterp     *interp,
                  CsObject     *self,
                  const CsArgs *args)
{
  if (!check_count (interp, args, "float.is_integer", 0, 0))
    return NULL;
  return cs_bool (interp, isfinite (self->float_value) && self->float_value == floor (self->float_value));
}

const CsMethodDef _cs_float_methods[] = {
  { "is_integer", float_is_integer },
  { NULL, NULL },
};

static CsObject *
int_bit_length (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args)
{
  guint64 v;
  gint64 n = 0;

  if (!check_count (interp, args, "int.bit_length", 0, 0))
    return NULL;
  v = self->int_value < 0 ? (guint64) (-(self->int_value + 1)) + 1 : (guint64) self->int_value;
  while (v)
    {
      n++;
      v >>= 1;
    }
  return cs_int_new (interp, n);
}

const CsMethodDef _cs_int_methods[] = {
  { "bit_length", int_bit_length },
  { NULL, NULL },
};

/* ---- the builtins namespace ---------------------------------------------- */

static const struct
{
  const char   *name;
  CsBuiltinFunc func;
} builtin_functions[] = {
  { "print", builtin_print },
  { "id", builtin_id },
  { "len", builtin_len },
  { "repr", builtin_repr },
  { "isinstance", builtin_isinstance },
  { "abs", builtin_abs },
  { "hex", builtin_hex },
  { "sorted", builtin_sorted },
  { "min", builtin_min },
  { "max", builtin_max },
  { "sum", builtin_sum },
  { "round", builtin_round },
  { "iter", builtin_iter },
  { "next", builtin_next },
  { "any", builtin_any },
  { "all", builtin_all },
  { "chr", builtin_chr },
  { "ord", builtin_ord },
  { "callable", builtin_callable },
  { "enumerate", builtin_enumerate },
  { "zip", builtin_zip },
  { "reversed", builtin_reversed },
  { "divmod", builtin_divmod },
  { "pow", builtin_pow },
  { "bin", builtin_bin },
  { "oct", builtin_oct },
  { "getattr", builtin_getattr },
  { "hasattr", builtin_hasattr },
  { "format", _cs_builtin_format },
  { "ascii", _cs_builtin_ascii },
};

void
_cs_builtins_init (CsInterp *interp)
{
  const CsClass *types[] = {
    &cs_int_class, &cs_float_class, &cs_bool_class, &cs_str_class, &cs_list_class,
    &cs_tuple_class, &cs_dict_class, &cs_range_class, &cs_type_class, &cs_object_class,
  };
  CsObject *ns = interp->builtins;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_functions); i++)
    {
      CsObject *f = cs_builtin_new (interp, builtin_functions[i].name, builtin_functions[i].func, NULL, NULL);
      f->flags |= CS_OBJECT_PERMANENT;
      cs_namespace_set (ns, builtin_functions[i].name, f);
    }
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    cs_namespace_set (ns, types[i]->name, cs_type_object (interp, types[i]));
  cs_namespace_set (ns, "None", interp->none);
  cs_namespace_set (ns, "True", interp->true_obj);
  cs_namespace_set (ns, "False", interp->false_obj);
  cs_namespace_set (ns, "NotImplemented", interp->not_implemented);
  cs_namespace_set (ns, "Ellipsis", interp->ellipsis);
}
