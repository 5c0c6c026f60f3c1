/* test-layout-parts.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-layout.h"
#include "cs-scenario.h"

/* The window shows a step in three canvases: the memory picture, the
 * stride panel of one view and the autograd graph (CsLayoutOptions.part).
 * Every public conformance case, run by the engine, is laid out in each
 * part and checked like the combined picture: nothing overlaps, arrows
 * start on their source and end on their target's edge.
 */

static char *
case_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "conformance", "public", name, NULL);
}

static CsTrace *
run_case (const char *name)
{
  g_autofree char *path = case_path (name);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  CsTrace *trace;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  trace = cs_scenario_run (path, text, -1, NULL, &error);
  g_assert_no_error (error);
  return trace;
}

static CsScene *
layout_part (CsTrace      *trace,
             guint         index,
             CsLayoutPart  part,
             guint64       focus,
             GHashTable   *numbers)
{
  CsLayoutOptions options;

  cs_layout_options_init (&options);
  options.frame = FALSE;
  options.part = part;
  options.stride_focus = focus;
  options.storage_numbers = numbers;
  return cs_layout_snapshot (cs_trace_get_step (trace, index),
                             index > 0 ? cs_trace_get_step (trace, index - 1) : NULL,
                             index, cs_trace_get_n_steps (trace), &options);
}

static void
check_no_overlap (const CsScene *scene,
                  const char    *where)
{
  for (guint i = 0; i < scene->boxes->len; i++)
    {
      const CsBox *a = g_ptr_array_index (scene->boxes, i);

      g_assert_true (a->width > 0 && a->height > 0);
      if (!(a->x >= 0 && a->x + a->width <= scene->width && a->y >= 0 && a->y + a->height <= scene->height))
        g_error ("%s: %s lies outside the %gx%g page", where, a->key, scene->width, scene->height);
      if (a->kind == CS_BOX_PANEL)
        continue;
      for (guint j = i + 1; j < scene->boxes->len; j++)
        {
          const CsBox *b = g_ptr_array_index (scene->boxes, j);

          if (b->kind != CS_BOX_PANEL && cs_box_overlaps (a, b, 0))
            g_error ("%s: %s overlaps %s", where, a->key, b->key);
        }
    }
}

static void
check_arrows (const CsScene *scene,
              const char    *where)
{
  for (guint i = 0; i < scene->arrows->len; i++)
    {
      const CsArrow *arrow = g_ptr_array_index (scene->arrows, i);
      const CsBox *source = cs_scene_find_box (scene, arrow->source_key);
      const CsBox *target = cs_scene_find_box (scene, arrow->target_key);

      if (source == NULL || target == NULL)
        g_error ("%s: arrow %s has no %s", where, arrow->key, source ? "target" : "source");
      g_assert_true (cs_box_contains_point (source, arrow->x0, arrow->y0, 0.5));
      if (!cs_box_on_edge (target, arrow->x1, arrow->y1, 0.5))
        g_error ("%s: arrow %s ends at %.1f,%.1f off %s", where, arrow->key, arrow->x1, arrow->y1, target->key);
    }
}

static guint
count_kind (const CsScene *scene,
            CsBoxKind      kind)
{
  guint n = 0;

  for (guint i = 0; i < scene->boxes->len; i++)
    n += ((const CsBox *) g_ptr_array_index (scene->boxes, i))->kind == kind;
  return n;
}

/* The serial of the array @name points at, from the memory picture. */
static guint64
serial_of_name (const CsScene *memory,
                const char    *name)
{
  g_autofree char *key = g_strdup_printf ("arrow:name:%s", name);
  const CsArrow *arrow = cs_scene_find_arrow (memory, key);

  g_assert_nonnull (arrow);
  g_assert_true (g_str_has_prefix (arrow->target_key, "obj:"));
  return g_ascii_strtoull (arrow->target_key + 4, NULL, 10);
}

