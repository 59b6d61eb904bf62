/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Everything the desktop uses of libagentdesk-client. */

#include "ad-common.h"
#include "ad-agent.h"
#include "ad-board-agent.h"
#include "ad-client.h"
#include "ad-client-enums.h"
#include "ad-client-enum-types.h"
#include "ad-code.h"
#include "ad-dn.h"
#include "ad-event-stream.h"
#include "ad-history-record.h"
#include "ad-interaction.h"
#include "ad-party.h"
#include "ad-queue-stats.h"
#include "ad-session.h"
#include "ad-sse-parser.h"
#include "ad-wallboard.h"
