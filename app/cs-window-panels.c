/* cs-window-panels.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panels below the memory picture: "Strides" (how one view reads its
 * storage) and "Autograd" (the graph), as tabs that follow the
 * show-stride-panel and show-autograd-panel settings.  Hovering or
 * clicking a tensor in a picture shows it in the stride panel and
 * highlights the cells it reads; the panels' scenes are laid out when
 * first shown and animate with the memory picture.  Also win.zoom-fit.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-layout.h"
#include "cs-window-private.h"

static void
scene_unref0 (gpointer scene)
{
  if (scene != NULL)
    cs_scene_unref (scene);
}

static void
clear_caches (CsWindow *self)
{
  g_clear_pointer (&self->strides_scenes, g_hash_table_unref);
  g_clear_pointer (&self->autograd_scenes, g_ptr_array_unref);
  g_clear_pointer (&self->panels_trace, cs_trace_unref);
}

/* The caches belong to one run: a new trace (an edit re-ran the text)
 * starts them again.  Holding a reference keeps its address unique.
 */
static gboolean
ensure_caches (CsWindow *self)
{
  guint n;

  if (self->trace == NULL || cs_trace_get_n_steps (self->trace) == 0)
    {
      clear_caches (self);
      return FALSE;
    }
  if (self->panels_trace == self->trace && self->strides_scenes != NULL)
    return TRUE;

  clear_caches (self);
  n = cs_trace_get_n_steps (self->trace);
  self->panels_trace = cs_trace_ref (self->trace);
  self->strides_scenes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, scene_unref0);
  self->autograd_scenes = g_ptr_array_new_full (n, scene_unref0);
  g_ptr_array_set_size (self->autograd_scenes, (int) n);
  return TRUE;
}

static guint
current_step (CsWindow *self)
{
  return MIN (self->step, cs_trace_get_n_steps (self->trace) - 1);
}

static void
panel_options (CsWindow        *self,
               CsLayoutOptions *options,
               CsLayoutPart     part)
{
  cs_layout_options_init (options);
  options->frame = FALSE;
  options->part = part;
  /* The memory picture's numbering, so S1 is S1 in every panel. */
  options->storage_numbers = self->storage_numbers;
  options->font_scale = self->settings ? g_settings_get_double (self->settings, "font-scale") : 1.0;
}

static CsScene *
layout_step (CsWindow              *self,
             guint                  index,
             const CsLayoutOptions *options)
{
  guint n = cs_trace_get_n_steps (self->trace);

  return cs_layout_snapshot (cs_trace_get_step (self->trace, index),
                             index > 0 ? cs_trace_get_step (self->trace, index - 1) : NULL,
                             index, n, options);
}

static CsScene *
get_strides_scene (CsWindow *self,
                   guint     index,
                   guint64   serial)
{
  g_autofree char *key = g_strdup_printf ("%u:%" G_GUINT64_FORMAT, index, serial);
  CsScene *scene = g_hash_table_lookup (self->strides_scenes, key);

  if (scene == NULL)
    {
      CsLayoutOptions options;

      panel_options (self, &options, CS_LAYOUT_PART_STRIDES);
      options.stride_focus = serial;
      scene = layout_step (self, index, &options);
      g_hash_table_insert (self->strides_scenes, g_steal_pointer (&key), scene);
    }
  return scene;
}

static CsScene *
get_autograd_scene (CsWindow *self,
                    guint     index)
{
  CsScene *scene = g_ptr_array_index (self->autograd_scenes, index);

  if (scene == NULL)
    {
      CsLayoutOptions options;

      panel_options (self, &options, CS_LAYOUT_PART_AUTOGRAD);
      scene = layout_step (self, index, &options);
      self->autograd_scenes->pdata[index] = scene;
    }
  return scene;
}

/* The serial of the array @ref_key ("obj:N") shows at this step, or 0. */
static guint64
array_serial (CsWindow   *self,
              const char *ref_key)
{
  guint64 serial, storage = 0;
  g_autoptr (GArray) cells = NULL;

  if (ref_key == NULL || !g_str_has_prefix (ref_key, "obj:") || self->trace == NULL
      || cs_trace_get_n_steps (self->trace) == 0)
    return 0;
  serial = g_ascii_strtoull (ref_key + 4, NULL, 10);
  cells = cs_layout_view_cells (cs_trace_get_step (self->trace, current_step (self)), serial, &storage);
  return storage != 0 ? serial : 0;
}

/* The view the stride panel shows: its grid (or, for a view the grid
 * cannot explain, its card).
 */
static guint64
scene_view (const CsScene *scene)
{
  for (guint i = 0; scene != NULL && i < scene->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (scene->boxes, i);
      const char *ref = box->ref_key != NULL ? box->ref_key : box->key;

      if ((box->kind == CS_BOX_GRID || box->kind == CS_BOX_CARD) && g_str_has_prefix (ref, "obj:"))
        return g_ascii_strtoull (ref + 4, NULL, 10);
    }
  return 0;
}

/* The chosen (or hovered) view is drawn selected in the memory picture,
 * with the storage cells it reads.
 */
