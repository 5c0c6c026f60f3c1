/* cs-export.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cs-palette.h"
#include "cs-scene.h"
#include "cs-trace.h"

G_BEGIN_DECLS

#define CS_EXPORT_ERROR (cs_export_error_quark ())

typedef enum
{
  CS_EXPORT_ERROR_WRITE,     /* The file cannot be written. */
  CS_EXPORT_ERROR_INVALID,   /* Bad options: no such step, empty trace, scale. */
  CS_EXPORT_ERROR_RENDER,    /* Cairo failed (out of memory, too large). */
} CsExportError;

typedef enum
{
  CS_EXPORT_PNG,
  CS_EXPORT_SVG,
  CS_EXPORT_PDF,
  CS_EXPORT_GIF,
} CsExportFormat;

typedef struct
{
  CsExportFormat   format;
  int              step;         /* 0-based step, or -1 for all steps. */
  double           scale;        /* Pixels per unit (PNG, GIF); 1.0. */
  double           font_scale;   /* Zoom of the picture itself; 1.0. */
  const CsPalette *palette;      /* NULL: light. */
  const char      *source;       /* (nullable) the scenario text, for the handout. */
  guint            gif_frames;   /* Transition frames per step (GIF), 8. */
  guint            gif_hold_ms;  /* How long each step stays (GIF), 1600. */
  /* (nullable) one explanation sentence per step (cs_explain_step), shown
   * under the picture on handout pages; cs_export_trace() fills it in when
   * NULL.  NULL entries or a shorter array: no explanation on that page. */
  const char * const *explanations;
  guint            n_explanations;
} CsExportOptions;

GQuark    cs_export_error_quark     (void);
void      cs_export_options_init    (CsExportOptions       *options);
gboolean  cs_export_format_from_name (const char           *name,
                                      CsExportFormat       *format);

gboolean  cs_export_scenes          (GPtrArray             *scenes,
                                     GPtrArray             *steps,
                                     const CsExportOptions *options,
                                     const char            *path,
                                     GError               **error);
gboolean  cs_export_trace           (CsTrace               *trace,
                                     const CsExportOptions *options,
                                     const char            *path,
                                     GError               **error);
char     *cs_export_numbered_path   (const char            *path,
                                     guint                  index,
                                     guint                  n) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
