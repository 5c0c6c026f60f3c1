/* cs-scene.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-scene.h"

static void
badge_free (gpointer data)
{
  CsBadge *badge = data;

  g_free (badge->text);
  g_free (badge);
}

static void
fact_free (gpointer data)
{
  CsFact *fact = data;

  g_free (fact->key);
  g_free (fact->value);
  g_strfreev (fact->mini);
  g_free (fact);
}

static void
cell_free (gpointer data)
{
  CsCell *cell = data;

  g_free (cell->text);
  g_free (cell->label);
  g_free (cell->old_text);
  g_free (cell);
}

static void
lane_free (gpointer data)
{
  CsLane *lane = data;

  g_free (lane->title);
  g_strfreev (lane->labels);
  g_free (lane->covered);
  g_free (lane);
}

static void
box_free (gpointer data)
{
  CsBox *box = data;

  g_free (box->key);
  g_free (box->ref_key);
  g_free (box->title);
  g_free (box->subtitle);
  g_free (box->note);
  g_ptr_array_unref (box->badges);
  g_ptr_array_unref (box->facts);
  g_ptr_array_unref (box->cells);
  g_ptr_array_unref (box->lanes);
  g_free (box);
}

static void
arrow_free (gpointer data)
{
  CsArrow *arrow = data;

  g_free (arrow->key);
  g_free (arrow->source_key);
  g_free (arrow->target_key);
  g_free (arrow->capsule);
  g_free (arrow);
}

static void
text_free (gpointer data)
{
  CsText *text = data;

  g_free (text->text);
  g_free (text);
}

/**
 * cs_scene_new:
 *
 * Returns: (transfer full): an empty scene of 1600×900 units
 */
CsScene *
cs_scene_new (void)
{
  CsScene *scene = g_new0 (CsScene, 1);

  scene->ref_count = 1;
  scene->box_index = g_hash_table_new (g_str_hash, g_str_equal);
  scene->arrow_index = g_hash_table_new (g_str_hash, g_str_equal);
  scene->width = 1600;
  scene->height = 900;
  scene->font_scale = 1.0;
  scene->boxes = g_ptr_array_new_with_free_func (box_free);
  scene->arrows = g_ptr_array_new_with_free_func (arrow_free);
  scene->texts = g_ptr_array_new_with_free_func (text_free);
  return scene;
}

CsScene *
cs_scene_ref (CsScene *scene)
{
  g_return_val_if_fail (scene != NULL, NULL);

  g_atomic_int_inc (&scene->ref_count);
  return scene;
}

void
cs_scene_unref (CsScene *scene)
{
  g_return_if_fail (scene != NULL);

  if (!g_atomic_int_dec_and_test (&scene->ref_count))
    return;

  g_hash_table_unref (scene->box_index);
  g_hash_table_unref (scene->arrow_index);
  g_ptr_array_unref (scene->boxes);
  g_ptr_array_unref (scene->arrows);
  g_ptr_array_unref (scene->texts);
  g_free (scene->code);
  g_free (scene->caption);
  g_free (scene->error);
  g_free (scene);
}

/**
 * cs_scene_add_box:
 *
 * Adds a box; a later box with the same key replaces the first in
 * cs_scene_find_box() (keys should be unique).
 *
 * Returns: (transfer none): the new box, owned by @scene
 */
CsBox *
cs_scene_add_box (CsScene    *scene,
                  CsBoxKind   kind,
                  const char *key,
                  double      x,
                  double      y,
                  double      width,
                  double      height)
{
  CsBox *box;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  box = g_new0 (CsBox, 1);
  box->kind = kind;
  box->key = g_strdup (key);
  box->x = x;
  box->y = y;
  box->width = width;
  box->height = height;
  box->color_index = -1;
  box->badges = g_ptr_array_new_with_free_func (badge_free);
  box->facts = g_ptr_array_new_with_free_func (fact_free);
  box->cells = g_ptr_array_new_with_free_func (cell_free);
  box->lanes = g_ptr_array_new_with_free_func (lane_free);
  g_ptr_array_add (scene->boxes, box);
  g_hash_table_insert (scene->box_index, box->key, box);
  return box;
}

