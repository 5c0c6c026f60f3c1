/* cs-scenario.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From bytes to a trace: check the text (size, UTF-8), parse it and run it.
 */

#pragma once

#include <glib.h>

#include "cs-trace.h"

G_BEGIN_DECLS

#define CS_SCENARIO_ERROR (cs_scenario_error_quark ())

typedef enum
{
  CS_SCENARIO_ERROR_INVALID_UTF8,
  CS_SCENARIO_ERROR_TOO_LARGE,
} CsScenarioError;

GQuark   cs_scenario_error_quark (void);

/* Checks that @text (@len bytes, -1 for NUL-terminated) is at most
 * @max_bytes long and valid UTF-8.  On failure the GError message reads
 * "FILENAME:LINE:COLUMN: error: file is not valid UTF-8" (or "... file is
 * too large ..."), ready for the command line. */
gboolean cs_scenario_validate    (const char   *filename,
                                  const char   *text,
                                  gssize        len,
                                  gsize         max_bytes,
                                  GError      **error);

/* Validates, parses and runs.  @options may be NULL.  NULL + @error only
 * when the text is unusable (see cs_scenario_validate); errors inside the
 * scenario are steps of the trace. */
CsTrace *cs_scenario_run         (const char          *filename,
                                  const char          *text,
                                  gssize               len,
                                  const CsRunOptions  *options,
                                  GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
