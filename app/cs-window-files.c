/* cs-window-files.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's files beyond open and save: every file opened or saved goes
 * into the recent files (GtkRecentManager, as "Copyscope",
 * text/x-python) and the "Open Recent" submenu of the primary menu lists
 * the last few that still exist (win.open-recent, through the
 * unsaved-changes question); Save As to a given file; dropping files on
 * the window (a .py opens, anything else is refused with a message).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-recovery.h"
#include "cs-window-export.h"
#include "cs-window-files.h"
#include "cs-window-private.h"

/* -- recent files ------------------------------------------------------- */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo * const *) a;
  GtkRecentInfo *y = *(GtkRecentInfo * const *) b;
  GDateTime *tx = gtk_recent_info_get_modified (x);
  GDateTime *ty = gtk_recent_info_get_modified (y);

  /* Newest first. */
  if (tx == NULL || ty == NULL)
    return (tx == NULL) - (ty == NULL);
  return -g_date_time_compare (tx, ty);
}

static gboolean
is_scenario_name (const char *name)
{
  gsize length = name ? strlen (name) : 0;

  return length > 3 && g_ascii_strcasecmp (name + length - 3, ".py") == 0;
}

/**
 * cs_recent_list_scenarios:
 * @manager: usually gtk_recent_manager_get_default()
 * @max_items: how many at most
 *
 * The .py files Copyscope opened or saved that still exist, newest first.
 *
 * Returns: (transfer full) (element-type GtkRecentInfo): the items
 */
GPtrArray *
cs_recent_list_scenarios (GtkRecentManager *manager,
                          guint             max_items)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *all;

  g_return_val_if_fail (GTK_IS_RECENT_MANAGER (manager), items);

  all = gtk_recent_manager_get_items (manager);
  for (GList *l = all; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, CS_RECENT_APP_NAME)
          && is_scenario_name (gtk_recent_info_get_uri (info))
          && gtk_recent_info_is_local (info)
          && gtk_recent_info_exists (info))
        g_ptr_array_add (items, gtk_recent_info_ref (info));
    }
  g_list_free_full (all, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (items, compare_recent);
  if (items->len > max_items)
    g_ptr_array_set_size (items, max_items);
  return items;
}

static void
rebuild_recent_menu (CsWindow *self)
{
  g_autoptr (GPtrArray) items = NULL;

  if (self->recent_section == NULL)
    return;

  g_menu_remove_all (self->recent_section);
  items = cs_recent_list_scenarios (gtk_recent_manager_get_default (), CS_RECENT_MAX_ITEMS);
  for (guint i = 0; i < items->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (items, i);
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      g_auto (GStrv) parts = g_strsplit (gtk_recent_info_get_display_name (info), "_", -1);

      /* A "_" in a file name is not a mnemonic. */
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_section, item);
    }

  if (items->len == 0)
    /* An item without an action shows greyed out. */
    g_menu_append (self->recent_section, _("No Recent Scenarios"), NULL);
}

/**
 * cs_window_get_recent_menu:
 *
 * Returns: (transfer none) (nullable): the items of the "Open Recent"
 *   submenu (for tests)
 */
GMenuModel *
cs_window_get_recent_menu (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->recent_section ? G_MENU_MODEL (self->recent_section) : NULL;
}

/**
 * cs_window_add_recent:
 *
 * Records @file in the recent files as a Python scenario of Copyscope.
 */
void
cs_window_add_recent (CsWindow *self,
                      GFile    *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  GtkRecentData data = { 0 };

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  name = g_file_get_basename (file);
  data.display_name = name;
  data.mime_type = (char *) "text/x-python";
  data.app_name = (char *) CS_RECENT_APP_NAME;
  data.app_exec = (char *) "copyscope %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
  rebuild_recent_menu (self);
}

static void
open_recent_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CsWindow *self = CS_WINDOW (user_data);
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  cs_window_open_file (self, file);
}

/* The primary menu gets a section with the "Open Recent" submenu, after
 * the first one (Preferences, Keyboard Shortcuts, About), which
 * tests/ui/test-window.c checks as it is.
 */
