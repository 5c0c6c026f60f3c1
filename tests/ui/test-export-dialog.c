/* test-export-dialog.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Export dialog on a real window under an X server: open a public
 * conformance case, open the dialog with win.export, choose through its
 * combo rows, export into a temporary folder (through the same path as
 * the save chooser's answer, without the portal) and check the real
 * files: PNG size at the chosen scale and theme, SVGs that parse, a PDF
 * handout with one page per step (pdfinfo), a GIF with its frames; the
 * window stays responsive while a long GIF is written; an unwritable
 * target gives the reason and leaves the document as it was.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include <gtksourceview/gtksource.h>

#include "cs-export-dialog.h"
#include "cs-i18n.h"
#include "cs-ui-test.h"
#include "cs-window-export.h"
#include "cs-window-private.h"
#include "cs-window.h"

#define N_STEPS 11 /* 03_article_copy_copy.py: 11 top-level statements. */

static char *tmp_dir;

static gboolean
is_combo_row_titled (GtkWidget    *widget,
                     gconstpointer title)
{
  return ADW_IS_COMBO_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* Selects item @index of the dialog's row titled @title, as a click would. */
static void
choose (CsExportDialog *dialog,
        const char     *title,
        guint           index)
{
  GtkWidget *row = cs_ui_test_find_widget (GTK_WIDGET (dialog), is_combo_row_titled, title);

  g_assert_nonnull (row);
  g_assert_cmpuint (index, <, g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), index);
}

static gboolean
label_has_prefix (GtkWidget    *widget,
                  gconstpointer prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
export_finished (gpointer data)
{
  return !cs_window_get_exporting (CS_WINDOW (data));
}

static void
wait_for_export (CsWindow *window)
{
  g_assert_true (cs_ui_test_wait_for (export_finished, window, 120000));
  cs_ui_test_spin (100);
}

static CsExportDialog *
open_dialog (CsWindow *window)
{
  CsExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  cs_ui_test_spin (100);
  dialog = cs_window_get_export_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (GTK_WIDGET (dialog) == cs_ui_test_find_visible_dialog (CS_TYPE_EXPORT_DIALOG));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  return dialog;
}

static GdkTexture *
load_png (const char *path)
{
  g_autoptr (GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (texture);
  return texture;
}

/* The luminance of the picture's top-left pixel (the canvas colour). */
static double
corner_luminance (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * 4 * gdk_texture_get_height (texture));

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  /* Cairo ARGB32 in memory order on little endian: B G R A. */
  return (0.0722 * pixels[0] + 0.7152 * pixels[1] + 0.2126 * pixels[2]) / 255.0;
}

static void
test_export_dialog_png (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  g_autofree char *one = g_build_filename (tmp_dir, "one-1x.png", NULL);
  g_autofree char *two = g_build_filename (tmp_dir, "one-2x.png", NULL);
  g_autofree char *name = NULL;
  g_autoptr (GFile) one_file = g_file_new_for_path (one);
  g_autoptr (GFile) two_file = g_file_new_for_path (two);
  g_autoptr (GdkTexture) small = NULL;
  g_autoptr (GdkTexture) large = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  CsExportDialog *dialog;

  for (guint i = 0; i < 3; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);
  g_assert_cmpuint (cs_window_get_step (window), ==, 3);

  dialog = open_dialog (window);
  cs_ui_test_wait_until_drawn (GTK_WIDGET (dialog));
  shot = cs_ui_test_capture (GTK_WIDGET (dialog));
  g_free (cs_ui_test_save_artifact (shot, "export-dialog.png"));
  cs_ui_test_assert_not_blank (shot);

  /* Current step, PNG, 1×, light. */
  choose (dialog, "_Steps", 0);
  choose (dialog, "_Format", 0);
  choose (dialog, "S_ize", 0);
  choose (dialog, "_Theme", 0);
  g_assert_false (cs_export_dialog_get_all_steps (dialog));
  g_assert_cmpint (cs_export_dialog_get_format (dialog), ==, CS_EXPORT_PNG);
  name = cs_export_dialog_dup_suggested_name (dialog, "03_article_copy_copy.py", 3);
  g_assert_cmpstr (name, ==, "03_article_copy_copy-step-4.png");
  g_assert_true (cs_window_export_start (window, one_file));
  wait_for_export (window);
  small = load_png (one);
  g_assert_cmpfloat (corner_luminance (small), >, 0.8);
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), label_has_prefix, "Exported picture"));
  /* Done: the dialog closed. */
  g_assert_null (cs_window_get_export_dialog (window));

  /* 2×, dark: twice the size, a dark canvas. */
  dialog = open_dialog (window);
  choose (dialog, "S_ize", 1);
  choose (dialog, "_Theme", 1);
  g_assert_cmpuint (cs_export_dialog_get_scale (dialog), ==, 2);
  g_assert_cmpint (cs_export_dialog_get_theme (dialog), ==, CS_THEME_DARK);
  g_assert_true (cs_window_export_start (window, two_file));
  wait_for_export (window);
  large = load_png (two);
  g_test_message ("1×: %d×%d, 2×: %d×%d", gdk_texture_get_width (small), gdk_texture_get_height (small),
                  gdk_texture_get_width (large), gdk_texture_get_height (large));
  g_assert_cmpint (gdk_texture_get_width (small), >, 200);
  g_assert_cmpint (ABS (gdk_texture_get_width (large) - 2 * gdk_texture_get_width (small)), <=, 2);
  g_assert_cmpint (ABS (gdk_texture_get_height (large) - 2 * gdk_texture_get_height (small)), <=, 2);
  g_assert_cmpfloat (corner_luminance (large), <, 0.3);

  /* 3× high contrast through the setters (what the rows show). */
  dialog = open_dialog (window);
  cs_export_dialog_set_scale (dialog, 3);
  cs_export_dialog_set_theme (dialog, CS_THEME_HIGH_CONTRAST);
  g_assert_cmpuint (cs_export_dialog_get_scale (dialog), ==, 3);
  gtk_window_close (GTK_WINDOW (dialog));
  cs_ui_test_spin (50);
  g_assert_null (cs_window_get_export_dialog (window));

  g_assert_false (cs_window_get_modified (window));
  cs_ui_test_close_and_finalize (window);
}

