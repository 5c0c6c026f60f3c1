/* cs-canvas.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The memory picture: a widget that paints a CsScene with the ui/scene
 * painter.  Changing the scene animates the transition with an
 * AdwTimedAnimation (forwards: prev → next with t from 0 to 1; backwards:
 * the same transition played from 1 to 0), skipped when GTK's
 * gtk-enable-animations is off.  Zoom scales the picture; put the canvas in
 * a GtkScrolledWindow to pan (scroll, drag empty space with the primary
 * button or anywhere with the middle one).
 *
 * Names and objects can be hovered, clicked and focused with the keyboard
 * (Tab, Shift+Tab, Up, Down, in reading order: names, objects, storage,
 * then the panels), each drawn with a ring; Enter or a click activates
 * one ("box-activated").  The accessible description is the scene's text;
 * the accessible label names the focused item.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cs-canvas.h"
#include "cs-paint.h"
#include "cs-theme.h"

#define MIN_ZOOM  0.25
#define MAX_ZOOM  4.0
#define ZOOM_STEP 1.2
#define MARGIN    16

struct _CsCanvas
{
  GtkWidget         parent_instance;

  /* The transition shown: from @from to @to at @t.  With @from NULL the
   * static picture of @to is painted.
   */
  CsScene          *from;
  CsScene          *to;
  /* What the canvas shows once the animation is over. */
  CsScene          *scene;
  double            t;
  double            zoom;
  double            last_fit;    /* The fit scale of the last frame. */
  double            max_fit;     /* Fitting enlarges up to this, 1.0. */
  guint             duration_ms;

  AdwAnimation     *animation;

  /* Where the last frame put the scene: widget = origin + scene × scale. */
  double            origin_x, origin_y, paint_scale;
  graphene_rect_t   drawn;
  gboolean          has_drawn;

  char             *name;         /* Accessible name, or NULL. */
  char             *hover_key;    /* Box under the pointer. */
  char             *selected_ref; /* What the selected boxes show. */
  GPtrArray        *focusables;   /* const CsBox* of @scene, reading order. */
  int               focus_index;  /* In @focusables, -1 for none. */
  char             *focus_key;
  char             *cells_strip;  /* Strip whose @cells are highlighted. */
  GArray           *cells;        /* guint */

  /* Panning with a drag. */
  GtkAdjustment    *pan_h, *pan_v;
  double            pan_value_x, pan_value_y, pan_view_x, pan_view_y;
  double            pan_start_x, pan_start_y;
};

G_DEFINE_FINAL_TYPE (CsCanvas, cs_canvas, GTK_TYPE_WIDGET)

enum {
  SIGNAL_BOX_ACTIVATED,
  SIGNAL_BOX_HOVERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a box stands for: a name pill or graph chip shows its object. */
static const char *
box_ref (const CsBox *box)
{
  return box->ref_key != NULL ? box->ref_key : box->key;
}

/* Boxes one can point at, focus and activate: everything but the grey
 * panels, which are only backgrounds.
 */
static gboolean
is_interactive (const CsBox *box)
{
  return box != NULL && box->kind != CS_BOX_PANEL;
}

static int
reading_column (CsBoxKind kind)
{
  switch (kind)
    {
    case CS_BOX_PILL: return 0;
    case CS_BOX_CARD:
    case CS_BOX_CONTAINER: return 1;
    case CS_BOX_STRIP: return 2;
    case CS_BOX_GRID:
    case CS_BOX_EXAMPLE: return 3;
    case CS_BOX_PANEL:
    case CS_BOX_NODE:
    case CS_BOX_CHIP:
    case CS_BOX_MINI_STRIP:
    default: return 4;
    }
}

/* Reading order: the columns left to right (names, objects, storage, the
 * stride panel, the graph), each top to bottom.
 */
static int
compare_reading_order (gconstpointer a,
                       gconstpointer b)
{
  const CsBox *x = *(const CsBox * const *) a, *y = *(const CsBox * const *) b;
  int cx = reading_column (x->kind), cy = reading_column (y->kind);

  if (cx != cy)
    return cx - cy;
  if (fabs (x->y - y->y) > 0.5)
    return x->y < y->y ? -1 : 1;
  if (fabs (x->x - y->x) > 0.5)
    return x->x < y->x ? -1 : 1;
  return 0;
}
/* What the scene really covers: the layout centres its columns in a wide
 * page, so fitting the page would leave the picture small.
 */
static void
get_content_bounds (const CsScene   *scene,
                    graphene_rect_t *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (scene->boxes, i);

      x0 = MIN (x0, box->x);
      y0 = MIN (y0, box->y);
      x1 = MAX (x1, box->x + box->width);
      y1 = MAX (y1, box->y + box->height);
      if (box->note != NULL)
        x1 = MAX (x1, box->x + box->width + 16 + 14.0 * 0.62 * g_utf8_strlen (box->note, -1));
      /* A strip's meta text ("float32 · 24 bytes") and lane titles sit to
       * its right.
       */
      if (box->kind == CS_BOX_STRIP && box->subtitle != NULL)
        x1 = MAX (x1, box->x + box->width + 16 + 15.0 * 0.55 * g_utf8_strlen (box->subtitle, -1));
      for (guint j = 0; j < box->lanes->len; j++)
        {
          const CsLane *lane = g_ptr_array_index (box->lanes, j);

          if (lane->title != NULL)
            x1 = MAX (x1, box->x + box->width + 16 + 14.0 * 0.62 * g_utf8_strlen (lane->title, -1));
          y1 = MAX (y1, lane->y + 8);
        }
      /* The index row under a strip's cells. */
      if (box->kind == CS_BOX_STRIP)
        y1 = MAX (y1, box->label_y + 6);
    }
  for (guint i = 0; i < scene->arrows->len; i++)
    {
      const CsArrow *arrow = g_ptr_array_index (scene->arrows, i);

      x0 = MIN (x0, MIN (arrow->x0, arrow->x1));
      x1 = MAX (x1, MAX (arrow->x0, arrow->x1));
      y0 = MIN (y0, MIN (arrow->y0, arrow->y1) - 40);
      y1 = MAX (y1, MAX (arrow->y0, arrow->y1));
    }
  for (guint i = 0; i < scene->texts->len; i++)
    {
      const CsText *text = g_ptr_array_index (scene->texts, i);
      double width = 14.0 * 0.62 * g_utf8_strlen (text->text, -1);

      x0 = MIN (x0, text->align_right ? text->x - width : text->x);
      x1 = MAX (x1, text->align_right ? text->x : text->x + width);
      y0 = MIN (y0, text->baseline - 20);
      y1 = MAX (y1, text->baseline + 6);
    }

