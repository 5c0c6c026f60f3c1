/* test-window.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real CsWindow, built without a GApplication, under an X server
 * (Xvfb in CI): it maps, draws something that is not blank, wires its
 * actions, remembers its size and runs translated.  Each capture is kept as
 * a PNG under $CS_TEST_ARTIFACTS_DIR; tools/update-screenshots.sh copies
 * window.png to docs/screenshots/.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cs-about.h"
#include "cs-application.h"
#include "cs-i18n.h"
#include "cs-preferences-window.h"
#include "cs-theme.h"
#include "cs-ui-test.h"
#include "cs-window.h"

/* The size of the README screenshot. */
#define SHOT_WIDTH  960
#define SHOT_HEIGHT 640

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_primary_menu_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static gboolean
is_button_for_action (GtkWidget     *widget,
                      gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static GSettings *
new_settings (int width,
              int height)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  return settings;
}

static void
test_window_shell (void)
{
  g_autoptr (GSettings) settings = new_settings (SHOT_WIDTH, SHOT_HEIGHT);
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  CsWindow *window;
  GtkWidget *status_page, *title;
  GMenuModel *menu;
  const char *expected_actions[] = { "app.preferences", "win.show-help-overlay", "app.about" };

  window = g_object_ref (cs_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Copyscope");
  title = cs_ui_test_find_of_type (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "Copyscope");
  /* The default size includes the client-side decorations' margins. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, SHOT_WIDTH - 40);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, SHOT_WIDTH);

  status_page = cs_ui_test_find_of_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_true (gtk_widget_get_mapped (status_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, "Open a Scenario");

  /* Open (twice: header bar and empty state), Save and Export. */
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), is_button_for_action, "win.open"));
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), is_button_for_action, "win.save"));
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), is_button_for_action, "win.export"));
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), is_label_with_text, "Open"));

  /* The primary menu: Preferences, Keyboard Shortcuts, About. */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (cs_ui_test_find_widget (GTK_WIDGET (window),
                                                                                is_primary_menu_button,
                                                                                NULL)));
  g_assert_nonnull (menu);
  menu = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, G_N_ELEMENTS (expected_actions));
  for (guint i = 0; i < G_N_ELEMENTS (expected_actions); i++)
    {
      g_autofree char *action = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_cmpstr (action, ==, expected_actions[i]);
    }
  g_object_unref (menu);

  texture = cs_ui_test_capture (GTK_WIDGET (window));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  path = cs_ui_test_save_artifact (texture, "window.png");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  cs_ui_test_assert_not_blank (texture);

  cs_ui_test_close_and_finalize (window);
}

static void
test_window_actions (void)
{
  struct {
    const char *action;
    const char *toast;
  } cases[] = {
    { "win.export", "Open a scenario to export its pictures" },
  };

  /* A window per action: toasts queue, so a second one waits its turn. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CsWindow *window = g_object_ref (cs_window_new (NULL, NULL));

      gtk_window_present (GTK_WINDOW (window));
      cs_ui_test_wait_until_drawn (GTK_WIDGET (window));

      g_test_message ("%s", cases[i].action);
      g_assert_null (cs_ui_test_find_widget (GTK_WIDGET (window), is_label_with_text, cases[i].toast));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), cases[i].action, NULL));
      cs_ui_test_spin (100);
      g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), is_label_with_text, cases[i].toast));

      g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.no-such-action", NULL));
      /* Without a document there is nothing to save or step through. */
      g_assert_false (gtk_widget_get_sensitive (cs_ui_test_find_widget (GTK_WIDGET (window), is_button_for_action, "win.save")));
      g_assert_false (gtk_widget_get_sensitive (cs_ui_test_find_widget (GTK_WIDGET (window), is_button_for_action, "win.step-next")));
      g_assert_true (gtk_widget_get_sensitive (cs_ui_test_find_widget (GTK_WIDGET (window), is_button_for_action, "win.open")));
      cs_ui_test_close_and_finalize (window);
    }
}

static void
test_window_size_remembered (void)
{
  g_autoptr (GSettings) settings = new_settings (900, 600);
  CsWindow *window;
  int width, height;

  window = g_object_ref (cs_window_new (NULL, settings));
  g_assert_true (cs_window_get_settings (window) == settings);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);

  /* The user resizes the window; closing saves the size for the next
   * start.  (Only a realized window gets a close request.)
   */
  gtk_window_present (GTK_WINDOW (window));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  for (guint i = 0; i < 100 && gtk_widget_get_width (GTK_WIDGET (window)) < 1000; i++)
    cs_ui_test_spin (20);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1024);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_finalize_object (window);

  window = g_object_ref (cs_window_new (NULL, settings));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1024);
  g_assert_cmpint (height, ==, 700);
  cs_ui_test_close_and_finalize (window);
}

