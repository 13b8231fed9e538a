// tests/explorer/programs.hpp: small programs and closed forms shared by the engine's tests.
#pragma once

#include <cstdint>
#include <string>

#include "explorer/explorer.hpp"
#include "explorer/lock.hpp"

namespace test_programs {

inline std::uint64_t factorial(std::uint64_t n) { return n <= 1 ? 1 : n * factorial(n - 1); }

// (NK)!/(K!)^N: the interleavings of N tasks doing K dependent steps each.
inline std::uint64_t multinomial(int n, int k) {
    std::uint64_t count = factorial(static_cast<std::uint64_t>(n * k));
    for (int i = 0; i < n; ++i) {
        count /= factorial(static_cast<std::uint64_t>(k));
    }
    return count;
}

// N tasks each doing K accesses to one object; each access optionally makes a data choice.
inline explorer::Program writers(int n, int k, std::size_t values_per_write = 1,
                                 explorer::Access access = explorer::Access::write) {
    return [=] {
        explorer::ObjectId x = explorer::object("x");
        for (int t = 0; t < n; ++t) {
            explorer::spawn("t" + std::to_string(t), [=] {
                for (int i = 0; i < k; ++i) {
                    explorer::step("write", x, access);
                    if (values_per_write > 1) {
                        explorer::choose(values_per_write, "value");
                    }
                }
            });
        }
    };
}

// N tasks each doing K critical sections `lock; read x; write x; unlock` on one lock of the
// explorer (explorer/lock.hpp): two steps per section, the lock held between them.
inline explorer::Program locked_sections(int n, int k) {
    return [=] {
        explorer::ObjectId lock = explorer::object("L");
        explorer::ObjectId x = explorer::object("x");
        for (int t = 0; t < n; ++t) {
            explorer::spawn("t" + std::to_string(t), [=] {
                for (int i = 0; i < k; ++i) {
                    explorer::lock(lock);
                    explorer::step("read", x, explorer::Access::read);
                    explorer::step("write", x, explorer::Access::write);
                    explorer::unlock(lock);
                }
            });
        }
    };
}

}  // namespace test_programs
