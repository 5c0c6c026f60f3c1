/* cs-format.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs-format.h"

/* printf and strtod follow LC_NUMERIC, but Python, NumPy and PyTorch always
 * print a "." decimal point.  Every public entry point switches this thread
 * to the C locale while it formats. */
static locale_t
c_locale (void)
{
  static gsize once = 0;
  static locale_t loc = (locale_t) 0;

  if (g_once_init_enter (&once))
    {
      loc = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }
  return loc;
}

typedef struct
{
  locale_t saved;
} LocaleGuard;

static void
locale_guard_enter (LocaleGuard *guard)
{
  locale_t c = c_locale ();

  guard->saved = c ? uselocale (c) : (locale_t) 0;
}

static void
locale_guard_leave (LocaleGuard *guard)
{
  if (guard->saved)
    uselocale (guard->saved);
}

/* ---- Shortest round-trip digits ------------------------------------------- */

/* The precisions we print shortest digits for. */
typedef enum
{
  PREC_DOUBLE,
  PREC_FLOAT,
  PREC_HALF,
} Prec;

static double
round_to_half (double v)
{
  guint16 h;

  cs_dtype_set_double (CS_DTYPE_FLOAT16, &h, 0, v);
  return cs_dtype_get_double (CS_DTYPE_FLOAT16, &h, 0);
}

static gboolean
round_trips (const char *text,
             double      value,
             Prec        prec)
{
  switch (prec)
    {
    case PREC_FLOAT:
      return strtof (text, NULL) == (float) value;
    case PREC_HALF:
      /* Decimal -> double -> half rounds twice, which cannot matter for the
       * at most 5 significant digits a half needs. */
      return round_to_half (strtod (text, NULL)) == value;
    case PREC_DOUBLE:
    default:
      return strtod (text, NULL) == value;
    }
}

