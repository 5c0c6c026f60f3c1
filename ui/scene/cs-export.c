/* cs-export.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "cs-explain.h"
#include "cs-export.h"
#include "cs-markup.h"
#include "cs-gif.h"
#include "cs-layout.h"
#include "cs-paint.h"

/* Headless export: everything here draws with the painter onto Cairo
 * image, SVG and PDF surfaces, so it needs no display and no GTK.
 */

#define PDF_POINTS_PER_UNIT 0.5
#define HANDOUT_LINE 22.0
#define HANDOUT_MAX_LINES 36
#define MAX_PIXELS (16384.0 * 16384.0)

G_DEFINE_QUARK (cs-export-error-quark, cs_export_error)

/**
 * cs_export_options_init:
 *
 * PNG of all steps at scale 1 in the light palette.
 */
void
cs_export_options_init (CsExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = CS_EXPORT_PNG;
  options->step = -1;
  options->scale = 1.0;
  options->font_scale = 1.0;
  options->gif_frames = 8;
  options->gif_hold_ms = 1600;
}

/**
 * cs_export_format_from_name:
 * @name: "png", "svg", "pdf" or "gif"
 *
 * Returns: %TRUE and sets @format when @name is a known format
 */
gboolean
cs_export_format_from_name (const char     *name,
                            CsExportFormat *format)
{
  static const char *names[] = { "png", "svg", "pdf", "gif" };

  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        if (format != NULL)
          *format = (CsExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cs_export_numbered_path:
 * @path: "out.png"
 * @index: 0-based
 * @n: how many files there are (for the number of digits)
 *
 * The file name of step @index when every step of a PNG or SVG export
 * gets a file of its own: "out-01.png", "out-02.png", …
 *
 * Returns: (transfer full): the path
 */
char *
cs_export_numbered_path (const char *path,
                         guint       index,
                         guint       n)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *file = NULL;
  const char *dot;
  int digits = n >= 1000 ? 4 : n >= 100 ? 3 : 2;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    file = g_strdup_printf ("%.*s-%0*u%s", (int) (dot - base), base, digits, index + 1, dot);
  else
    file = g_strdup_printf ("%s-%0*u", base, digits, index + 1);
  return g_build_filename (dir, file, NULL);
}

/* Fails early, with the system's reason, when @path cannot be written. */
static gboolean
check_writable (const char  *path,
                GError     **error)
{
  FILE *file = fopen (path, "ab");
  int saved;

  if (file != NULL)
    {
      fclose (file);
      return TRUE;
    }
  saved = errno;
  g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_WRITE,
               "Cannot write “%s”: %s", path, g_strerror (saved));
  return FALSE;
}

static gboolean
check_status (cairo_status_t  status,
              const char     *path,
              GError        **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, CS_EXPORT_ERROR,
               status == CAIRO_STATUS_WRITE_ERROR ? CS_EXPORT_ERROR_WRITE : CS_EXPORT_ERROR_RENDER,
               "Cannot write “%s”: %s", path, cairo_status_to_string (status));
  return FALSE;
}

static const CsPalette *
palette_of (const CsExportOptions *options)
{
  return options->palette != NULL ? options->palette : cs_palette_get (CS_THEME_LIGHT);
}

static gboolean
write_png (const CsScene         *scene,
           const CsExportOptions *options,
           const char            *path,
           GError               **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int w, h;

  cs_scene_get_size (scene, options->scale, &w, &h);
  if ((double) w * h > MAX_PIXELS || w <= 0 || h <= 0)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                   "A %d×%d picture is too large; use a smaller --scale", w, h);
      return FALSE;
    }
  if (!check_writable (path, error))
    return FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cs_paint_scene (cr, NULL, scene, 1.0, palette_of (options), options->scale);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  return check_status (status, path, error);
}

static gboolean
write_svg (const CsScene         *scene,
           const CsExportOptions *options,
           const char            *path,
           GError               **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int w, h;

  if (!check_writable (path, error))
    return FALSE;
  cs_scene_get_size (scene, 1.0, &w, &h);
  surface = cairo_svg_surface_create (path, w, h);
  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
  cr = cairo_create (surface);
  cs_paint_scene (cr, NULL, scene, 1.0, palette_of (options), 1.0);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_status (status, path, error);
}

