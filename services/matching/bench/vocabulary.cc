#include "services/matching/bench/vocabulary.h"

namespace corematch::matching::bench {
namespace {

using S = Sector;
constexpr bool G = true;   // usable as a target group
constexpr bool N = false;  // not

// Columns: Danish, Swedish, Norwegian (bokmål), Finnish, German, English.
// clang-format off
constexpr Concept kConcepts[] = {
    // Employment (COFOG 10.5 unemployment, 04.1 labour affairs).
    {S::kEmployment, G, {"ledige", "arbetslösa", "arbeidsledige", "työttömät", "Arbeitslose", "unemployed"}},
    {S::kEmployment, N, {"job", "jobb", "jobb", "työ", "Arbeit", "job"}},
    {S::kEmployment, N, {"jobcenter", "arbetsförmedlingen", "NAV-kontoret", "TE-toimisto", "Jobcenter", "jobcentre"}},
    {S::kEmployment, N, {"beskæftigelse", "sysselsättning", "sysselsetting", "työllisyys", "Beschäftigung", "employment"}},
    {S::kEmployment, N, {"virksomheder", "företag", "bedrifter", "yritykset", "Unternehmen", "companies"}},
    {S::kEmployment, N, {"arbejdsgivere", "arbetsgivare", "arbeidsgivere", "työnantajat", "Arbeitgeber", "employers"}},
    {S::kEmployment, N, {"ledighed", "arbetslöshet", "arbeidsledighet", "työttömyys", "Arbeitslosigkeit", "unemployment"}},
    {S::kEmployment, N, {"arbejdsmarkedet", "arbetsmarknaden", "arbeidsmarkedet", "työmarkkinat", "Arbeitsmarkt", "labour market"}},
    {S::kEmployment, N, {"praktik", "praktik", "arbeidspraksis", "työkokeilu", "Praktikum", "work placement"}},
    {S::kEmployment, G, {"langtidsledige", "långtidsarbetslösa", "langtidsledige", "pitkäaikaistyöttömät", "Langzeitarbeitslose", "long-term unemployed"}},
    {S::kEmployment, G, {"unge", "unga", "ungdom", "nuoret", "Jugendliche", "young people"}},
    {S::kEmployment, N, {"løntilskud", "lönebidrag", "lønnstilskudd", "palkkatuki", "Lohnkostenzuschuss", "wage subsidy"}},
    {S::kEmployment, N, {"opkvalificering", "kompetensutveckling", "kompetanseheving", "täydennyskoulutus", "Weiterbildung", "upskilling"}},
    {S::kEmployment, N, {"jobsøgning", "jobbsökning", "jobbsøking", "työnhaku", "Stellensuche", "job search"}},
    {S::kEmployment, N, {"jobsamtale", "anställningsintervju", "jobbintervju", "työhaastattelu", "Vorstellungsgespräch", "job interview"}},
    {S::kEmployment, N, {"rekruttering", "rekrytering", "rekruttering", "rekrytointi", "Personalgewinnung", "recruitment"}},
    {S::kEmployment, G, {"flygtninge", "nyanlända", "flyktninger", "maahanmuuttajat", "Geflüchtete", "refugees"}},
    {S::kEmployment, N, {"integration", "integration", "integrering", "kotoutuminen", "Integration", "integration"}},
    {S::kEmployment, N, {"erhvervsuddannelse", "yrkesutbildning", "yrkesopplæring", "ammattikoulutus", "Berufsausbildung", "vocational training"}},
    {S::kEmployment, G, {"lærlinge", "lärlingar", "lærlinger", "oppisopimusopiskelijat", "Auszubildende", "apprentices"}},
    {S::kEmployment, N, {"arbejdsevne", "arbetsförmåga", "arbeidsevne", "työkyky", "Arbeitsfähigkeit", "work ability"}},
    {S::kEmployment, N, {"sygefravær", "sjukfrånvaro", "sykefravær", "sairauspoissaolot", "Krankenstand", "sickness absence"}},
    {S::kEmployment, N, {"jobformidling", "matchning", "jobbformidling", "työnvälitys", "Arbeitsvermittlung", "job matching"}},
    {S::kEmployment, N, {"arbejdskraft", "arbetskraft", "arbeidskraft", "työvoima", "Arbeitskräfte", "labour"}},
    {S::kEmployment, G, {"iværksættere", "entreprenörer", "gründere", "yrittäjät", "Gründer", "entrepreneurs"}},
    {S::kEmployment, N, {"jobkonsulent", "jobbcoach", "jobbkonsulent", "työvalmentaja", "Jobcoach", "job coach"}},
    {S::kEmployment, N, {"CV", "CV", "CV", "ansioluettelo", "Lebenslauf", "CV"}},
    {S::kEmployment, N, {"løn", "lön", "lønn", "palkka", "Lohn", "wages"}},

    // Income support (10.7 social exclusion n.e.c.).
    {S::kIncomeSupport, N, {"kontanthjælp", "försörjningsstöd", "sosialhjelp", "toimeentulotuki", "Sozialhilfe", "income support"}},
    {S::kIncomeSupport, N, {"ydelse", "ersättning", "stønad", "etuus", "Leistung", "benefit"}},
    {S::kIncomeSupport, G, {"kontanthjælpsmodtagere", "biståndsmottagare", "sosialhjelpsmottakere", "toimeentulotuen saajat", "Leistungsbezieher", "benefit recipients"}},
    {S::kIncomeSupport, N, {"ansøgning", "ansökan", "søknad", "hakemus", "Antrag", "application"}},
    {S::kIncomeSupport, N, {"fattigdom", "fattigdom", "fattigdom", "köyhyys", "Armut", "poverty"}},
    {S::kIncomeSupport, N, {"gæld", "skulder", "gjeld", "velat", "Schulden", "debt"}},
    {S::kIncomeSupport, N, {"gældsrådgivning", "skuldrådgivning", "gjeldsrådgivning", "velkaneuvonta", "Schuldnerberatung", "debt counselling"}},
    {S::kIncomeSupport, N, {"økonomi", "ekonomi", "økonomi", "talous", "Finanzen", "finances"}},
    {S::kIncomeSupport, N, {"udbetaling", "utbetalning", "utbetaling", "maksatus", "Auszahlung", "payment"}},
    {S::kIncomeSupport, G, {"husstande", "hushåll", "husholdninger", "kotitaloudet", "Haushalte", "households"}},
    {S::kIncomeSupport, N, {"boligstøtte", "bostadsbidrag", "bostøtte", "asumistuki", "Wohngeld", "housing allowance"}},
    {S::kIncomeSupport, G, {"børnefamilier", "barnfamiljer", "barnefamilier", "lapsiperheet", "Familien mit Kindern", "families with children"}},
    {S::kIncomeSupport, N, {"pension", "pension", "pensjon", "eläke", "Rente", "pension"}},
    {S::kIncomeSupport, N, {"socialrådgivere", "socialsekreterare", "sosialarbeidere", "sosiaalityöntekijät", "Sozialarbeiter", "social workers"}},
    {S::kIncomeSupport, N, {"socialforvaltningen", "socialtjänsten", "sosialtjenesten", "sosiaalitoimi", "Sozialamt", "social services"}},
    {S::kIncomeSupport, N, {"selvforsørgelse", "självförsörjning", "selvforsørgelse", "omavaraisuus", "Eigenständigkeit", "self-sufficiency"}},
    {S::kIncomeSupport, N, {"aktivering", "aktivering", "aktivitetsplikt", "aktivointi", "Aktivierung", "activation"}},
    {S::kIncomeSupport, N, {"sanktioner", "sanktioner", "sanksjoner", "seuraamukset", "Sanktionen", "sanctions"}},
    {S::kIncomeSupport, N, {"socialt bedrageri", "bidragsfusk", "trygdesvindel", "väärinkäytökset", "Leistungsmissbrauch", "benefit fraud"}},
    {S::kIncomeSupport, N, {"sagsbehandling", "handläggning", "saksbehandling", "käsittely", "Sachbearbeitung", "case handling"}},
    {S::kIncomeSupport, N, {"sagsbehandlere", "handläggare", "saksbehandlere", "käsittelijät", "Sachbearbeiter", "caseworkers"}},
    {S::kIncomeSupport, G, {"udsatte", "utsatta", "utsatte", "haavoittuvat", "Benachteiligte", "vulnerable people"}},
    {S::kIncomeSupport, N, {"marginalisering", "utanförskap", "utenforskap", "syrjäytyminen", "Ausgrenzung", "social exclusion"}},
    {S::kIncomeSupport, G, {"enlige forsørgere", "ensamstående föräldrar", "aleneforeldre", "yksinhuoltajat", "Alleinerziehende", "single parents"}},
    {S::kIncomeSupport, N, {"rådgivning", "rådgivning", "veiledning", "neuvonta", "Beratung", "counselling"}},

    // Elderly care (10.2 old age).
    {S::kElderlyCare, G, {"ældre", "äldre", "eldre", "ikääntyneet", "Senioren", "older people"}},
    {S::kElderlyCare, N, {"ældrepleje", "äldreomsorg", "eldreomsorg", "vanhustenhoito", "Altenpflege", "elderly care"}},
    {S::kElderlyCare, N, {"hjemmepleje", "hemtjänst", "hjemmetjenester", "kotihoito", "ambulante Pflege", "home care"}},
    {S::kElderlyCare, N, {"plejehjem", "äldreboende", "sykehjem", "hoivakoti", "Pflegeheim", "nursing home"}},
    {S::kElderlyCare, N, {"demens", "demens", "demens", "muistisairaus", "Demenz", "dementia"}},
    {S::kElderlyCare, N, {"ensomhed", "ensamhet", "ensomhet", "yksinäisyys", "Einsamkeit", "loneliness"}},
    {S::kElderlyCare, N, {"velfærdsteknologi", "välfärdsteknik", "velferdsteknologi", "hyvinvointiteknologia", "Pflegetechnologie", "welfare technology"}},
    {S::kElderlyCare, N, {"faldforebyggelse", "fallprevention", "fallforebygging", "kaatumisten ehkäisy", "Sturzprävention", "fall prevention"}},
    {S::kElderlyCare, N, {"genoptræning", "rehabilitering", "rehabilitering", "kuntoutus", "Rehabilitation", "rehabilitation"}},
    {S::kElderlyCare, N, {"hverdagsrehabilitering", "vardagsrehabilitering", "hverdagsrehabilitering", "arkikuntoutus", "Alltagsrehabilitation", "reablement"}},
    {S::kElderlyCare, G, {"pårørende", "anhöriga", "pårørende", "omaiset", "Angehörige", "relatives"}},
    {S::kElderlyCare, N, {"plejepersonale", "vårdpersonal", "pleiepersonell", "hoitohenkilöstö", "Pflegepersonal", "care staff"}},
    {S::kElderlyCare, N, {"hjælpemidler", "hjälpmedel", "hjelpemidler", "apuvälineet", "Hilfsmittel", "assistive devices"}},
    {S::kElderlyCare, N, {"nødkald", "trygghetslarm", "trygghetsalarm", "turvapuhelin", "Hausnotruf", "personal alarm"}},
    {S::kElderlyCare, N, {"medicin", "läkemedel", "medisiner", "lääkkeet", "Medikamente", "medication"}},
    {S::kElderlyCare, N, {"madservice", "matdistribution", "matombringing", "ateriapalvelu", "Mahlzeitendienst", "meal service"}},
    {S::kElderlyCare, N, {"besøg", "besök", "besøk", "käynnit", "Besuche", "visits"}},
    {S::kElderlyCare, N, {"selvhjulpenhed", "självständighet", "selvstendighet", "omatoimisuus", "Selbstständigkeit", "independence"}},
    {S::kElderlyCare, G, {"pensionister", "pensionärer", "pensjonister", "eläkeläiset", "Rentner", "pensioners"}},
    {S::kElderlyCare, N, {"palliation", "palliativ vård", "lindrende behandling", "saattohoito", "Palliativversorgung", "palliative care"}},
    {S::kElderlyCare, N, {"dagcenter", "dagverksamhet", "dagsenter", "päivätoimintakeskus", "Tagespflege", "day centre"}},
    {S::kElderlyCare, N, {"skærmbesøg", "digital tillsyn", "skjermbesøk", "etäkäynnit", "Videobesuche", "video visits"}},
    {S::kElderlyCare, N, {"ernæring", "kost", "ernæring", "ravitsemus", "Ernährung", "nutrition"}},
    {S::kElderlyCare, N, {"robotter", "robotar", "roboter", "robotit", "Roboter", "robots"}},
    {S::kElderlyCare, N, {"sensorer", "sensorer", "sensorer", "anturit", "Sensoren", "sensors"}},
    {S::kElderlyCare, N, {"hjemmesygepleje", "hemsjukvård", "hjemmesykepleie", "kotisairaanhoito", "Hauskrankenpflege", "home nursing"}},

    // Disability (10.1 sickness and disability).
    {S::kDisability, N, {"handicap", "funktionsnedsättning", "funksjonsnedsettelse", "vamma", "Behinderung", "disability"}},
    {S::kDisability, G, {"borgere med handicap", "personer med funktionsnedsättning", "personer med funksjonsnedsettelse", "vammaiset", "Menschen mit Behinderung", "people with disabilities"}},
    {S::kDisability, N, {"tilgængelighed", "tillgänglighet", "tilgjengelighet", "saavutettavuus", "Barrierefreiheit", "accessibility"}},
    {S::kDisability, N, {"kørestol", "rullstol", "rullestol", "pyörätuoli", "Rollstuhl", "wheelchair"}},
    {S::kDisability, N, {"autisme", "autism", "autisme", "autismi", "Autismus", "autism"}},
    {S::kDisability, N, {"udviklingshæmning", "intellektuell funktionsnedsättning", "utviklingshemming", "kehitysvamma", "geistige Behinderung", "intellectual disability"}},
    {S::kDisability, N, {"bosteder", "gruppbostäder", "bofellesskap", "asumisyksiköt", "Wohngruppen", "group homes"}},
    {S::kDisability, N, {"psykiatri", "psykiatri", "psykiatri", "psykiatria", "Psychiatrie", "psychiatry"}},
    {S::kDisability, N, {"handicapkørsel", "färdtjänst", "TT-tjeneste", "kuljetuspalvelu", "Fahrdienst", "transport service"}},
    {S::kDisability, N, {"tegnsprog", "teckenspråk", "tegnspråk", "viittomakieli", "Gebärdensprache", "sign language"}},
    {S::kDisability, G, {"blinde", "blinda", "blinde", "sokeat", "Blinde", "blind people"}},
    {S::kDisability, G, {"døve", "döva", "døve", "kuurot", "Gehörlose", "deaf people"}},
    {S::kDisability, N, {"inklusion", "inkludering", "inkludering", "osallisuus", "Inklusion", "inclusion"}},
    {S::kDisability, N, {"dagtilbud", "daglig verksamhet", "dagtilbud", "päivätoiminta", "Tagesförderung", "day services"}},
    {S::kDisability, N, {"personlig assistance", "personlig assistans", "personlig assistanse", "henkilökohtainen apu", "persönliche Assistenz", "personal assistance"}},
    {S::kDisability, N, {"støtte", "stöd", "støtte", "tuki", "Unterstützung", "support"}},
    {S::kDisability, N, {"ledsagelse", "ledsagning", "ledsager", "saattajapalvelu", "Begleitung", "escort service"}},

    // Family and children (10.4).
    {S::kFamily, G, {"børn", "barn", "barn", "lapset", "Kinder", "children"}},
    {S::kFamily, G, {"familier", "familjer", "familier", "perheet", "Familien", "families"}},
    {S::kFamily, G, {"forældre", "föräldrar", "foreldre", "vanhemmat", "Eltern", "parents"}},
    {S::kFamily, N, {"daginstitution", "förskola", "barnehage", "päiväkoti", "Kita", "kindergarten"}},
    {S::kFamily, N, {"anbringelse", "placering", "fosterhjem", "sijaishuolto", "Pflegefamilie", "foster care"}},
    {S::kFamily, N, {"tidlig indsats", "tidiga insatser", "tidlig innsats", "varhainen tuki", "Frühe Hilfen", "early intervention"}},
    {S::kFamily, N, {"graviditet", "graviditet", "svangerskap", "raskaus", "Schwangerschaft", "pregnancy"}},
    {S::kFamily, N, {"sundhedsplejerske", "barnmorska", "helsesykepleier", "terveydenhoitaja", "Hebamme", "health visitor"}},
    {S::kFamily, G, {"spædbørn", "spädbarn", "spedbarn", "vauvat", "Säuglinge", "infants"}},
    {S::kFamily, N, {"forældreskab", "föräldraskap", "foreldreskap", "vanhemmuus", "Elternschaft", "parenting"}},
    {S::kFamily, N, {"vold", "våld", "vold", "väkivalta", "Gewalt", "violence"}},
    {S::kFamily, N, {"familierådgivning", "familjerådgivning", "familievern", "perheneuvola", "Familienberatung", "family counselling"}},
    {S::kFamily, N, {"fritid", "fritid", "fritid", "vapaa-aika", "Freizeit", "leisure"}},
    {S::kFamily, N, {"skilsmisse", "skilsmässa", "samlivsbrudd", "avioero", "Scheidung", "divorce"}},
    {S::kFamily, N, {"underretninger", "orosanmälningar", "bekymringsmeldinger", "lastensuojeluilmoitukset", "Gefährdungsmeldungen", "child protection reports"}},
    {S::kFamily, G, {"udsatte børn", "utsatta barn", "utsatte barn", "lastensuojelun asiakkaat", "gefährdete Kinder", "children at risk"}},

    // Schools (09.1 pre-primary and primary, 09.2 secondary).
    {S::kSchools, N, {"skole", "skola", "skole", "koulu", "Schule", "school"}},
    {S::kSchools, G, {"elever", "elever", "elever", "oppilaat", "Schüler", "pupils"}},
    {S::kSchools, G, {"lærere", "lärare", "lærere", "opettajat", "Lehrkräfte", "teachers"}},
    {S::kSchools, N, {"undervisning", "undervisning", "undervisning", "opetus", "Unterricht", "teaching"}},
    {S::kSchools, N, {"læring", "lärande", "læring", "oppiminen", "Lernen", "learning"}},
    {S::kSchools, N, {"fravær", "frånvaro", "fravær", "poissaolot", "Fehlzeiten", "absence"}},
    {S::kSchools, N, {"frafald", "avhopp", "frafall", "keskeyttäminen", "Schulabbruch", "dropout"}},
    {S::kSchools, N, {"læsning", "läsning", "lesing", "lukutaito", "Lesen", "reading"}},
    {S::kSchools, N, {"matematik", "matematik", "matematikk", "matematiikka", "Mathematik", "mathematics"}},
    {S::kSchools, N, {"specialundervisning", "specialpedagogik", "spesialundervisning", "erityisopetus", "Förderunterricht", "special needs education"}},
    {S::kSchools, N, {"trivsel", "trivsel", "trivsel", "kouluviihtyvyys", "Wohlbefinden", "wellbeing"}},
    {S::kSchools, N, {"mobning", "mobbning", "mobbing", "kiusaaminen", "Mobbing", "bullying"}},
    {S::kSchools, N, {"lektier", "läxor", "lekser", "läksyt", "Hausaufgaben", "homework"}},
    {S::kSchools, N, {"gymnasium", "gymnasiet", "videregående skole", "lukio", "Gymnasium", "upper secondary school"}},
    {S::kSchools, N, {"folkeskole", "grundskola", "grunnskole", "peruskoulu", "Grundschule", "primary school"}},
    {S::kSchools, N, {"læringsplatform", "lärplattform", "læringsplattform", "oppimisalusta", "Lernplattform", "learning platform"}},
    {S::kSchools, N, {"skolemad", "skollunch", "skolemat", "kouluruoka", "Schulessen", "school meals"}},
    {S::kSchools, N, {"pædagogik", "pedagogik", "pedagogikk", "pedagogiikka", "Pädagogik", "pedagogy"}},
    {S::kSchools, N, {"læreplaner", "läroplan", "læreplan", "opetussuunnitelma", "Lehrplan", "curriculum"}},
    {S::kSchools, N, {"karakterer", "betyg", "karakterer", "arvosanat", "Noten", "grades"}},
    {S::kSchools, N, {"sprogstimulering", "språkutveckling", "språkopplæring", "kielituki", "Sprachförderung", "language support"}},
    {S::kSchools, N, {"studievejledning", "studievägledning", "rådgivningstjeneste", "opinto-ohjaus", "Berufsberatung", "career guidance"}},
    {S::kSchools, N, {"skolebus", "skolskjuts", "skoleskyss", "koulukuljetus", "Schulbus", "school transport"}},
    {S::kSchools, N, {"skoleledere", "rektorer", "rektorer", "rehtorit", "Schulleitungen", "head teachers"}},
    {S::kSchools, N, {"klasseværelse", "klassrum", "klasserom", "luokkahuone", "Klassenzimmer", "classroom"}},
    {S::kSchools, N, {"tablets", "surfplattor", "nettbrett", "tabletit", "Tablets", "tablets"}},

    // Health (07.2 outpatient, 07.3 hospital, 07.4 public health).
    {S::kHealth, N, {"sundhed", "hälsa", "helse", "terveys", "Gesundheit", "health"}},
    {S::kHealth, G, {"patienter", "patienter", "pasienter", "potilaat", "Patienten", "patients"}},
    {S::kHealth, N, {"hospital", "sjukhus", "sykehus", "sairaala", "Krankenhaus", "hospital"}},
    {S::kHealth, N, {"behandling", "behandling", "behandling", "hoito", "Behandlung", "treatment"}},
    {S::kHealth, N, {"læge", "läkare", "lege", "lääkäri", "Arzt", "doctor"}},
    {S::kHealth, N, {"almen praksis", "vårdcentral", "fastlege", "terveyskeskus", "Hausarztpraxis", "primary care"}},
    {S::kHealth, N, {"sygeplejersker", "sjuksköterskor", "sykepleiere", "sairaanhoitajat", "Pflegekräfte", "nurses"}},
    {S::kHealth, N, {"forebyggelse", "förebyggande", "forebygging", "ennaltaehkäisy", "Prävention", "prevention"}},
    {S::kHealth, N, {"akutmodtagelse", "akutmottagning", "legevakt", "päivystys", "Notaufnahme", "emergency department"}},
    {S::kHealth, N, {"ventetid", "väntetid", "ventetid", "jonotusaika", "Wartezeit", "waiting time"}},
    {S::kHealth, N, {"telemedicin", "telemedicin", "telemedisin", "etälääketiede", "Telemedizin", "telemedicine"}},
    {S::kHealth, N, {"diabetes", "diabetes", "diabetes", "diabetes", "Diabetes", "diabetes"}},
    {S::kHealth, N, {"kronisk sygdom", "kronisk sjukdom", "kronisk sykdom", "pitkäaikaissairaus", "chronische Krankheit", "chronic illness"}},
    {S::kHealth, G, {"kronikere", "kroniskt sjuka", "kronisk syke", "pitkäaikaissairaat", "chronisch Kranke", "chronically ill"}},
    {S::kHealth, N, {"vaccination", "vaccination", "vaksinasjon", "rokotus", "Impfung", "vaccination"}},
    {S::kHealth, N, {"mental sundhed", "psykisk hälsa", "psykisk helse", "mielenterveys", "psychische Gesundheit", "mental health"}},
    {S::kHealth, N, {"depression", "depression", "depresjon", "masennus", "Depression", "depression"}},
    {S::kHealth, N, {"angst", "ångest", "angst", "ahdistus", "Angststörung", "anxiety"}},
    {S::kHealth, N, {"rygning", "rökning", "røyking", "tupakointi", "Rauchen", "smoking"}},
    {S::kHealth, N, {"alkohol", "alkohol", "alkohol", "alkoholi", "Alkohol", "alcohol"}},
    {S::kHealth, N, {"misbrug", "missbruk", "rusmisbruk", "päihteet", "Sucht", "addiction"}},
    {S::kHealth, N, {"motion", "motion", "fysisk aktivitet", "liikunta", "Bewegung", "exercise"}},
    {S::kHealth, N, {"overvægt", "övervikt", "overvekt", "ylipaino", "Übergewicht", "obesity"}},
    {S::kHealth, N, {"udskrivelse", "utskrivning", "utskrivning", "kotiutus", "Entlassung", "discharge"}},
    {S::kHealth, N, {"genindlæggelser", "återinskrivningar", "reinnleggelser", "uusintakäynnit", "Wiederaufnahmen", "readmissions"}},
    {S::kHealth, N, {"hjemmemonitorering", "egenmonitorering", "hjemmeoppfølging", "etäseuranta", "Fernüberwachung", "remote monitoring"}},
    {S::kHealth, N, {"patientjournal", "journal", "pasientjournal", "potilaskertomus", "Patientenakte", "health record"}},
    {S::kHealth, N, {"apotek", "apotek", "apotek", "apteekki", "Apotheke", "pharmacy"}},
    {S::kHealth, N, {"diagnose", "diagnos", "diagnose", "diagnoosi", "Diagnose", "diagnosis"}},
    {S::kHealth, N, {"psykologer", "psykologer", "psykologer", "psykologit", "Psychologen", "psychologists"}},
    {S::kHealth, N, {"screening", "screening", "screening", "seulonta", "Vorsorgeuntersuchung", "screening"}},
    {S::kHealth, N, {"ambulance", "ambulans", "ambulanse", "ambulanssi", "Rettungswagen", "ambulance"}},

    // Housing (06.1 housing development, 10.6 housing).
    {S::kHousing, N, {"bolig", "bostad", "bolig", "asunto", "Wohnung", "housing"}},
    {S::kHousing, N, {"hjemløshed", "hemlöshet", "bostedsløshet", "asunnottomuus", "Obdachlosigkeit", "homelessness"}},
    {S::kHousing, G, {"hjemløse", "hemlösa", "bostedsløse", "asunnottomat", "Obdachlose", "homeless people"}},
    {S::kHousing, N, {"bolig først", "bostad först", "bolig først", "asunto ensin", "Housing First", "housing first"}},
    {S::kHousing, N, {"almene boliger", "allmännyttan", "kommunale boliger", "vuokra-asunnot", "Sozialwohnungen", "social housing"}},
    {S::kHousing, G, {"lejere", "hyresgäster", "leietakere", "vuokralaiset", "Mieter", "tenants"}},
    {S::kHousing, N, {"udlejere", "hyresvärdar", "utleiere", "vuokranantajat", "Vermieter", "landlords"}},
    {S::kHousing, N, {"udsættelser", "vräkningar", "utkastelser", "häädöt", "Zwangsräumungen", "evictions"}},
    {S::kHousing, N, {"boligområde", "bostadsområde", "boligområde", "asuinalue", "Wohnviertel", "neighbourhood"}},
    {S::kHousing, N, {"renovering", "renovering", "renovering", "peruskorjaus", "Sanierung", "renovation"}},
    {S::kHousing, N, {"byggeri", "byggande", "bygging", "rakentaminen", "Bauwesen", "construction"}},
    {S::kHousing, N, {"byggetilladelse", "bygglov", "byggetillatelse", "rakennuslupa", "Baugenehmigung", "building permit"}},
    {S::kHousing, N, {"byplanlægning", "stadsplanering", "byplanlegging", "kaupunkisuunnittelu", "Stadtplanung", "urban planning"}},
    {S::kHousing, N, {"lokalplan", "detaljplan", "reguleringsplan", "asemakaava", "Bebauungsplan", "zoning plan"}},
    {S::kHousing, N, {"botilbud", "boendestöd", "botilbud", "tuettu asuminen", "betreutes Wohnen", "supported housing"}},
    {S::kHousing, N, {"herberg", "härbärge", "akuttbolig", "hätämajoitus", "Notunterkunft", "shelter"}},
    {S::kHousing, N, {"huslejerestance", "hyresskuld", "husleierestanse", "vuokrarästit", "Mietschulden", "rent arrears"}},
    {S::kHousing, G, {"beboere", "boende", "beboere", "asukkaat", "Bewohner", "residents"}},
    {S::kHousing, N, {"ejendomme", "fastigheter", "eiendommer", "kiinteistöt", "Immobilien", "properties"}},
    {S::kHousing, N, {"husleje", "hyra", "husleie", "vuokra", "Miete", "rent"}},

    // Climate and environment (05.1 waste, 05.3 pollution, 05.4 biodiversity, 04.3 energy).
    {S::kClimate, N, {"klima", "klimat", "klima", "ilmasto", "Klima", "climate"}},
    {S::kClimate, N, {"klimatilpasning", "klimatanpassning", "klimatilpasning", "ilmastosopeutuminen", "Klimaanpassung", "climate adaptation"}},
    {S::kClimate, N, {"udledning", "utsläpp", "utslipp", "päästöt", "Emissionen", "emissions"}},
    {S::kClimate, N, {"CO2", "koldioxid", "CO2", "hiilidioksidi", "CO2", "carbon dioxide"}},
    {S::kClimate, N, {"energi", "energi", "energi", "energia", "Energie", "energy"}},
    {S::kClimate, N, {"energieffektivisering", "energieffektivisering", "energieffektivisering", "energiatehokkuus", "Energieeffizienz", "energy efficiency"}},
    {S::kClimate, N, {"solceller", "solceller", "solceller", "aurinkopaneelit", "Photovoltaik", "solar panels"}},
    {S::kClimate, N, {"varmepumper", "värmepumpar", "varmepumper", "lämpöpumput", "Wärmepumpen", "heat pumps"}},
    {S::kClimate, N, {"fjernvarme", "fjärrvärme", "fjernvarme", "kaukolämpö", "Fernwärme", "district heating"}},
    {S::kClimate, N, {"affald", "avfall", "avfall", "jäte", "Abfall", "waste"}},
    {S::kClimate, N, {"genbrug", "återvinning", "gjenvinning", "kierrätys", "Recycling", "recycling"}},
    {S::kClimate, N, {"affaldssortering", "källsortering", "kildesortering", "lajittelu", "Mülltrennung", "waste sorting"}},
    {S::kClimate, N, {"cirkulær økonomi", "cirkulär ekonomi", "sirkulær økonomi", "kiertotalous", "Kreislaufwirtschaft", "circular economy"}},
    {S::kClimate, N, {"oversvømmelser", "översvämningar", "flom", "tulvat", "Hochwasser", "flooding"}},
    {S::kClimate, N, {"regnvand", "dagvatten", "overvann", "hulevedet", "Regenwasser", "stormwater"}},
    {S::kClimate, N, {"biodiversitet", "biologisk mångfald", "naturmangfold", "luonnon monimuotoisuus", "Artenvielfalt", "biodiversity"}},
    {S::kClimate, N, {"grønne områder", "grönområden", "grøntområder", "viheralueet", "Grünflächen", "green spaces"}},
    {S::kClimate, N, {"træer", "träd", "trær", "puut", "Bäume", "trees"}},
    {S::kClimate, N, {"luftkvalitet", "luftkvalitet", "luftkvalitet", "ilmanlaatu", "Luftqualität", "air quality"}},
    {S::kClimate, N, {"spildevand", "avloppsvatten", "avløpsvann", "jätevesi", "Abwasser", "wastewater"}},
    {S::kClimate, N, {"drikkevand", "dricksvatten", "drikkevann", "juomavesi", "Trinkwasser", "drinking water"}},
    {S::kClimate, N, {"elbiler", "elbilar", "elbiler", "sähköautot", "Elektroautos", "electric cars"}},
    {S::kClimate, N, {"ladestandere", "laddstolpar", "ladestasjoner", "latauspisteet", "Ladesäulen", "charging points"}},
    {S::kClimate, N, {"bæredygtighed", "hållbarhet", "bærekraft", "kestävyys", "Nachhaltigkeit", "sustainability"}},
    {S::kClimate, N, {"madspild", "matsvinn", "matsvinn", "ruokahävikki", "Lebensmittelverschwendung", "food waste"}},
    {S::kClimate, N, {"klimaplan", "klimatplan", "klimaplan", "ilmasto-ohjelma", "Klimaschutzplan", "climate plan"}},

    // Transport (04.5).
    {S::kTransport, N, {"kollektiv trafik", "kollektivtrafik", "kollektivtransport", "joukkoliikenne", "Nahverkehr", "public transport"}},
    {S::kTransport, N, {"busser", "bussar", "busser", "bussit", "Busse", "buses"}},
    {S::kTransport, N, {"cykling", "cykling", "sykling", "pyöräily", "Radverkehr", "cycling"}},
    {S::kTransport, N, {"cykelstier", "cykelbanor", "sykkelveier", "pyörätiet", "Radwege", "cycle paths"}},
    {S::kTransport, N, {"trafik", "trafik", "trafikk", "liikenne", "Verkehr", "traffic"}},
    {S::kTransport, N, {"trafiksikkerhed", "trafiksäkerhet", "trafikksikkerhet", "liikenneturvallisuus", "Verkehrssicherheit", "road safety"}},
    {S::kTransport, N, {"parkering", "parkering", "parkering", "pysäköinti", "Parken", "parking"}},
    {S::kTransport, N, {"mobilitet", "mobilitet", "mobilitet", "liikkuminen", "Mobilität", "mobility"}},
    {S::kTransport, N, {"flextrafik", "anropsstyrd trafik", "bestillingstransport", "kutsuliikenne", "Rufbus", "demand-responsive transport"}},
    {S::kTransport, N, {"billetter", "biljetter", "billetter", "liput", "Fahrkarten", "tickets"}},
    {S::kTransport, N, {"veje", "vägar", "veier", "tiet", "Straßen", "roads"}},
    {S::kTransport, N, {"landdistrikter", "landsbygden", "distriktene", "maaseutu", "ländlicher Raum", "rural areas"}},
    {S::kTransport, G, {"pendlere", "pendlare", "pendlere", "työmatkalaiset", "Pendler", "commuters"}},
    {S::kTransport, N, {"samkørsel", "samåkning", "samkjøring", "kimppakyyti", "Fahrgemeinschaften", "car sharing"}},

    // Digital services and general administration (01.3 general services).
    {S::kDigital, N, {"digitalisering", "digitalisering", "digitalisering", "digitalisaatio", "Digitalisierung", "digitalisation"}},
    {S::kDigital, N, {"selvbetjening", "självservice", "selvbetjening", "itsepalvelu", "Selbstbedienung", "self-service"}},
    {S::kDigital, N, {"borgerportal", "e-tjänst", "innbyggerportal", "asiointipalvelu", "Bürgerportal", "citizen portal"}},
    {S::kDigital, N, {"chatbot", "chattbot", "chatbot", "chatbotti", "Chatbot", "chatbot"}},
    {S::kDigital, N, {"kunstig intelligens", "artificiell intelligens", "kunstig intelligens", "tekoäly", "künstliche Intelligenz", "artificial intelligence"}},
    {S::kDigital, N, {"automatisering", "automatisering", "automatisering", "automaatio", "Automatisierung", "automation"}},
    {S::kDigital, N, {"softwarerobotter", "mjukvarurobotar", "programvareroboter", "ohjelmistorobotit", "Softwareroboter", "software robots"}},
    {S::kDigital, N, {"data", "data", "data", "data", "Daten", "data"}},
    {S::kDigital, N, {"åbne data", "öppna data", "åpne data", "avoin data", "offene Daten", "open data"}},
    {S::kDigital, N, {"cloud", "molntjänster", "skytjenester", "pilvipalvelut", "Cloud", "cloud services"}},
    {S::kDigital, N, {"it-system", "IT-system", "IT-system", "tietojärjestelmä", "IT-System", "IT system"}},
    {S::kDigital, N, {"interoperabilitet", "interoperabilitet", "samhandling", "yhteentoimivuus", "Interoperabilität", "interoperability"}},
    {S::kDigital, N, {"MitID", "BankID", "ID-porten", "tunnistautuminen", "eID", "digital identity"}},
    {S::kDigital, N, {"databeskyttelse", "dataskydd", "personvern", "tietosuoja", "Datenschutz", "data protection"}},
    {S::kDigital, N, {"informationssikkerhed", "informationssäkerhet", "informasjonssikkerhet", "tietoturva", "Informationssicherheit", "information security"}},
    {S::kDigital, N, {"app", "app", "app", "sovellus", "App", "app"}},
    {S::kDigital, N, {"hjemmeside", "webbplats", "nettside", "verkkosivusto", "Webseite", "website"}},
    {S::kDigital, G, {"brugere", "användare", "brukere", "käyttäjät", "Nutzer", "users"}},
    {S::kDigital, N, {"brugeroplevelse", "användarupplevelse", "brukeropplevelse", "käyttökokemus", "Nutzererfahrung", "user experience"}},
    {S::kDigital, N, {"sagssystem", "ärendehanteringssystem", "saksbehandlingssystem", "asianhallintajärjestelmä", "Vorgangsbearbeitungssystem", "case management system"}},
    {S::kDigital, N, {"digital post", "digital brevlåda", "digital postkasse", "Suomi.fi-viestit", "digitale Post", "digital mail"}},
    {S::kDigital, N, {"videomøder", "videomöten", "videomøter", "videoneuvottelut", "Videokonferenzen", "video meetings"}},
    {S::kDigital, N, {"algoritmer", "algoritmer", "algoritmer", "algoritmit", "Algorithmen", "algorithms"}},
    {S::kDigital, N, {"dashboard", "instrumentpanel", "dashbord", "koontinäkymä", "Dashboard", "dashboard"}},
    {S::kDigital, N, {"indkøb", "upphandling", "anskaffelse", "hankinta", "Beschaffung", "procurement"}},
    {S::kDigital, N, {"open source", "öppen källkod", "åpen kildekode", "avoin lähdekoodi", "Open Source", "open source"}},
    {S::kDigital, N, {"digital inklusion", "digital delaktighet", "digital inkludering", "digituki", "digitale Teilhabe", "digital inclusion"}},

    // Public order and safety (03.1 police, 03.2 fire protection).
    {S::kSafety, N, {"politi", "polis", "politi", "poliisi", "Polizei", "police"}},
    {S::kSafety, N, {"kriminalitet", "brottslighet", "kriminalitet", "rikollisuus", "Kriminalität", "crime"}},
    {S::kSafety, N, {"kriminalitetsforebyggelse", "brottsförebyggande", "kriminalitetsforebygging", "rikoksentorjunta", "Kriminalprävention", "crime prevention"}},
    {S::kSafety, N, {"brand", "brand", "brann", "tulipalo", "Brand", "fire"}},
    {S::kSafety, N, {"brandvæsen", "räddningstjänst", "brannvesen", "pelastuslaitos", "Feuerwehr", "fire service"}},
    {S::kSafety, N, {"beredskab", "beredskap", "beredskap", "valmius", "Katastrophenschutz", "preparedness"}},
    {S::kSafety, N, {"bander", "gäng", "gjenger", "jengit", "Banden", "gangs"}},
    {S::kSafety, N, {"tryghed", "trygghet", "trygghet", "turvallisuus", "Sicherheit", "safety"}},
    {S::kSafety, N, {"gadebelysning", "gatubelysning", "gatelys", "katuvalaistus", "Straßenbeleuchtung", "street lighting"}},
    {S::kSafety, N, {"ungdomskriminalitet", "ungdomsbrottslighet", "ungdomskriminalitet", "nuorisorikollisuus", "Jugendkriminalität", "youth crime"}},
    {S::kSafety, N, {"radikalisering", "radikalisering", "radikalisering", "radikalisoituminen", "Radikalisierung", "radicalisation"}},
    {S::kSafety, N, {"overvågning", "övervakning", "overvåking", "valvonta", "Überwachung", "surveillance"}},
    {S::kSafety, N, {"fængsel", "fängelse", "fengsel", "vankila", "Gefängnis", "prison"}},
    {S::kSafety, N, {"tilbagefald", "återfall", "tilbakefall", "uusintarikollisuus", "Rückfall", "reoffending"}},
    {S::kSafety, G, {"indsatte", "intagna", "innsatte", "vangit", "Inhaftierte", "inmates"}},
    {S::kSafety, N, {"SSP-samarbejde", "SSPF-samverkan", "SLT-samarbeid", "Ankkuritoiminta", "Präventionsrat", "school-police cooperation"}},

    // Recreation and culture (08.1 recreation and sport, 08.2 culture).
    {S::kCulture, N, {"bibliotek", "bibliotek", "bibliotek", "kirjasto", "Bibliothek", "library"}},
    {S::kCulture, N, {"kultur", "kultur", "kultur", "kulttuuri", "Kultur", "culture"}},
    {S::kCulture, N, {"idræt", "idrott", "idrett", "urheilu", "Sport", "sports"}},
    {S::kCulture, N, {"foreninger", "föreningar", "foreninger", "yhdistykset", "Vereine", "associations"}},
    {S::kCulture, G, {"frivillige", "frivilliga", "frivillige", "vapaaehtoiset", "Ehrenamtliche", "volunteers"}},
    {S::kCulture, N, {"museum", "museum", "museum", "museo", "Museum", "museum"}},
    {S::kCulture, N, {"musik", "musik", "musikk", "musiikki", "Musik", "music"}},
    {S::kCulture, N, {"ungdomsklub", "fritidsgård", "fritidsklubb", "nuorisotalo", "Jugendzentrum", "youth club"}},
    {S::kCulture, N, {"arrangementer", "evenemang", "arrangementer", "tapahtumat", "Veranstaltungen", "events"}},
    {S::kCulture, N, {"svømmehal", "simhall", "svømmehall", "uimahalli", "Schwimmbad", "swimming pool"}},
    {S::kCulture, N, {"medborgerhus", "medborgarhus", "grendehus", "asukastalo", "Bürgerhaus", "community centre"}},
    {S::kCulture, N, {"kunst", "konst", "kunst", "taide", "Kunst", "art"}},
    {S::kCulture, N, {"læseklub", "läsecirkel", "lesesirkel", "lukupiiri", "Lesekreis", "reading circle"}},

    // General nouns, used in every sector.
    {S::kGeneral, N, {"kommune", "kommun", "kommune", "kunta", "Gemeinde", "municipality"}},
    {S::kGeneral, G, {"borgere", "invånare", "innbyggere", "kuntalaiset", "Bürger", "citizens"}},
    {S::kGeneral, N, {"indsats", "insats", "innsats", "toimenpide", "Maßnahme", "intervention"}},
    {S::kGeneral, N, {"løsning", "lösning", "løsning", "ratkaisu", "Lösung", "solution"}},
    {S::kGeneral, N, {"projekt", "projekt", "prosjekt", "hanke", "Projekt", "project"}},
    {S::kGeneral, N, {"samarbejde", "samarbete", "samarbeid", "yhteistyö", "Zusammenarbeit", "collaboration"}},
    {S::kGeneral, N, {"medarbejdere", "medarbetare", "medarbeidere", "työntekijät", "Mitarbeitende", "staff"}},
    {S::kGeneral, N, {"service", "tjänst", "tjeneste", "palvelu", "Dienstleistung", "service"}},
    {S::kGeneral, N, {"metode", "metod", "metode", "menetelmä", "Methode", "method"}},
    {S::kGeneral, N, {"model", "modell", "modell", "malli", "Modell", "model"}},
    {S::kGeneral, N, {"kvalitet", "kvalitet", "kvalitet", "laatu", "Qualität", "quality"}},
    {S::kGeneral, N, {"effekt", "effekt", "effekt", "vaikutus", "Wirkung", "effect"}},
    {S::kGeneral, N, {"region", "region", "fylke", "maakunta", "Landkreis", "region"}},
    {S::kGeneral, N, {"pilotprojekt", "pilotprojekt", "pilotprosjekt", "kokeilu", "Pilotprojekt", "pilot"}},
    {S::kGeneral, N, {"evaluering", "utvärdering", "evaluering", "arviointi", "Evaluation", "evaluation"}},
    {S::kGeneral, N, {"omkostninger", "kostnader", "kostnader", "kustannukset", "Kosten", "costs"}},
    {S::kGeneral, N, {"besparelser", "besparingar", "besparelser", "säästöt", "Einsparungen", "savings"}},
    {S::kGeneral, N, {"effektivisering", "effektivisering", "effektivisering", "tehostaminen", "Effizienzsteigerung", "efficiency"}},
    {S::kGeneral, N, {"innovation", "innovation", "innovasjon", "innovaatio", "Innovation", "innovation"}},
    {S::kGeneral, N, {"borgerinddragelse", "medborgardialog", "innbyggerinvolvering", "osallistaminen", "Bürgerbeteiligung", "citizen participation"}},
    {S::kGeneral, N, {"velfærd", "välfärd", "velferd", "hyvinvointi", "Wohlfahrt", "welfare"}},
    {S::kGeneral, N, {"behov", "behov", "behov", "tarpeet", "Bedarf", "needs"}},
    {S::kGeneral, N, {"målgruppe", "målgrupp", "målgruppe", "kohderyhmä", "Zielgruppe", "target group"}},
    {S::kGeneral, N, {"implementering", "implementering", "implementering", "käyttöönotto", "Umsetzung", "implementation"}},
    {S::kGeneral, N, {"opskalering", "uppskalning", "oppskalering", "skaalaus", "Skalierung", "scaling"}},
    {S::kGeneral, N, {"erfaringer", "erfarenheter", "erfaringer", "kokemukset", "Erfahrungen", "experiences"}},
    {S::kGeneral, N, {"viden", "kunskap", "kunnskap", "tieto", "Wissen", "knowledge"}},
    {S::kGeneral, N, {"retningslinjer", "riktlinjer", "retningslinjer", "ohjeet", "Leitlinien", "guidelines"}},
    {S::kGeneral, N, {"lovgivning", "lagstiftning", "lovverk", "lainsäädäntö", "Gesetzgebung", "legislation"}},
    {S::kGeneral, N, {"finansiering", "finansiering", "finansiering", "rahoitus", "Finanzierung", "funding"}},
    {S::kGeneral, N, {"netværk", "nätverk", "nettverk", "verkosto", "Netzwerk", "network"}},
    {S::kGeneral, N, {"partnerskab", "partnerskap", "partnerskap", "kumppanuus", "Partnerschaft", "partnership"}},
    {S::kGeneral, N, {"civilsamfundet", "civilsamhället", "sivilsamfunnet", "kansalaisjärjestöt", "Zivilgesellschaft", "civil society"}},
    {S::kGeneral, N, {"kursus", "kurs", "kurs", "kurssi", "Kurs", "course"}},
    {S::kGeneral, N, {"uddannelse", "utbildning", "utdanning", "koulutus", "Bildung", "education"}},
    {S::kGeneral, N, {"proces", "process", "prosess", "prosessi", "Prozess", "process"}},
    {S::kGeneral, N, {"arbejdsgange", "arbetssätt", "arbeidsprosesser", "työprosessit", "Arbeitsabläufe", "workflows"}},
    {S::kGeneral, N, {"mål", "mål", "mål", "tavoite", "Ziel", "goal"}},
    {S::kGeneral, N, {"resultater", "resultat", "resultater", "tulokset", "Ergebnisse", "results"}},
    {S::kGeneral, N, {"udfordringer", "utmaningar", "utfordringer", "haasteet", "Herausforderungen", "challenges"}},
    {S::kGeneral, N, {"dialog", "dialog", "dialog", "vuoropuhelu", "Dialog", "dialogue"}},
    {S::kGeneral, N, {"møder", "möten", "møter", "tapaamiset", "Treffen", "meetings"}},
    {S::kGeneral, N, {"kontakt", "kontakt", "kontakt", "yhteydenpito", "Kontakt", "contact"}},
    {S::kGeneral, N, {"information", "information", "informasjon", "tiedotus", "Information", "information"}},
    {S::kGeneral, N, {"dokumentation", "dokumentation", "dokumentasjon", "dokumentointi", "Dokumentation", "documentation"}},
    {S::kGeneral, N, {"team", "team", "team", "tiimi", "Team", "team"}},
    {S::kGeneral, N, {"ledelse", "ledning", "ledelse", "johtaminen", "Führung", "management"}},
    {S::kGeneral, N, {"koordinering", "samordning", "koordinering", "koordinointi", "Koordinierung", "coordination"}},
    {S::kGeneral, N, {"tid", "tid", "tid", "aika", "Zeit", "time"}},
    {S::kGeneral, N, {"uge", "vecka", "uke", "viikko", "Woche", "week"}},
    {S::kGeneral, N, {"år", "år", "år", "vuosi", "Jahr", "year"}},
    {S::kGeneral, N, {"procent", "procent", "prosent", "prosenttia", "Prozent", "percent"}},

    // Verbs and adjectives of every sector; never inflected.
    {S::kCommon, N, {"tværfaglig", "tvärprofessionell", "tverrfaglig", "moniammatillinen", "interdisziplinär", "interdisciplinary"}},
    {S::kCommon, N, {"helhedsorienteret", "helhetsinriktad", "helhetlig", "kokonaisvaltainen", "ganzheitlich", "holistic"}},
    {S::kCommon, N, {"lokal", "lokal", "lokal", "paikallinen", "lokal", "local"}},
    {S::kCommon, N, {"national", "nationell", "nasjonal", "kansallinen", "national", "national"}},
    {S::kCommon, N, {"ny", "ny", "ny", "uusi", "neu", "new"}},
    {S::kCommon, N, {"bedre", "bättre", "bedre", "parempi", "besser", "better"}},
    {S::kCommon, N, {"hurtigere", "snabbare", "raskere", "nopeampi", "schneller", "faster"}},
    {S::kCommon, N, {"enkel", "enkel", "enkel", "yksinkertainen", "einfach", "simple"}},
    {S::kCommon, N, {"hjælpe", "hjälpa", "hjelpe", "auttaa", "helfen", "help"}},
    {S::kCommon, N, {"reducere", "minska", "redusere", "vähentää", "reduzieren", "reduce"}},
    {S::kCommon, N, {"forbedre", "förbättra", "forbedre", "parantaa", "verbessern", "improve"}},
    {S::kCommon, N, {"tilbyde", "erbjuda", "tilby", "tarjota", "anbieten", "offer"}},
    {S::kCommon, N, {"udvikle", "utveckla", "utvikle", "kehittää", "entwickeln", "develop"}},
    {S::kCommon, N, {"styrke", "stärka", "styrke", "vahvistaa", "stärken", "strengthen"}},
    {S::kCommon, N, {"bruge", "använda", "bruke", "käyttää", "nutzen", "use"}},
    {S::kCommon, N, {"skabe", "skapa", "skape", "luoda", "schaffen", "create"}},
    {S::kCommon, N, {"sikre", "säkerställa", "sikre", "varmistaa", "sicherstellen", "ensure"}},
    {S::kCommon, N, {"øge", "öka", "øke", "lisätä", "erhöhen", "increase"}},
    {S::kCommon, N, {"forebygge", "förebygga", "forebygge", "ehkäistä", "vorbeugen", "prevent"}},
    {S::kCommon, N, {"finde", "hitta", "finne", "löytää", "finden", "find"}},
    {S::kCommon, N, {"dele", "dela", "dele", "jakaa", "teilen", "share"}},
    {S::kCommon, N, {"afprøve", "testa", "teste", "kokeilla", "erproben", "test"}},
    {S::kCommon, N, {"understøtte", "stödja", "understøtte", "tukea", "unterstützen", "support"}},
    {S::kCommon, N, {"mangler", "saknar", "mangler", "puuttuu", "fehlt", "lack"}},
    {S::kCommon, N, {"søger", "söker", "søker", "etsimme", "suchen", "seek"}},
    {S::kCommon, N, {"ønsker", "önskar", "ønsker", "haluamme", "wünschen", "want"}},
};

constexpr absl::string_view kDanishFunctionWords[] = {
    "og", "i", "at", "det", "en", "til", "er", "som", "på", "de", "med", "for", "af", "den",
    "der", "vi", "et", "har", "kan", "skal", "ikke", "om", "så", "fra", "men", "også", "når",
    "vil", "være", "eller", "deres", "alle", "mere", "hvor", "efter", "blive", "ved", "mange",
    "vores", "gennem"};
constexpr absl::string_view kSwedishFunctionWords[] = {
    "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har",
    "de", "inte", "om", "ett", "vi", "kan", "ska", "men", "också", "när", "eller", "från", "så",
    "blir", "vara", "alla", "fler", "där", "efter", "deras", "mer", "många", "vår", "våra",
    "genom", "under"};
constexpr absl::string_view kNorwegianFunctionWords[] = {
    "og", "i", "det", "som", "en", "på", "er", "til", "for", "med", "av", "at", "har", "de",
    "ikke", "den", "vi", "kan", "skal", "om", "et", "men", "også", "når", "eller", "fra", "så",
    "blir", "være", "alle", "flere", "der", "etter", "deres", "mer", "mange", "vår", "våre",
    "gjennom", "under"};
constexpr absl::string_view kFinnishFunctionWords[] = {
    "ja", "on", "ei", "se", "että", "myös", "kun", "tai", "joka", "ovat", "mutta", "niin",
    "sekä", "jotta", "voi", "kanssa", "he", "me", "jo", "mukaan", "tämä", "nämä", "jos", "kuin",
    "vain", "yli", "ennen", "jälkeen", "paljon", "meidän", "heidän", "olla", "oli", "ole",
    "enemmän", "vielä", "siten", "kautta", "hyvin", "koko"};
constexpr absl::string_view kGermanFunctionWords[] = {
    "die", "der", "und", "in", "den", "zu", "das", "mit", "von", "für", "ist", "im", "auf", "des",
    "dem", "sich", "nicht", "ein", "eine", "werden", "wird", "als", "auch", "es", "an", "bei",
    "wir", "können", "oder", "durch", "mehr", "sind", "nach", "um", "über", "einen", "einer",
    "zur", "vom", "unsere"};
constexpr absl::string_view kEnglishFunctionWords[] = {
    "the", "and", "of", "to", "in", "a", "for", "is", "with", "on", "that", "are", "by", "as",
    "we", "can", "be", "this", "from", "more", "our", "it", "an", "or", "at", "their", "will",
    "not", "have", "has", "all", "which", "also", "who", "into", "through", "many", "when",
    "they", "so"};

using L = CorpusLanguage;
constexpr Municipality kMunicipalities[] = {
    {"DK", "DK01", "Københavns Kommune", 650000, L::kDanish},
    {"DK", "DK01", "Gentofte Kommune", 75000, L::kDanish},
    {"DK", "DK02", "Roskilde Kommune", 90000, L::kDanish},
    {"DK", "DK02", "Holbæk Kommune", 72000, L::kDanish},
    {"DK", "DK02", "Lolland Kommune", 40000, L::kDanish},
    {"DK", "DK03", "Odense Kommune", 205000, L::kDanish},
    {"DK", "DK03", "Vejle Kommune", 120000, L::kDanish},
    {"DK", "DK03", "Esbjerg Kommune", 115000, L::kDanish},
    {"DK", "DK04", "Aarhus Kommune", 360000, L::kDanish},
    {"DK", "DK04", "Viborg Kommune", 97000, L::kDanish},
    {"DK", "DK05", "Aalborg Kommune", 220000, L::kDanish},
    {"SE", "SE11", "Stockholms stad", 980000, L::kSwedish},
    {"SE", "SE12", "Örebro kommun", 157000, L::kSwedish},
    {"SE", "SE12", "Linköpings kommun", 165000, L::kSwedish},
    {"SE", "SE21", "Växjö kommun", 95000, L::kSwedish},
    {"SE", "SE22", "Malmö stad", 350000, L::kSwedish},
    {"SE", "SE23", "Göteborgs stad", 590000, L::kSwedish},
    {"SE", "SE31", "Gävle kommun", 103000, L::kSwedish},
    {"SE", "SE33", "Umeå kommun", 130000, L::kSwedish},
    {"SE", "SE33", "Kiruna kommun", 22000, L::kSwedish},
    {"FI", "FI19", "Vasa stad", 68000, L::kSwedish},
    {"FI", "FI1B", "Borgå stad", 51000, L::kSwedish},
    {"NO", "NO08", "Oslo kommune", 700000, L::kNorwegian},
    {"NO", "NO0A", "Bergen kommune", 290000, L::kNorwegian},
    {"NO", "NO0A", "Stavanger kommune", 145000, L::kNorwegian},
    {"NO", "NO06", "Trondheim kommune", 210000, L::kNorwegian},
    {"NO", "NO07", "Tromsø kommune", 78000, L::kNorwegian},
    {"NO", "NO07", "Bodø kommune", 53000, L::kNorwegian},
    {"NO", "NO09", "Kristiansand kommune", 115000, L::kNorwegian},
    {"NO", "NO02", "Hamar kommune", 32000, L::kNorwegian},
    {"FI", "FI1B", "Helsingin kaupunki", 660000, L::kFinnish},
    {"FI", "FI19", "Tampereen kaupunki", 250000, L::kFinnish},
    {"FI", "FI1D", "Oulun kaupunki", 210000, L::kFinnish},
    {"FI", "FI1C", "Turun kaupunki", 200000, L::kFinnish},
    {"FI", "FI19", "Jyväskylän kaupunki", 145000, L::kFinnish},
    {"FI", "FI1D", "Kuopion kaupunki", 122000, L::kFinnish},
    {"FI", "FI1D", "Rovaniemen kaupunki", 65000, L::kFinnish},
    {"DE", "DED5", "Stadt Leipzig", 600000, L::kGerman},
    {"DE", "DEA2", "Stadt Köln", 1080000, L::kGerman},
    {"DE", "DE21", "Landeshauptstadt München", 1500000, L::kGerman},
    {"DE", "DE13", "Stadt Freiburg im Breisgau", 230000, L::kGerman},
    {"DE", "DEF0", "Landeshauptstadt Kiel", 246000, L::kGerman},
    {"DE", "DEA4", "Stadt Bielefeld", 334000, L::kGerman},
    {"DE", "DED2", "Landkreis Görlitz", 250000, L::kGerman},
    {"GB", "", "Leeds City Council", 800000, L::kEnglish},
    {"GB", "", "Bristol City Council", 470000, L::kEnglish},
    {"GB", "", "Glasgow City Council", 630000, L::kEnglish},
    {"GB", "", "Camden Council", 210000, L::kEnglish},
    {"IE", "IE05", "Cork County Council", 360000, L::kEnglish},
    {"IE", "IE06", "Dublin City Council", 590000, L::kEnglish},
    {"IE", "IE04", "Galway County Council", 190000, L::kEnglish},
};

constexpr absl::string_view kEmploymentCofog[] = {"10.5", "04.1"};
constexpr absl::string_view kIncomeSupportCofog[] = {"10.7"};
constexpr absl::string_view kElderlyCareCofog[] = {"10.2"};
constexpr absl::string_view kDisabilityCofog[] = {"10.1"};
constexpr absl::string_view kFamilyCofog[] = {"10.4"};
constexpr absl::string_view kSchoolsCofog[] = {"09.1", "09.2"};
constexpr absl::string_view kHealthCofog[] = {"07.2", "07.3", "07.4"};
constexpr absl::string_view kHousingCofog[] = {"06.1", "10.6"};
constexpr absl::string_view kClimateCofog[] = {"05.1", "05.3", "05.4", "04.3"};
constexpr absl::string_view kTransportCofog[] = {"04.5"};
constexpr absl::string_view kDigitalCofog[] = {"01.3"};
constexpr absl::string_view kSafetyCofog[] = {"03.1", "03.2"};
constexpr absl::string_view kCultureCofog[] = {"08.1", "08.2"};

const SectorInfo kSectors[] = {
    {S::kEmployment, "employment", kEmploymentCofog, 0.12},
    {S::kIncomeSupport, "income support", kIncomeSupportCofog, 0.08},
    {S::kElderlyCare, "elderly care", kElderlyCareCofog, 0.12},
    {S::kDisability, "disability", kDisabilityCofog, 0.06},
    {S::kFamily, "family and children", kFamilyCofog, 0.07},
    {S::kSchools, "schools", kSchoolsCofog, 0.10},
    {S::kHealth, "health", kHealthCofog, 0.13},
    {S::kHousing, "housing", kHousingCofog, 0.06},
    {S::kClimate, "climate and environment", kClimateCofog, 0.09},
    {S::kTransport, "transport", kTransportCofog, 0.04},
    {S::kDigital, "digital services", kDigitalCofog, 0.08},
    {S::kSafety, "public safety", kSafetyCofog, 0.03},
    {S::kCulture, "culture and leisure", kCultureCofog, 0.02},
};
// clang-format on
static_assert(std::size(kSectors) == kTopicSectorCount);

}  // namespace

absl::string_view LanguageCode(CorpusLanguage language) {
  static constexpr absl::string_view kCodes[] = {"da", "sv", "no", "fi", "de", "en"};
  return kCodes[static_cast<size_t>(language)];
}

absl::Span<const SectorInfo> TopicSectors() { return kSectors; }

absl::Span<const Concept> Concepts() { return kConcepts; }

absl::Span<const absl::string_view> FunctionWords(CorpusLanguage language) {
  switch (language) {
    case CorpusLanguage::kDanish:
      return kDanishFunctionWords;
    case CorpusLanguage::kSwedish:
      return kSwedishFunctionWords;
    case CorpusLanguage::kNorwegian:
      return kNorwegianFunctionWords;
    case CorpusLanguage::kFinnish:
      return kFinnishFunctionWords;
    case CorpusLanguage::kGerman:
      return kGermanFunctionWords;
    case CorpusLanguage::kEnglish:
      return kEnglishFunctionWords;
  }
  return {};
}

absl::Span<const Municipality> Municipalities() { return kMunicipalities; }

}  // namespace corematch::matching::bench
