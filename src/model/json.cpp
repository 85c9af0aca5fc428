#include "model/json.hpp"

#include <array>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>

#include "model/error.hpp"

namespace ger::model {

using nlohmann::json;

namespace {

// ---- writing -------------------------------------------------------------------------------------

json to_json_list(const std::vector<std::string>& items) {
    json out = json::array();
    for (const auto& item : items) out.push_back(item);
    return out;
}

template <class T>
json to_json_records(const std::vector<T>& records) {
    json out = json::array();
    for (const auto& r : records) out.push_back(to_json(r));
    return out;
}

std::string format_day(std::chrono::year_month_day d) {
    return PlannedDate{d, DatePrecision::day}.to_string();
}

void put_meta(json& j, const RecordMeta& meta) {
    // Flattened rather than nested so a record reads as one flat object in exports and the audit log.
    j["version"] = meta.version;
    j["created_at"] = format_timestamp(meta.created_at);
    j["updated_at"] = format_timestamp(meta.updated_at);
    j["author"] = meta.author;
}

// ---- reading -------------------------------------------------------------------------------------

// RFC 6901: '~' and '/' inside a key are escaped so the pointer stays unambiguous.
std::string pointer(const std::string& base, std::string_view key) {
    std::string out = base + '/';
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string pointer(const std::string& base, std::size_t index) { return base + '/' + std::to_string(index); }

std::string got(const json& j) { return std::string("got ") + j.type_name(); }

// Reads the fields of one JSON object, collecting every problem rather than stopping at the first, and
// reports the fields nobody asked for: a misspelt key must not be silently dropped.
class ObjectReader {
public:
    ObjectReader(const json& j, std::string path, std::vector<FieldError>& errors)
        : m_json(j), m_path(std::move(path)), m_errors(errors) {
        if (!j.is_object()) {
            error(m_path, "expected an object, " + got(j));
            m_valid = false;
        }
    }
    ObjectReader(const ObjectReader&) = delete;
    ObjectReader& operator=(const ObjectReader&) = delete;

    ~ObjectReader() {
        if (!m_valid) return;
        for (const auto& [key, value] : m_json.items()) {
            if (m_known.count(key) == 0) error(pointer(m_path, key), "unknown field (allowed: " + allowed() + ")");
        }
    }

    // The value under `key`, or nullptr when it is absent or null (then a required field is an error).
    const json* field(std::string_view key, bool required) {
        m_known.emplace(key);
        if (!m_valid) return nullptr;
        const auto it = m_json.find(key);
        if (it == m_json.end()) {
            if (required) error(pointer(m_path, key), "missing required field");
            return nullptr;
        }
        if (it->is_null()) {
            if (required) error(pointer(m_path, key), "must not be null");
            return nullptr;
        }
        return &*it;
    }

    std::string path(std::string_view key) const { return pointer(m_path, key); }
    void error(std::string path, std::string message) { m_errors.push_back({std::move(path), std::move(message)}); }
    std::vector<FieldError>& errors() { return m_errors; }

    std::string string(std::string_view key, bool required = true) {
        const json* v = field(key, required);
        if (!v) return {};
        if (!v->is_string()) {
            error(path(key), "expected a string, " + got(*v));
            return {};
        }
        return v->get<std::string>();
    }

    std::optional<std::string> optional_string(std::string_view key) {
        const json* v = field(key, false);
        if (!v) return std::nullopt;
        if (!v->is_string()) {
            error(path(key), "expected a string or null, " + got(*v));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    template <class Int>
    Int integer(std::string_view key, bool required, Int fallback) {
        const json* v = field(key, required);
        if (!v) return fallback;
        if (!v->is_number_integer()) {
            error(path(key), "expected an integer, " + got(*v));
            return fallback;
        }
        if (v->is_number_unsigned()) {
            const auto u = v->get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
                error(path(key), "integer out of range");
                return fallback;
            }
            return static_cast<Int>(u);
        }
        const auto i = v->get<std::int64_t>();
        if (i < static_cast<std::int64_t>(std::numeric_limits<Int>::min()) ||
            i > static_cast<std::int64_t>(std::numeric_limits<Int>::max())) {
            error(path(key), "integer out of range");
            return fallback;
        }
        return static_cast<Int>(i);
    }

    std::optional<double> optional_number(std::string_view key) {
        const json* v = field(key, false);
        if (!v) return std::nullopt;
        if (!v->is_number()) {
            error(path(key), "expected a number or null, " + got(*v));
            return std::nullopt;
        }
        return v->get<double>();
    }

    bool boolean(std::string_view key, bool required, bool fallback) {
        const json* v = field(key, required);
        if (!v) return fallback;
        if (!v->is_boolean()) {
            error(path(key), "expected true or false, " + got(*v));
            return fallback;
        }
        return v->get<bool>();
    }

    std::vector<std::string> string_list(std::string_view key, bool required = false) {
        std::vector<std::string> out;
        const json* v = field(key, required);
        if (!v) return out;
        if (!v->is_array()) {
            error(path(key), "expected an array of strings, " + got(*v));
            return out;
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& item = (*v)[i];
            if (!item.is_string()) {
                error(pointer(path(key), i), "expected a string, " + got(item));
                continue;
            }
            out.push_back(item.get<std::string>());
        }
        return out;
    }

    template <class E>
    E enumeration(std::string_view key, bool required, E fallback) {
        const json* v = field(key, required);
        if (!v) return fallback;
        if (!v->is_string()) {
            error(path(key), "expected one of " + allowed_values<E>() + ", " + got(*v));
            return fallback;
        }
        const auto text = v->get<std::string>();
        const auto parsed = parse_enum<E>(text);
        if (!parsed) {
            error(path(key), "unknown value \"" + text + "\" (allowed: " + allowed_values<E>() + ")");
            return fallback;
        }
        return *parsed;
    }

    Timestamp timestamp(std::string_view key, bool required) {
        const json* v = field(key, required);
        if (!v) return Timestamp{};
        if (!v->is_string()) {
            error(path(key), "expected a UTC timestamp such as \"2026-11-26T09:55:00Z\", " + got(*v));
            return Timestamp{};
        }
        try {
            return parse_timestamp(v->get<std::string>());
        } catch (const ParseError& e) {
            error(path(key), e.what());
            return Timestamp{};
        }
    }

    // A string parsed by `parse` (which throws ParseError); absent or null gives nullopt.
    template <class Parse>
    auto parsed(std::string_view key, bool required, Parse parse) -> std::optional<decltype(parse(""))> {
        const json* v = field(key, required);
        if (!v) return std::nullopt;
        if (!v->is_string()) {
            error(path(key), "expected a date string, " + got(*v));
            return std::nullopt;
        }
        try {
            return parse(v->get<std::string>());
        } catch (const ParseError& e) {
            error(path(key), e.what());
            return std::nullopt;
        }
    }

    const json* array(std::string_view key, bool required) {
        const json* v = field(key, required);
        if (v && !v->is_array()) {
            error(path(key), "expected an array, " + got(*v));
            return nullptr;
        }
        return v;
    }

private:
    std::string allowed() const {
        std::string out;
        for (const auto& k : m_known) out += (out.empty() ? "" : ", ") + k;
        return out;
    }

    const json& m_json;
    std::string m_path;
    std::vector<FieldError>& m_errors;
    std::set<std::string, std::less<>> m_known;
    bool m_valid = true;
};

RecordMeta read_meta(ObjectReader& r) {
    RecordMeta meta;
    meta.version = r.integer<int>("version", false, 1);
    meta.created_at = r.timestamp("created_at", false);
    meta.updated_at = r.timestamp("updated_at", false);
    meta.author = r.string("author", false);
    return meta;
}

Agency read_agency(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Agency a;
    a.code = r.string("code");
    a.name = r.string("name");
    a.country = r.string("country", false);
    a.member_since = r.integer<int>("member_since", true, 0);
    a.source = r.string("source", false);
    return a;
}

Goal read_goal(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Goal g;
    g.id = r.string("id");
    g.number = r.integer<int>("number", true, 0);
    g.title = r.string("title");
    g.description = r.string("description", false);
    g.source = r.string("source", false);
    return g;
}

Objective read_objective(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Objective o;
    o.id = r.string("id");
    o.goal_id = r.string("goal_id");
    o.title = r.string("title");
    o.description = r.string("description", false);
    o.verified = r.boolean("verified", false, false);
    o.source = r.string("source", false);
    return o;
}

Destination read_destination(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Destination d;
    d.code = r.string("code");
    d.name = r.string("name");
    d.order = r.integer<int>("order", true, 0);
    d.description = r.string("description", false);
    return d;
}

Visibility read_visibility(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Visibility v;
    v.scope = r.enumeration<VisibilityScope>("scope", true, VisibilityScope::public_);
    v.agencies = r.string_list("agencies");
    return v;
}

// Absent or null visibility stays unset (nullopt): validation refuses such a record, naming the field. It is
// never read as public: a record is shared only when its owner says so.
std::optional<Visibility> read_visibility_field(ObjectReader& r, std::string_view key) {
    const json* v = r.field(key, false);
    if (!v) return std::nullopt;
    return read_visibility(*v, r.path(key), r.errors());
}

Mission read_mission(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Mission m;
    m.id = r.string("id");
    m.name = r.string("name");
    m.lead_agency = r.string("lead_agency");
    m.partners = r.string_list("partners");
    m.destination = r.string("destination");
    m.target_body = r.optional_string("target_body");
    m.kind = r.enumeration<MissionKind>("kind", true, MissionKind::robotic);
    m.type = r.enumeration<MissionType>("type", true, MissionType::other);
    m.launch = r.parsed("launch", false, parse_launch_window);
    m.duration_days = r.optional_number("duration_days");
    m.status = r.enumeration<MissionStatus>("status", true, MissionStatus::planned);
    m.commitment = r.enumeration<Commitment>("commitment", true, Commitment::planned);
    m.objectives = r.string_list("objectives");
    m.capabilities_required = r.string_list("capabilities_required");
    m.capabilities_provided = r.string_list("capabilities_provided");
    m.precursors = r.string_list("precursors");
    m.visibility = read_visibility_field(r, "visibility");
    m.description = r.string("description", false);
    m.source = r.string("source", false);
    m.meta = read_meta(r);
    return m;
}

Capability read_capability(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Capability c;
    c.id = r.string("id");
    c.name = r.string("name");
    c.provider = r.string("provider");
    c.kind = r.enumeration<CapabilityKind>("kind", true, CapabilityKind::other);
    c.readiness = r.parsed("readiness", false, parse_planned_date);
    c.status = r.enumeration<CapabilityStatus>("status", true, CapabilityStatus::development);
    c.visibility = read_visibility_field(r, "visibility");
    c.description = r.string("description", false);
    c.source = r.string("source", false);
    c.meta = read_meta(r);
    return c;
}

Edition read_edition(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Edition e;
    e.name = r.string("name");
    e.title = r.string("title");
    const auto published = r.parsed("published", true, parse_planned_date);
    if (published) {
        if (published->precision != DatePrecision::day) {
            r.error(r.path("published"), "expected a full date YYYY-MM-DD, got \"" + published->to_string() + "\"");
        }
        e.published = published->date;
    }
    e.signatories = r.string_list("signatories");
    e.scenario = r.string("scenario", false);
    e.frozen = r.boolean("frozen", false, false);
    e.source = r.string("source", false);
    return e;
}

template <class T, class Read>
std::vector<T> read_records(ObjectReader& r, std::string_view key, Read read) {
    std::vector<T> out;
    const json* list = r.array(key, true);
    if (!list) return out;
    out.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) out.push_back(read((*list)[i], pointer(r.path(key), i), r.errors()));
    return out;
}

Dataset read_dataset(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Dataset d;
    d.agencies = read_records<Agency>(r, "agencies", read_agency);
    d.goals = read_records<Goal>(r, "goals", read_goal);
    d.objectives = read_records<Objective>(r, "objectives", read_objective);
    d.destinations = read_records<Destination>(r, "destinations", read_destination);
    d.missions = read_records<Mission>(r, "missions", read_mission);
    d.capabilities = read_records<Capability>(r, "capabilities", read_capability);
    d.editions = read_records<Edition>(r, "editions", read_edition);
    return d;
}

// Runs a reader and throws every problem it found at once.
template <class Read>
auto read_or_throw(Read read, const json& j, const std::string& path) {
    std::vector<FieldError> errors;
    // Unknown fields are reported by the reader's destructor, which has run by the time `read` returns.
    auto out = read(j, path, errors);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    return out;
}

// ---- text checks before parsing ------------------------------------------------------------------

// Length in bytes of the next UTF-8 sequence starting at `p`, or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid: RFC 3629).
std::size_t utf8_sequence_length(const unsigned char* p, const unsigned char* end) {
    const unsigned char c = p[0];
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) n = 3;
    else if (c == 0xED) n = 3, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) n = 3;
    else if (c == 0xF0) n = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) n = 4, hi = 0x8F;
    else return 0;
    if (static_cast<std::size_t>(end - p) < n) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (std::size_t i = 2; i < n; ++i) {
        if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    }
    return n;
}

