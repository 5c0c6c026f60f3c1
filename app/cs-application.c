/* cs-application.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-about.h"
#include "cs-application.h"
#include "cs-preferences-window.h"
#include "cs-recovery.h"
#include "cs-theme.h"
#include "cs-window.h"

struct _CsApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (CsApplication, cs_application, ADW_TYPE_APPLICATION)

static GtkWindow *
get_or_create_window (CsApplication *self)
{
  GtkWindow *window;

  g_assert (CS_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (cs_window_new (GTK_APPLICATION (self), self->settings));

  return window;
}

/* The style (colour scheme, high contrast) and the caption's text size
 * are the same for every window, so the application applies them; each
 * window lays its picture out again or repaints it by itself.
 */
static void
apply_style_variant (CsApplication *self)
{
  g_autofree char *variant = NULL;

  g_assert (CS_IS_APPLICATION (self));

  variant = g_settings_get_string (self->settings, "style-variant");
  cs_theme_apply_style_variant (variant);
}

static void
style_variant_changed_cb (CsApplication *self,
                          const char    *key,
                          GSettings     *settings)
{
  apply_style_variant (self);
}

static void
font_scale_changed_cb (CsApplication *self,
                       const char    *key,
                       GSettings     *settings)
{
  cs_theme_set_text_scale (g_settings_get_double (settings, "font-scale"));
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CsApplication *self = user_data;
  GList *windows;

  /* Close the windows rather than quit outright, so each one saves its
   * size and, later, asks about unsaved work.
   */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CsApplication *self = user_data;
  CsPreferencesWindow *preferences;

  preferences = cs_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CsApplication *self = user_data;
  GtkWidget *about;

  about = cs_about_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "about", about_activated_cb },
};

static void
cs_application_startup (GApplication *application)
{
  CsApplication *self = CS_APPLICATION (application);
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *preferences_accels[] = { "<Primary>comma", NULL };

  G_APPLICATION_CLASS (cs_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (style_variant_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::font-scale",
                           G_CALLBACK (font_scale_changed_cb), self,
                           G_CONNECT_SWAPPED);
  apply_style_variant (self);
  font_scale_changed_cb (self, "font-scale", self->settings);
}

static void
cs_application_activate (GApplication *application)
{
  CsApplication *self = CS_APPLICATION (application);
  GtkWindow *window = get_or_create_window (self);

  gtk_window_present (window);
  /* files: offer unsaved work left by a crash (once per start). */
  cs_recovery_offer (GTK_APPLICATION (self), window, self->settings);
}

static void
cs_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CsApplication *self = CS_APPLICATION (application);
  GtkWindow *window = get_or_create_window (self);

  for (int i = 0; i < n_files; i++)
    cs_window_open_file (CS_WINDOW (window), files[i]);

  gtk_window_present (window);
  cs_recovery_offer (GTK_APPLICATION (self), window, self->settings);  /* files */
}

static void
cs_application_dispose (GObject *object)
{
  CsApplication *self = CS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cs_application_parent_class)->dispose (object);
}

static void
cs_application_class_init (CsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cs_application_dispose;

  application_class->startup = cs_application_startup;
  application_class->activate = cs_application_activate;
  application_class->open = cs_application_open;
}

static void
cs_application_init (CsApplication *self)
{
}

/**
 * cs_application_new:
 *
 * Returns: (transfer full): the application
 */
CsApplication *
cs_application_new (void)
{
  return g_object_new (CS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * cs_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, once started up
 */
GSettings *
cs_application_get_settings (CsApplication *self)
{
  g_return_val_if_fail (CS_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * cs_application_color_scheme_for_variant:
 * @style_variant: a value of the style-variant key
 *
 * "follow" (and anything unknown) follows the system; "light" and "dark"
 * force that style; "high-contrast" forces the light one (see
 * cs_theme_apply_style_variant()).
 */
AdwColorScheme
cs_application_color_scheme_for_variant (const char *style_variant)
{
  return cs_theme_color_scheme_for_variant (style_variant);
}
