/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ad-enums.h"

G_BEGIN_DECLS

/* Parses @data as a JSON object. Anything else, text after the object
 * included, is AD_ERROR_INVALID_REQUEST. */
JsonObject *ad_json_parse_object       (const char         *data,
                                        gssize              length,
                                        GError            **error);
/* The same with a parser kept by the caller for speed. */
JsonObject *ad_json_parse_object_with  (JsonParser         *parser,
                                        const char         *data,
                                        gssize              length,
                                        GError            **error);
char       *ad_json_object_to_string   (JsonObject         *object);
GBytes     *ad_json_object_to_bytes    (JsonObject         *object);

/* Typed member access for request bodies. A missing (or, where @nullable,
 * null) member leaves *@out at NULL and succeeds unless @required; a
 * member of another type fails with AD_ERROR_INVALID_REQUEST naming it. */
gboolean    ad_json_get_string         (JsonObject         *object,
                                        const char         *member,
                                        gboolean            required,
                                        const char        **out,
                                        GError            **error);
gboolean    ad_json_get_object         (JsonObject         *object,
                                        const char         *member,
                                        gboolean            required,
                                        JsonObject        **out,
                                        GError            **error);
gboolean    ad_json_get_array          (JsonObject         *object,
                                        const char         *member,
                                        gboolean            required,
                                        JsonArray         **out,
                                        GError            **error);
/* An object whose values are all strings (attachedData); with
 * @allow_null_values, null values are accepted too (attach-data deletes). */
gboolean    ad_json_get_string_map     (JsonObject         *object,
                                        const char         *member,
                                        gboolean            required,
                                        gboolean            allow_null_values,
                                        JsonObject        **out,
                                        GError            **error);
gboolean    ad_json_get_int            (JsonObject         *object,
                                        const char         *member,
                                        gboolean            required,
                                        gint64             *out,
                                        GError            **error);

/* A null-safe string member: NULL when missing, null or not a string. */
const char *ad_json_string_or_null     (JsonObject         *object,
                                        const char         *member);

/* Copy of @dto with only the attributes matching @attributes (exact names,
 * or "prefix:*"); interaction:interactionId is always kept. NULL or an
 * empty list keeps everything. */
JsonObject *ad_json_filter_attributes  (JsonObject         *dto,
                                        const char * const *attributes);
gboolean    ad_json_attribute_matches  (const char * const *attributes,
                                        const char         *name);

JsonArray  *ad_voice_actions_to_json   (AdVoiceAction       actions);
/* Unknown names are skipped (a newer switch may offer more). */
AdVoiceAction ad_voice_actions_from_json (JsonArray        *array);

/* RFC 3339 UTC with second precision, "2026-11-26T04:00:00Z". */
char       *ad_time_to_rfc3339         (gint64              unix_seconds);
gboolean    ad_time_from_rfc3339       (const char         *str,
                                        gint64             *unix_seconds);

G_END_DECLS
