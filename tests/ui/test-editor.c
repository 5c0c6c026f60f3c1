/* test-editor.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor in the real window, under an X server: an error line is
 * underlined and hovering it shows the error (the pointer is really moved
 * there); the "Add Step" menu lists the templates for the current step,
 * inserts one as a single undoable action, re-runs at once and shows the
 * new step.
 */

#include "config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <string.h>

#include <gdk/x11/gdkx.h>
#include <gtksourceview/gtksource.h>

#include "cs-i18n.h"
#include "cs-ui-test.h"
#include "cs-window-private.h"
#include "cs-window.h"

static const char *error_scenario =
  "# title: An error\n"
  "a = [1, 2]\n"
  "# `c` was never bound.\n"
  "b = c + 1\n"
  "print(a)\n";

static CsWindow *
open_text (const char *text,
           char      **path_out)
{
  g_autoptr (GError) error = NULL;
  int fd = g_file_open_tmp ("cs-editor-XXXXXX.py", path_out, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (*path_out, text, -1, &error));
  g_assert_no_error (error);
  close (fd);
  return cs_ui_test_open_path (*path_out, NULL);
}

static CsWindow *
open_lesson (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "lessons", name, NULL);

  return cs_ui_test_open_path (path, NULL);
}

static void
save_widget (GtkWidget  *widget,
             const char *name)
{
  g_autoptr (GdkTexture) texture = NULL;

  cs_ui_test_wait_until_drawn (widget);
  texture = cs_ui_test_capture (widget);

  cs_ui_test_assert_not_blank (texture);
  g_free (cs_ui_test_save_artifact (texture, name));
}

static GtkTextBuffer *
editor_buffer (CsWindow *window)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->editor_view));
}

/* The centre of 0-based @line's first characters, in editor coordinates. */
static void
line_point (CsWindow *window,
            int       line,
            int      *x,
            int      *y)
{
  GtkTextView *view = GTK_TEXT_VIEW (window->editor_view);
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_line_offset (gtk_text_view_get_buffer (view), &iter, line, 2);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y + rect.height / 2, x, y);
}

static gboolean
line_has_tag (CsWindow   *window,
              int         line,
              const char *tag_name)
{
  GtkTextBuffer *buffer = editor_buffer (window);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter start, end;
  gboolean all = TRUE, any = FALSE;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  for (GtkTextIter iter = start; gtk_text_iter_compare (&iter, &end) < 0; gtk_text_iter_forward_char (&iter))
    {
      gboolean has = gtk_text_iter_has_tag (&iter, tag);

      all = all && has;
      any = any || has;
    }
  /* The tag covers the whole line or none of it. */
  g_assert_true (all == any);
  return any;
}

/* Asks the editor for a tooltip at @line the way GTK does, through the
 * "query-tooltip" signal with a real GtkTooltip.
 */
static gboolean
query_tooltip_at_line (CsWindow *window,
                       int       line)
{
  g_autoptr (GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;
  int x, y;

  line_point (window, line, &x, &y);
  g_signal_emit_by_name (window->editor_view, "query-tooltip", x, y, FALSE, tooltip, &shown);
  return shown;
}

typedef int (*WarpPointerFunc) (Display *, Window, Window, int, int, unsigned, unsigned, int, int);
typedef int (*FlushFunc) (Display *);

/* Moves the X pointer over 0-based @line of the editor.  libX11 is loaded
 * by GTK's X11 backend; its functions are looked up rather than linked.
 */
static gboolean
warp_pointer_to_line (CsWindow *window,
                      int       line)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  WarpPointerFunc warp = (WarpPointerFunc) dlsym (RTLD_DEFAULT, "XWarpPointer");
  FlushFunc flush = (FlushFunc) dlsym (RTLD_DEFAULT, "XFlush");
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (window));
  double wx, wy, sx, sy;
  int x, y;

  if (!GDK_IS_X11_DISPLAY (display) || warp == NULL || flush == NULL)
    return FALSE;

  line_point (window, line, &x, &y);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (window->editor_view), GTK_WIDGET (native),
                                                   x, y, &wx, &wy));
  gtk_native_get_surface_transform (native, &sx, &sy);
  /* Move away first so GTK sees a motion onto the line. */
  warp (gdk_x11_display_get_xdisplay (display), None,
        gdk_x11_surface_get_xid (gtk_native_get_surface (native)), 0, 0, 0, 0, 1, 1);
  flush (gdk_x11_display_get_xdisplay (display));
  cs_ui_test_spin (100);
  warp (gdk_x11_display_get_xdisplay (display), None,
        gdk_x11_surface_get_xid (gtk_native_get_surface (native)), 0, 0, 0, 0,
        (int) (wx + sx), (int) (wy + sy));
  flush (gdk_x11_display_get_xdisplay (display));
  return TRUE;
}

