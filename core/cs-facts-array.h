/* cs-facts-array.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The array-model parts of the facts JSON (FACTS.md 4): NumPy scalars are
 * written as {"scalar": value, "dtype": "int64"}.  The NumPy model marks
 * their snapshot objects; cs-facts.c asks here first when writing a REF.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "cs-dtype.h"
#include "cs-trace.h"

G_BEGIN_DECLS

/* The REF of a NumPy scalar's snapshot object, or NULL when @object is not
 * a NumPy scalar. */
JsonNode *cs_facts_array_scalar_ref   (const CsSnapObject *object);

/* Marks @snap as a NumPy scalar of @dtype (the snapshot hook of NumPy
 * scalars calls this after setting int_value / float_value). */
void      cs_facts_array_mark_scalar  (CsSnapObject       *snap,
                                       CsDType             dtype);

G_END_DECLS
