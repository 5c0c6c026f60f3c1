/* cs-output-case.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-output-case.h"
#include "cs-parser.h"
#include "cs-trace.h"

/* Runs @source as "t.py" and returns what its steps printed, each error
 * step adding "!Type: message\n" where it stopped.
 */
char *
cs_output_case_run (const char *source)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, -1);
  g_autoptr (CsTrace) trace = cs_trace_run (program, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cs_trace_get_n_steps (trace); i++)
    {
      CsStep *step = cs_trace_get_step (trace, i);

      g_string_append (out, step->stdout_text);
      if (step->error)
        g_string_append_printf (out, "!%s: %s\n", step->error->type, step->error->message);
    }
  return g_string_free (out, FALSE);
}

/* A g_test_add_data_func() function for a CsOutputCase. */
void
cs_output_case_check (gconstpointer data)
{
  const CsOutputCase *c = data;
  g_autofree char *out = cs_output_case_run (c->source);

  g_assert_cmpstr (out, ==, c->expected);
}
