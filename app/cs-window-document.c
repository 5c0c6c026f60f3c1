/* cs-window-document.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's document: reading a scenario file (with clear messages for
 * files that are not scenarios, keeping the current work), running it with
 * the engine, laying every step out as a scene, and showing one step in the
 * editor, the step list, the caption, the canvas and the output pane.
 * Edits re-run the scenario after a short pause and keep the step.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-explain.h"
#include "cs-layout.h"
#include "cs-scenario.h"
#include "cs-scenario-edit.h"
#include "cs-value.h"
#include "cs-markup.h"
#include "cs-window-private.h"

/* The engine refuses more (CsRunOptions.max_source_bytes); a larger file is
 * refused before it is read.
 */
#define MAX_SCENARIO_BYTES (1024 * 1024)
#define RERUN_DELAY_MS     400

/* A message with a Close button, for what the user cannot choose about. */
void
cs_window_show_message (CsWindow   *self,
                        const char *heading,
                        const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkSourceBuffer *
get_buffer (CsWindow *self)
{
  return GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view)));
}

static void
update_title (CsWindow *self)
{
  g_autofree char *title = NULL;
  const char *name = self->display_name ? self->display_name : _("Untitled Scenario");

  title = self->modified ? g_strdup_printf ("• %s", name) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  if (self->file != NULL)
    {
      g_autoptr (GFile) parent = g_file_get_parent (self->file);
      g_autofree char *parent_name = parent ? g_file_get_parse_name (parent) : NULL;

      adw_window_title_set_subtitle (self->window_title, parent_name ? parent_name : "");
    }
  else
    adw_window_title_set_subtitle (self->window_title, "");
}

/**
 * cs_window_show_content:
 * @document: %TRUE for the document, %FALSE for the empty state
 *
 * The one place that switches the window's content.
 */
void
cs_window_show_content (CsWindow *self,
                        gboolean  document)
{
  gtk_stack_set_visible_child_name (self->content_stack, document ? "document" : "empty");
  gtk_widget_set_visible (self->step_nav_box, document);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), document);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), document);
  if (!document)
    {
      adw_window_title_set_title (self->window_title, "Copyscope");
      adw_window_title_set_subtitle (self->window_title, "");
    }
  cs_window_update_actions (self);
}

void
cs_window_update_actions (CsWindow *self)
{
  guint n = self->scenes ? self->scenes->len : 0;
  gboolean document = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                                 "document") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-first", n > 0 && self->step > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-previous", n > 0 && self->step > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-next", n > 0 && self->step + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-last", n > 0 && self->step + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", document);
  cs_window_lessons_update (self);   /* lessons: win.next-lesson, its toast. */
  cs_window_playback_update (self);  /* prefs: win.play, keep playing or stop. */
}

/* steps: a step of a new run pictures the same as a step of the last run
 * when it and every step before it look the same (the engine is
 * deterministic and the picture is made from the steps so far).
 */
static gboolean
steps_look_same (const CsStep *a,
                 const CsStep *b)
{
  if (g_strcmp0 (a->source, b->source) != 0
      || a->line != b->line || a->column != b->column
      || a->span.line != b->span.line || a->span.end_line != b->span.end_line
      || (a->error == NULL) != (b->error == NULL))
    return FALSE;
  return a->error == NULL
         || (g_strcmp0 (a->error->type, b->error->type) == 0
             && g_strcmp0 (a->error->message, b->error->message) == 0
             && a->error->line == b->error->line);
}

static void
mark_step_lines (CsWindow *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (get_buffer (self));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "cs-current-step", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "cs-error", &start, &end);

  if (self->trace == NULL)
    return;

  for (guint i = 0; i < cs_trace_get_n_steps (self->trace); i++)
    {
      const CsStep *step = cs_trace_get_step (self->trace, i);

      if (step->error != NULL && step->error->line > 0)
        {
          gtk_text_buffer_get_iter_at_line (buffer, &start, step->error->line - 1);
          end = start;
          if (!gtk_text_iter_ends_line (&end))
            gtk_text_iter_forward_to_line_end (&end);
          gtk_text_buffer_apply_tag_by_name (buffer, "cs-error", &start, &end);
        }
    }

  if (self->step < cs_trace_get_n_steps (self->trace))
    {
      const CsStep *step = cs_trace_get_step (self->trace, self->step);
      guint first = step->span.line > 0 ? step->span.line : step->line;
      guint last = MAX (step->span.end_line, first);

      if (first > 0)
        {
          gtk_text_buffer_get_iter_at_line (buffer, &start, first - 1);
          gtk_text_buffer_get_iter_at_line (buffer, &end, last - 1);
          if (!gtk_text_iter_ends_line (&end))
            gtk_text_iter_forward_to_line_end (&end);
          gtk_text_buffer_apply_tag_by_name (buffer, "cs-current-step", &start, &end);
        }
    }
}