/* -- the handout ---------------------------------------------------------- */

static void
handout_text (cairo_t       *cr,
              PangoLayout   *layout,
              const char    *family,
              double         size,
              gboolean       bold,
              const char    *text,
              double         x,
              double         y,
              double         max_width,
              const CsColor *color)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family_static (desc, family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  cs_color_set_source (color, cr);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The scenario's lines: the file when we have it, else the statements
 * put back at their line numbers.
 */
static GStrv
listing_lines (GPtrArray             *scenes,
               const CsExportOptions *options)
{
  GPtrArray *lines;

  if (options->source != NULL)
    return g_strsplit (options->source, "\n", -1);

  lines = g_ptr_array_new ();
  for (guint i = 0; i < scenes->len; i++)
    {
      const CsScene *scene = g_ptr_array_index (scenes, i);
      g_auto (GStrv) code = g_strsplit (scene->code ? scene->code : "", "\n", -1);

      for (guint k = 0; code[k] != NULL; k++)
        {
          guint at = scene->line > 0 ? scene->line - 1 + k : lines->len;

          if (at > 100000)
            break;
          while (lines->len <= at)
            g_ptr_array_add (lines, g_strdup (""));
          g_free (lines->pdata[at]);
          lines->pdata[at] = g_strdup (code[k]);
        }
    }
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (lines, FALSE);
}

#define HANDOUT_FONT "Cantarell, DejaVu Sans, Noto Sans CJK SC"
#define HANDOUT_EXPLANATION_SIZE 17.0
#define HANDOUT_EXPLANATION_MAX_LINES 6

static const char *
explanation_of (const CsExportOptions *options,
                guint                  index)
{
  if (options->explanations == NULL || index >= options->n_explanations)
    return NULL;
  if (options->explanations[index] == NULL || *options->explanations[index] == '\0')
    return NULL;
  return options->explanations[index];
}

/* The explanation is a wrapped paragraph at the top of the band, under the
 * picture; long ones end in an ellipsis after a few lines.
 */
static void
setup_explanation (PangoLayout *layout,
                   const char  *text,
                   double       width)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family_static (desc, HANDOUT_FONT);
  pango_font_description_set_absolute_size (desc, HANDOUT_EXPLANATION_SIZE * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -HANDOUT_EXPLANATION_MAX_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  {
    g_autofree char *markup = cs_markup_from_backticks (text, "font_family=\"DejaVu Sans Mono\"");

    pango_layout_set_markup (layout, markup, -1);
  }
}

static double
explanation_height (const char *text,
                    double      width)
{
  PangoContext *context;
  g_autoptr (PangoLayout) layout = NULL;
  int height = 0;

  if (text == NULL)
    return 0;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  layout = pango_layout_new (context);
  g_object_unref (context);
  setup_explanation (layout, text, width);
  pango_layout_get_pixel_size (layout, NULL, &height);
  /* Room above and below, and for hinting differences when drawn. */
  return height + 32 + 8;
}

static double
band_height (const CsScene *scene,
             GStrv          lines,
             const CsStep  *step,
             double         explanation)
{
  guint n_code = MIN (g_strv_length (lines), HANDOUT_MAX_LINES);
  guint n_out = 0;

  if (step != NULL && step->stdout_text != NULL)
    {
      g_auto (GStrv) out = g_strsplit (step->stdout_text, "\n", -1);
      n_out = g_strv_length (out);
    }
  if (step != NULL && step->warnings != NULL)
    n_out += step->warnings->len;
  if (scene->error != NULL)
    n_out++;
  return explanation + 48 + 40 + MAX (MAX (n_code, MIN (n_out, HANDOUT_MAX_LINES)), 1) * HANDOUT_LINE + 40;
}

static void
draw_band (cairo_t         *cr,
           const CsScene   *scene,
           GStrv            lines,
           const CsStep    *step,
           const char      *explanation,
           const CsPalette *palette,
           double           top,
           double           width,
           double           height)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  guint n = g_strv_length (lines);
  guint first = 0, last, stmt_lines = 1;
  double col = (width - 96 - 48) / 2, y;

  cairo_rectangle (cr, 0, top, width, height);
  cs_color_set_source (&palette->bar, cr);
  cairo_fill (cr);
  cairo_rectangle (cr, 0, top, width, 1);
  cs_color_set_source (&palette->rule, cr);
  cairo_fill (cr);

  if (explanation != NULL)
    {
      g_autoptr (PangoLayout) paragraph = pango_cairo_create_layout (cr);
      double text_height = explanation_height (explanation, width - 96);

      cairo_rectangle (cr, 40, top + 20, 4, text_height - 32);
      cs_color_set_source (&palette->accent, cr);
      cairo_fill (cr);
      setup_explanation (paragraph, explanation, width - 96 - 8);
      cs_color_set_source (&palette->text, cr);
      cairo_move_to (cr, 56, top + 20);
      pango_cairo_show_layout (cr, paragraph);
      top += text_height;
      cairo_rectangle (cr, 48, top, width - 96, 1);
      cs_color_set_source (&palette->rule, cr);
      cairo_fill (cr);
    }

  handout_text (cr, layout, "Cantarell, DejaVu Sans", 13, TRUE, "CODE", 48, top + 32, 0, &palette->text_dim);
  handout_text (cr, layout, "Cantarell, DejaVu Sans", 13, TRUE, "OUTPUT", 48 + col + 48, top + 32, 0,
                &palette->text_dim);

  if (scene->code != NULL)
    for (const char *s = scene->code; *s != '\0'; s++)
      stmt_lines += *s == '\n';
  if (n > HANDOUT_MAX_LINES && scene->line > HANDOUT_MAX_LINES / 2)
    first = MIN (scene->line - HANDOUT_MAX_LINES / 2, n - HANDOUT_MAX_LINES);
  last = MIN (n, first + HANDOUT_MAX_LINES);

  y = top + 64;
  for (guint i = first; i < last; i++)
    {
      gboolean current = i + 1 >= scene->line && i + 1 < scene->line + stmt_lines;
      g_autofree char *number = g_strdup_printf ("%3u", i + 1);

      if (current)
        {
          cairo_rectangle (cr, 40, y - 2, col + 8, HANDOUT_LINE);
          cs_color_set_source (&palette->code_line, cr);
          cairo_fill (cr);
          cairo_rectangle (cr, 40, y - 2, 4, HANDOUT_LINE);
          cs_color_set_source (&palette->accent, cr);
          cairo_fill (cr);
        }
      handout_text (cr, layout, "DejaVu Sans Mono", 14, FALSE, number, 52, y, 0, &palette->text_dim);
      handout_text (cr, layout, "DejaVu Sans Mono", 14, current, lines[i], 92, y, col - 52,
                    &palette->text);
      y += HANDOUT_LINE;
    }

  y = top + 64;
  if (step != NULL && step->stdout_text != NULL && *step->stdout_text != '\0')
    {
      g_auto (GStrv) out = g_strsplit (step->stdout_text, "\n", -1);

      for (guint i = 0; out[i] != NULL && i < HANDOUT_MAX_LINES; i++)
        {
          if (out[i + 1] == NULL && *out[i] == '\0')
            break;
          handout_text (cr, layout, "DejaVu Sans Mono", 14, FALSE, out[i], 48 + col + 48, y, col,
                        &palette->text);
          y += HANDOUT_LINE;
        }
    }
  for (guint i = 0; step != NULL && step->warnings != NULL && i < step->warnings->len; i++)
    {
      handout_text (cr, layout, "DejaVu Sans Mono", 14, FALSE, g_ptr_array_index (step->warnings, i),
                    48 + col + 48, y, col, &palette->text_secondary);
      y += HANDOUT_LINE;
    }
  if (scene->error != NULL)
    {
      handout_text (cr, layout, "DejaVu Sans Mono", 14, TRUE, scene->error, 48 + col + 48, y, col,
                    &palette->error);
      y += HANDOUT_LINE;
    }
  if (y == top + 64)
    handout_text (cr, layout, "Cantarell, DejaVu Sans", 14, FALSE, "(prints nothing)", 48 + col + 48, y,
                  col, &palette->text_dim);
}

