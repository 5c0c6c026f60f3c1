/* cs-i18n.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cs-i18n.h"

/**
 * cs_i18n_get_localedir:
 *
 * The directory the "copyscope" catalogue is bound to.  COPYSCOPE_LOCALEDIR
 * overrides the installed one, so tests and `meson devenv` use the
 * catalogues compiled into the build directory.
 *
 * Returns: (transfer none): a directory name
 */
const char *
cs_i18n_get_localedir (void)
{
  const char *dir = g_getenv ("COPYSCOPE_LOCALEDIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  return LOCALEDIR;
}

/**
 * cs_i18n_init:
 *
 * Sets the locale from the environment and binds the gettext domain.  main()
 * calls it before anything else, so even `copyscope --help` is translated.
 * Messages are always UTF-8, whatever the locale's charset.
 */
void
cs_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, cs_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