static void
show_output (CsWindow *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->output_view);
  const CsStep *step;

  if (self->trace == NULL || self->step >= cs_trace_get_n_steps (self->trace))
    {
      gtk_text_buffer_set_text (buffer, "", -1);
      return;
    }

  /* What the program printed so far, like a terminal, then this step's
   * warnings and error.
   */
  for (guint i = 0; i <= self->step; i++)
    {
      step = cs_trace_get_step (self->trace, i);
      if (step->stdout_text != NULL)
        g_string_append (text, step->stdout_text);
    }

  step = cs_trace_get_step (self->trace, self->step);
  for (guint i = 0; step->warnings != NULL && i < step->warnings->len; i++)
    {
      if (text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
      /* Translators: a warning the scenario's step raised. */
      g_string_append_printf (text, _("Warning: %s\n"), (const char *) g_ptr_array_index (step->warnings, i));
    }
  if (step->error != NULL)
    {
      if (text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
      /* Translators: "NameError: name 'x' is not defined (line 3)". */
      g_string_append_printf (text, _("%s: %s (line %u)\n"),
                              step->error->type, step->error->message, step->error->line);
    }

  gtk_text_buffer_set_text (buffer, text->str, (int) text->len);
}

static void
scene_unref0 (gpointer scene)
{
  if (scene != NULL)
    cs_scene_unref (scene);
}

/* Steps are laid out when first shown: laying out all 200 steps of a long
 * scenario up front takes seconds.  Storage numbers are shared by the run.
 */
static CsScene *
get_scene (CsWindow *self,
           guint     index)
{
  CsScene *scene = g_ptr_array_index (self->scenes, index);

  if (scene == NULL)
    {
      CsLayoutOptions options;

      cs_layout_options_init (&options);
      options.frame = FALSE;
      options.storage_numbers = self->storage_numbers;
      options.font_scale = self->settings ? g_settings_get_double (self->settings, "font-scale") : 1.0;
      options.show_addresses = self->settings && g_settings_get_boolean (self->settings, "show-addresses");
      options.part = CS_LAYOUT_PART_MEMORY;  /* panels: strides and autograd have tabs. */
      scene = cs_layout_snapshot (cs_trace_get_step (self->trace, index),
                                  index > 0 ? cs_trace_get_step (self->trace, index - 1) : NULL,
                                  index, self->scenes->len, &options);
      self->scenes->pdata[index] = scene;
    }

  return scene;
}

/* Captions and explanations mark code with backticks: show it in
 * monospace, without them.
 */
static void
set_code_markup (GtkLabel   *label,
                 const char *text)
{
  g_autofree char *markup = cs_markup_from_backticks (text ? text : "", "font_family=\"monospace\"");

  gtk_label_set_markup (label, markup);
}

/**
 * cs_window_relayout:
 *
 * Forgets every laid-out step and shows the current one again, without
 * animation: for when what the layout depends on changed (font scale,
 * panels, theme of the picture).
 */
void
cs_window_relayout (CsWindow *self)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  if (self->scenes == NULL)
    return;

  for (guint i = 0; i < self->scenes->len; i++)
    g_clear_pointer (&self->scenes->pdata[i], cs_scene_unref);
  cs_canvas_set_scene (self->canvas, NULL, FALSE, FALSE);
  cs_window_panels_relayout (self);  /* panels */
  cs_window_set_step (self, self->step, FALSE);
}

/**
 * cs_window_set_step:
 * @step: 0-based; clamped to the steps there are
 * @animate: animate the canvas from the step shown now
 */