static gboolean
write_pdf (GPtrArray             *scenes,
           GPtrArray             *steps,
           guint                  first,
           guint                  last,
           const CsExportOptions *options,
           const char            *path,
           GError               **error)
{
  const CsPalette *palette = palette_of (options);
  g_auto (GStrv) lines = NULL;
  gboolean handout = last - first > 1;
  cairo_surface_t *surface;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;

  if (!check_writable (path, error))
    return FALSE;
  if (handout)
    lines = listing_lines (scenes, options);

  surface = cairo_pdf_surface_create (path, 100, 100);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Copyscope");
  for (guint i = first; i < last && status == CAIRO_STATUS_SUCCESS; i++)
    {
      const CsScene *scene = g_ptr_array_index (scenes, i);
      const CsStep *step = steps != NULL && i < steps->len ? g_ptr_array_index (steps, i) : NULL;
      int w, h;
      const char *explanation = handout ? explanation_of (options, i) : NULL;
      double text_height = 0, band;
      cairo_t *cr;

      cs_scene_get_size (scene, 1.0, &w, &h);
      text_height = explanation_height (explanation, w - 96);
      band = handout ? band_height (scene, lines, step, text_height) : 0;
      cairo_pdf_surface_set_size (surface, w * PDF_POINTS_PER_UNIT, (h + band) * PDF_POINTS_PER_UNIT);
      cr = cairo_create (surface);
      cairo_scale (cr, PDF_POINTS_PER_UNIT, PDF_POINTS_PER_UNIT);
      cs_paint_scene (cr, NULL, scene, 1.0, palette, 1.0);
      if (handout)
        draw_band (cr, scene, lines, step, explanation, palette, h, w, band);
      cairo_show_page (cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
    }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_status (status, path, error);
}

/* -- GIF ------------------------------------------------------------------ */

static gboolean
write_gif (GPtrArray             *scenes,
           guint                  first,
           guint                  last,
           const CsExportOptions *options,
           const char            *path,
           GError               **error)
{
  const CsPalette *palette = palette_of (options);
  g_autoptr (CsGifWriter) gif = NULL;
  int w = 0, h = 0;
  guint frames = MAX (options->gif_frames, 1);

  for (guint i = first; i < last; i++)
    {
      int sw, sh;

      cs_scene_get_size (g_ptr_array_index (scenes, i), options->scale, &sw, &sh);
      w = MAX (w, sw);
      h = MAX (h, sh);
    }
  if ((double) w * h > 4096.0 * 4096.0 || w <= 0 || h <= 0 || w > 65535 || h > 65535)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                   "A %d×%d animation is too large; use a smaller --scale", w, h);
      return FALSE;
    }
  if (!check_writable (path, error))
    return FALSE;

  gif = cs_gif_writer_new (path, w, h, error);
  if (gif == NULL)
    return FALSE;

  /* The palette comes from the still picture of every step. */
  for (guint i = first; i < last; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
      cairo_t *cr = cairo_create (surface);

      cs_color_set_source (&palette->canvas, cr);
      cairo_paint (cr);
      cs_paint_scene (cr, NULL, g_ptr_array_index (scenes, i), 1.0, palette, options->scale);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      cs_gif_writer_add_sample (gif, cairo_image_surface_get_data (surface),
                                cairo_image_surface_get_stride (surface));
      cairo_surface_destroy (surface);
    }

  for (guint i = first; i < last; i++)
    {
      const CsScene *scene = g_ptr_array_index (scenes, i);
      const CsScene *prev = i > first ? g_ptr_array_index (scenes, i - 1) : NULL;
      guint n = prev != NULL ? frames : 1;

      for (guint f = 1; f <= n; f++)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
          cairo_t *cr = cairo_create (surface);
          gboolean ok;
          double t = prev != NULL ? (double) f / n : 1.0;
          guint delay = f == n ? options->gif_hold_ms : 700 / n;

          cs_color_set_source (&palette->canvas, cr);
          cairo_paint (cr);
          cs_paint_scene (cr, prev, scene, t, palette, options->scale);
          cairo_destroy (cr);
          cairo_surface_flush (surface);
          ok = cs_gif_writer_add_frame (gif, cairo_image_surface_get_data (surface),
                                        cairo_image_surface_get_stride (surface), delay, error);
          cairo_surface_destroy (surface);
          if (!ok)
            return FALSE;
        }
    }
  return cs_gif_writer_close (gif, error);
}

