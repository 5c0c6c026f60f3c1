/* scene-bench.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <sys/resource.h>
#include <time.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "cs-export.h"
#include "cs-layout.h"
#include "cs-layout-facts.h"
#include "cs-paint.h"
#include "cs-scenario.h"

/* How fast the scene layer is, per public case, in CPU milliseconds:
 *
 *   layout    ms per step (cs_layout_trace over the whole scenario / steps)
 *   frame     ms to paint one frame at 1920×1080 (still and mid-transition)
 *   export    ms to write the whole scenario as a PDF handout
 *   dot       ms for Graphviz `dot -Tsvg` to draw the same graph (the step
 *             with the most boxes), the peer torchviz and memory_graph use
 *   ratio     dot / (layout + frame) for that step
 *
 * Usage: scene-bench [--dump DIR] [--dark] [--repeat N] FILE.py|FILE.json...
 * A .py runs in the engine; a facts .json (a golden recorded from real
 * PyTorch) is laid out directly.  With --dump every step is also written
 * as DIR/NAME-NN.png.
 */

/* CPU time, not wall time: the numbers then do not depend on how busy
 * the machine is.  Our work runs in this process; dot's in a child.
 */
static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
children_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static void
dot_escape (GString    *out,
            const char *text)
{
  for (const char *s = text ? text : ""; *s != '\0'; s++)
    {
      if (strchr ("{}|<>\"\\", *s) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *s);
    }
}

/* The scene's graph as DOT: every box a node (records for cells),
 * every arrow an edge, left to right like our columns.
 */
static char *
scene_to_dot (const CsScene *scene)
{
  GString *out = g_string_new ("digraph G {\n  rankdir=LR;\n  node [shape=record, fontname=\"DejaVu Sans\"];\n");

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (scene->boxes, i);

      if (box->kind == CS_BOX_PANEL)
        continue;
      g_string_append_printf (out, "  n%u [label=\"", i);
      dot_escape (out, box->title);
      if (box->subtitle != NULL)
        {
          g_string_append_c (out, ' ');
          dot_escape (out, box->subtitle);
        }
      for (guint j = 0; j < box->facts->len; j++)
        {
          const CsFact *fact = g_ptr_array_index (box->facts, j);

          g_string_append (out, "|");
          dot_escape (out, fact->key);
          g_string_append_c (out, ' ');
          dot_escape (out, fact->value);
        }
      for (guint j = 0; j < box->cells->len; j++)
        {
          const CsCell *cell = g_ptr_array_index (box->cells, j);

          g_string_append_printf (out, "|<c%u> ", j);
          dot_escape (out, cell->text ? cell->text : "•");
        }
      g_string_append (out, "\"];\n");
    }
  for (guint i = 0; i < scene->arrows->len; i++)
    {
      const CsArrow *arrow = g_ptr_array_index (scene->arrows, i);
      int from = -1, to = -1;

      for (guint j = 0; j < scene->boxes->len; j++)
        {
          const CsBox *box = g_ptr_array_index (scene->boxes, j);

          if (g_strcmp0 (box->key, arrow->source_key) == 0)
            from = j;
          if (g_strcmp0 (box->key, arrow->target_key) == 0)
            to = j;
        }
      if (from >= 0 && to >= 0)
        g_string_append_printf (out, "  n%d -> n%d;\n", from, to);
    }
  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}

static double
time_dot (const CsScene *scene,
          const char    *dot_path)
{
  g_autofree char *dot = scene_to_dot (scene);
  g_autofree char *tmp = g_build_filename (g_get_tmp_dir (), "copyscope-bench.dot", NULL);
  const char *argv[] = { dot_path, "-Tsvg", tmp, "-o", "/dev/null", NULL };
  double start;
  int status = 0;

  g_assert (g_file_set_contents (tmp, dot, -1, NULL));
  start = children_ms ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                     &status, NULL) || status != 0)
    return -1;
  return children_ms () - start;
}

static double
paint_frame (const CsScene   *prev,
             const CsScene   *scene,
             double           t,
             const CsPalette *palette,
             cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);
  double scale = MIN (1920.0 / (scene->width * scene->font_scale), 1080.0 / (scene->height * scene->font_scale));
  double start = now_ms ();

  cs_paint_scene (cr, prev, scene, t, palette, scale);
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  return now_ms () - start;
}

