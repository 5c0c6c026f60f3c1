/* cs-step-list.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The step list: one row per step of the trace with the step number, its
 * source and caption, and an error icon on a step that raised.  It is a
 * GtkListView: rows are built once and reused (GTK 4.8 keeps up to 200
 * of them around the visible ones, so longer scenarios build only that
 * many), and a new trace changes only the items whose step changed, so
 * re-running a 200-step scenario after a keystroke touches a handful of
 * widgets instead of rebuilding 200 rows.
 *
 * The list does not edit anything itself.  It says what the user asked
 * for with signals: "step-selected" (a row was selected by the user, not
 * by cs_step_list_select ()), "move-step" (from, to: the step should end
 * up at position @to) and "delete-step".  Each row has a menu (its menu
 * button, a right click, Shift+F10 or the Menu key) with Move Up, Move
 * Down and Delete Step; rows can be dragged onto another row; Alt+Up,
 * Alt+Down and Delete act on the selected row while the list has focus.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-markup.h"
#include "cs-step-list.h"

/* ---- one step, as the list shows it -------------------------------------- */

#define CS_TYPE_STEP_ITEM (cs_step_item_get_type ())

G_DECLARE_FINAL_TYPE (CsStepItem, cs_step_item, CS, STEP_ITEM, GObject)

struct _CsStepItem
{
  GObject  parent_instance;

  guint    index;
  guint    line;
  guint    end_line;
  char    *source;
  char    *caption;
  char    *error;    /* "Type: message", or NULL */
};

G_DEFINE_FINAL_TYPE (CsStepItem, cs_step_item, G_TYPE_OBJECT)

/* "changed": the item now shows another step (its fields were replaced). */
static guint item_changed_signal;

static void
cs_step_item_finalize (GObject *object)
{
  CsStepItem *self = CS_STEP_ITEM (object);

  g_free (self->source);
  g_free (self->caption);
  g_free (self->error);

  G_OBJECT_CLASS (cs_step_item_parent_class)->finalize (object);
}

static void
cs_step_item_class_init (CsStepItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_step_item_finalize;

  item_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cs_step_item_init (CsStepItem *self)
{
}

/* At most this many source lines in a row; the rest is "…". */
#define MAX_ROW_LINES 2

static char *
row_source (const char *source)
{
  const char *end = source;

  for (guint n = 0; n < MAX_ROW_LINES; n++)
    {
      end = strchr (end, '\n');
      if (end == NULL)
        return g_strdup (source);
      if (n + 1 < MAX_ROW_LINES)
        end++;
    }

  if (end[1] == '\0')
    return g_strndup (source, end - source);
  return g_strdup_printf ("%.*s…", (int) (end - source), source);
}

static CsStepItem *
cs_step_item_new (const CsStep *step,
                  guint         index)
{
  CsStepItem *self = g_object_new (CS_TYPE_STEP_ITEM, NULL);

  self->index = index;
  self->line = step->span.line > 0 ? step->span.line : step->line;
  self->end_line = MAX (step->span.end_line, self->line);
  self->source = row_source (step->source ? step->source : "");
  self->caption = step->caption && *step->caption ? g_strdup (step->caption) : NULL;
  if (step->error != NULL)
    self->error = g_strdup_printf ("%s: %s", step->error->type, step->error->message);
  return self;
}

static gboolean
cs_step_item_equal (CsStepItem *a,
                    CsStepItem *b)
{
  return a->index == b->index
         && a->line == b->line
         && a->end_line == b->end_line
         && g_strcmp0 (a->source, b->source) == 0
         && g_strcmp0 (a->caption, b->caption) == 0
         && g_strcmp0 (a->error, b->error) == 0;
}

/* Takes @from's fields (and leaves @from empty). */
static void
cs_step_item_take (CsStepItem *self,
                   CsStepItem *from)
{
  self->index = from->index;
  self->line = from->line;
  self->end_line = from->end_line;
  g_free (self->source);
  self->source = g_steal_pointer (&from->source);
  g_free (self->caption);
  self->caption = g_steal_pointer (&from->caption);
  g_free (self->error);
  self->error = g_steal_pointer (&from->error);
  g_signal_emit (self, item_changed_signal, 0);
}

/* ---- the list -------------------------------------------------------------- */

struct _CsStepList
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkListView        *list_view;
  GListStore         *store;
  GtkSingleSelection *selection;
  GtkWidget          *popover;

  guint               updating : 1;  /* Selection changes come from code. */
  guint               drag_step;     /* Row being dragged, or GTK_INVALID_LIST_POSITION. */
};

