/* cs-scenario-edit.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moving and deleting steps in a scenario's text.  The text is parsed to
 * find each top-level statement's lines (the steps, one per statement);
 * a step's block is its statement lines plus the comment lines directly
 * above it (its caption, as the parser reads it: no blank line between,
 * and never the "# title:", shebang or coding lines).  The file is then
 *
 *   prefix, block 1, gap 1, block 2, gap 2, ..., block n, tail
 *
 * where gaps are the blank lines and stray comments between blocks.  A
 * move permutes the blocks and leaves every gap where it was, so moving
 * a step down past its neighbour swaps the two blocks around the blank
 * line between them.  Each line keeps its own line end ("\n", "\r\n" or
 * "\r"); a last line without one gets the text's usual line end when it
 * stops being last, and the new last line loses its own.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-parser.h"
#include "cs-scenario-edit.h"

G_DEFINE_QUARK (cs-scenario-edit-error-quark, cs_scenario_edit_error)

typedef struct
{
  gsize start;  /* first byte of the line */
  gsize end;    /* just past its line end (or the end of the text) */
  gsize eol;    /* where its line end starts */
} Line;

typedef struct
{
  guint first;  /* 1-based line numbers, inclusive */
  guint last;
} Block;

typedef struct
{
  const char *text;
  gsize       len;
  GArray     *lines;   /* Line; lines[0] is line 1 */
  GArray     *blocks;  /* Block, one per step */
  const char *newline; /* the text's usual line end */
} Doc;

