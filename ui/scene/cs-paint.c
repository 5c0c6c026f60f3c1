/* cs-paint.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "cs-paint.h"

/* The painter follows shared/mockups/README.md: every size below is in
 * units (px at zoom 1 on a 1600×900 canvas).
 */

#define SANS_FAMILY "Cantarell, DejaVu Sans"
#define MONO_FAMILY "DejaVu Sans Mono"

#define ARROW_HEAD_LENGTH 12.0
#define ARROW_HEAD_WIDTH 9.0
#define ARROW_HEAD_NOTCH 3.0
#define ARROW_STROKE_SHORT 8.0

typedef struct
{
  cairo_t         *cr;
  PangoLayout     *layout;
  const CsPalette *palette;
  double           t;       /* Raw transition time. */
  double           e;       /* Eased transition time. */
  double           move;    /* Eased progress of moves and swings (first 60 %). */
  gboolean         animating;
} Painter;

/* A box or arrow as drawn in one frame of a transition. */
typedef struct
{
  double alpha;
  double dx, dy;
  const CsBox *prev;        /* The matching box of the previous scene. */
} BoxFrame;

/* -- text ---------------------------------------------------------------- */

static void
set_font (PangoLayout  *layout,
          CsFontFamily  family,
          double        size,
          gboolean      bold)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family_static (desc, family == CS_FONT_MONO ? MONO_FAMILY : SANS_FAMILY);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

static void
prepare_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics keep text widths the same at every scale and on
   * every surface, so layout and painting agree.
   */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

static GPrivate measure_layout_key = G_PRIVATE_INIT (g_object_unref);

static PangoLayout *
get_measure_layout (void)
{
  PangoLayout *layout = g_private_get (&measure_layout_key);

  if (layout == NULL)
    {
      PangoFontMap *map = pango_cairo_font_map_get_default ();
      PangoContext *context = pango_font_map_create_context (map);

      prepare_context (context);
      layout = pango_layout_new (context);
      g_object_unref (context);
      g_private_set (&measure_layout_key, layout);
    }
  return layout;
}

/**
 * cs_paint_text_width:
 *
 * The advance width of @text in units, as the painter will draw it.
 */
/* steps: laying out a step measures the same short texts ("3", "list",
 * "len 2", names) over and over, and shaping them with Pango was 80 % of
 * the layout time of a 200-line scenario's step.  The widths are cached
 * per thread (like the measuring layout), keyed by font and text; the
 * cache starts over when it grows large.
 */
#define MAX_CACHED_WIDTHS 8192

static GPrivate width_cache_key = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

double
cs_paint_text_width (CsFontFamily  family,
                     double        size,
                     gboolean      bold,
                     const char   *text)
{
  GHashTable *cache = g_private_get (&width_cache_key);
  g_autofree char *key = NULL;
  PangoLayout *layout;
  PangoRectangle logical;
  double *width;

  g_return_val_if_fail (text != NULL, 0);

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_private_set (&width_cache_key, cache);
    }
  key = g_strdup_printf ("%d %a %d %s", (int) family, size, bold ? 1 : 0, text);
  width = g_hash_table_lookup (cache, key);
  if (width != NULL)
    return *width;

  layout = get_measure_layout ();
  set_font (layout, family, size, bold);
  pango_layout_set_attributes (layout, NULL);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);

  if (g_hash_table_size (cache) >= MAX_CACHED_WIDTHS)
    g_hash_table_remove_all (cache);
  width = g_new (double, 1);
  *width = (double) logical.width / PANGO_SCALE;
  g_hash_table_insert (cache, g_steal_pointer (&key), width);
  return *width;
}

typedef enum
{
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} Align;

/* Draws @text with its baseline at @baseline; returns its width. */
static double
draw_text_full (Painter       *p,
                CsFontFamily   family,
                double         size,
                gboolean       bold,
                const char    *text,
                gboolean       markup,
                double         letter_spacing,
                double         x,
                double         baseline,
                Align          align,
                const CsColor *color,
                double         alpha)
{
  PangoRectangle logical;
  double width, left, base;

  if (text == NULL || *text == '\0')
    return 0;

  set_font (p->layout, family, size, bold);
  if (markup)
    pango_layout_set_markup (p->layout, text, -1);
  else
    {
      pango_layout_set_attributes (p->layout, NULL);
      pango_layout_set_text (p->layout, text, -1);
    }
  if (letter_spacing > 0)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (letter_spacing * PANGO_SCALE)));
      pango_layout_set_attributes (p->layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_extents (p->layout, NULL, &logical);
  width = (double) logical.width / PANGO_SCALE;
  base = (double) pango_layout_get_baseline (p->layout) / PANGO_SCALE;
  left = align == ALIGN_LEFT ? x : align == ALIGN_CENTER ? x - width / 2 : x - width;

  cs_color_set_source_alpha (color, alpha, p->cr);
  cairo_move_to (p->cr, left, baseline - base);
  pango_cairo_show_layout (p->cr, p->layout);
  pango_layout_set_attributes (p->layout, NULL);
  return width;
}

static double
draw_text (Painter       *p,
           CsFontFamily   family,
           double         size,
           gboolean       bold,
           const char    *text,
           double         x,
           double         baseline,
           Align          align,
           const CsColor *color,
           double         alpha)
{
  return draw_text_full (p, family, size, bold, text, FALSE, 0, x, baseline, align, color, alpha);
}

/* Vertically centres a single line of text on @cy. */
static double
centre_baseline (CsFontFamily family,
                 double       size,
                 double       cy)
{
  /* Cap-height centring: the visual middle of digits and capitals sits
   * about 0.36 em above the baseline in both families.
   */
  return cy + size * 0.36;
}

/* -- shapes -------------------------------------------------------------- */

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static double
box_radius (const CsBox *box)
{
  switch (box->kind)
    {
    case CS_BOX_PILL: return box->height / 2;
    case CS_BOX_CARD:
    case CS_BOX_CONTAINER:
    case CS_BOX_PANEL: return 12;
    case CS_BOX_STRIP:
    case CS_BOX_NODE:
    case CS_BOX_CHIP: return 8;
    case CS_BOX_MINI_STRIP: return 4;
    default: return 8;
    }
}

/**
 * cs_paint_box_outline:
 * @cr: a cairo context in scene units
 * @box: a box of a scene
 * @outset: how far outside @box, in scene units
 *
 * Adds a closed path around @box with its corners as the painter rounds
 * them, @outset further out (the canvas draws selection, hover and focus
 * rings with it).
 */
void
cs_paint_box_outline (cairo_t     *cr,
                      const CsBox *box,
                      double       outset)
{
  rounded_rect (cr, box->x - outset, box->y - outset, box->width + 2 * outset,
                box->height + 2 * outset, box_radius (box) + outset);
}

static void
draw_shadow (Painter     *p,
             double       x,
             double       y,
             double       w,
             double       h,
             double       r,
             double       alpha)
{
  rounded_rect (p->cr, x, y + 2, w, h, r);
  cairo_set_source_rgba (p->cr, 0, 0, 0, p->palette->shadow_alpha * alpha);
  cairo_fill (p->cr);
}

static void
draw_hatch (Painter       *p,
            double         x,
            double         y,
            double         w,
            double         h,
            const CsColor *color,
            double         alpha)
{
  cairo_save (p->cr);
  cairo_rectangle (p->cr, x, y, w, h);
  cairo_clip (p->cr);
  cs_color_set_source_alpha (color, 0.35 * alpha, p->cr);
  cairo_set_line_width (p->cr, 1.5);
  for (double d = -h; d < w; d += 10)
    {
      cairo_move_to (p->cr, x + d, y + h);
      cairo_line_to (p->cr, x + d + h, y);
    }
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}

