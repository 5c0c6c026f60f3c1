/* cs-seq.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The classes of str, tuple, list, dict, range, slice, their iterators and
 * views, and of modules, builtins and type objects: operators, subscripts
 * (with CPython's index and slice rules and messages) and iteration.
 */

#include "config.h"

#include <string.h>

#include "cs-runtime.h"

#define TNAME(o) (cs_object_type_name (o))

static gboolean
is_intlike (CsObject *o)
{
  CsKind k = cs_object_kind (o);
  return k == CS_KIND_INT || k == CS_KIND_BOOL;
}

static int
cmp_result (CsCmpOp op,
            int     c)
{
  switch (op)
    {
    case CS_CMP_EQ: return c == 0;
    case CS_CMP_NE: return c != 0;
    case CS_CMP_LT: return c < 0;
    case CS_CMP_LE: return c <= 0;
    case CS_CMP_GT: return c > 0;
    case CS_CMP_GE: return c >= 0;
    default: return 0;
    }
}

/* An index for a sequence subscript: TRUE with *out normalised into
 * 0..len-1, or FALSE + IndexError/TypeError. */
static gboolean
seq_index (CsInterp   *interp,
           CsObject   *seq,
           CsObject   *index,
           gsize       len,
           const char *what,      /* "list", "tuple", "string" */
           const char *oor,       /* "index out of range" / "assignment index out of range" */
           gsize      *out)
{
  gint64 i;

  if (!is_intlike (index) &&
      !((cs_object_kind (index) == CS_KIND_OPAQUE || cs_object_kind (index) == CS_KIND_TENSOR ||
         cs_object_kind (index) == CS_KIND_NDARRAY) && index->cls->to_int))
    {
      cs_interp_raise (interp, "TypeError", "%s indices must be integers or slices, not %s",
                       cs_object_kind (seq) == CS_KIND_STR ? "string" : TNAME (seq), TNAME (index));
      return FALSE;
    }
  if (!cs_op_index (interp, index, &i))
    return FALSE;
  if (i < 0)
    i += len;
  if (i < 0 || (guint64) i >= len)
    {
      cs_interp_raise (interp, "IndexError", "%s %s", what, oor);
      return FALSE;
    }
  *out = i;
  return TRUE;
}

/* ---- sequences: shared helpers ------------------------------------------ */

static CsObject *
seq_compare (CsInterp *interp,
             CsCmpOp   op,
             CsObject *a,
             CsObject *b)
{
  gsize i;

  if (a->cls->kind != b->cls->kind)
    return cs_not_implemented (interp);

  if ((op == CS_CMP_EQ || op == CS_CMP_NE) && a->seq.len != b->seq.len)
    return cs_bool (interp, op == CS_CMP_NE);

  for (i = 0; i < a->seq.len && i < b->seq.len; i++)
    {
      int eq = cs_op_eq (interp, a->seq.items[i], b->seq.items[i]);
      if (eq < 0)
        return NULL;
      if (!eq)
        break;
    }
  if (i >= a->seq.len || i >= b->seq.len)
    {
      int c = a->seq.len < b->seq.len ? -1 : a->seq.len > b->seq.len;
      return cs_bool (interp, cmp_result (op, c));
    }
  if (op == CS_CMP_EQ)
    return cs_bool (interp, FALSE);
  if (op == CS_CMP_NE)
    return cs_bool (interp, TRUE);
  return cs_op_compare (interp, op, a->seq.items[i], b->seq.items[i]);
}

static gssize
seq_len (CsInterp *interp,
         CsObject *self)
{
  return self->seq.len;
}

static int
seq_contains (CsInterp *interp,
              CsObject *self,
              CsObject *item)
{
  for (gsize i = 0; i < self->seq.len; i++)
    {
      int eq = cs_op_eq (interp, self->seq.items[i], item);
      if (eq != 0)
        return eq;
    }
  return 0;
}

static CsObject *
seq_make (CsInterp *interp,
          CsObject *like,
          gsize     len)
{
  if (cs_object_kind (like) == CS_KIND_LIST)
    return cs_list_new (interp, len);
  return cs_tuple_new (interp, len);
}

static CsObject *
seq_getitem (CsInterp *interp,
             CsObject *self,
             CsObject *index)
{
  gboolean is_list = cs_object_kind (self) == CS_KIND_LIST;

  if (cs_object_kind (index) == CS_KIND_SLICE)
    {
      gssize start, stop, step;
      gsize n;
      CsObject *r;

      if (!_cs_slice_indices (interp, index, self->seq.len, &start, &stop, &step, &n))
        return NULL;
      if (!is_list && step == 1 && n == self->seq.len && self->cls == &cs_tuple_class)
        return self;   /* t[:] is t for tuples, as in CPython */
      if (!cs_interp_reserve_slots (interp, 0, n))
        return NULL;
      r = seq_make (interp, self, n);
      for (gsize i = 0; i < n; i++)
        r->seq.items[i] = self->seq.items[start + (gssize) i * step];
      return r;
    }
  else
    {
      gsize i;
      if (!seq_index (interp, self, index, self->seq.len, is_list ? "list" : "tuple",
                      "index out of range", &i))
        return NULL;
      return self->seq.items[i];
    }
}

