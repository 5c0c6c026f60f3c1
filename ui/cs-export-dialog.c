/* cs-export-dialog.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Export dialog: the current step or all of them, as PNG, SVG, a PDF
 * handout or an animated GIF, at 1×–3× (PNG and GIF) in the light, dark or
 * high-contrast palette.  It only collects the choices; "Export…" emits
 * ::export-requested and the window asks where to write and runs the
 * export (app/cs-window-export.c), showing the busy state here meanwhile.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-export-dialog.h"

struct _CsExportDialog
{
  AdwWindow     parent_instance;

  AdwComboRow  *steps_row;
  AdwComboRow  *format_row;
  AdwComboRow  *scale_row;
  AdwComboRow  *theme_row;
  GtkButton    *export_button;
  GtkButton    *cancel_button;
  GtkSpinner   *spinner;
  GtkWidget    *page;
  GtkLabel     *summary_label;

  guint         step;
  guint         n_steps;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CsExportDialog, cs_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EXPORT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The rows' positions are the enums' values: CsExportFormat (PNG, SVG,
 * PDF, GIF), CsTheme (light, dark, high contrast) and scale - 1.
 */
static const char *extensions[] = { "png", "svg", "pdf", "gif" };

static void
update_summary (CsExportDialog *self)
{
  CsExportFormat format = cs_export_dialog_get_format (self);
  gboolean all = cs_export_dialog_get_all_steps (self);
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_row),
                            !self->busy && (format == CS_EXPORT_PNG || format == CS_EXPORT_GIF));

  switch (format)
    {
    case CS_EXPORT_PDF:
      text = all ? g_strdup_printf (ngettext ("A handout of %u page: each step’s picture, its explanation, the code and what it printed.",
                                              "A handout of %u pages: each step’s picture, its explanation, the code and what it printed.",
                                              self->n_steps), self->n_steps)
                 : g_strdup_printf (_("One page with the picture of step %u."), self->step + 1);
      break;

    case CS_EXPORT_GIF:
      text = all ? g_strdup_printf (ngettext ("An animation of %u step with its transitions.",
                                              "An animation of all %u steps with their transitions.",
                                              self->n_steps), self->n_steps)
                 : g_strdup_printf (_("A still GIF of step %u."), self->step + 1);
      break;

    case CS_EXPORT_PNG:
    case CS_EXPORT_SVG:
    default:
      text = all ? g_strdup_printf (ngettext ("One picture per step: %u file, numbered after the name you choose.",
                                              "One picture per step: %u files, numbered after the name you choose.",
                                              self->n_steps), self->n_steps)
                 : g_strdup_printf (_("One picture of step %u."), self->step + 1);
      break;
    }
  gtk_label_set_text (self->summary_label, text);
}

static void
export_clicked_cb (CsExportDialog *self)
{
  if (!self->busy)
    g_signal_emit (self, signals[EXPORT_REQUESTED], 0);
}

static void
cs_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsExportDialog *self = CS_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CsExportDialog *self = CS_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      cs_export_dialog_set_busy (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_export_dialog_class_init (CsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cs_export_dialog_get_property;
  object_class->set_property = cs_export_dialog_set_property;

  /**
   * CsExportDialog:busy:
   *
   * An export is running: the choices and "Export…" are insensitive and a
   * spinner turns.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsExportDialog::export-requested:
   *
   * "Export…" was clicked: the owner asks where to write and exports.
   */
  signals[EXPORT_REQUESTED] =
    g_signal_new ("export-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsExportDialog, steps_row);
  gtk_widget_class_bind_template_child (widget_class, CsExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CsExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, CsExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, CsExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CsExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CsExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsExportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, CsExportDialog, summary_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_export_dialog_init (CsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->n_steps = 1;
  g_signal_connect_object (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->steps_row, "notify::selected", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->export_button));
  update_summary (self);
}

/**
 * cs_export_dialog_new:
 * @parent: (nullable): the window it is modal for
 *
 * Returns: (transfer none): a new dialog (a toplevel owned by GTK)
 */
CsExportDialog *
cs_export_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CS_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
}

/**
 * cs_export_dialog_set_steps:
 * @step: the window's current step (0-based)
 * @n_steps: how many steps the scenario has
 *
 * For the summary under the choices.
 */
void
cs_export_dialog_set_steps (CsExportDialog *self,
                            guint           step,
                            guint           n_steps)
{
  g_return_if_fail (CS_IS_EXPORT_DIALOG (self));

  self->step = step;
  self->n_steps = n_steps;
  update_summary (self);
}

gboolean
cs_export_dialog_get_all_steps (CsExportDialog *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_DIALOG (self), FALSE);

  return adw_combo_row_get_selected (self->steps_row) == 1;
}

CsExportFormat
cs_export_dialog_get_format (CsExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (CS_IS_EXPORT_DIALOG (self), CS_EXPORT_PNG);

  selected = adw_combo_row_get_selected (self->format_row);
  return selected <= CS_EXPORT_GIF ? (CsExportFormat) selected : CS_EXPORT_PNG;
}

/**
 * cs_export_dialog_get_scale:
 *
 * Returns: 1, 2 or 3 (pixels per unit of PNG and GIF pictures)
 */
guint
cs_export_dialog_get_scale (CsExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (CS_IS_EXPORT_DIALOG (self), 1);

  selected = adw_combo_row_get_selected (self->scale_row);
  return selected <= 2 ? selected + 1 : 1;
}

CsTheme
cs_export_dialog_get_theme (CsExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (CS_IS_EXPORT_DIALOG (self), CS_THEME_LIGHT);

  selected = adw_combo_row_get_selected (self->theme_row);
  return selected <= CS_THEME_HIGH_CONTRAST ? (CsTheme) selected : CS_THEME_LIGHT;
}

gboolean
cs_export_dialog_get_busy (CsExportDialog *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_DIALOG (self), FALSE);

  return self->busy;
}

