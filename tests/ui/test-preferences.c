/* test-preferences.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences under an X server: every control changes its key and every
 * key moves its control; the real CsApplication (registered, not run)
 * applies the style and the caption's text size, so the high-contrast
 * style makes the canvas paint with the high-contrast palette and the
 * font scale makes the laid-out picture and the caption larger.  The
 * Keyboard Shortcuts window must list every accelerator the app sets.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cs-application.h"
#include "cs-canvas.h"
#include "cs-i18n.h"
#include "cs-paint.h"
#include "cs-palette.h"
#include "cs-preferences-window.h"
#include "cs-theme.h"
#include "cs-ui-test.h"
#include "cs-window.h"

#define TEST_FILE "03_article_copy_copy.py"

static CsApplication *application;

static GSettings *
new_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);
  const char *keys[] = { "style-variant", "font-scale", "animation-ms", "play-interval-ms", "show-addresses",
                         "show-stride-panel", "show-autograd-panel", "window-width",
                         "window-height", "window-maximized" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  return settings;
}

static gboolean
is_widget_named (GtkWidget     *widget,
                 gconstpointer  name)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), name) == 0;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  GtkWidget *widget = cs_ui_test_find_widget (root, is_widget_named, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
test_preferences_bindings (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (GdkTexture) shot = NULL;
  CsPreferencesWindow *preferences;
  GtkWidget *style_row, *font_spin, *animation_spin, *interval_spin;
  GtkWidget *stride_switch, *autograd_switch, *addresses_switch;

  g_settings_set_string (settings, "style-variant", "high-contrast");
  preferences = g_object_ref (cs_preferences_window_new (settings));
  gtk_window_present (GTK_WINDOW (preferences));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (preferences));

  style_row = find_named (GTK_WIDGET (preferences), "style_row");
  font_spin = find_named (GTK_WIDGET (preferences), "font_scale_spin");
  animation_spin = find_named (GTK_WIDGET (preferences), "animation_spin");
  interval_spin = find_named (GTK_WIDGET (preferences), "play_interval_spin");
  stride_switch = find_named (GTK_WIDGET (preferences), "stride_switch");
  autograd_switch = find_named (GTK_WIDGET (preferences), "autograd_switch");
  addresses_switch = find_named (GTK_WIDGET (preferences), "addresses_switch");

  /* The style: four rows, the fourth is high contrast. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (style_row)), ==, 3);
  adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), 2);
  g_assert_cmpstr (g_settings_get_string (settings, "style-variant"), ==, "dark");
  adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), 3);
  g_assert_cmpstr (g_settings_get_string (settings, "style-variant"), ==, "high-contrast");
  g_settings_set_string (settings, "style-variant", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (style_row)), ==, 1);

  /* Font scale, shown in percent. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (font_spin)), ==, 100.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (font_spin), 150);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "font-scale"), 1.5, 1e-9);
  g_settings_set_double (settings, "font-scale", 2.25);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (font_spin)), ==, 225.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (font_spin), 1000);  /* Clamped to 300 %. */
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "font-scale"), 3.0, 1e-9);

  /* Animation length in milliseconds. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (animation_spin)), ==, 600.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (animation_spin), 1200);
  g_assert_cmpint (g_settings_get_int (settings, "animation-ms"), ==, 1200);
  g_settings_set_int (settings, "animation-ms", 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (animation_spin)), ==, 0.0);

  /* Auto-advance interval in seconds. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (interval_spin)), ==, 2.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (interval_spin), 4.5);
  g_assert_cmpint (g_settings_get_int (settings, "play-interval-ms"), ==, 4500);
  g_settings_set_int (settings, "play-interval-ms", 1000);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (interval_spin)), ==, 1.0);

  /* The panels. */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (stride_switch)));
  gtk_switch_set_active (GTK_SWITCH (stride_switch), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-stride-panel"));
  g_settings_set_boolean (settings, "show-stride-panel", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (stride_switch)));

  g_assert_true (gtk_switch_get_active (GTK_SWITCH (autograd_switch)));
  gtk_switch_set_active (GTK_SWITCH (autograd_switch), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-autograd-panel"));
  g_settings_set_boolean (settings, "show-autograd-panel", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (autograd_switch)));

  /* Object addresses, off by default. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (addresses_switch)));
  gtk_switch_set_active (GTK_SWITCH (addresses_switch), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "show-addresses"));
  g_settings_set_boolean (settings, "show-addresses", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (addresses_switch)));

  /* Activating a row (keyboard: Enter on the row) toggles its switch. */
  g_assert_true (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_named (GTK_WIDGET (preferences),
                                                                                    "stride_row")))
                 == stride_switch);

  /* The screenshot, at the defaults. */
  g_settings_reset (settings, "font-scale");
  g_settings_reset (settings, "animation-ms");
  g_settings_reset (settings, "play-interval-ms");
  g_settings_reset (settings, "style-variant");
  cs_ui_test_spin (100);
  shot = cs_ui_test_capture (GTK_WIDGET (preferences));
  g_free (cs_ui_test_save_artifact (shot, "preferences.png"));
  cs_ui_test_assert_not_blank (shot);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);
}