struct LineColumn {
    std::size_t line;
    std::size_t column;
};

// 1-based line and byte column of `offset` in `text`.
LineColumn locate(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    LineColumn lc{1, 1};
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++lc.line;
            line_start = i + 1;
        }
    }
    lc.column = offset - line_start + 1;
    return lc;
}

// Over-long lines are found with memchr so a 100 MB line costs one fast scan and nothing is allocated.
std::vector<FieldError> check_line_lengths(std::string_view text, const std::string& source_name,
                                           std::size_t max_line_bytes) {
    constexpr std::size_t max_reported = 10;
    std::vector<FieldError> errors;
    std::size_t line = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        const void* nl = std::memchr(text.data() + start, '\n', text.size() - start);
        const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
        std::size_t length = end - start;
        if (length > 0 && text[end - 1] == '\r') --length;
        if (length > max_line_bytes) {
            errors.push_back({source_name + ":" + std::to_string(line),
                              "line " + std::to_string(line) + " is " + std::to_string(length) +
                                  " bytes long; the limit is " + std::to_string(max_line_bytes) + " bytes"});
            if (errors.size() == max_reported) break;
        }
        if (!nl) break;
        start = end + 1;
        ++line;
    }
    return errors;
}

std::vector<FieldError> check_utf8(std::string_view text, const std::string& source_name) {
    const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = begin + text.size();
    for (const auto* p = begin; p < end;) {
        const std::size_t n = utf8_sequence_length(p, end);
        if (n == 0) {
            const auto offset = static_cast<std::size_t>(p - begin);
            const auto lc = locate(text, offset);
            return {{source_name + ":" + std::to_string(lc.line),
                     "invalid UTF-8 at byte offset " + std::to_string(offset) + " (line " + std::to_string(lc.line) +
                         ", column " + std::to_string(lc.column) + ")"}};
        }
        p += n;
    }
    return {};
}

}  // namespace

