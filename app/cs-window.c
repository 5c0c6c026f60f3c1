/* cs-window.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-window.h"

struct _CsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned; NULL when the window runs without settings (some tests). */
  GSettings            *settings;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  AdwStatusPage        *status_page;
  GtkButton            *open_button;
  GtkButton            *save_button;
  GtkButton            *export_button;
  GtkMenuButton        *menu_button;
};

G_DEFINE_FINAL_TYPE (CsWindow, cs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keep in step with the ranges in the schema. */
#define MIN_SAVED_WIDTH  360
#define MIN_SAVED_HEIGHT 294

static void
show_toast (CsWindow   *self,
            const char *title)
{
  g_assert (CS_IS_WINDOW (self));

  cs_window_add_toast (self, adw_toast_new (title));
}

static void
restore_window_state (CsWindow *self)
{
  int width, height;

  g_assert (CS_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (CsWindow *self)
{
  int width, height;

  g_assert (CS_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  /* GTK 4 keeps the default size at the last unmaximized size, which is
   * what the next start should use.
   */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width >= MIN_SAVED_WIDTH)
    g_settings_set_int (self->settings, "window-width", width);
  if (height >= MIN_SAVED_HEIGHT)
    g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_toast (CS_WINDOW (widget), _("Opening scenarios is not available yet"));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_toast (CS_WINDOW (widget), _("Saving is not available yet"));
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_toast (CS_WINDOW (widget), _("Exporting is not available yet"));
}

static gboolean
cs_window_close_request (GtkWindow *window)
{
  save_window_state (CS_WINDOW (window));

  return GTK_WINDOW_CLASS (cs_window_parent_class)->close_request (window);
}

static void
cs_window_constructed (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  G_OBJECT_CLASS (cs_window_parent_class)->constructed (object);

  restore_window_state (self);
}

static void
cs_window_dispose (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cs_window_parent_class)->dispose (object);
}

static void
cs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsWindow *self = CS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CsWindow *self = CS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_window_class_init (CsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cs_window_constructed;
  object_class->dispose = cs_window_dispose;
  object_class->get_property = cs_window_get_property;
  object_class->set_property = cs_window_set_property;

  window_class->close_request = cs_window_close_request;

  /**
   * CsWindow:settings:
   *
   * The application's settings, where the window keeps its size.  The
   * window reads no settings of its own, so tests can pass memory-backed
   * ones or none.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, menu_button);

  /* Actions with their keys beside them.  Later issues fill these in. */
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
}

static void
cs_window_init (CsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cs_window_new:
 * @application: (nullable): the application
 * @settings: (nullable): where to keep the window size
 *
 * Returns: (transfer none): a new window, owned by GTK's list of toplevels
 */
CsWindow *
cs_window_new (GtkApplication *application,
               GSettings      *settings)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (CS_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}

/**
 * cs_window_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings the window was made with
 */
GSettings *
cs_window_get_settings (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->settings;
}

/**
 * cs_window_add_toast:
 * @toast: (transfer full): the toast to show
 */
void
cs_window_add_toast (CsWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * cs_window_open_file:
 * @file: a scenario file
 *
 * Opens @file in this window.  Loading scenarios comes with the editor; until
 * then the window says so in a toast.
 */
void
cs_window_open_file (CsWindow *self,
                     GFile    *file)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  show_toast (self, _("Opening scenarios is not available yet"));
}
