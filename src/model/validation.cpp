#include "model/validation.hpp"

#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "model/plain_text.hpp"

namespace ger::model {

namespace {

constexpr std::size_t max_slug_length = 80;
// The coordination group was formed in 2007 (data/SOURCES.md), so no agency can have joined earlier.
constexpr int first_membership_year = 2007;
constexpr int last_plausible_year = 9999;
// Room for what an agency writes (the longest bundled values are a tenth of these: data/), not for a file's worth.
constexpr std::size_t max_label_length = 200;      // names, titles, a target body, a country
constexpr std::size_t max_source_length = 2'000;   // a citation
constexpr std::size_t max_prose_length = 20'000;   // descriptions, an edition's scenario

// References as hash sets, built once per data set so checking n records against m ids costs O(n + m).
struct Index {
    std::unordered_set<std::string> agencies, destinations, objectives, capabilities, missions, goals;

    explicit Index(const References& refs)
        : agencies(refs.agencies.begin(), refs.agencies.end()),
          destinations(refs.destinations.begin(), refs.destinations.end()),
          objectives(refs.objectives.begin(), refs.objectives.end()),
          capabilities(refs.capabilities.begin(), refs.capabilities.end()),
          missions(refs.missions.begin(), refs.missions.end()),
          goals(refs.goals.begin(), refs.goals.end()) {}
};

class Checker {
public:
    explicit Checker(std::vector<FieldError>& errors) : m_errors(errors) {}

    void error(std::string path, std::string message) { m_errors.push_back({std::move(path), std::move(message)}); }

    void not_empty(const std::string& value, const std::string& path) {
        if (value.empty()) error(path, "must not be empty");
    }

    // Free text of a record: at most `limit` characters and no control characters (a NUL or an escape is a
    // mistake or a probe, and no page or export could show it); prose keeps its line breaks and tabs.
    void text(const std::string& value, const std::string& path, std::size_t limit, bool prose) {
        if (const auto n = code_points(value); n > limit) {
            error(path, "too long: " + std::to_string(n) + " characters, at most " + std::to_string(limit));
        }
        if (has_control(value, prose)) {
            error(path, prose ? "holds a control character (only line breaks and tabs are allowed)"
                              : "holds a control character or a line break");
        }
    }
    void label(const std::string& value, const std::string& path) { text(value, path, max_label_length, false); }
    void source(const std::string& value, const std::string& path) { text(value, path, max_source_length, true); }
    void prose(const std::string& value, const std::string& path) { text(value, path, max_prose_length, true); }

    void slug(const std::string& value, const std::string& path) {
        if (!is_valid_slug(value)) {
            error(path, "\"" + value + "\" is not a valid id (lowercase letters, digits and single '-', at most " +
                            std::to_string(max_slug_length) + " characters)");
        }
    }

    // A code as agencies and destinations use them: "NASA", "Roscosmos", "cislunar".
    void code(const std::string& value, const std::string& path) {
        if (value.empty()) {
            error(path, "must not be empty");
            return;
        }
        for (char c : value) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                error(path, "\"" + value + "\" is not a valid code (letters, digits and '-')");
                return;
            }
        }
    }

    void known(const std::unordered_set<std::string>& ids, const std::string& value, const std::string& path,
               std::string_view what) {
        if (ids.count(value) == 0) error(path, "unknown " + std::string(what) + " \"" + value + "\"");
    }

