// The backends the Store contract tests run on: each TEST_P runs unchanged on each entry. A PostgreSQL backend
// adds an entry here and must pass the same tests.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace ger::test {

struct Backend {
    std::string name;
    // The URL of a fresh, empty database for one test, placed in `dir` when the backend uses files.
    std::function<std::string(const TempDir& dir)> fresh_url;
};

inline void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

inline std::vector<Backend> backends() {
    return {
        {"sqlite", [](const TempDir& dir) { return (dir / "ger.db").string(); }},
        {"sqlite_url", [](const TempDir& dir) { return "sqlite:" + (dir / "sub" / "ger.db").string(); }},
    };
}

}  // namespace ger::test