static CsObject *
seq_repeat (CsInterp *interp,
            CsObject *seq,
            gint64    times)
{
  CsObject *r;
  gsize n;

  if (times < 0)
    times = 0;
  if (times > 0 && seq->seq.len > G_MAXSIZE / (guint64) times)
    {
      cs_interp_raise (interp, "MemoryError", "%s", "");
      return NULL;
    }
  n = seq->seq.len * times;
  if (cs_object_kind (seq) == CS_KIND_TUPLE && times == 1 && seq->cls == &cs_tuple_class)
    return seq;
  if (!cs_interp_reserve_slots (interp, 0, n))
    return NULL;
  r = seq_make (interp, seq, n);
  /* Repetition copies references: [[0]] * 3 holds one inner list three times. */
  for (gsize t = 0; t < (gsize) times; t++)
    if (seq->seq.len)
      memcpy (r->seq.items + t * seq->seq.len, seq->seq.items, seq->seq.len * sizeof (CsObject *));
  return r;
}

static gboolean
list_extend_from (CsInterp *interp,
                  CsObject *list,
                  CsObject *iterable)
{
  CsObject *items = cs_op_to_list (interp, iterable);
  gsize n, old_len = list->seq.len;

  if (items == NULL)
    return FALSE;
  n = items->seq.len;
  if (!cs_interp_reserve_slots (interp, list->seq.len, n))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!cs_list_append (interp, list, items->seq.items[i]))
      return FALSE;
  for (gsize i = 0; i < n; i++)
    cs_interp_event_item (interp, CS_EVENT_ITEM_INSERTED, list, NULL, old_len + i,
                          NULL, items->seq.items[i]);
  cs_interp_touch (interp, list);
  return TRUE;
}

static CsObject *
seq_binop (CsInterp *interp,
           CsBinOp   op,
           CsObject *a,
           CsObject *b,
           gboolean  inplace)
{
  CsObject *seq, *other;

  if (op == CS_BIN_ADD && cs_object_kind (a) == CS_KIND_LIST && inplace)
    {
      /* list += iterable extends in place (and accepts any iterable). */
      if (!list_extend_from (interp, a, b))
        return NULL;
      return a;
    }
  if (op == CS_BIN_ADD)
    {
      CsObject *r;

      if (a->cls->kind != b->cls->kind || (cs_object_kind (a) != CS_KIND_LIST &&
                                           cs_object_kind (a) != CS_KIND_TUPLE))
        return cs_not_implemented (interp);
      if (!cs_interp_reserve_slots (interp, 0, a->seq.len + b->seq.len))
        return NULL;
      r = seq_make (interp, a, a->seq.len + b->seq.len);
      if (a->seq.len)
        memcpy (r->seq.items, a->seq.items, a->seq.len * sizeof (CsObject *));
      if (b->seq.len)
        memcpy (r->seq.items + a->seq.len, b->seq.items, b->seq.len * sizeof (CsObject *));
      return r;
    }
  if (op == CS_BIN_MUL)
    {
      gint64 times;

      if ((cs_object_kind (a) == CS_KIND_LIST || cs_object_kind (a) == CS_KIND_TUPLE) && is_intlike (b))
        seq = a, other = b;
      else if ((cs_object_kind (b) == CS_KIND_LIST || cs_object_kind (b) == CS_KIND_TUPLE) && is_intlike (a))
        seq = b, other = a;
      else
        return cs_not_implemented (interp);
      times = other->int_value;
      if (inplace && seq == a && cs_object_kind (a) == CS_KIND_LIST)
        {
          CsObject *r = seq_repeat (interp, a, times);
          if (r == NULL)
            return NULL;
          g_free (a->seq.items);
          a->seq.items = r->seq.items;
          a->seq.len = r->seq.len;
          a->seq.cap = r->seq.cap;
          r->seq.items = NULL;
          r->seq.len = r->seq.cap = 0;
          cs_interp_touch (interp, a);
          return a;
        }
      return seq_repeat (interp, seq, times);
    }
  return cs_not_implemented (interp);
}

/* ---- tuple ------------------------------------------------------------------- */

static CsObject *seq_iter (CsInterp *interp, CsObject *self);