    void known_list(const std::unordered_set<std::string>& ids, const std::vector<std::string>& values,
                    const std::string& path, std::string_view what) {
        std::unordered_set<std::string> seen;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const std::string item_path = path + "/" + std::to_string(i);
            known(ids, values[i], item_path, what);
            if (!seen.insert(values[i]).second) error(item_path, "\"" + values[i] + "\" is listed twice");
        }
    }

    void planned_date(const PlannedDate& d, const std::string& path) {
        using namespace std::chrono;
        if (!d.date.ok()) {
            error(path, "impossible date " + std::to_string(static_cast<int>(d.date.year())) + "-" +
                            std::to_string(static_cast<unsigned>(d.date.month())) + "-" +
                            std::to_string(static_cast<unsigned>(d.date.day())));
            return;
        }
        // A coarse date is stored as the first day of its period, so equal plans compare equal.
        const bool canonical = d.precision == DatePrecision::day ||
                               (d.date.day() == day{1} && (d.precision == DatePrecision::month || d.date.month() == January));
        if (!canonical) error(path, "a " + std::string(to_string(d.precision)) + "-precision date must be stored as the first day of its period");
    }

    void launch(const LaunchWindow& w, const std::string& path) {
        planned_date(w.start, path);
        if (!w.end) return;
        planned_date(*w.end, path);
        if (w.start.date.ok() && w.end->date.ok() && w.end->last_day() < w.start.first_day()) {
            error(path, "the window " + w.to_string() + " ends before it starts");
        }
    }

    // Required: a record that does not say who may read it is refused, never shared by default.
    void visibility(const std::optional<Visibility>& visibility, std::string_view kind, const std::string& id,
                    const Index& index, const std::string& path) {
        if (!visibility) {
            error(path, "missing: " + std::string(kind) + " \"" + id +
                            "\" must say who may read it (scope public, partners or agencies); it is never public "
                            "by default");
            return;
        }
        const Visibility& v = *visibility;
        if (v.scope == VisibilityScope::agencies) {
            if (v.agencies.empty()) error(path + "/agencies", "visibility to named agencies must list at least one agency");
            known_list(index.agencies, v.agencies, path + "/agencies", "agency");
        } else if (!v.agencies.empty()) {
            error(path + "/agencies", "only scope \"agencies\" takes a list of agencies; scope \"" +
                                          std::string(to_string(v.scope)) + "\" would ignore it");
        }
    }

    // An id that begins with an agency's prefix ("esa-") belongs to that agency: so a new record, whose id must
    // begin with its owner's prefix (validate_new_id), can only clash with a record of its own agency.
    void id_owner(const std::string& id, const std::string& owner, const Index& index, const std::string& path) {
        for (const auto& agency : index.agencies) {
            const auto prefix = id_prefix(agency);
            if (agency != owner && id.size() > prefix.size() && id.compare(0, prefix.size(), prefix) == 0) {
                error(path, "\"" + id + "\" begins with \"" + prefix + "\", which only " + agency +
                                "'s records may use (an id that begins with an agency's code belongs to that agency)");
            }
        }
    }

    void meta(const RecordMeta& m, const std::string& path) {
        if (m.version < 1) error(path + "/version", "must be at least 1");
        if (m.updated_at < m.created_at) error(path + "/updated_at", "is before created_at");
    }

private:
    std::vector<FieldError>& m_errors;
};

void check(const Objective& o, const Index& index, const std::string& path, std::vector<FieldError>& errors) {
    Checker c(errors);
    c.slug(o.id, path + "/id");
    c.known(index.goals, o.goal_id, path + "/goal_id", "goal");
    c.not_empty(o.title, path + "/title");
    c.label(o.title, path + "/title");
    c.prose(o.description, path + "/description");
    c.source(o.source, path + "/source");
}

void check(const Mission& m, const Index& index, const std::string& path, std::vector<FieldError>& errors) {
    Checker c(errors);
    c.slug(m.id, path + "/id");
    c.not_empty(m.name, path + "/name");
    c.label(m.name, path + "/name");
    c.prose(m.description, path + "/description");
    c.source(m.source, path + "/source");
    c.known(index.agencies, m.lead_agency, path + "/lead_agency", "agency");
    c.known_list(index.agencies, m.partners, path + "/partners", "agency");
    for (std::size_t i = 0; i < m.partners.size(); ++i) {
        if (m.partners[i] == m.lead_agency) {
            c.error(path + "/partners/" + std::to_string(i), "the lead agency is not its own partner");
        }
    }
    c.known(index.destinations, m.destination, path + "/destination", "destination");
    if (m.target_body && m.target_body->empty()) c.error(path + "/target_body", "must be null or not empty");
    if (m.target_body) c.label(*m.target_body, path + "/target_body");
    if (m.launch) c.launch(*m.launch, path + "/launch");
    // NOTE: bounded, so that a launch day plus the duration is a day the calendar has (analysis's finish()).
    constexpr double max_duration_days = 36525.0;  // 100 years
    if (m.duration_days &&
        !(std::isfinite(*m.duration_days) && *m.duration_days > 0 && *m.duration_days <= max_duration_days)) {
        c.error(path + "/duration_days", "must be a positive number of days, at most 36525 (100 years)");
    }
    c.known_list(index.objectives, m.objectives, path + "/objectives", "objective");
    c.known_list(index.capabilities, m.capabilities_required, path + "/capabilities_required", "capability");
    c.known_list(index.capabilities, m.capabilities_provided, path + "/capabilities_provided", "capability");
    c.known_list(index.missions, m.precursors, path + "/precursors", "mission");
    for (std::size_t i = 0; i < m.precursors.size(); ++i) {
        if (m.precursors[i] == m.id) c.error(path + "/precursors/" + std::to_string(i), "a mission cannot precede itself");
    }
    c.id_owner(m.id, m.lead_agency, index, path + "/id");
    c.visibility(m.visibility, "mission", m.id, index, path + "/visibility");
    c.meta(m.meta, path);
}

