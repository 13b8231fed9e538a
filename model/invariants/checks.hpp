// model/invariants/checks.hpp: the invariants judged at quiescence, one per file in this folder.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "model/invariant.hpp"

namespace model {

class Kthreads;

std::optional<std::string> check_no_lost_wakeup(const Kthreads& kernel);
std::optional<std::string> check_create_freed_once(const Kthreads& kernel);
std::optional<std::string> check_killed_requester_returns(const Kthreads& kernel);

// The quiescence check of `invariant` (nullptr for those checked when they happen), and all
// of them in the order an execution's end judges them (the one table of them).
using QuiescenceCheck = std::optional<std::string> (*)(const Kthreads& kernel);
struct QuiescenceEntry {
    Invariant invariant;
    QuiescenceCheck check;
};
std::span<const QuiescenceEntry> quiescence_checks();
QuiescenceCheck quiescence_check(Invariant invariant);

}  // namespace model
