/* test-document.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real CsWindow with a document, under an X server: open a public
 * conformance case, step with the actions and with keys on the canvas,
 * check the step list, the output pane and that the canvas picture
 * changes; edit the buffer and see the trace re-run on the same step;
 * files that are not scenarios leave the document as it was.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include <gtksourceview/gtksource.h>

#include "cs-canvas.h"
#include "cs-i18n.h"
#include "cs-step-list.h"
#include "cs-ui-test.h"
#include "cs-window-private.h"
#include "cs-window.h"

static void
test_document_step (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  GtkWidget *canvas = cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_CANVAS);
  CsStepList *list = CS_STEP_LIST (cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_STEP_LIST));
  g_autoptr (GdkTexture) before = NULL;
  g_autoptr (GdkTexture) after = NULL;
  g_autoptr (GdkTexture) whole = NULL;
  g_autofree char *output = NULL;
  guint n;

  g_assert_nonnull (canvas);
  g_assert_nonnull (cs_window_get_file (window));
  n = cs_window_get_n_steps (window);
  g_assert_cmpuint (n, ==, 11);
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  g_assert_cmpuint (cs_step_list_get_selected (list), ==, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-previous", NULL)
                  && cs_window_get_step (window) != 0);

  /* Forward with the action to `b = copy.copy (a)` (step 4). */
  for (guint i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL));
  g_assert_cmpuint (cs_window_get_step (window), ==, 3);
  {
    /* The generated explanation of `b = copy.copy (a)` names `b`. */
    GtkWidget *label = cs_ui_test_find_with_class (GTK_WIDGET (window), "cs-step-explanation");

    g_assert_nonnull (label);
    g_test_message ("explanation: %s", gtk_label_get_text (GTK_LABEL (label)));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "b"));
    /* Its code is set in monospace, without the backticks. */
    g_assert_true (gtk_label_get_use_markup (GTK_LABEL (label)));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "<span font_family=\"monospace\">b"));
    g_assert_null (strchr (gtk_label_get_text (GTK_LABEL (label)), '`'));
  }
  cs_ui_test_spin (50);
  before = cs_ui_test_capture (canvas);
  g_free (cs_ui_test_save_artifact (before, "document-step-4.png"));

  /* One step on with the Right key on the canvas: b's line printed. */
  gtk_widget_grab_focus (canvas);
  cs_ui_test_send_key (canvas, GDK_KEY_Right);
  g_assert_cmpuint (cs_window_get_step (window), ==, 4);
  g_assert_cmpuint (cs_step_list_get_selected (list), ==, 4);
  output = cs_ui_test_get_output_text (window);
  g_test_message ("output: %s", output);
  g_assert_nonnull (strstr (output, "before a [[1, 2], 3, 4]"));
  g_assert_nonnull (strstr (output, "before b [[1, 2], 3, 4]"));
  g_assert_null (strstr (output, "after a"));
  g_clear_pointer (&output, g_free);

  /* a[0][0] = 0 writes the shared inner list: the picture changes. */
  cs_ui_test_send_key (canvas, GDK_KEY_Page_Down);
  g_assert_cmpuint (cs_window_get_step (window), ==, 5);
  cs_ui_test_spin (50);
  after = cs_ui_test_capture (canvas);
  g_free (cs_ui_test_save_artifact (after, "document-step-6.png"));
  g_assert_cmpuint (cs_ui_test_count_different_pixels (before, after), >, 200);

  /* Back with Left and PageUp, to the end and the start. */
  cs_ui_test_send_key (canvas, GDK_KEY_Left);
  g_assert_cmpuint (cs_window_get_step (window), ==, 4);
  cs_ui_test_send_key (canvas, GDK_KEY_Page_Up);
  g_assert_cmpuint (cs_window_get_step (window), ==, 3);
  cs_ui_test_send_key (canvas, GDK_KEY_End);
  g_assert_cmpuint (cs_window_get_step (window), ==, n - 1);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL)
                  && cs_window_get_step (window) != n - 1);
  output = cs_ui_test_get_output_text (window);
  g_assert_nonnull (strstr (output, "after b [[0, 2], 3, 4]"));
  g_clear_pointer (&output, g_free);
  cs_ui_test_send_key (canvas, GDK_KEY_Home);
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  cs_ui_test_send_key (canvas, GDK_KEY_Page_Down);
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);

  /* Selecting a row jumps there. */
  g_assert_true (gtk_widget_activate_action (cs_step_list_get_row_widget (list, 5),
                                             "listitem.select", "(bb)", FALSE, FALSE));
  g_assert_cmpuint (cs_window_get_step (window), ==, 5);
  cs_ui_test_spin (50);

  whole = cs_ui_test_capture (GTK_WIDGET (window));
  g_free (cs_ui_test_save_artifact (whole, "document.png"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_document_animation (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  CsCanvas *canvas = CS_CANVAS (cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_CANVAS));

  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-enable-animations", TRUE, NULL);
  cs_canvas_set_duration (canvas, 300);
  cs_window_open_file (window, cs_window_get_file (window));
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);

  /* Forwards: t runs from 0 towards 1 on the new scene. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);
  g_assert_cmpfloat (cs_canvas_get_progress (canvas), <, 0.5);
  cs_ui_test_spin (100);
  g_assert_cmpfloat (cs_canvas_get_progress (canvas), <, 1.0);
  cs_ui_test_spin (400);
  g_assert_cmpfloat (cs_canvas_get_progress (canvas), ==, 1.0);

  /* Backwards plays the same transition in reverse. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-previous", NULL);
  g_assert_cmpfloat (cs_canvas_get_progress (canvas), <, 0.5);
  cs_ui_test_spin (500);
  g_assert_cmpfloat (cs_canvas_get_progress (canvas), ==, 1.0);

  /* Reduced motion: no transition at all. */
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-enable-animations", FALSE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);
  g_assert_cmpfloat (cs_canvas_get_progress (canvas), ==, 1.0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_document_edit_reruns (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  GtkTextView *editor = GTK_TEXT_VIEW (cs_ui_test_find_of_type (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (editor);
  GtkTextIter end;
  g_autofree char *output = NULL;

  g_assert_nonnull (editor);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);
  g_assert_cmpuint (cs_window_get_step (window), ==, 2);
  g_assert_false (cs_window_get_modified (window));

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "c = b\nprint('done', c is b)\n", -1);
  g_assert_true (cs_window_get_modified (window));
  /* Still the old trace until the pause is over. */
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 11);
  cs_ui_test_spin (700);
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 13);
  g_assert_cmpuint (cs_window_get_step (window), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL);
  output = cs_ui_test_get_output_text (window);
  g_assert_nonnull (strstr (output, "done True"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
check_refused (const char *name,
               const char *contents,
               gsize       length)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) before = g_object_ref (cs_window_get_file (window));
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);
  cs_window_open_file (window, file);
  cs_ui_test_spin (100);

  dialog = cs_ui_test_find_visible_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                  adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), name));
  /* What the Close button does. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_close (GTK_WINDOW (dialog));
  cs_ui_test_spin (50);
  g_assert_null (cs_ui_test_find_visible_dialog (ADW_TYPE_MESSAGE_DIALOG));

  /* The document is as it was, and the window still steps. */
  g_assert_true (g_file_equal (cs_window_get_file (window), before));
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 11);
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL));
  g_assert_cmpuint (cs_window_get_step (window), ==, 2);

  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_document_refuses_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";

  check_refused ("cs-test-binary.py", png, sizeof png - 1);
}

