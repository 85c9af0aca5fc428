// Porkchop grids: departure C3, declination of the departure asymptote, arrival v-infinity and total delta-v
// over a grid of departure dates x arrival dates (or departure dates x times of flight), for Type I and
// Type II ballistic 0-revolution transfers between two bodies, and the minimum refined below the grid step.
//
// Pipeline (compute_porkchop): each end body is sampled once per grid at its axis dates, straight from the
// ephemeris (the Earth or the Earth-Moon barycentre on a dense axis: eraEpv00 at nodes every 2 days and a
// degree-7 Hermite between, <= 4.1 m from eraEpv00 itself; small bodies by Kepler); off-axis arrivals
// (time-of-flight axis) come from one TabulatedEphemeris. The grid is cut into fixed chunks of cells, and worker threads fill their own reusable
// SoA buffers and call the vectorised 0-rev Lambert batch (lambert_batch.hpp) once per chunk: one prograde arc
// per cell. Nothing is allocated per cell; the result holds O(cells) floats. porkchop_minimum then starts Nelder-Mead on continuous dates from the best cell, evaluating
// transfers with the un-tabulated ephemeris in double precision.
//
// Transfer types, as in the mission-design handbooks (Sergeyevsky et al. 1983, JPL 82-43; Burke et al. 2010,
// NASA/TM-2010-216764): every transfer is prograde (counter-clockwise seen from ecliptic +z, the sense of the
// planets' motion), so for dates d, a the transfer angle theta in (0, 360) deg, measured in that sense from the
// departure position to the arrival position, is fixed by the two positions. A cell is Type I when
// theta < 180 deg and Type II when theta > 180 deg (theta = 180 deg exactly, z of r1 x r2 = 0, counts as
// Type I, as the Lambert solver's short-way test). Each cell has exactly one 0-rev prograde arc, so it belongs
// to one type: a grid's Type I field holds values only where theta < 180 deg and NaN elsewhere, and the Type II
// field the reverse. Retrograde arcs (C3 in the thousands of km^2/s^2 for Earth-Mars) are not computed. Near
// theta = 180 deg the arc needs a large plane change: C3 rises to a ridge between the two regions.
//
// Units: C3 [km^2/s^2], speeds [km/s], angles [deg], altitudes [km], times of flight [days]; vectors in
// ecliptic J2000 unless stated; dates are TDB Instants (UTC only at the CLI/SVG edges).
//
// Thread-safety: every function is pure apart from the optional progress callback, which is called from
// worker threads (it must be thread-safe) after each finished chunk. The Ephemeris passed in is shared across
// the workers (Ephemeris implementations are immutable and may be shared, ephemeris.hpp).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include "astro/bodies.hpp"
#include "astro/detail/large_buffer.hpp"
#include "astro/ephemeris.hpp"
#include "astro/kepler.hpp"
#include "astro/time.hpp"
#include "astro/vec3.hpp"

