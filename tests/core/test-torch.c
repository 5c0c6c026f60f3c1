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
#include "cs-output-case.h"
#include "cs-trace.h"

/* The generated case tables name the type this way. */
typedef CsOutputCase TensorCase;

#include "goldens/tensor-cases.h"

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (torch_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/torch/%s", torch_cases[i].name);
      g_test_add_data_func (path, &torch_cases[i], cs_output_case_check);
    }
  (void) torch_cases;
  (void) numpy_cases;
  return g_test_run ();
}
