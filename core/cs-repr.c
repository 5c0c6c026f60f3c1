/* cs-repr.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * repr () of the builtin kinds exactly as CPython 3.11 writes it: float's
 * shortest round-trip text, str quoting and escapes, and containers with
 * the "[...]" / "{...}" markers of recursive structures (Py_ReprEnter).
 */

#include "config.h"

#include <string.h>

#include "cs-format.h"
#include "cs-runtime.h"

char *
cs_repr_float (double value)
{
  return cs_format_py_float (value);
}

static gboolean
is_printable (gunichar c)
{
  if (c == ' ')
    return TRUE;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      return FALSE;
    default:
      return TRUE;
    }
}

/* CPython's unicode_repr: single quotes unless the text holds a single
 * quote and no double quote. */
char *
cs_repr_str (const char *data,
             gsize       len)
{
  GString *out = g_string_sized_new (len + 2);
  gboolean has_single = memchr (data, '\'', len) != NULL;
  gboolean has_double = memchr (data, '"', len) != NULL;
  char quote = (has_single && !has_double) ? '"' : '\'';
  const char *p = data, *end = data + len;

  g_string_append_c (out, quote);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if (c == (gunichar) quote || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < ' ' || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c < 0x7f)
        g_string_append_c (out, (char) c);
      else if (is_printable (c))
        g_string_append_len (out, p, next - p);
      else if (c <= 0xff)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c <= 0xffff)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\U%08x", c);
      p = next;
    }
  g_string_append_c (out, quote);
  return g_string_free (out, FALSE);
}

char *
_cs_repr_str (CsInterp *interp,
              CsObject *obj)
{
  return cs_repr_str (obj->str.data, obj->str.len);
}

char *
cs_repr_object (CsInterp *interp,
                CsObject *obj)
{
  return cs_op_repr (interp, obj);
}

/* Py_ReprEnter: TRUE when @obj's repr is already running. */
static gboolean
repr_enter (CsInterp *interp,
            CsObject *obj)
{
  for (guint i = 0; i < interp->repr_stack->len; i++)
    if (g_ptr_array_index (interp->repr_stack, i) == obj)
      return TRUE;
  g_ptr_array_add (interp->repr_stack, obj);
  return FALSE;
}

static void
repr_leave (CsInterp *interp,
            CsObject *obj)
{
  if (interp->repr_stack->len > 0 &&
      g_ptr_array_index (interp->repr_stack, interp->repr_stack->len - 1) == obj)
    g_ptr_array_set_size (interp->repr_stack, interp->repr_stack->len - 1);
  else
    g_ptr_array_remove (interp->repr_stack, obj);
}

/* Items joined with ", ": FALSE on error. */
static gboolean
append_items (CsInterp  *interp,
              GString   *out,
              CsObject **items,
              gsize      n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *r = NULL;

      if (i > 0)
        g_string_append (out, ", ");
      r = cs_op_repr (interp, items[i]);
      if (r == NULL)
        return FALSE;
      g_string_append (out, r);
      if (out->len > interp->options.max_container_len * 16)
        {
          cs_interp_raise (interp, "MemoryError", "%s", "");
          return FALSE;
        }
    }
  return TRUE;
}