const CsClass cs_tuple_class = {
  .kind = CS_KIND_TUPLE,
  .name = "tuple",
  .methods = _cs_tuple_methods,
  .repr = _cs_repr_tuple,
  .binop = seq_binop,
  .compare = seq_compare,
  .getitem = seq_getitem,
  .contains = seq_contains,
  .iter = seq_iter,
  .len = seq_len,
  .construct = _cs_builtin_construct,
};

/* ---- list --------------------------------------------------------------------- */

static gboolean
list_set_slice (CsInterp *interp,
                CsObject *self,
                CsObject *slice,
                CsObject *value)
{
  gssize start, stop, step;
  gsize n;
  CsObject *items;

  if (!_cs_slice_indices (interp, slice, self->seq.len, &start, &stop, &step, &n))
    return FALSE;
  if (value != NULL && value->cls->iter == NULL)
    {
      cs_interp_raise (interp, "TypeError", step == 1 ? "can only assign an iterable"
                                                     : "must assign iterable to extended slice");
      return FALSE;
    }
  items = value ? cs_op_to_list (interp, value) : cs_list_new (interp, 0);
  if (items == NULL)
    return FALSE;

  if (step == 1)
    {
      gsize m = items->seq.len, old_n;
      gsize new_len;
      CsObject **buf;

      if (stop < start)
        stop = start;
      old_n = stop - start;
      new_len = self->seq.len - old_n + m;
      if (!cs_interp_reserve_slots (interp, self->seq.len, m))
        return FALSE;
      buf = g_new (CsObject *, MAX (new_len, 4));
      if (start)
        memcpy (buf, self->seq.items, start * sizeof (CsObject *));
      if (m)
        memcpy (buf + start, items->seq.items, m * sizeof (CsObject *));
      if (self->seq.len > (gsize) stop)
        memcpy (buf + start + m, self->seq.items + stop, (self->seq.len - stop) * sizeof (CsObject *));
      g_free (self->seq.items);
      self->seq.items = buf;
      self->seq.len = new_len;
      self->seq.cap = MAX (new_len, 4);
    }
  else
    {
      if (value == NULL)
        {
          /* del a[::k]: remove the selected items. */
          gboolean *drop = g_new0 (gboolean, self->seq.len);
          gsize j = 0;
          for (gsize i = 0; i < n; i++)
            drop[start + (gssize) i * step] = TRUE;
          for (gsize i = 0; i < self->seq.len; i++)
            if (!drop[i])
              self->seq.items[j++] = self->seq.items[i];
          self->seq.len = j;
          g_free (drop);
        }
      else
        {
          if (items->seq.len != n)
            {
              cs_interp_raise (interp, "ValueError",
                               "attempt to assign sequence of size %" G_GSIZE_FORMAT
                               " to extended slice of size %" G_GSIZE_FORMAT,
                               items->seq.len, n);
              return FALSE;
            }
          for (gsize i = 0; i < n; i++)
            self->seq.items[start + (gssize) i * step] = items->seq.items[i];
        }
    }
  self->version++;
  cs_interp_event_item (interp, CS_EVENT_ITEM_WRITTEN, self, slice, -1, NULL, NULL);
  cs_interp_touch (interp, self);
  return TRUE;
}

static gboolean
list_setitem (CsInterp *interp,
              CsObject *self,
              CsObject *index,
              CsObject *value)
{
  gsize i;
  CsObject *old;

  if (cs_object_kind (index) == CS_KIND_SLICE)
    return list_set_slice (interp, self, index, value);
  if (!seq_index (interp, self, index, self->seq.len, "list", "assignment index out of range", &i))
    return FALSE;
  old = self->seq.items[i];
  self->seq.items[i] = value;
  self->version++;
  cs_interp_event_item (interp, CS_EVENT_ITEM_WRITTEN, self, NULL, i, old, value);
  cs_interp_touch (interp, self);
  return TRUE;
}

static gboolean
list_delitem (CsInterp *interp,
              CsObject *self,
              CsObject *index)
{
  gsize i;
  CsObject *old;

  if (cs_object_kind (index) == CS_KIND_SLICE)
    return list_set_slice (interp, self, index, NULL);
  if (!seq_index (interp, self, index, self->seq.len, "list", "assignment index out of range", &i))
    return FALSE;
  old = self->seq.items[i];
  memmove (self->seq.items + i, self->seq.items + i + 1, (self->seq.len - i - 1) * sizeof (CsObject *));
  self->seq.len--;
  self->version++;
  cs_interp_event_item (interp, CS_EVENT_ITEM_REMOVED, self, NULL, i, old, NULL);
  cs_interp_touch (interp, self);
  return TRUE;
}

