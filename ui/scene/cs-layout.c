/* cs-layout.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-layout-private.h"
#include "cs-paint.h"

/* Geometry of shared/mockups/README.md, in units. */
#define PILL_HEIGHT 40.0
#define PILL_GAP 8.0
#define NAME_TO_CARD 72.0
#define CARD_PAD 16.0
#define CARD_BASE_HEIGHT 64.0
#define CARD_ROW_HEIGHT 32.0
#define CONTAINER_HEIGHT 88.0
#define SLOT_WIDTH 72.0
#define SLOT_HEIGHT 56.0
#define CHILD_OFFSET 288.0
#define STRIP_HEIGHT 64.0
#define CAP_WIDTH 56.0
#define CELL_WIDTH 72.0
#define SAME_GROUP_GAP 16.0
#define GROUP_GAP 40.0
#define MAX_DEPTH_X 6
#define MAX_WALK 100000
#define NODE_HEIGHT 40.0
#define LAYER_GAP 104.0
#define MAX_GRAPH_NODES 400
#define MAX_MINI_CELLS 8

/* -- the model -------------------------------------------------------------- */

static void
lm_item_clear (gpointer data)
{
  CsLmItem *item = data;

  g_free (item->text);
}

static void
lm_object_free (gpointer data)
{
  CsLmObject *object = data;

  g_free (object->type_name);
  g_free (object->repr);
  g_free (object->dtype);
  g_clear_pointer (&object->items, g_array_unref);
  g_clear_pointer (&object->next, g_array_unref);
  g_clear_pointer (&object->values, g_ptr_array_unref);
  g_free (object);
}

static void
lm_storage_free (gpointer data)
{
  CsLmStorage *storage = data;

  g_free (storage->dtype);
  g_ptr_array_unref (storage->cells);
  g_free (storage);
}

static void
lm_name_free (gpointer data)
{
  CsLmName *name = data;

  g_free (name->name);
  g_free (name->target.text);
  g_free (name);
}

static void
lm_write_free (gpointer data)
{
  CsLmWrite *write = data;

  g_free (write->old_text);
  g_free (write);
}

static void
lm_flow_free (gpointer data)
{
  CsLmFlow *flow = data;

  g_free (flow->text);
  g_free (flow);
}

CsLayoutModel *
_cs_layout_model_new (void)
{
  CsLayoutModel *model = g_new0 (CsLayoutModel, 1);

  model->names = g_ptr_array_new_with_free_func (lm_name_free);
  model->objects = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, lm_object_free);
  model->storages = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, lm_storage_free);
  model->new_objects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  model->new_storages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  model->rebound_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  model->grad_changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  model->slot_writes = g_ptr_array_new_with_free_func (lm_write_free);
  model->cell_writes = g_ptr_array_new_with_free_func (lm_write_free);
  model->flows = g_ptr_array_new_with_free_func (lm_flow_free);
  return model;
}

void
_cs_layout_model_free (CsLayoutModel *model)
{
  if (model == NULL)
    return;

  g_free (model->code);
  g_free (model->caption);
  g_free (model->error);
  g_ptr_array_unref (model->names);
  g_hash_table_unref (model->objects);
  g_hash_table_unref (model->storages);
  g_hash_table_unref (model->new_objects);
  g_hash_table_unref (model->new_storages);
  g_hash_table_unref (model->rebound_names);
  g_hash_table_unref (model->grad_changed);
  g_ptr_array_unref (model->slot_writes);
  g_ptr_array_unref (model->cell_writes);
  g_ptr_array_unref (model->flows);
  g_free (model);
}

CsLmObject *
_cs_layout_model_add_object (CsLayoutModel *model,
                             guint64        id,
                             CsLmKind       kind,
                             const char    *type_name)
{
  CsLmObject *object = g_new0 (CsLmObject, 1);

  object->id = id;
  object->kind = kind;
  object->type_name = g_strdup (type_name);
  object->items = g_array_new (FALSE, TRUE, sizeof (CsLmItem));
  g_array_set_clear_func (object->items, lm_item_clear);
  object->next = g_array_new (FALSE, TRUE, sizeof (guint64));
  object->values = g_ptr_array_new_with_free_func (g_free);
  object->contiguous = TRUE;
  object->is_leaf = TRUE;
  g_hash_table_replace (model->objects, &object->id, object);
  return object;
}

CsLmStorage *
_cs_layout_model_add_storage (CsLayoutModel *model,
                              guint64        id)
{
  CsLmStorage *storage = g_new0 (CsLmStorage, 1);

  storage->id = id;
  storage->cells = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_replace (model->storages, &storage->id, storage);
  return storage;
}

void
_cs_layout_model_add_name (CsLayoutModel *model,
                           const char    *name,
                           const char    *text,
                           guint64        ref)
{
  CsLmName *entry = g_new0 (CsLmName, 1);

  entry->name = g_strdup (name);
  entry->target.text = g_strdup (text);
  entry->target.ref = ref;
  g_ptr_array_add (model->names, entry);
}

void
_cs_lm_object_add_item (CsLmObject *object,
                        const char *text,
                        guint64     ref)
{
  CsLmItem item = { g_strdup (text), ref };

  g_array_append_val (object->items, item);
}

CsLmObject *
_cs_layout_model_lookup (CsLayoutModel *model,
                         guint64        id)
{
  return g_hash_table_lookup (model->objects, &id);
}

void
_cs_layout_model_add_write (GPtrArray  *writes,
                            guint64     id,
                            gsize       index,
                            const char *old_text)
{
  CsLmWrite *write = g_new0 (CsLmWrite, 1);

  write->id = id;
  write->index = index;
  write->old_text = g_strdup (old_text);
  g_ptr_array_add (writes, write);
}

void
_cs_layout_model_mark (GHashTable *set,
                       guint64     id)
{
  guint64 *key = g_new (guint64, 1);

  *key = id;
  g_hash_table_add (set, key);
}

gboolean
_cs_layout_model_marked (GHashTable *set,
                         guint64     id)
{
  return g_hash_table_contains (set, &id);
}

/**
 * _cs_layout_format_number:
 *
 * A short cell text for a storage element: integers in full, floats the
 * way PyTorch and NumPy abbreviate them (`1.`, `0.7519`, `-2.179`).
 */
char *
_cs_layout_format_number (double   value,
                          gboolean floating)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!floating)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  if (value == trunc (value) && fabs (value) < 1e6)
    return g_strdup_printf ("%.0f.", value);
  g_ascii_formatd (buf, sizeof buf, fabs (value) >= 1e5 || fabs (value) < 1e-3 ? "%.2e" : "%.4g", value);
  return g_strdup (buf);
}

/* -- layout state -------------------------------------------------------------- */

typedef struct
{
  CsLmObject *object;
  guint       depth;
  GPtrArray  *names;        /* const char*, names holding this object */
  GPtrArray  *paths;        /* char*, every access path ("a", "a[0]") */
  gboolean    has_referrer; /* held by a container */
  double      x, y, width, height;
  double      row_top, row_height;
  CsBox      *box;
  guint       n_incoming;
  guint       incoming_used;
} Row;

typedef struct
{
  CsLmStorage *storage;
  guint        number;      /* S1 → 1 */
  GPtrArray   *users;       /* Row* */
  double       x, y, width;
  double       top, bottom; /* Extent with labels and lanes. */
  guint        n_lanes;
  guint        n_shown;
  CsBox       *box;
  guint        incoming_used;
  guint        n_users_all; /* Users before a part kept only one view. */
} Strip;

typedef struct
{
  CsLayoutModel         *m;
  const CsLayoutOptions *opts;
  CsScene               *scene;
  GPtrArray             *rows;      /* Row* */
  GHashTable            *row_of;    /* guint64* → Row* */
  GPtrArray             *strips;    /* Strip* */
  GHashTable            *strip_of;  /* guint64* → Strip* */
  gboolean               any_autograd;
  gboolean               any_noncontiguous;
  guint                  max_cells;
  double                 content_top;
} Layout;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_ptr_array_unref (row->names);
  g_ptr_array_unref (row->paths);
  g_free (row);
}

static void
strip_free (gpointer data)
{
  Strip *strip = data;

  g_ptr_array_unref (strip->users);
  g_free (strip);
}

static gboolean
is_array (const CsLmObject *object)
{
  return object->kind == CS_LM_TENSOR || object->kind == CS_LM_NDARRAY;
}

static double
text_w (CsFontFamily family,
        double       size,
        gboolean     bold,
        const char  *text)
{
  return text ? cs_paint_text_width (family, size, bold, text) : 0;
}

static char *
format_tuple (const gint64 *values,
              guint         n,
              gint64        factor)
{
  GString *out = g_string_new ("(");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%" G_GINT64_FORMAT, values[i] * factor);
    }
  if (n == 1)
    g_string_append_c (out, ',');
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/* -- rows: which objects, in which order -------------------------------------- */

typedef struct
{
  guint64 id;
  guint   depth;
} WalkItem;

static Row *
add_row (Layout     *lay,
         CsLmObject *object,
         guint       depth)
{
  Row *row = g_new0 (Row, 1);

  row->object = object;
  row->depth = depth;
  row->names = g_ptr_array_new ();
  row->paths = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (lay->rows, row);
  g_hash_table_insert (lay->row_of, &object->id, row);
  return row;
}

/* Places @root and everything its containers hold, depth first, children
 * right after their parent.  Iterative, so a deep or cyclic structure
 * cannot exhaust the C stack.
 */
static void
place_tree (Layout  *lay,
            guint64  root)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (WalkItem));
  WalkItem start = { root, 0 };
  guint steps = 0;

  g_array_append_val (stack, start);
  while (stack->len > 0 && steps++ < MAX_WALK)
    {
      WalkItem item = g_array_index (stack, WalkItem, stack->len - 1);
      CsLmObject *object;

      g_array_set_size (stack, stack->len - 1);
      if (g_hash_table_contains (lay->row_of, &item.id))
        continue;
      object = _cs_layout_model_lookup (lay->m, item.id);
      if (object == NULL || object->kind == CS_LM_GRAD_FN)
        continue;
      add_row (lay, object, item.depth);

      if (object->kind == CS_LM_LIST || object->kind == CS_LM_TUPLE || object->kind == CS_LM_DICT)
        {
          guint shown = MIN (object->items->len, lay->max_cells * (object->kind == CS_LM_DICT ? 2 : 1));

          for (guint i = shown; i > 0; i--)
            {
              const CsLmItem *child = &g_array_index (object->items, CsLmItem, i - 1);
              WalkItem next = { child->ref, item.depth + 1 };

              if (child->text == NULL && child->ref != 0)
                g_array_append_val (stack, next);
            }
        }
    }
}

/* Views of one storage stay next to each other: a top-level array row
 * moves up to just after the last earlier row of its storage.
 */
static void
group_by_storage (Layout *lay)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new ();

  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);
      int insert_at = -1;

      if (row->depth == 0 && is_array (row->object) && row->object->storage != 0)
        {
          for (guint j = 0; j < out->len; j++)
            {
              Row *other = g_ptr_array_index (out, j);

              if (other->depth == 0 && is_array (other->object)
                  && other->object->storage == row->object->storage)
                insert_at = j + 1;
            }
        }
      if (insert_at >= 0 && (guint) insert_at < out->len)
        g_ptr_array_insert (out, insert_at, row);
      else
        g_ptr_array_add (out, row);
    }

  for (guint i = 0; i < out->len; i++)
    lay->rows->pdata[i] = out->pdata[i];
}

