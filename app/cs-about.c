/* cs-about.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cs-about.h"

/**
 * cs_about_window_new:
 * @transient_for: (nullable): the parent window
 *
 * Returns: (transfer none): a new AdwAboutWindow, owned by GTK's list of
 *   toplevels like every window
 */
GtkWidget *
cs_about_window_new (GtkWindow *transient_for)
{
  static const char *developers[] = { "The Copyscope authors", NULL };

  g_return_val_if_fail (!transient_for || GTK_IS_WINDOW (transient_for), NULL);

  return g_object_new (ADW_TYPE_ABOUT_WINDOW,
                       "transient-for", transient_for,
                       "modal", transient_for != NULL,
                       "application-name", "Copyscope",
                       "application-icon", APP_ID,
                       "developer-name", _("The Copyscope authors"),
                       "version", PACKAGE_VERSION,
                       "comments", _("See how Python names, copies and tensor storage really work."),
                       "website", CS_WEBSITE,
                       "issue-url", CS_ISSUE_URL,
                       "license-type", GTK_LICENSE_GPL_3_0,
                       "copyright", _("© 2026 The Copyscope authors"),
                       "developers", developers,
                       /* Translators: Replace "translator-credits" with your
                        * name and email, one translator a line.
                        */
                       "translator-credits", _("translator-credits"),
                       "release-notes-version", PACKAGE_VERSION,
                       "release-notes", _("<p>The first release lays the foundation: the main window, "
                                          "preferences, keyboard shortcuts, the copyscope command line "
                                          "and a Chinese (Simplified) translation.</p>"),
                       NULL);
}