/* The setters select the combo rows' items, so a test that calls them
 * goes through the same "selected" the user changes.
 */
void
cs_export_dialog_set_all_steps (CsExportDialog *self,
                                gboolean        all_steps)
{
  g_return_if_fail (CS_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->steps_row, all_steps ? 1 : 0);
}

void
cs_export_dialog_set_format (CsExportDialog *self,
                             CsExportFormat  format)
{
  g_return_if_fail (CS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format <= CS_EXPORT_GIF);

  adw_combo_row_set_selected (self->format_row, format);
}

/**
 * cs_export_dialog_set_scale:
 * @scale: 1, 2 or 3
 */
void
cs_export_dialog_set_scale (CsExportDialog *self,
                            guint           scale)
{
  g_return_if_fail (CS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (scale >= 1 && scale <= 3);

  adw_combo_row_set_selected (self->scale_row, scale - 1);
}

void
cs_export_dialog_set_theme (CsExportDialog *self,
                            CsTheme         theme)
{
  g_return_if_fail (CS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (theme <= CS_THEME_HIGH_CONTRAST);

  adw_combo_row_set_selected (self->theme_row, theme);
}

void
cs_export_dialog_set_busy (CsExportDialog *self,
                           gboolean        busy)
{
  g_return_if_fail (CS_IS_EXPORT_DIALOG (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_set_sensitive (self->page, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * cs_export_dialog_get_options:
 * @current_step: the step to export when the choice is "Current Step"
 * @options: (out caller-allocates): filled from cs_export_options_init()
 *   and the choices (format, step, scale, palette); the caller adds the
 *   source text
 */
void
cs_export_dialog_get_options (CsExportDialog  *self,
                              guint            current_step,
                              CsExportOptions *options)
{
  g_return_if_fail (CS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  cs_export_options_init (options);
  options->format = cs_export_dialog_get_format (self);
  options->step = cs_export_dialog_get_all_steps (self) ? -1 : (int) current_step;
  options->scale = cs_export_dialog_get_scale (self);
  options->palette = cs_palette_get (cs_export_dialog_get_theme (self));
}

/**
 * cs_export_dialog_get_extension:
 *
 * Returns: "png", "svg", "pdf" or "gif", after the format chosen
 */
const char *
cs_export_dialog_get_extension (CsExportDialog *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_DIALOG (self), "png");

  return extensions[cs_export_dialog_get_format (self)];
}

/**
 * cs_export_dialog_dup_suggested_name:
 * @document_name: (nullable): "lesson.py"
 * @current_step: 0-based
 *
 * The file name the save chooser starts with: "lesson-step-3.png" for one
 * step, "lesson.png" for one picture per step (numbered "lesson-01.png",
 * … by cs_export_numbered_path()), "lesson-handout.pdf", "lesson.gif".
 *
 * Returns: (transfer full): the name
 */
char *
cs_export_dialog_dup_suggested_name (CsExportDialog *self,
                                     const char     *document_name,
                                     guint           current_step)
{
  g_autofree char *stem = NULL;
  CsExportFormat format;
  const char *extension;

  g_return_val_if_fail (CS_IS_EXPORT_DIALOG (self), NULL);

  if (document_name == NULL || *document_name == '\0')
    /* Translators: the file name stem of an untitled scenario's pictures. */
    stem = g_strdup (C_("file name", "scenario"));
  else if (g_str_has_suffix (document_name, ".py") && strlen (document_name) > 3)
    stem = g_strndup (document_name, strlen (document_name) - 3);
  else
    stem = g_strdup (document_name);

  format = cs_export_dialog_get_format (self);
  extension = extensions[format];
  if (!cs_export_dialog_get_all_steps (self))
    /* Translators: the file name of one step's picture, "lesson-step-3.png". */
    return g_strdup_printf (_("%s-step-%u.%s"), stem, current_step + 1, extension);
  if (format == CS_EXPORT_PDF)
    /* Translators: the file name of a handout, "lesson-handout.pdf". */
    return g_strdup_printf (_("%s-handout.%s"), stem, extension);
  return g_strdup_printf ("%s.%s", stem, extension);
}