typedef struct
{
  CsWindow   *window;
  const char *text;
} LabelWait;

static gboolean
visible_label_cb (gpointer data)
{
  LabelWait *wait = data;
  GtkWidget *label = cs_ui_test_find_label (GTK_WIDGET (wait->window), wait->text);

  return label != NULL && gtk_widget_get_mapped (label);
}

static void
test_editor_error_tooltip (void)
{
  g_autofree char *path = NULL;
  CsWindow *window = open_text (error_scenario, &path);
  const char *message = "NameError: name 'c' is not defined";
  LabelWait wait = { window, message };

  /* Step 2 (line 4) fails; only that line is underlined. */
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 3);
  g_assert_false (line_has_tag (window, 1, "cs-error"));
  g_assert_false (line_has_tag (window, 2, "cs-error"));
  g_assert_true (line_has_tag (window, 3, "cs-error"));
  g_assert_false (line_has_tag (window, 4, "cs-error"));

  /* The tooltip query answers on the error line only. */
  g_assert_true (query_tooltip_at_line (window, 3));
  g_assert_false (query_tooltip_at_line (window, 1));
  g_assert_false (query_tooltip_at_line (window, 4));

  /* Hovering the line shows the message in a real tooltip. */
  if (warp_pointer_to_line (window, 3))
    {
      if (!cs_ui_test_wait_for (visible_label_cb, &wait, 3000))
        {
          /* GTK asks again on request (what it does after a motion). */
          gtk_widget_trigger_tooltip_query (GTK_WIDGET (window->editor_view));
          g_assert_true (cs_ui_test_wait_for (visible_label_cb, &wait, 3000));
        }
      save_widget (window->side_paned, "editor-error-line.png");
      /* The label is in GTK's tooltip window (a native of its own). */
      {
        GtkWidget *label = cs_ui_test_find_label (GTK_WIDGET (window), message);

        g_assert_cmpstr (G_OBJECT_TYPE_NAME (gtk_widget_get_native (label)), ==, "GtkTooltipWindow");
      }

      /* Away from the line, the tooltip goes. */
      warp_pointer_to_line (window, 1);
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (window->editor_view));
      cs_ui_test_spin (300);
      g_assert_false (visible_label_cb (&wait));
    }
  else
    g_test_message ("not on X11: the pointer cannot be moved, only the query is tested");

  /* Fixing the line takes the underline away after the re-run. */
  {
    GtkTextBuffer *buffer = editor_buffer (window);
    GtkTextIter start, end;

    gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 3, 4);
    gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 3, 5);
    gtk_text_buffer_delete (buffer, &start, &end);
    gtk_text_buffer_insert (buffer, &start, "a[0]", -1);
    cs_ui_test_spin (700);
    g_assert_false (line_has_tag (window, 3, "cs-error"));
    g_assert_false (query_tooltip_at_line (window, 3));
  }

  cs_ui_test_close_and_finalize (window);
  g_unlink (path);
}