const CsClass cs_list_class = {
  .kind = CS_KIND_LIST,
  .name = "list",
  .methods = _cs_list_methods,
  .repr = _cs_repr_list,
  .binop = seq_binop,
  .compare = seq_compare,
  .getitem = seq_getitem,
  .setitem = list_setitem,
  .delitem = list_delitem,
  .contains = seq_contains,
  .iter = seq_iter,
  .len = seq_len,
  .construct = _cs_builtin_construct,
};

/* ---- str ------------------------------------------------------------------- */

static const char *
str_char_ptr (CsObject *s,
              gsize     index)
{
  if (s->str.len == s->str.n_chars)
    return s->str.data + index;
  return g_utf8_offset_to_pointer (s->str.data, index);
}

static CsObject *
str_getitem (CsInterp *interp,
             CsObject *self,
             CsObject *index)
{
  if (cs_object_kind (index) == CS_KIND_SLICE)
    {
      gssize start, stop, step;
      gsize n;
      GString *out;

      if (!_cs_slice_indices (interp, index, self->str.n_chars, &start, &stop, &step, &n))
        return NULL;
      if (step == 1 && n == self->str.n_chars)
        return self;
      out = g_string_sized_new (n);
      for (gsize i = 0; i < n; i++)
        {
          const char *p = str_char_ptr (self, start + (gssize) i * step);
          const char *e = g_utf8_next_char (p);
          g_string_append_len (out, p, e - p);
        }
      {
        gsize len = out->len;
        return cs_str_take (interp, g_string_free (out, FALSE), len);
      }
    }
  else
    {
      gsize i;
      const char *p, *e;

      if (!seq_index (interp, self, index, self->str.n_chars, "string", "index out of range", &i))
        return NULL;
      p = str_char_ptr (self, i);
      e = g_utf8_next_char (p);
      return cs_str_new (interp, p, e - p);
    }
}

static CsObject *
str_compare (CsInterp *interp,
             CsCmpOp   op,
             CsObject *a,
             CsObject *b)
{
  int c;
  gsize n;

  if (cs_object_kind (a) != CS_KIND_STR || cs_object_kind (b) != CS_KIND_STR)
    return cs_not_implemented (interp);
  /* UTF-8 byte order is code point order. */
  n = MIN (a->str.len, b->str.len);
  c = memcmp (a->str.data, b->str.data, n);
  if (c == 0)
    c = a->str.len < b->str.len ? -1 : a->str.len > b->str.len;
  return cs_bool (interp, cmp_result (op, c < 0 ? -1 : c > 0));
}

static CsObject *
str_binop (CsInterp *interp,
           CsBinOp   op,
           CsObject *a,
           CsObject *b,
           gboolean  inplace)
{
  if (op == CS_BIN_ADD && cs_object_kind (a) == CS_KIND_STR && cs_object_kind (b) == CS_KIND_STR)
    {
      gsize len = a->str.len + b->str.len;
      char *buf;

      if (!cs_interp_reserve_slots (interp, 0, len / 8))
        return NULL;
      buf = g_malloc (len + 1);
      memcpy (buf, a->str.data, a->str.len);
      memcpy (buf + a->str.len, b->str.data, b->str.len);
      buf[len] = '\0';
      return cs_str_take (interp, buf, len);
    }
  if (op == CS_BIN_MUL)
    {
      CsObject *s, *n;
      GString *out;
      gsize len;

      if (cs_object_kind (a) == CS_KIND_STR && is_intlike (b))
        s = a, n = b;
      else if (cs_object_kind (b) == CS_KIND_STR && is_intlike (a))
        s = b, n = a;
      else
        return cs_not_implemented (interp);
      if (n->int_value <= 0)
        return interp->empty_str;
      if (s->str.len > 0 && (guint64) n->int_value > interp->options.max_container_len * 8 / s->str.len)
        {
          cs_interp_raise (interp, "MemoryError", "%s", "");
          return NULL;
        }
      out = g_string_sized_new (s->str.len * n->int_value);
      for (gint64 i = 0; i < n->int_value; i++)
        g_string_append_len (out, s->str.data, s->str.len);
      len = out->len;
      return cs_str_take (interp, g_string_free (out, FALSE), len);
    }
  if (op == CS_BIN_MOD && cs_object_kind (a) == CS_KIND_STR)
    {
      char *text = _cs_str_percent_format (interp, a, b);
      if (text == NULL)
        return NULL;
      return cs_str_take (interp, text, strlen (text));
    }
  return cs_not_implemented (interp);
}

static int
str_contains (CsInterp *interp,
              CsObject *self,
              CsObject *item)
{
  if (cs_object_kind (item) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "'in <string>' requires string as left operand, not %s",
                       TNAME (item));
      return -1;
    }
  if (item->str.len == 0)
    return 1;
  if (item->str.len > self->str.len)
    return 0;
  for (gsize i = 0; i + item->str.len <= self->str.len; i++)
    if (memcmp (self->str.data + i, item->str.data, item->str.len) == 0)
      return 1;
  return 0;
}

