/* cs-cli-run.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "run" and "facts" subcommands (no display, no GTK).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] = "run", argv[1] = FILE.py.  Returns the exit status. */
int cs_cli_run   (int    argc,
                  char **argv);
/* argv[0] = "facts", argv[1] = FILE.py.  Returns the exit status. */
int cs_cli_facts (int    argc,
                  char **argv);

G_END_DECLS
