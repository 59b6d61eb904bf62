/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdFuzzReplay"

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

/* A stand-in for libFuzzer's main: runs a fuzz target once on every file of
 * the directories given (the seed corpus and the kept crashers), so each
 * test run replays them all with the normal compiler. A directory that does
 * not exist is skipped; finding no input at all is a failure, so a moved
 * corpus cannot pass unnoticed. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static guint
replay_directory (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return 0;

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] != '.' && g_strcmp0 (name, "README") != 0)
        g_ptr_array_add (names, g_strdup (name));
    }
  /* A fixed order, so a failure is reproducible. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_file_get_contents (file, &contents, &length, &error))
        g_error ("%s", error->message);

      printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", file, length);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
    }

  return names->len;
}

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    n += replay_directory (argv[i]);

  if (n == 0)
    {
      fprintf (stderr, "No input found in the directories given\n");
      return 1;
    }

  printf ("%u inputs replayed\n", n);
  return 0;
}
