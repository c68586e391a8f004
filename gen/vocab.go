package gen

// The vocabulary of the synthetic letters. Organisations the loader's dictionary knows are
// mixed with organisations built from parts (type × theme × place, Stichting × place), so
// that a bigger corpus names more organisations, as a real archive does.

// knownOrgs are spellings the loader's curated dictionary (loader/data/organisations.tsv)
// resolves; they are the hubs of the graph, as CoMensha and the police are in the real one.
var knownOrgs = []string{
	"CoMensha", "het CKM", "Fier", "Defence for Children", "FairWork", "Leger des Heils",
	"HVO Querido", "de VNG", "het CCV", "de politie", "het OM", "de Nederlandse Arbeidsinspectie",
	"de Koninklijke Marechaussee", "het EMM", "de AVIM", "het Rode Kruis", "Humanitas", "Movisie",
	"het SOM", "de RIEC's", "Moviera", "Lumens",
}

// orgTypes are the first words of constructed organisation names, each with the two letters
// its abbreviation starts with. Every type contains a word the loader takes for an
// organisation (centrum, netwerk, platform, overleg, team, commissie, bureau).
var orgTypes = []struct{ name, code string }{
	{"Expertisecentrum", "EC"}, {"Kenniscentrum", "KC"}, {"Zorgnetwerk", "ZN"},
	{"Regionaal Platform", "RP"}, {"Landelijk Netwerk", "LN"}, {"Ketenoverleg", "KO"},
	{"Meldcentrum", "MC"}, {"Coördinatieteam", "CT"}, {"Adviescommissie", "AC"},
	{"Interventieteam", "IT"}, {"Steunbureau", "SB"}, {"Opvangcentrum", "OC"},
}

// orgThemes are the middle words, each with one capital of the abbreviation.
var orgThemes = []struct{ name, code string }{
	{"Arbeidsuitbuiting", "A"}, {"Mensenhandel", "M"}, {"Kinderhandel", "K"}, {"Uitbuiting", "U"},
	{"Slachtofferzorg", "S"}, {"Jeugdbescherming", "J"}, {"Prostitutiebeleid", "P"},
	{"Criminaliteitsbestrijding", "C"}, {"Hulpverlening", "H"}, {"Bewustwording", "B"},
	{"Gegevensdeling", "G"}, {"Identificatie", "I"}, {"Nazorg", "N"}, {"Recherche", "R"},
	{"Toezicht", "T"}, {"Voorlichting", "V"}, {"Ketensamenwerking", "W"}, {"Opvang", "O"},
	{"Loverboyaanpak", "L"},
}

// places are regions and municipalities, each with a two-letter code (capital, small).
var places = []struct{ name, code string }{
	{"Groningen", "Gr"}, {"Friesland", "Fr"}, {"Drenthe", "Dr"}, {"Twente", "Tw"}, {"Overijssel", "Ov"},
	{"Gelderland", "Gl"}, {"Utrecht", "Ut"}, {"Flevoland", "Fl"}, {"Amsterdam", "Am"}, {"Rotterdam", "Rd"},
	{"Haaglanden", "Hg"}, {"Zeeland", "Zl"}, {"Limburg", "Lb"}, {"Brabant", "Bb"}, {"Eindhoven", "Eh"},
	{"Tilburg", "Tb"}, {"Nijmegen", "Nm"}, {"Arnhem", "Ah"}, {"Zwolle", "Zw"}, {"Leeuwarden", "Lw"},
	{"Enschede", "Es"}, {"Deventer", "Dv"}, {"Apeldoorn", "Ap"}, {"Amersfoort", "Af"}, {"Almere", "Al"},
	{"Haarlem", "Hl"}, {"Leiden", "Ld"}, {"Delft", "Df"}, {"Dordrecht", "Dd"}, {"Breda", "Bd"},
	{"Venlo", "Vl"}, {"Maastricht", "Mt"}, {"Heerlen", "Hr"}, {"Roermond", "Rm"}, {"Emmen", "Em"},
	{"Assen", "As"}, {"Hoorn", "Ho"}, {"Alkmaar", "Ak"}, {"Zaanstad", "Zs"}, {"Gouda", "Gd"},
	{"Oss", "Os"}, {"Helmond", "Hm"}, {"Vlissingen", "Vs"}, {"Middelburg", "Mb"}, {"Terneuzen", "Tz"},
	{"Lelystad", "Ls"}, {"Harderwijk", "Hw"}, {"Ede", "Ed"}, {"Wageningen", "Wg"}, {"Hilversum", "Hv"},
	{"Zeist", "Zt"}, {"Kampen", "Kp"}, {"Meppel", "Mp"}, {"Sneek", "Sn"}, {"Heerenveen", "Hn"},
	{"Purmerend", "Pm"}, {"Schiedam", "Sd"}, {"Vlaardingen", "Vd"}, {"Zoetermeer", "Zm"}, {"Veenendaal", "Vn"},
}