static void
collect_rows (Layout *lay)
{
  CsLayoutModel *m = lay->m;
  guint64 synthetic = G_MAXUINT64 - 1;

  for (guint i = 0; i < m->names->len; i++)
    {
      CsLmName *name = g_ptr_array_index (m->names, i);

      if (name->target.text != NULL && name->target.ref == 0)
        {
          /* A value without identity in the model: give it its own box. */
          CsLmObject *value = _cs_layout_model_add_object (m, synthetic, CS_LM_VALUE, "value");

          value->repr = g_strdup (name->target.text);
          name->target.ref = synthetic--;
        }
      place_tree (lay, name->target.ref);
    }
  group_by_storage (lay);

  for (guint i = 0; i < m->names->len; i++)
    {
      CsLmName *name = g_ptr_array_index (m->names, i);
      Row *row = g_hash_table_lookup (lay->row_of, &name->target.ref);

      if (row != NULL)
        {
          g_ptr_array_add (row->names, name->name);
          g_ptr_array_add (row->paths, g_strdup (name->name));
          row->n_incoming++;
        }
    }

  /* Access paths, parents first (rows are in walk order up to grouping,
   * and grouping only moves arrays, which hold nothing).
   */
  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);
      CsLmObject *object = row->object;
      const char *base = row->paths->len > 0 ? g_ptr_array_index (row->paths, 0) : "?";
      gboolean dict = object->kind == CS_LM_DICT;

      if (object->kind != CS_LM_LIST && object->kind != CS_LM_TUPLE && !dict)
        continue;
      for (guint j = dict ? 1 : 0; j < object->items->len; j += dict ? 2 : 1)
        {
          const CsLmItem *item = &g_array_index (object->items, CsLmItem, j);
          Row *child;

          if (item->text != NULL)
            continue;
          child = g_hash_table_lookup (lay->row_of, &item->ref);
          if (child == NULL)
            continue;
          child->has_referrer = TRUE;
          child->n_incoming++;
          if (child->paths->len < 4)
            {
              if (dict)
                {
                  const CsLmItem *key = &g_array_index (object->items, CsLmItem, j - 1);
                  g_ptr_array_add (child->paths, g_strdup_printf ("%s[%s]", base, key->text ? key->text : "…"));
                }
              else
                g_ptr_array_add (child->paths, g_strdup_printf ("%s[%u]", base, j));
            }
        }
    }
}

/* -- object boxes ---------------------------------------------------------- */

typedef struct
{
  char        *key;
  char        *value;
  CsValueStyle style;
  char       **mini;
  double       key_w, value_w;
} FactSpec;

static void
fact_spec_clear (gpointer data)
{
  FactSpec *spec = data;

  g_free (spec->key);
  g_free (spec->value);
  g_strfreev (spec->mini);
}

static void
add_fact_spec (GArray       *row,
               const char   *key,
               char         *value,
               CsValueStyle  style)
{
  FactSpec spec = { g_strdup (key), value, style, NULL, 0, 0 };

  spec.key_w = text_w (CS_FONT_SANS, 14, FALSE, key);
  spec.value_w = text_w (CS_FONT_MONO, 17, style == CS_VALUE_BOLD, value);
  g_array_append_val (row, spec);
}

static GArray *
new_fact_row (void)
{
  GArray *row = g_array_new (FALSE, TRUE, sizeof (FactSpec));

  g_array_set_clear_func (row, fact_spec_clear);
  return row;
}

static double
fact_row_width (GArray *row)
{
  double w = 0;

  for (guint i = 0; i < row->len; i++)
    {
      FactSpec *spec = &g_array_index (row, FactSpec, i);

      w += spec->key_w + 8 + spec->value_w + (i > 0 ? 24 : 0);
    }
  return w;
}

static GPtrArray *
card_fact_rows (Layout     *lay,
                CsLmObject *object)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *row = new_fact_row ();
  gboolean ndarray = object->kind == CS_LM_NDARRAY;

  add_fact_spec (row, "shape", format_tuple (object->shape, object->ndim, 1), CS_VALUE_PLAIN);
  if (ndarray)
    {
      /* NumPy counts strides in bytes, PyTorch in elements. */
      add_fact_spec (row, "strides", format_tuple (object->strides, object->ndim,
                                                   MAX (object->itemsize, 1)), CS_VALUE_PLAIN);
      g_array_index (row, FactSpec, row->len - 1).value_w += 6 + text_w (CS_FONT_SANS, 14, FALSE, "bytes");
      if (object->offset != 0)
        add_fact_spec (row, "offset", g_strdup_printf ("%" G_GINT64_FORMAT, object->offset), CS_VALUE_PLAIN);
    }
  else
    {
      add_fact_spec (row, "stride", format_tuple (object->strides, object->ndim, 1), CS_VALUE_PLAIN);
      add_fact_spec (row, "offset", g_strdup_printf ("%" G_GINT64_FORMAT, object->offset), CS_VALUE_PLAIN);
    }
  g_ptr_array_add (rows, row);

  if (lay->any_autograd && object->kind == CS_LM_TENSOR)
    {
      CsLmObject *fn = object->grad_fn ? _cs_layout_model_lookup (lay->m, object->grad_fn) : NULL;

      row = new_fact_row ();
      add_fact_spec (row, "requires_grad", g_strdup (object->requires_grad ? "True" : "False"),
                     CS_VALUE_PLAIN);
      if (fn != NULL)
        add_fact_spec (row, "grad_fn", g_strdup (fn->type_name), CS_VALUE_GRAD_FN);
      else
        add_fact_spec (row, "grad_fn", g_strdup ("None"), CS_VALUE_PLAIN);
      g_ptr_array_add (rows, row);
    }

  if (object->grad != 0)
    {
      CsLmObject *grad = _cs_layout_model_lookup (lay->m, object->grad);

      if (grad != NULL)
        {
          FactSpec spec = { 0 };
          guint n = MIN (grad->values->len, MAX_MINI_CELLS);

          row = new_fact_row ();
          spec.key = g_strdup ("grad");
          spec.value = g_strdup (grad->values->len > MAX_MINI_CELLS ? "…" : "");
          spec.style = _cs_layout_model_marked (lay->m->grad_changed, object->id)
                       ? CS_VALUE_BOLD : CS_VALUE_PLAIN;
          spec.mini = g_new0 (char *, n + 1);
          for (guint i = 0; i < n; i++)
            spec.mini[i] = g_strdup (g_ptr_array_index (grad->values, i));
          spec.key_w = text_w (CS_FONT_SANS, 14, FALSE, "grad");
          spec.value_w = 40.0 * MAX (n, 1) + (grad->values->len > MAX_MINI_CELLS ? 40 : 0);
          g_array_append_val (row, spec);
          g_ptr_array_add (rows, row);
        }
    }
  return rows;
}

static gboolean
shares_storage (Layout     *lay,
                CsLmObject *object)
{
  Strip *strip = g_hash_table_lookup (lay->strip_of, &object->storage);

  return strip != NULL && MAX (strip->users->len, strip->n_users_all) > 1;
}

static GPtrArray *
card_badges (Layout     *lay,
             CsLmObject *object)
{
  GPtrArray *badges = g_ptr_array_new ();

  /* (text, style) pairs, right to left order reversed at placement. */
  if (_cs_layout_model_marked (lay->m->new_objects, object->id))
    {
      g_ptr_array_add (badges, (gpointer) "new");
      g_ptr_array_add (badges, GINT_TO_POINTER (CS_BADGE_NEW));
    }
  if (object->kind == CS_LM_TENSOR && object->requires_grad && object->is_leaf)
    {
      g_ptr_array_add (badges, (gpointer) "leaf");
      g_ptr_array_add (badges, GINT_TO_POINTER (CS_BADGE_LEAF));
    }
  if (shares_storage (lay, object))
    {
      g_ptr_array_add (badges, (gpointer) "view");
      g_ptr_array_add (badges, GINT_TO_POINTER (CS_BADGE_PLAIN));
    }
  if (lay->any_noncontiguous)
    {
      g_ptr_array_add (badges, (gpointer) (object->contiguous ? "contiguous" : "not contiguous"));
      g_ptr_array_add (badges, GINT_TO_POINTER (object->contiguous ? CS_BADGE_PLAIN : CS_BADGE_DASHED));
    }
  return badges;
}

static double
badges_width (GPtrArray *badges)
{
  double w = 0;

  for (guint i = 0; i < badges->len; i += 2)
    w += text_w (CS_FONT_SANS, 13, TRUE, g_ptr_array_index (badges, i)) + 20 + (i > 0 ? 8 : 0);
  return w;
}

/* @base (dtype, "len 3" or nothing), followed by the object's id () when
 * the options ask for addresses: what print (id (x)) shows, so two names
 * on one object visibly share it.
 */
static char *
subtitle_with_address (Layout           *lay,
                       const CsLmObject *object,
                       const char       *base)
{
  if (!lay->opts->show_addresses || object->address == 0)
    return g_strdup (base);
  if (base == NULL || *base == '\0')
    return g_strdup_printf ("id %" G_GUINT64_FORMAT, object->address);
  return g_strdup_printf ("%s · id %" G_GUINT64_FORMAT, base, object->address);
}

/* Sizes (and with @scene, emits) a tensor or ndarray card at (x, y). */
static void
array_card (Layout  *lay,
            Row     *row,
            CsScene *scene,
            double   x,
            double   y,
            double   width)
{
  CsLmObject *object = row->object;
  g_autoptr (GPtrArray) fact_rows = card_fact_rows (lay, object);
  g_autoptr (GPtrArray) badges = card_badges (lay, object);
  double title_w, content_w = 0, bx;
  g_autofree char *key = NULL;
  g_autofree char *subtitle = subtitle_with_address (lay, object, object->dtype);
  CsBox *box;

  title_w = text_w (CS_FONT_SANS, 20, TRUE, object->type_name) + 10
            + text_w (CS_FONT_MONO, 17, FALSE, subtitle);
  content_w = title_w + (badges->len > 0 ? 24 + badges_width (badges) : 0);
  for (guint i = 0; i < fact_rows->len; i++)
    content_w = MAX (content_w, fact_row_width (g_ptr_array_index (fact_rows, i)));

  row->width = ceil ((CARD_PAD * 2 + content_w) / 8) * 8;
  row->height = CARD_BASE_HEIGHT + CARD_ROW_HEIGHT * fact_rows->len;
  if (scene == NULL)
    return;

  key = g_strdup_printf ("obj:%" G_GUINT64_FORMAT, object->id);
  box = cs_scene_add_box (scene, CS_BOX_CARD, key, x, y, width, row->height);
  box->ref_key = g_strdup (key);
  box->title = g_strdup (object->type_name);
  box->subtitle = g_strdup (subtitle);
  if (_cs_layout_model_marked (lay->m->new_objects, object->id))
    box->flags |= CS_BOX_FLAG_NEW;
  row->box = box;

  bx = x + width - CARD_PAD;
  for (guint i = badges->len; i >= 2; i -= 2)
    {
      const char *text = g_ptr_array_index (badges, i - 2);
      CsBadge *badge = cs_box_add_badge (box, text, GPOINTER_TO_INT (g_ptr_array_index (badges, i - 1)));

      badge->width = text_w (CS_FONT_SANS, 13, TRUE, text) + 20;
      badge->height = 24;
      badge->x = bx - badge->width;
      badge->y = y + 18;
      bx = badge->x - 8;
    }

  for (guint r = 0; r < fact_rows->len; r++)
    {
      GArray *specs = g_ptr_array_index (fact_rows, r);
      double fx = x + CARD_PAD;
      double baseline = y + 72 + 32 * r;

      for (guint i = 0; i < specs->len; i++)
        {
          FactSpec *spec = &g_array_index (specs, FactSpec, i);
          CsFact *fact = cs_box_add_fact (box, spec->key, spec->value, spec->style);

          fact->x = fx;
          fact->baseline = baseline;
          fact->value_x = fx + spec->key_w + 8;
          if (spec->mini != NULL)
            fact->mini = g_strdupv (spec->mini);
          if (object->kind == CS_LM_NDARRAY && strcmp (spec->key, "strides") == 0)
            {
              double vw = text_w (CS_FONT_MONO, 17, FALSE, spec->value);
              CsFact *unit = cs_box_add_fact (box, "bytes", "", CS_VALUE_DIM);

              unit->x = fact->value_x + vw + 6;
              unit->baseline = baseline;
              unit->value_x = unit->x;
            }
          fx = fact->value_x + spec->value_w + 24;
        }
    }
}