static gssize
str_len (CsInterp *interp,
         CsObject *self)
{
  return self->str.n_chars;
}

static char *
str_str (CsInterp *interp,
         CsObject *self)
{
  return g_strndup (self->str.data, self->str.len);
}

const CsClass cs_str_class = {
  .kind = CS_KIND_STR,
  .name = "str",
  .methods = _cs_str_methods,
  .repr = _cs_repr_str,
  .str = str_str,
  .binop = str_binop,
  .compare = str_compare,
  .getitem = str_getitem,
  .contains = str_contains,
  .iter = seq_iter,
  .len = str_len,
  .construct = _cs_builtin_construct,
};

/* ---- dict -------------------------------------------------------------------- */

static CsObject *
dict_getitem (CsInterp *interp,
              CsObject *self,
              CsObject *key)
{
  CsObject *value = NULL;
  int r = cs_dict_lookup (interp, self, key, &value);

  if (r < 0)
    return NULL;
  if (r == 0)
    {
      g_autofree char *k = cs_op_repr (interp, key);
      if (k)
        cs_interp_raise (interp, "KeyError", "%s", k);
      return NULL;
    }
  return value;
}

static gboolean
dict_setitem (CsInterp *interp,
              CsObject *self,
              CsObject *key,
              CsObject *value)
{
  CsObject *old = NULL;
  int had = cs_dict_lookup (interp, self, key, &old);

  if (had < 0 || !cs_dict_set (interp, self, key, value))
    return FALSE;
  cs_interp_event_item (interp, had ? CS_EVENT_ITEM_WRITTEN : CS_EVENT_ITEM_INSERTED,
                        self, key, -1, had ? old : NULL, value);
  cs_interp_touch (interp, self);
  return TRUE;
}

static gboolean
dict_delitem (CsInterp *interp,
              CsObject *self,
              CsObject *key)
{
  CsObject *old = NULL;
  int r = cs_dict_remove (interp, self, key, &old);

  if (r < 0)
    return FALSE;
  if (r == 0)
    {
      g_autofree char *k = cs_op_repr (interp, key);
      if (k)
        cs_interp_raise (interp, "KeyError", "%s", k);
      return FALSE;
    }
  cs_interp_event_item (interp, CS_EVENT_ITEM_REMOVED, self, key, -1, old, NULL);
  cs_interp_touch (interp, self);
  return TRUE;
}

static int
dict_contains (CsInterp *interp,
               CsObject *self,
               CsObject *key)
{
  return cs_dict_lookup (interp, self, key, NULL);
}

static gssize
dict_len (CsInterp *interp,
          CsObject *self)
{
  return self->dict.len;
}

static CsObject *
dict_compare (CsInterp *interp,
              CsCmpOp   op,
              CsObject *a,
              CsObject *b)
{
  if (cs_object_kind (a) != CS_KIND_DICT || cs_object_kind (b) != CS_KIND_DICT ||
      (op != CS_CMP_EQ && op != CS_CMP_NE))
    return cs_not_implemented (interp);
  if (a->dict.len != b->dict.len)
    return cs_bool (interp, op == CS_CMP_NE);
  for (gsize i = 0; i < a->dict.n_entries; i++)
    {
      CsDictEntry *e = &a->dict.entries[i];
      CsObject *v = NULL;
      int r, eq;

      if (e->key == NULL)
        continue;
      r = cs_dict_lookup (interp, b, e->key, &v);
      if (r < 0)
        return NULL;
      if (r == 0)
        return cs_bool (interp, op == CS_CMP_NE);
      eq = cs_op_eq (interp, e->value, v);
      if (eq < 0)
        return NULL;
      if (!eq)
        return cs_bool (interp, op == CS_CMP_NE);
    }
  return cs_bool (interp, op == CS_CMP_EQ);
}

static CsObject *dict_iter (CsInterp *interp, CsObject *self);

const CsClass cs_dict_class = {
  .kind = CS_KIND_DICT,
  .name = "dict",
  .methods = _cs_dict_methods,
  .repr = _cs_repr_dict,
  .compare = dict_compare,
  .getitem = dict_getitem,
  .setitem = dict_setitem,
  .delitem = dict_delitem,
  .contains = dict_contains,
  .iter = dict_iter,
  .len = dict_len,
  .construct = _cs_builtin_construct,
};

/* ---- iterators ------------------------------------------------------------ */

enum
{
  ITER_KEYS,
  ITER_VALUES,
  ITER_ITEMS,
};

static CsObject *
iter_self (CsInterp *interp,
           CsObject *self)
{
  return self;
}