static void
update_highlight (CsWindow *self)
{
  guint64 selected = self->panels_selected, shown = self->panels_hovered ? self->panels_hovered : selected;
  guint64 storage = 0;
  g_autofree char *selected_key = NULL;
  g_autofree char *strip_key = NULL;
  g_autoptr (GArray) cells = NULL;

  if (self->trace == NULL || cs_trace_get_n_steps (self->trace) == 0)
    {
      cs_canvas_set_selected_key (self->canvas, NULL);
      cs_canvas_set_highlight_cells (self->canvas, NULL, NULL, 0);
      return;
    }

  if (selected != 0 && array_serial (self, (selected_key = g_strdup_printf ("obj:%" G_GUINT64_FORMAT, selected))) != 0)
    cs_canvas_set_selected_key (self->canvas, selected_key);
  else
    cs_canvas_set_selected_key (self->canvas, NULL);

  if (shown != 0)
    cells = cs_layout_view_cells (cs_trace_get_step (self->trace, current_step (self)), shown, &storage);
  if (storage != 0 && cells->len > 0)
    {
      strip_key = g_strdup_printf ("storage:%" G_GUINT64_FORMAT, storage);
      cs_canvas_set_highlight_cells (self->canvas, strip_key, (const guint *) (gpointer) cells->data, cells->len);
    }
  else
    cs_canvas_set_highlight_cells (self->canvas, NULL, NULL, 0);
}

static void
show_strides (CsWindow *self,
              gboolean  animate,
              gboolean  backwards)
{
  guint64 serial = self->panels_hovered ? self->panels_hovered : self->panels_selected;
  CsScene *scene = get_strides_scene (self, current_step (self), serial);
  gboolean empty = cs_layout_scene_is_empty (scene);

  gtk_stack_set_visible_child_name (self->strides_stack, empty ? "empty" : "picture");
  if (cs_canvas_get_scene (self->strides_canvas) != scene)
    cs_canvas_set_scene (self->strides_canvas, empty ? NULL : scene,
                         animate && !empty && gtk_widget_get_mapped (GTK_WIDGET (self->strides_canvas)),
                         backwards);
}

/* Whether any step of the run has an ndarray or a tensor: a scenario of
 * plain lists and dicts has nothing for either panel, and its memory
 * picture gets the whole height.
 */
static gboolean
trace_has_arrays (CsTrace *trace)
{
  guint n = trace != NULL ? cs_trace_get_n_steps (trace) : 0;

  for (guint i = 0; i < n; i++)
    {
      const CsStep *step = cs_trace_get_step (trace, i);

      if (step->snapshot != NULL && step->snapshot->n_storages > 0)
        return TRUE;
    }
  return FALSE;
}

static void
update_visibility (CsWindow *self)
{
  gboolean strides = TRUE, autograd = TRUE;

  if (self->settings != NULL)
    {
      strides = g_settings_get_boolean (self->settings, "show-stride-panel");
      autograd = g_settings_get_boolean (self->settings, "show-autograd-panel");
    }

  gtk_stack_page_set_visible (self->strides_page, strides);
  gtk_stack_page_set_visible (self->autograd_page, autograd);
  gtk_widget_set_visible (self->panels_box,
                          (strides || autograd) && trace_has_arrays (self->trace));
  /* Show a tab that is still there. */
  if (!strides && autograd)
    gtk_stack_set_visible_child_name (self->panels_stack, "autograd");
  else if (strides && !autograd)
    gtk_stack_set_visible_child_name (self->panels_stack, "strides");
}

/**
 * cs_window_panels_show_step:
 * @animate: animate from the step shown before (with the memory picture)
 * @backwards: the step went back
 *
 * Shows the current step in the panels (or their placeholders).
 */
void
cs_window_panels_show_step (CsWindow *self,
                            gboolean  animate,
                            gboolean  backwards)
{
  CsScene *scene;
  gboolean empty;
  guint duration;

  g_return_if_fail (CS_IS_WINDOW (self));

  update_visibility (self);
  if (!ensure_caches (self))
    {
      cs_canvas_set_scene (self->strides_canvas, NULL, FALSE, FALSE);
      cs_canvas_set_scene (self->autograd_canvas, NULL, FALSE, FALSE);
      gtk_stack_set_visible_child_name (self->strides_stack, "empty");
      gtk_stack_set_visible_child_name (self->autograd_stack, "empty");
      update_highlight (self);
      return;
    }

  /* The panels move with the memory picture, at its speed. */
  duration = cs_canvas_get_duration (self->canvas);
  cs_canvas_set_duration (self->strides_canvas, duration);
  cs_canvas_set_duration (self->autograd_canvas, duration);

  show_strides (self, animate, backwards);

  scene = get_autograd_scene (self, current_step (self));
  empty = cs_layout_scene_is_empty (scene);
  gtk_stack_set_visible_child_name (self->autograd_stack, empty ? "empty" : "picture");
  if (cs_canvas_get_scene (self->autograd_canvas) != scene)
    cs_canvas_set_scene (self->autograd_canvas, empty ? NULL : scene, animate && !empty, backwards);

  update_highlight (self);
}

