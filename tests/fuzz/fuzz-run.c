/* fuzz-run.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: any bytes -> validate -> parse -> run every step ->
 * facts JSON.  Limits are lowered so each input runs quickly; nothing may
 * crash, hang, leak or trip a sanitizer.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "cs-facts.h"
#include "cs-scenario.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  CsRunOptions options;
  CsTrace *trace;
  GError *error = NULL;

  cs_run_options_init_defaults (&options);
  options.max_loop_iterations = 2000;
  options.max_container_len = 20000;
  options.max_total_slots = 200000;
  options.max_heap_objects = 50000;
  options.max_call_depth = 200;
  options.max_c_depth = 400;

  trace = cs_scenario_run ("fuzz.py", (const char *) data, size, &options, &error);
  if (trace == NULL)
    {
      g_clear_error (&error);
      return 0;
    }
  for (guint i = 0; i < cs_trace_get_n_steps (trace); i++)
    {
      CsStep *step = cs_trace_get_step (trace, i);
      if (step->snapshot)
        for (guint n = 0; n < step->snapshot->n_names; n++)
          g_free (cs_snapshot_dup_repr (step->snapshot, step->snapshot->names[n].serial));
    }
  g_free (cs_facts_to_json (trace, "fuzz.py"));
  cs_trace_unref (trace);
  return 0;
}
