/* cs-window.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-canvas.h"
#include "cs-window-private.h"

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
  cs_window_open_with_chooser (CS_WINDOW (widget));
}

static void
save_as_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cs_window_choose_save_file (CS_WINDOW (widget));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (self->file == NULL)
    {
      cs_window_choose_save_file (self);
      return;
    }

  if (!cs_window_save (self, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the system's reason. */
      message = g_strdup_printf (_("Could not save: %s"), error->message);
      show_toast (self, message);
    }
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cs_window_choose_export_file (CS_WINDOW (widget));
}

static void
copy_picture_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  cs_window_copy_picture (CS_WINDOW (widget));
}

static void
step_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  guint n = self->scenes ? self->scenes->len : 0;
  guint step = self->step;

  if (n == 0)
    return;

  if (g_str_equal (action_name, "win.step-first"))
    step = 0;
  else if (g_str_equal (action_name, "win.step-last"))
    step = n - 1;
  else if (g_str_equal (action_name, "win.step-previous"))
    step = step > 0 ? step - 1 : 0;
  else if (g_str_equal (action_name, "win.step-next"))
    {
      step = MIN (step + 1, n - 1);
      if (cs_window_predict_intercept (self, step))  /* predict: ask first. */
        return;
    }

  cs_window_set_step (self, step, TRUE);
}

/* Presentation mode: fullscreen, only the caption and the picture, large
 * type; the keys still step.  Esc or F5 leaves.
 */
static void
set_presenting (CsWindow *self,
                gboolean  presenting)
{
  if (self->presenting == presenting)
    return;

  self->presenting = presenting;
  gtk_widget_set_visible (self->side_paned, !presenting);
  gtk_widget_set_visible (self->output_scroller, !presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !presenting);
  if (presenting)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "cs-presenting");
      gtk_window_fullscreen (GTK_WINDOW (self));
      cs_canvas_set_max_fit (self->canvas, 2.5);
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "cs-presenting");
      gtk_window_unfullscreen (GTK_WINDOW (self));
      cs_canvas_set_max_fit (self->canvas, 1.0);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", presenting);
}

static void
presentation_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);

  if (g_str_equal (action_name, "win.leave-presentation"))
    set_presenting (self, FALSE);
  else if (self->presenting || self->trace != NULL)
    set_presenting (self, !self->presenting);
}

/**
 * cs_window_get_presenting:
 *
 * Returns: whether the window is in presentation mode
 */
gboolean
cs_window_get_presenting (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  return self->presenting;
}

static void
zoom_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    cs_canvas_zoom_in (self->canvas);
  else if (g_str_equal (action_name, "win.zoom-out"))
    cs_canvas_zoom_out (self->canvas);
  else
    cs_canvas_set_zoom (self->canvas, 1.0);
}

/* Keys that step only while the picture has the focus (elsewhere they move
 * the cursor or the list selection).
 */
static void
add_canvas_shortcuts (CsWindow *self)
{
  static const struct {
    guint       key;
    const char *action;
  } keys[] = {
    { GDK_KEY_Right, "win.step-next" },
    { GDK_KEY_space, "win.play" },
    { GDK_KEY_Page_Down, "win.step-next" },
    { GDK_KEY_Left, "win.step-previous" },
    { GDK_KEY_Page_Up, "win.step-previous" },
    { GDK_KEY_Home, "win.step-first" },
    { GDK_KEY_End, "win.step-last" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                            gtk_named_action_new (keys[i].action)));
  /* Ctrl+C on the picture copies it (in the editor it copies text). */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.copy-picture")));
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);
}

static gboolean
cs_window_close_request (GtkWindow *window)
{
  if (!cs_window_confirm_close (CS_WINDOW (window)))
    return TRUE;

  save_window_state (CS_WINDOW (window));

  return GTK_WINDOW_CLASS (cs_window_parent_class)->close_request (window);
}

static void
animation_ms_changed_cb (CsWindow   *self,
                         const char *key,
                         GSettings  *settings)
{
  cs_window_playback_update_duration (self);  /* prefs: animation-ms / speed. */
}

static void
cs_window_constructed (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  G_OBJECT_CLASS (cs_window_parent_class)->constructed (object);

  restore_window_state (self);
  cs_window_predict_init (self);
  cs_window_panels_constructed (self);  /* panels: follow show-*-panel. */
  cs_window_lessons_init (self);

  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::animation-ms",
                               G_CALLBACK (animation_ms_changed_cb), self, G_CONNECT_SWAPPED);
      animation_ms_changed_cb (self, "animation-ms", self->settings);
      cs_window_playback_settings_init (self);
    }
}