/**
 * cs_scene_add_arrow:
 * @x0: start (centre of the start dot)
 * @x1: tip of the arrowhead
 *
 * Returns: (transfer none): the new arrow, owned by @scene
 */
CsArrow *
cs_scene_add_arrow (CsScene      *scene,
                    const char   *key,
                    CsArrowStyle  style,
                    const char   *source_key,
                    const char   *target_key,
                    double        x0,
                    double        y0,
                    double        x1,
                    double        y1)
{
  CsArrow *arrow;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  arrow = g_new0 (CsArrow, 1);
  arrow->key = g_strdup (key);
  arrow->style = style;
  arrow->route = style == CS_ARROW_GRAPH || style == CS_ARROW_DETACH
                 ? CS_ROUTE_VERTICAL : CS_ROUTE_HORIZONTAL;
  arrow->source_key = g_strdup (source_key);
  arrow->target_key = g_strdup (target_key);
  arrow->color_index = -1;
  arrow->x0 = x0;
  arrow->y0 = y0;
  arrow->x1 = x1;
  arrow->y1 = y1;
  arrow->dot_radius = style == CS_ARROW_NEUTRAL || style == CS_ARROW_STORAGE ? 4 : 0;
  arrow->pulse_order = -1;
  g_ptr_array_add (scene->arrows, arrow);
  g_hash_table_insert (scene->arrow_index, arrow->key, arrow);
  return arrow;
}

/**
 * cs_scene_add_text:
 *
 * Returns: (transfer none): the new text run, owned by @scene
 */
CsText *
cs_scene_add_text (CsScene    *scene,
                   CsTextRole  role,
                   double      x,
                   double      baseline,
                   const char *text)
{
  CsText *run;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  run = g_new0 (CsText, 1);
  run->role = role;
  run->x = x;
  run->baseline = baseline;
  run->text = g_strdup (text);
  g_ptr_array_add (scene->texts, run);
  return run;
}

