/* cs-window-files.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files for the window: recent files, Save As to a given file, drops.
 */

#pragma once

#include "cs-window.h"

G_BEGIN_DECLS

#define CS_RECENT_APP_NAME "Copyscope"
#define CS_RECENT_MAX_ITEMS 8

gboolean    cs_window_save_as          (CsWindow *self,
                                        GFile    *file,
                                        GError  **error);
GPtrArray  *cs_recent_list_scenarios   (GtkRecentManager *manager,
                                        guint             max_items) G_GNUC_WARN_UNUSED_RESULT;
GMenuModel *cs_window_get_recent_menu  (CsWindow *self);

G_END_DECLS
