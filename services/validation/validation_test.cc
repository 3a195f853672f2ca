#include "services/validation/validation.h"

#include <cstddef>
#include <optional>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/validation/cofog.h"

namespace corematch::validation {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Optional;

// absl::string_view of a literal with embedded NULs keeps them.
template <size_t N>
absl::string_view Bytes(const char (&literal)[N]) {
  return absl::string_view(literal, N - 1);
}

TEST(IsValidUtf8Test, AcceptsAsciiNordicLettersAndAllSequenceLengths) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Jobb Först"));
  EXPECT_TRUE(IsValidUtf8("Æblegrød på Ærø, sjøsyke"));  // Danish and Norwegian
  EXPECT_TRUE(IsValidUtf8("försörjningsstöd, Åsa"));     // Swedish
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));              // € (3 bytes)
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));          // 😀 (4 bytes)
  EXPECT_TRUE(IsValidUtf8(Bytes("a\0b")));               // NUL is a valid code point
}

TEST(IsValidUtf8Test, AcceptsTheBoundariesOfEachRange) {
  EXPECT_TRUE(IsValidUtf8("\x7F"));              // U+007F
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));          // U+0080
  EXPECT_TRUE(IsValidUtf8("\xDF\xBF"));          // U+07FF
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));      // U+0800
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(IsValidUtf8Test, RejectsOverlongEncodings) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // '/' in 2 bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // U+007F in 2 bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/' in 3 bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // U+07FF in 3 bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in 4 bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in 4 bytes
}

TEST(IsValidUtf8Test, RejectsSurrogatesAndValuesAboveTheUnicodeRange) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 for 😀
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));          // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xFE"));
}

TEST(IsValidUtf8Test, RejectsTruncatedAndStraySequences) {
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));           // € without its last byte
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));        // ... at the end of text
  EXPECT_FALSE(IsValidUtf8("\xE2\x82 abc"));       // ... in the middle
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));       // 😀 without its last byte
  EXPECT_FALSE(IsValidUtf8("\xC3"));               // ö without its last byte
  EXPECT_FALSE(IsValidUtf8("\x80"));               // a lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xC3\xB6\xB6"));       // ö and a stray continuation byte
  EXPECT_FALSE(IsValidUtf8("f\xF6rs\xF6rjning"));  // Latin-1, not UTF-8
}

TEST(Utf8LengthTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("försörjningsstöd"), 16u);
  EXPECT_EQ(Utf8Length("Århus"), 5u);
  EXPECT_EQ(Utf8Length("\xE2\x82\xAC"), 1u);
  EXPECT_EQ(Utf8Length("a\xF0\x9F\x98\x80z"), 3u);
}

TEST(IsCountryCodeTest, AcceptsAssignedCodes) {
  for (const char* code : {"DK", "SE", "NO", "FI", "IS", "DE", "GR", "GB", "US", "AD", "ZW", "AX",
                           "SS", "BQ", "CW", "SX"}) {
    EXPECT_TRUE(IsCountryCode(code)) << code;
  }
}

TEST(IsCountryCodeTest, RejectsReservedUnassignedAndMalformedCodes) {
  for (const char* code : {"UK", "EU", "EL", "XK", "AA", "ZZ", "QM", "CS", "YU", "AN", "dk", "Dk",
                           "DNK", "D", "", "D1", "DK "}) {
    EXPECT_FALSE(IsCountryCode(code)) << code;
  }
}

TEST(IsCountryCodeTest, KnowsExactly249Codes) {
  // Every two-letter combination is tried, so a code missing from the table
  // or one the binary search cannot reach shows up as a wrong count.
  int count = 0;
  for (char first = 'A'; first <= 'Z'; ++first) {
    for (char second = 'A'; second <= 'Z'; ++second) {
      if (IsCountryCode(std::string{first, second})) ++count;
    }
  }
  EXPECT_EQ(count, 249);
}

