/* cs-window.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_WINDOW (cs_window_get_type ())

G_DECLARE_FINAL_TYPE (CsWindow, cs_window, CS, WINDOW, AdwApplicationWindow)

CsWindow  *cs_window_new          (GtkApplication *application,
                                   GSettings      *settings);
GSettings *cs_window_get_settings (CsWindow       *self);
void       cs_window_add_toast    (CsWindow       *self,
                                   AdwToast       *toast);
void       cs_window_open_file    (CsWindow       *self,
                                   GFile          *file);
guint      cs_window_get_step     (CsWindow       *self);
guint      cs_window_get_n_steps  (CsWindow       *self);
GFile     *cs_window_get_file     (CsWindow       *self);
gboolean   cs_window_get_modified (CsWindow       *self);
gboolean   cs_window_export_to_file (CsWindow     *self,
                                     GFile        *file,
                                     GError      **error);
gboolean   cs_window_copy_picture (CsWindow       *self);
gboolean   cs_window_get_presenting (CsWindow     *self);
gboolean   cs_window_get_compact_header (CsWindow *self);

/* prefs: playback (cs-window-playback.c) */
gboolean   cs_window_get_playing       (CsWindow  *self);
void       cs_window_set_playing       (CsWindow  *self,
                                        gboolean   playing);
double     cs_window_get_play_speed    (CsWindow  *self);
guint      cs_window_get_play_interval (CsWindow  *self);
guint      cs_window_get_transition_ms (CsWindow  *self);

/* lessons: the built-in course (cs-window-lessons.c) */
void        cs_window_open_lesson   (CsWindow     *self,
                                     const char   *lesson_id);
const char *cs_window_get_lesson_id (CsWindow     *self);
void        cs_window_show_lessons  (CsWindow     *self);

G_END_DECLS