/* Splits "d.ddde[+-]XX" into its digits and exponent. */
static int
parse_sci (const char *text,
           char        digits[18],
           int        *exponent10)
{
  int n = 0;
  const char *p = text;

  for (; *p && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9' && n < 17)
      digits[n++] = *p;
  digits[n] = '\0';
  *exponent10 = *p == 'e' ? atoi (p + 1) : 0;

  return n;
}

/* Adds @delta (+1 or -1) to the last digit of a digit string, with carry
 * or borrow.  Returns FALSE when the result would need another digit or
 * lose its leading digit. */
static gboolean
bump_last_digit (char *digits,
                 int   n,
                 int   delta)
{
  for (int i = n - 1; i >= 0; i--)
    {
      int d = digits[i] - '0' + delta;

      if (d >= 0 && d <= 9)
        {
          digits[i] = (char) ('0' + d);
          return digits[0] != '0';
        }
      digits[i] = delta > 0 ? '0' : '9';
    }
  return FALSE;
}

static int
shortest_digits (double value,
                 Prec   prec,
                 char   digits[18],
                 int   *exponent10)
{
  int max_digits = prec == PREC_DOUBLE ? 17 : prec == PREC_FLOAT ? 9 : 5;
  char buf[64];

  value = fabs (value);
  if (prec == PREC_FLOAT)
    value = (float) value;
  else if (prec == PREC_HALF)
    value = round_to_half (value);

  for (int p = 1; p <= max_digits; p++)
    {
      int n, e;

      /* The correctly rounded p-digit decimal is the nearest p-digit
       * candidate; it round-trips whenever any p-digit string does, except
       * next to a power of two where the rounding interval is lopsided, so
       * the neighbours of the last digit are tried as well. */
      g_snprintf (buf, sizeof buf, "%.*e", p - 1, value);
      if (round_trips (buf, value, prec))
        return parse_sci (buf, digits, exponent10);

      n = parse_sci (buf, digits, &e);
      for (int delta = -1; delta <= 1; delta += 2)
        {
          char cand[18];

          memcpy (cand, digits, sizeof cand);
          if (!bump_last_digit (cand, n, delta))
            continue;
          g_snprintf (buf, sizeof buf, "%c%s%se%d", cand[0], n > 1 ? "." : "", cand + 1, e);
          if (round_trips (buf, value, prec))
            {
              memcpy (digits, cand, sizeof cand);
              *exponent10 = e;
              return n;
            }
        }
    }

  /* Unreachable: 17 (9, 5) significant digits always round-trip. */
  g_snprintf (buf, sizeof buf, "%.*e", max_digits - 1, value);
  return parse_sci (buf, digits, exponent10);
}

int
cs_format_shortest_digits (double   value,
                           gboolean is_float32,
                           char     digits[18],
                           int     *exponent10)
{
  LocaleGuard guard;
  int n;

  g_return_val_if_fail (isfinite (value) && value != 0.0, 0);

  locale_guard_enter (&guard);
  n = shortest_digits (value, is_float32 ? PREC_FLOAT : PREC_DOUBLE, digits, exponent10);
  locale_guard_leave (&guard);

  return n;
}

/* Removes trailing zeros of a digit string, keeping at least one digit. */
static int
trim_zeros (char *digits,
            int   n)
{
  while (n > 1 && digits[n - 1] == '0')
    digits[--n] = '\0';
  return n;
}

/* ---- Python float ------------------------------------------------------------ */

char *
cs_format_py_float (double value)
{
  char digits[18];
  int n, e;
  GString *s;

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  if (value == 0.0)
    return g_strdup (signbit (value) ? "-0.0" : "0.0");

  {
    LocaleGuard guard;

    locale_guard_enter (&guard);
    n = shortest_digits (value, PREC_DOUBLE, digits, &e);
    locale_guard_leave (&guard);
  }
  n = trim_zeros (digits, n);
  s = g_string_new (signbit (value) ? "-" : "");

  /* float_repr_style "short": exponent notation when the decimal point
   * position decpt = e + 1 is <= -4 or > 16. */
  if (e < -4 || e >= 16)
    {
      g_string_append_c (s, digits[0]);
      if (n > 1)
        {
          g_string_append_c (s, '.');
          g_string_append (s, digits + 1);
        }
      g_string_append_printf (s, "e%c%02d", e < 0 ? '-' : '+', ABS (e));
    }
  else if (e < 0)
    {
      g_string_append (s, "0.");
      for (int i = 0; i < -e - 1; i++)
        g_string_append_c (s, '0');
      g_string_append (s, digits);
    }
  else if (e + 1 >= n)
    {
      g_string_append (s, digits);
      for (int i = 0; i < e + 1 - n; i++)
        g_string_append_c (s, '0');
      g_string_append (s, ".0");
    }
  else
    {
      g_string_append_len (s, digits, e + 1);
      g_string_append_c (s, '.');
      g_string_append (s, digits + e + 1);
    }

  return g_string_free (s, FALSE);
}

/* ---- Strided views ------------------------------------------------------------ */

typedef struct
{
  CsDType       dtype;
  gconstpointer data;
  gint64        offset;
  guint         ndim;
  const gint64 *shape;
  const gint64 *strides;
} View;

static gint64
view_numel (const View *v)
{
  gint64 n = 1;

  for (guint i = 0; i < v->ndim; i++)
    {
      if (v->shape[i] <= 0)
        return 0;
      if (n > G_MAXINT64 / v->shape[i])
        return G_MAXINT64;   /* only compared with the threshold */
      n *= v->shape[i];
    }
  return n;
}

static double
view_double (const View *v,
             gint64      pos)
{
  return cs_dtype_get_double (v->dtype, v->data, (gsize) pos);
}

static gint64
view_int (const View *v,
          gint64      pos)
{
  return cs_dtype_get_int (v->dtype, v->data, (gsize) pos);
}

typedef void (*VisitFunc) (const View *v,
                           gint64      pos,
                           gpointer    user_data);

/* Calls @func for every element the libraries look at when choosing a
 * format: all of them, or with @summarize only the first and last
 * @edgeitems of every dimension longer than 2 * @edgeitems (PyTorch's
 * get_summarized_data, NumPy's _leading_trailing). */
static void
visit (const View *v,
       guint       dim,
       gint64      pos,
       gboolean    summarize,
       gint64      edgeitems,
       VisitFunc   func,
       gpointer    user_data)
{
  gint64 size;

  if (dim == v->ndim)
    {
      func (v, pos, user_data);
      return;
    }

  size = v->shape[dim];
  if (summarize && size > 2 * edgeitems)
    {
      for (gint64 i = 0; i < edgeitems; i++)
        visit (v, dim + 1, pos + i * v->strides[dim], summarize, edgeitems, func, user_data);
      for (gint64 i = size - edgeitems; i < size; i++)
        visit (v, dim + 1, pos + i * v->strides[dim], summarize, edgeitems, func, user_data);
    }
  else
    for (gint64 i = 0; i < size; i++)
      visit (v, dim + 1, pos + i * v->strides[dim], summarize, edgeitems, func, user_data);
}

/* Python's format(x, ".Nf") / format(x, ".Ne") for a finite double, or
 * "nan", "inf", "-inf" (Python never prints "-nan"). */
static char *
py_format (double      x,
           char        conv,
           int         precision)
{
  if (isnan (x))
    return g_strdup ("nan");
  if (isinf (x))
    return g_strdup (x > 0 ? "inf" : "-inf");
  return g_strdup_printf (conv == 'e' ? "%.*e" : "%.*f", precision, x);
}

static void
append_padded (GString    *s,
               const char *text,
               int         width)
{
  for (int i = (int) strlen (text); i < width; i++)
    g_string_append_c (s, ' ');
  g_string_append (s, text);
}

/* ---- PyTorch ------------------------------------------------------------------- */

void
cs_torch_print_options_init (CsTorchPrintOptions *options)
{
  g_return_if_fail (options != NULL);

  options->precision = 4;
  options->threshold = 1000;
  options->edgeitems = 3;
  options->linewidth = 80;
  options->sci_mode = -1;
  options->default_dtype = CS_DTYPE_FLOAT32;
}

const char *
cs_format_torch_dtype (CsDType dtype)
{
  switch (dtype)
    {
    case CS_DTYPE_BOOL: return "torch.bool";
    case CS_DTYPE_UINT8: return "torch.uint8";
    case CS_DTYPE_INT8: return "torch.int8";
    case CS_DTYPE_INT16: return "torch.int16";
    case CS_DTYPE_INT32: return "torch.int32";
    case CS_DTYPE_INT64: return "torch.int64";
    case CS_DTYPE_FLOAT16: return "torch.float16";
    case CS_DTYPE_FLOAT32: return "torch.float32";
    case CS_DTYPE_FLOAT64: return "torch.float64";
    case CS_N_DTYPES:
    default:
      return "torch.unknown";
    }
}

/* torch/_tensor_str.py _Formatter. */
typedef struct
{
  const CsTorchPrintOptions *opts;
  gboolean floating;
  gboolean int_mode;
  gboolean sci_mode;
  int      max_width;
  /* first pass */
  gboolean any;
  double   min_abs;
  double   max_abs;
} TorchFormatter;

static char *
torch_int_text (const View *v,
                gint64      pos)
{
  if (v->dtype == CS_DTYPE_BOOL)
    return g_strdup (view_int (v, pos) ? "True" : "False");
  return g_strdup_printf ("%" G_GINT64_FORMAT, view_int (v, pos));
}

static void
torch_scan_cb (const View *v,
               gint64      pos,
               gpointer    user_data)
{
  TorchFormatter *f = user_data;

  if (!f->floating)
    {
      g_autofree char *text = torch_int_text (v, pos);

      f->max_width = MAX (f->max_width, (int) strlen (text));
    }
  else
    {
      double x = view_double (v, pos);
      double a = fabs (x);

      if (!isfinite (x) || x == 0.0)
        return;
      if (!f->any)
        f->min_abs = f->max_abs = a;
      f->any = TRUE;
      f->min_abs = MIN (f->min_abs, a);
      f->max_abs = MAX (f->max_abs, a);
      if (x != ceil (x))
        f->int_mode = FALSE;
    }
}

static void
torch_width_cb (const View *v,
                gint64      pos,
                gpointer    user_data)
{
  TorchFormatter *f = user_data;
  double x = view_double (v, pos);
  g_autofree char *text = NULL;
  int extra = 0;

  if (!isfinite (x) || x == 0.0)
    return;

  if (f->sci_mode)
    text = py_format (x, 'e', f->opts->precision);
  else if (f->int_mode)
    {
      text = py_format (x, 'f', 0);
      extra = 1;
    }
  else
    text = py_format (x, 'f', f->opts->precision);

  f->max_width = MAX (f->max_width, (int) strlen (text) + extra);
}

static void
torch_formatter_init (TorchFormatter            *f,
                      const View                *v,
                      gboolean                   summarize,
                      const CsTorchPrintOptions *opts)
{
  memset (f, 0, sizeof *f);
  f->opts = opts;
  f->floating = cs_dtype_is_floating (v->dtype);
  f->int_mode = TRUE;
  f->sci_mode = FALSE;
  f->max_width = 1;

  visit (v, 0, v->offset, summarize, opts->edgeitems, torch_scan_cb, f);

  if (f->floating && f->any)
    {
      /* The ratio is taken in double, as tensor_totype does. */
      if (f->int_mode)
        f->sci_mode = f->max_abs / f->min_abs > 1000.0 || f->max_abs > 1.0e8;
      else
        f->sci_mode = f->max_abs / f->min_abs > 1000.0 || f->max_abs > 1.0e8 ||
                      f->min_abs < 1.0e-4;
      visit (v, 0, v->offset, summarize, opts->edgeitems, torch_width_cb, f);
    }

  if (opts->sci_mode >= 0)
    f->sci_mode = opts->sci_mode != 0;
}

static void
torch_format_value (const TorchFormatter *f,
                    const View           *v,
                    gint64                pos,
                    GString              *out)
{
  g_autofree char *text = NULL;

  if (!f->floating)
    text = torch_int_text (v, pos);
  else
    {
      double x = view_double (v, pos);

      if (f->sci_mode)
        {
          g_autofree char *t = py_format (x, 'e', f->opts->precision);
          GString *p = g_string_new (NULL);

          append_padded (p, t, f->max_width);
          text = g_string_free (p, FALSE);
        }
      else if (f->int_mode)
        {
          text = py_format (x, 'f', 0);
          if (isfinite (x))
            {
              char *t = g_strconcat (text, ".", NULL);

              g_free (text);
              text = t;
            }
        }
      else
        text = py_format (x, 'f', f->opts->precision);
    }

  append_padded (out, text, f->max_width);
}

/* _vector_str */
static void
torch_vector_str (const TorchFormatter *f,
                  const View           *v,
                  guint                 dim,
                  gint64                pos,
                  int                   indent,
                  gboolean              summarize,
                  GString              *out)
{
  const CsTorchPrintOptions *opts = f->opts;
  int element_length = f->max_width + 2;
  gint64 per_line = MAX (1, (gint64) floor ((double) (opts->linewidth - indent) / element_length));
  gint64 size = v->shape[dim];
  gint64 edge = opts->edgeitems;
  gboolean cut = summarize && size > 2 * edge;
  gint64 n_items = cut ? 2 * edge + 1 : size;

  g_string_append_c (out, '[');
  for (gint64 k = 0; k < n_items; k++)
    {
      if (k > 0)
        {
          if (k % per_line == 0)
            {
              g_string_append (out, ",\n");
              for (int i = 0; i < indent + 1; i++)
                g_string_append_c (out, ' ');
            }
          else
            g_string_append (out, ", ");
        }

      if (cut && k == edge)
        g_string_append (out, " ...");
      else
        {
          gint64 i = cut && k > edge ? size - edge + (k - edge - 1) : k;

          torch_format_value (f, v, pos + i * v->strides[dim], out);
        }
    }
  g_string_append_c (out, ']');
}

/* _tensor_str_with_formatter */
static void
torch_tensor_str (const TorchFormatter *f,
                  const View           *v,
                  guint                 dim,
                  gint64                pos,
                  int                   indent,
                  gboolean              summarize,
                  GString              *out)
{
  guint left = v->ndim - dim;
  gint64 size, edge = f->opts->edgeitems;
  gboolean cut;

  if (left == 0)
    {
      torch_format_value (f, v, pos, out);
      return;
    }
  if (left == 1)
    {
      torch_vector_str (f, v, dim, pos, indent, summarize, out);
      return;
    }

  size = v->shape[dim];
  cut = summarize && size > 2 * edge;

  g_string_append_c (out, '[');
  for (gint64 k = 0, n = cut ? 2 * edge + 1 : size; k < n; k++)
    {
      if (k > 0)
        {
          g_string_append_c (out, ',');
          for (guint i = 0; i < left - 1; i++)
            g_string_append_c (out, '\n');
          for (int i = 0; i < indent + 1; i++)
            g_string_append_c (out, ' ');
        }
      if (cut && k == edge)
        g_string_append (out, "...");
      else
        {
          gint64 i = cut && k > edge ? size - edge + (k - edge - 1) : k;

          torch_tensor_str (f, v, dim + 1, pos + i * v->strides[dim], indent + 1, summarize, out);
        }
    }
  g_string_append_c (out, ']');
}

static char *
torch_shape_tuple (const View *v)
{
  GString *s = g_string_new ("(");

  for (guint i = 0; i < v->ndim; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? ", " : "", v->shape[i]);
  if (v->ndim == 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, ')');

  return g_string_free (s, FALSE);
}

char *
cs_format_tensor (CsDType                    dtype,
                  gconstpointer              data,
                  gint64                     offset,
                  guint                      ndim,
                  const gint64              *shape,
                  const gint64              *strides,
                  const CsTensorDecorations *decorations,
                  const CsTorchPrintOptions *options)
{
  CsTorchPrintOptions defaults;
  const char *prefix = "tensor(";
  int indent = 7;
  View v = { dtype, data, offset, ndim, shape, strides };
  GPtrArray *suffixes;
  GString *out;
  gint64 numel;
  gboolean has_default_dtype;
  LocaleGuard guard;

  g_return_val_if_fail ((guint) dtype < CS_N_DTYPES, NULL);
  g_return_val_if_fail (ndim == 0 || (shape != NULL && strides != NULL), NULL);
  g_return_val_if_fail (ndim <= 32, NULL);

  if (options == NULL)
    {
      cs_torch_print_options_init (&defaults);
      options = &defaults;
    }

  locale_guard_enter (&guard);

  suffixes = g_ptr_array_new_with_free_func (g_free);
  out = g_string_new (prefix);
  numel = view_numel (&v);
  has_default_dtype = dtype == options->default_dtype || dtype == CS_DTYPE_INT64 ||
                      dtype == CS_DTYPE_BOOL;

  if (numel == 0)
    {
      /* Explicitly print the shape if it is not (0,), to match NumPy. */
      if (ndim != 1)
        {
          g_autofree char *t = torch_shape_tuple (&v);

          g_ptr_array_add (suffixes, g_strconcat ("size=", t, NULL));
        }
      if (dtype != options->default_dtype)
        g_ptr_array_add (suffixes, g_strconcat ("dtype=", cs_format_torch_dtype (dtype), NULL));
      g_string_append (out, "[]");
    }
  else
    {
      gboolean summarize = numel > options->threshold;
      TorchFormatter f;

      if (!has_default_dtype)
        g_ptr_array_add (suffixes, g_strconcat ("dtype=", cs_format_torch_dtype (dtype), NULL));

      torch_formatter_init (&f, &v, summarize, options);
      torch_tensor_str (&f, &v, 0, offset, indent, summarize, out);
    }

  if (decorations && decorations->grad_fn)
    g_ptr_array_add (suffixes, g_strdup_printf ("grad_fn=<%s>", decorations->grad_fn));
  else if (decorations && decorations->requires_grad)
    g_ptr_array_add (suffixes, g_strdup ("requires_grad=True"));

  /* _add_suffixes */
  {
    const char *nl = strrchr (out->str, '\n');
    gint64 last_line_len = (gint64) out->len - (nl ? (nl - out->str) : -1) + 1;

    for (guint i = 0; i < suffixes->len; i++)
      {
        const char *suffix = g_ptr_array_index (suffixes, i);
        gint64 suffix_len = (gint64) strlen (suffix);

        if (last_line_len + suffix_len + 2 > options->linewidth)
          {
            g_string_append (out, ",\n");
            for (int k = 0; k < indent; k++)
              g_string_append_c (out, ' ');
            g_string_append (out, suffix);
            last_line_len = indent + suffix_len;
          }
        else
          {
            g_string_append (out, ", ");
            g_string_append (out, suffix);
            last_line_len += suffix_len + 2;
          }
      }
    g_string_append_c (out, ')');
  }

  g_ptr_array_unref (suffixes);
  locale_guard_leave (&guard);

  return g_string_free (out, FALSE);
}

/* ---- NumPy ---------------------------------------------------------------------- */

void
cs_numpy_print_options_init (CsNumpyPrintOptions *options)
{
  g_return_if_fail (options != NULL);

  options->precision = 8;
  options->threshold = 1000;
  options->edgeitems = 3;
  options->linewidth = 75;
  options->suppress = FALSE;
}

static Prec
prec_of (CsDType dtype)
{
  return dtype == CS_DTYPE_FLOAT32 ? PREC_FLOAT : dtype == CS_DTYPE_FLOAT16 ? PREC_HALF : PREC_DOUBLE;
}

/* numpy's Dragon4 in "unique" mode (dragon4_positional /
 * dragon4_scientific): the shortest digits that identify the value, but
 * never fewer than @min_digits digits after the point (-1: no minimum; the
 * extra digits are the exact value's, rounded) and never more than
 * @precision (-1: no cutoff; past it the exact value is rounded).  In
 * scientific mode the digits after the point are those after the first
 * significant digit.  Returns the digits (no sign, no trailing zeros) and
 * the decimal exponent of the first; 0 digits when the value rounds to
 * zero.  @value is finite and not zero. */
static int
dragon4_digits (double   value,
                Prec     prec,
                gboolean scientific,
                int      precision,
                int      min_digits,
                char     digits[40],
                int     *exponent10)
{
  char shortest[18];
  int e, n, frac, round_at;

  n = shortest_digits (value, prec, shortest, &e);
  n = trim_zeros (shortest, n);

  frac = scientific ? n - 1 : MAX (0, n - e - 1);
  if (min_digits >= 0 && frac <= min_digits)
    round_at = min_digits;
  else if (precision >= 0 && frac > precision)
    round_at = precision;
  else
    {
      memcpy (digits, shortest, (gsize) n + 1);
      *exponent10 = e;
      return n;
    }

  /* Round the exact binary value; printf does that exactly, ties to even. */
  {
    char buf[400];
    const char *dot;
    int int_len, m = 0, pos = 0;
    gboolean leading = TRUE;

    round_at = MIN (round_at, 340);
    if (scientific)
      {
        g_snprintf (buf, sizeof buf, "%.*e", round_at, fabs (value));
        n = parse_sci (buf, digits, exponent10);
        return trim_zeros (digits, n);
      }

    /* "123.4500" -> digits "12345", exponent 2. */
    g_snprintf (buf, sizeof buf, "%.*f", round_at, fabs (value));
    dot = strchr (buf, '.');
    int_len = dot ? (int) (dot - buf) : (int) strlen (buf);
    *exponent10 = 0;
    for (const char *q = buf; *q; q++)
      {
        if (*q == '.')
          continue;
        if (leading && *q == '0')
          {
            pos++;
            continue;
          }
        if (leading)
          {
            *exponent10 = int_len - 1 - pos;
            leading = FALSE;
          }
        if (m < 39)
          digits[m++] = *q;
        pos++;
      }
    digits[m] = '\0';
    if (m == 0)
      return 0;
    return trim_zeros (digits, m);
  }
}

/* Positional text split in sign+integer part and fraction (no trailing
 * zeros), e.g. -12.5 -> "-12", "5"; 3.0 -> "3", "". */
static void
numpy_positional_parts (double   x,
                        Prec     prec,
                        int      precision,
                        int      min_digits,
                        GString *int_part,
                        GString *frac_part)
{
  char digits[40];
  int e, n;

  g_string_truncate (int_part, 0);
  g_string_truncate (frac_part, 0);
  if (signbit (x))
    g_string_append_c (int_part, '-');

  if (x == 0.0)
    {
      g_string_append_c (int_part, '0');
      return;
    }

  n = dragon4_digits (x, prec, FALSE, precision, min_digits, digits, &e);
  if (n == 0)
    {
      g_string_append_c (int_part, '0');
      return;
    }

  if (e < 0)
    {
      g_string_append_c (int_part, '0');
      for (int i = 0; i < -e - 1; i++)
        g_string_append_c (frac_part, '0');
      g_string_append (frac_part, digits);
    }
  else
    {
      for (int i = 0; i <= e; i++)
        g_string_append_c (int_part, i < n ? digits[i] : '0');
      if (n > e + 1)
        g_string_append (frac_part, digits + e + 1);
    }
}

/* Scientific text split in sign+first digit, fraction and exponent value. */
static void
numpy_scientific_parts (double   x,
                        Prec     prec,
                        int      precision,
                        int      min_digits,
                        GString *int_part,
                        GString *frac_part,
                        int     *exponent)
{
  char digits[40];
  int e = 0, n;

  g_string_truncate (int_part, 0);
  g_string_truncate (frac_part, 0);
  if (signbit (x))
    g_string_append_c (int_part, '-');

  if (x == 0.0)
    {
      g_string_append_c (int_part, '0');
      *exponent = 0;
      return;
    }

  n = dragon4_digits (x, prec, TRUE, precision, min_digits, digits, &e);
  if (n == 0)
    {
      g_string_append_c (int_part, '0');
      *exponent = 0;
      return;
    }
  g_string_append_c (int_part, digits[0]);
  if (n > 1)
    g_string_append (frac_part, digits + 1);
  *exponent = e;
}

static int
exponent_digits (int e)
{
  int n = 0;

  e = ABS (e);
  do
    {
      n++;
      e /= 10;
    }
  while (e);

  return MAX (n, 2);
}

typedef enum
{
  NP_FMT_BOOL,
  NP_FMT_INT,
  NP_FMT_FLOAT,
} NpFmtKind;

/* numpy.core.arrayprint FloatingFormat / IntegerFormat / BoolFormat. */
typedef struct
{
  NpFmtKind kind;
  Prec      prec;
  int       precision;
  gboolean  suppress;
  /* bool */
  const char *truestr;
  /* int */
  int       int_width;
  gboolean  int_any;
  gint64    int_min, int_max;
  /* float, first pass */
  gboolean  any_finite, any_nonzero, any_nonfinite, any_neginf;
  double    min_val, max_val;
  /* float, second pass */
  gboolean  exp_format;
  int       pad_left, pad_right, exp_size, frac_precision;
  GString  *tmp_int, *tmp_frac;
} NumpyFormatter;

static void
numpy_scan_cb (const View *v,
               gint64      pos,
               gpointer    user_data)
{
  NumpyFormatter *f = user_data;

  if (f->kind == NP_FMT_INT)
    {
      gint64 x = view_int (v, pos);

      if (!f->int_any)
        f->int_min = f->int_max = x;
      f->int_any = TRUE;
      f->int_min = MIN (f->int_min, x);
      f->int_max = MAX (f->int_max, x);
    }
  else if (f->kind == NP_FMT_FLOAT)
    {
      double x = view_double (v, pos);

      if (!isfinite (x))
        {
          f->any_nonfinite = TRUE;
          if (isinf (x) && x < 0)
            f->any_neginf = TRUE;
          return;
        }
      f->any_finite = TRUE;
      if (x == 0.0)
        return;
      if (!f->any_nonzero)
        f->min_val = f->max_val = fabs (x);
      f->any_nonzero = TRUE;
      f->min_val = MIN (f->min_val, fabs (x));
      f->max_val = MAX (f->max_val, fabs (x));
    }
}

static void
numpy_width_cb (const View *v,
                gint64      pos,
                gpointer    user_data)
{
  NumpyFormatter *f = user_data;
  double x = view_double (v, pos);

  if (!isfinite (x))
    return;

  if (f->exp_format)
    {
      int e;

      numpy_scientific_parts (x, f->prec, f->precision, -1, f->tmp_int, f->tmp_frac, &e);
      f->exp_size = MAX (f->exp_size, exponent_digits (e));
      f->frac_precision = MAX (f->frac_precision, (int) f->tmp_frac->len);
      f->pad_left = MAX (f->pad_left, (int) f->tmp_int->len);
    }
  else
    {
      numpy_positional_parts (x, f->prec, f->precision, -1, f->tmp_int, f->tmp_frac);
      f->pad_left = MAX (f->pad_left, (int) f->tmp_int->len);
      f->pad_right = MAX (f->pad_right, (int) f->tmp_frac->len);
    }
}

/* The ratio max/min is computed in the array's own precision. */
static double
ratio_in_prec (double a,
               double b,
               Prec   prec)
{
  switch (prec)
    {
    case PREC_FLOAT:
      return (float) ((float) a / (float) b);
    case PREC_HALF:
      return round_to_half ((float) a / (float) b);
    case PREC_DOUBLE:
    default:
      return a / b;
    }
}

static void
numpy_formatter_init (NumpyFormatter            *f,
                      const View                *v,
                      gboolean                   summarize,
                      const CsNumpyPrintOptions *opts)
{
  memset (f, 0, sizeof *f);
  f->kind = v->dtype == CS_DTYPE_BOOL ? NP_FMT_BOOL :
            cs_dtype_is_floating (v->dtype) ? NP_FMT_FLOAT : NP_FMT_INT;
  f->prec = prec_of (v->dtype);
  f->precision = opts->precision;
  f->suppress = opts->suppress;
  f->truestr = v->ndim > 0 ? " True" : "True";

  if (f->kind == NP_FMT_BOOL)
    return;

  visit (v, 0, v->offset, summarize, opts->edgeitems, numpy_scan_cb, f);

  if (f->kind == NP_FMT_INT)
    {
      if (f->int_any)
        {
          g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, f->int_max);
          g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, f->int_min);

          f->int_width = MAX ((int) strlen (a), (int) strlen (b));
        }
      return;
    }

  if (f->any_nonzero)
    {
      if (f->max_val >= 1.e8 ||
          (!f->suppress &&
           (f->min_val < 0.0001 || ratio_in_prec (f->max_val, f->min_val, f->prec) > 1000.)))
        f->exp_format = TRUE;
    }

  if (!f->any_finite)
    {
      f->pad_left = 0;
      f->pad_right = 0;
      f->exp_format = FALSE;
    }
  else
    {
      f->tmp_int = g_string_new (NULL);
      f->tmp_frac = g_string_new (NULL);
      visit (v, 0, v->offset, summarize, opts->edgeitems, numpy_width_cb, f);
      g_string_free (f->tmp_int, TRUE);
      g_string_free (f->tmp_frac, TRUE);
      f->tmp_int = f->tmp_frac = NULL;
      if (f->exp_format)
        f->pad_right = f->exp_size + 2 + f->frac_precision;
    }

  if (f->any_nonfinite)
    {
      int offset = f->pad_right + 1;
      int inflen = 3 + (f->any_neginf ? 1 : 0);

      f->pad_left = MAX (f->pad_left, MAX (3 - offset, inflen - offset));
    }
}

