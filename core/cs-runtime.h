/* cs-runtime.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interpreter's internal API, for the evaluator, the builtins and the
 * library models (NumPy, torch, autograd).  A library model plugs in
 * without editing the evaluator:
 *
 *  - define static CsClass values for its objects (repr, getattr, binop,
 *    getitem/setitem, iter, call, snapshot, ...; see cs-value.h);
 *  - register a module initialiser in the table of cs-modules.c, which
 *    fills the module namespace with cs_module_add* ();
 *  - raise Python exceptions with cs_interp_raise () and return NULL (or
 *    FALSE / -1): the evaluator ends the step with that error;
 *  - report events (cs_interp_event_*) and warnings (cs_interp_warn).
 *
 * Objects are never freed during a step, so C code may hold CsObject
 * pointers freely until it returns.  Everything a later step must see has
 * to be reachable from the module namespace (or be marked permanent).
 * Any change to an existing object that a snapshot could show must call
 * cs_interp_touch () (or bump the storage version for buffer writes).
 */

#pragma once

#include <stdarg.h>

#include "cs-ast.h"
#include "cs-trace.h"
#include "cs-value.h"

G_BEGIN_DECLS

/* The fixed classes of the builtin kinds. */
extern const CsClass cs_none_class;
extern const CsClass cs_bool_class;
extern const CsClass cs_int_class;
extern const CsClass cs_float_class;
extern const CsClass cs_str_class;
extern const CsClass cs_tuple_class;
extern const CsClass cs_list_class;
extern const CsClass cs_dict_class;
extern const CsClass cs_range_class;
extern const CsClass cs_slice_class;
extern const CsClass cs_module_class;
extern const CsClass cs_builtin_class;
extern const CsClass cs_function_class;
extern const CsClass cs_type_class;
extern const CsClass cs_namespace_class;
extern const CsClass cs_not_implemented_class;
extern const CsClass cs_ellipsis_class;
extern const CsClass cs_list_iter_class;
extern const CsClass cs_tuple_iter_class;
extern const CsClass cs_str_iter_class;
extern const CsClass cs_range_iter_class;
extern const CsClass cs_dict_keys_class;
extern const CsClass cs_dict_values_class;
extern const CsClass cs_dict_items_class;
extern const CsClass cs_dict_keyiter_class;
extern const CsClass cs_dict_valueiter_class;
extern const CsClass cs_dict_itemiter_class;
extern const CsClass cs_object_class;       /* "object", the root for isinstance */

typedef struct
{
  char     *type;      /* "TypeError" */
  char     *message;   /* first line of str(exc) */
  guint     line;
  guint     column;
  CsObject *value;     /* the exception object once raise/except made one, else NULL */
} CsError;

typedef struct _CsFrame CsFrame;

/* A running call (or the module level). */
struct _CsFrame
{
  CsFrame    *parent;
  CsObject   *ns;          /* CS_KIND_NAMESPACE of locals (module: globals) */
  CsObject   *globals;
  CsObject   *function;    /* NULL at module level and in comprehensions' owner */
  GHashTable *locals_set;  /* names local to this function (borrowed), NULL at module level */
  CsObject   *consts;      /* constant cache of the code unit */
  gboolean    is_comprehension;
};

struct _CsInterp
{
  CsHeap        *heap;
  CsRunOptions   options;

  /* Singletons and caches (permanent). */
  CsObject      *none;
  CsObject      *true_obj;
  CsObject      *false_obj;
  CsObject      *not_implemented;
  CsObject      *ellipsis;
  CsObject      *small_ints[262];     /* -5 .. 256 */
  CsObject      *empty_str;
  CsObject      *empty_tuple;
  CsObject      *latin1[256];          /* one-character strings, made on demand */
  GHashTable    *interned;             /* char* -> CsObject* str */
  GHashTable    *type_objects;         /* const CsClass* -> CsObject* */
  CsObject      *builtins;             /* namespace of builtins */
  CsObject      *globals;              /* module namespace */
  CsObject      *modules;              /* namespace: module name -> module */
  GHashTable    *import_values;        /* name -> CsObject* bound by import */