void
cs_window_set_step (CsWindow *self,
                    guint     step,
                    gboolean  animate)
{
  guint n = self->scenes ? self->scenes->len : 0;
  guint old = self->step;
  const CsStep *trace_step;
  CsScene *scene;
  g_autofree char *counter = NULL;

  cs_window_predict_cancel (self);  /* predict: an open question ends here. */
  if (n == 0)
    {
      self->step = 0;
      cs_canvas_set_scene (self->canvas, NULL, FALSE, FALSE);
      cs_window_panels_show_step (self, FALSE, FALSE);  /* panels */
      gtk_label_set_text (self->step_counter_label, "");
      gtk_label_set_text (self->step_source_label, "");
      gtk_label_set_text (self->caption_label, _("This scenario has no steps yet."));
      gtk_label_set_text (self->explanation_label, "");
      show_output (self);
      mark_step_lines (self);
      cs_window_update_actions (self);
      return;
    }

  self->step = MIN (step, n - 1);
  trace_step = cs_trace_get_step (self->trace, self->step);

  /* steps: a re-run that kept this step's picture leaves the canvas be. */
  scene = get_scene (self, self->step);
  if (cs_canvas_get_scene (self->canvas) != scene)
    cs_canvas_set_scene (self->canvas, scene, animate && old != self->step, self->step < old);
  cs_window_panels_show_step (self, animate && old != self->step, self->step < old);  /* panels */

  /* Translators: the step counter in the header bar, "3 / 7". */
  counter = g_strdup_printf (_("%u / %u"), self->step + 1, n);
  gtk_label_set_text (self->step_counter_label, counter);
  gtk_label_set_text (self->step_source_label, trace_step->source ? trace_step->source : "");
  set_code_markup (self->caption_label, trace_step->caption);
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label),
                          trace_step->caption != NULL && *trace_step->caption != '\0');
  {
    g_autofree char *explanation = cs_explain_step (self->trace, self->step);

    set_code_markup (self->explanation_label, explanation);
  }

  self->syncing_list = TRUE;
  cs_step_list_select (self->step_list, self->step);
  self->syncing_list = FALSE;

  show_output (self);
  mark_step_lines (self);
  cs_window_update_actions (self);
}

/**
 * cs_window_run_text:
 *
 * Runs @text, lays every step out and shows the step the user was on (or
 * the last one there still is).
 */
void
cs_window_run_text (CsWindow   *self,
                    const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CsTrace) trace = NULL;
  g_autoptr (GPtrArray) old_scenes = NULL;
  g_autoptr (CsTrace) old_trace = NULL;
  guint step = self->step, same = 0, n;

  trace = cs_scenario_run (self->display_name ? self->display_name : "<untitled>",
                           text, -1, NULL, &error);
  if (trace == NULL)
    {
      /* The text itself is unusable (too large); keep the last picture. */
      cs_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  old_scenes = g_steal_pointer (&self->scenes);
  old_trace = g_steal_pointer (&self->trace);
  self->trace = g_steal_pointer (&trace);
  n = cs_trace_get_n_steps (self->trace);
  self->scenes = g_ptr_array_new_full (n, scene_unref0);
  g_ptr_array_set_size (self->scenes, (int) n);
  g_clear_pointer (&self->storage_numbers, g_hash_table_unref);
  self->storage_numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  cs_layout_number_storages (self->trace, self->storage_numbers);

  /* steps: keep the pictures of the steps that did not change. */
  while (old_trace != NULL && old_scenes != NULL && same < n && same < old_scenes->len
         && steps_look_same (cs_trace_get_step (old_trace, same), cs_trace_get_step (self->trace, same)))
    {
      CsScene *scene = g_ptr_array_index (old_scenes, same);

      self->scenes->pdata[same++] = scene ? cs_scene_ref (scene) : NULL;
    }

  cs_step_list_set_trace (self->step_list, self->trace);
  cs_window_set_step (self, step, FALSE);
}