static void
numpy_format_value (const NumpyFormatter *f,
                    const View           *v,
                    gint64                pos,
                    GString              *out)
{
  if (f->kind == NP_FMT_BOOL)
    {
      g_string_append (out, view_int (v, pos) ? f->truestr : "False");
      return;
    }
  if (f->kind == NP_FMT_INT)
    {
      g_string_append_printf (out, "%*" G_GINT64_FORMAT, f->int_width, view_int (v, pos));
      return;
    }

  {
    double x = view_double (v, pos);
    g_autoptr (GString) ip = NULL;
    g_autoptr (GString) fp = NULL;

    if (!isfinite (x))
      {
        const char *ret = isnan (x) ? "nan" : x < 0 ? "-inf" : "inf";

        append_padded (out, ret, f->pad_left + f->pad_right + 1);
        return;
      }

    ip = g_string_new (NULL);
    fp = g_string_new (NULL);
    if (f->exp_format)
      {
        int e;

        numpy_scientific_parts (x, f->prec, f->frac_precision, f->frac_precision, ip, fp, &e);
        while ((int) fp->len < f->frac_precision)
          g_string_append_c (fp, '0');
        append_padded (out, ip->str, f->pad_left);
        g_string_append_c (out, '.');
        g_string_append (out, fp->str);
        g_string_append_printf (out, "e%c%0*d", e < 0 ? '-' : '+', MAX (f->exp_size, 2), ABS (e));
      }
    else
      {
        numpy_positional_parts (x, f->prec, f->precision, 0, ip, fp);
        append_padded (out, ip->str, f->pad_left);
        g_string_append_c (out, '.');
        g_string_append (out, fp->str);
        for (int i = (int) fp->len; i < f->pad_right; i++)
          g_string_append_c (out, ' ');
      }
  }
}

