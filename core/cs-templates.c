/* cs-templates.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Templates read the snapshot after the chosen step: which names exist,
 * what their objects are (kind, shape, dtype, requires_grad, leaf), which
 * names were bound most recently and which names the later statements
 * still use.  Operations that create a new name pick a name no statement
 * of the scenario uses.  Operations that change an existing object or name
 * (rebind, in-place write) prefer one that no later statement reaches, so
 * the rest of the scenario runs as before; rebinding keeps the object's
 * kind, shape and dtype for the same reason.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-templates.h"
#include "cs-value.h"

/* Containers nested deeper, or with more items, are not walked. */
#define MAX_WALK_DEPTH    32
#define MAX_WALK_OBJECTS  20000
/* A value rebinding reuses as a literal must be this short. */
#define MAX_LITERAL_CHARS 60
#define MAX_NUMERIC_LIST  64

typedef struct
{
  CsTrace          *trace;
  guint             after;      /* Valid when has_steps. */
  gboolean          has_steps;
  const CsSnapshot *snap;       /* NULL: nothing exists yet. */
  GPtrArray        *recent;     /* Visible names, most recently bound first. */
  GHashTable       *used;       /* Every name and identifier of the scenario. */
  GHashTable       *later;      /* Identifiers of the statements after the step. */
  GHashTable       *reached;    /* Object and storage serials later statements reach. */
} Context;

typedef enum
{
  MODULE_COPY = 1 << 0,
  MODULE_NUMPY = 1 << 1,
  MODULE_TORCH = 1 << 2,
} Module;

/* ---- reading the snapshot ---------------------------------------------- */

static const CsSnapObject *
lookup (const Context *ctx,
        guint64        serial)
{
  return ctx->snap != NULL ? cs_snapshot_lookup (ctx->snap, serial) : NULL;
}

static const CsSnapObject *
object_of_name (const Context *ctx,
                const char    *name)
{
  if (ctx->snap == NULL)
    return NULL;
  for (guint i = 0; i < ctx->snap->n_names; i++)
    if (strcmp (ctx->snap->names[i].name, name) == 0)
      return lookup (ctx, ctx->snap->names[i].serial);
  return NULL;
}

static gboolean
is_tensor (const CsSnapObject *obj)
{
  return obj != NULL && obj->kind == CS_KIND_TENSOR && obj->array != NULL;
}

static gboolean
is_ndarray (const CsSnapObject *obj)
{
  return obj != NULL && obj->kind == CS_KIND_NDARRAY && obj->array != NULL;
}

static gsize
array_numel (const CsSnapArray *array)
{
  gsize n = 1;

  for (guint i = 0; i < array->ndim; i++)
    n *= (gsize) MAX (array->shape[i], 0);
  return n;
}

static gboolean
strides_nonnegative (const CsSnapArray *array)
{
  for (guint i = 0; i < array->ndim; i++)
    if (array->strides[i] < 0)
      return FALSE;
  return TRUE;
}

/* The storage whose bytes an array really uses (from_numpy shares). */
static guint64
storage_root (const Context *ctx,
              guint64        serial)
{
  for (guint i = 0; i < 16 && ctx->snap != NULL; i++)
    {
      const CsSnapStorage *storage = cs_snapshot_lookup_storage (ctx->snap, serial);

      if (storage == NULL || storage->shares_serial == 0)
        break;
      serial = storage->shares_serial;
    }
  return serial;
}

/* A list of 1 to 64 ints and floats: what np.array and torch.tensor take. */
static gboolean
is_numeric_list (const Context      *ctx,
                 const CsSnapObject *obj)
{
  if (obj == NULL || obj->kind != CS_KIND_LIST || obj->n_items == 0 || obj->n_items > MAX_NUMERIC_LIST)
    return FALSE;
  for (gsize i = 0; i < obj->n_items; i++)
    {
      const CsSnapObject *item = lookup (ctx, obj->items[i]);

      if (item == NULL || (item->kind != CS_KIND_INT && item->kind != CS_KIND_FLOAT))
        return FALSE;
    }
  return TRUE;
}

/* Whether Python would write the object back as a literal that behaves
 * the same: None, bools, ints, finite floats, strs, tuples of those, and
 * one list or dict of those (not nested: an inner list may be shared).
 */
