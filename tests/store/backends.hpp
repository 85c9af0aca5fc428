// The backends the Store contract tests run on: each TEST_P runs unchanged on each entry: SQLite, and PostgreSQL
// when it is built in.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <stdexcept>
#include <ostream>
#include <string>
#include <vector>

#include "ger/config.hpp"
#include "temp_dir.hpp"

namespace ger::test {

struct Backend {
    std::string name;
    // The URL of a fresh, empty database for one test, placed in `dir` when the backend uses files.
    std::function<std::string(const TempDir& dir)> fresh_url;
};

inline void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

// The PostgreSQL server the tests use: the URL of its maintenance database, in the file that GER_TEST_POSTGRESQL
// names (ctest sets it; the fixture tests/store/postgresql_cluster.sh writes the file). Without it a PostgreSQL
// test fails, saying why, instead of passing without having run.
inline std::string postgresql_server() {
    const char* file = std::getenv("GER_TEST_POSTGRESQL");
    if (!file || !*file) {
        throw std::runtime_error("GER_TEST_POSTGRESQL is not set: run the PostgreSQL store tests through ctest, "
                                 "which starts a server (tests/store/postgresql_cluster.sh) and sets it");
    }
    std::ifstream in(file);
    std::string url;
    if (!(in >> url)) throw std::runtime_error(std::string("GER_TEST_POSTGRESQL names ") + file + ", which holds no "
                                                                                                  "URL");
    return url;
}

// A database name no other test (in this process or another) uses: the store creates it (OpenMode::create).
inline std::string fresh_postgresql_url(const std::string& server) {
    static std::atomic<int> counter{0};
    static const auto seed = std::random_device{}();
    const auto slash = server.rfind('/');
    return server.substr(0, slash + 1) + "ger_test_" + std::to_string(::getpid()) + "_" +
           std::to_string(seed % 100000) + "_" + std::to_string(++counter);
}

inline std::vector<Backend> backends() {
    std::vector<Backend> out{
        {"sqlite", [](const TempDir& dir) { return (dir / "ger.db").string(); }},
        {"sqlite_url", [](const TempDir& dir) { return "sqlite:" + (dir / "sub" / "ger.db").string(); }},
    };
#if GER_WITH_POSTGRESQL
    out.push_back({"postgresql", [](const TempDir&) { return fresh_postgresql_url(postgresql_server()); }});
#endif
    return out;
}

}  // namespace ger::test