void check(const Capability& cap, const Index& index, const std::string& path, std::vector<FieldError>& errors) {
    Checker c(errors);
    c.slug(cap.id, path + "/id");
    c.not_empty(cap.name, path + "/name");
    c.label(cap.name, path + "/name");
    c.prose(cap.description, path + "/description");
    c.source(cap.source, path + "/source");
    c.known(index.agencies, cap.provider, path + "/provider", "agency");
    if (cap.readiness) c.planned_date(*cap.readiness, path + "/readiness");
    c.id_owner(cap.id, cap.provider, index, path + "/id");
    c.visibility(cap.visibility, "capability", cap.id, index, path + "/visibility");
    c.meta(cap.meta, path);
}

void check(const Edition& e, const Index& index, const std::string& path, std::vector<FieldError>& errors) {
    Checker c(errors);
    c.not_empty(e.name, path + "/name");
    c.not_empty(e.title, path + "/title");
    c.label(e.name, path + "/name");
    c.label(e.title, path + "/title");
    c.prose(e.scenario, path + "/scenario");
    c.source(e.source, path + "/source");
    if (!e.published.ok()) c.planned_date(PlannedDate{e.published, DatePrecision::day}, path + "/published");
    c.known_list(index.agencies, e.signatories, path + "/signatories", "agency");
}

// Reports every key seen twice, pointing at the later record and naming the first.
template <class T, class Key>
void check_unique(const std::vector<T>& records, Key key, const std::string& collection, const std::string& field,
                  std::vector<FieldError>& errors) {
    std::unordered_map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string k = key(records[i]);
        const auto [it, inserted] = first.emplace(k, i);
        if (!inserted) {
            errors.push_back({"/" + collection + "/" + std::to_string(i) + "/" + field,
                              "duplicate " + field + " \"" + k + "\" (first at /" + collection + "/" +
                                  std::to_string(it->second) + ")"});
        }
    }
}

// Depth-first search over precursor links; each cycle is reported once, at the mission that closes it.
void check_precursor_cycles(const std::vector<Mission>& missions, std::vector<FieldError>& errors) {
    std::unordered_map<std::string, std::size_t> by_id;
    for (std::size_t i = 0; i < missions.size(); ++i) by_id.emplace(missions[i].id, i);
    enum class Mark { unvisited, on_stack, done };
    std::vector<Mark> mark(missions.size(), Mark::unvisited);
    std::vector<std::size_t> stack;

    // Iterative, so a long precursor chain in an imported file cannot overflow the call stack.
    struct Frame {
        std::size_t mission;
        std::size_t next_precursor;
    };
    for (std::size_t root = 0; root < missions.size(); ++root) {
        if (mark[root] != Mark::unvisited) continue;
        std::vector<Frame> frames{{root, 0}};
        mark[root] = Mark::on_stack;
        stack.push_back(root);
        while (!frames.empty()) {
            Frame& f = frames.back();
            const auto& precursors = missions[f.mission].precursors;
            if (f.next_precursor == precursors.size()) {
                mark[f.mission] = Mark::done;
                stack.pop_back();
                frames.pop_back();
                continue;
            }
            const std::size_t k = f.next_precursor++;
            const auto it = by_id.find(precursors[k]);
            if (it == by_id.end()) continue;  // dangling: reported by the reference check
            const std::size_t next = it->second;
            if (mark[next] == Mark::on_stack) {
                std::string cycle;
                bool in_cycle = false;
                for (std::size_t s : stack) {
                    if (s == next) in_cycle = true;
                    if (in_cycle) cycle += missions[s].id + " -> ";
                }
                cycle += missions[next].id;
                errors.push_back({"/missions/" + std::to_string(f.mission) + "/precursors/" + std::to_string(k),
                                  "precursor cycle: " + cycle});
            } else if (mark[next] == Mark::unvisited) {
                mark[next] = Mark::on_stack;
                stack.push_back(next);
                frames.push_back({next, 0});
            }
        }
    }
}

std::string index_path(const std::string& collection, std::size_t i) {
    return "/" + collection + "/" + std::to_string(i);
}

}  // namespace

References References::of(const Dataset& d) {
    References r;
    for (const auto& a : d.agencies) r.agencies.push_back(a.code);
    for (const auto& x : d.destinations) r.destinations.push_back(x.code);
    for (const auto& o : d.objectives) r.objectives.push_back(o.id);
    for (const auto& c : d.capabilities) r.capabilities.push_back(c.id);
    for (const auto& m : d.missions) r.missions.push_back(m.id);
    for (const auto& g : d.goals) r.goals.push_back(g.id);
    return r;
}

std::string id_prefix(std::string_view agency) {
    std::string out;
    for (char c : agency) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out + '-';
}

std::vector<FieldError> validate_new_id(std::string_view id, std::string_view owner, const std::string& path) {
    const auto prefix = id_prefix(owner);
    if (id.size() > prefix.size() && id.compare(0, prefix.size(), prefix) == 0) return {};
    return {{path + "/id", "the id of a new record begins with its agency's code in lower case and a hyphen: \"" +
                               prefix + "...\" (got \"" + std::string(id) + "\")"}};
}