static char *
item_label (CsLmObject *object,
            guint       slot)
{
  if (object->kind == CS_LM_DICT)
    {
      const CsLmItem *key = &g_array_index (object->items, CsLmItem, slot * 2);
      return g_strdup (key->text ? key->text : "·");
    }
  return g_strdup_printf ("%u", slot);
}

static const CsLmItem *
item_value (CsLmObject *object,
            guint       slot)
{
  return &g_array_index (object->items, CsLmItem,
                         object->kind == CS_LM_DICT ? slot * 2 + 1 : slot);
}

static guint
n_slots (const CsLmObject *object)
{
  if (object->kind == CS_LM_VALUE)
    return 1;
  return object->kind == CS_LM_DICT ? object->items->len / 2 : object->items->len;
}

static double
slot_width (const char *text,
            const char *label)
{
  double w = SLOT_WIDTH;

  if (text != NULL)
    w = MAX (w, text_w (CS_FONT_MONO, 24, TRUE, text) + 24);
  if (label != NULL)
    w = MAX (w, text_w (CS_FONT_MONO, 12, FALSE, label) + 16);
  return MIN (ceil (w / 8) * 8, 240);
}

static const CsLmWrite *
find_write (GPtrArray *writes,
            guint64    id,
            gsize      index)
{
  for (guint i = 0; i < writes->len; i++)
    {
      const CsLmWrite *write = g_ptr_array_index (writes, i);

      if (write->id == id && write->index == index)
        return write;
    }
  return NULL;
}

/* Sizes (and with @scene, emits) a container or value box. */
static void
container_box (Layout  *lay,
               Row     *row,
               CsScene *scene,
               double   x,
               double   y)
{
  CsLmObject *object = row->object;
  guint total = n_slots (object), shown = total;
  gboolean value = object->kind == CS_LM_VALUE;
  g_autofree char *subtitle = NULL;
  g_autofree char *key = NULL;
  double block_w, sx;
  CsBox *box = NULL;

  if (total > lay->max_cells)
    shown = lay->max_cells - 1;
  {
    g_autofree char *length = value ? NULL : g_strdup_printf ("len %u", total);

    subtitle = subtitle_with_address (lay, object, length);
  }
  block_w = MAX (56, MAX (text_w (CS_FONT_SANS, 20, TRUE, object->type_name),
                          text_w (CS_FONT_SANS, 14, FALSE, subtitle)));
  sx = x + CARD_PAD + block_w + CARD_PAD;

  if (scene != NULL)
    {
      key = g_strdup_printf ("obj:%" G_GUINT64_FORMAT, object->id);
      box = cs_scene_add_box (scene, CS_BOX_CONTAINER, key, x, y, 0, CONTAINER_HEIGHT);
      box->ref_key = g_strdup (key);
      box->title = g_strdup (object->type_name);
      box->subtitle = g_strdup (subtitle);
      if (_cs_layout_model_marked (lay->m->new_objects, object->id))
        box->flags |= CS_BOX_FLAG_NEW;
      row->box = box;
    }

  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *label = value ? NULL : item_label (object, i);
      const char *text = value ? object->repr : item_value (object, i)->text;
      double w = slot_width (text, label);

      if (box != NULL)
        {
          CsCell *cell = cs_box_add_cell (box, sx, y + 16, w, SLOT_HEIGHT, text, label);
          const CsLmWrite *write = find_write (lay->m->slot_writes, object->id, i);

          if (write != NULL)
            {
              cell->changed = TRUE;
              cell->bold = text != NULL;
              if (text != NULL && write->old_text != NULL)
                cell->old_text = g_strdup (write->old_text);
            }
        }
      sx += w;
    }
  if (shown < total)
    {
      g_autofree char *more = g_strdup_printf ("+%u", total - shown);

      if (box != NULL)
        cs_box_add_cell (box, sx, y + 16, SLOT_WIDTH, SLOT_HEIGHT, "…", more);
      sx += SLOT_WIDTH;
    }

  row->width = ceil ((sx - x + (shown > 0 || value ? CARD_PAD : 8)) / 8) * 8;
  row->height = CONTAINER_HEIGHT;
  if (box != NULL)
    box->width = row->width;
}

static void
object_box (Layout  *lay,
            Row     *row,
            CsScene *scene,
            double   x,
            double   y,
            double   card_width)
{
  if (is_array (row->object))
    array_card (lay, row, scene, x, y, card_width);
  else
    container_box (lay, row, scene, x, y);
}

static double
pill_width (const char *name)
{
  return MAX (64, ceil ((text_w (CS_FONT_MONO, 20, TRUE, name) + 32) / 8) * 8);
}

/* -- storage strips ---------------------------------------------------------- */

static void
collect_strips (Layout *lay)
{
  GHashTable *numbers = lay->opts->storage_numbers;
  guint next_number = 1;

  if (numbers != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, numbers);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        next_number = MAX (next_number, GPOINTER_TO_UINT (value) + 1);
    }

  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);
      CsLmObject *object = row->object;
      CsLmStorage *storage;
      Strip *strip;

      if (!is_array (object) || object->storage == 0)
        continue;
      strip = g_hash_table_lookup (lay->strip_of, &object->storage);
      if (strip == NULL)
        {
          storage = g_hash_table_lookup (lay->m->storages, &object->storage);
          if (storage == NULL)
            continue;
          strip = g_new0 (Strip, 1);
          strip->storage = storage;
          strip->users = g_ptr_array_new ();
          if (numbers != NULL)
            {
              strip->number = GPOINTER_TO_UINT (g_hash_table_lookup (numbers, &storage->id));
              if (strip->number == 0)
                {
                  guint64 *key = g_new (guint64, 1);

                  *key = storage->id;
                  strip->number = next_number++;
                  g_hash_table_insert (numbers, key, GUINT_TO_POINTER (strip->number));
                }
            }
          else
            strip->number = next_number++;
          g_ptr_array_add (lay->strips, strip);
          g_hash_table_insert (lay->strip_of, &storage->id, strip);
        }
      g_ptr_array_add (strip->users, row);
    }
}

/* The layout signature of a view: equal ones share a rail. */
static gboolean
same_layout (const CsLmObject *a,
             const CsLmObject *b)
{
  if (a->ndim != b->ndim || a->offset != b->offset || a->itemsize != b->itemsize)
    return FALSE;
  for (guint i = 0; i < a->ndim; i++)
    if (a->shape[i] != b->shape[i] || a->strides[i] != b->strides[i])
      return FALSE;
  return TRUE;
}

static gboolean
is_rail_view (const CsLmObject *object)
{
  return object->ndim == 1 && object->strides[0] != 0;
}

static gboolean
covers_all_in_order (const CsLmObject *object,
                     gsize             numel)
{
  return object->ndim == 1 && object->offset == 0 && object->strides[0] == 1
         && (gsize) object->shape[0] == numel;
}

static const char *
row_label (Row *row)
{
  return row->paths->len > 0 ? g_ptr_array_index (row->paths, 0) : "?";
}

/* Calls @func for each element of @object: its logical index (as text)
 * and its storage position.  Stops after @limit elements.
 */
static void
for_each_element (const CsLmObject *object,
                  gsize             limit,
                  void            (*func) (gpointer user_data, const char *index, gint64 position),
                  gpointer          user_data)
{
  gint64 idx[CS_LM_MAX_DIMS] = { 0 };
  gint64 total = 1;

  for (guint d = 0; d < object->ndim; d++)
    total *= MAX (object->shape[d], 0);
  for (gint64 n = 0; n < total && (gsize) n < limit; n++)
    {
      gint64 pos = object->offset;
      GString *label = g_string_new ("[");

      for (guint d = 0; d < object->ndim; d++)
        {
          pos += idx[d] * object->strides[d];
          g_string_append_printf (label, d > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, idx[d]);
        }
      g_string_append_c (label, ']');
      func (user_data, label->str, pos);
      g_string_free (label, TRUE);

      for (int d = (int) object->ndim - 1; d >= 0; d--)
        {
          if (++idx[d] < object->shape[d])
            break;
          idx[d] = 0;
        }
    }
}

typedef struct
{
  CsLane *lane;
  guint   n_shown;
} LaneFill;

static void
fill_rail_cb (gpointer    user_data,
              const char *index,
              gint64      position)
{
  LaneFill *fill = user_data;

  if (position >= 0 && (guint64) position < fill->n_shown)
    fill->lane->covered[position] = TRUE;
}

static void
fill_labels_cb (gpointer    user_data,
                const char *index,
                gint64      position)
{
  LaneFill *fill = user_data;

  if (position >= 0 && (guint64) position < fill->n_shown)
    {
      g_free (fill->lane->labels[position]);
      fill->lane->labels[position] = g_strdup (index);
    }
}

static guint
count_lanes (Layout *lay,
             Strip  *strip,
             CsBox  *box,
             double  first_y)
{
  g_autoptr (GPtrArray) rails = g_ptr_array_new ();
  guint n = 0;
  double y = first_y;

  if (strip->users->len == 1)
    {
      Row *only = g_ptr_array_index (strip->users, 0);

      if (covers_all_in_order (only->object, strip->storage->numel))
        return 0;
    }

  for (guint i = 0; i < strip->users->len; i++)
    {
      Row *row = g_ptr_array_index (strip->users, i);
      CsLmObject *object = row->object;
      gboolean merged = FALSE;

      if (!is_rail_view (object))
        continue;
      for (guint j = 0; j < rails->len; j++)
        {
          GPtrArray *group = g_ptr_array_index (rails, j);
          Row *first = g_ptr_array_index (group, 0);

          if (same_layout (first->object, object))
            {
              g_ptr_array_add (group, row);
              merged = TRUE;
              break;
            }
        }
      if (!merged)
        {
          GPtrArray *group = g_ptr_array_new ();

          g_ptr_array_add (group, row);
          g_ptr_array_add (rails, group);
        }
    }

  for (guint j = 0; j < rails->len; j++)
    {
      GPtrArray *group = g_ptr_array_index (rails, j);

      if (box != NULL)
        {
          Row *first = g_ptr_array_index (group, 0);
          GString *title = g_string_new (NULL);
          CsLane *lane;
          LaneFill fill;

          for (guint k = 0; k < group->len; k++)
            {
              if (k > 0)
                g_string_append (title, " · ");
              g_string_append (title, row_label (g_ptr_array_index (group, k)));
            }
          lane = cs_box_add_lane (box, CS_LANE_RAIL, y - 5, title->str, strip->n_shown);
          lane->descending = first->object->strides[0] < 0;
          fill.lane = lane;
          fill.n_shown = strip->n_shown;
          for_each_element (first->object, strip->n_shown * 4 + 16, fill_rail_cb, &fill);
          g_string_free (title, TRUE);
        }
      y += 26;
      n++;
      g_ptr_array_free (group, TRUE);
    }

  for (guint i = 0; i < strip->users->len; i++)
    {
      Row *row = g_ptr_array_index (strip->users, i);

      if (is_rail_view (row->object))
        continue;
      if (box != NULL)
        {
          CsLane *lane = cs_box_add_lane (box, CS_LANE_LABELS, y, row_label (row), strip->n_shown);
          LaneFill fill = { lane, strip->n_shown };

          for_each_element (row->object, strip->n_shown * 4 + 16, fill_labels_cb, &fill);
        }
      y += 26;
      n++;
    }
  return n;
}

static void
size_strip (Layout *lay,
            Strip  *strip)
{
  gsize numel = strip->storage->numel;

  strip->n_shown = numel > lay->max_cells ? lay->max_cells - 1 : numel;
  strip->width = CAP_WIDTH + CELL_WIDTH * (strip->n_shown + (numel > strip->n_shown ? 1 : 0));
  strip->n_lanes = count_lanes (lay, strip, NULL, 0);
}