static void
cs_window_dispose (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  cs_window_playback_dispose (self);
  cs_window_document_dispose (self);
  cs_window_predict_dispose (self);
  cs_window_templates_dispose (self);  /* templates: "Add Step". */
  cs_window_panels_dispose (self);  /* panels */
  cs_window_lessons_dispose (self);
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
  gtk_widget_class_bind_template_child (widget_class, CsWindow, step_nav_box);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, step_counter_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, editor_view);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, step_list);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, step_source_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, output_view);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, output_scroller);
  cs_window_playback_class_init (widget_class);
  cs_window_templates_class_init (widget_class);  /* templates: "Add Step". */
  cs_window_panels_class_init (widget_class);  /* panels: strides and autograd tabs. */
  cs_window_lessons_class_init (widget_class);

  /* Actions with their keys beside them. */
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.copy-picture", NULL, copy_picture_action_cb);

  gtk_widget_class_install_action (widget_class, "win.step-first", NULL, step_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "win.step-first", NULL);
  gtk_widget_class_install_action (widget_class, "win.step-previous", NULL, step_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, GDK_CONTROL_MASK, "win.step-previous", NULL);
  gtk_widget_class_install_action (widget_class, "win.step-next", NULL, step_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, GDK_CONTROL_MASK, "win.step-next", NULL);
  gtk_widget_class_install_action (widget_class, "win.step-last", NULL, step_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, "win.step-last", NULL);

  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, presentation_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-presentation", NULL);

  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
}

/* Below this width the header bar drops what has another way in (first
 * and last step: Home/End and the step list; the speed: it stays as set;
 * the predict toggle: Ctrl+Shift+P and the lesson browser's switch), so
 * a window with a document can be about 150 px narrower.
 */
#define COMPACT_HEADER_WIDTH 900

static gboolean
is_optional_in_header (GtkWidget *widget,
                       CsWindow  *self)
{
  const char *action;

  if (widget == GTK_WIDGET (self->speed_button))
    return TRUE;
  if (!GTK_IS_ACTIONABLE (widget))
    return FALSE;
  action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));
  return g_strcmp0 (action, "win.step-first") == 0
         || g_strcmp0 (action, "win.step-last") == 0
         || g_strcmp0 (action, "win.predict-mode") == 0;
}

static void
set_optional_visible (GtkWidget *root,
                      CsWindow  *self,
                      gboolean   visible)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (is_optional_in_header (child, self))
        gtk_widget_set_visible (child, visible);
      else
        set_optional_visible (child, self, visible);
    }
}

static void
update_compact_header (CsWindow *self)
{
  int width = 0, height = 0;
  gboolean compact;

  /* GTK 4.8 needs both pointers. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  compact = width > 0 && width < COMPACT_HEADER_WIDTH
            && !gtk_window_is_maximized (GTK_WINDOW (self))
            && !gtk_window_is_fullscreen (GTK_WINDOW (self));
  set_optional_visible (GTK_WIDGET (self->header_bar), self, !compact);
}

static void
size_notify_cb (CsWindow   *self,
                GParamSpec *pspec,
                gpointer    user_data)
{
  update_compact_header (self);
}

/**
 * cs_window_get_compact_header:
 *
 * Returns: whether the window is narrow enough that the header bar shows
 *   only the buttons a narrow window needs
 */
gboolean
cs_window_get_compact_header (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  return !gtk_widget_get_visible (GTK_WIDGET (self->speed_button));
}

static void
cs_window_init (CsWindow *self)
{
  g_type_ensure (CS_TYPE_CANVAS);
  g_type_ensure (CS_TYPE_STEP_LIST);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_init_template (GTK_WIDGET (self));

  add_canvas_shortcuts (self);
  cs_window_document_init (self);
  cs_window_playback_init (self);
  cs_window_templates_init (self);  /* templates: "Add Step". */
  cs_window_panels_init (self);  /* panels: strides and autograd tabs. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", FALSE);

  g_signal_connect (self, "notify::default-width", G_CALLBACK (size_notify_cb), NULL);
  g_signal_connect (self, "notify::maximized", G_CALLBACK (size_notify_cb), NULL);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (size_notify_cb), NULL);
  update_compact_header (self);
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
 * cs_window_get_step:
 *
 * Returns: the step shown (0-based)
 */
guint
cs_window_get_step (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), 0);

  return self->step;
}

/**
 * cs_window_get_n_steps:
 *
 * Returns: the number of steps of the last run, 0 without a document
 */
guint
cs_window_get_n_steps (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), 0);

  return self->scenes ? self->scenes->len : 0;
}

/**
 * cs_window_get_file:
 *
 * Returns: (transfer none) (nullable): the document's file
 */
GFile *
cs_window_get_file (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->file;
}

/**
 * cs_window_get_modified:
 *
 * Returns: whether the editor has changes that are not saved
 */
gboolean
cs_window_get_modified (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  return self->modified;
}