static void
test_document_refuses_invalid_utf8 (void)
{
  static const char latin1[] = "name = 'caf\xe9'\nprint(name)\n";

  check_refused ("cs-test-latin1.py", latin1, sizeof latin1 - 1);
}

static void
test_document_refuses_large (void)
{
  gsize length = 10 * 1024 * 1024;
  g_autofree char *big = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    big[i] = (i % 64 == 63) ? '\n' : 'x';
  check_refused ("cs-test-large.py", big, length);
}

static void
answer_dialog (const char *response)
{
  GtkWidget *dialog = cs_ui_test_find_visible_dialog (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  g_test_message ("%s: %s -> %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                  adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), response);
  /* What clicking the button does. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
  cs_ui_test_spin (50);
  g_assert_null (cs_ui_test_find_visible_dialog (ADW_TYPE_MESSAGE_DIALOG));
}

/* Unsaved changes: closing and opening ask first; Cancel keeps everything,
 * Discard drops the edit, Save writes the file (atomically) and goes on.
 */
static void
test_document_unsaved (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "03_article_copy_copy.py", NULL);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "cs-test-unsaved.py", NULL);
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) other = g_file_new_for_path (source);
  CsWindow *window = g_object_ref (cs_window_new (NULL, NULL));

  g_assert_true (g_file_get_contents (source, &original, NULL, NULL));
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_file (window, file);
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  g_assert_true (g_file_equal (cs_window_get_file (window), file));

  /* Close with an edit: the dialog, and Cancel keeps the window. */
  cs_ui_test_append_text (window, "c = 1\n");
  g_assert_true (cs_window_get_modified (window));
  gtk_window_close (GTK_WINDOW (window));
  cs_ui_test_spin (50);
  answer_dialog ("cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (cs_window_get_modified (window));

  /* Open another file: Discard drops the edit and opens it. */
  cs_window_open_file (window, other);
  cs_ui_test_spin (50);
  g_assert_true (g_file_equal (cs_window_get_file (window), file));
  answer_dialog ("discard");
  g_assert_true (g_file_equal (cs_window_get_file (window), other));
  g_assert_false (cs_window_get_modified (window));
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, original);
  g_clear_pointer (&saved, g_free);

  /* Back to the copy; Ctrl+S saves. */
  cs_window_open_file (window, file);
  cs_ui_test_append_text (window, "d = 2\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (cs_window_get_modified (window));
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_true (g_str_has_suffix (saved, "d = 2\n"));
  g_clear_pointer (&saved, g_free);

  /* Close with an edit and Save: written, then the window goes. */
  cs_ui_test_append_text (window, "e = 3\n");
  gtk_window_close (GTK_WINDOW (window));
  cs_ui_test_spin (50);
  answer_dialog ("save");
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_true (g_str_has_suffix (saved, "d = 2\ne = 3\n"));

  g_unlink (path);
  g_assert_finalize_object (window);
}

/* A lesson has no file: Save in the unsaved-changes question asks where
 * (the save chooser), writes there and only then opens the other file;
 * cancelling the chooser keeps the work and the lesson open.
 */
static void
test_document_unsaved_untitled (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "03_article_copy_copy.py", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cs-test-untitled-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "my-lesson.py", NULL);
  g_autofree char *saved = NULL;
  g_autoptr (GFile) other = g_file_new_for_path (source);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  CsWindow *window = g_object_ref (cs_window_new (NULL, NULL));

  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_lesson (window, "03-shallow-copy");
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  g_assert_null (cs_window_get_file (window));
  cs_ui_test_append_text (window, "c = 1\n");
  g_assert_true (cs_window_get_modified (window));

  /* Save, then cancel the chooser: nothing written, nothing opened. */
  cs_window_open_file (window, other);
  cs_ui_test_spin (50);
  answer_dialog ("save");
  g_assert_nonnull (window->save_chooser);
  g_signal_emit_by_name (window->save_chooser, "response", GTK_RESPONSE_CANCEL);
  cs_ui_test_spin (50);
  g_assert_null (window->save_chooser);
  g_assert_null (cs_window_get_file (window));
  g_assert_true (cs_window_get_modified (window));
  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, "03-shallow-copy");

  /* Save, and answer the chooser: written there, then the other file. */
  cs_window_open_file (window, other);
  cs_ui_test_spin (50);
  answer_dialog ("save");
  cs_ui_test_spin (200);
  g_assert_nonnull (window->save_chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (window->save_chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (window->save_chooser), "my-lesson.py");
  cs_ui_test_spin (100);
  g_signal_emit_by_name (window->save_chooser, "response", GTK_RESPONSE_ACCEPT);
  cs_ui_test_spin (50);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_true (g_str_has_prefix (saved, "# title: Shallow copies with copy.copy"));
  g_assert_true (g_str_has_suffix (saved, "c = 1\n"));
  g_assert_true (g_file_equal (cs_window_get_file (window), other));
  g_assert_false (cs_window_get_modified (window));

  cs_ui_test_close_and_finalize (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Export through the window: the current step as PNG (it decodes), every
 * step as a PDF handout, and the picture on the clipboard.
 */
static void
test_document_export (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  g_autofree char *png = g_build_filename (g_get_tmp_dir (), "cs-test-export.png", NULL);
  g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "cs-test-export.pdf", NULL);
  g_autoptr (GFile) png_file = g_file_new_for_path (png);
  g_autoptr (GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *bytes = NULL;
  GdkContentFormats *formats;

  g_unlink (png);
  g_unlink (pdf);
  for (guint i = 0; i < 5; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);

  g_assert_true (cs_window_export_to_file (window, png_file, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 300);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 200);

  g_assert_true (cs_window_export_to_file (window, pdf_file, &error));
  g_assert_true (g_file_get_contents (pdf, &bytes, NULL, NULL));
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));

  g_assert_true (cs_window_copy_picture (window));
  formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (window)));
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));

  g_unlink (png);
  g_unlink (pdf);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* F5: only the caption and the picture, larger; keys still step; Esc
 * leaves and everything is back.
 */