/* numpy _extendLine */
static void
numpy_extend_line (GString    *s,
                   GString    *line,
                   const char *word,
                   gint64      line_width,
                   gint64      prefix_len)
{
  gboolean needs_wrap = (gint64) line->len + (gint64) strlen (word) > line_width;

  if ((gint64) line->len <= prefix_len)
    needs_wrap = FALSE;
  if (needs_wrap)
    {
      gsize len = line->len;

      while (len > 0 && line->str[len - 1] == ' ')
        len--;
      g_string_append_len (s, line->str, len);
      g_string_append_c (s, '\n');
      g_string_truncate (line, 0);
      for (gint64 i = 0; i < prefix_len; i++)
        g_string_append_c (line, ' ');
    }
  g_string_append (line, word);
}

/* numpy _formatArray's recurser; returns a new string. */
static char *
numpy_recurse (const NumpyFormatter *f,
               const View           *v,
               guint                 dim,
               gint64                pos,
               gint64                hanging_indent,
               gint64                curr_width,
               const char           *separator,
               gint64                edge_items,
               gboolean              summarize)
{
  guint axes_left = v->ndim - dim;
  gint64 next_width, a_len, leading, trailing;
  gboolean show_summary;
  GString *s;
  gsize sep_rstrip_len;

  if (axes_left == 0)
    {
      GString *w = g_string_new (NULL);

      numpy_format_value (f, v, pos, w);
      return g_string_free (w, FALSE);
    }

  next_width = curr_width - 1;
  a_len = v->shape[dim];
  show_summary = summarize && 2 * edge_items < a_len;
  leading = show_summary ? edge_items : 0;
  trailing = show_summary ? edge_items : a_len;
  sep_rstrip_len = strlen (separator);
  while (sep_rstrip_len > 0 && separator[sep_rstrip_len - 1] == ' ')
    sep_rstrip_len--;

  s = g_string_new (NULL);
  for (gint64 i = 0; i < hanging_indent; i++)
    g_string_append_c (s, ' ');   /* removed again at the end */

  if (axes_left == 1)
    {
      gint64 elem_width = curr_width - MAX ((gint64) sep_rstrip_len, 1);
      GString *line = g_string_new (NULL);

      g_string_truncate (s, 0);
      for (gint64 i = 0; i < hanging_indent; i++)
        g_string_append_c (line, ' ');

      for (gint64 i = 0; i < leading; i++)
        {
          g_autofree char *word = numpy_recurse (f, v, dim + 1, pos + i * v->strides[dim],
                                                 hanging_indent + 1, next_width, separator,
                                                 edge_items, summarize);

          numpy_extend_line (s, line, word, elem_width, hanging_indent);
          g_string_append (line, separator);
        }
      if (show_summary)
        {
          numpy_extend_line (s, line, "...", elem_width, hanging_indent);
          g_string_append (line, separator);
        }
      for (gint64 i = trailing; i > 1; i--)
        {
          g_autofree char *word = numpy_recurse (f, v, dim + 1, pos + (a_len - i) * v->strides[dim],
                                                 hanging_indent + 1, next_width, separator,
                                                 edge_items, summarize);

          numpy_extend_line (s, line, word, elem_width, hanging_indent);
          g_string_append (line, separator);
        }
      {
        g_autofree char *word = numpy_recurse (f, v, dim + 1, pos + (a_len - 1) * v->strides[dim],
                                               hanging_indent + 1, next_width, separator,
                                               edge_items, summarize);

        numpy_extend_line (s, line, word, elem_width, hanging_indent);
      }
      g_string_append_len (s, line->str, line->len);
      g_string_free (line, TRUE);
    }
  else
    {
      g_autofree char *line_sep = NULL;
      GString *ls = g_string_new_len (separator, sep_rstrip_len);

      for (guint i = 0; i < axes_left - 1; i++)
        g_string_append_c (ls, '\n');
      line_sep = g_string_free (ls, FALSE);

      g_string_truncate (s, 0);
      for (gint64 i = 0; i < leading; i++)
        {
          g_autofree char *nested = numpy_recurse (f, v, dim + 1, pos + i * v->strides[dim],
                                                   hanging_indent + 1, next_width, separator,
                                                   edge_items, summarize);

          for (gint64 k = 0; k < hanging_indent; k++)
            g_string_append_c (s, ' ');
          g_string_append (s, nested);
          g_string_append (s, line_sep);
        }
      if (show_summary)
        {
          for (gint64 k = 0; k < hanging_indent; k++)
            g_string_append_c (s, ' ');
          g_string_append (s, "...");
          g_string_append (s, line_sep);
        }
      for (gint64 i = trailing; i > 1; i--)
        {
          g_autofree char *nested = numpy_recurse (f, v, dim + 1, pos + (a_len - i) * v->strides[dim],
                                                   hanging_indent + 1, next_width, separator,
                                                   edge_items, summarize);

          for (gint64 k = 0; k < hanging_indent; k++)
            g_string_append_c (s, ' ');
          g_string_append (s, nested);
          g_string_append (s, line_sep);
        }
      {
        g_autofree char *nested = numpy_recurse (f, v, dim + 1, pos + (a_len - 1) * v->strides[dim],
                                                 hanging_indent + 1, next_width, separator,
                                                 edge_items, summarize);

        for (gint64 k = 0; k < hanging_indent; k++)
          g_string_append_c (s, ' ');
        g_string_append (s, nested);
      }
    }

  /* Remove the hanging indent and wrap in []. */
  {
    GString *r = g_string_new ("[");

    g_string_append (r, s->str + MIN ((gsize) hanging_indent, s->len));
    g_string_append_c (r, ']');
    g_string_free (s, TRUE);
    return g_string_free (r, FALSE);
  }
}

