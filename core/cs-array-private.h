/* cs-array-private.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by cs-array.c, cs-numpy.c and cs-torch.c: the library
 * state of an interpreter, creating arrays over storages, reading and
 * writing elements through layouts (with storage events), building arrays
 * from nested Python lists, and the elementwise and reduction kernels.
 */

#pragma once

#include <glib.h>

#include "cs-array.h"
#include "cs-format.h"
#include "cs-random.h"
#include "cs-runtime.h"
#include "cs-strided.h"

G_BEGIN_DECLS

/* interp->extension[] slot of the array state (autograd uses slot 1). */
#define CS_ARRAY_EXTENSION_SLOT 0

/* Once-per-process warnings. */
enum
{
  CS_ARRAY_WARNED_T_NOT_2D = 1 << 0,
};

typedef struct
{
  CsTorchGenerator   *torch_gen;
  CsNumpyGenerator   *numpy_gen;
  CsTorchPrintOptions torch_print;
  CsNumpyPrintOptions numpy_print;
  CsObject           *torch_dtypes[CS_N_DTYPES];   /* permanent */
  CsObject           *numpy_dtypes[CS_N_DTYPES];   /* permanent */
  guint               warned;
  /* Elements allocated by the running top-level statement (a budget that
   * keeps loops of large allocations bounded until the step's collection). */
  gconstpointer       budget_stmt;
  guint64             budget_used;
} CsArrayState;

CsArrayState *_cs_array_state            (CsInterp        *interp);

/* The element-wise and comparison operations of both libraries. */
typedef enum
{
  CS_AOP_ADD,
  CS_AOP_SUB,
  CS_AOP_MUL,
  CS_AOP_DIV,
  CS_AOP_FLOORDIV,
  CS_AOP_MOD,
  CS_AOP_POW,
  CS_AOP_AND,
  CS_AOP_OR,
  CS_AOP_XOR,
  CS_AOP_LSHIFT,
  CS_AOP_RSHIFT,
  CS_AOP_EQ,
  CS_AOP_NE,
  CS_AOP_LT,
  CS_AOP_LE,
  CS_AOP_GT,
  CS_AOP_GE,
  CS_AOP_MAXIMUM,
  CS_AOP_MINIMUM,
  CS_N_AOPS
} CsArrayOp;

/* An operand: an array/tensor or a scalar. */
typedef struct
{
  CsObject *obj;        /* ndarray or tensor, NULL for a scalar */
  CsDType   dtype;      /* the array's dtype, or the scalar's natural one */
  CsOperand promo;      /* for type promotion */
  double    f;          /* scalar value */
  gint64    i;
  gboolean  is_float;   /* floating scalar */
} CsArrayArg;

/* ---- layouts ------------------------------------------------------------ */

void      _cs_view_get_layout        (const CsView    *view,
                                      CsLayout        *layout);
void      _cs_view_set_layout        (CsView          *view,
                                      const CsLayout  *layout);
gboolean  _cs_array_is_contiguous    (CsObject        *array);
/* PyTorch's is_non_overlapping_and_dense. */
gboolean  _cs_layout_dense           (const CsLayout  *layout);
void      _cs_array_raise_strided    (CsInterp        *interp,
                                      CsStridedError  *error);

/* ---- creation ------------------------------------------------------------ */

/* A new storage of @numel elements; MemoryError + NULL over the cap.
 * Records CS_EVENT_STORAGE_ALLOCATED. */
CsStorage *_cs_storage_alloc         (CsInterp        *interp,
                                      CsDType          dtype,
                                      gint64           numel,
                                      CsStorageOwner   owner);
/* An array object of @cls over @storage (reference taken) with @layout. */
CsObject  *_cs_array_wrap            (CsInterp        *interp,
                                      const CsClass   *cls,
                                      CsStorage       *storage,
                                      CsDType          dtype,
                                      const CsLayout  *layout);
/* A new zeroed contiguous array (NumPy layout rules for ndarrays). */
CsObject  *_cs_array_new             (CsInterp        *interp,
                                      const CsClass   *cls,
                                      CsDType          dtype,
                                      guint            ndim,
                                      const gint64    *shape);
