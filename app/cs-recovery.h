/* cs-recovery.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Autosave of unsaved edits to recovery files, offered back after a crash.
 */

#pragma once

#include <adwaita.h>

#include "cs-window.h"

G_BEGIN_DECLS

/* One window's recovery files: ID.py (the text) and ID.keyfile (where the
 * text came from and when it was written), in cs_recovery_get_dir().
 */
typedef struct
{
  char   *id;
  char   *text_path;
  char   *info_path;
  char   *original_uri;   /* (nullable) the document's file. */
  char   *lesson_id;      /* (nullable) the lesson it is. */
  char   *display_name;   /* (nullable) "lesson.py". */
  gint64  saved_time;     /* Unix seconds of the autosave. */
  gint64  pid;            /* The process that wrote it. */
} CsRecoveryEntry;

/* Storage (no GTK). */
char            *cs_recovery_get_dir           (void) G_GNUC_WARN_UNUSED_RESULT;
char            *cs_recovery_new_id            (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean         cs_recovery_write             (const char       *id,
                                                const char       *text,
                                                const char       *original_uri,
                                                const char       *lesson_id,
                                                const char       *display_name,
                                                GError          **error);
void             cs_recovery_remove            (const char       *id);
GPtrArray       *cs_recovery_list_orphans      (void) G_GNUC_WARN_UNUSED_RESULT;
char            *cs_recovery_entry_load_text   (const CsRecoveryEntry *entry,
                                                GError          **error) G_GNUC_WARN_UNUSED_RESULT;
void             cs_recovery_entry_free        (CsRecoveryEntry  *entry);
void             cs_recovery_set_autosave_delay (guint            ms);

/* The window's side (app/cs-recovery.c). */
void             cs_window_recovery_schedule   (CsWindow         *self);
void             cs_window_recovery_clear      (CsWindow         *self);
gboolean         cs_window_recovery_save_now   (CsWindow         *self,
                                                GError          **error);
const char      *cs_window_get_recovery_id     (CsWindow         *self);
void             cs_window_restore_recovery    (CsWindow         *self,
                                                const CsRecoveryEntry *entry,
                                                const char       *text);

/* The start-up offer. */
AdwMessageDialog *cs_recovery_offer            (GtkApplication   *application,
                                                GtkWindow        *parent,
                                                GSettings        *settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRecoveryEntry, cs_recovery_entry_free)

G_END_DECLS
