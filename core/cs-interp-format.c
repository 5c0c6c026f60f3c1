/* cs-interp-format.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * format (value, spec), f-string fields and str.format () as CPython 3.11
 * does them: the format-spec mini-language of Python/formatter_unicode.c
 * ("[[fill]align][sign][z][#][0][width][,|_][.precision][type]") for int,
 * bool, float and str, with CPython's exact error messages; object.__format__
 * for everything else; Tensor.__format__ / ndarray.__format__ forwarding
 * 0-d values to their item (so f"{loss}" shows a plain number), and NumPy
 * scalars formatting as the Python number they convert to.  Floats are
 * rounded by the C library's correctly rounded printf; repr-style floats
 * come from cs_format_py_float (cs-format.c).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-format.h"
#include "cs-interp-format.h"

/* What a spec may ask for: longer output is a Copyscope limit, not a
 * Python error (CPython would try to allocate it). */
#define MAX_FORMAT_WIDTH 1000000

/* "{0:{1:{2}}}" fails in CPython: only two levels of fields. */
#define FORMAT_RECURSION 2

typedef struct
{
  gunichar fill;
  gboolean fill_set;
  char     align;       /* '<', '>', '^', '=' */
  gboolean align_set;
  char     sign;        /* 0, '+', '-', ' ' */
  gboolean no_neg_0;    /* 'z' */
  gboolean alternate;   /* '#' */
  gint64   width;       /* -1: none */
  char     thousands;   /* 0, ',', '_' */
  int      group;       /* digits per group: 3, or 4 for '_' with b/o/x/X */
  gint64   precision;   /* -1: none */
  gunichar type;        /* 0: none */
} Spec;

/* ---- parsing ------------------------------------------------------------ */

static gboolean
is_align (gunichar c)
{
  return c == '<' || c == '>' || c == '^' || c == '=';
}

/* Reads decimal digits at *@pos: -1 when there are none, -2 + ValueError
 * on overflow (get_integer). */
static gint64
read_integer (CsInterp   *interp,
              const char *s,
              gsize       len,
              gsize      *pos)
{
  gint64 value = 0;
  gboolean any = FALSE;

  while (*pos < len && g_ascii_isdigit (s[*pos]))
    {
      int d = s[*pos] - '0';

      if (value > (G_MAXINT64 - d) / 10)
        {
          cs_interp_raise (interp, "ValueError", "Too many decimal digits in format string");
          return -2;
        }
      value = value * 10 + d;
      any = TRUE;
      (*pos)++;
    }
  return any ? value : -1;
}

static void
raise_unknown_code (CsInterp *interp,
                    gunichar  type,
                    CsObject *obj)
{
  if (type > 32 && type < 128)
    cs_interp_raise (interp, "ValueError", "Unknown format code '%c' for object of type '%s'",
                     (char) type, cs_object_type_name (obj));
  else
    cs_interp_raise (interp, "ValueError", "Unknown format code '\\x%x' for object of type '%s'",
                     (guint) type, cs_object_type_name (obj));
}