static gboolean
rerun_cb (gpointer user_data)
{
  CsWindow *self = user_data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (get_buffer (self));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  self->rerun_id = 0;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  cs_window_run_text (self, text);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (CsWindow *self)
{
  if (self->loading)
    return;

  if (!self->modified)
    {
      self->modified = TRUE;
      update_title (self);
    }
  cs_window_recovery_schedule (self);  /* files: autosave to a recovery file. */

  g_clear_handle_id (&self->rerun_id, g_source_remove);
  self->rerun_id = g_timeout_add (RERUN_DELAY_MS, rerun_cb, self);
}

/* Hovering an underlined error line shows the error. */
static gboolean
editor_query_tooltip_cb (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip,
                         CsWindow   *self)
{
  GtkTextIter iter;
  int bx, by;
  guint line;

  if (self->trace == NULL || keyboard)
    return FALSE;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (widget), GTK_TEXT_WINDOW_WIDGET,
                                         x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (widget), &iter, bx, by))
    return FALSE;

  line = (guint) gtk_text_iter_get_line (&iter) + 1;
  for (guint i = 0; i < cs_trace_get_n_steps (self->trace); i++)
    {
      const CsStep *step = cs_trace_get_step (self->trace, i);

      if (step->error != NULL && step->error->line == line)
        {
          g_autofree char *text = g_strdup_printf ("%s: %s", step->error->type, step->error->message);

          gtk_tooltip_set_text (tooltip, text);
          return TRUE;
        }
    }

  return FALSE;
}

static void
step_selected_cb (CsWindow   *self,
                  guint       index,
                  CsStepList *list)
{
  if (self->syncing_list)
    return;

  cs_window_set_step (self, index, TRUE);
}

/* steps: applies @edit to the buffer as one user action (one Ctrl+Z),
 * re-runs now and shows @step.
 */
static void
apply_step_edit (CsWindow       *self,
                 const char     *text,
                 CsScenarioEdit *edit)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (get_buffer (self));
  GtkTextIter start, end;
  g_autofree char *new_text = NULL;

  gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                      (int) g_utf8_pointer_to_offset (text, text + edit->start));
  gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                      (int) g_utf8_pointer_to_offset (text, text + edit->end));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, edit->replacement, -1);
  gtk_text_buffer_end_user_action (buffer);

  /* Run now rather than after the pause, on the edited step. */
  g_clear_handle_id (&self->rerun_id, g_source_remove);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  new_text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  self->step = edit->step;
  cs_window_run_text (self, new_text);
}

static void
edit_steps (CsWindow *self,
            guint     index,
            guint     to,
            gboolean  delete)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (get_buffer (self));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CsScenarioEdit) edit = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  edit = delete ? cs_scenario_edit_delete_step (text, -1, index, &error)
                : cs_scenario_edit_move_step (text, -1, index, to, &error);
  if (edit == NULL)
    {
      cs_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  apply_step_edit (self, text, edit);
}

static void
move_step_cb (CsWindow   *self,
              guint       from,
              guint       to,
              CsStepList *list)
{
  edit_steps (self, from, to, FALSE);
}

static void
undo_step_edit_cb (CsWindow *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (get_buffer (self));

  if (gtk_text_buffer_get_can_undo (buffer))
    gtk_text_buffer_undo (buffer);
}

static void
delete_step_cb (CsWindow   *self,
                guint       index,
                CsStepList *list)
{
  guint n = self->trace ? cs_trace_get_n_steps (self->trace) : 0;

  edit_steps (self, index, 0, TRUE);

  /* Ctrl+Z only reaches the editor; the list offers the undo itself. */
  if (self->trace != NULL && cs_trace_get_n_steps (self->trace) < n)
    {
      /* Translators: a toast after deleting a step from the step list;
       * %u is the step's number. */
      g_autofree char *title = g_strdup_printf (_("Step %u deleted"), index + 1);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_step_edit_cb), self,
                               G_CONNECT_SWAPPED);
      cs_window_add_toast (self, toast);
    }
}