static void
test_every_case (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "conformance", "public", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n_strides = 0, n_graphs = 0, n_steps = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".py"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >, 20);

  for (guint c = 0; c < names->len; c++)
    {
      g_autoptr (CsTrace) trace = run_case (g_ptr_array_index (names, c));
      g_autoptr (GHashTable) numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

      for (guint i = 0; i < cs_trace_get_n_steps (trace); i++)
        {
          g_autoptr (CsScene) memory = layout_part (trace, i, CS_LAYOUT_PART_MEMORY, 0, numbers);
          g_autoptr (CsScene) strides = layout_part (trace, i, CS_LAYOUT_PART_STRIDES, 0, numbers);
          g_autoptr (CsScene) graph = layout_part (trace, i, CS_LAYOUT_PART_AUTOGRAD, 0, numbers);
          g_autofree char *where = g_strdup_printf ("%s step %u", (char *) g_ptr_array_index (names, c), i + 1);

          /* The memory part has neither panel. */
          g_assert_null (cs_scene_find_box (memory, "panel:stride"));
          g_assert_null (cs_scene_find_box (memory, "panel:autograd"));
          g_assert_cmpuint (count_kind (memory, CS_BOX_NODE), ==, 0);
          g_assert_cmpuint (count_kind (memory, CS_BOX_CHIP), ==, 0);
          check_no_overlap (memory, where);
          check_arrows (memory, where);

          /* The stride part shows one view's panel and its strip; a view
           * the grid cannot explain as its card and strip; or nothing.
           */
          check_no_overlap (strides, where);
          check_arrows (strides, where);
          g_assert_cmpuint (count_kind (strides, CS_BOX_NODE), ==, 0);
          g_assert_cmpuint (count_kind (strides, CS_BOX_PILL), ==, 0);
          if (cs_layout_scene_is_empty (strides))
            g_assert_cmpuint (count_kind (memory, CS_BOX_STRIP), ==, 0);
          else if (cs_scene_find_box (strides, "panel:stride") != NULL)
            {
              const CsBox *grid = NULL;

              g_assert_cmpuint (count_kind (strides, CS_BOX_CARD), ==, 0);
              g_assert_cmpuint (count_kind (strides, CS_BOX_STRIP), ==, 1);
              g_assert_cmpuint (count_kind (strides, CS_BOX_GRID), ==, 1);
              for (guint b = 0; b < strides->boxes->len && grid == NULL; b++)
                if (((const CsBox *) g_ptr_array_index (strides->boxes, b))->kind == CS_BOX_GRID)
                  grid = g_ptr_array_index (strides->boxes, b);
              /* The same object as in the memory picture. */
              g_assert_nonnull (cs_scene_find_box (memory, grid->ref_key));
              n_strides++;
            }
          else
            {
              g_assert_cmpuint (count_kind (strides, CS_BOX_CARD), ==, 1);
              g_assert_cmpuint (count_kind (strides, CS_BOX_STRIP), ==, 1);
            }

          /* The autograd part is only the graph. */
          check_no_overlap (graph, where);
          check_arrows (graph, where);
          g_assert_cmpuint (count_kind (graph, CS_BOX_CARD), ==, 0);
          g_assert_cmpuint (count_kind (graph, CS_BOX_PILL), ==, 0);
          g_assert_cmpuint (count_kind (graph, CS_BOX_STRIP), ==, 0);
          if (!cs_layout_scene_is_empty (graph))
            {
              g_assert_nonnull (cs_scene_find_box (graph, "panel:autograd"));
              n_graphs++;
            }
          n_steps++;
        }
    }
  g_assert_cmpuint (n_steps, >, 100);
  g_assert_cmpuint (n_strides, >, 20);
  g_assert_cmpuint (n_graphs, >, 10);
}

static const CsArrow *
focus_mapping (const CsScene *scene)
{
  for (guint i = 0; i < scene->arrows->len; i++)
    {
      const CsArrow *arrow = g_ptr_array_index (scene->arrows, i);

      if (arrow->style == CS_ARROW_MAPPING && arrow->focus)
        return arrow;
    }
  return NULL;
}

