/* cs-gif.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cs-export.h"
#include "cs-gif.h"

#define N_BINS 32768           /* 5 bits per channel */
#define LZW_HASH 8191          /* prime, > 4096 */
#define UNMAPPED 0xffff

struct _CsGifWriter
{
  FILE     *file;
  char     *path;
  int       width, height;
  guint32  *histogram;         /* N_BINS counts */
  guint8    palette[256][3];
  guint     n_colors;
  guint16  *lookup;            /* N_BINS → palette index */
  guint8   *prev;              /* previous frame, indexed */
  guint8   *cur;
  gboolean  started;
  guint     n_frames;
  gboolean  failed;
};

static guint
bin_of (const guchar *pixel)
{
  /* Cairo's RGB24/ARGB32 in native order: B, G, R, A on little endian. */
  guint32 v = *(const guint32 *) pixel;

  return ((v >> 19) & 0x1f) << 10 | ((v >> 11) & 0x1f) << 5 | ((v >> 3) & 0x1f);
}

/**
 * cs_gif_writer_new:
 *
 * Returns: (transfer full) (nullable): a writer, or %NULL with @error set
 */
CsGifWriter *
cs_gif_writer_new (const char  *path,
                   int          width,
                   int          height,
                   GError     **error)
{
  CsGifWriter *gif;
  FILE *file;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (width > 0 && width < 65536 && height > 0 && height < 65536, NULL);

  file = fopen (path, "wb");
  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_WRITE,
                   "Cannot write “%s”: %s", path, g_strerror (saved));
      return NULL;
    }
  gif = g_new0 (CsGifWriter, 1);
  gif->file = file;
  gif->path = g_strdup (path);
  gif->width = width;
  gif->height = height;
  gif->histogram = g_new0 (guint32, N_BINS);
  gif->lookup = g_new (guint16, N_BINS);
  gif->prev = g_new0 (guint8, (gsize) width * height);
  gif->cur = g_new0 (guint8, (gsize) width * height);
  return gif;
}

void
cs_gif_writer_add_sample (CsGifWriter  *gif,
                          const guchar *data,
                          int           stride)
{
  g_return_if_fail (gif != NULL && !gif->started);

  /* Every other pixel of every other row is plenty for a histogram. */
  for (int y = 0; y < gif->height; y += 2)
    for (int x = 0; x < gif->width; x += 2)
      gif->histogram[bin_of (data + (gsize) y * stride + x * 4)]++;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const guint32 *histogram = user_data;
  guint32 ca = histogram[*(const guint *) a], cb = histogram[*(const guint *) b];

  return ca < cb ? 1 : ca > cb ? -1 : 0;
}

/* Popularity palette: the 256 most used 15-bit colours. */
static void
choose_palette (CsGifWriter *gif)
{
  g_autoptr (GArray) bins = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < N_BINS; i++)
    if (gif->histogram[i] > 0)
      g_array_append_val (bins, i);
  g_array_sort_with_data (bins, compare_counts, gif->histogram);
  gif->n_colors = MIN (bins->len, 256);
  for (guint i = 0; i < gif->n_colors; i++)
    {
      guint bin = g_array_index (bins, guint, i);

      gif->palette[i][0] = ((bin >> 10) & 0x1f) << 3 | 4;
      gif->palette[i][1] = ((bin >> 5) & 0x1f) << 3 | 4;
      gif->palette[i][2] = (bin & 0x1f) << 3 | 4;
    }
  if (gif->n_colors == 0)
    gif->n_colors = 1;
  for (guint i = 0; i < N_BINS; i++)
    gif->lookup[i] = UNMAPPED;
}

static guint8
nearest (CsGifWriter *gif,
         guint        bin)
{
  int r = ((bin >> 10) & 0x1f) << 3 | 4, g = ((bin >> 5) & 0x1f) << 3 | 4, b = (bin & 0x1f) << 3 | 4;
  guint best = 0, best_d = G_MAXUINT;

  if (gif->lookup[bin] != UNMAPPED)
    return (guint8) gif->lookup[bin];
  for (guint i = 0; i < gif->n_colors; i++)
    {
      int dr = r - gif->palette[i][0], dg = g - gif->palette[i][1], db = b - gif->palette[i][2];
      guint d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;

      if (d < best_d)
        {
          best_d = d;
          best = i;
        }
    }
  gif->lookup[bin] = best;
  return (guint8) best;
}

static void
put_u16 (FILE    *file,
         guint16  v)
{
  fputc (v & 0xff, file);
  fputc (v >> 8, file);
}

static void
write_header (CsGifWriter *gif)
{
  static const guint8 loop[] = { 0x21, 0xff, 0x0b, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0',
                                 0x03, 0x01, 0x00, 0x00, 0x00 };

  fwrite ("GIF89a", 1, 6, gif->file);
  put_u16 (gif->file, gif->width);
  put_u16 (gif->file, gif->height);
  fputc (0xf7, gif->file);     /* global colour table, 8 bits, 256 entries */
  fputc (0, gif->file);
  fputc (0, gif->file);
  for (guint i = 0; i < 256; i++)
    {
      const guint8 *c = i < gif->n_colors ? gif->palette[i] : gif->palette[0];
      fwrite (c, 1, 3, gif->file);
    }
  fwrite (loop, 1, sizeof loop, gif->file);
}

typedef struct
{
  FILE   *file;
  guint8  block[256];
  guint   n;
  guint32 bits;
  guint   n_bits;
} BitWriter;

static void
emit_code (BitWriter *w,
           guint      code,
           guint      size)
{
  w->bits |= code << w->n_bits;
  w->n_bits += size;
  while (w->n_bits >= 8)
    {
      w->block[w->n++] = w->bits & 0xff;
      w->bits >>= 8;
      w->n_bits -= 8;
      if (w->n == 255)
        {
          fputc (255, w->file);
          fwrite (w->block, 1, 255, w->file);
          w->n = 0;
        }
    }
}