/* array2string for a non-empty array. */
static char *
numpy_array2string (const View                *v,
                    const CsNumpyPrintOptions *opts,
                    const char                *separator,
                    gint64                     prefix_len,
                    gint64                     linewidth)
{
  NumpyFormatter f;
  gboolean summarize = view_numel (v) > opts->threshold;
  char *r;

  numpy_formatter_init (&f, v, summarize, opts);
  r = numpy_recurse (&f, v, 0, v->offset, 1 + prefix_len, linewidth, separator,
                     opts->edgeitems, summarize);

  return r;
}

static const char *
numpy_dtype_name (CsDType dtype)
{
  return cs_dtype_name (dtype);
}

/* NumPy scalar str/repr (scalartypes.c: *_either with the default trims). */
static char *
numpy_scalar_text (CsDType dtype,
                   double  x)
{
  char digits[18];
  int n, e;
  GString *s;
  double a;

  if (isnan (x))
    return g_strdup ("nan");
  if (isinf (x))
    return g_strdup (x > 0 ? "inf" : "-inf");
  if (x == 0.0)
    return g_strdup (signbit (x) ? "-0.0" : "0.0");

  n = shortest_digits (x, prec_of (dtype), digits, &e);
  n = trim_zeros (digits, n);
  s = g_string_new (signbit (x) ? "-" : "");
  a = fabs (x);

  if (a >= 1.e-4 && a < 1.e16)
    {
      /* Positional, TrimMode_LeaveOneZero. */
      if (e < 0)
        {
          g_string_append (s, "0.");
          for (int i = 0; i < -e - 1; i++)
            g_string_append_c (s, '0');
          g_string_append (s, digits);
        }
      else
        {
          for (int i = 0; i <= e; i++)
            g_string_append_c (s, i < n ? digits[i] : '0');
          g_string_append_c (s, '.');
          if (n > e + 1)
            g_string_append (s, digits + e + 1);
          else
            g_string_append_c (s, '0');
        }
    }
  else
    {
      /* Scientific, TrimMode_DptZeros. */
      g_string_append_c (s, digits[0]);
      if (n > 1)
        {
          g_string_append_c (s, '.');
          g_string_append (s, digits + 1);
        }
      g_string_append_printf (s, "e%c%02d", e < 0 ? '-' : '+', ABS (e));
    }

  return g_string_free (s, FALSE);
}

