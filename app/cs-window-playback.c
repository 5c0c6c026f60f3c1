/* cs-window-playback.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Playback: win.play (a boolean state: playing or paused) advances through
 * win.step-next every play-interval-ms divided by the speed, so whatever
 * intercepts step-next (predict mode) sees auto-advance like a key press.
 * win.play-speed (0.5×, 1×, 1.5×, 2×) scales that wait and the length of
 * the animation between steps.
 *
 * Playing stops at the last step; playing from the last step starts over
 * at the first.  Stepping by hand while playing keeps playing from the new
 * step (with a full wait before the next one), and so does a re-run after
 * an edit; opening another document stops.
 *
 * The window's other live settings are here too: the picture's font scale
 * and show-addresses lay every step out again, and the style (high contrast is not a change
 * of AdwStyleManager:dark) repaints the canvas.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cs-window-private.h"

/* The schema's defaults, for windows without settings (tests). */
#define DEFAULT_PLAY_INTERVAL_MS 2500
#define DEFAULT_ANIMATION_MS     600

/* While a question of predict mode is open, look again this often. */
#define PREDICT_POLL_MS 200

static const double play_speeds[] = { 0.5, 1.0, 1.5, 2.0 };

static gboolean
is_play_speed (double speed)
{
  for (guint i = 0; i < G_N_ELEMENTS (play_speeds); i++)
    if (fabs (speed - play_speeds[i]) < 1e-9)
      return TRUE;
  return FALSE;
}

static gboolean
question_open (CsWindow *self)
{
  /* Predict mode holds the step back while it asks; wait for the answer. */
  return cs_window_predict_is_asking (self);
}

static gboolean play_tick_cb (gpointer user_data);

static void
arm (CsWindow *self,
     guint     ms)
{
  g_clear_handle_id (&self->play_id, g_source_remove);
  self->play_id = g_timeout_add (ms, play_tick_cb, self);
}

static void
update_play_button (CsWindow *self)
{
  if (self->play_button == NULL)
    return;

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            self->playing ? "media-playback-pause-symbolic"
                                          : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               self->playing ? C_ ("tooltip", "Pause (Space)")
                                             : C_ ("tooltip", "Play (Space)"));
}

static void
update_speed_button (CsWindow *self)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *label = NULL;

  if (self->speed_button == NULL)
    return;

  /* The menu's labels are "0.5×" … "2×" whatever the language. */
  g_ascii_formatd (number, sizeof number, "%g", self->play_speed);
  label = g_strdup_printf ("%s×", number);
  gtk_menu_button_set_label (self->speed_button, label);
}

static void
set_playing (CsWindow *self,
             gboolean  playing)
{
  guint n = cs_window_get_n_steps (self);

  g_assert (CS_IS_WINDOW (self));

  if (playing && n < 2)
    playing = FALSE;

  if (playing && !self->playing && self->step + 1 >= n)
    cs_window_set_step (self, 0, FALSE);

  self->playing = playing;
  self->play_last_step = self->step;
  self->play_last_trace = self->trace;
  if (playing)
    arm (self, cs_window_get_play_interval (self));
  else
    g_clear_handle_id (&self->play_id, g_source_remove);

  g_simple_action_set_state (self->play_action, g_variant_new_boolean (playing));
  update_play_button (self);
}

static gboolean
play_tick_cb (gpointer user_data)
{
  CsWindow *self = user_data;

  self->play_id = 0;
  if (!self->playing)
    return G_SOURCE_REMOVE;

  if (question_open (self))
    {
      arm (self, PREDICT_POLL_MS);
      return G_SOURCE_REMOVE;
    }

  if (self->step + 1 >= cs_window_get_n_steps (self))
    {
      set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  /* Moving on calls cs_window_playback_update(), which waits a full
   * interval again (or stops at the last step).  When nothing moved (a
   * question holds the step back), look again soon.
   */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.step-next", NULL);
  if (self->playing && self->play_id == 0)
    arm (self, PREDICT_POLL_MS);

  return G_SOURCE_REMOVE;
}

static void
play_change_state_cb (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  set_playing (CS_WINDOW (user_data), g_variant_get_boolean (value));
}

static void
play_speed_change_state_cb (GSimpleAction *action,
                            GVariant      *value,
                            gpointer       user_data)
{
  CsWindow *self = CS_WINDOW (user_data);
  double speed = g_variant_get_double (value);

  if (!is_play_speed (speed) || speed == self->play_speed)
    return;

  self->play_speed = speed;
  g_simple_action_set_state (action, value);
  update_speed_button (self);
  cs_window_playback_update_duration (self);
  if (self->playing)
    arm (self, cs_window_get_play_interval (self));
}

static void
play_interval_changed_cb (CsWindow   *self,
                          const char *key,
                          GSettings  *settings)
{
  if (self->playing)
    arm (self, cs_window_get_play_interval (self));
}

/* font-scale and show-addresses: both change how steps are laid out. */
static void
layout_setting_changed_cb (CsWindow   *self,
                           const char *key,
                           GSettings  *settings)
{
  cs_window_relayout (self);
}

static void
style_variant_changed_cb (CsWindow   *self,
                          const char *key,
                          GSettings  *settings)
{
  /* The application applies the style; between light and high contrast
   * AdwStyleManager:dark stays the same, so the canvas would not notice.
   * Repaint once the application's handler ran (both run before the next
   * frame).
   */
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  if (self->strides_canvas != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->strides_canvas));
  if (self->autograd_canvas != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->autograd_canvas));
}