/* -- public ---------------------------------------------------------------- */

/**
 * cs_export_scenes:
 * @scenes: (element-type CsScene): one scene per step
 * @steps: (nullable) (element-type CsStep): the steps, for the printed
 *   output on handout pages
 * @options: format, step, scale, palette
 * @path: the file to write; with PNG or SVG and every step, one file per
 *   step named by cs_export_numbered_path()
 *
 * Writes @scenes: PNG or SVG pictures, a PDF (one step: one page; all
 * steps: a handout with one page per step showing the picture, the code
 * with the step highlighted and what it printed), or an animated GIF of
 * the steps with their transitions.
 *
 * Returns: %TRUE on success
 */
gboolean
cs_export_scenes (GPtrArray             *scenes,
                  GPtrArray             *steps,
                  const CsExportOptions *options,
                  const char            *path,
                  GError               **error)
{
  guint first, last;

  g_return_val_if_fail (scenes != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scenes->len == 0)
    {
      g_set_error_literal (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID, "The scenario has no steps");
      return FALSE;
    }
  if (options->step >= (int) scenes->len)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                   "There is no step %d: the scenario has %u steps", options->step + 1, scenes->len);
      return FALSE;
    }
  if (!(options->scale > 0.05 && options->scale <= 16))
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                   "The scale must be between 0.05 and 16");
      return FALSE;
    }

  first = options->step >= 0 ? (guint) options->step : 0;
  last = options->step >= 0 ? first + 1 : scenes->len;

  switch (options->format)
    {
    case CS_EXPORT_PDF:
      return write_pdf (scenes, steps, first, last, options, path, error);

    case CS_EXPORT_GIF:
      return write_gif (scenes, first, last, options, path, error);

    case CS_EXPORT_PNG:
    case CS_EXPORT_SVG:
    default:
      for (guint i = first; i < last; i++)
        {
          g_autofree char *file = last - first > 1 ? cs_export_numbered_path (path, i, scenes->len)
                                                   : g_strdup (path);
          const CsScene *scene = g_ptr_array_index (scenes, i);
          gboolean ok = options->format == CS_EXPORT_SVG ? write_svg (scene, options, file, error)
                                                         : write_png (scene, options, file, error);

          if (!ok)
            return FALSE;
        }
      return TRUE;
    }
}

