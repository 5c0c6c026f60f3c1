/* test-step-list.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The step list in the real window, under an X server: one row per step
 * with its number, source and caption, an error icon on the step that
 * raised; selecting a row moves the picture; Move Down, Delete and
 * Alt+Up through the row actions and keys change the buffer text exactly,
 * re-run, select the moved step, and Ctrl+Z undoes each edit at once.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include <gtksourceview/gtksource.h>

#include "cs-canvas.h"
#include "cs-i18n.h"
#include "cs-step-list.h"
#include "cs-ui-test.h"
#include "cs-window.h"

static const char *original =
  "# title: Step list test\n"
  "import copy\n"
  "# Make a list.\n"
  "a = [[1, 2], 3]\n"
  "\n"
  "# b is a second name.\n"
  "b = a\n"
  "c = copy.copy(a)\n"
  "print(d)\n"
  "e = 5\n";

static const char *row_sources[] = {
  "import copy", "a = [[1, 2], 3]", "b = a", "c = copy.copy(a)", "print(d)", "e = 5",
};

static GtkWidget *
find_in_row (GtkWidget  *row,
             const char *css_class)
{
  g_assert_nonnull (row);
  return cs_ui_test_find_with_class (row, css_class);
}

static const char *
row_source (CsStepList *list,
            guint       index)
{
  GtkWidget *label = find_in_row (cs_step_list_get_row_widget (list, index), "cs-step-row-source");

  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0;
}

typedef struct
{
  CsWindow   *window;
  CsStepList *list;
  guint       n_steps;
  guint       row;
  const char *source;  /* of that row */
} Expect;

static gboolean
list_is_cb (gpointer data)
{
  Expect *expect = data;

  return cs_window_get_n_steps (expect->window) == expect->n_steps
         && cs_step_list_get_n_steps (expect->list) == expect->n_steps
         && cs_step_list_get_row_widget (expect->list, expect->row) != NULL
         && g_strcmp0 (row_source (expect->list, expect->row), expect->source) == 0;
}

static void
test_step_list_rows (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("steps-edit.py", NULL);
  CsStepList *list = CS_STEP_LIST (cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_STEP_LIST));
  CsCanvas *canvas = CS_CANVAS (cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_CANVAS));
  g_autoptr (GdkTexture) second = NULL;
  g_autoptr (GdkTexture) fourth = NULL;
  const CsScene *scene;

  g_assert_nonnull (list);
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, G_N_ELEMENTS (row_sources));
  g_assert_cmpuint (cs_step_list_get_n_steps (list), ==, G_N_ELEMENTS (row_sources));
  g_assert_cmpuint (cs_step_list_get_selected (list), ==, 0);

  /* One row per step: number, source, caption; the error icon only on
   * print(d), which raises NameError. */
  for (guint i = 0; i < G_N_ELEMENTS (row_sources); i++)
    {
      GtkWidget *row = cs_step_list_get_row_widget (list, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *caption = find_in_row (row, "cs-step-row-caption");
      GtkWidget *icon = find_in_row (row, "cs-step-error-icon");

      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_in_row (row, "cs-step-number"))), ==, number);
      g_assert_cmpstr (row_source (list, i), ==, row_sources[i]);
      g_assert_cmpint (gtk_widget_get_visible (icon), ==, i == 4);
      if (i == 4)
        {
          const char *tooltip = gtk_widget_get_tooltip_text (icon);

          g_assert_nonnull (strstr (tooltip, "NameError: name 'd' is not defined"));
        }
      g_assert_cmpint (gtk_widget_get_visible (caption), ==, i == 1 || i == 2);
    }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_in_row (cs_step_list_get_row_widget (list, 1),
                                                               "cs-step-row-caption"))),
                   ==, "Make a list.");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_in_row (cs_step_list_get_row_widget (list, 2),
                                                               "cs-step-row-caption"))),
                   ==, "b is a second name.");

  /* Stepping the window moves the selection. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL));
  g_assert_cmpuint (cs_step_list_get_selected (list), ==, 1);

  /* Selecting a row (as a click does) moves the window and the picture:
   * from `a = [[1, 2], 3]` to `c = copy.copy(a)`, a second list. */
  cs_ui_test_spin (400);
  second = cs_ui_test_capture (GTK_WIDGET (canvas));
  scene = cs_canvas_get_scene (canvas);
  g_assert_true (gtk_widget_activate_action (cs_step_list_get_row_widget (list, 3),
                                             "listitem.select", "(bb)", FALSE, FALSE));
  g_assert_cmpuint (cs_window_get_step (window), ==, 3);
  g_assert_true (cs_canvas_get_scene (canvas) != scene);
  cs_ui_test_spin (400);
  fourth = cs_ui_test_capture (GTK_WIDGET (canvas));
  g_free (cs_ui_test_save_artifact (fourth, "step-list-row-4.png"));
  g_assert_cmpuint (cs_ui_test_count_different_pixels (second, fourth), >, 200);

  {
    g_autoptr (GdkTexture) whole = cs_ui_test_capture (GTK_WIDGET (window));

    g_free (cs_ui_test_save_artifact (whole, "step-list.png"));
  }

  cs_ui_test_close_and_finalize (window);
}

