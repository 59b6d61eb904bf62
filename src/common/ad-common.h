/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ad-attributes.h"
#include "ad-enums.h"
#include "ad-enum-types.h"
#include "ad-error.h"
#include "ad-json.h"
