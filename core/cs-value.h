/* cs-value.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object model: every Python value is a CsObject on a CsHeap, with a
 * class (CsClass, a table of behaviours), a serial that is never reused
 * (stable identity for the UI across steps) and an address that id()
 * returns, shaped like a CPython address.
 *
 * There is no reference counting of objects: the heap owns them all and a
 * mark & sweep collection at the end of each top-level step frees what no
 * root (module namespace, modules, caches, function constants) reaches,
 * cycles included.  Temporaries of a running step therefore never need to
 * be tracked.
 *
 * Typed buffers (CsStorage) are separate, reference counted plain structs:
 * ndarrays and tensors are views onto them (see CsView).
 *
 * Objects are allocated by kind: only CS_KIND_NDARRAY and CS_KIND_TENSOR
 * objects have room for the "array" union member (its inline layout is
 * large); never touch obj->array on another kind.
 *
 * Every change to an object that a snapshot shows must bump obj->version
 * (and storage writes storage->version) and call cs_interp_touch (): the
 * trace reuses a snapshot object while its version is unchanged.
 */

#pragma once

#include <glib.h>

#include "cs-ast.h"
#include "cs-dtype.h"

G_BEGIN_DECLS

typedef struct _CsObject  CsObject;
typedef struct _CsClass   CsClass;
typedef struct _CsHeap    CsHeap;
typedef struct _CsStorage CsStorage;
typedef struct _CsInterp  CsInterp;

/* The base kind of an object.  Subclasses (torch.Size is a tuple, bool an
 * int in Python but a kind of its own here) share their base kind and
 * differ by class. */
typedef enum
{
  CS_KIND_NONE,
  CS_KIND_BOOL,
  CS_KIND_INT,
  CS_KIND_FLOAT,
  CS_KIND_STR,
  CS_KIND_TUPLE,
  CS_KIND_LIST,
  CS_KIND_DICT,
  CS_KIND_RANGE,
  CS_KIND_SLICE,
  CS_KIND_ITER,        /* list/tuple/range/str/dict iterators, dict views */
  CS_KIND_MODULE,
  CS_KIND_BUILTIN,     /* builtin function or bound builtin method */
  CS_KIND_FUNCTION,    /* a function the scenario defines with def */
  CS_KIND_TYPE,        /* a class object: type(x), list, int, ... */
  CS_KIND_NAMESPACE,   /* internal: a frame's or module's variables */
  CS_KIND_NOT_IMPLEMENTED,
  CS_KIND_ELLIPSIS,
  /* Storage-backed views and autograd (Engine II/III). */
  CS_KIND_NDARRAY,
  CS_KIND_TENSOR,
  CS_KIND_GRAD_FN,
  /* Any other extension object (dtype objects, context managers, NumPy
   * scalars, ...): behaviour comes entirely from its class. */
  CS_KIND_OPAQUE,
} CsKind;

/* An ordered dict entry; key NULL marks a deleted slot. */
typedef struct
{
  CsObject *key;
  CsObject *value;
  guint64   hash;
} CsDictEntry;

/* A binding in a namespace. */
typedef struct
{
  char     *name;
  CsObject *value;
} CsNsEntry;

/* Layout of an ndarray or tensor over a storage: element strides, element
 * offset.  ndim is at most CS_MAX_DIMS. */
#define CS_MAX_DIMS 16

typedef struct
{
  CsStorage *storage;        /* owned reference */
  gsize      offset;         /* in elements */
  guint      ndim;
  gint64     shape[CS_MAX_DIMS];
  gint64     strides[CS_MAX_DIMS];
  CsDType    dtype;
} CsView;

/* A tensor's autograd state (Engine III fills it). */
typedef struct
{
  gboolean  requires_grad;
  gboolean  is_leaf;
  gboolean  retains_grad;
  CsObject *grad;            /* tensor or NULL */
  CsObject *grad_fn;         /* CS_KIND_GRAD_FN or NULL */
  gpointer  extra;           /* private to cs-autograd.c */
} CsAutogradMeta;

