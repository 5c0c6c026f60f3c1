/* cs-paint.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "cs-palette.h"
#include "cs-scene.h"

G_BEGIN_DECLS

typedef enum
{
  CS_FONT_SANS,   /* "Cantarell, DejaVu Sans" */
  CS_FONT_MONO,   /* "DejaVu Sans Mono" */
} CsFontFamily;

void   cs_paint_scene        (cairo_t         *cr,
                              const CsScene   *prev,
                              const CsScene   *next,
                              double           t,
                              const CsPalette *palette,
                              double           scale);
double cs_paint_text_width   (CsFontFamily     family,
                              double           size,
                              gboolean         bold,
                              const char      *text);
double cs_paint_ease         (double           t);
void   cs_paint_box_outline  (cairo_t         *cr,
                              const CsBox     *box,
                              double           outset);
void   cs_scene_get_size     (const CsScene   *scene,
                              double           scale,
                              int             *width,
                              int             *height);

G_END_DECLS
