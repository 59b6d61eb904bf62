/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib 1.6 (Debian 12) leaks what follows a complete top-level value:
 * "0{…}", "{} {}" are refused as they should be, but the trailing object
 * is never freed. Every JSON text the switch and the model parse goes
 * straight to json-glib, so such input leaks there (tests/fuzz/pending/
 * README.md). Until ad_json_parse_object() and the model refuse it before
 * parsing, the targets skip it, so the fuzzer can look past this leak. */
gboolean fuzz_json_has_trailing_value (const char *data,
                                       gsize       length);

G_END_DECLS
