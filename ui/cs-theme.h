/* cs-theme.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-palette.h"

G_BEGIN_DECLS

/* The font scale's range, as the schema's font-scale key has it. */
#define CS_THEME_MIN_TEXT_SCALE 0.75
#define CS_THEME_MAX_TEXT_SCALE 3.0

CsTheme          cs_theme_for_style_manager         (AdwStyleManager *style_manager);
const CsPalette *cs_theme_palette_for_manager       (AdwStyleManager *style_manager);

AdwColorScheme   cs_theme_color_scheme_for_variant  (const char      *style_variant);
void             cs_theme_apply_style_variant       (const char      *style_variant);
gboolean         cs_theme_get_forced_high_contrast  (void);
gboolean         cs_theme_get_high_contrast         (void);

void             cs_theme_set_text_scale            (double           scale);
double           cs_theme_get_text_scale            (void);

G_END_DECLS
