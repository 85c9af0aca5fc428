#include <gtest/gtest.h>

#include "model/enums.hpp"

namespace {

using namespace ger::model;

// Every wire spelling parses back to the enumerator that printed it.
template <class E>
void expect_round_trip() {
    const auto& names = EnumNames<E>::values;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto value = static_cast<E>(i);
        EXPECT_EQ(parse_enum<E>(to_string(value)), value) << names[i];
    }
}

TEST(model_Enums, EverySpellingRoundTrips) {
    expect_round_trip<MissionKind>();
    expect_round_trip<MissionType>();
    expect_round_trip<MissionStatus>();
    expect_round_trip<Commitment>();
    expect_round_trip<CapabilityKind>();
    expect_round_trip<CapabilityStatus>();
    expect_round_trip<VisibilityScope>();
    expect_round_trip<DatePrecision>();
}

TEST(model_Enums, WireSpellings) {
    EXPECT_EQ(to_string(MissionType::sample_return), "sample-return");
    EXPECT_EQ(to_string(VisibilityScope::public_), "public");
    EXPECT_EQ(to_string(CapabilityStatus::concept_), "concept");
    EXPECT_EQ(to_string(CapabilityKind::crew_vehicle), "crew-vehicle");
    EXPECT_EQ(parse_enum<MissionStatus>("cancelled"), MissionStatus::cancelled);
}

TEST(model_Enums, RejectsUnknownAndNearMisses) {
    EXPECT_FALSE(parse_enum<MissionType>("sample_return"));
    EXPECT_FALSE(parse_enum<MissionKind>("Human"));
    EXPECT_FALSE(parse_enum<VisibilityScope>("public_"));
    EXPECT_FALSE(parse_enum<Commitment>(""));
}

TEST(model_Enums, AllowedValuesListsEverySpelling) {
    EXPECT_EQ(allowed_values<MissionKind>(), "human, robotic");
    EXPECT_EQ(allowed_values<VisibilityScope>(), "public, partners, agencies");
}

}  // namespace