/* The change ring: 3 px, 4 px outside the element, over an 8 px halo. */
static void
draw_ring (Painter *p,
           double   x,
           double   y,
           double   w,
           double   h,
           double   r,
           double   alpha)
{
  if (alpha <= 0.001)
    return;

  rounded_rect (p->cr, x - 4, y - 4, w + 8, h + 8, r + 4);
  cs_color_set_source_alpha (&p->palette->change_halo, alpha, p->cr);
  cairo_set_line_width (p->cr, 8);
  cairo_stroke_preserve (p->cr);
  cs_color_set_source_alpha (&p->palette->change_ring, alpha, p->cr);
  cairo_set_line_width (p->cr, 3);
  cairo_stroke (p->cr);
}

/* The ring of a change flashes twice and ends fully on. */
static double
ring_alpha (const Painter *p)
{
  if (!p->animating)
    return 1.0;
  return 0.5 - 0.5 * cos (3 * G_PI * p->t);
}

/* -- frame: header and caption -------------------------------------------- */

static char *
code_markup (const char    *code,
             const CsColor *number_color)
{
  GString *out = g_string_new (NULL);
  const char *s = code;
  char hex[8];

  g_snprintf (hex, sizeof hex, "#%02x%02x%02x",
              (int) round (number_color->red * 255),
              (int) round (number_color->green * 255),
              (int) round (number_color->blue * 255));

  while (*s != '\0')
    {
      gboolean prev_word = s > code && (g_ascii_isalnum (s[-1]) || s[-1] == '_');

      if (g_ascii_isdigit (*s) && !prev_word)
        {
          const char *start = s;

          while (g_ascii_isalnum (*s) || *s == '.' || *s == '_')
            s++;
          g_string_append_printf (out, "<span foreground=\"%s\">", hex);
          g_string_append_len (out, start, s - start);
          g_string_append (out, "</span>");
          continue;
        }
      if (*s == '\'' || *s == '"')
        {
          /* Copy a string literal whole so digits in it stay plain. */
          char quote = *s;
          const char *start = s++;

          while (*s != '\0' && *s != quote)
            s += *s == '\\' && s[1] != '\0' ? 2 : 1;
          if (*s == quote)
            s++;
          {
            g_autofree char *escaped = g_markup_escape_text (start, s - start);
            g_string_append (out, escaped);
          }
          continue;
        }
      {
        const char *next = g_utf8_next_char (s);
        g_autofree char *escaped = g_markup_escape_text (s, next - s);

        g_string_append (out, escaped);
        s = next;
      }
    }
  return g_string_free (out, FALSE);
}

static void
draw_header (Painter       *p,
             const CsScene *scene,
             double         alpha)
{
  const CsPalette *pal = p->palette;
  g_autofree char *first_line = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *line_text = NULL;
  g_autofree char *step_text = NULL;
  const char *newline;
  double code_width, pill_width, right;
  guint n_dots;

  newline = scene->code ? strchr (scene->code, '\n') : NULL;
  if (newline != NULL)
    {
      g_autofree char *head = g_strndup (scene->code, newline - scene->code);
      first_line = g_strconcat (head, "  …", NULL);
    }
  else
    first_line = g_strdup (scene->code ? scene->code : "");

  /* Leave room for the step counter on the right. */
  if (g_utf8_strlen (first_line, -1) > 72)
    {
      g_autofree char *cut = g_utf8_substring (first_line, 0, 70);
      g_free (first_line);
      first_line = g_strconcat (cut, "…", NULL);
    }

  markup = code_markup (first_line, &pal->number_literal);
  code_width = cs_paint_text_width (CS_FONT_MONO, 22, FALSE, first_line);
  pill_width = 56 + code_width + 24;

  rounded_rect (p->cr, 48, 16, pill_width, 48, 10);
  cs_color_set_source_alpha (&pal->code_line, alpha, p->cr);
  cairo_fill (p->cr);
  cairo_save (p->cr);
  rounded_rect (p->cr, 48, 16, pill_width, 48, 10);
  cairo_clip (p->cr);
  cairo_rectangle (p->cr, 48, 16, 4, 48);
  cs_color_set_source_alpha (&pal->accent, alpha, p->cr);
  cairo_fill (p->cr);
  cairo_restore (p->cr);

  line_text = g_strdup_printf ("%u", scene->line);
  draw_text (p, CS_FONT_MONO, 18, FALSE, line_text, 48 + 36, 40 + 6.5, ALIGN_RIGHT,
             &pal->text_dim, alpha);
  draw_text_full (p, CS_FONT_MONO, 22, FALSE, markup, TRUE, 0, 48 + 56, 40 + 8,
                  ALIGN_LEFT, &pal->text, alpha);

  /* Step n of N with one dot per step. */
  right = scene->width - 48;
  n_dots = scene->n_steps <= 40 ? scene->n_steps : 0;
  for (guint i = 0; i < n_dots; i++)
    {
      double cx = right - 6 - (n_dots - 1 - i) * 16.0;
      gboolean current = i == scene->step_index;

      cairo_arc (p->cr, cx, 40, current ? 6 : 4, 0, 2 * G_PI);
      cs_color_set_source_alpha (current ? &pal->accent : &pal->slot_border, alpha, p->cr);
      cairo_fill (p->cr);
    }
  if (n_dots > 0)
    right -= 12 + (n_dots - 1) * 16.0 + 20;
  step_text = g_strdup_printf ("Step %u of %u", scene->step_index + 1, scene->n_steps);
  draw_text (p, CS_FONT_SANS, 16, FALSE, step_text, right, 40 + 6, ALIGN_RIGHT,
             &pal->text_secondary, alpha);
}

static void
draw_caption (Painter       *p,
              const CsScene *scene,
              double         alpha)
{
  const CsPalette *pal = p->palette;
  double top = scene->height - CS_SCENE_CAPTION_HEIGHT;
  gboolean has_caption = scene->caption != NULL && *scene->caption != '\0';

  if (has_caption && scene->error != NULL)
    {
      draw_text (p, CS_FONT_SANS, 19, FALSE, scene->caption, 48, top + 28, ALIGN_LEFT, &pal->text, alpha);
      draw_text (p, CS_FONT_MONO, 16, TRUE, scene->error, 48, top + 54, ALIGN_LEFT, &pal->error, alpha);
    }
  else if (scene->error != NULL)
    draw_text (p, CS_FONT_MONO, 19, TRUE, scene->error, 48, top + 42, ALIGN_LEFT, &pal->error, alpha);
  else if (has_caption)
    draw_text (p, CS_FONT_SANS, 22, FALSE, scene->caption, 48, top + 42, ALIGN_LEFT, &pal->text, alpha);
}

static void
draw_frame_bars (Painter       *p,
                 const CsScene *scene)
{
  const CsPalette *pal = p->palette;
  double top = scene->height - CS_SCENE_CAPTION_HEIGHT;

  cairo_rectangle (p->cr, 0, 0, scene->width, CS_SCENE_HEADER_HEIGHT);
  cairo_rectangle (p->cr, 0, top, scene->width, CS_SCENE_CAPTION_HEIGHT);
  cs_color_set_source (&pal->bar, p->cr);
  cairo_fill (p->cr);

  cairo_rectangle (p->cr, 0, CS_SCENE_HEADER_HEIGHT - 1, scene->width, 1);
  cairo_rectangle (p->cr, 0, top, scene->width, 1);
  cs_color_set_source (&pal->rule, p->cr);
  cairo_fill (p->cr);
}

/* -- boxes ---------------------------------------------------------------- */

