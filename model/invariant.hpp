// model/invariant.hpp: the names of the protocol's invariants (kernel primitives report some of them;
// the quiescence checks live in model/invariants/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace model {

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

// One invariant's documentation. Those judged at quiescence have a check in
// model/invariants/; the others fire at the offending step (a double free, a dead completion
// used, ...), in the primitive that sees it.
struct InvariantInfo {
    Invariant id;
    const char* name;
    const char* summary;
};

const InvariantInfo& info(Invariant invariant);

}  // namespace model
