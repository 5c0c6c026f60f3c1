/* cs-theme.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widgets take the canvas palette from AdwStyleManager:dark, so the
 * drawing follows the style the user picked (or the system's).  Export
 * takes it from --theme instead; both end in cs_palette_get().
 */

#include "config.h"

#include "cs-theme.h"

/**
 * cs_theme_for_style_manager:
 * @style_manager: (nullable): a style manager, or %NULL for the default one
 *
 * Returns: %CS_THEME_DARK when the style manager is dark now
 */
CsTheme
cs_theme_for_style_manager (AdwStyleManager *style_manager)
{
  g_return_val_if_fail (!style_manager || ADW_IS_STYLE_MANAGER (style_manager), CS_THEME_LIGHT);

  if (style_manager == NULL)
    style_manager = adw_style_manager_get_default ();

  return adw_style_manager_get_dark (style_manager) ? CS_THEME_DARK : CS_THEME_LIGHT;
}

/**
 * cs_theme_palette_for_manager:
 * @style_manager: (nullable): a style manager, or %NULL for the default one
 *
 * Returns: (transfer none): the canvas palette matching @style_manager
 */
const CsPalette *
cs_theme_palette_for_manager (AdwStyleManager *style_manager)
{
  return cs_palette_get (cs_theme_for_style_manager (style_manager));
}
