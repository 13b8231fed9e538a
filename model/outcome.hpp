// model/outcome.hpp: the canonical summary of an execution's end state (strategies are cross-checked on it).
#pragma once

#include <string>

namespace model {

class Kthreads;

// One line per requester (its return, whether it was killed, its create's fate, who completed
// its done) and per new thread (finished or where it sleeps, threadfn runs, exit code).
std::string describe_outcome(const Kthreads& kernel);

}  // namespace model
