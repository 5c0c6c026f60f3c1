/* cs-ui-test.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>
#include <string.h>

#include "cs-ui-test.h"
#include "cs-window-private.h"

static gboolean
timeout_reached_cb (gpointer user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
void
cs_ui_test_spin (guint ms)
{
  gboolean reached = FALSE;

  g_timeout_add (ms, timeout_reached_cb, &reached);
  while (!reached)
    g_main_context_iteration (NULL, TRUE);
}

/* Spins until @widget is mapped and has drawn a frame, or fails the test
 * after ten seconds.
 */
void
cs_ui_test_wait_until_drawn (GtkWidget *widget)
{
  gboolean reached = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (10, timeout_reached_cb, &reached);
  while (!gtk_widget_get_mapped (widget) && !reached)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (timeout_id);

  gtk_test_widget_wait_for_draw (widget);
}

/* Spins until @done returns TRUE or @timeout_ms passed.
 * Returns: what @done returned last.
 */
gboolean
cs_ui_test_wait_for (gboolean (*done) (gpointer),
                     gpointer   data,
                     guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return done (data);
      cs_ui_test_spin (10);
    }
  return TRUE;
}

GtkWidget *
cs_ui_test_find_widget (GtkWidget     *root,
                        gboolean     (*match) (GtkWidget *, gconstpointer),
                        gconstpointer  data)
{
  if (root == NULL)
    return NULL;
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cs_ui_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* The first widget of @type under @root (depth first, @root included). */
GtkWidget *
cs_ui_test_find_of_type (GtkWidget *root,
                         GType      type)
{
  return cs_ui_test_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

GtkWidget *
cs_ui_test_find_with_class (GtkWidget  *root,
                            const char *css_class)
{
  return cs_ui_test_find_widget (root, has_class, css_class);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* The first label whose text is exactly @text. */
GtkWidget *
cs_ui_test_find_label (GtkWidget  *root,
                       const char *text)
{
  return cs_ui_test_find_widget (root, is_label_with_text, text);
}

/* A visible toplevel of @type (e.g. ADW_TYPE_MESSAGE_DIALOG), or NULL. */
GtkWidget *
cs_ui_test_find_visible_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }

  return NULL;
}

/* Answers the visible AdwMessageDialog with @response; fails when there
 * is none.
 */
void
cs_ui_test_answer_dialog (const char *response)
{
  GtkWidget *dialog = NULL;

  for (guint i = 0; i < 200 && dialog == NULL; i++)
    {
      dialog = cs_ui_test_find_visible_dialog (ADW_TYPE_MESSAGE_DIALOG);
      if (dialog == NULL)
        cs_ui_test_spin (10);
    }
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  cs_ui_test_spin (50);
}

/* Renders @widget as it is on screen now. */
GdkTexture *
cs_ui_test_capture (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture *texture;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  return texture;
}

/* Saves @texture as $CS_TEST_ARTIFACTS_DIR/@name.
 * Returns: (transfer full): the path
 */
char *
cs_ui_test_save_artifact (GdkTexture *texture,
                          const char *name)
{
  const char *dir = g_getenv ("CS_TEST_ARTIFACTS_DIR");
  char *path;

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
  return path;
}

/* A blank or single-colour picture has almost no luminance variance and
 * few colours; a window with a header bar, an icon and text has plenty.
 */
void
cs_ui_test_assert_not_blank (GdkTexture *texture)
{
  g_autofree guchar *data = NULL;
  g_autoptr (GHashTable) colours = NULL;
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  double sum = 0, sum_sq = 0, n = (double) width * height, variance;

  data = g_malloc (stride * height);
  gdk_texture_download (texture, data, stride);
  colours = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 pixel = row[x];
          double luma = 0.2126 * ((pixel >> 16) & 0xff)
                        + 0.7152 * ((pixel >> 8) & 0xff)
                        + 0.0722 * (pixel & 0xff);

          sum += luma;
          sum_sq += luma * luma;
          if (g_hash_table_size (colours) < 4096)
            g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
        }
    }

  variance = sum_sq / n - (sum / n) * (sum / n);
  g_test_message ("%dx%d, luminance variance %.1f, %u colours",
                  width, height, variance, g_hash_table_size (colours));
  g_assert_cmpfloat (variance, >, 25.0);
  g_assert_cmpuint (g_hash_table_size (colours), >, 64);
}

/* How many pixels differ between two captures, over the area they share. */
guint
cs_ui_test_count_different_pixels (GdkTexture *a,
                                   GdkTexture *b)
{
  int wa = gdk_texture_get_width (a), ha = gdk_texture_get_height (a);
  int wb = gdk_texture_get_width (b), hb = gdk_texture_get_height (b);
  gsize sa = (gsize) wa * 4, sb = (gsize) wb * 4;
  g_autofree guchar *da = g_malloc (sa * ha);
  g_autofree guchar *db = g_malloc (sb * hb);
  guint n = 0;

  gdk_texture_download (a, da, sa);
  gdk_texture_download (b, db, sb);
  for (int y = 0; y < MIN (ha, hb); y++)
    for (int x = 0; x < MIN (wa, wb); x++)
      if (memcmp (da + y * sa + x * 4, db + y * sb + x * 4, 4) != 0)
        n++;
  return n;
}

