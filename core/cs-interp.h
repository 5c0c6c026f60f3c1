/* cs-interp.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evaluator.  Most callers want cs_trace_run () (cs-trace.h), which
 * drives an interpreter statement by statement.
 */

#pragma once

#include <glib.h>

#include "cs-ast.h"
#include "cs-trace.h"
#include "cs-value.h"

G_BEGIN_DECLS

CsInterp *cs_interp_new            (const CsRunOptions *options);
void      cs_interp_free           (CsInterp           *interp);
CsHeap   *cs_interp_get_heap       (CsInterp           *interp);
/* The module namespace (CS_KIND_NAMESPACE). */
CsObject *cs_interp_get_globals    (CsInterp           *interp);
/* Run one top-level statement; the outcome is in the step fields of the
 * interpreter (see cs-runtime.h).  Resets output, ids, warnings, events
 * and error first. */
void      cs_interp_run_statement  (CsInterp           *interp,
                                    const CsStmt       *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsInterp, cs_interp_free)

G_END_DECLS
