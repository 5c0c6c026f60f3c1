/* cs-export-dialog.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-export.h"
#include "cs-palette.h"

G_BEGIN_DECLS

#define CS_TYPE_EXPORT_DIALOG (cs_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsExportDialog, cs_export_dialog, CS, EXPORT_DIALOG, AdwWindow)

CsExportDialog *cs_export_dialog_new                (GtkWindow       *parent);

gboolean        cs_export_dialog_get_all_steps      (CsExportDialog  *self);
CsExportFormat  cs_export_dialog_get_format         (CsExportDialog  *self);
guint           cs_export_dialog_get_scale          (CsExportDialog  *self);
CsTheme         cs_export_dialog_get_theme          (CsExportDialog  *self);
gboolean        cs_export_dialog_get_busy           (CsExportDialog  *self);

void            cs_export_dialog_set_all_steps      (CsExportDialog  *self,
                                                     gboolean         all_steps);
void            cs_export_dialog_set_format         (CsExportDialog  *self,
                                                     CsExportFormat   format);
void            cs_export_dialog_set_scale          (CsExportDialog  *self,
                                                     guint            scale);
void            cs_export_dialog_set_theme          (CsExportDialog  *self,
                                                     CsTheme          theme);
void            cs_export_dialog_set_busy           (CsExportDialog  *self,
                                                     gboolean         busy);

void            cs_export_dialog_get_options        (CsExportDialog  *self,
                                                     guint            current_step,
                                                     CsExportOptions *options);
char           *cs_export_dialog_dup_suggested_name (CsExportDialog  *self,
                                                     const char      *document_name,
                                                     guint            current_step) G_GNUC_WARN_UNUSED_RESULT;
const char     *cs_export_dialog_get_extension      (CsExportDialog  *self);
void            cs_export_dialog_set_steps          (CsExportDialog  *self,
                                                     guint            step,
                                                     guint            n_steps);

G_END_DECLS
