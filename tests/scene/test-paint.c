/* test-paint.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>

#include "cs-paint.h"
#include "cs-palette.h"
#include "cs-scene.h"

/* The painter on hand-built scenes, onto image surfaces: colours land
 * where the mockups put them, transitions end exactly on the still
 * picture, and the palettes keep their contrast promises.
 */

/* The seed article's sharing example, built by hand: a and a1 share S1. */
static CsScene *
sharing_scene (gboolean rebound)
{
  CsScene *scene = cs_scene_new ();
  CsBox *box;
  CsArrow *arrow;
  static const char *values[] = { "1", "0", "3", "4" };

  cs_scene_set_header (scene, 6, "a[1] = 0", 5, 6);
  cs_scene_set_caption (scene, "from_numpy shares a's memory.");

  box = cs_scene_add_box (scene, CS_BOX_PILL, "name:a", 200, 200, 64, 40);
  box->title = g_strdup ("a");
  box = cs_scene_add_box (scene, CS_BOX_PILL, "name:b", 200, 400, 64, 40);
  box->title = g_strdup ("b");

  box = cs_scene_add_box (scene, CS_BOX_CARD, "obj:1", 336, 176, 352, 96);
  box->title = g_strdup ("ndarray");
  box->subtitle = g_strdup ("int64");
  box = cs_scene_add_box (scene, CS_BOX_CARD, "obj:2", 336, 372, 352, 96);
  box->title = g_strdup ("Tensor");
  box->subtitle = g_strdup ("int64");

  box = cs_scene_add_box (scene, CS_BOX_STRIP, "storage:1", 888, 288, 56 + 4 * 72, 64);
  box->title = g_strdup ("S1");
  box->subtitle = g_strdup ("int64 · 32 bytes");
  box->color_index = 0;
  box->cap_width = 56;
  box->label_y = 288 + 64 + 22;
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u", i);
      CsCell *cell = cs_box_add_cell (box, 944 + 72 * i, 288, 72, 64, values[i], label);

      if (i == 1)
        {
          cell->changed = TRUE;
          cell->bold = TRUE;
          cell->old_text = g_strdup ("2");
        }
    }

  cs_scene_add_arrow (scene, "arrow:name:a", CS_ARROW_NEUTRAL, "name:a", rebound ? "obj:2" : "obj:1",
                      264, 220, 336, rebound ? 420 : 224);
  cs_scene_add_arrow (scene, "arrow:name:b", CS_ARROW_NEUTRAL, "name:b", "obj:2", 264, 420, 336, 420);
  arrow = cs_scene_add_arrow (scene, "arrow:storage:obj:1", CS_ARROW_STORAGE, "obj:1", "storage:1",
                              688, 224, 888, 312);
  arrow->color_index = 0;
  arrow = cs_scene_add_arrow (scene, "arrow:storage:obj:2", CS_ARROW_STORAGE, "obj:2", "storage:1",
                              688, 420, 888, 328);
  arrow->color_index = 0;
  return scene;
}

