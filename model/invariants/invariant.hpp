// model/invariants/invariant.hpp: the named invariants of the protocol (see each one's file).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace model {

class Kernel;

enum class Invariant : std::uint8_t {
    no_lost_wakeup,
    create_freed_once,
    no_use_after_free,
    completion_alive,
    threadfn_after_wake,
    valid_return,
    lock_discipline,
    killed_requester_returns,
};
inline constexpr std::size_t invariant_count = 8;

const char* name_of(Invariant invariant);
bool invariant_by_name(const std::string& name, Invariant* invariant);

// One invariant's documentation and, for those judged at quiescence, its check. Checks that
// fire at the offending step (a double free, a dead completion used, ...) live in the
// primitive that sees it and are only described here.
struct InvariantInfo {
    Invariant id;
    const char* name;
    const char* summary;
    std::optional<std::string> (*at_end)(const Kernel& kernel);  // nullptr: checked when it happens
};

const InvariantInfo& info(Invariant invariant);

// Quiescence checks, one per file in model/invariants/.
std::optional<std::string> check_no_lost_wakeup(const Kernel& kernel);
std::optional<std::string> check_create_freed_once(const Kernel& kernel);
std::optional<std::string> check_killed_requester_returns(const Kernel& kernel);

}  // namespace model