/* The canvas background's red, green and blue at (x, y) of @texture. */
static guint32
pixel_at (GdkTexture *texture,
          int         x,
          int         y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * 4 * height);

  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_texture_download (texture, data, (gsize) width * 4);
  return ((const guint32 *) (data + (gsize) y * width * 4))[x] & 0xffffff;
}

static guint32
palette_rgb (const CsColor *color)
{
  return ((guint32) (color->red * 255 + 0.5) << 16)
         | ((guint32) (color->green * 255 + 0.5) << 8)
         | (guint32) (color->blue * 255 + 0.5);
}

static void
go_to_step (CsWindow *window,
                             guint     step)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-first", NULL);
  for (guint i = 0; i < step; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL));
  g_assert_cmpuint (cs_window_get_step (window), ==, step);
  cs_ui_test_spin (50);
}

static void
test_preferences_high_contrast (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (GdkTexture) light = NULL, contrast = NULL, light_caption = NULL, contrast_caption = NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  CsWindow *window;
  GtkWidget *canvas, *caption;

  g_settings_set_string (settings, "style-variant", "light");
  window = cs_ui_test_open_data_file (TEST_FILE, settings);
  canvas = cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_CANVAS);
  caption = cs_ui_test_find_with_class (GTK_WIDGET (window), "cs-caption");
  g_assert_nonnull (caption);
  /* A step with names, objects and arrows (a[0][0] = 0). */
  go_to_step (window, 5);

  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (cs_theme_get_high_contrast ());
  gtk_test_widget_wait_for_draw (canvas);
  light = cs_ui_test_capture (canvas);
  light_caption = cs_ui_test_capture (caption);
  g_assert_cmphex (pixel_at (light, 2, 2), ==, palette_rgb (&cs_palette_get (CS_THEME_LIGHT)->canvas));

  /* The application applies the key: light colour scheme, forced high
   * contrast, the canvas repainted with the high-contrast palette.
   */
  g_settings_set_string (settings, "style-variant", "high-contrast");
  g_assert_true (cs_theme_get_forced_high_contrast ());
  g_assert_true (cs_theme_get_high_contrast ());
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (cs_theme_palette_for_manager (NULL) == cs_palette_get (CS_THEME_HIGH_CONTRAST));
  gtk_test_widget_wait_for_draw (canvas);
  cs_ui_test_spin (100);
  contrast = cs_ui_test_capture (canvas);
  contrast_caption = cs_ui_test_capture (caption);
  g_free (cs_ui_test_save_artifact (contrast, "canvas-high-contrast.png"));
  g_free (cs_ui_test_save_artifact (cs_ui_test_capture (GTK_WIDGET (window)), "window-high-contrast.png"));
  g_assert_cmphex (pixel_at (contrast, 2, 2), ==, palette_rgb (&cs_palette_get (CS_THEME_HIGH_CONTRAST)->canvas));
  g_assert_cmphex (pixel_at (contrast, 2, 2), !=, pixel_at (light, 2, 2));
  g_assert_cmpuint (cs_ui_test_count_different_pixels (light, contrast), >, 1000);
  /* The chrome: style-hc.css draws the caption's rule solid and thicker. */
  g_assert_cmpuint (cs_ui_test_count_different_pixels (light_caption, contrast_caption), >, 100);

  /* Dark, then back to following the system: no high contrast left. */
  g_settings_set_string (settings, "style-variant", "dark");
  g_assert_false (cs_theme_get_forced_high_contrast ());
  g_assert_true (adw_style_manager_get_dark (manager));
  g_assert_cmpint (cs_theme_for_style_manager (NULL), ==, CS_THEME_DARK);
  g_settings_set_string (settings, "style-variant", "follow");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  cs_ui_test_close_and_finalize (window);
}

