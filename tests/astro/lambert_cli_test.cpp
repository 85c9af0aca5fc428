// `ger lambert` end to end: a good file (extra and reordered columns, multi-rev, collinear, JSON, stdin)
// and bad input (non-numeric field, missing column, tof <= 0): exit 1, message naming line and column,
// nothing on stdout.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "astro/lambert.hpp"

namespace ger::astro {
namespace {

struct CliRun {
    int rc = -1;
    std::string out, err;
};

std::filesystem::path temp(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("ger_lambert_cli_" + std::to_string(getpid()) + "_" + name);
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

CliRun ger(const std::string& args) {
    const auto out = temp("stdout"), err = temp("stderr");
    const std::string cmd = std::string(GER_BINARY_DIR) + "/ger " + args + " >" + out.string() + " 2>" + err.string();
    const int status = std::system(cmd.c_str());
    CliRun r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return r;
}

std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto p = temp(name);
    std::ofstream(p) << text;
    return p;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> v;
    std::istringstream is(text);
    for (std::string l; std::getline(is, l);) v.push_back(l);
    return v;
}

// Columns shuffled and one extra (`name`) that must be ignored. Row 0: Curtis Example 5.2 (1 h = 1/24 d).
// Row 1: 2.6 periods with max_revs 1 -> 0-rev + 1-rev left/right. Row 2: antiparallel -> collinear.
const std::string good_csv =
    "name,r1x_km,r1y_km,r1z_km,r2x_km,r2y_km,r2z_km,tof_days,max_revs,mu_km3_s2\n"
    "curtis,5000,10000,2100,-14600,2500,7000,0.041666666666666667,0,398600\n"
    "\n"
    "multi,7000,0,0,0,8000,1000,0.7,1,398600.435507\n"
    "opposite,7000,0,0,-9000,0,0,0.1,0,398600.435507\n";

TEST(LambertCli, GoodFileCsv) {
    const auto file = write("good.csv", good_csv);
    const CliRun r = ger("lambert --input " + file.string());
    ASSERT_EQ(r.rc, 0) << r.err;
    const auto l = lines(r.out);
    ASSERT_EQ(l.size(), 6u) << r.out;
    EXPECT_EQ(l[0], "row,revs,branch,v1x_km_s,v1y_km_s,v1z_km_s,v2x_km_s,v2y_km_s,v2z_km_s,status");
    // Row 0 must carry exactly the library's answer (shortest round-trip text).
    std::array<LambertSolution, 1> ref;
    solve_lambert({5000, 10000, 2100}, {-14600, 2500, 7000}, 0.041666666666666667 * 86400.0, 398600.0, ref);
    double v1x = 0;
    ASSERT_EQ(std::sscanf(l[1].c_str(), "0,0,single,%lf,", &v1x), 1) << l[1];
    EXPECT_EQ(v1x, ref[0].v1.x);
    EXPECT_NEAR(v1x, -5.9925, 5e-4);  // Curtis' printed value
    EXPECT_EQ(l[2].rfind("1,0,single,", 0), 0u) << l[2];
    EXPECT_EQ(l[3].rfind("1,1,left,", 0), 0u) << l[3];
    EXPECT_EQ(l[4].rfind("1,1,right,", 0), 0u) << l[4];
    EXPECT_EQ(l[5], "2,,,,,,,,,collinear");
    for (int k = 1; k <= 4; ++k) EXPECT_NE(l[k].find(",ok"), std::string::npos) << l[k];
    std::filesystem::remove(file);
}

TEST(LambertCli, JsonFromStdin) {
    const auto file = write("stdin.csv", good_csv);
    const CliRun r = ger("lambert --format json --retrograde < " + file.string());
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(r.out.front(), '[');
    EXPECT_NE(r.out.find("{\"row\": 0, \"revs\": 0, \"branch\": \"single\", \"v1_km_s\": ["), std::string::npos);
    EXPECT_NE(r.out.find("{\"row\": 2, \"status\": \"collinear\"}"), std::string::npos);
    std::filesystem::remove(file);
}

TEST(LambertCli, BadRowFailsNamingLineAndColumnWithNoPartialOutput) {
    const auto file = write("bad.csv",
                            "mu_km3_s2,r1x_km,r1y_km,r1z_km,r2x_km,r2y_km,r2z_km,tof_days,max_revs\n"
                            "398600,5000,10000,2100,-14600,2500,7000,0.04,0\n"
                            "398600,5000,ten,2100,-14600,2500,7000,0.04,0\n");
    const CliRun r = ger("lambert --input " + file.string());
    EXPECT_EQ(r.rc, 1);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("line 3, column r1y_km: 'ten' is not a number"), std::string::npos) << r.err;
    std::filesystem::remove(file);
}

TEST(LambertCli, MissingColumnAndBadValues) {
    auto file = write("nocol.csv", "mu_km3_s2,r1x_km,r1y_km,r1z_km,r2x_km,r2y_km,r2z_km,max_revs\n1,1,1,1,1,1,1,0\n");
    CliRun r = ger("lambert --input " + file.string());
    EXPECT_EQ(r.rc, 1);
    EXPECT_NE(r.err.find("line 1: header lacks column tof_days"), std::string::npos) << r.err;

    file = write("neg.csv",
                 "mu_km3_s2,r1x_km,r1y_km,r1z_km,r2x_km,r2y_km,r2z_km,tof_days,max_revs\n"
                 "398600,5000,10000,2100,-14600,2500,7000,-1,0\n");
    r = ger("lambert --input " + file.string());
    EXPECT_EQ(r.rc, 1);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("line 2: lambert: tof = -86400"), std::string::npos) << r.err;

    file = write("revs.csv",
                 "mu_km3_s2,r1x_km,r1y_km,r1z_km,r2x_km,r2y_km,r2z_km,tof_days,max_revs\n"
                 "398600,5000,10000,2100,-14600,2500,7000,1,1.5\n");
    r = ger("lambert --input " + file.string());
    EXPECT_EQ(r.rc, 1);
    EXPECT_NE(r.err.find("line 2, column max_revs: '1.5' is not an integer"), std::string::npos) << r.err;
    std::filesystem::remove(file);
}

}  // namespace
}  // namespace ger::astro