/* The menu item of template @id in @model's sections, or -1. */
static gboolean
menu_has_target (GMenuModel *model,
                 const char *action,
                 const char *id,
                 char      **label_out)
{
  for (int s = 0; s < g_menu_model_get_n_items (model); s++)
    {
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (model, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *item_action = NULL;
          g_autoptr (GVariant) target = NULL;

          if (!g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action))
            continue;
          target = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE_STRING);
          if (g_str_equal (item_action, action) && target != NULL &&
              g_str_equal (g_variant_get_string (target, NULL), id))
            {
              if (label_out != NULL)
                g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", label_out);
              return TRUE;
            }
        }
    }
  return FALSE;
}

static gboolean
popover_open_cb (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (data));

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static gboolean
is_model_button_with_text (GtkWidget     *widget,
                           gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return text != NULL && strstr (text, data) != NULL;
}

/* Activates the window's Ctrl+Shift+A shortcut as a key press would. */
static gboolean
activate_ctrl_shift_a (CsWindow *window)
{
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean done = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !done; i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !done; j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_a &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
            {
              /* Before the editor, which takes these keys for "unselect all". */
              g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
              done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                   GTK_WIDGET (window), NULL);
            }
        }
    }
  g_object_unref (controllers);
  return done;
}

typedef struct
{
  CsWindow *window;
  guint     n;
} StepsWait;

static gboolean
n_steps_cb (gpointer data)
{
  StepsWait *wait = data;

  return cs_window_get_n_steps (wait->window) == wait->n;
}

static void
test_editor_add_step (void)
{
  CsWindow *window = open_lesson ("03-shallow-copy.py");
  GtkMenuButton *button = window->add_step_button;
  GMenuModel *model;
  g_autofree char *original = cs_ui_test_get_editor_text (window);
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  GtkWidget *item;
  guint n = cs_window_get_n_steps (window);
  StepsWait wait = { window, n };

  g_assert_cmpuint (n, >, 5);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_menu_button_get_icon_name (button), ==, "list-add-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Add Step");

  /* At step 1 (`import copy`) there is nothing to copy yet: the menu,
   * opened with Ctrl+Shift+A, shows deepcopy insensitive with the reason.
   */
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  g_assert_true (activate_ctrl_shift_a (window));
  g_assert_true (cs_ui_test_wait_for (popover_open_cb, button, 2000));
  model = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (model);
  g_assert_false (menu_has_target (model, "win.add-step", "deepcopy", NULL));
  g_assert_true (menu_has_target (model, "win.add-step-unavailable", "deepcopy", &label));
  g_assert_nonnull (strstr (label, "needs a list, dict, NumPy array or leaf tensor"));
  g_assert_true (menu_has_target (model, "win.add-step", "torch-tensor", NULL));
  cs_ui_test_spin (100);
  item = cs_ui_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (button)), is_model_button_with_text,
                                 "needs a tensor with at least 2 dimensions");
  g_assert_nonnull (item);
  g_assert_false (gtk_widget_is_sensitive (item));
  item = cs_ui_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (button)), is_model_button_with_text,
                                 "torch.tensor");
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_is_sensitive (item));
  save_widget (GTK_WIDGET (gtk_menu_button_get_popover (button)), "editor-add-step-menu.png");
  gtk_menu_button_popdown (button);
  cs_ui_test_spin (50);
  g_clear_pointer (&label, g_free);

  /* At step 2 (`a = [[1, 2], 3, 4]`) the menu, opened again, offers a
   * deep copy of `a`.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL));
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);
  gtk_menu_button_popup (button);
  g_assert_true (cs_ui_test_wait_for (popover_open_cb, button, 2000));
  g_assert_true (menu_has_target (gtk_menu_button_get_menu_model (button), "win.add-step", "deepcopy", &label));
  g_assert_cmpstr (label, ==, "Deep copy of `a` (copy.deepcopy)");
  g_clear_pointer (&label, g_free);
  /* Later steps use `a`: rebinding it says it changes them. */
  g_assert_true (menu_has_target (gtk_menu_button_get_menu_model (button), "win.add-step", "rebind", &label));
  g_assert_cmpstr (label, ==, "Rebind `a` to a new object (changes later steps)");
  gtk_menu_button_popdown (button);
  cs_ui_test_spin (50);

  /* Choose it: one new step after `a = ...`, shown at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-step", "s", "deepcopy"));
  text = cs_ui_test_get_editor_text (window);
  g_assert_nonnull (strstr (text,
                            "a = [[1, 2], 3, 4]\n"
                            "# `c` is a copy of `a` and of everything inside it: they share nothing.\n"
                            "c = copy.deepcopy(a)\n"
                            "# Print the list and its id().\n"));
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, n + 1);
  g_assert_cmpuint (cs_window_get_step (window), ==, 2);
  g_assert_true (window->rerun_id == 0);
  g_assert_cmpstr (gtk_label_get_text (window->step_source_label), ==, "c = copy.deepcopy(a)");
  g_assert_true (cs_window_get_modified (window));
  save_widget (window->side_paned, "editor-add-step.png");

  /* One undo takes the whole step away; the re-run follows. */
  g_assert_true (gtk_text_buffer_get_can_undo (editor_buffer (window)));
  gtk_text_buffer_undo (editor_buffer (window));
  g_clear_pointer (&text, g_free);
  text = cs_ui_test_get_editor_text (window);
  g_assert_cmpstr (text, ==, original);
  g_assert_true (cs_ui_test_wait_for (n_steps_cb, &wait, 3000));

  cs_ui_test_close_and_finalize (window);
}

