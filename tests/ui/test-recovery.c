/* test-recovery.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Autosave and crash recovery with real windows under an X server.  A
 * child process (g_test_trap_subprocess) opens a scenario, edits it,
 * waits for the autosave and ends abruptly with _exit(), as a crash
 * would.  The parent, sharing its XDG_STATE_HOME, then runs the start-up
 * offer: "Recover Unsaved Work?" lists the file; Recover restores the
 * exact text as a modified document of the original file; Discard deletes
 * the recovery files.  A window that closes normally leaves none, and
 * edits are written once typing pauses, not on every keystroke.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <gtksourceview/gtksource.h>

#include "cs-i18n.h"
#include "cs-recovery.h"
#include "cs-ui-test.h"
#include "cs-window-private.h"
#include "cs-window.h"

#define EDIT "\n# 学生的笔记: unsaved\nc = [a, a]\n"
#define AUTOSAVE_MS 300

static char *tmp_dir;

static char *
scenario_path (void)
{
  return g_build_filename (tmp_dir, "crash-lesson.py", NULL);
}

/* Writes the scenario the child edits (fresh for every test). */
static GFile *
make_scenario (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "03_article_copy_copy.py", NULL);
  g_autofree char *path = scenario_path ();
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  return g_file_new_for_path (path);
}

static char *
expected_text (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "03_article_copy_copy.py", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  return g_strconcat (contents, EDIT, NULL);
}

static guint
count_recovery_files (void)
{
  g_autofree char *path = cs_recovery_get_dir ();

  return cs_ui_test_count_files (path);
}

static void
remove_recovery_files (void)
{
  g_autofree char *path = cs_recovery_get_dir ();
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
}

/* The child: edit, wait for the autosave, then die without closing. */
static void
crash_after_edit (void)
{
  g_autoptr (GFile) file = make_scenario ();
  CsWindow *window = cs_ui_test_new_window (NULL, 1000, 700);
  g_autofree char *text_path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = expected_text ();

  cs_recovery_set_autosave_delay (AUTOSAVE_MS);
  cs_window_open_file (window, file);
  cs_ui_test_spin (100);
  cs_ui_test_append_text (window, EDIT);
  g_assert_true (cs_window_get_modified (window));
  cs_ui_test_spin (AUTOSAVE_MS * 3);

  g_assert_nonnull (cs_window_get_recovery_id (window));
  {
    g_autofree char *dir = cs_recovery_get_dir ();
    g_autofree char *name = g_strconcat (cs_window_get_recovery_id (window), ".py", NULL);

    text_path = g_build_filename (dir, name, NULL);
  }
  g_assert_true (g_file_get_contents (text_path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, expected);
  /* Owned by this live window: not offered. */
  {
    g_autoptr (GPtrArray) orphans = cs_recovery_list_orphans ();

    g_assert_cmpuint (orphans->len, ==, 0);
  }

  /* A crash: no dispose, no close, no atexit handlers. */
  _exit (3);
}

static void
run_crashing_child (const char *test_path)
{
  remove_recovery_files ();
  g_test_trap_subprocess (test_path, 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  /* The text and its keyfile survived the crash. */
  g_assert_cmpuint (count_recovery_files (), ==, 2);
}

static AdwMessageDialog *
offer_in (CsWindow *window)
{
  AdwMessageDialog *dialog = cs_recovery_offer (NULL, GTK_WINDOW (window), NULL);

  g_assert_nonnull (dialog);
  cs_ui_test_spin (100);
  g_assert_true (GTK_WIDGET (dialog) == cs_ui_test_find_visible_dialog (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recover Unsaved Work?");
  g_test_message ("offer: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "crash-lesson.py"));
  {
    g_autoptr (GdkTexture) shot = NULL;

    cs_ui_test_wait_until_drawn (GTK_WIDGET (dialog));
    shot = cs_ui_test_capture (GTK_WIDGET (dialog));
    cs_ui_test_assert_not_blank (shot);
    g_free (cs_ui_test_save_artifact (shot, "recovery-dialog.png"));
  }
  return dialog;
}

static void
test_recovery_recover (void)
{
  CsWindow *window;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) original = NULL;
  g_autoptr (GPtrArray) orphans = NULL;
  g_autoptr (GError) error = NULL;
  char *old_id;

  if (g_test_subprocess ())
    {
      crash_after_edit ();
      return;
    }

  run_crashing_child ("/ui/recovery/recover");
  orphans = cs_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 1);
  old_id = g_strdup (((CsRecoveryEntry *) g_ptr_array_index (orphans, 0))->id);
  path = scenario_path ();
  original = g_file_new_for_path (path);

  window = cs_ui_test_new_window (NULL, 1000, 700);
  adw_message_dialog_response (offer_in (window), "recover");
  cs_ui_test_spin (200);

  /* The exact text, modified, belonging to the original file. */
  expected = expected_text ();
  text = cs_ui_test_get_editor_text (window);
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (cs_window_get_modified (window));
  g_assert_nonnull (cs_window_get_file (window));
  g_assert_true (g_file_equal (cs_window_get_file (window), original));
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "• crash-lesson.py");
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 12);

  /* The window owns new recovery files; the crashed ones are gone. */
  g_assert_nonnull (cs_window_get_recovery_id (window));
  g_assert_cmpstr (cs_window_get_recovery_id (window), !=, old_id);
  g_assert_cmpuint (count_recovery_files (), ==, 2);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  orphans = cs_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);
  g_free (old_id);

  /* Save writes to the original path and removes the recovery files. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  cs_ui_test_spin (100);
  g_assert_false (cs_window_get_modified (window));
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (on_disk, ==, expected);
  g_assert_cmpuint (count_recovery_files (), ==, 0);

  cs_ui_test_close_and_finalize (window);
}

static void
test_recovery_discard (void)
{
  CsWindow *window;
  g_autoptr (GPtrArray) orphans = NULL;

  if (g_test_subprocess ())
    {
      crash_after_edit ();
      return;
    }

  run_crashing_child ("/ui/recovery/discard");
  window = cs_ui_test_new_window (NULL, 1000, 700);
  adw_message_dialog_response (offer_in (window), "discard");
  cs_ui_test_spin (100);
  g_assert_cmpuint (count_recovery_files (), ==, 0);
  orphans = cs_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);
  /* Nothing was opened. */
  g_assert_null (cs_window_get_file (window));
  g_assert_false (cs_window_get_modified (window));
  /* Nothing left: nothing to offer. */
  g_assert_null (cs_recovery_offer (NULL, GTK_WINDOW (window), NULL));
  cs_ui_test_close_and_finalize (window);
}

