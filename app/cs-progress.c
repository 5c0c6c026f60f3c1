/* cs-progress.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cs-progress.h"

#define PROGRESS_KEY "lesson-progress"

/**
 * cs_progress_get:
 * @settings: settings with the Copyscope schema
 * @lesson_id: a lesson id ("01-names")
 * @out: (out): the stored progress, zeroed when there is none
 *
 * Returns: %TRUE when the lesson has stored progress
 */
gboolean
cs_progress_get (GSettings  *settings,
                 const char *lesson_id,
                 CsProgress *out)
{
  g_autoptr (GVariant) dict = NULL;
  guint32 answered = 0, correct = 0, total = 0;
  gboolean found;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  dict = g_settings_get_value (settings, PROGRESS_KEY);
  found = g_variant_lookup (dict, lesson_id, "(uuu)", &answered, &correct, &total);
  out->answered = answered;
  out->correct = correct;
  out->total = total;

  return found;
}

/**
 * cs_progress_is_better:
 *
 * Returns: %TRUE when @a is a better run than @b: more questions answered,
 *   or as many and more of them right
 */
gboolean
cs_progress_is_better (const CsProgress *a,
                       const CsProgress *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->answered != b->answered)
    return a->answered > b->answered;
  return a->correct > b->correct;
}

static void
store (GSettings        *settings,
       const char       *lesson_id,
       const CsProgress *progress)
{
  g_autoptr (GVariant) dict = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  guint32 answered, correct, total;

  dict = g_settings_get_value (settings, PROGRESS_KEY);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(uuu)}"));
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&s(uuu)}", &key, &answered, &correct, &total))
    if (g_strcmp0 (key, lesson_id) != 0)
      g_variant_builder_add (&builder, "{s(uuu)}", key, answered, correct, total);
  if (progress != NULL)
    g_variant_builder_add (&builder, "{s(uuu)}", lesson_id,
                           (guint32) progress->answered, (guint32) progress->correct,
                           (guint32) progress->total);
  g_settings_set_value (settings, PROGRESS_KEY, g_variant_builder_end (&builder));
}

/**
 * cs_progress_record:
 * @progress: a run's result; answered and correct are clamped to total
 *   when total is known
 *
 * Keeps @progress when it beats what is stored (see
 * cs_progress_is_better()); the question count is always updated.
 *
 * Returns: %TRUE when @progress became the stored best run
 */
gboolean
cs_progress_record (GSettings        *settings,
                    const char       *lesson_id,
                    const CsProgress *progress)
{
  CsProgress stored, wanted;
  gboolean had;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (lesson_id != NULL && *lesson_id != '\0', FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);

  wanted = *progress;
  if (wanted.total > 0)
    wanted.answered = MIN (wanted.answered, wanted.total);
  wanted.correct = MIN (wanted.correct, wanted.answered);

  had = cs_progress_get (settings, lesson_id, &stored);
  if (had && !cs_progress_is_better (&wanted, &stored))
    {
      if (stored.total != wanted.total && wanted.total > 0)
        {
          stored.total = wanted.total;
          stored.answered = MIN (stored.answered, stored.total);
          stored.correct = MIN (stored.correct, stored.answered);
          store (settings, lesson_id, &stored);
        }
      return FALSE;
    }

  store (settings, lesson_id, &wanted);
  return TRUE;
}

/**
 * cs_progress_reset:
 *
 * Forgets a lesson's progress.
 */
void
cs_progress_reset (GSettings  *settings,
                   const char *lesson_id)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (lesson_id != NULL);

  store (settings, lesson_id, NULL);
}
