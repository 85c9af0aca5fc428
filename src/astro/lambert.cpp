// Scalar Izzo (2015) Lambert solver: every arc up to max_revs, both branches, into caller storage.
#include "astro/lambert.hpp"

#include <cmath>
#include <sstream>

#include "astro/detail/lambert_geometry.hpp"

namespace ger::astro {

namespace {

using detail::lambert_pi;

// Householder steps stop once |dx| is below this: convergence is quartic, so the root is then
// already at rounding level (the next correction would be ~1e-40).
constexpr double step_tolerance = 1e-11;
// Halley iterations for the minimum time of flight of a multi-revolution family.
constexpr int t_min_iterations = 12;
constexpr double t_min_tolerance = 1e-13;

[[noreturn]] void fail(std::string_view what, double value, std::string_view allowed) {
    std::ostringstream os;
    os.precision(17);
    os << "lambert: " << what << " = " << value << " (" << allowed << ")";
    throw LambertError(os.str());
}

void check_position(std::string_view name, const Vec3& r) {
    if (!is_finite(r)) {
        std::ostringstream os;
        os.precision(17);
        os << "lambert: " << name << " = (" << r.x << ", " << r.y << ", " << r.z << ") km is not finite";
        throw LambertError(os.str());
    }
    if (norm(r) == 0.0) throw LambertError("lambert: " + std::string(name) + " is the zero vector (the attractor's centre)");
}

struct Root {
    double x = 0;
    int iterations = 0;
    bool converged = false;
};

// Householder's fourth-order iteration on T(x) - t_target (Izzo eq. 22 derivatives). The step is kept
// inside the domain of x (x > -1 for 0 revs, -1 < x < 1 for N >= 1) by halving towards the violated
// bound, which only ever happens from a poor start far from the root.
Root householder(double x0, double t_target, double lambda, int n) {
    double x = x0;
    for (int it = 1; it <= lambert_max_iterations; ++it) {
        const double y = detail::lambert_y(x, lambda);
        const double t = detail::lambert_tof(x, y, lambda, n);
        const double f = t - t_target;
        const auto d = detail::lambert_tof_derivatives(x, y, t, lambda);
        const double d1sq = d.d1 * d.d1;
        double xn = x - f * (d1sq - 0.5 * f * d.d2) / (d.d1 * (d1sq - f * d.d2) + d.d3 * f * f / 6.0);
        if (!std::isfinite(xn)) return {x, it, false};
        if (xn <= -1.0) xn = 0.5 * (x - 1.0);
        if (n > 0 && xn >= 1.0) xn = 0.5 * (x + 1.0);
        const double step = xn - x;
        x = xn;
        if (std::abs(step) < step_tolerance) return {x, it, true};
    }
    return {x, lambert_max_iterations, false};
}

// Minimum non-dimensional time of flight for n >= 1 revolutions: Halley iteration on dT/dx = 0 from x = 0.
double minimum_tof(double lambda, int n) {
    double x = 0.0;
    for (int it = 0; it < t_min_iterations; ++it) {
        const double y = detail::lambert_y(x, lambda);
        const double t = detail::lambert_tof(x, y, lambda, n);
        const auto d = detail::lambert_tof_derivatives(x, y, t, lambda);
        const double xn = x - 2.0 * d.d1 * d.d2 / (2.0 * d.d2 * d.d2 - d.d1 * d.d3);
        const double step = xn - x;
        x = xn;
        if (!(std::abs(step) >= t_min_tolerance)) break;
    }
    return detail::lambert_tof(x, detail::lambert_y(x, lambda), lambda, n);
}

// Izzo eq. 30 for 0 revs. The middle case interpolates log(x + 1) linearly in log(T) between (T00, 0)
// and (T1, 1), as poliastro does (the paper's printed exponent does not pass through (T1, 1)).
double initial_guess_zero_rev(double t, double lambda) {
    const double t00 = std::acos(lambda) + lambda * std::sqrt(1.0 - lambda * lambda);
    const double t1 = 2.0 / 3.0 * (1.0 - lambda * lambda * lambda);
    if (t >= t00) return std::pow(t00 / t, 2.0 / 3.0) - 1.0;
    if (t < t1) {
        const double l5 = lambda * lambda * lambda * lambda * lambda;
        return 2.5 * t1 / t * (t1 - t) / (1.0 - l5) + 1.0;
    }
    return std::exp(std::log(2.0) * std::log(t / t00) / std::log(t1 / t00)) - 1.0;
}

LambertSolution reconstruct(const detail::LambertGeometry& g, double x, double mu, int revs,
                            LambertBranch branch, int iterations) {
    const double y = detail::lambert_y(x, g.lambda);
    const double gamma = std::sqrt(0.5 * mu * g.s);
    const double ly = g.lambda * y;
    const double vr1 = gamma * ((ly - x) - g.rho * (ly + x)) / g.r1;
    const double vr2 = -gamma * ((ly - x) + g.rho * (ly + x)) / g.r2;
    const double vt = gamma * g.sigma * (y + g.lambda * x);
    LambertSolution sol;
    sol.v1 = g.ir1 * vr1 + g.it1 * (vt / g.r1);
    sol.v2 = g.ir2 * vr2 + g.it2 * (vt / g.r2);
    sol.revs = revs;
    sol.branch = branch;
    sol.iterations = iterations;
    return sol;
}

}  // namespace

std::string_view lambert_status_name(LambertStatus status) noexcept {
    switch (status) {
        case LambertStatus::ok: return "ok";
        case LambertStatus::collinear: return "collinear";
        case LambertStatus::not_converged: return "not_converged";
        case LambertStatus::invalid_input: return "invalid_input";
    }
    return "unknown";
}

std::string_view lambert_branch_name(LambertBranch branch) noexcept {
    switch (branch) {
        case LambertBranch::single: return "single";
        case LambertBranch::left: return "left";
        case LambertBranch::right: return "right";
    }
    return "unknown";
}

LambertResult solve_lambert(const Vec3& r1_km, const Vec3& r2_km, double tof_s, double mu_km3_s2,
                            std::span<LambertSolution> out, int max_revs, LambertDirection direction) {
    check_position("r1", r1_km);
    check_position("r2", r2_km);
    if (!std::isfinite(tof_s) || tof_s <= 0.0) fail("tof", tof_s, "s, must be finite and > 0");
    if (!std::isfinite(mu_km3_s2) || mu_km3_s2 <= 0.0) fail("mu", mu_km3_s2, "km^3/s^2, must be finite and > 0");
    if (max_revs < 0) fail("max_revs", max_revs, "must be >= 0");
    if (out.size() < lambert_max_solutions(max_revs)) {
        throw LambertError("lambert: storage for " + std::to_string(out.size()) + " solutions, max_revs = " +
                           std::to_string(max_revs) + " needs " +
                           std::to_string(lambert_max_solutions(max_revs)));
    }

    const auto g = detail::lambert_geometry(r1_km, r2_km, direction);
    if (g.collinear) return {0, LambertStatus::collinear};

    const double t = std::sqrt(2.0 * mu_km3_s2 / (g.s * g.s * g.s)) * tof_s;
    LambertResult result;

    const Root zero = householder(initial_guess_zero_rev(t, g.lambda), t, g.lambda, 0);
    if (zero.converged) {
        out[result.count++] = reconstruct(g, zero.x, mu_km3_s2, 0, LambertBranch::single, zero.iterations);
    } else {
        result.status = LambertStatus::not_converged;
    }

    // N revolutions need T >= T_min(N) >= N pi; only the largest candidate N can fall short of its
    // T_min, since T(x = 0) = T00 + N pi <= (N + 1) pi <= T for every smaller N.
    // The count that fits stays a double until it is clamped: a time of flight of years in units of the
    // transfer's own period is more revolutions than an int holds (found by tests/fuzz/lambert_csv).
    const double revs_that_fit = std::floor(t / lambert_pi);
    const bool clamped = !(revs_that_fit < max_revs);
    int n_max = clamped ? max_revs : static_cast<int>(revs_that_fit);
    if (n_max >= 1 && (!clamped || revs_that_fit == max_revs)) {
        const double t00 = std::acos(g.lambda) + g.lambda * std::sqrt(1.0 - g.lambda * g.lambda);
        if (t < t00 + n_max * lambert_pi && t < minimum_tof(g.lambda, n_max)) --n_max;
    }
    for (int n = 1; n <= n_max; ++n) {
        // Izzo eq. 31 starting points for the two roots either side of x_Tmin.
        const double a = std::pow((n * lambert_pi + lambert_pi) / (8.0 * t), 2.0 / 3.0);
        const double b = std::pow(8.0 * t / (n * lambert_pi), 2.0 / 3.0);
        const double x0[2] = {(a - 1.0) / (a + 1.0), (b - 1.0) / (b + 1.0)};
        const LambertBranch branches[2] = {LambertBranch::left, LambertBranch::right};
        for (int k = 0; k < 2; ++k) {
            const Root root = householder(x0[k], t, g.lambda, n);
            if (!root.converged) {
                result.status = LambertStatus::not_converged;
                continue;
            }
            out[result.count++] = reconstruct(g, root.x, mu_km3_s2, n, branches[k], root.iterations);
        }
    }
    return result;
}

}  // namespace ger::astro
