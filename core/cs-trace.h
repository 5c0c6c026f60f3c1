/* cs-trace.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Running a program step by step: a CsTrace holds one CsStep per
 * top-level statement, each with what the step printed, its id() values,
 * warnings, error, events, and an immutable CsSnapshot of the heap after
 * the step.
 *
 * Snapshot model (for the scene painter and the facts writer):
 *
 *  - names: the module-level names in first-binding order, each with the
 *    serial of the object it holds and flags (hidden: bound by import and
 *    unchanged, a module, a function or other callable);
 *  - objects: every object reachable from the names (ints, strs, tuples
 *    included), sorted by serial.  Each CsSnapObject has its serial, kind,
 *    type name, id() address and, for value kinds (None, bool, int, float,
 *    str) and other atoms, its repr.  Containers list their items as
 *    serials (dict: key, value, key, value, ...); look them up with
 *    cs_snapshot_lookup ().  A container's full repr is composed on demand
 *    by cs_snapshot_dup_repr ().  Use cs_snap_object_is_inline () to decide
 *    whether to draw an item inside its container (immutable values) or as
 *    an arrow to a box (everything else);
 *  - arrays and tensors carry a CsSnapArray: storage serial, offset,
 *    shape, strides (elements), dtype, base, autograd fields; the storage's
 *    bytes at that step are in snapshot->storages (a CsSnapStorage);
 *  - grad_fn nodes carry name and next edges (serials).
 *
 * Snapshot objects never change once built and are shared between steps
 * when an object did not change, so keeping every step's snapshot costs
 * little.  Everything is reference counted; no GObject.
 */

#pragma once

#include <glib.h>

#include "cs-ast.h"
#include "cs-dtype.h"

G_BEGIN_DECLS

/* ---- limits ----------------------------------------------------------- */

typedef struct
{
  gsize   max_source_bytes;        /* 1 MiB */
  guint   max_statements;          /* 10,000 top-level statements */
  guint64 max_loop_iterations;     /* per step, 100,000 */
  guint   max_call_depth;          /* 1000, like sys.getrecursionlimit () */
  guint   max_c_depth;             /* nested repr/==/deepcopy: 1000 */
  gsize   max_container_len;       /* 1,000,000 items per list/dict/str */
  gsize   max_total_slots;         /* 10,000,000 container slots in a step */
  gsize   max_heap_objects;        /* 1,000,000 live objects */
  gsize   max_storage_numel;       /* 1,000,000 elements per storage */
  guint64 max_step_statements;     /* statements executed per step, 2,000,000 */
  guint64 max_total_statements;    /* statements executed per run, 10,000,000 */
} CsRunOptions;

void cs_run_options_init_defaults (CsRunOptions *options);

/* ---- events ----------------------------------------------------------- */

typedef enum
{
  CS_EVENT_NAME_BOUND,        /* name, new_serial */
  CS_EVENT_NAME_REBOUND,      /* name, old_serial -> new_serial */
  CS_EVENT_NAME_UNBOUND,      /* name, old_serial */
  CS_EVENT_OBJECT_CREATED,    /* serial (newly reachable after the step) */
  CS_EVENT_OBJECT_FREED,      /* serial (was in the previous snapshot) */
  CS_EVENT_ITEM_WRITTEN,      /* serial (container), path, old_serial -> new_serial */
  CS_EVENT_ITEM_INSERTED,     /* serial, path, new_serial */
  CS_EVENT_ITEM_REMOVED,      /* serial, path, old_serial */
  /* Engine II/III. */
  CS_EVENT_STORAGE_ALLOCATED, /* serial (storage) */
  CS_EVENT_STORAGE_FREED,     /* serial (storage) */
  CS_EVENT_STORAGE_WRITTEN,   /* serial (storage), cells, old_values -> new_values */
  CS_EVENT_STORAGE_COPIED,    /* other_serial (from storage) -> serial (to storage) */
  CS_EVENT_VIEW_CREATED,      /* serial (view object), other_serial (storage), cells */
  CS_EVENT_GRAD_PASSED,       /* serial (from node) -> other_serial (to node), text (values) */
  CS_EVENT_GRAD_ACCUMULATED,  /* serial (leaf tensor), old_serial -> new_serial (grads), text */
} CsEventKind;

typedef struct
{
  CsEventKind kind;
  guint64     serial;
  guint64     old_serial;     /* 0 when none */
  guint64     new_serial;     /* 0 when none */
  guint64     other_serial;
  char       *name;           /* name events: the name */
  char       *path;           /* item events: "[2]", "['w']" */
  char       *text;           /* free text (gradient values, ...) */
  GArray     *cells;          /* gsize element indices, or NULL */
  GArray     *old_values;     /* double, or NULL */
  GArray     *new_values;     /* double, or NULL */
} CsEvent;

CsEvent *cs_event_new  (CsEventKind kind);
void     cs_event_free (CsEvent *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsEvent, cs_event_free)

/* ---- snapshots ---------------------------------------------------------- */

typedef struct _CsSnapStorage CsSnapStorage;
typedef struct _CsSnapObject  CsSnapObject;
typedef struct _CsSnapshot    CsSnapshot;

/* Kinds as in cs-value.h's CsKind (an int here so this header stands alone). */
typedef int CsSnapKind;