static void
test_document_presentation (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  GtkWidget *editor = cs_ui_test_find_of_type (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW);
  GtkWidget *canvas = cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_CANVAS);
  g_autoptr (GdkTexture) normal = NULL;
  g_autoptr (GdkTexture) presenting = NULL;

  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_false (cs_window_get_presenting (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL);
  cs_ui_test_spin (50);
  normal = cs_ui_test_capture (canvas);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_true (cs_window_get_presenting (window));
  cs_ui_test_spin (300);
  g_assert_false (gtk_widget_get_mapped (editor));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "cs-presenting"));
  g_assert_true (gtk_widget_has_focus (canvas));
  g_assert_cmpint (gtk_widget_get_width (canvas), >, 1000);
  presenting = cs_ui_test_capture (canvas);
  g_free (cs_ui_test_save_artifact (presenting, "presentation.png"));

  cs_ui_test_send_key (canvas, GDK_KEY_Home);
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  cs_ui_test_send_key (canvas, GDK_KEY_Right);
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));
  g_assert_false (cs_window_get_presenting (window));
  cs_ui_test_spin (300);
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "cs-presenting"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The README and metainfo screenshots: the window on a lesson at the step
 * where the shared inner list changes, light, dark and in Chinese.
 */
static void
capture_lesson (const char *lesson,
                const char *artifact)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "lessons", lesson, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GdkTexture) texture = NULL;
  CsWindow *window = g_object_ref (cs_window_new (NULL, NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_file (window, file);
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  g_assert_cmpuint (cs_window_get_n_steps (window), >, 6);
  for (guint i = 0; i < 5; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);
  g_assert_cmpuint (cs_window_get_step (window), ==, 5);
  cs_ui_test_spin (300);
  texture = cs_ui_test_capture (GTK_WIDGET (window));
  g_free (cs_ui_test_save_artifact (texture, artifact));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_document_screenshots (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  capture_lesson ("03-shallow-copy.py", "document-lesson.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  capture_lesson ("03-shallow-copy.py", "document-lesson-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  cs_ui_test_set_language ("zh_CN");
  g_assert_cmpstr (_("Not a Text File"), ==, "不是文本文件");
  capture_lesson ("03-shallow-copy.zh_CN.py", "document-lesson-zh_CN.png");
  cs_ui_test_set_language (NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();
  cs_i18n_init ();

  cs_ui_test_use_app_style ();

  g_test_add_func ("/ui/document/step", test_document_step);
  g_test_add_func ("/ui/document/animation", test_document_animation);
  g_test_add_func ("/ui/document/edit-reruns", test_document_edit_reruns);
  g_test_add_func ("/ui/document/unsaved", test_document_unsaved);
  g_test_add_func ("/ui/document/unsaved-untitled", test_document_unsaved_untitled);
  g_test_add_func ("/ui/document/export", test_document_export);
  g_test_add_func ("/ui/document/presentation", test_document_presentation);
  /* Last: it switches the language. */
  g_test_add_func ("/ui/document/screenshots", test_document_screenshots);
  g_test_add_func ("/ui/document/refuses-binary", test_document_refuses_binary);
  g_test_add_func ("/ui/document/refuses-invalid-utf8", test_document_refuses_invalid_utf8);
  g_test_add_func ("/ui/document/refuses-large", test_document_refuses_large);

  return g_test_run ();
}