G_DEFINE_FINAL_TYPE (CsStepList, cs_step_list, GTK_TYPE_WIDGET)

enum
{
  STEP_SELECTED,
  MOVE_STEP,
  DELETE_STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The widgets of one row, kept on the row's box. */
typedef struct
{
  GtkListItem *list_item;
  CsStepItem  *item;         /* bound, or NULL */
  gulong       changed_id;
  GtkWidget   *box;
  GtkWidget   *number;
  GtkWidget   *icon;
  GtkWidget   *source;
  GtkWidget   *caption;
} Row;

static guint
row_position (GtkWidget *box)
{
  Row *row = g_object_get_data (G_OBJECT (box), "cs-row");

  return row && gtk_list_item_get_item (row->list_item)
         ? gtk_list_item_get_position (row->list_item)
         : GTK_INVALID_LIST_POSITION;
}

/* The bound row box that shows step @index, if it is built. */
static GtkWidget *
find_row_box (CsStepList *self,
              guint       index)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);

      if (box != NULL && g_object_get_data (G_OBJECT (box), "cs-row") != NULL
          && row_position (box) == index)
        return box;
    }

  return NULL;
}

static void
popup_menu_at (CsStepList *self,
               guint       index,
               GtkWidget  *box,
               double      x,
               double      y)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) section = g_menu_new ();
  g_autoptr (GMenuItem) item = NULL;
  GdkRectangle rect = { 0, 0, 1, 1 };

  if (index >= n)
    return;

  item = g_menu_item_new (_("Move _Up"), NULL);
  g_menu_item_set_action_and_target (item, "steps.move-up", "u", index);
  g_menu_append_item (menu, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Move _Down"), NULL);
  g_menu_item_set_action_and_target (item, "steps.move-down", "u", index);
  g_menu_append_item (menu, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("De_lete Step"), NULL);
  g_menu_item_set_action_and_target (item, "steps.delete", "u", index);
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "steps.move-up", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "steps.move-down", index + 1 < n);

  if (box == NULL)
    box = find_row_box (self, index);
  if (box != NULL)
    {
      double sx, sy;

      if (x < 0)
        {
          x = gtk_widget_get_width (box) - 16;
          y = gtk_widget_get_height (box) / 2.0;
        }
      if (gtk_widget_translate_coordinates (box, GTK_WIDGET (self), x, y, &sx, &sy))
        {
          rect.x = (int) sx;
          rect.y = (int) sy;
        }
    }
  else
    {
      rect.x = gtk_widget_get_width (GTK_WIDGET (self)) / 2;
      rect.y = gtk_widget_get_height (GTK_WIDGET (self)) / 2;
    }

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->popover), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                CsStepList      *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  guint index = row_position (box);

  if (index == GTK_INVALID_LIST_POSITION)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, index, box, x, y);
}

static void
menu_button_clicked_cb (GtkButton  *button,
                        CsStepList *self)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (button));
  guint index = row_position (box);

  if (index != GTK_INVALID_LIST_POSITION)
    popup_menu_at (self, index, box, -1, -1);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 CsStepList    *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  guint index = row_position (box);

  if (index == GTK_INVALID_LIST_POSITION)
    return NULL;

  self->drag_step = index;
  return gdk_content_provider_new_typed (G_TYPE_UINT, index);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               CsStepList    *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (box);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static void
