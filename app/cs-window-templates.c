/* cs-window-templates.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor's "Add Step" menu: the templates of core/cs-templates.h for
 * the current step, rebuilt each time the menu opens.  Templates that do
 * not apply at this step are listed in their own section, insensitive,
 * with the reason.  Choosing one (win.add-step, the template id) inserts
 * its code after the current step and its missing imports after the
 * imports at the top, as one undoable user action, runs the scenario at
 * once and shows the new step.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-templates.h"
#include "cs-window-private.h"

static GtkTextBuffer *
get_buffer (CsWindow *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));
}

static char *
dup_text (CsWindow *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static gboolean
has_document (CsWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "document") == 0;
}

/* Templates read line numbers from the trace: when an edit has not run
 * yet (the debounce is pending), run it now so trace and text agree.
 */
static void
flush_rerun (CsWindow *self)
{
  g_autofree char *text = NULL;

  if (self->rerun_id == 0)
    return;
  g_clear_handle_id (&self->rerun_id, g_source_remove);
  text = dup_text (self);
  cs_window_run_text (self, text);
}

/* Menu labels take "_" as a mnemonic; names and calls have underscores. */
static char *
escape_underscores (const char *label)
{
  g_auto (GStrv) parts = g_strsplit (label, "_", -1);

  return g_strjoinv ("__", parts);
}

/**
 * cs_window_templates_update_menu:
 *
 * Fills the "Add Step" menu with the templates for the current step.
 */
void
cs_window_templates_update_menu (CsWindow *self)
{
  g_autoptr (GPtrArray) templates = NULL;
  g_autoptr (GMenu) available = g_menu_new ();
  g_autoptr (GMenu) unavailable = g_menu_new ();

  g_return_if_fail (CS_IS_WINDOW (self));

  flush_rerun (self);
  templates = cs_templates_list (self->trace, self->step);
  for (guint i = 0; i < templates->len; i++)
    {
      const CsTemplate *tmpl = g_ptr_array_index (templates, i);
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (tmpl->available && tmpl->changes_later)
        {
          g_autofree char *text = NULL;

          /* Translators: a menu item for a template that rebinds or
           * changes something later steps use.
           */
          text = g_strdup_printf (_("%s (changes later steps)"), tmpl->label);
          label = escape_underscores (text);
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (item, "win.add-step", g_variant_new_string (tmpl->id));
          g_menu_append_item (available, item);
        }
      else if (tmpl->available)
        {
          label = escape_underscores (tmpl->label);
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (item, "win.add-step", g_variant_new_string (tmpl->id));
          g_menu_append_item (available, item);
        }
      else
        {
          g_autofree char *text = NULL;

          /* Translators: a disabled menu item: a template, then why it does
           * not apply here ("needs a tensor").
           */
          text = g_strdup_printf (_("%s — %s"), tmpl->label, tmpl->reason);
          label = escape_underscores (text);
          item = g_menu_item_new (label, NULL);
          /* A disabled action makes the item insensitive. */
          g_menu_item_set_action_and_target_value (item, "win.add-step-unavailable",
                                                   g_variant_new_string (tmpl->id));
          g_menu_append_item (unavailable, item);
        }
    }

  g_menu_remove_all (self->add_step_menu);
  g_menu_append_section (self->add_step_menu, NULL, G_MENU_MODEL (available));
  if (g_menu_model_get_n_items (G_MENU_MODEL (unavailable)) > 0)
    g_menu_append_section (self->add_step_menu, _("Not Available Here"), G_MENU_MODEL (unavailable));
}

/**
 * cs_window_templates_add:
 * @id: a template id ("deepcopy")
 *
 * Inserts template @id after the current step, runs the scenario and
 * shows the new step.
 *
 * Returns: %TRUE when the step was added
 */
gboolean
cs_window_templates_add (CsWindow   *self,
                         const char *id)
{
  GtkTextBuffer *buffer = get_buffer (self);
  g_autoptr (CsTemplate) tmpl = NULL;
  g_autoptr (CsTemplateEdit) edit = NULL;
  g_autofree char *text = NULL;
  g_autofree char *new_text = NULL;
  GtkTextIter iter;
  glong code_chars, import_chars;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!has_document (self))
    return FALSE;

  flush_rerun (self);
  tmpl = cs_templates_get (self->trace, self->step, id);
  if (tmpl == NULL)
    return FALSE;
  if (!tmpl->available)
    {
      cs_window_add_toast (self, adw_toast_new (tmpl->reason));
      return FALSE;
    }

  text = dup_text (self);
  edit = cs_template_edit_new (tmpl, self->trace, text, self->step);
  g_return_val_if_fail (edit != NULL, FALSE);
  code_chars = g_utf8_pointer_to_offset (text, text + edit->code_offset);
  import_chars = g_utf8_pointer_to_offset (text, text + edit->import_offset);

  /* One user action, so one Ctrl+Z takes the whole step away; the code
   * goes in first because it comes after the imports.
   */
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) code_chars);
  gtk_text_buffer_insert (buffer, &iter, edit->code_text, -1);
  if (edit->import_text != NULL)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) import_chars);
      gtk_text_buffer_insert (buffer, &iter, edit->import_text, -1);
      code_chars += g_utf8_strlen (edit->import_text, -1);
    }
  gtk_text_buffer_end_user_action (buffer);

  /* The cursor goes to the new code. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) code_chars);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->editor_view), gtk_text_buffer_get_insert (buffer),
                                0.1, FALSE, 0.0, 0.0);

  /* Run now instead of after the typing pause. */
  g_clear_handle_id (&self->rerun_id, g_source_remove);
  new_text = dup_text (self);
  cs_window_run_text (self, new_text);
  cs_window_set_step (self, edit->new_step, TRUE);
  return TRUE;
}

static void
add_step_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cs_window_templates_add (CS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
add_step_menu_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);

  if (has_document (self) && gtk_widget_is_visible (GTK_WIDGET (self->add_step_button)))
    gtk_menu_button_popup (self->add_step_button);
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  cs_window_templates_update_menu (CS_WINDOW (user_data));
}

void
cs_window_templates_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child_full (widget_class, "add_step_button", FALSE,
                                             G_STRUCT_OFFSET (CsWindow, add_step_button));
  gtk_widget_class_install_action (widget_class, "win.add-step", "s", add_step_action_cb);
  /* Never enabled: the items of templates that do not apply use it. */
  gtk_widget_class_install_action (widget_class, "win.add-step-unavailable", "s", add_step_action_cb);
  gtk_widget_class_install_action (widget_class, "win.add-step-menu", NULL, add_step_menu_action_cb);
}

void
cs_window_templates_init (CsWindow *self)
{
  GtkEventController *controller;

  self->add_step_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->add_step_button, G_MENU_MODEL (self->add_step_menu));
  /* Called each time the menu opens: the templates follow the step. */
  gtk_menu_button_set_create_popup_func (self->add_step_button, create_popup_cb, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-step-unavailable", FALSE);

  /* Ctrl+Shift+A opens the menu from anywhere in the window; the capture
   * phase runs it before the editor's own use of the keys (unselect all,
   * which Ctrl+\ still does).
   */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.add-step-menu")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
cs_window_templates_dispose (CsWindow *self)
{
  if (self->add_step_button != NULL)
    gtk_menu_button_set_create_popup_func (self->add_step_button, NULL, NULL, NULL);
  g_clear_object (&self->add_step_menu);
}
