/* cs-lessons.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the lesson index.  The index is data the app ships, but an
 * installed copy can be edited or damaged, so every field is checked and
 * an error names the entry and the field that is wrong.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-lessons.h"

/* lessons.json is a few kilobytes; anything near this is not an index. */
#define MAX_INDEX_BYTES   (1024 * 1024)
#define MAX_LESSON_BYTES  (1024 * 1024)
#define MAX_ID_LENGTH     64

typedef struct
{
  char       *id;
  GHashTable *files;      /* Language → file name. */
  GHashTable *titles;     /* Language → title. */
  GHashTable *summaries;  /* Language → summary. */
} Entry;

struct _CsLessonIndex
{
  gatomicrefcount  ref_count;
  GFile           *folder;    /* Where the lesson files are; may be NULL. */
  char            *language;
  GPtrArray       *entries;   /* Entry. */
  CsLesson        *shown;     /* One per entry, in @language. */
};

G_DEFINE_QUARK (cs-lessons-error-quark, cs_lessons_error)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->id);
  g_clear_pointer (&entry->files, g_hash_table_unref);
  g_clear_pointer (&entry->titles, g_hash_table_unref);
  g_clear_pointer (&entry->summaries, g_hash_table_unref);
  g_free (entry);
}

/* The part of a locale name before its codeset or modifier:
 * "zh_CN.UTF-8@pinyin" → "zh_CN".
 */
static char *
locale_base (const char *name)
{
  return g_strndup (name, strcspn (name, ".@"));
}

/**
 * cs_lessons_pick_language:
 * @names: (nullable) (array zero-terminated=1): the user's languages, most
 *   preferred first, as g_get_language_names() gives them; %NULL for
 *   g_get_language_names() itself
 *
 * Picks the language to show lessons in: "zh_CN" when the first language in
 * @names that Copyscope has lessons in is Simplified Chinese (zh_CN, zh,
 * zh_Hans, zh_SG), else "en".  Languages without lessons are skipped, and
 * "C" and "POSIX" count as English.
 *
 * Returns: (transfer none): "zh_CN" or "en"
 */
const char *
cs_lessons_pick_language (const char * const *names)
{
  if (names == NULL)
    names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *base = locale_base (names[i]);

      if (g_str_equal (base, "C") || g_str_equal (base, "POSIX"))
        return "en";
      if (g_str_has_prefix (base, "en") && (base[2] == '\0' || base[2] == '_'))
        return "en";
      if (g_str_equal (base, "zh") || g_str_equal (base, "zh_CN") || g_str_equal (base, "zh_SG")
          || g_str_has_prefix (base, "zh_Hans"))
        return "zh_CN";
    }

  return "en";
}

