// Frames and bodies: rotation round trip, the obliquity itself, names and constants.
#include "astro/frames.hpp"

#include <gtest/gtest.h>

#include <random>

#include "astro/bodies.hpp"
#include "astro/constants.hpp"
#include "astro/error.hpp"

using namespace ger::astro;

TEST(Frames, RoundTripIsIdentity) {
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> c(-5e9, 5e9);
    for (int k = 0; k < 1000; ++k) {
        const State s{{c(rng), c(rng), c(rng)}, {c(rng) * 1e-8, c(rng) * 1e-8, c(rng) * 1e-8}, Frame::icrf,
                      Body::sun};
        const State e = to_frame(s, Frame::ecliptic_j2000);
        EXPECT_EQ(e.frame, Frame::ecliptic_j2000);
        EXPECT_NEAR(norm(e.r_km), norm(s.r_km), 1e-15 * norm(s.r_km) * 4);  // a rotation
        const State back = to_frame(e, Frame::icrf);
        EXPECT_LT(norm(back.r_km - s.r_km), 1e-15 * norm(s.r_km) * 4);
        EXPECT_LT(norm(back.v_km_s - s.v_km_s), 1e-15 * norm(s.v_km_s) * 4);
    }
}

TEST(Frames, EclipticPoleAndEquinox) {
    // The equinox (x) is common; the ecliptic pole is the ICRF vector (0, -sin eps, cos eps).
    EXPECT_EQ(icrf_to_ecliptic(Vec3{1, 0, 0}), (Vec3{1, 0, 0}));
    const Vec3 pole = ecliptic_to_icrf(Vec3{0, 0, 1});
    EXPECT_NEAR(pole.y, -std::sin(obliquity_j2000_rad), 1e-16);
    EXPECT_NEAR(pole.z, std::cos(obliquity_j2000_rad), 1e-16);
    EXPECT_NEAR(obliquity_j2000_rad / deg_to_rad, 23.0 + 26.0 / 60 + 21.406 / 3600, 1e-12);
    EXPECT_EQ(to_frame(State{}, Frame::ecliptic_j2000).frame, Frame::ecliptic_j2000);
}

TEST(Bodies, NamesParseCaseInsensitively) {
    EXPECT_EQ(parse_body("earth"), Body::earth);
    EXPECT_EQ(parse_body("Mars"), Body::mars);
    EXPECT_EQ(parse_body(" MOON "), Body::moon);
    for (Body b : all_bodies) EXPECT_EQ(parse_body(body_name(b)), b);
    EXPECT_FALSE(try_parse_body("pluto"));
    try {
        parse_body("Pluto");
        FAIL();
    } catch (const AstroError& e) {
        EXPECT_EQ(e.code(), AstroErrc::unknown_body);
        EXPECT_NE(std::string(e.what()).find("Pluto"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("neptune, emb"), std::string::npos) << e.what();
    }
}

TEST(Bodies, EarthMoonBarycentre) {
    EXPECT_EQ(parse_body("emb"), Body::emb);
    EXPECT_EQ(parse_body(" EMB "), Body::emb);
    EXPECT_EQ(parse_body("Earth-Moon-Barycentre"), Body::emb);
    EXPECT_EQ(parse_body("earth-moon-barycenter"), Body::emb);
    EXPECT_EQ(body_name(Body::emb), "emb");
    EXPECT_EQ(body_display_name(Body::emb), "Earth\u2013Moon barycentre");
    EXPECT_EQ(body_display_name(Body::mars), "Mars");
    EXPECT_EQ(body_names_list(), "sun, mercury, venus, earth, moon, mars, jupiter, saturn, uranus, neptune, emb");
    EXPECT_EQ(gm_km3_s2(Body::emb), gm_earth_moon_km3_s2);
    EXPECT_EQ(primary_of(Body::emb), Body::sun);
    // Parking and capture orbits at the barycentre are Earth orbits.
    EXPECT_EQ(gravity_body(Body::emb), Body::earth);
    EXPECT_EQ(equatorial_radius_km(Body::emb), equatorial_radius_km(Body::earth));
    for (Body b : all_bodies) {
        if (b != Body::emb) {
            EXPECT_EQ(gravity_body(b), b);
        }
    }
    // Appended: the other bodies keep their enumerator values.
    EXPECT_EQ(static_cast<int>(Body::neptune), 9);
    EXPECT_EQ(static_cast<int>(Body::emb), 10);
}

TEST(Bodies, ConstantsAreTheCitedValues) {
    EXPECT_EQ(gm_km3_s2(Body::sun), 132712440041.279419);
    // DE440 lists the Earth-Moon GM separately (BODY3_GM 403503.2356254802); it is Earth + Moon to the printed
    // digits. (DE430's was 403503.235502, 1.2e-4 less.)
    EXPECT_NEAR(gm_earth_moon_km3_s2, gm_earth_km3_s2 + gm_moon_km3_s2, 1e-6);
    EXPECT_EQ(equatorial_radius_km(Body::earth), 6378.1366);
    EXPECT_EQ(au_km, 149597870.7);
    EXPECT_EQ(primary_of(Body::moon), Body::earth);
    for (Body b : all_bodies) {
        EXPECT_GT(gm_km3_s2(b), 0);
        EXPECT_GT(equatorial_radius_km(b), 0);
    }
}
