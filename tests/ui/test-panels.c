/* test-panels.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panels below the memory picture in a real window: the "Strides"
 * tab explains a view, a click (or Enter on a focused name) on another
 * tensor changes which, hovering previews one, the keyboard walks the
 * picture in reading order, fit-to-view fits, the "Autograd" tab shows
 * the graph or its placeholder, and the tabs follow the settings.
 */

#include "config.h"

#include <math.h>

#include "cs-i18n.h"
#include "cs-ui-test.h"
#include "cs-window-private.h"

#define APP_ID "io.github.copyscope.Copyscope"

static GSettings *
new_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_boolean (settings, "show-stride-panel", TRUE);
  g_settings_set_boolean (settings, "show-autograd-panel", TRUE);
  return settings;
}

/* Like cs_ui_test_open_data_file(), in a larger window: the pictures are
 * kept as screenshots of the panels.
 */
static CsWindow *
open_large (const char *name,
            GSettings  *settings)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  CsWindow *window = g_object_ref (cs_window_new (NULL, settings));

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 960);
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_file (window, file);
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  cs_ui_test_spin (150);
  return window;
}

/* Clicks the middle of box @key of @canvas through its click gesture. */
static void
click_box (CsCanvas   *canvas,
           const char *key)
{
  graphene_rect_t area;

  g_assert_true (cs_canvas_get_box_area (canvas, key, &area));
  g_signal_emit_by_name (cs_ui_test_find_controller (GTK_WIDGET (canvas), GTK_TYPE_GESTURE_CLICK), "pressed", 1,
                         area.origin.x + area.size.width / 2, area.origin.y + area.size.height / 2);
  cs_ui_test_spin (50);
}