static void
test_preferences_style (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  CsPreferencesWindow *preferences;
  GtkWidget *row;

  g_settings_set_string (settings, "style-variant", "dark");
  preferences = g_object_ref (cs_preferences_window_new (settings));
  row = cs_ui_test_find_of_type (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW);
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpstr (g_settings_get_string (settings, "style-variant"), ==, "light");
  g_settings_set_string (settings, "style-variant", "follow");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);

  g_assert_cmpint (cs_application_color_scheme_for_variant ("follow"), ==, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpint (cs_application_color_scheme_for_variant ("light"), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (cs_application_color_scheme_for_variant ("dark"), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpint (cs_application_color_scheme_for_variant (NULL), ==, ADW_COLOR_SCHEME_DEFAULT);
}

/* The canvas palette follows the style the window shows. */
static void
test_theme_follows_style_manager (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_autoptr (GSettings) settings = new_settings (SHOT_WIDTH, SHOT_HEIGHT);
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  CsWindow *window;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  g_assert_cmpint (cs_theme_for_style_manager (NULL), ==, CS_THEME_DARK);
  g_assert_true (cs_theme_palette_for_manager (manager) == cs_palette_get (CS_THEME_DARK));

  /* The window in the dark style, kept as an artifact. */
  window = g_object_ref (cs_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  texture = cs_ui_test_capture (GTK_WIDGET (window));
  path = cs_ui_test_save_artifact (texture, "window-dark.png");
  cs_ui_test_assert_not_blank (texture);
  cs_ui_test_close_and_finalize (window);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (manager));
  g_assert_cmpint (cs_theme_for_style_manager (manager), ==, CS_THEME_LIGHT);
  g_assert_true (cs_theme_palette_for_manager (NULL) == cs_palette_get (CS_THEME_LIGHT));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_about (void)
{
  GtkWidget *about = g_object_ref (cs_about_window_new (NULL));

  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Copyscope");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, CS_WEBSITE);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);

  gtk_window_destroy (GTK_WINDOW (about));
  g_assert_finalize_object (about);
}

static void
test_help_overlay (void)
{
  g_autoptr (GtkBuilder) builder = NULL;
  GObject *overlay;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Runs last: it switches the process to Chinese. */
static void
test_window_translated (void)
{
  g_autoptr (GSettings) settings = new_settings (SHOT_WIDTH, SHOT_HEIGHT);
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkWidget *status_page;
  CsWindow *window;

  cs_ui_test_set_language ("zh_CN");
  g_assert_cmpstr (_("Open a scenario to export its pictures"), ==, "打开一个场景后才能导出图片");

  window = g_object_ref (cs_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));

  status_page = cs_ui_test_find_of_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, "打开一个场景");
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), is_label_with_text, "打开(O)"));
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), is_label_with_text, "打开场景(O)…"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Copyscope");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  cs_ui_test_spin (50);
  g_assert_nonnull (cs_ui_test_find_widget (GTK_WIDGET (window), is_label_with_text, "打开一个场景后才能导出图片"));

  texture = cs_ui_test_capture (GTK_WIDGET (window));
  path = cs_ui_test_save_artifact (texture, "window-zh_CN.png");
  cs_ui_test_assert_not_blank (texture);

  cs_ui_test_close_and_finalize (window);

  /* Back to English for the tests after this one. */
  cs_ui_test_set_language (NULL);
  g_assert_cmpstr (_("Open a scenario to export its pictures"), ==, "Open a scenario to export its pictures");
}

/* A narrow window with a document drops the header's optional buttons
 * (first/last step, speed, predict) and can shrink to under 600 px; a
 * wide one shows them all.
 */
static void
test_window_compact_header (void)
{
  CsWindow *window = cs_ui_test_new_window (NULL, 800, 600);
  int min = 0;

  cs_window_open_lesson (window, "03-shallow-copy");
  cs_ui_test_spin (100);
  g_assert_true (cs_window_get_compact_header (window));
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("narrow: minimum width %d", min);
  g_assert_cmpint (min, <, 600);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  cs_ui_test_spin (100);
  g_assert_false (cs_window_get_compact_header (window));
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("wide: minimum width %d", min);
  g_assert_cmpint (min, >, 600);

  cs_ui_test_close_and_finalize (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* gtk_test_init leaves the "C" locale; use C.UTF-8 as the environment
   * says (LC_ALL in tests/meson.build) and bind the build's catalogues.
   */
  cs_i18n_init ();

  cs_ui_test_use_app_style ();

  g_test_add_func ("/ui/window/shell", test_window_shell);
  g_test_add_func ("/ui/window/compact-header", test_window_compact_header);
  g_test_add_func ("/ui/window/actions", test_window_actions);
  g_test_add_func ("/ui/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/ui/preferences/style", test_preferences_style);
  g_test_add_func ("/ui/theme/follows-style-manager", test_theme_follows_style_manager);
  g_test_add_func ("/ui/about", test_about);
  g_test_add_func ("/ui/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/window/translated", test_window_translated);

  return g_test_run ();
}