/* The subtitle of the first box that ends with @suffix, or NULL. */
static const char *
find_subtitle_ending (CsScene    *scene,
                      const char *suffix)
{
  for (guint i = 0; i < scene->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (scene->boxes, i);

      if (box->subtitle != NULL && g_str_has_suffix (box->subtitle, suffix))
        return box->subtitle;
    }
  return NULL;
}

/* show-addresses: the list a refers to shows the id () print (id (a))
 * printed; off again, no box shows an id.
 */
static void
test_preferences_show_addresses (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autofree char *output = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GdkTexture) shot = NULL;
  g_auto (GStrv) words = NULL;
  CsWindow *window;
  CsCanvas *canvas;
  const char *line;

  g_settings_reset (settings, "show-addresses");
  window = cs_ui_test_open_data_file (TEST_FILE, settings);
  canvas = CS_CANVAS (cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_CANVAS));
  go_to_step (window, 2);  /* print('before a', a, id(a)) */

  output = cs_ui_test_get_output_text (window);
  line = strstr (output, "before a ");
  g_assert_nonnull (line);
  words = g_strsplit (line, " ", -1);
  g_assert_cmpuint (g_strv_length (words), >=, 7);  /* before a [[1, 2], 3, 4] ID */
  suffix = g_strdup_printf ("id %s", g_strstrip (words[6]));
  g_test_message ("a's id: %s", suffix);
  g_assert_null (find_subtitle_ending (cs_canvas_get_scene (canvas), suffix));
  g_assert_null (find_subtitle_ending (cs_canvas_get_scene (canvas), "id 1"));

  g_settings_set_boolean (settings, "show-addresses", TRUE);
  cs_ui_test_spin (50);
  expected = g_strdup_printf ("len 3 · %s", suffix);
  g_assert_cmpstr (find_subtitle_ending (cs_canvas_get_scene (canvas), suffix), ==, expected);
  shot = cs_ui_test_capture (GTK_WIDGET (canvas));
  g_free (cs_ui_test_save_artifact (shot, "canvas-addresses.png"));

  g_settings_set_boolean (settings, "show-addresses", FALSE);
  cs_ui_test_spin (50);
  g_assert_null (find_subtitle_ending (cs_canvas_get_scene (canvas), suffix));
  cs_ui_test_close_and_finalize (window);
}

static int
natural_height (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  return natural;
}