static CsObject *
seq_iter (CsInterp *interp,
          CsObject *self)
{
  const CsClass *cls;
  CsObject *it;

  switch (cs_object_kind (self))
    {
    case CS_KIND_LIST: cls = &cs_list_iter_class; break;
    case CS_KIND_TUPLE: cls = &cs_tuple_iter_class; break;
    default: cls = &cs_str_iter_class; break;
    }
  it = cs_interp_alloc (interp, cls);
  it->iter.source = self;
  return it;
}

static CsObject *
seq_iter_next (CsInterp *interp,
               CsObject *self)
{
  CsObject *src = self->iter.source;

  if (src == NULL || self->iter.pos >= src->seq.len)
    {
      self->iter.source = NULL;
      return NULL;
    }
  return src->seq.items[self->iter.pos++];
}

static CsObject *
str_iter_next (CsInterp *interp,
               CsObject *self)
{
  CsObject *src = self->iter.source;
  const char *p, *e;

  if (src == NULL || self->iter.pos >= src->str.len)
    {
      self->iter.source = NULL;
      return NULL;
    }
  p = src->str.data + self->iter.pos;
  e = g_utf8_next_char (p);
  self->iter.pos = e - src->str.data;
  return cs_str_new (interp, p, e - p);
}

const CsClass cs_list_iter_class = {
  .kind = CS_KIND_ITER,
  .name = "list_iterator",
  .iter = iter_self,
  .next = seq_iter_next,
};

const CsClass cs_tuple_iter_class = {
  .kind = CS_KIND_ITER,
  .name = "tuple_iterator",
  .iter = iter_self,
  .next = seq_iter_next,
};

const CsClass cs_str_iter_class = {
  .kind = CS_KIND_ITER,
  .name = "str_ascii_iterator",
  .iter = iter_self,
  .next = str_iter_next,
};

static CsObject *
dict_make_iter (CsInterp *interp,
                CsObject *dict,
                guint     what)
{
  static const CsClass *classes[] = { &cs_dict_keyiter_class, &cs_dict_valueiter_class,
                                      &cs_dict_itemiter_class };
  CsObject *it = cs_interp_alloc (interp, classes[what]);

  it->iter.source = dict;
  it->iter.what = what;
  it->iter.expect_version = dict->dict.len;
  return it;
}

static CsObject *
dict_iter (CsInterp *interp,
           CsObject *self)
{
  return dict_make_iter (interp, self, ITER_KEYS);
}

static CsObject *
dict_iter_next (CsInterp *interp,
                CsObject *self)
{
  CsObject *d = self->iter.source;

  if (d == NULL)
    return NULL;
  if (d->dict.len != self->iter.expect_version)
    {
      self->iter.source = NULL;
      cs_interp_raise (interp, "RuntimeError", "dictionary changed size during iteration");
      return NULL;
    }
  while (self->iter.pos < d->dict.n_entries && d->dict.entries[self->iter.pos].key == NULL)
    self->iter.pos++;
  if (self->iter.pos >= d->dict.n_entries)
    {
      self->iter.source = NULL;
      return NULL;
    }
  {
    CsDictEntry *e = &d->dict.entries[self->iter.pos++];
    switch (self->iter.what)
      {
      case ITER_KEYS: return e->key;
      case ITER_VALUES: return e->value;
      default: return cs_tuple_pack (interp, 2, e->key, e->value);
      }
  }
}

const CsClass cs_dict_keyiter_class = {
  .kind = CS_KIND_ITER,
  .name = "dict_keyiterator",
  .iter = iter_self,
  .next = dict_iter_next,
};

const CsClass cs_dict_valueiter_class = {
  .kind = CS_KIND_ITER,
  .name = "dict_valueiterator",
  .iter = iter_self,
  .next = dict_iter_next,
};

const CsClass cs_dict_itemiter_class = {
  .kind = CS_KIND_ITER,
  .name = "dict_itemiterator",
  .iter = iter_self,
  .next = dict_iter_next,
};

/* dict.keys () / values () / items (): live views. */
static CsObject *
view_iter (CsInterp *interp,
           CsObject *self)
{
  return dict_make_iter (interp, self->iter.source, self->iter.what);
}

static gssize
view_len (CsInterp *interp,
          CsObject *self)
{
  return self->iter.source->dict.len;
}

static int
view_contains (CsInterp *interp,
               CsObject *self,
               CsObject *item)
{
  CsObject *d = self->iter.source;

  if (self->iter.what == ITER_KEYS)
    return cs_dict_lookup (interp, d, item, NULL);
  if (self->iter.what == ITER_ITEMS)
    {
      CsObject *v = NULL;
      int r;
      if (cs_object_kind (item) != CS_KIND_TUPLE || item->seq.len != 2)
        return 0;
      r = cs_dict_lookup (interp, d, item->seq.items[0], &v);
      if (r <= 0)
        return r;
      return cs_op_eq (interp, v, item->seq.items[1]);
    }
  for (gsize i = 0; i < d->dict.n_entries; i++)
    if (d->dict.entries[i].key)
      {
        int eq = cs_op_eq (interp, d->dict.entries[i].value, item);
        if (eq != 0)
          return eq;
      }
  return 0;
}

