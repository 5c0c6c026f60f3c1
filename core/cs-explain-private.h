/* cs-explain-private.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by cs-explain.c and cs-predict.c.
 */

#pragma once

#include "cs-trace.h"

G_BEGIN_DECLS

/* The snapshot before step @index: step @index - 1's, or NULL for step 0. */
const CsSnapshot *_cs_explain_prev_snapshot (const CsTrace *trace,
                                             guint          index);

/* The storage whose bytes @serial's are (following shares_serial). */
guint64    _cs_explain_storage_root      (const CsSnapshot *snapshot,
                                          guint64           serial);

/* The snapshot object a user-visible name holds, or NULL. */
const CsSnapObject *_cs_explain_lookup_name (const CsSnapshot *snapshot,
                                             const char       *name);

/* Is @object a list, dict, ndarray or tensor (a value that can change)? */
gboolean   _cs_explain_is_mutable        (const CsSnapObject *object);

/* Names (interned strings) bound before and after step @index to the same
 * mutable object, in binding order. */
GPtrArray *_cs_explain_candidate_names   (const CsTrace *trace,
                                          guint          index);

/* Of the candidate names, those whose printed value changed in step @index. */
GPtrArray *_cs_explain_changed_names     (const CsTrace *trace,
                                          guint          index);

/* "`a`, `a1` and `a4`" (translated joiners). */
char      *_cs_explain_join_names        (GPtrArray *names) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