/* Every mapping line of the grid lands on the storage cell the strides
 * give: x with shape (3, 2) and stride (2, 1), y = x.T with stride (1, 2).
 */
static void
check_mapping (const CsScene *scene,
               gint64         n0,
               gint64         n1,
               gint64         s0,
               gint64         s1,
               gint64         offset)
{
  const CsBox *strip = NULL;

  for (guint b = 0; b < scene->boxes->len; b++)
    if (((const CsBox *) g_ptr_array_index (scene->boxes, b))->kind == CS_BOX_STRIP)
      strip = g_ptr_array_index (scene->boxes, b);
  g_assert_nonnull (strip);

  for (gint64 i = 0; i < n0; i++)
    for (gint64 j = 0; j < n1; j++)
      {
        const CsBox *grid = NULL;
        const CsCell *cell;
        g_autofree char *key = NULL;
        const CsArrow *line;

        for (guint b = 0; b < scene->boxes->len; b++)
          if (((const CsBox *) g_ptr_array_index (scene->boxes, b))->kind == CS_BOX_GRID)
            grid = g_ptr_array_index (scene->boxes, b);
        g_assert_nonnull (grid);
        key = g_strdup_printf ("map:%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, grid->key, i, j);
        line = cs_scene_find_arrow (scene, key);
        g_assert_nonnull (line);
        g_assert_cmpstr (line->target_key, ==, strip->key);
        cell = g_ptr_array_index (strip->cells, offset + i * s0 + j * s1);
        g_assert_cmpfloat (fabs (line->x1 - (cell->x + cell->width / 2)), <, 0.01);
      }
}

static void
test_transpose_focus (void)
{
  g_autoptr (CsTrace) trace = run_case ("07_article_transpose_view.py");
  g_autoptr (GHashTable) numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint last = cs_trace_get_n_steps (trace) - 1;
  g_autoptr (CsScene) memory = layout_part (trace, last, CS_LAYOUT_PART_MEMORY, 0, numbers);
  guint64 x = serial_of_name (memory, "x"), y = serial_of_name (memory, "y");
  g_autoptr (CsScene) by_default = layout_part (trace, last, CS_LAYOUT_PART_STRIDES, 0, numbers);
  g_autoptr (CsScene) on_x = layout_part (trace, last, CS_LAYOUT_PART_STRIDES, x, numbers);
  g_autoptr (CsScene) on_y = layout_part (trace, last, CS_LAYOUT_PART_STRIDES, y, numbers);
  g_autofree char *x_key = g_strdup_printf ("grid:%" G_GUINT64_FORMAT, x);
  g_autofree char *y_key = g_strdup_printf ("grid:%" G_GUINT64_FORMAT, y);
  const CsBox *strip_x, *strip_memory;

  g_assert_cmpuint (x, !=, y);

  /* Without a choice the panel explains the non-contiguous view, y. */
  g_assert_nonnull (cs_scene_find_box (by_default, y_key));
  g_assert_null (cs_scene_find_box (by_default, x_key));
  g_assert_cmpstr (cs_scene_find_box (by_default, "example:stride")->title, ==,
                   "y[1, 2] → 0 + 1·1 + 2·2 = 5");
  check_mapping (by_default, 2, 3, 1, 2, 0);

  /* Chosen, x: shape (3, 2), stride (2, 1); its last element is cell 5. */
  g_assert_nonnull (cs_scene_find_box (on_x, x_key));
  g_assert_cmpstr (cs_scene_find_box (on_x, x_key)->ref_key, ==,
                   cs_scene_find_arrow (memory, "arrow:name:x")->target_key);
  g_assert_null (cs_scene_find_box (on_x, y_key));
  /* The panel's title names the view; no name pills. */
  g_assert_null (cs_scene_find_box (on_x, "name:x"));
  g_assert_null (cs_scene_find_box (on_x, "name:y"));
  g_assert_cmpstr (cs_scene_find_box (on_x, "example:stride")->title, ==,
                   "x[2, 1] → 0 + 2·2 + 1·1 = 5");
  g_assert_cmpstr (cs_scene_find_box (on_x, "panel:stride")->subtitle, ==, "How x reads S1");
  check_mapping (on_x, 3, 2, 2, 1, 0);
  g_assert_nonnull (focus_mapping (on_x));

  /* Chosen, y: the same as the default. */
  g_assert_cmpstr (cs_scene_find_box (on_y, "example:stride")->title, ==,
                   cs_scene_find_box (by_default, "example:stride")->title);

  /* The strip is the memory picture's strip: same key, label and cells. */
  {
    g_autofree char *arrow_key = g_strdup_printf ("map:%s:0:0", x_key);

    strip_x = cs_scene_find_box (on_x, cs_scene_find_arrow (on_x, arrow_key)->target_key);
  }
  strip_memory = cs_scene_find_box (memory, strip_x->key);
  g_assert_nonnull (strip_memory);
  g_assert_cmpstr (strip_x->title, ==, strip_memory->title);
  g_assert_cmpuint (strip_x->cells->len, ==, strip_memory->cells->len);
  for (guint i = 0; i < strip_x->cells->len; i++)
    g_assert_cmpstr (((CsCell *) g_ptr_array_index (strip_x->cells, i))->text, ==,
                     ((CsCell *) g_ptr_array_index (strip_memory->cells, i))->text);

  /* The cells each view reads, for highlighting. */
  {
    guint64 storage_x = 0, storage_y = 0;
    g_autoptr (GArray) cells_x = cs_layout_view_cells (cs_trace_get_step (trace, last), x, &storage_x);
    g_autoptr (GArray) cells_y = cs_layout_view_cells (cs_trace_get_step (trace, last), y, &storage_y);
    g_autoptr (GArray) none = cs_layout_view_cells (cs_trace_get_step (trace, last), 999999, &storage_y);
    g_autofree char *strip_key = NULL;

    g_assert_cmpuint (storage_x, !=, 0);
    strip_key = g_strdup_printf ("storage:%" G_GUINT64_FORMAT, storage_x);
    g_assert_cmpstr (strip_key, ==, strip_x->key);
    g_assert_cmpuint (cells_x->len, ==, 6);
    g_assert_cmpuint (cells_y->len, ==, 6);
    for (guint i = 0; i < 6; i++)
      g_assert_cmpuint (g_array_index (cells_x, guint, i), ==, i);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (storage_y, ==, 0);
  }
}

/* A 1-D view gets a one-row grid: a narrowed or strided slice reads every
 * other cell, or starts at an offset.
 */
static void
test_one_d (void)
{
  const char *text = "import torch\n"
                     "a = torch.arange(8)\n"
                     "b = a[1::2]\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CsTrace) trace = cs_scenario_run ("one_d.py", text, -1, NULL, &error);
  g_autoptr (CsScene) memory = NULL;
  g_autoptr (CsScene) on_b = NULL;
  g_autoptr (CsScene) on_a = NULL;
  guint last;

  g_assert_no_error (error);
  last = cs_trace_get_n_steps (trace) - 1;
  memory = layout_part (trace, last, CS_LAYOUT_PART_MEMORY, 0, NULL);
  on_b = layout_part (trace, last, CS_LAYOUT_PART_STRIDES, serial_of_name (memory, "b"), NULL);
  on_a = layout_part (trace, last, CS_LAYOUT_PART_STRIDES, serial_of_name (memory, "a"), NULL);

  g_assert_cmpstr (cs_scene_find_box (on_b, "example:stride")->title, ==, "b[3] → 1 + 3·2 = 7");
  g_assert_cmpstr (cs_scene_find_box (on_a, "example:stride")->title, ==, "a[7] → 0 + 7·1 = 7");
  check_no_overlap (on_b, "1-D b");
  check_arrows (on_b, "1-D b");
  {
    const CsBox *grid = NULL;

    for (guint b = 0; b < on_b->boxes->len; b++)
      if (((const CsBox *) g_ptr_array_index (on_b->boxes, b))->kind == CS_BOX_GRID)
        grid = g_ptr_array_index (on_b->boxes, b);
    g_assert_nonnull (grid);
    g_assert_cmpuint (grid->cells->len, ==, 4);
    g_assert_cmpstr (((CsCell *) g_ptr_array_index (grid->cells, 3))->text, ==, "7");
  }
  check_mapping (on_b, 1, 4, 0, 2, 1);
  /* The panel (with its worked example) sits above the strip. */
  {
    const CsBox *panel = cs_scene_find_box (on_b, "panel:stride");
    const CsBox *example = cs_scene_find_box (on_b, "example:stride");

    for (guint b = 0; b < on_b->boxes->len; b++)
      {
        const CsBox *box = g_ptr_array_index (on_b->boxes, b);

        if (box->kind == CS_BOX_STRIP)
          g_assert_cmpfloat (panel->y + panel->height, <=, box->y);
      }
    g_assert_cmpfloat (example->y + example->height, <=, panel->y + panel->height);
  }
}

/* Lists have nothing for either panel; autograd has a graph. */
static void
test_empty_parts (void)
{
  g_autoptr (CsTrace) lists = run_case ("03_article_copy_copy.py");
  g_autoptr (CsTrace) grads = run_case ("17_autograd_basics.py");
  guint last = cs_trace_get_n_steps (lists) - 1;
  g_autoptr (CsScene) strides = layout_part (lists, last, CS_LAYOUT_PART_STRIDES, 0, NULL);
  g_autoptr (CsScene) graph = layout_part (lists, last, CS_LAYOUT_PART_AUTOGRAD, 0, NULL);
  g_autoptr (CsScene) memory = layout_part (lists, last, CS_LAYOUT_PART_MEMORY, 0, NULL);
  g_autoptr (CsScene) real_graph = layout_part (grads, cs_trace_get_n_steps (grads) - 1,
                                                CS_LAYOUT_PART_AUTOGRAD, 0, NULL);

  g_assert_true (cs_layout_scene_is_empty (strides));
  g_assert_true (cs_layout_scene_is_empty (graph));
  g_assert_false (cs_layout_scene_is_empty (memory));
  g_assert_false (cs_layout_scene_is_empty (real_graph));
  g_assert_cmpuint (count_kind (real_graph, CS_BOX_NODE), >, 0);
  g_assert_cmpuint (count_kind (real_graph, CS_BOX_CHIP), >, 0);
  /* A panel part's page fits its content, unlike the 1600-wide picture. */
  g_assert_cmpfloat (real_graph->width, <, 1600);
}

/* The default part is still the combined picture the exports draw. */
static void
test_all_is_default (void)
{
  g_autoptr (CsTrace) trace = run_case ("07_article_transpose_view.py");
  CsLayoutOptions options;
  g_autoptr (CsScene) scene = NULL;

  cs_layout_options_init (&options);
  g_assert_cmpint (options.part, ==, CS_LAYOUT_PART_ALL);
  scene = cs_layout_snapshot (cs_trace_get_step (trace, cs_trace_get_n_steps (trace) - 1), NULL,
                              cs_trace_get_n_steps (trace) - 1, cs_trace_get_n_steps (trace), &options);
  g_assert_nonnull (cs_scene_find_box (scene, "panel:stride"));
  g_assert_nonnull (cs_scene_find_box (scene, "name:x"));
  g_assert_nonnull (cs_scene_find_box (scene, "name:y"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scene/layout-parts/every-case", test_every_case);
  g_test_add_func ("/scene/layout-parts/transpose-focus", test_transpose_focus);
  g_test_add_func ("/scene/layout-parts/one-d", test_one_d);
  g_test_add_func ("/scene/layout-parts/empty-parts", test_empty_parts);
  g_test_add_func ("/scene/layout-parts/all-is-default", test_all_is_default);

  return g_test_run ();
}
