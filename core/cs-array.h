/* cs-array.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Engine II: NumPy ndarrays and PyTorch tensors over shared storage.
 *
 * An ndarray or a tensor is a CsObject of kind CS_KIND_NDARRAY /
 * CS_KIND_TENSOR whose obj->array.view (storage, offset, shape, strides in
 * elements, dtype) describes which elements of a CsStorage it shows.
 * Views share the storage (reference counted); copies allocate a new one.
 * Every write through a view bumps the storage version and records a
 * CS_EVENT_STORAGE_WRITTEN event; new views record CS_EVENT_VIEW_CREATED,
 * new storages CS_EVENT_STORAGE_ALLOCATED, copies CS_EVENT_STORAGE_COPIED.
 *
 * Storages are capped at interp->options.max_storage_numel elements: going
 * over raises a MemoryError on the step (never a crash).
 *
 * This header is also the contract with the autograd engine (see
 * notes/TENSOR-AUTOGRAD-CONTRACT.md).
 */

#pragma once

#include <glib.h>

#include "cs-runtime.h"
#include "cs-value.h"

G_BEGIN_DECLS

extern const CsClass cs_tensor_class;     /* torch.Tensor */
extern const CsClass cs_ndarray_class;    /* numpy.ndarray */

gboolean  cs_is_tensor               (CsObject      *obj);
gboolean  cs_is_ndarray              (CsObject      *obj);

/* ---- tensors (contract with autograd) ------------------------------------ */

/* A new contiguous zero-filled tensor on a fresh torch storage.  Checks the
 * element cap: raises MemoryError and returns NULL when over it. */
CsObject *cs_tensor_new              (CsInterp      *interp,
                                      CsDType        dtype,
                                      guint          ndim,
                                      const gint64  *shape);
/* A tensor viewing @base's storage with the given layout (shares storage,
 * no copy; @strides and @offset in elements).  Records a view event. */
CsObject *cs_tensor_new_view         (CsInterp      *interp,
                                      CsObject      *base,
                                      guint          ndim,
                                      const gint64  *shape,
                                      const gint64  *strides,
                                      gsize          offset);
/* A new contiguous tensor holding @values (row-major, converted to @dtype)
 * without recording a write event (a fresh result, e.g. a gradient).
 * NULL + MemoryError when over the element cap. */
CsObject *cs_tensor_new_from_doubles (CsInterp      *interp,
                                      CsDType        dtype,
                                      guint          ndim,
                                      const gint64  *shape,
                                      const double  *values);

/* ---- element access (ndarrays and tensors) -------------------------------- */

gsize     cs_array_numel             (CsObject      *array);
/* Logical elements in row-major order as doubles (g_free the result). */
double   *cs_array_dup_doubles       (CsObject      *array,
                                      gsize         *out_numel) G_GNUC_WARN_UNUSED_RESULT;
/* Write logical row-major @values through the view (converting to its
 * dtype), bump the storage version and record a CS_EVENT_STORAGE_WRITTEN
 * event (cells, old -> new values). */
void      cs_array_set_doubles       (CsInterp      *interp,
                                      CsObject      *array,
                                      const double  *values);
/* repr () of an ndarray or tensor (a tensor's repr is also its str). */
char     *cs_array_dup_repr          (CsInterp      *interp,
                                      CsObject      *array) G_GNUC_WARN_UNUSED_RESULT;

/* ---- modules --------------------------------------------------------------- */

/* Initialisers for the module table in cs-modules.c. */
gboolean  cs_numpy_module_init       (CsInterp      *interp,
                                      CsObject      *module);
gboolean  cs_torch_module_init       (CsInterp      *interp,
                                      CsObject      *module);

G_END_DECLS