/* parse_internal_render_format_spec (). */
static gboolean
parse_spec (CsInterp   *interp,
            CsObject   *obj,
            const char *s,
            gsize       len,
            gunichar    default_type,
            char        default_align,
            Spec       *spec)
{
  gsize pos = 0;
  gunichar first = 0, second = 0;
  const char *after_first = s;

  memset (spec, 0, sizeof *spec);
  spec->fill = ' ';
  spec->align = default_align;
  spec->width = -1;
  spec->precision = -1;
  spec->type = default_type;

  if (len > 0)
    {
      first = g_utf8_get_char_validated (s, len);
      if (first == (gunichar) -1 || first == (gunichar) -2)
        first = (guchar) s[0];
      after_first = g_utf8_next_char (s);
      if ((gsize) (after_first - s) < len)
        second = (guchar) *after_first;
    }
  if (len > 0 && (gsize) (after_first - s) < len && is_align (second))
    {
      spec->fill = first;
      spec->fill_set = TRUE;
      spec->align = (char) second;
      spec->align_set = TRUE;
      pos = after_first - s + 1;
    }
  else if (len > 0 && is_align (first))
    {
      spec->align = (char) first;
      spec->align_set = TRUE;
      pos = 1;
    }

  if (pos < len && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' '))
    spec->sign = s[pos++];
  if (pos < len && s[pos] == 'z')
    {
      spec->no_neg_0 = TRUE;
      pos++;
    }
  if (pos < len && s[pos] == '#')
    {
      spec->alternate = TRUE;
      pos++;
    }
  /* "0" before the width: zero fill, and sign-aware padding for numbers
   * unless an alignment was given. */
  if (!spec->fill_set && pos < len && s[pos] == '0')
    {
      spec->fill = '0';
      if (!spec->align_set && default_align == '>')
        spec->align = '=';
      pos++;
    }

  spec->width = read_integer (interp, s, len, &pos);
  if (spec->width == -2)
    return FALSE;

  if (pos < len && s[pos] == ',')
    {
      spec->thousands = ',';
      pos++;
    }
  if (pos < len && s[pos] == '_')
    {
      if (spec->thousands)
        {
          cs_interp_raise (interp, "ValueError", "Cannot specify both ',' and '_'.");
          return FALSE;
        }
      spec->thousands = '_';
      pos++;
    }
  if (pos < len && s[pos] == ',' && spec->thousands == '_')
    {
      cs_interp_raise (interp, "ValueError", "Cannot specify both ',' and '_'.");
      return FALSE;
    }

  if (pos < len && s[pos] == '.')
    {
      pos++;
      spec->precision = read_integer (interp, s, len, &pos);
      if (spec->precision == -2)
        return FALSE;
      if (spec->precision == -1)
        {
          cs_interp_raise (interp, "ValueError", "Format specifier missing precision");
          return FALSE;
        }
    }

  if (pos < len)
    {
      const char *rest = s + pos;
      gunichar t = g_utf8_get_char_validated (rest, len - pos);

      if (t == (gunichar) -1 || t == (gunichar) -2 || g_utf8_next_char (rest) != s + len)
        {
          g_autofree char *text = g_strndup (s, len);
          cs_interp_raise (interp, "ValueError", "Invalid format specifier '%s' for object of type '%s'",
                           text, cs_object_type_name (obj));
          return FALSE;
        }
      spec->type = t;
    }

  if (spec->thousands)
    {
      switch (spec->type)
        {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
          break;
        case 'b': case 'o': case 'x': case 'X':
          /* PEP 515: underscores every four digits in these bases. */
          if (spec->thousands == '_')
            {
              spec->group = 4;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          if (spec->type > 32 && spec->type < 128)
            cs_interp_raise (interp, "ValueError", "Cannot specify '%c' with '%c'.",
                             spec->thousands, (char) spec->type);
          else
            cs_interp_raise (interp, "ValueError", "Cannot specify '%c' with '\\x%x'.",
                             spec->thousands, (guint) spec->type);
          return FALSE;
        }
      if (spec->group == 0)
        spec->group = 3;
    }

  if (spec->width > MAX_FORMAT_WIDTH || spec->precision > MAX_FORMAT_WIDTH)
    {
      cs_interp_raise (interp, "MemoryError", "Copyscope limits formatted values to %d characters",
                       MAX_FORMAT_WIDTH);
      return FALSE;
    }
  return TRUE;
}

/* ---- padding and numbers ------------------------------------------------ */

static void
append_fill (GString  *out,
             gunichar  fill,
             gint64    n)
{
  char buf[8];
  int blen = g_unichar_to_utf8 (fill, buf);

  for (gint64 i = 0; i < n; i++)
    g_string_append_len (out, buf, blen);
}

/* Writes @body (@n_chars code points) padded to the spec's width. */
static void
append_aligned (GString    *out,
                const Spec *spec,
                const char *body,
                gsize       body_len,
                gint64      n_chars)
{
  gint64 pad = spec->width > n_chars ? spec->width - n_chars : 0;
  gint64 left = 0;

  if (spec->align == '>')
    left = pad;
  else if (spec->align == '^')
    left = pad / 2;
  append_fill (out, spec->fill, left);
  g_string_append_len (out, body, body_len);
  append_fill (out, spec->fill, pad - left);
}

typedef struct
{
  gint64 zeros;
  gint64 chars;
  gboolean sep_after;
} Chunk;

/* _PyUnicode_InsertThousandsGrouping: the integer digits in groups of
 * @group (0: no grouping), padded with zeros to @min_width characters.
 * Appends to @out when not NULL; returns the width. */
static gint64
group_digits (GString    *out,
              const char *digits,
              gint64      n_digits,
              gint64      min_width,
              int         group,
              char        sep)
{
  g_autoptr (GArray) chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  gint64 remaining = n_digits, count = 0, pos;
  gboolean use_sep = FALSE, broken = FALSE;
  Chunk c;

  if (group > 0)
    for (;;)
      {
        gint64 l = MIN ((gint64) group, MAX (MAX (remaining, min_width), 1));

        c.zeros = MAX (0, l - remaining);
        c.chars = MAX (0, MIN (remaining, l));
        c.sep_after = use_sep;
        g_array_append_val (chunks, c);
        count += (use_sep ? 1 : 0) + c.zeros + c.chars;
        use_sep = TRUE;
        remaining -= c.chars;
        min_width -= l;
        if (remaining <= 0 && min_width <= 0)
          {
            broken = TRUE;
            break;
          }
        min_width -= 1;
      }
  if (!broken)
    {
      gint64 l = MAX (MAX (remaining, min_width), 1);

      c.zeros = MAX (0, l - remaining);
      c.chars = MAX (0, MIN (remaining, l));
      c.sep_after = use_sep;
      g_array_append_val (chunks, c);
      count += (use_sep ? 1 : 0) + c.zeros + c.chars;
    }
  if (out == NULL)
    return count;

  /* Chunks were made from the right; write them from the left. */
  pos = 0;
  for (guint i = chunks->len; i-- > 0;)
    {
      Chunk *k = &g_array_index (chunks, Chunk, i);

      for (gint64 z = 0; z < k->zeros; z++)
        g_string_append_c (out, '0');
      g_string_append_len (out, digits + pos, k->chars);
      pos += k->chars;
      if (k->sep_after)
        g_string_append_c (out, sep);
    }
  return count;
}