drag_end_cb (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             CsStepList    *self)
{
  self->drag_step = GTK_INVALID_LIST_POSITION;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CsStepList    *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint to = row_position (box);
  guint from = g_value_get_uint (value);

  /* Only rows of this list, dragged now. */
  if (from != self->drag_step || to == GTK_INVALID_LIST_POSITION
      || from >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    return FALSE;

  self->drag_step = GTK_INVALID_LIST_POSITION;
  if (from != to)
    g_signal_emit (self, signals[MOVE_STEP], 0, from, to);
  return TRUE;
}

static gboolean
button_query_tooltip_cb (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip,
                         gpointer    data)
{
  /* Translators: tooltip of the menu button on each row of the step list. */
  gtk_tooltip_set_text (tooltip, _("Step Menu (Shift+F10)"));
  return TRUE;
}

static gboolean
row_query_tooltip_cb (GtkWidget  *widget,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      Row        *row)
{
  if (row->item == NULL || row->item->source == NULL || *row->item->source == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, row->item->source);
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CsStepList               *self)
{
  GtkWidget *box, *text, *top, *button;
  GtkGesture *click;
  GtkDragSource *drag;
  GtkDropTarget *drop;
  Row *row = g_new0 (Row, 1);

  row->list_item = list_item;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (box, "cs-step-row");
  row->box = box;

  row->number = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->number), 1);
  gtk_label_set_width_chars (GTK_LABEL (row->number), 3);
  gtk_widget_set_valign (row->number, GTK_ALIGN_START);
  gtk_widget_add_css_class (row->number, "dim-label");
  gtk_widget_add_css_class (row->number, "numeric");
  gtk_widget_add_css_class (row->number, "cs-step-number");
  gtk_box_append (GTK_BOX (box), row->number);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), text);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (text), top);

  row->icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_add_css_class (row->icon, "error");
  gtk_widget_add_css_class (row->icon, "cs-step-error-icon");
  gtk_widget_set_valign (row->icon, GTK_ALIGN_START);
  gtk_widget_set_visible (row->icon, FALSE);
  gtk_box_append (GTK_BOX (top), row->icon);

  row->source = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->source), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->source), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (row->source, TRUE);
  gtk_widget_add_css_class (row->source, "monospace");
  gtk_widget_add_css_class (row->source, "cs-step-row-source");
  gtk_box_append (GTK_BOX (top), row->source);

  row->caption = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->caption), 0);
  gtk_label_set_wrap (GTK_LABEL (row->caption), TRUE);
  gtk_label_set_lines (GTK_LABEL (row->caption), 2);
  gtk_label_set_ellipsize (GTK_LABEL (row->caption), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (row->caption, "dim-label");
  gtk_widget_add_css_class (row->caption, "caption");
  gtk_widget_add_css_class (row->caption, "cs-step-row-caption");
  gtk_box_append (GTK_BOX (text), row->caption);

  button = gtk_button_new_from_icon_name ("view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "cs-step-menu-button");
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (button_query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Step Menu"),
                                  -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (menu_button_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), button);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (row_pressed_cb), self, 0);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drag));

  drop = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drop));

  /* Tooltips come from query-tooltip: in GTK 4.8 every
   * gtk_widget_set_tooltip_text () on a visible widget asks the X server
   * where the pointer is, which made filling 200 rows take 100 ms. */
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (row_query_tooltip_cb), row);

  g_object_set_data_full (G_OBJECT (box), "cs-row", row, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
show_row (Row *row)
{
  CsStepItem *item = row->item;
  GtkWidget *box = row->box;
  g_autofree char *number = g_strdup_printf ("%u", item->index + 1);
  g_autofree char *label = NULL;

  gtk_label_set_text (GTK_LABEL (row->number), number);
  gtk_label_set_text (GTK_LABEL (row->source), item->source);
  {
    /* Code in backticks, in monospace. */
    g_autofree char *markup = cs_markup_from_backticks (item->caption ? item->caption : "",
                                                        "font_family=\"monospace\"");

    gtk_label_set_markup (GTK_LABEL (row->caption), markup);
  }
  gtk_widget_set_visible (row->caption, item->caption != NULL);
  gtk_widget_set_visible (row->icon, item->error != NULL);
  /* Few steps raise: setting their icon's tooltip is cheap enough. */
  if (item->error != NULL && g_strcmp0 (gtk_widget_get_tooltip_text (row->icon), item->error) != 0)
    gtk_widget_set_tooltip_text (row->icon, item->error);

  if (item->error != NULL)
    {
      /* Translators: accessible name of the error icon on a step; %s is
       * the Python error, "NameError: name 'x' is not defined". */
      g_autofree char *error = g_strdup_printf (_("Error: %s"), item->error);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row->icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, error,
                                      -1);
      /* Translators: accessible name of a step list row: step number,
       * line, the statement and the error it raised. */
      label = g_strdup_printf (_("Step %u, line %u: %s. %s"),
                               item->index + 1, item->line, item->source, error);
    }
  else
    {
      /* Translators: accessible name of a step list row: step number,
       * line and the statement. */
      label = g_strdup_printf (_("Step %u, line %u: %s"), item->index + 1, item->line, item->source);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CsStepList               *self)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "cs-row");

  row->item = gtk_list_item_get_item (list_item);
  row->changed_id = g_signal_connect_swapped (row->item, "changed", G_CALLBACK (show_row), row);
  show_row (row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CsStepList               *self)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "cs-row");

  if (row->item != NULL)
    g_clear_signal_handler (&row->changed_id, row->item);
  row->item = NULL;
}