typedef struct
{
  CsObject *node;            /* CS_KIND_GRAD_FN, or NULL for None */
  guint     input_nr;
} CsGradEdge;

struct _CsObject
{
  const CsClass *cls;
  guint64        serial;     /* 1, 2, 3, ... never reused */
  guint64        address;    /* what id() returns */
  guint32        version;    /* bumped by every in-place change */
  guint16        flags;      /* CS_OBJECT_* */
  guint16        pad;
  gpointer       snap_cache; /* private to cs-trace.c */
  union {
    gint64 int_value;        /* BOOL, INT */
    double float_value;      /* FLOAT */
    struct {
      char  *data;           /* NUL-terminated UTF-8 (may hold NULs) */
      gsize  len;            /* bytes */
      gsize  n_chars;        /* code points */
    } str;
    struct {
      CsObject **items;
      gsize      len;
      gsize      cap;
    } seq;                   /* TUPLE, LIST */
    struct {
      CsDictEntry *entries;
      gsize        n_entries;  /* used slots incl. deleted */
      gsize        cap;
      gsize        len;        /* live items */
      gint32      *index;      /* open addressing into entries, -1 empty */
      gsize        index_size;
    } dict;
    struct { gint64 start, stop, step; } range;
    struct { CsObject *start, *stop, *step; } slice;
    struct {
      CsObject *source;      /* what is iterated */
      gsize     pos;
      guint     what;        /* private to cs-builtins.c */
      guint32   expect_version;
    } iter;
    struct {
      const char *name;
      CsObject   *ns;        /* CS_KIND_NAMESPACE */
      gboolean    supported;
    } module;
    struct {
      const char *name;
      gpointer    func;      /* CsBuiltinFunc */
      CsObject   *self;      /* bound receiver or NULL */
      gpointer    data;
    } builtin;
    struct {
      gpointer   def;        /* const CsStmt * (CS_STMT_DEF) */
      CsObject  *globals;    /* namespace */
      CsObject  *closure;    /* enclosing function namespace or NULL */
      CsObject **defaults;
      guint      n_defaults;
      CsObject  *consts;     /* namespace holding the code unit's constants */
      gpointer   locals_set; /* GHashTable of local names (owned) */
    } func;
    struct {
      const CsClass *of;
    } type;
    struct {
      GHashTable *vars;      /* name -> CsNsEntry* (owned by order) */
      GPtrArray  *order;     /* CsNsEntry* in first-binding order */
      CsObject   *parent;    /* enclosing namespace or NULL */
      GPtrArray  *extra;     /* extra CsObject* kept alive (constants) */
    } ns;
    struct {
      CsView         view;
      CsObject      *base;   /* ndarray: .base object (may be a tensor) */
      CsAutogradMeta ag;     /* tensor only */
    } array;                 /* NDARRAY, TENSOR */
    struct {
      char       *name;      /* "AddBackward0" */
      CsGradEdge *next;
      guint       n_next;
      CsObject  **saved;     /* saved tensors */
      guint32    *saved_versions;
      guint       n_saved;
      CsObject   *variable;  /* AccumulateGrad: the leaf tensor */
      gpointer    extra;     /* private to cs-autograd.c */
    } grad_fn;
    struct {
      gpointer       data;
      GDestroyNotify destroy;
      CsObject      *refs[4]; /* objects kept alive, NULL when unused */
    } opaque;
  };
};

enum
{
  CS_OBJECT_MARKED    = 1 << 0,
  CS_OBJECT_PERMANENT = 1 << 1,   /* never freed: caches, singletons */
  CS_OBJECT_IMPORTED  = 1 << 2,   /* unused */
};

/* Arguments of a call. */
typedef struct
{
  CsObject   **args;
  guint        n_args;
  const char **kw_names;
  CsObject   **kw_values;
  guint        n_kw;
} CsArgs;

typedef CsObject *(*CsBuiltinFunc) (CsInterp     *interp,
                                    CsObject     *self,
                                    const CsArgs *args);

