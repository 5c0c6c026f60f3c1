/* cs-gif.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small animated GIF (GIF89a) writer for Cairo RGB24/ARGB32 frames.
 * The 256-colour palette is chosen by popularity from sample frames
 * (flat UI pictures have few colours), and each frame only stores the
 * rectangle that changed since the previous one.
 */
typedef struct _CsGifWriter CsGifWriter;

CsGifWriter *cs_gif_writer_new        (const char    *path,
                                       int            width,
                                       int            height,
                                       GError       **error);
void         cs_gif_writer_add_sample (CsGifWriter   *gif,
                                       const guchar  *data,
                                       int            stride);
gboolean     cs_gif_writer_add_frame  (CsGifWriter   *gif,
                                       const guchar  *data,
                                       int            stride,
                                       guint          delay_ms,
                                       GError       **error);
gboolean     cs_gif_writer_close      (CsGifWriter   *gif,
                                       GError       **error);
guint        cs_gif_writer_get_n_frames (CsGifWriter *gif);
void         cs_gif_writer_free       (CsGifWriter   *gif);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsGifWriter, cs_gif_writer_free)

G_END_DECLS