// stichtingNames are the middle words of "Stichting <name> <place>".
var stichtingNames = []string{
	"Kompas", "Horizon", "Schakel", "Baken", "Anker", "Vuurtoren", "Brug", "Wegwijzer", "Toevlucht",
	"Vrijplaats", "Morgenrood", "Lichtpunt", "Steunpilaar", "Veilige Haven", "Nieuwe Start", "Open Deur",
	"Kruispunt", "Zonnebloem", "Kade", "Fundament", "Perspectief", "Overstap", "Wending", "Dageraad",
	"Eigen Kracht", "Samen Sterk", "Vrije Vogel", "Terugweg", "Uitweg", "Houvast", "Rustpunt", "Oase",
	"Keerpunt", "Springplank", "Meander", "Zeepaard", "Kiem", "Krachtbron", "Nachtegaal", "Waakvlam",
}

// bureauNames make research bureaus: "onderzoeksbureau <surname> <suffix>".
var bureauSuffixes = []string{"Research", "Consult", "Analyse", "Beleidsonderzoek", "Advies"}

// surnames of members of parliament. Members beyond this list get double surnames
// ("Bakker-Visser"), so the number of members grows with the corpus.
var surnames = []string{
	"Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker",
	"Brouwer", "Dijkstra", "Kok", "Jacobs", "Vermeulen", "Schouten", "Willems", "Hoekstra", "Koster",
	"Prins", "Blom", "Huisman", "Kuipers", "Veenstra", "Kramer", "Postma", "Bosman", "Kuiper", "Wolters",
	"Hermans", "Verbeek", "Timmermans", "Groen", "Sluiter", "Haan", "Scholten", "Post", "Vink", "Hoekman",
	"Molenaar", "Jansma", "Boersma", "Wiersma", "Zijlstra", "Koning", "Veldhuis", "Kort", "Bruins", "Kuik",
	"Bikker", "Mutluer", "Verkuilen", "Podt", "Ceder", "Kuiken", "Segers", "Asscher", "Veltman", "Krul",
	"Brekelmans", "Ellian", "Coenradie", "Michon", "Eerdmans", "Sneller", "Wuite", "Boswijk", "Helder",
	"Vijlbrief", "Dassen", "Omtzigt", "Agema", "Stoffer", "Bontenbal", "Paternotte", "Klaver", "Marijnissen",
	"Jetten", "Hertzberger", "Tielen", "Aukje", "Graus", "Markuszower", "Vondeling", "Bosma", "Wilders",
	"Rajkowski", "Hagen", "Westerveld", "Nijboer", "Thijssen", "Bushoff", "Kathmann", "Piri", "Dobbe",
	"Beckerman", "Leijten", "Ouwehand", "Teunissen", "Kostić", "Vestering", "Dijk", "Grinwis", "Bisschop",
	"Flach", "Kops", "Zeedijk", "Keijzer", "Schoonis", "Werner", "Slootweg", "Amhaouch", "Boulakjar",
	"Hammelburg", "Stultiens", "Inge", "Rooderkerk", "Mohandis", "Palland", "Valstar", "Heinen", "Aartsen",
	"Kisteman", "Haverkort", "Strolenberg", "Tseggai", "Maatoug", "Sjoerdsma", "Hoogeveen", "Kamminga",
	"Mohrmann", "Oosterhuis", "Smals", "Joseph", "Vliet", "Wingerden", "Raan", "Pouw",
	"Nijssen", "Holman", "Stiekema", "Vermeer", "Boomsma", "Idsinga", "Rikkers", "Kröger", "Bromet",
	"Schilder", "Faddegon", "Nordkamp", "Zwinkels", "Uppelschoten", "Oostenbrink", "Beugel", "Zoutewelle",
}

// parties are fracties without digits in their names (the loader reads "(D66)" as no party).
var parties = []string{"VVD", "PVV", "NSC", "BBB", "GL/PvdA", "CDA", "SP", "CU", "SGP", "DENK", "PvdD", "Volt", "FvD"}

// signers are the bewindspersonen who sign; office and name as printed under a letter.
var signers = []struct{ office, name string }{
	{"Minister van Justitie en Veiligheid", "D. Yeşilgöz-Zegerius"},
	{"Minister van Justitie en Veiligheid", "D.M. van Weel"},
	{"Minister van Justitie en Veiligheid", "F.B.J. Grapperhaus"},
	{"Staatssecretaris van Justitie en Veiligheid", "E. van der Burg"},
	{"Staatssecretaris van Justitie en Veiligheid", "A. Broekers-Knol"},
	{"Staatssecretaris van Justitie en Veiligheid", "I. Coenradie"},
	{"Minister voor Rechtsbescherming", "S. Dekker"},
	{"Minister voor Rechtsbescherming", "F.M. Weerwind"},
}