// ---- public: writing -----------------------------------------------------------------------------

json to_json(const Agency& a) {
    return {{"code", a.code}, {"name", a.name}, {"country", a.country}, {"member_since", a.member_since},
            {"source", a.source}};
}

json to_json(const Goal& g) {
    return {{"id", g.id}, {"number", g.number}, {"title", g.title}, {"description", g.description},
            {"source", g.source}};
}

json to_json(const Objective& o) {
    return {{"id", o.id},
            {"goal_id", o.goal_id},
            {"title", o.title},
            {"description", o.description},
            {"verified", o.verified},
            {"source", o.source}};
}

json to_json(const Destination& d) {
    return {{"code", d.code}, {"name", d.name}, {"order", d.order}, {"description", d.description}};
}

json to_json(const Visibility& v) {
    return {{"scope", to_string(v.scope)}, {"agencies", to_json_list(v.agencies)}};
}

json to_json(const Mission& m) {
    json j = {{"id", m.id},
              {"name", m.name},
              {"lead_agency", m.lead_agency},
              {"partners", to_json_list(m.partners)},
              {"destination", m.destination},
              {"target_body", m.target_body ? json(*m.target_body) : json(nullptr)},
              {"kind", to_string(m.kind)},
              {"type", to_string(m.type)},
              {"launch", m.launch ? json(m.launch->to_string()) : json(nullptr)},
              {"duration_days", m.duration_days ? json(*m.duration_days) : json(nullptr)},
              {"status", to_string(m.status)},
              {"commitment", to_string(m.commitment)},
              {"objectives", to_json_list(m.objectives)},
              {"capabilities_required", to_json_list(m.capabilities_required)},
              {"capabilities_provided", to_json_list(m.capabilities_provided)},
              {"precursors", to_json_list(m.precursors)},
              {"visibility", m.visibility ? to_json(*m.visibility) : json(nullptr)},
              {"description", m.description},
              {"source", m.source}};
    put_meta(j, m.meta);
    return j;
}

