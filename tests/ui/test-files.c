/* test-files.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files on a real window under an X server: opened files land in the
 * recent files and the "Open Recent" menu, win.open-recent opens them;
 * Save As writes the buffer to the new file (title, modified flag), an
 * unwritable target keeps the document modified with a clear error;
 * dropping a .py opens it, dropping anything else says why and keeps the
 * document.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include <gtksourceview/gtksource.h>

#include "cs-i18n.h"
#include "cs-recovery.h"
#include "cs-ui-test.h"
#include "cs-window-files.h"
#include "cs-window-private.h"
#include "cs-window.h"

static char *tmp_dir;

/* Copies the test scenario to @name in the temporary folder. */
static GFile *
scenario_copy (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "03_article_copy_copy.py", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  return g_file_new_for_path (path);
}

static const char *
get_title (CsWindow *window)
{
  return adw_window_title_get_title (window->window_title);
}

static gboolean
menu_has_uri (GMenuModel *menu,
              const char *uri)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr (GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                            G_VARIANT_TYPE_STRING);
      g_autofree char *action = NULL;

      if (target != NULL && g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action)
          && g_str_equal (action, "win.open-recent") && g_str_equal (g_variant_get_string (target, NULL), uri))
        return TRUE;
    }
  return FALSE;
}

/* The primary menu's "Open Recent" submenu, found by its label. */
static GMenuModel *
find_recent_submenu (CsWindow *window)
{
  GMenuModel *primary = gtk_menu_button_get_menu_model (window->menu_button);

  for (int i = 0; i < g_menu_model_get_n_items (primary); i++)
    {
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (primary, i, G_MENU_LINK_SECTION);

      for (int k = 0; section != NULL && k < g_menu_model_get_n_items (section); k++)
        {
          g_autofree char *label = NULL;

          if (g_menu_model_get_item_attribute (section, k, G_MENU_ATTRIBUTE_LABEL, "s", &label)
              && g_str_equal (label, "Open _Recent"))
            return g_menu_model_get_item_link (section, k, G_MENU_LINK_SUBMENU);
        }
    }
  return NULL;
}

static void
test_files_recent (void)
{
  CsWindow *window = cs_ui_test_new_window (NULL, 1000, 700);
  g_autoptr (GFile) a = scenario_copy ("recent-a.py");
  g_autoptr (GFile) b = scenario_copy ("recent-b.py");
  g_autofree char *uri_a = g_file_get_uri (a);
  g_autofree char *uri_b = g_file_get_uri (b);
  g_autoptr (GMenuModel) submenu = NULL;
  g_autoptr (GError) error = NULL;
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GtkRecentInfo *info;

  submenu = find_recent_submenu (window);
  g_assert_nonnull (submenu);
  g_assert_false (menu_has_uri (submenu, uri_a));

  cs_window_open_file (window, a);
  cs_ui_test_spin (100);
  g_assert_true (g_file_equal (cs_window_get_file (window), a));
  info = gtk_recent_manager_lookup_item (manager, uri_a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_true (gtk_recent_info_has_application (info, "Copyscope"));
  g_assert_cmpstr (gtk_recent_info_get_mime_type (info), ==, "text/x-python");
  gtk_recent_info_unref (info);
  g_assert_true (menu_has_uri (submenu, uri_a));

  cs_window_open_file (window, b);
  cs_ui_test_spin (100);
  g_assert_true (g_file_equal (cs_window_get_file (window), b));
  g_assert_true (menu_has_uri (submenu, uri_a));
  g_assert_true (menu_has_uri (submenu, uri_b));

  /* Open Recent brings back a. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri_a));
  cs_ui_test_spin (100);
  g_assert_true (g_file_equal (cs_window_get_file (window), a));
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 11);

  /* With unsaved edits it asks first; Cancel keeps the edits. */
  cs_ui_test_append_text (window, "\nz = 1\n");
  g_assert_true (cs_window_get_modified (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri_b));
  cs_ui_test_answer_dialog ("cancel");
  g_assert_true (g_file_equal (cs_window_get_file (window), a));
  g_assert_true (cs_window_get_modified (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri_b));
  cs_ui_test_answer_dialog ("discard");
  g_assert_true (g_file_equal (cs_window_get_file (window), b));

  /* A recent file that is gone leaves the menu. */
  g_assert_true (g_file_delete (a, NULL, NULL));
  g_signal_emit_by_name (manager, "changed");
  cs_ui_test_spin (100);
  g_assert_false (menu_has_uri (submenu, uri_a));
  g_assert_true (menu_has_uri (submenu, uri_b));

  cs_ui_test_close_and_finalize (window);
}

static char *
read_file (GFile *file)
{
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  return contents;
}

static void
test_files_save_as (void)
{
  CsWindow *window = cs_ui_test_new_window (NULL, 1000, 700);
  g_autoptr (GFile) original = scenario_copy ("save-source.py");
  g_autofree char *folder = g_build_filename (tmp_dir, "save-as", NULL);
  g_autofree char *target_path = g_build_filename (folder, "renamed.py", NULL);
  g_autofree char *missing_path = g_build_filename (tmp_dir, "no-such-folder", "x.py", NULL);
  g_autoptr (GFile) target = g_file_new_for_path (target_path);
  g_autoptr (GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr (GFile) a_folder = g_file_new_for_path (folder);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *original_text = read_file (original);
  g_autofree char *target_uri = g_file_get_uri (target);
  GtkRecentInfo *info;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  cs_window_open_file (window, original);
  cs_ui_test_spin (100);
  cs_ui_test_append_text (window, "\nc = [a, b]  # 新的一行\n");
  g_assert_true (cs_window_get_modified (window));
  g_assert_cmpstr (get_title (window), ==, "• save-source.py");

  g_assert_true (cs_window_save_as (window, target, &error));
  g_assert_no_error (error);
  text = cs_ui_test_get_editor_text (window);
  saved = read_file (target);
  g_assert_cmpstr (saved, ==, text);
  g_assert_true (g_str_has_suffix (saved, "\nc = [a, b]  # 新的一行\n"));
  /* Only the file itself: the temporary file was renamed over it. */
  g_assert_cmpuint (cs_ui_test_count_files (folder), ==, 1);
  g_assert_false (cs_window_get_modified (window));
  g_assert_cmpstr (get_title (window), ==, "renamed.py");
  g_assert_true (g_file_equal (cs_window_get_file (window), target));
  /* The original is untouched; the new file is a recent file. */
  g_clear_pointer (&saved, g_free);
  saved = read_file (original);
  g_assert_cmpstr (saved, ==, original_text);
  info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), target_uri, NULL);
  g_assert_nonnull (info);
  gtk_recent_info_unref (info);

  /* Into a folder that does not exist, and onto a folder: clear errors,
   * still modified, still the same file. */
  cs_ui_test_append_text (window, "d = 1\n");
  g_assert_true (cs_window_get_modified (window));
  g_assert_false (cs_window_save_as (window, missing, &error));
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "x.py"));
  g_assert_nonnull (strstr (error->message, "could not be saved"));
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (cs_window_save_as (window, a_folder, &error));
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "could not be saved"));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  g_assert_true (cs_window_get_modified (window));
  g_assert_true (g_file_equal (cs_window_get_file (window), target));
  g_assert_cmpstr (get_title (window), ==, "• renamed.py");
  g_clear_pointer (&saved, g_free);
  saved = read_file (target);
  g_assert_false (g_str_has_suffix (saved, "d = 1\n"));

  /* The unsaved-changes question would come on close: discard. */
  gtk_window_close (GTK_WINDOW (window));
  cs_ui_test_answer_dialog ("discard");
  g_assert_finalize_object (window);
}