static void
test_preferences_font_scale (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsWindow *window;
  CsCanvas *canvas;
  CsScene *scene;
  GtkWidget *caption;
  int width1, height1, width2, height2, caption1, caption2, presenting1, presenting2;

  window = cs_ui_test_open_data_file (TEST_FILE, settings);
  canvas = CS_CANVAS (cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_CANVAS));
  caption = cs_ui_test_find_with_class (GTK_WIDGET (window), "cs-step-source");
  g_assert_nonnull (caption);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL));

  scene = cs_canvas_get_scene (canvas);
  g_assert_nonnull (scene);
  g_assert_cmpfloat (scene->font_scale, ==, 1.0);
  cs_scene_get_size (scene, 1.0, &width1, &height1);
  caption1 = natural_height (caption);

  /* 200 %: every step is laid out again, twice as large; the caption's
   * text grows too.
   */
  g_settings_set_double (settings, "font-scale", 2.0);
  cs_ui_test_spin (50);
  scene = cs_canvas_get_scene (canvas);
  g_assert_cmpfloat (scene->font_scale, ==, 2.0);
  g_assert_cmpfloat (cs_theme_get_text_scale (), ==, 2.0);
  cs_scene_get_size (scene, 1.0, &width2, &height2);
  caption2 = natural_height (caption);
  g_test_message ("scene %dx%d → %dx%d, caption %d → %d px",
                  width1, height1, width2, height2, caption1, caption2);
  g_assert_cmpint (width2, >=, 2 * width1 - 2);
  g_assert_cmpint (height2, >=, 2 * height1 - 2);
  g_assert_cmpint (caption2, >, caption1 * 3 / 2);
  g_assert_cmpuint (cs_window_get_step (window), ==, cs_window_get_n_steps (window) - 1);

  /* Presentation mode multiplies it further. */
  g_settings_set_double (settings, "font-scale", 1.0);
  cs_ui_test_spin (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_true (cs_window_get_presenting (window));
  cs_ui_test_spin (50);
  presenting1 = natural_height (caption);
  g_settings_set_double (settings, "font-scale", 2.0);
  cs_ui_test_spin (50);
  presenting2 = natural_height (caption);
  g_test_message ("presenting: caption %d → %d px", presenting1, presenting2);
  g_assert_cmpint (presenting1, >, caption1 * 3 / 2);
  g_assert_cmpint (presenting2, >, presenting1 * 3 / 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));

  g_settings_reset (settings, "font-scale");
  cs_ui_test_spin (50);
  cs_ui_test_close_and_finalize (window);
}

/* Keyboard Shortcuts window completeness. */

/* One name per key combination: <Primary> and <Control> are the same key,
 * and so are "S" and "s" with Shift, and a keypad key and its main key
 * (the shortcuts window lists the main one).
 */
static char *
accel_key (guint           keyval,
           GdkModifierType mods)
{
  static const guint aliases[][2] = {
    { GDK_KEY_KP_Enter, GDK_KEY_Return }, { GDK_KEY_ISO_Enter, GDK_KEY_Return },
    { GDK_KEY_KP_Delete, GDK_KEY_Delete }, { GDK_KEY_KP_Insert, GDK_KEY_Insert },
    { GDK_KEY_KP_Up, GDK_KEY_Up }, { GDK_KEY_KP_Down, GDK_KEY_Down },
    { GDK_KEY_KP_Left, GDK_KEY_Left }, { GDK_KEY_KP_Right, GDK_KEY_Right },
    { GDK_KEY_KP_Home, GDK_KEY_Home }, { GDK_KEY_KP_End, GDK_KEY_End },
    { GDK_KEY_KP_Page_Up, GDK_KEY_Page_Up }, { GDK_KEY_KP_Page_Down, GDK_KEY_Page_Down },
    { GDK_KEY_KP_Space, GDK_KEY_space }, { GDK_KEY_KP_Tab, GDK_KEY_Tab },
    { GDK_KEY_KP_Add, GDK_KEY_plus }, { GDK_KEY_KP_Subtract, GDK_KEY_minus },
    { GDK_KEY_KP_0, GDK_KEY_0 }, { GDK_KEY_KP_9, GDK_KEY_9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (keyval == aliases[i][0])
      keyval = aliases[i][1];

  return gtk_accelerator_name (gdk_keyval_to_lower (keyval),
                               mods & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK));
}

static void
add_accel_string (GHashTable *accels,
                  const char *accel,
                  const char *where)
{
  guint keyval;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  g_assert_cmpuint (keyval, !=, 0);
  g_hash_table_insert (accels, accel_key (keyval, mods), g_strdup (where));
}

static void
add_trigger (GHashTable         *accels,
             GtkShortcutTrigger *trigger,
             const char         *where)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      guint keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
      GdkModifierType mods = gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger));

      g_hash_table_insert (accels, accel_key (keyval, mods), g_strdup (where));
    }
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger (accels, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), where);
      add_trigger (accels, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), where);
    }
}

static char *
shortcut_id (GtkShortcut *shortcut)
{
  g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
  g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

  return g_strdup_printf ("%s → %s", trigger, action);
}