json to_json(const Capability& c) {
    json j = {{"id", c.id},
              {"name", c.name},
              {"provider", c.provider},
              {"kind", to_string(c.kind)},
              {"readiness", c.readiness ? json(c.readiness->to_string()) : json(nullptr)},
              {"status", to_string(c.status)},
              {"visibility", c.visibility ? to_json(*c.visibility) : json(nullptr)},
              {"description", c.description},
              {"source", c.source}};
    put_meta(j, c.meta);
    return j;
}

json to_json(const Edition& e) {
    return {{"name", e.name},
            {"title", e.title},
            {"published", format_day(e.published)},
            {"signatories", to_json_list(e.signatories)},
            {"scenario", e.scenario},
            {"frozen", e.frozen},
            {"source", e.source}};
}

json to_json(const AuditEntry& a) {
    constexpr std::array<std::string_view, 3> actions{"create", "update", "remove"};
    return {{"id", a.id},
            {"at", format_timestamp(a.at)},
            {"actor", a.actor},
            {"agency", a.agency},
            {"record_kind", a.record_kind},
            {"record_id", a.record_id},
            {"action", actions.at(static_cast<std::size_t>(a.action))},
            {"before", a.before},
            {"after", a.after},
            {"note", a.note}};
}

json to_json(const Dataset& d) {
    return {{"agencies", to_json_records(d.agencies)},   {"goals", to_json_records(d.goals)},
            {"objectives", to_json_records(d.objectives)}, {"destinations", to_json_records(d.destinations)},
            {"missions", to_json_records(d.missions)},   {"capabilities", to_json_records(d.capabilities)},
            {"editions", to_json_records(d.editions)}};
}

