// model/invariants/registry.cpp: the quiescence invariants, in the order they are judged.
#include "model/invariants/checks.hpp"

namespace model {

namespace {
// Most specific first: a lost wake-up or a stuck killed requester explains the leaks that
// follow from it.
const QuiescenceEntry entries[] = {
    {Invariant::killed_requester_returns, check_killed_requester_returns},
    {Invariant::no_lost_wakeup, check_no_lost_wakeup},
    {Invariant::create_freed_once, check_create_freed_once},
};
}  // namespace

std::span<const QuiescenceEntry> quiescence_checks() { return entries; }

QuiescenceCheck quiescence_check(Invariant invariant) {
    for (const QuiescenceEntry& entry : entries) {
        if (entry.invariant == invariant) {
            return entry.check;
        }
    }
    return nullptr;
}

}  // namespace model
