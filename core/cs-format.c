/* cs-format.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs-format.h"

/* ---- Shortest round-trip digits ------------------------------------------- */

static gboolean
round_trips (const char *text,
             double      value,
             gboolean    is_float32)
{
  if (is_float32)
    return strtof (text, NULL) == (float) value;
  return strtod (text, NULL) == value;
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

int
cs_format_shortest_digits (double   value,
                           gboolean is_float32,
                           char     digits[18],
                           int     *exponent10)
{
  int max_digits = is_float32 ? 9 : 17;
  char buf[64];

  g_return_val_if_fail (isfinite (value) && value != 0.0, 0);

  value = fabs (value);
  if (is_float32)
    value = (float) value;

  for (int p = 1; p <= max_digits; p++)
    {
      int n, e;

      /* The correctly rounded p-digit decimal is the nearest p-digit
       * candidate; it round-trips whenever any p-digit string does, except
       * next to a power of two where the rounding interval is lopsided, so
       * the neighbours of the last digit are tried as well. */
      g_snprintf (buf, sizeof buf, "%.*e", p - 1, value);
      if (round_trips (buf, value, is_float32))
        {
          n = parse_sci (buf, digits, exponent10);
          return n;
        }

      n = parse_sci (buf, digits, &e);
      for (int delta = -1; delta <= 1; delta += 2)
        {
          char cand[18];

          memcpy (cand, digits, sizeof cand);
          if (!bump_last_digit (cand, n, delta))
            continue;
          g_snprintf (buf, sizeof buf, "%c%s%se%d", cand[0], n > 1 ? "." : "", cand + 1, e);
          if (round_trips (buf, value, is_float32))
            {
              memcpy (digits, cand, sizeof cand);
              *exponent10 = e;
              return n;
            }
        }
    }

  /* Unreachable: 17 (9) significant digits always round-trip. */
  g_snprintf (buf, sizeof buf, "%.*e", max_digits - 1, value);
  return parse_sci (buf, digits, exponent10);
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

  n = cs_format_shortest_digits (value, FALSE, digits, &e);
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
