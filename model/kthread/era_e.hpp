// model/kthread/era_e.hpp: era E's functions that the Ubuntu flavour reuses.
#pragma once

#include "model/kthread/protocol.hpp"

namespace model {

KthreadOps era_e_ops();

}  // namespace model
