/* cs-objects.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Constructors of the builtin kinds and the containers' storage: strings,
 * tuples, lists, ordered dicts, namespaces, modules and type objects.
 */

#include "config.h"

#include <string.h>

#include "cs-runtime.h"

/* ---- allocation and singletons ------------------------------------------ */

CsObject *
cs_interp_alloc (CsInterp      *interp,
                 const CsClass *cls)
{
  return cs_heap_alloc (interp->heap, cls);
}

CsObject *
cs_none (CsInterp *interp)
{
  return interp->none;
}

CsObject *
cs_bool (CsInterp *interp,
         gboolean  value)
{
  return value ? interp->true_obj : interp->false_obj;
}

CsObject *
cs_not_implemented (CsInterp *interp)
{
  return interp->not_implemented;
}

/* CPython caches the ints -5..256; every other int result is a new object. */
CsObject *
cs_int_new (CsInterp *interp,
            gint64    value)
{
  CsObject *obj;

  if (value >= -5 && value <= 256)
    return interp->small_ints[value + 5];
  obj = cs_interp_alloc (interp, &cs_int_class);
  obj->int_value = value;
  return obj;
}

CsObject *
cs_float_new (CsInterp *interp,
              double    value)
{
  CsObject *obj = cs_interp_alloc (interp, &cs_float_class);

  obj->float_value = value;
  return obj;
}

static gsize
utf8_count (const char *data,
            gsize       len)
{
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    if (((guchar) data[i] & 0xC0) != 0x80)
      n++;
  return n;
}

CsObject *
cs_str_take (CsInterp *interp,
             char     *text,
             gsize     len)
{
  CsObject *obj;
  gsize n_chars = utf8_count (text, len);

  /* The empty string and one-character Latin-1 strings are shared, as in
   * CPython (what s[0] returns is therefore the same object each time). */
  if (len == 0)
    {
      g_free (text);
      return interp->empty_str;
    }
  if (n_chars == 1)
    {
      gunichar c = g_utf8_get_char_validated (text, len);

      if (c < 256)
        {
          if (interp->latin1[c] == NULL)
            {
              obj = cs_interp_alloc (interp, &cs_str_class);
              obj->flags |= CS_OBJECT_PERMANENT;
              obj->str.data = g_strndup (text, len);
              obj->str.len = len;
              obj->str.n_chars = 1;
              interp->latin1[c] = obj;
            }
          g_free (text);
          return interp->latin1[c];
        }
    }

  obj = cs_interp_alloc (interp, &cs_str_class);
  obj->str.data = text;
  obj->str.len = len;
  obj->str.n_chars = n_chars;
  return obj;
}

CsObject *
cs_str_new (CsInterp   *interp,
            const char *text,
            gssize      len)
{
  char *copy;

  if (len < 0)
    len = strlen (text);
  copy = g_malloc (len + 1);
  memcpy (copy, text, len);
  copy[len] = '\0';
  return cs_str_take (interp, copy, len);
}

/* Identifier-like constants are interned (CPython's all_name_chars rule),
 * so 'abc' in two statements is one object while 'a b' is not. */
CsObject *
cs_str_intern (CsInterp   *interp,
               const char *text)
{
  CsObject *obj = g_hash_table_lookup (interp->interned, text);

  if (obj)
    return obj;
  obj = cs_str_new (interp, text, -1);
  obj->flags |= CS_OBJECT_PERMANENT;
  g_hash_table_insert (interp->interned, g_strdup (text), obj);
  return obj;
}

gboolean
_cs_is_identifier (const char *text,
                   gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '_')
      return FALSE;
  return TRUE;
}

CsObject *
cs_tuple_new (CsInterp *interp,
              gsize     len)
{
  CsObject *obj;

  if (len == 0)
    return interp->empty_tuple;
  obj = cs_interp_alloc (interp, &cs_tuple_class);
  obj->seq.items = g_new0 (CsObject *, len);
  obj->seq.len = len;
  obj->seq.cap = len;
  return obj;
}

CsObject *
cs_tuple_pack (CsInterp *interp,
               gsize     len,
               ...)
{
  CsObject *obj = cs_tuple_new (interp, len);
  va_list ap;

  va_start (ap, len);
  for (gsize i = 0; i < len; i++)
    obj->seq.items[i] = va_arg (ap, CsObject *);
  va_end (ap);
  return obj;
}

CsObject *
cs_list_new (CsInterp *interp,
             gsize     len)
{
  CsObject *obj = cs_interp_alloc (interp, &cs_list_class);

  obj->seq.cap = MAX (len, 4);
  obj->seq.items = g_new0 (CsObject *, obj->seq.cap);
  obj->seq.len = len;
  return obj;
}

