// cli/kernel_map.hpp: which kernel function (and file) each model operation mirrors, for show.
#pragma once

#include <string>

namespace cli {

// e.g. "kernel/sched/core.c: schedule()" for "schedule"; "" when the op is not in the table.
std::string kernel_function_of(const std::string& op);

}  // namespace cli