  if (x0 > x1)
    {
      graphene_rect_init (bounds, 0, 0, scene->width, scene->height);
      return;
    }

  /* Room for change rings, badges and shadows. */
  x0 = MAX (0, x0 - 24);
  y0 = MAX (0, y0 - 24);
  x1 = MIN (scene->width, x1 + 24);
  y1 = MIN (scene->height, y1 + 24);
  graphene_rect_init (bounds, x0 * scene->font_scale, y0 * scene->font_scale,
                      (x1 - x0) * scene->font_scale, (y1 - y0) * scene->font_scale);
}

static void
update_label (CsCanvas *self)
{
  g_autofree char *item = cs_canvas_dup_focus_text (self);
  g_autofree char *label = NULL;

  if (item != NULL && self->name != NULL)
    /* Translators: the accessible name of the picture while one of its
     * items has the keyboard focus: "Memory Picture: name x".
     */
    label = g_strdup_printf (_("%s: %s"), self->name, item);
  else if (item != NULL)
    label = g_steal_pointer (&item);
  else if (self->name != NULL)
    label = g_strdup (self->name);
  else
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
rebuild_focusables (CsCanvas *self)
{
  g_ptr_array_set_size (self->focusables, 0);
  self->focus_index = -1;
  if (self->scene == NULL)
    return;

  for (guint i = 0; i < self->scene->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (self->scene->boxes, i);

      if (is_interactive (box))
        g_ptr_array_add (self->focusables, (gpointer) box);
    }
  g_ptr_array_sort (self->focusables, compare_reading_order);

  /* The same item stays focused from step to step while it exists. */
  for (guint i = 0; self->focus_key != NULL && i < self->focusables->len; i++)
    if (g_strcmp0 (((const CsBox *) g_ptr_array_index (self->focusables, i))->key, self->focus_key) == 0)
      self->focus_index = (int) i;
  if (self->focus_index < 0)
    g_clear_pointer (&self->focus_key, g_free);
}

static void
set_focus_index (CsCanvas *self,
                 int       index)
{
  if (index < 0 || (guint) index >= self->focusables->len)
    index = -1;
  self->focus_index = index;
  g_free (self->focus_key);
  self->focus_key = index >= 0 ? g_strdup (((const CsBox *) g_ptr_array_index (self->focusables, index))->key) : NULL;
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_description (CsCanvas *self)
{
  g_autofree char *text = NULL;

  if (self->scene != NULL)
    text = cs_scene_to_text (self->scene);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : "",
                                  -1);
}

static void
animation_value_cb (double   value,
                    gpointer user_data)
{
  CsCanvas *self = user_data;

  self->t = value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
animation_done_cb (CsCanvas     *self,
                   AdwAnimation *animation)
{
  /* Settle on the static picture of the scene we went to. */
  g_clear_pointer (&self->from, cs_scene_unref);
  g_clear_pointer (&self->to, cs_scene_unref);
  if (self->scene != NULL)
    self->to = cs_scene_ref (self->scene);
  self->t = 1.0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
animations_enabled (CsCanvas *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &enabled,
                NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self)) && self->duration_ms > 0;
}

static void
cs_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  CsCanvas *self = CS_CANVAS (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  double scale = self->zoom * (self->last_fit > 0 ? self->last_fit : 1.0);

  if (self->scene != NULL)
    get_content_bounds (self->scene, &bounds);

  *minimum = 0;
  *natural = (int) ceil ((orientation == GTK_ORIENTATION_HORIZONTAL ? bounds.size.width
                          : bounds.size.height) * MIN (scale, 1.0)) + 2 * MARGIN;
  /* Zoomed in, the picture asks for its size so a scrolled window pans. */
  if (self->zoom > 1.0)
    *minimum = *natural = (int) ceil ((orientation == GTK_ORIENTATION_HORIZONTAL ? bounds.size.width
                                       : bounds.size.height) * scale) + 2 * MARGIN;
}

/* Selection (tint and solid ring), hover (light ring), the highlighted
 * cells and the keyboard focus (dashed ring), in scene units.  @scale is
 * how many pixels a unit is, so lines keep their pixel width.
 */
static void
paint_highlights (CsCanvas        *self,
                  cairo_t         *cr,
                  const CsPalette *palette,
                  double           scale)
{
  const CsScene *scene = self->scene;
  const CsBox *hover = self->hover_key ? cs_scene_find_box (scene, self->hover_key) : NULL;
  double px = 1.0 / MAX (scale, 0.05);

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (scene->boxes, i);
      const char *ref = box_ref (box);

      if (!is_interactive (box) || box->kind == CS_BOX_GRID || box->kind == CS_BOX_EXAMPLE)
        continue;
      if (self->selected_ref != NULL && g_strcmp0 (ref, self->selected_ref) == 0)
        {
          cs_paint_box_outline (cr, box, 0);
          cs_color_set_source_alpha (&palette->accent, 0.10, cr);
          cairo_fill (cr);
          cs_paint_box_outline (cr, box, 4 * px);
          cs_color_set_source (&palette->accent, cr);
          cairo_set_line_width (cr, 2.5 * px);
          cairo_stroke (cr);
        }
      else if (hover != NULL && g_strcmp0 (ref, box_ref (hover)) == 0)
        {
          cs_paint_box_outline (cr, box, 4 * px);
          cs_color_set_source_alpha (&palette->accent, 0.6, cr);
          cairo_set_line_width (cr, 2 * px);
          cairo_stroke (cr);
        }
    }

  if (self->cells_strip != NULL && self->cells != NULL)
    {
      const CsBox *strip = cs_scene_find_box (scene, self->cells_strip);

      for (guint i = 0; strip != NULL && i < self->cells->len; i++)
        {
          guint index = g_array_index (self->cells, guint, i);
          const CsCell *cell;

          /* The last cell of a long strip is "…", not an element. */
          if (index >= strip->cells->len || g_strcmp0 (((CsCell *) g_ptr_array_index (strip->cells, index))->text, "…") == 0)
            continue;
          cell = g_ptr_array_index (strip->cells, index);
          cairo_rectangle (cr, cell->x + 2 * px, cell->y + 2 * px, cell->width - 4 * px, cell->height - 4 * px);
          cs_color_set_source_alpha (&palette->accent, 0.22, cr);
          cairo_fill_preserve (cr);
          cs_color_set_source (&palette->accent, cr);
          cairo_set_line_width (cr, 2 * px);
          cairo_stroke (cr);
        }
    }

  if (self->focus_index >= 0 && gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    {
      const CsBox *box = g_ptr_array_index (self->focusables, self->focus_index);
      double dash[] = { 6 * px, 4 * px };

      cs_paint_box_outline (cr, box, 7 * px);
      cs_color_set_source (&palette->focus, cr);
      cairo_set_line_width (cr, 2 * px);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
cs_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  CsCanvas *self = CS_CANVAS (widget);
  const CsPalette *palette = cs_theme_palette_for_manager (NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double x, y;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_rgba (cr, palette->canvas.red, palette->canvas.green,
                         palette->canvas.blue, palette->canvas.alpha);
  cairo_paint (cr);

  if (self->to != NULL)
    {
      graphene_rect_t bounds, other;
      double fit, scale;

      /* Fit what the scene covers (both scenes during a transition, so
       * nothing jumps), at most at 1:1, and centre it; zoom scales that.
       */
      get_content_bounds (self->to, &bounds);
      if (self->from != NULL)
        {
          get_content_bounds (self->from, &other);
          graphene_rect_union (&bounds, &other, &bounds);
        }
      fit = MIN (self->max_fit, MIN ((width - 2.0 * MARGIN) / MAX (1.0, bounds.size.width),
                           (height - 2.0 * MARGIN) / MAX (1.0, bounds.size.height)));
      fit = MAX (fit, 0.05);
      if (self->zoom <= 1.0)
        self->last_fit = fit;
      else
        fit = self->last_fit > 0 ? self->last_fit : fit;
      scale = fit * self->zoom;

      x = floor ((width - bounds.size.width * scale) / 2.0);
      y = floor ((height - bounds.size.height * scale) / 2.0);
      if (self->zoom > 1.0)
        {
          x = MAX (MARGIN, x);
          y = MAX (MARGIN, y);
        }
      cairo_translate (cr, x - bounds.origin.x * scale, y - bounds.origin.y * scale);
      cs_paint_scene (cr, self->from, self->to, self->from ? self->t : 1.0,
                      palette, scale);

      self->origin_x = x - bounds.origin.x * scale;
      self->origin_y = y - bounds.origin.y * scale;
      self->paint_scale = scale * self->to->font_scale;
      graphene_rect_init (&self->drawn, x, y, bounds.size.width * scale, bounds.size.height * scale);
      self->has_drawn = TRUE;

      /* Rings only on the still picture: in a transition boxes move. */
      if (self->from == NULL && self->to == self->scene)
        {
          cairo_scale (cr, self->to->font_scale * scale, self->to->font_scale * scale);
          paint_highlights (self, cr, palette, self->paint_scale);
        }
    }
  else
    self->has_drawn = FALSE;

  cairo_destroy (cr);
}

static void
style_changed_cb (CsCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           CsCanvas                 *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) == 0)
    return FALSE;

  if (dy < 0)
    cs_canvas_zoom_in (self);
  else if (dy > 0)
    cs_canvas_zoom_out (self);
  return TRUE;
}

static int
focusable_index (CsCanvas    *self,
                 const CsBox *box)
{
  for (guint i = 0; box != NULL && i < self->focusables->len; i++)
    if (g_ptr_array_index (self->focusables, i) == box)
      return (int) i;
  return -1;
}

static void
click_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          CsCanvas        *self)
{
  const CsBox *box;
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* 0: emitted without an event sequence (tests, assistive tools). */
  if (button != GDK_BUTTON_PRIMARY && button != 0)
    return;

  box = cs_canvas_pick (self, x, y);
  if (box == NULL)
    return;
  set_focus_index (self, focusable_index (self, box));
  cs_canvas_activate_focus (self);
}