// ---- public: reading -----------------------------------------------------------------------------

Agency agency_from_json(const json& j, const std::string& path) { return read_or_throw(read_agency, j, path); }
Goal goal_from_json(const json& j, const std::string& path) { return read_or_throw(read_goal, j, path); }
Objective objective_from_json(const json& j, const std::string& path) {
    return read_or_throw(read_objective, j, path);
}
Destination destination_from_json(const json& j, const std::string& path) {
    return read_or_throw(read_destination, j, path);
}
Visibility visibility_from_json(const json& j, const std::string& path) {
    return read_or_throw(read_visibility, j, path);
}
Mission mission_from_json(const json& j, const std::string& path) { return read_or_throw(read_mission, j, path); }
Capability capability_from_json(const json& j, const std::string& path) {
    return read_or_throw(read_capability, j, path);
}
Edition edition_from_json(const json& j, const std::string& path) { return read_or_throw(read_edition, j, path); }
Dataset dataset_from_json(const json& j, const std::string& path) { return read_or_throw(read_dataset, j, path); }

// ---- public comments -----------------------------------------------------------------------------

namespace {

Disposition read_disposition(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    Disposition d;
    d.outcome = r.enumeration<DispositionOutcome>("outcome", true, DispositionOutcome::adopted);
    d.reason = r.string("reason", false);
    d.records = r.string_list("records");
    d.edition = r.string("edition", false);
    return d;
}

CommentSubmission read_comment_submission(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    CommentSubmission s;
    // NOTE: not `required` here: an empty or absent name, email or text is one "required" from
    // submission_errors, not two messages for one field.
    s.name = r.string("name", false);
    s.email = r.string("email", false);
    s.text = r.string("text", false);
    s.affiliation = r.optional_string("affiliation").value_or("");
    s.section = r.optional_string("section");
    s.mission = r.optional_string("mission");
    return s;
}

CommentModeration read_comment_moderation(const json& j, const std::string& path, std::vector<FieldError>& errors) {
    ObjectReader r(j, path, errors);
    CommentModeration m;
    if (auto status = r.optional_string("status")) {
        m.status = parse_enum<CommentStatus>(*status);
        if (!m.status) r.error(r.path("status"), "unknown value \"" + *status + "\" (allowed: accepted, rejected, hidden)");
    }
    m.reason = r.optional_string("reason");
    m.public_reason = r.optional_string("public_reason");
    m.response = r.optional_string("response");
    if (const json* d = r.field("disposition", false)) {
        m.disposition = std::optional<Disposition>(read_disposition(*d, r.path("disposition"), errors));
    } else if (j.is_object() && j.contains("disposition")) {
        m.disposition = std::optional<Disposition>{};  // null: cleared
    }
    m.erase_personal_data = r.boolean("erase_personal_data", false, false);
    return m;
}

}  // namespace