static void
check_svg (const char *path)
{
  static const GMarkupParser parser = { 0 };
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMarkupParseContext) context = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<svg"));
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, (gssize) length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

static void
test_export_dialog_all_svg (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  g_autofree char *base = g_build_filename (tmp_dir, "steps.svg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (base);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  CsExportDialog *dialog = open_dialog (window);

  choose (dialog, "_Steps", 1);
  choose (dialog, "_Format", 1);
  name = cs_export_dialog_dup_suggested_name (dialog, "03_article_copy_copy.py", 0);
  g_assert_cmpstr (name, ==, "03_article_copy_copy.svg");
  g_assert_true (cs_window_export_start (window, file));
  wait_for_export (window);

  for (guint i = 0; i < N_STEPS; i++)
    {
      g_autofree char *path = cs_export_numbered_path (base, i, N_STEPS);

      check_svg (path);
    }
  {
    g_autofree char *beyond = cs_export_numbered_path (base, N_STEPS, N_STEPS);

    g_assert_false (g_file_test (beyond, G_FILE_TEST_EXISTS));
  }
  title = g_strdup_printf ("Exported %u pictures", N_STEPS);
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), label_has_prefix, title));
  cs_ui_test_close_and_finalize (window);
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  const char *line;
  int status = 0;
  const char *argv[] = { "pdfinfo", path, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static void
test_export_dialog_handout (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "handout.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *name = NULL;
  CsExportDialog *dialog = open_dialog (window);

  choose (dialog, "_Steps", 1);
  choose (dialog, "_Format", 2);
  /* The size only applies to PNG and GIF. */
  g_assert_false (gtk_widget_get_sensitive (cs_ui_test_find_widget (GTK_WIDGET (dialog), is_combo_row_titled,
                                                                    "S_ize")));
  name = cs_export_dialog_dup_suggested_name (dialog, "03_article_copy_copy.py", 0);
  g_assert_cmpstr (name, ==, "03_article_copy_copy-handout.pdf");
  g_assert_true (cs_window_export_start (window, file));
  wait_for_export (window);
  g_assert_cmpuint (pdf_pages (path), ==, N_STEPS);
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), label_has_prefix, "Exported handout"));
  cs_ui_test_close_and_finalize (window);
}

/* Walks the GIF's blocks; returns the number of images. */
static guint
gif_frames (const guchar *data,
            gsize         length,
            guint        *width,
            guint        *height)
{
  gsize pos = 13;
  guint frames = 0;

  g_assert_cmpuint (length, >, 13);
  g_assert_cmpmem (data, 6, "GIF89a", 6);
  *width = data[6] | data[7] << 8;
  *height = data[8] | data[9] << 8;
  if (data[10] & 0x80)
    pos += 3u << ((data[10] & 7) + 1);

  while (pos < length && data[pos] != 0x3B)
    {
      if (data[pos] == 0x21)
        pos += 2;
      else
        {
          g_assert_cmpuint (data[pos], ==, 0x2C);
          g_assert_cmpuint (pos + 10, <, length);
          frames++;
          if (data[pos + 9] & 0x80)
            pos += 3u << ((data[pos + 9] & 7) + 1);
          pos += 10 + 1; /* Descriptor, LZW minimum code size. */
        }
      while (pos < length && data[pos] != 0)
        pos += data[pos] + 1;
      pos++;
    }
  g_assert_cmpuint (pos, <, length);
  g_assert_cmpuint (data[pos], ==, 0x3B);
  return frames;
}