/* A template whose module is not imported yet brings its import, placed
 * after the imports at the top; undo takes both away.
 */
static void
test_editor_add_step_import (void)
{
  CsWindow *window = open_lesson ("01-names-and-assignment.py");
  g_autofree char *original = cs_ui_test_get_editor_text (window);
  g_autofree char *text = NULL;
  guint n = cs_window_get_n_steps (window);
  StepsWait wait = { window, n };

  /* Step 3 is `a = torch.rand(4)`. */
  for (guint i = 0; i < 2; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL));
  g_assert_cmpuint (cs_window_get_step (window), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-step", "s", "deepcopy"));

  text = cs_ui_test_get_editor_text (window);
  g_assert_nonnull (strstr (text, "import torch\nimport copy\n# Fix the random generator"));
  g_assert_nonnull (strstr (text, "a = torch.rand(4)\n# `c` is a copy of `a`"));
  g_assert_nonnull (strstr (text, "\nc = copy.deepcopy(a)\n# Print its values"));
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, n + 2);
  g_assert_cmpuint (cs_window_get_step (window), ==, 4);
  g_assert_cmpstr (gtk_label_get_text (window->step_source_label), ==, "c = copy.deepcopy(a)");

  gtk_text_buffer_undo (editor_buffer (window));
  g_clear_pointer (&text, g_free);
  text = cs_ui_test_get_editor_text (window);
  g_assert_cmpstr (text, ==, original);
  g_assert_true (cs_ui_test_wait_for (n_steps_cb, &wait, 3000));

  /* A template that does not apply here adds nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-step", "s", "transpose"));
  g_clear_pointer (&text, g_free);
  text = cs_ui_test_get_editor_text (window);
  g_assert_cmpstr (text, ==, original);

  cs_ui_test_close_and_finalize (window);
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

  g_test_add_func ("/ui/editor/error-tooltip", test_editor_error_tooltip);
  g_test_add_func ("/ui/editor/add-step", test_editor_add_step);
  g_test_add_func ("/ui/editor/add-step-import", test_editor_add_step_import);

  return g_test_run ();
}
