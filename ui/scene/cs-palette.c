/* cs-palette.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-palette.h"

/* Colours are written as in the mockups, #rrggbb, and turned into doubles
 * at compile time.
 */
#define HEX_A(hex, a) { (((hex) >> 16) & 0xff) / 255.0, \
                        (((hex) >> 8) & 0xff) / 255.0,  \
                        ((hex) & 0xff) / 255.0,         \
                        (a) }
#define HEX(hex) HEX_A (hex, 1.0)

static const CsPalette light_palette = {
  .canvas = HEX (0xfafafa),
  .bar = HEX (0xffffff),
  .rule = HEX (0xdeddda),
  .card = HEX (0xffffff),
  .card_border = HEX (0xdeddda),
  .pill_border = HEX (0x9a9996),
  .panel = HEX (0xf3f3f4),
  .slot = HEX (0xf6f5f4),
  .slot_border = HEX (0xc0bfbc),
  .text = HEX (0x241f31),
  .text_secondary = HEX (0x5e5c64),
  .text_dim = HEX (0x77767b),
  .arrow_neutral = HEX (0x5e5c64),
  .graph_edge = HEX (0x77767b),
  .accent = HEX (0x3584e4),
  .focus = HEX (0x1a5fb4),
  .code_line = HEX (0xe8f1fc),
  .number_literal = HEX (0xc64600),
  .storage_line = { HEX (0x3584e4), HEX (0xe66100), HEX (0x26a269), HEX (0x63452c) },
  .storage_cap = { HEX (0x3584e4), HEX (0xe66100), HEX (0x26a269), HEX (0x63452c) },
  .storage_tint = { HEX (0xe6f0fc), HEX (0xfff0e3), HEX (0xe4f6ec), HEX (0xf3ede9) },
  .autograd = HEX (0x9141ac),
  .autograd_tint = HEX (0xf4ebf7),
  .autograd_text = HEX (0x613583),
  .grad_fn_name = HEX (0x813d9c),
  .change_ring = HEX (0xe5a50a),
  .change_halo = HEX_A (0xf6d32d, 0.45),
  .delta_tag = HEX (0xfff7d1),
  .error = HEX (0xe01b24),
  .shadow_alpha = 0.05,
};

/* The mockups give the dark surfaces, text, storage and change colours.
 * They leave the autograd tint and text open: these are the purple
 * #dc8add at 22 % over the canvas, like the storage tints, and the light
 * purple itself for text.
 */
static const CsPalette dark_palette = {
  .canvas = HEX (0x1e1e1e),
  .bar = HEX (0x242424),
  .rule = HEX (0x3d3d3d),
  .card = HEX (0x303030),
  .card_border = HEX (0x454545),
  .pill_border = HEX (0x77767b),
  .panel = HEX (0x2a2a2a),
  .slot = HEX (0x3a3a3a),
  .slot_border = HEX (0x5e5c64),
  .text = HEX (0xffffff),
  .text_secondary = HEX (0xc0bfbc),
  .text_dim = HEX (0x9a9996),
  .arrow_neutral = HEX (0xc0bfbc),
  .graph_edge = HEX (0x9a9996),
  .accent = HEX (0x78aeed),
  .focus = HEX (0x99c1f1),
  .code_line = HEX (0x283c54),
  .number_literal = HEX (0xffa348),
  .storage_line = { HEX (0x62a0ea), HEX (0xffa348), HEX (0x57e389), HEX (0xb5835a) },
  .storage_cap = { HEX (0x3584e4), HEX (0xe66100), HEX (0x26a269), HEX (0x63452c) },
  .storage_tint = { HEX (0x23344a), HEX (0x4f3217), HEX (0x234532), HEX (0x392f26) },
  .autograd = HEX (0xdc8add),
  .autograd_tint = HEX (0x473547),
  .autograd_text = HEX (0xdc8add),
  .grad_fn_name = HEX (0xdc8add),
  .change_ring = HEX (0xf6d32d),
  .change_halo = HEX_A (0xf6d32d, 0.30),
  .delta_tag = HEX (0x494221),
  .error = HEX (0xff7b63),
  .shadow_alpha = 0.35,
};

/* High contrast: black on white, darker storage colours (still the blue,
 * orange, green, brown order, every one at least 4.5:1 on white), no
 * shadows.
 */
