/* cs-application.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CS_TYPE_APPLICATION (cs_application_get_type ())

G_DECLARE_FINAL_TYPE (CsApplication, cs_application, CS, APPLICATION, AdwApplication)

CsApplication  *cs_application_new                   (void) G_GNUC_WARN_UNUSED_RESULT;
GSettings      *cs_application_get_settings          (CsApplication *self);
AdwColorScheme  cs_application_color_scheme_for_variant (const char *style_variant);

G_END_DECLS
