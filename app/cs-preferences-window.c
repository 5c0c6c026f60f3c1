/* cs-preferences-window.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-preferences-window.h"

struct _CsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  GtkSpinButton        *font_scale_spin;
  GtkSwitch            *addresses_switch;
  GtkSpinButton        *animation_spin;
  GtkSpinButton        *play_interval_spin;
  GtkSwitch            *stride_switch;
  GtkSwitch            *autograd_switch;
};

G_DEFINE_FINAL_TYPE (CsPreferencesWindow, cs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows of the style combo, in the order of the template's string list. */
static const char * const style_variants[] = { "follow", "light", "dark", "high-contrast" };

static gboolean
style_variant_to_row (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_variants); i++)
    {
      if (g_strcmp0 (name, style_variants[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
row_to_style_variant (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint row = g_value_get_uint (value);

  if (row >= G_N_ELEMENTS (style_variants))
    return NULL;

  return g_variant_new_string (style_variants[row]);
}

/* font-scale (a factor) on a spin button in percent. */
static gboolean
factor_to_percent (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
percent_to_factor (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  return g_variant_new_double (round (g_value_get_double (value)) / 100.0);
}

/* animation-ms (an int) on a spin button in milliseconds. */
static gboolean
int_to_double (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
double_to_int (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) lround (g_value_get_double (value)));
}

/* play-interval-ms on a spin button in seconds. */
static gboolean
ms_to_seconds (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_int32 (variant) / 1000.0);
  return TRUE;
}

static GVariant *
seconds_to_ms (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) lround (g_value_get_double (value) * 1000.0));
}

static void
cs_preferences_window_constructed (GObject *object)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (cs_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "style-variant",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_variant_to_row,
                                row_to_style_variant,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "font-scale",
                                self->font_scale_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                factor_to_percent, percent_to_factor,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "animation-ms",
                                self->animation_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                int_to_double, double_to_int,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "play-interval-ms",
                                self->play_interval_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                ms_to_seconds, seconds_to_ms,
                                NULL, NULL);
  g_settings_bind (self->settings, "show-addresses",
                   self->addresses_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-stride-panel",
                   self->stride_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-autograd-panel",
                   self->autograd_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
cs_preferences_window_dispose (GObject *object)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cs_preferences_window_parent_class)->dispose (object);
}

static void
cs_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_preferences_window_class_init (CsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_preferences_window_constructed;
  object_class->dispose = cs_preferences_window_dispose;
  object_class->get_property = cs_preferences_window_get_property;
  object_class->set_property = cs_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, font_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, addresses_switch);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, animation_spin);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, play_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, stride_switch);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, autograd_switch);
}

static void
cs_preferences_window_init (CsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cs_preferences_window_new:
 * @settings: the application's settings, bound both ways to the rows
 *
 * Returns: (transfer none): a new preferences window, owned by GTK's list of
 *   toplevels
 */
CsPreferencesWindow *
cs_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CS_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

GSettings *
cs_preferences_window_get_settings (CsPreferencesWindow *self)
{
  g_return_val_if_fail (CS_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