TEST(IsEuMemberTest, KnowsThe27MemberStates) {
  const std::set<std::string> members = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                         "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                                         "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
  ASSERT_EQ(members.size(), 27u);
  for (char first = 'A'; first <= 'Z'; ++first) {
    for (char second = 'A'; second <= 'Z'; ++second) {
      const std::string code{first, second};
      EXPECT_EQ(IsEuMember(code), members.count(code) == 1) << code;
    }
  }
}

TEST(IsEuMemberTest, RejectsNonMembersAndOtherSpellings) {
  for (const char* code : {"NO", "IS", "CH", "GB", "UK", "EL", "EU", "dk", "DNK", ""}) {
    EXPECT_FALSE(IsEuMember(code)) << code;
  }
}

TEST(CheckRegionTest, EmptyRegionIsAlwaysFine) {
  EXPECT_THAT(CheckRegion("DK", ""), IsEmpty());
  EXPECT_THAT(CheckRegion("NO", ""), IsEmpty());
  EXPECT_THAT(CheckRegion("", ""), IsEmpty());
}

TEST(CheckRegionTest, AcceptsNutsCodesOfEveryLevelInsideTheEu) {
  EXPECT_THAT(CheckRegion("DK", "DK0"), IsEmpty());
  EXPECT_THAT(CheckRegion("DK", "DK04"), IsEmpty());
  EXPECT_THAT(CheckRegion("DK", "DK042"), IsEmpty());
  EXPECT_THAT(CheckRegion("SE", "SE232"), IsEmpty());
  EXPECT_THAT(CheckRegion("FR", "FRK26"), IsEmpty());
  EXPECT_THAT(CheckRegion("DE", "DEA"), IsEmpty());
  EXPECT_THAT(CheckRegion("GR", "EL30"), IsEmpty());
}

TEST(CheckRegionTest, RejectsOtherRegionsInsideTheEu) {
  for (const char* region :
       {"DK", "DK0421", "dk042", "DK04a", "DK-042", "SE232", "Midtjylland", "Region Midtjylland"}) {
    EXPECT_THAT(CheckRegion("DK", region), HasSubstr("NUTS code: \"DK\"")) << region;
  }
}

TEST(CheckRegionTest, WantsElForGreece) {
  EXPECT_THAT(CheckRegion("GR", "GR30"), HasSubstr("\"EL\""));
  EXPECT_THAT(CheckRegion("GR", "GR30"), HasSubstr("Greece"));
  // Only Greece differs: nobody else's error mentions it.
  EXPECT_THAT(CheckRegion("DK", "X"), ::testing::Not(HasSubstr("Greece")));
}

TEST(CheckRegionTest, AcceptsFreeTextOutsideTheEu) {
  EXPECT_THAT(CheckRegion("NO", "Vestland"), IsEmpty());
  EXPECT_THAT(CheckRegion("NO", "Trøndelag"), IsEmpty());
  EXPECT_THAT(CheckRegion("IS", "Höfuðborgarsvæðið"), IsEmpty());
  EXPECT_THAT(CheckRegion("GB", "Greater Manchester"), IsEmpty());
  EXPECT_THAT(CheckRegion("", "Nordic countries"), IsEmpty());  // international
  // Lower case is not an EU member code, so the region is free text.
  EXPECT_THAT(CheckRegion("dk", "Midtjylland"), IsEmpty());
}

TEST(CheckRegionTest, LimitsFreeTextTo200CodePoints) {
  EXPECT_THAT(CheckRegion("NO", std::string(200, 'a')), IsEmpty());
  EXPECT_THAT(CheckRegion("NO", std::string(201, 'a')), HasSubstr("at most 200"));
  // 200 two-byte letters are 400 bytes and still fine.
  std::string letters;
  for (int i = 0; i < 200; ++i) letters += "ø";
  EXPECT_THAT(CheckRegion("NO", letters), IsEmpty());
  EXPECT_THAT(CheckRegion("NO", letters + "ø"), HasSubstr("at most 200"));
}