const CsClass cs_dict_keys_class = {
  .kind = CS_KIND_ITER,
  .name = "dict_keys",
  .repr = _cs_repr_dict_view,
  .iter = view_iter,
  .len = view_len,
  .contains = view_contains,
};

const CsClass cs_dict_values_class = {
  .kind = CS_KIND_ITER,
  .name = "dict_values",
  .repr = _cs_repr_dict_view,
  .iter = view_iter,
  .len = view_len,
  .contains = view_contains,
};

const CsClass cs_dict_items_class = {
  .kind = CS_KIND_ITER,
  .name = "dict_items",
  .repr = _cs_repr_dict_view,
  .iter = view_iter,
  .len = view_len,
  .contains = view_contains,
};

/* ---- range ------------------------------------------------------------------ */

static gint64
range_length (CsObject *r)
{
  gint64 lo = r->range.start, hi = r->range.stop, step = r->range.step;

  if (step > 0 && lo < hi)
    return (gint64) (((guint64) hi - (guint64) lo - 1) / (guint64) step + 1);
  if (step < 0 && lo > hi)
    return (gint64) (((guint64) lo - (guint64) hi - 1) / (guint64) (-step) + 1);
  return 0;
}

static gssize
range_len (CsInterp *interp,
           CsObject *self)
{
  return range_length (self);
}

static CsObject *
range_getitem (CsInterp *interp,
               CsObject *self,
               CsObject *index)
{
  gint64 n = range_length (self);

  if (cs_object_kind (index) == CS_KIND_SLICE)
    {
      gssize start, stop, step;
      gsize len;
      CsObject *r;

      if (!_cs_slice_indices (interp, index, n, &start, &stop, &step, &len))
        return NULL;
      r = cs_interp_alloc (interp, &cs_range_class);
      r->range.start = self->range.start + start * self->range.step;
      r->range.step = self->range.step * step;
      r->range.stop = r->range.start + (gint64) len * r->range.step;
      return r;
    }
  else
    {
      gint64 i;
      if (!is_intlike (index))
        {
          cs_interp_raise (interp, "TypeError", "range indices must be integers or slices, not %s",
                           TNAME (index));
          return NULL;
        }
      i = index->int_value;
      if (i < 0)
        i += n;
      if (i < 0 || i >= n)
        {
          cs_interp_raise (interp, "IndexError", "range object index out of range");
          return NULL;
        }
      return cs_int_new (interp, self->range.start + i * self->range.step);
    }
}

static CsObject *
range_iter (CsInterp *interp,
            CsObject *self)
{
  CsObject *it = cs_interp_alloc (interp, &cs_range_iter_class);

  it->iter.source = self;
  return it;
}

static CsObject *
range_iter_next (CsInterp *interp,
                 CsObject *self)
{
  CsObject *r = self->iter.source;

  if (r == NULL || (gint64) self->iter.pos >= range_length (r))
    return NULL;
  return cs_int_new (interp, r->range.start + (gint64) (self->iter.pos++) * r->range.step);
}

static int
range_contains (CsInterp *interp,
                CsObject *self,
                CsObject *item)
{
  gint64 v;

  if (!is_intlike (item))
    return seq_contains (interp, cs_op_to_list (interp, self), item);
  v = item->int_value;
  if (self->range.step > 0 ? (v < self->range.start || v >= self->range.stop)
                           : (v > self->range.start || v <= self->range.stop))
    return 0;
  return (v - self->range.start) % self->range.step == 0;
}

