/* cs-ui-test.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every UI test needs: spinning the main loop, finding widgets,
 * capturing and saving pictures, pressing shortcut keys, answering
 * dialogs, opening a scenario in a real window.
 */

#pragma once

#include <adwaita.h>

#include "cs-window.h"

G_BEGIN_DECLS

void        cs_ui_test_spin                 (guint        ms);
void        cs_ui_test_wait_until_drawn     (GtkWidget   *widget);
gboolean    cs_ui_test_wait_for             (gboolean   (*done) (gpointer),
                                             gpointer     data,
                                             guint        timeout_ms);
GtkWidget  *cs_ui_test_find_of_type         (GtkWidget   *root,
                                             GType        type);
GtkWidget  *cs_ui_test_find_with_class      (GtkWidget   *root,
                                             const char  *css_class);
GtkWidget  *cs_ui_test_find_widget          (GtkWidget   *root,
                                             gboolean   (*match) (GtkWidget *, gconstpointer),
                                             gconstpointer data);
GtkWidget  *cs_ui_test_find_label           (GtkWidget   *root,
                                             const char  *text);
GtkWidget  *cs_ui_test_find_visible_dialog  (GType        type);
void        cs_ui_test_answer_dialog        (const char  *response);
GdkTexture *cs_ui_test_capture              (GtkWidget   *widget);
char       *cs_ui_test_save_artifact        (GdkTexture  *texture,
                                             const char  *name);
void        cs_ui_test_assert_not_blank     (GdkTexture  *texture);
guint       cs_ui_test_count_different_pixels (GdkTexture *a,
                                               GdkTexture *b);
void        cs_ui_test_send_key             (GtkWidget   *widget,
                                             guint        keyval);
void        cs_ui_test_send_key_with        (GtkWidget       *widget,
                                             guint            keyval,
                                             GdkModifierType  modifiers);
GtkEventController *cs_ui_test_find_controller (GtkWidget *widget,
                                                GType      type);
char       *cs_ui_test_get_output_text      (CsWindow    *window);
char       *cs_ui_test_get_editor_text      (CsWindow    *window);
CsWindow   *cs_ui_test_new_window           (GSettings   *settings,
                                             int          width,
                                             int          height);
CsWindow   *cs_ui_test_open_path            (const char  *path,
                                             GSettings   *settings);
CsWindow   *cs_ui_test_open_data_file       (const char  *name,
                                             GSettings   *settings);
void        cs_ui_test_append_text          (CsWindow    *window,
                                             const char  *text);
void        cs_ui_test_close_and_finalize   (CsWindow    *window);

void        cs_ui_test_use_app_style        (void);
void        cs_ui_test_set_language         (const char  *language);
void        cs_ui_test_keep_user_files_in   (const char  *dir);
guint       cs_ui_test_count_files          (const char  *path);
void        cs_ui_test_remove_tree          (const char  *path);

G_END_DECLS
