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

GtkWidget     *cs_canvas_new                 (void);
void           cs_canvas_set_scene           (CsCanvas              *self,
                                              CsScene               *scene,
                                              gboolean               animate,
                                              gboolean               backwards);
CsScene       *cs_canvas_get_scene           (CsCanvas              *self);
double         cs_canvas_get_progress        (CsCanvas              *self);
guint          cs_canvas_get_duration        (CsCanvas              *self);
void           cs_canvas_set_duration        (CsCanvas              *self,
                                              guint                  duration_ms);
void           cs_canvas_set_name            (CsCanvas              *self,
                                              const char            *name);

/* Zoom and fit. */
double         cs_canvas_get_zoom            (CsCanvas              *self);
void           cs_canvas_set_zoom            (CsCanvas              *self,
                                              double                 zoom);
void           cs_canvas_zoom_in             (CsCanvas              *self);
void           cs_canvas_zoom_out            (CsCanvas              *self);
void           cs_canvas_zoom_to_fit         (CsCanvas              *self);
void           cs_canvas_set_max_fit         (CsCanvas              *self,
                                              double                 max_fit);
gboolean       cs_canvas_get_drawn_bounds    (CsCanvas              *self,
                                              graphene_rect_t       *bounds);

/* Hover, selection, keyboard focus and highlighted cells. */
const CsBox   *cs_canvas_pick                (CsCanvas              *self,
                                              double                 x,
                                              double                 y);
gboolean       cs_canvas_get_box_area        (CsCanvas              *self,
                                              const char            *key,
                                              graphene_rect_t       *area);
const char    *cs_canvas_get_hover_key       (CsCanvas              *self);
const char    *cs_canvas_get_selected_key    (CsCanvas              *self);
void           cs_canvas_set_selected_key    (CsCanvas              *self,
                                              const char            *ref_key);
const char    *cs_canvas_get_focus_key       (CsCanvas              *self);
gboolean       cs_canvas_move_focus          (CsCanvas              *self,
                                              int                    delta);
gboolean       cs_canvas_activate_focus      (CsCanvas              *self);
char          *cs_canvas_dup_focus_text      (CsCanvas              *self) G_GNUC_WARN_UNUSED_RESULT;
void           cs_canvas_set_highlight_cells (CsCanvas              *self,
                                              const char            *strip_key,
                                              const guint           *cells,
                                              guint                  n_cells);

G_END_DECLS
