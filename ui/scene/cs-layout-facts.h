/* cs-layout-facts.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cs-layout.h"

G_BEGIN_DECLS

/* Scenes straight from a "copyscope-facts/1" file (conformance/FACTS.md):
 * the pictures of what real Python/PyTorch did, without running the
 * engine.  Used by the scene tests, the benchmark and to compare the
 * engine's pictures with the goldens'.
 */
GPtrArray *cs_layout_facts_file (const char            *facts_path,
                                 const CsLayoutOptions *options,
                                 GError               **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