static void
load_text (CsWindow   *self,
           GFile      *file,
           const char *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (get_buffer (self));
  GtkTextIter start;

  cs_window_recovery_clear (self);  /* files: the old edits were saved or discarded. */
  cs_window_playback_stop (self);  /* prefs: another document stops playing. */
  g_set_object (&self->file, file);
  g_free (self->display_name);
  self->display_name = file ? g_file_get_basename (file) : NULL;

  g_clear_handle_id (&self->rerun_id, g_source_remove);
  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->loading = FALSE;
  self->modified = FALSE;

  self->step = 0;
  cs_window_predict_reset (self);  /* predict: a new document, a new score. */
  cs_window_show_content (self, TRUE);
  update_title (self);
  cs_window_run_text (self, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* Reads @file if it is a scenario, or says why not.  The current document
 * stays as it is when it cannot be used.
 */
static char *
read_scenario (CsWindow  *self,
               GFile     *file,
               char     **heading)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL || g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
      || g_file_info_get_size (info) > MAX_SCENARIO_BYTES)
    {
      *heading = g_strdup (_("Cannot Open File"));
      if (info == NULL)
        /* Translators: %s is a file name, the second the system's reason. */
        return g_strdup_printf (_("“%s” could not be read: %s"), name, error->message);
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        return g_strdup_printf (_("“%s” is a folder, not a scenario file."), name);
      /* Translators: %s is a file name; scenarios are short Python files. */
      return g_strdup_printf (_("“%s” is too large to be a scenario (the limit is 1 MB)."), name);
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      *heading = g_strdup (_("Cannot Open File"));
      return g_strdup_printf (_("“%s” could not be read: %s"), name, error->message);
    }

  if (memchr (contents, '\0', length) != NULL)
    {
      *heading = g_strdup (_("Not a Text File"));
      return g_strdup_printf (_("“%s” is a binary file. Scenarios are Python source files."), name);
    }

  if (!cs_scenario_validate (name, contents, (gssize) length, MAX_SCENARIO_BYTES, NULL))
    {
      *heading = g_strdup (_("Not a Text File"));
      return g_strdup_printf (_("“%s” is not valid UTF-8 text. Save it as UTF-8 and open it again."), name);
    }

  *heading = NULL;
  return g_steal_pointer (&contents);
}

/**
 * cs_window_open_file:
 * @file: a scenario file
 *
 * Opens @file in this window, replacing the document.  A file that is not
 * a readable UTF-8 text gives a dialog and leaves the document as it was.
 */
static void
open_file_now (CsWindow *self,
               GFile    *file)
{
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;

  text = read_scenario (self, file, &heading);
  if (heading != NULL)
    {
      cs_window_show_message (self, heading, text);
      return;
    }

  g_clear_pointer (&self->lesson_id, g_free);  /* lessons: a file is not a lesson. */
  load_text (self, file, text);
  if (self->file != NULL)
    cs_window_add_recent (self, self->file);
}

/* What to do once the user has answered the unsaved-changes dialog. */
typedef struct
{
  CsWindow *self;
  GFile    *file;   /* Open it, or NULL: */
  gboolean  close;  /* close the window, or: */
  gboolean  choose; /* show the file chooser. */
  CsWindowThenFunc then;  /* lessons: or call this. */
  gpointer         then_data;
  GDestroyNotify   then_destroy;
} PendingAction;

static void
pending_action_free (PendingAction *pending)
{
  if (pending->then_destroy != NULL)
    pending->then_destroy (pending->then_data);
  g_clear_object (&pending->file);
  g_free (pending);
}

/* A copy of @pending that owns what it did: the dialog's copy is freed
 * with the dialog, the copy lives on with the save chooser.
 */
static PendingAction *
pending_action_steal (PendingAction *pending)
{
  PendingAction *copy = g_memdup2 (pending, sizeof *pending);

  pending->file = NULL;
  pending->then_data = NULL;
  pending->then_destroy = NULL;
  return copy;
}

static void
run_pending (PendingAction *pending)
{
  CsWindow *self = pending->self;

  if (pending->file != NULL)
    open_file_now (self, pending->file);
  else if (pending->close)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (pending->choose)
    cs_window_choose_file (self);
  else if (pending->then != NULL)
    pending->then (self, pending->then_data);
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PendingAction    *pending)
{
  CsWindow *self = pending->self;

  self->unsaved_dialog = NULL;

  if (g_str_equal (response, "save"))
    {
      g_autoptr (GError) error = NULL;

      if (self->file == NULL)
        {
          /* Untitled work (or a lesson): ask where, and go on with what
           * the user was doing only once it is saved.
           */
          cs_window_choose_save_file (self);
          if (self->save_chooser != NULL)
            g_object_set_data_full (G_OBJECT (self->save_chooser), "cs-after-save",
                                    pending_action_steal (pending),
                                    (GDestroyNotify) pending_action_free);
          return;
        }
      if (!cs_window_save (self, &error))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the system's reason. */
          message = g_strdup_printf (_("Could not save: %s"), error->message);
          cs_window_add_toast (self, adw_toast_new (message));
          return;
        }
      run_pending (pending);
    }
  else if (g_str_equal (response, "discard"))
    {
      self->modified = FALSE;
      cs_window_recovery_clear (self);
      run_pending (pending);
    }
}