typedef void (*CsVisitFunc) (CsObject *child,
                             gpointer  user_data);

/* A method in a class's table: looked up by attribute access and bound to
 * the receiver (a "builtin_function_or_method" object). */
typedef struct
{
  const char   *name;
  CsBuiltinFunc func;
} CsMethodDef;

/* ---- classes -------------------------------------------------------------- */

typedef struct _CsCopyMemo CsCopyMemo;
typedef struct _CsSnapObject CsSnapObject;

/* A class: the behaviours of its objects.  Every hook is optional; a NULL
 * hook gives Python's generic behaviour or error.  Hooks that fail raise
 * through cs_interp_raise () and return NULL / FALSE / -1.  Extension
 * modules (NumPy, torch) define their own static CsClass values; the
 * evaluator never needs to know them. */
struct _CsClass
{
  CsKind             kind;
  const char        *name;         /* type(x).__name__: "list", "Tensor" */
  const char        *module;       /* for <class 'torch.Tensor'>: "torch", NULL for builtins */
  const CsClass     *base;         /* for isinstance; NULL = object */
  const CsMethodDef *methods;      /* NULL-terminated, bound on attribute access */

  /* repr(x) / str(x) (str NULL: same as repr).  Return g_malloc'ed text. */
  char     *(*repr)      (CsInterp *interp, CsObject *self);
  char     *(*str)       (CsInterp *interp, CsObject *self);
  /* Data attributes (x.shape).  Return NULL without raising when there is
   * no such attribute: methods are tried next, then AttributeError. */
  CsObject *(*getattr)   (CsInterp *interp, CsObject *self, const char *name);
  gboolean  (*setattr)   (CsInterp *interp, CsObject *self, const char *name, CsObject *value);
  /* Binary operators.  Called first on the left operand's class, then on
   * the right's; return cs_not_implemented () to pass.  @inplace is TRUE
   * for augmented assignment (x += y) on the left operand's first try. */
  CsObject *(*binop)     (CsInterp *interp, CsBinOp op, CsObject *a, CsObject *b, gboolean inplace);
  CsObject *(*unop)      (CsInterp *interp, CsUnaryOp op, CsObject *self);
  /* Rich comparison (EQ..GE only); same NotImplemented protocol. */
  CsObject *(*compare)   (CsInterp *interp, CsCmpOp op, CsObject *a, CsObject *b);
  CsObject *(*getitem)   (CsInterp *interp, CsObject *self, CsObject *index);
  gboolean  (*setitem)   (CsInterp *interp, CsObject *self, CsObject *index, CsObject *value);
  gboolean  (*delitem)   (CsInterp *interp, CsObject *self, CsObject *index);
  /* x in self: 1, 0 or -1 on error. */
  int       (*contains)  (CsInterp *interp, CsObject *self, CsObject *item);
  CsObject *(*iter)      (CsInterp *interp, CsObject *self);
  /* Next item, or NULL: exhausted when no exception was raised. */
  CsObject *(*next)      (CsInterp *interp, CsObject *self);
  gssize    (*len)       (CsInterp *interp, CsObject *self);
  int       (*truth)     (CsInterp *interp, CsObject *self);
  gboolean  (*hash)      (CsInterp *interp, CsObject *self, guint64 *out_hash);
  CsObject *(*call)      (CsInterp *interp, CsObject *self, const CsArgs *args);
  /* Calling the type object: list (x), torch.Tensor (...). */
  CsObject *(*construct) (CsInterp *interp, const CsClass *cls, const CsArgs *args);
  /* with self: ... */
  CsObject *(*enter)     (CsInterp *interp, CsObject *self);
  gboolean  (*exit)      (CsInterp *interp, CsObject *self);
  /* Numbers: int(x), float(x), operator.index(x).  FALSE + raise on error. */
  gboolean  (*to_int)    (CsInterp *interp, CsObject *self, gint64 *out);
  gboolean  (*to_float)  (CsInterp *interp, CsObject *self, double *out);
  /* copy.copy / copy.deepcopy (__copy__ / __deepcopy__). */
  CsObject *(*copy)      (CsInterp *interp, CsObject *self);
  CsObject *(*deepcopy)  (CsInterp *interp, CsObject *self, CsCopyMemo *memo);
  /* Objects this one references, for the collector and the snapshot. */
  void      (*traverse)  (CsObject *self, CsVisitFunc visit, gpointer user_data);
  void      (*finalize)  (CsObject *self);
  /* Fill the kind-specific fields of a snapshot object (tensors, arrays,
   * grad_fn nodes); cs-trace.c fills the generic ones. */
  void      (*snapshot)  (CsObject *self, CsSnapObject *snap);
  /* A callable other than list/dict/array/tensor (hidden from facts names). */
  gboolean           is_callable_value;
};

