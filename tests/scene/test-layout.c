/* test-layout.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "cs-layout.h"
#include "cs-layout-facts.h"
#include "cs-paint.h"
#include "cs-palette.h"
#include "cs-scenario.h"

/* Structural checks of the layout over every public conformance case,
 * laid out from the golden facts that real Python/PyTorch recorded.
 * With COPYSCOPE_SCENE_DUMP=DIR every step is also written as a PNG there.
 */

static char *
public_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "conformance", "public", NULL);
}

static GPtrArray *
public_cases (void)
{
  g_autofree char *dir = public_dir ();
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *cases = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (cases, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (cases, (GCompareFunc) g_strcmp0);
  return cases;
}

static gboolean
is_solid (const CsBox *box)
{
  return box->kind != CS_BOX_PANEL;
}

static void
check_no_overlap (const CsScene *scene,
                  const char    *where)
{
  for (guint i = 0; i < scene->boxes->len; i++)
    {
      const CsBox *a = g_ptr_array_index (scene->boxes, i);

      g_assert_true (a->width > 0 && a->height > 0);
      g_assert_true (a->x >= 0 && a->x + a->width <= scene->width);
      g_assert_true (a->y >= (scene->has_frame ? CS_SCENE_HEADER_HEIGHT : 0));
      g_assert_true (a->y + a->height <= scene->height - (scene->has_frame ? CS_SCENE_CAPTION_HEIGHT : 0));
      if (!is_solid (a))
        continue;
      for (guint j = i + 1; j < scene->boxes->len; j++)
        {
          const CsBox *b = g_ptr_array_index (scene->boxes, j);

          if (!is_solid (b))
            continue;
          if (cs_box_overlaps (a, b, 0))
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

      g_assert_nonnull (source);
      g_assert_nonnull (target);
      /* Starts on (or, for a slot dot, inside) its source. */
      g_assert_true (cs_box_contains_point (source, arrow->x0, arrow->y0, 0.5));
      if (source->kind == CS_BOX_PILL || source->kind == CS_BOX_CARD)
        g_assert_true (cs_box_on_edge (source, arrow->x0, arrow->y0, 0.5));
      /* The tip touches the target's edge exactly. */
      if (!cs_box_on_edge (target, arrow->x1, arrow->y1, 0.5))
        g_error ("%s: arrow %s ends at %.1f,%.1f off %s", where, arrow->key, arrow->x1, arrow->y1, target->key);
      if (arrow->style == CS_ARROW_STORAGE)
        {
          /* Object → storage arrows land on the cap's left edge. */
          g_assert_cmpint (target->kind, ==, CS_BOX_STRIP);
          g_assert_cmpfloat (fabs (arrow->x1 - target->x), <, 0.01);
        }
    }
}

/* The strip a name's array points into, or NULL. */
static const char *
strip_of_name (const CsScene *scene,
               const char    *name)
{
  g_autofree char *key = g_strdup_printf ("arrow:name:%s", name);
  const CsArrow *to_card = cs_scene_find_arrow (scene, key);
  g_autofree char *storage_key = NULL;
  const CsArrow *to_strip;

  if (to_card == NULL)
    return NULL;
  storage_key = g_strdup_printf ("arrow:storage:%s", to_card->target_key);
  to_strip = cs_scene_find_arrow (scene, storage_key);
  return to_strip ? to_strip->target_key : NULL;
}

/* Names whose arrays share a storage in the facts point into one strip;
 * the others do not.
 */
static void
check_sharing (const CsScene *scene,
               JsonObject    *step,
               const char    *where)
{
  JsonObject *names = json_object_get_object_member (step, "names");
  JsonObject *objects = json_object_get_object_member (step, "objects");
  g_autoptr (GList) members = json_object_get_members (names);

  for (GList *a = members; a != NULL; a = a->next)
    for (GList *b = a->next; b != NULL; b = b->next)
      {
        JsonObject *ra = json_object_get_object_member (names, a->data);
        JsonObject *rb = json_object_get_object_member (names, b->data);
        JsonObject *oa, *ob;
        const char *sa, *sb;
        gboolean same;

        if (!json_object_has_member (ra, "ref") || !json_object_has_member (rb, "ref"))
          continue;
        oa = json_object_get_object_member (objects, json_object_get_string_member (ra, "ref"));
        ob = json_object_get_object_member (objects, json_object_get_string_member (rb, "ref"));
        if (!json_object_has_member (oa, "storage") || !json_object_has_member (ob, "storage"))
          continue;
        sa = strip_of_name (scene, a->data);
        sb = strip_of_name (scene, b->data);
        g_assert_nonnull (sa);
        g_assert_nonnull (sb);
        same = g_strcmp0 (json_object_get_string_member (oa, "storage"),
                          json_object_get_string_member (ob, "storage")) == 0;
        if (same != (g_strcmp0 (sa, sb) == 0))
          g_error ("%s: %s and %s share=%d but point into %s and %s", where,
                   (char *) a->data, (char *) b->data, same, sa, sb);
      }
}

static gboolean
same_heap (JsonObject *a,
           JsonObject *b)
{
  g_autoptr (JsonNode) na = json_node_init_object (json_node_alloc (), a);
  g_autoptr (JsonNode) nb = json_node_init_object (json_node_alloc (), b);
  JsonNode *names_a = json_object_get_member (a, "names");
  JsonNode *names_b = json_object_get_member (b, "names");
  JsonNode *obj_a = json_object_get_member (a, "objects");
  JsonNode *obj_b = json_object_get_member (b, "objects");

  return json_node_equal (names_a, names_b) && json_node_equal (obj_a, obj_b);
}

static void
check_stable (const CsScene *prev,
              const CsScene *next,
              const char    *where)
{
  for (guint i = 0; i < next->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (next->boxes, i);
      const CsBox *before = cs_scene_find_box (prev, box->key);

      g_assert_nonnull (before);
      if (fabs (before->x - box->x) > 0.01 || fabs (before->y - box->y) > 0.01)
        g_error ("%s: %s moved although the heap did not change", where, box->key);
    }
}

static void
dump_png (const CsScene *scene,
          const char    *path,
          guint          index)
{
  const char *dir = g_getenv ("COPYSCOPE_SCENE_DUMP");
  g_autofree char *base = NULL;
  g_autofree char *file = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;

  if (dir == NULL)
    return;
  base = g_path_get_basename (path);
  *strrchr (base, '.') = '\0';
  cs_scene_get_size (scene, 1, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cs_paint_scene (cr, NULL, scene, 1, cs_palette_get (g_getenv ("COPYSCOPE_SCENE_DARK") ? CS_THEME_DARK : CS_THEME_LIGHT), 1);
  file = g_strdup_printf ("%s/%s-%02u.png", dir, base, index + 1);
  g_assert_cmpint (cairo_surface_write_to_png (surface, file), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_public_cases (void)
{
  g_autoptr (GPtrArray) cases = public_cases ();
  guint checked = 0;

  g_assert_cmpuint (cases->len, >=, 20);
  for (guint c = 0; c < cases->len; c++)
    {
      const char *path = g_ptr_array_index (cases, c);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) scenes = cs_layout_facts_file (path, NULL, &error);
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonArray *steps;

      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      steps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "steps");
      g_assert_cmpuint (scenes->len, ==, json_array_get_length (steps));

      for (guint i = 0; i < scenes->len; i++)
        {
          const CsScene *scene = g_ptr_array_index (scenes, i);
          JsonObject *step = json_array_get_object_element (steps, i);
          g_autofree char *where = g_strdup_printf ("%s step %u", path, i + 1);
          g_autofree char *text = cs_scene_to_text (scene);

          check_no_overlap (scene, where);
          check_arrows (scene, where);
          check_sharing (scene, step, where);
          if (i > 0 && same_heap (json_array_get_object_element (steps, i - 1), step))
            check_stable (g_ptr_array_index (scenes, i - 1), scene, where);
          g_assert_nonnull (strstr (text, "Step "));
          dump_png (scene, path, i);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 100);
}

/* The same checks on the engine's own traces of the public cases. */
static void
test_engine_cases (void)
{
  g_autoptr (GPtrArray) cases = public_cases ();
  guint checked = 0;

  for (guint c = 0; c < cases->len; c++)
    {
      const char *json = g_ptr_array_index (cases, c);
      g_autofree char *py = g_strndup (json, strlen (json) - 5);
      g_autofree char *path = g_strconcat (py, ".py", NULL);
      g_autofree char *text = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (CsTrace) trace = NULL;
      g_autoptr (GPtrArray) scenes = NULL;

      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonArray *golden;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      trace = cs_scenario_run (path, text, -1, NULL, &error);
      g_assert_no_error (error);
      scenes = cs_layout_trace (trace, NULL);
      g_assert_cmpuint (scenes->len, ==, cs_trace_get_n_steps (trace));
      /* Sharing as real PyTorch recorded it (the golden facts). */
      g_assert_true (json_parser_load_from_file (parser, json, NULL));
      golden = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "steps");
      for (guint i = 0; i < scenes->len; i++)
        {
          const CsScene *scene = g_ptr_array_index (scenes, i);
          const CsStep *step = cs_trace_get_step (trace, i);
          g_autofree char *where = g_strdup_printf ("%s step %u (engine)", path, i + 1);

          check_no_overlap (scene, where);
          check_arrows (scene, where);
          g_assert_cmpuint (scene->line, ==, step->line);
          if (i < json_array_get_length (golden))
            check_sharing (scene, json_array_get_object_element (golden, i), where);
          if (i > 0 && step->events != NULL && step->events->len == 0
              && step->snapshot == cs_trace_get_step (trace, i - 1)->snapshot)
            check_stable (g_ptr_array_index (scenes, i - 1), scene, where);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 100);
}

/* The copy.copy lesson (article section 2): b's outer list is new, its
 * first slot points at the very inner list a[0] points at.
 */
static void
test_copy_shares_inner (void)
{
  g_autofree char *dir = public_dir ();
  g_autofree char *path = g_build_filename (dir, "03_article_copy_copy.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) scenes = cs_layout_facts_file (path, NULL, &error);
  const CsScene *scene;
  const CsArrow *a0, *b0;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  scene = g_ptr_array_index (scenes, 5);   /* a[0][0] = 0 */
  {
    g_autofree char *ka = g_strdup_printf ("arrow:slot:%s:0", cs_scene_find_arrow (scene, "arrow:name:a")->target_key);
    g_autofree char *kb = g_strdup_printf ("arrow:slot:%s:0", cs_scene_find_arrow (scene, "arrow:name:b")->target_key);

    a0 = cs_scene_find_arrow (scene, ka);
    b0 = cs_scene_find_arrow (scene, kb);
  }
  g_assert_nonnull (a0);
  g_assert_nonnull (b0);
  g_assert_cmpstr (a0->target_key, ==, b0->target_key);
  g_assert_nonnull (cs_scene_find_box (scene, "name:a"));
  g_assert_nonnull (cs_scene_find_box (scene, "name:b"));

  /* The written slot shows 1 → 0. */
  {
    const CsBox *inner = cs_scene_find_box (scene, a0->target_key);
    const CsCell *cell = g_ptr_array_index (inner->cells, 0);

    g_assert_cmpstr (cell->text, ==, "0");
    g_assert_cmpstr (cell->old_text, ==, "1");
    g_assert_true (cell->changed);
  }

  text = cs_scene_to_text (scene);
  g_assert_nonnull (strstr (text, "note: a[0] is b[0]"));
}

/* The transpose lesson: x and y share S1; y is not contiguous; y's
 * logical indices are written under the cells.
 */
static void
test_transpose_shares (void)
{
  g_autofree char *dir = public_dir ();
  g_autofree char *path = g_build_filename (dir, "07_article_transpose_view.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) scenes = cs_layout_facts_file (path, NULL, &error);
  const CsScene *scene;
  const CsBox *strip;
  g_autofree char *text = NULL;
  gboolean saw_labels = FALSE;

  g_assert_no_error (error);
  scene = g_ptr_array_index (scenes, scenes->len - 1);
  strip = cs_scene_find_box (scene, strip_of_name (scene, "x"));
  g_assert_nonnull (strip);
  g_assert_cmpstr (strip->title, ==, "S1");
  g_assert_cmpuint (strip->cells->len, ==, 6);
  for (guint i = 0; i < strip->lanes->len; i++)
    {
      const CsLane *lane = g_ptr_array_index (strip->lanes, i);

      if (lane->kind == CS_LANE_LABELS && g_strcmp0 (lane->title, "y") == 0)
        {
          /* y = x.T with x of shape (3, 2): y[0,1] lives in cell 2. */
          g_assert_cmpstr (lane->labels[2], ==, "[0,1]");
          g_assert_cmpstr (lane->labels[1], ==, "[1,0]");
          saw_labels = TRUE;
        }
    }
  g_assert_true (saw_labels);
  text = cs_scene_to_text (scene);
  g_assert_cmpstr (strip_of_name (scene, "x"), ==, strip_of_name (scene, "y"));
  g_assert_nonnull (strstr (text, "Storage S1 is shared by 2 objects"));
  g_assert_nonnull (strstr (text, "not contiguous"));

  /* The stride panel explains y: y[1, 2] lives in cell 0 + 1·1 + 2·2 = 5. */
  g_assert_nonnull (strstr (text, "Formula: offset + i·1 + j·2"));
  g_assert_nonnull (cs_scene_find_box (scene, "panel:stride"));
  {
    const CsBox *example = cs_scene_find_box (scene, "example:stride");
    const CsArrow *focus = NULL;

    g_assert_cmpstr (example->title, ==, "y[1, 2] → 0 + 1·1 + 2·2 = 5");
    for (guint i = 0; i < scene->arrows->len; i++)
      {
        const CsArrow *arrow = g_ptr_array_index (scene->arrows, i);

        if (arrow->style == CS_ARROW_MAPPING && arrow->focus)
          focus = arrow;
      }
    g_assert_nonnull (focus);
    {
      const CsCell *cell5 = g_ptr_array_index (strip->cells, 5);

      g_assert_cmpfloat (fabs (focus->x1 - (cell5->x + cell5->width / 2)), <, 0.01);
      g_assert_true (cell5->focus);
    }
  }
}

static GPtrArray *
facts_scenes (const char *name)
{
  g_autofree char *dir = public_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  GPtrArray *scenes = cs_layout_facts_file (path, NULL, &error);

  g_assert_no_error (error);
  return scenes;
}

/* Article section 1: b = a then a[2] = 5 writes one shared storage; then
 * a = torch.rand(4) makes a new tensor and leaves b with the old one.
 */
static void
test_alias_then_rebind (void)
{
  g_autoptr (GPtrArray) alias = facts_scenes ("01_article_assign_alias.json");
  g_autoptr (GPtrArray) rebind = facts_scenes ("02_article_assign_rebind.json");
  const CsScene *scene = g_ptr_array_index (alias, 5);   /* a[2] = 5 */
  const CsBox *strip = cs_scene_find_box (scene, strip_of_name (scene, "a"));
  const CsCell *cell = g_ptr_array_index (strip->cells, 2);
  const CsScene *before, *after;
  const CsBox *card;

  g_assert_cmpstr (strip_of_name (scene, "a"), ==, strip_of_name (scene, "b"));
  g_assert_cmpstr (cell->text, ==, "5.");
  g_assert_nonnull (cell->old_text);
  g_assert_true (cell->changed);

  before = g_ptr_array_index (rebind, 4);   /* b = a, printed */
  after = g_ptr_array_index (rebind, 5);    /* a = torch.rand(4) */
  g_assert_cmpstr (strip_of_name (before, "a"), ==, strip_of_name (before, "b"));
  g_assert_cmpstr (strip_of_name (after, "a"), !=, strip_of_name (after, "b"));
  /* b keeps the old tensor and storage S1; a's tensor and S2 are new. */
  g_assert_cmpstr (strip_of_name (after, "b"), ==, strip_of_name (before, "b"));
  g_assert_cmpstr (cs_scene_find_box (after, strip_of_name (after, "b"))->title, ==, "S1");
  g_assert_cmpstr (cs_scene_find_box (after, strip_of_name (after, "a"))->title, ==, "S2");
  card = cs_scene_find_box (after, cs_scene_find_arrow (after, "arrow:name:a")->target_key);
  g_assert_true (card->flags & CS_BOX_FLAG_NEW);
  card = cs_scene_find_box (after, cs_scene_find_arrow (after, "arrow:name:b")->target_key);
  g_assert_false (card->flags & CS_BOX_FLAG_NEW);
  g_assert_true (cs_scene_find_box (after, "name:a")->flags & CS_BOX_FLAG_CHANGED);
}

/* Without the frame the scene is only the memory picture (the canvas). */
static void
test_no_frame (void)
{
  g_autofree char *dir = public_dir ();
  g_autofree char *path = g_build_filename (dir, "03_article_copy_copy.json", NULL);
  g_autoptr (GPtrArray) scenes = NULL;
  g_autoptr (GError) error = NULL;
  CsLayoutOptions options;
  const CsScene *scene;
  const CsBox *pill;

  cs_layout_options_init (&options);
  options.frame = FALSE;
  options.font_scale = 1.5;
  scenes = cs_layout_facts_file (path, &options, &error);
  g_assert_no_error (error);
  scene = g_ptr_array_index (scenes, 3);
  g_assert_false (scene->has_frame);
  g_assert_cmpfloat (scene->font_scale, ==, 1.5);
  pill = cs_scene_find_box (scene, "name:a");
  g_assert_nonnull (pill);
  g_assert_cmpfloat (pill->y, <, CS_SCENE_HEADER_HEIGHT + 88);
  check_no_overlap (scene, "no frame");
  check_arrows (scene, "no frame");

  /* The first step binds nothing: the picture says so in words. */
  {
    g_autofree char *text = NULL;

    scene = g_ptr_array_index (scenes, 0);
    g_assert_cmpuint (scene->boxes->len, ==, 0);
    g_assert_cmpuint (scene->texts->len, ==, 1);
    text = g_strdup (((CsText *) g_ptr_array_index (scene->texts, 0))->text);
    g_assert_nonnull (strstr (text, "No names"));
  }
}

/* Deep nesting, long lists, long names and cycles stay bounded. */
static void
test_limits (void)
{
  static const char source[] =
    "a = []\n"
    "for i in range(300):\n"
    "    a = [a, i]\n"
    "b = list(range(1000))\n"
    "c = {'k' * 100: b, 'x': [b, b, a]}\n"
    "veryveryveryveryveryverylongname_for_a_value = 'some long string value here'\n"
    "d = [c, c, c]\n"
    "d.append(d)\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CsTrace) trace = cs_scenario_run ("big.py", source, -1, NULL, &error);
  g_autoptr (GPtrArray) scenes = NULL;
  const CsScene *last;
  const CsBox *list_b;

  g_assert_no_error (error);
  scenes = cs_layout_trace (trace, NULL);
  g_assert_cmpuint (scenes->len, ==, 7);
  last = g_ptr_array_index (scenes, 6);
  check_no_overlap (last, "limits");
  check_arrows (last, "limits");
  /* A 1000-item list shows 15 slots and a "…" slot for the rest. */
  list_b = cs_scene_find_box (last, cs_scene_find_arrow (last, "arrow:name:b")->target_key);
  g_assert_cmpuint (list_b->cells->len, ==, 16);
  g_assert_cmpstr (((CsCell *) g_ptr_array_index (list_b->cells, 15))->label, ==, "+985");
  /* The nesting is drawn, but no deeper than the walk allows. */
  g_assert_cmpuint (last->boxes->len, <, 2000);
}

static GHashTable *
new_numbers (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* Every storage of @a has the same S number in @b, and @b has no others. */
static void
assert_same_numbers (GHashTable *a,
                     GHashTable *b,
                     const char *where)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (g_hash_table_lookup (b, key)) != GPOINTER_TO_UINT (value))
        g_error ("%s: storage %" G_GUINT64_FORMAT " is S%u in one numbering, S%u in the other",
                 where, *(guint64 *) key, GPOINTER_TO_UINT (value),
                 GPOINTER_TO_UINT (g_hash_table_lookup (b, key)));
    }
  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
}

/* The window numbers a run's storages up front with
 * cs_layout_number_storages() and lays steps out one at a time later; the
 * export lays the whole run out with cs_layout_trace().  Both must give
 * each storage of @text the S number that laying the steps out in turn
 * gives it from the picture's own row order.
 * Returns: (transfer full): the window's numbering
 */
static GHashTable *
check_storage_numbers (const char *path,
                       const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CsTrace) trace = cs_scenario_run (path, text, -1, NULL, &error);
  g_autoptr (GHashTable) window = new_numbers ();
  g_autoptr (GHashTable) drawn = new_numbers ();
  g_autoptr (GHashTable) exported = new_numbers ();
  g_autoptr (GPtrArray) scenes = NULL;
  CsLayoutOptions options;
  guint n;

  g_assert_no_error (error);
  n = cs_trace_get_n_steps (trace);

  /* The window's way (app/cs-window-document.c calls this). */
  cs_layout_number_storages (trace, window);

  /* The picture's own numbering: each step laid out in turn, the strips
   * numbered as they come in its rows.
   */
  cs_layout_options_init (&options);
  options.storage_numbers = drawn;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CsScene) scene = cs_layout_snapshot (cs_trace_get_step (trace, i),
                                                      i > 0 ? cs_trace_get_step (trace, i - 1) : NULL,
                                                      i, n, &options);

      g_assert_nonnull (scene);
    }

  /* The export's way. */
  cs_layout_options_init (&options);
  options.storage_numbers = exported;
  scenes = cs_layout_trace (trace, &options);
  g_assert_cmpuint (scenes->len, ==, n);

  assert_same_numbers (window, drawn, path);
  assert_same_numbers (exported, drawn, path);
  return g_steal_pointer (&window);
}

/* The S number of the storage name @name's array has at the last step. */
static guint
number_of_name (GHashTable *numbers,
                CsTrace    *trace,
                const char *name)
{
  const CsSnapshot *snapshot = cs_trace_get_step (trace, cs_trace_get_n_steps (trace) - 1)->snapshot;

  for (guint i = 0; i < snapshot->n_names; i++)
    if (g_strcmp0 (snapshot->names[i].name, name) == 0)
      {
        const CsSnapObject *object = cs_snapshot_lookup (snapshot, snapshot->names[i].serial);

        g_assert_nonnull (object);
        g_assert_nonnull (object->array);
        return GPOINTER_TO_UINT (g_hash_table_lookup (numbers, &object->array->storage_serial));
      }
  g_assert_not_reached ();
  return 0;
}

static void
test_storage_numbers (void)
{
  /* Several storages in one step: the names in binding order, each
   * followed depth first through what it holds.
   */
  static const char *source =
    "import torch\n"
    "a, b = torch.zeros(2), torch.ones(3)\n"
    "c = [torch.arange(4), [torch.ones(2)], torch.zeros(1)]\n"
    "d = c[1][0]\n"
    "e = c[2]\n"
    "f = a.view(2, 1)\n";
  g_autoptr (GPtrArray) cases = public_cases ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CsTrace) trace = cs_scenario_run ("numbers.py", source, -1, NULL, &error);
  g_autoptr (GHashTable) numbers = NULL;
  guint numbered = 0, several = 0;

  g_assert_no_error (error);
  numbers = check_storage_numbers ("numbers.py", source);
  g_assert_cmpuint (g_hash_table_size (numbers), ==, 5);
  g_assert_cmpuint (number_of_name (numbers, trace, "a"), ==, 1);
  g_assert_cmpuint (number_of_name (numbers, trace, "b"), ==, 2);
  g_assert_cmpuint (number_of_name (numbers, trace, "d"), ==, 4);
  g_assert_cmpuint (number_of_name (numbers, trace, "e"), ==, 5);
  g_assert_cmpuint (number_of_name (numbers, trace, "f"), ==, 1);

  for (guint c = 0; c < cases->len; c++)
    {
      const char *json = g_ptr_array_index (cases, c);
      g_autofree char *py = g_strndup (json, strlen (json) - 5);
      g_autofree char *path = g_strconcat (py, ".py", NULL);
      g_autofree char *text = NULL;
      g_autoptr (GHashTable) window = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      window = check_storage_numbers (path, text);
      numbered += g_hash_table_size (window);
      if (g_hash_table_size (window) > 1)
        several++;
    }
  /* The public cases have many arrays, several of them in one run. */
  g_assert_cmpuint (numbered, >, 20);
  g_assert_cmpuint (several, >, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scene/layout/public-cases", test_public_cases);
  g_test_add_func ("/scene/layout/engine-cases", test_engine_cases);
  g_test_add_func ("/scene/layout/copy-shares-inner", test_copy_shares_inner);
  g_test_add_func ("/scene/layout/transpose-shares", test_transpose_shares);
  g_test_add_func ("/scene/layout/alias-then-rebind", test_alias_then_rebind);
  g_test_add_func ("/scene/layout/no-frame", test_no_frame);
  g_test_add_func ("/scene/layout/limits", test_limits);
  g_test_add_func ("/scene/layout/storage-numbers", test_storage_numbers);

  return g_test_run ();
}
