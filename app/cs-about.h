/* cs-about.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CS_WEBSITE   "https://github.com/copyscope/copyscope"
#define CS_ISSUE_URL "https://github.com/copyscope/copyscope/issues"

GtkWidget *cs_about_window_new (GtkWindow *transient_for);

G_END_DECLS
