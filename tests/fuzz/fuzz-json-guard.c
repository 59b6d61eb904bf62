/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-json-guard.h"

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

gboolean
fuzz_json_has_trailing_value (const char *data,
                              gsize       length)
{
  gsize i = 0;
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean started = FALSE;

  while (i < length && is_space (data[i]))
    i++;

  /* Walk one top-level value: strings (with escapes) and nesting. */
  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (depth == 0)
                {
                  i++;
                  break;
                }
            }
          continue;
        }

      if (depth == 0 && started && (is_space (c) || c == '{' || c == '[' || c == '"'))
        break;
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && depth > 0)
        {
          depth--;
          if (depth == 0)
            {
              i++;
              break;
            }
        }
      started = TRUE;
    }

  while (i < length && is_space (data[i]))
    i++;
  return i < length;
}
