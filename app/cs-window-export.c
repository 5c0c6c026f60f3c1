/* cs-window-export.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export from the window: Ctrl+E (or the export button) opens the Export
 * dialog (what, format, size, theme); "Export…" asks where to write with
 * the portal's save chooser, then the export runs in a worker thread (the
 * trace is immutable and reference counted, the painter keeps its Pango
 * state per thread) while the dialog shows it is busy; a toast with
 * "Open" says what was written, or why it failed.  Ctrl+C puts the
 * current step's picture on the clipboard.  Everything draws with
 * ui/scene's export, the same code as `copyscope export`.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cs-export-dialog.h"
#include "cs-export.h"
#include "cs-theme.h"
#include "cs-window-export.h"
#include "cs-window-private.h"

static void
init_options (CsWindow        *self,
              CsExportOptions *options,
              CsExportFormat   format)
{
  cs_export_options_init (options);
  options->format = format;
  options->palette = cs_theme_palette_for_manager (NULL);
  options->step = (format == CS_EXPORT_PDF || format == CS_EXPORT_GIF) ? -1 : (int) self->step;
}

/**
 * cs_window_export_to_file:
 * @file: where to write; its extension picks the format (png, svg, pdf,
 *   gif; anything else: png)
 *
 * PNG and SVG get the current step, PDF a handout of every step and GIF an
 * animation of every step.
 *
 * Returns: %TRUE when written
 */
gboolean
cs_window_export_to_file (CsWindow  *self,
                          GFile     *file,
                          GError   **error)
{
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  CsExportOptions options;
  CsExportFormat format = CS_EXPORT_PNG;
  const char *dot;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (self->trace == NULL || path == NULL)
    {
      g_set_error_literal (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                           _("There is nothing to export yet"));
      return FALSE;
    }

  dot = strrchr (path, '.');
  if (dot == NULL || !cs_export_format_from_name (dot + 1, &format))
    format = CS_EXPORT_PNG;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  source = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  init_options (self, &options, format);
  options.source = source;
  return cs_export_trace (self->trace, &options, path, error);
}

static char *
get_source (CsWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (CsWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      /* Translators: %s is the reason, e.g. no application for PNG files. */
      g_autofree char *message = g_strdup_printf (_("Could not open the file: %s"), error->message);

      cs_window_add_toast (self, adw_toast_new (message));
    }
}

static void
toast_open_cb (AdwToast *toast,
               CsWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "cs-uri");
  g_autoptr (GdkAppLaunchContext) context = NULL;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launched_cb, g_object_ref (self));
}

/* -- the export off the main thread ------------------------------------------ */

typedef struct
{
  CsTrace         *trace;
  CsExportOptions  options;
  char            *source;
  char            *path;
  char            *first_path;   /* The first file written (numbered or @path). */
  guint            n_files;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->trace, cs_trace_unref);
  g_free (job->source);
  g_free (job->path);
  g_free (job->first_path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (cs_export_trace (job->trace, &job->options, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static char *
done_title (ExportJob *job)
{
  if (job->n_files > 1)
    /* Translators: a toast after exporting one picture per step. */
    return g_strdup_printf (ngettext ("Exported %u picture", "Exported %u pictures", job->n_files),
                            job->n_files);
  if (job->options.step < 0 && job->options.format == CS_EXPORT_PDF)
    return g_strdup (_("Exported handout"));
  if (job->options.step < 0 && job->options.format == CS_EXPORT_GIF)
    return g_strdup (_("Exported animation"));
  return g_strdup (_("Exported picture"));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CsWindow *self = CS_WINDOW (source);
  GTask *task = G_TASK (result);
  ExportJob *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  AdwToast *previous;

  /* The window was closed meanwhile: nothing left to tell. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  /* The newest result replaces the one shown before. */
  previous = g_object_get_data (G_OBJECT (self), "cs-export-toast");
  if (previous != NULL)
    adw_toast_dismiss (previous);

  self->exporting--;
  if (self->export_dialog != NULL)
    cs_export_dialog_set_busy (CS_EXPORT_DIALOG (self->export_dialog), FALSE);

  if (g_task_propagate_boolean (task, &error))
    {
      g_autoptr (GFile) first = g_file_new_for_path (job->first_path);
      g_autofree char *title = done_title (job);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "cs-uri", g_file_get_uri (first), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_open_cb), self, 0);
      g_object_set_data_full (G_OBJECT (self), "cs-export-toast", g_object_ref (toast), g_object_unref);
      cs_window_add_toast (self, toast);
      if (self->export_dialog != NULL)
        gtk_window_close (GTK_WINDOW (self->export_dialog));
    }
  else
    {
      /* Translators: %s is the reason. */
      g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);
      AdwToast *toast = adw_toast_new (message);

      /* The dialog stays open, so another place can be chosen. */
      adw_toast_set_timeout (toast, 0);
      g_object_set_data_full (G_OBJECT (self), "cs-export-toast", g_object_ref (toast), g_object_unref);
      cs_window_add_toast (self, toast);
    }
}

/**
 * cs_window_export_start:
 * @file: where to write (a local file); with one picture per step, the
 *   name the files are numbered after (cs_export_numbered_path())
 *
 * Exports with the Export dialog's choices (or, without a dialog, a PNG
 * of the current step in the window's theme) in a worker thread; the
 * dialog is busy meanwhile.  When done a toast says what was written
 * (with "Open") and the dialog closes, or a toast says why it failed.
 * This is what "Export…" does once the save chooser answered.
 *
 * Returns: %TRUE when the export started
 */