/**
 * cs_window_playback_class_init:
 *
 * The playback controls of the window's template (ui/cs-window.ui).
 */
void
cs_window_playback_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, CsWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, speed_button);
}

/**
 * cs_window_playback_init:
 *
 * Adds win.play and win.play-speed (stateful, so the toggle button and the
 * speed menu show their state).  Call after the template is built.
 */
void
cs_window_playback_init (CsWindow *self)
{
  self->play_speed = 1.0;

  self->play_action = g_simple_action_new_stateful ("play", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect_object (self->play_action, "change-state",
                           G_CALLBACK (play_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->play_action));

  self->play_speed_action = g_simple_action_new_stateful ("play-speed", G_VARIANT_TYPE_DOUBLE,
                                                          g_variant_new_double (1.0));
  g_signal_connect_object (self->play_speed_action, "change-state",
                           G_CALLBACK (play_speed_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->play_speed_action));

  g_simple_action_set_enabled (self->play_action, FALSE);
  update_play_button (self);
  update_speed_button (self);
  cs_window_playback_update_duration (self);
}

/**
 * cs_window_playback_settings_init:
 *
 * Follows the settings the window applies by itself (CsWindow:settings is
 * not %NULL): play-interval-ms, font-scale, show-addresses and
 * style-variant.
 */
void
cs_window_playback_settings_init (CsWindow *self)
{
  g_return_if_fail (self->settings != NULL);

  g_signal_connect_object (self->settings, "changed::play-interval-ms",
                           G_CALLBACK (play_interval_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::font-scale",
                           G_CALLBACK (layout_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::show-addresses",
                           G_CALLBACK (layout_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (style_variant_changed_cb), self, G_CONNECT_SWAPPED);
  cs_window_playback_update_duration (self);
}

void
cs_window_playback_dispose (CsWindow *self)
{
  g_clear_handle_id (&self->play_id, g_source_remove);
  self->playing = FALSE;
  g_clear_object (&self->play_action);
  g_clear_object (&self->play_speed_action);
}

/**
 * cs_window_playback_update:
 *
 * Called whenever the step, the trace or the actions may have changed
 * (from cs_window_update_actions()): enables play, and while playing waits
 * a full interval from a new step, or stops at the last one.
 */
void
cs_window_playback_update (CsWindow *self)
{
  guint n = cs_window_get_n_steps (self);

  if (self->play_action == NULL)
    return;

  g_simple_action_set_enabled (self->play_action, n > 1);

  if (!self->playing)
    return;

  if (n < 2 || self->step + 1 >= n)
    {
      set_playing (self, FALSE);
      return;
    }

  if (self->step != self->play_last_step || self->trace != self->play_last_trace)
    {
      self->play_last_step = self->step;
      self->play_last_trace = self->trace;
      arm (self, cs_window_get_play_interval (self));
    }
}

/**
 * cs_window_playback_stop:
 *
 * Pauses (another document is opening).
 */
void
cs_window_playback_stop (CsWindow *self)
{
  if (self->play_action != NULL && self->playing)
    set_playing (self, FALSE);
}

/**
 * cs_window_playback_update_duration:
 *
 * Sets the canvas's transition length: animation-ms divided by the speed.
 */
void
cs_window_playback_update_duration (CsWindow *self)
{
  int base = self->settings != NULL ? g_settings_get_int (self->settings, "animation-ms")
                                    : DEFAULT_ANIMATION_MS;
  double speed = self->play_speed > 0 ? self->play_speed : 1.0;

  self->transition_ms = (guint) lround (MAX (0, base) / speed);
  cs_canvas_set_duration (self->canvas, self->transition_ms);
}

/**
 * cs_window_get_playing:
 *
 * Returns: whether the window advances through the steps by itself
 */
gboolean
cs_window_get_playing (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  return self->playing;
}

/**
 * cs_window_set_playing:
 * @playing: play (from the first step when the last one is shown) or pause
 *
 * Like activating win.play.  Playing needs at least two steps.
 */
void
cs_window_set_playing (CsWindow *self,
                       gboolean  playing)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (self->play_action != NULL);  /* Not after dispose. */

  if (playing != self->playing)
    g_action_change_state (G_ACTION (self->play_action), g_variant_new_boolean (playing));
}

/**
 * cs_window_get_play_speed:
 *
 * Returns: the state of win.play-speed: 0.5, 1, 1.5 or 2
 */
double
cs_window_get_play_speed (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), 1.0);

  return self->play_speed;
}

/**
 * cs_window_get_play_interval:
 *
 * Returns: how long each step stays while playing, in milliseconds:
 *   play-interval-ms divided by the speed
 */
guint
cs_window_get_play_interval (CsWindow *self)
{
  int base;

  g_return_val_if_fail (CS_IS_WINDOW (self), DEFAULT_PLAY_INTERVAL_MS);

  base = self->settings != NULL ? g_settings_get_int (self->settings, "play-interval-ms")
                                : DEFAULT_PLAY_INTERVAL_MS;
  return (guint) MAX (1, lround (MAX (1, base) / self->play_speed));
}

/**
 * cs_window_get_transition_ms:
 *
 * Returns: the length of the animation between steps now, in milliseconds:
 *   animation-ms divided by the speed
 */
guint
cs_window_get_transition_ms (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), 0);

  return self->transition_ms;
}