static void
emit_strip (Layout *lay,
            Strip  *strip)
{
  CsLmStorage *storage = strip->storage;
  g_autofree char *key = g_strdup_printf ("storage:%" G_GUINT64_FORMAT, storage->id);
  CsBox *box = cs_scene_add_box (lay->scene, CS_BOX_STRIP, key, strip->x, strip->y,
                                 strip->width, STRIP_HEIGHT);
  double cx = strip->x + CAP_WIDTH;

  box->ref_key = g_strdup (key);
  box->title = g_strdup_printf ("S%u", strip->number);
  box->subtitle = g_strdup_printf ("%s · %" G_GSIZE_FORMAT " bytes", storage->dtype, storage->nbytes);
  box->color_index = (int) strip->number - 1;
  box->cap_width = CAP_WIDTH;
  box->label_y = strip->y + STRIP_HEIGHT + 22;
  if (cs_palette_storage_is_hatched (strip->number - 1))
    box->flags |= CS_BOX_FLAG_HATCHED;
  if (_cs_layout_model_marked (lay->m->new_storages, storage->id))
    box->flags |= CS_BOX_FLAG_NEW;
  strip->box = box;

  for (guint i = 0; i < strip->n_shown; i++)
    {
      const char *text = i < storage->cells->len ? g_ptr_array_index (storage->cells, i) : "";
      g_autofree char *label = g_strdup_printf ("%u", i);
      CsCell *cell = cs_box_add_cell (box, cx, strip->y, CELL_WIDTH, STRIP_HEIGHT, text, label);
      const CsLmWrite *write = find_write (lay->m->cell_writes, storage->id, i);

      cell->is_ref = FALSE;
      if (write != NULL)
        {
          cell->changed = TRUE;
          cell->bold = TRUE;
          cell->old_text = g_strdup (write->old_text);
        }
      cx += CELL_WIDTH;
    }
  if (storage->numel > strip->n_shown)
    {
      g_autofree char *more = g_strdup_printf ("+%" G_GSIZE_FORMAT, storage->numel - strip->n_shown);
      CsCell *cell = cs_box_add_cell (box, cx, strip->y, CELL_WIDTH, STRIP_HEIGHT, "…", more);

      cell->is_ref = FALSE;
    }
  count_lanes (lay, strip, box, box->label_y + 26);
}

/* -- the autograd panel ---------------------------------------------------- */

typedef struct
{
  guint64  id;           /* node id, or tensor id for chips */
  gboolean chip;
  gboolean detached;
  CsLmObject *object;    /* node or tensor */
  guint    layer;
  double   x, y, width, unit_width;
  double   order;
  guint    source;       /* Detached chips: index of the leaf they share with. */
  CsBox   *box;
} GraphNode;

typedef struct
{
  GPtrArray  *nodes;     /* GraphNode* */
  GHashTable *node_of;   /* guint64* → GraphNode* (grad fn nodes) */
  GHashTable *chip_of;   /* guint64* → GraphNode* (tensor chips) */
} Graph;

static GraphNode *
graph_add (Graph      *graph,
           CsLmObject *object,
           gboolean    chip)
{
  GraphNode *node = g_new0 (GraphNode, 1);

  node->id = object->id;
  node->chip = chip;
  node->object = object;
  g_ptr_array_add (graph->nodes, node);
  g_hash_table_insert (chip ? graph->chip_of : graph->node_of, &node->id, node);
  return node;
}

static const char *
tensor_label (Layout     *lay,
              CsLmObject *tensor)
{
  Row *row = g_hash_table_lookup (lay->row_of, &tensor->id);

  return row != NULL && row->paths->len > 0 ? g_ptr_array_index (row->paths, 0) : "tensor";
}

static int
tensor_color (Layout     *lay,
              CsLmObject *tensor)
{
  Strip *strip = g_hash_table_lookup (lay->strip_of, &tensor->storage);

  return strip != NULL ? (int) strip->number - 1 : -1;
}

static void
layout_graph (Layout *lay,
              double  panel_x,
              double  panel_top,
              double  min_bottom)
{
  Graph graph;
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr (GPtrArray) roots = g_ptr_array_new ();
  guint n_layers = 0, guard = 0;
  double panel_w = 0, graph_bottom, top;
  gboolean changed = TRUE;
  CsBox *panel;

  graph.nodes = g_ptr_array_new_with_free_func (g_free);
  graph.node_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  graph.chip_of = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Roots: tensors in the picture with a grad_fn. */
  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);
      CsLmObject *object = row->object;

      if (object->kind == CS_LM_TENSOR && object->grad_fn != 0
          && _cs_layout_model_lookup (lay->m, object->grad_fn) != NULL)
        {
          GraphNode *chip = graph_add (&graph, object, TRUE);

          g_ptr_array_add (roots, chip);
          g_array_append_val (stack, object->grad_fn);
        }
    }

  /* Function nodes reachable from the roots, iteratively. */
  while (stack->len > 0 && graph.nodes->len < MAX_GRAPH_NODES)
    {
      guint64 id = g_array_index (stack, guint64, stack->len - 1);
      CsLmObject *fn;

      g_array_set_size (stack, stack->len - 1);
      if (id == 0 || g_hash_table_contains (graph.node_of, &id))
        continue;
      fn = _cs_layout_model_lookup (lay->m, id);
      if (fn == NULL || fn->kind != CS_LM_GRAD_FN)
        continue;
      graph_add (&graph, fn, FALSE);
      for (guint k = fn->next->len; k > 0; k--)
        g_array_append_val (stack, g_array_index (fn->next, guint64, k - 1));
    }

  /* Leaves hang below their AccumulateGrad. */
  for (guint i = 0, n = graph.nodes->len; i < n; i++)
    {
      GraphNode *node = g_ptr_array_index (graph.nodes, i);
      CsLmObject *leaf;

      if (node->chip || node->object->variable == 0)
        continue;
      leaf = _cs_layout_model_lookup (lay->m, node->object->variable);
      if (leaf != NULL && !g_hash_table_contains (graph.chip_of, &leaf->id))
        graph_add (&graph, leaf, TRUE);
    }

  /* Detached tensors: no graph, same storage as a tensor in the graph. */
  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);
      CsLmObject *object = row->object;

      if (object->kind != CS_LM_TENSOR || object->requires_grad || object->grad_fn != 0
          || g_hash_table_contains (graph.chip_of, &object->id))
        continue;
      for (guint j = 0, n = graph.nodes->len; j < n; j++)
        {
          GraphNode *node = g_ptr_array_index (graph.nodes, j);

          if (node->chip && node->object->requires_grad && node->object->storage == object->storage
              && !node->detached)
            {
              GraphNode *cut = graph_add (&graph, object, TRUE);

              cut->detached = TRUE;
              cut->source = j;
              break;
            }
        }
    }

  if (graph.nodes->len == 0)
    goto out;

  /* Longest-path layers, relaxed until stable (a DAG; guarded anyway). */
  while (changed && guard++ < 64)
    {
      changed = FALSE;
      for (guint i = 0; i < graph.nodes->len; i++)
        {
          GraphNode *node = g_ptr_array_index (graph.nodes, i);
          guint64 target = 0;
          GraphNode *child;

          if (node->chip && !node->detached && node->object->grad_fn != 0
              && g_ptr_array_find (roots, node, NULL))
            {
              child = g_hash_table_lookup (graph.node_of, &node->object->grad_fn);
              if (child != NULL && child->layer < node->layer + 1)
                {
                  child->layer = node->layer + 1;
                  changed = TRUE;
                }
              continue;
            }
          if (node->chip)
            continue;
          for (guint k = 0; k < node->object->next->len; k++)
            {
              target = g_array_index (node->object->next, guint64, k);
              child = target ? g_hash_table_lookup (graph.node_of, &target) : NULL;
              if (child != NULL && child->layer < node->layer + 1)
                {
                  child->layer = node->layer + 1;
                  changed = TRUE;
                }
            }
          if (node->object->variable != 0)
            {
              child = g_hash_table_lookup (graph.chip_of, &node->object->variable);
              if (child != NULL && !g_ptr_array_find (roots, child, NULL) && child->layer < node->layer + 1)
                {
                  child->layer = node->layer + 1;
                  changed = TRUE;
                }
            }
        }
    }
  for (guint i = 0; i < graph.nodes->len; i++)
    {
      GraphNode *node = g_ptr_array_index (graph.nodes, i);

      if (node->detached)
        {
          GraphNode *source = g_ptr_array_index (graph.nodes, node->source);
          node->layer = source->layer + 1;
        }
      n_layers = MAX (n_layers, node->layer + 1);
    }

  /* Widths, then each layer's order and x. */
  for (guint i = 0; i < graph.nodes->len; i++)
    {
      GraphNode *node = g_ptr_array_index (graph.nodes, i);

      if (node->chip)
        node->width = MAX (56, ceil (text_w (CS_FONT_MONO, 18, TRUE, tensor_label (lay, node->object)) + 32));
      else
        node->width = ceil (text_w (CS_FONT_MONO, 15, FALSE, node->object->type_name) + 32);
      node->unit_width = node->width;
      if (node->chip && node->object->grad != 0 && !g_ptr_array_find (roots, node, NULL))
        {
          CsLmObject *grad = _cs_layout_model_lookup (lay->m, node->object->grad);

          if (grad != NULL)
            node->unit_width += 24 + 40.0 * MIN (MAX (grad->values->len, 1), MAX_MINI_CELLS);
        }
    }

  for (guint layer = 0; layer < n_layers; layer++)
    {
      double w = 0;

      for (guint i = 0; i < graph.nodes->len; i++)
        {
          GraphNode *node = g_ptr_array_index (graph.nodes, i);

          if (node->layer == layer)
            w += node->unit_width + 32;
        }
      panel_w = MAX (panel_w, w);
    }
  panel_w = MAX (panel_w + 32, 320);

  top = panel_top + 56;
  for (guint layer = 0; layer < n_layers; layer++)
    {
      g_autoptr (GPtrArray) members = g_ptr_array_new ();
      double w = 0, x;

      for (guint i = 0; i < graph.nodes->len; i++)
        {
          GraphNode *node = g_ptr_array_index (graph.nodes, i);

          if (node->layer != layer)
            continue;
          /* Order by where the parents are; first-seen order breaks ties. */
          node->order = i * 1e-3;
          for (guint j = 0; j < graph.nodes->len; j++)
            {
              GraphNode *parent = g_ptr_array_index (graph.nodes, j);
              gboolean links = FALSE;

              if (parent->layer >= layer)
                continue;
              if (parent->chip && parent->object->grad_fn == node->id && !node->chip)
                links = TRUE;
              if (!parent->chip)
                {
                  for (guint k = 0; k < parent->object->next->len; k++)
                    if (!node->chip && g_array_index (parent->object->next, guint64, k) == node->id)
                      links = TRUE;
                  if (node->chip && parent->object->variable == node->id)
                    links = TRUE;
                }
              if (links)
                {
                  node->order = parent->x + parent->width / 2 + i * 1e-3;
                  break;
                }
            }
          g_ptr_array_add (members, node);
          w += node->unit_width + (members->len > 1 ? 32 : 0);
        }
      for (guint a = 1; a < members->len; a++)
        for (guint b = a; b > 0; b--)
          {
            GraphNode *l = g_ptr_array_index (members, b - 1), *r = g_ptr_array_index (members, b);

            if (l->order <= r->order)
              break;
            members->pdata[b - 1] = r;
            members->pdata[b] = l;
          }
      x = panel_x + (panel_w - w) / 2;
      for (guint i = 0; i < members->len; i++)
        {
          GraphNode *node = g_ptr_array_index (members, i);

          node->x = x;
          node->y = top + layer * LAYER_GAP;
          x += node->unit_width + 32;
        }
    }

  graph_bottom = top + (n_layers - 1) * LAYER_GAP + NODE_HEIGHT + 32;
  panel = cs_scene_add_box (lay->scene, CS_BOX_PANEL, "panel:autograd", panel_x, panel_top, panel_w,
                            MAX (graph_bottom, min_bottom) - panel_top);
  {
    CsText *hint = cs_scene_add_text (lay->scene, CS_TEXT_SMALL, panel_x + panel_w,
                                      lay->content_top + 50, "gradients flow ↓");

    hint->align_right = TRUE;
    cs_scene_add_text (lay->scene, CS_TEXT_COLUMN_HEADER, panel_x, lay->content_top + 50,
                       "Autograd graph");
  }
  (void) panel;

  for (guint i = 0; i < graph.nodes->len; i++)
    {
      GraphNode *node = g_ptr_array_index (graph.nodes, i);
      g_autofree char *key = NULL;
      CsBox *box;

      if (node->chip)
        {
          gboolean root = g_ptr_array_find (roots, node, NULL);

          key = g_strdup_printf ("%s:%" G_GUINT64_FORMAT, root ? "chip" : "leafchip", node->id);
          box = cs_scene_add_box (lay->scene, CS_BOX_CHIP, key, node->x, node->y, node->width, NODE_HEIGHT);
          box->title = g_strdup (tensor_label (lay, node->object));
          box->ref_key = g_strdup_printf ("obj:%" G_GUINT64_FORMAT, node->id);
          box->color_index = tensor_color (lay, node->object);
          if (node->detached)
            box->flags |= CS_BOX_FLAG_DASHED;

          if (!root && node->object->grad != 0)
            {
              CsLmObject *grad = _cs_layout_model_lookup (lay->m, node->object->grad);

              if (grad != NULL)
                {
                  g_autofree char *gkey = g_strdup_printf ("grad:%" G_GUINT64_FORMAT, node->id);
                  g_autofree char *akey = g_strdup_printf ("arrow:grad:%" G_GUINT64_FORMAT, node->id);
                  guint n = MIN (MAX (grad->values->len, 1), MAX_MINI_CELLS);
                  double gx = node->x + node->width + 24;
                  CsBox *mini = cs_scene_add_box (lay->scene, CS_BOX_MINI_STRIP, gkey, gx,
                                                  node->y + 6, 40.0 * n, 28);

                  mini->title = g_strdup_printf ("%s.grad", box->title);
                  mini->ref_key = g_strdup_printf ("obj:%" G_GUINT64_FORMAT, grad->id);
                  if (_cs_layout_model_marked (lay->m->grad_changed, node->id))
                    mini->flags |= CS_BOX_FLAG_CHANGED;
                  for (guint k = 0; k < n; k++)
                    cs_box_add_cell (mini, gx + 40.0 * k, node->y + 6, 40, 28,
                                     k < grad->values->len ? g_ptr_array_index (grad->values, k) : "", NULL)->is_ref = FALSE;
                  cs_scene_add_arrow (lay->scene, akey, CS_ARROW_LINK, key, gkey,
                                      node->x + node->width, node->y + NODE_HEIGHT / 2,
                                      gx, node->y + NODE_HEIGHT / 2);
                }
            }
        }
      else
        {
          key = g_strdup_printf ("node:%" G_GUINT64_FORMAT, node->id);
          box = cs_scene_add_box (lay->scene, CS_BOX_NODE, key, node->x, node->y, node->width, NODE_HEIGHT);
          box->title = g_strdup (node->object->type_name);
          if (node->object->variable != 0)
            box->flags |= CS_BOX_FLAG_DOUBLE;
        }
      node->box = box;
    }

  /* Edges, from a grad_fn to each of its next_functions. */
  for (guint i = 0; i < graph.nodes->len; i++)
    {
      GraphNode *node = g_ptr_array_index (graph.nodes, i);
      g_autoptr (GPtrArray) targets = g_ptr_array_new ();

      if (node->detached)
        {
          GraphNode *source = g_ptr_array_index (graph.nodes, node->source);
          g_autofree char *akey = g_strdup_printf ("arrow:detach:%" G_GUINT64_FORMAT, node->id);

          cs_scene_add_arrow (lay->scene, akey, CS_ARROW_DETACH, source->box->key, node->box->key,
                              source->x + source->width / 2, source->y + NODE_HEIGHT,
                              node->x + node->width / 2, node->y);
          continue;
        }
      if (node->chip)
        {
          if (g_ptr_array_find (roots, node, NULL))
            g_ptr_array_add (targets, g_hash_table_lookup (graph.node_of, &node->object->grad_fn));
        }
      else
        {
          for (guint k = 0; k < node->object->next->len; k++)
            {
              guint64 id = g_array_index (node->object->next, guint64, k);
              GraphNode *child = id ? g_hash_table_lookup (graph.node_of, &id) : NULL;

              if (child != NULL && !g_ptr_array_find (targets, child, NULL))
                g_ptr_array_add (targets, child);
            }
          if (node->object->variable != 0)
            {
              GraphNode *leaf = g_hash_table_lookup (graph.chip_of, &node->object->variable);

              if (leaf != NULL)
                g_ptr_array_add (targets, leaf);
            }
        }

      for (guint k = 0; k < targets->len; k++)
        {
          GraphNode *child = g_ptr_array_index (targets, k);
          g_autofree char *akey = NULL;
          CsArrow *arrow;

          if (child == NULL || child->box == NULL)
            continue;
          akey = g_strdup_printf ("edge:%s:%s", node->box->key, child->box->key);
          arrow = cs_scene_add_arrow (lay->scene, akey, CS_ARROW_GRAPH, node->box->key, child->box->key,
                                      node->x + node->width / 2, node->y + NODE_HEIGHT,
                                      child->x + child->width / 2, child->y);
          for (guint f = 0; f < lay->m->flows->len; f++)
            {
              CsLmFlow *flow = g_ptr_array_index (lay->m->flows, f);
              gboolean from_here = node->chip ? flow->from == 0 || flow->from == node->id : flow->from == node->id;

              if (from_here && flow->to == child->id)
                {
                  g_free (arrow->capsule);
                  arrow->capsule = g_strdup (flow->text);
                  arrow->pulse_order = flow->order;
                  lay->scene->n_pulses = MAX (lay->scene->n_pulses, flow->order + 1);
                }
            }
        }
    }

