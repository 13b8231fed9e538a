// explorer/strategy/sleep_set.hpp: the sleep-set rule dpor and the estimator share.
#pragma once

#include <bit>
#include <cstdint>

#include "explorer/op.hpp"
#include "explorer/runtime/execution.hpp"

namespace explorer {

// The tasks of `asleep` that stay asleep after a step doing `op`: those whose pending step is
// independent of it (Godefroid's sleep sets).
inline std::uint64_t sleep_survivors(const Execution& execution, std::uint64_t asleep, const Op& op) {
    std::uint64_t kept = 0;
    for (std::uint64_t m = asleep; m != 0; m &= m - 1) {
        auto q = static_cast<TaskId>(std::countr_zero(m));
        if (!dependent(execution.task(q).pending, op)) {
            kept |= std::uint64_t{1} << q;
        }
    }
    return kept;
}

}  // namespace explorer
