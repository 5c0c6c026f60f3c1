/* test-playback.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Play / pause / speed in the real window under an X server: playing
 * advances by itself at the interval (the schema's minimum, 500 ms), stops
 * at the last step and starts over from there, pausing stops, 2× halves
 * the wait and the animation, Space on the picture toggles, stepping by
 * hand keeps playing, opening a document stops, presentation mode plays.
 *
 * Timers never fire early, so the lower bounds are exact; the upper bounds
 * leave room for a busy machine.
 */

#include "config.h"

#include "cs-canvas.h"
#include "cs-i18n.h"
#include "cs-predict-card.h"
#include "cs-ui-test.h"
#include "cs-window-private.h"

#define TEST_FILE   "03_article_copy_copy.py"
#define INTERVAL_MS 500
#define SLACK_MS    2500

static GSettings *
new_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "font-scale");
  g_settings_set_int (settings, "play-interval-ms", INTERVAL_MS);
  g_settings_set_int (settings, "animation-ms", 600);
  return settings;
}

typedef struct
{
  CsWindow *window;
  guint     step;
} StepWait;

static gboolean
step_reached (gpointer data)
{
  StepWait *wait = data;

  return cs_window_get_step (wait->window) == wait->step;
}

static gboolean
stopped_playing (gpointer data)
{
  return !cs_window_get_playing (CS_WINDOW (data));
}

/* Waits for @step and returns the milliseconds since @start.  Each wait
 * starts when the step before it is shown, so @k steps after @start take
 * at least @k intervals (the main loop may notice later, never earlier).
 */
static double
wait_for_step (CsWindow *window,
               guint     step,
               gint64    start)
{
  StepWait wait = { window, step };

  g_assert_true (cs_ui_test_wait_for (step_reached, &wait, 10 * INTERVAL_MS + 2 * SLACK_MS));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
play_state (CsWindow *window)
{
  g_autoptr (GVariant) state = NULL;

  g_assert_true (g_action_group_query_action (G_ACTION_GROUP (window), "play", NULL, NULL,
                                              NULL, NULL, &state));
  return g_variant_get_boolean (state);
}

static gboolean
is_play_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.play") == 0;
}

