/* cs-markup.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-markup.h"

/* Calls @func for each run of @text: plain runs with code FALSE, the text
 * between a pair of backticks with code TRUE.  An unpaired backtick is
 * plain text.
 */
static void
split_code (const char *text,
            void      (*func) (GString *, const char *, gsize, gboolean, gconstpointer),
            GString    *out,
            gconstpointer data)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *open = strchr (p, '`');
      const char *close = open != NULL ? strchr (open + 1, '`') : NULL;

      if (open == NULL || close == NULL)
        {
          func (out, p, strlen (p), FALSE, data);
          return;
        }
      if (open > p)
        func (out, p, open - p, FALSE, data);
      func (out, open + 1, close - open - 1, TRUE, data);
      p = close + 1;
    }
}

static void
append_markup (GString       *out,
               const char    *run,
               gsize          len,
               gboolean       code,
               gconstpointer  data)
{
  g_autofree char *escaped = g_markup_escape_text (run, (gssize) len);

  if (code)
    g_string_append_printf (out, "<span %s>%s</span>", (const char *) data, escaped);
  else
    g_string_append (out, escaped);
}

static void
append_plain (GString       *out,
              const char    *run,
              gsize          len,
              gboolean       code,
              gconstpointer  data)
{
  g_string_append_len (out, run, (gssize) len);
}

/**
 * cs_markup_from_backticks:
 * @text: UTF-8 text with `code` in backticks
 * @code_attributes: Pango span attributes for code, e.g.
 *   `font_family="monospace"`
 *
 * Returns: (transfer full): Pango markup of @text: everything escaped,
 *   each backticked run (without its backticks) in a span with
 *   @code_attributes; an unpaired backtick stays as it is
 */
char *
cs_markup_from_backticks (const char *text,
                          const char *code_attributes)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (code_attributes != NULL, NULL);

  split_code (text, append_markup, out, code_attributes);
  return g_string_free (out, FALSE);
}

/**
 * cs_markup_strip_backticks:
 * @text: UTF-8 text with `code` in backticks
 *
 * Returns: (transfer full): @text without the backticks that pair up, for
 *   screen readers and tooltips
 */
char *
cs_markup_strip_backticks (const char *text)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  split_code (text, append_plain, out, NULL);
  return g_string_free (out, FALSE);
}