static void
test_step_list_edit (void)
{
  CsWindow *window = cs_ui_test_open_data_file ("steps-edit.py", NULL);
  CsStepList *list = CS_STEP_LIST (cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_STEP_LIST));
  GtkWidget *view = cs_ui_test_find_of_type (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  Expect expect = { window, list, 6, 2, "b = a" };
  g_autofree char *text = NULL;

  text = cs_ui_test_get_editor_text (window);
  g_assert_cmpstr (text, ==, original);
  g_clear_pointer (&text, g_free);

  /* Move Down on "b = a" (step 3) from its row menu's action: its caption
   * goes with it, the blank line stays, the run is immediate and the
   * moved step is selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "steps.move-down", "u", 2));
  text = cs_ui_test_get_editor_text (window);
  g_assert_cmpstr (text, ==,
                   "# title: Step list test\n"
                   "import copy\n"
                   "# Make a list.\n"
                   "a = [[1, 2], 3]\n"
                   "\n"
                   "c = copy.copy(a)\n"
                   "# b is a second name.\n"
                   "b = a\n"
                   "print(d)\n"
                   "e = 5\n");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (cs_window_get_step (window), ==, 3);
  g_assert_cmpuint (cs_step_list_get_selected (list), ==, 3);
  cs_ui_test_spin (50);
  g_assert_cmpstr (row_source (list, 2), ==, "c = copy.copy(a)");
  g_assert_cmpstr (row_source (list, 3), ==, "b = a");

  /* One Ctrl+Z undoes the whole move; the edit re-runs after its pause. */
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  text = cs_ui_test_get_editor_text (window);
  g_assert_cmpstr (text, ==, original);
  g_clear_pointer (&text, g_free);
  g_assert_true (cs_ui_test_wait_for (list_is_cb, &expect, 3000));
  cs_ui_test_spin (50);
  g_assert_cmpstr (row_source (list, 2), ==, "b = a");

  /* Delete on the error step with the Delete key while the list has
   * focus: the error icon is gone with it. */
  g_assert_true (gtk_widget_activate_action (cs_step_list_get_row_widget (list, 4),
                                             "listitem.select", "(bb)", FALSE, FALSE));
  g_assert_cmpuint (cs_window_get_step (window), ==, 4);
  gtk_widget_grab_focus (GTK_WIDGET (list));
  cs_ui_test_send_key (GTK_WIDGET (list), GDK_KEY_Delete);
  text = cs_ui_test_get_editor_text (window);
  g_assert_null (strstr (text, "print(d)"));
  g_assert_cmpstr (text, ==,
                   "# title: Step list test\n"
                   "import copy\n"
                   "# Make a list.\n"
                   "a = [[1, 2], 3]\n"
                   "\n"
                   "# b is a second name.\n"
                   "b = a\n"
                   "c = copy.copy(a)\n"
                   "e = 5\n");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 5);
  g_assert_cmpuint (cs_window_get_step (window), ==, 4);
  cs_ui_test_spin (50);
  for (guint i = 0; i < 5; i++)
    g_assert_false (gtk_widget_get_visible (find_in_row (cs_step_list_get_row_widget (list, i),
                                                         "cs-step-error-icon")));
  /* The toast's Undo button puts it back (Ctrl+Z only reaches the editor). */
  {
    GtkWidget *undo = cs_ui_test_find_widget (GTK_WIDGET (window), is_undo_button, NULL);

    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
  }
  text = cs_ui_test_get_editor_text (window);
  g_assert_cmpstr (text, ==, original);
  g_clear_pointer (&text, g_free);
  g_assert_true (cs_ui_test_wait_for (list_is_cb, &expect, 3000));

  /* Alt+Up on the selected step moves it above its neighbour: "e = 5"
   * (step 6) goes before print(d). */
  g_assert_true (gtk_widget_activate_action (cs_step_list_get_row_widget (list, 5),
                                             "listitem.select", "(bb)", FALSE, FALSE));
  cs_ui_test_send_key_with (GTK_WIDGET (list), GDK_KEY_Up, GDK_ALT_MASK);
  text = cs_ui_test_get_editor_text (window);
  g_assert_true (g_str_has_suffix (text, "c = copy.copy(a)\ne = 5\nprint(d)\n"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (cs_window_get_step (window), ==, 4);
  /* The first step cannot move up: nothing happens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "steps.move-up", "u", 0));
  text = cs_ui_test_get_editor_text (window);
  g_assert_true (g_str_has_prefix (text, "# title: Step list test\nimport copy\n"));
  g_clear_pointer (&text, g_free);

  /* Dragging the row of "e = 5" (step 5 now) onto the row of step 2
   * moves it there: the list's drag source and drop target, driven by
   * their signals as a drag would.  The blank line stays where it was in
   * the order of steps (after the second one). */
  {
    GtkEventController *source = cs_ui_test_find_controller (cs_step_list_get_row_widget (list, 4),
                                                  GTK_TYPE_DRAG_SOURCE);
    GtkEventController *target = cs_ui_test_find_controller (cs_step_list_get_row_widget (list, 1),
                                                  GTK_TYPE_DROP_TARGET);
    g_autoptr (GdkContentProvider) provider = NULL;
    g_auto (GValue) value = G_VALUE_INIT;
    gboolean dropped = FALSE;

    g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &provider);
    g_assert_nonnull (provider);
    g_value_init (&value, G_TYPE_UINT);
    g_assert_true (gdk_content_provider_get_value (provider, &value, NULL));
    g_assert_cmpuint (g_value_get_uint (&value), ==, 4);
    g_signal_emit_by_name (target, "drop", &value, 4.0, 4.0, &dropped);
    g_assert_true (dropped);
    text = cs_ui_test_get_editor_text (window);
    g_assert_cmpstr (text, ==,
                     "# title: Step list test\n"
                     "import copy\n"
                     "e = 5\n"
                     "\n"
                     "# Make a list.\n"
                     "a = [[1, 2], 3]\n"
                     "# b is a second name.\n"
                     "b = a\n"
                     "c = copy.copy(a)\n"
                     "print(d)\n");
    g_clear_pointer (&text, g_free);
    g_assert_cmpuint (cs_window_get_step (window), ==, 1);
    /* A drop that did not start in this list is refused. */
    g_signal_emit_by_name (target, "drop", &value, 4.0, 4.0, &dropped);
    g_assert_false (dropped);
  }

  /* The row menu opens for a step (Shift+F10 / Menu key / right click). */
  cs_step_list_popup_menu (list, 1);
  cs_ui_test_spin (50);
  {
    GtkWidget *popover = cs_ui_test_find_of_type (GTK_WIDGET (list), GTK_TYPE_POPOVER_MENU);
    GMenuModel *model;

    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
    g_assert_nonnull (model);
    /* Move Up, Move Down and a section with Delete Step. */
    g_assert_cmpint (g_menu_model_get_n_items (model), ==, 3);
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  cs_ui_test_close_and_finalize (window);
}

/* A long scenario: the list builds only the rows on screen, and follows
 * the window's step. */
static void
test_step_list_long (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "copyscope-steps-long.py", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  CsWindow *window = g_object_ref (cs_window_new (NULL, NULL));
  CsStepList *list = CS_STEP_LIST (cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_STEP_LIST));
  g_autofree char *last = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "x%u = [%u]\n", i, i);
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_file (window, file);
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  cs_ui_test_spin (100);

  g_assert_cmpuint (cs_step_list_get_n_steps (list), ==, 300);
  g_assert_nonnull (cs_step_list_get_row_widget (list, 0));
  /* Virtual: far rows are not built (GTK 4.8's GtkListView keeps up to
   * 200 rows around the visible ones). */
  g_assert_null (cs_step_list_get_row_widget (list, 299));

  /* The last step: its row is selected, scrolled to and built. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL));
  g_assert_cmpuint (cs_step_list_get_selected (list), ==, 299);
  cs_ui_test_spin (200);
  g_assert_nonnull (cs_step_list_get_row_widget (list, 299));
  g_assert_cmpstr (row_source (list, 299), ==, "x299 = [299]");
  /* Rows in the middle, far from the focus and the selection, are gone. */
  g_assert_null (cs_step_list_get_row_widget (list, 50));

  cs_ui_test_close_and_finalize (window);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();
  cs_i18n_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/step-list/rows", test_step_list_rows);
  g_test_add_func ("/ui/step-list/edit", test_step_list_edit);
  g_test_add_func ("/ui/step-list/long", test_step_list_long);

  return g_test_run ();
}
