/* cs-recovery.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unsaved edits are written, a couple of seconds after typing stops, to
 * $XDG_STATE_HOME/copyscope/recovery/ID.py with ID.keyfile beside it (the
 * original file or lesson and the time).  Saving, discarding, loading
 * another document or closing the window removes them, so files that are
 * still there at start-up belong to a window that never closed: a crash.
 * The application then offers them back (cs_recovery_offer()).
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "cs-recovery.h"
#include "cs-window-private.h"

#define INFO_GROUP       "Recovery"
#define DEFAULT_DELAY_MS 2000

static guint autosave_delay_ms = DEFAULT_DELAY_MS;

/* The ids of this process's windows: their files are not orphans. */
static GHashTable *live_ids;

static GHashTable *
get_live_ids (void)
{
  if (live_ids == NULL)
    live_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return live_ids;
}

/**
 * cs_recovery_get_dir:
 *
 * Returns: (transfer full): g_get_user_state_dir()/copyscope/recovery
 */
char *
cs_recovery_get_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "copyscope", "recovery", NULL);
}

/**
 * cs_recovery_new_id:
 *
 * Returns: (transfer full): a file stem no other window uses: the process
 *   id, a counter and a random part
 */
char *
cs_recovery_new_id (void)
{
  static guint counter;

  return g_strdup_printf ("%ld-%u-%08x", (long) getpid (), ++counter, g_random_int ());
}

/**
 * cs_recovery_set_autosave_delay:
 * @ms: how long after the last edit the autosave runs (2000 by default)
 */
void
cs_recovery_set_autosave_delay (guint ms)
{
  autosave_delay_ms = ms;
}

static char *
path_for (const char *id,
          const char *suffix)
{
  g_autofree char *dir = cs_recovery_get_dir ();
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

/**
 * cs_recovery_write:
 * @id: from cs_recovery_new_id()
 * @text: the editor's text
 * @original_uri: (nullable): the document's file
 * @lesson_id: (nullable): the lesson the document is
 * @display_name: (nullable): the name the window shows
 *
 * Writes both files atomically (each a temporary file renamed into
 * place), the text first, so a keyfile always has its text.
 */
gboolean
cs_recovery_write (const char  *id,
                   const char  *text,
                   const char  *original_uri,
                   const char  *lesson_id,
                   const char  *display_name,
                   GError     **error)
{
  g_autofree char *dir = cs_recovery_get_dir ();
  g_autofree char *text_path = path_for (id, ".py");
  g_autofree char *info_path = path_for (id, ".keyfile");
  g_autoptr (GKeyFile) info = g_key_file_new ();

  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create “%s”: %s", dir, g_strerror (saved));
      return FALSE;
    }

  if (!g_file_set_contents_full (text_path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  if (original_uri != NULL)
    g_key_file_set_string (info, INFO_GROUP, "original-uri", original_uri);
  if (lesson_id != NULL)
    g_key_file_set_string (info, INFO_GROUP, "lesson-id", lesson_id);
  if (display_name != NULL)
    g_key_file_set_string (info, INFO_GROUP, "display-name", display_name);
  g_key_file_set_int64 (info, INFO_GROUP, "saved-time", g_get_real_time () / G_USEC_PER_SEC);
  g_key_file_set_int64 (info, INFO_GROUP, "pid", (gint64) getpid ());
  return g_key_file_save_to_file (info, info_path, error);
}

/**
 * cs_recovery_remove:
 *
 * Deletes @id's files (missing files are fine).
 */
void
cs_recovery_remove (const char *id)
{
  g_autofree char *text_path = NULL;
  g_autofree char *info_path = NULL;

  if (id == NULL)
    return;

  text_path = path_for (id, ".py");
  info_path = path_for (id, ".keyfile");
  g_unlink (info_path);
  g_unlink (text_path);
}

void
cs_recovery_entry_free (CsRecoveryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->text_path);
  g_free (entry->info_path);
  g_free (entry->original_uri);
  g_free (entry->lesson_id);
  g_free (entry->display_name);
  g_free (entry);
}

/* Another Copyscope still running owns its files; kill (pid, 0) tells
 * whether a process with that id exists at all.
 */
static gboolean
process_alive (gint64 pid)
{
  if (pid <= 0 || pid == (gint64) getpid ())
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const CsRecoveryEntry *x = *(CsRecoveryEntry * const *) a;
  const CsRecoveryEntry *y = *(CsRecoveryEntry * const *) b;

  return x->saved_time < y->saved_time ? -1 : x->saved_time > y->saved_time;
}

/**
 * cs_recovery_list_orphans:
 *
 * The recovery files no running window owns (not this process's windows,
 * not another live process), oldest first.  Unreadable keyfiles and
 * keyfiles whose text is gone are skipped.
 *
 * Returns: (transfer full) (element-type CsRecoveryEntry): the entries
 */
GPtrArray *
cs_recovery_list_orphans (void)
{
  g_autofree char *dir_path = cs_recovery_get_dir ();
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_recovery_entry_free);
  const char *name;

  if (dir == NULL)
    return entries;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr (CsRecoveryEntry) entry = NULL;
      g_autoptr (GKeyFile) info = g_key_file_new ();

      if (!g_str_has_suffix (name, ".keyfile"))
        continue;

      entry = g_new0 (CsRecoveryEntry, 1);
      entry->id = g_strndup (name, strlen (name) - strlen (".keyfile"));
      entry->info_path = g_build_filename (dir_path, name, NULL);
      entry->text_path = path_for (entry->id, ".py");
      if (g_hash_table_contains (get_live_ids (), entry->id)
          || !g_file_test (entry->text_path, G_FILE_TEST_IS_REGULAR)
          || !g_key_file_load_from_file (info, entry->info_path, G_KEY_FILE_NONE, NULL))
        continue;

      entry->original_uri = g_key_file_get_string (info, INFO_GROUP, "original-uri", NULL);
      entry->lesson_id = g_key_file_get_string (info, INFO_GROUP, "lesson-id", NULL);
      entry->display_name = g_key_file_get_string (info, INFO_GROUP, "display-name", NULL);
      entry->saved_time = g_key_file_get_int64 (info, INFO_GROUP, "saved-time", NULL);
      entry->pid = g_key_file_get_int64 (info, INFO_GROUP, "pid", NULL);
      if (process_alive (entry->pid))
        continue;

      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  g_ptr_array_sort (entries, compare_entries);
  return entries;
}