/* A view of @src (same class, same storage) with @layout; records
 * CS_EVENT_VIEW_CREATED.  ndarrays get NumPy's .base. */
CsObject  *_cs_array_view            (CsInterp        *interp,
                                      CsObject        *src,
                                      const CsLayout  *layout);
/* Records CS_EVENT_VIEW_CREATED for @view (the cells it covers). */
void       _cs_array_event_view      (CsInterp        *interp,
                                      CsObject        *view);
/* "Float", "Long", ... (PyTorch's scalar type names in messages). */
const char *_cs_torch_type_name      (CsDType          dtype);
/* Re-lays a fresh contiguous array @t like @like when @like is dense but
 * not C-contiguous (PyTorch's preserve_format, NumPy's order 'K'): same
 * strides, same logical values. */
void       _cs_array_relayout_like   (CsObject        *t,
                                      CsObject        *like);
/* Makes row @i of @self (a view along the first dimension). */
typedef CsObject *(*CsArrayRowFunc) (CsInterp *interp,
                                     CsObject *self,
                                     gint64    i);
/* len () of an ndarray or tensor: its first dimension, or TypeError with
 * the library's @zero_d_message for a 0-d one. */
gssize     _cs_array_len             (CsInterp        *interp,
                                      CsObject        *self,
                                      const char      *zero_d_message);
/* iter () over the first dimension: the rows made by @row, iterated as a
 * list, as both libraries hand out one view per row. */
CsObject  *_cs_array_iter_rows       (CsInterp        *interp,
                                      CsObject        *self,
                                      const char      *zero_d_message,
                                      CsArrayRowFunc   row);
/* A contiguous copy of @src as @cls with @dtype (records a copy event). */
CsObject  *_cs_array_copy            (CsInterp        *interp,
                                      CsObject        *src,
                                      const CsClass   *cls,
                                      CsDType          dtype);

/* ---- elements ------------------------------------------------------------- */

/* Gathers @src's elements broadcast to @shape into a new row-major buffer
 * of @dtype (g_free it).  @shape must be a valid broadcast target. */
gpointer  _cs_array_gather           (CsObject        *src,
                                      CsDType          dtype,
                                      guint            ndim,
                                      const gint64    *shape);
/* Writes @values (row-major, elements of the storage's dtype, one per
 * element of @layout) into @storage through @layout, bumping its version
 * and recording CS_EVENT_STORAGE_WRITTEN. */
void      _cs_storage_write          (CsInterp        *interp,
                                      CsStorage       *storage,
                                      const CsLayout  *layout,
                                      gconstpointer    values);
/* A Python object holding element @sidx of @storage: int/float/bool. */
CsObject *_cs_storage_item           (CsInterp        *interp,
                                      CsStorage       *storage,
                                      gint64           sidx);
/* Nested Python lists of the elements (tolist ()). */
CsObject *_cs_array_tolist           (CsInterp        *interp,
                                      CsObject        *array);

/* ---- from Python data ------------------------------------------------------ */

/* Builds a new array of @cls from nested lists/tuples of numbers (or an
 * ndarray/tensor, copied).  @dtype < 0 infers it.  @lib picks inference and
 * error wording. */
CsObject *_cs_array_from_data        (CsInterp        *interp,
                                      const CsClass   *cls,
                                      CsLib            lib,
                                      CsObject        *data,
                                      int              dtype);
/* Fills @arg from an array/tensor or a Python/NumPy scalar; FALSE without
 * raising when @x is none of them. */
gboolean  _cs_array_arg_init         (CsInterp        *interp,
                                      CsObject        *x,
                                      CsArrayArg      *arg);

/* ---- kernels ---------------------------------------------------------------- */

/* The result dtype of @op on @a and @b in @lib (comparisons: the type the
 * comparison runs in). */
CsDType   _cs_array_result_dtype     (CsLib            lib,
                                      CsArrayOp        op,
                                      const CsArrayArg *a,
                                      const CsArrayArg *b);
