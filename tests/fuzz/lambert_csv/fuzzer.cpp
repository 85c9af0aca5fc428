// libFuzzer harness for the CSV `ger lambert` reads (cli/lambert_csv.hpp), as CSV and as JSON, prograde and
// retrograde. A bad file must be refused with a CommandError (it names the line and column); anything else
// (a crash, a sanitizer report, another exception) is a finding. An answer has its header and one line per arc
// or per row without one, and every arc it reports is finite.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.hpp"
#include "cli/lambert_csv.hpp"

namespace {

void check_csv_answer(const std::string& answer) {
    std::istringstream lines(answer);
    std::string line;
    if (!std::getline(lines, line) || line.rfind("row,revs,branch,", 0) != 0) std::abort();
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::stringstream split(line);
        for (std::string f; std::getline(split, f, ',');) fields.push_back(f);
        if (fields.size() != 10) std::abort();
        if (fields[9] != "ok") continue;
        for (std::size_t k = 3; k < 9; ++k) {
            if (!std::isfinite(std::stod(fields[k]))) std::abort();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    for (const char* format : {"csv", "json"}) {
        for (const bool retrograde : {false, true}) {
            std::istringstream in(text);
            try {
                const auto answer = ger::cli::solve_lambert_csv(in, {format, retrograde});
                if (std::string_view(format) == "csv") check_csv_answer(answer);
            } catch (const ger::cli::CommandError&) {
            }
        }
    }
    return 0;
}
