/* cs-scenario.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-parser.h"
#include "cs-scenario.h"

G_DEFINE_QUARK (cs-scenario-error-quark, cs_scenario_error)

gboolean
cs_scenario_validate (const char  *filename,
                      const char  *text,
                      gssize       len,
                      gsize        max_bytes,
                      GError     **error)
{
  const char *end = NULL;
  guint line = 1, column = 1;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  if (len < 0)
    len = strlen (text);
  if ((gsize) len > max_bytes)
    {
      g_set_error (error, CS_SCENARIO_ERROR, CS_SCENARIO_ERROR_TOO_LARGE,
                   "%s:1:1: error: file is too large (%" G_GSSIZE_FORMAT " bytes, at most %"
                   G_GSIZE_FORMAT ")", filename, len, max_bytes);
      return FALSE;
    }
  if (g_utf8_validate_len (text, len, &end))
    return TRUE;

  /* Line and column (in characters) of the first bad byte. */
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }
  g_set_error (error, CS_SCENARIO_ERROR, CS_SCENARIO_ERROR_INVALID_UTF8,
               "%s:%u:%u: error: file is not valid UTF-8", filename, line, column);
  return FALSE;
}

CsTrace *
cs_scenario_run (const char          *filename,
                 const char          *text,
                 gssize               len,
                 const CsRunOptions  *options,
                 GError             **error)
{
  g_autoptr (CsProgram) program = NULL;
  CsRunOptions defaults;

  if (options == NULL)
    {
      cs_run_options_init_defaults (&defaults);
      options = &defaults;
    }
  if (len < 0)
    len = strlen (text);
  if (!cs_scenario_validate (filename, text, len, options->max_source_bytes, error))
    return NULL;
  program = cs_program_parse (filename, text, len);
  return cs_trace_run (program, options);
}
