/* app-bench.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's two user-facing times, in the real window under an X server
 * (run under Xvfb: `xvfb-run -a dbus-run-session BUILD/bench/app-bench`):
 *
 *  - cold start: from main() to the first frame the window paints with a
 *    200-line scenario open (engine run, the editor, the step list and the
 *    picture of the first step).  Process start-up before main() (dynamic
 *    linking) is not in the wall time; the CPU time is the process's from
 *    its start;
 *  - keystroke to repaint: one character typed into that scenario, then
 *    what the debounce timer runs (re-run the engine, update the step
 *    list, lay out the shown step if it changed) and the next painted
 *    frame, while step 100 is shown.  The 400 ms debounce pause itself is
 *    not counted.  Two kinds of edit: after the shown step (at the end of
 *    the text: step 100 and its picture stay) and above it (a number on
 *    line 52 changes: step 100's picture is laid out again).
 *
 * For each kind it prints the median and the worst wall time of 20 edits,
 * the median CPU time of the process (machine load inflates wall times,
 * not CPU times) and the median split: the engine alone (cs_scenario_run
 * on the same text, timed separately), the window's update
 * (cs_window_run_text, which includes the engine) and the frame.  The GSK
 * renderer in use is printed too: Xvfb has no GPU, so "GL" means Mesa's
 * software llvmpipe; GSK_RENDERER=cairo is the cheaper path there.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <time.h>
#include <gtksourceview/gtksource.h>

#include "cs-i18n.h"
#include "cs-scenario.h"
#include "cs-window-private.h"

static char *
make_scenario (guint n_lines)
{
  GString *text = g_string_new ("import copy\n");
  guint line = 1;

  for (guint i = 0; line < n_lines; i++)
    {
      switch (i % 5)
        {
        case 0: g_string_append_printf (text, "a%u = [[%u, 2], 3, 4]\n", i, i); break;
        case 1: g_string_append_printf (text, "b%u = copy.copy(a%u)\n", i, i - 1); break;
        case 2: g_string_append_printf (text, "a%u[0][0] = %u\n", i - 2, i); break;
        case 3: g_string_append_printf (text, "c%u = copy.deepcopy(b%u)\n", i, i - 2); break;
        default: g_string_append_printf (text, "print(a%u, b%u, c%u)\n", i - 4, i - 3, i - 1); break;
        }
      line++;
    }

  return g_string_free (text, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
worst (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len - 1);
}

typedef enum
{
  EDIT_AT_END,     /* after the shown step */
  EDIT_ABOVE,      /* a value above the shown step */
} EditKind;

/* One keystroke: even runs type a character, odd runs take it back. */
static void
type_key (GtkTextBuffer *buffer,
          EditKind       kind,
          guint          run)
{
  GtkTextIter iter, next;

  if (kind == EDIT_AT_END)
    {
      gtk_text_buffer_get_end_iter (buffer, &iter);
      gtk_text_buffer_insert (buffer, &iter, run % 2 ? "\n" : "#", -1);
      return;
    }

  /* Line 52 is "a50 = [[50, 2], 3, 4]": 50 becomes 150 and back. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 51, 8);
  if (run % 2 == 0)
    gtk_text_buffer_insert (buffer, &iter, "1", -1);
  else
    {
      next = iter;
      gtk_text_iter_forward_char (&next);
      gtk_text_buffer_delete (buffer, &iter, &next);
    }
}

static void
measure_edits (CsWindow   *window,
               EditKind    kind,
               guint       n_runs,
               const char *what)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->editor_view));
  g_autoptr (GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) engine = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) update = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n_runs; i++)
    {
      GtkTextIter s, e;
      g_autofree char *current = NULL;
      double w0, c0, w1, w2;

      cs_window_set_step (window, 100, FALSE);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

      w0 = wall_ms ();
      c0 = cpu_ms ();
      type_key (buffer, kind, i);
      /* What the debounce timer runs. */
      g_clear_handle_id (&window->rerun_id, g_source_remove);
      gtk_text_buffer_get_bounds (buffer, &s, &e);
      current = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
      cs_window_run_text (window, current);
      w1 = wall_ms ();
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      w2 = wall_ms ();
      g_array_append_vals (cpu, &(double) { cpu_ms () - c0 }, 1);
      g_array_append_vals (wall, &(double) { w2 - w0 }, 1);
      g_array_append_vals (update, &(double) { w1 - w0 }, 1);
      g_array_append_vals (frame, &(double) { w2 - w1 }, 1);
      g_assert_cmpuint (cs_window_get_step (window), ==, 100);

      /* The engine alone on the same text, outside the timed edit. */
      {
        g_autoptr (CsTrace) trace = NULL;
        double t0 = wall_ms ();

        trace = cs_scenario_run ("bench.py", current, -1, NULL, NULL);
        g_array_append_vals (engine, &(double) { wall_ms () - t0 }, 1);
      }
    }

  g_print ("keystroke to repaint, %s (200-line scenario, step 100 shown, %u edits): "
           "median %.1f ms, worst %.1f ms wall; median %.1f ms CPU; "
           "median split: engine run %.1f ms, window update (with the run) %.1f ms, frame %.1f ms\n",
           what, n_runs, median (wall), worst (wall), median (cpu),
           median (engine), median (update), median (frame));
}

int
main (int   argc,
      char *argv[])
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *text = make_scenario (200);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "copyscope-bench-200.py", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  CsWindow *window;
  GskRenderer *renderer;
  double t_init, t_window, t_open, c_init, c_window, c_open;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  gtk_init ();
  adw_init ();
  gtk_source_init ();
  cs_i18n_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  t_init = wall_ms ();
  c_init = cpu_ms ();

  window = cs_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  t_window = wall_ms ();
  c_window = cpu_ms ();
  cs_window_open_file (window, file);
  t_open = wall_ms ();
  c_open = cpu_ms ();
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_print ("cold start to first frame (from main(), 200-line scenario, %u steps): "
           "%.1f ms wall, %.1f ms CPU (process, from its start)\n",
           cs_window_get_n_steps (window), (g_get_monotonic_time () - start) / 1000.0, cpu_ms ());
  g_print ("cold start split, wall (CPU): GTK, libadwaita, GtkSourceView init %.1f ms (%.1f ms "
           "from process start), window %.1f ms (%.1f ms), open and run the file %.1f ms (%.1f ms), "
           "map and first frame %.1f ms (%.1f ms)\n",
           t_init - start / 1000.0, c_init, t_window - t_init, c_window - c_init,
           t_open - t_window, c_open - c_window, wall_ms () - t_open, cpu_ms () - c_open);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_print ("renderer: %s\n", renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");

  measure_edits (window, EDIT_AT_END, 20, "edit after the shown step");
  measure_edits (window, EDIT_ABOVE, 20, "edit above the shown step");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  return 0;
}
