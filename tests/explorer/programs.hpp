// tests/explorer/programs.hpp: small programs and closed forms shared by the engine's tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

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

// lastzero(N): a[0..N] = 0; thread 0 scans i = N, N-1, ... while a[i] != 0; thread i in
// 1..N does a[i] = a[i-1] + 1.
inline explorer::Program lastzero(int n) {
    return [n] {
        auto a = std::make_shared<std::vector<int>>(static_cast<std::size_t>(n + 1), 0);
        std::vector<explorer::ObjectId> ids;
        for (int i = 0; i <= n; ++i) {
            ids.push_back(explorer::object("a[" + std::to_string(i) + "]"));
        }
        explorer::spawn("scanner", [a, ids, n] {
            for (int i = n; i >= 0; --i) {
                explorer::step("read", ids[static_cast<std::size_t>(i)], explorer::Access::read);
                if ((*a)[static_cast<std::size_t>(i)] == 0) {
                    break;
                }
            }
        });
        for (int i = 1; i <= n; ++i) {
            explorer::spawn("setter" + std::to_string(i), [a, ids, i] {
                auto u = static_cast<std::size_t>(i);
                explorer::step("read", ids[u - 1], explorer::Access::read);
                int v = (*a)[u - 1];
                explorer::step("write", ids[u], explorer::Access::write);
                (*a)[u] = v + 1;
            });
        }
    };
}

}  // namespace test_programs