static void
draw_badge (Painter       *p,
            const CsBadge *badge,
            double         alpha)
{
  const CsPalette *pal = p->palette;
  const CsColor *fill = &pal->slot, *border = &pal->card_border, *text = &pal->text_secondary;
  double line_width = 1;

  switch (badge->style)
    {
    case CS_BADGE_PLAIN:
      break;
    case CS_BADGE_DASHED:
      fill = &pal->card;
      border = &pal->text_dim;
      line_width = 1.5;
      break;
    case CS_BADGE_LEAF:
      fill = &pal->autograd_tint;
      border = &pal->autograd;
      text = &pal->autograd_text;
      break;
    case CS_BADGE_NEW:
      fill = &pal->delta_tag;
      border = &pal->change_ring;
      text = &pal->text;
      break;
    default:
      break;
    }

  rounded_rect (p->cr, badge->x, badge->y, badge->width, badge->height, badge->height / 2);
  cs_color_set_source_alpha (fill, alpha, p->cr);
  cairo_fill_preserve (p->cr);
  cs_color_set_source_alpha (border, alpha, p->cr);
  cairo_set_line_width (p->cr, line_width);
  if (badge->style == CS_BADGE_DASHED)
    {
      double dash[] = { 4, 3 };
      cairo_set_dash (p->cr, dash, 2, 0);
    }
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);
  draw_text (p, CS_FONT_SANS, 13, TRUE, badge->text, badge->x + badge->width / 2,
             centre_baseline (CS_FONT_SANS, 13, badge->y + badge->height / 2),
             ALIGN_CENTER, text, alpha);
}

static void
draw_mini_cells (Painter      *p,
                 char        **values,
                 double        x,
                 double        y,
                 double        cell_w,
                 double        cell_h,
                 double        alpha)
{
  const CsPalette *pal = p->palette;
  guint n = g_strv_length (values);

  if (n == 0)
    return;
  rounded_rect (p->cr, x, y, cell_w * n, cell_h, 4);
  cs_color_set_source_alpha (&pal->autograd_tint, alpha, p->cr);
  cairo_fill_preserve (p->cr);
  cs_color_set_source_alpha (&pal->autograd, alpha, p->cr);
  cairo_set_line_width (p->cr, 1.5);
  cairo_stroke (p->cr);
  for (guint i = 1; i < n; i++)
    {
      cairo_move_to (p->cr, x + i * cell_w, y);
      cairo_line_to (p->cr, x + i * cell_w, y + cell_h);
    }
  cs_color_set_source_alpha (&pal->autograd, 0.45 * alpha, p->cr);
  cairo_set_line_width (p->cr, 1);
  cairo_stroke (p->cr);
  for (guint i = 0; i < n; i++)
    draw_text (p, CS_FONT_MONO, 14, FALSE, values[i], x + (i + 0.5) * cell_w,
               centre_baseline (CS_FONT_MONO, 14, y + cell_h / 2),
               ALIGN_CENTER, &pal->text, alpha);
}

static void
draw_card (Painter     *p,
           const CsBox *box,
           double       alpha)
{
  const CsPalette *pal = p->palette;
  double title_width;

  draw_shadow (p, box->x, box->y, box->width, box->height, 12, alpha);
  rounded_rect (p->cr, box->x + 0.5, box->y + 0.5, box->width - 1, box->height - 1, 12);
  cs_color_set_source_alpha (&pal->card, alpha, p->cr);
  cairo_fill_preserve (p->cr);
  cs_color_set_source_alpha (&pal->card_border, alpha, p->cr);
  cairo_set_line_width (p->cr, 1);
  cairo_stroke (p->cr);

  title_width = draw_text (p, CS_FONT_SANS, 20, TRUE, box->title, box->x + 16, box->y + 36,
                           ALIGN_LEFT, &pal->text, alpha);
  draw_text (p, CS_FONT_MONO, 17, FALSE, box->subtitle, box->x + 16 + title_width + 10,
             box->y + 36, ALIGN_LEFT, &pal->text_secondary, alpha);

  for (guint i = 0; i < box->badges->len; i++)
    draw_badge (p, g_ptr_array_index (box->badges, i), alpha);

  for (guint i = 0; i < box->facts->len; i++)
    {
      const CsFact *fact = g_ptr_array_index (box->facts, i);
      const CsColor *color = &pal->text;
      gboolean bold = FALSE;

      draw_text (p, CS_FONT_SANS, 14, FALSE, fact->key, fact->x, fact->baseline,
                 ALIGN_LEFT, &pal->text_dim, alpha);
      if (fact->mini != NULL)
        {
          draw_mini_cells (p, fact->mini, fact->value_x, fact->baseline - 20, 40, 28, alpha);
          if (fact->value != NULL && *fact->value != '\0')
            draw_text (p, CS_FONT_SANS, 14, FALSE, fact->value,
                       fact->value_x + 40 * g_strv_length (fact->mini) + 16, fact->baseline,
                       ALIGN_LEFT, &pal->text_dim, alpha);
          continue;
        }
      if (fact->style == CS_VALUE_GRAD_FN)
        color = &pal->grad_fn_name;
      else if (fact->style == CS_VALUE_DIM)
        color = &pal->text_dim;
      else if (fact->style == CS_VALUE_BOLD)
        bold = TRUE;
      draw_text (p, CS_FONT_MONO, 17, bold, fact->value, fact->value_x, fact->baseline,
                 ALIGN_LEFT, color, alpha);
    }
}

static void
draw_cell_text (Painter      *p,
                const CsCell *cell,
                const CsCell *prev_cell,
                double        size,
                double        alpha)
{
  const CsPalette *pal = p->palette;
  double cx = cell->x + cell->width / 2;
  double baseline = centre_baseline (CS_FONT_MONO, size, cell->y + cell->height / 2);
  double k = 1.0;
  const char *old_text = cell->old_text;

  if (cell->text == NULL)
    return;

  /* A written value cross-fades from the old one during the first half
   * of the transition.
   */
  if (p->animating && old_text == NULL && prev_cell != NULL && prev_cell->text != NULL
      && g_strcmp0 (prev_cell->text, cell->text) != 0)
    old_text = prev_cell->text;
  if (p->animating && old_text != NULL)
    {
      k = CLAMP ((p->t - 0.15) / 0.4, 0.0, 1.0);
      draw_text (p, CS_FONT_MONO, size, FALSE, old_text, cx, baseline, ALIGN_CENTER,
                 &pal->text, alpha * (1 - k));
    }
  draw_text (p, CS_FONT_MONO, size, cell->bold, cell->text, cx, baseline, ALIGN_CENTER,
             &pal->text, alpha * k);
}

static const CsCell *
matching_cell (const CsBox *prev,
               const CsBox *box,
               guint        i)
{
  if (prev == NULL || prev->cells->len != box->cells->len)
    return NULL;
  return g_ptr_array_index (prev->cells, i);
}

static void
draw_container (Painter     *p,
                const CsBox *box,
                const CsBox *prev,
                double       alpha)
{
  const CsPalette *pal = p->palette;
  double sx0, sx1, sy0, sy1;

  draw_shadow (p, box->x, box->y, box->width, box->height, 12, alpha);
  rounded_rect (p->cr, box->x + 0.5, box->y + 0.5, box->width - 1, box->height - 1, 12);
  cs_color_set_source_alpha (&pal->card, alpha, p->cr);
  cairo_fill_preserve (p->cr);
  cs_color_set_source_alpha (&pal->card_border, alpha, p->cr);
  cairo_set_line_width (p->cr, 1);
  cairo_stroke (p->cr);

  draw_text (p, CS_FONT_SANS, 20, TRUE, box->title, box->x + 16, box->y + box->height / 2 - 1,
             ALIGN_LEFT, &pal->text, alpha);
  draw_text (p, CS_FONT_SANS, 14, FALSE, box->subtitle, box->x + 16, box->y + box->height / 2 + 21,
             ALIGN_LEFT, &pal->text_dim, alpha);

  if (box->cells->len == 0)
    return;

  sx0 = G_MAXDOUBLE;
  sy0 = G_MAXDOUBLE;
  sx1 = -G_MAXDOUBLE;
  sy1 = -G_MAXDOUBLE;
  for (guint i = 0; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);

      sx0 = MIN (sx0, cell->x);
      sy0 = MIN (sy0, cell->y);
      sx1 = MAX (sx1, cell->x + cell->width);
      sy1 = MAX (sy1, cell->y + cell->height);
    }

  rounded_rect (p->cr, sx0, sy0, sx1 - sx0, sy1 - sy0, 6);
  cs_color_set_source_alpha (&pal->slot, alpha, p->cr);
  cairo_fill (p->cr);
  for (guint i = 1; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);

      cairo_move_to (p->cr, cell->x, cell->y);
      cairo_line_to (p->cr, cell->x, cell->y + cell->height);
    }
  cs_color_set_source_alpha (&pal->slot_border, alpha, p->cr);
  cairo_set_line_width (p->cr, 1);
  cairo_stroke (p->cr);
  rounded_rect (p->cr, sx0, sy0, sx1 - sx0, sy1 - sy0, 6);
  cairo_set_line_width (p->cr, 1.5);
  cairo_stroke (p->cr);

  for (guint i = 0; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);
      double size = 24;

      if (cell->label != NULL)
        draw_text (p, CS_FONT_MONO, 12, FALSE, cell->label, cell->x + 6, cell->y + 14,
                   ALIGN_LEFT, &pal->text_dim, alpha);
      if (cell->is_ref)
        {
          cairo_arc (p->cr, cell->x + cell->width / 2, cell->y + cell->height / 2, 6, 0, 2 * G_PI);
          cs_color_set_source_alpha (&pal->arrow_neutral, alpha, p->cr);
          cairo_fill (p->cr);
          continue;
        }
      /* Long inline strings shrink to fit their slot. */
      if (cell->text != NULL)
        {
          double w = cs_paint_text_width (CS_FONT_MONO, size, cell->bold, cell->text);

          if (w > cell->width - 8)
            size = MAX (11, size * (cell->width - 8) / w);
        }
      draw_cell_text (p, cell, matching_cell (prev, box, i), size, alpha);
    }
}