out:
  g_ptr_array_unref (graph.nodes);
  g_hash_table_unref (graph.node_of);
  g_hash_table_unref (graph.chip_of);
}

/* -- the stride panel ------------------------------------------------------ */

#define GRID_CELL_W 64.0
#define GRID_CELL_H 48.0
#define GRID_GUTTER 24.0
#define GRID_ROW_GAP 16.0

static void translate_scene (CsScene *scene, double dx, double dy);

/* Whether the stride panel can explain @row: a 1-D view of up to 8 or a
 * 2-D view of up to 4×6 elements, with known values, non-negative
 * strides and every element on a drawn cell.
 */
static gboolean
explainable_row (Layout *lay,
                 Row    *row)
{
  CsLmObject *object = row->object;
  Strip *strip;
  gint64 n0, n1, s0, s1, last;

  if (!is_array (object) || (object->ndim != 2 && !(object->ndim == 1 && lay->opts->part == CS_LAYOUT_PART_STRIDES)))
    return FALSE;
  n0 = object->ndim == 2 ? object->shape[0] : 1;
  n1 = object->ndim == 2 ? object->shape[1] : object->shape[0];
  s0 = object->ndim == 2 ? object->strides[0] : 0;
  s1 = object->ndim == 2 ? object->strides[1] : object->strides[0];
  if (n0 < 1 || n0 > 4 || n1 < 1 || n1 > (object->ndim == 2 ? 6 : 8)
      || object->values->len < (guint) (n0 * n1))
    return FALSE;
  strip = g_hash_table_lookup (lay->strip_of, &object->storage);
  if (strip == NULL || object->offset < 0 || s0 < 0 || s1 < 0)
    return FALSE;
  /* Every element must land on a drawn cell (as size_strip() counts them;
   * the stride part asks before strips are sized).
   */
  last = object->offset + (n0 - 1) * s0 + (n1 - 1) * s1;
  return last < (gint64) (strip->storage->numel > lay->max_cells ? lay->max_cells - 1 : strip->storage->numel);
}

static Row *
stride_focus_row (Layout *lay)
{
  CsLayoutPart part = lay->opts->part;

  if (!lay->opts->stride_panel || part == CS_LAYOUT_PART_MEMORY || part == CS_LAYOUT_PART_AUTOGRAD)
    return NULL;
  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);

      if (lay->opts->stride_focus != 0 ? row->object->id != lay->opts->stride_focus : row->object->contiguous)
        continue;
      if (explainable_row (lay, row))
        return row;
    }
  return NULL;
}

/* The view the stride part shows: the chosen one when this step has it
 * (even when it is too large to explain: its card and strip still show
 * how it reads storage), else the first non-contiguous 2-D view, else the
 * first view the panel can explain, else the first array.
 */
static Row *
strides_part_row (Layout *lay)
{
  Row *first = NULL, *any = NULL;

  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);

      if (!is_array (row->object) || row->object->storage == 0
          || g_hash_table_lookup (lay->strip_of, &row->object->storage) == NULL)
        continue;
      if (any == NULL)
        any = row;
      if (lay->opts->stride_focus != 0 && row->object->id == lay->opts->stride_focus)
        return row;
    }
  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);

      if (!explainable_row (lay, row))
        continue;
      if (row->object->ndim == 2 && !row->object->contiguous)
        return row;
      if (first == NULL)
        first = row;
    }
  return first != NULL ? first : any;
}

/* Keeps only @keep (or nothing) and its strip, which then lists only it. */
static void
keep_only_row (Layout *lay,
               Row    *keep)
{
  for (guint i = lay->rows->len; i > 0; i--)
    {
      Row *row = g_ptr_array_index (lay->rows, i - 1);

      if (row == keep)
        continue;
      g_hash_table_remove (lay->row_of, &row->object->id);
      g_ptr_array_remove_index (lay->rows, i - 1);
    }
  for (guint i = lay->strips->len; i > 0; i--)
    {
      Strip *strip = g_ptr_array_index (lay->strips, i - 1);

      if (keep != NULL && keep->object->storage == strip->storage->id)
        {
          strip->n_users_all = strip->users->len;
          g_ptr_array_set_size (strip->users, 0);
          g_ptr_array_add (strip->users, keep);
          continue;
        }
      g_hash_table_remove (lay->strip_of, &strip->storage->id);
      g_ptr_array_remove_index (lay->strips, i - 1);
    }
  if (keep != NULL)
    {
      /* The panel's title names the view: no name pills, so the picture
       * stays small enough to read in its tab.
       */
      keep->depth = 0;
      keep->has_referrer = FALSE;
      g_ptr_array_set_size (keep->names, 0);
    }
}

/* The stride panel above @row's strip: its logical grid, the mapping of
 * every element to its storage cell, and the formula with a worked
 * example (the last element).  Returns how far everything was pushed
 * down to make room.
 */