struct _CsSnapStorage
{
  gint     ref_count;
  guint64  serial;
  CsDType  dtype;
  gsize    numel;
  gsize    nbytes;
  gpointer data;              /* copy of the bytes at this step */
  guint32  version;
  gboolean torch;             /* owner: TRUE torch, FALSE numpy */
  guint64  shares_serial;     /* storage whose bytes these are, or 0 */
  gsize    shares_offset_bytes;
};

typedef struct
{
  guint64  storage_serial;
  gsize    offset;
  guint    ndim;
  gint64  *shape;
  gint64  *strides;           /* in elements */
  CsDType  dtype;
  guint64  base_serial;       /* ndarray .base, 0 for None */
  gboolean is_tensor;
  gboolean requires_grad;
  gboolean is_leaf;
  gboolean retains_grad;
  gboolean contiguous;
  guint64  grad_serial;       /* 0 for None */
  guint64  grad_fn_serial;    /* 0 for None */
} CsSnapArray;

struct _CsSnapObject
{
  gint        ref_count;
  guint64     serial;
  CsSnapKind  kind;
  char       *type_name;     /* "list", "Tensor", "AddBackward0" */
  guint64     address;       /* id () */
  char       *repr;          /* atoms only (see above), else NULL */
  guint64    *items;         /* containers: item serials; dict: k, v, k, v */
  gsize       n_items;
  gboolean    callable;      /* function, builtin, type, module-level callable */
  /* Exact values for facts. */
  gint64      int_value;     /* bool, int */
  double      float_value;
  char       *str_data;      /* str: its UTF-8 bytes */
  gsize       str_len;
  CsSnapArray *array;        /* ndarray, tensor */
  char       *grad_fn_name;  /* grad_fn nodes */
  guint64    *next;          /* next_functions nodes (0 = None) */
  guint       n_next;
  guint64     variable_serial; /* AccumulateGrad: its leaf */
  /* Private to the producer of kind-specific fields. */
  gpointer    ext;
  GDestroyNotify ext_destroy;
  guint64     stamp;         /* private to cs-trace.c */
};

typedef struct
{
  char    *name;             /* interned (g_intern_string): never free it */
  guint64  serial;
  gboolean hidden;           /* FACTS.md 3.1: not a user-visible name */
} CsSnapName;

struct _CsSnapshot
{
  gint           ref_count;
  CsSnapName    *names;      /* first-binding order */
  guint          n_names;
  CsSnapObject **objects;    /* sorted by serial */
  guint          n_objects;
  CsSnapStorage **storages;  /* sorted by serial */
  guint          n_storages;
};

CsSnapObject  *cs_snap_object_new        (void);
CsSnapObject  *cs_snap_object_ref        (CsSnapObject  *object);
void           cs_snap_object_unref      (CsSnapObject  *object);
gboolean       cs_snap_object_is_inline  (const CsSnapObject *object);

CsSnapStorage *cs_snap_storage_ref       (CsSnapStorage *storage);
void           cs_snap_storage_unref     (CsSnapStorage *storage);

CsSnapshot    *cs_snapshot_ref           (CsSnapshot    *snapshot);
void           cs_snapshot_unref         (CsSnapshot    *snapshot);
const CsSnapObject  *cs_snapshot_lookup         (const CsSnapshot *snapshot,
                                                 guint64           serial);
const CsSnapStorage *cs_snapshot_lookup_storage (const CsSnapshot *snapshot,
                                                 guint64           serial);
/* Python's repr of the object as it was at this step ([[...]] for cycles). */
char          *cs_snapshot_dup_repr      (const CsSnapshot *snapshot,
                                          guint64           serial) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSnapObject, cs_snap_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSnapStorage, cs_snap_storage_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSnapshot, cs_snapshot_unref)

/* ---- steps and traces ----------------------------------------------------- */

typedef struct
{
  char  *type;               /* "NameError", "SyntaxError", "UnsupportedFeature", "LimitExceeded" */
  char  *message;
  guint  line;
  guint  column;
} CsStepError;

typedef struct
{
  guint        line;
  guint        column;
  CsSpan       span;
  char        *source;       /* the statement's text, exactly */
  char        *caption;      /* comment block above, or NULL */
  char        *stdout_text;
  GArray      *ids;          /* gint64 */
  GPtrArray   *warnings;     /* "Category: message" */
  CsStepError *error;        /* NULL when none */
  GPtrArray   *events;       /* CsEvent* */
  CsSnapshot  *snapshot;
} CsStep;

typedef struct
{
  gint       ref_count;
  char      *filename;
  char      *title;
  GPtrArray *steps;          /* CsStep* */
} CsTrace;

/* Run every top-level statement of @program as one step.  @options may be
 * NULL for the defaults.  Never NULL. */
CsTrace    *cs_trace_run     (const CsProgram    *program,
                              const CsRunOptions *options) G_GNUC_WARN_UNUSED_RESULT;
CsTrace    *cs_trace_ref     (CsTrace            *trace);
void        cs_trace_unref   (CsTrace            *trace);
guint       cs_trace_get_n_steps (CsTrace        *trace);
CsStep     *cs_trace_get_step    (CsTrace        *trace,
                                  guint           index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTrace, cs_trace_unref)

G_END_DECLS