// coOffices are the offices a letter is sent "mede namens".
var coOffices = []string{
	"de Minister van Sociale Zaken en Werkgelegenheid", "de Staatssecretaris van Volksgezondheid, Welzijn en Sport",
	"de Minister van Buitenlandse Zaken", "de Minister voor Asiel en Migratie", "de Minister van Onderwijs, Cultuur en Wetenschap",
	"de Staatssecretaris van Jeugd, Preventie en Sport", "de Minister van Binnenlandse Zaken en Koninkrijksrelaties",
}

// actielijnen of the plan, as the real letters title them.
var actielijnTitles = []string{
	"Creëren van brede bewustwording",
	"Vergroten van de meldingsbereidheid",
	"Investeren in en werken aan een betere vaststelling van slachtofferschap en bescherming van slachtoffers",
	"Verbeteren van de (bovenregionale en regionale) samenwerking",
	"Verbetering van de informatiedeling en gegevensverwerking",
	"Versterken van de positie van minderjarige slachtoffers",
	"Aanpakken van daders en verstoren van het verdienmodel",
	"Versterken van de internationale samenwerking",
}

// actionVerbs and actionObjects make the titles of actions in the budget tables.
var actionVerbs = []string{"Inventarisatie van", "Verkenning van", "Ontwikkelen van", "Doorontwikkeling van", "Evaluatie van",
	"Opzetten van", "Versterken van", "Uitbreiden van", "Training over", "Pilot met"}
var actionObjects = []string{"bestaande bewustwordingscampagnes", "meldpunten voor slachtoffers", "een centraal informatiepunt",
	"de zorgcoördinatie in de regio", "samenwerkingsconvenanten informatiedeling", "het non-punishmentbeginsel",
	"barrièremodellen tegen uitbuiting", "de opvang van minderjarige slachtoffers", "een landelijk screeningsinstrument",
	"de online opsporing", "de aanpak van klanten", "kennis over arbeidsuitbuiting", "signalering in het onderwijs",
	"de identificatie van slachtoffers", "de ketenregie mensenhandel", "het verdienmodel van daders"}

// reportTopics make report titles: "<topic> in <place> <year>".
var reportTopics = []string{"Zicht op arbeidsuitbuiting", "Onzichtbare slachtoffers", "Verborgen arbeid", "Signalen van uitbuiting",
	"Minderjarige slachtoffers", "Criminele uitbuiting van jongeren", "Mensenhandel in de keten", "Kwetsbare arbeidsmigranten",
	"Loverboys en social media", "Uitbuiting in de schoonmaak", "Seksuele uitbuiting online", "Opvang na uitbuiting",
	"Daders van mensenhandel", "Hulpvragen rond mensenhandel", "Meldingen van uitbuiting"}

// subjects of motions and letters.
var subjects = []string{
	"de aanpak van arbeidsuitbuiting in de vleessector", "de bescherming van minderjarige slachtoffers",
	"een landelijk systeem en landelijke aansturing", "het wettelijk verankeren van het non-punishmentbeginsel",
	"de aanpak van klanten van slachtoffers", "meer capaciteit voor de recherche mensenhandel",
	"de opvang van slachtoffers van criminele uitbuiting", "een meldplicht voor seksadvertentieplatforms",
	"het verstoren van het verdienmodel van mensenhandelaren", "de positie van arbeidsmigranten",
	"de inzet van de webcrawler mensenhandel", "het bevorderen van adviesrapportages van de reclassering",
	"de samenwerking met gemeenten", "een actieplan tegen criminele uitbuiting van jongeren",
	"de identificatie van slachtoffers buiten het strafrecht", "voorlichting op scholen over loverboys",
}

var debates = []string{"het tweeminutendebat mensenhandel", "het commissiedebat mensenhandel en prostitutie",
	"het plenaire debat over de Wet modernisering en uitbreiding strafbaarstelling mensenhandel",
	"het commissiedebat over het programma Samen tegen mensenhandel", "de begrotingsbehandeling van Justitie en Veiligheid"}

var months = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

// letterDossiers are the dossiers a published letter appears in, with their titles.
var letterDossiers = []struct{ nr, title string }{
	{"28 638", "Mensenhandel"}, {"29 628", "Politie"}, {"29 279", "Rechtsstaat en Rechtsorde"},
	{"31 015", "Kindermishandeling"}, {"32 211", "Prostitutiebeleid"},
}

