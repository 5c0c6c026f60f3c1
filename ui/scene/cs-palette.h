/* cs-palette.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The number of distinct storage colours; later storages repeat them with a
 * hatch (see cs_palette_storage_is_hatched).
 */
#define CS_PALETTE_N_STORAGE_COLORS 4

typedef enum
{
  CS_THEME_LIGHT,
  CS_THEME_DARK,
  CS_THEME_HIGH_CONTRAST,
} CsTheme;

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} CsColor;

/* The canvas colours of shared/mockups/README.md.  Every painter call takes
 * a palette, so the widget (AdwStyleManager:dark) and headless export
 * (--theme) draw with the same code.
 */
typedef struct
{
  CsColor canvas;
  CsColor bar;
  CsColor rule;
  CsColor card;
  CsColor card_border;
  CsColor pill_border;
  CsColor panel;
  CsColor slot;
  CsColor slot_border;
  CsColor text;
  CsColor text_secondary;
  CsColor text_dim;
  CsColor arrow_neutral;
  CsColor graph_edge;
  CsColor accent;
  CsColor focus;
  CsColor code_line;
  CsColor number_literal;
  CsColor storage_line[CS_PALETTE_N_STORAGE_COLORS];
  CsColor storage_cap[CS_PALETTE_N_STORAGE_COLORS];
  CsColor storage_tint[CS_PALETTE_N_STORAGE_COLORS];
  CsColor autograd;
  CsColor autograd_tint;
  CsColor autograd_text;
  CsColor grad_fn_name;
  CsColor change_ring;
  CsColor change_halo;
  CsColor delta_tag;
  CsColor error;
  double  shadow_alpha;
} CsPalette;

const CsPalette *cs_palette_get                (CsTheme          theme);
const CsPalette *cs_palette_for_name           (const char      *name);

const CsColor   *cs_palette_storage_line       (const CsPalette *palette,
                                                guint            storage_index);
const CsColor   *cs_palette_storage_cap        (const CsPalette *palette,
                                                guint            storage_index);
const CsColor   *cs_palette_storage_tint       (const CsPalette *palette,
                                                guint            storage_index);
gboolean         cs_palette_storage_is_hatched (guint            storage_index);

void             cs_color_set_source           (const CsColor   *color,
                                                cairo_t         *cr);
void             cs_color_set_source_alpha     (const CsColor   *color,
                                                double           alpha,
                                                cairo_t         *cr);
double           cs_color_contrast_ratio       (const CsColor   *a,
                                                const CsColor   *b);

G_END_DECLS