TEST(CheckRegionTest, RejectsControlCharactersAndInvalidUtf8OutsideTheEu) {
  EXPECT_THAT(CheckRegion("NO", "Vest\nland"), HasSubstr("control"));
  EXPECT_THAT(CheckRegion("NO", "Vest\tland"), HasSubstr("control"));
  EXPECT_THAT(CheckRegion("NO", Bytes("Vest\0land")), HasSubstr("control"));
  EXPECT_THAT(CheckRegion("NO", "Vest\x7Fland"), HasSubstr("control"));
  EXPECT_THAT(CheckRegion("NO", "Vest\xC2\x85land"), HasSubstr("control"));  // U+0085 (NEL)
  EXPECT_THAT(CheckRegion("NO", "Tr\xF8ndelag"), HasSubstr("UTF-8"));        // Latin-1
  EXPECT_THAT(CheckRegion("NO", "\xED\xA0\x80"), HasSubstr("UTF-8"));
}

TEST(IsLanguageTagTest, AcceptsTheCommonShapes) {
  for (const char* tag : {"da",
                          "sv",
                          "nb",
                          "nn",
                          "fi",
                          "en",
                          "de",
                          "fil",
                          "sv-SE",
                          "sv-se",
                          "SV-FI",
                          "en-GB",
                          "es-419",
                          "zh-Hant",
                          "zh-Hant-TW",
                          "sr-Latn-RS",
                          "de-CH-1996",
                          "sl-rozaj",
                          "sl-rozaj-biske",
                          "de-1901",
                          "en-US-posix",
                          "de-12345678"}) {
    EXPECT_TRUE(IsLanguageTag(tag)) << tag;
  }
}

TEST(IsLanguageTagTest, RejectsMalformedTags) {
  for (const char* tag : {
           "",                 // empty
           "d",                // language too short
           "dansk",            // 5 letters: a registered-language form outside the subset
           "en_US",            // underscore
           "en-",              // trailing separator
           "-en",              // leading separator
           "en--US",           // empty subtag
           "e1",               // digit in the language
           "en-U",             // region too short
           "en-USA",           // 3-letter region
           "en-12",            // 2-digit region
           "en-US-Latn",       // script after region
           "en-US-GB",         // two regions
           "zh-Hant-Hans",     // two scripts
           "de-abc",           // extended language subtag
           "de-CH-x-foo",      // private use
           "en-u-ca-gregory",  // extension
           "de-abcdefghi",     // 9-character variant
           "de-CH-abcd",       // 4-character variant must start with a digit
           "sv-SE ",           // trailing space
           "sv-\xC3\x85",      // non-ASCII
       }) {
    EXPECT_FALSE(IsLanguageTag(tag)) << tag;
  }
}

TEST(NormalizeLanguageTagTest, AppliesCanonicalCase) {
  EXPECT_EQ(NormalizeLanguageTag("DA"), "da");
  EXPECT_EQ(NormalizeLanguageTag("sv-se"), "sv-SE");
  EXPECT_EQ(NormalizeLanguageTag("SR-latn-rs"), "sr-Latn-RS");
  EXPECT_EQ(NormalizeLanguageTag("zh-HANT"), "zh-Hant");
  EXPECT_EQ(NormalizeLanguageTag("ES-419"), "es-419");
  EXPECT_EQ(NormalizeLanguageTag("DE-ch-1996"), "de-CH-1996");
  EXPECT_EQ(NormalizeLanguageTag("sl-ROZAJ-Biske"), "sl-rozaj-biske");
  EXPECT_EQ(NormalizeLanguageTag("sr-Latn-RS"), "sr-Latn-RS");  // already canonical
}

TEST(NormalizeLanguageTagTest, ReturnsEmptyForMalformedTags) {
  EXPECT_EQ(NormalizeLanguageTag(""), "");
  EXPECT_EQ(NormalizeLanguageTag("en_US"), "");
  EXPECT_EQ(NormalizeLanguageTag("en-"), "");
}

