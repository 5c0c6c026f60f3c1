/* cs-layout-private.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cs-layout.h"

G_BEGIN_DECLS

/* The layout works from a small model of one step's heap, filled either
 * from an engine snapshot (cs-layout-snapshot.c) or from a facts file
 * (cs-layout-facts.c).  Objects are keyed by a 64-bit id (the engine's
 * serial).
 */

#define CS_LM_MAX_DIMS 16

typedef enum
{
  CS_LM_VALUE,      /* int, float, bool, None, str, other atoms: a repr */
  CS_LM_LIST,
  CS_LM_TUPLE,
  CS_LM_DICT,
  CS_LM_NDARRAY,
  CS_LM_TENSOR,
  CS_LM_GRAD_FN,
} CsLmKind;

typedef struct
{
  char    *text;      /* Drawn inline, or NULL for a reference. */
  guint64  ref;       /* Referenced object when text is NULL. */
} CsLmItem;

typedef struct
{
  guint64   id;
  CsLmKind  kind;
  char     *type_name;
  char     *repr;              /* CS_LM_VALUE */
  guint64   address;           /* id (); 0 when unknown (facts) */
  GArray   *items;             /* CsLmItem; dict: key, value, key, value */
  /* Arrays and tensors. */
  char     *dtype;
  gsize     itemsize;
  guint     ndim;
  gint64    shape[CS_LM_MAX_DIMS];
  gint64    strides[CS_LM_MAX_DIMS];  /* elements */
  gint64    offset;
  guint64   storage;
  gboolean  requires_grad;
  gboolean  is_leaf;
  gboolean  contiguous;
  guint64   grad;              /* grad tensor id, 0 for None */
  guint64   grad_fn;           /* node id, 0 for None */
  /* Grad fn nodes. */
  GArray   *next;              /* guint64 node ids, 0 = None */
  guint64   variable;          /* AccumulateGrad: its leaf tensor */
  /* Logical values (row-major), for grads and for facts storages. */
  GPtrArray *values;           /* char* */
} CsLmObject;

typedef struct
{
  guint64    id;
  char      *dtype;
  gsize      itemsize;
  gsize      numel;
  gsize      nbytes;
  GPtrArray *cells;            /* char*, "" when unknown */
} CsLmStorage;

typedef struct
{
  char     *name;
  CsLmItem  target;
} CsLmName;

typedef struct
{
  guint64  id;                 /* container or storage */
  gsize    index;
  char    *old_text;
} CsLmWrite;

typedef struct
{
  guint64  from;
  guint64  to;
  char    *text;
  guint    order;
} CsLmFlow;

typedef struct
{
  /* The step. */
  guint       line;
  char       *code;
  char       *caption;
  char       *error;
  guint       step_index;
  guint       n_steps;
  gboolean    first_step;      /* No previous step: nothing is "new". */

  GPtrArray  *names;           /* CsLmName */
  GHashTable *objects;         /* guint64* → CsLmObject */
  GHashTable *storages;        /* guint64* → CsLmStorage */

  /* Changes since the previous step. */
  GHashTable *new_objects;     /* set of guint64* */
  GHashTable *new_storages;    /* set of guint64* */
  GHashTable *rebound_names;   /* set of char* */
  GPtrArray  *slot_writes;     /* CsLmWrite (container id) */
  GPtrArray  *cell_writes;     /* CsLmWrite (storage id) */
  GHashTable *grad_changed;    /* set of guint64* (tensor ids) */
  GPtrArray  *flows;           /* CsLmFlow */
} CsLayoutModel;

CsLayoutModel *_cs_layout_model_new         (void);
void           _cs_layout_model_free        (CsLayoutModel         *model);
CsLmObject    *_cs_layout_model_add_object  (CsLayoutModel         *model,
                                             guint64                id,
                                             CsLmKind               kind,
                                             const char            *type_name);
CsLmStorage   *_cs_layout_model_add_storage (CsLayoutModel         *model,
                                             guint64                id);
void           _cs_layout_model_add_name    (CsLayoutModel         *model,
                                             const char            *name,
                                             const char            *text,
                                             guint64                ref);
void           _cs_lm_object_add_item       (CsLmObject            *object,
                                             const char            *text,
                                             guint64                ref);
CsLmObject    *_cs_layout_model_lookup      (CsLayoutModel         *model,
                                             guint64                id);
void           _cs_layout_model_add_write   (GPtrArray             *writes,
                                             guint64                id,
                                             gsize                  index,
                                             const char            *old_text);
void           _cs_layout_model_mark        (GHashTable            *set,
                                             guint64                id);
gboolean       _cs_layout_model_marked      (GHashTable            *set,
                                             guint64                id);
char          *_cs_layout_format_number     (double                 value,
                                             gboolean               floating) G_GNUC_WARN_UNUSED_RESULT;

/* Measures the model's names and cards, so a whole trace can use the
 * widest column widths and keep its picture steady.
 */
void           _cs_layout_model_diff        (CsLayoutModel         *model,
                                             CsLayoutModel         *prev);
void           _cs_layout_model_measure     (CsLayoutModel         *model,
                                             double                *name_width,
                                             double                *card_width);
CsScene       *_cs_layout_model_build       (CsLayoutModel         *model,
                                             const CsLayoutOptions *options) G_GNUC_WARN_UNUSED_RESULT;
GArray        *_cs_layout_model_view_cells  (CsLayoutModel         *model,
                                             guint64                serial,
                                             guint64               *storage) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsLayoutModel, _cs_layout_model_free)

G_END_DECLS