/* Runs @pending now when there is nothing unsaved, else asks first. */
static void
confirm_then (CsWindow      *self,
              PendingAction *pending)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  pending->self = self;
  if (!self->modified)
    {
      run_pending (pending);
      pending_action_free (pending);
      return;
    }

  if (self->unsaved_dialog != NULL)
    {
      pending_action_free (pending);
      gtk_window_present (GTK_WINDOW (self->unsaved_dialog));
      return;
    }

  /* Translators: %s is the scenario's file name. */
  body = g_strdup_printf (_("“%s” has changes that are not saved. Unsaved changes are lost."),
                          self->display_name ? self->display_name : _("Untitled Scenario"));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (unsaved_response_cb), pending,
                         (GClosureNotify) (void (*) (void)) pending_action_free, 0);
  self->unsaved_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cs_window_open_file:
 * @file: a scenario file
 *
 * Opens @file in this window, replacing the document (after asking what to
 * do with unsaved changes).  A file that is not a readable UTF-8 text
 * gives a dialog and leaves the document as it was.
 */
void
cs_window_open_file (CsWindow *self,
                     GFile    *file)
{
  PendingAction *pending;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  pending = g_new0 (PendingAction, 1);
  pending->file = g_object_ref (file);
  confirm_then (self, pending);
}

/**
 * cs_window_confirm_then_call:
 * @func: what to do once nothing unsaved is in the way
 * @data: (nullable): passed to @func
 * @destroy: (nullable): frees @data afterwards (also when the user cancels)
 *
 * Calls @func now when there are no unsaved changes, else after the
 * unsaved-changes dialog (not at all when the user cancels).
 */
void
cs_window_confirm_then_call (CsWindow         *self,
                             CsWindowThenFunc  func,
                             gpointer          data,
                             GDestroyNotify    destroy)
{
  PendingAction *pending;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (func != NULL);

  pending = g_new0 (PendingAction, 1);
  pending->then = func;
  pending->then_data = data;
  pending->then_destroy = destroy;
  confirm_then (self, pending);
}

/**
 * cs_window_load_text:
 * @file: (nullable): where @text came from; %NULL for a document not tied
 *   to a file (Save asks where)
 * @title: (nullable): the title to show when @file is %NULL
 *
 * Replaces the document with @text, unmodified, and shows it.  No
 * questions asked: callers go through cs_window_confirm_then_call() first.
 */
void
cs_window_load_text (CsWindow   *self,
                     GFile      *file,
                     const char *title,
                     const char *text)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  load_text (self, file, text);
  if (file == NULL && title != NULL)
    {
      g_free (self->display_name);
      self->display_name = g_strdup (title);
      update_title (self);
    }
}

/**
 * cs_window_confirm_close:
 *
 * Returns: %TRUE when the window may close now; else the unsaved-changes
 *   dialog is shown and closes the window once answered
 */
gboolean
cs_window_confirm_close (CsWindow *self)
{
  PendingAction *pending;

  if (!self->modified || self->close_confirmed)
    return TRUE;

  pending = g_new0 (PendingAction, 1);
  pending->close = TRUE;
  confirm_then (self, pending);
  return FALSE;
}

/**
 * cs_window_open_with_chooser:
 *
 * The Open action: asks about unsaved changes, then shows the chooser.
 */
void
cs_window_open_with_chooser (CsWindow *self)
{
  PendingAction *pending = g_new0 (PendingAction, 1);

  pending->choose = TRUE;
  confirm_then (self, pending);
}