  /* The running step. */
  CsError       *error;                /* raised exception, NULL when none */
  GString       *out;                  /* stdout of the step */
  GArray        *ids;                  /* gint64 */
  GPtrArray     *warnings;             /* char* */
  GPtrArray     *events;               /* CsEvent* */
  CsFrame       *frame;
  guint          call_depth;
  guint          c_depth;              /* nested repr/eq/hash/copy */
  guint64        loop_iterations;
  gsize          total_slots;
  CsObject      *step_consts;          /* constant cache of the current statement */
  const CsStmt  *stmt;                 /* top-level statement being run */
  const CsSpan  *span;                 /* innermost node being evaluated */
  GPtrArray     *repr_stack;           /* containers whose repr is running */
  const char    *stack_base;           /* C stack address when the step began */
  guint64        next_calls;           /* iterator steps taken in this step */
  guint64        work;                 /* statements executed in this step */
  GPtrArray     *spare_frames;         /* uncaptured call namespaces, reused within a step */
  guint64        total_work;           /* statements executed in the whole run */
  gint           library_depth;        /* >0 while library code runs (id() not recorded) */
  gpointer       extension[8];         /* state of library models (cs-torch.c, ...) */
  /* __qualname__ of each def, lambda and comprehension node (const AST
   * node -> char*), found when a statement is checked before it runs. */
  GHashTable    *qualnames;
  /* Exceptions being handled by running except clauses (CsError*,
   * innermost last; borrowed), for a bare "raise". */
  GPtrArray     *handling;
};

/* ---- errors ------------------------------------------------------------- */