static void
test_playback_advances_and_stops (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsWindow *window = cs_ui_test_open_data_file (TEST_FILE, settings);
  GtkWidget *button = cs_ui_test_find_widget (GTK_WIDGET (window), is_play_button, NULL);
  guint n = cs_window_get_n_steps (window);
  gint64 start;
  double ms;

  g_assert_cmpuint (n, >, 4);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "media-playback-start-symbolic");
  g_assert_cmpuint (cs_window_get_play_interval (window), ==, INTERVAL_MS);

  /* From the first step: one step per interval. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-first", NULL);
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_true (cs_window_get_playing (window));
  g_assert_true (play_state (window));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "media-playback-pause-symbolic");

  for (guint i = 1; i <= 2; i++)
    {
      ms = wait_for_step (window, i, start);
      g_test_message ("step %u after %.0f ms", i, ms);
      g_assert_cmpfloat (ms, >=, i * INTERVAL_MS);
      g_assert_cmpfloat (ms, <, i * INTERVAL_MS + SLACK_MS);
    }

  /* Three steps before the end: it stops on the last step. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL);
  g_assert_false (cs_window_get_playing (window));  /* Reaching the last step by hand stops too. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-previous", NULL);
  g_assert_cmpuint (cs_window_get_step (window), ==, n - 4);
  start = g_get_monotonic_time ();
  cs_window_set_playing (window, TRUE);
  g_assert_true (cs_ui_test_wait_for (stopped_playing, window, 3 * INTERVAL_MS + 3 * SLACK_MS));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("three steps to the end in %.0f ms", ms);
  g_assert_cmpfloat (ms, >=, 3 * INTERVAL_MS);
  g_assert_cmpuint (cs_window_get_step (window), ==, n - 1);
  g_assert_false (play_state (window));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "media-playback-start-symbolic");
  cs_ui_test_spin (INTERVAL_MS + 100);
  g_assert_cmpuint (cs_window_get_step (window), ==, n - 1);

  /* Playing from the last step starts over at the first. */
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_true (cs_window_get_playing (window));
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  ms = wait_for_step (window, 1, start);
  g_assert_cmpfloat (ms, >=, INTERVAL_MS);

  /* Pause: nothing moves any more. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_false (cs_window_get_playing (window));
  cs_ui_test_spin (2 * INTERVAL_MS + 100);
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);

  cs_ui_test_close_and_finalize (window);
}

static void
test_playback_speed (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsWindow *window = cs_ui_test_open_data_file (TEST_FILE, settings);
  CsCanvas *canvas = CS_CANVAS (cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_CANVAS));
  double normal, fast;
  GtkWidget *speed_button;
  gint64 start;

  g_assert_cmpfloat (cs_window_get_play_speed (window), ==, 1.0);
  g_assert_cmpuint (cs_window_get_transition_ms (window), ==, 600);
  g_assert_cmpuint (cs_canvas_get_duration (canvas), ==, 600);
  speed_button = cs_ui_test_find_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  while (speed_button != NULL && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (speed_button)), "1×") != 0)
    speed_button = gtk_widget_get_next_sibling (speed_button);
  g_assert_nonnull (speed_button);

  /* Three steps at 1×. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-first", NULL);
  start = g_get_monotonic_time ();
  cs_window_set_playing (window, TRUE);
  normal = wait_for_step (window, 3, start);
  cs_window_set_playing (window, FALSE);

  /* 2×: half the wait and half the animation; the menu button says so. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-first", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play-speed", "d", 2.0));
  g_assert_cmpfloat (cs_window_get_play_speed (window), ==, 2.0);
  g_assert_cmpuint (cs_window_get_play_interval (window), ==, INTERVAL_MS / 2);
  g_assert_cmpuint (cs_window_get_transition_ms (window), ==, 300);
  g_assert_cmpuint (cs_canvas_get_duration (canvas), ==, 300);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (speed_button)), ==, "2×");
  start = g_get_monotonic_time ();
  cs_window_set_playing (window, TRUE);
  fast = wait_for_step (window, 3, start);
  g_test_message ("three steps at 1×: %.0f ms, at 2×: %.0f ms", normal, fast);
  g_assert_cmpfloat (normal, >=, 3 * INTERVAL_MS);
  g_assert_cmpfloat (fast, >=, 3 * INTERVAL_MS / 2);
  g_assert_cmpfloat (fast, <, normal * 0.8);

  /* Changing the speed while playing keeps playing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-speed", "d", 1.5);
  g_assert_true (cs_window_get_playing (window));
  g_assert_cmpuint (cs_window_get_play_interval (window), ==, 333);

  /* The animation-ms setting still counts, divided by the speed. */
  g_settings_set_int (settings, "animation-ms", 1000);
  g_assert_cmpuint (cs_window_get_transition_ms (window), ==, 667);
  g_assert_cmpuint (cs_canvas_get_duration (canvas), ==, 667);

  /* 0.5× doubles; a speed that is not on the menu changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-speed", "d", 0.5);
  g_assert_cmpuint (cs_window_get_play_interval (window), ==, 2 * INTERVAL_MS);
  g_assert_cmpuint (cs_window_get_transition_ms (window), ==, 2000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-speed", "d", 7.0);
  g_assert_cmpfloat (cs_window_get_play_speed (window), ==, 0.5);

  cs_window_set_playing (window, FALSE);
  cs_ui_test_close_and_finalize (window);
}

static void
test_playback_keys_and_documents (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsWindow *window = cs_ui_test_open_data_file (TEST_FILE, settings);
  GtkWidget *canvas = cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_CANVAS);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", TEST_FILE, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  gint64 start;
  double ms;

  gtk_widget_grab_focus (canvas);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-first", NULL);

  /* Space plays and pauses; Right still steps. */
  cs_ui_test_send_key (canvas, GDK_KEY_space);
  g_assert_true (cs_window_get_playing (window));
  cs_ui_test_send_key (canvas, GDK_KEY_space);
  g_assert_false (cs_window_get_playing (window));
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  cs_ui_test_send_key (canvas, GDK_KEY_Right);
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);

  /* Stepping by hand while playing keeps playing, a full interval from
   * the new step.
   */
  cs_ui_test_send_key (canvas, GDK_KEY_space);
  cs_ui_test_spin (INTERVAL_MS / 2);
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);
  start = g_get_monotonic_time ();
  cs_ui_test_send_key (canvas, GDK_KEY_Right);
  g_assert_cmpuint (cs_window_get_step (window), ==, 2);
  g_assert_true (cs_window_get_playing (window));
  ms = wait_for_step (window, 3, start);
  g_assert_cmpfloat (ms, >=, INTERVAL_MS);

  /* Opening a document stops. */
  cs_window_open_file (window, file);
  cs_ui_test_spin (50);
  g_assert_false (cs_window_get_playing (window));
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  cs_ui_test_spin (INTERVAL_MS + 100);
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);

  /* Presentation mode: Space on the picture plays there too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_true (cs_window_get_presenting (window));
  start = g_get_monotonic_time ();
  cs_ui_test_send_key (canvas, GDK_KEY_space);
  g_assert_true (cs_window_get_playing (window));
  ms = wait_for_step (window, 1, start);
  g_assert_cmpfloat (ms, >=, INTERVAL_MS);
  cs_ui_test_send_key (canvas, GDK_KEY_space);
  g_assert_false (cs_window_get_playing (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));

  cs_ui_test_close_and_finalize (window);
}

static gboolean
question_open (gpointer data)
{
  return cs_window_predict_is_asking (CS_WINDOW (data));
}

/* Predict mode holds the next step back with a question; playing waits
 * for the answer, then goes on.
 */
