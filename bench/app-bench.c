/* app-bench.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's two user-facing times, in the real window under an X server
 * (run under Xvfb: `xvfb-run -a BUILD/bench/app-bench`):
 *
 *  - cold start: from main() to the first frame the window paints with a
 *    200-line scenario open (engine run, layout of every step, the
 *    editor, the step list and the picture).  Process start-up before
 *    main() (dynamic linking) is not included;
 *  - keystroke to repaint: one character typed into that scenario, then
 *    what the debounce timer would run (re-run the engine, lay out every
 *    step, refill the step list) and the next painted frame.  The 400 ms
 *    debounce pause itself is not counted.
 *
 * Prints the median and the worst of 20 edits.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "cs-i18n.h"
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

int
main (int   argc,
      char *argv[])
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *text = make_scenario (200);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "copyscope-bench-200.py", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  CsWindow *window;
  GtkTextBuffer *buffer;
  guint n_runs = 20;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  gtk_init ();
  adw_init ();
  gtk_source_init ();
  cs_i18n_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  window = cs_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  cs_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_print ("cold start to first frame (from main(), 200-line scenario, %u steps): %.1f ms\n",
           cs_window_get_n_steps (window), (g_get_monotonic_time () - start) / 1000.0);

  cs_window_set_step (window, 100, FALSE);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->editor_view));
  for (guint i = 0; i < n_runs; i++)
    {
      GtkTextIter end, s, e;
      g_autofree char *current = NULL;
      gint64 t0;
      double ms;

      t0 = g_get_monotonic_time ();
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, i % 2 ? "\n" : "#", -1);
      /* What the debounce timer runs. */
      g_clear_handle_id (&window->rerun_id, g_source_remove);
      gtk_text_buffer_get_bounds (buffer, &s, &e);
      current = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
      cs_window_run_text (window, current);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (times, ms);
    }

  g_array_sort (times, compare_doubles);
  g_print ("keystroke to repaint (200-line scenario, re-run + layout + frame, %u edits): "
           "median %.1f ms, worst %.1f ms\n",
           n_runs, g_array_index (times, double, n_runs / 2), g_array_index (times, double, n_runs - 1));

  g_array_unref (times);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  return 0;
}
