// model/program.hpp: a ModelConfig becomes an explorer::Program (one kernel per execution).
#pragma once

#include <optional>
#include <string>

#include "explorer/explorer.hpp"
#include "model/config.hpp"

namespace model {

// What is wrong with `config` (unknown variant, mutation or invariant, a mutation that does
// not apply, an after-creation action the era lacks, ...), or nullopt when it is valid.
std::optional<std::string> validate(const ModelConfig& config);

// The program explored for `config` (which must be valid): kthreadd, the requesters, one
// signal source per requester that may be killed, and the checks the scenario enables.
explorer::Program build_program(const ModelConfig& config);

}  // namespace model
