/* cs-window-export.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export from the window: Ctrl+E asks where to write (the format follows
 * the file name: PNG or SVG for the current step, PDF handout or GIF for
 * all steps) and shows a toast with "Open"; Ctrl+C puts the current
 * step's picture on the clipboard.  Both draw with ui/scene's export, the
 * same code as `copyscope export`.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cs-export.h"
#include "cs-theme.h"
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

static void
toast_open_cb (AdwToast *toast,
               CsWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "cs-uri");

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
export_chooser_response_cb (GtkFileChooserNative *chooser,
                            int                   response,
                            CsWindow             *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (file != NULL && cs_window_export_to_file (self, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is the file the picture was written to. */
          g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);
          AdwToast *toast = adw_toast_new (title);

          adw_toast_set_button_label (toast, _("_Open"));
          g_object_set_data_full (G_OBJECT (toast), "cs-uri", g_file_get_uri (file), g_free);
          g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_open_cb), self, 0);
          cs_window_add_toast (self, toast);
        }
      else if (file != NULL)
        {
          /* Translators: %s is the reason. */
          g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);

          cs_window_add_toast (self, adw_toast_new (message));
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/**
 * cs_window_choose_export_file:
 *
 * The Export action: asks where to write, then exports.
 */
void
cs_window_choose_export_file (CsWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  const char *formats[][2] = {
    { N_("PNG Picture of This Step"), "*.png" },
    { N_("SVG Picture of This Step"), "*.svg" },
    { N_("PDF Handout of All Steps"), "*.pdf" },
    { N_("Animated GIF of All Steps"), "*.gif" },
  };

  if (self->trace == NULL)
    {
      cs_window_add_toast (self, adw_toast_new (_("Open a scenario to export its pictures")));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Picture or Handout"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i][0]));
      gtk_file_filter_add_pattern (filter, formats[i][1]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  /* Translators: the suggested file name of an exported step, "lesson-step-3.png". */
  name = g_strdup_printf (_("%s-step-%u.png"),
                          self->display_name ? self->display_name : "scenario", self->step + 1);
  if (g_str_has_suffix (self->display_name ? self->display_name : "", ".py"))
    {
      g_autofree char *stem = g_strndup (self->display_name, strlen (self->display_name) - 3);

      g_free (name);
      name = g_strdup_printf (_("%s-step-%u.png"), stem, self->step + 1);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
