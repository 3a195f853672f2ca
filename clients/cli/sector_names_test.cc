// clients/cli/sector_names_test.cc
#include "clients/cli/sector_names.h"

#include <optional>

#include "clients/cli/country_names.h"
#include "gtest/gtest.h"

namespace corematch::cli {
namespace {

TEST(CofogCodeForSectorNameTest, MapsDivisionNames) {
  EXPECT_EQ(CofogCodeForSectorName("Social protection"), "10");
  EXPECT_EQ(CofogCodeForSectorName("Social Protection"), "10");
  EXPECT_EQ(CofogCodeForSectorName(" Health "), "07");
  EXPECT_EQ(CofogCodeForSectorName("General public services"), "01");
  EXPECT_EQ(CofogCodeForSectorName("Recreation, culture and religion"), "08");
}

TEST(CofogCodeForSectorNameTest, MapsCatalogueSectors) {
  EXPECT_EQ(CofogCodeForSectorName("Agriculture"), "04.2");
  EXPECT_EQ(CofogCodeForSectorName("Climate"), "05");
  EXPECT_EQ(CofogCodeForSectorName("Environment"), "05");
}

TEST(CofogCodeForSectorNameTest, RejectsOtherNames) {
  EXPECT_EQ(CofogCodeForSectorName("Digital/Data/Tech"), std::nullopt);
  EXPECT_EQ(CofogCodeForSectorName(""), std::nullopt);
}

TEST(CountryCodeForNameTest, MapsNamesAndCodes) {
  EXPECT_EQ(CountryCodeForName("DK"), "DK");
  EXPECT_EQ(CountryCodeForName("se"), "SE");
  EXPECT_EQ(CountryCodeForName("UK"), "GB");
  EXPECT_EQ(CountryCodeForName("EL"), "GR");
  EXPECT_EQ(CountryCodeForName("United States of America"), "US");
  EXPECT_EQ(CountryCodeForName("Côte d'Ivoire"), "CI");
  EXPECT_EQ(CountryCodeForName("Åland Islands"), "AX");
  EXPECT_EQ(CountryCodeForName("Eswatini (fmr. 'Swaziland')"), "SZ");
  EXPECT_EQ(CountryCodeForName("Falkland Islands (Malvinas)"), "FK");
  EXPECT_EQ(CountryCodeForName("Kosovo"), std::nullopt);
  EXPECT_EQ(CountryCodeForName("Atlantis"), std::nullopt);
}

}  // namespace
}  // namespace corematch::cli