TEST(CofogTest, HasAllDivisionsAndGroupsSortedByCode) {
  const auto all = AllCofog();
  ASSERT_EQ(all.size(), 79u);
  int divisions = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].code.size() == 2) ++divisions;
    EXPECT_FALSE(all[i].name.empty()) << all[i].code;
    if (i > 0) {
      EXPECT_LT(all[i - 1].code, all[i].code);
    }
    // Each group follows its own division.
    if (all[i].code.size() == 4) {
      EXPECT_EQ(all[i].code.substr(0, 3), absl::StrCat(all[i].code.substr(0, 2), "."));
    }
  }
  EXPECT_EQ(divisions, 10);
  EXPECT_EQ(all.front().code, "01");
  EXPECT_EQ(all.back().code, "10.9");
}

TEST(CofogTest, FindsEntriesByExactCode) {
  const struct {
    const char* code;
    const char* name;
  } cases[] = {
      {"01", "General public services"},
      {"03", "Public order and safety"},
      {"07.3", "Hospital services"},
      {"09.1", "Pre-primary and primary education"},
      {"10", "Social protection"},
      {"10.5", "Unemployment"},
      {"10.9", "Social protection n.e.c."},
      {"04.9", "Economic affairs n.e.c."},
      {"01.8", "Transfers of a general character between different levels of government"},
  };
  for (const auto& c : cases) {
    const CofogEntry* entry = FindCofog(c.code);
    ASSERT_NE(entry, nullptr) << c.code;
    EXPECT_EQ(entry->code, c.code);
    EXPECT_EQ(entry->name, c.name);
  }
  // Every entry of the table can be found, which checks the order FindCofog relies on.
  for (const CofogEntry& entry : AllCofog()) EXPECT_EQ(FindCofog(entry.code), &entry);
}

TEST(CofogTest, RejectsCodesNotInTheTable) {
  for (const char* code : {"", "00", "11", "1", "7.3", "073", "07.7", "10.0", "10.10", "01.9",
                           "GF0703", "07.3 ", "10."}) {
    EXPECT_EQ(FindCofog(code), nullptr) << code;
  }
}

TEST(CofogTest, MapsNamesToCodesIgnoringCase) {
  EXPECT_THAT(CofogCodeForName("Social protection"), Optional(std::string("10")));
  EXPECT_THAT(CofogCodeForName("Social Protection"), Optional(std::string("10")));
  EXPECT_THAT(CofogCodeForName("  social protection\n"), Optional(std::string("10")));
  EXPECT_THAT(CofogCodeForName("Unemployment"), Optional(std::string("10.5")));
  EXPECT_THAT(CofogCodeForName("HOSPITAL SERVICES"), Optional(std::string("07.3")));
  EXPECT_THAT(CofogCodeForName("Pre-primary and primary education"), Optional(std::string("09.1")));
  EXPECT_THAT(CofogCodeForName("Housing"), Optional(std::string("10.6")));
}

TEST(CofogTest, MapsDataSetSectorNamesToDivisions) {
  const struct {
    const char* name;
    const char* code;
  } cases[] = {
      {"General public services", "01"},
      {"Defence", "02"},
      {"Defense", "02"},
      {"Public order and safety", "03"},
      {"Public order & safety", "03"},
      {"Economic affairs", "04"},
      {"Environmental protection", "05"},
      {"Environment", "05"},
      {"Housing and community amenities", "06"},
      {"Health", "07"},
      {"Recreation, culture and religion", "08"},
      {"Education", "09"},
      {"Social protection", "10"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(CofogCodeForName(c.name), Optional(std::string(c.code))) << c.name;
  }
}

TEST(CofogTest, ReturnsNulloptForOtherNames) {
  for (const char* name : {"", "Climate", "Digital/Data/Tech", "Agriculture", "Social",
                           "Social protection n.e.c", "10.5", "Arbejdsløshed"}) {
    EXPECT_EQ(CofogCodeForName(name), std::nullopt) << name;
  }
}

}  // namespace
}  // namespace corematch::validation
