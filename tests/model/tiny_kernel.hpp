// tests/model/tiny_kernel.hpp: tiny programs built directly on the model's kernel primitives.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>

#include "explorer/explorer.hpp"
#include "model/config.hpp"
#include "model/kthread/world.hpp"

namespace ktc_test {

// What a tiny program's executions share with the test: the configuration the kernel reads
// (fault budgets, checked invariants) and the kernel of the last execution, to inspect.
struct TinyWorld {
    model::ModelConfig config;
    const model::Variant* variant = nullptr;
    std::shared_ptr<model::Kthreads> kernel;

    model::Kthreads& k() const { return *kernel; }
};

inline std::shared_ptr<TinyWorld> tiny_world(model::ModelConfig config = {}) {
    auto world = std::make_shared<TinyWorld>();
    world->config = std::move(config);
    world->variant = model::find_variant(world->config.variant);
    if (world->variant == nullptr) {
        throw std::invalid_argument("unknown variant " + world->config.variant);
    }
    return world;
}

// A program whose setup makes a fresh Kernel (as model/program.cpp's setup() does, without
// kthreadd or requesters) and lets `build` spawn the tasks with Kernel::spawn().
inline explorer::Program tiny_program(std::shared_ptr<TinyWorld> world, std::function<void(model::Kthreads&)> build) {
    return [world, build] {
        world->kernel = std::make_shared<model::Kthreads>(world->config, *world->variant, world->variant->ops);
        model::Kernel::set_current(world->kernel.get());
        build(*world->kernel);
    };
}

}  // namespace ktc_test
