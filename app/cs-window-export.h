/* cs-window-export.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's Export dialog and the export that runs off the main thread.
 */

#pragma once

#include "cs-export-dialog.h"
#include "cs-window.h"

G_BEGIN_DECLS

CsExportDialog *cs_window_show_export_dialog (CsWindow *self);
CsExportDialog *cs_window_get_export_dialog  (CsWindow *self);
gboolean        cs_window_export_start       (CsWindow *self,
                                              GFile    *file);
gboolean        cs_window_get_exporting      (CsWindow *self);
void            cs_window_export_dispose     (CsWindow *self);

G_END_DECLS