static char *
numpy_scalar_at (CsDType       dtype,
                 gconstpointer data,
                 gint64        index)
{
  if (dtype == CS_DTYPE_BOOL)
    return g_strdup (cs_dtype_get_int (dtype, data, (gsize) index) ? "True" : "False");
  if (!cs_dtype_is_floating (dtype))
    return g_strdup_printf ("%" G_GINT64_FORMAT, cs_dtype_get_int (dtype, data, (gsize) index));
  return numpy_scalar_text (dtype, cs_dtype_get_double (dtype, data, (gsize) index));
}

char *
cs_format_numpy_scalar (CsDType       dtype,
                        gconstpointer data,
                        gint64        index)
{
  LocaleGuard guard;
  char *r;

  g_return_val_if_fail ((guint) dtype < CS_N_DTYPES, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  locale_guard_enter (&guard);
  r = numpy_scalar_at (dtype, data, index);
  locale_guard_leave (&guard);

  return r;
}

char *
cs_format_numpy_str (CsDType                    dtype,
                     gconstpointer              data,
                     gint64                     offset,
                     guint                      ndim,
                     const gint64              *shape,
                     const gint64              *strides,
                     const CsNumpyPrintOptions *options)
{
  CsNumpyPrintOptions defaults;
  View v = { dtype, data, offset, ndim, shape, strides };
  LocaleGuard guard;
  char *r;

  g_return_val_if_fail ((guint) dtype < CS_N_DTYPES, NULL);
  g_return_val_if_fail (ndim == 0 || (shape != NULL && strides != NULL), NULL);
  g_return_val_if_fail (ndim <= 32, NULL);

  if (options == NULL)
    {
      cs_numpy_print_options_init (&defaults);
      options = &defaults;
    }

  locale_guard_enter (&guard);
  if (ndim == 0)
    r = numpy_scalar_at (dtype, data, offset);
  else if (view_numel (&v) == 0)
    r = g_strdup ("[]");
  else
    r = numpy_array2string (&v, options, " ", 0, options->linewidth);
  locale_guard_leave (&guard);

  return r;
}

char *
cs_format_numpy_repr (CsDType                    dtype,
                      gconstpointer              data,
                      gint64                     offset,
                      guint                      ndim,
                      const gint64              *shape,
                      const gint64              *strides,
                      const CsNumpyPrintOptions *options)
{
  CsNumpyPrintOptions defaults;
  View v = { dtype, data, offset, ndim, shape, strides };
  gboolean implied = dtype == CS_DTYPE_INT64 || dtype == CS_DTYPE_FLOAT64 || dtype == CS_DTYPE_BOOL;
  gint64 numel;
  gboolean skipdtype;
  const char *suffix;
  GString *out;
  LocaleGuard guard;

  g_return_val_if_fail ((guint) dtype < CS_N_DTYPES, NULL);
  g_return_val_if_fail (ndim == 0 || (shape != NULL && strides != NULL), NULL);
  g_return_val_if_fail (ndim <= 32, NULL);

  if (options == NULL)
    {
      cs_numpy_print_options_init (&defaults);
      options = &defaults;
    }

  locale_guard_enter (&guard);

  numel = view_numel (&v);
  skipdtype = implied && numel > 0;
  suffix = skipdtype ? ")" : ",";
  out = g_string_new ("array(");

  if (numel > 0)
    {
      g_autofree char *lst = numpy_array2string (&v, options, ", ", 6,
                                                 options->linewidth - (gint64) strlen (suffix));

      g_string_append (out, lst);
    }
  else if (ndim == 1)
    g_string_append (out, "[]");
  else
    {
      g_string_append (out, "[], shape=(");
      for (guint i = 0; i < ndim; i++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? ", " : "", shape[i]);
      g_string_append_c (out, ')');
    }
  g_string_append (out, suffix);

  if (!skipdtype)
    {
      g_autofree char *dtype_str = g_strdup_printf ("dtype=%s)", numpy_dtype_name (dtype));
      const char *nl = strrchr (out->str, '\n');
      gint64 last_line_len = (gint64) out->len - (nl ? (nl - out->str) + 1 : 0);

      if (last_line_len + (gint64) strlen (dtype_str) + 1 > options->linewidth)
        g_string_append (out, "\n      ");
      else
        g_string_append_c (out, ' ');
      g_string_append (out, dtype_str);
    }

  locale_guard_leave (&guard);
  return g_string_free (out, FALSE);
}
