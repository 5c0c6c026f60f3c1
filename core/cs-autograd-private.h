/* cs-autograd-private.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by cs-autograd.c (grad mode, tensor attributes,
 * recording) and cs-autograd-backward.c (the engine and the formulas).
 */

#pragma once

#include "cs-autograd.h"

G_BEGIN_DECLS

typedef struct
{
  guint  ndim;
  gint64 shape[CS_MAX_DIMS];
} CsAgShape;

/* A tensor's private autograd data (obj->array.ag.extra), reference
 * counted so that nodes can keep weak links to tensors that the collector
 * may free before them. */
typedef struct
{
  gint      ref_count;
  CsObject *owner;           /* the tensor; NULL once it was finalized */
  CsObject *accumulator;     /* weak: the leaf's AccumulateGrad node */
  CsObject *view_base;       /* strong (traversed by the tensor): root base of a view */
  gboolean  view_no_grad;    /* the view was made in no_grad mode */
  GPtrArray *views;          /* base only: CsAgData refs of its views (owner NULL once freed) */
  GPtrArray *hooks;          /* register_hook callables (traversed by the tensor), NULL = removed */
  char     *grad_fn_name;    /* name of the last grad_fn (for error texts) */
  gboolean  pending_via_view; /* the pending write goes through indexing */
  double   *pending;         /* values before an in-place write */
  gsize     pending_numel;
} CsAgData;

/* A saved variable: the values at save time and the version counter. */
typedef struct
{
  CsAgData  *data;           /* ref, or NULL (wrapped scalar, internal) */
  CsStorage *storage;        /* ref: the version counter, or NULL */
  guint32    version;
  gboolean   is_output;
  CsDType    dtype;
  CsAgShape  shape;
  double    *values;
  gsize      numel;
} CsAgSaved;

typedef enum
{
  CS_AG_NODE_FORMULA,
  CS_AG_NODE_ACCUMULATE,
  CS_AG_NODE_COPY_SLICES,
  CS_AG_NODE_AS_STRIDED,
} CsAgNodeKind;

typedef struct
{
  guint     ndim;
  gint64    shape[CS_MAX_DIMS];
  gint64    strides[CS_MAX_DIMS];
  gint64    offset;
} CsAgGeometry;

typedef struct _CsAgNode CsAgNode;

struct _CsAgNode
{
  CsAgNodeKind kind;
  CsGradOp     op;
  CsGradRecord rec;          /* inputs NULL */
  guint64      seq;
  guint        n_in;         /* formula inputs (= edges for plain nodes) */
  CsAgShape   *in_shape;
  CsDType     *in_dtype;
  gboolean    *in_present;   /* a tensor operand (not a Python scalar) */
  CsAgShape    out_shape;
  CsDType      out_dtype;
  CsAgSaved   *self_;        /* roles, each NULL when not saved */
  CsAgSaved   *other;
  CsAgSaved   *result;
  gboolean     has_saved;    /* holds saved variables (backward twice fails) */
  gboolean     released;
  GPtrArray   *retainers;    /* CsAgData refs of tensors that retain_grad () */
  CsAgData    *leaf;         /* AccumulateGrad: the leaf's data (ref) */
  /* AS_STRIDED: input geometry (the base) and output geometry (the view);
   * COPY_SLICES: base and view geometry, and the in-place op on the view. */
  CsAgGeometry base_geom;
  CsAgGeometry view_geom;
  CsAgNode    *fn;           /* owned, COPY_SLICES only */
};

/* cs-autograd.c */
CsAgData   *_cs_ag_data          (CsObject *t);
void        _cs_ag_data_unref    (CsAgData *data);
CsAgData   *_cs_ag_data_ref      (CsAgData *data);
void        _cs_ag_saved_free    (CsAgSaved *saved);
void        _cs_ag_node_free     (CsAgNode *node);
CsAgNode   *_cs_ag_node_of       (CsObject *obj);
CsObject   *_cs_ag_accumulator   (CsInterp *interp,
                                  CsObject *leaf);
char       *_cs_ag_type_string   (CsDType   dtype);
/* A visible change of @obj's autograd fields (bumps obj->version for the snapshot cache). */
void        _cs_ag_touch         (CsInterp *interp,
                                  CsObject *obj);

/* Have the node run this tensor's retain_grad / hooks when its gradient arrives. */
void        _cs_ag_watch         (CsObject *node,
                                  CsAgData *data);

/* cs-autograd-backward.c */
/* Input gradients of @node for @grad (row-major, node->out_shape).  out[i]
 * receives a new array (in_shape[i]) or NULL when input i gets none. */
void        _cs_ag_node_apply    (CsAgNode      *node,
                                  const double  *grad,
                                  double       **out);
gsize       _cs_ag_shape_numel   (const CsAgShape *shape);
/* The engine.  @capture (may be NULL): node -> NULL on entry; receives the
 * gradient (g_malloc'ed doubles) flowing into each of those nodes, and
 * then no .grad is accumulated (torch.autograd.grad). */
gboolean    _cs_ag_run_backward  (CsInterp   *interp,
                                  CsObject   *t,
                                  CsObject   *gradient,
                                  gboolean    retain_graph,
                                  GHashTable *capture);

G_END_DECLS