static void
dump (GPtrArray       *scenes,
      const char      *dir,
      const char      *path,
      const CsPalette *palette)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *out = NULL;
  CsExportOptions options;
  g_autoptr (GError) error = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL)
    *dot = '\0';
  out = g_strdup_printf ("%s/%s.png", dir, base);
  cs_export_options_init (&options);
  options.palette = palette;
  if (!cs_export_scenes (scenes, NULL, &options, out, &error))
    g_printerr ("%s\n", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dump_dir = NULL;
  g_autofree char *dot_path = g_find_program_in_path ("dot");
  gboolean dark = FALSE;
  int repeat = 5;
  GOptionEntry entries[] = {
    { "dump", 0, 0, G_OPTION_ARG_FILENAME, &dump_dir, "Write every step as PNG into DIR", "DIR" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark palette", NULL },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Timing repetitions", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE.py…");
  g_autoptr (GError) error = NULL;
  const CsPalette *palette;
  cairo_surface_t *surface;
  double worst_frame = 0, sum_ratio = 0;
  g_autofree char *worst_where = NULL;
  guint n_cases = 0, slower_than_dot = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  palette = cs_palette_get (dark ? CS_THEME_DARK : CS_THEME_LIGHT);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  repeat = CLAMP (repeat, 1, 100);

  g_print ("%-36s %5s %9s %9s %9s %10s %9s %7s\n", "case", "steps", "layout", "frame", "tween",
           "export", "dot", "ratio");
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *base = g_path_get_basename (argv[i]);
      g_autoptr (CsTrace) trace = NULL;
      g_autoptr (GPtrArray) scenes = NULL;
      double layout_ms = 0, frame_ms = 0, tween_ms = 0, export_ms, dot_ms = -1, start;
      guint busiest = 0, n = 0;
      CsExportOptions options;

      gboolean facts = g_str_has_suffix (argv[i], ".json");

      if (!facts && !g_file_get_contents (argv[i], &text, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          g_clear_error (&error);
          continue;
        }
      if (!facts)
        {
          trace = cs_scenario_run (argv[i], text, -1, NULL, &error);
          if (trace == NULL)
            {
              g_printerr ("%s\n", error->message);
              g_clear_error (&error);
              continue;
            }
        }

      /* Warm up fontconfig and the glyph caches once, outside the timing. */
      if (i == 1)
        {
          g_autoptr (GPtrArray) warm = facts ? cs_layout_facts_file (argv[i], NULL, NULL)
                                             : cs_layout_trace (trace, NULL);

          for (guint s = 0; warm != NULL && s < warm->len; s++)
            paint_frame (NULL, g_ptr_array_index (warm, s), 1.0, palette, surface);
        }

      for (int r = 0; r < repeat; r++)
        {
          g_clear_pointer (&scenes, g_ptr_array_unref);
          start = now_ms ();
          scenes = facts ? cs_layout_facts_file (argv[i], NULL, &error) : cs_layout_trace (trace, NULL);
          if (scenes == NULL)
            break;
          n = scenes->len;
          layout_ms += (now_ms () - start) / MAX (n, 1);
        }
      if (scenes == NULL)
        {
          g_printerr ("%s\n", error->message);
          g_clear_error (&error);
          continue;
        }
      layout_ms /= repeat;

      for (guint s = 0; s < scenes->len; s++)
        {
          const CsScene *scene = g_ptr_array_index (scenes, s);
          const CsScene *busy = g_ptr_array_index (scenes, busiest);

          if (scene->boxes->len > busy->boxes->len)
            busiest = s;
        }
      for (int r = 0; r < repeat; r++)
        for (guint s = 0; s < scenes->len; s++)
          {
            double ms = paint_frame (NULL, g_ptr_array_index (scenes, s), 1.0, palette, surface);

            frame_ms += ms / (repeat * scenes->len);
            if (ms > worst_frame)
              {
                worst_frame = ms;
                g_free (worst_where);
                worst_where = g_strdup_printf ("%s step %u, run %d", base, s + 1, r + 1);
              }
            if (s > 0)
              tween_ms += paint_frame (g_ptr_array_index (scenes, s - 1), g_ptr_array_index (scenes, s), 0.5,
                                       palette, surface) / (repeat * (scenes->len - 1));
          }

      cs_export_options_init (&options);
      options.format = CS_EXPORT_PDF;
      options.source = text;
      options.palette = palette;
      {
        g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "copyscope-bench.pdf", NULL);

        start = now_ms ();
        if (facts ? !cs_export_scenes (scenes, NULL, &options, pdf, &error)
                  : !cs_export_trace (trace, &options, pdf, &error))
          {
            g_printerr ("%s\n", error->message);
            g_clear_error (&error);
          }
        export_ms = now_ms () - start;
        g_unlink (pdf);
      }

      if (dot_path != NULL && scenes->len > 0)
        {
          dot_ms = 0;
          for (int r = 0; r < MIN (repeat, 3); r++)
            dot_ms += time_dot (g_ptr_array_index (scenes, busiest), dot_path) / MIN (repeat, 3);
        }

      if (dump_dir != NULL)
        dump (scenes, dump_dir, argv[i], palette);

      {
        double ours = layout_ms + frame_ms;
        double ratio = dot_ms > 0 ? dot_ms / ours : 0;

        g_print ("%-36.36s %5u %7.2fms %7.2fms %7.2fms %8.1fms %7.1fms %6.0fx\n", base, n, layout_ms,
                 frame_ms, tween_ms, export_ms, dot_ms, ratio);
        n_cases++;
        sum_ratio += ratio;
        if (ratio > 0 && ratio < 1)
          slower_than_dot++;
      }
    }
  g_print ("\n%u cases; worst still frame %.2f ms (%s; target < 16 ms); mean dot/ours %.0fx; "
           "cases slower than dot: %u\n", n_cases, worst_frame, worst_where ? worst_where : "-",
           n_cases ? sum_ratio / n_cases : 0, slower_than_dot);
  cairo_surface_destroy (surface);
  return 0;
}
