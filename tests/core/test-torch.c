/* test-torch.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scripted torch cases run statement by statement; the expected output
 * (goldens/tensor-cases.h) was recorded from real NumPy 1.24 / PyTorch 1.13
 * by record-tensor-goldens.py.  An exception is "!Type: message".
 */

#include "config.h"

#include "cs-parser.h"
#include "cs-trace.h"

typedef struct
{
  const char *name;
  const char *source;
  const char *expected;
} TensorCase;

#include "goldens/tensor-cases.h"

static void
test_case (gconstpointer data)
{
  const TensorCase *c = data;
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", c->source, -1);
  g_autoptr (CsTrace) trace = cs_trace_run (program, NULL);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < cs_trace_get_n_steps (trace); i++)
    {
      CsStep *step = cs_trace_get_step (trace, i);

      g_string_append (out, step->stdout_text);
      if (step->error)
        g_string_append_printf (out, "!%s: %s\n", step->error->type, step->error->message);
    }
  g_assert_cmpstr (out->str, ==, c->expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (torch_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/torch/%s", torch_cases[i].name);
      g_test_add_data_func (path, &torch_cases[i], test_case);
    }
  (void) torch_cases;
  (void) numpy_cases;
  return g_test_run ();
}
