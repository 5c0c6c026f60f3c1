/* cs-explain.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One or two plain-language sentences per step, filled from the step's
 * events, error and snapshots (the one before and the one after): what a
 * binding copied or shared, which names see a write, where gradients went.
 * Sentences are translated (gettext domain "copyscope"); code, names and
 * values inside them are shown as `code`, never translated.
 */

#pragma once

#include <glib.h>

#include "cs-trace.h"

G_BEGIN_DECLS

/* The explanation of step @index (0-based) of @trace.  Never NULL for a
 * valid index (a step that changes nothing says so). */
char  *cs_explain_step           (const CsTrace *trace,
                                  guint          index) G_GNUC_WARN_UNUSED_RESULT;

/* The number N in "SN" that the explanation uses for a storage: storages
 * are numbered 1, 2, ... in the order they first appear in the trace
 * (steps 0..@index); storages sharing bytes (from_numpy) share a number.
 * 0 if the storage is not in step @index's snapshot. */
guint  cs_explain_storage_number (const CsTrace *trace,
                                  guint          index,
                                  guint64        storage_serial);

G_END_DECLS