gboolean
cs_window_export_start (CsWindow *self,
                        GFile    *file)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;
  ExportJob *job;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (self->trace == NULL || path == NULL)
    {
      cs_window_add_toast (self, adw_toast_new (self->trace == NULL
                                                ? _("Open a scenario to export its pictures")
                                                : _("Could not export: only local files can be written")));
      return FALSE;
    }

  job = g_new0 (ExportJob, 1);
  job->trace = cs_trace_ref (self->trace);
  if (self->export_dialog != NULL)
    cs_export_dialog_get_options (CS_EXPORT_DIALOG (self->export_dialog), self->step, &job->options);
  else
    init_options (self, &job->options, CS_EXPORT_PNG);
  job->source = get_source (self);
  job->options.source = job->source;
  job->path = g_steal_pointer (&path);
  job->n_files = 1;
  if ((job->options.format == CS_EXPORT_PNG || job->options.format == CS_EXPORT_SVG)
      && job->options.step < 0 && cs_trace_get_n_steps (self->trace) > 1)
    {
      job->n_files = cs_trace_get_n_steps (self->trace);
      job->first_path = cs_export_numbered_path (job->path, 0, job->n_files);
    }
  else
    job->first_path = g_strdup (job->path);

  self->exporting++;
  if (self->export_dialog != NULL)
    cs_export_dialog_set_busy (CS_EXPORT_DIALOG (self->export_dialog), TRUE);

  cancellable = g_object_get_data (G_OBJECT (self), "cs-export-cancellable");
  if (cancellable == NULL)
    {
      cancellable = g_cancellable_new ();
      g_object_set_data_full (G_OBJECT (self), "cs-export-cancellable", cancellable, g_object_unref);
    }
  task = g_task_new (self, cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, cs_window_export_start);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
  return TRUE;
}

/**
 * cs_window_get_exporting:
 *
 * Returns: whether an export is running
 */
gboolean
cs_window_get_exporting (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  return self->exporting > 0;
}

/* -- the dialog and the save chooser ------------------------------------------ */

static void
export_chooser_response_cb (CsWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        cs_window_export_start (self, file);
    }

  g_clear_object (&self->export_chooser);
}

static void
export_requested_cb (CsWindow       *self,
                     CsExportDialog *dialog)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  static const char *filter_names[] = {
    N_("PNG Pictures"), N_("SVG Pictures"), N_("PDF Documents"), N_("GIF Animations"),
  };

  if (self->export_chooser != NULL || self->trace == NULL)
    return;

  self->export_chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (dialog),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  pattern = g_strdup_printf ("*.%s", cs_export_dialog_get_extension (dialog));
  gtk_file_filter_set_name (filter, _(filter_names[cs_export_dialog_get_format (dialog)]));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), filter);
  name = cs_export_dialog_dup_suggested_name (dialog, self->display_name, self->step);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (export_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/**
 * cs_window_show_export_dialog:
 *
 * Opens the Export dialog (modal, over the window), or presents the one
 * that is open.  Without a document it shows a toast instead.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
CsExportDialog *
cs_window_show_export_dialog (CsWindow *self)
{
  CsExportDialog *dialog;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  if (self->trace == NULL)
    {
      cs_window_add_toast (self, adw_toast_new (_("Open a scenario to export its pictures")));
      return NULL;
    }

  if (self->export_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->export_dialog));
      return CS_EXPORT_DIALOG (self->export_dialog);
    }

  dialog = cs_export_dialog_new (GTK_WINDOW (self));
  cs_export_dialog_set_theme (dialog, cs_theme_for_style_manager (NULL));
  cs_export_dialog_set_steps (dialog, self->step, cs_trace_get_n_steps (self->trace));
  g_signal_connect_object (dialog, "export-requested", G_CALLBACK (export_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->export_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * cs_window_get_export_dialog:
 *
 * Returns: (transfer none) (nullable): the open Export dialog
 */
CsExportDialog *
cs_window_get_export_dialog (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->export_dialog ? CS_EXPORT_DIALOG (self->export_dialog) : NULL;
}

/**
 * cs_window_choose_export_file:
 *
 * The Export action (Ctrl+E, the export button): the Export dialog.
 */
void
cs_window_choose_export_file (CsWindow *self)
{
  cs_window_show_export_dialog (self);
}

/**
 * cs_window_copy_picture:
 *
 * Puts the current step's picture (as exported to PNG) on the clipboard.
 *
 * Returns: %TRUE when there was a picture to copy
 */
gboolean
cs_window_copy_picture (CsWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  CsExportOptions options;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  if (self->trace == NULL)
    return FALSE;

  dir = g_dir_make_tmp ("copyscope-XXXXXX", &error);
  if (dir != NULL)
    {
      path = g_build_filename (dir, "step.png", NULL);
      init_options (self, &options, CS_EXPORT_PNG);
      options.scale = 2.0;
      if (cs_export_trace (self->trace, &options, path, &error))
        texture = gdk_texture_new_from_filename (path, &error);
      g_unlink (path);
      g_rmdir (dir);
    }

  if (texture == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not copy the picture: %s"), error->message);

      cs_window_add_toast (self, adw_toast_new (message));
      return FALSE;
    }

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  cs_window_add_toast (self, adw_toast_new (_("Picture copied")));
  return TRUE;
}

/**
 * cs_window_export_dispose:
 *
 * The window goes away: a running export finishes in its thread but
 * reports nothing.
 */
void
cs_window_export_dispose (CsWindow *self)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (self), "cs-export-cancellable");

  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  if (self->export_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->export_dialog));
  g_clear_weak_pointer (&self->export_dialog);
}