namespace ger::astro {

// A small body on a fixed heliocentric two-body orbit: classical elements in ecliptic J2000 at `epoch`
// (TDB), propagated with the Sun's GM (state_from_elements_at). Its own gravity is neglected (GM = 0), so
// its departure/arrival delta-v is the v-infinity itself.
struct SmallBodyOrbit {
    std::string name;
    Elements elements;
    Instant epoch;
};

// Either end of a transfer: a planet from the ephemeris or a small body on elements.
using TransferBody = std::variant<Body, SmallBodyOrbit>;
std::string transfer_body_name(const TransferBody& body);

enum class TransferType : std::uint8_t { type1 = 0, type2 = 1 };
inline constexpr std::array<TransferType, 2> transfer_types = {TransferType::type1, TransferType::type2};
std::string_view transfer_type_name(TransferType type) noexcept;  // "I", "II"

// What the grid's second axis counts.
enum class PorkchopAxis : std::uint8_t { arrival_date, time_of_flight };

// Orbit captured into at arrival: periapsis altitude above the equatorial radius [km] of gravity_body(to) (the
// Earth's for Body::emb, as is its GM) and eccentricity in [0, 1) (0: circular). The burn is tangential at
// periapsis.
struct CaptureOrbit {
    double periapsis_alt_km = 400.0;
    double eccentricity = 0.0;
};

// The quantity a minimum is sought for.
enum class PorkchopObjective : std::uint8_t { c3, total_dv };

struct PorkchopRequest {
    TransferBody from = Body::earth;
    TransferBody to = Body::mars;
    Instant depart_first;             // first departure date (TDB)
    Instant depart_last;              // last departure date, >= depart_first
    double depart_step_days = 1.0;    // [days] > 0
    PorkchopAxis axis = PorkchopAxis::arrival_date;
    Instant arrive_first;             // axis == arrival_date: first arrival date
    Instant arrive_last;              //   ... last arrival date, >= arrive_first and > depart_first
    double tof_first_days = 0.0;      // axis == time_of_flight: shortest flight [days] > 0
    double tof_last_days = 0.0;       //   ... longest flight [days] >= tof_first_days
    double second_step_days = 1.0;    // [days] > 0, step of the second axis
    double parking_alt_km = 200.0;    // circular parking orbit at departure [km] above the equatorial radius
                                      // of gravity_body(from): from Body::emb, an Earth orbit (Earth's GM)
    CaptureOrbit capture;             // orbit captured into at arrival
    bool type1 = true;                // compute Type I cells (prograde, transfer angle < 180 deg)
    bool type2 = true;                // compute Type II cells (prograde, transfer angle > 180 deg)
    unsigned threads = 0;             // worker threads; 0 = std::thread::hardware_concurrency()
};

// Optional hooks for long grids. `progress(done, total)` [cells] is called from worker threads after each
// chunk; `cancel`, when it becomes true, makes compute_porkchop stop at the next chunk and throw
// PorkchopCancelled (an std::atomic<bool> is lock-free here, so a signal handler may set it).
struct PorkchopControl {
    std::function<void(std::size_t done, std::size_t total)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

class PorkchopCancelled : public std::runtime_error {
public:
    PorkchopCancelled() : std::runtime_error("porkchop computation cancelled") {}
};

// One transfer type's cells, structure of arrays in departure-major order: cell (i, j) is at
// i * second_count + j. Stored as float (7 significant digits: plenty for contours and for picking the best
// cell; the refined minimum is recomputed in double). NaN marks a cell without a transfer of this type: its
// prograde arc is of the other type, time of flight <= 0, or the solver failed.
struct PorkchopCells {
    std::span<const float> c3_km2_s2;        // departure C3 = |v_inf,dep|^2 [km^2/s^2]
    std::span<const float> vinf_dep_x_km_s;  // departure v-infinity, ecliptic J2000 [km/s]
    std::span<const float> vinf_dep_y_km_s;
    std::span<const float> vinf_dep_z_km_s;
    std::span<const float> dla_deg;          // declination of the departure asymptote, ICRF (equatorial) [deg]
    std::span<const float> vinf_arr_km_s;    // arrival v-infinity magnitude [km/s]
    std::span<const float> dv_total_km_s;    // departure burn from the parking orbit + capture burn [km/s]
};

class PorkchopGrid {
public:
    const PorkchopRequest& request() const noexcept { return m_request; }
    std::size_t departure_count() const noexcept { return m_departures; }
    std::size_t second_count() const noexcept { return m_seconds; }  // arrivals or times of flight
    std::size_t cell_count() const noexcept { return m_departures * m_seconds; }
    bool has(TransferType type) const noexcept { return m_fields[index(type)] != nullptr; }
    // Throws AstroError(invalid_argument) if the type was not computed.
    PorkchopCells cells(TransferType type) const;

