/* cs-cli.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subcommands run before any GtkApplication exists, so `copyscope run`,
 * `facts`, `export`, `--help` and `--version` work without a display (on a
 * server, in CI, or in a build with -Dgui=false).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-cli.h"
#include "cs-cli-export.h"

#ifdef CS_HAVE_CLI_RUN
# include "cs-cli-run.h"
#endif

/**
 * cs_cli_dup_usage:
 *
 * Returns: (transfer full): the text `copyscope --help` prints
 */
char *
cs_cli_dup_usage (void)
{
  GString *usage = g_string_new (NULL);

  g_string_append_printf (usage, "%s\n", _("Usage:"));
  g_string_append_printf (usage, "  copyscope [FILE.py]\n      %s\n",
                          _("Open the application, optionally with a scenario"));
  g_string_append_printf (usage, "  copyscope run FILE.py\n      %s\n",
                          _("Print what the scenario prints, like python3 would"));
  g_string_append_printf (usage, "  copyscope facts FILE.py\n      %s\n",
                          _("Print the facts of every step as JSON"));
  g_string_append_printf (usage,
                          "  copyscope export FILE.py [--step N | --all] [--format png|svg|pdf|gif]\n"
                          "                   [--scale S] [--theme light|dark] -o OUT\n      %s\n",
                          _("Draw steps as pictures or a handout, without a display"));
  g_string_append_c (usage, '\n');
  g_string_append_printf (usage, "%s\n", _("Options:"));
  g_string_append_printf (usage, "  -h, --help     %s\n", _("Show this help and exit"));
  g_string_append_printf (usage, "  --version      %s\n", _("Show the version and exit"));
#if !HAVE_GUI
  g_string_append_c (usage, '\n');
  g_string_append_printf (usage, "%s\n",
                          _("This build has no graphical interface (it was built with -Dgui=false)."));
#endif

  return g_string_free (usage, FALSE);
}

/**
 * cs_cli_dup_version:
 *
 * Returns: (transfer full): the line `copyscope --version` prints
 */
char *
cs_cli_dup_version (void)
{
  return g_strdup_printf ("copyscope %s\n", PACKAGE_VERSION);
}

#ifndef CS_HAVE_CLI_RUN
static int
not_available (const char *command)
{
  /* Translators: %s is a subcommand name such as "export". */
  g_printerr (_("copyscope: “%s” is not available in this version yet.\n"), command);
  return CS_CLI_EXIT_USAGE;
}
#endif

/**
 * cs_cli_dispatch:
 * @argc: the argument count of main()
 * @argv: the arguments of main()
 * @status: (out): the exit status, set when %TRUE is returned
 *
 * Runs the subcommand or option in argv[1] that needs no display.
 *
 * Returns: %TRUE if the command line was handled here and main() should
 *   return @status; %FALSE if it is for the application
 */
gboolean
cs_cli_dispatch (int    argc,
                 char **argv,
                 int   *status)
{
  const char *first;

  g_return_val_if_fail (argv != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  if (argc < 2 || argv[1] == NULL)
    return FALSE;

  first = argv[1];

  if (strcmp (first, "--version") == 0)
    {
      g_autofree char *version = cs_cli_dup_version ();

      g_print ("%s", version);
      *status = CS_CLI_EXIT_OK;
      return TRUE;
    }

  if (strcmp (first, "--help") == 0 || strcmp (first, "-h") == 0 || strcmp (first, "help") == 0)
    {
      g_autofree char *usage = cs_cli_dup_usage ();

      g_print ("%s", usage);
      *status = CS_CLI_EXIT_OK;
      return TRUE;
    }

  if (strcmp (first, "run") == 0)
    {
#ifdef CS_HAVE_CLI_RUN
      *status = cs_cli_run (argc - 1, argv + 1);
#else
      *status = not_available (first);
#endif
      return TRUE;
    }

  if (strcmp (first, "facts") == 0)
    {
#ifdef CS_HAVE_CLI_RUN
      *status = cs_cli_facts (argc - 1, argv + 1);
#else
      *status = not_available (first);
#endif
      return TRUE;
    }

  if (strcmp (first, "export") == 0)
    {
      *status = cs_cli_export (argc - 1, argv + 1);
      return TRUE;
    }

  return FALSE;
}