static void
draw_lane (Painter      *p,
           const CsBox  *box,
           const CsLane *lane,
           double        alpha)
{
  const CsPalette *pal = p->palette;
  double title_x = box->x + box->width + 16;

  if (lane->kind == CS_LANE_RAIL)
    {
      int first = -1, last = -1;
      double x0, x1, y = lane->y, dir;

      for (guint i = 0; i < lane->n_cells && i < box->cells->len; i++)
        if (lane->covered[i])
          {
            if (first < 0)
              first = i;
            last = i;
          }
      if (first < 0)
        return;

      {
        const CsCell *a = g_ptr_array_index (box->cells, first);
        const CsCell *b = g_ptr_array_index (box->cells, last);

        x0 = a->x + a->width / 2;
        x1 = b->x + b->width / 2;
      }
      if (lane->descending)
        {
          double tmp = x0;
          x0 = x1;
          x1 = tmp;
        }
      dir = x1 >= x0 ? 1 : -1;
      x0 -= dir * 24;
      x1 += dir * 28;

      cs_color_set_source_alpha (&pal->text_dim, alpha, p->cr);
      cairo_set_line_width (p->cr, 1.5);
      cairo_move_to (p->cr, x0, y);
      cairo_line_to (p->cr, x1 - dir * 6, y);
      cairo_move_to (p->cr, x0, y - 6);
      cairo_line_to (p->cr, x0, y + 6);
      cairo_stroke (p->cr);
      cairo_move_to (p->cr, x1, y);
      cairo_line_to (p->cr, x1 - dir * 8, y - 3.5);
      cairo_line_to (p->cr, x1 - dir * 8, y + 3.5);
      cairo_close_path (p->cr);
      cairo_fill (p->cr);
      for (guint i = 0; i < lane->n_cells && i < box->cells->len; i++)
        if (lane->covered[i])
          {
            const CsCell *cell = g_ptr_array_index (box->cells, i);

            cairo_arc (p->cr, cell->x + cell->width / 2, y, 3, 0, 2 * G_PI);
            cairo_fill (p->cr);
          }
      draw_text (p, CS_FONT_MONO, 14, FALSE, lane->title, title_x, y + 5, ALIGN_LEFT,
                 &pal->text_secondary, alpha);
    }
  else
    {
      for (guint i = 0; i < lane->n_cells && i < box->cells->len; i++)
        {
          const CsCell *cell = g_ptr_array_index (box->cells, i);

          draw_text (p, CS_FONT_MONO, 14, FALSE, lane->labels[i], cell->x + cell->width / 2,
                     lane->y, ALIGN_CENTER, &pal->text_secondary, alpha);
        }
      draw_text (p, CS_FONT_MONO, 14, TRUE, lane->title, title_x, lane->y, ALIGN_LEFT,
                 &pal->text, alpha);
    }
}

static void
draw_strip (Painter     *p,
            const CsBox *box,
            const CsBox *prev,
            double       alpha)
{
  const CsPalette *pal = p->palette;
  int ci = MAX (box->color_index, 0);
  const CsColor *line = cs_palette_storage_line (pal, ci);
  const CsColor *cap = cs_palette_storage_cap (pal, ci);
  const CsColor *tint = cs_palette_storage_tint (pal, ci);
  double cap_w = box->cap_width > 0 ? box->cap_width : 56;
  double cy = box->y + box->height / 2;

  rounded_rect (p->cr, box->x, box->y, box->width, box->height, 8);
  cs_color_set_source_alpha (tint, alpha, p->cr);
  cairo_fill (p->cr);
  if (box->flags & CS_BOX_FLAG_HATCHED)
    draw_hatch (p, box->x + cap_w, box->y, box->width - cap_w, box->height, line, alpha);

  cairo_save (p->cr);
  rounded_rect (p->cr, box->x, box->y, box->width, box->height, 8);
  cairo_clip (p->cr);
  cairo_rectangle (p->cr, box->x, box->y, cap_w, box->height);
  cs_color_set_source_alpha (cap, alpha, p->cr);
  cairo_fill (p->cr);
  cairo_restore (p->cr);

  for (guint i = 1; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);

      cairo_move_to (p->cr, cell->x, box->y + 1);
      cairo_line_to (p->cr, cell->x, box->y + box->height - 1);
    }
  cs_color_set_source_alpha (line, 0.45 * alpha, p->cr);
  cairo_set_line_width (p->cr, 1.5);
  cairo_stroke (p->cr);

  rounded_rect (p->cr, box->x + 1, box->y + 1, box->width - 2, box->height - 2, 7);
  cs_color_set_source_alpha (line, alpha, p->cr);
  cairo_set_line_width (p->cr, 2);
  cairo_stroke (p->cr);

  {
    static const CsColor white = { 1, 1, 1, 1 };

    draw_text (p, CS_FONT_SANS, 19, TRUE, box->title, box->x + cap_w / 2,
               centre_baseline (CS_FONT_SANS, 19, cy), ALIGN_CENTER, &white, alpha);
  }

  for (guint i = 0; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);
      double size = 24;

      if (cell->text != NULL)
        {
          double w = cs_paint_text_width (CS_FONT_MONO, size, cell->bold, cell->text);

          if (w > cell->width - 8)
            size = MAX (10, size * (cell->width - 8) / w);
        }
      draw_cell_text (p, cell, matching_cell (prev, box, i), size, alpha);
      if (cell->label != NULL)
        draw_text (p, CS_FONT_MONO, 14, FALSE, cell->label, cell->x + cell->width / 2,
                   box->label_y, ALIGN_CENTER, &pal->text_secondary, alpha);
      if (cell->focus)
        {
          cairo_rectangle (p->cr, cell->x + 1, cell->y + 1, cell->width - 2, cell->height - 2);
          cs_color_set_source_alpha (&pal->text, alpha, p->cr);
          cairo_set_line_width (p->cr, 2);
          cairo_stroke (p->cr);
        }
    }

  draw_text (p, CS_FONT_SANS, 15, FALSE, box->subtitle, box->x + box->width + 16,
             centre_baseline (CS_FONT_SANS, 15, cy) - 1, ALIGN_LEFT, &pal->text_secondary, alpha);

  for (guint i = 0; i < box->lanes->len; i++)
    draw_lane (p, box, g_ptr_array_index (box->lanes, i), alpha);
}

