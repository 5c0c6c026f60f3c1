/* cs-cli-export.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cs_cli_export (int    argc,
                   char **argv);

G_END_DECLS