/* ---- storage ------------------------------------------------------------ */

typedef enum
{
  CS_STORAGE_NUMPY,
  CS_STORAGE_TORCH,
} CsStorageOwner;

struct _CsStorage
{
  gint           ref_count;
  guint64        serial;      /* from the heap's serial counter */
  CsDType        dtype;
  gsize          numel;
  gpointer       data;        /* numel * itemsize bytes, zeroed */
  guint32        version;     /* bumped by every write */
  CsStorageOwner owner;
  CsStorage     *shares;      /* the storage whose bytes these are (from_numpy), or NULL */
  gsize          shares_offset_bytes;
  gpointer       snap_cache;  /* private to cs-trace.c */
};

CsStorage *cs_storage_new      (CsHeap        *heap,
                                CsDType        dtype,
                                gsize          numel,
                                CsStorageOwner owner);
CsStorage *cs_storage_ref      (CsStorage     *storage);
void       cs_storage_unref    (CsStorage     *storage);
gsize      cs_storage_nbytes   (CsStorage     *storage);
void       cs_storage_touch    (CsStorage     *storage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsStorage, cs_storage_unref)

/* ---- heap --------------------------------------------------------------- */

CsHeap     *cs_heap_new              (void);
void        cs_heap_free             (CsHeap        *heap);
guint64     cs_heap_next_serial      (CsHeap        *heap);
gsize       cs_heap_count            (CsHeap        *heap);
/* Allocate a zeroed object of @cls.  Never NULL (limits are checked by the
 * interpreter through cs_interp_alloc). */
CsObject   *cs_heap_alloc            (CsHeap        *heap,
                                      const CsClass *cls);
/* Mutation counter: any change visible in a snapshot bumps it, so a step
 * that changed nothing can share the previous snapshot. */
void        cs_heap_touch            (CsHeap        *heap);
guint64     cs_heap_mutations        (CsHeap        *heap);
/* Mark everything reachable from @roots (and permanent objects), then
 * free the rest.  @freed receives the serials of freed objects (may be
 * NULL).  Iterative: safe on any depth. */
void        cs_heap_collect          (CsHeap        *heap,
                                      CsObject     **roots,
                                      gsize          n_roots,
                                      GArray        *freed);
/* Calls @func on each object reachable from @roots, each once, in
 * depth-first pre-order (children in class traversal order). */
void        cs_heap_walk             (CsHeap        *heap,
                                      CsObject     **roots,
                                      gsize          n_roots,
                                      CsVisitFunc    func,
                                      gpointer       user_data);

/* ---- generic object helpers -------------------------------------------- */

static inline CsKind
cs_object_kind (const CsObject *obj);

const char *cs_object_type_name      (const CsObject *obj);
void        cs_object_traverse       (CsObject       *obj,
                                      CsVisitFunc     visit,
                                      gpointer        user_data);
gboolean    cs_object_is_mutable     (const CsObject *obj);

/* Shown by value in pictures and inline in facts: None, bool, int, float,
 * str, and tuples (whose items may still reference mutable objects). */
gboolean    cs_object_is_value_kind  (const CsObject *obj);

G_END_DECLS


static inline CsKind
cs_object_kind (const CsObject *obj)
{
  return obj->cls->kind;
}
