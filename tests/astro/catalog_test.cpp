// Catalogue import: packed designations (MPC rules), data/NEA.txt (20,060 objects, epoch 2019-07-02.0 TT),
// SBDB CSV by header names, bad lines reported by line and field (skipped and counted, or fatal with strict).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "astro/bundled_catalog.hpp"
#include "astro/catalog.hpp"
#include "astro/error.hpp"
#include "astro/porkchop_body.hpp"
#include "astro/constants.hpp"

namespace ger::astro {
namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string eros_line =
    "00433   11.16  0.46 K1972  84.17190  178.83549  304.30424   10.82858  0.2227385  0.55973997   1.4581823  0 "
    "MPO467611  8406  52 1893-2019 0.69 M-v 38h MPCLINUX   1804    (433) Eros               20190509";
const std::string sg344_line =
    "K00SY4G 24.7   0.15 K1972  55.03128  275.30039  191.95623    0.11213  0.0669235  1.01990917   0.9774511  4 "
    "MPO  6089    31   2 1999-2000 0.42 M-v 3Eh Williams   0802          2000 SG344         20001003";

TEST(Catalog, UnpacksDesignations) {
    EXPECT_EQ(unpack_provisional("K00SY4G"), "2000 SG344");
    EXPECT_EQ(unpack_provisional("J95X00A"), "1995 XA");
    EXPECT_EQ(unpack_provisional("K06RC0H"), "2006 RH120");
    EXPECT_EQ(unpack_provisional("J98SA8Q"), "1998 SQ108");
    EXPECT_EQ(unpack_provisional("PLS2040"), "2040 P-L");
    EXPECT_EQ(unpack_provisional("T1S3138"), "3138 T-1");
    EXPECT_EQ(unpack_number("00433"), 433);
    EXPECT_EQ(unpack_number("A1955"), 101955);
    EXPECT_EQ(unpack_number("a0001"), 360001);
    EXPECT_EQ(unpack_number("~0000"), 620000);
    EXPECT_EQ(unpack_number("~000z"), 620061);
    EXPECT_EQ(unpack_designation("00433"), "433");
    EXPECT_THROW(unpack_provisional("X00SY4G"), std::invalid_argument);
    EXPECT_THROW(unpack_provisional("K00"), std::invalid_argument);
    EXPECT_THROW(unpack_number("0043x"), std::invalid_argument);
}

TEST(Catalog, ParsesMpcLines) {
    const auto cat = parse_mpc_catalog(eros_line + "\n\n" + sg344_line + "\n", true);
    ASSERT_EQ(cat.objects.size(), 2u);
    const auto& eros = cat.objects[0];
    EXPECT_EQ(eros.designation, "433 Eros");
    EXPECT_EQ(eros.number, 433);
    EXPECT_EQ(eros.name, "Eros");
    EXPECT_DOUBLE_EQ(eros.h_mag, 11.16);
    EXPECT_NEAR(eros.elements.a_km / au_km, 1.4581823, 1e-12);
    EXPECT_DOUBLE_EQ(eros.elements.e, 0.2227385);
    EXPECT_NEAR(eros.elements.i_rad, 10.82858 * deg_to_rad, 1e-15);
    EXPECT_NEAR(eros.elements.raan_rad, 304.30424 * deg_to_rad, 1e-14);
    EXPECT_NEAR(eros.elements.argp_rad, 178.83549 * deg_to_rad, 1e-14);
    EXPECT_NEAR(eros.elements.mean_anomaly_rad, 84.17190 * deg_to_rad, 1e-14);
    EXPECT_EQ(eros.orbit_class, OrbitClass::amor);
    // K1972 = 2019-07-02.0 TT = JD 2458666.5 TT.
    const auto jd = to_tt(eros.epoch).julian_date();
    EXPECT_NEAR(jd.day + jd.fraction, 2458666.5, 1e-9);
    EXPECT_EQ(cat.objects[1].designation, "2000 SG344");
    EXPECT_FALSE(cat.objects[1].number.has_value());
    EXPECT_EQ(cat.objects[1].orbit_class, OrbitClass::aten);
    EXPECT_TRUE(matches_designation(cat.objects[1], "2000 sg344"));
    EXPECT_TRUE(matches_designation(cat.objects[1], "K00SY4G"));
    EXPECT_TRUE(matches_designation(eros, "433"));
    EXPECT_TRUE(matches_designation(eros, "(433) Eros"));
    EXPECT_TRUE(matches_designation(eros, "eros"));
    EXPECT_FALSE(matches_designation(eros, "4330"));
}

TEST(Catalog, BadLineIsReportedWithLineAndField) {
    std::string bad = sg344_line;
    bad.replace(70, 9, "0.06x9235");  // e, columns 71-79
    const std::string text = eros_line + "\n" + bad + "\n" + sg344_line.substr(0, 50) + "\n";
    const auto cat = parse_mpc_catalog(text);
    ASSERT_EQ(cat.objects.size(), 1u);
    ASSERT_EQ(cat.skipped.size(), 2u);
    EXPECT_EQ(cat.skipped[0].line, 2u);
    EXPECT_EQ(cat.skipped[0].field, "e");
    EXPECT_EQ(cat.skipped[1].line, 3u);
    EXPECT_EQ(cat.skipped[1].field, "line");
    try {
        (void)parse_mpc_catalog(text, true);
        FAIL() << "strict parse accepted a bad line";
    } catch (const CatalogError& e) {
        EXPECT_EQ(e.issue().line, 2u);
        EXPECT_NE(std::string(e.what()).find("line 2, field e"), std::string::npos) << e.what();
    }
    std::string hyper = sg344_line;
    hyper.replace(70, 9, "1.2000000");
    const auto h = parse_mpc_catalog(hyper);
    ASSERT_EQ(h.skipped.size(), 1u);
    EXPECT_EQ(h.skipped[0].field, "e");
    std::string epoch = sg344_line;
    epoch.replace(20, 5, "Z1972");
    EXPECT_EQ(parse_mpc_catalog(epoch).skipped.at(0).field, "epoch");
}

TEST(Catalog, ParsesTheBundledNeaFile) {
    const auto text = read(std::string(GER_SOURCE_DIR) + "/data/NEA.txt");
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(detect_catalog_format(text), CatalogFormat::mpc);
    const auto cat = parse_mpc_catalog(text, true);
    EXPECT_EQ(cat.objects.size(), 20060u);
    EXPECT_TRUE(cat.skipped.empty());
    int found = 0, classes[5] = {};
    for (const auto& o : cat.objects) {
        if (o.designation == "2000 SG344" || o.designation == "2006 RH120") ++found;
        ++classes[static_cast<int>(o.orbit_class)];
        ASSERT_FALSE(o.designation.empty());
    }
    EXPECT_EQ(found, 2);
    EXPECT_GT(classes[static_cast<int>(OrbitClass::apollo)], classes[static_cast<int>(OrbitClass::aten)]);
    EXPECT_GT(classes[static_cast<int>(OrbitClass::atira)], 0);
}

TEST(Catalog, ParsesSbdbCsvByHeaderName) {
    const std::string csv =
        "spkid,full_name,H,epoch,e,a,i,om,w,ma,extra\n"
        "2000433,\"   433 Eros (A898 PA)\",10.4,2458600.5,.2229,1.458,10.83,304.3,178.8,110.8,x\n"
        "3054338,\"       (2000 SG344)\",24.8,2458600.5,.0668,.9776,.112,192.0,275.4,10.0,y\n"
        "3054339,\"       (2001 AB)\",,2458600.5,abc,.9776,.112,192.0,275.4,10.0,y\n";
    EXPECT_EQ(detect_catalog_format(csv), CatalogFormat::sbdb_csv);
    const auto cat = parse_sbdb_csv(csv);
    ASSERT_EQ(cat.objects.size(), 2u);
    EXPECT_EQ(cat.objects[0].designation, "433 Eros");
    EXPECT_EQ(cat.objects[0].provisional, "A898 PA");
    EXPECT_EQ(cat.objects[1].designation, "2000 SG344");
    EXPECT_NEAR(cat.objects[1].elements.a_km / au_km, 0.9776, 1e-12);
    const auto jd = cat.objects[1].epoch.julian_date();
    EXPECT_NEAR(jd.day + jd.fraction, 2458600.5, 1e-9);
    ASSERT_EQ(cat.skipped.size(), 1u);
    EXPECT_EQ(cat.skipped[0].line, 4u);
    EXPECT_EQ(cat.skipped[0].field, "e");
    EXPECT_THROW((void)parse_sbdb_csv(csv, true), CatalogError);
    EXPECT_THROW((void)parse_sbdb_csv("full_name,a,e,i,om,w\n"), CatalogError);
}

// Found by tests/fuzz/sbdb_catalog: a number no long holds threw std::out_of_range out of the parser, and a
// semi-major axis of 1e308 au overflowed to an infinite one in km that passed the "> 0" check.
TEST(Catalog, AnOverflowingNumberOrAxisIsARefusedLineNamingTheField) {
    const std::string csv =
        "pdes,a,e,i,om,w,ma,epoch\n"
        "99999999999999999999999,1.2,0.3,5,10,20,30,2460000.5\n"
        "2001 AB,1e308,0.3,5,10,20,30,2460000.5\n"
        "2001 AC,1.2,0.3,5,10,20,30,2460000.5\n";
    const auto cat = parse_sbdb_csv(csv);
    ASSERT_EQ(cat.objects.size(), 1u);
    EXPECT_EQ(cat.objects[0].designation, "2001 AC");
    ASSERT_EQ(cat.skipped.size(), 2u);
    EXPECT_EQ(cat.skipped[0].line, 2u);
    EXPECT_EQ(cat.skipped[0].field, "pdes");
    EXPECT_NE(cat.skipped[0].message.find("out of range"), std::string::npos);
    EXPECT_EQ(cat.skipped[1].line, 3u);
    EXPECT_EQ(cat.skipped[1].field, "a");
    const auto named = parse_sbdb_csv("full_name,a,e,i,om,w,ma,epoch\n"
                                      "\"99999999999999999999999 Big (2001 AD)\",1.2,0.3,5,10,20,30,2460000.5\n");
    ASSERT_EQ(named.skipped.size(), 1u);
    EXPECT_EQ(named.skipped[0].field, "full_name");
}

}  // namespace
}  // namespace ger::astro

// The catalogue compiled into ger is data/NEA.txt byte for byte, and every command resolves its targets.
TEST(BundledCatalog, IsTheShippedFileAndNamesTheRoadmapTargets) {
    std::ifstream in(std::string(GER_SOURCE_DIR) + "/data/NEA.txt", std::ios::binary);
    std::stringstream file;
    file << in.rdbuf();
    EXPECT_EQ(ger::astro::bundled_catalog_text(), file.str());
    EXPECT_EQ(ger::astro::bundled_catalog().objects.size(), 20060u);  // data/SOURCES.md
    EXPECT_TRUE(ger::astro::bundled_catalog().skipped.empty());
    for (const char* name : {"Apophis", "3200 Phaethon", "2000 SG344", "99942"}) {
        const auto body = ger::astro::find_in_bundled_catalog(name);
        ASSERT_TRUE(body) << name;
        EXPECT_NO_THROW(ger::astro::resolve_transfer_body(name)) << name;
    }
    EXPECT_FALSE(ger::astro::find_in_bundled_catalog("Vulcan"));
    EXPECT_THROW(ger::astro::resolve_transfer_body("Vulcan"), ger::astro::AstroError);
}