static void
draw_pill (Painter     *p,
           const CsBox *box,
           double       alpha)
{
  const CsPalette *pal = p->palette;

  rounded_rect (p->cr, box->x + 0.75, box->y + 0.75, box->width - 1.5, box->height - 1.5,
                (box->height - 1.5) / 2);
  cs_color_set_source_alpha (&pal->card, alpha, p->cr);
  cairo_fill_preserve (p->cr);
  cs_color_set_source_alpha (&pal->pill_border, alpha, p->cr);
  cairo_set_line_width (p->cr, 1.5);
  cairo_stroke (p->cr);
  draw_text (p, CS_FONT_MONO, 20, TRUE, box->title, box->x + box->width / 2,
             centre_baseline (CS_FONT_MONO, 20, box->y + box->height / 2), ALIGN_CENTER,
             &pal->text, alpha);
}

static void
draw_panel (Painter     *p,
            const CsBox *box,
            double       alpha)
{
  const CsPalette *pal = p->palette;

  rounded_rect (p->cr, box->x, box->y, box->width, box->height, 12);
  cs_color_set_source_alpha (&pal->panel, alpha, p->cr);
  cairo_fill (p->cr);
  if (box->subtitle != NULL)
    draw_text (p, CS_FONT_SANS, 14, TRUE, box->subtitle, box->x + 24, box->y + 28, ALIGN_LEFT,
               &pal->text, alpha);
}

static void
draw_node (Painter     *p,
           const CsBox *box,
           double       alpha)
{
  const CsPalette *pal = p->palette;
  gboolean chip = box->kind == CS_BOX_CHIP;
  const CsColor *border = chip
                          ? (box->color_index >= 0 ? cs_palette_storage_line (pal, box->color_index)
                                                   : &pal->text_dim)
                          : &pal->autograd;
  double lw = chip ? 2 : 1.5;

  rounded_rect (p->cr, box->x + lw / 2, box->y + lw / 2, box->width - lw, box->height - lw, 8);
  cs_color_set_source_alpha (&pal->card, alpha, p->cr);
  cairo_fill_preserve (p->cr);
  cs_color_set_source_alpha (border, alpha, p->cr);
  cairo_set_line_width (p->cr, lw);
  if (box->flags & CS_BOX_FLAG_DASHED)
    {
      double dash[] = { 5, 4 };
      cairo_set_dash (p->cr, dash, 2, 0);
    }
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);
  if (box->flags & CS_BOX_FLAG_DOUBLE)
    {
      rounded_rect (p->cr, box->x + 4, box->y + 4, box->width - 8, box->height - 8, 5);
      cairo_set_line_width (p->cr, 1);
      cairo_stroke (p->cr);
    }
  draw_text (p, CS_FONT_MONO, chip ? 18 : 15, chip, box->title, box->x + box->width / 2,
             centre_baseline (CS_FONT_MONO, chip ? 18 : 15, box->y + box->height / 2),
             ALIGN_CENTER, &pal->text, alpha);
}

static void
draw_mini_strip (Painter     *p,
                 const CsBox *box,
                 double       alpha)
{
  const CsPalette *pal = p->palette;
  g_autoptr (GPtrArray) values = g_ptr_array_new ();

  for (guint i = 0; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);
      g_ptr_array_add (values, cell->text ? cell->text : (char *) "");
    }
  g_ptr_array_add (values, NULL);
  if (box->cells->len > 0)
    {
      const CsCell *first = g_ptr_array_index (box->cells, 0);
      draw_mini_cells (p, (char **) values->pdata, first->x, first->y, first->width, first->height,
                       alpha);
    }
  draw_text (p, CS_FONT_SANS, 13, FALSE, box->title, box->x, box->y - 10, ALIGN_LEFT,
             &pal->autograd_text, alpha);
}

static void
draw_grid (Painter     *p,
           const CsBox *box,
           double       alpha)
{
  const CsPalette *pal = p->palette;

  for (guint i = 0; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);

      rounded_rect (p->cr, cell->x + 0.5, cell->y + 0.5, cell->width - 1, cell->height - 1, 4);
      cs_color_set_source_alpha (&pal->card, alpha, p->cr);
      cairo_fill_preserve (p->cr);
      cs_color_set_source_alpha (cell->focus ? &pal->text : &pal->slot_border, alpha, p->cr);
      cairo_set_line_width (p->cr, cell->focus ? 2 : 1);
      cairo_stroke (p->cr);
      {
        double size = 18, w = cs_paint_text_width (CS_FONT_MONO, size, cell->focus, cell->text ? cell->text : "");

        if (w > cell->width - 8)
          size = MAX (10, size * (cell->width - 8) / w);
        draw_text (p, CS_FONT_MONO, size, cell->focus, cell->text, cell->x + cell->width / 2,
                   centre_baseline (CS_FONT_MONO, size, cell->y + cell->height / 2), ALIGN_CENTER,
                   &pal->text, alpha);
      }
    }
}

static void
draw_example (Painter     *p,
              const CsBox *box,
              double       alpha)
{
  const CsPalette *pal = p->palette;

  rounded_rect (p->cr, box->x + 0.75, box->y + 0.75, box->width - 1.5, box->height - 1.5, 8);
  cs_color_set_source_alpha (&pal->card, alpha, p->cr);
  cairo_fill_preserve (p->cr);
  cs_color_set_source_alpha (&pal->text, alpha, p->cr);
  cairo_set_line_width (p->cr, 1.5);
  cairo_stroke (p->cr);
  draw_text (p, CS_FONT_MONO, 17, FALSE, box->title, box->x + 16,
             centre_baseline (CS_FONT_MONO, 17, box->y + box->height / 2), ALIGN_LEFT, &pal->text, alpha);
}

static void
draw_box (Painter     *p,
          const CsBox *box,
          const CsBox *prev,
          double       alpha)
{
  switch (box->kind)
    {
    case CS_BOX_PILL:
      draw_pill (p, box, alpha);
      break;
    case CS_BOX_CARD:
      draw_card (p, box, alpha);
      break;
    case CS_BOX_CONTAINER:
      draw_container (p, box, prev, alpha);
      break;
    case CS_BOX_STRIP:
      draw_strip (p, box, prev, alpha);
      break;
    case CS_BOX_PANEL:
      draw_panel (p, box, alpha);
      break;
    case CS_BOX_NODE:
    case CS_BOX_CHIP:
      draw_node (p, box, alpha);
      break;
    case CS_BOX_MINI_STRIP:
      draw_mini_strip (p, box, alpha);
      break;
    case CS_BOX_GRID:
      draw_grid (p, box, alpha);
      break;
    case CS_BOX_EXAMPLE:
      draw_example (p, box, alpha);
      break;
    default:
      break;
    }

  if (box->note != NULL)
    draw_text (p, CS_FONT_MONO, 14, FALSE, box->note, box->x + box->width + 16,
               centre_baseline (CS_FONT_MONO, 14, box->y + box->height / 2),
               ALIGN_LEFT, &p->palette->text_secondary, alpha);
}

static void
draw_box_rings (Painter     *p,
                const CsBox *box,
                double       alpha)
{
  double a = ring_alpha (p) * alpha;

  if (box->flags & (CS_BOX_FLAG_NEW | CS_BOX_FLAG_CHANGED))
    draw_ring (p, box->x, box->y, box->width, box->height, box_radius (box), a);

  for (guint i = 0; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);

      if (cell->changed)
        draw_ring (p, cell->x, cell->y, cell->width, cell->height, 2, a);
    }
  for (guint i = 0; i < box->facts->len; i++)
    {
      const CsFact *fact = g_ptr_array_index (box->facts, i);

      if (fact->mini != NULL && fact->style == CS_VALUE_BOLD)
        draw_ring (p, fact->value_x, fact->baseline - 20, 40.0 * g_strv_length (fact->mini), 28, 4, a);
    }
}