/* Element-wise @op.  @out NULL: a new array of @cls.  Otherwise the result
 * is written into @out (in-place operators), which must have the broadcast
 * shape and a dtype the result may be cast to.  NULL + exception on error. */
CsObject *_cs_array_binary           (CsInterp        *interp,
                                      CsLib            lib,
                                      const CsClass   *cls,
                                      CsArrayOp        op,
                                      const CsArrayArg *a,
                                      const CsArrayArg *b,
                                      CsObject        *out);

typedef enum
{
  CS_UOP_NEG,
  CS_UOP_ABS,
  CS_UOP_EXP,
  CS_UOP_LOG,
  CS_UOP_SQRT,
  CS_UOP_SIN,
  CS_UOP_COS,
  CS_UOP_TANH,
  CS_UOP_SIGMOID,
  CS_UOP_RELU,
  CS_UOP_NOT,        /* bool ~ / logical_not */
  CS_UOP_INVERT,     /* integer ~ */
  CS_UOP_RECIPROCAL,
  CS_UOP_FLOOR,
  CS_UOP_CEIL,
  CS_UOP_ROUND,
} CsArrayUnaryOp;

/* Element-wise unary @op into a new array of @dtype (the caller decides
 * the result dtype: exp of an int64 tensor is float32, ...). */
CsObject *_cs_array_unary            (CsInterp        *interp,
                                      CsObject        *src,
                                      CsArrayUnaryOp   op,
                                      CsDType          dtype);

typedef enum
{
  CS_RED_SUM,
  CS_RED_MEAN,
  CS_RED_MAX,
  CS_RED_MIN,
  CS_RED_PROD,
  CS_RED_ARGMAX,
  CS_RED_ARGMIN,
  CS_RED_ANY,
  CS_RED_ALL,
} CsReduction;

/* Reduces @src over the dimensions flagged in @reduce_dims (all when NULL)
 * into a new array of @cls with @dtype (ARGMAX/ARGMIN: int64 indices of
 * the first extreme element, over one dimension or the flattened array). */
CsObject *_cs_array_reduce           (CsInterp        *interp,
                                      CsObject        *src,
                                      const CsClass   *cls,
                                      CsReduction      red,
                                      const gboolean  *reduce_dims,
                                      gboolean         keepdim,
                                      CsDType          dtype);

/* ---- indexing ----------------------------------------------------------------- */

/* Parses a Python subscript into basic index items (@items has room for
 * 64).  Returns 1 for a basic index, 0 when it is an advanced one (lists,
 * arrays: *n_items untouched), -1 on error, -2 for an invalid index type
 * (nothing raised: the caller words the library's IndexError). */
int       _cs_array_parse_index      (CsInterp        *interp,
                                      CsObject        *index,
                                      CsIndexItem     *items,
                                      guint           *n_items);

/* ---- NumPy scalars (cs-numpy.c) ------------------------------------------------ */

gboolean  _cs_numpy_scalar_get       (CsObject        *obj,
                                      CsDType         *dtype,
                                      double          *f,
                                      gint64          *i);
/* t.numpy (): an ndarray over the tensor's storage, .base the tensor. */
CsObject *_cs_numpy_wrap_tensor      (CsInterp        *interp,
                                      CsObject        *tensor);
/* A NumPy scalar of @dtype holding element @sidx of @storage. */
CsObject *_cs_numpy_scalar_new       (CsInterp        *interp,
                                      CsStorage       *storage,
                                      gint64           sidx);
/* torch.dtype / numpy.dtype object lookups (cs-torch.c, cs-numpy.c):
 * TRUE and *out when @obj names a dtype. */
gboolean  _cs_torch_dtype_get        (CsObject        *obj,
                                      CsDType         *out);
gboolean  _cs_numpy_dtype_get        (CsObject        *obj,
                                      CsDType         *out);
CsObject *_cs_torch_dtype_object     (CsInterp        *interp,
                                      CsDType          dtype);
CsObject *_cs_numpy_dtype_object     (CsInterp        *interp,
                                      CsDType          dtype);

G_END_DECLS
