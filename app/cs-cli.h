/* cs-cli.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the command line (DESIGN.md, "The command line"). */
#define CS_CLI_EXIT_OK     0
#define CS_CLI_EXIT_FAILED 1
#define CS_CLI_EXIT_USAGE  2

gboolean  cs_cli_dispatch    (int     argc,
                              char  **argv,
                              int    *status);
char     *cs_cli_dup_usage   (void) G_GNUC_WARN_UNUSED_RESULT;
char     *cs_cli_dup_version (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