CsBadge *
cs_box_add_badge (CsBox        *box,
                  const char   *text,
                  CsBadgeStyle  style)
{
  CsBadge *badge;

  g_return_val_if_fail (box != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  badge = g_new0 (CsBadge, 1);
  badge->text = g_strdup (text);
  badge->style = style;
  g_ptr_array_add (box->badges, badge);
  return badge;
}

CsFact *
cs_box_add_fact (CsBox        *box,
                 const char   *key,
                 const char   *value,
                 CsValueStyle  style)
{
  CsFact *fact;

  g_return_val_if_fail (box != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  fact = g_new0 (CsFact, 1);
  fact->key = g_strdup (key);
  fact->value = g_strdup (value != NULL ? value : "");
  fact->style = style;
  g_ptr_array_add (box->facts, fact);
  return fact;
}

CsCell *
cs_box_add_cell (CsBox      *box,
                 double      x,
                 double      y,
                 double      width,
                 double      height,
                 const char *text,
                 const char *label)
{
  CsCell *cell;

  g_return_val_if_fail (box != NULL, NULL);

  cell = g_new0 (CsCell, 1);
  cell->x = x;
  cell->y = y;
  cell->width = width;
  cell->height = height;
  cell->text = g_strdup (text);
  cell->label = g_strdup (label);
  cell->is_ref = text == NULL;
  g_ptr_array_add (box->cells, cell);
  return cell;
}

CsLane *
cs_box_add_lane (CsBox      *box,
                 CsLaneKind  kind,
                 double      y,
                 const char *title,
                 guint       n_cells)
{
  CsLane *lane;

  g_return_val_if_fail (box != NULL, NULL);

  lane = g_new0 (CsLane, 1);
  lane->kind = kind;
  lane->y = y;
  lane->title = g_strdup (title);
  lane->n_cells = n_cells;
  lane->labels = g_new0 (char *, n_cells + 1);
  for (guint i = 0; i < n_cells; i++)
    lane->labels[i] = g_strdup ("");
  lane->covered = g_new0 (gboolean, n_cells + 1);
  g_ptr_array_add (box->lanes, lane);
  return lane;
}

/**
 * cs_scene_find_box:
 *
 * Returns: (transfer none) (nullable): the box with @key
 */
const CsBox *
cs_scene_find_box (const CsScene *scene,
                   const char    *key)
{
  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (scene->box_index, key);
}

/**
 * cs_scene_find_arrow:
 *
 * Returns: (transfer none) (nullable): the arrow with @key
 */
const CsArrow *
cs_scene_find_arrow (const CsScene *scene,
                     const char    *key)
{
  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (scene->arrow_index, key);
}

void
cs_scene_set_header (CsScene    *scene,
                     guint       line,
                     const char *code,
                     guint       step_index,
                     guint       n_steps)
{
  g_return_if_fail (scene != NULL);

  scene->has_frame = TRUE;
  scene->line = line;
  g_free (scene->code);
  scene->code = g_strdup (code);
  scene->step_index = step_index;
  scene->n_steps = n_steps;
}

void
cs_scene_set_caption (CsScene    *scene,
                      const char *caption)
{
  g_return_if_fail (scene != NULL);

  g_free (scene->caption);
  scene->caption = g_strdup (caption);
}

void
cs_scene_set_error (CsScene    *scene,
                    const char *error)
{
  g_return_if_fail (scene != NULL);

  g_free (scene->error);
  scene->error = g_strdup (error);
}

gboolean
cs_box_contains_point (const CsBox *box,
                       double       x,
                       double       y,
                       double       tolerance)
{
  g_return_val_if_fail (box != NULL, FALSE);

  return x >= box->x - tolerance && x <= box->x + box->width + tolerance
         && y >= box->y - tolerance && y <= box->y + box->height + tolerance;
}

/**
 * cs_box_on_edge:
 *
 * Whether (@x, @y) lies on the outline of @box, within @tolerance.
 */
gboolean
cs_box_on_edge (const CsBox *box,
                double       x,
                double       y,
                double       tolerance)
{
  gboolean inside_x, inside_y;

  g_return_val_if_fail (box != NULL, FALSE);

  if (!cs_box_contains_point (box, x, y, tolerance))
    return FALSE;

  inside_x = x >= box->x - tolerance && x <= box->x + box->width + tolerance;
  inside_y = y >= box->y - tolerance && y <= box->y + box->height + tolerance;
  return (inside_y && (fabs (x - box->x) <= tolerance
                       || fabs (x - box->x - box->width) <= tolerance))
         || (inside_x && (fabs (y - box->y) <= tolerance
                          || fabs (y - box->y - box->height) <= tolerance));
}

gboolean
cs_box_overlaps (const CsBox *a,
                 const CsBox *b,
                 double       margin)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->x < b->x + b->width + margin && b->x < a->x + a->width + margin
         && a->y < b->y + b->height + margin && b->y < a->y + a->height + margin;
}

/**
 * cs_arrow_control_points:
 *
 * The two inner control points of the arrow's cubic Bézier.  Name and
 * storage arrows have horizontal tangents with control points halfway
 * across; slot arrows leave vertically and arrive horizontally; graph
 * edges run top to bottom.
 */
void
cs_arrow_control_points (const CsArrow *arrow,
                         double        *c1x,
                         double        *c1y,
                         double        *c2x,
                         double        *c2y)
{
  double dx, dy;

  g_return_if_fail (arrow != NULL);

  dx = arrow->x1 - arrow->x0;
  dy = arrow->y1 - arrow->y0;
  switch (arrow->route)
    {
    case CS_ROUTE_DOWN_RIGHT:
      *c1x = arrow->x0;
      *c1y = arrow->y0 + dy * 0.85;
      *c2x = arrow->x0 + dx * 0.25;
      *c2y = arrow->y1;
      break;

    case CS_ROUTE_VERTICAL:
      *c1x = arrow->x0;
      *c1y = arrow->y0 + dy / 2;
      *c2x = arrow->x1;
      *c2y = arrow->y1 - dy / 2;
      break;

    case CS_ROUTE_LOOP:
      {
        double lift = 28 + MAX (0, arrow->y0 - arrow->y1) * 0.25;

        *c1x = arrow->x0;
        *c1y = arrow->y0 - lift - (arrow->y0 - arrow->y1);
        *c2x = arrow->x1;
        *c2y = arrow->y1 - 32;
      }
      break;

    case CS_ROUTE_HORIZONTAL:
    default:
      *c1x = arrow->x0 + dx / 2;
      *c1y = arrow->y0;
      *c2x = arrow->x1 - dx / 2;
      *c2y = arrow->y1;
      break;
    }
}

/**
 * cs_arrow_point_at:
 * @s: curve parameter in [0, 1]
 *
 * A point on the arrow's curve.
 */
void
cs_arrow_point_at (const CsArrow *arrow,
                   double         s,
                   double        *x,
                   double        *y)
{
  double c1x, c1y, c2x, c2y, u;

  g_return_if_fail (arrow != NULL);

  cs_arrow_control_points (arrow, &c1x, &c1y, &c2x, &c2y);
  u = 1 - s;
  *x = u * u * u * arrow->x0 + 3 * u * u * s * c1x + 3 * u * s * s * c2x + s * s * s * arrow->x1;
  *y = u * u * u * arrow->y0 + 3 * u * u * s * c1y + 3 * u * s * s * c2y + s * s * s * arrow->y1;
}

/**
 * cs_scene_box_at:
 * @x: in scene units (divide widget pixels by scale × font_scale)
 *
 * Hit testing for hover and selection: the topmost box at (@x, @y), a
 * panel only when nothing inside it is hit.
 *
 * Returns: (transfer none) (nullable): the box, or %NULL
 */
const CsBox *
cs_scene_box_at (const CsScene *scene,
                 double         x,
                 double         y)
{
  const CsBox *panel = NULL;

  g_return_val_if_fail (scene != NULL, NULL);

  for (guint i = scene->boxes->len; i > 0; i--)
    {
      const CsBox *box = g_ptr_array_index (scene->boxes, i - 1);

      if (!cs_box_contains_point (box, x, y, 0))
        continue;
      if (box->kind != CS_BOX_PANEL)
        return box;
      if (panel == NULL)
        panel = box;
    }
  return panel;
}

static const char *
box_kind_word (CsBoxKind kind)
{
  switch (kind)
    {
    case CS_BOX_PILL: return "name";
    case CS_BOX_CARD: return "object";
    case CS_BOX_CONTAINER: return "object";
    case CS_BOX_STRIP: return "storage";
    case CS_BOX_PANEL: return "panel";
    case CS_BOX_NODE: return "graph node";
    case CS_BOX_CHIP: return "tensor";
    case CS_BOX_MINI_STRIP: return "gradient";
    case CS_BOX_GRID: return "logical grid of";
    case CS_BOX_EXAMPLE: return "example:";
    default: return "box";
    }
}

static void
describe_box (GString     *out,
              const CsBox *box)
{
  if (box == NULL)
    {
      g_string_append (out, "(nothing)");
      return;
    }

  if (box->kind == CS_BOX_STRIP)
    g_string_append_printf (out, "storage %s", box->title ? box->title : "?");
  else if (box->kind == CS_BOX_PILL)
    g_string_append_printf (out, "name %s", box->title ? box->title : "?");
  else
    {
      g_string_append_printf (out, "%s %s", box_kind_word (box->kind),
                              box->title ? box->title : "?");
      if (box->subtitle != NULL && box->kind != CS_BOX_PANEL)
        g_string_append_printf (out, " %s", box->subtitle);
    }
  g_string_append_printf (out, " [%s]", box->key);
}

static void
describe_cells (GString     *out,
                const CsBox *box)
{
  g_string_append (out, " (");
  for (guint i = 0; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);

      if (i > 0)
        g_string_append (out, ", ");
      if (cell->label != NULL && box->kind == CS_BOX_CONTAINER && !g_ascii_isdigit (cell->label[0]))
        g_string_append_printf (out, "%s: ", cell->label);
      if (cell->is_ref)
        g_string_append (out, "→");
      else
        g_string_append (out, cell->text ? cell->text : "");
      if (cell->old_text != NULL)
        g_string_append_printf (out, " (was %s)", cell->old_text);
    }
  g_string_append (out, ")");
}