static void
doc_clear (Doc *doc)
{
  g_clear_pointer (&doc->lines, g_array_unref);
  g_clear_pointer (&doc->blocks, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Doc, doc_clear)

static const Line *
line_at (const Doc *doc,
         guint      number)
{
  return &g_array_index (doc->lines, Line, number - 1);
}

static void
split_lines (Doc *doc)
{
  gsize pos = 0;
  guint crlf = 0, lf = 0, cr = 0;

  doc->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  while (pos < doc->len)
    {
      Line line = { pos, doc->len, doc->len };

      for (gsize i = pos; i < doc->len; i++)
        {
          if (doc->text[i] == '\n' || doc->text[i] == '\r')
            {
              line.eol = i;
              if (doc->text[i] == '\r' && i + 1 < doc->len && doc->text[i + 1] == '\n')
                {
                  line.end = i + 2;
                  crlf++;
                }
              else
                {
                  line.end = i + 1;
                  if (doc->text[i] == '\n')
                    lf++;
                  else
                    cr++;
                }
              break;
            }
        }
      g_array_append_val (doc->lines, line);
      pos = line.end;
    }

  if (crlf >= lf && crlf >= cr && crlf > 0)
    doc->newline = "\r\n";
  else if (cr > lf)
    doc->newline = "\r";
  else
    doc->newline = "\n";
}

/* A line that holds only a comment, and what follows the "#". */
static gboolean
comment_line (const Doc   *doc,
              guint        number,
              const char **body,
              gsize       *body_len)
{
  const Line *line = line_at (doc, number);
  gsize i = line->start;

  while (i < line->eol && (doc->text[i] == ' ' || doc->text[i] == '\t' || doc->text[i] == '\f'))
    i++;
  if (i >= line->eol || doc->text[i] != '#')
    return FALSE;
  *body = doc->text + i + 1;
  *body_len = line->eol - i - 1;
  return TRUE;
}

/* "# title: ...", "#!..." on line 1 and coding lines belong to the file,
 * not to a step's caption (see the parser's caption_for_line ()). */
static gboolean
file_comment (guint       number,
              const char *body,
              gsize       len)
{
  g_autofree char *text = g_strndup (body, len);
  const char *s = text;

  if (number == 1 && text[0] == '!')
    return TRUE;
  if (number <= 2 && (strstr (text, "coding:") != NULL || strstr (text, "coding=") != NULL))
    return TRUE;
  while (*s == ' ' || *s == '\t')
    s++;
  return g_ascii_strncasecmp (s, "title:", 6) == 0;
}

static gboolean
blank_line (const Doc *doc,
            guint      number)
{
  const Line *line = line_at (doc, number);

  for (gsize i = line->start; i < line->eol; i++)
    if (doc->text[i] != ' ' && doc->text[i] != '\t' && doc->text[i] != '\f')
      return FALSE;
  return TRUE;
}

static gboolean
read_doc (Doc         *doc,
          const char  *text,
          gssize       len,
          GError     **error)
{
  g_autoptr (CsProgram) program = NULL;
  const char *bad = NULL;

  doc->text = text;
  doc->len = len < 0 ? strlen (text) : (gsize) len;
  if (doc->len > CS_PARSER_MAX_SOURCE || memchr (text, '\0', doc->len) != NULL
      || !g_utf8_validate (text, doc->len, &bad))
    {
      g_set_error_literal (error, CS_SCENARIO_EDIT_ERROR, CS_SCENARIO_EDIT_ERROR_INVALID_TEXT,
                           _("The scenario is not a UTF-8 text of at most 1 MB, so its steps cannot be edited."));
      return FALSE;
    }

  split_lines (doc);
  program = cs_program_parse ("<edit>", text, (gssize) doc->len);
  doc->blocks = g_array_sized_new (FALSE, FALSE, sizeof (Block), program->body.n_stmts);
  for (guint i = 0; i < program->body.n_stmts; i++)
    {
      const CsSpan *span = &program->body.stmts[i]->span;
      Block block;

      block.first = CLAMP (span->line, 1, MAX (doc->lines->len, 1));
      block.last = CLAMP (MAX (span->end_line, span->line), block.first, MAX (doc->lines->len, 1));
      /* A span that ends at the very start of a line ends on the line before. */
      if (block.last > block.first && span->end_column <= 1)
        block.last--;
      g_array_append_val (doc->blocks, block);
    }

  return TRUE;
}

/* The first line of step @index's block: its caption comments, if any. */
static guint
block_start (const Doc *doc,
             guint      index)
{
  const Block *block = &g_array_index (doc->blocks, Block, index);
  guint prev_last = index > 0 ? g_array_index (doc->blocks, Block, index - 1).last : 0;
  guint first = block->first;
  const char *body;
  gsize len;

  while (first - 1 > prev_last && comment_line (doc, first - 1, &body, &len)
         && !file_comment (first - 1, body, len))
    first--;
  return first;
}

static gboolean
check_step (const Doc  *doc,
            guint       index,
            GError    **error)
{
  guint n = doc->blocks->len;
  const Block *block;
  const Line *line;

  if (index >= n || doc->lines->len == 0)
    {
      g_set_error (error, CS_SCENARIO_EDIT_ERROR, CS_SCENARIO_EDIT_ERROR_NO_SUCH_STEP,
                   /* Translators: %u is a step number. */
                   _("There is no step %u."), index + 1);
      return FALSE;
    }

  block = &g_array_index (doc->blocks, Block, index);
  if ((index > 0 && g_array_index (doc->blocks, Block, index - 1).last >= block->first)
      || (index + 1 < n && g_array_index (doc->blocks, Block, index + 1).first <= block->last))
    {
      g_set_error (error, CS_SCENARIO_EDIT_ERROR, CS_SCENARIO_EDIT_ERROR_SHARED_LINE,
                   /* Translators: %u is a step number. */
                   _("Step %u shares a line with another step. Put each statement on its own line first."),
                   index + 1);
      return FALSE;
    }

  line = line_at (doc, block->first);
  if (line->start < line->eol && (doc->text[line->start] == ' ' || doc->text[line->start] == '\t'))
    {
      g_set_error (error, CS_SCENARIO_EDIT_ERROR, CS_SCENARIO_EDIT_ERROR_NESTED,
                   /* Translators: %u is a step number. */
                   _("Step %u is indented, so it is not a step of its own. Fix its indentation first."),
                   index + 1);
      return FALSE;
    }

  return TRUE;
}

/* Appends lines @first..@last; a line without a line end gets @doc's. */
static void
append_lines (GString   *out,
              const Doc *doc,
              guint      first,
              guint      last)
{
  const Line *end;

  if (first > last)
    return;
  end = line_at (doc, last);
  g_string_append_len (out, doc->text + line_at (doc, first)->start,
                       end->end - line_at (doc, first)->start);
  if (end->eol == end->end)
    g_string_append (out, doc->newline);
}

static CsScenarioEdit *
make_edit (const Doc *doc,
           guint      first,
           guint      last,
           GString   *replacement,
           guint      step)
{
  CsScenarioEdit *edit = g_new0 (CsScenarioEdit, 1);
  const Line *end = line_at (doc, last);

  edit->start = line_at (doc, first)->start;
  edit->end = end->end;
  /* The text had no line end at its end: keep it that way. */
  if (end->eol == end->end && edit->end == doc->len)
    {
      gsize nl = strlen (doc->newline);

      if (replacement->len >= nl
          && memcmp (replacement->str + replacement->len - nl, doc->newline, nl) == 0)
        g_string_truncate (replacement, replacement->len - nl);
    }
  edit->replacement = g_string_free (replacement, FALSE);
  edit->step = step;
  return edit;
}

/**
 * cs_scenario_edit_move_step:
 * @text: the scenario's source
 * @len: its length in bytes, or -1 when NUL-terminated
 * @step: the step to move (0-based)
 * @to: the index it should have afterwards
 *
 * Returns: (transfer full): the edit, or %NULL with @error set when the
 *   step cannot be moved safely (it shares a line with another step, it
 *   is indented, there is no such step)
 */
CsScenarioEdit *
cs_scenario_edit_move_step (const char  *text,
                            gssize       len,
                            guint        step,
                            guint        to,
                            GError     **error)
{
  g_auto (Doc) doc = { 0 };
  GString *out;
  guint lo, hi, first, n;
  g_autofree guint *order = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_doc (&doc, text, len, error) || !check_step (&doc, step, error))
    return NULL;
  n = doc.blocks->len;
  if (to >= n)
    to = n - 1;
  if (!check_step (&doc, to, error))
    return NULL;

  lo = MIN (step, to);
  hi = MAX (step, to);
  /* Every block from lo to hi is rewritten: check them all. */
  for (guint i = lo + 1; i < hi; i++)
    if (!check_step (&doc, i, error))
      return NULL;

  /* The new order of blocks lo..hi: the others in order, @step at @to. */
  order = g_new (guint, hi - lo + 1);
  for (guint i = lo, k = 0; i <= hi; i++)
    if (i != step)
      order[k++] = i;
  memmove (order + (to - lo) + 1, order + (to - lo), (hi - to) * sizeof (guint));
  order[to - lo] = step;

  out = g_string_new (NULL);
  first = block_start (&doc, lo);
  for (guint k = 0; k <= hi - lo; k++)
    {
      guint b = order[k];
      const Block *block = &g_array_index (doc.blocks, Block, b);

      append_lines (out, &doc, block_start (&doc, b), block->last);
      /* The gap that followed position lo + k stays in place. */
      if (lo + k < hi)
        append_lines (out, &doc, g_array_index (doc.blocks, Block, lo + k).last + 1,
                      block_start (&doc, lo + k + 1) - 1);
    }

  return make_edit (&doc, first, g_array_index (doc.blocks, Block, hi).last, out, to);
}