static void
selection_changed_cb (CsStepList *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;

  g_signal_emit (self, signals[STEP_SELECTED], 0, selected);
}

/* ---- actions and keys ------------------------------------------------------ */

static void
move_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CsStepList *self = CS_STEP_LIST (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint index = g_variant_get_uint32 (parameter);
  gboolean up = g_str_equal (action_name, "steps.move-up");

  if (index >= n || (up && index == 0) || (!up && index + 1 >= n))
    return;

  g_signal_emit (self, signals[MOVE_STEP], 0, index, up ? index - 1 : index + 1);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CsStepList *self = CS_STEP_LIST (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index < g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    g_signal_emit (self, signals[DELETE_STEP], 0, index);
}

static gboolean
key_move_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  CsStepList *self = CS_STEP_LIST (widget);
  guint index = cs_step_list_get_selected (self);

  if (index == GTK_INVALID_LIST_POSITION)
    return FALSE;

  move_action_cb (widget, g_variant_get_boolean (args) ? "steps.move-up" : "steps.move-down",
                  g_variant_new_uint32 (index));
  return TRUE;
}

static gboolean
key_delete_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  CsStepList *self = CS_STEP_LIST (widget);
  guint index = cs_step_list_get_selected (self);
  g_autoptr (GVariant) parameter = NULL;

  if (index == GTK_INVALID_LIST_POSITION)
    return FALSE;

  parameter = g_variant_ref_sink (g_variant_new_uint32 (index));
  delete_action_cb (widget, "steps.delete", parameter);
  return TRUE;
}

static gboolean
key_menu_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  CsStepList *self = CS_STEP_LIST (widget);
  guint index = cs_step_list_get_selected (self);

  if (index == GTK_INVALID_LIST_POSITION)
    return FALSE;

  cs_step_list_popup_menu (self, index);
  return TRUE;
}

/* ---- GtkWidget ------------------------------------------------------------- */