static gboolean
is_literal (const Context      *ctx,
            const CsSnapObject *obj,
            guint               depth)
{
  if (obj == NULL || depth > 4)
    return FALSE;
  switch (obj->kind)
    {
    case CS_KIND_NONE:
    case CS_KIND_BOOL:
    case CS_KIND_INT:
    case CS_KIND_STR:
      return TRUE;
    case CS_KIND_FLOAT:
      return obj->repr != NULL && strchr (obj->repr, 'n') == NULL; /* not inf, nan */
    case CS_KIND_LIST:
    case CS_KIND_DICT:
      /* A list inside would be a new list: names sharing it would not. */
      if (depth > 0)
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case CS_KIND_TUPLE:
      if (obj->n_items > 32)
        return FALSE;
      for (gsize i = 0; i < obj->n_items; i++)
        if (!is_literal (ctx, lookup (ctx, obj->items[i]), depth + 1))
          return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether copy.deepcopy copies it without an error: PyTorch refuses
 * tensors that are not graph leaves ("Only Tensors created explicitly by
 * the user (graph leaves) support the deepcopy protocol at the moment"),
 * and modules, functions and the like cannot be pickled.
 */
static gboolean
is_deepcopyable (const Context      *ctx,
                 const CsSnapObject *root)
{
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint count = 0;

  g_ptr_array_add (stack, (gpointer) root);
  while (stack->len > 0)
    {
      const CsSnapObject *obj = g_ptr_array_steal_index_fast (stack, stack->len - 1);

      if (obj == NULL || ++count > MAX_WALK_OBJECTS)
        return FALSE;
      if (g_hash_table_contains (seen, &obj->serial))
        continue;
      g_hash_table_add (seen, (gpointer) &obj->serial);

      switch (obj->kind)
        {
        case CS_KIND_NONE:
        case CS_KIND_BOOL:
        case CS_KIND_INT:
        case CS_KIND_FLOAT:
        case CS_KIND_STR:
        case CS_KIND_NDARRAY:
          break;
        case CS_KIND_TENSOR:
          if (obj->array == NULL || !obj->array->is_leaf)
            return FALSE;
          break;
        case CS_KIND_LIST:
        case CS_KIND_TUPLE:
        case CS_KIND_DICT:
          for (gsize i = 0; i < obj->n_items; i++)
            g_ptr_array_add (stack, (gpointer) lookup (ctx, obj->items[i]));
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- names ----------------------------------------------------------------- */

static void
add_identifiers (GHashTable *set,
                 const char *source)
{
  const char *p = source;

  while (p != NULL && *p != '\0')
    {
      if (g_ascii_isalpha (*p) || *p == '_')
        {
          const char *start = p;

          while (g_ascii_isalnum (*p) || *p == '_')
            p++;
          g_hash_table_add (set, g_strndup (start, p - start));
        }
      else if (g_ascii_isdigit (*p))
        {
          /* Skip numbers with their suffixes (1e5, 0x1f, 2j). */
          while (g_ascii_isalnum (*p) || *p == '_' || *p == '.')
            p++;
        }
      else
        p++;
    }
}

/* Marks every object and storage that @serial reaches. */
static void
mark_reached (Context *ctx,
              guint64  serial)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint count = 0;

  g_array_append_val (stack, serial);
  while (stack->len > 0 && count++ < MAX_WALK_OBJECTS)
    {
      guint64 s = g_array_index (stack, guint64, stack->len - 1);
      const CsSnapObject *obj;

      g_array_set_size (stack, stack->len - 1);
      if (s == 0 || g_hash_table_contains (ctx->reached, &s))
        continue;
      g_hash_table_add (ctx->reached, g_memdup2 (&s, sizeof s));
      obj = lookup (ctx, s);
      if (obj == NULL)
        continue;
      for (gsize i = 0; i < obj->n_items; i++)
        g_array_append_val (stack, obj->items[i]);
      if (obj->array != NULL)
        {
          guint64 root = storage_root (ctx, obj->array->storage_serial);

          /* Storage serials are a separate series: keep them apart. */
          root |= G_GUINT64_CONSTANT (1) << 63;
          g_hash_table_add (ctx->reached, g_memdup2 (&root, sizeof root));
          g_array_append_val (stack, obj->array->base_serial);
          g_array_append_val (stack, obj->array->grad_serial);
          /* The graph behind a result holds its inputs for backward(). */
          g_array_append_val (stack, obj->array->grad_fn_serial);
        }
      for (guint i = 0; i < obj->n_next; i++)
        g_array_append_val (stack, obj->next[i]);
      g_array_append_val (stack, obj->variable_serial);
    }
}

static gboolean
is_reached (const Context      *ctx,
            const CsSnapObject *obj)
{
  if (g_hash_table_contains (ctx->reached, &obj->serial))
    return TRUE;
  if (obj->array != NULL)
    {
      guint64 root = storage_root (ctx, obj->array->storage_serial) | (G_GUINT64_CONSTANT (1) << 63);

      return g_hash_table_contains (ctx->reached, &root);
    }
  return FALSE;
}

static void
context_init (Context *ctx,
              CsTrace *trace,
              guint    after_step)
{
  g_autoptr (GHashTable) rank = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = trace != NULL ? cs_trace_get_n_steps (trace) : 0;
  guint counter = 1;

  memset (ctx, 0, sizeof *ctx);
  ctx->trace = trace;
  ctx->has_steps = n > 0;
  ctx->after = n > 0 ? MIN (after_step, n - 1) : 0;
  ctx->snap = n > 0 ? cs_trace_get_step (trace, ctx->after)->snapshot : NULL;
  ctx->recent = g_ptr_array_new ();
  ctx->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->later = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->reached = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* The module names templates import are never fresh names. */
  g_hash_table_add (ctx->used, g_strdup ("copy"));
  g_hash_table_add (ctx->used, g_strdup ("np"));
  g_hash_table_add (ctx->used, g_strdup ("numpy"));
  g_hash_table_add (ctx->used, g_strdup ("torch"));

  for (guint i = 0; i < n; i++)
    {
      CsStep *step = cs_trace_get_step (trace, i);

      add_identifiers (ctx->used, step->source);
      if (i > ctx->after)
        add_identifiers (ctx->later, step->source);
      for (guint j = 0; step->snapshot != NULL && j < step->snapshot->n_names; j++)
        g_hash_table_add (ctx->used, g_strdup (step->snapshot->names[j].name));
      for (guint j = 0; i <= ctx->after && step->events != NULL && j < step->events->len; j++)
        {
          const CsEvent *event = g_ptr_array_index (step->events, j);

          if ((event->kind == CS_EVENT_NAME_BOUND || event->kind == CS_EVENT_NAME_REBOUND) &&
              event->name != NULL)
            g_hash_table_insert (rank, (gpointer) g_intern_string (event->name),
                                 GUINT_TO_POINTER (counter++));
        }
    }

  if (ctx->snap == NULL)
    return;

  /* Visible names, most recently (re)bound first; the snapshot lists them
   * in first-binding order, which breaks ties.
   */
  for (guint i = ctx->snap->n_names; i > 0; i--)
    {
      const CsSnapName *name = &ctx->snap->names[i - 1];

      if (name->hidden)
        continue;
      g_ptr_array_add (ctx->recent, name->name);
      if (g_hash_table_contains (ctx->later, name->name))
        mark_reached (ctx, name->serial);
    }
  for (guint i = 1; i < ctx->recent->len; i++)
    {
      const char *name = ctx->recent->pdata[i];
      guint r = GPOINTER_TO_UINT (g_hash_table_lookup (rank, name));
      guint j = i;

      while (j > 0 && GPOINTER_TO_UINT (g_hash_table_lookup (rank, ctx->recent->pdata[j - 1])) < r)
        {
          ctx->recent->pdata[j] = ctx->recent->pdata[j - 1];
          j--;
        }
      ctx->recent->pdata[j] = (gpointer) name;
    }
}

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->recent, g_ptr_array_unref);
  g_clear_pointer (&ctx->used, g_hash_table_unref);
  g_clear_pointer (&ctx->later, g_hash_table_unref);
  g_clear_pointer (&ctx->reached, g_hash_table_unref);
}

typedef gboolean (*Suits) (const Context *ctx, const CsSnapObject *obj);

/* The most recently bound name whose object suits; with @safe, one that
 * later statements do not reach if there is one.
 */
static const char *
pick (const Context *ctx,
      Suits          suits,
      gboolean       safe)
{
  for (guint pass = safe ? 0 : 1; pass < 2; pass++)
    for (guint i = 0; i < ctx->recent->len; i++)
      {
        const char *name = ctx->recent->pdata[i];
        const CsSnapObject *obj = object_of_name (ctx, name);

        if (obj == NULL || !suits (ctx, obj))
          continue;
        if (pass == 0 && (g_hash_table_contains (ctx->later, name) || is_reached (ctx, obj)))
          continue;
        return name;
      }
  return NULL;
}

/* Whether a later statement uses @name or reaches its object. */
static gboolean
used_later (const Context *ctx,
            const char    *name)
{
  const CsSnapObject *obj = object_of_name (ctx, name);

  return g_hash_table_contains (ctx->later, name) || (obj != NULL && is_reached (ctx, obj));
}

static gboolean
is_free (const Context *ctx,
         const char    *name)
{
  return !g_hash_table_contains (ctx->used, name);
}

/* "b", "c", ... then @base2, @base3, ... */
static char *
fresh_name (const Context *ctx,
            const char    *base,
            gboolean       letters)
{
  static const char *const simple[] = {
    "b", "c", "d", "e", "f", "g", "h", "k", "m", "n", "p", "q", "r", "s", "u", "v", "w", "z",
  };
  gboolean digit_end;

  if (letters)
    for (guint i = 0; i < G_N_ELEMENTS (simple); i++)
      if (is_free (ctx, simple[i]))
        return g_strdup (simple[i]);

  if (is_free (ctx, base))
    return g_strdup (base);
  digit_end = g_ascii_isdigit (base[strlen (base) - 1]);
  for (guint i = 2; i < 100000; i++)
    {
      g_autofree char *name = g_strdup_printf (digit_end ? "%s_%u" : "%s%u", base, i);

      if (is_free (ctx, name))
        return g_steal_pointer (&name);
    }
  g_return_val_if_reached (g_strdup (base));
}

/* ---- code pieces ------------------------------------------------------------ */

static char *
shape_text (const CsSnapArray *array)
{
  GString *s = g_string_new ("(");

  for (guint i = 0; i < array->ndim; i++)
    g_string_append_printf (s, i > 0 ? ", %" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, array->shape[i]);
  if (array->ndim == 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/* "[0, 0]" for a 2-D array: the first element. */
static char *
first_index (const CsSnapArray *array)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < array->ndim; i++)
    g_string_append (s, i > 0 ? ", 0" : "0");
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* A new array of the same shape and dtype (and requires_grad): what a
 * rebinding should hold so later statements still work.
 */
static char *
zeros_like_text (const CsSnapArray *array)
{
  g_autofree char *shape = shape_text (array);
  const char *dtype = cs_dtype_name (array->dtype);

  if (array->is_tensor)
    {
      GString *s = g_string_new ("torch.zeros(");

      if (array->ndim == 0)
        g_string_append (s, "()");
      else
        for (guint i = 0; i < array->ndim; i++)
          g_string_append_printf (s, i > 0 ? ", %" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, array->shape[i]);
      if (array->dtype != CS_DTYPE_FLOAT32)
        g_string_append_printf (s, ", dtype=torch.%s", dtype);
      if (array->requires_grad && cs_dtype_is_floating (array->dtype))
        g_string_append (s, ", requires_grad=True");
      g_string_append_c (s, ')');
      return g_string_free (s, FALSE);
    }

  if (array->dtype == CS_DTYPE_FLOAT64)
    return g_strdup_printf ("np.zeros(%s)", shape);
  return g_strdup_printf ("np.zeros(%s, dtype=np.%s%s)", shape, dtype,
                          array->dtype == CS_DTYPE_BOOL ? "_" : "");
}

/* A shape .view() accepts for @array: flat for 2-D and more, two
 * dimensions for 1-D (the smallest factor first), one for 0-D.
 */
static char *
view_shape_text (const CsSnapArray *array)
{
  gsize n = array_numel (array);

  if (array->ndim >= 2)
    return g_strdup_printf ("%" G_GSIZE_FORMAT, n);
  if (array->ndim == 0)
    return g_strdup ("1");
  for (gsize p = 2; p * p <= n; p++)
    if (n % p == 0)
      return g_strdup_printf ("%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT, p, n / p);
  return g_strdup_printf ("%" G_GSIZE_FORMAT ", 1", n);
}

/* ---- building templates ------------------------------------------------------ */

void
cs_template_free (CsTemplate *tmpl)
{
  if (tmpl == NULL)
    return;
  g_free (tmpl->id);
  g_free (tmpl->label);
  g_free (tmpl->reason);
  g_free (tmpl->code);
  g_strfreev (tmpl->imports);
  g_free (tmpl->source);
  g_free (tmpl->target);
  g_free (tmpl);
}

void
cs_template_edit_free (CsTemplateEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->import_text);
  g_free (edit->code_text);
  g_free (edit);
}

static CsTemplate *
template_new (const char *id)
{
  CsTemplate *tmpl = g_new0 (CsTemplate, 1);

  tmpl->id = g_strdup (id);
  return tmpl;
}

static CsTemplate *
unavailable (CsTemplate *tmpl,
             const char *label,
             const char *reason)
{
  tmpl->available = FALSE;
  tmpl->changes_later = FALSE;
  g_free (tmpl->label);
  tmpl->label = g_strdup (label);
  tmpl->reason = g_strdup (reason);
  g_clear_pointer (&tmpl->code, g_free);
  g_clear_pointer (&tmpl->source, g_free);
  g_clear_pointer (&tmpl->target, g_free);
  return tmpl;
}

/* Fills in the imports @modules need; FALSE (and the template made
 * unavailable) when a module's usual name means something else here.
 */
static gboolean
add_imports (const Context *ctx,
             CsTemplate    *tmpl,
             Module         modules,
             const char    *generic_label)
{
  static const struct {
    Module      module;
    const char *alias;
    const char *name;
    const char *line;
  } known[] = {
    { MODULE_COPY, "copy", "copy", "import copy" },
    { MODULE_NUMPY, "np", "numpy", "import numpy as np" },
    { MODULE_TORCH, "torch", "torch", "import torch" },
  };
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      const CsSnapObject *obj;

      if (!(modules & known[i].module))
        continue;
      obj = object_of_name (ctx, known[i].alias);
      if (obj == NULL)
        g_strv_builder_add (builder, known[i].line);
      else
        {
          g_autofree char *prefix = g_strdup_printf ("<module '%s'", known[i].name);

          if (obj->kind != CS_KIND_MODULE || obj->repr == NULL || !g_str_has_prefix (obj->repr, prefix))
            {
              g_autofree char *reason = NULL;

              /* Translators: %s is a module's usual name (np, torch, copy). */
              reason = g_strdup_printf (_("the name `%s` is used for something else"), known[i].alias);
              unavailable (tmpl, generic_label, reason);
              return FALSE;
            }
        }
    }

  g_strfreev (tmpl->imports);
  tmpl->imports = g_strv_builder_end (builder);
  return TRUE;
}

/* Sets the label, the code (caption line + statement) and the imports. */
static CsTemplate *
fill (const Context *ctx,
      CsTemplate    *tmpl,
      Module         modules,
      const char    *generic_label,
      char          *label,
      char          *caption,
      char          *statement)
{
  g_autofree char *owned_label = label;
  g_autofree char *owned_caption = caption;
  g_autofree char *owned_statement = statement;

  if (!add_imports (ctx, tmpl, modules, generic_label))
    return tmpl;
  tmpl->available = TRUE;
  tmpl->label = g_steal_pointer (&owned_label);
  tmpl->code = g_strdup_printf ("# %s\n%s\n", owned_caption, owned_statement);
  return tmpl;
}

static gboolean
suits_any (const Context      *ctx,
           const CsSnapObject *obj)
{
  return TRUE;
}

static CsTemplate *
make_assign (const Context *ctx)
{
  CsTemplate *tmpl = template_new ("assign");
  const char *generic = _("New name for an object (b = a)");
  const char *source = pick (ctx, suits_any, FALSE);

  if (source == NULL)
    return unavailable (tmpl, generic, _("needs an existing name"));
  tmpl->source = g_strdup (source);
  tmpl->target = fresh_name (ctx, source, TRUE);
  return fill (ctx, tmpl, 0, generic,
               /* Translators: a menu item; %s is a variable name, keep the backquotes. */
               g_strdup_printf (_("New name for `%s`"), source),
               /* Translators: a caption comment in the code; %s are names. */
               g_strdup_printf (_("`%s = %s` copies nothing: `%s` is a second name for the same object."),
                                tmpl->target, source, tmpl->target),
               g_strdup_printf ("%s = %s", tmpl->target, source));
}

static gboolean
suits_rebind (const Context      *ctx,
              const CsSnapObject *obj)
{
  return obj->kind != CS_KIND_FUNCTION && obj->kind != CS_KIND_MODULE;
}

static CsTemplate *
make_rebind (const Context *ctx)
{
  CsTemplate *tmpl = template_new ("rebind");
  const char *generic = _("Rebind a name to a new object");
  const char *name = pick (ctx, suits_rebind, TRUE);
  const CsSnapObject *obj;
  g_autofree char *value = NULL;
  Module modules = 0;

  if (name == NULL)
    return unavailable (tmpl, generic, _("needs an existing name"));
  obj = object_of_name (ctx, name);

  /* A new object like the old one: same kind, shape and dtype, so later
   * statements still run.
   */
  if (is_tensor (obj) && obj->array->requires_grad && !obj->array->is_leaf)
    /* A result inside the graph stays one (in-place rules differ for leaves). */
    value = g_strdup_printf ("%s * 1", name);
  else if (is_tensor (obj) || is_ndarray (obj))
    {
      value = zeros_like_text (obj->array);
      modules = is_tensor (obj) ? MODULE_TORCH : MODULE_NUMPY;
    }
  else if (is_literal (ctx, obj, 0))
    {
      value = cs_snapshot_dup_repr (ctx->snap, obj->serial);
      if (value != NULL && g_utf8_strlen (value, -1) > MAX_LITERAL_CHARS)
        g_clear_pointer (&value, g_free);
    }
  /* Otherwise a value of the same kind, or a new container holding the
   * same items.
   */
  if (value == NULL && obj->kind == CS_KIND_FLOAT && obj->repr != NULL)
    value = g_strdup_printf ("float('%s')", obj->repr);   /* inf, nan */
  else if (value == NULL && (obj->kind == CS_KIND_STR || obj->kind == CS_KIND_INT) && obj->repr != NULL)
    value = g_strdup (obj->repr);
  else if (value == NULL && obj->kind == CS_KIND_LIST)
    value = g_strdup_printf ("list(%s)", name);
  else if (value == NULL && obj->kind == CS_KIND_DICT)
    value = g_strdup_printf ("dict(%s)", name);
  else if (value == NULL && obj->kind == CS_KIND_TUPLE)
    value = g_strdup_printf ("tuple(list(%s))", name);
  if (value == NULL)
    value = g_strdup ("[0, 0]");

  tmpl->source = g_strdup (name);
  tmpl->target = g_strdup (name);
  tmpl->changes_later = g_hash_table_contains (ctx->later, name);
  return fill (ctx, tmpl, modules, generic,
               /* Translators: a menu item; %s is a variable name. */
               g_strdup_printf (_("Rebind `%s` to a new object"), name),
               /* Translators: a caption comment in the code; %s is a name. */
               g_strdup_printf (_("`%s` now names a new object; other names keep the old one."), name),
               g_strdup_printf ("%s = %s", name, value));
}

static gboolean
suits_copy (const Context      *ctx,
            const CsSnapObject *obj)
{
  return obj->kind == CS_KIND_LIST || obj->kind == CS_KIND_DICT || is_ndarray (obj);
}

static CsTemplate *
make_copy (const Context *ctx)
{
  CsTemplate *tmpl = template_new ("copy");
  const char *generic = _("Shallow copy (copy.copy)");
  const char *source = pick (ctx, suits_copy, FALSE);
  char *caption;

  if (source == NULL)
    return unavailable (tmpl, generic, _("needs a list, dict or NumPy array"));
  tmpl->source = g_strdup (source);
  tmpl->target = fresh_name (ctx, source, TRUE);
  if (is_ndarray (object_of_name (ctx, source)))
    {
      /* ndarray.__copy__ copies the data (its items are numbers, not objects). */
      /* Translators: a caption comment in the code; %s is a name. */
      caption = g_strdup_printf (_("copy.copy of a NumPy array copies its data: `%s` has memory of its own."),
                                 tmpl->target);
    }
  else
    /* Translators: a caption comment in the code; %s are names. */
    caption = g_strdup_printf (_("`%s` is a new outer object, but what `%s` holds inside is shared, not copied."),
                               tmpl->target, source);
  return fill (ctx, tmpl, MODULE_COPY, generic,
               /* Translators: a menu item; %s is a variable name. */
               g_strdup_printf (_("Shallow copy of `%s` (copy.copy)"), source),
               caption,
               g_strdup_printf ("%s = copy.copy(%s)", tmpl->target, source));
}

static gboolean
suits_deepcopy (const Context      *ctx,
                const CsSnapObject *obj)
{
  return (obj->kind == CS_KIND_LIST || obj->kind == CS_KIND_DICT || is_ndarray (obj) || is_tensor (obj))
         && is_deepcopyable (ctx, obj);
}

static CsTemplate *
make_deepcopy (const Context *ctx)
{
  CsTemplate *tmpl = template_new ("deepcopy");
  const char *generic = _("Deep copy (copy.deepcopy)");
  const char *source = pick (ctx, suits_deepcopy, FALSE);

  if (source == NULL)
    return unavailable (tmpl, generic, _("needs a list, dict, NumPy array or leaf tensor"));
  tmpl->source = g_strdup (source);
  tmpl->target = fresh_name (ctx, source, TRUE);
  return fill (ctx, tmpl, MODULE_COPY, generic,
               /* Translators: a menu item; %s is a variable name. */
               g_strdup_printf (_("Deep copy of `%s` (copy.deepcopy)"), source),
               /* Translators: a caption comment in the code; %s are names. */
               g_strdup_printf (_("`%s` is a copy of `%s` and of everything inside it: they share nothing."),
                                tmpl->target, source),
               g_strdup_printf ("%s = copy.deepcopy(%s)", tmpl->target, source));
}

static gboolean
suits_array_source (const Context      *ctx,
                    const CsSnapObject *obj)
{
  return (is_ndarray (obj) && strides_nonnegative (obj->array)) || is_numeric_list (ctx, obj);
}

/* np.array, torch.tensor, torch.as_tensor: a new array named after
 * @target_base from a list or an array of the scenario, or else from
 * @literal.  @label_format names the source (%s), @caption_format the
 * new name (%s); both are translated.
 */
static CsTemplate *
make_from_data (const Context *ctx,
                const char    *id,
                Module         module,
                const char    *generic,
                const char    *target_base,
                const char    *function,
                const char    *literal,
                const char    *label_format,
                const char    *caption_format)
{
  CsTemplate *tmpl = template_new (id);
  const char *source = pick (ctx, suits_array_source, FALSE);
  g_autofree char *label = NULL;
  g_autofree char *statement = NULL;

  tmpl->target = fresh_name (ctx, target_base, FALSE);
  if (source != NULL)
    {
      tmpl->source = g_strdup (source);
      label = g_strdup_printf (label_format, source);
      statement = g_strdup_printf ("%s = %s(%s)", tmpl->target, function, source);
    }
  else
    {
      label = g_strdup (generic);
      statement = g_strdup_printf ("%s = %s(%s)", tmpl->target, function, literal);
    }
  return fill (ctx, tmpl, module, generic, g_steal_pointer (&label),
               g_strdup_printf (caption_format, tmpl->target),
               g_steal_pointer (&statement));
}

static CsTemplate *
make_np_array (const Context *ctx)
{
  return make_from_data (ctx, "np-array", MODULE_NUMPY, _("New NumPy array (np.array)"),
                         "arr", "np.array", "[1, 2, 3]",
                         /* Translators: a menu item; %s is a variable name. */
                         _("NumPy array from `%s` (np.array)"),
                         /* Translators: a caption comment in the code; %s is a name. */
                         _("np.array copies the data: `%s` has memory of its own."));
}

static CsTemplate *
make_torch_tensor (const Context *ctx)
{
  return make_from_data (ctx, "torch-tensor", MODULE_TORCH, _("New tensor (torch.tensor)"),
                         "t", "torch.tensor", "[1., 2., 3.]",
                         /* Translators: a menu item; %s is a variable name. */
                         _("Tensor copied from `%s` (torch.tensor)"),
                         /* Translators: a caption comment in the code; %s is a name. */
                         _("torch.tensor always copies the data: `%s` has a storage of its own."));
}

static gboolean
suits_from_numpy (const Context      *ctx,
                  const CsSnapObject *obj)
{
  return is_ndarray (obj) && strides_nonnegative (obj->array);
}

static CsTemplate *
make_from_numpy (const Context *ctx)
{
  CsTemplate *tmpl = template_new ("from-numpy");
  const char *generic = _("Tensor sharing a NumPy array’s memory (torch.from_numpy)");
  const char *source = pick (ctx, suits_from_numpy, FALSE);

  if (source == NULL)
    return unavailable (tmpl, generic, _("needs a NumPy array"));
  tmpl->source = g_strdup (source);
  tmpl->target = fresh_name (ctx, "t", FALSE);
  return fill (ctx, tmpl, MODULE_TORCH, generic,
               /* Translators: a menu item; %s is a variable name. */
               g_strdup_printf (_("Tensor sharing `%s`’s memory (torch.from_numpy)"), source),
               /* Translators: a caption comment in the code; %s are names. */
               g_strdup_printf (_("torch.from_numpy shares memory: a write through `%s` or `%s` shows in both."),
                                tmpl->target, source),
               g_strdup_printf ("%s = torch.from_numpy(%s)", tmpl->target, source));
}

static CsTemplate *
make_as_tensor (const Context *ctx)
{
  return make_from_data (ctx, "as-tensor", MODULE_TORCH, _("New tensor (torch.as_tensor)"),
                         "t", "torch.as_tensor", "[1., 2., 3.]",
                         /* Translators: a menu item; %s is a variable name. */
                         _("Tensor from `%s` (torch.as_tensor)"),
                         /* Translators: a caption comment in the code; %s is a name. */
                         _("torch.as_tensor shares a NumPy array’s memory when the dtype allows and copies anything else into `%s`."));
}

static gboolean
suits_tensor (const Context      *ctx,
              const CsSnapObject *obj)
{
  return is_tensor (obj);
}

static gboolean
suits_grad_tensor (const Context      *ctx,
                   const CsSnapObject *obj)
{
  return is_tensor (obj) && obj->array->requires_grad;
}

static gboolean
suits_2d_tensor (const Context      *ctx,
                 const CsSnapObject *obj)
{
  return is_tensor (obj) && obj->array->ndim >= 2;
}

static gboolean
suits_noncontiguous_tensor (const Context      *ctx,
                            const CsSnapObject *obj)
{
  return is_tensor (obj) && !obj->array->contiguous;
}

static gboolean
suits_contiguous_tensor (const Context      *ctx,
                         const CsSnapObject *obj)
{
  return is_tensor (obj) && obj->array->contiguous;
}

/* .clone(), .detach(), .transpose(0, 1), .contiguous(), .view(...). */
static CsTemplate *
make_method (const Context *ctx,
             const char    *id)
{
  CsTemplate *tmpl = template_new (id);
  const char *source = NULL;
  const char *generic;
  const CsSnapObject *obj;
  g_autofree char *target = NULL;
  g_autofree char *call = NULL;
  char *label, *caption;

  if (g_str_equal (id, "clone"))
    {
      generic = _("Clone a tensor (.clone())");
      source = pick (ctx, suits_tensor, FALSE);
      if (source == NULL)
        return unavailable (tmpl, generic, _("needs a tensor"));
      target = fresh_name (ctx, source, FALSE);
      call = g_strdup ("clone()");
      /* Translators: a menu item; %s is a variable name. */
      label = g_strdup_printf (_("Clone of `%s` (.clone())"), source);
      /* Translators: a caption comment in the code; %s are names. */
      caption = g_strdup_printf (_("`%s` gets new storage with a copy of `%s`’s data, and stays in the autograd graph."),
                                 target, source);
    }
  else if (g_str_equal (id, "detach"))
    {
      generic = _("Detach a tensor (.detach())");
      source = pick (ctx, suits_grad_tensor, FALSE);
      if (source == NULL)
        source = pick (ctx, suits_tensor, FALSE);
      if (source == NULL)
        return unavailable (tmpl, generic, _("needs a tensor"));
      target = fresh_name (ctx, source, FALSE);
      call = g_strdup ("detach()");
      /* Translators: a menu item; %s is a variable name. */
      label = g_strdup_printf (_("Detach `%s` from the graph (.detach())"), source);
      /* Translators: a caption comment in the code; %s are names. */
      caption = g_strdup_printf (_("`%s` shares `%s`’s storage but is not part of the autograd graph."),
                                 target, source);
    }
  else if (g_str_equal (id, "transpose"))
    {
      generic = _("Transpose a tensor (.transpose(0, 1))");
      source = pick (ctx, suits_2d_tensor, FALSE);
      if (source == NULL)
        return unavailable (tmpl, generic, _("needs a tensor with at least 2 dimensions"));
      target = fresh_name (ctx, source, FALSE);
      call = g_strdup ("transpose(0, 1)");
      /* Translators: a menu item; %s is a variable name. */
      label = g_strdup_printf (_("Transpose `%s` (.transpose(0, 1))"), source);
      /* Translators: a caption comment in the code; %s are names. */
      caption = g_strdup_printf (_("`%s` is a view of `%s`’s storage with the first two strides swapped: nothing is copied."),
                                 target, source);
    }
  else if (g_str_equal (id, "contiguous"))
    {
      generic = _("Make a tensor contiguous (.contiguous())");
      source = pick (ctx, suits_noncontiguous_tensor, FALSE);
      if (source == NULL)
        source = pick (ctx, suits_tensor, FALSE);
      if (source == NULL)
        return unavailable (tmpl, generic, _("needs a tensor"));
      target = fresh_name (ctx, source, FALSE);
      call = g_strdup ("contiguous()");
      /* Translators: a menu item; %s is a variable name. */
      label = g_strdup_printf (_("Contiguous `%s` (.contiguous())"), source);
      /* Translators: a caption comment in the code; %s are names. */
      caption = g_strdup_printf (_(".contiguous() copies `%s` into new storage only when it is not contiguous; otherwise `%s` is the same tensor."),
                                 source, target);
    }
  else
    {
      g_autofree char *shape = NULL;

      g_assert (g_str_equal (id, "view"));
      generic = _("View a tensor with a new shape (.view())");
      source = pick (ctx, suits_contiguous_tensor, FALSE);
      if (source == NULL)
        return unavailable (tmpl, generic, _("needs a contiguous tensor"));
      obj = object_of_name (ctx, source);
      shape = view_shape_text (obj->array);
      target = fresh_name (ctx, source, FALSE);
      call = g_strdup_printf ("view(%s)", shape);
      /* Translators: a menu item; the first %s is a variable name, the second a shape "2, 3". */
      label = g_strdup_printf (_("View of `%s` with shape (%s) (.view())"), source, shape);
      /* Translators: a caption comment in the code; %s are names. */
      caption = g_strdup_printf (_("`%s` is a view with a new shape on `%s`’s storage: nothing is copied."),
                                 target, source);
    }

  tmpl->source = g_strdup (source);
  tmpl->target = g_strdup (target);
  return fill (ctx, tmpl, 0, generic, label, caption,
               g_strdup_printf ("%s = %s.%s", target, source, call));
}

/* The index of a number to write in a list: "[2]", or "[0][1]" one level
 * down; NULL when there is none.
 */
static char *
list_number_index (const Context      *ctx,
                   const CsSnapObject *list)
{
  for (guint depth = 0; depth < 2; depth++)
    for (gsize i = 0; i < list->n_items && i < 64; i++)
      {
        const CsSnapObject *item = lookup (ctx, list->items[i]);

        if (item == NULL)
          continue;
        if (depth == 0 && (item->kind == CS_KIND_INT || item->kind == CS_KIND_FLOAT))
          return g_strdup_printf ("[%" G_GSIZE_FORMAT "]", i);
        if (depth == 1 && item->kind == CS_KIND_LIST && item != list)
          for (gsize j = 0; j < item->n_items && j < 64; j++)
            {
              const CsSnapObject *inner = lookup (ctx, item->items[j]);

              if (inner != NULL && (inner->kind == CS_KIND_INT || inner->kind == CS_KIND_FLOAT))
                return g_strdup_printf ("[%" G_GSIZE_FORMAT "][%" G_GSIZE_FORMAT "]", i, j);
            }
      }
  return NULL;
}

static gboolean
suits_inplace (const Context      *ctx,
               const CsSnapObject *obj)
{
  if (obj->kind == CS_KIND_LIST)
    {
      g_autofree char *index = list_number_index (ctx, obj);

      return index != NULL;
    }
  if (is_ndarray (obj))
    return obj->array->ndim >= 1 && array_numel (obj->array) > 0;
  if (is_tensor (obj))
    /* PyTorch refuses in-place changes of tensors that need grad, except
     * leaves under torch.no_grad().
     */
    return array_numel (obj->array) > 0 && (!obj->array->requires_grad || obj->array->is_leaf);
  return FALSE;
}

/* A tensor a later backward() may need (its version is checked) is only
 * written when nothing later reaches it.
 */
static gboolean
suits_inplace_untensored (const Context      *ctx,
                          const CsSnapObject *obj)
{
  return !is_tensor (obj) && suits_inplace (ctx, obj);
}

static gboolean
suits_inplace_unreached (const Context      *ctx,
                         const CsSnapObject *obj)
{
  return suits_inplace (ctx, obj) && !is_reached (ctx, obj);
}

static CsTemplate *
make_inplace (const Context *ctx)
{
  CsTemplate *tmpl = template_new ("inplace");
  const char *generic = _("Write in place");
  const char *name = pick (ctx, suits_inplace_unreached, TRUE);
  const CsSnapObject *obj;
  g_autofree char *statement = NULL;

  if (name == NULL)
    name = pick (ctx, suits_inplace_untensored, FALSE);
  if (name == NULL)
    return unavailable (tmpl, generic, _("needs a list, NumPy array or tensor with an element to write"));
  obj = object_of_name (ctx, name);

  if (obj->kind == CS_KIND_LIST)
    {
      g_autofree char *index = list_number_index (ctx, obj);

      statement = g_strdup_printf ("%s%s = 0", name, index);
    }
  else if (is_tensor (obj) && obj->array->requires_grad)
    statement = g_strdup_printf ("with torch.no_grad():\n    %s.add_(1)", name);
  else if (is_tensor (obj) && obj->array->ndim == 0)
    statement = g_strdup_printf ("%s.add_(1)", name);
  else
    {
      g_autofree char *index = first_index (obj->array);

      statement = g_strdup_printf ("%s%s = 0", name, index);
    }

  tmpl->source = g_strdup (name);
  tmpl->target = g_strdup (name);
  tmpl->changes_later = used_later (ctx, name);
  return fill (ctx, tmpl, is_tensor (obj) && obj->array->requires_grad ? MODULE_TORCH : 0, generic,
               /* Translators: a menu item; %s is a variable name. */
               g_strdup_printf (_("Write into `%s` in place"), name),
               /* Translators: a caption comment in the code; %s is a name. */
               g_strdup_printf (_("An in-place write changes `%s` itself: every name that shares its memory sees it."),
                                name),
               g_steal_pointer (&statement));
}

static gboolean
suits_backward (const Context      *ctx,
                const CsSnapObject *obj)
{
  return is_tensor (obj) && obj->array->requires_grad && obj->array->is_leaf &&
         cs_dtype_is_floating (obj->array->dtype);
}

static CsTemplate *
make_backward (const Context *ctx)
{
  CsTemplate *tmpl = template_new ("backward");
  const char *generic = _("Backward (backward())");
  const char *name = pick (ctx, suits_backward, TRUE);
  const CsSnapObject *obj;

  if (name == NULL)
    return unavailable (tmpl, generic, _("needs a leaf tensor that requires grad"));
  obj = object_of_name (ctx, name);

  tmpl->source = g_strdup (name);
  /* The gradient adds to .grad, which later statements may read. */
  tmpl->changes_later = used_later (ctx, name);
  return fill (ctx, tmpl, 0, generic,
               /* Translators: a menu item; %s is a variable name. */
               g_strdup_printf (_("Backward from `%s` (backward())"), name),
               /* Translators: a caption comment in the code; %s is a name. */
               g_strdup_printf (_("backward() sends gradients back through the graph and adds them to `%s.grad`."),
                                name),
               obj->array->ndim == 0 ? g_strdup_printf ("%s.backward()", name)
                                     : g_strdup_printf ("%s.sum().backward()", name));
}

static CsTemplate *
make (const Context *ctx,
      const char    *id)
{
  CsTemplate *tmpl;

  if (g_str_equal (id, "assign"))
    tmpl = make_assign (ctx);
  else if (g_str_equal (id, "rebind"))
    tmpl = make_rebind (ctx);
  else if (g_str_equal (id, "copy"))
    tmpl = make_copy (ctx);
  else if (g_str_equal (id, "deepcopy"))
    tmpl = make_deepcopy (ctx);
  else if (g_str_equal (id, "np-array"))
    tmpl = make_np_array (ctx);
  else if (g_str_equal (id, "torch-tensor"))
    tmpl = make_torch_tensor (ctx);
  else if (g_str_equal (id, "from-numpy"))
    tmpl = make_from_numpy (ctx);
  else if (g_str_equal (id, "as-tensor"))
    tmpl = make_as_tensor (ctx);
  else if (g_str_equal (id, "inplace"))
    tmpl = make_inplace (ctx);
  else if (g_str_equal (id, "backward"))
    tmpl = make_backward (ctx);
  else
    tmpl = make_method (ctx, id);

  if (tmpl->imports == NULL)
    tmpl->imports = g_new0 (char *, 1);
  return tmpl;
}

static const char *const template_ids[] = {
  "assign", "rebind", "copy", "deepcopy", "np-array", "torch-tensor", "from-numpy", "as-tensor",
  "clone", "detach", "transpose", "contiguous", "view", "inplace", "backward",
};

/**
 * cs_templates_list:
 * @trace: (nullable): the scenario's trace
 * @after_step: the step the new statement follows
 *
 * Returns: (transfer full) (element-type CsTemplate): every template
 */
GPtrArray *
cs_templates_list (CsTrace *trace,
                   guint    after_step)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_template_free);
  Context ctx;

  context_init (&ctx, trace, after_step);
  for (guint i = 0; i < G_N_ELEMENTS (template_ids); i++)
    g_ptr_array_add (list, make (&ctx, template_ids[i]));
  context_clear (&ctx);
  return list;
}

/**
 * cs_templates_get:
 * @trace: (nullable): the scenario's trace
 *
 * Returns: (transfer full) (nullable): the template @id
 */
CsTemplate *
cs_templates_get (CsTrace    *trace,
                  guint       after_step,
                  const char *id)
{
  CsTemplate *tmpl = NULL;
  Context ctx;

  g_return_val_if_fail (id != NULL, NULL);

  if (!g_strv_contains ((const char *const *) template_ids, id))
    return NULL;
  context_init (&ctx, trace, after_step);
  tmpl = make (&ctx, id);
  context_clear (&ctx);
  return tmpl;
}

/* ---- placing the code --------------------------------------------------------- */

/* Byte offset of the start of 0-based line @line, or the text's length. */
static gsize
line_offset (const char *text,
             guint       line)
{
  const char *p = text;

  for (guint i = 0; i < line; i++)
    {
      p = strchr (p, '\n');
      if (p == NULL)
        return strlen (text);
      p++;
    }
  return p - text;
}

static gboolean
is_import (const CsStep *step)
{
  const char *s = step->source ? step->source : "";

  while (*s == ' ' || *s == '\t')
    s++;
  return g_str_has_prefix (s, "import ") || g_str_has_prefix (s, "from ");
}

static guint
first_line (const CsStep *step)
{
  return step->span.line > 0 ? step->span.line : step->line;
}

static guint
last_line (const CsStep *step)
{
  return MAX (step->span.end_line, first_line (step));
}

/* The first line (1-based) of @step's caption block, or its own line. */
static guint
caption_start (const char   *text,
               const CsStep *step)
{
  guint line = first_line (step);

  while (line > 1)
    {
      gsize start = line_offset (text, line - 2);
      const char *p = text + start;

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p != '#' || g_str_has_prefix (p, "# title:") || g_str_has_prefix (p, "# summary:"))
        break;
      line--;
    }
  return line;
}

