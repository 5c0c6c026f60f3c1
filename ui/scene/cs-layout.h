/* cs-layout.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cs-scene.h"
#include "cs-trace.h"

G_BEGIN_DECLS

/* Which part of a step's picture to lay out.  The window shows the memory
 * picture and the other parts in panels of their own; exports draw all of
 * it in one picture.
 */
typedef enum
{
  CS_LAYOUT_PART_ALL,       /* Memory, stride panel and autograd graph together. */
  CS_LAYOUT_PART_MEMORY,    /* Names, objects and storage only. */
  CS_LAYOUT_PART_STRIDES,   /* One view (stride_focus, else a default): its names,
                             * card, storage strip and the stride panel above it. */
  CS_LAYOUT_PART_AUTOGRAD,  /* The autograd graph only. */
} CsLayoutPart;

typedef struct
{
  double      font_scale;     /* Zoom of the whole picture (projectors), 1.0. */
  gboolean    frame;          /* Header (code line, step dots) and caption strip. */
  double      min_name_width; /* Column widths at least these (stable across steps). */
  double      min_card_width;
  guint       max_cells;      /* Storage cells and slots drawn before "…", 16. */
  GHashTable *storage_numbers;/* (nullable) guint64 serial → S number, kept across steps. */
  gboolean    stride_panel;   /* Show the stride panel (default TRUE). */
  guint64     stride_focus;   /* Serial of the view it explains; 0: the first
                               * non-contiguous 2-D view, if any. */
  CsLayoutPart part;          /* What to lay out, CS_LAYOUT_PART_ALL. */
  gboolean    show_addresses; /* Objects show their id () (CPython's address), FALSE. */
} CsLayoutOptions;

void       cs_layout_options_init (CsLayoutOptions *options);

CsScene   *cs_layout_snapshot     (const CsStep          *step,
                                   const CsStep          *prev_step,
                                   guint                  step_index,
                                   guint                  n_steps,
                                   const CsLayoutOptions *options) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *cs_layout_trace        (CsTrace               *trace,
                                   const CsLayoutOptions *options) G_GNUC_WARN_UNUSED_RESULT;
void       cs_layout_number_storages (CsTrace          *trace,
                                      GHashTable       *numbers);

gboolean   cs_layout_scene_is_empty (const CsScene       *scene);
GArray    *cs_layout_view_cells   (const CsStep          *step,
                                   guint64                serial,
                                   guint64               *storage_serial) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