static gboolean
drop (CsWindow     *window,
      const GValue *value)
{
  GtkDropTarget *target = GTK_DROP_TARGET (cs_ui_test_find_controller (GTK_WIDGET (window), GTK_TYPE_DROP_TARGET));
  gboolean handled = FALSE;

  g_signal_emit_by_name (target, "drop", value, 20.0, 20.0, &handled);
  cs_ui_test_spin (100);
  return handled;
}

/* The visible message dialog with @heading (an answered one may still be
 * on its way out). */
static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_says (const char *heading)
{
  return find_dialog (heading) != NULL;
}

static void
close_dialog (const char *heading)
{
  AdwMessageDialog *dialog = find_dialog (heading);

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "close");
  cs_ui_test_spin (100);
}

static void
test_files_drop (void)
{
  CsWindow *window = cs_ui_test_new_window (NULL, 1000, 700);
  g_autoptr (GFile) first = scenario_copy ("drop-first.py");
  g_autoptr (GFile) dropped = scenario_copy ("drop-second.py");
  g_autofree char *binary_path = g_build_filename (tmp_dir, "binary.py", NULL);
  g_autofree char *text_path = g_build_filename (tmp_dir, "notes.txt", NULL);
  g_autoptr (GFile) binary = g_file_new_for_path (binary_path);
  g_autoptr (GFile) notes = g_file_new_for_path (text_path);
  g_auto (GValue) value = G_VALUE_INIT;
  g_auto (GValue) list_value = G_VALUE_INIT;
  static const char bytes[] = { 'a', ' ', '=', 0, 1, 2, (char) 0xff, '\n' };

  g_assert_true (g_file_set_contents (binary_path, bytes, sizeof bytes, NULL));
  g_assert_true (g_file_set_contents (text_path, "Some notes, not a scenario.\n", -1, NULL));

  cs_window_open_file (window, first);
  cs_ui_test_spin (100);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);

  /* A .py (as a GFile) opens. */
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, dropped);
  g_assert_true (drop (window, &value));
  g_assert_true (g_file_equal (cs_window_get_file (window), dropped));
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL);

  /* A binary .py: the "not a text file" message; the document stays. */
  g_value_set_object (&value, binary);
  drop (window, &value);
  g_assert_true (dialog_says ("Not a Text File"));
  close_dialog ("Not a Text File");
  g_assert_true (g_file_equal (cs_window_get_file (window), dropped));
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 11);

  /* A text file that is not .py: refused with a message. */
  g_value_set_object (&value, notes);
  g_assert_false (drop (window, &value));
  g_assert_true (dialog_says ("Not a Scenario"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_dialog ("Not a Scenario")), "notes.txt"));
  close_dialog ("Not a Scenario");
  g_assert_true (g_file_equal (cs_window_get_file (window), dropped));
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);

  /* A file list (what file managers drag): its .py opens. */
  {
    GFile *files[] = { notes, first };

    g_value_init (&list_value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&list_value, gdk_file_list_new_from_array (files, G_N_ELEMENTS (files)));
  }
  g_assert_true (drop (window, &list_value));
  g_assert_true (g_file_equal (cs_window_get_file (window), first));
  g_assert_false (cs_window_get_modified (window));

  cs_ui_test_close_and_finalize (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int result;

  tmp_dir = g_dir_make_tmp ("cs-test-files-XXXXXX", &error);
  g_assert_no_error (error);
  /* The recent files and recovery files of this test stay in its folder. */
  cs_ui_test_keep_user_files_in (tmp_dir);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();
  cs_i18n_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/files/recent", test_files_recent);
  g_test_add_func ("/ui/files/save-as", test_files_save_as);
  g_test_add_func ("/ui/files/drop", test_files_drop);

  result = g_test_run ();
  cs_ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