json to_json(const Disposition& d) {
    return {{"outcome", to_string(d.outcome)}, {"reason", d.reason}, {"records", d.records}, {"edition", d.edition}};
}
Disposition disposition_from_json(const json& j, const std::string& path) {
    return read_or_throw(read_disposition, j, path);
}
CommentSubmission comment_submission_from_json(const json& j, const std::string& path) {
    return read_or_throw(read_comment_submission, j, path);
}
CommentModeration comment_moderation_from_json(const json& j, const std::string& path) {
    return read_or_throw(read_comment_moderation, j, path);
}

json moderation_json(const Comment& c) {
    return {{"status", to_string(c.status)},
            {"reason", c.reason},
            {"public_reason", c.public_reason},
            {"response", c.response},
            {"disposition", c.disposition ? to_json(*c.disposition) : json(nullptr)}};
}

Dataset parse_dataset(std::string_view text, const std::string& source_name, std::size_t max_line_bytes) {
    // Cheapest checks first: a hostile or corrupt file is rejected before the parser allocates a DOM for it.
    if (auto errors = check_line_lengths(text, source_name, max_line_bytes); !errors.empty()) {
        throw ValidationError(std::move(errors));
    }
    if (auto errors = check_utf8(text, source_name); !errors.empty()) throw ValidationError(std::move(errors));

    json document;
    try {
        document = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // nlohmann's byte is 1-based and points just past the offending character.
        const std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
        const auto lc = locate(text, offset);
        const bool truncated = e.byte > text.size() || std::string_view(e.what()).find("end of input") !=
                                                           std::string_view::npos;
        std::string message = truncated ? "truncated JSON: the document ends early" : "invalid JSON";
        message += " at line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column);
        message += " (" + std::string(e.what()) + ")";
        throw ValidationError({{source_name + ":" + std::to_string(lc.line), std::move(message)}});
    } catch (const json::out_of_range& e) {
        // A number too large for a double ("1E400"): nlohmann names the token but not where it is, so the first
        // place that token occurs is reported.
        const std::string_view what = e.what();
        const auto open = what.find('\'');
        const auto close = what.rfind('\'');
        const auto token = open < close ? what.substr(open + 1, close - open - 1) : std::string_view{};
        const auto at = token.empty() ? std::string_view::npos : text.find(token);
        const auto lc = locate(text, at == std::string_view::npos ? 0 : at);
        throw ValidationError({{source_name + ":" + std::to_string(lc.line),
                                "number out of range at line " + std::to_string(lc.line) + ", column " +
                                    std::to_string(lc.column) + ": '" + std::string(token) +
                                    "' does not fit a double (at most about 1.8e308)"}});
    }
    return dataset_from_json(document, source_name.empty() ? std::string() : source_name + "#");
}

// ---- timestamps ----------------------------------------------------------------------------------

std::string format_timestamp(Timestamp t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const hh_mm_ss hms{t - day};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ", format_day(year_month_day{day}).c_str(),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buffer;
}

Timestamp parse_timestamp(std::string_view text) {
    using namespace std::chrono;
    const auto bad = [&](const std::string& why) {
        return ParseError(std::string(text) + ": " + why);
    };
    constexpr std::string_view form = "expected a UTC timestamp YYYY-MM-DDTHH:MM:SSZ";
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
        throw bad(std::string(form));
    }
    const PlannedDate date = parse_planned_date(text.substr(0, 10));
    int fields[3] = {0, 0, 0};
    for (int i = 0; i < 3; ++i) {
        const auto part = text.substr(11 + static_cast<std::size_t>(i) * 3, 2);
        if (part[0] < '0' || part[0] > '9' || part[1] < '0' || part[1] > '9') throw bad(std::string(form));
        fields[i] = (part[0] - '0') * 10 + (part[1] - '0');
    }
    // A leap second (:60) cannot be held by sys_seconds, which counts no leap seconds.
    if (fields[0] > 23 || fields[1] > 59 || fields[2] > 59) throw bad("time of day out of range");
    return sys_days{date.date} + hours{fields[0]} + minutes{fields[1]} + seconds{fields[2]};
}

}  // namespace ger::model
