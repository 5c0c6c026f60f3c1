/* test-interp-format.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * f-strings, format specs (int, bool, float, str and the errors of bad
 * specs), format (), str.format () and generator expressions, run
 * statement by statement.  The expected texts in
 * test-interp-format-cases.h were recorded from CPython 3.11 by
 * record-interp-format-goldens.py; an exception is written as
 * "!Type: message" after the step's output.
 */

#include "config.h"

#include "cs-parser.h"
#include "cs-output-case.h"
#include "cs-trace.h"

/* The generated case tables name the type this way. */
typedef CsOutputCase Case;

#include "test-interp-format-cases.h"

/* Huge widths are a Copyscope limit (CPython would allocate them). */
static void
test_width_limit (void)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", "s = f'{1:2000000}'\n", -1);
  g_autoptr (CsTrace) trace = cs_trace_run (program, NULL);
  CsStep *step = cs_trace_get_step (trace, 0);

  g_assert_nonnull (step->error);
  g_assert_cmpstr (step->error->type, ==, "MemoryError");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/interp-format/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], cs_output_case_check);
    }
  g_test_add_func ("/core/interp-format/width-limit", test_width_limit);
  return g_test_run ();
}