static void
set_hover (CsCanvas    *self,
           const CsBox *box)
{
  const char *key = box ? box->key : NULL;

  if (g_strcmp0 (key, self->hover_key) == 0)
    return;

  g_free (self->hover_key);
  self->hover_key = g_strdup (key);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), box ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_BOX_HOVERED], 0, box ? box_ref (box) : NULL);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CsCanvas                 *self)
{
  if (self->pan_h != NULL || self->pan_v != NULL)
    return;
  set_hover (self, cs_canvas_pick (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CsCanvas                 *self)
{
  set_hover (self, NULL);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CsCanvas       *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  /* The primary button pans from empty space only: on a box it clicks.
   * (0: emitted without an event sequence, taken as the primary button.)
   */
  if (button == 0)
    button = GDK_BUTTON_PRIMARY;
  if (scroller == NULL || (button == GDK_BUTTON_PRIMARY && cs_canvas_pick (self, x, y) != NULL)
      || (button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_MIDDLE))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  g_set_object (&self->pan_h, gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller)));
  g_set_object (&self->pan_v, gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
  self->pan_value_x = gtk_adjustment_get_value (self->pan_h);
  self->pan_value_y = gtk_adjustment_get_value (self->pan_v);
  /* Where the press was in the scrolled window's view: the canvas moves
   * under the pointer while it pans, so widget coordinates drift.
   */
  self->pan_start_x = x;
  self->pan_start_y = y;
  self->pan_view_x = x - self->pan_value_x;
  self->pan_view_y = y - self->pan_value_y;
  if (button == GDK_BUTTON_MIDDLE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                CsCanvas       *self)
{
  double view_x, view_y;

  if (self->pan_h == NULL || self->pan_v == NULL)
    return;

  view_x = self->pan_start_x + offset_x - gtk_adjustment_get_value (self->pan_h);
  view_y = self->pan_start_y + offset_y - gtk_adjustment_get_value (self->pan_v);
  gtk_adjustment_set_value (self->pan_h, self->pan_value_x - (view_x - self->pan_view_x));
  gtk_adjustment_set_value (self->pan_v, self->pan_value_y - (view_y - self->pan_view_y));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             CsCanvas       *self)
{
  g_clear_object (&self->pan_h);
  g_clear_object (&self->pan_v);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CsCanvas              *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    /* The arrows stay in the picture (Tab leaves it at either end). */
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      cs_canvas_move_focus (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      cs_canvas_move_focus (self, -1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      return cs_canvas_activate_focus (self);
    default:
      return FALSE;
    }
}

/* Tab and Shift+Tab walk through the picture's items before leaving it. */
static gboolean
cs_canvas_focus (GtkWidget        *widget,
                 GtkDirectionType  direction)
{
  CsCanvas *self = CS_CANVAS (widget);
  guint n = self->focusables->len;
  gboolean backward = direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP
                      || direction == GTK_DIR_LEFT;

  if (!gtk_widget_has_focus (widget))
    {
      gtk_widget_grab_focus (widget);
      if (n > 0)
        set_focus_index (self, backward ? (int) n - 1 : 0);
      return TRUE;
    }

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return FALSE;
  if (cs_canvas_move_focus (self, backward ? -1 : 1))
    return TRUE;

  /* Past the last (or first) item: leave the picture. */
  set_focus_index (self, -1);
  return FALSE;
}

/* The focus ring shows only while the focus is visible (keyboard use). */
static void
cs_canvas_state_flags_changed (GtkWidget     *widget,
                               GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);

  if (((now ^ previous) & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE)) != 0)
    gtk_widget_queue_draw (widget);

  GTK_WIDGET_CLASS (cs_canvas_parent_class)->state_flags_changed (widget, previous);
}

static void
cs_canvas_dispose (GObject *object)
{
  CsCanvas *self = CS_CANVAS (object);

  g_clear_object (&self->animation);
  g_clear_pointer (&self->from, cs_scene_unref);
  g_clear_pointer (&self->to, cs_scene_unref);
  g_clear_pointer (&self->scene, cs_scene_unref);
  g_clear_object (&self->pan_h);
  g_clear_object (&self->pan_v);
  g_clear_pointer (&self->focusables, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_canvas_parent_class)->dispose (object);
}

static void
cs_canvas_finalize (GObject *object)
{
  CsCanvas *self = CS_CANVAS (object);

  g_free (self->name);
  g_free (self->hover_key);
  g_free (self->selected_ref);
  g_free (self->focus_key);
  g_free (self->cells_strip);
  g_clear_pointer (&self->cells, g_array_unref);

  G_OBJECT_CLASS (cs_canvas_parent_class)->finalize (object);
}

static void
cs_canvas_class_init (CsCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_canvas_dispose;
  object_class->finalize = cs_canvas_finalize;

  widget_class->measure = cs_canvas_measure;
  widget_class->snapshot = cs_canvas_snapshot;
  widget_class->focus = cs_canvas_focus;
  widget_class->state_flags_changed = cs_canvas_state_flags_changed;

  /**
   * CsCanvas::box-activated:
   * @ref_key: what the box shows ("obj:12", "storage:3")
   *
   * A box was clicked, or Enter was pressed on the focused one.
   */
  signals[SIGNAL_BOX_ACTIVATED] =
    g_signal_new ("box-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CsCanvas::box-hovered:
   * @ref_key: (nullable): what the box under the pointer shows, or %NULL
   *   when the pointer left every box
   */
  signals[SIGNAL_BOX_HOVERED] =
    g_signal_new ("box-hovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "cs-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cs_canvas_init (CsCanvas *self)
{
  GtkEventController *scroll, *motion, *key;
  GtkGesture *click, *drag;
  AdwAnimationTarget *target;

  self->zoom = 1.0;
  self->max_fit = 1.0;
  self->t = 1.0;
  self->duration_ms = 400;
  self->focusables = g_ptr_array_new ();
  self->focus_index = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  target = adw_callback_animation_target_new (animation_value_cb, self, NULL);
  self->animation = adw_timed_animation_new (GTK_WIDGET (self), 0.0, 1.0,
                                             self->duration_ms, target);
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_LINEAR);
  g_signal_connect_object (self->animation, "done", G_CALLBACK (animation_done_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  update_description (self);
}

GtkWidget *
cs_canvas_new (void)
{
  return g_object_new (CS_TYPE_CANVAS, NULL);
}

/**
 * cs_canvas_set_scene:
 * @scene: (nullable): the scene to show
 * @animate: whether to animate from the scene shown now
 * @backwards: play the transition from @scene to the current one in
 *   reverse (stepping back)
 *
 * The painter eases by itself, so the animation runs t linearly.
 */
void
cs_canvas_set_scene (CsCanvas *self,
                     CsScene  *scene,
                     gboolean  animate,
                     gboolean  backwards)
{
  g_autoptr (CsScene) old = NULL;

  g_return_if_fail (CS_IS_CANVAS (self));

  old = g_steal_pointer (&self->scene);
  self->scene = scene ? cs_scene_ref (scene) : NULL;

  adw_animation_reset (self->animation);
  g_clear_pointer (&self->from, cs_scene_unref);
  g_clear_pointer (&self->to, cs_scene_unref);

  if (animate && old != NULL && scene != NULL && old != scene && animations_enabled (self))
    {
      adw_timed_animation_set_duration (ADW_TIMED_ANIMATION (self->animation), self->duration_ms);
      if (backwards)
        {
          self->from = cs_scene_ref (scene);
          self->to = cs_scene_ref (old);
          adw_timed_animation_set_value_from (ADW_TIMED_ANIMATION (self->animation), 1.0);
          adw_timed_animation_set_value_to (ADW_TIMED_ANIMATION (self->animation), 0.0);
          self->t = 1.0;
        }
      else
        {
          self->from = cs_scene_ref (old);
          self->to = cs_scene_ref (scene);
          adw_timed_animation_set_value_from (ADW_TIMED_ANIMATION (self->animation), 0.0);
          adw_timed_animation_set_value_to (ADW_TIMED_ANIMATION (self->animation), 1.0);
          self->t = 0.0;
        }
      adw_animation_play (self->animation);
    }
  else
    {
      if (scene != NULL)
        self->to = cs_scene_ref (scene);
      self->t = 1.0;
    }

  rebuild_focusables (self);
  update_description (self);
  update_label (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * cs_canvas_get_scene:
 *
 * Returns: (transfer none) (nullable): the scene shown (or being animated to)
 */
CsScene *
cs_canvas_get_scene (CsCanvas *self)
{
  g_return_val_if_fail (CS_IS_CANVAS (self), NULL);

  return self->scene;
}

/**
 * cs_canvas_get_progress:
 *
 * Returns: 1.0 when the picture is still, else how far the transition is
 *   towards the scene set last
 */
double
cs_canvas_get_progress (CsCanvas *self)
{
  g_return_val_if_fail (CS_IS_CANVAS (self), 1.0);

  if (self->from == NULL)
    return 1.0;
  return self->to == self->scene ? self->t : 1.0 - self->t;
}

guint
cs_canvas_get_duration (CsCanvas *self)
{
  g_return_val_if_fail (CS_IS_CANVAS (self), 0);

  return self->duration_ms;
}

void
cs_canvas_set_duration (CsCanvas *self,
                        guint     duration_ms)
{
  g_return_if_fail (CS_IS_CANVAS (self));

  self->duration_ms = duration_ms;
}

double
cs_canvas_get_zoom (CsCanvas *self)
{
  g_return_val_if_fail (CS_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
cs_canvas_set_zoom (CsCanvas *self,
                    double    zoom)
{
  g_return_if_fail (CS_IS_CANVAS (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-9)
    return;

  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cs_canvas_zoom_in (CsCanvas *self)
{
  cs_canvas_set_zoom (self, cs_canvas_get_zoom (self) * ZOOM_STEP);
}

void
cs_canvas_zoom_out (CsCanvas *self)
{
  cs_canvas_set_zoom (self, cs_canvas_get_zoom (self) / ZOOM_STEP);
}

/**
 * cs_canvas_set_max_fit:
 * @max_fit: how far fitting may enlarge the picture (1.0: never; the
 *   presentation mode uses more)
 */
void
cs_canvas_set_max_fit (CsCanvas *self,
                       double    max_fit)
{
  g_return_if_fail (CS_IS_CANVAS (self));

  self->max_fit = CLAMP (max_fit, 0.1, MAX_ZOOM);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cs_canvas_set_name:
 * @name: (nullable): the picture's accessible name ("Memory Picture")
 *
 * The accessible label is @name, followed by the focused item's text
 * while one has the keyboard focus.
 */
void
cs_canvas_set_name (CsCanvas   *self,
                    const char *name)
{
  g_return_if_fail (CS_IS_CANVAS (self));

  g_free (self->name);
  self->name = g_strdup (name);
  update_label (self);
}

/**
 * cs_canvas_zoom_to_fit:
 *
 * Zooms so that the whole picture fills the visible area (of the scrolled
 * window around the canvas, else of the canvas), enlarging a small
 * picture too.
 */
void
cs_canvas_zoom_to_fit (CsCanvas *self)
{
  GtkWidget *scroller;
  graphene_rect_t bounds;
  double width, height, fit, capped;

  g_return_if_fail (CS_IS_CANVAS (self));

  if (self->scene == NULL)
    {
      cs_canvas_set_zoom (self, 1.0);
      return;
    }

  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  width = gtk_widget_get_width (scroller ? scroller : GTK_WIDGET (self));
  height = gtk_widget_get_height (scroller ? scroller : GTK_WIDGET (self));
  if (width <= 2 * MARGIN || height <= 2 * MARGIN)
    return;

  get_content_bounds (self->scene, &bounds);
  /* A hair under, so rounding never asks for a scroll bar. */
  fit = MIN ((width - 2.0 * MARGIN - 2) / MAX (1.0, bounds.size.width),
             (height - 2.0 * MARGIN - 2) / MAX (1.0, bounds.size.height));
  fit = MAX (fit, 0.05);
  capped = MIN (self->max_fit, fit);
  self->last_fit = capped;
  self->zoom = -1;   /* Always apply, and queue a resize. */
  cs_canvas_set_zoom (self, fit / capped);
}

/**
 * cs_canvas_get_drawn_bounds:
 * @bounds: (out): where the last frame drew the picture, in widget pixels
 *
 * Returns: %FALSE when nothing was drawn yet
 */
gboolean
cs_canvas_get_drawn_bounds (CsCanvas        *self,
                            graphene_rect_t *bounds)
{
  g_return_val_if_fail (CS_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  *bounds = self->drawn;
  return self->has_drawn;
}

/**
 * cs_canvas_pick:
 * @x: widget pixels
 * @y: widget pixels
 *
 * Returns: (transfer none) (nullable): the item (name, object, storage,
 *   graph node, …) drawn at (@x, @y) in the last frame; never a panel
 *   background
 */
const CsBox *
cs_canvas_pick (CsCanvas *self,
                double    x,
                double    y)
{
  const CsBox *box;

  g_return_val_if_fail (CS_IS_CANVAS (self), NULL);

  if (self->scene == NULL || !self->has_drawn || self->paint_scale <= 0 || self->to != self->scene)
    return NULL;
  box = cs_scene_box_at (self->scene, (x - self->origin_x) / self->paint_scale,
                         (y - self->origin_y) / self->paint_scale);
  return is_interactive (box) ? box : NULL;
}

/**
 * cs_canvas_get_box_area:
 * @key: a box key of the scene shown
 * @area: (out): where the last frame drew it, in widget pixels
 *
 * Returns: whether the box is in the picture
 */
gboolean
cs_canvas_get_box_area (CsCanvas        *self,
                        const char      *key,
                        graphene_rect_t *area)
{
  const CsBox *box;

  g_return_val_if_fail (CS_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (key != NULL && area != NULL, FALSE);

  if (self->scene == NULL || !self->has_drawn)
    return FALSE;
  box = cs_scene_find_box (self->scene, key);
  if (box == NULL)
    return FALSE;
  graphene_rect_init (area, self->origin_x + box->x * self->paint_scale,
                      self->origin_y + box->y * self->paint_scale,
                      box->width * self->paint_scale, box->height * self->paint_scale);
  return TRUE;
}

/**
 * cs_canvas_get_hover_key:
 *
 * Returns: (nullable): the key of the box under the pointer
 */
const char *
cs_canvas_get_hover_key (CsCanvas *self)
{
  g_return_val_if_fail (CS_IS_CANVAS (self), NULL);

  return self->hover_key;
}

/**
 * cs_canvas_get_selected_key:
 *
 * Returns: (nullable): the ref key set with cs_canvas_set_selected_key()
 */
const char *
cs_canvas_get_selected_key (CsCanvas *self)
{
  g_return_val_if_fail (CS_IS_CANVAS (self), NULL);

  return self->selected_ref;
}

/**
 * cs_canvas_set_selected_key:
 * @ref_key: (nullable): what is selected ("obj:12"); every box showing it
 *   (its card, its name pills, its graph chip) is drawn selected
 */
void
cs_canvas_set_selected_key (CsCanvas   *self,
                            const char *ref_key)
{
  g_return_if_fail (CS_IS_CANVAS (self));

  if (g_strcmp0 (ref_key, self->selected_ref) == 0)
    return;
  g_free (self->selected_ref);
  self->selected_ref = g_strdup (ref_key);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cs_canvas_get_focus_key:
 *
 * Returns: (nullable): the key of the box with the keyboard focus
 */
const char *
cs_canvas_get_focus_key (CsCanvas *self)
{
  g_return_val_if_fail (CS_IS_CANVAS (self), NULL);

  return self->focus_key;
}

/**
 * cs_canvas_move_focus:
 * @delta: +1 for the next item in reading order, -1 for the previous
 *
 * With no item focused, +1 focuses the first and -1 the last.
 *
 * Returns: %FALSE when there is no item that way
 */
gboolean
cs_canvas_move_focus (CsCanvas *self,
                      int       delta)
{
  int n, index;

  g_return_val_if_fail (CS_IS_CANVAS (self), FALSE);

  n = (int) self->focusables->len;
  if (n == 0)
    return FALSE;
  if (self->focus_index < 0)
    index = delta > 0 ? 0 : n - 1;
  else
    index = self->focus_index + (delta > 0 ? 1 : -1);
  if (index < 0 || index >= n)
    return FALSE;
  set_focus_index (self, index);
  return TRUE;
}

/**
 * cs_canvas_activate_focus:
 *
 * Emits #CsCanvas::box-activated for the focused item.
 *
 * Returns: whether an item has the focus
 */
gboolean
cs_canvas_activate_focus (CsCanvas *self)
{
  const CsBox *box;
  g_autofree char *ref = NULL;

  g_return_val_if_fail (CS_IS_CANVAS (self), FALSE);

  if (self->focus_index < 0)
    return FALSE;
  box = g_ptr_array_index (self->focusables, self->focus_index);
  ref = g_strdup (box_ref (box));
  g_signal_emit (self, signals[SIGNAL_BOX_ACTIVATED], 0, ref);
  return TRUE;
}

static void
append_cells (GString     *out,
              const CsBox *box,
              guint        limit)
{
  for (guint i = 0; i < box->cells->len && i < limit; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, cell->is_ref ? "•" : cell->text ? cell->text : "");
    }
}

/**
 * cs_canvas_dup_focus_text:
 *
 * The words for the focused item, as its accessible label says them:
 * "Name x, points to a Tensor", "Tensor float32, shape (3, 2), …".
 *
 * Returns: (transfer full) (nullable): the text, or %NULL without focus
 */
char *
cs_canvas_dup_focus_text (CsCanvas *self)
{
  const CsBox *box, *target;
  g_autoptr (GString) details = g_string_new (NULL);

  g_return_val_if_fail (CS_IS_CANVAS (self), NULL);

  if (self->focus_index < 0)
    return NULL;
  box = g_ptr_array_index (self->focusables, self->focus_index);

  switch (box->kind)
    {
    case CS_BOX_PILL:
      target = box->ref_key ? cs_scene_find_box (self->scene, box->ref_key) : NULL;
      if (target != NULL && target->title != NULL)
        /* Translators: a name in the memory picture and the type of the
         * object it points to: "Name x, points to a Tensor".
         */
        return g_strdup_printf (_("Name %s, points to a %s"), box->title, target->title);
      /* Translators: a name in the memory picture. */
      return g_strdup_printf (_("Name %s"), box->title);

    case CS_BOX_CARD:
    case CS_BOX_CONTAINER:
      g_string_append (details, box->title ? box->title : "");
      if (box->subtitle != NULL)
        g_string_append_printf (details, " %s", box->subtitle);
      for (guint i = 0; i < box->facts->len; i++)
        {
          const CsFact *fact = g_ptr_array_index (box->facts, i);

          if (fact->mini != NULL)
            {
              g_autofree char *values = g_strjoinv (", ", fact->mini);
              g_string_append_printf (details, ", %s [%s]", fact->key, values);
            }
          else if (fact->value != NULL && *fact->value != '\0')
            g_string_append_printf (details, ", %s %s", fact->key, fact->value);
        }
      for (guint i = 0; i < box->badges->len; i++)
        g_string_append_printf (details, ", %s", ((const CsBadge *) g_ptr_array_index (box->badges, i))->text);
      if (box->kind == CS_BOX_CONTAINER && box->cells->len > 0)
        {
          g_string_append (details, ": ");
          append_cells (details, box, 16);
        }
      /* Translators: an object in the memory picture, then its type and
       * facts: "Object: Tensor float32, shape (3, 2), stride (2, 1)".
       */
      return g_strdup_printf (_("Object: %s"), details->str);

    case CS_BOX_STRIP:
      append_cells (details, box, 16);
      /* Translators: a storage strip: its label (S1), its size
       * ("float32 · 24 bytes") and the values of its cells.
       */
      return g_strdup_printf (_("Storage %s, %s: %s"), box->title, box->subtitle ? box->subtitle : "",
                              details->str);

    case CS_BOX_MINI_STRIP:
      append_cells (details, box, 16);
      return g_strdup_printf ("%s: %s", box->title ? box->title : "", details->str);

    case CS_BOX_GRID:
      append_cells (details, box, 24);
      /* Translators: the stride panel's grid of a view's elements. */
      return g_strdup_printf (_("Elements of %s by index: %s"), box->title, details->str);

    case CS_BOX_NODE:
      /* Translators: a node of the autograd graph ("MulBackward0"). */
      return g_strdup_printf (_("Autograd function %s"), box->title);

    case CS_BOX_CHIP:
      /* Translators: a tensor in the autograd graph. */
      return g_strdup_printf (_("Tensor %s in the autograd graph"), box->title);

    case CS_BOX_EXAMPLE:
    case CS_BOX_PANEL:
    default:
      return g_strdup (box->title ? box->title : box->subtitle ? box->subtitle : box->key);
    }
}

/**
 * cs_canvas_set_highlight_cells:
 * @strip_key: (nullable): the strip ("storage:3"), or %NULL for none
 * @cells: (array length=n_cells) (nullable): cell indices in the strip
 *
 * Highlights the storage cells a view reads (see cs_layout_view_cells()).
 */
void
cs_canvas_set_highlight_cells (CsCanvas    *self,
                               const char  *strip_key,
                               const guint *cells,
                               guint        n_cells)
{
  g_return_if_fail (CS_IS_CANVAS (self));

  /* steps: the window sets this on every step and every re-run; redrawing
   * an unchanged picture cost a whole cairo paint of the scene. */
  if (strip_key == NULL || cells == NULL || n_cells == 0)
    {
      strip_key = NULL;
      n_cells = 0;
    }
  if (g_strcmp0 (strip_key, self->cells_strip) == 0
      && n_cells == (self->cells ? self->cells->len : 0)
      && (n_cells == 0 || memcmp (cells, self->cells->data, n_cells * sizeof (guint)) == 0))
    return;

  g_free (self->cells_strip);
  self->cells_strip = g_strdup (strip_key);
  g_clear_pointer (&self->cells, g_array_unref);
  if (strip_key != NULL && cells != NULL && n_cells > 0)
    {
      self->cells = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_cells);
      g_array_append_vals (self->cells, cells, n_cells);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
