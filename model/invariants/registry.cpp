// model/invariants/registry.cpp: which check judges each quiescence invariant.
#include "model/invariants/checks.hpp"

namespace model {

QuiescenceCheck quiescence_check(Invariant invariant) {
    switch (invariant) {
        case Invariant::no_lost_wakeup: return check_no_lost_wakeup;
        case Invariant::create_freed_once: return check_create_freed_once;
        case Invariant::killed_requester_returns: return check_killed_requester_returns;
        default: return nullptr;
    }
}

}  // namespace model