    Instant departure(std::size_t i) const;                   // i < departure_count()
    Instant arrival(std::size_t i, std::size_t j) const;      // of cell (i, j)
    double tof_days(std::size_t i, std::size_t j) const;      // [days] of cell (i, j)
    // Second-axis value j: days since J2000 TDB (arrival_date) or [days] of flight (time_of_flight).
    double second_value(std::size_t j) const;

private:
    friend PorkchopGrid compute_porkchop(const PorkchopRequest&, const Ephemeris&, const PorkchopControl&);
    static constexpr std::size_t field_count = 7;
    static std::size_t index(TransferType t) noexcept { return static_cast<std::size_t>(t); }
    float* field(TransferType t, std::size_t f) const noexcept { return m_fields[index(t)].get() + f * cell_count(); }

    PorkchopRequest m_request;
    std::size_t m_departures = 0;
    std::size_t m_seconds = 0;
    std::array<detail::LargeBuffer<float>, 2> m_fields;  // field_count consecutive arrays per type
};

// Computes the grid. `ephemeris` supplies the planets (it is tabulated once; ErfaEphemeris is the usual
// source). Throws AstroError(invalid_argument) for an inverted date range, a step <= 0, arrivals that are all
// at or before the first departure, a non-positive time of flight range, a negative parking altitude or a
// capture eccentricity outside [0, 1), or neither type requested; AstroError(ephemeris_out_of_range) for a
// date outside the ephemeris span (each message names the value and the allowed range); PorkchopCancelled.
PorkchopGrid compute_porkchop(const PorkchopRequest& request, const Ephemeris& ephemeris,
                              const PorkchopControl& control = {});

// One transfer, evaluated in double precision.
struct PorkchopPoint {
    Instant depart;
    Instant arrive;
    TransferType type = TransferType::type1;  // decided by transfer_angle_deg: I below 180, II above
    double tof_days = 0;               // [days]
    double transfer_angle_deg = 0;     // [deg] swept in the prograde sense, (0, 360)
    double c3_km2_s2 = 0;              // [km^2/s^2]
    Vec3 vinf_dep_km_s;                // ecliptic J2000 [km/s]
    double dla_deg = 0;                // declination of the departure asymptote, ICRF [deg]
    double rla_deg = 0;                // right ascension of the departure asymptote, ICRF, [0, 360) [deg]
    double vinf_arr_km_s = 0;          // [km/s]
    double dv_depart_km_s = 0;         // from the circular parking orbit [km/s]
    double dv_arrive_km_s = 0;         // into the capture orbit [km/s]
    double dv_total_km_s = 0;          // [km/s]
};

// The prograde 0-rev transfer from request.from at `depart` to request.to at `arrive` (request's grid fields
// are ignored), its type decided by its transfer angle. With `type` set, nullopt when the arc is of the other
// type. nullopt also when there is none (arrive <= depart, not converged). Throws as the ephemeris.
std::optional<PorkchopPoint> evaluate_transfer(const PorkchopRequest& request, const Ephemeris& ephemeris,
                                               Instant depart, Instant arrive,
                                               std::optional<TransferType> type = std::nullopt);

struct PorkchopMinimum {
    PorkchopPoint grid;     // the best cell (re-evaluated in double with `ephemeris`)
    PorkchopPoint refined;  // Nelder-Mead on continuous dates inside the grid's date box
    int evaluations = 0;    // transfers evaluated by the refinement
};

// The minimum of `objective` over the computed types (or only `type`), refined below the grid step with
// `ephemeris` (un-tabulated: pass the grid's source). nullopt if no cell has a transfer. With `type` set, or
// when the grid holds one type only, the refinement stays inside that type's region (trial points across
// theta = 180 deg count as no transfer), so the minimum of a type is reported with its type; with no `type` on
// a grid of both types it follows the prograde arc wherever it goes and reports the type its angle decides.
std::optional<PorkchopMinimum> porkchop_minimum(const PorkchopGrid& grid, const Ephemeris& ephemeris,
                                                PorkchopObjective objective = PorkchopObjective::c3,
                                                std::optional<TransferType> type = std::nullopt);

}  // namespace ger::astro