typedef enum
{
  NUMBER_FLOAT,   /* digits, '.', the rest ("5e+10", "%") */
  NUMBER_INT,     /* all digits, letters of bases above ten included */
  NUMBER_CHAR,    /* the character of 'c': all "remainder", never grouped */
} NumberKind;

/* calc_number_widths + fill_number: sign, prefix, padding, grouped
 * integer digits, then the decimal point and the rest.  @number is an
 * optional '-' and the text of @kind. */
static void
append_number (GString    *out,
               const Spec *spec,
               const char *prefix,
               const char *number,
               NumberKind  kind)
{
  const char *p = number;
  char sign = 0;
  gint64 n_digits, n_remainder, n_prefix = strlen (prefix), n_sign, n_decimal = 0;
  gint64 n_non_digit, min_width = 0, n_grouped, n_padding, lpad = 0, spad = 0, rpad = 0;
  const char *digits, *rest;

  if (*p == '-' && kind != NUMBER_CHAR)
    {
      sign = '-';
      p++;
    }
  digits = p;
  if (kind == NUMBER_INT)
    p += strlen (p);
  else if (kind == NUMBER_FLOAT)
    while (g_ascii_isdigit (*p))
      p++;
  n_digits = p - digits;
  if (*p == '.' && kind == NUMBER_FLOAT)
    {
      n_decimal = 1;
      p++;
    }
  rest = p;
  /* The remainder is ASCII except for the character of 'c'. */
  n_remainder = g_utf8_strlen (rest, -1);

  if (spec->sign == '+')
    sign = sign == '-' ? '-' : '+';
  else if (spec->sign == ' ')
    sign = sign == '-' ? '-' : ' ';
  n_sign = sign ? 1 : 0;

  n_non_digit = n_sign + n_prefix + n_decimal + n_remainder;
  if (spec->fill == '0' && spec->align == '=')
    min_width = spec->width - n_non_digit;
  n_grouped = n_digits == 0 ? 0 : group_digits (NULL, digits, n_digits, min_width, spec->group,
                                                spec->thousands);
  n_padding = spec->width - (n_non_digit + n_grouped);
  if (n_padding > 0)
    {
      switch (spec->align)
        {
        case '<':
          rpad = n_padding;
          break;
        case '^':
          lpad = n_padding / 2;
          rpad = n_padding - lpad;
          break;
        case '=':
          spad = n_padding;
          break;
        default:
          lpad = n_padding;
          break;
        }
    }

  append_fill (out, spec->fill, lpad);
  if (sign)
    g_string_append_c (out, sign);
  g_string_append (out, prefix);
  append_fill (out, spec->fill, spad);
  if (n_digits > 0)
    group_digits (out, digits, n_digits, min_width, spec->group, spec->thousands);
  if (n_decimal)
    g_string_append_c (out, '.');
  g_string_append (out, rest);
  append_fill (out, spec->fill, rpad);
}

/* ---- str ---------------------------------------------------------------- */

static char *
format_str (CsInterp   *interp,
            CsObject   *obj,
            const char *s,
            gsize       len)
{
  Spec spec;
  GString *out;
  const char *text = obj->str.data;
  gsize text_len = obj->str.len;
  gint64 n_chars = obj->str.n_chars;

  if (!parse_spec (interp, obj, s, len, 's', '<', &spec))
    return NULL;
  if (spec.type != 's')
    {
      raise_unknown_code (interp, spec.type, obj);
      return NULL;
    }
  if (spec.sign)
    {
      cs_interp_raise (interp, "ValueError", spec.sign == ' ' ? "Space not allowed in string format specifier"
                                                             : "Sign not allowed in string format specifier");
      return NULL;
    }
  if (spec.no_neg_0)
    {
      cs_interp_raise (interp, "ValueError", "Negative zero coercion (z) not allowed in string format specifier");
      return NULL;
    }
  if (spec.alternate)
    {
      cs_interp_raise (interp, "ValueError", "Alternate form (#) not allowed in string format specifier");
      return NULL;
    }
  if (spec.align == '=')
    {
      cs_interp_raise (interp, "ValueError", "'=' alignment not allowed in string format specifier");
      return NULL;
    }
  if (spec.precision >= 0 && spec.precision < n_chars)
    {
      text_len = g_utf8_offset_to_pointer (text, spec.precision) - text;
      n_chars = spec.precision;
    }
  out = g_string_sized_new (text_len + 8);
  append_aligned (out, &spec, text, text_len, n_chars);
  return g_string_free (out, FALSE);
}