static void
add_shortcut_ids (GtkWidget  *widget,
                  GHashTable *ids)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          g_hash_table_add (ids, shortcut_id (shortcut));
        }
    }
  g_object_unref (controllers);
}

/* The shortcuts an instance of the GTK or libadwaita class that @type
 * derives from has by itself (GtkWindow's focus keys, GtkListBox's
 * navigation): inherited, not ours.
 */
static GHashTable *
inherited_shortcuts (GType type)
{
  static GHashTable *cache;
  GHashTable *ids;
  GType base = type;

  while (g_str_has_prefix (g_type_name (base), "Cs"))
    base = g_type_parent (base);

  if (cache == NULL)
    cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  ids = g_hash_table_lookup (cache, GSIZE_TO_POINTER (base));
  if (ids != NULL)
    return ids;

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!G_TYPE_IS_ABSTRACT (base))
    {
      GtkWidget *instance = g_object_ref_sink (g_object_new (base, NULL));

      add_shortcut_ids (instance, ids);
      if (GTK_IS_WINDOW (instance))
        gtk_window_destroy (GTK_WINDOW (instance));
      g_object_unref (instance);
    }
  g_hash_table_insert (cache, GSIZE_TO_POINTER (base), ids);
  return ids;
}

/* The shortcuts that are ours: those that run a win. or app. action, and
 * the shortcuts our own widgets (Cs…) add to what their GTK class has.
 * GTK's widgets bring their own (text editing, list navigation, focus
 * moves), which the window need not list.
 */
static void
collect_widget_shortcuts (GtkWidget  *widget,
                          gboolean    all,
                          GHashTable *accels)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean ours = all || g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Cs");
  GHashTable *inherited = ours && !all ? inherited_shortcuts (G_OBJECT_TYPE (widget)) : NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *where = NULL;
          g_autofree char *id = shortcut_id (shortcut);

          if (inherited != NULL && g_hash_table_contains (inherited, id))
            continue;
          if (GTK_IS_NAMED_ACTION (action))
            {
              const char *name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));

              if (!ours && !g_str_has_prefix (name, "win.") && !g_str_has_prefix (name, "app."))
                continue;
              where = g_strdup_printf ("%s on %s", name, G_OBJECT_TYPE_NAME (widget));
            }
          else if (ours)
            where = g_strdup_printf ("a shortcut of %s", G_OBJECT_TYPE_NAME (widget));
          else
            continue;
          add_trigger (accels, gtk_shortcut_get_trigger (shortcut), where);
        }
    }
  g_object_unref (controllers);

  /* With @all, only @widget itself: its GTK class's bindings. */
  for (GtkWidget *child = all ? NULL : gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget_shortcuts (child, all, accels);
}

/* Whether a key controller of one of our widgets under @widget handles
 * @accel (the canvas moves its keyboard focus with Up and Down that way).
 */
static gboolean
handled_by_key_controller (GtkWidget  *widget,
                           const char *accel)
{
  guint keyval;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));

  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Cs"))
    {
      GListModel *controllers = gtk_widget_observe_controllers (widget);
      gboolean handled = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
        {
          g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, mods, &handled);
        }
      g_object_unref (controllers);
      if (handled)
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (handled_by_key_controller (child, accel))
      return TRUE;

  return FALSE;
}

