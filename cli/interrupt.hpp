// cli/interrupt.hpp: SIGINT sets a flag the explorer polls between executions.
#pragma once

#include <atomic>

namespace cli {

// Installs the handler (once; a second SIGINT kills the process the usual way) and returns the flag.
const std::atomic<bool>* install_interrupt_handler();
bool interrupted();

}  // namespace cli