static double
add_stride_panel (Layout *lay,
                  Row    *row,
                  double  min_top)
{
  CsLmObject *object = row->object;
  Strip *strip = g_hash_table_lookup (lay->strip_of, &object->storage);
  const char *name = row_label (row);
  gboolean one_d = object->ndim == 1;
  /* A 1-D view is drawn as one row read along j, written with i. */
  gint64 n0 = one_d ? 1 : object->shape[0], n1 = one_d ? object->shape[0] : object->shape[1];
  gint64 s0 = one_d ? 0 : object->strides[0], s1 = one_d ? object->strides[0] : object->strides[1];
  /* Tall enough for the formula and the worked example beside the grid. */
  double panel_h = MAX (56 + n0 * GRID_CELL_H + (n0 - 1) * GRID_ROW_GAP + 24, 160);
  double top = strip->y - 64 - panel_h, shift = 0, x0, y0, fx, right;
  g_autofree char *grid_key = g_strdup_printf ("grid:%" G_GUINT64_FORMAT, object->id);
  g_autofree char *title = g_strdup_printf ("How %s reads S%u", name, strip->number);
  g_autofree char *lives = NULL;
  g_autofree char *formula = NULL;
  g_autofree char *example = NULL;
  gint64 last_pos;
  CsBox *panel, *grid, *box;
  CsText *text;

  if (top < min_top)
    {
      shift = min_top - top;
      translate_scene (lay->scene, 0, shift);
      for (guint i = 0; i < lay->rows->len; i++)
        ((Row *) g_ptr_array_index (lay->rows, i))->y += shift;
      for (guint i = 0; i < lay->strips->len; i++)
        ((Strip *) g_ptr_array_index (lay->strips, i))->y += shift;
      top = min_top;
    }

  x0 = strip->x + CAP_WIDTH + 56;
  y0 = top + 56;
  fx = x0 + n1 * (GRID_CELL_W + GRID_GUTTER) - GRID_GUTTER + 48;
  last_pos = object->offset + (n0 - 1) * s0 + (n1 - 1) * s1;
  if (one_d)
    {
      lives = g_strdup_printf ("%s[i] lives in cell", name);
      formula = g_strdup_printf ("offset + i·%" G_GINT64_FORMAT, s1);
      example = g_strdup_printf ("%s[%" G_GINT64_FORMAT "] → %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT
                                 "·%" G_GINT64_FORMAT " = %" G_GINT64_FORMAT,
                                 name, n1 - 1, object->offset, n1 - 1, s1, last_pos);
    }
  else
    {
      lives = g_strdup_printf ("%s[i, j] lives in cell", name);
      formula = g_strdup_printf ("offset + i·%" G_GINT64_FORMAT " + j·%" G_GINT64_FORMAT, s0, s1);
      example = g_strdup_printf ("%s[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "] → %" G_GINT64_FORMAT " + %"
                                 G_GINT64_FORMAT "·%" G_GINT64_FORMAT " + %" G_GINT64_FORMAT "·%" G_GINT64_FORMAT
                                 " = %" G_GINT64_FORMAT,
                                 name, n0 - 1, n1 - 1, object->offset, n0 - 1, s0, n1 - 1, s1, last_pos);
    }
  right = fx + MAX (MAX (text_w (CS_FONT_MONO, 17, FALSE, formula), text_w (CS_FONT_SANS, 14, FALSE, lives)),
                    text_w (CS_FONT_MONO, 17, FALSE, example) + 32) + 32;

  panel = cs_scene_add_box (lay->scene, CS_BOX_PANEL, "panel:stride", strip->x + 32, top,
                            right - strip->x - 32, panel_h);
  panel->subtitle = g_strdup (title);
  panel->ref_key = g_strdup (row->box->key);

  grid = cs_scene_add_box (lay->scene, CS_BOX_GRID, grid_key, x0, y0,
                           n1 * (GRID_CELL_W + GRID_GUTTER) - GRID_GUTTER,
                           n0 * GRID_CELL_H + (n0 - 1) * GRID_ROW_GAP);
  grid->title = g_strdup (name);
  grid->ref_key = g_strdup (row->box->key);
  grid->color_index = (int) strip->number - 1;

  for (gint64 j = 0; j < n1; j++)
    {
      g_autofree char *label = g_strdup_printf (one_d ? "i=%" G_GINT64_FORMAT : "j=%" G_GINT64_FORMAT, j);
      double cx = x0 + j * (GRID_CELL_W + GRID_GUTTER) + GRID_CELL_W / 2;

      cs_scene_add_text (lay->scene, CS_TEXT_INDEX, cx - text_w (CS_FONT_MONO, 13, FALSE, label) / 2,
                         y0 - 8, label);
    }
  for (gint64 i = 0; i < n0 && !one_d; i++)
    {
      g_autofree char *label = g_strdup_printf ("i=%" G_GINT64_FORMAT, i);

      cs_scene_add_text (lay->scene, CS_TEXT_INDEX, panel->x + 20,
                         y0 + i * (GRID_CELL_H + GRID_ROW_GAP) + GRID_CELL_H / 2 + 5, label);
    }

  for (gint64 i = 0; i < n0; i++)
    for (gint64 j = 0; j < n1; j++)
      {
        double cx = x0 + j * (GRID_CELL_W + GRID_GUTTER);
        double cy = y0 + i * (GRID_CELL_H + GRID_ROW_GAP);
        gint64 pos = object->offset + i * s0 + j * s1;
        const CsCell *target = g_ptr_array_index (strip->box->cells, pos);
        CsCell *cell = cs_box_add_cell (grid, cx, cy, GRID_CELL_W, GRID_CELL_H,
                                        g_ptr_array_index (object->values, i * n1 + j), NULL);
        g_autofree char *akey = g_strdup_printf ("map:%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                 grid_key, i, j);
        CsArrow *line = cs_scene_add_arrow (lay->scene, akey, CS_ARROW_MAPPING, grid_key, strip->box->key,
                                            cx + GRID_CELL_W / 2, cy + GRID_CELL_H,
                                            target->x + target->width / 2, strip->y);

        cell->is_ref = FALSE;
        line->color_index = (int) strip->number - 1;
        line->dot_radius = 3;
        if (i < n0 - 1)
          {
            line->via_x = cx - GRID_GUTTER / 2;
            line->via_y = cy + GRID_CELL_H + GRID_ROW_GAP / 2;
          }
        if (i == n0 - 1 && j == n1 - 1)
          {
            line->focus = TRUE;
            cell->focus = TRUE;
            ((CsCell *) target)->focus = TRUE;
          }
      }

  text = cs_scene_add_text (lay->scene, CS_TEXT_SMALL, fx, top + 52, lives);
  text = cs_scene_add_text (lay->scene, CS_TEXT_FORMULA, fx, top + 82, formula);
  box = cs_scene_add_box (lay->scene, CS_BOX_EXAMPLE, "example:stride", fx, top + 100,
                          text_w (CS_FONT_MONO, 17, FALSE, example) + 32, 40);
  box->title = g_steal_pointer (&example);
  (void) text;
  return shift;
}

/* -- the whole picture -------------------------------------------------------- */

static void
translate_scene (CsScene *scene,
                 double   dx,
                 double   dy)
{
  for (guint i = 0; i < scene->boxes->len; i++)
    {
      CsBox *box = g_ptr_array_index (scene->boxes, i);

      box->x += dx;
      box->y += dy;
      box->label_y += dy;
      for (guint j = 0; j < box->badges->len; j++)
        {
          CsBadge *badge = g_ptr_array_index (box->badges, j);
          badge->x += dx;
          badge->y += dy;
        }
      for (guint j = 0; j < box->facts->len; j++)
        {
          CsFact *fact = g_ptr_array_index (box->facts, j);
          fact->x += dx;
          fact->value_x += dx;
          fact->baseline += dy;
        }
      for (guint j = 0; j < box->cells->len; j++)
        {
          CsCell *cell = g_ptr_array_index (box->cells, j);
          cell->x += dx;
          cell->y += dy;
        }
      for (guint j = 0; j < box->lanes->len; j++)
        {
          CsLane *lane = g_ptr_array_index (box->lanes, j);
          lane->y += dy;
        }
    }
  for (guint i = 0; i < scene->arrows->len; i++)
    {
      CsArrow *arrow = g_ptr_array_index (scene->arrows, i);

      arrow->x0 += dx;
      arrow->x1 += dx;
      arrow->y0 += dy;
      arrow->y1 += dy;
      /* A mapping line's turn moves with it (0 means no turn). */
      if (arrow->via_y > 0)
        {
          arrow->via_x += dx;
          arrow->via_y += dy;
        }
    }
  for (guint i = 0; i < scene->texts->len; i++)
    {
      CsText *text = g_ptr_array_index (scene->texts, i);

      text->x += dx;
      text->baseline += dy;
    }
}

static void
measure_rows (Layout *lay,
              double *name_width,
              double *card_width)
{
  *name_width = 0;
  *card_width = 0;
  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);

      for (guint j = 0; j < row->names->len; j++)
        *name_width = MAX (*name_width, pill_width (g_ptr_array_index (row->names, j)));
      object_box (lay, row, NULL, 0, 0, 0);
      if (is_array (row->object))
        *card_width = MAX (*card_width, row->width);
    }
}

static void
layout_init (Layout                *lay,
             CsLayoutModel         *model,
             const CsLayoutOptions *options)
{
  GHashTableIter iter;
  gpointer value;

  lay->m = model;
  lay->opts = options;
  lay->rows = g_ptr_array_new_with_free_func (row_free);
  lay->row_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  lay->strips = g_ptr_array_new_with_free_func (strip_free);
  lay->strip_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  lay->max_cells = MAX (options->max_cells, 2);

  collect_rows (lay);
  collect_strips (lay);

  g_hash_table_iter_init (&iter, model->objects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CsLmObject *object = value;

      if (object->kind == CS_LM_TENSOR && (object->requires_grad || object->grad_fn != 0))
        lay->any_autograd = TRUE;
    }
  for (guint i = 0; i < lay->rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay->rows, i);

      if (is_array (row->object) && !row->object->contiguous)
        lay->any_noncontiguous = TRUE;
    }
}

static void
layout_clear (Layout *lay)
{
  g_ptr_array_unref (lay->rows);
  g_hash_table_unref (lay->row_of);
  g_ptr_array_unref (lay->strips);
  g_hash_table_unref (lay->strip_of);
}

void
_cs_layout_model_measure (CsLayoutModel *model,
                          double        *name_width,
                          double        *card_width)
{
  CsLayoutOptions options;
  Layout lay = { 0 };

  cs_layout_options_init (&options);
  layout_init (&lay, model, &options);
  measure_rows (&lay, name_width, card_width);
  layout_clear (&lay);
}

static gboolean
same_group (Row *a,
            Row *b)
{
  return a != NULL && b != NULL && is_array (a->object) && is_array (b->object)
         && a->object->storage != 0 && a->object->storage == b->object->storage;
}

/* Copies @box (with its cells and lanes) into @scene. */
static void
copy_box (CsScene     *scene,
          const CsBox *box)
{
  CsBox *copy = cs_scene_add_box (scene, box->kind, box->key, box->x, box->y, box->width, box->height);

  copy->ref_key = g_strdup (box->ref_key);
  copy->title = g_strdup (box->title);
  copy->subtitle = g_strdup (box->subtitle);
  copy->note = g_strdup (box->note);
  copy->color_index = box->color_index;
  copy->flags = box->flags;
  copy->cap_width = box->cap_width;
  copy->label_y = box->label_y;
  for (guint i = 0; i < box->cells->len; i++)
    {
      const CsCell *cell = g_ptr_array_index (box->cells, i);
      CsCell *c = cs_box_add_cell (copy, cell->x, cell->y, cell->width, cell->height, cell->text, cell->label);

      c->is_ref = cell->is_ref;
      c->bold = cell->bold;
      c->changed = cell->changed;
      c->old_text = g_strdup (cell->old_text);
      c->focus = cell->focus;
    }
  for (guint i = 0; i < box->lanes->len; i++)
    {
      const CsLane *lane = g_ptr_array_index (box->lanes, i);
      CsLane *l = cs_box_add_lane (copy, lane->kind, lane->y, lane->title, lane->n_cells);

      l->descending = lane->descending;
      for (guint j = 0; j < lane->n_cells; j++)
        {
          g_free (l->labels[j]);
          l->labels[j] = g_strdup (lane->labels[j]);
          l->covered[j] = lane->covered[j];
        }
    }
}

/* The stride part, once its panel is drawn, keeps only the panel (grid,
 * formula, worked example), the strip and the mapping lines: the view's
 * card (beside the strip) made the picture twice as wide, too small to
 * read in a tab, and the memory picture above shows the card anyway.
 */