bool is_valid_slug(std::string_view id) {
    if (id.empty() || id.size() > max_slug_length) return false;
    if (id.front() == '-' || id.back() == '-') return false;
    char previous = '\0';
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && previous == '-')) return false;
        previous = c;
    }
    return true;
}

std::vector<FieldError> validate(const Agency& a, const std::string& path) {
    std::vector<FieldError> errors;
    Checker c(errors);
    c.code(a.code, path + "/code");
    c.not_empty(a.name, path + "/name");
    c.label(a.name, path + "/name");
    c.label(a.country, path + "/country");
    c.source(a.source, path + "/source");
    if (a.member_since < first_membership_year || a.member_since > last_plausible_year) {
        c.error(path + "/member_since", std::to_string(a.member_since) + " is not a possible year (the group formed in " +
                                            std::to_string(first_membership_year) + ")");
    }
    return errors;
}

std::vector<FieldError> validate(const Goal& g, const std::string& path) {
    std::vector<FieldError> errors;
    Checker c(errors);
    c.slug(g.id, path + "/id");
    if (g.number < 1) c.error(path + "/number", "must be 1 or more");
    c.not_empty(g.title, path + "/title");
    c.label(g.title, path + "/title");
    c.prose(g.description, path + "/description");
    c.source(g.source, path + "/source");
    return errors;
}

std::vector<FieldError> validate(const Objective& o, const References& refs, const std::string& path) {
    std::vector<FieldError> errors;
    check(o, Index(refs), path, errors);
    return errors;
}

std::vector<FieldError> validate(const Destination& d, const std::string& path) {
    std::vector<FieldError> errors;
    Checker c(errors);
    c.code(d.code, path + "/code");
    c.not_empty(d.name, path + "/name");
    c.label(d.name, path + "/name");
    c.prose(d.description, path + "/description");
    if (d.order < 1) c.error(path + "/order", "must be 1 or more");
    return errors;
}

std::vector<FieldError> validate(const Mission& m, const References& refs, const std::string& path) {
    std::vector<FieldError> errors;
    check(m, Index(refs), path, errors);
    return errors;
}

std::vector<FieldError> validate(const Capability& cap, const References& refs, const std::string& path) {
    std::vector<FieldError> errors;
    check(cap, Index(refs), path, errors);
    return errors;
}

std::vector<FieldError> validate(const Edition& e, const References& refs, const std::string& path) {
    std::vector<FieldError> errors;
    check(e, Index(refs), path, errors);
    return errors;
}

std::vector<FieldError> validate(const Dataset& d) {
    std::vector<FieldError> errors;
    const Index index(References::of(d));
    const auto append = [&](std::vector<FieldError> more) {
        errors.insert(errors.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    };
    for (std::size_t i = 0; i < d.agencies.size(); ++i) append(validate(d.agencies[i], index_path("agencies", i)));
    for (std::size_t i = 0; i < d.goals.size(); ++i) append(validate(d.goals[i], index_path("goals", i)));
    for (std::size_t i = 0; i < d.objectives.size(); ++i) {
        check(d.objectives[i], index, index_path("objectives", i), errors);
    }
    for (std::size_t i = 0; i < d.destinations.size(); ++i) {
        append(validate(d.destinations[i], index_path("destinations", i)));
    }
    for (std::size_t i = 0; i < d.missions.size(); ++i) check(d.missions[i], index, index_path("missions", i), errors);
    for (std::size_t i = 0; i < d.capabilities.size(); ++i) {
        check(d.capabilities[i], index, index_path("capabilities", i), errors);
    }
    for (std::size_t i = 0; i < d.editions.size(); ++i) check(d.editions[i], index, index_path("editions", i), errors);

    check_unique(d.agencies, [](const Agency& a) { return a.code; }, "agencies", "code", errors);
    check_unique(d.goals, [](const Goal& g) { return g.id; }, "goals", "id", errors);
    check_unique(d.goals, [](const Goal& g) { return std::to_string(g.number); }, "goals", "number", errors);
    check_unique(d.objectives, [](const Objective& o) { return o.id; }, "objectives", "id", errors);
    check_unique(d.destinations, [](const Destination& x) { return x.code; }, "destinations", "code", errors);
    check_unique(d.missions, [](const Mission& m) { return m.id; }, "missions", "id", errors);
    check_unique(d.capabilities, [](const Capability& c) { return c.id; }, "capabilities", "id", errors);
    check_unique(d.editions, [](const Edition& e) { return e.name; }, "editions", "name", errors);
    check_precursor_cycles(d.missions, errors);
    return errors;
}

void throw_if_any(std::vector<FieldError> errors) {
    if (!errors.empty()) throw ValidationError(std::move(errors));
}

}  // namespace ger::model