/* GTK 4 has no public way to inject key events; a shortcut controller on
 * @widget is what a key press reaches, so this activates its shortcut the
 * way GTK does: finds the trigger for @keyval with exactly @modifiers and
 * runs its action with the shortcut's arguments.  Fails when @widget has
 * no such shortcut.
 */
void
cs_ui_test_send_key_with (GtkWidget       *widget,
                          guint            keyval,
                          GdkModifierType  modifiers)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
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

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              done = TRUE;
            }
        }
    }
  g_object_unref (controllers);
  g_assert_true (done);
}

/* cs_ui_test_send_key_with() for a key without modifiers. */
void
cs_ui_test_send_key (GtkWidget *widget,
                     guint      keyval)
{
  cs_ui_test_send_key_with (widget, keyval, 0);
}

/* The first event controller of @type on @widget (borrowed); fails the
 * test when there is none.
 */
GtkEventController *
cs_ui_test_find_controller (GtkWidget *widget,
                            GType      type)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  GtkEventController *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && found == NULL; i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        found = controller;
    }
  g_object_unref (controllers);
  g_assert_nonnull (found);
  return found;
}

static gboolean
is_output_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget) && !GTK_SOURCE_IS_VIEW (widget);
}

/* The text of the window's output pane. */
char *
cs_ui_test_get_output_text (CsWindow *window)
{
  GtkWidget *view = cs_ui_test_find_widget (GTK_WIDGET (window), is_output_view, NULL);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The whole text of the window's editor (hidden characters included).
 * Returns: (transfer full): the text
 */
char *
cs_ui_test_get_editor_text (CsWindow *window)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->editor_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* A new empty window of @width × @height, drawn.
 * Returns: (transfer full): the window; close it with
 *   cs_ui_test_close_and_finalize()
 */
CsWindow *
cs_ui_test_new_window (GSettings *settings,
                       int        width,
                       int        height)
{
  CsWindow *window = g_object_ref (cs_window_new (NULL, settings));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  return window;
}

/* A new window (1100×760) showing the file at @path, drawn.
 * Returns: (transfer full): the window; close it with
 *   cs_ui_test_close_and_finalize()
 */
CsWindow *
cs_ui_test_open_path (const char *path,
                      GSettings  *settings)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  CsWindow *window = g_object_ref (cs_window_new (NULL, settings));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  cs_window_open_file (window, file);
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  cs_ui_test_spin (100);
  return window;
}

/* cs_ui_test_open_path() for tests/ui/data/@name. */
CsWindow *
cs_ui_test_open_data_file (const char *name,
                           GSettings  *settings)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return cs_ui_test_open_path (path, settings);
}

/* Types @text at the end of the window's editor. */
void
cs_ui_test_append_text (CsWindow   *window,
                        const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->editor_view));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, text, -1);
}

void
cs_ui_test_close_and_finalize (CsWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* What CsApplication gets from its resource base by itself (the icons and
 * style.css), and the settings of a GNOME session without animations:
 * GNOME's interface font (fontconfig falls back to DejaVu Sans, and to
 * Noto CJK for Chinese).  Call after gtk_test_init() and adw_init().
 */
void
cs_ui_test_use_app_style (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_nonnull (display);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_BASE "/icons");
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  /* The display keeps its own reference to the provider. */
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-font-name", "Cantarell 11",
                NULL);
}

/* Switches the process's translations to @language (e.g. "zh_CN"), or
 * back to the environment's with NULL.  glibc ignores LANGUAGE in the "C"
 * locale but honours it in C.UTF-8, which every Debian system has; it
 * caches found translations by locale name, which stays C.UTF-8, and
 * textdomain() drops that cache.
 */
void
cs_ui_test_set_language (const char *language)
{
  if (language != NULL)
    {
      g_setenv ("LANGUAGE", language, TRUE);
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
    }
  else
    g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);
}

/* Makes the recent-files list and the recovery files of this process
 * live in @dir (XDG_DATA_HOME and XDG_STATE_HOME below it).  Call before
 * gtk_test_init(): GLib reads them once.
 */
void
cs_ui_test_keep_user_files_in (const char *dir)
{
  g_autofree char *data = g_build_filename (dir, "xdg-data", NULL);
  g_autofree char *state = g_build_filename (dir, "xdg-state", NULL);

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
}

/* How many entries the folder @path holds (0 when it cannot be read). */
guint
cs_ui_test_count_files (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Test data only: a few levels of folders at most. */
static void
remove_tree (const char *path,
             guint       depth)
{
  g_autoptr (GDir) dir = depth < 8 ? g_dir_open (path, 0, NULL) : NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child, depth + 1);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Removes the temporary folder @path of a test with what it holds (eight
 * levels of folders at most; links are removed, never followed).
 */
void
cs_ui_test_remove_tree (const char *path)
{
  remove_tree (path, 0);
}
