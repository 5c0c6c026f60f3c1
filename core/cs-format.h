/* cs-format.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing numbers, arrays and tensors exactly as CPython 3, NumPy 1.24
 * (numpy/core/arrayprint.py) and PyTorch 1.13 (torch/_tensor_str.py) do.
 *
 * Arrays and tensors are given as a strided view: element type, the
 * buffer's first element, and a layout (offset, shape, strides, all in
 * elements; see cs-strided.h).  The functions only read the elements the
 * view covers; huge views are summarised with "..." as the libraries do,
 * so the output stays small whatever the shape.  Every returned string is
 * newly allocated (g_free it).
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

/* ---- NumPy ------------------------------------------------------------------ */

/* np.set_printoptions state.  cs_numpy_print_options_init() gives NumPy's
 * defaults: precision 8, threshold 1000, edgeitems 3, linewidth 75,
 * suppress False, floatmode "maxprec", sign "-". */
typedef struct
{
  int      precision;
  gint64   threshold;
  int      edgeitems;
  int      linewidth;
  gboolean suppress;
} CsNumpyPrintOptions;

void  cs_numpy_print_options_init (CsNumpyPrintOptions *options);

/* str(a) (print(a)): "[1 0 3 4]", "[[0 1]\n [2 3]]", "[ True False]".
 * @options NULL means the defaults. */
G_GNUC_WARN_UNUSED_RESULT
char *cs_format_numpy_str         (CsDType                    dtype,
                                   gconstpointer              data,
                                   gint64                     offset,
                                   guint                      ndim,
                                   const gint64              *shape,
                                   const gint64              *strides,
                                   const CsNumpyPrintOptions *options);

/* repr(a): "array([1, 2, 3])", "array([1., 2.], dtype=float32)",
 * "array([], dtype=float64)", "array(3)". */
G_GNUC_WARN_UNUSED_RESULT
char *cs_format_numpy_repr        (CsDType                    dtype,
                                   gconstpointer              data,
                                   gint64                     offset,
                                   guint                      ndim,
                                   const gint64              *shape,
                                   const gint64              *strides,
                                   const CsNumpyPrintOptions *options);

/* repr() and str() of a NumPy scalar (np.float64(1.5) -> "1.5",
 * np.float32(0.1) -> "0.1", np.int64(3) -> "3", np.bool_(True) -> "True",
 * np.float64(1e16) -> "1e+16").  In NumPy 1.24 both are the same text. */
G_GNUC_WARN_UNUSED_RESULT
char *cs_format_numpy_scalar      (CsDType                    dtype,
                                   gconstpointer              data,
                                   gint64                     index);

/* ---- PyTorch ---------------------------------------------------------------- */

/* torch.set_printoptions state.  Defaults from cs_torch_print_options_init():
 * precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode -1
 * (automatic; 0 = never, 1 = always), and the default dtype (float32;
 * torch.set_default_dtype changes it, and with it which dtype= suffixes
 * are printed). */
typedef struct
{
  int      precision;
  gint64   threshold;
  int      edgeitems;
  int      linewidth;
  int      sci_mode;
  CsDType  default_dtype;
} CsTorchPrintOptions;

void  cs_torch_print_options_init (CsTorchPrintOptions *options);

/* What the tensor repr adds after the values. */
typedef struct
{
  gboolean    requires_grad;  /* printed as requires_grad=True when no grad_fn */
  const char *grad_fn;        /* e.g. "MulBackward0", or NULL */
} CsTensorDecorations;

/* repr(t) == str(t): "tensor([0.4963, 0.7682])", multi-line n-d tensors,
 * "tensor(3.)", "tensor([], size=(0, 3))", dtype= / requires_grad= /
 * grad_fn= suffixes.  @decorations and @options may be NULL. */
G_GNUC_WARN_UNUSED_RESULT
char *cs_format_tensor            (CsDType                    dtype,
                                   gconstpointer              data,
                                   gint64                     offset,
                                   guint                      ndim,
                                   const gint64              *shape,
                                   const gint64              *strides,
                                   const CsTensorDecorations *decorations,
                                   const CsTorchPrintOptions *options);

/* "torch.float32", "torch.int64", "torch.bool", ... (str(t.dtype)). */
const char *cs_format_torch_dtype (CsDType                    dtype);

G_END_DECLS