char *
_cs_repr_list (CsInterp *interp,
               CsObject *obj)
{
  GString *out;

  if (obj->seq.len == 0)
    return g_strdup ("[]");
  if (repr_enter (interp, obj))
    return g_strdup ("[...]");
  out = g_string_new ("[");
  if (!append_items (interp, out, obj->seq.items, obj->seq.len))
    {
      repr_leave (interp, obj);
      g_string_free (out, TRUE);
      return NULL;
    }
  repr_leave (interp, obj);
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

char *
_cs_repr_tuple (CsInterp *interp,
                CsObject *obj)
{
  GString *out;

  if (obj->seq.len == 0)
    return g_strdup ("()");
  if (repr_enter (interp, obj))
    return g_strdup ("(...)");
  out = g_string_new ("(");
  if (!append_items (interp, out, obj->seq.items, obj->seq.len))
    {
      repr_leave (interp, obj);
      g_string_free (out, TRUE);
      return NULL;
    }
  repr_leave (interp, obj);
  if (obj->seq.len == 1)
    g_string_append_c (out, ',');
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

char *
_cs_repr_dict (CsInterp *interp,
               CsObject *obj)
{
  GString *out;
  gboolean first = TRUE;

  if (obj->dict.len == 0)
    return g_strdup ("{}");
  if (repr_enter (interp, obj))
    return g_strdup ("{...}");
  out = g_string_new ("{");
  for (gsize i = 0; i < obj->dict.n_entries; i++)
    {
      CsDictEntry *e = &obj->dict.entries[i];
      g_autofree char *k = NULL;
      g_autofree char *v = NULL;

      if (e->key == NULL)
        continue;
      if (!first)
        g_string_append (out, ", ");
      first = FALSE;
      k = cs_op_repr (interp, e->key);
      v = k ? cs_op_repr (interp, e->value) : NULL;
      if (v == NULL || i >= obj->dict.n_entries)
        {
          repr_leave (interp, obj);
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_printf (out, "%s: %s", k, v);
    }
  repr_leave (interp, obj);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

char *
_cs_repr_dict_view (CsInterp *interp,
                    CsObject *obj)
{
  CsObject *list = cs_op_to_list (interp, obj);
  g_autofree char *inner = NULL;

  if (list == NULL)
    return NULL;
  inner = cs_op_repr (interp, list);
  if (inner == NULL)
    return NULL;
  return g_strdup_printf ("%s(%s)", cs_object_type_name (obj), inner);
}

/* ---- printf-style formatting: "%d items" % n ----------------------------- */

char *
_cs_str_percent_format (CsInterp *interp,
                        CsObject *format,
                        CsObject *args)
{
  GString *out = g_string_new (NULL);
  const char *p = format->str.data, *end = p + format->str.len;
  CsObject **items;
  gsize n_items, used = 0;
  gboolean is_tuple = cs_object_kind (args) == CS_KIND_TUPLE;

  items = is_tuple ? args->seq.items : &args;
  n_items = is_tuple ? args->seq.len : 1;

  while (p < end)
    {
      char spec[32];
      gsize si = 0;
      char conv;
      CsObject *arg;

      if (*p != '%')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      p++;
      if (p < end && *p == '%')
        {
          g_string_append_c (out, '%');
          p++;
          continue;
        }
      spec[si++] = '%';
      while (p < end && strchr ("-+ #0", *p) && si < 10)
        spec[si++] = *p++;
      while (p < end && g_ascii_isdigit (*p) && si < 20)
        spec[si++] = *p++;
      if (p < end && *p == '.')
        {
          spec[si++] = *p++;
          while (p < end && g_ascii_isdigit (*p) && si < 28)
            spec[si++] = *p++;
        }
      if (p >= end)
        {
          cs_interp_raise (interp, "ValueError", "incomplete format");
          goto fail;
        }
      conv = *p++;
      if (used >= n_items)
        {
          cs_interp_raise (interp, "TypeError", "not enough arguments for format string");
          goto fail;
        }
      arg = items[used++];
      spec[si] = '\0';

      switch (conv)
        {
        case 's':
        case 'r':
          {
            g_autofree char *text = conv == 's' ? cs_op_str (interp, arg) : cs_op_repr (interp, arg);
            if (text == NULL)
              goto fail;
            spec[si++] = 's';
            spec[si] = '\0';
            g_string_append_printf (out, spec, text);
            break;
          }
        case 'd':
        case 'i':
        case 'x':
        case 'X':
        case 'o':
          {
            gint64 v;
            if (cs_object_kind (arg) != CS_KIND_INT && cs_object_kind (arg) != CS_KIND_BOOL &&
                cs_object_kind (arg) != CS_KIND_FLOAT)
              {
                cs_interp_raise (interp, "TypeError", "%%%c format: %s is required, not %s", conv,
                                 conv == 'd' || conv == 'i' ? "a real number" : "an integer",
                                 cs_object_type_name (arg));
                goto fail;
              }
            if (!arg->cls->to_int (interp, arg, &v))
              goto fail;
            memcpy (spec + si, G_GINT64_MODIFIER, strlen (G_GINT64_MODIFIER));
            si += strlen (G_GINT64_MODIFIER);
            spec[si++] = conv == 'i' ? 'd' : conv;
            spec[si] = '\0';
            g_string_append_printf (out, spec, v);
            break;
          }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
          {
            double v;
            if (arg->cls->to_float == NULL || cs_object_kind (arg) == CS_KIND_STR)
              {
                cs_interp_raise (interp, "TypeError", "must be real number, not %s",
                                 cs_object_type_name (arg));
                goto fail;
              }
            if (!arg->cls->to_float (interp, arg, &v))
              goto fail;
            spec[si++] = conv;
            spec[si] = '\0';
            g_string_append_printf (out, spec, v);
            break;
          }
        default:
          cs_interp_raise (interp, "ValueError",
                           "unsupported format character '%c' (0x%x) at index %" G_GSIZE_FORMAT,
                           conv, conv, (gsize) (p - format->str.data - 1));
          goto fail;
        }
    }
  if (used < n_items)
    {
      cs_interp_raise (interp, "TypeError", "not all arguments converted during string formatting");
      goto fail;
    }
  return g_string_free (out, FALSE);

fail:
  g_string_free (out, TRUE);
  return NULL;
}