/* ---- float -------------------------------------------------------------- */

/* The 'g' layout of format_float_short (Python/pystrtod.c), from digits
 * rounded to @precision significant places by printf ("%.*e"). */
static char *
float_g (double   v,
         int      precision,
         gboolean alt,
         gboolean add_dot_0)
{
  g_autofree char *e = NULL;
  GString *out = g_string_new (NULL);
  GString *dig;
  const char *p;
  int exp10, decpt, n, vdigits_end, vdigits_start;
  gboolean use_exp;

  if (precision == 0)
    precision = 1;
  e = g_strdup_printf ("%.*e", precision - 1, v);
  p = e;
  if (*p == '-')
    {
      g_string_append_c (out, '-');
      p++;
    }
  dig = g_string_new (NULL);
  for (; *p && *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (dig, *p);
  exp10 = *p == 'e' ? atoi (p + 1) : 0;
  /* dtoa gives no trailing zeros (a zero is "0"). */
  while (dig->len > 1 && dig->str[dig->len - 1] == '0')
    g_string_truncate (dig, dig->len - 1);
  if (v == 0)
    exp10 = 0;
  decpt = exp10 + 1;
  n = dig->len;

  use_exp = decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision);
  vdigits_end = alt ? precision : n;
  if (use_exp)
    {
      exp10 = decpt - 1;
      decpt = 1;
    }
  vdigits_start = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0)
    vdigits_end = vdigits_end > decpt ? vdigits_end : decpt + 1;
  else
    vdigits_end = vdigits_end > decpt ? vdigits_end : decpt;

  if (decpt <= 0)
    {
      for (int i = 0; i < decpt - vdigits_start; i++)
        g_string_append_c (out, '0');
      g_string_append_c (out, '.');
      for (int i = 0; i < -decpt; i++)
        g_string_append_c (out, '0');
    }
  if (0 < decpt && decpt <= n)
    {
      g_string_append_len (out, dig->str, decpt);
      g_string_append_c (out, '.');
      g_string_append_len (out, dig->str + decpt, n - decpt);
    }
  else
    g_string_append_len (out, dig->str, n);
  if (n < decpt)
    {
      for (int i = 0; i < decpt - n; i++)
        g_string_append_c (out, '0');
      g_string_append_c (out, '.');
      for (int i = 0; i < vdigits_end - decpt; i++)
        g_string_append_c (out, '0');
    }
  else
    for (int i = 0; i < vdigits_end - n; i++)
      g_string_append_c (out, '0');
  if (out->len > 0 && out->str[out->len - 1] == '.' && !alt)
    g_string_truncate (out, out->len - 1);
  if (use_exp)
    g_string_append_printf (out, "e%c%02d", exp10 < 0 ? '-' : '+', ABS (exp10));
  g_string_free (dig, TRUE);
  return g_string_free (out, FALSE);
}

/* PyOS_double_to_string for a finite @v. */
static char *
float_text (double   v,
            gunichar type,
            int      precision,
            gboolean alt,
            gboolean add_dot_0)
{
  switch (type)
    {
    case 'f':
    case 'F':
      return alt ? g_strdup_printf ("%#.*f", precision, v) : g_strdup_printf ("%.*f", precision, v);
    case 'e':
    case 'E':
      return alt ? g_strdup_printf ("%#.*e", precision, v) : g_strdup_printf ("%.*e", precision, v);
    case 'g':
    case 'G':
      return float_g (v, precision, alt, add_dot_0);
    default:
      {
        /* 'r': repr, with "1.e+16" under '#'. */
        char *r = cs_format_py_float (v);
        if (alt && strchr (r, '.') == NULL)
          {
            char *e = strchr (r, 'e');
            char *with_dot = e ? g_strdup_printf ("%.*s.%s", (int) (e - r), r, e) : g_strconcat (r, ".", NULL);
            g_free (r);
            r = with_dot;
          }
        return r;
      }
    }
}

