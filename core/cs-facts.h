/* cs-facts.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "copyscope-facts/1" JSON of a trace (shared/conformance/FACTS.md).
 */

#pragma once

#include <glib.h>

#include "cs-trace.h"

G_BEGIN_DECLS

char *cs_facts_to_json (CsTrace    *trace,
                        const char *file_basename) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