/**
 * cs_scene_to_text:
 *
 * A plain description of the scene for screen readers and tests: each
 * box, what every arrow connects, which storages are shared and what
 * changed.  One fact a line.
 *
 * Returns: (transfer full): the description
 */
char *
cs_scene_to_text (const CsScene *scene)
{
  GString *out;
  g_autoptr (GHashTable) incoming = NULL;

  g_return_val_if_fail (scene != NULL, NULL);

  out = g_string_new (NULL);
  incoming = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);
  if (scene->has_frame)
    {
      g_string_append_printf (out, "Step %u of %u, line %u: %s\n",
                              scene->step_index + 1, scene->n_steps, scene->line,
                              scene->code ? scene->code : "");
      if (scene->caption != NULL && *scene->caption != '\0')
        g_string_append_printf (out, "Caption: %s\n", scene->caption);
    }
  if (scene->error != NULL)
    g_string_append_printf (out, "Error: %s\n", scene->error);

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (scene->boxes, i);

      if (box->kind == CS_BOX_PANEL || box->kind == CS_BOX_PILL)
        continue;
      describe_box (out, box);
      if (box->kind == CS_BOX_CARD || box->kind == CS_BOX_NODE || box->kind == CS_BOX_CHIP)
        {
          for (guint j = 0; j < box->facts->len; j++)
            {
              const CsFact *fact = g_ptr_array_index (box->facts, j);

              g_string_append_printf (out, ", %s %s", fact->key, fact->value);
              if (fact->mini != NULL)
                {
                  g_autofree char *joined = g_strjoinv (" ", fact->mini);
                  g_string_append_printf (out, "[%s]", joined);
                }
            }
        }
      if (box->cells->len > 0)
        describe_cells (out, box);
      if (box->flags & CS_BOX_FLAG_NEW)
        g_string_append (out, ", new");
      if (box->flags & CS_BOX_FLAG_DASHED)
        g_string_append (out, ", detached");
      for (guint j = 0; j < box->badges->len; j++)
        {
          const CsBadge *badge = g_ptr_array_index (box->badges, j);

          if (badge->style != CS_BADGE_NEW)
            g_string_append_printf (out, ", %s", badge->text);
        }
      if (box->note != NULL)
        g_string_append_printf (out, ", note: %s", box->note);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < scene->texts->len; i++)
    {
      const CsText *text = g_ptr_array_index (scene->texts, i);

      if (text->role == CS_TEXT_FORMULA)
        g_string_append_printf (out, "Formula: %s\n", text->text);
    }

  for (guint i = 0; i < scene->arrows->len; i++)
    {
      const CsArrow *arrow = g_ptr_array_index (scene->arrows, i);
      const CsBox *source = arrow->source_key ? cs_scene_find_box (scene, arrow->source_key) : NULL;
      const CsBox *target = arrow->target_key ? cs_scene_find_box (scene, arrow->target_key) : NULL;
      GPtrArray *sources;

      if (arrow->style == CS_ARROW_MAPPING)
        continue;   /* The grid's cells say it already. */
      describe_box (out, source);
      if (arrow->style == CS_ARROW_DETACH)
        g_string_append (out, " -/- (detached, no graph edge) ");
      else if (arrow->style == CS_ARROW_GRAPH)
        g_string_append (out, " => ");
      else
        g_string_append (out, " -> ");
      describe_box (out, target);
      if (arrow->capsule != NULL)
        g_string_append_printf (out, " carrying gradient %s", arrow->capsule);
      g_string_append_c (out, '\n');

      if (target != NULL && target->kind == CS_BOX_STRIP && source != NULL)
        {
          sources = g_hash_table_lookup (incoming, target->key);
          if (sources == NULL)
            {
              sources = g_ptr_array_new ();
              g_hash_table_insert (incoming, target->key, sources);
            }
          g_ptr_array_add (sources, (gpointer) source);
        }
    }

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (scene->boxes, i);
      GPtrArray *sources;

      if (box->kind != CS_BOX_STRIP)
        continue;
      sources = g_hash_table_lookup (incoming, box->key);
      if (sources != NULL && sources->len > 1)
        {
          g_string_append_printf (out, "Storage %s is shared by %u objects:", box->title, sources->len);
          for (guint j = 0; j < sources->len; j++)
            {
              const CsBox *source = g_ptr_array_index (sources, j);

              g_string_append_printf (out, " [%s]", source->key);
            }
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}