/**
 * cs_export_trace:
 * @trace: a trace from cs_trace_run()
 * @options: format, step (-1 for all), scale, palette, source text
 * @path: the file to write (see cs_export_scenes())
 *
 * Lays out @trace with cs_layout_trace() and writes it.  Works with no
 * display.
 *
 * Returns: %TRUE on success; on failure @error is in CS_EXPORT_ERROR
 */
gboolean
cs_export_trace (CsTrace               *trace,
                 const CsExportOptions *options,
                 const char            *path,
                 GError               **error)
{
  CsLayoutOptions layout_options;
  CsExportOptions with_explanations;
  g_autoptr (GPtrArray) scenes = NULL;
  g_autoptr (GPtrArray) steps = g_ptr_array_new ();
  g_autoptr (GPtrArray) explanations = g_ptr_array_new_with_free_func (g_free);
  guint n;

  g_return_val_if_fail (trace != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  cs_layout_options_init (&layout_options);
  layout_options.font_scale = options->font_scale > 0 ? options->font_scale : 1.0;
  scenes = cs_layout_trace (trace, &layout_options);
  n = cs_trace_get_n_steps (trace);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (steps, cs_trace_get_step (trace, i));

  with_explanations = *options;
  if (options->format == CS_EXPORT_PDF && options->step < 0 && options->explanations == NULL)
    {
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (explanations, cs_explain_step (trace, i));
      with_explanations.explanations = (const char * const *) explanations->pdata;
      with_explanations.n_explanations = explanations->len;
    }
  return cs_export_scenes (scenes, steps, &with_explanations, path, error);
}
