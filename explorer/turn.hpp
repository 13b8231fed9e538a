// explorer/turn.hpp: turns, the explorer's symmetry breaking among interchangeable tasks.
#pragma once

#include <cstdint>

#include "explorer/api.hpp"

namespace explorer {

// take_turn(turnstile, rank): the task's next step takes turn `rank` of `turnstile`. The step
// is disabled until the steps of turns 0 .. rank-1 have run, and happens after them; it is
// never a race with them (a turn cannot be reversed). An execution that ends with a step
// waiting for its turn is pruned.
//
// What it is for: N groups of tasks that are interchangeable (the same code, the same
// configuration, their own objects; no check and no decision tells them apart but by name).
// Give each group's first step of a kind they all race on (for example, publishing a request
// on a shared list) one rank of one turnstile, in group order. Every execution of the program
// without turns is then, with the groups renamed, an execution with them: rename the groups
// that reach their turn step by the order in which they reach it, and the others after them.
// So a search of the program with turns finds every verdict and, up to renaming, every
// outcome, in about 1/N! of the executions (those where the N groups race for the step).
// The precondition is the model's to keep: used on tasks that are not interchangeable, a
// turn loses executions (tests/explorer/turn_test.cpp shows one).
inline void take_turn(ObjectId turnstile, std::uint32_t rank) { detail::here().take_turn(turnstile, rank); }

}  // namespace explorer
