/* cs-markup.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Captions, explanations, lesson summaries and questions mark code with
 * backticks, as Markdown does: "`b = a` copies nothing".  These turn such
 * text into Pango markup (code in a span of its own) or plain text.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cs_markup_from_backticks  (const char *text,
                                 const char *code_attributes) G_GNUC_WARN_UNUSED_RESULT;
char *cs_markup_strip_backticks (const char *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
