// Small-body catalogues: the Minor Planet Center one-line orbit format (MPCORB.DAT, NEA.txt) and the JPL
// Small-Body Database CSV export, parsed from text (no I/O here: the caller reads the file), and packed
// MPC designations.
//
// Elements are heliocentric ecliptic and equinox J2000 (both sources' frame), converted to kepler.hpp's
// `Elements` ([km], [rad]); the MPC epoch is a TT calendar date and SBDB's a TDB Julian date, both stored as a
// TDB `Instant`.
//
// Errors: a line that cannot be parsed becomes a CatalogIssue naming its 1-based line number, the field and
// the offending text. parse_* collect them (and skip the line) unless `strict`, in which case the first one
// throws CatalogError carrying it.
//
// Thread-safety: value types and pure functions.
#pragma once
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "astro/kepler.hpp"
#include "astro/time.hpp"

namespace ger::astro {

// NEA orbit classes by perihelion q and aphelion Q [au] (CNEOS definitions): atira Q < 0.983;
// aten a < 1 au and Q > 0.983; apollo a > 1 au and q < 1.017; amor 1.017 < q < 1.3; other otherwise.
enum class OrbitClass { atira, aten, apollo, amor, other };
std::string_view orbit_class_name(OrbitClass c) noexcept;  // "atira", "aten", "apollo", "amor", "other"
std::optional<OrbitClass> parse_orbit_class(std::string_view name) noexcept;  // case-insensitive
OrbitClass classify_orbit(double a_au, double e) noexcept;

struct CatalogObject {
    std::string designation;           // readable: "2000 SG344", "433 Eros" (number and name when named)
    std::string packed;                // MPC packed form ("K00SY4G", "00433"); empty for SBDB rows
    std::optional<long> number;        // permanent number when numbered
    std::string name;                  // proper name ("Eros"), empty if none
    std::string provisional;           // provisional designation ("2000 SG344"), empty if unknown
    double h_mag = 0;                  // absolute magnitude H; NaN when the source gives none
    Instant epoch;                     // osculation epoch (source TT, stored as TDB)
    Elements elements;                 // heliocentric ecliptic J2000
    OrbitClass orbit_class = OrbitClass::other;
};

struct CatalogIssue {
    std::size_t line = 0;  // 1-based
    std::string field;     // "e", "epoch", "designation", ...
    std::string message;   // what is wrong, with the text found
};
std::string describe(const CatalogIssue& issue);  // "line 12, field e: ..."

class CatalogError : public std::runtime_error {
public:
    explicit CatalogError(CatalogIssue issue) : std::runtime_error(describe(issue)), m_issue(std::move(issue)) {}
    const CatalogIssue& issue() const noexcept { return m_issue; }

private:
    CatalogIssue m_issue;
};

struct Catalog {
    std::vector<CatalogObject> objects;
    std::vector<CatalogIssue> skipped;  // lines skipped (non-strict mode)
};

enum class CatalogFormat { mpc, sbdb_csv };
// Guess from the first non-blank line: a CSV header naming "full_name" or "pdes" -> sbdb_csv, else mpc.
CatalogFormat detect_catalog_format(std::string_view text) noexcept;

// MPC one-line format (columns in data/SOURCES.md). Blank lines are ignored; MPCORB.DAT's header (up to the
// "-----" line) is skipped when present.
Catalog parse_mpc_catalog(std::string_view text, bool strict = false);
// JPL SBDB CSV export: a header row naming the columns (any order; extra columns ignored). Required: a, e, i,
// om, w, ma (degrees), epoch (Julian date, TDB) and a designation column (full_name, else pdes). H is
// optional.
// Quoted fields ("...") are accepted.
Catalog parse_sbdb_csv(std::string_view text, bool strict = false);
Catalog parse_catalog(std::string_view text, CatalogFormat format, bool strict = false);

// Packed MPC designations: "K00SY4G" -> "2000 SG344", "J95X00A" -> "1995 XA", "PLS2040" -> "2040 P-L",
// "T1S3138" -> "3138 T-1". Numbered: "00433" -> 433, "A1955" -> 101955, "~0000" -> 620000.
// Throws std::invalid_argument on text that is not a packed designation.
std::string unpack_provisional(std::string_view packed);
long unpack_number(std::string_view packed);
// Either form: the readable designation of a packed one ("00433" -> "433").
std::string unpack_designation(std::string_view packed);

// Whether `query` names `object`: case-insensitive match against the readable designation, the number
// ("433", "(433)"), the name ("Eros"), the provisional designation and the packed form; spaces and
// parentheses are ignored.
bool matches_designation(const CatalogObject& object, std::string_view query);

}  // namespace ger::astro