static char *
format_float_value (CsInterp   *interp,
                    CsObject   *obj,
                    double      v,
                    const Spec *spec)
{
  gunichar type = spec->type;
  int precision = (int) spec->precision;
  gboolean add_dot_0 = FALSE, add_pct = FALSE, upper = FALSE;
  g_autofree char *text = NULL;
  GString *out;

  switch (type)
    {
    case 0:
      /* Like repr without a precision, else like 'g' with at least one
       * digit after the point. */
      add_dot_0 = TRUE;
      type = precision < 0 ? 'r' : 'g';
      break;
    case 'n':
      type = 'g';
      break;
    case '%':
      type = 'f';
      v *= 100;
      add_pct = TRUE;
      break;
    case 'e': case 'f': case 'g':
      break;
    case 'E': case 'F': case 'G':
      upper = TRUE;
      break;
    default:
      raise_unknown_code (interp, spec->type, obj);
      return NULL;
    }
  if (precision < 0)
    precision = 6;

  if (isnan (v) || isinf (v))
    {
      const char *word = isnan (v) ? "nan" : "inf";
      text = g_strdup_printf ("%s%s", !isnan (v) && v < 0 ? "-" : "", word);
    }
  else
    {
      text = float_text (v, type, precision, spec->alternate, add_dot_0);
      /* 'z': a result that rounds to zero loses its minus sign. */
      if (spec->no_neg_0 && text[0] == '-')
        {
          gboolean zero = TRUE;

          for (const char *p = text + 1; *p && *p != 'e' && *p != 'E'; p++)
            if (g_ascii_isdigit (*p) && *p != '0')
              zero = FALSE;
          if (zero)
            memmove (text, text + 1, strlen (text));
        }
    }
  if (upper)
    for (char *p = text; *p; p++)
      *p = g_ascii_toupper (*p);
  if (add_pct)
    {
      char *with = g_strconcat (text, "%", NULL);
      g_free (text);
      text = with;
    }
  out = g_string_new (NULL);
  append_number (out, spec, "", text, NUMBER_FLOAT);
  return g_string_free (out, FALSE);
}

/* ---- int ---------------------------------------------------------------- */

static char *
format_int_value (CsInterp   *interp,
                  CsObject   *obj,
                  gint64      v,
                  const Spec *spec)
{
  static const char lower_digits[] = "0123456789abcdef";
  gunichar type = spec->type;
  int base = 10;
  const char *prefix = "";
  char buf[80];
  int i = sizeof buf - 1;
  guint64 mag;
  GString *out;

  switch (type)
    {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      return format_float_value (interp, obj, (double) v, spec);
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
      break;
    default:
      raise_unknown_code (interp, type, obj);
      return NULL;
    }
  if (spec->precision >= 0)
    {
      cs_interp_raise (interp, "ValueError", "Precision not allowed in integer format specifier");
      return NULL;
    }
  if (spec->no_neg_0)
    {
      cs_interp_raise (interp, "ValueError", "Negative zero coercion (z) not allowed in integer format specifier");
      return NULL;
    }
  if (type == 'c')
    {
      char ch[8];
      int n;

      if (spec->sign)
        {
          cs_interp_raise (interp, "ValueError", "Sign not allowed with integer format specifier 'c'");
          return NULL;
        }
      if (spec->alternate)
        {
          cs_interp_raise (interp, "ValueError", "Alternate form (#) not allowed with integer format specifier 'c'");
          return NULL;
        }
      if (v < 0 || v > 0x10ffff)
        {
          cs_interp_raise (interp, "OverflowError", "%%c arg not in range(0x110000)");
          return NULL;
        }
      /* The character is all "remainder": never grouped or zero-filled. */
      n = g_unichar_to_utf8 ((gunichar) v, ch);
      ch[n] = '\0';
      out = g_string_new (NULL);
      append_number (out, spec, "", ch, NUMBER_CHAR);
      return g_string_free (out, FALSE);
    }

  switch (type)
    {
    case 'b':
      base = 2;
      prefix = "0b";
      break;
    case 'o':
      base = 8;
      prefix = "0o";
      break;
    case 'x':
      base = 16;
      prefix = "0x";
      break;
    case 'X':
      base = 16;
      prefix = "0X";
      break;
    default:
      break;
    }
  mag = v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
  buf[i] = '\0';
  do
    {
      char d = lower_digits[mag % base];
      buf[--i] = type == 'X' ? g_ascii_toupper (d) : d;
      mag /= base;
    }
  while (mag > 0);
  if (v < 0)
    buf[--i] = '-';
  out = g_string_new (NULL);
  append_number (out, spec, spec->alternate ? prefix : "", buf + i, NUMBER_INT);
  return g_string_free (out, FALSE);
}

/* ---- dispatch ----------------------------------------------------------- */

/* A new str of @text, counted against the step's memory budget as
 * str * n counts (temporaries are only collected between steps). */
static CsObject *
take_text (CsInterp *interp,
           char     *text,
           gsize     len)
{
  if (len >= 64 && !cs_interp_reserve_slots (interp, 0, len / 8))
    {
      g_free (text);
      return NULL;
    }
  return cs_str_take (interp, text, len);
}