gboolean
cs_list_append (CsInterp *interp,
                CsObject *list,
                CsObject *item)
{
  if (!cs_interp_reserve_slots (interp, list->seq.len, 1))
    return FALSE;
  if (list->seq.len == list->seq.cap)
    {
      list->seq.cap = MAX (4, list->seq.cap * 2);
      list->seq.items = g_renew (CsObject *, list->seq.items, list->seq.cap);
    }
  list->seq.items[list->seq.len++] = item;
  list->version++;
  return TRUE;
}

/* ---- dict ----------------------------------------------------------------- */

CsObject *
cs_dict_new (CsInterp *interp)
{
  return cs_interp_alloc (interp, &cs_dict_class);
}

static void
dict_rebuild (CsObject *dict,
              gsize     min_cap)
{
  gsize j = 0;
  gsize cap = MAX (8, min_cap);

  /* Compact the entries, dropping deleted slots. */
  for (gsize i = 0; i < dict->dict.n_entries; i++)
    if (dict->dict.entries[i].key)
      dict->dict.entries[j++] = dict->dict.entries[i];
  dict->dict.n_entries = j;
  if (cap > dict->dict.cap)
    {
      dict->dict.entries = g_renew (CsDictEntry, dict->dict.entries, cap);
      dict->dict.cap = cap;
    }

  g_free (dict->dict.index);
  dict->dict.index_size = 16;
  while (dict->dict.index_size < dict->dict.cap * 2)
    dict->dict.index_size *= 2;
  dict->dict.index = g_new (gint32, dict->dict.index_size);
  memset (dict->dict.index, 0xff, dict->dict.index_size * sizeof (gint32));
  for (gsize i = 0; i < dict->dict.n_entries; i++)
    {
      gsize mask = dict->dict.index_size - 1;
      gsize pos = dict->dict.entries[i].hash & mask;

      while (dict->dict.index[pos] >= 0)
        pos = (pos + 1) & mask;
      dict->dict.index[pos] = i;
    }
}

/* Finds @key: returns the entry index, -1 when missing (*out_slot is where
 * to insert), -2 on error. */
static gssize
dict_find (CsInterp *interp,
           CsObject *dict,
           CsObject *key,
           guint64   hash,
           gsize    *out_slot)
{
  gsize mask, pos;

  if (dict->dict.index == NULL)
    dict_rebuild (dict, 8);
  mask = dict->dict.index_size - 1;
  pos = hash & mask;
  while (dict->dict.index[pos] >= 0)
    {
      CsDictEntry *e = &dict->dict.entries[dict->dict.index[pos]];

      if (e->key != NULL && e->hash == hash)
        {
          int eq;

          if (e->key == key)
            return dict->dict.index[pos];
          eq = cs_op_eq (interp, e->key, key);
          if (eq < 0)
            return -2;
          if (eq)
            return dict->dict.index[pos];
        }
      pos = (pos + 1) & mask;
    }
  if (out_slot)
    *out_slot = pos;
  return -1;
}

gboolean
cs_dict_set (CsInterp *interp,
             CsObject *dict,
             CsObject *key,
             CsObject *value)
{
  guint64 hash;
  gsize slot = 0;
  gssize found;

  if (!cs_op_hash (interp, key, &hash))
    return FALSE;
  found = dict_find (interp, dict, key, hash, &slot);
  if (found == -2)
    return FALSE;
  if (found >= 0)
    {
      dict->dict.entries[found].value = value;
      dict->version++;
      return TRUE;
    }

  if (!cs_interp_reserve_slots (interp, dict->dict.len, 1))
    return FALSE;
  if (dict->dict.n_entries == dict->dict.cap)
    {
      dict_rebuild (dict, dict->dict.len * 2 + 1);
      found = dict_find (interp, dict, key, hash, &slot);
      g_assert (found == -1);
    }
  dict->dict.entries[dict->dict.n_entries].key = key;
  dict->dict.entries[dict->dict.n_entries].value = value;
  dict->dict.entries[dict->dict.n_entries].hash = hash;
  dict->dict.index[slot] = dict->dict.n_entries;
  dict->dict.n_entries++;
  dict->dict.len++;
  dict->version++;
  return TRUE;
}

int
cs_dict_lookup (CsInterp  *interp,
                CsObject  *dict,
                CsObject  *key,
                CsObject **out_value)
{
  guint64 hash;
  gssize found;

  if (!cs_op_hash (interp, key, &hash))
    return -1;
  if (dict->dict.len == 0)
    return 0;
  found = dict_find (interp, dict, key, hash, NULL);
  if (found == -2)
    return -1;
  if (found < 0)
    return 0;
  if (out_value)
    *out_value = dict->dict.entries[found].value;
  return 1;
}