/**
 * cs_scenario_edit_delete_step:
 * @text: the scenario's source
 * @len: its length in bytes, or -1 when NUL-terminated
 * @step: the step to delete (0-based)
 *
 * The step's block goes, with the blank lines after it (or, for the last
 * step, before it) when they are only blank lines.
 *
 * Returns: (transfer full): the edit, or %NULL with @error set
 */
CsScenarioEdit *
cs_scenario_edit_delete_step (const char  *text,
                              gssize       len,
                              guint        step,
                              GError     **error)
{
  g_auto (Doc) doc = { 0 };
  CsScenarioEdit *edit;
  guint first, last, n;
  gboolean gap_after = FALSE, gap_before = FALSE;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_doc (&doc, text, len, error) || !check_step (&doc, step, error))
    return NULL;
  n = doc.blocks->len;
  first = block_start (&doc, step);
  last = g_array_index (doc.blocks, Block, step).last;

  if (step + 1 < n)
    {
      guint next = block_start (&doc, step + 1);

      gap_after = TRUE;
      for (guint l = last + 1; l < next; l++)
        gap_after = gap_after && blank_line (&doc, l);
      if (gap_after)
        last = next - 1;
    }
  if (!gap_after && step > 0)
    {
      guint prev_last = g_array_index (doc.blocks, Block, step - 1).last;

      gap_before = TRUE;
      for (guint l = prev_last + 1; l < first; l++)
        gap_before = gap_before && blank_line (&doc, l);
      if (gap_before)
        first = prev_last + 1;
    }

  edit = g_new0 (CsScenarioEdit, 1);
  edit->start = line_at (&doc, first)->start;
  edit->end = line_at (&doc, last)->end;
  /* The last step of a text without a final line end: the line before
   * keeps its line end, which is fine. */
  edit->replacement = g_strdup ("");
  edit->step = n > 1 ? MIN (step, n - 2) : 0;
  return edit;
}

/**
 * cs_scenario_edit_apply:
 *
 * Returns: (transfer full): @text with @edit applied
 */
char *
cs_scenario_edit_apply (const char           *text,
                        gssize                len,
                        const CsScenarioEdit *edit)
{
  GString *out;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (edit != NULL, NULL);

  n = len < 0 ? strlen (text) : (gsize) len;
  g_return_val_if_fail (edit->start <= edit->end && edit->end <= n, NULL);

  out = g_string_sized_new (n + strlen (edit->replacement));
  g_string_append_len (out, text, edit->start);
  g_string_append (out, edit->replacement);
  g_string_append_len (out, text + edit->end, n - edit->end);
  return g_string_free (out, FALSE);
}

void
cs_scenario_edit_free (CsScenarioEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->replacement);
  g_free (edit);
}