static void
test_shortcuts_window_complete (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (GtkBuilder) builder = NULL;
  g_autoptr (GHashTable) in_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) anywhere = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) actions = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", TEST_FILE, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GSList *objects;
  GHashTableIter iter;
  gpointer key, value;
  CsWindow *window;
  guint missing = 0;

  /* A window of the application with a document open, so every part of
   * it exists.
   */
  window = g_object_ref (cs_window_new (GTK_APPLICATION (application), settings));
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_file (window, file);
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  cs_ui_test_spin (100);
  g_assert_cmpuint (cs_window_get_n_steps (window), >, 1);

  /* Accelerators set on the application (app.quit, app.preferences,
   * win.show-help-overlay, and whatever others add).
   */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (application));
  g_assert_nonnull (actions);
  g_assert_true (g_strv_contains ((const char * const *) actions, "app.quit"));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                     actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accel_string (in_code, accels[j], actions[i]);
    }

  /* Shortcut controllers: the window class's bindings and every widget's. */
  collect_widget_shortcuts (GTK_WIDGET (window), FALSE, in_code);
  g_assert_cmpuint (g_hash_table_size (in_code), >, 15);
  /* Keys GtkWindow binds (Tab and the arrows move the focus, also into and
   * through the picture's names and objects).
   */
  collect_widget_shortcuts (GTK_WIDGET (window), TRUE, anywhere);

  /* What the Keyboard Shortcuts window lists. */
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action_name = NULL;
      g_autofree char *title = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action_name,
                    "title", &title, NULL);
      if (accelerator != NULL && *accelerator != '\0')
        {
          g_auto (GStrv) parts = g_strsplit (accelerator, " ", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            if (*parts[i] != '\0')
              add_accel_string (listed, parts[i], title);
        }
      else if (action_name != NULL)
        {
          g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                         action_name);

          for (guint i = 0; accels[i] != NULL; i++)
            add_accel_string (listed, accels[i], title);
        }
    }
  g_slist_free (objects);

  /* Every accelerator in the code is listed ... */
  g_hash_table_iter_init (&iter, in_code);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (listed, key))
      {
        g_test_message ("Not in ui/help-overlay.ui: %s (%s)", (const char *) key, (const char *) value);
        missing++;
      }
  /* ... and the window lists nothing no code handles. */
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (in_code, key) && !g_hash_table_contains (anywhere, key)
        && !handled_by_key_controller (GTK_WIDGET (window), key))
      {
        g_test_message ("Listed but set nowhere: %s (\"%s\")", (const char *) key, (const char *) value);
        missing++;
      }
  g_assert_cmpuint (missing, ==, 0);

  cs_ui_test_close_and_finalize (window);
}

/* Runs last: it switches the process to Chinese (glibc honours LANGUAGE
 * in C.UTF-8), as test-window.c does.
 */
static void
test_preferences_translated (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (GdkTexture) shot = NULL;
  CsPreferencesWindow *preferences;
  GtkWidget *style_row;
  GListModel *model;

  cs_ui_test_set_language ("zh_CN");

  preferences = g_object_ref (cs_preferences_window_new (settings));
  gtk_window_present (GTK_WINDOW (preferences));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (preferences));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preferences)), ==, "首选项");
  g_assert_nonnull (cs_ui_test_find_label (GTK_WIDGET (preferences), "播放"));
  g_assert_nonnull (cs_ui_test_find_label (GTK_WIDGET (preferences), "对象地址(R)"));
  style_row = find_named (GTK_WIDGET (preferences), "style_row");
  model = adw_combo_row_get_model (ADW_COMBO_ROW (style_row));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 3), ==, "高对比度");

  cs_ui_test_spin (100);
  shot = cs_ui_test_capture (GTK_WIDGET (preferences));
  g_free (cs_ui_test_save_artifact (shot, "preferences-zh_CN.png"));
  cs_ui_test_assert_not_blank (shot);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);

  cs_ui_test_set_language (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  GdkDisplay *display;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cs_i18n_init ();

  display = gdk_display_get_default ();
  g_assert_nonnull (display);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_BASE "/icons");
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-font-name", "Cantarell 11",
                NULL);

  /* The real application, registered but not run: its startup loads
   * style.css, sets the accelerators and follows style-variant and
   * font-scale (the memory backend is shared by every GSettings of the
   * process).  Not unique, so it never meets another instance.
   */
  application = cs_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application))
                           | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cs_application_get_settings (application));

  g_test_add_func ("/ui/preferences/bindings", test_preferences_bindings);
  g_test_add_func ("/ui/preferences/high-contrast", test_preferences_high_contrast);
  g_test_add_func ("/ui/preferences/font-scale", test_preferences_font_scale);
  g_test_add_func ("/ui/preferences/show-addresses", test_preferences_show_addresses);
  g_test_add_func ("/ui/shortcuts/complete", test_shortcuts_window_complete);
  g_test_add_func ("/ui/preferences/translated", test_preferences_translated);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