static void
hover_box (CsCanvas   *canvas,
           const char *key)
{
  GtkEventController *motion = cs_ui_test_find_controller (GTK_WIDGET (canvas), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  graphene_rect_t area;

  if (key == NULL)
    {
      g_signal_emit_by_name (motion, "leave");
      cs_ui_test_spin (50);
      return;
    }
  g_assert_true (cs_canvas_get_box_area (canvas, key, &area));
  g_signal_emit_by_name (motion, "motion", area.origin.x + 4, area.origin.y + area.size.height / 2);
  cs_ui_test_spin (50);
}

static gboolean
press_key (CsCanvas *canvas,
           guint     keyval)
{
  GtkEventController *key = cs_ui_test_find_controller (GTK_WIDGET (canvas), GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (key, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
  cs_ui_test_spin (30);
  return handled;
}

/* The serial @name points at, from the memory picture. */
static guint64
serial_of_name (CsWindow   *window,
                const char *name)
{
  g_autofree char *key = g_strdup_printf ("arrow:name:%s", name);
  const CsArrow *arrow = cs_scene_find_arrow (cs_canvas_get_scene (window->canvas), key);

  g_assert_nonnull (arrow);
  g_assert_true (g_str_has_prefix (arrow->target_key, "obj:"));
  return g_ascii_strtoull (arrow->target_key + 4, NULL, 10);
}

static void
go_to_last_step (CsWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  cs_ui_test_spin (100);
  g_assert_cmpuint (cs_window_get_step (window) + 1, ==, cs_window_get_n_steps (window));
}

static void
save_window (CsWindow   *window,
             const char *name)
{
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  cs_ui_test_spin (100);
  texture = cs_ui_test_capture (GTK_WIDGET (window));
  cs_ui_test_assert_not_blank (texture);
  path = cs_ui_test_save_artifact (texture, name);
}

static void
test_strides (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsWindow *window = open_large ("transpose.py", settings);
  guint64 x, y;
  g_autofree char *x_key = NULL;
  g_autofree char *y_key = NULL;
  const CsScene *strides;

  go_to_last_step (window);
  x = serial_of_name (window, "x");
  y = serial_of_name (window, "y");
  x_key = g_strdup_printf ("obj:%" G_GUINT64_FORMAT, x);
  y_key = g_strdup_printf ("obj:%" G_GUINT64_FORMAT, y);
  g_assert_cmpuint (x, !=, y);

  /* The memory picture is only memory: the panels have their own tabs. */
  g_assert_null (cs_scene_find_box (cs_canvas_get_scene (window->canvas), "panel:stride"));

  /* The Strides tab explains the transposed view, y, by default. */
  g_assert_true (gtk_widget_get_visible (window->panels_box));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->panels_stack), ==, "strides");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->strides_stack), ==, "picture");
  strides = cs_canvas_get_scene (window->strides_canvas);
  g_assert_nonnull (strides);
  g_assert_nonnull (cs_scene_find_box (strides, "panel:stride"));
  g_assert_cmpuint (cs_window_panels_get_explained (window), ==, y);
  g_assert_cmpstr (cs_scene_find_box (strides, "example:stride")->title, ==, "y[1, 2] → 0 + 1·1 + 2·2 = 5");
  save_window (window, "panels-strides-y.png");

  /* Clicking x's card makes the panel explain x, and selects x. */
  click_box (window->canvas, x_key);
  g_assert_cmpuint (cs_window_panels_get_explained (window), ==, x);
  strides = cs_canvas_get_scene (window->strides_canvas);
  g_assert_cmpstr (cs_scene_find_box (strides, "example:stride")->title, ==, "x[2, 1] → 0 + 2·2 + 1·1 = 5");
  g_assert_cmpstr (cs_canvas_get_selected_key (window->canvas), ==, x_key);
  save_window (window, "panels-strides-x.png");

  /* Hovering y previews it; leaving goes back to the chosen x. */
  hover_box (window->canvas, y_key);
  g_assert_cmpstr (cs_canvas_get_hover_key (window->canvas), ==, y_key);
  g_assert_cmpuint (cs_window_panels_get_explained (window), ==, y);
  hover_box (window->canvas, NULL);
  g_assert_null (cs_canvas_get_hover_key (window->canvas));
  g_assert_cmpuint (cs_window_panels_get_explained (window), ==, x);

  /* The selection stays with x from step to step while x exists. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-previous", NULL));
  cs_ui_test_spin (50);
  g_assert_cmpuint (cs_window_panels_get_explained (window), ==, x);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL));
  cs_ui_test_spin (50);

  /* Keyboard: Tab enters the picture on its first item; Tab, Down and Up
   * move in reading order (names, objects, storage); Enter on the name y
   * explains y.
   */
  {
    const char *order[] = { "name:x", "name:y", x_key, y_key };
    g_autofree char *text = NULL;

    gtk_widget_grab_focus (GTK_WIDGET (window->step_list));
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window->canvas), GTK_DIR_TAB_FORWARD));
    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (window->canvas)));
    g_assert_cmpstr (cs_canvas_get_focus_key (window->canvas), ==, order[0]);
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window->canvas), GTK_DIR_TAB_FORWARD));
    g_assert_cmpstr (cs_canvas_get_focus_key (window->canvas), ==, order[1]);
    text = cs_canvas_dup_focus_text (window->canvas);
    g_assert_cmpstr (text, ==, "Name y, points to a Tensor");
    g_assert_true (press_key (window->canvas, GDK_KEY_Down));
    g_assert_cmpstr (cs_canvas_get_focus_key (window->canvas), ==, order[2]);
    g_assert_true (press_key (window->canvas, GDK_KEY_Down));
    g_assert_cmpstr (cs_canvas_get_focus_key (window->canvas), ==, order[3]);
    g_assert_true (g_str_has_prefix (cs_canvas_get_focus_key (window->canvas), "obj:"));
    g_assert_true (press_key (window->canvas, GDK_KEY_Down));
    g_assert_true (g_str_has_prefix (cs_canvas_get_focus_key (window->canvas), "storage:"));
    /* Down stays on the last item; past it Tab leaves the picture. */
    g_assert_true (press_key (window->canvas, GDK_KEY_Down));
    g_assert_true (g_str_has_prefix (cs_canvas_get_focus_key (window->canvas), "storage:"));
    g_assert_false (gtk_widget_child_focus (GTK_WIDGET (window->canvas), GTK_DIR_TAB_FORWARD));
    g_assert_null (cs_canvas_get_focus_key (window->canvas));
    /* Shift+Tab from outside enters on the last item. */
    gtk_widget_grab_focus (GTK_WIDGET (window->step_list));
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window->canvas), GTK_DIR_TAB_BACKWARD));
    g_assert_true (g_str_has_prefix (cs_canvas_get_focus_key (window->canvas), "storage:"));
    for (guint i = 0; i < 3; i++)
      g_assert_true (press_key (window->canvas, GDK_KEY_Up));
    g_assert_cmpstr (cs_canvas_get_focus_key (window->canvas), ==, "name:y");
    g_assert_true (press_key (window->canvas, GDK_KEY_Return));
    g_assert_cmpuint (cs_window_panels_get_explained (window), ==, y);
    g_assert_cmpstr (cs_canvas_get_selected_key (window->canvas), ==, y_key);
    /* GTK shows focus rings after a real key press; say it happened. */
    gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
    g_assert_true (press_key (window->canvas, GDK_KEY_Down));
    g_assert_cmpstr (cs_canvas_get_focus_key (window->canvas), ==, x_key);
    save_window (window, "panels-keyboard-focus.png");
  }

  /* Fit to view: zoomed in 3×, the picture overflows; fitting brings it
   * back inside the visible area, filling it in one direction.
   */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (window->canvas), GTK_TYPE_SCROLLED_WINDOW);
    double view_w = gtk_widget_get_width (scroller), view_h = gtk_widget_get_height (scroller);
    graphene_rect_t drawn;

    cs_canvas_set_zoom (window->canvas, 3.0);
    cs_ui_test_wait_until_drawn (GTK_WIDGET (window->canvas));
    cs_ui_test_spin (100);
    g_assert_true (cs_canvas_get_drawn_bounds (window->canvas, &drawn));
    g_assert_true (drawn.size.width > view_w || drawn.size.height > view_h);

    /* Dragging empty space pans the zoomed picture. */
    {
      GtkEventController *drag = cs_ui_test_find_controller (GTK_WIDGET (window->canvas), GTK_TYPE_GESTURE_DRAG);
      GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      double h0, v0;

      /* Halfway, with room to move both ways. */
      gtk_adjustment_set_value (h, (gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h)) / 2);
      gtk_adjustment_set_value (v, (gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v)) / 2);
      h0 = gtk_adjustment_get_value (h);
      v0 = gtk_adjustment_get_value (v);
      g_assert_cmpfloat (h0, >, 100);
      g_assert_cmpfloat (v0, >, 40);
      /* The top-left corner of the canvas is margin: no box there. */
      g_assert_null (cs_canvas_pick (window->canvas, h0 + 2, v0 + 2));
      g_signal_emit_by_name (drag, "drag-begin", h0 + 2, v0 + 2);
      g_signal_emit_by_name (drag, "drag-update", -60.0, -40.0);
      g_assert_cmpfloat (fabs (gtk_adjustment_get_value (h) - (h0 + 60)), <, 1);
      g_assert_cmpfloat (fabs (gtk_adjustment_get_value (v) - (v0 + 40)), <, 1);
      g_signal_emit_by_name (drag, "drag-end", -60.0, -40.0);
    }

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
    cs_ui_test_wait_until_drawn (GTK_WIDGET (window->canvas));
    cs_ui_test_spin (150);
    g_assert_cmpfloat (cs_canvas_get_zoom (window->canvas), <, 3.0);
    g_assert_true (cs_canvas_get_drawn_bounds (window->canvas, &drawn));
    g_assert_cmpfloat (drawn.size.width, <=, view_w + 0.5);
    g_assert_cmpfloat (drawn.size.height, <=, view_h + 0.5);
    g_assert_true (drawn.size.width >= view_w - 2 * 16 - 4 || drawn.size.height >= view_h - 2 * 16 - 4);
  }

  /* The tabs follow the settings; with both off the panel area hides. */
  g_settings_set_boolean (settings, "show-stride-panel", FALSE);
  cs_ui_test_spin (50);
  g_assert_false (gtk_stack_page_get_visible (window->strides_page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->panels_stack), ==, "autograd");
  g_assert_true (gtk_widget_get_visible (window->panels_box));
  g_settings_set_boolean (settings, "show-autograd-panel", FALSE);
  cs_ui_test_spin (50);
  g_assert_false (gtk_widget_get_visible (window->panels_box));
  g_settings_set_boolean (settings, "show-stride-panel", TRUE);
  cs_ui_test_spin (50);
  g_assert_true (gtk_widget_get_visible (window->panels_box));
  g_assert_true (gtk_stack_page_get_visible (window->strides_page));
  g_assert_false (gtk_stack_page_get_visible (window->autograd_page));
  g_settings_set_boolean (settings, "show-autograd-panel", TRUE);

  cs_ui_test_close_and_finalize (window);
}

