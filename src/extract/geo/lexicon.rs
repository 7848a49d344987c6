//! The small word lists toponym recognition weighs evidence with: words that are never places,
//! words that make a name a person's or an organisation's, words that make it a place. English
//! news usage; lower case, folded.

/// Words that are never places on their own: function words, months, weekdays, titles.
#[rustfmt::skip]
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "he", "she", "it", "we", "they", "i", "you", "his", "her", "its", "our",
    "their", "this", "that", "these", "those", "there", "here", "but", "and", "or", "if", "as",
    "at", "by", "for", "from", "in", "on", "of", "to", "with", "so", "no", "not", "all", "some",
    "many", "most", "one", "two", "three", "when", "while", "after", "before", "since", "during",
    "what", "who", "why", "how", "where", "mr", "mrs", "ms", "dr", "st", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god",
    "president", "minister", "police", "army", "reuters", "news", "said", "state", "city",
    "government", "ministry", "council", "union", "republic", "kingdom", "university", "church",
    "party", "north", "south", "east", "west", "central", "christmas", "easter", "ramadan",
    "internet", "twitter", "facebook", "google", "apple", "media", "coalition", "forces", "ap",
    "afp", "cnn", "bbc", "nato", "isis", "isil", "daesh", "un", "u n", "al", "el", "la", "de",
    "northern", "southern", "eastern", "western", "centre", "center", "white house", "first",
    "capital", "coast", "centrale", "act", "est", "upper", "lower", "middle", "interior",
    "littoral", "highlands", "lakes", "islands", "plateau", "savanes", "western area", "hamas",
];

/// Words before a name that make it a person's: titles and offices.
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "president", "gen", "general", "col", "colonel", "sen",
    "senator", "rep", "gov", "governor", "minister", "secretary", "king", "queen", "prince",
    "princess", "pope", "sheikh", "judge", "justice", "lt", "sgt", "capt", "captain", "officer",
    "chief", "director", "spokesman", "spokeswoman", "commander", "ayatollah", "imam", "sir",
    "lord", "lady", "mayor", "coach", "professor", "prof", "maj", "major", "sheriff", "saint",
    "father", "brother", "sister", "uncle", "aunt", "son", "daughter", "wife", "husband",
    "treasurer", "chancellor", "chairman", "premier", "ambassador",
];

/// Words before a name that say it is a place.
#[rustfmt::skip]
pub const PLACE_BEFORE: &[&str] = &[
    "in", "near", "at", "from", "outside", "into", "across", "around", "toward", "towards", "via",
    "through", "throughout", "inside", "to", "between", "visit", "visited", "entered", "northern",
    "southern", "eastern", "western", "central", "downtown", "province", "city", "town",
    "village", "capital", "region", "governorate", "district", "county", "state", "suburb",
    "outskirts", "neighboring", "neighbouring", "based",
];

/// Words after a name that say it is a place.
#[rustfmt::skip]
pub const PLACE_AFTER: &[&str] = &[
    "province", "governorate", "city", "district", "region", "county", "state", "area", "village",
    "town", "border", "countryside", "airport", "dam", "valley", "river", "suburb",
    "neighborhood", "neighbourhood", "municipality", "oblast", "prefecture", "peninsula",
];

/// Capitalised words after a name that make it part of an organisation's or a person's name.
#[rustfmt::skip]
pub const ORGANISATION_AFTER: &[&str] = &[
    "times", "post", "journal", "herald", "tribune", "news", "daily", "press", "gazette",
    "university", "college", "institute", "bank", "corp", "inc", "co", "company", "group", "club",
    "fc", "united", "city", "airlines", "airways", "party", "council", "committee", "observatory",
    "association", "foundation", "hospital", "school", "church", "mosque", "hotel", "stadium",
    "street", "avenue", "road", "square", "house", "center", "centre", "state", "states",
    "senators", "capitals", "wizards", "nationals", "redskins", "giants", "jets", "rangers",
    "kings", "raiders", "chargers", "lakers", "clippers", "warriors", "air", "lines",
    "manufacturing", "industries", "financial", "systems", "resources", "international", "inc",
    "ltd", "plc", "holdings", "communications", "energy", "oil", "petroleum", "electric",
    "motors", "savings", "trust", "securities", "partners", "fund", "insurance", "technologies",
    "products", "mining", "steel", "chemical", "chemicals", "federal", "pacific", "power",
    "gas", "telephone", "railroad", "railway", "bancorp", "bankshares", "stores", "foods",
    "aviation", "airline",
];