static const CsPalette high_contrast_palette = {
  .canvas = HEX (0xffffff),
  .bar = HEX (0xffffff),
  .rule = HEX (0x000000),
  .card = HEX (0xffffff),
  .card_border = HEX (0x000000),
  .pill_border = HEX (0x000000),
  .panel = HEX (0xf0f0f0),
  .slot = HEX (0xffffff),
  .slot_border = HEX (0x000000),
  .text = HEX (0x000000),
  .text_secondary = HEX (0x1e1e1e),
  .text_dim = HEX (0x3d3d3d),
  .arrow_neutral = HEX (0x000000),
  .graph_edge = HEX (0x3d3d3d),
  .accent = HEX (0x1a5fb4),
  .focus = HEX (0x000000),
  .code_line = HEX (0xd7e6f9),
  .number_literal = HEX (0x9c3d00),
  .storage_line = { HEX (0x1a5fb4), HEX (0xa33c00), HEX (0x17683f), HEX (0x4d3320) },
  .storage_cap = { HEX (0x1a5fb4), HEX (0xa33c00), HEX (0x17683f), HEX (0x4d3320) },
  .storage_tint = { HEX (0xdbe8fa), HEX (0xfde3cf), HEX (0xd6f0e1), HEX (0xeee5de) },
  .autograd = HEX (0x613583),
  .autograd_tint = HEX (0xefe3f3),
  .autograd_text = HEX (0x4b2766),
  .grad_fn_name = HEX (0x613583),
  .change_ring = HEX (0xb07800),
  .change_halo = HEX_A (0xf6d32d, 0.55),
  .delta_tag = HEX (0xfff1a8),
  .error = HEX (0xa51d2d),
  .shadow_alpha = 0.0,
};

/**
 * cs_palette_get:
 * @theme: light or dark
 *
 * Returns: (transfer none): the palette for @theme
 */
const CsPalette *
cs_palette_get (CsTheme theme)
{
  switch (theme)
    {
    case CS_THEME_DARK:
      return &dark_palette;
    case CS_THEME_HIGH_CONTRAST:
      return &high_contrast_palette;
    case CS_THEME_LIGHT:
    default:
      return &light_palette;
    }
}

/**
 * cs_palette_for_name:
 * @name: "light", "dark" or "high-contrast", as the command line's --theme
 *   takes it
 *
 * Returns: (transfer none) (nullable): the palette, or %NULL for another name
 */
const CsPalette *
cs_palette_for_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (strcmp (name, "light") == 0)
    return &light_palette;
  if (strcmp (name, "dark") == 0)
    return &dark_palette;
  if (strcmp (name, "high-contrast") == 0)
    return &high_contrast_palette;
  return NULL;
}

const CsColor *
cs_palette_storage_line (const CsPalette *palette,
                         guint            storage_index)
{
  g_return_val_if_fail (palette != NULL, NULL);

  return &palette->storage_line[storage_index % CS_PALETTE_N_STORAGE_COLORS];
}

const CsColor *
cs_palette_storage_cap (const CsPalette *palette,
                        guint            storage_index)
{
  g_return_val_if_fail (palette != NULL, NULL);

  return &palette->storage_cap[storage_index % CS_PALETTE_N_STORAGE_COLORS];
}

const CsColor *
cs_palette_storage_tint (const CsPalette *palette,
                         guint            storage_index)
{
  g_return_val_if_fail (palette != NULL, NULL);

  return &palette->storage_tint[storage_index % CS_PALETTE_N_STORAGE_COLORS];
}

/* From the fifth storage on the colours repeat, so a 45° hatch over the
 * tint keeps neighbouring storages apart.
 */
gboolean
cs_palette_storage_is_hatched (guint storage_index)
{
  return storage_index >= CS_PALETTE_N_STORAGE_COLORS;
}

void
cs_color_set_source (const CsColor *color,
                     cairo_t       *cr)
{
  g_return_if_fail (color != NULL);
  g_return_if_fail (cr != NULL);

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
cs_color_set_source_alpha (const CsColor *color,
                           double         alpha,
                           cairo_t       *cr)
{
  g_return_if_fail (color != NULL);
  g_return_if_fail (cr != NULL);

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
relative_luminance (const CsColor *color)
{
  return 0.2126 * linear_channel (color->red)
         + 0.7152 * linear_channel (color->green)
         + 0.0722 * linear_channel (color->blue);
}

/**
 * cs_color_contrast_ratio:
 *
 * The WCAG 2 contrast ratio of two opaque colours, from 1 to 21.  The
 * mockups ask for 4.5:1 for text and 3:1 for arrows and outlines.
 */
double
cs_color_contrast_ratio (const CsColor *a,
                         const CsColor *b)
{
  double la, lb;

  g_return_val_if_fail (a != NULL, 1.0);
  g_return_val_if_fail (b != NULL, 1.0);

  la = relative_luminance (a);
  lb = relative_luminance (b);
  if (la < lb)
    {
      double tmp = la;
      la = lb;
      lb = tmp;
    }
  return (la + 0.05) / (lb + 0.05);
}