static void
test_autograd (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsWindow *window = open_large ("autograd.py", settings);
  const CsScene *graph;

  go_to_last_step (window);
  gtk_stack_set_visible_child_name (window->panels_stack, "autograd");
  cs_ui_test_spin (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->autograd_stack), ==, "picture");
  graph = cs_canvas_get_scene (window->autograd_canvas);
  g_assert_nonnull (graph);
  g_assert_nonnull (cs_scene_find_box (graph, "panel:autograd"));
  g_assert_null (cs_scene_find_box (cs_canvas_get_scene (window->canvas), "panel:autograd"));
  save_window (window, "panels-autograd.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_window (window, "panels-autograd-dark.png");
  gtk_stack_set_visible_child_name (window->panels_stack, "strides");
  save_window (window, "panels-strides-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_stack_set_visible_child_name (window->panels_stack, "autograd");

  /* Before any tensor needs grad (step 1) there is no graph. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-first", NULL));
  cs_ui_test_spin (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->autograd_stack), ==, "empty");
  g_assert_null (cs_canvas_get_scene (window->autograd_canvas));

  cs_ui_test_close_and_finalize (window);
}

/* A scenario of lists and dicts has nothing for either panel: the panel
 * area stays hidden and the memory picture gets the height; once the text
 * makes a tensor the tabs come back, with placeholders where a step has
 * nothing to show.
 */
static void
test_lists_hide_panels (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsWindow *window = cs_ui_test_open_data_file ("03_article_copy_copy.py", settings);

  go_to_last_step (window);
  g_assert_nonnull (cs_canvas_get_scene (window->canvas));
  g_assert_false (gtk_widget_get_visible (window->panels_box));
  g_assert_cmpuint (cs_window_panels_get_explained (window), ==, 0);
  save_window (window, "panels-hidden.png");

  cs_window_run_text (window, "import torch\na = [1, 2]\nt = torch.zeros(2, 3)\n");
  cs_window_set_step (window, 1, FALSE);
  g_assert_true (gtk_widget_get_visible (window->panels_box));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->strides_stack), ==, "empty");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->autograd_stack), ==, "empty");
  save_window (window, "panels-placeholder.png");
  gtk_stack_set_visible_child_name (window->panels_stack, "autograd");
  save_window (window, "panels-placeholder-autograd.png");

  cs_window_run_text (window, "a = [1, 2]\n");
  g_assert_false (gtk_widget_get_visible (window->panels_box));

  cs_ui_test_close_and_finalize (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cs_i18n_init ();

  cs_ui_test_use_app_style ();

  g_test_add_func ("/ui/panels/strides", test_strides);
  g_test_add_func ("/ui/panels/autograd", test_autograd);
  g_test_add_func ("/ui/panels/lists-hide-panels", test_lists_hide_panels);

  return g_test_run ();
}