void      cs_interp_raise          (CsInterp   *interp,
                                    const char *type,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (3, 4);
gboolean  cs_interp_has_error      (CsInterp   *interp);
void      cs_interp_clear_error    (CsInterp   *interp);
/* Enter/leave a recursive C operation (repr, ==, hash, deepcopy).  Enter
 * raises RecursionError with @what (Python's wording, e.g. "while getting
 * the repr of an object") and returns FALSE when too deep. */
gboolean  cs_interp_enter_recursion (CsInterp  *interp,
                                     const char *what);
void      cs_interp_leave_recursion (CsInterp  *interp);
/* FALSE + RecursionError when the C stack of this step is nearly used up
 * (deeply nested calls of nested expressions). */
gboolean  cs_interp_check_stack    (CsInterp   *interp);
/* Count one loop iteration; FALSE + LimitExceeded when over the limit. */
gboolean  cs_interp_count_iteration (CsInterp  *interp);
/* Account @n new container slots; FALSE + MemoryError when over a limit. */
gboolean  cs_interp_reserve_slots   (CsInterp  *interp,
                                     gsize      current,
                                     gsize      n);

/* ---- output, ids, warnings, events -------------------------------------- */

void      cs_interp_write          (CsInterp   *interp,
                                    const char *text,
                                    gssize      len);
void      cs_interp_warn           (CsInterp   *interp,
                                    const char *category,
                                    const char *message);
/* Records that @obj (may be NULL) changed: bumps its version and the
 * heap's mutation counter. */
void      cs_interp_touch          (CsInterp   *interp,
                                    CsObject   *obj);
/* Takes ownership of @event. */
void      cs_interp_add_event      (CsInterp   *interp,
                                    CsEvent    *event);
void      cs_interp_event_item     (CsInterp   *interp,
                                    CsEventKind kind,
                                    CsObject   *container,
                                    CsObject   *key,
                                    gssize      index,
                                    CsObject   *old_value,
                                    CsObject   *new_value);

/* ---- constructors ------------------------------------------------------- */

CsObject *cs_interp_alloc          (CsInterp      *interp,
                                    const CsClass *cls);
CsObject *cs_none                  (CsInterp   *interp);
CsObject *cs_bool                  (CsInterp   *interp,
                                    gboolean    value);
CsObject *cs_not_implemented       (CsInterp   *interp);
CsObject *cs_int_new               (CsInterp   *interp,
                                    gint64      value);
CsObject *cs_float_new             (CsInterp   *interp,
                                    double      value);
CsObject *cs_str_new               (CsInterp   *interp,
                                    const char *text,
                                    gssize      len);
/* Takes @text (g_malloc'ed, NUL-terminated, @len bytes). */
CsObject *cs_str_take              (CsInterp   *interp,
                                    char       *text,
                                    gsize       len);
CsObject *cs_str_intern            (CsInterp   *interp,
                                    const char *text);
CsObject *cs_tuple_new             (CsInterp   *interp,
                                    gsize       len);   /* items NULL until set */
CsObject *cs_tuple_pack            (CsInterp   *interp,
                                    gsize       len,
                                    ...);
CsObject *cs_list_new              (CsInterp   *interp,
                                    gsize       len);   /* items NULL until set */
gboolean  cs_list_append           (CsInterp   *interp,
                                    CsObject   *list,
                                    CsObject   *item);
CsObject *cs_dict_new              (CsInterp   *interp);
gboolean  cs_dict_set              (CsInterp   *interp,
                                    CsObject   *dict,
                                    CsObject   *key,
                                    CsObject   *value);
/* 1 found (*out_value set), 0 missing, -1 error. */
int       cs_dict_lookup           (CsInterp   *interp,
                                    CsObject   *dict,
                                    CsObject   *key,
                                    CsObject  **out_value);
/* 1 deleted, 0 missing, -1 error. */
int       cs_dict_remove           (CsInterp   *interp,
                                    CsObject   *dict,
                                    CsObject   *key,
                                    CsObject  **out_value);
CsObject *cs_builtin_new           (CsInterp     *interp,
                                    const char   *name,
                                    CsBuiltinFunc func,
                                    CsObject     *self,
                                    gpointer      data);
CsObject *cs_type_object           (CsInterp      *interp,
                                    const CsClass *cls);
CsObject *cs_namespace_new         (CsInterp   *interp,
                                    CsObject   *parent);
CsObject *cs_namespace_get         (CsObject   *ns,
                                    const char *name);
/* Binds @name; returns the old value or NULL. */
CsObject *cs_namespace_set         (CsObject   *ns,
                                    const char *name,
                                    CsObject   *value);
gboolean  cs_namespace_del         (CsObject   *ns,
                                    const char *name);

/* ---- modules -------------------------------------------------------------- */

typedef gboolean (*CsModuleInit) (CsInterp *interp,
                                  CsObject *module);

typedef struct
{
  const char  *name;         /* "copy", "torch", "numpy" */
  CsModuleInit init;         /* NULL: known but not supported yet */
} CsModuleDef;

CsObject *cs_module_new            (CsInterp   *interp,
                                    const char *name);
void      cs_module_add            (CsInterp   *interp,
                                    CsObject   *module,
                                    const char *name,
                                    CsObject   *value);
void      cs_module_add_function   (CsInterp     *interp,
                                    CsObject     *module,
                                    const char   *name,
                                    CsBuiltinFunc func);
/* import NAME: the module, or NULL + ModuleNotFoundError/UnsupportedFeature. */
CsObject *cs_interp_import         (CsInterp   *interp,
                                    const char *name);

/* ---- operations (the abstract object protocol) ------------------------- */

char     *cs_op_repr               (CsInterp   *interp,
                                    CsObject   *obj);
char     *cs_op_str                (CsInterp   *interp,
                                    CsObject   *obj);
CsObject *cs_op_getattr            (CsInterp   *interp,
                                    CsObject   *obj,
                                    const char *name);
gboolean  cs_op_setattr            (CsInterp   *interp,
                                    CsObject   *obj,
                                    const char *name,
                                    CsObject   *value);
CsObject *cs_op_binary             (CsInterp   *interp,
                                    CsBinOp     op,
                                    CsObject   *a,
                                    CsObject   *b,
                                    gboolean    inplace);
CsObject *cs_op_unary              (CsInterp   *interp,
                                    CsUnaryOp   op,
                                    CsObject   *obj);
/* Rich comparison result object (EQ..GE). */
CsObject *cs_op_compare            (CsInterp   *interp,
                                    CsCmpOp     op,
                                    CsObject   *a,
                                    CsObject   *b);
/* a == b as a truth value (identity first, as containers compare). */
int       cs_op_eq                 (CsInterp   *interp,
                                    CsObject   *a,
                                    CsObject   *b);
int       cs_op_truth              (CsInterp   *interp,
                                    CsObject   *obj);
int       cs_op_contains           (CsInterp   *interp,
                                    CsObject   *container,
                                    CsObject   *item);
CsObject *cs_op_getitem            (CsInterp   *interp,
                                    CsObject   *obj,
                                    CsObject   *index);
gboolean  cs_op_setitem            (CsInterp   *interp,
                                    CsObject   *obj,
                                    CsObject   *index,
                                    CsObject   *value);
gboolean  cs_op_delitem            (CsInterp   *interp,
                                    CsObject   *obj,
                                    CsObject   *index);
CsObject *cs_op_iter               (CsInterp   *interp,
                                    CsObject   *obj);
CsObject *cs_op_next               (CsInterp   *interp,
                                    CsObject   *iter);
gssize    cs_op_len                (CsInterp   *interp,
                                    CsObject   *obj);
gboolean  cs_op_hash               (CsInterp   *interp,
                                    CsObject   *obj,
                                    guint64    *out_hash);
CsObject *cs_op_call               (CsInterp     *interp,
                                    CsObject     *callable,
                                    const CsArgs *args);
/* Collect an iterable into a new list (list(x)). */
CsObject *cs_op_to_list            (CsInterp   *interp,
                                    CsObject   *iterable);
/* operator.index (): an int or bool, else TypeError with @what. */
gboolean  cs_op_index              (CsInterp   *interp,
                                    CsObject   *obj,
                                    gint64     *out);
gboolean  cs_isinstance            (CsObject      *obj,
                                    const CsClass *cls);
CsObject *cs_copy_copy             (CsInterp   *interp,
                                    CsObject   *obj);
CsObject *cs_copy_deepcopy         (CsInterp   *interp,
                                    CsObject   *obj,
                                    CsCopyMemo *memo);
/* The memo of copy.deepcopy (id -> copy), for __deepcopy__ hooks. */
CsObject *cs_copy_memo_lookup      (CsCopyMemo *memo,
                                    CsObject   *original);
void      cs_copy_memo_add         (CsCopyMemo *memo,
                                    CsObject   *original,
                                    CsObject   *copy);

/* ---- arguments ------------------------------------------------------------ */

/* Parse @args by a spec: @names are the parameter names, @n_required of
 * them required; out[] receives the values (NULL for absent optional
 * ones).  Raises Python's TypeError wording for @fname on mismatch. */
gboolean  cs_args_parse            (CsInterp     *interp,
                                    const CsArgs *args,
                                    const char   *fname,
                                    const char  **names,
                                    guint         n_names,
                                    guint         n_required,
                                    CsObject    **out);
gboolean  cs_args_no_kwargs        (CsInterp     *interp,
                                    const CsArgs *args,
                                    const char   *fname);

/* ---- numbers and strings ------------------------------------------------ */

char     *cs_repr_float            (double      value);
char     *cs_repr_str              (const char *data,
                                    gsize       len);
char     *cs_repr_object           (CsInterp   *interp,
                                    CsObject   *obj);

/* Builtins namespace, the module table, and class method tables. */
extern const CsMethodDef _cs_list_methods[];
extern const CsMethodDef _cs_dict_methods[];
extern const CsMethodDef _cs_str_methods[];
extern const CsMethodDef _cs_tuple_methods[];
char     *_cs_repr_list            (CsInterp   *interp,
                                    CsObject   *obj);
char     *_cs_repr_tuple           (CsInterp   *interp,
                                    CsObject   *obj);
char     *_cs_repr_dict            (CsInterp   *interp,
                                    CsObject   *obj);
char     *_cs_repr_str             (CsInterp   *interp,
                                    CsObject   *obj);
char     *_cs_repr_dict_view       (CsInterp   *interp,
                                    CsObject   *obj);
/* Python's str.__format__-free printing helpers. */
gboolean  _cs_is_identifier        (const char *text,
                                    gsize       len);
/* format % args */
char     *_cs_str_percent_format   (CsInterp   *interp,
                                    CsObject   *format,
                                    CsObject   *args);
/* The constructor of builtin types (int (x), list (x), ...). */
CsObject *_cs_builtin_construct    (CsInterp      *interp,
                                    const CsClass *cls,
                                    const CsArgs  *args);
/* Slices: normalise a slice object against @length (PySlice_AdjustIndices). */
gboolean  _cs_slice_indices        (CsInterp   *interp,
                                    CsObject   *slice,
                                    gsize       length,
                                    gssize     *start,
                                    gssize     *stop,
                                    gssize     *step,
                                    gsize      *slicelength);
void      _cs_builtins_init        (CsInterp   *interp);
/* A Python builtin Copyscope does not model (set, map, ...). */
gboolean  _cs_builtin_is_unsupported (const char *name);
const CsModuleDef *_cs_modules_lookup (const char *name);
gboolean  _cs_copy_module_init     (CsInterp   *interp,
                                    CsObject   *module);
gboolean  _cs_math_module_init     (CsInterp   *interp,
                                    CsObject   *module);

G_END_DECLS