static gboolean
count_iteration (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_export_dialog_gif (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "steps.gif", NULL);
  g_autofree char *still = g_build_filename (tmp_dir, "still.png", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) still_file = g_file_new_for_path (still);
  g_autofree guchar *data = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  CsExportDialog *dialog = open_dialog (window);
  guint ticks = 0, tick_id, width, height, frames;
  gsize length;
  GtkWidget *export_button;

  /* The largest scene at 1×, from a PNG of the last step (the biggest). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL);
  choose (dialog, "_Steps", 0);
  choose (dialog, "_Format", 0);
  g_assert_true (cs_window_export_start (window, still_file));
  wait_for_export (window);
  texture = load_png (still);

  dialog = open_dialog (window);
  choose (dialog, "_Steps", 1);
  choose (dialog, "_Format", 3);
  choose (dialog, "S_ize", 0);
  export_button = cs_ui_test_find_widget (GTK_WIDGET (dialog), label_has_prefix, "Export…");
  g_assert_nonnull (export_button);
  g_assert_true (cs_window_export_start (window, file));
  /* Busy at once, and the main loop keeps running while the thread works. */
  g_assert_true (cs_export_dialog_get_busy (dialog));
  g_assert_true (cs_window_get_exporting (window));
  g_assert_false (gtk_widget_is_sensitive (export_button));
  tick_id = g_timeout_add (5, count_iteration, &ticks);
  wait_for_export (window);
  g_source_remove (tick_id);
  g_test_message ("main loop ticks while exporting the GIF: %u", ticks);
  g_assert_cmpuint (ticks, >, 3);

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  frames = gif_frames (data, length, &width, &height);
  g_test_message ("GIF %u×%u, %u frames", width, height, frames);
  /* One frame for the first step, 8 transition frames for each next one. */
  g_assert_cmpuint (frames, ==, 1 + (N_STEPS - 1) * 8);
  g_assert_cmpuint (width, >=, (guint) gdk_texture_get_width (texture));
  g_assert_cmpuint (width, <=, (guint) gdk_texture_get_width (texture) + 2);
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), label_has_prefix, "Exported animation"));
  cs_ui_test_close_and_finalize (window);
}

static void
test_export_dialog_unwritable (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-folder", "x.png", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CsExportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);
  before = cs_ui_test_get_output_text (window);
  dialog = open_dialog (window);
  g_assert_true (cs_window_export_start (window, file));
  wait_for_export (window);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), label_has_prefix, "Could not export: "));
  /* The dialog stays for another try; the document is as it was. */
  g_assert_true (cs_window_get_export_dialog (window) == dialog);
  g_assert_false (cs_export_dialog_get_busy (dialog));
  g_assert_false (cs_window_get_modified (window));
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, N_STEPS);
  after = cs_ui_test_get_output_text (window);
  g_assert_cmpstr (before, ==, after);
  cs_ui_test_close_and_finalize (window);
}

/* "Export…" asks where with the save chooser (GTK's own dialog without a
 * portal), named after the choices; its answer runs the export.
 */
static void
test_export_dialog_chooser (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "chosen.png", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) folder = g_file_new_for_path (tmp_dir);
  g_autofree char *name = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  CsExportDialog *dialog = open_dialog (window);
  GtkWidget *button;

  choose (dialog, "_Steps", 0);
  choose (dialog, "_Format", 0);
  button = cs_ui_test_find_widget (GTK_WIDGET (dialog), label_has_prefix, "Export…");
  g_assert_nonnull (button);
  button = gtk_widget_get_ancestor (button, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  cs_ui_test_spin (200);
  g_assert_nonnull (window->export_chooser);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (window->export_chooser));
  g_assert_cmpstr (name, ==, "03_article_copy_copy-step-1.png");

  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (window->export_chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (window->export_chooser), "chosen.png");
  cs_ui_test_spin (100);
  g_signal_emit_by_name (window->export_chooser, "response", GTK_RESPONSE_ACCEPT);
  wait_for_export (window);
  g_assert_null (window->export_chooser);
  texture = load_png (path);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 200);
  cs_ui_test_close_and_finalize (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int result;

  tmp_dir = g_dir_make_tmp ("cs-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  /* Recent files and recovery files of this test stay in its folder. */
  cs_ui_test_keep_user_files_in (tmp_dir);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();
  cs_i18n_init ();
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-font-name", "Cantarell 11",
                NULL);

  g_test_add_func ("/ui/export-dialog/png", test_export_dialog_png);
  g_test_add_func ("/ui/export-dialog/all-svg", test_export_dialog_all_svg);
  g_test_add_func ("/ui/export-dialog/handout", test_export_dialog_handout);
  g_test_add_func ("/ui/export-dialog/gif", test_export_dialog_gif);
  g_test_add_func ("/ui/export-dialog/unwritable", test_export_dialog_unwritable);
  g_test_add_func ("/ui/export-dialog/chooser", test_export_dialog_chooser);

  result = g_test_run ();
  cs_ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