static CsScene *
keep_stride_panel (CsScene *full)
{
  const CsBox *panel = cs_scene_find_box (full, "panel:stride");
  CsScene *scene = cs_scene_new ();
  const char *strip_key = NULL;

  scene->font_scale = full->font_scale;
  for (guint i = 0; i < full->arrows->len; i++)
    {
      const CsArrow *arrow = g_ptr_array_index (full->arrows, i);

      if (arrow->style == CS_ARROW_MAPPING)
        strip_key = arrow->target_key;
    }
  for (guint i = 0; i < full->boxes->len; i++)
    {
      const CsBox *box = g_ptr_array_index (full->boxes, i);

      if (box == panel || box->kind == CS_BOX_GRID || box->kind == CS_BOX_EXAMPLE
          || g_strcmp0 (box->key, strip_key) == 0)
        copy_box (scene, box);
    }
  for (guint i = 0; i < full->arrows->len; i++)
    {
      const CsArrow *arrow = g_ptr_array_index (full->arrows, i);
      CsArrow *copy;

      if (arrow->style != CS_ARROW_MAPPING)
        continue;
      copy = cs_scene_add_arrow (scene, arrow->key, arrow->style, arrow->source_key, arrow->target_key,
                                 arrow->x0, arrow->y0, arrow->x1, arrow->y1);
      copy->route = arrow->route;
      copy->color_index = arrow->color_index;
      copy->dot_radius = arrow->dot_radius;
      copy->capsule = g_strdup (arrow->capsule);
      copy->via_x = arrow->via_x;
      copy->via_y = arrow->via_y;
      copy->focus = arrow->focus;
      copy->pulse_order = arrow->pulse_order;
    }
  /* The panel's words: indices, "x[i, j] lives in cell", the formula. */
  for (guint i = 0; i < full->texts->len; i++)
    {
      const CsText *text = g_ptr_array_index (full->texts, i);

      if (text->baseline >= panel->y && text->baseline <= panel->y + panel->height
          && text->x >= panel->x && text->x <= panel->x + panel->width)
        cs_scene_add_text (scene, text->role, text->x, text->baseline, text->text)->align_right = text->align_right;
    }
  if (full->error != NULL)
    cs_scene_set_error (scene, full->error);
  return scene;
}

/* Centres what a panel part drew in a page just large enough for it.  A
 * part with nothing to show stays an empty scene (no boxes).
 */
static void
finish_part (Layout                *lay,
             const CsLayoutOptions *options)
{
  CsScene *scene = lay->scene;
  double x_min = G_MAXDOUBLE, x_max = -G_MAXDOUBLE, y_max = 0;

  for (guint i = 0; i < scene->boxes->len; i++)
    {
      CsBox *box = g_ptr_array_index (scene->boxes, i);

      x_min = MIN (x_min, box->x);
      x_max = MAX (x_max, box->x + box->width);
      y_max = MAX (y_max, box->y + box->height);
    }
  for (guint i = 0; i < scene->texts->len; i++)
    {
      CsText *text = g_ptr_array_index (scene->texts, i);
      /* Column headers are spaced out capitals: allow for that. */
      double w = text_w (CS_FONT_SANS, 13, text->role == CS_TEXT_COLUMN_HEADER, text->text) * 1.3;

      x_min = MIN (x_min, text->align_right ? text->x - w : text->x);
      x_max = MAX (x_max, text->align_right ? text->x : text->x + w);
    }
  if (x_min > x_max)
    {
      scene->width = 320;
      scene->height = 240;
      return;
    }
  scene->width = ceil ((x_max - x_min + 96) / 8) * 8;
  translate_scene (scene, round ((scene->width - (x_max - x_min)) / 2 - x_min), 0);
  scene->height = MAX (y_max + 48 + (options->frame ? CS_SCENE_CAPTION_HEIGHT : 0), 240);
}

CsScene *
_cs_layout_model_build (CsLayoutModel         *model,
                        const CsLayoutOptions *options)
{
  CsLayoutOptions defaults;
  Layout lay = { 0 };
  CsScene *scene;
  double name_w, card_w, names_right, objects_x, objects_right = 0, y, storage_x;
  double content_bottom, x_min = G_MAXDOUBLE, x_max = -G_MAXDOUBLE, width, dx;
  guint max_fan_in = 0;

  if (options == NULL)
    {
      cs_layout_options_init (&defaults);
      options = &defaults;
    }

  scene = cs_scene_new ();
  scene->font_scale = options->font_scale > 0 ? options->font_scale : 1.0;
  if (options->frame)
    {
      cs_scene_set_header (scene, model->line, model->code, model->step_index, model->n_steps);
      cs_scene_set_caption (scene, model->caption);
    }
  cs_scene_set_error (scene, model->error);

  layout_init (&lay, model, options);
  lay.scene = scene;
  lay.content_top = options->frame ? CS_SCENE_HEADER_HEIGHT : 0;

  /* The autograd part is the graph alone; the stride part one view. */
  if (options->part == CS_LAYOUT_PART_AUTOGRAD)
    {
      if (lay.any_autograd)
        layout_graph (&lay, 0, lay.content_top + 72, 0);
      finish_part (&lay, options);
      layout_clear (&lay);
      return scene;
    }
  if (options->part == CS_LAYOUT_PART_STRIDES)
    {
      Row *keep = strides_part_row (&lay);

      keep_only_row (&lay, keep);
      if (keep == NULL)
        {
          finish_part (&lay, options);
          layout_clear (&lay);
          return scene;
        }
    }

  measure_rows (&lay, &name_w, &card_w);
  name_w = MAX (name_w, options->min_name_width);
  card_w = MAX (card_w, options->min_card_width);
  names_right = name_w;
  objects_x = names_right + NAME_TO_CARD;

  /* Rows top to bottom. */
  y = lay.content_top + 88;
  for (guint i = 0; i < lay.rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay.rows, i);
      Row *prev = i > 0 ? g_ptr_array_index (lay.rows, i - 1) : NULL;
      double names_h = row->names->len * PILL_HEIGHT + (row->names->len > 0 ? (row->names->len - 1) * PILL_GAP : 0);
      double box_x = objects_x + MIN (row->depth, MAX_DEPTH_X) * CHILD_OFFSET;

      if (prev != NULL)
        y += same_group (prev, row) ? SAME_GROUP_GAP : GROUP_GAP;
      object_box (&lay, row, NULL, 0, 0, card_w);
      row->row_top = y;
      row->row_height = MAX (row->height, names_h);
      row->x = box_x;
      row->y = y + (row->row_height - row->height) / 2;
      object_box (&lay, row, scene, row->x, row->y, card_w);
      row->width = row->box->width;
      objects_right = MAX (objects_right, row->x + row->width);
      y += row->row_height;
    }
  content_bottom = y;

  /* Name pills, centred on their card, and their arrows. */
  for (guint i = 0; i < lay.rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay.rows, i);
      guint n = row->names->len;
      double py = row->y + row->height / 2 - (n * PILL_HEIGHT + (n - 1) * PILL_GAP) / 2;

      for (guint j = 0; j < n; j++)
        {
          const char *name = g_ptr_array_index (row->names, j);
          double pw = pill_width (name);
          g_autofree char *key = g_strdup_printf ("name:%s", name);
          g_autofree char *akey = g_strdup_printf ("arrow:name:%s", name);
          CsBox *pill = cs_scene_add_box (scene, CS_BOX_PILL, key, names_right - pw, py, pw, PILL_HEIGHT);
          double ty = row->y + row->height / 2 + (j - (n - 1) / 2.0) * 16;

          pill->title = g_strdup (name);
          pill->ref_key = g_strdup (row->box->key);
          if (g_hash_table_contains (model->rebound_names, name))
            pill->flags |= CS_BOX_FLAG_CHANGED;
          cs_scene_add_arrow (scene, akey, CS_ARROW_NEUTRAL, key, row->box->key,
                              names_right, py + PILL_HEIGHT / 2, row->x, ty);
          py += PILL_HEIGHT + PILL_GAP;
        }
    }

  /* Slot arrows and shared-path notes. */
  for (guint i = 0; i < lay.rows->len; i++)
    {
      Row *row = g_ptr_array_index (lay.rows, i);
      CsLmObject *object = row->object;

      /* Two names on one object already show as two arrows; the note is
       * for an object also reached through a container (a[0] is b[0]).
       * Arrays keep the space right of their card for storage arrows.
       */
      if (row->paths->len >= 2 && row->has_referrer && !is_array (object))
        row->box->note = g_strdup_printf ("%s is %s", (char *) g_ptr_array_index (row->paths, 0),
                                          (char *) g_ptr_array_index (row->paths, 1));
      if (object->kind != CS_LM_LIST && object->kind != CS_LM_TUPLE && object->kind != CS_LM_DICT)
        continue;
      for (guint s = 0; s < row->box->cells->len; s++)
        {
          CsCell *cell = g_ptr_array_index (row->box->cells, s);
          const CsLmItem *item;
          Row *target;
          g_autofree char *akey = NULL;
          CsArrow *arrow;
          double tx, ty, cx, cy;

          if (!cell->is_ref || s >= n_slots (object))
            continue;
          item = item_value (object, s);
          target = g_hash_table_lookup (lay.row_of, &item->ref);
          if (target == NULL)
            {
              cell->is_ref = FALSE;
              cell->text = g_strdup ("?");
              continue;
            }
          cx = cell->x + cell->width / 2;
          cy = cell->y + cell->height / 2;
          akey = g_strdup_printf ("arrow:slot:%s:%u", row->box->key, s);
          if (target == row)
            {
              /* A list that holds itself: a handle over its top edge. */
              tx = target->x + 32 + 14 * (target->incoming_used++ % 6);
              ty = target->y;
              arrow = cs_scene_add_arrow (scene, akey, CS_ARROW_NEUTRAL, row->box->key, target->box->key,
                                          cx, cy, tx, ty);
              arrow->route = CS_ROUTE_LOOP;
            }
          else if (target->x > cx + 24)
            {
              /* Leaves the slot vertically, arrives at the left edge. */
              tx = target->x;
              ty = target->y + target->height / 2;
              if (target->n_incoming > 1)
                ty += (target->incoming_used++ - (target->n_incoming - 1) / 2.0) * 12;
              arrow = cs_scene_add_arrow (scene, akey, CS_ARROW_NEUTRAL, row->box->key, target->box->key,
                                          cx, cy, tx, ty);
              arrow->route = CS_ROUTE_DOWN_RIGHT;
            }
          else
            {
              /* A box above (or below) in the same columns: arrive at its
               * near horizontal edge, so the arrow never enters it.
               */
              gboolean above = target->y < row->y;

              tx = target->x + 32 + 14 * (target->incoming_used++ % 6);
              ty = above ? target->y + target->height : target->y;
              arrow = cs_scene_add_arrow (scene, akey, CS_ARROW_NEUTRAL, row->box->key, target->box->key,
                                          cx, cy, tx, ty);
              arrow->route = CS_ROUTE_VERTICAL;
            }
          arrow->dot_radius = 6;
        }
      if (row->box->note != NULL)
        objects_right = MAX (objects_right, row->x + row->width + 16
                                              + text_w (CS_FONT_MONO, 14, FALSE, row->box->note));
    }

  /* Storage strips: each centred on its cards, pushed down to not overlap. */
  for (guint i = 0; i < lay.strips->len; i++)
    {
      Strip *strip = g_ptr_array_index (lay.strips, i);

      size_strip (&lay, strip);
      max_fan_in = MAX (max_fan_in, strip->users->len);
    }
  storage_x = objects_right + (max_fan_in >= 3 ? 152 : 120);
  {
    double floor_y = lay.content_top + 88;
    double strips_right = storage_x;

    for (guint i = 0; i < lay.strips->len; i++)
      {
        Strip *strip = g_ptr_array_index (lay.strips, i);
        double mean = 0;

        for (guint j = 0; j < strip->users->len; j++)
          {
            Row *row = g_ptr_array_index (strip->users, j);
            mean += row->y + row->height / 2;
          }
        mean /= MAX (strip->users->len, 1);
        strip->x = storage_x;
        strip->y = MAX (round (mean - STRIP_HEIGHT / 2), floor_y);
        strip->bottom = strip->y + STRIP_HEIGHT + 30 + strip->n_lanes * 26;
        floor_y = strip->bottom + 24;
        content_bottom = MAX (content_bottom, strip->bottom);
        emit_strip (&lay, strip);
        strips_right = MAX (strips_right, strip->x + strip->width + 16
                                           + text_w (CS_FONT_SANS, 15, FALSE, strip->box->subtitle));
        for (guint j = 0; j < strip->box->lanes->len; j++)
          {
            CsLane *lane = g_ptr_array_index (strip->box->lanes, j);

            strips_right = MAX (strips_right, strip->x + strip->width + 16
                                               + text_w (CS_FONT_MONO, 14, TRUE, lane->title));
          }

        /* Arrows into the cap, spread 16 apart around the middle. */
        for (guint j = 0; j < strip->users->len; j++)
          {
            Row *row = g_ptr_array_index (strip->users, j);
            g_autofree char *akey = g_strdup_printf ("arrow:storage:%s", row->box->key);
            double ty = strip->y + STRIP_HEIGHT / 2 + (j - (strip->users->len - 1) / 2.0)
                        * MIN (16, 48.0 / MAX (strip->users->len - 1, 1));
            CsArrow *arrow = cs_scene_add_arrow (scene, akey, CS_ARROW_STORAGE, row->box->key,
                                                 strip->box->key, row->x + row->width,
                                                 row->y + row->height / 2, strip->x, ty);

            arrow->color_index = (int) strip->number - 1;
          }
      }

    /* The stride panel for a non-contiguous (or chosen) 2-D view. */
    {
      Row *focus = stride_focus_row (&lay);

      /* The stride part kept only the view it explains. */
      if (options->part == CS_LAYOUT_PART_STRIDES)
        focus = lay.rows->len == 1 && explainable_row (&lay, g_ptr_array_index (lay.rows, 0))
                ? g_ptr_array_index (lay.rows, 0) : NULL;
      if (focus != NULL)
        {
          double shift = add_stride_panel (&lay, focus, lay.content_top + 72);
          const CsBox *panel = cs_scene_find_box (scene, "panel:stride");

          content_bottom += shift;
          strips_right = MAX (strips_right, panel->x + panel->width);
        }
      else if (options->part == CS_LAYOUT_PART_STRIDES && lay.rows->len == 1)
        {
          /* The chosen view is too large (or has too many dimensions) for
           * the grid; its card and strip still show how it reads storage.
           */
          Row *row = g_ptr_array_index (lay.rows, 0);
          const char *hint = "The grid explains 1-D views of up to 8 and 2-D views of up to 4×6 elements.";

          content_bottom += 24;
          cs_scene_add_text (scene, CS_TEXT_SMALL, row->x, content_bottom, hint);
          content_bottom += 8;
        }
    }

    /* Autograd graph to the right of the storage column. */
    if (lay.any_autograd && options->part == CS_LAYOUT_PART_ALL)
      layout_graph (&lay, (lay.strips->len > 0 ? strips_right : objects_right) + 64,
                    lay.content_top + 72, content_bottom);
  }

  /* An empty heap still says so, in words. */
  if (lay.rows->len == 0)
    {
      const char *hint = "No names yet: nothing to draw.";

      cs_scene_add_text (scene, CS_TEXT_SMALL, -text_w (CS_FONT_SANS, 13, FALSE, hint) / 2,
                         lay.content_top + 140, hint);
    }

  /* Column headers (the stride part's panel names its one view). */
  if (lay.rows->len > 0 && options->part != CS_LAYOUT_PART_STRIDES)
    {
      double first_pill = names_right;

      for (guint i = 0; i < scene->boxes->len; i++)
        {
          CsBox *box = g_ptr_array_index (scene->boxes, i);
          if (box->kind == CS_BOX_PILL)
            first_pill = MIN (first_pill, box->x);
        }
      cs_scene_add_text (scene, CS_TEXT_COLUMN_HEADER, first_pill, lay.content_top + 50, "Names");
      cs_scene_add_text (scene, CS_TEXT_COLUMN_HEADER, objects_x, lay.content_top + 50, "Objects");
      if (lay.strips->len > 0)
        cs_scene_add_text (scene, CS_TEXT_COLUMN_HEADER, storage_x, lay.content_top + 50, "Storage");
    }

  /* Centre the picture; grow the canvas when it does not fit. */
  for (guint i = 0; i < scene->boxes->len; i++)
    {
      CsBox *box = g_ptr_array_index (scene->boxes, i);
      double right = box->x + box->width;

      if (box->kind == CS_BOX_STRIP)
        right += 16 + text_w (CS_FONT_SANS, 15, FALSE, box->subtitle);
      for (guint j = 0; j < box->lanes->len; j++)
        {
          CsLane *lane = g_ptr_array_index (box->lanes, j);
          right = MAX (right, box->x + box->width + 16 + text_w (CS_FONT_MONO, 14, TRUE, lane->title));
        }
      if (box->note != NULL)
        right += 16 + text_w (CS_FONT_MONO, 14, FALSE, box->note);
      x_min = MIN (x_min, box->x);
      x_max = MAX (x_max, right);
      content_bottom = MAX (content_bottom, box->y + box->height);
    }
  for (guint i = 0; options->part == CS_LAYOUT_PART_STRIDES && i < scene->texts->len; i++)
    {
      CsText *text = g_ptr_array_index (scene->texts, i);

      if (text->role == CS_TEXT_SMALL && !text->align_right)
        x_max = MAX (x_max, text->x + text_w (CS_FONT_SANS, 13, FALSE, text->text));
    }
  if (x_min > x_max)
    {
      x_min = 0;
      x_max = 0;
    }
  width = ceil ((x_max - x_min + 96) / 8) * 8;
  if (options->part == CS_LAYOUT_PART_ALL || options->part == CS_LAYOUT_PART_MEMORY)
    width = MAX (1600, width);
  dx = round ((width - (x_max - x_min)) / 2 - x_min);
  translate_scene (scene, dx, 0);
  scene->width = width;
  scene->height = MAX (900, ceil ((content_bottom + 48 + (options->frame ? CS_SCENE_CAPTION_HEIGHT : 0)) / 8) * 8);
  if (!options->frame)
    scene->height = MAX (content_bottom + 48, 240);

  if (options->part == CS_LAYOUT_PART_STRIDES && cs_scene_find_box (scene, "panel:stride") != NULL)
    {
      lay.scene = keep_stride_panel (scene);
      cs_scene_unref (scene);
      scene = lay.scene;
      finish_part (&lay, options);
    }

  layout_clear (&lay);
  return scene;
}

