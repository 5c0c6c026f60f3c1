/* cs-format.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing numbers, arrays and tensors exactly as CPython 3, NumPy 1.24
 * (numpy/core/arrayprint.py) and PyTorch 1.13 (torch/_tensor_str.py) do.
 *
 * Every returned string is newly allocated (g_free it).
 */

#pragma once

#include <glib.h>

#include "cs-dtype.h"

G_BEGIN_DECLS

/* ---- Python scalars -------------------------------------------------------- */

/* repr(float) (== str(float)): the shortest text that round-trips, fixed
 * notation for 1e-4 <= |v| < 1e16, else exponent: "1.0", "0.1", "1e-05",
 * "1e+16", "-0.0", "inf", "nan". */
G_GNUC_WARN_UNUSED_RESULT
char *cs_format_py_float          (double        value);

/* The shortest decimal digits that round-trip to @value (as a double, or as
 * a float32 when @is_float32).  Writes at most 17 digits (no sign, no dot,
 * NUL-terminated) to @digits and returns their count; *@exponent10 is the
 * decimal exponent of the first digit (value = d.ddd * 10^exponent10).
 * @value must be finite and non-zero. */
int   cs_format_shortest_digits   (double        value,
                                   gboolean      is_float32,
                                   char          digits[18],
                                   int          *exponent10);

G_END_DECLS
