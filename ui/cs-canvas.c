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
 * a GtkScrolledWindow to pan.
 */

#include "config.h"

#include <math.h>

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
};

G_DEFINE_FINAL_TYPE (CsCanvas, cs_canvas, GTK_TYPE_WIDGET)

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
    }

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

static void
click_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          CsCanvas        *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
cs_canvas_dispose (GObject *object)
{
  CsCanvas *self = CS_CANVAS (object);

  g_clear_object (&self->animation);
  g_clear_pointer (&self->from, cs_scene_unref);
  g_clear_pointer (&self->to, cs_scene_unref);
  g_clear_pointer (&self->scene, cs_scene_unref);

  G_OBJECT_CLASS (cs_canvas_parent_class)->dispose (object);
}

static void
cs_canvas_class_init (CsCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_canvas_dispose;

  widget_class->measure = cs_canvas_measure;
  widget_class->snapshot = cs_canvas_snapshot;

  gtk_widget_class_set_css_name (widget_class, "cs-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cs_canvas_init (CsCanvas *self)
{
  GtkEventController *scroll;
  GtkGesture *click;
  AdwAnimationTarget *target;

  self->zoom = 1.0;
  self->max_fit = 1.0;
  self->t = 1.0;
  self->duration_ms = 400;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

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

  update_description (self);
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