/* The Python number a NumPy scalar or a 0-d array/tensor formats as, or
 * NULL (no error) when @obj is not one. */
static CsObject *
item_for_format (CsInterp *interp,
                 CsObject *obj)
{
  CsKind kind = cs_object_kind (obj);
  gboolean wants = FALSE;
  CsObject *method;
  CsArgs args = { 0 };

  if (kind == CS_KIND_TENSOR || kind == CS_KIND_NDARRAY)
    wants = obj->array.view.ndim == 0;
  else if (kind == CS_KIND_OPAQUE && obj->cls->module && strcmp (obj->cls->module, "numpy") == 0 &&
           obj->cls->to_float != NULL)
    wants = TRUE;
  if (!wants)
    return NULL;
  method = cs_op_getattr (interp, obj, "item");
  if (method == NULL)
    return NULL;
  return cs_op_call (interp, method, &args);
}

/* type(x).__name__ as object.__format__ names it (tp_name). */
static char *
tp_name (CsObject *obj)
{
  const CsClass *cls = obj->cls;

  if (cls->module && strcmp (cls->module, "numpy") == 0)
    return g_strdup_printf ("numpy.%s", cls->name);
  return g_strdup (cs_object_type_name (obj));
}

CsObject *
_cs_format_object (CsInterp   *interp,
                   CsObject   *obj,
                   const char *spec,
                   gsize       spec_len)
{
  char *text = NULL;
  CsKind kind = cs_object_kind (obj);

  if (kind == CS_KIND_STR && obj->cls == &cs_str_class)
    {
      if (spec_len == 0)
        return obj;
      text = format_str (interp, obj, spec, spec_len);
    }
  else if ((kind == CS_KIND_INT && obj->cls == &cs_int_class) || obj->cls == &cs_bool_class)
    {
      Spec s;

      if (spec_len == 0)
        text = cs_op_str (interp, obj);
      else if (parse_spec (interp, obj, spec, spec_len, 'd', '>', &s))
        text = format_int_value (interp, obj, obj->int_value, &s);
    }
  else if (kind == CS_KIND_FLOAT && obj->cls == &cs_float_class)
    {
      Spec s;

      if (spec_len == 0)
        text = cs_op_str (interp, obj);
      else if (parse_spec (interp, obj, spec, spec_len, 0, '>', &s))
        text = format_float_value (interp, obj, obj->float_value, &s);
    }
  else
    {
      CsObject *item = item_for_format (interp, obj);

      if (cs_interp_has_error (interp))
        return NULL;
      if (item != NULL && item != obj)
        return _cs_format_object (interp, item, spec, spec_len);
      if (spec_len > 0)
        {
          g_autofree char *name = tp_name (obj);
          cs_interp_raise (interp, "TypeError", "unsupported format string passed to %s.__format__", name);
          return NULL;
        }
      text = cs_op_str (interp, obj);
    }
  if (text == NULL)
    return NULL;
  return take_text (interp, text, strlen (text));
}

char *
_cs_ascii_repr (CsInterp *interp,
                CsObject *obj)
{
  g_autofree char *r = cs_op_repr (interp, obj);
  GString *out;

  if (r == NULL)
    return NULL;
  out = g_string_sized_new (strlen (r));
  for (const char *p = r; *p;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p++);
          continue;
        }
      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c <= 0xff)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c <= 0xffff)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\U%08x", c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* ---- builtins ----------------------------------------------------------- */

CsObject *
_cs_builtin_format (CsInterp     *interp,
                    CsObject     *self,
                    const CsArgs *args)
{
  CsObject *spec;

  if (args->n_kw > 0)
    {
      cs_interp_raise (interp, "TypeError", "format() takes no keyword arguments");
      return NULL;
    }
  if (args->n_args < 1)
    {
      cs_interp_raise (interp, "TypeError", "format expected at least 1 argument, got 0");
      return NULL;
    }
  if (args->n_args > 2)
    {
      cs_interp_raise (interp, "TypeError", "format expected at most 2 arguments, got %u", args->n_args);
      return NULL;
    }
  spec = args->n_args == 2 ? args->args[1] : NULL;
  if (spec && cs_object_kind (spec) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "format() argument 2 must be str, not %s",
                       cs_object_type_name (spec));
      return NULL;
    }
  return _cs_format_object (interp, args->args[0], spec ? spec->str.data : "", spec ? spec->str.len : 0);
}

