/* test-export.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "cs-export.h"
#include "cs-layout-facts.h"
#include "cs-paint.h"
#include "cs-scenario.h"

/* Headless export of every format, checked by reading the files back:
 * PNG size, SVG well-formed XML, PDF page count, GIF frame count.
 */

static GPtrArray *
case_scenes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "conformance", "public", name, NULL);
  g_autoptr (GError) error = NULL;
  GPtrArray *scenes = cs_layout_facts_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenes);
  return scenes;
}

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static void
test_png (void)
{
  g_autoptr (GPtrArray) scenes = case_scenes ("05_article_tensor_constructors.json");
  g_autofree char *path = temp_path ("step.png");
  g_autoptr (GError) error = NULL;
  CsExportOptions options;
  cairo_surface_t *png;
  int w, h;

  cs_export_options_init (&options);
  options.step = 7;
  options.scale = 1.5;
  g_assert_true (cs_export_scenes (scenes, NULL, &options, path, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  cs_scene_get_size (g_ptr_array_index (scenes, 7), 1.5, &w, &h);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, h);
  g_assert_cmpint (w, ==, 2400);
  cairo_surface_destroy (png);
}

static void
test_png_all (void)
{
  g_autoptr (GPtrArray) scenes = case_scenes ("01_article_assign_alias.json");
  g_autofree char *path = temp_path ("all.png");
  g_autoptr (GError) error = NULL;
  CsExportOptions options;

  cs_export_options_init (&options);
  g_assert_true (cs_export_scenes (scenes, NULL, &options, path, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < scenes->len; i++)
    {
      g_autofree char *file = cs_export_numbered_path (path, i, scenes->len);

      g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
    }
  {
    g_autofree char *file = cs_export_numbered_path (path, 0, scenes->len);
    g_autofree char *base = g_path_get_basename (file);
    g_assert_cmpstr (base, ==, "all-01.png");
  }
}

static void
start_cb (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  guint *n = user_data;

  (*n)++;
}

static void
test_svg (void)
{
  g_autoptr (GPtrArray) scenes = case_scenes ("03_article_copy_copy.json");
  g_autofree char *path = temp_path ("step.svg");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  GMarkupParser parser = { start_cb, NULL, NULL, NULL, NULL };
  GMarkupParseContext *context;
  CsExportOptions options;
  guint n_elements = 0;

  cs_export_options_init (&options);
  options.format = CS_EXPORT_SVG;
  options.step = 5;
  g_assert_true (cs_export_scenes (scenes, NULL, &options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));

  context = g_markup_parse_context_new (&parser, 0, &n_elements, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpuint (n_elements, >, 50);
}

static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  for (gsize i = 0; i + 12 < len; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      n++;
  return n;
}

static void
test_pdf (void)
{
  g_autoptr (GPtrArray) scenes = case_scenes ("06_article_clone_detach.json");
  g_autofree char *one = temp_path ("step.pdf");
  g_autofree char *handout = temp_path ("handout.pdf");
  g_autoptr (GError) error = NULL;
  CsExportOptions options;

  cs_export_options_init (&options);
  options.format = CS_EXPORT_PDF;
  options.step = 6;
  g_assert_true (cs_export_scenes (scenes, NULL, &options, one, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (one), ==, 1);

  options.step = -1;
  options.palette = cs_palette_get (CS_THEME_DARK);
  g_assert_true (cs_export_scenes (scenes, NULL, &options, handout, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (handout), ==, scenes->len);

  if (g_find_program_in_path ("pdfinfo") != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *cmd = g_strdup_printf ("pdfinfo %s", handout);
      const char *pages;

      g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
      pages = strstr (out, "Pages:");
      g_assert_nonnull (pages);
      g_assert_cmpint (strtol (pages + 6, NULL, 10), ==, scenes->len);
    }
}

/* Counts the image descriptors of a GIF by walking its blocks. */
static guint
count_gif_frames (const char *path)
{
  g_autofree guchar *data = NULL;
  gsize len, pos;
  guint frames = 0;

  g_assert_true (g_file_get_contents (path, (char **) &data, &len, NULL));
  g_assert_true (len > 13 && memcmp (data, "GIF89a", 6) == 0);
  pos = 13;
  if (data[10] & 0x80)
    pos += 3 * (1u << ((data[10] & 7) + 1));
  while (pos < len)
    {
      guchar block = data[pos++];

      if (block == 0x3b)
        return frames;
      if (block == 0x21)
        {
          pos++;
          while (pos < len && data[pos] != 0)
            pos += data[pos] + 1;
          pos++;
        }
      else if (block == 0x2c)
        {
          frames++;
          if (data[pos + 8] & 0x80)
            pos += 3 * (1u << ((data[pos + 8] & 7) + 1));
          pos += 9 + 1;
          while (pos < len && data[pos] != 0)
            pos += data[pos] + 1;
          pos++;
        }
      else
        g_assert_not_reached ();
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_gif (void)
{
  g_autoptr (GPtrArray) scenes = case_scenes ("02_article_assign_rebind.json");
  g_autofree char *path = temp_path ("anim.gif");
  g_autoptr (GError) error = NULL;
  CsExportOptions options;

  cs_export_options_init (&options);
  options.format = CS_EXPORT_GIF;
  options.scale = 0.5;
  options.gif_frames = 4;
  g_assert_true (cs_export_scenes (scenes, NULL, &options, path, &error));
  g_assert_no_error (error);
  /* One still for the first step, then a transition for each other. */
  g_assert_cmpuint (count_gif_frames (path), ==, 1 + (scenes->len - 1) * 4);
}

static void
test_write_error (void)
{
  g_autoptr (GPtrArray) scenes = case_scenes ("01_article_assign_alias.json");
  g_autoptr (GError) error = NULL;
  CsExportOptions options;

  cs_export_options_init (&options);
  options.step = 0;
  g_assert_false (cs_export_scenes (scenes, NULL, &options, "/nonexistent-dir/x.png", &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/x.png"));
  g_clear_error (&error);

  options.step = 99;
  g_assert_false (cs_export_scenes (scenes, NULL, &options, "/tmp/never.png", &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID);
}

/* The engine path: run a scenario, lay it out, write a handout. */
static void
test_trace_handout (void)
{
  static const char source[] =
    "import copy\n"
    "# A list holding a list.\n"
    "a = [[1, 2], 3, 4]\n"
    "# copy.copy makes a new outer list; the inner list is shared.\n"
    "b = copy.copy(a)\n"
    "a[0][0] = 0\n"
    "print(a, b)\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CsTrace) trace = cs_scenario_run ("copy.py", source, -1, NULL, &error);
  g_autofree char *path = temp_path ("trace.pdf");
  CsExportOptions options;

  g_assert_no_error (error);
  g_assert_cmpuint (cs_trace_get_n_steps (trace), ==, 5);
  cs_export_options_init (&options);
  options.format = CS_EXPORT_PDF;
  options.source = source;
  g_assert_true (cs_export_trace (trace, &options, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (path), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scene/export/png", test_png);
  g_test_add_func ("/scene/export/png-all", test_png_all);
  g_test_add_func ("/scene/export/svg", test_svg);
  g_test_add_func ("/scene/export/pdf", test_pdf);
  g_test_add_func ("/scene/export/gif", test_gif);
  g_test_add_func ("/scene/export/write-error", test_write_error);
  g_test_add_func ("/scene/export/trace-handout", test_trace_handout);

  return g_test_run ();
}