static void
chooser_response_cb (CsWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        open_file_now (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
save_chooser_response_cb (CsWindow             *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  PendingAction *after_save = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      /* files: cs_window_save_as (cs-window-files.c). */
      if (file != NULL && !cs_window_save_as (self, file, &error))
        cs_window_add_toast (self, adw_toast_new (error->message));
      else if (file != NULL)
        /* Saved from the unsaved-changes question: do what it held up. */
        after_save = g_object_steal_data (G_OBJECT (chooser), "cs-after-save");
    }

  g_clear_object (&self->save_chooser);
  if (after_save != NULL)
    {
      /* Running it may close and finalize the window. */
      run_pending (after_save);
      pending_action_free (after_save);
    }
}

void
cs_window_choose_save_file (CsWindow *self)
{
  if (self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (_("Save Scenario As"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->save_chooser), self->file, NULL);
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser),
                                       cs_window_lessons_get_file_name (self));  /* lessons: or scenario.py */
  g_signal_connect_object (self->save_chooser, "response", G_CALLBACK (save_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CsWindow      *self)
{
  return cs_window_drop_value (self, value);  /* files: cs-window-files.c */
}

void
cs_window_choose_file (CsWindow *self)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open Scenario"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Python Scenarios"));
  gtk_file_filter_add_pattern (filter, "*.py");
  gtk_file_filter_add_mime_type (filter, "text/x-python");
  gtk_file_filter_add_mime_type (filter, "text/x-python3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * cs_window_save:
 *
 * Writes the buffer to the document's file atomically (a temporary file
 * renamed over it).
 */
gboolean
cs_window_save (CsWindow  *self,
                GError   **error)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (get_buffer (self));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_val_if_fail (self->file != NULL, FALSE);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  if (!g_file_replace_contents (self->file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, error))
    return FALSE;

  self->modified = FALSE;
  cs_window_recovery_clear (self);  /* files: saved, nothing to recover. */
  update_title (self);
  return TRUE;
}

/* The editor follows the light or dark style like the rest of the window. */
static void
update_editor_scheme (CsWindow *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (get_buffer (self), scheme);
}

void
cs_window_document_init (CsWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer = get_buffer (self);
  GtkSourceLanguage *python;

  python = gtk_source_language_manager_get_language (languages, "python3");
  if (python == NULL)
    python = gtk_source_language_manager_get_language (languages, "python");
  gtk_source_buffer_set_language (buffer, python);
  gtk_source_buffer_set_highlight_syntax (buffer, TRUE);
  update_editor_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_editor_scheme), self, G_CONNECT_SWAPPED);

  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (buffer), "cs-current-step",
                              "paragraph-background", "rgba(53,132,228,0.18)",
                              NULL);
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (buffer), "cs-error",
                              "underline", PANGO_UNDERLINE_ERROR,
                              "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                              NULL);

  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->step_list, "step-selected", G_CALLBACK (step_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->step_list, "move-step", G_CALLBACK (move_step_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->step_list, "delete-step", G_CALLBACK (delete_step_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->editor_view), TRUE);
  g_signal_connect_object (self->editor_view, "query-tooltip", G_CALLBACK (editor_query_tooltip_cb),
                           self, 0);

  /* Drop a .py file onto the window to open it. */
  {
    GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

    gtk_drop_target_set_gtypes (target, (GType[]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);

    g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
  cs_window_files_init (self);  /* files: recent files menu, win.open-recent. */

  cs_window_show_content (self, FALSE);
}

void
cs_window_document_dispose (CsWindow *self)
{
  cs_window_files_dispose (self);
  g_clear_handle_id (&self->rerun_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  g_clear_object (&self->file);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->lesson_id, g_free);
  g_clear_pointer (&self->scenes, g_ptr_array_unref);
  g_clear_pointer (&self->storage_numbers, g_hash_table_unref);
  g_clear_pointer (&self->trace, cs_trace_unref);
}

/* -- files: for cs-recovery.c ---------------------------------------------- */

/**
 * cs_window_set_modified:
 *
 * Marks the document as modified or not and updates the title.
 */
void
cs_window_set_modified (CsWindow *self,
                        gboolean  modified)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  self->modified = !!modified;
  update_title (self);
}

/**
 * cs_window_load_unsaved_text:
 * @file: (nullable): the file @text belongs to (Save writes there), or
 *   %NULL for an untitled document
 *
 * Shows @text as a modified document, without asking (recovered work).
 */
void
cs_window_load_unsaved_text (CsWindow   *self,
                             GFile      *file,
                             const char *text)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  load_text (self, file, text);
  cs_window_set_modified (self, TRUE);
}
