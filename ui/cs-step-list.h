/* cs-step-list.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cs-trace.h"

G_BEGIN_DECLS

#define CS_TYPE_STEP_LIST (cs_step_list_get_type ())

G_DECLARE_FINAL_TYPE (CsStepList, cs_step_list, CS, STEP_LIST, GtkWidget)

GtkWidget *cs_step_list_new          (void);

guint      cs_step_list_get_n_steps  (CsStepList *self);
guint      cs_step_list_get_selected (CsStepList *self);
GtkWidget *cs_step_list_get_row_widget (CsStepList *self,
                                        guint       index);

void       cs_step_list_set_trace    (CsStepList *self,
                                      CsTrace    *trace);
void       cs_step_list_select       (CsStepList *self,
                                      guint       index);
void       cs_step_list_popup_menu   (CsStepList *self,
                                      guint       index);

G_END_DECLS