/// Verbs after a one-word name that make it a person's ("Obama said").
#[rustfmt::skip]
pub const SPEECH_AFTER: &[&str] = &[
    "said", "says", "told", "added", "wrote", "argued", "explained", "noted", "asked",
    "announced", "tweeted", "stated", "replied", "insisted", "warned",
];

/// Words of company news on the wire that say whose market it is: American ("Acme Corp said
/// ... 12 dlrs a share") or British ("Norcros Plc", "100 mln stg", a eurobond issue). They vote for that country
/// as a place in the story's opening would, and lean the resolution of its places that way.
#[rustfmt::skip]
pub const BUSINESS_MARKERS: &[(&str, &str)] = &[
    ("dlrs", "US"), ("Inc", "US"), ("Corp", "US"), ("Co", "US"), ("cts", "US"), ("Shr", "US"),
    ("Plc", "GB"), ("PLC", "GB"), ("stg", "GB"),
    // The Euromarket trades in London: a eurobond issue is London market news.
    ("eurobond", "GB"), ("eurobonds", "GB"), ("Eurobond", "GB"), ("Eurobonds", "GB"),
];

/// What stands before a place named as the exchange a security is listed on ("will be listed in
/// Luxembourg"), lower case with single spaces: a venue, not what the story is about.
pub const LISTING_CUES: &[&str] = &[
    "listed in",
    "listed on",
    "listing in",
    "listing on",
    "listing is in",
    "listing will be in",
    "quoted in",
    "quoted on",
];

/// Business markers too common outside the market they name to vote on their own when the story
/// names other countries: the wire writes "dlrs" for any dollar sum ("a 232 mln U.S. dlr
/// package" for a German bank) and "Co" for companies of every country. Measured on Reuters:
/// of 43 stories whose only American sign was "dlrs" beside another country, 2 were American.
pub const WEAK_BUSINESS_MARKERS: &[&str] = &["dlrs", "Co"];

/// One-word abbreviations of American states and Canadian provinces, as news writes them after
/// a town ("Edmonton, Ky."); taken for the region only in that place, since most are words too.
#[rustfmt::skip]
pub const REGION_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Ala", "Alabama"), ("Ariz", "Arizona"), ("Ark", "Arkansas"), ("Calif", "California"),
    ("Colo", "Colorado"), ("Conn", "Connecticut"), ("Del", "Delaware"), ("Fla", "Florida"),
    ("Ga", "Georgia"), ("Ill", "Illinois"), ("Ind", "Indiana"), ("Kan", "Kansas"),
    ("Kans", "Kansas"), ("Ky", "Kentucky"), ("La", "Louisiana"), ("Md", "Maryland"),
    ("Mass", "Massachusetts"), ("Mich", "Michigan"), ("Minn", "Minnesota"),
    ("Miss", "Mississippi"), ("Mo", "Missouri"), ("Mont", "Montana"), ("Neb", "Nebraska"),
    ("Nev", "Nevada"), ("Okla", "Oklahoma"), ("Ore", "Oregon"), ("Pa", "Pennsylvania"),
    ("Tenn", "Tennessee"), ("Tex", "Texas"), ("Vt", "Vermont"), ("Va", "Virginia"),
    ("Wash", "Washington"), ("Wis", "Wisconsin"), ("Wyo", "Wyoming"), ("Ont", "Ontario"),
    ("Alta", "Alberta"), ("Sask", "Saskatchewan"), ("Man", "Manitoba"), ("Que", "Quebec"),
    ("Nfld", "Newfoundland and Labrador"),
];

/// Lower-case words after a country's name or adjective that make it the name of a currency or
/// its market ("the US dollar exchange rate", "Lebanese pounds"): no place is named.
#[rustfmt::skip]
pub const CURRENCY_AFTER: &[&str] = &[
    "dollar", "dollars", "dlr", "dlrs", "pound", "pounds", "franc", "francs", "lira", "liras",
    "peso", "pesos", "rupee", "rupees", "dinar", "dinars", "riyal", "riyals", "yen", "yuan",
    "rouble", "roubles", "ruble", "rubles", "currency",
];

/// Lower-case words after a name that make it the name of a thing, not of where it is ("a Molotov
/// cocktail", "the Saray square", "the Banks street"): no place is named.
pub const THING_AFTER: &[&str] = &["cocktail", "cocktails", "square", "street", "avenue"];