static void
flush_bits (BitWriter *w)
{
  if (w->n_bits > 0)
    emit_code (w, 0, 8 - w->n_bits);
  if (w->n > 0)
    {
      fputc (w->n, w->file);
      fwrite (w->block, 1, w->n, w->file);
    }
  fputc (0, w->file);
}

/* Variable-length-code LZW as GIF wants it (minimum code size 8). */
static void
lzw_encode (FILE         *file,
            const guint8 *pixels,
            int           x0,
            int           y0,
            int           w,
            int           h,
            int           stride)
{
  gint32 keys[LZW_HASH];
  guint16 values[LZW_HASH];
  BitWriter bw = { file, { 0 }, 0, 0, 0 };
  guint next_code = 258, size = 9;
  int prefix = -1;

  fputc (8, file);
  memset (keys, 0xff, sizeof keys);
  emit_code (&bw, 256, size);
  for (int y = y0; y < y0 + h; y++)
    for (int x = x0; x < x0 + w; x++)
      {
        guint8 c = pixels[(gsize) y * stride + x];
        gint32 key;
        guint slot;

        if (prefix < 0)
          {
            prefix = c;
            continue;
          }
        key = (prefix << 8) | c;
        slot = (guint) key % LZW_HASH;
        while (keys[slot] != -1 && keys[slot] != key)
          slot = (slot + 1) % LZW_HASH;
        if (keys[slot] == key)
          {
            prefix = values[slot];
            continue;
          }
        emit_code (&bw, prefix, size);
        if (next_code < 4096)
          {
            keys[slot] = key;
            values[slot] = next_code++;
            if (next_code > (1u << size) && size < 12)
              size++;
          }
        else
          {
            emit_code (&bw, 256, size);
            memset (keys, 0xff, sizeof keys);
            next_code = 258;
            size = 9;
          }
        prefix = c;
      }
  if (prefix >= 0)
    emit_code (&bw, prefix, size);
  emit_code (&bw, 257, size);
  flush_bits (&bw);
}

/**
 * cs_gif_writer_add_frame:
 * @data: RGB24 or ARGB32 pixels of the writer's size
 * @delay_ms: how long the frame shows
 */
gboolean
cs_gif_writer_add_frame (CsGifWriter   *gif,
                         const guchar  *data,
                         int            stride,
                         guint          delay_ms,
                         GError       **error)
{
  int x0 = gif->width, y0 = gif->height, x1 = -1, y1 = -1;
  guint delay = (delay_ms + 5) / 10;

  g_return_val_if_fail (gif != NULL, FALSE);

  if (!gif->started)
    {
      if (gif->n_frames == 0)
        cs_gif_writer_add_sample (gif, data, stride);
      choose_palette (gif);
      write_header (gif);
      gif->started = TRUE;
    }

  for (int y = 0; y < gif->height; y++)
    {
      const guchar *row = data + (gsize) y * stride;
      guint8 *out = gif->cur + (gsize) y * gif->width;
      const guint8 *before = gif->prev + (gsize) y * gif->width;

      for (int x = 0; x < gif->width; x++)
        {
          out[x] = nearest (gif, bin_of (row + x * 4));
          if (gif->n_frames == 0 || out[x] != before[x])
            {
              x0 = MIN (x0, x);
              x1 = MAX (x1, x);
              y0 = MIN (y0, y);
              y1 = MAX (y1, y);
            }
        }
    }
  if (x1 < 0)
    {
      /* Nothing changed: a one-pixel frame keeps the timing. */
      x0 = y0 = x1 = y1 = 0;
    }

  /* Graphic control extension: delay, no transparency, keep the frame. */
  fputc (0x21, gif->file);
  fputc (0xf9, gif->file);
  fputc (4, gif->file);
  fputc (0x04, gif->file);
  put_u16 (gif->file, MIN (delay, 65535));
  fputc (0, gif->file);
  fputc (0, gif->file);

  fputc (0x2c, gif->file);
  put_u16 (gif->file, x0);
  put_u16 (gif->file, y0);
  put_u16 (gif->file, x1 - x0 + 1);
  put_u16 (gif->file, y1 - y0 + 1);
  fputc (0, gif->file);
  lzw_encode (gif->file, gif->cur, x0, y0, x1 - x0 + 1, y1 - y0 + 1, gif->width);

  {
    guint8 *tmp = gif->prev;
    gif->prev = gif->cur;
    gif->cur = tmp;
  }
  gif->n_frames++;
  if (ferror (gif->file))
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_WRITE, "Cannot write “%s”", gif->path);
      gif->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

guint
cs_gif_writer_get_n_frames (CsGifWriter *gif)
{
  g_return_val_if_fail (gif != NULL, 0);
  return gif->n_frames;
}

gboolean
cs_gif_writer_close (CsGifWriter  *gif,
                     GError      **error)
{
  int status;

  g_return_val_if_fail (gif != NULL, FALSE);

  if (gif->file == NULL)
    return !gif->failed;
  fputc (0x3b, gif->file);
  status = fclose (gif->file);
  gif->file = NULL;
  if (status != 0 || gif->failed)
    {
      if (!gif->failed)
        g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_WRITE, "Cannot write “%s”", gif->path);
      gif->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

void
cs_gif_writer_free (CsGifWriter *gif)
{
  if (gif == NULL)
    return;
  if (gif->file != NULL)
    fclose (gif->file);
  g_free (gif->path);
  g_free (gif->histogram);
  g_free (gif->lookup);
  g_free (gif->prev);
  g_free (gif->cur);
  g_free (gif);
}