static void
draw_delta_tag (Painter      *p,
                const CsCell *cell,
                double        alpha)
{
  const CsPalette *pal = p->palette;
  g_autofree char *old_escaped = g_markup_escape_text (cell->old_text, -1);
  g_autofree char *new_escaped = g_markup_escape_text (cell->text ? cell->text : "", -1);
  g_autofree char *plain = g_strdup_printf ("%s → %s", cell->old_text, cell->text ? cell->text : "");
  g_autofree char *markup = NULL;
  char hex[8];
  double w, cx, bottom, top, h = 32;

  g_snprintf (hex, sizeof hex, "#%02x%02x%02x",
              (int) round (pal->text_dim.red * 255),
              (int) round (pal->text_dim.green * 255),
              (int) round (pal->text_dim.blue * 255));
  markup = g_strdup_printf ("<span strikethrough=\"true\" foreground=\"%s\">%s</span> → <b>%s</b>",
                            hex, old_escaped, new_escaped);
  w = cs_paint_text_width (CS_FONT_MONO, 18, TRUE, plain) + 24;
  cx = cell->x + cell->width / 2;
  bottom = cell->y - 4 - 8 - 4;
  top = bottom - h;

  cairo_new_path (p->cr);
  rounded_rect (p->cr, cx - w / 2, top, w, h, 8);
  cairo_move_to (p->cr, cx - 8, bottom - 0.5);
  cairo_line_to (p->cr, cx, bottom + 8);
  cairo_line_to (p->cr, cx + 8, bottom - 0.5);
  cairo_close_path (p->cr);
  cs_color_set_source_alpha (&pal->delta_tag, alpha, p->cr);
  cairo_fill (p->cr);

  rounded_rect (p->cr, cx - w / 2, top, w, h, 8);
  cs_color_set_source_alpha (&pal->change_ring, alpha, p->cr);
  cairo_set_line_width (p->cr, 1.5);
  cairo_stroke (p->cr);
  /* The pointer: its two slanted sides over the tag's border gap. */
  cairo_move_to (p->cr, cx - 8, bottom);
  cairo_line_to (p->cr, cx, bottom + 8);
  cairo_line_to (p->cr, cx + 8, bottom);
  cairo_stroke (p->cr);
  cairo_move_to (p->cr, cx - 7, bottom - 0.2);
  cairo_line_to (p->cr, cx + 7, bottom - 0.2);
  cs_color_set_source_alpha (&pal->delta_tag, alpha, p->cr);
  cairo_set_line_width (p->cr, 2);
  cairo_stroke (p->cr);

  draw_text_full (p, CS_FONT_MONO, 18, FALSE, markup, TRUE, 0, cx, centre_baseline (CS_FONT_MONO, 18, top + h / 2),
                  ALIGN_CENTER, &pal->text, alpha);
}

/* -- arrows --------------------------------------------------------------- */

static const CsColor *
arrow_color (Painter       *p,
             const CsArrow *arrow)
{
  switch (arrow->style)
    {
    case CS_ARROW_STORAGE:
      return cs_palette_storage_line (p->palette, MAX (arrow->color_index, 0));
    case CS_ARROW_GRAPH:
    case CS_ARROW_DETACH:
      return &p->palette->graph_edge;
    case CS_ARROW_LINK:
      return &p->palette->autograd;
    case CS_ARROW_NEUTRAL:
    default:
      return &p->palette->arrow_neutral;
    }
}

static void
curve_path (cairo_t       *cr,
            const CsArrow *arrow,
            gboolean       shorten)
{
  double c1x, c1y, c2x, c2y, ex = arrow->x1, ey = arrow->y1;

  cs_arrow_control_points (arrow, &c1x, &c1y, &c2x, &c2y);
  if (shorten)
    {
      double dx = arrow->x1 - c2x, dy = arrow->y1 - c2y, len = hypot (dx, dy);

      if (len < 1e-6)
        {
          dx = arrow->x1 - arrow->x0;
          dy = arrow->y1 - arrow->y0;
          len = hypot (dx, dy);
        }
      if (len > 1e-6)
        {
          ex -= dx / len * ARROW_STROKE_SHORT;
          ey -= dy / len * ARROW_STROKE_SHORT;
          /* Keep the end tangent: pull the control point along. */
          c2x -= dx / len * ARROW_STROKE_SHORT;
          c2y -= dy / len * ARROW_STROKE_SHORT;
        }
    }
  cairo_move_to (cr, arrow->x0, arrow->y0);
  cairo_curve_to (cr, c1x, c1y, c2x, c2y, ex, ey);
}