int
cs_dict_remove (CsInterp  *interp,
                CsObject  *dict,
                CsObject  *key,
                CsObject **out_value)
{
  guint64 hash;
  gssize found;

  if (!cs_op_hash (interp, key, &hash))
    return -1;
  if (dict->dict.len == 0)
    return 0;
  found = dict_find (interp, dict, key, hash, NULL);
  if (found == -2)
    return -1;
  if (found < 0)
    return 0;
  if (out_value)
    *out_value = dict->dict.entries[found].value;
  dict->dict.entries[found].key = NULL;
  dict->dict.entries[found].value = NULL;
  dict->dict.len--;
  dict->version++;
  if (dict->dict.len == 0)
    {
      dict->dict.n_entries = 0;
      g_clear_pointer (&dict->dict.index, g_free);
    }
  return 1;
}

/* ---- builtins, types, namespaces, modules ----------------------------- */

CsObject *
cs_builtin_new (CsInterp     *interp,
                const char   *name,
                CsBuiltinFunc func,
                CsObject     *self,
                gpointer      data)
{
  CsObject *obj = cs_interp_alloc (interp, &cs_builtin_class);

  obj->builtin.name = name;
  obj->builtin.func = func;
  obj->builtin.self = self;
  obj->builtin.data = data;
  return obj;
}

CsObject *
cs_type_object (CsInterp      *interp,
                const CsClass *cls)
{
  CsObject *obj = g_hash_table_lookup (interp->type_objects, cls);

  if (obj)
    return obj;
  obj = cs_interp_alloc (interp, &cs_type_class);
  obj->flags |= CS_OBJECT_PERMANENT;
  obj->type.of = cls;
  g_hash_table_insert (interp->type_objects, (gpointer) cls, obj);
  return obj;
}

static void
ns_entry_free (gpointer data)
{
  CsNsEntry *entry = data;

  g_free (entry->name);
  g_free (entry);
}

CsObject *
cs_namespace_new (CsInterp *interp,
                  CsObject *parent)
{
  CsObject *obj = cs_interp_alloc (interp, &cs_namespace_class);

  obj->ns.vars = g_hash_table_new (g_str_hash, g_str_equal);
  obj->ns.order = g_ptr_array_new_with_free_func (ns_entry_free);
  obj->ns.parent = parent;
  return obj;
}

CsObject *
cs_namespace_get (CsObject   *ns,
                  const char *name)
{
  CsNsEntry *entry = g_hash_table_lookup (ns->ns.vars, name);

  return entry ? entry->value : NULL;
}

CsObject *
cs_namespace_set (CsObject   *ns,
                  const char *name,
                  CsObject   *value)
{
  CsNsEntry *entry = g_hash_table_lookup (ns->ns.vars, name);
  CsObject *old;

  ns->version++;
  if (entry)
    {
      old = entry->value;
      entry->value = value;
      return old;
    }
  entry = g_new (CsNsEntry, 1);
  entry->name = g_strdup (name);
  entry->value = value;
  g_hash_table_insert (ns->ns.vars, entry->name, entry);
  g_ptr_array_add (ns->ns.order, entry);
  return NULL;
}

gboolean
cs_namespace_del (CsObject   *ns,
                  const char *name)
{
  CsNsEntry *entry = g_hash_table_lookup (ns->ns.vars, name);

  if (entry == NULL)
    return FALSE;
  g_hash_table_remove (ns->ns.vars, name);
  g_ptr_array_remove (ns->ns.order, entry);
  ns->version++;
  return TRUE;
}

CsObject *
cs_module_new (CsInterp   *interp,
               const char *name)
{
  CsObject *obj = cs_interp_alloc (interp, &cs_module_class);

  obj->module.name = g_intern_string (name);
  obj->module.ns = cs_namespace_new (interp, NULL);
  obj->module.supported = TRUE;
  return obj;
}

void
cs_module_add (CsInterp   *interp,
               CsObject   *module,
               const char *name,
               CsObject   *value)
{
  cs_namespace_set (module->module.ns, name, value);
}

void
cs_module_add_function (CsInterp     *interp,
                        CsObject     *module,
                        const char   *name,
                        CsBuiltinFunc func)
{
  cs_module_add (interp, module, name,
                 cs_builtin_new (interp, g_intern_string (name), func, NULL, NULL));
}

CsObject *
cs_interp_import (CsInterp   *interp,
                  const char *name)
{
  CsObject *module = cs_namespace_get (interp->modules, name);
  const CsModuleDef *def;

  if (module)
    return module;

  def = _cs_modules_lookup (name);
  if (def == NULL)
    {
      cs_interp_raise (interp, "ModuleNotFoundError", "No module named '%s'", name);
      return NULL;
    }
  if (def->init == NULL)
    {
      cs_interp_raise (interp, "UnsupportedFeature",
                       "module '%s' is not supported yet", name);
      return NULL;
    }

  module = cs_module_new (interp, name);
  if (!def->init (interp, module))
    {
      if (!cs_interp_has_error (interp))
        cs_interp_raise (interp, "ImportError", "cannot import module '%s'", name);
      return NULL;
    }
  cs_namespace_set (interp->modules, name, module);
  return module;
}
