// cli/swimlane.hpp: a trace drawn as swimlanes: one column per task, one row per step, the failure marked.
#pragma once

#include <string>

#include "explorer/trace/trace.hpp"

namespace cli {

struct SwimlaneOptions {
    std::size_t lane_width = 30;  // cells longer than this are cut with "…"
    bool kernel = true;           // the "mirrors" column (kernel function of each op)
};

std::string render_swimlanes(const explorer::Trace& trace, const SwimlaneOptions& options);

}  // namespace cli