static void
cs_step_list_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  CsStepList *self = CS_STEP_LIST (widget);

  gtk_widget_measure (self->scroller, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
cs_step_list_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CsStepList *self = CS_STEP_LIST (widget);

  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
  if (gtk_widget_get_visible (self->popover))
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static gboolean
cs_step_list_grab_focus (GtkWidget *widget)
{
  CsStepList *self = CS_STEP_LIST (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
cs_step_list_dispose (GObject *object)
{
  CsStepList *self = CS_STEP_LIST (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->list_view = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cs_step_list_parent_class)->dispose (object);
}

static void
cs_step_list_class_init (CsStepListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_step_list_dispose;
  widget_class->measure = cs_step_list_measure;
  widget_class->size_allocate = cs_step_list_size_allocate;
  widget_class->grab_focus = cs_step_list_grab_focus;

  /**
   * CsStepList::step-selected:
   * @index: the step the user selected
   *
   * The user selected a row (click, keys); not emitted for
   * cs_step_list_select ().
   */
  signals[STEP_SELECTED] = g_signal_new ("step-selected", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * CsStepList::move-step:
   * @from: the step to move
   * @to: the position it should have afterwards (before step @to when
   *   @to < @from, after it when @to > @from)
   */
  signals[MOVE_STEP] = g_signal_new ("move-step", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * CsStepList::delete-step:
   * @index: the step to delete
   */
  signals[DELETE_STEP] = g_signal_new ("delete-step", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "steps.move-up", "u", move_action_cb);
  gtk_widget_class_install_action (widget_class, "steps.move-down", "u", move_action_cb);
  gtk_widget_class_install_action (widget_class, "steps.delete", "u", delete_action_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, key_move_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, key_move_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, key_move_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, key_move_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, key_delete_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, key_delete_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, key_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, key_menu_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "cs-step-list");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cs_step_list_init (CsStepList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->drag_step = GTK_INVALID_LIST_POSITION;
  self->store = g_list_store_new (CS_TYPE_STEP_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection)),
                                                      factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("accessible name", "Steps"),
                                  -1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list_view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->popover = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), TRUE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------------- */

/**
 * cs_step_list_new:
 *
 * Returns: (transfer floating): an empty step list
 */
GtkWidget *
cs_step_list_new (void)
{
  return g_object_new (CS_TYPE_STEP_LIST, NULL);
}

guint
cs_step_list_get_n_steps (CsStepList *self)
{
  g_return_val_if_fail (CS_IS_STEP_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

/**
 * cs_step_list_get_selected:
 *
 * Returns: the selected step, or %GTK_INVALID_LIST_POSITION
 */
guint
cs_step_list_get_selected (CsStepList *self)
{
  g_return_val_if_fail (CS_IS_STEP_LIST (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->selection);
}

/**
 * cs_step_list_get_row_widget:
 * @index: a step
 *
 * Returns: (transfer none) (nullable): the row showing step @index, or
 *   %NULL when it is not built (not on screen: the list is virtual)
 */
GtkWidget *
cs_step_list_get_row_widget (CsStepList *self,
                             guint       index)
{
  g_return_val_if_fail (CS_IS_STEP_LIST (self), NULL);

  return find_row_box (self, index);
}

/**
 * cs_step_list_set_trace:
 * @trace: (nullable): the trace to list
 *
 * Shows one row per step of @trace.  The list's items are updated in
 * place: only items whose step looks different (number, lines, source,
 * caption, error) change, and only their rows, if built, are redrawn;
 * steps are added or removed at the end.  (Replacing items in the middle
 * of a GtkListView costs GTK 4.8 some 20 ms for 200 rows.)  The selection
 * stays on its position, without "step-selected"; select the current
 * step afterwards.
 */
void
cs_step_list_set_trace (CsStepList *self,
                        CsTrace    *trace)
{
  guint old_n, new_n, common;

  g_return_if_fail (CS_IS_STEP_LIST (self));

  old_n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  new_n = trace ? cs_trace_get_n_steps (trace) : 0;
  common = MIN (old_n, new_n);

  for (guint i = 0; i < common; i++)
    {
      g_autoptr (CsStepItem) old = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      g_autoptr (CsStepItem) item = cs_step_item_new (cs_trace_get_step (trace, i), i);

      if (!cs_step_item_equal (old, item))
        cs_step_item_take (old, item);
    }

  self->updating = TRUE;
  if (new_n > old_n)
    {
      g_autoptr (GPtrArray) items = g_ptr_array_new_full (new_n - old_n, g_object_unref);

      for (guint i = old_n; i < new_n; i++)
        g_ptr_array_add (items, cs_step_item_new (cs_trace_get_step (trace, i), i));
      g_list_store_splice (self->store, old_n, 0, items->pdata, items->len);
    }
  else if (new_n < old_n)
    g_list_store_splice (self->store, new_n, old_n - new_n, NULL, 0);
  self->updating = FALSE;
}

/**
 * cs_step_list_select:
 * @index: a step, or %GTK_INVALID_LIST_POSITION for none
 *
 * Selects the row of step @index and scrolls to it, without emitting
 * "step-selected".
 */
void
cs_step_list_select (CsStepList *self,
                     guint       index)
{
  g_return_if_fail (CS_IS_STEP_LIST (self));

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    index = GTK_INVALID_LIST_POSITION;

  if (gtk_single_selection_get_selected (self->selection) != index)
    {
      self->updating = TRUE;
      gtk_single_selection_set_selected (self->selection, index);
      self->updating = FALSE;
    }

  if (index != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", index);
}

/**
 * cs_step_list_popup_menu:
 * @index: a step
 *
 * Shows the menu of step @index's row (Move Up, Move Down, Delete Step),
 * as its menu button, a right click, Shift+F10 or the Menu key do.
 */
void
cs_step_list_popup_menu (CsStepList *self,
                         guint       index)
{
  g_return_if_fail (CS_IS_STEP_LIST (self));

  popup_menu_at (self, index, NULL, -1, -1);
}