static void
arrow_head (cairo_t       *cr,
            const CsArrow *arrow)
{
  double c1x, c1y, c2x, c2y, dx, dy, len, nx, ny;
  double tx = arrow->x1, ty = arrow->y1;

  cs_arrow_control_points (arrow, &c1x, &c1y, &c2x, &c2y);
  dx = tx - c2x;
  dy = ty - c2y;
  len = hypot (dx, dy);
  if (len < 1e-6)
    {
      dx = tx - arrow->x0;
      dy = ty - arrow->y0;
      len = hypot (dx, dy);
    }
  if (len < 1e-6)
    return;
  dx /= len;
  dy /= len;
  nx = -dy;
  ny = dx;
  cairo_move_to (cr, tx, ty);
  cairo_line_to (cr, tx - dx * ARROW_HEAD_LENGTH + nx * ARROW_HEAD_WIDTH / 2,
                 ty - dy * ARROW_HEAD_LENGTH + ny * ARROW_HEAD_WIDTH / 2);
  cairo_line_to (cr, tx - dx * (ARROW_HEAD_LENGTH - ARROW_HEAD_NOTCH),
                 ty - dy * (ARROW_HEAD_LENGTH - ARROW_HEAD_NOTCH));
  cairo_line_to (cr, tx - dx * ARROW_HEAD_LENGTH - nx * ARROW_HEAD_WIDTH / 2,
                 ty - dy * ARROW_HEAD_LENGTH - ny * ARROW_HEAD_WIDTH / 2);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_capsule (Painter       *p,
              const char    *text,
              double         cx,
              double         cy,
              gboolean       active,
              double         alpha)
{
  const CsPalette *pal = p->palette;
  static const CsColor white = { 1, 1, 1, 1 };
  double w = cs_paint_text_width (CS_FONT_MONO, 14, active, text) + 16, h = 24;

  rounded_rect (p->cr, cx - w / 2, cy - h / 2, w, h, h / 2);
  cs_color_set_source_alpha (active ? &pal->autograd : &pal->autograd_tint, alpha, p->cr);
  cairo_fill_preserve (p->cr);
  cs_color_set_source_alpha (&pal->autograd, alpha, p->cr);
  cairo_set_line_width (p->cr, 1);
  cairo_stroke (p->cr);
  draw_text (p, CS_FONT_MONO, 14, active, text, cx, centre_baseline (CS_FONT_MONO, 14, cy),
             ALIGN_CENTER, active ? &white : &pal->autograd_text, alpha);
}

static void
draw_detach_cut (Painter       *p,
                 const CsArrow *arrow,
                 double         alpha)
{
  const CsPalette *pal = p->palette;
  double mx, my;

  cs_arrow_point_at (arrow, 0.5, &mx, &my);
  cs_color_set_source_alpha (&pal->error, alpha, p->cr);
  cairo_set_line_width (p->cr, 2);
  cairo_set_line_cap (p->cr, CAIRO_LINE_CAP_ROUND);
  for (int k = -1; k <= 1; k += 2)
    {
      cairo_move_to (p->cr, mx - 10, my + 6 + k * 4);
      cairo_line_to (p->cr, mx + 10, my - 6 + k * 4);
    }
  cairo_stroke (p->cr);
  draw_text (p, CS_FONT_SANS, 16, FALSE, "✂", mx - 18, centre_baseline (CS_FONT_SANS, 16, my),
             ALIGN_RIGHT, &pal->error, alpha);
  draw_text (p, CS_FONT_SANS, 14, FALSE, "no graph edge", mx + 18,
             centre_baseline (CS_FONT_SANS, 14, my), ALIGN_LEFT, &pal->error, alpha);
}

/* Where the gradient pulse of @arrow is: <0 not started, in [0,1] riding,
 * >1 passed.
 */
static double
pulse_phase (const Painter *p,
             const CsScene *scene,
             const CsArrow *arrow)
{
  double span, start;

  if (arrow->pulse_order < 0 || scene->n_pulses == 0)
    return 2.0;
  if (!p->animating)
    return 2.0;
  span = 0.85 / scene->n_pulses;
  start = arrow->pulse_order * span;
  if (p->t < start)
    return -1.0;
  if (p->t > start + span)
    return 2.0;
  return (p->t - start) / span;
}

/* A stride-panel line: straight down for the last grid row; upper rows
 * turn in the row gap, drop through the gutter, then bend to the cell.
 */
static void
draw_mapping (Painter       *p,
              const CsArrow *arrow,
              double         alpha)
{
  const CsPalette *pal = p->palette;
  const CsColor *color = arrow->focus ? &pal->focus : cs_palette_storage_line (pal, MAX (arrow->color_index, 0));
  double a = arrow->focus ? alpha : 0.6 * alpha;
  double x0 = arrow->x0, y0 = arrow->y0, x1 = arrow->x1, y1 = arrow->y1;

  cairo_set_line_cap (p->cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (p->cr, x0, y0);
  if (arrow->via_y > 0)
    {
      double r = 4, gx = arrow->via_x, gy = arrow->via_y, bend = MIN (28, (y1 - gy) / 2);

      cairo_line_to (p->cr, x0, gy - r);
      cairo_curve_to (p->cr, x0, gy, x0, gy, x0 - r, gy);
      cairo_line_to (p->cr, gx + r, gy);
      cairo_curve_to (p->cr, gx, gy, gx, gy, gx, gy + r);
      cairo_line_to (p->cr, gx, y1 - bend * 2);
      cairo_curve_to (p->cr, gx, y1 - bend, x1, y1 - bend, x1, y1);
    }
  else
    {
      double dy = y1 - y0;

      cairo_curve_to (p->cr, x0, y0 + dy / 2, x1, y1 - dy / 2, x1, y1);
    }
  cs_color_set_source_alpha (color, a, p->cr);
  cairo_set_line_width (p->cr, arrow->focus ? 2.5 : 1.5);
  cairo_stroke (p->cr);
  cairo_arc (p->cr, x0, y0, 3, 0, 2 * G_PI);
  cairo_fill (p->cr);
  cairo_arc (p->cr, x1, y1, 3, 0, 2 * G_PI);
  cairo_fill (p->cr);
}

static void
draw_arrow (Painter       *p,
            const CsScene *scene,
            const CsArrow *arrow,
            double         alpha)
{
  const CsPalette *pal = p->palette;
  const CsColor *color = arrow_color (p, arrow);
  double phase = pulse_phase (p, scene, arrow);
  gboolean pulsing = phase >= 0 && phase <= 1;

  if (alpha <= 0.001)
    return;
  if (arrow->style == CS_ARROW_MAPPING)
    {
      draw_mapping (p, arrow, alpha);
      return;
    }

  cairo_set_line_cap (p->cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);

  if (pulsing)
    {
      curve_path (p->cr, arrow, TRUE);
      cs_color_set_source_alpha (&pal->autograd, 0.22 * alpha, p->cr);
      cairo_set_line_width (p->cr, 10);
      cairo_stroke (p->cr);
      color = &pal->autograd;
    }

  curve_path (p->cr, arrow, arrow->style != CS_ARROW_DETACH && arrow->style != CS_ARROW_LINK);
  cs_color_set_source_alpha (color, alpha, p->cr);
  cairo_set_line_width (p->cr, pulsing ? 3 : arrow->style == CS_ARROW_LINK ? 1.5 : 2);
  if (arrow->style == CS_ARROW_DETACH)
    {
      double dash[] = { 5, 5 };
      cairo_set_dash (p->cr, dash, 2, 0);
    }
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);

  if (arrow->style != CS_ARROW_DETACH && arrow->style != CS_ARROW_LINK)
    arrow_head (p->cr, arrow);

  if (arrow->dot_radius > 0)
    {
      cairo_arc (p->cr, arrow->x0, arrow->y0, arrow->dot_radius, 0, 2 * G_PI);
      cairo_fill (p->cr);
    }

  if (arrow->style == CS_ARROW_DETACH)
    draw_detach_cut (p, arrow, alpha);

  if (arrow->capsule != NULL)
    {
      double cx, cy;

      if (pulsing)
        {
          cs_arrow_point_at (arrow, 0.1 + 0.8 * cs_paint_ease (phase), &cx, &cy);
          draw_capsule (p, arrow->capsule, cx, cy, TRUE, alpha);
        }
      else if (phase > 1)
        {
          cs_arrow_point_at (arrow, 0.5, &cx, &cy);
          draw_capsule (p, arrow->capsule, cx, cy, FALSE, alpha);
        }
    }
}

/* -- transitions ---------------------------------------------------------- */

/**
 * cs_paint_ease:
 *
 * The easing of every transition: cubic ease-in-out, 0 → 0 and 1 → 1.
 */
double
cs_paint_ease (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t < 0.5 ? 4 * t * t * t : 1 - pow (-2 * t + 2, 3) / 2;
}

static void
lerp_arrow (CsArrow       *out,
            const CsArrow *a,
            const CsArrow *b,
            double         e)
{
  *out = *b;
  out->x0 = a->x0 + (b->x0 - a->x0) * e;
  out->y0 = a->y0 + (b->y0 - a->y0) * e;
  out->x1 = a->x1 + (b->x1 - a->x1) * e;
  out->y1 = a->y1 + (b->y1 - a->y1) * e;
}

static gboolean
box_in_motion (Painter     *p,
               const CsBox *box,
               const CsBox *prev,
               BoxFrame    *frame)
{
  frame->alpha = 1;
  frame->dx = 0;
  frame->dy = 0;
  frame->prev = prev;
  if (!p->animating)
    return FALSE;
  if (prev == NULL)
    {
      /* New: fade in and slide up into place, once the boxes that make
       * room for it have moved.
       */
      frame->alpha = CLAMP ((p->t - 0.45) / 0.55, 0.0, 1.0);
      frame->alpha = cs_paint_ease (frame->alpha);
      frame->dy = 16 * (1 - frame->alpha);
      return TRUE;
    }
  frame->dx = (prev->x - box->x) * (1 - p->move);
  frame->dy = (prev->y - box->y) * (1 - p->move);
  return frame->dx != 0 || frame->dy != 0;
}

static void
paint_scene_content (Painter       *p,
                     const CsScene *prev,
                     const CsScene *next)
{
  const CsPalette *pal = p->palette;
  g_autofree BoxFrame *frames = g_new0 (BoxFrame, next->boxes->len + 1);

  /* Boxes leaving the scene fade out where they were. */
  if (p->animating && prev != NULL)
    {
      for (guint i = 0; i < prev->boxes->len; i++)
        {
          const CsBox *box = g_ptr_array_index (prev->boxes, i);

          if (cs_scene_find_box (next, box->key) == NULL)
            draw_box (p, box, NULL, 1 - p->move);
        }
    }

  /* Boxes of the next scene, moved from their previous place. */
  for (guint i = 0; i < next->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (next->boxes, i);
      const CsBox *before = p->animating && prev ? cs_scene_find_box (prev, box->key) : NULL;
      BoxFrame *frame = &frames[i];

      box_in_motion (p, box, before, frame);
      /* On a backward step .grad fills once the pulses have arrived. */
      if (p->animating && next->n_pulses > 0 && box->kind == CS_BOX_MINI_STRIP
          && (box->flags & (CS_BOX_FLAG_CHANGED | CS_BOX_FLAG_NEW)))
        frame->alpha = MIN (frame->alpha, cs_paint_ease (CLAMP ((p->t - 0.85) / 0.15, 0.0, 1.0)));
      cairo_save (p->cr);
      cairo_translate (p->cr, frame->dx, frame->dy);
      draw_box (p, box, before, frame->alpha);
      cairo_restore (p->cr);
    }

  /* Column headers and other text runs (over panels, under arrows). */
  for (guint i = 0; i < next->texts->len; i++)
    {
      const CsText *text = g_ptr_array_index (next->texts, i);
      g_autofree char *upper = NULL;

      switch (text->role)
        {
        case CS_TEXT_COLUMN_HEADER:
          upper = g_utf8_strup (text->text, -1);
          draw_text_full (p, CS_FONT_SANS, 13, TRUE, upper, FALSE, 1.6, text->x, text->baseline,
                          text->align_right ? ALIGN_RIGHT : ALIGN_LEFT, &pal->text_dim, 1);
          break;
        case CS_TEXT_NOTE:
          draw_text (p, CS_FONT_MONO, 14, FALSE, text->text, text->x, text->baseline,
                     text->align_right ? ALIGN_RIGHT : ALIGN_LEFT, &pal->text_secondary, 1);
          break;
        case CS_TEXT_LABEL:
          draw_text (p, CS_FONT_SANS, 14, TRUE, text->text, text->x, text->baseline,
                     text->align_right ? ALIGN_RIGHT : ALIGN_LEFT, &pal->text, 1);
          break;
        case CS_TEXT_INDEX:
          draw_text (p, CS_FONT_MONO, 13, FALSE, text->text, text->x, text->baseline,
                     text->align_right ? ALIGN_RIGHT : ALIGN_LEFT, &pal->text_dim, 1);
          break;
        case CS_TEXT_FORMULA:
          draw_text (p, CS_FONT_MONO, 17, FALSE, text->text, text->x, text->baseline,
                     text->align_right ? ALIGN_RIGHT : ALIGN_LEFT, &pal->text, 1);
          break;
        case CS_TEXT_SMALL:
        default:
          draw_text (p, CS_FONT_SANS, 13, FALSE, text->text, text->x, text->baseline,
                     text->align_right ? ALIGN_RIGHT : ALIGN_LEFT, &pal->text_dim, 1);
          break;
        }
    }

  /* Rings sit above their containers and below arrows. */
  for (guint i = 0; i < next->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (next->boxes, i);

      cairo_save (p->cr);
      cairo_translate (p->cr, frames[i].dx, frames[i].dy);
      draw_box_rings (p, box, frames[i].alpha);
      cairo_restore (p->cr);
    }

  if (p->animating && prev != NULL)
    {
      for (guint i = 0; i < prev->arrows->len; i++)
        {
          const CsArrow *arrow = g_ptr_array_index (prev->arrows, i);

          if (cs_scene_find_arrow (next, arrow->key) == NULL)
            draw_arrow (p, prev, arrow, 1 - p->move);
        }
    }

  for (guint i = 0; i < next->arrows->len; i++)
    {
      const CsArrow *arrow = g_ptr_array_index (next->arrows, i);
      const CsArrow *before = p->animating && prev ? cs_scene_find_arrow (prev, arrow->key) : NULL;

      if (before != NULL)
        {
          CsArrow swung;

          /* A rebound arrow swings from its old target to its new one. */
          lerp_arrow (&swung, before, arrow, p->move);
          draw_arrow (p, next, &swung, 1);
        }
      else if (p->animating)
        {
          const CsBox *source = arrow->source_key ? cs_scene_find_box (next, arrow->source_key) : NULL;
          double alpha = CLAMP ((p->t - 0.5) / 0.5, 0.0, 1.0);
          double dx = 0, dy = 0;

          /* A new arrow travels with its (possibly sliding) source box. */
          if (source != NULL)
            {
              for (guint j = 0; j < next->boxes->len; j++)
                if (g_ptr_array_index (next->boxes, j) == source)
                  {
                    dx = frames[j].dx;
                    dy = frames[j].dy;
                    break;
                  }
            }
          cairo_save (p->cr);
          cairo_translate (p->cr, dx, dy);
          draw_arrow (p, next, arrow, cs_paint_ease (alpha));
          cairo_restore (p->cr);
        }
      else
        draw_arrow (p, next, arrow, 1);
    }

  /* Delta tags go on top of everything. */
  for (guint i = 0; i < next->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (next->boxes, i);
      double alpha = p->animating ? cs_paint_ease (CLAMP ((p->t - 0.2) / 0.4, 0.0, 1.0)) : 1;

      alpha *= frames[i].alpha;
      for (guint j = 0; j < box->cells->len; j++)
        {
          const CsCell *cell = g_ptr_array_index (box->cells, j);

          if (cell->old_text != NULL)
            {
              cairo_save (p->cr);
              cairo_translate (p->cr, frames[i].dx, frames[i].dy);
              draw_delta_tag (p, cell, alpha);
              cairo_restore (p->cr);
            }
        }
    }
}

/**
 * cs_scene_get_size:
 *
 * The pixel size @scene paints to at @scale (its font scale included).
 */
void
cs_scene_get_size (const CsScene *scene,
                   double         scale,
                   int           *width,
                   int           *height)
{
  g_return_if_fail (scene != NULL);

  if (width != NULL)
    *width = (int) ceil (scene->width * scene->font_scale * scale);
  if (height != NULL)
    *height = (int) ceil (scene->height * scene->font_scale * scale);
}

/**
 * cs_paint_scene:
 * @cr: where to paint; the scene's top-left corner goes to the origin
 * @prev: (nullable): the scene of the previous step, or %NULL
 * @next: the scene to show
 * @t: transition time in [0, 1]; at 1 (or with @prev %NULL) the static
 *   picture of @next is painted
 * @palette: colours (cs_palette_get())
 * @scale: zoom factor (1 = one unit per pixel)
 *
 * Paints one frame of the transition from @prev to @next.  Boxes are
 * matched by key: moved boxes slide, new ones fade and slide in, freed
 * ones fade out, rebound arrows swing to their new targets, written cells
 * cross-fade and show their delta tag, change rings flash twice, and
 * gradient pulses ride the graph edges one after another.
 */
void
cs_paint_scene (cairo_t         *cr,
                const CsScene   *prev,
                const CsScene   *next,
                double           t,
                const CsPalette *palette,
                double           scale)
{
  Painter p = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (next != NULL);
  g_return_if_fail (palette != NULL);

  p.cr = cr;
  p.palette = palette;
  p.t = CLAMP (t, 0.0, 1.0);
  p.e = cs_paint_ease (p.t);
  p.move = cs_paint_ease (p.t / 0.6);
  p.animating = prev != NULL && p.t < 1.0;

  cairo_save (cr);
  cairo_scale (cr, scale * next->font_scale, scale * next->font_scale);
  /* Curves flattened to a quarter device pixel look the same as at the
   * default tenth and are cheaper to tessellate.
   */
  cairo_set_tolerance (cr, 0.25);
  p.layout = pango_cairo_create_layout (cr);
  prepare_context (pango_layout_get_context (p.layout));
  pango_layout_context_changed (p.layout);

  cairo_rectangle (cr, 0, 0, next->width, next->height);
  cs_color_set_source (&palette->canvas, cr);
  cairo_fill (cr);

  if (next->has_frame)
    {
      draw_frame_bars (&p, next);
      if (p.animating && prev->has_frame && (prev->step_index != next->step_index))
        {
          double k = CLAMP (p.t / 0.4, 0.0, 1.0);

          draw_header (&p, prev, 1 - k);
          draw_header (&p, next, k);
          draw_caption (&p, prev, 1 - k);
          draw_caption (&p, next, k);
        }
      else
        {
          draw_header (&p, next, 1);
          draw_caption (&p, next, 1);
        }
    }

  paint_scene_content (&p, p.animating ? prev : NULL, next);

  g_object_unref (p.layout);
  cairo_restore (cr);
}