static cairo_surface_t *
paint (const CsScene   *prev,
       const CsScene   *next,
       double           t,
       const CsPalette *palette)
{
  int w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  cs_scene_get_size (next, 1, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cs_paint_scene (cr, prev, next, t, palette, 1);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static guint32
rgb (const CsColor *color)
{
  return (guint32) lround (color->red * 255) << 16 | (guint32) lround (color->green * 255) << 8
         | (guint32) lround (color->blue * 255);
}

static gboolean
close_to (guint32 a,
          guint32 b,
          int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (abs ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

static void
test_colours (void)
{
  g_autoptr (CsScene) scene = sharing_scene (FALSE);
  const CsPalette *light = cs_palette_get (CS_THEME_LIGHT);
  const CsPalette *dark = cs_palette_get (CS_THEME_DARK);
  cairo_surface_t *surface = paint (NULL, scene, 1, light);

  /* Canvas, header bar, card, storage cap, storage tint. */
  g_assert_cmphex (pixel (surface, 20, 500), ==, rgb (&light->canvas));
  g_assert_cmphex (pixel (surface, 800, 5), ==, rgb (&light->bar));
  g_assert_cmphex (pixel (surface, 600, 250), ==, rgb (&light->card));
  g_assert_cmphex (pixel (surface, 892, 340), ==, rgb (&light->storage_cap[0]));
  g_assert_cmphex (pixel (surface, 1190, 296), ==, rgb (&light->storage_tint[0]));
  /* The change ring sits 4 px outside the written cell. */
  g_assert_true (close_to (pixel (surface, 1016 + 36, 288 - 4), rgb (&light->change_ring), 40));
  cairo_surface_destroy (surface);

  surface = paint (NULL, scene, 1, dark);
  g_assert_cmphex (pixel (surface, 20, 500), ==, rgb (&dark->canvas));
  g_assert_cmphex (pixel (surface, 892, 340), ==, rgb (&dark->storage_cap[0]));
  cairo_surface_destroy (surface);
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  return cairo_image_surface_get_width (a) == cairo_image_surface_get_width (b)
         && h == cairo_image_surface_get_height (b)
         && memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), (gsize) h * stride) == 0;
}

static void
test_transition_ends_on_still (void)
{
  g_autoptr (CsScene) before = sharing_scene (FALSE);
  g_autoptr (CsScene) after = sharing_scene (TRUE);
  const CsPalette *light = cs_palette_get (CS_THEME_LIGHT);
  cairo_surface_t *still = paint (NULL, after, 1, light);
  cairo_surface_t *end = paint (before, after, 1, light);
  cairo_surface_t *middle = paint (before, after, 0.5, light);

  g_assert_true (same_pixels (still, end));
  g_assert_false (same_pixels (still, middle));
  cairo_surface_destroy (still);
  cairo_surface_destroy (end);
  cairo_surface_destroy (middle);
}

/* A rebound arrow swings during the first 60 % of the transition: at
 * t = 0.3 its tip is halfway between the old and the new target.
 */
static void
test_rebound_arrow_swings (void)
{
  g_autoptr (CsScene) before = sharing_scene (FALSE);
  g_autoptr (CsScene) after = sharing_scene (TRUE);
  const CsPalette *light = cs_palette_get (CS_THEME_LIGHT);
  cairo_surface_t *start = paint (before, after, 0, light);
  cairo_surface_t *middle = paint (before, after, 0.3, light);
  double e = cs_paint_ease (0.3 / 0.6);
  int tip_y = (int) lround (224 + (420 - 224) * e);

  g_assert_cmpfloat (cs_paint_ease (0), ==, 0);
  g_assert_cmpfloat (cs_paint_ease (1), ==, 1);
  g_assert_cmpfloat (e, ==, 0.5);
  /* At t = 0 the arrowhead is at its old target, at t = 0.3 halfway. */
  g_assert_true (close_to (pixel (start, 332, 224), rgb (&light->arrow_neutral), 60));
  g_assert_true (close_to (pixel (middle, 332, tip_y), rgb (&light->arrow_neutral), 60));
  g_assert_false (close_to (pixel (middle, 332, 224), rgb (&light->arrow_neutral), 60));
  cairo_surface_destroy (start);
  cairo_surface_destroy (middle);
}

static void
test_scene_queries (void)
{
  g_autoptr (CsScene) scene = sharing_scene (FALSE);
  const CsBox *strip = cs_scene_find_box (scene, "storage:1");
  const CsArrow *arrow = cs_scene_find_arrow (scene, "arrow:storage:obj:2");
  g_autofree char *text = cs_scene_to_text (scene);
  double x, y;

  g_assert_nonnull (strip);
  g_assert_true (cs_box_on_edge (strip, arrow->x1, arrow->y1, 0.5));
  g_assert_false (cs_box_on_edge (strip, 1000, 320, 0.5));
  cs_arrow_point_at (arrow, 0, &x, &y);
  g_assert_cmpfloat (x, ==, arrow->x0);
  cs_arrow_point_at (arrow, 1, &x, &y);
  g_assert_cmpfloat (y, ==, arrow->y1);
  g_assert_nonnull (strstr (text, "Storage S1 is shared by 2 objects"));
  g_assert_nonnull (strstr (text, "0 (was 2)"));
  g_assert_true (cs_scene_box_at (scene, 1000, 320) == strip);
  g_assert_cmpstr (cs_scene_box_at (scene, 220, 220)->key, ==, "name:a");
  g_assert_null (cs_scene_box_at (scene, 10, 500));
  g_assert_nonnull (strstr (text, "name a [name:a] -> object ndarray int64 [obj:1]"));
}

static void
test_palette_contrast (void)
{
  for (CsTheme theme = CS_THEME_LIGHT; theme <= CS_THEME_HIGH_CONTRAST; theme++)
    {
      const CsPalette *p = cs_palette_get (theme);

      g_assert_cmpfloat (cs_color_contrast_ratio (&p->text, &p->canvas), >=, 4.5);
      g_assert_cmpfloat (cs_color_contrast_ratio (&p->text, &p->card), >=, 4.5);
      g_assert_cmpfloat (cs_color_contrast_ratio (&p->text_secondary, &p->canvas), >=, 4.5);
      g_assert_cmpfloat (cs_color_contrast_ratio (&p->text_dim, &p->canvas), >=, 4.0);
      g_assert_cmpfloat (cs_color_contrast_ratio (&p->arrow_neutral, &p->canvas), >=, 3.0);
      for (guint i = 0; i < CS_PALETTE_N_STORAGE_COLORS; i++)
        {
          static const CsColor white = { 1, 1, 1, 1 };

          g_assert_cmpfloat (cs_color_contrast_ratio (&p->storage_line[i], &p->canvas), >=, 3.0);
          g_assert_cmpfloat (cs_color_contrast_ratio (&p->text, &p->storage_tint[i]), >=, 4.5);
          /* Cap labels are large bold white text. */
          g_assert_cmpfloat (cs_color_contrast_ratio (&white, &p->storage_cap[i]), >=, 3.0);
        }
    }
  g_assert_true (cs_palette_for_name ("dark") == cs_palette_get (CS_THEME_DARK));
  g_assert_true (cs_palette_for_name ("high-contrast") == cs_palette_get (CS_THEME_HIGH_CONTRAST));
  g_assert_null (cs_palette_for_name ("purple"));
}

/* A gradient pulse rides its edge during its share of the transition and
 * stays as a quiet capsule afterwards; .grad fills at the end.
 */
static void
test_gradient_pulse (void)
{
  g_autoptr (CsScene) before = cs_scene_new ();
  g_autoptr (CsScene) after = cs_scene_new ();
  const CsPalette *light = cs_palette_get (CS_THEME_LIGHT);
  cairo_surface_t *riding, *done;
  CsArrow *edge;
  CsBox *box;
  double mx, my;

  for (guint k = 0; k < 2; k++)
    {
      CsScene *scene = k == 0 ? before : after;

      box = cs_scene_add_box (scene, CS_BOX_NODE, "node:1", 600, 200, 160, 40);
      box->title = g_strdup ("MulBackward0");
      box = cs_scene_add_box (scene, CS_BOX_NODE, "node:2", 600, 500, 160, 40);
      box->title = g_strdup ("AccumulateGrad");
      box->flags |= CS_BOX_FLAG_DOUBLE;
      edge = cs_scene_add_arrow (scene, "edge:1:2", CS_ARROW_GRAPH, "node:1", "node:2", 680, 240, 680, 500);
      if (k == 1)
        {
          edge->capsule = g_strdup ("[2., 4.]");
          edge->pulse_order = 0;
          scene->n_pulses = 1;
          box = cs_scene_add_box (scene, CS_BOX_MINI_STRIP, "grad:9", 800, 600, 80, 28);
          box->title = g_strdup ("x.grad");
          box->flags |= CS_BOX_FLAG_CHANGED;
          cs_box_add_cell (box, 800, 600, 40, 28, "2.", NULL);
          cs_box_add_cell (box, 840, 600, 40, 28, "4.", NULL);
        }
    }

  /* Halfway through its 85 % share the capsule (filled purple) is near
   * the middle of the edge, which is drawn purple too.
   */
  riding = paint (before, after, 0.425, light);
  cs_arrow_point_at (edge, 0.1 + 0.8 * cs_paint_ease (0.5), &mx, &my);
  g_assert_true (close_to (pixel (riding, (int) mx - 37, (int) my), rgb (&light->autograd), 40));
  /* .grad has not filled yet: the strip's cell is still canvas. */
  g_assert_cmphex (pixel (riding, 820, 614), ==, rgb (&light->canvas));

  done = paint (NULL, after, 1, light);
  cs_arrow_point_at (edge, 0.5, &mx, &my);
  g_assert_true (close_to (pixel (done, (int) mx - 37, (int) my), rgb (&light->autograd_tint), 12));
  g_assert_cmphex (pixel (done, 808, 606), ==, rgb (&light->autograd_tint));
  cairo_surface_destroy (riding);
  cairo_surface_destroy (done);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scene/paint/colours", test_colours);
  g_test_add_func ("/scene/paint/transition-ends-on-still", test_transition_ends_on_still);
  g_test_add_func ("/scene/paint/rebound-arrow-swings", test_rebound_arrow_swings);
  g_test_add_func ("/scene/paint/queries", test_scene_queries);
  g_test_add_func ("/scene/paint/palette-contrast", test_palette_contrast);
  g_test_add_func ("/scene/paint/gradient-pulse", test_gradient_pulse);

  return g_test_run ();
}
