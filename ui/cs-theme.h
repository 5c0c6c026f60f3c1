/* cs-theme.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-palette.h"

G_BEGIN_DECLS

CsTheme          cs_theme_for_style_manager   (AdwStyleManager *style_manager);
const CsPalette *cs_theme_palette_for_manager (AdwStyleManager *style_manager);

G_END_DECLS