static gboolean
is_safe_id (const char *id)
{
  if (*id == '\0' || strlen (id) > MAX_ID_LENGTH)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
is_language_tag (const char *tag)
{
  if (*tag == '\0' || strlen (tag) > 16)
    return FALSE;
  for (const char *p = tag; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* A lesson file is a plain "name.py" beside the index: nothing that could
 * reach outside the lessons folder.
 */
static gboolean
is_safe_file_name (const char *name)
{
  return *name != '\0' && *name != '.'
         && strchr (name, '/') == NULL && strchr (name, '\\') == NULL
         && g_str_has_suffix (name, ".py") && strlen (name) > 3;
}

/* "lesson 3 (“03-shallow-copy”)" or "lesson 3" before the id is known. */
static char *
describe_entry (guint       position,
                const char *id)
{
  if (id != NULL)
    return g_strdup_printf ("lesson %u (“%s”)", position, id);
  return g_strdup_printf ("lesson %u", position);
}

static gboolean
invalid (GError    **error,
         guint       position,
         const char *id,
         const char *format,
         ...) G_GNUC_PRINTF (4, 5);

static gboolean
invalid (GError    **error,
         guint       position,
         const char *id,
         const char *format,
         ...)
{
  g_autofree char *where = describe_entry (position, id);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_INVALID, "%s: %s", where, what);
  return FALSE;
}

/* Reads a {"en": "…", "zh_CN": "…"} member: an object of non-empty strings
 * with English present.  @files also checks each value is a file name.
 */
static GHashTable *
read_translations (JsonObject  *object,
                   const char  *member,
                   gboolean     files,
                   guint        position,
                   const char  *id,
                   GError     **error)
{
  g_autoptr (GHashTable) table = NULL;
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *translations;
  g_autoptr (GList) languages = NULL;

  if (node == NULL)
    {
      invalid (error, position, id, "“%s” is missing", member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, position, id, "“%s” must be an object of texts per language", member);
      return NULL;
    }

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  translations = json_node_get_object (node);
  languages = json_object_get_members (translations);
  for (const GList *l = languages; l != NULL; l = l->next)
    {
      const char *language = l->data;
      JsonNode *value = json_object_get_member (translations, language);
      const char *text;

      if (!is_language_tag (language))
        {
          invalid (error, position, id, "“%s” has an invalid language “%s”", member, language);
          return NULL;
        }
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          invalid (error, position, id, "“%s.%s” must be a string", member, language);
          return NULL;
        }
      text = json_node_get_string (value);
      if (text == NULL || *text == '\0')
        {
          invalid (error, position, id, "“%s.%s” is empty", member, language);
          return NULL;
        }
      if (files && !is_safe_file_name (text))
        {
          invalid (error, position, id,
                   "“%s.%s” must be a .py file name in the lessons folder, not “%s”",
                   member, language, text);
          return NULL;
        }
      g_hash_table_insert (table, g_strdup (language), g_strdup (text));
    }

  if (!g_hash_table_contains (table, "en"))
    {
      invalid (error, position, id, "“%s” has no English (“en”) entry", member);
      return NULL;
    }

  return g_steal_pointer (&table);
}

static Entry *
read_entry (JsonNode    *node,
            guint        position,
            GHashTable  *seen_ids,
            GError     **error)
{
  g_autoptr (GHashTable) files = NULL;
  g_autoptr (GHashTable) titles = NULL;
  g_autoptr (GHashTable) summaries = NULL;
  JsonObject *object;
  JsonNode *id_node;
  const char *id;
  Entry *entry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, position, NULL, "must be an object");
      return NULL;
    }
  object = json_node_get_object (node);

  id_node = json_object_get_member (object, "id");
  if (id_node == NULL)
    {
      invalid (error, position, NULL, "“id” is missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (id_node) || json_node_get_value_type (id_node) != G_TYPE_STRING)
    {
      invalid (error, position, NULL, "“id” must be a string");
      return NULL;
    }
  id = json_node_get_string (id_node);
  if (!is_safe_id (id))
    {
      invalid (error, position, NULL,
               "“id” must be 1 to %d letters, digits, “-” or “_”, not “%s”", MAX_ID_LENGTH, id);
      return NULL;
    }
  if (g_hash_table_contains (seen_ids, id))
    {
      invalid (error, position, id, "“id” repeats an earlier lesson's id");
      return NULL;
    }

  /* "file" is the English file, kept for older readers; "files" rules. */
  if (json_object_has_member (object, "file"))
    {
      JsonNode *file = json_object_get_member (object, "file");

      if (!JSON_NODE_HOLDS_VALUE (file) || json_node_get_value_type (file) != G_TYPE_STRING
          || !is_safe_file_name (json_node_get_string (file)))
        {
          invalid (error, position, id, "“file” must be a .py file name in the lessons folder");
          return NULL;
        }
    }

  if (!(files = read_translations (object, "files", TRUE, position, id, error))
      || !(titles = read_translations (object, "title", FALSE, position, id, error))
      || !(summaries = read_translations (object, "summary", FALSE, position, id, error)))
    return NULL;

  entry = g_new0 (Entry, 1);
  entry->id = g_strdup (id);
  entry->files = g_steal_pointer (&files);
  entry->titles = g_steal_pointer (&titles);
  entry->summaries = g_steal_pointer (&summaries);
  g_hash_table_add (seen_ids, entry->id);
  return entry;
}

static const char *
translated (GHashTable *table,
            const char *language,
            const char **found_language)
{
  const char *text = g_hash_table_lookup (table, language);

  if (text != NULL)
    {
      if (found_language != NULL)
        *found_language = language;
      return text;
    }
  if (found_language != NULL)
    *found_language = "en";
  return g_hash_table_lookup (table, "en");
}

static void
show_language (CsLessonIndex *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      CsLesson *lesson = &self->shown[i];

      lesson->id = entry->id;
      lesson->number = i + 1;
      lesson->title = translated (entry->titles, self->language, NULL);
      lesson->summary = translated (entry->summaries, self->language, NULL);
      /* Either self->language or a static "en": both outlive the lesson. */
      lesson->file = translated (entry->files, self->language, &lesson->language);
    }
}

/**
 * cs_lesson_index_new_from_bytes:
 * @bytes: the index's JSON text
 * @folder: (nullable): the folder the lesson files are in
 *
 * Reads an index.  Its language is cs_lessons_pick_language (NULL).
 *
 * Returns: (transfer full): the index, or %NULL with @error set
 */
CsLessonIndex *
cs_lesson_index_new_from_bytes (GBytes  *bytes,
                                GFile   *folder,
                                GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) seen_ids = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) local_error = NULL;
  CsLessonIndex *self;
  JsonObject *root;
  JsonNode *node;
  JsonArray *lessons;
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (folder == NULL || G_IS_FILE (folder), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > MAX_INDEX_BYTES)
    {
      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_FORMAT,
                   "the lesson index is larger than %d bytes", MAX_INDEX_BYTES);
      return NULL;
    }
  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_PARSE,
                   "the lesson index is not valid JSON: %s",
                   local_error ? local_error->message : "it is empty");
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_FORMAT,
                   "the lesson index must be a JSON object");
      return NULL;
    }
  root = json_node_get_object (node);

  node = json_object_get_member (root, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || !g_str_equal (json_node_get_string (node), CS_LESSONS_FORMAT))
    {
      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_FORMAT,
                   "the lesson index's “format” must be “%s”", CS_LESSONS_FORMAT);
      return NULL;
    }

  node = json_object_get_member (root, "lessons");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_FORMAT,
                   "the lesson index's “lessons” must be an array");
      return NULL;
    }
  lessons = json_node_get_array (node);
  if (json_array_get_length (lessons) == 0)
    {
      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_FORMAT,
                   "the lesson index lists no lessons");
      return NULL;
    }

  seen_ids = g_hash_table_new (g_str_hash, g_str_equal);
  entries = g_ptr_array_new_with_free_func (entry_free);
  for (guint i = 0; i < json_array_get_length (lessons); i++)
    {
      Entry *entry = read_entry (json_array_get_element (lessons, i), i + 1, seen_ids, error);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (entries, entry);
    }

  self = g_new0 (CsLessonIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->folder = folder ? g_object_ref (folder) : NULL;
  self->entries = g_steal_pointer (&entries);
  self->shown = g_new0 (CsLesson, self->entries->len);
  self->language = g_strdup (cs_lessons_pick_language (NULL));
  show_language (self);

  return self;
}

