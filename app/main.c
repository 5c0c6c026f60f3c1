/* main.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-cli.h"
#include "cs-i18n.h"

#if HAVE_GUI
# include "cs-application.h"
#endif

int
main (int   argc,
      char *argv[])
{
  int status = 0;

  cs_i18n_init ();

  /* Subcommands and --help/--version never need a display. */
  if (cs_cli_dispatch (argc, argv, &status))
    return status;

#if HAVE_GUI
  {
    g_autoptr (CsApplication) app = NULL;

    /* Say what is wrong in words, rather than GTK's "cannot open display". */
    if (!gtk_init_check ())
      {
        g_printerr ("%s\n", _("copyscope: cannot open a display; the window needs a graphical session. "
                              "The subcommands work without one (see “copyscope --help”)."));
        return CS_CLI_EXIT_FAILED;
      }

    app = cs_application_new ();
    return g_application_run (G_APPLICATION (app), argc, argv);
  }
#else
  g_printerr ("%s\n", _("copyscope: this build has no graphical interface (built with -Dgui=false); use “copyscope run”, “facts” or “export”."));
  return CS_CLI_EXIT_USAGE;
#endif
}