/* -- public ------------------------------------------------------------------------ */

/**
 * cs_layout_options_init:
 *
 * Fills @options with the defaults: font scale 1, with the frame (header
 * and caption strips), 16 cells per strip, no fixed column widths.
 */
void
cs_layout_options_init (CsLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->font_scale = 1.0;
  options->frame = TRUE;
  options->max_cells = 16;
  options->stride_panel = TRUE;
}

/**
 * cs_layout_scene_is_empty:
 *
 * Returns: whether @scene shows nothing: a panel part (strides, autograd)
 *   with nothing to explain at its step
 */
gboolean
cs_layout_scene_is_empty (const CsScene *scene)
{
  g_return_val_if_fail (scene != NULL, TRUE);

  return scene->boxes->len == 0;
}

static void
collect_cell_cb (gpointer    user_data,
                 const char *index,
                 gint64      position)
{
  GArray *cells = user_data;
  guint cell = (guint) position;

  if (position < 0 || position > G_MAXINT)
    return;
  for (guint i = 0; i < cells->len; i++)
    if (g_array_index (cells, guint, i) == cell)
      return;
  g_array_append_val (cells, cell);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The storage cells (element positions in the strip of @storage) that the
 * array @serial reads, sorted, at most 4096 elements looked at.
 */
GArray *
_cs_layout_model_view_cells (CsLayoutModel *model,
                             guint64        serial,
                             guint64       *storage)
{
  CsLmObject *object = _cs_layout_model_lookup (model, serial);
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (guint));

  *storage = 0;
  if (object == NULL || !is_array (object) || object->storage == 0)
    return cells;
  *storage = object->storage;
  for_each_element (object, 4096, collect_cell_cb, cells);
  g_array_sort (cells, compare_uint);
  return cells;
}

static gboolean
item_equal (const CsLmItem *a,
            const CsLmItem *b)
{
  if (a->text != NULL || b->text != NULL)
    return g_strcmp0 (a->text, b->text) == 0;
  return a->ref == b->ref;
}

/**
 * _cs_layout_model_diff:
 * @prev: (nullable): the model of the previous step
 *
 * Marks what changed since @prev: new objects and storages, rebound
 * names, written slots and cells (with their old text), and changed
 * gradients.  With @prev %NULL nothing is marked.
 */
void
_cs_layout_model_diff (CsLayoutModel *model,
                       CsLayoutModel *prev)
{
  GHashTableIter iter;
  gpointer value;

  if (prev == NULL)
    {
      model->first_step = TRUE;
      return;
    }

  g_hash_table_iter_init (&iter, model->objects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CsLmObject *object = value;
      CsLmObject *before = _cs_layout_model_lookup (prev, object->id);

      if (before == NULL)
        {
          if (object->kind != CS_LM_GRAD_FN)
            _cs_layout_model_mark (model->new_objects, object->id);
          continue;
        }
      if ((object->kind == CS_LM_LIST || object->kind == CS_LM_DICT)
          && before->kind == object->kind && before->items->len == object->items->len)
        {
          gboolean dict = object->kind == CS_LM_DICT;

          for (guint i = dict ? 1 : 0; i < object->items->len; i += dict ? 2 : 1)
            {
              const CsLmItem *a = &g_array_index (before->items, CsLmItem, i);
              const CsLmItem *b = &g_array_index (object->items, CsLmItem, i);

              if (!item_equal (a, b))
                _cs_layout_model_add_write (model->slot_writes, object->id, dict ? i / 2 : i,
                                            b->text != NULL ? a->text : NULL);
            }
        }
      if (object->kind == CS_LM_TENSOR && object->grad != 0)
        {
          CsLmObject *grad = _cs_layout_model_lookup (model, object->grad);
          CsLmObject *old_grad = before->grad ? _cs_layout_model_lookup (prev, before->grad) : NULL;
          gboolean same = grad != NULL && old_grad != NULL && grad->values->len == old_grad->values->len;

          for (guint i = 0; same && i < grad->values->len; i++)
            same = g_strcmp0 (g_ptr_array_index (grad->values, i), g_ptr_array_index (old_grad->values, i)) == 0;
          if (!same)
            _cs_layout_model_mark (model->grad_changed, object->id);
        }
    }

  g_hash_table_iter_init (&iter, model->storages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CsLmStorage *storage = value;
      CsLmStorage *before = g_hash_table_lookup (prev->storages, &storage->id);

      if (before == NULL)
        {
          _cs_layout_model_mark (model->new_storages, storage->id);
          continue;
        }
      for (guint i = 0; i < storage->cells->len && i < before->cells->len; i++)
        {
          const char *a = g_ptr_array_index (before->cells, i);
          const char *b = g_ptr_array_index (storage->cells, i);

          if (*a != '\0' && *b != '\0' && strcmp (a, b) != 0)
            _cs_layout_model_add_write (model->cell_writes, storage->id, i, a);
        }
    }

  for (guint i = 0; i < model->names->len; i++)
    {
      CsLmName *name = g_ptr_array_index (model->names, i);
      gboolean found = FALSE;

      for (guint j = 0; j < prev->names->len; j++)
        {
          CsLmName *old = g_ptr_array_index (prev->names, j);

          if (strcmp (old->name, name->name) == 0)
            {
              found = TRUE;
              if (!item_equal (&old->target, &name->target))
                g_hash_table_add (model->rebound_names, g_strdup (name->name));
              break;
            }
        }
      if (!found)
        g_hash_table_add (model->rebound_names, g_strdup (name->name));
    }
}