/**
 * cs_template_edit_new:
 * @trace: (nullable): the trace of @text
 *
 * Returns: (transfer full) (nullable): where the template goes
 */
CsTemplateEdit *
cs_template_edit_new (const CsTemplate *tmpl,
                      CsTrace          *trace,
                      const char       *text,
                      guint             after_step)
{
  CsTemplateEdit *edit;
  guint n = trace != NULL ? cs_trace_get_n_steps (trace) : 0;
  gsize len;
  guint n_imports, n_before = 0;

  g_return_val_if_fail (tmpl != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!tmpl->available || tmpl->code == NULL)
    return NULL;

  len = strlen (text);
  n_imports = tmpl->imports ? g_strv_length (tmpl->imports) : 0;
  edit = g_new0 (CsTemplateEdit, 1);

  if (n == 0)
    {
      edit->code_offset = len;
      edit->import_offset = len;
    }
  else
    {
      const CsStep *after;
      guint leading = 0;

      after_step = MIN (after_step, n - 1);
      after = cs_trace_get_step (trace, after_step);
      edit->code_offset = line_offset (text, last_line (after));
      for (guint i = 0; i < n; i++)
        if (first_line (cs_trace_get_step (trace, i)) <= last_line (after))
          n_before++;

      while (leading < n && is_import (cs_trace_get_step (trace, leading)))
        leading++;
      if (leading > 0)
        edit->import_offset = line_offset (text, last_line (cs_trace_get_step (trace, leading - 1)));
      else
        edit->import_offset = line_offset (text, caption_start (text, cs_trace_get_step (trace, 0)) - 1);
      /* Imports always run before the code that needs them. */
      edit->import_offset = MIN (edit->import_offset, edit->code_offset);
    }

  /* A last line without a newline gets one first. */
  {
    gboolean needs_newline = len > 0 && text[len - 1] != '\n';
    g_autofree char *imports = n_imports > 0 ? g_strjoinv ("\n", tmpl->imports) : NULL;

    if (imports != NULL)
      edit->import_text = g_strdup_printf ("%s%s\n",
                                           needs_newline && edit->import_offset == len ? "\n" : "",
                                           imports);
    if (imports != NULL && edit->import_offset == len)
      needs_newline = FALSE;
    edit->code_text = g_strdup_printf ("%s%s",
                                       needs_newline && edit->code_offset == len ? "\n" : "",
                                       tmpl->code);
  }

  edit->new_step = n_before + n_imports;
  return edit;
}

/**
 * cs_template_edit_apply:
 *
 * Returns: (transfer full): @text with the imports and the code inserted
 */
char *
cs_template_edit_apply (const CsTemplateEdit *edit,
                        const char           *text)
{
  GString *s;
  gsize len;

  g_return_val_if_fail (edit != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  g_return_val_if_fail (edit->import_offset <= edit->code_offset && edit->code_offset <= len, NULL);

  s = g_string_new_len (text, (gssize) edit->import_offset);
  if (edit->import_text != NULL)
    g_string_append (s, edit->import_text);
  g_string_append_len (s, text + edit->import_offset, (gssize) (edit->code_offset - edit->import_offset));
  g_string_append (s, edit->code_text);
  g_string_append (s, text + edit->code_offset);
  return g_string_free (s, FALSE);
}