static void
test_playback_waits_for_predict (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsWindow *window;
  CsPredictCard *card;
  guint asked;

  g_settings_set_boolean (settings, "predict-mode", TRUE);
  window = cs_ui_test_open_data_file (TEST_FILE, settings);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-first", NULL);
  cs_window_set_playing (window, TRUE);

  g_assert_true (cs_ui_test_wait_for (question_open, window, 10 * INTERVAL_MS + 2 * SLACK_MS));
  asked = cs_window_get_step (window);
  g_test_message ("asked before step %u", asked + 2);
  cs_ui_test_spin (3 * INTERVAL_MS);
  g_assert_true (cs_window_predict_is_asking (window));
  g_assert_true (cs_window_get_playing (window));
  g_assert_cmpuint (cs_window_get_step (window), ==, asked);

  /* Answer and go on: the step is revealed and playing continues. */
  card = CS_PREDICT_CARD (cs_window_predict_get_card (window));
  cs_predict_card_set_selected (card, 0, TRUE);
  g_assert_true (cs_predict_card_check (card));
  g_assert_true (cs_predict_card_continue (card));
  cs_ui_test_spin (50);
  g_assert_false (cs_window_predict_is_asking (window));
  g_assert_cmpuint (cs_window_get_step (window), ==, asked + 1);
  g_assert_true (cs_window_get_playing (window));

  cs_window_set_playing (window, FALSE);
  /* Reset while the window lives: a closed window's predict-mode action
   * (a GSettingsAction) outlives its action group (see the report), so
   * this test runs first and changes the key only while its window is open.
   */
  g_settings_reset (settings, "predict-mode");
  cs_ui_test_close_and_finalize (window);
}

/* Without a document (or with one step) there is nothing to play. */
static void
test_playback_needs_steps (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsWindow *window = g_object_ref (cs_window_new (NULL, settings));
  gboolean enabled = TRUE;

  gtk_window_present (GTK_WINDOW (window));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  g_assert_true (g_action_group_query_action (G_ACTION_GROUP (window), "play", &enabled, NULL,
                                              NULL, NULL, NULL));
  g_assert_false (enabled);
  cs_window_set_playing (window, TRUE);
  g_assert_false (cs_window_get_playing (window));
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

  g_test_add_func ("/ui/playback/waits-for-predict", test_playback_waits_for_predict);
  g_test_add_func ("/ui/playback/advances-and-stops", test_playback_advances_and_stops);
  g_test_add_func ("/ui/playback/speed", test_playback_speed);
  g_test_add_func ("/ui/playback/keys-and-documents", test_playback_keys_and_documents);
  g_test_add_func ("/ui/playback/needs-steps", test_playback_needs_steps);

  return g_test_run ();
}