/**
 * cs_lesson_index_load:
 * @file: lessons.json (any GFile: a path, or a resource:// URI)
 *
 * Reads the index in @file; lesson files are looked up beside it.
 *
 * Returns: (transfer full): the index, or %NULL with @error set
 */
CsLessonIndex *
cs_lesson_index_load (GFile   *file,
                      GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GError) local_error = NULL;
  CsLessonIndex *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_READ,
                   "%s: %s", name, local_error->message);
      return NULL;
    }

  folder = g_file_get_parent (file);
  self = cs_lesson_index_new_from_bytes (bytes, folder, &local_error);
  if (self == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, CS_LESSONS_ERROR, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }

  return self;
}

CsLessonIndex *
cs_lesson_index_ref (CsLessonIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cs_lesson_index_unref (CsLessonIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_object (&self->folder);
  g_free (self->language);
  g_ptr_array_unref (self->entries);
  g_free (self->shown);
  g_free (self);
}

/**
 * cs_lesson_index_get_n:
 *
 * Returns: the number of lessons (at least one)
 */
guint
cs_lesson_index_get_n (CsLessonIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

/**
 * cs_lesson_index_get:
 * @index: 0-based, below cs_lesson_index_get_n()
 *
 * Returns: (transfer none): the lesson in the index's language
 */
const CsLesson *
cs_lesson_index_get (CsLessonIndex *self,
                     guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return &self->shown[index];
}

/**
 * cs_lesson_index_lookup:
 * @id: a lesson id
 *
 * Returns: (transfer none) (nullable): the lesson with @id, or %NULL
 */
const CsLesson *
cs_lesson_index_lookup (CsLessonIndex *self,
                        const char    *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->entries->len; i++)
    if (g_str_equal (self->shown[i].id, id))
      return &self->shown[i];

  return NULL;
}

/**
 * cs_lesson_index_get_language:
 *
 * Returns: the language the index shows ("en", "zh_CN", …)
 */
const char *
cs_lesson_index_get_language (CsLessonIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->language;
}

/**
 * cs_lesson_index_set_language:
 * @language: (nullable): a language key of the index ("en", "zh_CN"), or
 *   %NULL for cs_lessons_pick_language (NULL)
 *
 * Shows every lesson in @language, English where it has no translation.
 * Pointers from cs_lesson_index_get() keep pointing at the same lesson.
 */
void
cs_lesson_index_set_language (CsLessonIndex *self,
                              const char    *language)
{
  g_return_if_fail (self != NULL);

  if (language == NULL)
    language = cs_lessons_pick_language (NULL);
  if (g_str_equal (language, self->language))
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  show_language (self);
}

/**
 * cs_lesson_index_get_lesson_file:
 * @lesson: a lesson of this index
 *
 * Returns: (transfer full) (nullable): the lesson's file in the index's
 *   language, or %NULL when the index was read without a folder
 */
GFile *
cs_lesson_index_get_lesson_file (CsLessonIndex  *self,
                                 const CsLesson *lesson)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lesson != NULL, NULL);

  if (self->folder == NULL)
    return NULL;
  return g_file_get_child (self->folder, lesson->file);
}

/**
 * cs_lesson_index_load_text:
 * @lesson: a lesson of this index
 *
 * Reads the lesson's scenario in the index's language.
 *
 * Returns: (transfer full): UTF-8 text, or %NULL with @error set
 */
char *
cs_lesson_index_load_text (CsLessonIndex  *self,
                           const CsLesson *lesson,
                           GError        **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lesson != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = cs_lesson_index_get_lesson_file (self, lesson);
  if (file == NULL)
    {
      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_READ,
                   "%s: the lesson index has no folder to read lessons from", lesson->file);
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_READ,
                   "%s: %s", lesson->file, local_error->message);
      return NULL;
    }
  if (length > MAX_LESSON_BYTES || memchr (contents, '\0', length) != NULL
      || !g_utf8_validate (contents, (gssize) length, NULL))
    {
      g_set_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_READ,
                   "%s: not a UTF-8 scenario of at most %d bytes", lesson->file, MAX_LESSON_BYTES);
      return NULL;
    }

  return g_steal_pointer (&contents);
}