/**
 * cs_recovery_entry_load_text:
 *
 * Returns: (transfer full): the recovered text, or %NULL with @error
 */
char *
cs_recovery_entry_load_text (const CsRecoveryEntry *entry,
                             GError               **error)
{
  char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (entry != NULL, NULL);

  if (!g_file_get_contents (entry->text_path, &text, &length, error))
    return NULL;
  if (!g_utf8_validate (text, (gssize) length, NULL) || memchr (text, '\0', length) != NULL)
    {
      g_free (text);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "“%s” is not UTF-8 text", entry->text_path);
      return NULL;
    }
  return text;
}

/* -- the window's side ----------------------------------------------------- */

static char *
get_text (CsWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/**
 * cs_window_recovery_save_now:
 *
 * Writes the window's recovery files now (the autosave does this after
 * edits stop).  Nothing is written when nothing is unsaved.
 */
gboolean
cs_window_recovery_save_now (CsWindow  *self,
                             GError   **error)
{
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!self->modified)
    return TRUE;

  if (self->recovery_id == NULL)
    {
      self->recovery_id = cs_recovery_new_id ();
      g_hash_table_add (get_live_ids (), g_strdup (self->recovery_id));
    }

  text = get_text (self);
  uri = self->file ? g_file_get_uri (self->file) : NULL;
  return cs_recovery_write (self->recovery_id, text, uri, self->lesson_id, self->display_name, error);
}

static gboolean
autosave_cb (gpointer data)
{
  CsWindow *self = data;
  g_autoptr (GError) error = NULL;

  self->autosave_id = 0;
  /* A full disk or a read-only home must not interrupt editing: the
   * document itself is still there, so this is only logged.
   */
  if (!cs_window_recovery_save_now (self, &error))
    g_message ("Could not write the recovery file: %s", error->message);
  return G_SOURCE_REMOVE;
}

/**
 * cs_window_recovery_schedule:
 *
 * Called on every edit: (re)starts the autosave timer, so the file is
 * written once typing pauses, never on every keystroke.
 */
void
cs_window_recovery_schedule (CsWindow *self)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (autosave_delay_ms, autosave_cb, self);
}

/**
 * cs_window_recovery_clear:
 *
 * The edits are saved, discarded or the window closes: its recovery files
 * go away.
 */
void
cs_window_recovery_clear (CsWindow *self)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->recovery_id == NULL)
    return;

  cs_recovery_remove (self->recovery_id);
  g_hash_table_remove (get_live_ids (), self->recovery_id);
  g_clear_pointer (&self->recovery_id, g_free);
}

/**
 * cs_window_get_recovery_id:
 *
 * Returns: (nullable): the stem of the window's recovery files, once
 *   written
 */
const char *
cs_window_get_recovery_id (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->recovery_id;
}

/**
 * cs_window_restore_recovery:
 * @entry: what was recovered
 * @text: its text
 *
 * Shows @text as a modified document of @entry's original file (Save
 * writes there) or, without one, as an untitled document (Save asks
 * where).  The window writes its own recovery files at once, then
 * @entry's are deleted.
 */
void
cs_window_restore_recovery (CsWindow              *self,
                            const CsRecoveryEntry *entry,
                            const char            *text)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (text != NULL);

  if (entry->original_uri != NULL)
    file = g_file_new_for_uri (entry->original_uri);
  cs_window_load_unsaved_text (self, file, text);
  g_free (self->lesson_id);
  self->lesson_id = g_strdup (entry->lesson_id);
  /* A lesson or another document without a file keeps its title. */
  if (file == NULL && entry->display_name != NULL)
    {
      g_free (self->display_name);
      self->display_name = g_strdup (entry->display_name);
      cs_window_set_modified (self, TRUE);
    }

  if (cs_window_recovery_save_now (self, &error))
    cs_recovery_remove (entry->id);
  else
    g_message ("Could not write the recovery file: %s", error->message);
}