CsObject *
_cs_builtin_ascii (CsInterp     *interp,
                   CsObject     *self,
                   const CsArgs *args)
{
  char *text;

  if (args->n_kw > 0)
    {
      cs_interp_raise (interp, "TypeError", "ascii() takes no keyword arguments");
      return NULL;
    }
  if (args->n_args != 1)
    {
      cs_interp_raise (interp, "TypeError", "ascii() takes exactly one argument (%u given)", args->n_args);
      return NULL;
    }
  text = _cs_ascii_repr (interp, args->args[0]);
  return text ? cs_str_take (interp, text, strlen (text)) : NULL;
}

/* ---- str.format --------------------------------------------------------- */

typedef struct
{
  const CsArgs *args;
  int           state;     /* 0 init, 1 automatic numbering, 2 manual */
  gint64        next_auto;
} Markup;

/* Digits only: the value, -1 when not an integer, -2 + error on overflow. */
static gint64
field_integer (CsInterp   *interp,
               const char *s,
               gsize       len)
{
  gsize pos = 0;
  gint64 v;

  if (len == 0)
    return -1;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return -1;
  v = read_integer (interp, s, len, &pos);
  return v;
}

static CsObject *
field_object (CsInterp   *interp,
              Markup     *m,
              const char *s,
              gsize       len)
{
  gsize i = 0;
  gint64 index;
  gboolean empty, numeric;
  CsObject *obj = NULL;

  while (i < len && s[i] != '.' && s[i] != '[')
    i++;
  index = field_integer (interp, s, i);
  if (index == -2)
    return NULL;
  empty = i == 0;
  numeric = empty || index != -1;
  if (m->state == 0 && numeric)
    m->state = empty ? 1 : 2;
  if (numeric)
    {
      if (m->state == 2 && empty)
        {
          cs_interp_raise (interp, "ValueError",
                           "cannot switch from manual field specification to automatic field numbering");
          return NULL;
        }
      if (m->state == 1 && !empty)
        {
          cs_interp_raise (interp, "ValueError",
                           "cannot switch from automatic field numbering to manual field specification");
          return NULL;
        }
    }
  if (empty)
    index = m->next_auto++;

  if (index == -1)
    {
      for (guint k = 0; k < m->args->n_kw; k++)
        if (strlen (m->args->kw_names[k]) == i && memcmp (m->args->kw_names[k], s, i) == 0)
          obj = m->args->kw_values[k];
      if (obj == NULL)
        {
          g_autofree char *key = cs_repr_str (s, i);
          cs_interp_raise (interp, "KeyError", "%s", key);
          return NULL;
        }
    }
  else
    {
      if (index >= m->args->n_args)
        {
          cs_interp_raise (interp, "IndexError",
                           "Replacement index %" G_GINT64_FORMAT " out of range for positional args tuple",
                           index);
          return NULL;
        }
      obj = m->args->args[index];
    }

  /* The rest: ".attr" and "[key]" lookups. */
  while (i < len)
    {
      gsize start;
      char c = s[i++];

      if (c == '.')
        {
          g_autofree char *name = NULL;

          start = i;
          while (i < len && s[i] != '.' && s[i] != '[')
            i++;
          if (i == start)
            {
              cs_interp_raise (interp, "ValueError", "Empty attribute in format string");
              return NULL;
            }
          name = g_strndup (s + start, i - start);
          obj = cs_op_getattr (interp, obj, name);
        }
      else if (c == '[')
        {
          gint64 idx;
          CsObject *key;

          start = i;
          while (i < len && s[i] != ']')
            i++;
          if (i >= len)
            {
              cs_interp_raise (interp, "ValueError", "Missing ']' in format string");
              return NULL;
            }
          if (i == start)
            {
              cs_interp_raise (interp, "ValueError", "Empty attribute in format string");
              return NULL;
            }
          idx = field_integer (interp, s + start, i - start);
          if (idx == -2)
            return NULL;
          key = idx >= 0 ? cs_int_new (interp, idx) : cs_str_new (interp, s + start, i - start);
          i++;
          obj = cs_op_getitem (interp, obj, key);
        }
      else
        {
          cs_interp_raise (interp, "ValueError", "Only '.' or '[' may follow ']' in format field specifier");
          return NULL;
        }
      if (obj == NULL)
        return NULL;
    }
  return obj;
}

static gboolean build_string (CsInterp *interp, Markup *m, const char *s, gsize len, int depth, GString *out);

