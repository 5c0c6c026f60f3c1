/* cs-preferences-window.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_PREFERENCES_WINDOW (cs_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CsPreferencesWindow, cs_preferences_window, CS, PREFERENCES_WINDOW, AdwPreferencesWindow)

CsPreferencesWindow *cs_preferences_window_new          (GSettings           *settings);
GSettings           *cs_preferences_window_get_settings (CsPreferencesWindow *self);

G_END_DECLS
