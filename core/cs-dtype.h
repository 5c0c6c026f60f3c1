/* cs-dtype.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Element types of NumPy arrays and PyTorch tensors, and reading/writing
 * one element of a typed buffer.  Values travel as double (floating) or
 * gint64 (integer, bool) so float32 arithmetic can round like C floats.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CS_DTYPE_BOOL,
  CS_DTYPE_UINT8,
  CS_DTYPE_INT8,
  CS_DTYPE_INT16,
  CS_DTYPE_INT32,
  CS_DTYPE_INT64,
  CS_DTYPE_FLOAT16,   /* stored as IEEE half; optional in arithmetic */
  CS_DTYPE_FLOAT32,
  CS_DTYPE_FLOAT64,
  CS_N_DTYPES
} CsDType;

/* "float32", "int64", "bool", ... (the names FACTS.md uses for both libraries). */
const char *cs_dtype_name          (CsDType     dtype);
gboolean    cs_dtype_from_name     (const char *name,
                                    CsDType    *out_dtype);
gsize       cs_dtype_itemsize      (CsDType     dtype);
gboolean    cs_dtype_is_floating   (CsDType     dtype);
gboolean    cs_dtype_is_integral   (CsDType     dtype);  /* bool excluded */

/* Read element @index (in elements, not bytes) of a buffer of @dtype. */
double      cs_dtype_get_double    (CsDType       dtype,
                                    gconstpointer data,
                                    gsize         index);
gint64      cs_dtype_get_int       (CsDType       dtype,
                                    gconstpointer data,
                                    gsize         index);
/* Store @value converted as C would (float32 rounds, ints truncate toward
 * zero, bool is value != 0). */
void        cs_dtype_set_double    (CsDType  dtype,
                                    gpointer data,
                                    gsize    index,
                                    double   value);
void        cs_dtype_set_int       (CsDType  dtype,
                                    gpointer data,
                                    gsize    index,
                                    gint64   value);

G_END_DECLS