/* Closing the dialog (Esc) keeps the files for the next start; an
 * application asks only once.
 */
static void
test_recovery_later (void)
{
  CsWindow *window;
  g_autoptr (GtkApplication) application = NULL;

  if (g_test_subprocess ())
    {
      crash_after_edit ();
      return;
    }

  run_crashing_child ("/ui/recovery/later");
  window = cs_ui_test_new_window (NULL, 1000, 700);
  adw_message_dialog_response (offer_in (window), "later");
  cs_ui_test_spin (100);
  g_assert_cmpuint (count_recovery_files (), ==, 2);
  g_assert_null (cs_window_get_file (window));

  application = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_assert_nonnull (cs_recovery_offer (application, GTK_WINDOW (window), NULL));
  cs_ui_test_answer_dialog ("later");
  g_assert_null (cs_recovery_offer (application, GTK_WINDOW (window), NULL));
  remove_recovery_files ();
  cs_ui_test_close_and_finalize (window);
}

static void
test_recovery_normal_close (void)
{
  g_autoptr (GFile) file = make_scenario ();
  CsWindow *window = cs_ui_test_new_window (NULL, 1000, 700);

  remove_recovery_files ();
  cs_recovery_set_autosave_delay (AUTOSAVE_MS);
  cs_window_open_file (window, file);
  cs_ui_test_spin (100);

  /* Typing: nothing written until the edits pause. */
  for (guint i = 0; i < 5; i++)
    {
      cs_ui_test_append_text (window, "x");
      cs_ui_test_spin (AUTOSAVE_MS / 5);
      g_assert_cmpuint (count_recovery_files (), ==, 0);
    }
  cs_ui_test_spin (AUTOSAVE_MS * 3);
  g_assert_cmpuint (count_recovery_files (), ==, 2);

  /* Saving removes them; the next edit brings them back. */
  g_assert_true (cs_window_save (window, NULL));
  g_assert_cmpuint (count_recovery_files (), ==, 0);
  cs_ui_test_append_text (window, "\n");
  cs_ui_test_spin (AUTOSAVE_MS * 3);
  g_assert_cmpuint (count_recovery_files (), ==, 2);

  /* Closing normally (after "Discard"): none left. */
  gtk_window_close (GTK_WINDOW (window));
  cs_ui_test_answer_dialog ("discard");
  g_assert_finalize_object (window);
  g_assert_cmpuint (count_recovery_files (), ==, 0);
}

