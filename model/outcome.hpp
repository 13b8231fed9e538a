// model/outcome.hpp: the canonical summary of an execution's end state (strategies are cross-checked on it).
#pragma once

#include <string>

#include "model/config.hpp"

namespace model {

class Kthreads;

// One line per requester (its return, whether it was killed, its create's fate, who completed
// its done) and per new thread (finished or where it sleeps, threadfn runs, exit code).
std::string describe_outcome(const Kthreads& kernel);

// An outcome up to renaming the requesters `config` makes interchangeable (equal
// configurations, model/program.cpp): the least, line by line, of its renamings. Two outcomes
// of the symmetric search and of the full one compare equal this way (docs/model.md, "Symmetry").
std::string up_to_renaming(const std::string& outcome, const ModelConfig& config);

}  // namespace model
