/* cs-cli-export.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `copyscope export FILE.py [--step N | --all] [--format png|svg|pdf|gif]
 *  [--scale S] [--theme light|dark|high-contrast] -o OUT`: draws steps with
 * ui/scene (Cairo only, no display).  Steps count from 1 as the app shows
 * them.  Without --step or --all, PDF and GIF take every step and PNG and
 * SVG the first; without --format the extension of OUT decides.  PNG and
 * SVG with --all write OUT-01.png, OUT-02.png, …
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cs-cli.h"
#include "cs-cli-export.h"
#include "cs-export.h"
#include "cs-palette.h"
#include "cs-scenario.h"

static int
usage_error (const char *message)
{
  g_printerr ("copyscope export: %s\n", message);
  g_printerr ("%s\n", _("Usage: copyscope export FILE.py [--step N | --all] [--format png|svg|pdf|gif] "
                        "[--scale S] [--theme light|dark] -o OUT"));
  return CS_CLI_EXIT_USAGE;
}

static const char *
option_value (int    argc,
              char **argv,
              int   *i)
{
  if (*i + 1 >= argc)
    return NULL;
  *i += 1;
  return argv[*i];
}

/**
 * cs_cli_export:
 * @argc: arguments from "export" on
 * @argv: argv[0] is "export"
 *
 * Returns: the exit status: 0, 1 for an unusable file or a failed write,
 *   2 for bad usage
 */
int
cs_cli_export (int    argc,
               char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CsTrace) trace = NULL;
  g_autofree char *text = NULL;
  const char *input = NULL, *output = NULL, *format_name = NULL, *theme = "light";
  gboolean all = FALSE, have_step = FALSE;
  gint64 step = 1;
  double scale = 1.0;
  CsExportOptions options;
  CsExportFormat format;
  gsize length = 0;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value;

      if (g_str_equal (arg, "--all"))
        all = TRUE;
      else if (g_str_equal (arg, "--step") || g_str_equal (arg, "--format")
               || g_str_equal (arg, "--scale") || g_str_equal (arg, "--theme")
               || g_str_equal (arg, "-o") || g_str_equal (arg, "--output"))
        {
          value = option_value (argc, argv, &i);
          if (value == NULL)
            {
              g_autofree char *message = g_strdup_printf (_("%s needs a value"), arg);
              return usage_error (message);
            }

          if (g_str_equal (arg, "--step"))
            {
              char *end = NULL;

              errno = 0;
              step = g_ascii_strtoll (value, &end, 10);
              if (errno != 0 || end == value || *end != '\0' || step < 1)
                return usage_error (_("--step takes a step number, 1 for the first step"));
              have_step = TRUE;
            }
          else if (g_str_equal (arg, "--format"))
            format_name = value;
          else if (g_str_equal (arg, "--scale"))
            {
              char *end = NULL;

              scale = g_ascii_strtod (value, &end);
              if (end == value || *end != '\0' || !(scale >= 0.1 && scale <= 8.0))
                return usage_error (_("--scale takes a number from 0.1 to 8"));
            }
          else if (g_str_equal (arg, "--theme"))
            theme = value;
          else
            output = value;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("unknown option %s"), arg);
          return usage_error (message);
        }
      else if (input == NULL)
        input = arg;
      else
        return usage_error (_("only one scenario file can be exported at a time"));
    }

  if (input == NULL)
    return usage_error (_("no scenario file given"));
  if (output == NULL || *output == '\0')
    return usage_error (_("no output file given (-o OUT)"));
  if (all && have_step)
    return usage_error (_("--step and --all cannot be used together"));

  if (format_name == NULL)
    {
      const char *dot = strrchr (output, '.');

      format_name = dot != NULL ? dot + 1 : "png";
    }
  if (!cs_export_format_from_name (format_name, &format))
    {
      g_autofree char *message = g_strdup_printf (_("unknown format “%s” (use png, svg, pdf or gif)"),
                                                   format_name);
      return usage_error (message);
    }

  cs_export_options_init (&options);
  options.format = format;
  options.scale = scale;
  options.palette = cs_palette_for_name (theme);
  if (options.palette == NULL)
    return usage_error (_("--theme takes light, dark or high-contrast"));

  if (!g_file_get_contents (input, &text, &length, &error))
    {
      /* Translators: FILE: error: the system's reason. */
      g_printerr (_("%s: error: %s\n"), input, error->message);
      return CS_CLI_EXIT_FAILED;
    }

  trace = cs_scenario_run (input, text, (gssize) length, NULL, &error);
  if (trace == NULL)
    {
      g_printerr ("%s\n", error->message);
      return CS_CLI_EXIT_FAILED;
    }

  if (all || (!have_step && (format == CS_EXPORT_PDF || format == CS_EXPORT_GIF)))
    options.step = -1;
  else
    {
      if ((guint64) step > cs_trace_get_n_steps (trace))
        {
          /* Translators: the scenario has fewer steps than asked for. */
          g_printerr (_("%s: error: there is no step %u (the scenario has %u)\n"),
                      input, (guint) MIN (step, G_MAXUINT), cs_trace_get_n_steps (trace));
          return CS_CLI_EXIT_USAGE;
        }
      options.step = (int) (step - 1);
    }
  options.source = text;

  if (!cs_export_trace (trace, &options, output, &error))
    {
      g_printerr (_("%s: error: %s\n"), output, error->message);
      return CS_CLI_EXIT_FAILED;
    }

  return CS_CLI_EXIT_OK;
}
