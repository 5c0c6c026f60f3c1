/* cs-cli-run.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "copyscope run FILE.py" prints what the scenario prints, like python3,
 * but carries on after a failing statement (each step is independent):
 * the last traceback line and warnings go to stderr.  "copyscope facts
 * FILE.py" prints the facts JSON.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cs-cli-run.h"
#include "cs-facts.h"
#include "cs-scenario.h"

static CsTrace *
load_trace (const char *subcommand,
            int         argc,
            char      **argv,
            int        *out_status)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  CsTrace *trace;

  if (argc != 2 || argv[1][0] == '\0')
    {
      g_printerr ("usage: copyscope %s FILE.py\n", subcommand);
      *out_status = 2;
      return NULL;
    }

  if (!g_file_get_contents (argv[1], &text, &len, &error))
    {
      g_printerr ("copyscope: cannot read %s: %s\n", argv[1], error->message);
      *out_status = 1;
      return NULL;
    }

  trace = cs_scenario_run (argv[1], text, len, NULL, &error);
  if (trace == NULL)
    {
      g_printerr ("%s\n", error->message);
      *out_status = 1;
      return NULL;
    }

  *out_status = 0;
  return trace;
}

/* Python prints a warning as "FILE:LINE: Category: message" followed by
 * the source line, indented by two spaces. */
static void
print_warning (const char   *filename,
               const CsStep *step,
               const char   *warning)
{
  g_autofree char *first_line = NULL;
  const char *nl = strchr (step->source, '\n');

  first_line = nl ? g_strndup (step->source, nl - step->source) : g_strdup (step->source);
  g_strstrip (first_line);
  fprintf (stderr, "%s:%u: %s\n  %s\n", filename, step->line, warning, first_line);
}

int
cs_cli_run (int    argc,
            char **argv)
{
  g_autoptr (CsTrace) trace = NULL;
  int status = 0;

  trace = load_trace ("run", argc, argv, &status);
  if (trace == NULL)
    return status;

  for (guint i = 0; i < cs_trace_get_n_steps (trace); i++)
    {
      const CsStep *step = cs_trace_get_step (trace, i);

      if (step->stdout_text && step->stdout_text[0])
        fputs (step->stdout_text, stdout);
      if (step->warnings->len > 0 || step->error)
        fflush (stdout);
      for (guint w = 0; w < step->warnings->len; w++)
        print_warning (argv[1], step, g_ptr_array_index (step->warnings, w));
      if (step->error)
        {
          if (step->error->message && step->error->message[0])
            fprintf (stderr, "%s: %s\n", step->error->type, step->error->message);
          else
            fprintf (stderr, "%s\n", step->error->type);
          fflush (stderr);
        }
    }
  fflush (stdout);
  return 0;
}

int
cs_cli_facts (int    argc,
              char **argv)
{
  g_autoptr (CsTrace) trace = NULL;
  g_autofree char *json = NULL;
  g_autofree char *base = NULL;
  int status = 0;

  trace = load_trace ("facts", argc, argv, &status);
  if (trace == NULL)
    return status;

  base = g_path_get_basename (argv[1]);
  json = cs_facts_to_json (trace, base);
  fputs (json, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
  return 0;
}