// motionDossiers are the dossiers motions are filed in.
var motionDossiers = []string{"28 638", "29 628", "29 279", "31 015", "32 211", "35 570", "36 200", "36 410"}

// filler is the prose between the facts: sentences of the family's style. {P} is a place,
// {S} a subject.
var filler = []string{
	"Mensenhandel is een ernstige schending van mensenrechten en één van de meest mensonterende vormen van criminaliteit.",
	"Slachtoffers van mensenhandel krijgen te maken met criminele uitbuiting, seksuele uitbuiting, arbeidsuitbuiting of andere vormen van mensenhandel.",
	"De groep potentiële slachtoffers is divers: ze verschillen van leeftijd, gender en nationaliteit.",
	"De afgelopen periode is hard gewerkt aan de uitvoering van de acties uit het Actieplan programma Samen tegen mensenhandel.",
	"Professionals en organisaties worden ondersteund bij het implementeren van deze kennis in hun dagelijkse praktijk.",
	"Uit de eerste resultaten blijkt dat de regionale samenwerking in {P} de afgelopen jaren is versterkt.",
	"Het is van belang dat signalen van uitbuiting vroegtijdig worden herkend en opgevolgd.",
	"Daarbij wordt nadrukkelijk aandacht besteed aan {S}.",
	"De informatie zal worden betrokken bij het ontwikkelen van een communicatiestrategie.",
	"In de komende periode wordt bezien welke aanvullende maatregelen nodig zijn.",
	"Een effectieve aanpak vraagt om een integrale samenwerking tussen gemeenten, zorg en veiligheidspartners.",
	"De verwachting is dat in het najaar kennisproducten worden opgeleverd die het veld ondersteunen.",
	"Het kabinet blijft zich onverminderd inzetten voor het voorkomen en bestrijden van mensenhandel.",
	"In de regio {P} is een pilot gestart waarin partners gezamenlijk casuïstiek bespreken.",
	"Deze samenwerking is ontzettend belangrijk voor het aanpakken van mensenhandel in Nederland.",
	"Uit de inventarisatie blijkt dat er een groot maar versnipperd aanbod van voorlichtingsmateriaal is.",
	"Ik wil alle betrokkenen bedanken voor hun inzet op dit onderwerp.",
	"De ingezette acties hebben al heel wat in beweging gezet, maar de voortdurende inzet blijft nodig.",
	"Het aantal geregistreerde slachtoffers is in {P} het afgelopen jaar licht gestegen.",
	"Bij de uitwerking wordt aangesloten bij bestaande structuren zoals de zorg- en veiligheidshuizen.",
	"Ook de vaststelling van slachtofferschap buiten het strafrecht om wordt daarbij verkend.",
	"De resultaten worden gedeeld met gemeenten en ketenpartners, zodat zij deze kunnen benutten.",
	"Daarnaast wordt gewerkt aan een landelijk dekkend netwerk van zorgcoördinatoren.",
	"Het streven is deze verkenning voor het einde van het jaar af te ronden.",
	"Ik zal uw Kamer over de voortgang informeren in de volgende voortgangsbrief.",
	"Uit gesprekken met ervaringsdeskundigen blijkt dat drempels om hulp te zoeken nog altijd hoog zijn.",
	"Gemeenten hebben een belangrijke rol bij de signalering, de zorg en de opvang van slachtoffers.",
	"Er wordt ingezet op een uniforme werkwijze, zodat samenwerken over regio's heen makkelijker gaat.",
	"Het aantal meldingen van arbeidsuitbuiting is in {P} toegenomen, met name in de distributiesector.",
	"Met de actiehouders van beide actielijnen worden afspraken gemaakt over de verdere uitwerking.",
	"De inventarisatie heeft als doel een overzicht te krijgen van bestaande initiatieven.",
	"Bij de verdere uitwerking worden ook de ervaringen uit eerdere pilots en onderzoeken meegenomen.",
	"Daarbij is het van belang dat de samenwerkingsstructuur wordt geborgd door structurele inbedding van sleutelfuncties.",
	"De eerste resultaten laten zien dat slachtoffers sneller de weg naar passende hulp vinden.",
	"Ook de bestuurlijke aanpak van mensenhandel in {P} krijgt daarbij aandacht.",
	"Daders maken steeds vaker gebruik van online platforms om slachtoffers te werven en te adverteren.",
	"Om die reden wordt geïnvesteerd in de digitale opsporing en in de capaciteit van de recherche.",
	"De inzet op {S} wordt de komende jaren voortgezet en waar mogelijk geïntensiveerd.",
	"Ik verwacht uw Kamer in het voorjaar nader te kunnen informeren over de uitkomsten.",
	"Internationale samenwerking blijft daarbij onmisbaar, omdat mensenhandel zich niet aan grenzen houdt.",
}