static void
add_recent_menu (CsWindow *self)
{
  GMenuModel *primary = gtk_menu_button_get_menu_model (self->menu_button);
  g_autoptr (GMenu) section = NULL;

  if (primary == NULL || !G_IS_MENU (primary))
    return;

  self->recent_section = g_menu_new ();
  section = g_menu_new ();
  g_menu_append_submenu (section, C_("primary menu", "Open _Recent"), G_MENU_MODEL (self->recent_section));
  g_menu_insert_section (G_MENU (primary), MIN (1, g_menu_model_get_n_items (primary)), NULL,
                         G_MENU_MODEL (section));
  rebuild_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
}

/* -- Save As ------------------------------------------------------------ */

/**
 * cs_window_save_as:
 * @file: where to save
 *
 * Saves the document to @file atomically (what Save As does once the
 * chooser answered): the window then shows @file's name, the document is
 * no longer modified and @file is a recent file.  On failure the document
 * keeps its file, name and modified state.
 *
 * Returns: %TRUE when saved
 */
gboolean
cs_window_save_as (CsWindow  *self,
                   GFile     *file,
                   GError   **error)
{
  g_autoptr (GFile) old_file = NULL;
  g_autofree char *old_name = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  old_file = self->file ? g_object_ref (self->file) : NULL;
  old_name = g_steal_pointer (&self->display_name);
  g_set_object (&self->file, file);
  self->display_name = g_file_get_basename (file);

  if (!cs_window_save (self, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_object (&self->file, old_file);
      g_free (self->display_name);
      self->display_name = g_steal_pointer (&old_name);
      /* Translators: %s is a file name, the second the system's reason. */
      g_set_error (error, local_error->domain, local_error->code, _("“%s” could not be saved: %s"),
                   name, local_error->message);
      return FALSE;
    }

  cs_window_add_recent (self, file);
  return TRUE;
}

/* -- drops ---------------------------------------------------------------- */

static gboolean
is_scenario_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr (GFileInfo) info = NULL;
  const char *type;

  if (is_scenario_name (name))
    return TRUE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  type = info ? g_file_info_get_content_type (info) : NULL;
  return type != NULL && (g_content_type_is_a (type, "text/x-python")
                          || g_content_type_is_a (type, "text/x-python3"));
}

/**
 * cs_window_drop_value:
 * @value: what was dropped: a #GFile or a #GdkFileList
 *
 * Opens the first Python file of the drop (through the unsaved-changes
 * question; a binary or non-UTF-8 .py gets the usual message).  Anything
 * else gets a message and the document stays.
 *
 * Returns: %TRUE when a scenario is being opened
 */
gboolean
cs_window_drop_value (CsWindow     *self,
                      const GValue *value)
{
  g_autoptr (GFile) file = NULL;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      for (GSList *l = files; l != NULL && file == NULL; l = l->next)
        if (is_scenario_file (l->data))
          file = g_object_ref (l->data);
      if (file == NULL && files != NULL)
        {
          g_autofree char *name = g_file_get_basename (files->data);
          /* Translators: %s is the dropped file's name. */
          g_autofree char *body = g_strdup_printf (_("“%s” is not a Python scenario. Drop a .py file to open it."),
                                                   name);

          cs_window_show_message (self, _("Not a Scenario"), body);
        }
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    {
      GFile *dropped = g_value_get_object (value);

      if (is_scenario_file (dropped))
        file = g_object_ref (dropped);
      else
        {
          g_autofree char *name = g_file_get_basename (dropped);
          g_autofree char *body = g_strdup_printf (_("“%s” is not a Python scenario. Drop a .py file to open it."),
                                                   name);

          cs_window_show_message (self, _("Not a Scenario"), body);
        }
    }

  if (file == NULL)
    return FALSE;

  cs_window_open_file (self, file);
  return TRUE;
}

/* -- the window's life ------------------------------------------------------ */

void
cs_window_files_init (CsWindow *self)
{
  static const GActionEntry actions[] = {
    { "open-recent", open_recent_cb, "s" },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  add_recent_menu (self);
}

void
cs_window_files_dispose (CsWindow *self)
{
  /* A window that closes normally leaves no recovery files. */
  cs_window_recovery_clear (self);
  g_clear_object (&self->recent_section);
  cs_window_export_dispose (self);
}
