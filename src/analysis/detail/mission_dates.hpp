// Day arithmetic shared by the analysis files.
#pragma once

#include <chrono>
#include <cmath>
#include <optional>

#include "model/records.hpp"

namespace ger::analysis::detail {

inline int year_of(std::chrono::sys_days day) {
    return static_cast<int>(std::chrono::year_month_day{day}.year());
}

inline std::optional<std::chrono::sys_days> earliest(const model::Mission& m) {
    if (!m.launch) return std::nullopt;
    return m.launch->earliest();
}

inline std::optional<std::chrono::sys_days> latest(const model::Mission& m) {
    if (!m.launch) return std::nullopt;
    return m.launch->latest();
}

// Latest launch day plus the duration (rounded up to whole days); the launch day when the duration is unknown.
inline std::optional<std::chrono::sys_days> finish(const model::Mission& m) {
    if (!m.launch) return std::nullopt;
    const double duration = m.duration_days.value_or(0.0);
    return m.launch->latest() + std::chrono::days{static_cast<long>(std::ceil(duration))};
}

inline bool counts(const model::Mission& m) { return m.status != model::MissionStatus::cancelled; }

}  // namespace ger::analysis::detail