/**
 * cs_window_panels_relayout:
 *
 * Forgets the panels' scenes (the layout's inputs changed).
 */
void
cs_window_panels_relayout (CsWindow *self)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  clear_caches (self);
  cs_canvas_set_scene (self->strides_canvas, NULL, FALSE, FALSE);
  cs_canvas_set_scene (self->autograd_canvas, NULL, FALSE, FALSE);
}

/**
 * cs_window_panels_get_explained:
 *
 * Returns: the serial of the view the stride panel explains now, 0 when
 *   it shows its placeholder
 */
guint64
cs_window_panels_get_explained (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), 0);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->strides_stack), "picture") != 0)
    return 0;
  return scene_view (cs_canvas_get_scene (self->strides_canvas));
}

static void
box_hovered_cb (CsWindow   *self,
                const char *ref_key,
                CsCanvas   *canvas)
{
  guint64 serial = array_serial (self, ref_key);

  if (serial == self->panels_hovered || !ensure_caches (self))
    return;
  self->panels_hovered = serial;
  show_strides (self, FALSE, FALSE);
  update_highlight (self);
}

static void
box_activated_cb (CsWindow   *self,
                  const char *ref_key,
                  CsCanvas   *canvas)
{
  guint64 serial = array_serial (self, ref_key);

  if (serial == 0 || !ensure_caches (self))
    return;
  self->panels_selected = serial;
  self->panels_hovered = 0;
  if (gtk_stack_page_get_visible (self->strides_page))
    gtk_stack_set_visible_child_name (self->panels_stack, "strides");
  show_strides (self, TRUE, FALSE);
  update_highlight (self);
}

static void
panels_setting_changed_cb (CsWindow   *self,
                           const char *key,
                           GSettings  *settings)
{
  update_visibility (self);
}

static void
zoom_fit_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);

  cs_canvas_zoom_to_fit (self->canvas);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->strides_canvas)))
    cs_canvas_zoom_to_fit (self->strides_canvas);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->autograd_canvas)))
    cs_canvas_zoom_to_fit (self->autograd_canvas);
}

/* The first time the document shows, the output pane below keeps a few
 * lines and the picture and the panels share the rest evenly (a .ui can
 * only give fixed positions).
 */
#define OUTPUT_HEIGHT 150

static gboolean
split_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  CsWindow *self = user_data;
  GtkWidget *outer = gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_PANED);
  int height = gtk_widget_get_height (widget);

  if (!gtk_widget_get_mapped (widget) || height <= 0)
    return G_SOURCE_CONTINUE;
  if (outer != NULL && gtk_paned_get_end_child (GTK_PANED (outer)) == self->output_scroller)
    {
      int outer_height = gtk_widget_get_height (outer);
      int position = gtk_paned_get_position (GTK_PANED (outer));

      /* First the output pane; the split waits for the next frame, when
       * this paned has its new height.
       */
      if (outer_height - position > OUTPUT_HEIGHT + 1 && outer_height > 3 * OUTPUT_HEIGHT)
        {
          gtk_paned_set_position (GTK_PANED (outer), outer_height - OUTPUT_HEIGHT);
          return G_SOURCE_CONTINUE;
        }
    }
  gtk_paned_set_position (self->panels_paned, height / 2);
  self->panels_tick_id = 0;
  return G_SOURCE_REMOVE;
}

void
cs_window_panels_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (CS_TYPE_CANVAS);

  gtk_widget_class_bind_template_child (widget_class, CsWindow, panels_paned);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, panels_box);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, panels_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, strides_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, autograd_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, strides_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, autograd_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, strides_canvas);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, autograd_canvas);

  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_9, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
}

void
cs_window_panels_init (CsWindow *self)
{
  CsCanvas *canvases[] = { self->canvas, self->strides_canvas, self->autograd_canvas };

  cs_canvas_set_name (self->canvas, C_("accessible name", "Memory Picture"));
  cs_canvas_set_name (self->strides_canvas, C_("accessible name", "Stride Panel"));
  cs_canvas_set_name (self->autograd_canvas, C_("accessible name", "Autograd Graph"));

  for (guint i = 0; i < G_N_ELEMENTS (canvases); i++)
    g_signal_connect_object (canvases[i], "box-activated", G_CALLBACK (box_activated_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "box-hovered", G_CALLBACK (box_hovered_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autograd_canvas, "box-hovered", G_CALLBACK (box_hovered_cb), self,
                           G_CONNECT_SWAPPED);

  self->panels_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->panels_paned), split_tick_cb,
                                                       self, NULL);
}

void
cs_window_panels_constructed (CsWindow *self)
{
  update_visibility (self);
  if (self->settings == NULL)
    return;

  g_signal_connect_object (self->settings, "changed::show-stride-panel",
                           G_CALLBACK (panels_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::show-autograd-panel",
                           G_CALLBACK (panels_setting_changed_cb), self, G_CONNECT_SWAPPED);
}

void
cs_window_panels_dispose (CsWindow *self)
{
  if (self->panels_tick_id != 0 && self->panels_paned != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->panels_paned), self->panels_tick_id);
  self->panels_tick_id = 0;
  clear_caches (self);
}
