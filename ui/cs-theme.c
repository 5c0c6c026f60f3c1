/* cs-theme.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widgets take the canvas palette from AdwStyleManager, so the drawing
 * follows the style the user picked (or the system's).  Export takes it
 * from --theme instead; both end in cs_palette_get().
 *
 * libadwaita 1.2 follows the system's high-contrast setting but has no way
 * to ask for it, so the "high-contrast" style variant is ours: it forces
 * the light colour scheme (the high-contrast palette is black on white),
 * loads libadwaita's own high-contrast stylesheet over the normal one when
 * the library ships it, adds our style-hc.css for the app's own classes,
 * and makes the canvas paint with CS_THEME_HIGH_CONTRAST.
 *
 * The picture text size (the font-scale key) scales the caption and the
 * explanation above the picture through one display-wide stylesheet; the
 * picture itself scales through CsLayoutOptions.font_scale.
 */

#include "config.h"

#include <math.h>

#include "cs-theme.h"

/* libadwaita 1.2 swaps base.css for this when the system asks for high
 * contrast (AdwStyleManager's update_stylesheet).
 */
#define ADW_HC_STYLESHEET "/org/gnome/Adwaita/styles/base-hc.css"
#define APP_HC_STYLESHEET RESOURCE_BASE "/style-hc.css"

static gboolean        forced_high_contrast;
static GtkCssProvider *adw_hc_provider;
static GtkCssProvider *app_hc_provider;
static GtkCssProvider *text_scale_provider;
static double          text_scale = 1.0;

static gboolean
have_resource (const char *path)
{
  return g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL);
}

static GtkCssProvider *
add_provider_from_resource (GdkDisplay *display,
                            const char *path,
                            guint       priority)
{
  GtkCssProvider *provider;

  if (!have_resource (path))
    return NULL;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, path);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider), priority);
  return provider;
}

static void
remove_provider (GdkDisplay      *display,
                 GtkCssProvider **provider)
{
  if (*provider == NULL)
    return;

  gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (*provider));
  g_clear_object (provider);
}

static void
update_high_contrast_css (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;

  if (forced_high_contrast && app_hc_provider == NULL)
    {
      /* Above libadwaita's base.css (THEME) and below the user's
       * settings; ours goes above style.css.
       */
      adw_hc_provider = add_provider_from_resource (display, ADW_HC_STYLESHEET,
                                                    GTK_STYLE_PROVIDER_PRIORITY_THEME + 1);
      app_hc_provider = add_provider_from_resource (display, APP_HC_STYLESHEET,
                                                    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  else if (!forced_high_contrast)
    {
      remove_provider (display, &adw_hc_provider);
      remove_provider (display, &app_hc_provider);
    }
}

/**
 * cs_theme_for_style_manager:
 * @style_manager: (nullable): a style manager, or %NULL for the default one
 *
 * Returns: %CS_THEME_HIGH_CONTRAST when the user picked the high-contrast
 *   style, or when the system asks for high contrast and the style is
 *   light (the high-contrast palette is light); else %CS_THEME_DARK when
 *   the style manager is dark now, else %CS_THEME_LIGHT
 */
CsTheme
cs_theme_for_style_manager (AdwStyleManager *style_manager)
{
  g_return_val_if_fail (!style_manager || ADW_IS_STYLE_MANAGER (style_manager), CS_THEME_LIGHT);

  if (style_manager == NULL)
    style_manager = adw_style_manager_get_default ();

  if (forced_high_contrast)
    return CS_THEME_HIGH_CONTRAST;
  if (adw_style_manager_get_dark (style_manager))
    return CS_THEME_DARK;
  if (adw_style_manager_get_high_contrast (style_manager))
    return CS_THEME_HIGH_CONTRAST;
  return CS_THEME_LIGHT;
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

/**
 * cs_theme_color_scheme_for_variant:
 * @style_variant: (nullable): a value of the style-variant key
 *
 * "follow" (and anything unknown) follows the system; "light" and "dark"
 * force that style; "high-contrast" forces the light one, which the
 * high-contrast palette and stylesheet go with.
 */
AdwColorScheme
cs_theme_color_scheme_for_variant (const char *style_variant)
{
  if (g_strcmp0 (style_variant, "light") == 0
      || g_strcmp0 (style_variant, "high-contrast") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (style_variant, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  return ADW_COLOR_SCHEME_DEFAULT;
}

/**
 * cs_theme_apply_style_variant:
 * @style_variant: (nullable): a value of the style-variant key
 *
 * Applies @style_variant to the whole process: the colour scheme of the
 * default style manager, the high-contrast stylesheets and the canvas
 * palette (cs_theme_for_style_manager()).  Widgets that paint with the
 * palette redraw when the style manager's dark or high-contrast changes;
 * switching between light and high contrast changes neither, so whoever
 * calls this also queues a redraw of its canvases.
 */
void
cs_theme_apply_style_variant (const char *style_variant)
{
  forced_high_contrast = g_strcmp0 (style_variant, "high-contrast") == 0;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      cs_theme_color_scheme_for_variant (style_variant));
  update_high_contrast_css ();
}

/**
 * cs_theme_get_forced_high_contrast:
 *
 * Returns: whether the high-contrast style variant is applied
 */
gboolean
cs_theme_get_forced_high_contrast (void)
{
  return forced_high_contrast;
}

/**
 * cs_theme_get_high_contrast:
 *
 * Returns: whether the canvas paints with the high-contrast palette now
 */
gboolean
cs_theme_get_high_contrast (void)
{
  return cs_theme_for_style_manager (NULL) == CS_THEME_HIGH_CONTRAST;
}

/**
 * cs_theme_set_text_scale:
 * @scale: the font-scale setting, clamped to 0.75–3
 *
 * Scales the text of the step's caption box (statement, caption,
 * explanation: the .cs-caption class) on the default display.  Its labels
 * size themselves in em, so presentation mode's larger sizes multiply
 * this scale.
 */
void
cs_theme_set_text_scale (double scale)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autofree char *css = NULL;

  if (isnan (scale))
    scale = 1.0;
  text_scale = CLAMP (scale, CS_THEME_MIN_TEXT_SCALE, CS_THEME_MAX_TEXT_SCALE);

  if (display == NULL)
    return;

  if (text_scale_provider == NULL)
    {
      text_scale_provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (text_scale_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  /* Whole percent: CSS needs a '.' whatever the locale says. */
  css = g_strdup_printf (".cs-caption { font-size: %d%%; }\n", (int) lround (text_scale * 100.0));
  gtk_css_provider_load_from_data (text_scale_provider, css, -1);
}

/**
 * cs_theme_get_text_scale:
 *
 * Returns: the scale cs_theme_set_text_scale() applied last, 1.0 before
 */
double
cs_theme_get_text_scale (void)
{
  return text_scale;
}
