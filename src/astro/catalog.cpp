#include "astro/catalog.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "astro/constants.hpp"
#include "astro/error.hpp"

namespace ger::astro {
namespace {

// CNEOS NEA group boundaries [au]: q < 1.3 for an NEA; Earth's perihelion / aphelion distances.
constexpr double earth_perihelion_au = 0.983;
constexpr double earth_aphelion_au = 1.017;
constexpr double amor_q_max_au = 1.3;

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// 0-9 -> 0-9, A-Z -> 10-35, a-z -> 36-61 (MPC's base-62 digit); -1 otherwise.
int base62(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    if (c >= 'a' && c <= 'z') return c - 'a' + 36;
    return -1;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<double> parse_double(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// A permanent asteroid number from its digits; nothing when it does not fit a long (a hostile file's
// "204444444444444444444444444444444", found by tests/fuzz/sbdb_catalog).
std::optional<long> permanent_number(std::string_view digits) {
    long v = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return v;
}

// Julian date (two parts) of a proleptic Gregorian calendar date at 0h (Fliegel & Van Flandern 1968).
double julian_day_number(int y, int m, int d) {
    const long a = (14 - m) / 12;
    const long yy = y + 4800 - a;
    const long mm = m + 12 * a - 3;
    return static_cast<double>(d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045);
}

// "(3752) Camillo" name / "2003 CP20" provisional: a provisional designation is a 4-digit year, a space and
// two capitals optionally followed by digits (or a survey designation "2040 P-L").
bool looks_provisional(std::string_view s) {
    if (s.size() < 7 || !all_digits(s.substr(0, 4)) || s[4] != ' ') return false;
    const auto rest = s.substr(5);
    if (rest == "P-L" || rest == "T-1" || rest == "T-2" || rest == "T-3") return true;
    if (rest.size() < 2 || !std::isupper(static_cast<unsigned char>(rest[0])) ||
        !std::isupper(static_cast<unsigned char>(rest[1]))) {
        return false;
    }
    return rest.size() == 2 || all_digits(rest.substr(2));
}

void finish(CatalogObject& o) {
    if (o.number) {
        o.designation = std::to_string(*o.number);
        if (!o.name.empty()) {
            o.designation += " " + o.name;
        } else if (!o.provisional.empty()) {
            o.designation += " (" + o.provisional + ")";
        }
    } else {
        o.designation = !o.provisional.empty() ? o.provisional : o.name;
    }
    o.orbit_class = classify_orbit(o.elements.a_km / au_km, o.elements.e);
}

// Checks the elements' domain; returns the offending field or empty.
std::optional<CatalogIssue> check_elements(const CatalogObject& o, std::size_t line) {
    const auto& el = o.elements;
    if (!(el.e >= 0.0 && el.e < 1.0)) {
        return CatalogIssue{line, "e", "eccentricity " + std::to_string(el.e) + " outside [0, 1) (elliptic orbits only)"};
    }
    if (!(el.a_km > 0.0 && std::isfinite(el.a_km))) {
        return CatalogIssue{line, "a", "semi-major axis must be > 0 au and finite in km"};
    }
    if (!(el.i_rad >= 0.0 && el.i_rad <= pi)) return CatalogIssue{line, "i", "inclination outside [0, 180] deg"};
    return std::nullopt;
}

double wrap_angle(double deg) {
    double r = std::fmod(deg * deg_to_rad, two_pi);
    if (r < 0) r += two_pi;
    return r;
}

struct LineError {
    CatalogIssue issue;
};

void add_issue(Catalog& cat, CatalogIssue issue, bool strict) {
    if (strict) throw CatalogError(std::move(issue));
    cat.skipped.push_back(std::move(issue));
}

// MPC packed epoch "K1972" -> TDB instant of that TT calendar date at 0h.
Instant unpack_epoch(std::string_view p, std::size_t line) {
    if (p.size() != 5) throw LineError{{line, "epoch", "packed epoch '" + std::string(p) + "' is not 5 characters"}};
    int century = 0;
    switch (p[0]) {
        case 'I': century = 18; break;
        case 'J': century = 19; break;
        case 'K': century = 20; break;
        default: throw LineError{{line, "epoch", "packed epoch '" + std::string(p) + "': century letter not I/J/K"}};
    }
    if (!all_digits(p.substr(1, 2))) throw LineError{{line, "epoch", "packed epoch '" + std::string(p) + "': bad year"}};
    const int year = century * 100 + (p[1] - '0') * 10 + (p[2] - '0');
    const int month = base62(p[3]);
    const int day = base62(p[4]);
    if (month < 1 || month > 12 || day < 1 || day > 31) {
        throw LineError{{line, "epoch", "packed epoch '" + std::string(p) + "': bad month or day"}};
    }
    const double jd = julian_day_number(year, month, day) - 0.5;  // 0h TT
    return to_tdb(TtInstant::from_julian_date(jd));
}

std::string_view column(std::string_view line, std::size_t first1, std::size_t last1) {
    if (line.size() < first1) return {};
    return line.substr(first1 - 1, std::min(last1, line.size()) - (first1 - 1));
}

// NOTE: one catalogue usually shares one epoch; TT -> TDB (eraDtdb, ~800 terms) costs ~20 us, so remember it.
struct EpochCache {
    std::string packed;
    Instant epoch;
};

CatalogObject parse_mpc_line(std::string_view line, std::size_t line_no, EpochCache& cache) {
    if (line.size() < 103) {
        throw LineError{{line_no, "line", "only " + std::to_string(line.size()) +
                                              " characters; the MPC format needs at least 103 (through a)"}};
    }
    CatalogObject o;
    const auto packed = trim(column(line, 1, 7));
    o.packed = std::string(packed);
    try {
        if (packed.size() == 5) {
            o.number = unpack_number(packed);
        } else {
            o.provisional = unpack_provisional(packed);
        }
    } catch (const std::invalid_argument& e) {
        throw LineError{{line_no, "designation", e.what()}};
    }
    const auto readable = trim(column(line, 167, 194));
    if (!readable.empty() && readable.front() == '(') {
        const auto close = readable.find(')');
        if (close != std::string_view::npos) {
            const auto rest = trim(readable.substr(close + 1));
            if (looks_provisional(rest)) {
                o.provisional = std::string(rest);
            } else {
                o.name = std::string(rest);
            }
        }
    }
    const auto h = trim(column(line, 9, 13));
    if (h.empty()) {
        o.h_mag = std::numeric_limits<double>::quiet_NaN();
    } else if (auto v = parse_double(h)) {
        o.h_mag = *v;
    } else {
        throw LineError{{line_no, "H", "'" + std::string(h) + "' is not a number"}};
    }
    const auto packed_epoch = trim(column(line, 21, 25));
    if (packed_epoch != cache.packed || cache.packed.empty()) {
        cache.epoch = unpack_epoch(packed_epoch, line_no);
        cache.packed = std::string(packed_epoch);
    }
    o.epoch = cache.epoch;
    struct Field {
        const char* name;
        std::size_t first, last;
        double* out;
    };
    double m = 0, w = 0, node = 0, inc = 0, e = 0, a = 0;
    const std::array<Field, 6> fields = {{{"M", 27, 35, &m},
                                          {"w", 38, 46, &w},
                                          {"node", 49, 57, &node},
                                          {"i", 60, 68, &inc},
                                          {"e", 71, 79, &e},
                                          {"a", 93, 103, &a}}};
    for (const auto& f : fields) {
        const auto text = column(line, f.first, f.last);
        const auto v = parse_double(text);
        if (!v) throw LineError{{line_no, f.name, "'" + std::string(trim(text)) + "' is not a number"}};
        *f.out = *v;
    }
    o.elements = {a * au_km, e, inc * deg_to_rad, wrap_angle(node), wrap_angle(w), wrap_angle(m)};
    if (auto issue = check_elements(o, line_no)) throw LineError{*issue};
    finish(o);
    return o;
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        auto l = text.substr(start, nl - start);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        out.push_back(l);
        start = nl + 1;
    }
    return out;
}

std::vector<std::string> split_csv(std::string_view line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (std::size_t k = 0; k < line.size(); ++k) {
        const char c = line[k];
        if (quoted) {
            if (c == '"' && k + 1 < line.size() && line[k + 1] == '"') {
                cur += '"';
                ++k;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(std::move(cur));
    return out;
}

// SBDB full_name: "   433 Eros (A898 PA)", "     (2000 SG344)", "  3753 Cruithne (1986 TO)", "1566 Icarus (1949 MA)".
void parse_full_name(std::string_view full, CatalogObject& o, std::size_t line_no) {
    full = trim(full);
    std::string_view paren;
    if (const auto open = full.rfind('('); open != std::string_view::npos && full.back() == ')') {
        paren = full.substr(open + 1, full.size() - open - 2);
        full = trim(full.substr(0, open));
    }
    if (!full.empty()) {
        auto sp = full.find(' ');
        auto first = full.substr(0, sp);
        if (all_digits(first)) {
            o.number = permanent_number(first);
            if (!o.number) {
                throw LineError{{line_no, "full_name", "number '" + std::string(first) + "' is out of range"}};
            }
            o.name = sp == std::string_view::npos ? std::string() : std::string(trim(full.substr(sp)));
        } else {
            o.name = std::string(full);
        }
    }
    if (!paren.empty()) o.provisional = std::string(paren);
    if (o.name == o.provisional) o.name.clear();
}

}  // namespace

std::string_view orbit_class_name(OrbitClass c) noexcept {
    switch (c) {
        case OrbitClass::atira: return "atira";
        case OrbitClass::aten: return "aten";
        case OrbitClass::apollo: return "apollo";
        case OrbitClass::amor: return "amor";
        case OrbitClass::other: return "other";
    }
    return "other";
}

std::optional<OrbitClass> parse_orbit_class(std::string_view name) noexcept {
    const auto l = lower(name);
    for (auto c : {OrbitClass::atira, OrbitClass::aten, OrbitClass::apollo, OrbitClass::amor, OrbitClass::other}) {
        if (l == orbit_class_name(c)) return c;
    }
    return std::nullopt;
}

OrbitClass classify_orbit(double a_au, double e) noexcept {
    const double q = a_au * (1 - e), big_q = a_au * (1 + e);
    if (a_au < 1.0 && big_q < earth_perihelion_au) return OrbitClass::atira;
    if (a_au < 1.0) return OrbitClass::aten;
    if (q < earth_aphelion_au) return OrbitClass::apollo;
    if (q < amor_q_max_au) return OrbitClass::amor;
    return OrbitClass::other;
}

std::string describe(const CatalogIssue& issue) {
    return "line " + std::to_string(issue.line) + ", field " + issue.field + ": " + issue.message;
}

long unpack_number(std::string_view p) {
    const auto bad = [&] { return std::invalid_argument("'" + std::string(p) + "' is not a packed MPC number"); };
    if (p.size() != 5) throw bad();
    if (p[0] == '~') {  // 620000 + base-62 in 4 digits
        long v = 0;
        for (char c : p.substr(1)) {
            const int d = base62(c);
            if (d < 0) throw bad();
            v = v * 62 + d;
        }
        return 620000 + v;
    }
    const int head = base62(p[0]);
    if (head < 0 || !all_digits(p.substr(1))) throw bad();
    return head * 10000L + std::stol(std::string(p.substr(1)));
}

std::string unpack_provisional(std::string_view p) {
    const auto bad = [&] {
        return std::invalid_argument("'" + std::string(p) + "' is not a packed MPC provisional designation");
    };
    if (p.size() != 7) throw bad();
    // Survey designations: "PLS2040" -> "2040 P-L", "T1S3138" -> "3138 T-1".
    if (p.substr(0, 3) == "PLS" && all_digits(p.substr(3))) return std::string(p.substr(3)) + " P-L";
    if (p[0] == 'T' && p[2] == 'S' && (p[1] >= '1' && p[1] <= '3') && all_digits(p.substr(3))) {
        return std::string(p.substr(3)) + " T-" + p[1];
    }
    int century = 0;
    switch (p[0]) {
        case 'I': century = 18; break;
        case 'J': century = 19; break;
        case 'K': century = 20; break;
        default: throw bad();
    }
    if (!all_digits(p.substr(1, 2))) throw bad();
    const char half = p[3], second = p[6];
    if (!std::isupper(static_cast<unsigned char>(half)) || !(std::isupper(static_cast<unsigned char>(second)))) {
        throw bad();
    }
    const int tens = base62(p[4]);
    if (tens < 0 || !std::isdigit(static_cast<unsigned char>(p[5]))) throw bad();
    const int cycle = tens * 10 + (p[5] - '0');
    std::string out = std::to_string(century) + std::string(p.substr(1, 2)) + " " + half + second;
    if (cycle > 0) out += std::to_string(cycle);
    return out;
}

std::string unpack_designation(std::string_view packed) {
    packed = trim(packed);
    if (packed.size() == 5) return std::to_string(unpack_number(packed));
    return unpack_provisional(packed);
}

bool matches_designation(const CatalogObject& o, std::string_view query) {
    const auto norm = [](std::string_view s) {
        std::string out;
        for (char c : s) {
            if (c == ' ' || c == '(' || c == ')' || c == '_') continue;
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return out;
    };
    const auto q = norm(query);
    if (q.empty()) return false;
    if (q == norm(o.designation) || q == norm(o.packed)) return true;
    if (!o.provisional.empty() && q == norm(o.provisional)) return true;
    if (!o.name.empty() && q == norm(o.name)) return true;
    if (o.number) {
        const auto n = std::to_string(*o.number);
        if (q == n || q == n + norm(o.name)) return true;
    }
    return false;
}

CatalogFormat detect_catalog_format(std::string_view text) noexcept {
    for (auto l : lines_of(text)) {
        l = trim(l);
        if (l.empty()) continue;
        const auto low = lower(l);
        return (low.find("full_name") != std::string::npos || low.find("pdes") != std::string::npos)
                   ? CatalogFormat::sbdb_csv
                   : CatalogFormat::mpc;
    }
    return CatalogFormat::mpc;
}

Catalog parse_mpc_catalog(std::string_view text, bool strict) {
    Catalog cat;
    const auto lines = lines_of(text);
    std::size_t first = 0;
    // MPCORB.DAT starts with a header ending in a line of dashes.
    for (std::size_t k = 0; k < std::min<std::size_t>(lines.size(), 60); ++k) {
        if (lines[k].starts_with("-----")) {
            first = k + 1;
            break;
        }
    }
    cat.objects.reserve(lines.size());
    EpochCache cache;
    for (std::size_t k = first; k < lines.size(); ++k) {
        if (trim(lines[k]).empty()) continue;
        try {
            cat.objects.push_back(parse_mpc_line(lines[k], k + 1, cache));
        } catch (LineError& e) {
            add_issue(cat, std::move(e.issue), strict);
        } catch (const AstroError& e) {
            add_issue(cat, {k + 1, "epoch", e.what()}, strict);
        }
    }
    return cat;
}

Catalog parse_sbdb_csv(std::string_view text, bool strict) {
    Catalog cat;
    const auto lines = lines_of(text);
    std::size_t k = 0;
    while (k < lines.size() && trim(lines[k]).empty()) ++k;
    if (k == lines.size()) throw CatalogError({1, "header", "no header row"});
    const auto header = split_csv(lines[k]);
    const auto find = [&](std::string_view name) -> std::optional<std::size_t> {
        for (std::size_t j = 0; j < header.size(); ++j) {
            if (lower(trim(header[j])) == name) return j;
        }
        return std::nullopt;
    };
    const std::size_t header_line = k + 1;
    const std::array<const char*, 7> required = {"a", "e", "i", "om", "w", "ma", "epoch"};
    std::array<std::size_t, 7> col{};
    for (std::size_t r = 0; r < required.size(); ++r) {
        const auto c = find(required[r]);
        if (!c) throw CatalogError({header_line, required[r], "header lacks column " + std::string(required[r])});
        col[r] = *c;
    }
    const auto full_col = find("full_name");
    const auto pdes_col = find("pdes");
    const auto name_col = find("name");
    const auto h_col = find("h");
    if (!full_col && !pdes_col) throw CatalogError({header_line, "full_name", "header lacks full_name and pdes"});
    for (++k; k < lines.size(); ++k) {
        if (trim(lines[k]).empty()) continue;
        const std::size_t line_no = k + 1;
        try {
            const auto f = split_csv(lines[k]);
            if (f.size() < header.size()) {
                throw LineError{{line_no, "line", std::to_string(f.size()) + " fields, the header has " +
                                                      std::to_string(header.size())}};
            }
            CatalogObject o;
            if (full_col) {
                parse_full_name(f[*full_col], o, line_no);
            } else {
                const auto pdes = std::string(trim(f[*pdes_col]));
                if (all_digits(pdes)) {
                    o.number = permanent_number(pdes);
                    if (!o.number) throw LineError{{line_no, "pdes", "number '" + pdes + "' is out of range"}};
                } else {
                    o.provisional = pdes;
                }
                if (name_col) o.name = std::string(trim(f[*name_col]));
            }
            if (!o.number && o.provisional.empty() && o.name.empty()) {
                throw LineError{{line_no, full_col ? "full_name" : "pdes", "empty designation"}};
            }
            std::array<double, 7> v{};
            for (std::size_t r = 0; r < required.size(); ++r) {
                const auto parsed = parse_double(f[col[r]]);
                if (!parsed) {
                    throw LineError{{line_no, required[r], "'" + std::string(trim(f[col[r]])) + "' is not a number"}};
                }
                v[r] = *parsed;
            }
            o.h_mag = std::numeric_limits<double>::quiet_NaN();
            if (h_col && !trim(f[*h_col]).empty()) {
                const auto h = parse_double(f[*h_col]);
                if (!h) throw LineError{{line_no, "H", "'" + std::string(trim(f[*h_col])) + "' is not a number"}};
                o.h_mag = *h;
            }
            try {
                o.epoch = Instant::from_julian_date(v[6]);
            } catch (const AstroError& e) {
                throw LineError{{line_no, "epoch", e.what()}};
            }
            o.elements = {v[0] * au_km, v[1], v[2] * deg_to_rad, wrap_angle(v[3]), wrap_angle(v[4]), wrap_angle(v[5])};
            if (auto issue = check_elements(o, line_no)) throw LineError{*issue};
            finish(o);
            cat.objects.push_back(std::move(o));
        } catch (LineError& e) {
            add_issue(cat, std::move(e.issue), strict);
        }
    }
    return cat;
}

Catalog parse_catalog(std::string_view text, CatalogFormat format, bool strict) {
    return format == CatalogFormat::sbdb_csv ? parse_sbdb_csv(text, strict) : parse_mpc_catalog(text, strict);
}

}  // namespace ger::astro