/* One "{...}" field, from just after its '{'; *@pos ends after its '}'. */
static gboolean
markup_field (CsInterp   *interp,
              Markup     *m,
              const char *s,
              gsize       len,
              gsize      *pos,
              int         depth,
              GString    *out)
{
  gsize i = *pos, name_start = i, name_end, spec_start = 0, spec_end = 0;
  char c = 0;
  gunichar conversion = 0;
  gboolean has_spec = FALSE, expand = FALSE;
  CsObject *obj, *formatted;
  g_autoptr (GString) expanded = NULL;
  const char *spec_text = "";
  gsize spec_len = 0;

  while (i < len)
    {
      c = s[i++];
      if (c == '{')
        {
          cs_interp_raise (interp, "ValueError", "unexpected '{' in field name");
          return FALSE;
        }
      if (c == '[')
        {
          while (i < len && s[i] != ']')
            i++;
          continue;
        }
      if (c == '}' || c == ':' || c == '!')
        break;
    }
  name_end = i - 1;
  if (c == '!' || c == ':')
    {
      if (c == '!')
        {
          if (i >= len)
            {
              cs_interp_raise (interp, "ValueError", "end of string while looking for conversion specifier");
              return FALSE;
            }
          conversion = g_utf8_get_char (s + i);
          i = g_utf8_next_char (s + i) - s;
          if (i < len)
            {
              c = s[i++];
              if (c == '}')
                goto parsed;
              if (c != ':')
                {
                  cs_interp_raise (interp, "ValueError", "expected ':' after conversion specifier");
                  return FALSE;
                }
            }
        }
      {
        int count = 1;

        spec_start = i;
        while (i < len)
          {
            c = s[i++];
            if (c == '{')
              {
                expand = TRUE;
                count++;
              }
            else if (c == '}' && --count == 0)
              {
                spec_end = i - 1;
                has_spec = TRUE;
                goto parsed;
              }
          }
        cs_interp_raise (interp, "ValueError", "unmatched '{' in format spec");
        return FALSE;
      }
    }
  else if (c != '}')
    {
      cs_interp_raise (interp, "ValueError", "expected '}' before end of string");
      return FALSE;
    }

parsed:
  *pos = i;
  obj = field_object (interp, m, s + name_start, name_end - name_start);
  if (obj == NULL)
    return FALSE;
  if (conversion != 0)
    {
      char *text;

      switch (conversion)
        {
        case 'r':
          text = cs_op_repr (interp, obj);
          break;
        case 's':
          text = cs_op_str (interp, obj);
          break;
        case 'a':
          text = _cs_ascii_repr (interp, obj);
          break;
        default:
          if (conversion > 32 && conversion < 127)
            cs_interp_raise (interp, "ValueError", "Unknown conversion specifier %c", (char) conversion);
          else
            cs_interp_raise (interp, "ValueError", "Unknown conversion specifier \\x%x", (guint) conversion);
          return FALSE;
        }
      if (text == NULL)
        return FALSE;
      obj = cs_str_take (interp, text, strlen (text));
    }
  if (has_spec)
    {
      spec_text = s + spec_start;
      spec_len = spec_end - spec_start;
      if (expand)
        {
          expanded = g_string_new (NULL);
          if (!build_string (interp, m, spec_text, spec_len, depth - 1, expanded))
            return FALSE;
          spec_text = expanded->str;
          spec_len = expanded->len;
        }
    }
  formatted = _cs_format_object (interp, obj, spec_text, spec_len);
  if (formatted == NULL)
    return FALSE;
  g_string_append_len (out, formatted->str.data, formatted->str.len);
  if (out->len > (gsize) MAX_FORMAT_WIDTH * 16)
    {
      cs_interp_raise (interp, "MemoryError", "Copyscope limits formatted values to %d characters",
                       MAX_FORMAT_WIDTH * 16);
      return FALSE;
    }
  return TRUE;
}

static gboolean
build_string (CsInterp   *interp,
              Markup     *m,
              const char *s,
              gsize       len,
              int         depth,
              GString    *out)
{
  gsize i = 0;

  if (depth <= 0)
    {
      cs_interp_raise (interp, "ValueError", "Max string recursion exceeded");
      return FALSE;
    }
  while (i < len)
    {
      char c = s[i];

      if (c != '{' && c != '}')
        {
          g_string_append_c (out, c);
          i++;
          continue;
        }
      i++;
      if (c == '}' && (i >= len || s[i] != '}'))
        {
          cs_interp_raise (interp, "ValueError", "Single '}' encountered in format string");
          return FALSE;
        }
      if (c == '{' && i >= len)
        {
          cs_interp_raise (interp, "ValueError", "Single '{' encountered in format string");
          return FALSE;
        }
      if (s[i] == c)
        {
          g_string_append_c (out, c);
          i++;
          continue;
        }
      if (!markup_field (interp, m, s, len, &i, depth, out))
        return FALSE;
    }
  return TRUE;
}

CsObject *
_cs_str_format_method (CsInterp     *interp,
                       CsObject     *self,
                       const CsArgs *args)
{
  Markup m = { args, 0, 0 };
  GString *out = g_string_sized_new (self->str.len + 16);

  if (!build_string (interp, &m, self->str.data, self->str.len, FORMAT_RECURSION, out))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  {
    gsize n = out->len;
    return take_text (interp, g_string_free (out, FALSE), n);
  }
}