static char *
range_repr (CsInterp *interp,
            CsObject *self)
{
  if (self->range.step == 1)
    return g_strdup_printf ("range(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                            self->range.start, self->range.stop);
  return g_strdup_printf ("range(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                          self->range.start, self->range.stop, self->range.step);
}

static CsObject *
range_compare (CsInterp *interp,
               CsCmpOp   op,
               CsObject *a,
               CsObject *b)
{
  gint64 na, nb;
  gboolean eq;

  if (cs_object_kind (a) != CS_KIND_RANGE || cs_object_kind (b) != CS_KIND_RANGE ||
      (op != CS_CMP_EQ && op != CS_CMP_NE))
    return cs_not_implemented (interp);
  na = range_length (a);
  nb = range_length (b);
  if (na != nb)
    eq = FALSE;
  else if (na == 0)
    eq = TRUE;
  else if (a->range.start != b->range.start)
    eq = FALSE;
  else
    eq = na == 1 || a->range.step == b->range.step;
  return cs_bool (interp, op == CS_CMP_EQ ? eq : !eq);
}

const CsClass cs_range_class = {
  .kind = CS_KIND_RANGE,
  .name = "range",
  .repr = range_repr,
  .compare = range_compare,
  .getitem = range_getitem,
  .contains = range_contains,
  .iter = range_iter,
  .len = range_len,
  .construct = _cs_builtin_construct,
};

const CsClass cs_range_iter_class = {
  .kind = CS_KIND_ITER,
  .name = "range_iterator",
  .iter = iter_self,
  .next = range_iter_next,
};

/* ---- slice ----------------------------------------------------------------- */

static char *
slice_repr (CsInterp *interp,
            CsObject *self)
{
  g_autofree char *a = cs_op_repr (interp, self->slice.start);
  g_autofree char *b = cs_op_repr (interp, self->slice.stop);
  g_autofree char *c = cs_op_repr (interp, self->slice.step);

  if (!a || !b || !c)
    return NULL;
  return g_strdup_printf ("slice(%s, %s, %s)", a, b, c);
}

const CsClass cs_slice_class = {
  .kind = CS_KIND_SLICE,
  .name = "slice",
  .repr = slice_repr,
};

/* ---- modules, builtins, types, namespaces ------------------------------- */

static CsObject *
module_getattr (CsInterp   *interp,
                CsObject   *self,
                const char *name)
{
  if (strcmp (name, "__name__") == 0)
    return cs_str_new (interp, self->module.name, -1);
  return cs_namespace_get (self->module.ns, name);
}

static char *
module_repr (CsInterp *interp,
             CsObject *self)
{
  if (strcmp (self->module.name, "math") == 0)
    return g_strdup_printf ("<module '%s' (built-in)>", self->module.name);
  return g_strdup_printf ("<module '%s' from '/usr/lib/python3.11/%s.py'>",
                          self->module.name, self->module.name);
}

const CsClass cs_module_class = {
  .kind = CS_KIND_MODULE,
  .name = "module",
  .repr = module_repr,
  .getattr = module_getattr,
};

static CsObject *
builtin_call (CsInterp     *interp,
              CsObject     *self,
              const CsArgs *args)
{
  CsBuiltinFunc func = (CsBuiltinFunc) self->builtin.func;

  return func (interp, self->builtin.self, args);
}

static char *
builtin_repr (CsInterp *interp,
              CsObject *self)
{
  if (self->builtin.self)
    return g_strdup_printf ("<built-in method %s of %s object at 0x%" G_GINT64_MODIFIER "x>",
                            self->builtin.name, TNAME (self->builtin.self),
                            self->builtin.self->address);
  return g_strdup_printf ("<built-in function %s>", self->builtin.name);
}

static CsObject *
builtin_getattr (CsInterp   *interp,
                 CsObject   *self,
                 const char *name)
{
  if (strcmp (name, "__name__") == 0)
    return cs_str_new (interp, self->builtin.name, -1);
  if (strcmp (name, "__self__") == 0 && self->builtin.self)
    return self->builtin.self;
  return NULL;
}

const CsClass cs_builtin_class = {
  .kind = CS_KIND_BUILTIN,
  .name = "builtin_function_or_method",
  .repr = builtin_repr,
  .getattr = builtin_getattr,
  .call = builtin_call,
  .is_callable_value = TRUE,
};

static char *
type_repr (CsInterp *interp,
           CsObject *self)
{
  const CsClass *of = self->type.of;

  if (of->module)
    return g_strdup_printf ("<class '%s.%s'>", of->module, of->name);
  return g_strdup_printf ("<class '%s'>", of->name);
}

static CsObject *
type_call (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  const CsClass *of = self->type.of;

  if (of->construct)
    return of->construct (interp, of, args);
  cs_interp_raise (interp, "TypeError", "cannot create '%s' instances", of->name);
  return NULL;
}

static CsObject *
type_getattr (CsInterp   *interp,
              CsObject   *self,
              const char *name)
{
  if (strcmp (name, "__name__") == 0)
    return cs_str_new (interp, self->type.of->name, -1);
  return NULL;
}

static CsObject *
type_compare (CsInterp *interp,
              CsCmpOp   op,
              CsObject *a,
              CsObject *b)
{
  return cs_not_implemented (interp);
}

const CsClass cs_type_class = {
  .kind = CS_KIND_TYPE,
  .name = "type",
  .repr = type_repr,
  .getattr = type_getattr,
  .compare = type_compare,
  .call = type_call,
  .construct = _cs_builtin_construct,
  .is_callable_value = TRUE,
};

const CsClass cs_namespace_class = {
  .kind = CS_KIND_NAMESPACE,
  .name = "namespace",
};
