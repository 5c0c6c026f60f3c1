/* cs-canvas.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-scene.h"

G_BEGIN_DECLS

#define CS_TYPE_CANVAS (cs_canvas_get_type ())

G_DECLARE_FINAL_TYPE (CsCanvas, cs_canvas, CS, CANVAS, GtkWidget)

GtkWidget     *cs_canvas_new              (void);
void           cs_canvas_set_scene        (CsCanvas *self,
                                           CsScene  *scene,
                                           gboolean  animate,
                                           gboolean  backwards);
CsScene       *cs_canvas_get_scene        (CsCanvas *self);
double         cs_canvas_get_progress     (CsCanvas *self);
void           cs_canvas_set_duration     (CsCanvas *self,
                                           guint     duration_ms);
double         cs_canvas_get_zoom         (CsCanvas *self);
void           cs_canvas_set_zoom         (CsCanvas *self,
                                           double    zoom);
void           cs_canvas_zoom_in          (CsCanvas *self);
void           cs_canvas_zoom_out         (CsCanvas *self);
void           cs_canvas_set_max_fit      (CsCanvas *self,
                                           double    max_fit);

G_END_DECLS