/* -- the offer ------------------------------------------------------------- */

typedef struct
{
  GtkApplication *application;
  GtkWindow      *parent;
  GSettings      *settings;
  GPtrArray      *entries;
} Offer;

static void
offer_free (Offer *offer)
{
  g_clear_object (&offer->application);
  g_clear_weak_pointer (&offer->parent);
  g_clear_object (&offer->settings);
  g_clear_pointer (&offer->entries, g_ptr_array_unref);
  g_free (offer);
}

static gboolean
window_is_empty (GtkWindow *window)
{
  CsWindow *self;

  if (!CS_IS_WINDOW (window))
    return FALSE;
  self = CS_WINDOW (window);
  return self->trace == NULL && self->file == NULL && !self->modified;
}

static void
offer_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Offer            *offer)
{
  if (g_str_equal (response, "discard"))
    {
      for (guint i = 0; i < offer->entries->len; i++)
        cs_recovery_remove (((CsRecoveryEntry *) g_ptr_array_index (offer->entries, i))->id);
    }
  else if (g_str_equal (response, "recover"))
    {
      for (guint i = 0; i < offer->entries->len; i++)
        {
          CsRecoveryEntry *entry = g_ptr_array_index (offer->entries, i);
          g_autoptr (GError) error = NULL;
          g_autofree char *text = cs_recovery_entry_load_text (entry, &error);
          GtkWindow *window;

          if (text == NULL)
            {
              g_message ("Could not recover %s: %s", entry->id, error->message);
              continue;
            }

          /* The first one goes into the window that is still empty. */
          if (offer->parent != NULL && window_is_empty (offer->parent))
            window = offer->parent;
          else
            {
              window = GTK_WINDOW (cs_window_new (offer->application, offer->settings));
              gtk_window_present (window);
            }
          cs_window_restore_recovery (CS_WINDOW (window), entry, text);
        }
    }
  /* Anything else (Esc): keep the files for the next start. */

  /* Answered: a second response must not act on them again. */
  g_ptr_array_set_size (offer->entries, 0);
}

static char *
describe_entry (const CsRecoveryEntry *entry)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (entry->saved_time);
  g_autofree char *when = time ? g_date_time_format (time, "%x %X") : g_strdup ("?");
  g_autofree char *name = NULL;

  if (entry->original_uri != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_uri (entry->original_uri);

      name = g_file_get_parse_name (file);
    }
  else if (entry->display_name != NULL)
    name = g_strdup (entry->display_name);
  else
    name = g_strdup (_("Untitled Scenario"));

  /* Translators: one line of the recovery dialog: a file name and the
   * date and time of its last autosave. */
  return g_strdup_printf (_("• %s (%s)"), name, when);
}

/**
 * cs_recovery_offer:
 * @application: (nullable): for the windows of recovered documents
 * @parent: (nullable): the dialog's window; a recovered document goes
 *   into it when it is still empty
 * @settings: (nullable): for new windows
 *
 * At start-up: when recovery files exist that no running window owns,
 * asks "Recover Unsaved Work?".  Recover opens each as a modified
 * document; Discard deletes them; closing the dialog keeps them.  Asks
 * only once per @application.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when there
 *   is nothing to recover
 */
AdwMessageDialog *
cs_recovery_offer (GtkApplication *application,
                   GtkWindow      *parent,
                   GSettings      *settings)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GString) body = NULL;
  AdwMessageDialog *dialog;
  Offer *offer;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (application != NULL)
    {
      if (g_object_get_data (G_OBJECT (application), "cs-recovery-offered") != NULL)
        return NULL;
      g_object_set_data (G_OBJECT (application), "cs-recovery-offered", GINT_TO_POINTER (1));
    }

  entries = cs_recovery_list_orphans ();
  if (entries->len == 0)
    return NULL;

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "Copyscope closed without saving this scenario. Its last autosave can be opened again:",
                                    "Copyscope closed without saving these scenarios. Their last autosaves can be opened again:",
                                    entries->len));
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *line = describe_entry (g_ptr_array_index (entries, i));

      g_string_append_c (body, '\n');
      g_string_append (body, line);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Recover Unsaved Work?"), body->str));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  adw_message_dialog_set_close_response (dialog, "later");

  offer = g_new0 (Offer, 1);
  offer->application = application ? g_object_ref (application) : NULL;
  g_set_weak_pointer (&offer->parent, parent);
  offer->settings = settings ? g_object_ref (settings) : NULL;
  offer->entries = g_steal_pointer (&entries);
  g_signal_connect_data (dialog, "response", G_CALLBACK (offer_response_cb), offer,
                         (GClosureNotify) (void (*) (void)) offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