/* Answers the visible message dialog with @heading (an answered one may
 * still be on its way out). */
static void
answer (const char *heading,
        const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        {
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (window), response);
          cs_ui_test_spin (100);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Work without a file (a lesson) comes back with its title and lesson
 * id, still without a file (Save asks where);
 * files of another Copyscope that is still running are not offered.
 */
static void
test_recovery_untitled (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orphans = NULL;
  g_autofree char *id = cs_recovery_new_id ();
  g_autofree char *other = cs_recovery_new_id ();
  g_autofree char *text = NULL;
  g_autofree char *info_path = NULL;
  g_autoptr (GKeyFile) info = g_key_file_new ();
  const char *scenario = "import copy\na = [[1], 2]\nb = copy.copy(a)\n";
  CsWindow *window;

  remove_recovery_files ();
  g_assert_true (cs_recovery_write (id, scenario, NULL, "03-copy", "Shallow Copies", &error));
  g_assert_no_error (error);

  /* The same files, but written by a process that is still running. */
  g_assert_true (cs_recovery_write (other, "x = 1\n", NULL, NULL, NULL, &error));
  {
    g_autofree char *dir = cs_recovery_get_dir ();
    g_autofree char *name = g_strconcat (other, ".keyfile", NULL);

    info_path = g_build_filename (dir, name, NULL);
  }
  g_assert_true (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL));
  g_key_file_set_int64 (info, "Recovery", "pid", (gint64) getppid ());
  g_assert_true (g_key_file_save_to_file (info, info_path, NULL));

  orphans = cs_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 1);
  g_assert_cmpstr (((CsRecoveryEntry *) g_ptr_array_index (orphans, 0))->id, ==, id);

  window = cs_ui_test_new_window (NULL, 1000, 700);
  {
    AdwMessageDialog *dialog = cs_recovery_offer (NULL, GTK_WINDOW (window), NULL);

    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Shallow Copies"));
    adw_message_dialog_response (dialog, "recover");
  }
  cs_ui_test_spin (200);
  text = cs_ui_test_get_editor_text (window);
  g_assert_cmpstr (text, ==, scenario);
  g_assert_null (cs_window_get_file (window));
  g_assert_true (cs_window_get_modified (window));
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 3);
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "• Shallow Copies");
  g_assert_cmpstr (window->lesson_id, ==, "03-copy");

  gtk_window_close (GTK_WINDOW (window));
  answer ("Save Changes?", "discard");
  g_assert_finalize_object (window);
  /* Only the running process's files are left. */
  g_assert_cmpuint (count_recovery_files (), ==, 2);
  remove_recovery_files ();
}

int
main (int   argc,
      char *argv[])
{
  gboolean owner = FALSE;
  int result;

  /* The child processes share the parent's folder (they inherit its
   * environment), so they write where the parent looks.
   */
  if (g_getenv ("CS_TEST_RECOVERY_DIR") != NULL)
    tmp_dir = g_strdup (g_getenv ("CS_TEST_RECOVERY_DIR"));
  else
    {
      g_autoptr (GError) error = NULL;

      tmp_dir = g_dir_make_tmp ("cs-test-recovery-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("CS_TEST_RECOVERY_DIR", tmp_dir, TRUE);
      owner = TRUE;
    }
  cs_ui_test_keep_user_files_in (tmp_dir);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();
  cs_i18n_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/recovery/recover", test_recovery_recover);
  g_test_add_func ("/ui/recovery/discard", test_recovery_discard);
  g_test_add_func ("/ui/recovery/later", test_recovery_later);
  g_test_add_func ("/ui/recovery/normal-close", test_recovery_normal_close);
  g_test_add_func ("/ui/recovery/untitled", test_recovery_untitled);

  result = g_test_run ();
  if (owner)
    cs_ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
