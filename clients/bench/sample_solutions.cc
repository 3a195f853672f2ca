#include "clients/bench/sample_solutions.h"

#include "absl/strings/str_cat.h"

namespace corematch::bench {
namespace {

namespace pb = ::corematch::publishing::v1;

void AddCore(pb::Solution& s, const char* title, const char* description, const char* rationale) {
  pb::CoreElement* core = s.add_core_elements();
  core->set_title(title);
  core->set_description(description);
  core->set_value_rationale(rationale);
}

void AddAdaptable(pb::Solution& s, const char* title, const char* description) {
  pb::AdaptableElement* element = s.add_adaptable_elements();
  element->set_title(title);
  element->set_description(description);
}

void AddPrecondition(pb::Solution& s, pb::PreconditionKind kind, const char* description) {
  pb::Precondition* precondition = s.add_preconditions();
  precondition->set_kind(kind);
  precondition->set_description(description);
}

void AddEvidence(pb::Solution& s, const char* metric, double baseline, double result,
                 const char* unit, const char* period, const char* source) {
  pb::Evidence* evidence = s.add_evidence();
  evidence->set_metric(metric);
  evidence->set_baseline(baseline);
  evidence->set_result(result);
  evidence->set_unit(unit);
  evidence->set_period(period);
  evidence->set_source(source);
}

void SetOrigin(pb::Solution& s, const char* country, const char* region, const char* municipality) {
  s.mutable_origin()->set_country(country);
  s.mutable_origin()->set_region(region);
  s.mutable_origin()->set_municipality(municipality);
}

void SetContact(pb::Solution& s, const char* name, const char* email, const char* url) {
  s.mutable_contact()->set_name(name);
  s.mutable_contact()->set_email(email);
  s.mutable_contact()->set_url(url);
}

pb::Solution Danish(int64_t index) {
  pb::Solution s;
  s.set_title(absl::StrCat("Hverdagsrehabilitering i hjemmeplejen nr. ", index));
  s.set_summary(
      "Ældre borgere, der søger om hjemmehjælp, får først et kort, målrettet forløb med "
      "træning i de hverdagsaktiviteter, de selv ønsker at klare igen.");
  s.set_description(
      "Terapeuter og hjemmehjælpere lægger sammen med borgeren en plan for 8-12 uger. "
      "Hjælpen gives som træning frem for kompensation, og behovet vurderes igen ved "
      "forløbets afslutning.");
  s.set_language("da");
  SetOrigin(s, "DK", "DK032", "Fredericia");
  s.add_sectors("10.2");
  s.add_sectors("07.2");
  s.add_target_groups("ældre, der søger hjemmehjælp");
  s.add_tags("rehabilitering");
  s.add_tags("hjemmepleje");
  AddCore(s, "Borgerens egne mål styrer forløbet",
          "Forløbet tager udgangspunkt i de aktiviteter, borgeren selv vil mestre.",
          "Motivation er det, der får træningen til at virke.");
  AddAdaptable(s, "Forløbets længde", "8-12 uger; kan tilpasses lokale visitationsregler.");
  AddPrecondition(s, pb::PRECONDITION_KIND_COMPETENCE,
                  "Ergoterapeuter og efteruddannede hjemmehjælpere.");
  AddEvidence(s, "borgere uden behov for hjemmehjælp efter forløbet", 0, 45, "%", "2008-2011",
              "Fredericia Kommune, Længst muligt i eget liv");
  s.set_maturity(pb::MATURITY_SCALED);
  SetContact(s, "Sundhed og Omsorg", "sundhed@fredericia.dk", "https://www.fredericia.dk");
  s.set_license("CC-BY-4.0");
  s.set_support_capacity(3);
  return s;
}

pb::Solution Swedish(int64_t index) {
  pb::Solution s;
  s.set_title(absl::StrCat("Jobb Först: arbete eller studier inom 48 timmar nr. ", index));
  s.set_summary(
      "Den som söker ekonomiskt bistånd erbjuds arbete, praktik eller studier inom 48 timmar "
      "i stället för en lång utredning.");
  s.set_description(
      "Socialtjänsten och arbetsmarknadsenheten tar emot den sökande tillsammans. Stödet "
      "följer personen tills egen försörjning är nådd.");
  s.set_language("sv-SE");
  SetOrigin(s, "SE", "SE232", "Göteborg (Angered)");
  s.add_sectors("10.5");
  s.add_sectors("10.7");
  s.add_target_groups("sökande av ekonomiskt bistånd");
  s.add_tags("försörjningsstöd");
  s.add_tags("arbetsmarknad");
  AddCore(s, "Erbjudande inom 48 timmar",
          "Varje sökande får ett konkret erbjudande om arbete eller studier inom två dygn.",
          "Tidig aktivitet bryter biståndsberoende innan det uppstår.");
  AddAdaptable(s, "Samverkanspartner", "Lokala arbetsgivare och vuxenutbildning.");
  AddPrecondition(s, pb::PRECONDITION_KIND_STAFF,
                  "Handläggare med tid för daglig uppföljning av varje sökande.");
  AddEvidence(s, "hushåll med ekonomiskt bistånd", 100, 61, "index", "2015-2017",
              "Spridningsguiden, Göteborgs Stad");
  s.set_maturity(pb::MATURITY_PROVEN);
  SetContact(s, "Angered stadsdelsförvaltning", "jobbforst@goteborg.se",
             "https://goteborg.se/jobbforst");
  s.set_license("CC-BY-4.0");
  s.set_support_capacity(4);
  return s;
}

pb::Solution English(int64_t index) {
  pb::Solution s;
  s.set_title(absl::StrCat("Strengths-based conversations in adult social care no. ", index));
  s.set_summary(
      "Social workers start from what people can do and who can help them, before "
      "assessing them for formal care services.");
  s.set_description(
      "Neighbourhood 'talking points' replace the first assessment with a conversation "
      "in a library or community centre, connecting people to local support.");
  s.set_language("en-GB");
  SetOrigin(s, "GB", "West Yorkshire", "Leeds");
  s.add_sectors("10.1");
  s.add_sectors("10.9");
  s.add_target_groups("adults asking for social care");
  s.add_tags("strengths-based practice");
  s.add_tags("early help");
  AddCore(s, "A conversation before an assessment",
          "The first contact is a conversation about the person's strengths and network.",
          "Most needs are met without formal care, and earlier.");
  AddAdaptable(s, "Where talking points are held", "Any trusted local venue.");
  AddPrecondition(s, pb::PRECONDITION_KIND_COMPETENCE,
                  "Training of social workers in strengths-based practice.");
  AddEvidence(s, "waiting time for a first contact", 42, 7, "days", "2016-2019",
              "Leeds City Council, adult social care annual report");
  s.set_maturity(pb::MATURITY_PROVEN);
  SetContact(s, "Adults and Health", "adults@leeds.gov.uk", "https://www.leeds.gov.uk");
  s.set_license("OGL-3.0");
  s.set_support_capacity(2);
  return s;
}

}  // namespace

publishing::v1::Solution SampleSolution(int64_t index) {
  switch (index % kSampleTemplates) {
    case 0:
      return Danish(index);
    case 1:
      return Swedish(index);
    default:
      return English(index);
  }
}

}  // namespace corematch::bench
